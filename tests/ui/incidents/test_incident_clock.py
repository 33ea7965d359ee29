"""The incident page's 72-hour clock stands at the program's moment (the context's ``now``, which follows
the day a test or the demo sets), in the list, the detail, the incident report and the Overzicht; not at
the computer's clock. The demo's open breach was discovered 30 hours before the demo was made (now)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ibp_desktop.core.incidents.rules import ClockLevel, format_day
from ibp_desktop.services.incidents.register import IncidentService
from ibp_desktop.ui.context import moment_on
from tests.ui.helpers import log_in, pdf_text, save_to
from tests.ui.incidents.conftest import PASSWORDS, row_titled, select

pytestmark = pytest.mark.gui

OPEN_BREACH = "Zorgverslag naar verkeerde ouder gemaild"  # reportable, not notified: the clock runs
NEW_ALERT = "Melding virusscanner op administratie-pc"  # discovered 2 hours before the demo was made


def _window(qtbot: QtBot, make_startup: Any, demo_location: Any) -> Any:
    return log_in(qtbot, make_startup(demo_location), "security", PASSWORDS["security"])


def _discovered(window: Any, title: str) -> datetime:
    rows = IncidentService(window.context.database, window.context.actor).list_incidents()
    return next(row.discovered_at for row in rows if row.title == title)


def _open_page(qtbot: QtBot, window: Any) -> Any:
    assert window.open_page("incidenten")
    page = window.page("incidenten")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    return page


def _clock_cell(page: Any, title: str) -> str:
    column = [c.header for c in page.model.columns].index("72-uursklok")
    row = next(i for i, r in enumerate(page.model.visible_rows) if r.title == title)
    return str(page.model.index(row, column).data(Qt.ItemDataRole.DisplayRole))


def test_list_detail_and_report_show_the_clock_at_the_page_s_moment(
    qtbot: QtBot, make_startup: Any, demo_location: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = _window(qtbot, make_startup, demo_location)
    moment = _discovered(window, OPEN_BREACH) + timedelta(hours=78, minutes=10)  # 6 hours past the 72
    window.context.today = lambda: moment.date()
    window.context.now = lambda: moment
    real = IncidentService(window.context.database, window.context.actor).list_incidents()
    on_the_real_clock = next(r for r in real if r.title == OPEN_BREACH).clock
    assert on_the_real_clock.level is not ClockLevel.RED and on_the_real_clock.text.startswith("Nog ")

    page = _open_page(qtbot, window)
    assert _clock_cell(page, OPEN_BREACH) == "Te laat (6 uur)"
    assert row_titled(page, OPEN_BREACH).clock_level is ClockLevel.RED
    select(qtbot, page, OPEN_BREACH)
    assert page.current.clock.text == "Te laat (6 uur)"
    assert page.pane.badge.text().startswith("Te laat (6 uur): de 72 uur zijn voorbij sinds ")

    save_to(monkeypatch, tmp_path / "incident.pdf")
    page.save_report()
    qtbot.waitUntil(lambda: (tmp_path / "incident.pdf").exists(), timeout=20_000)
    text = pdf_text((tmp_path / "incident.pdf").read_bytes())
    assert "Stand van de 72 uur Te laat (6 uur)" in text
    assert on_the_real_clock.text not in text
    assert f"Gemaakt op {format_day(datetime.now().astimezone())}" in text  # when the file was made


def test_after_a_save_the_pane_shows_the_clock_at_the_page_s_moment(
    qtbot: QtBot, make_startup: Any, demo_location: Any
) -> None:
    """The saved incident comes back from the service with the clock of the moment it was saved (the
    real one); the reload chooses it again and the pane fetches it at the page's moment."""
    window = _window(qtbot, make_startup, demo_location)
    moment = _discovered(window, OPEN_BREACH) + timedelta(hours=78, minutes=10)
    window.context.today = lambda: moment.date()
    window.context.now = lambda: moment
    page = _open_page(qtbot, window)
    select(qtbot, page, OPEN_BREACH)
    page.row_buttons["Tijdlijn aanvullen…"].click()
    page.dialog.text.setPlainText("Ontvanger nogmaals gebeld; het verslag is verwijderd.")
    page.dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.current.timeline[-1].text.startswith("Ontvanger nogmaals"), timeout=10_000)
    qtbot.waitUntil(lambda: page.current.clock.text == "Te laat (6 uur)", timeout=10_000)
    assert page.pane.badge.text().startswith("Te laat (6 uur)")


def test_setting_only_the_day_moves_the_clock_along(
    qtbot: QtBot, make_startup: Any, demo_location: Any
) -> None:
    window = _window(qtbot, make_startup, demo_location)
    window.context.today = lambda: date.today() + timedelta(days=2)  # the time of day stays the real one
    page = _open_page(qtbot, window)
    assert row_titled(page, OPEN_BREACH).clock_level is ClockLevel.RED  # 30 + 48 hours: past the 72
    assert _clock_cell(page, OPEN_BREACH).startswith("Te laat (")
    alert = row_titled(page, NEW_ALERT)  # 2 + 48 hours: under a day left, so amber (real clock: 70 hours)
    assert alert.clock_level is ClockLevel.AMBER and _clock_cell(page, NEW_ALERT).startswith("Nog 2")


def test_the_overview_counts_the_breach_clock_at_the_program_s_moment(
    qtbot: QtBot, make_startup: Any, demo_location: Any
) -> None:
    window = _window(qtbot, make_startup, demo_location)
    window.context.today = lambda: date.today() + timedelta(days=2)
    assert window.open_page("overzicht")
    page = window.page("overzicht")
    page.refresh_all()  # the login read the Overzicht on the real day: the page's day needs its own

    def breach_line() -> str:
        lines = [item.text for item in page.dashboard.attention] if page.dashboard is not None else []
        return next((line for line in lines if OPEN_BREACH in line), "")

    qtbot.waitUntil(lambda: ": te laat (" in breach_line(), timeout=10_000)  # real clock: "nog 42 uur"


def test_the_context_clock_follows_its_day() -> None:
    real = datetime.now().astimezone()
    assert abs(moment_on(date.today()) - real) < timedelta(minutes=1)
    later = moment_on(date.today() + timedelta(days=400))
    assert later.tzinfo is not None and abs(later - real - timedelta(days=400)) < timedelta(minutes=1)


def test_the_open_page_moves_the_clock_on_without_asking_the_database(
    qtbot: QtBot, make_startup: Any, demo_location: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the page is shown a timer moves the 72-hour clock of the loaded rows and of the chosen
    incident to the context's moment; it stops when the page is left. Fired by hand: no waiting."""
    from tests.ui.helpers import finish_background_work

    window = _window(qtbot, make_startup, demo_location)
    discovered = _discovered(window, OPEN_BREACH)
    clock = [discovered + timedelta(hours=70, minutes=30)]  # 90 minutes left
    window.context.today = lambda: clock[0].date()
    window.context.now = lambda: clock[0]
    page = _open_page(qtbot, window)
    select(qtbot, page, OPEN_BREACH)
    assert _clock_cell(page, OPEN_BREACH) == "Nog 1 uur"
    assert page.pane.badge.text().startswith("Nog 1 uur om te melden")
    assert page.clock_timer.isActive() and page.clock_timer.interval() == 60_000
    finish_background_work()

    asked: list[str] = []
    database = window.context.database
    real_transaction = database.transaction
    monkeypatch.setattr(database, "transaction", lambda: asked.append("transaction") or real_transaction())
    for name in ("list_incidents", "detail"):
        real = getattr(IncidentService, name)
        monkeypatch.setattr(IncidentService, name, lambda *a, _real=real, _name=name, **k: asked.append(
            _name) or _real(*a, **k))  # fmt: skip

    clock[0] = discovered + timedelta(hours=72, seconds=20)  # the 72 hours have just passed
    assert _clock_cell(page, OPEN_BREACH) == "Nog 1 uur"  # nothing moves by itself in between
    page.clock_timer.timeout.emit()
    assert _clock_cell(page, OPEN_BREACH) == "Te laat"
    assert row_titled(page, OPEN_BREACH).clock_level is ClockLevel.RED
    assert page.selected_row().title == OPEN_BREACH  # the choice stays
    assert page.current.facts.title == OPEN_BREACH and page.current.clock.text == "Te laat"
    assert page.pane.badge.text().startswith("Te laat: de 72 uur zijn voorbij sinds ")
    finish_background_work()
    assert asked == []  # recomputed from what was loaded

    assert window.open_page("overzicht")  # the page is left: the timer stops
    assert not page.clock_timer.isActive()
