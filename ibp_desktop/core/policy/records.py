"""Plain records of the policy cycle: services fill them, pages and reports show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ibp_desktop.core.policy.rules import (
    CYCLE_LABELS,
    GMR_BODY_LABELS,
    STAGE_LABELS,
    Cycle,
    GmrBody,
    Stage,
    Step,
    months_label,
)
from ibp_desktop.core.roles import ROLE_LABELS, Role

# --- policy documents ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentInput:
    title: str
    cycle: Cycle = Cycle.YEARLY
    requires_gmr: bool = False  # without gmr_body: the whole GMR consents
    description: str = ""
    school_id: int | None = None  # None: a document of the whole board
    gmr_body: GmrBody | None = None  # which GMR section consents; None with requires_gmr=False


@dataclass(frozen=True)
class VersionRow:
    id: int
    version: int  # optimistic-lock counter: hand it back with a step
    document_id: int
    number: int
    file_name: str
    media_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    uploaded_by: str
    note: str
    stage: Stage
    fg_advice_on: date | None
    fg_advice: str
    adopted_on: date | None
    gmr_consent_on: date | None
    gmr_refused_on: date | None
    gmr_refusal_reason: str
    published_on: date | None
    next_steps: tuple[Step, ...]  # the steps the path allows now (not yet checked against roles)
    proposed_on: date | None = None
    adopted_without_prior_consent: bool = False  # void adoption (recorded before the GMR consented)

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS[self.stage]


@dataclass(frozen=True)
class DocumentRow:
    id: int
    version: int
    school_id: int | None
    scope: str  # the school's name, or "Hele bestuur"
    title: str
    code: str  # seed code of a default document, "" for the school's own
    cycle: Cycle
    requires_gmr: bool
    description: str
    last_evaluated_on: date | None
    evaluation_note: str
    versions: int
    latest: VersionRow | None
    status_text: str
    level: str  # "red", "amber", "green", "grey"
    lacks_gmr_consent: bool
    evaluation_due: date | None
    evaluation_overdue: bool
    gmr_body: GmrBody | None = None

    @property
    def cycle_label(self) -> str:
        return CYCLE_LABELS[self.cycle]

    @property
    def gmr_label(self) -> str:
        """ "Instemming oudergeleding (OGMR)" or "" when the GMR has no consent right."""
        return f"Instemming {GMR_BODY_LABELS[self.gmr_body]}" if self.gmr_body else ""


@dataclass(frozen=True)
class DocumentDetail:
    document: DocumentRow
    versions: tuple[VersionRow, ...]  # newest first


@dataclass(frozen=True)
class StoredFile:
    file_name: str
    media_type: str
    content: bytes
    sha256: str


# --- the yearly calendar ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskInput:
    title: str
    owner_role: Role
    months: tuple[int, ...]  # the months in which the task starts
    span_months: int = 1  # how many months one occurrence runs (the consent campaign: 3)
    description: str = ""


@dataclass(frozen=True)
class TaskRow:
    id: int
    version: int
    school_id: int
    code: str
    title: str
    owner_role: Role
    months: tuple[int, ...]
    span_months: int
    description: str

    @property
    def owner_label(self) -> str:
        return ROLE_LABELS[self.owner_role]

    @property
    def months_text(self) -> str:
        return ", ".join(months_label(m, self.span_months) for m in self.months)


@dataclass(frozen=True)
class OccurrenceRow:
    task_id: int
    school_id: int
    title: str
    owner_role: Role
    year: int
    month: int  # the month it starts
    period: str  # "augustus - oktober"
    due_on: date
    done_on: date | None
    done_by: str
    note: str
    status_text: str  # "Gedaan", "Te laat", "Deze maand", "Gepland"
    level: str

    @property
    def owner_label(self) -> str:
        return ROLE_LABELS[self.owner_role]

    @property
    def done(self) -> bool:
        return self.done_on is not None

    @property
    def id(self) -> tuple[int, int, int]:
        """One occurrence: (task, year, start month); lets a list keep the selection after a reload."""
        return (self.task_id, self.year, self.month)


@dataclass(frozen=True)
class YearPlan:
    scope: str
    year: int
    occurrences: tuple[OccurrenceRow, ...]  # by month, then title
