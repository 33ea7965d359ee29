"""Uitschrijven: one pupil leaves the school on a chosen date. Says what happens, asks once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

from ibp_desktop.services.pupils.register import PupilRow
from ibp_desktop.ui import ops
from ibp_desktop.ui.dialogs import FormDialog
from ibp_desktop.ui.pages.pupils.columns import dutch_date, group_text
from ibp_desktop.ui.theme import label


def date_edit(value: date, minimum: date | None = None) -> QDateEdit:
    """A date field as the Dutch write it (28-11-2026), with a calendar to pick from."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    if minimum is not None:
        edit.setMinimumDate(QDate(minimum.year, minimum.month, minimum.day))
    edit.setDate(QDate(value.year, value.month, value.day))
    return edit


def chosen_date(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def deregister_text(pupil: PupilRow) -> str:
    """What happens, in plain words (UI.md: destructive actions say exactly what will happen)."""
    name = escape(pupil.display_name)
    number = f", leerlingnummer {escape(pupil.pupil_number)}" if pupil.pupil_number else ""
    who = f"<b>{name}</b> (groep {escape(group_text(pupil))}{number})"
    if pupil.deregistered_on is not None:
        return (f"{who} is al uitgeschreven per {dutch_date(pupil.deregistered_on)}. Klopt die datum niet, "
                "kies dan hieronder de juiste datum.")
    return (f"{who} wordt uitgeschreven per de datum hieronder. De leerling staat daarna niet meer in de "
            "lijst van ingeschreven leerlingen en niet meer op de groepsoverzichten. De gegevens en "
            "toestemmingen blijven bewaard tot de bewaartermijn voorbij is. U ziet de leerling terug met "
            "'Ook uitgeschreven leerlingen'.")


class DeregisterDialog(FormDialog):
    areas = (ops.PUPILS,)

    def __init__(self, pupil: PupilRow, today: date, deregister: Callable[[int, date], None],
                 parent: QWidget | None = None) -> None:
        super().__init__("Leerling uitschrijven", deregister_text(pupil), "Uitschrijven", parent)
        self.pupil = pupil
        self.setMinimumWidth(540)
        self._deregister = deregister
        start = pupil.deregistered_on or max(today, pupil.enrolled_on or today)
        self.date = date_edit(start, pupil.enrolled_on)
        self.date.setAccessibleName("Datum van uitschrijving")
        self.form.addRow("Uitschrijven per:", self.date)
        if pupil.enrolled_on is not None:
            enrolled = label(f"Ingeschreven op {dutch_date(pupil.enrolled_on)}.", "muted", wrap=False)
            self.form.addRow("", enrolled)
        self.date.setFocus()

    def submit(self) -> None:
        on = chosen_date(self.date)
        pupil_id = self.pupil.id
        self.submit_in_background(lambda: self._deregister(pupil_id, on), lambda _r: self.done_ok(),
                                  "Uitschrijven…")

