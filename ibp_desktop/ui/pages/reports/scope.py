"""Which school a report is about, and the periods offered by default."""

from __future__ import annotations

from datetime import date

from ibp_desktop.core.annual_figures import PeriodKind, ReportPeriod
from ibp_desktop.ui.context import AppContext


def scope_school(context: AppContext) -> int | None:
    """The school chosen at the top, the only school of the user, or None: the whole board."""
    if context.school_id is not None:
        return context.school_id
    return context.schools[0].id if len(context.schools) == 1 else None


def scope_text(context: AppContext) -> str:
    school_id = scope_school(context)
    for school in context.schools:
        if school.id == school_id:
            return school.label
    return f"Hele bestuur ({len(context.schools)} scholen)"


def default_period(kind: PeriodKind, today: date) -> ReportPeriod:
    """The school year that just ended (August to December) or the current one (January to July);
    for a calendar year: last year until June, then this year."""
    if kind is PeriodKind.SCHOOL_YEAR:
        current = today.year if today.month >= 8 else today.year - 1
        return ReportPeriod(kind, current - 1 if today.month >= 8 else current)
    return ReportPeriod(kind, today.year - 1 if today.month <= 6 else today.year)


def default_school_year(today: date) -> tuple[date, date]:
    """From and to for the FG report: the last school year (see ``default_period``), at most until today."""
    period = default_period(PeriodKind.SCHOOL_YEAR, today)
    return period.starts_on, min(period.ends_on, today)


def file_part(text: str) -> str:
    """A piece of a file name: letters, digits and dashes."""
    cleaned = "".join(ch if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in cleaned.split("-") if part)
