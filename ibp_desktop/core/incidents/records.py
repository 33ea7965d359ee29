"""Plain records of the incident register: services fill them, reports print them.

``IncidentFacts`` and ``ApForm`` are both input and output: a page shows them, edits a copy with
``dataclasses.replace`` and hands the copy back together with the ``version`` it was read at.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from ibp_desktop.core.incidents.breach_informing import InformChannel, InformException, Informing
from ibp_desktop.core.incidents.risk import RiskAnswers, RiskProposal
from ibp_desktop.core.incidents.rules import (
    LABELS,
    ClockLevel,
    ClockStatus,
    Consequence,
    DataKind,
    Decision,
    IncidentStatus,
    IncidentType,
    Nature,
    PeopleGroup,
    Protection,
    Severity,
    TimelineKind,
    clock_status,
)


@dataclass(frozen=True)
class IncidentFacts:
    """What the reporter tells: what happened and when (AP form section 2 and the description)."""

    title: str
    description: str
    incident_type: IncidentType
    discovered_at: datetime
    started_at: datetime | None = None
    ended_at: datetime | None = None
    ongoing: bool = False


@dataclass(frozen=True)
class ApForm:
    """The fields of the AP notification form that the security officer fills in (sections 1 and 3-9)."""

    contact_name: str = ""
    contact_details: str = ""
    processor_involved: bool = False
    processor_name: str = ""
    natures: tuple[Nature, ...] = ()
    data_kinds: tuple[DataKind, ...] = ()
    data_other: str = ""
    records_approx: int | None = None
    people_groups: tuple[PeopleGroup, ...] = ()
    people_other: str = ""
    people_min: int | None = None
    people_max: int | None = None
    protection: Protection = Protection.UNKNOWN
    protection_details: str = ""
    consequences: tuple[Consequence, ...] = ()
    consequences_details: str = ""
    severity: Severity = Severity.UNKNOWN
    subjects_informed_at: datetime | None = None
    subjects_informed_how: str = ""
    subjects_not_informed_reason: str = ""
    public_announcement: str = ""
    measures_taken: str = ""
    cross_border: bool = False
    cross_border_details: str = ""
    other_remarks: str = ""
    subjects_informed_channel: InformChannel | None = None
    subjects_exception: InformException | None = None  # art. 34(3); reason in subjects_not_informed_reason

    def informing(self, decision: Decision | None) -> Informing:
        return Informing(
            decision,
            self.subjects_informed_at,
            self.subjects_informed_channel,
            self.subjects_exception,
            self.subjects_not_informed_reason,
            self.public_announcement,
        )


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: TimelineKind
    author: str
    text: str

    @property
    def kind_label(self) -> str:
        return LABELS[self.kind]


@dataclass(frozen=True)
class IncidentRow:
    """One line of the incident list; everything a table needs, nothing more."""

    id: int
    version: int
    school_id: int
    brin: str
    number: str
    title: str
    incident_type: IncidentType
    status: IncidentStatus
    discovered_at: datetime
    decision: Decision | None
    notified_at: datetime | None
    clock: ClockStatus

    @property
    def type_label(self) -> str:
        return LABELS[self.incident_type]

    @property
    def status_label(self) -> str:
        return LABELS[self.status]

    @property
    def decision_label(self) -> str:
        return LABELS[self.decision] if self.decision else "Nog niet beoordeeld"

    @property
    def clock_text(self) -> str:
        return self.clock.text

    @property
    def clock_level(self) -> ClockLevel:
        return self.clock.level


@dataclass(frozen=True)
class IncidentDetail:
    id: int
    version: int
    school_id: int
    school_name: str
    brin: str
    number: str
    status: IncidentStatus
    facts: IncidentFacts
    form: ApForm
    reported_at: datetime
    reported_by: str
    clock: ClockStatus
    answers: RiskAnswers | None = None
    proposal: RiskProposal | None = None  # the program's proposal at the time of the decision
    decision: Decision | None = None
    decision_reasons: str = ""
    deviation_reason: str = ""
    assessed_at: datetime | None = None
    assessed_by: str = ""
    preliminary_notified_at: datetime | None = None
    final_notified_at: datetime | None = None
    ap_reference: str = ""
    late_reason: str = ""
    evaluation: str = ""
    closed_at: datetime | None = None
    closed_by: str = ""
    timeline: tuple[TimelineEntry, ...] = ()
    privacy_warning: str = ""  # set by report/update_facts when the text seems to name a pupil

    @property
    def type_label(self) -> str:
        return LABELS[self.facts.incident_type]

    @property
    def status_label(self) -> str:
        return LABELS[self.status]

    @property
    def decision_label(self) -> str:
        return LABELS[self.decision] if self.decision else "Nog niet beoordeeld"

    @property
    def informing(self) -> Informing:
        return self.form.informing(self.decision)

    @property
    def notified_at(self) -> datetime | None:
        """The first notification to the AP: the one the 72 hours are about."""
        moments = [m for m in (self.preliminary_notified_at, self.final_notified_at) if m]
        return min(moments) if moments else None


@dataclass(frozen=True)
class RegisterRow:
    number: str
    brin: str
    title: str
    type_label: str
    discovered_at: datetime
    decision: Decision | None
    notified_at: datetime | None
    notified_in_time: bool | None
    subjects_informed_at: datetime | None
    status: IncidentStatus


@dataclass(frozen=True)
class RegisterTotals:
    incidents: int = 0
    reportable: int = 0
    not_reportable: int = 0
    not_assessed: int = 0
    notified_in_time: int = 0
    notified_late: int = 0
    not_notified: int = 0
    subjects_informed: int = 0
    open: int = 0


@dataclass(frozen=True)
class RegisterData:
    title_scope: str  # school name, or the board's name for several schools
    period_from: datetime
    period_to: datetime
    rows: tuple[RegisterRow, ...]
    totals: RegisterTotals = field(default_factory=RegisterTotals)


def register_totals(rows: tuple[RegisterRow, ...] | list[RegisterRow]) -> RegisterTotals:
    reportable = [r for r in rows if r.decision in (Decision.NOTIFY_AP, Decision.NOTIFY_AP_AND_SUBJECTS)]
    return RegisterTotals(
        incidents=len(rows),
        reportable=len(reportable),
        not_reportable=sum(r.decision is Decision.NOT_REPORTABLE for r in rows),
        not_assessed=sum(r.decision is None for r in rows),
        notified_in_time=sum(r.notified_in_time is True for r in rows),
        notified_late=sum(r.notified_in_time is False for r in rows),
        not_notified=sum(r.notified_at is None for r in reportable),
        subjects_informed=sum(r.subjects_informed_at is not None for r in rows),
        open=sum(r.status is not IncidentStatus.CLOSED for r in rows),
    )


# --- the clock moves on ----------------------------------------------------------------------------
# Only the 72-hour clock of a loaded row or detail changes with time (the rest changes by a save, which
# reloads): a page that stays open recomputes it at its moment instead of asking the database again.


def row_at(row: IncidentRow, now: datetime) -> IncidentRow:
    """The row with its 72-hour clock as it stands at ``now``."""
    return replace(row, clock=clock_status(row.discovered_at, now, row.notified_at, row.decision))


def detail_at(detail: IncidentDetail, now: datetime) -> IncidentDetail:
    """The detail with its 72-hour clock as it stands at ``now``."""
    clock = clock_status(detail.facts.discovered_at, now, detail.notified_at, detail.decision)
    return replace(detail, clock=clock)
