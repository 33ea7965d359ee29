"""Plain records of the processing register, DPIAs, complaints and evidence files.

Input records are also part of the output: a page shows them, edits a copy with ``dataclasses.replace``
and hands it back with the ``version`` it read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ibp_desktop.core.accountability.complaints import (
    OUTCOME_LABELS,
    ComplainantRole,
    ComplaintOutcome,
    ComplaintStatus,
)
from ibp_desktop.core.accountability.complaints import (
    ROLE_LABELS as COMPLAINANT_LABELS,
)
from ibp_desktop.core.accountability.dpia import DECISION_LABELS, Decision, DpiaStatus
from ibp_desktop.core.accountability.processing import (
    DPIA_NEED_LABELS,
    LEGAL_BASIS_LABELS,
    TRANSFER_LABELS,
    ActivityStatus,
    DpiaNeed,
    LegalBasis,
    Transfer,
)
from ibp_desktop.core.requests import Level
from ibp_desktop.core.roles import ROLE_LABELS, Role

# --- processing register ------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityInput:
    name: str
    purpose: str
    legal_basis: LegalBasis
    owner_role: Role
    basis_note: str = ""
    data_subjects: str = ""
    data_categories: str = ""
    special_categories: str = ""
    recipients: str = ""
    outside_eea: Transfer = Transfer.UNKNOWN
    transfer_note: str = ""
    security_measures: str = ""
    dpia_needed: DpiaNeed = DpiaNeed.UNKNOWN
    supplier_ids: frozenset[int] = frozenset()
    retention_codes: tuple[str, ...] = ()
    consent_codes: tuple[str, ...] = ()
    last_reviewed_on: date | None = None


@dataclass(frozen=True)
class LinkedName:
    code: str  # retention category or consent purpose code; str(id) for suppliers and DPIAs
    label: str
    detail: str = ""  # e.g. "2 jaar na uitschrijving", "Geen verwerkersovereenkomst"
    done: bool = False  # a DPIA: decided


@dataclass(frozen=True)
class ActivityRow:
    id: int
    version: int
    school_id: int
    brin: str
    code: str
    facts: ActivityInput
    suppliers: tuple[LinkedName, ...]
    retention: tuple[LinkedName, ...]
    consent: tuple[LinkedName, ...]
    dpias: tuple[LinkedName, ...]
    status: ActivityStatus

    @property
    def name(self) -> str:
        return self.facts.name

    @property
    def basis_label(self) -> str:
        return LEGAL_BASIS_LABELS[self.facts.legal_basis]

    @property
    def transfer_label(self) -> str:
        return TRANSFER_LABELS[self.facts.outside_eea]

    @property
    def dpia_label(self) -> str:
        done = [d for d in self.dpias if d.done]
        if self.facts.dpia_needed is DpiaNeed.YES and done:
            return "Nodig, gedaan (" + ", ".join(d.label for d in done) + ")"
        return DPIA_NEED_LABELS[self.facts.dpia_needed]

    @property
    def owner_label(self) -> str:
        return ROLE_LABELS[self.facts.owner_role]

    @property
    def level(self) -> Level:
        return self.status.level


@dataclass(frozen=True)
class ProcessingCounts:
    activities: int
    with_special_categories: int
    outside_eea: int
    dpia_needed: int
    dpia_missing: int
    without_agreement: int
    review_due: int


@dataclass(frozen=True)
class ProcessingRegister:
    scope: str
    today: date
    rows: tuple[ActivityRow, ...]
    counts: ProcessingCounts


def count_activities(rows: tuple[ActivityRow, ...] | list[ActivityRow], today: date) -> ProcessingCounts:
    from ibp_desktop.core.accountability.processing import review_due

    return ProcessingCounts(
        activities=len(rows),
        with_special_categories=sum(1 for r in rows if r.facts.special_categories.strip()),
        outside_eea=sum(1 for r in rows if r.facts.outside_eea is Transfer.YES),
        dpia_needed=sum(1 for r in rows if r.facts.dpia_needed is DpiaNeed.YES),
        dpia_missing=sum(
            1 for r in rows if r.facts.dpia_needed is DpiaNeed.YES and not any(d.done for d in r.dpias)
        ),
        without_agreement=sum(1 for r in rows if any(s.detail for s in r.suppliers)),
        review_due=sum(1 for r in rows if review_due(r.facts.last_reviewed_on, today)),
    )


# --- DPIA ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrescanInput:
    subject: str  # the activity's name or the new application, e.g. "Nieuwe ouderapp"
    ap_items: frozenset[str] = frozenset()
    criteria: frozenset[str] = frozenset()
    note: str = ""
    activity_id: int | None = None
    on: date | None = None


@dataclass(frozen=True)
class RiskInput:
    description: str
    likelihood: int  # 1..3
    impact: int  # 1..3
    measure: str = ""


@dataclass(frozen=True)
class RiskRow:
    id: int
    facts: RiskInput
    level_text: str  # "Hoog", "Middel", "Laag"
    level: Level
    action_id: int | None
    action_status: str  # "" without an action, else "Open", "Bezig", "Klaar"


@dataclass(frozen=True)
class DpiaRow:
    id: int
    version: int
    school_id: int
    brin: str
    number: str
    subject: str
    activity_id: int | None
    activity_name: str
    ap_items: frozenset[str]
    criteria: frozenset[str]
    needed: bool
    prescan_reasoning: str
    prescan_on: date
    prescan_by_name: str
    description: str
    necessity: str
    advice_asked_on: date | None
    advice: str
    advice_on: date | None
    advice_by_name: str
    decision: Decision | None
    decision_reasons: str
    decided_on: date | None
    decided_by_name: str
    review_on: date | None
    risks: tuple[RiskRow, ...]
    status: DpiaStatus
    evidence: tuple[EvidenceRow, ...] = ()

    @property
    def decision_label(self) -> str:
        return DECISION_LABELS[self.decision] if self.decision else ""

    @property
    def level(self) -> Level:
        return self.status.level


@dataclass(frozen=True)
class DpiaCounts:
    total: int
    needed: int
    not_needed: int
    decided: int
    open: int
    waiting_for_fg: int
    review_due: int
    high_risks: int


@dataclass(frozen=True)
class DpiaRegister:
    scope: str
    today: date
    rows: tuple[DpiaRow, ...]
    counts: DpiaCounts


# --- complaints ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintInput:
    received_on: date
    complainant_role: ComplainantRole
    subject: str
    complainant_name: str = ""
    handler_name: str = ""
    request_id: int | None = None
    incident_id: int | None = None
    term_weeks: int = 6


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    version: int
    school_id: int
    brin: str
    number: str
    facts: ComplaintInput
    request_number: str
    incident_number: str
    deadline: date
    outcome: ComplaintOutcome | None
    outcome_note: str
    answered_on: date | None
    ap_told: bool
    status: ComplaintStatus
    evidence: tuple[EvidenceRow, ...] = ()

    @property
    def role_label(self) -> str:
        return COMPLAINANT_LABELS[self.facts.complainant_role]

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome] if self.outcome else ""

    @property
    def level(self) -> Level:
        return self.status.level


@dataclass(frozen=True)
class ComplaintCounts:
    total: int
    open: int
    overdue: int
    answered: int
    answered_on_time: int
    founded: int  # founded or partly founded
    by_role: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ComplaintRegister:
    scope: str
    today: date
    rows: tuple[ComplaintRow, ...]
    counts: ComplaintCounts


# --- evidence files -----------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceRow:
    id: int
    owner_kind: str
    owner_id: int
    file_name: str
    media_type: str
    size: int
    note: str
    added_at: datetime
    added_by_name: str
    pupil_id: int | None = None


# --- figures for the annual report and the FG report ------------------------------------------


@dataclass(frozen=True)
class AccountabilityFigures:
    """The processing register as it stands, and DPIAs and complaints of the period."""

    activities: int
    activities_review_due: int
    activities_without_agreement: int
    activities_dpia_missing: int
    prescans: int  # pre-scans done in the period
    dpias_needed: int  # of those: DPIA needed
    dpias_decided: int  # decided in the period
    dpias_open: int  # needed, not decided (as it stands)
    dpias_waiting_for_fg: int
    complaints: int  # received in the period
    complaints_answered_on_time: int
    complaints_answered_late: int
    complaints_open: int
    complaints_overdue: int
    complaints_founded: int
    complaint_lines: tuple[tuple[str, str, str, str], ...] = ()  # (number, received, subject, status)

    def summary(self) -> list[tuple[str, str]]:
        return [
            ("Verwerkingen in het verwerkingsregister", str(self.activities)),
            ("waarvan jaarlijkse controle te laat of nooit gedaan", str(self.activities_review_due)),
            (
                "waarvan met een verwerker zonder verwerkersovereenkomst",
                str(self.activities_without_agreement),
            ),
            ("waarvan DPIA nodig maar nog niet gedaan", str(self.activities_dpia_missing)),
            ("Voortoetsen DPIA in de periode", str(self.prescans)),
            ("waarvan DPIA nodig", str(self.dpias_needed)),
            ("DPIA's besloten in de periode", str(self.dpias_decided)),
            ("DPIA's nog niet besloten", str(self.dpias_open)),
            ("waarvan wachtend op advies van de FG", str(self.dpias_waiting_for_fg)),
            ("Klachten over persoonsgegevens ontvangen", str(self.complaints)),
            ("beantwoord binnen de termijn", str(self.complaints_answered_on_time)),
            ("beantwoord na de termijn", str(self.complaints_answered_late)),
            ("nog open (waarvan te laat)", f"{self.complaints_open} ({self.complaints_overdue})"),
            ("gegrond of deels gegrond", str(self.complaints_founded)),
        ]
