"""Plain records of the accountability registers: services fill them, pages and reports show them.

Input records (``RequestInput``, ``SupplierInput``, ``AgreementInput``, ``ActionInput``) are also part
of the output: a page shows them, edits a copy with ``dataclasses.replace`` and hands the copy back
together with the ``version`` it read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ibp_desktop.core.actions import SOURCE_LABELS, STATUS_LABELS, ActionSource, ActionStatus
from ibp_desktop.core.processors import MODEL_LABELS, AgreementStatus, EuStorage, ModelVersion
from ibp_desktop.core.requests import (
    OUTCOME_LABELS,
    RELATION_LABELS,
    RIGHT_LABELS,
    Level,
    Outcome,
    Relation,
    RequestCounts,
    RequestStatus,
    Right,
    deadline_note,
)
from ibp_desktop.core.roles import ROLE_LABELS, Role

# --- data-subject requests ----------------------------------------------------------------------


@dataclass(frozen=True)
class RequestInput:
    received_on: date
    requester_name: str
    relation: Relation
    right: Right
    id_check: str  # how the identity was checked, e.g. one of ID_CHECK_SUGGESTIONS
    authority_checked: bool = False  # for a parent: parental authority checked
    authority_note: str = ""
    relation_note: str = ""  # who the requester is when the relation is "anders"
    pupil_id: int | None = None
    description: str = ""  # what exactly is asked
    fg_consulted: bool = False


@dataclass(frozen=True)
class RequestRow:
    id: int
    version: int
    school_id: int
    brin: str
    number: str
    received_on: date
    requester_name: str
    relation: Relation
    right: Right
    pupil_id: int | None
    pupil_name: str  # "" when no pupil is concerned (or the pupil was removed by retention)
    deadline: date  # the deadline in force, with the extension if any, moved off weekends and holidays
    extended: bool
    fg_consulted: bool
    outcome: Outcome | None
    answered_on: date | None
    handled_by: str
    status: RequestStatus
    computed_deadline: date | None = None  # the calendar date before moving (Reg. 1182/71 art. 3(4))

    @property
    def deadline_text(self) -> str:
        """ "03-05-2027" or "03-05-2027 (verschoven van 01-05-2027, zaterdag)": both dates when moved."""
        text = f"{self.deadline:%d-%m-%Y}"
        computed = self.computed_deadline
        if computed is not None and computed != self.deadline:
            text += f" ({deadline_note(computed)})"
        return text

    @property
    def right_label(self) -> str:
        return RIGHT_LABELS[self.right]

    @property
    def relation_label(self) -> str:
        return RELATION_LABELS[self.relation]

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome] if self.outcome else ""

    @property
    def status_text(self) -> str:
        return self.status.text

    @property
    def level(self) -> Level:
        return self.status.level


@dataclass(frozen=True)
class Remark:
    at: datetime
    author: str
    text: str


@dataclass(frozen=True)
class RequestDetail:
    row: RequestRow
    facts: RequestInput
    school_name: str
    pupil_number: str
    original_deadline: date  # also the last day to tell the requester about an extension
    extension_reason: str
    extension_informed_on: date | None
    outcome_reasons: str
    remarks: tuple[Remark, ...]

    @property
    def can_extend(self) -> bool:
        return not self.row.extended and self.row.answered_on is None


@dataclass(frozen=True)
class RequestRegister:
    scope: str  # the school's name, or "<board>: alle scholen"
    period_from: date | None
    period_to: date | None
    today: date
    rows: tuple[RequestRow, ...]
    counts: RequestCounts


# --- processor agreements -----------------------------------------------------------------------


@dataclass(frozen=True)
class SupplierInput:
    name: str
    covenant_participant: bool = False
    notes: str = ""


@dataclass(frozen=True)
class AgreementInput:
    model_version: ModelVersion
    signed_on: date | None = None
    ends_on: date | None = None
    bijsluiter_version: str = ""
    sub_processors: str = ""
    data_in_eu: EuStorage = EuStorage.UNKNOWN
    data_categories: str = ""
    review_on: date | None = None


@dataclass(frozen=True)
class ProductRow:
    id: int
    supplier_id: int
    name: str
    school_ids: tuple[int, ...]
    schools: tuple[str, ...]  # BRIN codes of the schools that use it


@dataclass(frozen=True)
class AgreementView:
    id: int
    version: int
    terms: AgreementInput

    @property
    def model_label(self) -> str:
        return MODEL_LABELS[self.terms.model_version]


@dataclass(frozen=True)
class SupplierRow:
    """A supplier with its products and agreement: one row of the list and also the detail."""

    id: int
    version: int
    name: str
    covenant_participant: bool
    notes: str
    products: tuple[ProductRow, ...]
    agreement: AgreementView | None
    status: AgreementStatus

    @property
    def status_text(self) -> str:
        return self.status.text

    @property
    def level(self) -> Level:
        return self.status.level

    @property
    def model_label(self) -> str:
        return self.agreement.model_label if self.agreement else "Geen overeenkomst"


@dataclass(frozen=True)
class ProcessorReminder:
    supplier_id: int
    supplier_name: str
    text: str  # a whole Dutch sentence for the dashboard
    level: Level


@dataclass(frozen=True)
class ProcessorCounts:
    suppliers: int
    with_agreement: int
    without_agreement: int
    model_4: int
    model_3: int
    own_model: int
    needs_attention: int
    outside_eu: int


@dataclass(frozen=True)
class ProcessorRegister:
    scope: str
    today: date
    rows: tuple[SupplierRow, ...]
    counts: ProcessorCounts


def count_suppliers(rows: tuple[SupplierRow, ...] | list[SupplierRow]) -> ProcessorCounts:
    agreements = [r.agreement.terms for r in rows if r.agreement]
    return ProcessorCounts(
        suppliers=len(rows),
        with_agreement=len(agreements),
        without_agreement=len(rows) - len(agreements),
        model_4=sum(1 for a in agreements if a.model_version is ModelVersion.V4),
        model_3=sum(1 for a in agreements if a.model_version is ModelVersion.V3),
        own_model=sum(1 for a in agreements if a.model_version is ModelVersion.OWN),
        needs_attention=sum(1 for r in rows if r.status.needs_attention),
        outside_eu=sum(1 for a in agreements if a.data_in_eu is EuStorage.NO),
    )


# --- the action register -------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionInput:
    title: str
    owner_role: Role
    source: ActionSource
    school_id: int | None = None  # None: the whole board
    due_on: date | None = None
    source_reference: str = ""  # e.g. the incident number "2026-003"
    description: str = ""


@dataclass(frozen=True)
class ActionRow:
    id: int
    version: int
    school_id: int | None
    school_name: str  # "Hele bestuur" when board-wide
    facts: ActionInput
    status: ActionStatus
    created_at: datetime
    created_by: str
    closed_at: datetime | None
    closed_by: str
    due_text: str  # "Uiterlijk 01-03-2027", "Te laat (sinds ...)", "Klaar", "Geen datum"
    level: Level

    @property
    def title(self) -> str:
        return self.facts.title

    @property
    def owner_label(self) -> str:
        return ROLE_LABELS[self.facts.owner_role]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def source_label(self) -> str:
        label = SOURCE_LABELS[self.facts.source]
        return f"{label} ({self.facts.source_reference})" if self.facts.source_reference else label
