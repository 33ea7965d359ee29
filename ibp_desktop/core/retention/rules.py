"""Retention terms and due dates (DOMAIN.md section 2). Pure: callers pass the dates they mean.

A term is counted from an event: the date itself (deregistration, closing, recording, ...), or the end of
the period it falls in (31 December for the financial or calendar year, 31 July for the school year).
Calendar arithmetic as dateutil's relativedelta does it: 29 February + 1 year is 28 February, 31 January
+ 1 month is the last day of February. The record may be destroyed from the due date on.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from ibp_desktop.core.consent.school_year import school_year_of
from ibp_desktop.core.errors import BadInputError


class TermUnit(StrEnum):
    YEARS = "years"
    MONTHS = "months"
    WEEKS = "weeks"
    DAYS = "days"


class Event(StrEnum):
    DEREGISTRATION = "deregistration"
    END_OF_SCHOOL_YEAR = "end_of_school_year"
    END_OF_EMPLOYMENT = "end_of_employment"
    END_OF_FINANCIAL_YEAR = "end_of_financial_year"
    END_OF_CALENDAR_YEAR = "end_of_calendar_year"
    END_OF_PROCEDURE = "end_of_procedure"
    END_OF_COACHING = "end_of_coaching"
    RECORDING = "recording"
    CLOSING = "closing"
    WITHDRAWAL = "withdrawal"


class Action(StrEnum):
    DESTROY = "destroy"
    KEEP_PERMANENTLY = "keep_permanently"


class System(StrEnum):
    """Where the records live."""

    LAS = "las"
    PAPER = "paper"
    PROGRAM = "program"
    PROCESSOR = "processor"
    OTHER = "other"


UNIT_LABELS: dict[TermUnit, tuple[str, str]] = {  # (one, several)
    TermUnit.YEARS: ("jaar", "jaar"),
    TermUnit.MONTHS: ("maand", "maanden"),
    TermUnit.WEEKS: ("week", "weken"),
    TermUnit.DAYS: ("dag", "dagen"),
}
EVENT_LABELS: dict[Event, str] = {
    Event.DEREGISTRATION: "uitschrijving",
    Event.END_OF_SCHOOL_YEAR: "einde schooljaar (31 juli)",
    Event.END_OF_EMPLOYMENT: "einde dienstverband",
    Event.END_OF_FINANCIAL_YEAR: "einde boekjaar (31 december)",
    Event.END_OF_CALENDAR_YEAR: "einde kalenderjaar van vertrek (31 december)",
    Event.END_OF_PROCEDURE: "einde procedure",
    Event.END_OF_COACHING: "einde coaching",
    Event.RECORDING: "opname",
    Event.CLOSING: "afsluiting",
    Event.WITHDRAWAL: "intrekking",
}
ACTION_LABELS: dict[Action, str] = {
    Action.DESTROY: "vernietigen",
    Action.KEEP_PERMANENTLY: "blijvend bewaren (Archiefwet)",
}
SYSTEM_LABELS: dict[System, str] = {
    System.LAS: "LAS (leerlingadministratie)",
    System.PAPER: "papieren archief",
    System.PROGRAM: "dit programma",
    System.PROCESSOR: "verwerker",
    System.OTHER: "overig (bijvoorbeeld netwerkschijf)",
}

_UNIT_WORDS: dict[str, TermUnit] = {
    "jaar": TermUnit.YEARS, "jaren": TermUnit.YEARS, "j": TermUnit.YEARS, "years": TermUnit.YEARS,
    "year": TermUnit.YEARS, "maand": TermUnit.MONTHS, "maanden": TermUnit.MONTHS, "months": TermUnit.MONTHS,
    "month": TermUnit.MONTHS, "week": TermUnit.WEEKS, "weken": TermUnit.WEEKS, "weeks": TermUnit.WEEKS,
    "dag": TermUnit.DAYS, "dagen": TermUnit.DAYS, "days": TermUnit.DAYS, "day": TermUnit.DAYS,
}  # fmt: skip
_TERM_RE = re.compile(r"(\d{1,3})\s*([a-z]+)")
MAX_TERM_YEARS = 120


@dataclass(frozen=True)
class Term:
    amount: int
    unit: TermUnit

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError("Een bewaartermijn kan niet negatief zijn. Vul 0 of meer in.")
        if self.amount > MAX_TERM_YEARS * {"years": 1, "months": 12, "weeks": 53, "days": 366}[self.unit]:
            raise ValueError(
                f"Een bewaartermijn van {self.text} is te lang. Kies 'blijvend bewaren' als stukken "
                "nooit vernietigd mogen worden."
            )

    @property
    def text(self) -> str:
        """ "5 jaar", "4 weken", "1 maand"."""
        one, several = UNIT_LABELS[self.unit]
        return f"{self.amount} {one if self.amount == 1 else several}"

    def after(self, start: date) -> date:
        """``start`` plus the term; a day past the end of the target month becomes its last day."""
        if self.unit is TermUnit.DAYS:
            return start + timedelta(days=self.amount)
        if self.unit is TermUnit.WEEKS:
            return start + timedelta(weeks=self.amount)
        # Plain arithmetic rather than relativedelta: the Overzicht computes thousands of due dates
        # and relativedelta's generality cost most of that time (issue 17).
        months = start.month - 1 + self.amount * (12 if self.unit is TermUnit.YEARS else 1)
        year, month = start.year + months // 12, months % 12 + 1
        return date(year, month, min(start.day, monthrange(year, month)[1]))


def item_term(category_term: Term, own: Term | None, reason: str) -> Term:
    """The term for one registered item: its own when set (with the reason why, for accountability:
    AVG art. 5(2)), else the category's. An applicant who agreed to one year instead of four weeks
    (NVP Sollicitatiecode) is the usual case."""
    if own is None:
        return category_term
    if not reason.strip():
        raise BadInputError(
            f"Schrijf op waarom voor dit item {own.text} geldt in plaats van {category_term.text} "
            "(bijvoorbeeld: de sollicitant gaf toestemming om de brief een jaar te bewaren). "
            "Er is niets opgeslagen."
        )
    return own


def parse_term(text: str) -> Term:
    """ "5 jaar", "4 weken", "18 maanden", "0 dagen"; ValueError in Dutch for anything else."""
    match = _TERM_RE.fullmatch(text.strip().lower())
    if match is None or match.group(2) not in _UNIT_WORDS:
        raise ValueError(
            f"Termijn '{text}' begrijp ik niet. Schrijf een aantal en een eenheid, bijvoorbeeld "
            "'5 jaar', '18 maanden', '4 weken' of '30 dagen'."
        )
    return Term(int(match.group(1)), _UNIT_WORDS[match.group(2)])


def anchor(event: Event, occurred_on: date) -> date:
    """The day the term starts counting: the event date, or the end of its year."""
    if event in (Event.END_OF_FINANCIAL_YEAR, Event.END_OF_CALENDAR_YEAR):
        return date(occurred_on.year, 12, 31)
    if event is Event.END_OF_SCHOOL_YEAR:
        return school_year_of(occurred_on).ends_on
    return occurred_on


def due_date(term: Term, event: Event, action: Action, occurred_on: date) -> date | None:
    """From when the record may be destroyed; None when it is kept permanently (never due)."""
    if action is Action.KEEP_PERMANENTLY:
        return None
    return term.after(anchor(event, occurred_on))


DUE_SOON_DAYS = 30  # "binnenkort": a term that ends within this many days (due list and overview alike)
HOLD_PREFIX = "Vernietiging gestopt: "


def due_soon(due_on: date, today: date) -> bool:
    """The term is not over yet, but ends within DUE_SOON_DAYS."""
    return today < due_on <= today + timedelta(days=DUE_SOON_DAYS)


def hold_text(holds: Iterable[str]) -> str:
    """The reasons of the legal holds on a record, for a table cell: "Klacht loopt; Incident 2026-003"."""
    return "; ".join(holds)


def hold_reasons_of(stored: str) -> str:
    """The reasons part of a stored hold text ("Vernietiging gestopt: <reasons>") for a table cell."""
    return stored.removeprefix(HOLD_PREFIX)


@dataclass(frozen=True)
class DueState:
    """Whether a record falls due by a date, and if not, why. ``holds``: the reasons of the legal holds."""

    due_on: date | None
    due: bool
    reason: str  # Dutch; why it is not due (hold, kept permanently, term not over), "" when due
    holds: tuple[str, ...] = ()


def assess(due_on: date | None, until: date, holds: tuple[str, ...] = ()) -> DueState:
    """A legal hold stops a record from falling due and says why (all holds, joined)."""
    if due_on is None:
        return DueState(None, False, "Blijvend bewaren (Archiefwet): wordt nooit vernietigd.")
    if holds:
        return DueState(due_on, False, HOLD_PREFIX + hold_text(holds), tuple(holds))
    if due_on > until:
        return DueState(due_on, False, f"Bewaartermijn loopt tot {due_on:%d-%m-%Y}.")
    return DueState(due_on, True, "")


def next_run_number(year: int, taken: list[str] | tuple[str, ...]) -> str:
    """ "2026-01", "2026-02", ... per school and calendar year."""
    prefix = f"{year}-"
    used = [int(n[len(prefix) :]) for n in taken if n.startswith(prefix) and n[len(prefix) :].isdigit()]
    return f"{prefix}{max(used, default=0) + 1:02d}"


def latest(dates: list[date | None]) -> date | None:
    """The latest of the due dates, or None when any of them is never (kept permanently)."""
    if not dates or any(d is None for d in dates):
        return None
    return max(d for d in dates if d is not None)
