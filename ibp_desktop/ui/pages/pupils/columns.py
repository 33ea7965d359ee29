"""The columns of the pupil list and the Dutch texts of one pupil (also used by the detail pane)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from ibp_desktop.services.pupils.register import PupilRow
from ibp_desktop.ui.widgets.rows_model import Column

NO_GROUP = "zonder groep"


def dutch_date(value: date | None) -> str:
    """28-11-2026; empty for no date."""
    return "" if value is None else f"{value:%d-%m-%Y}"


def group_text(row: PupilRow) -> str:
    return row.group_name or NO_GROUP


def status_text(row: PupilRow) -> str:
    if row.deregistered_on is None:
        return "Ingeschreven"
    return f"Uitgeschreven per {dutch_date(row.deregistered_on)}"


def status_level(row: PupilRow) -> str:
    return "green" if row.deregistered_on is None else "grey"


def _number_key(row: PupilRow) -> tuple[int, int, str]:
    """Pupil numbers as numbers where they are numbers ("99" before "100"), else as text; empty last."""
    text = row.pupil_number or ""
    if not text:
        return (2, 0, "")
    return (0, int(text), text) if text.isdigit() else (1, 0, text.casefold())


def pupil_columns(school_order: Callable[[], Mapping[int, int]]) -> list[Column[PupilRow]]:
    """``school_order`` gives each pupil id its place in the list as the service sorts it: by group in the
    school's order, then by Dutch name order. Sorting on "Groep" is then one dict look-up per row, which
    matters because the table sorts again on every keystroke in the search field."""

    def group_key(row: PupilRow) -> int:
        return school_order().get(row.id, 1_000_000_000)

    return [
        Column[PupilRow]("Groep", group_text, sort_key=group_key),
        Column[PupilRow]("Naam", lambda r: r.display_name, sort_key=lambda r: r.sort_key,
                         tooltip=lambda r: r.sort_name),
        Column[PupilRow]("Leerlingnummer", lambda r: r.pupil_number or "", sort_key=_number_key),
        Column[PupilRow]("Geboortedatum", lambda r: dutch_date(r.date_of_birth),
                         sort_key=lambda r: r.date_of_birth),
        Column[PupilRow]("Leeftijd", lambda r: str(r.age), sort_key=lambda r: -r.date_of_birth.toordinal(),
                         align_right=True),
        Column[PupilRow]("Ingeschreven", lambda r: dutch_date(r.enrolled_on),
                         sort_key=lambda r: r.enrolled_on or date.min),
        Column[PupilRow]("Uitgeschreven", lambda r: dutch_date(r.deregistered_on),
                         sort_key=lambda r: r.deregistered_on or date.max,
                         level=lambda r: None if r.deregistered_on is None else "grey"),
    ]
