"""The figures of the annual IBP report (DOMAIN.md section 6), computed from plain inputs.

No names go in and none come out: incidents arrive as type, moments and decision; consent as states per
pupil without the pupil; requests as their counts. The report period is a school year (1 August - 31 July)
or a calendar year, split into four quarters of three months each.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from ibp_desktop.core.accountability.records import AccountabilityFigures
from ibp_desktop.core.consent.rules import ConsentState
from ibp_desktop.core.consent.school_year import SchoolYear
from ibp_desktop.core.incidents.rules import LABELS, Decision, IncidentType, is_late, local
from ibp_desktop.core.processors import MODEL_LABELS, ModelVersion
from ibp_desktop.core.requests import RIGHT_LABELS, RequestCounts, Right
from ibp_desktop.core.staff.rules import StaffFigures

_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


class PeriodKind(StrEnum):
    SCHOOL_YEAR = "school_year"
    CALENDAR_YEAR = "calendar_year"


@dataclass(frozen=True)
class Quarter:
    label: str  # "K1 (aug-okt)"
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class ReportPeriod:
    """A school year starting in ``year`` (2025: 2025-2026) or the calendar year ``year``."""

    kind: PeriodKind
    year: int

    @property
    def starts_on(self) -> date:
        if self.kind is PeriodKind.SCHOOL_YEAR:
            return SchoolYear(self.year).starts_on
        return date(self.year, 1, 1)

    @property
    def ends_on(self) -> date:
        if self.kind is PeriodKind.SCHOOL_YEAR:
            return SchoolYear(self.year).ends_on
        return date(self.year, 12, 31)

    @property
    def short_label(self) -> str:
        """ "2025-2026" or "2025"."""
        return SchoolYear(self.year).label if self.kind is PeriodKind.SCHOOL_YEAR else str(self.year)

    @property
    def label(self) -> str:
        """ "schooljaar 2025-2026" or "kalenderjaar 2025"."""
        word = "schooljaar" if self.kind is PeriodKind.SCHOOL_YEAR else "kalenderjaar"
        return f"{word} {self.short_label}"

    @property
    def quarters(self) -> tuple[Quarter, ...]:
        found = []
        for n in range(4):
            start = self.starts_on + relativedelta(months=3 * n)
            end = start + relativedelta(months=3) - relativedelta(days=1)
            found.append(
                Quarter(f"K{n + 1} ({_MONTHS[start.month - 1]}-{_MONTHS[end.month - 1]})", start, end)
            )
        return tuple(found)

    def contains(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def quarter_of(self, day: date) -> int:
        """0-3; ValueError for a day outside the period."""
        for index, quarter in enumerate(self.quarters):
            if quarter.starts_on <= day <= quarter.ends_on:
                return index
        raise ValueError(f"{day:%d-%m-%Y} ligt buiten {self.label}.")

    def next(self) -> ReportPeriod:
        return ReportPeriod(self.kind, self.year + 1)


def percent(part: int, whole: int) -> str:
    """ "50%", rounded half up to whole percents; "-" when there is nothing to divide by."""
    if whole <= 0:
        return "-"
    return f"{(200 * part + whole) // (2 * whole)}%"


# --- incidents -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentInput:
    incident_type: IncidentType
    discovered_at: datetime
    decision: Decision | None
    notified_at: datetime | None  # the first notification to the AP
    subjects_informed: bool


@dataclass(frozen=True)
class IncidentFigures:
    total: int
    per_quarter: tuple[int, int, int, int]
    by_type: tuple[tuple[str, tuple[int, int, int, int]], ...]  # (type label, per quarter), types present
    breaches: int  # assessed as reportable to the AP
    not_reportable: int
    not_assessed: int
    notified: int
    notified_in_time: int
    notified_late: int
    not_notified: int  # reportable but no notification recorded
    subjects_informed: int

    @property
    def share_in_time(self) -> str:
        return percent(self.notified_in_time, self.notified)


def incident_figures(period: ReportPeriod, incidents: Iterable[IncidentInput]) -> IncidentFigures:
    counts: dict[IncidentType, list[int]] = {t: [0, 0, 0, 0] for t in IncidentType}
    rows = [i for i in incidents if period.contains(local(i.discovered_at).date())]
    for item in rows:
        counts[item.incident_type][period.quarter_of(local(item.discovered_at).date())] += 1
    reportable = [r for r in rows if r.decision in (Decision.NOTIFY_AP, Decision.NOTIFY_AP_AND_SUBJECTS)]
    notified = [r for r in rows if r.notified_at is not None]
    in_time = sum(1 for r in notified if r.notified_at and not is_late(r.discovered_at, r.notified_at))
    per_quarter = tuple(sum(c[q] for c in counts.values()) for q in range(4))
    return IncidentFigures(
        total=len(rows),
        per_quarter=(per_quarter[0], per_quarter[1], per_quarter[2], per_quarter[3]),
        by_type=tuple((LABELS[t], (c[0], c[1], c[2], c[3])) for t, c in counts.items() if sum(c)),
        breaches=len(reportable),
        not_reportable=sum(1 for r in rows if r.decision is Decision.NOT_REPORTABLE),
        not_assessed=sum(1 for r in rows if r.decision is None),
        notified=len(notified),
        notified_in_time=in_time,
        notified_late=len(notified) - in_time,
        not_notified=sum(1 for r in reportable if r.notified_at is None),
        subjects_informed=sum(1 for r in rows if r.subjects_informed),
    )


# --- requests ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestFigures:
    total: int
    by_right: tuple[tuple[str, int], ...]  # every right, in a fixed order
    answered_on_time: int
    answered_late: int
    open_on_time: int
    open_overdue: int
    extended: int
    refused: int

    @property
    def late(self) -> int:
        """Answered after the deadline, or still open past it."""
        return self.answered_late + self.open_overdue

    @property
    def share_on_time(self) -> str:
        return percent(self.answered_on_time, self.answered_on_time + self.late)


def request_figures(counts: RequestCounts) -> RequestFigures:
    return RequestFigures(
        total=counts.total,
        by_right=tuple((RIGHT_LABELS[r], counts.by_right.get(r, 0)) for r in Right),
        answered_on_time=counts.answered_on_time,
        answered_late=counts.answered_late,
        open_on_time=counts.open_on_time,
        open_overdue=counts.open_overdue,
        extended=counts.extended,
        refused=counts.refused,
    )


# --- consent -----------------------------------------------------------------------------------------

_ANSWERED = frozenset(
    {ConsentState.GRANTED, ConsentState.REFUSED, ConsentState.WITHDRAWN, ConsentState.CONFLICT}
)
_NO = frozenset({ConsentState.REFUSED, ConsentState.WITHDRAWN, ConsentState.CONFLICT})


@dataclass(frozen=True)
class PurposeFigures:
    label: str
    pupils: int
    answered: int  # a valid answer on the current form (yes, no, withdrawn, guardians disagree)
    refused: int  # of the answers: no, withdrawn, or guardians disagree

    @property
    def response_rate(self) -> str:
        return percent(self.answered, self.pupils)

    @property
    def refusal_rate(self) -> str:
        """Of the answers given (not of all pupils: no answer is a missing response, not a refusal)."""
        return percent(self.refused, self.answered)


@dataclass(frozen=True)
class SchoolConsentFigures:
    school_name: str
    on: date
    pupils: int
    purposes: tuple[PurposeFigures, ...]


def consent_figures(
    school_name: str, on: date, purpose_labels: Sequence[str], states: Sequence[Sequence[ConsentState]]
) -> SchoolConsentFigures:
    """``states``: per pupil, the state per purpose in the order of ``purpose_labels``."""
    purposes = []
    for index, label in enumerate(purpose_labels):
        column = [row[index] for row in states]
        purposes.append(
            PurposeFigures(
                label,
                len(column),
                sum(1 for s in column if s in _ANSWERED),
                sum(1 for s in column if s in _NO),
            )
        )
    return SchoolConsentFigures(school_name, on, len(states), tuple(purposes))


# --- retention ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunInput:
    """One clean-up run carried out in the period."""

    program_records: int
    external_lines: int
    external_open: int


@dataclass(frozen=True)
class RetentionFigures:
    runs_done: int
    program_records: int  # records deleted in the program
    external_done: int  # lines destroyed elsewhere and recorded
    certificates_final: int  # carried out, nothing left to record
    certificates_draft: int  # carried out, lines outside the program still to record
    runs_waiting: int  # proposed or approved, not yet carried out (now)


def retention_figures(runs: Iterable[RunInput], waiting: int) -> RetentionFigures:
    done = list(runs)
    return RetentionFigures(
        runs_done=len(done),
        program_records=sum(r.program_records for r in done),
        external_done=sum(r.external_lines - r.external_open for r in done),
        certificates_final=sum(1 for r in done if r.external_open == 0),
        certificates_draft=sum(1 for r in done if r.external_open > 0),
        runs_waiting=waiting,
    )


# --- processor agreements ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProcessorFigures:
    suppliers: int
    with_agreement: int
    by_model: tuple[tuple[str, int], ...]
    outside_eu: int
    needs_attention: int

    @property
    def without_agreement(self) -> int:
        return self.suppliers - self.with_agreement

    @property
    def coverage(self) -> str:
        return percent(self.with_agreement, self.suppliers)


def processor_figures(
    suppliers: int, models: Iterable[ModelVersion], outside_eu: int, needs_attention: int
) -> ProcessorFigures:
    """``models``: the model version of each agreement there is."""
    found = list(models)
    return ProcessorFigures(
        suppliers=suppliers,
        with_agreement=len(found),
        by_model=tuple((MODEL_LABELS[m], sum(1 for f in found if f is m)) for m in ModelVersion),
        outside_eu=outside_eu,
        needs_attention=needs_attention,
    )


# --- the plan for next year ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PolicyLine:
    """A policy document that lacks GMR consent or is past its evaluation (issue 8)."""

    title: str
    scope: str  # the school's name or "Hele bestuur"
    status: str  # e.g. "Geen GMR-instemming", "Evaluatie te laat"
    body: str = ""  # the GMR section that consents: "PGMR", "OGMR", "GMR"
    order: str = ""  # the latest version's path in order: "voorgelegd 02-03-2026, instemming ..."


@dataclass(frozen=True)
class PlanAction:
    """An open action of the plan van aanpak: roles, never names."""

    title: str
    owner_role: str  # Dutch role label
    school: str
    source: str
    due: str  # "Uiterlijk 01-03-2027", "Te laat (sinds ...)", "Geen datum"


@dataclass(frozen=True)
class CalendarItem:
    when: str  # "aug-okt 2026"
    what: str
    owner_role: str


_CALENDAR: tuple[tuple[int, int, str, str], ...] = (
    (8, 10, "Toestemmingsronde beeldmateriaal (opnieuw vragen, ontbrekende antwoorden nabellen)",
     "Administratief medewerker"),
    (11, 11, "Opruimronde bewaartermijnen (1e ronde)", "Administratief medewerker"),
    (1, 1, "Jaarlijkse herbeoordeling verwerkersovereenkomsten", "Schooldirecteur"),
    (5, 5, "Opruimronde bewaartermijnen (2e ronde)", "Administratief medewerker"),
    (6, 6, "Jaarevaluatie IBP (PDCA) en nieuwe acties in het plan van aanpak", "Security officer"),
)  # fmt: skip


def yearly_calendar(period: ReportPeriod) -> tuple[CalendarItem, ...]:
    """The PDCA calendar of DOMAIN.md section 6, dated inside the period after ``period``, in date order;
    the last item is the annual report over that period."""
    nxt = period.next()
    items = []
    for first, last, what, role in _CALENDAR:
        day = date(nxt.starts_on.year, first, 1)
        if day < nxt.starts_on:
            day = date(nxt.starts_on.year + 1, first, 1)
        months = _MONTHS[first - 1] if first == last else f"{_MONTHS[first - 1]}-{_MONTHS[last - 1]}"
        items.append((day, CalendarItem(f"{months} {day.year}", what, role)))
    end = nxt.ends_on
    report = CalendarItem(
        f"{_MONTHS[end.month - 1]} {end.year}",
        f"Jaarverslag IBP {nxt.label} naar de GMR en vaststelling door het bestuur",
        "Bestuurder",
    )
    return (*(item for _, item in sorted(items, key=lambda pair: pair[0])), report)


# --- all together ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnnualFigures:
    scope: str  # school name, or "<board>: alle scholen"
    schools: int
    period: ReportPeriod
    today: date  # the day the figures were taken (open items are open on this day)
    incidents: IncidentFigures
    requests: RequestFigures
    consent: tuple[SchoolConsentFigures, ...]
    retention: RetentionFigures
    processors: ProcessorFigures
    open_actions: tuple[PlanAction, ...]
    calendar: tuple[CalendarItem, ...]
    policy: tuple[PolicyLine, ...] = ()
    accountability: AccountabilityFigures | None = None  # processing register, DPIAs, complaints
    audit_head: str = ""  # the log's last number and hash, printed as an anchor outside the database
    staff: tuple[tuple[str, StaffFigures], ...] = ()  # per school: its name and the figures (issue 20)
