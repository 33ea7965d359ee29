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
    request = next(r for r in real.values() if r.pupil_id is not None and not r.status.overdue
                   and r.answered_on is None)
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
