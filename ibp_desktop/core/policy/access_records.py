"""Plain records of the access-rights register: systems, staff, who has which access, leaver/mover
checklists and periodic reviews (issue 8). Staff are not pupils: their names may be shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from dateutil.relativedelta import relativedelta

REVIEW_INTERVAL_DAYS = 183  # twice a year
DEFAULT_SYSTEMS: tuple[tuple[str, str], ...] = (
    ("Leerlingadministratie", "ParnasSys, ESIS of Magister: leerlinggegevens, groepen, verzuim"),
    ("Leerlingvolgsysteem", "Toetsen, notities en gespreksverslagen"),
    ("Ouderapp", "Parro of Social Schools: berichten, foto's, gesprekken"),
    ("E-mail en agenda", "Microsoft 365 of Google Workspace"),
    ("Bestandsopslag", "Gedeelde mappen (OneDrive, SharePoint of Google Drive)"),
    ("IBP Desktop", "Dit programma: toestemmingen, incidenten, bewaartermijnen"),
)
LEVEL_SUGGESTIONS = ("Beheerder", "Bewerken", "Alleen lezen")


class ChecklistKind(StrEnum):
    LEAVER = "leaver"
    MOVER = "mover"


CHECKLIST_LABELS = {ChecklistKind.LEAVER: "Vertrek", ChecklistKind.MOVER: "Andere functie"}


class ItemOutcome(StrEnum):
    REVOKED = "revoked"
    CHANGED = "changed"
    KEPT = "kept"


ITEM_LABELS = {
    ItemOutcome.REVOKED: "Ingetrokken",
    ItemOutcome.CHANGED: "Gewijzigd",
    ItemOutcome.KEPT: "Blijft",
}


class ReviewOutcome(StrEnum):
    CONFIRMED = "confirmed"
    CHANGED = "changed"
    REVOKED = "revoked"


REVIEW_LABELS = {
    ReviewOutcome.CONFIRMED: "Klopt",
    ReviewOutcome.CHANGED: "Aangepast",
    ReviewOutcome.REVOKED: "Ingetrokken",
}


@dataclass(frozen=True)
class SystemRow:
    id: int
    version: int
    school_id: int
    name: str
    description: str
    accesses: int  # active grants


@dataclass(frozen=True)
class PersonRow:
    id: int
    version: int
    school_id: int
    name: str
    function: str
    left_on: date | None
    accesses: int
    open_checklist_id: int | None

    @property
    def active(self) -> bool:
        return self.left_on is None


@dataclass(frozen=True)
class GrantRow:
    id: int
    version: int
    system_id: int
    system_name: str
    person_id: int
    person_name: str
    person_function: str
    level: str
    granted_on: date | None


@dataclass(frozen=True)
class AccessMatrix:
    """Systems x people: ``level(person_id, system_id)`` is "" where someone has no access."""

    school_id: int
    systems: tuple[SystemRow, ...]
    people: tuple[PersonRow, ...]
    grants: tuple[GrantRow, ...]

    def level(self, person_id: int, system_id: int) -> str:
        for grant in self.grants:
            if grant.person_id == person_id and grant.system_id == system_id:
                return grant.level
        return ""

    def grant(self, person_id: int, system_id: int) -> GrantRow | None:
        return next((g for g in self.grants if g.person_id == person_id and g.system_id == system_id), None)


@dataclass(frozen=True)
class ChecklistItemRow:
    id: int
    system_name: str
    level: str
    outcome: ItemOutcome | None
    new_level: str
    done_on: date | None
    done_by: str
    note: str

    @property
    def done(self) -> bool:
        return self.done_on is not None

    @property
    def outcome_label(self) -> str:
        if self.outcome is None:
            return "Nog te doen"
        label = ITEM_LABELS[self.outcome]
        return f"{label}: {self.new_level}" if self.outcome is ItemOutcome.CHANGED else label


@dataclass(frozen=True)
class ChecklistRow:
    id: int
    version: int
    school_id: int
    person_id: int | None
    person_name: str
    kind: ChecklistKind
    effective_on: date
    new_function: str
    created_at: datetime
    created_by: str
    items: tuple[ChecklistItemRow, ...]

    @property
    def kind_label(self) -> str:
        return CHECKLIST_LABELS[self.kind]

    @property
    def open_items(self) -> int:
        return sum(1 for item in self.items if not item.done)

    @property
    def finished(self) -> bool:
        return self.open_items == 0


@dataclass(frozen=True)
class ReviewLineRow:
    id: int
    system_name: str
    person_name: str
    person_function: str
    level: str
    outcome: ReviewOutcome | None
    new_level: str
    note: str
    decided_at: datetime | None
    decided_by: str

    @property
    def outcome_label(self) -> str:
        if self.outcome is None:
            return "Nog niet gecontroleerd"
        label = REVIEW_LABELS[self.outcome]
        return f"{label}: {self.new_level}" if self.outcome is ReviewOutcome.CHANGED else label


@dataclass(frozen=True)
class ReviewRow:
    id: int
    version: int
    school_id: int
    scope: str
    started_on: date
    started_by: str
    finished_on: date | None
    finished_by: str
    note: str
    lines: tuple[ReviewLineRow, ...]

    @property
    def open_lines(self) -> int:
        return sum(1 for line in self.lines if line.outcome is None)

    @property
    def status_text(self) -> str:
        if self.finished_on:
            return f"Afgerond op {self.finished_on:%d-%m-%Y}"
        return f"Bezig: nog {self.open_lines} van {len(self.lines)} te controleren"


def review_due(last_finished: date | None, today: date) -> bool:
    return last_finished is None or (today - last_finished).days >= REVIEW_INTERVAL_DAYS


def default_change_on(today: date) -> date:
    """The proposed "Per datum" of a leaver or mover checklist: staff usually leave at the end of a month."""
    return today + relativedelta(day=31)
