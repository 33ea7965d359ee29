"""What the consent tabs share: the service, the chosen school, status colours, small widgets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDateEdit, QLabel, QWidget

from ibp_desktop.core.consent.rules import Tone
from ibp_desktop.ui.widgets.rows_model import LEVEL_COLOURS

if TYPE_CHECKING:
    from ibp_desktop.services.consent.decisions import ConsentService
    from ibp_desktop.ui.context import AppContext

NO_SCHOOL = "Kies bovenaan eerst een school. Toestemming hoort altijd bij één school."

# Tone of a consent status -> (background, text) from the shared status colours; always next to a word.
TONE_COLOURS: dict[Tone, tuple[str, str]] = {
    Tone.GREEN: LEVEL_COLOURS["green"],
    Tone.RED: LEVEL_COLOURS["red"],
    Tone.ORANGE: LEVEL_COLOURS["amber"],
    Tone.GREY: LEVEL_COLOURS["grey"],
}


def consent_service(context: AppContext) -> ConsentService:
    from ibp_desktop.services.consent.decisions import ConsentService

    return ConsentService(context.database, context.actor)


def dmy(day: date) -> str:
    return f"{day:%d-%m-%Y}"


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_field(day: date, maximum: date | None = None) -> QDateEdit:
    """A Dutch date field (28-11-2026) with a calendar popup."""
    field = QDateEdit(to_qdate(day))
    field.setDisplayFormat("dd-MM-yyyy")
    field.setCalendarPopup(True)
    if maximum is not None:
        field.setMaximumDate(to_qdate(maximum))
    return field


def tone_badge(widget: QLabel, tone: Tone) -> None:
    background, text = TONE_COLOURS[tone]
    widget.setStyleSheet(
        f"background: {background}; color: {text}; border-radius: 4px; padding: 2px 8px; font-weight: 600;"
    )


def shortcut(
    parent: QWidget, keys: str | QKeySequence | QKeySequence.StandardKey, slot: Callable[[], None]
) -> QShortcut:
    """A shortcut that works anywhere in the window while ``parent`` is on screen: tabs do not clash
    (Qt skips hidden widgets), and it works with the focus on the tab bar too (issue 16: Ctrl+P on
    Per groep worked only when the grid had the focus)."""
    short = QShortcut(QKeySequence(keys), parent)
    plain_key = isinstance(keys, str) and "+" not in keys  # Enter, Esc: only inside ``parent``
    short.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut if plain_key
                     else Qt.ShortcutContext.WindowShortcut)
    short.activated.connect(slot)
    return short
