"""Rapportages makes its documents of the program's day and moment (the context's ``today`` and ``now``,
which the demo and the tests set), as the register pages show them; not of the computer's clock. Only
"Gemaakt op" is the real moment the file was made."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from ibp_desktop.core.incidents.rules import AMSTERDAM
from ibp_desktop.services.requests.register import RequestService
from tests.ui.helpers import pdf_text

pytestmark = pytest.mark.gui

WAIT = 20_000
REAL = date.today()  # the demo school is made on this day (tests/ui/conftest.py)
LATER = REAL + timedelta(days=400)  # every open request overdue; the demo's open breach long past its 72 h
ACCESS_TAB = "Inzageverzoek (alles over één leerling)"


def made_today() -> str:
    """The "Gemaakt op" line of a file made now (the real day in the Netherlands)."""
    return f"Gemaakt op {datetime.now(AMSTERDAM):%d-%m-%Y}"


def on_later(window: Any) -> None:
    """The program's day is LATER; its moment noon of that day (so its Dutch day is LATER too)."""
    window.context.today = lambda: LATER
    window.context.now = lambda: datetime.combine(LATER, time(12), AMSTERDAM)


def _requests(window: Any, day: date) -> dict[int, Any]:
    rows = RequestService(window.context.database, window.context.actor).list_requests(today=day)
    return {row.id: row for row in rows}


def test_the_access_request_pdf_has_the_statuses_of_the_program_s_day(
    qtbot: QtBot, open_reports: Callable[[str], tuple[Any, Any]], previews: list[tuple[bytes, str]]
) -> None:
    window, page = open_reports("directeur")
    on_later(window)
    real, later = _requests(window, REAL), _requests(window, LATER)
    # A request about a pupil that is still open in time on the real day (Ahmed's, extended)
    request = next(
        r for r in real.values() if r.pupil_id is not None and not r.status.overdue and r.answered_on is None
    )
    assert later[request.id].status.overdue
    page.show_tab(ACCESS_TAB)
    tab = page.access_tab
    qtbot.waitUntil(lambda: bool(tab.pupils), timeout=WAIT)
    text = next(t for t, p in tab.pupils.items() if p.id == request.pupil_id)
    tab.search_field.completer().activated.emit(text)
    tab.preview_button.click()
    qtbot.waitUntil(lambda: bool(previews), timeout=WAIT)
    shown = pdf_text(previews[0][0])
    assert f"stand van {LATER:%d-%m-%Y}" in shown and f"stand van {REAL:%d-%m-%Y}" not in shown
    assert later[request.id].status_text in shown, shown
    assert real[request.id].status_text not in shown
    assert made_today() in shown  # when the file was made


OPEN_BREACH = "Zorgverslag naar verkeerde ouder gemaild"  # the demo's breach: 30 hours old on the real clock


def _due_texts(window: Any, day: date) -> dict[int, str]:
    """The open actions' "Uiterlijk ..." / "Te laat (sinds ...)" on ``day``."""
    from ibp_desktop.services.actions.register import ActionService

    rows = ActionService(window.context.database, window.context.actor).open_actions(today=day)
    return {row.id: row.due_text for row in rows}


def _moved_due_texts(window: Any) -> tuple[set[str], set[str]]:
    """The due texts of the open actions whose status differs on the real day and on LATER."""
    real, later = _due_texts(window, REAL), _due_texts(window, LATER)
    moved = [i for i in later if later[i] != real[i]]
    assert moved  # an action due within the 400 days: "Uiterlijk ..." today, "Te laat (sinds ...)" on LATER
    return {later[i] for i in moved}, {real[i] for i in moved}


def _preview_on_later(
    qtbot: QtBot, window: Any, tab: str, attribute: str, previews: list[tuple[bytes, str]]
) -> str:
    """The text of the preview of Rapportages' tab ``tab`` (the page's ``attribute``), the page opened on
    LATER (so its default period is LATER's school year)."""
    on_later(window)
    assert window.open_page("rapporten")
    page = window.page("rapporten")
    page.show_tab(tab)
    getattr(page, attribute).preview_button.click()
    qtbot.waitUntil(lambda: bool(previews), timeout=WAIT)
    return pdf_text(previews[0][0])


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end)]


def test_the_fg_report_has_the_statuses_and_the_clock_of_the_program_s_moment(
    qtbot: QtBot, login: Callable[[str], Any], previews: list[tuple[bytes, str]]
) -> None:
    window = login("fg")
    text = _preview_on_later(qtbot, window, "FG-rapportage", "fg_tab", previews)
    assert f"stand van {LATER:%d-%m-%Y}" in text
    overdue = _section(text, f"3. Achterstanden op {LATER:%d-%m-%Y}", "4. Open acties")
    real, later = _requests(window, REAL), _requests(window, LATER)
    newly_late = [i for i, row in later.items() if row.status.overdue and not real[i].status.overdue]
    assert newly_late and all(later[i].number in overdue for i in newly_late), overdue
    assert OPEN_BREACH in overdue and "Te laat (" in overdue  # real clock: "Nog 42 uur", not listed
    late, in_time = _moved_due_texts(window)
    actions = _section(text, "4. Open acties", "5. Nieuwe accounts")
    assert all(t in actions for t in late) and not any(t in actions for t in in_time), actions
    assert made_today() in text


def test_the_annual_report_concept_has_the_statuses_of_the_program_s_day(
    qtbot: QtBot, login: Callable[[str], Any], previews: list[tuple[bytes, str]]
) -> None:
    window = login("bestuur")
    text = _preview_on_later(qtbot, window, "Jaarverslag IBP", "annual_tab", previews)
    assert f"Concept, stand van {LATER:%d-%m-%Y}" in text
    late, in_time = _moved_due_texts(window)
    assert all(t in text for t in late) and not any(t in text for t in in_time), text
    assert made_today() in text
