"""What the consent tabs share: the service, the chosen school, status colours, PDFs, small widgets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDateEdit, QLabel, QWidget

from ibp_desktop.core.consent import Tone
from ibp_desktop.core.os_errors import reason as os_reason
from ibp_desktop.ui.background import run_in_background
from ibp_desktop.ui.dialogs import message_of, show_error, show_info
from ibp_desktop.ui.printing import preview_pdf
from ibp_desktop.ui.widgets.rows_model import LEVEL_COLOURS

if TYPE_CHECKING:
    from ibp_desktop.services.consent import ConsentService
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
    from ibp_desktop.services.consent import ConsentService

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


def pdf_preview(
    parent: QWidget,
    make: Callable[[], bytes],
    title: str,
    on_start: Callable[[], None] | None = None,
    on_end: Callable[[], None] | None = None,
) -> None:
    """Make the PDF in the background, then show the print preview of exactly those bytes."""
    if on_start:
        on_start()

    def done(data: bytes) -> None:
        if on_end:
            on_end()
        preview_pdf(parent, data, title)

    def failed(error: BaseException) -> None:
        if on_end:
            on_end()
        show_error(parent, message_of(error))

    run_in_background(make, on_done=done, on_error=failed)


def pdf_save(
    parent: QWidget,
    make: Callable[[], bytes],
    suggested_name: str,
    on_start: Callable[[], None] | None = None,
    on_end: Callable[[], None] | None = None,
) -> None:
    """Ask where to save, make the PDF in the background, write it, and say where it went."""
    from ibp_desktop.ui.save_as import ask_save_path

    target = ask_save_path(parent, suggested_name, "PDF-bestanden (*.pdf)")
    if target is None:
        return
    if on_start:
        on_start()

    def done(data: bytes) -> None:
        if on_end:
            on_end()
        try:
            target.write_bytes(data)
        except OSError as error:
            show_error(parent, f"Het bestand {target} kan niet worden opgeslagen: {os_reason(error)}.")
            return
        show_info(parent, f"Opgeslagen als {target}.")

    def failed(error: BaseException) -> None:
        if on_end:
            on_end()
        show_error(parent, message_of(error))

    run_in_background(make, on_done=done, on_error=failed)

