"""A record saved on a register page comes back with its status on the page's day (the context's today,
which the demo and the tests set), the status the page shows at once after the save; not the computer's
day. And the dates the dialogs allow (up to the page's day) are the dates the services accept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.registers.conftest import LATER, REAL, open_page_as

pytestmark = pytest.mark.gui



def _page_on(qtbot: QtBot, make_startup: Any, demo_location: Any, key: str, user: str) -> Any:
    """The page ``key`` of a program whose day is LATER, with its rows loaded."""
    return open_page_as(qtbot, make_startup(demo_location), user, key, today=LATER)


def _status(record: Any) -> str:
    """The status text a user reads of a row or a detail."""
    if hasattr(record, "row"):  # a request's detail
        record = record.row
    if hasattr(record, "due_text"):  # an action of the plan van aanpak
        return str(record.due_text)
    return str(record.status.text)


def _statuses_on(page: Any, key: str, day: date) -> dict[int, str]:
    """The page's rows as its service lists them on ``day`` (what the page would show on that day)."""
    school = page.context.school_id
    lists: dict[str, Callable[[], list[Any]]] = {
        "verzoeken": lambda: page.service().list_requests(school_id=school, today=day),
        "verwerkers": lambda: page.service().list_suppliers(school_id=school, today=day),
        "acties": lambda: page.service().list_actions(school_id=school, today=day),
        "verwerkingen": lambda: page.service().list_activities(school_id=school, today=day),
    }
    return {row.id: _status(row) for row in lists[key]()}


# page, user, the button that opens the edit dialog (a DPIA's status moves only once it is decided:
# tests/services/test_dpia.py)
EDITS = [
    ("verzoeken", "directeur", "Wijzigen…"),
    ("verzoeken", "fg", "Opmerking (FG)…"),
    ("verwerkers", "directeur", "Leverancier wijzigen…"),
    ("acties", "directeur", "Wijzigen…"),
    ("verwerkingen", "directeur", "Wijzigen…"),
]


@pytest.mark.parametrize(("key", "user", "button"), EDITS)
def test_a_saved_record_comes_back_with_the_status_of_the_page_s_day(
    qtbot: QtBot, make_startup: Any, demo_location: Any, key: str, user: str, button: str
) -> None:
    page = _page_on(qtbot, make_startup, demo_location, key, user)
    real, later = _statuses_on(page, key, REAL), _statuses_on(page, key, LATER)
    moved = next(i for i in later if later[i] != real[i])
    page.select_where(lambda r: r.id == moved)
    qtbot.waitUntil(lambda: page.current is not None and _id(page.current) == moved, timeout=10_000)
    page.row_buttons[button].click()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=10_000)
    dialog = page.dialog
    if button == "Opmerking (FG)…":
        dialog.text.setPlainText("Let op de termijn.")
    dialog.ok_button.click()  # saved as it is: the service returns the record, the page shows it at once
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=10_000)
    assert _status(dialog.result_value) == later[moved] != real[moved]
    qtbot.waitUntil(
        lambda: page.current is not None and _status(page.current) == later[moved], timeout=10_000
    )


def _id(record: Any) -> int:
    return int(record.row.id if hasattr(record, "row") else record.id)


def test_a_request_may_be_dated_up_to_the_page_s_day(
    qtbot: QtBot, make_startup: Any, demo_location: Any
) -> None:
    """The dialog offers dates up to the page's day; the service checks "not in the future" against that
    same day (given by the page), so what the dialog offers is saved and not refused as in the future."""
    from PySide6.QtCore import QDate

    page = _page_on(qtbot, make_startup, demo_location, "verzoeken", "directeur")
    row = next(r for r in page.model.visible_rows if r.answered_on is None)
    page.select_where(lambda r: r.id == row.id)
    qtbot.waitUntil(lambda: page.current is not None and page.current.row.id == row.id, timeout=10_000)
    page.row_buttons["Wijzigen…"].click()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=10_000)
    dialog = page.dialog
    last = QDate(LATER.year, LATER.month, LATER.day)
    assert dialog.received.maximumDate() == last
    dialog.received.setDate(last.addDays(1))  # the field keeps it at the page's day
    assert dialog.received.date() == last
    dialog.ok_button.click()
    refused: list[str] = []

    def saved_or_refused() -> bool:
        if dialog.result_value is None and dialog.error.isVisible():
            refused.append(dialog.error.text())  # before the fix: "... ligt in de toekomst"
        return dialog.result_value is not None or bool(refused)

    qtbot.waitUntil(saved_or_refused, timeout=10_000)
    assert not refused and dialog.result_value.row.received_on == LATER, refused
