"""Plain rows of the retention area, shared by services, reports and (later) the GUI pages.

No ORM objects: a page or a PDF gets these and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from ibp_desktop.core.retention.rules import (
    ACTION_LABELS,
    EVENT_LABELS,
    SYSTEM_LABELS,
    Action,
    Event,
    System,
    Term,
    hold_reasons_of,
    hold_text,
)


class Source(StrEnum):
    """Where the due records of a schedule row come from."""

    PUPILS = "pupils"  # every deregistered pupil: records in the LAS or paper archive
    PUPILS_REFERRED = "pupils_referred"  # deregistered pupils marked as referred
    CONSENT = "consent"  # the program's consent decisions
    INCIDENTS = "incidents"  # the program's closed incidents
    PUPIL_ROWS = "pupil_rows"  # the program's pupil rows themselves
    ITEMS = "items"  # registered by hand
    STAFF_ROWS = "staff_rows"  # the program's staff list of people who left (issue 20)


PROGRAM_SOURCES = frozenset({Source.CONSENT, Source.INCIDENTS, Source.PUPIL_ROWS, Source.STAFF_ROWS})
PUPIL_SOURCES = frozenset({Source.PUPILS, Source.PUPILS_REFERRED, Source.CONSENT, Source.PUPIL_ROWS})


class RunStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    CARRIED_OUT = "carried_out"
    CANCELLED = "cancelled"


RUN_STATUS_LABELS: dict[RunStatus, str] = {
    RunStatus.PROPOSED: "Wacht op goedkeuring",
    RunStatus.APPROVED: "Goedgekeurd, nog uitvoeren",
    RunStatus.CARRIED_OUT: "Uitgevoerd",
    RunStatus.CANCELLED: "Geannuleerd",
}


class LineKind(StrEnum):
    PROGRAM = "program"  # deleted by the run itself
    EXTERNAL = "external"  # destroyed elsewhere; the run records who, when, how
    EXCEPTION = "exception"  # due, but stopped by a legal hold


class Outcome(StrEnum):
    OPEN = ""
    DELETED = "deleted"
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class RuleRow:
    """One row of the schedule. ``id`` 0: the default, not yet stored for this school."""

    id: int
    category: str
    label: str
    term: Term
    event: Event
    basis: str
    action: Action
    system: System
    source: Source
    sort_order: int
    version: int

    @property
    def term_text(self) -> str:
        if self.action is Action.KEEP_PERMANENTLY:
            return ACTION_LABELS[self.action]
        return f"{self.term.text} na {EVENT_LABELS[self.event]}"

    @property
    def event_label(self) -> str:
        return EVENT_LABELS[self.event]

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]

    @property
    def system_label(self) -> str:
        return SYSTEM_LABELS[self.system]


@dataclass(frozen=True)
class RuleInput:
    """What a user edits on a schedule row."""

    label: str
    term: Term
    event: Event
    basis: str
    action: Action
    system: System


@dataclass(frozen=True)
class DueItem:
    """One line of the due list: a record (or one pupil's records of one category) whose term is over by
    the date asked. ``held``: a legal hold stops it, ``hold_reason`` says why. ``run_number``: already in
    that clean-up run."""

    key: str  # "consent:toestemmingen:12" - pass back to propose_run
    category: str
    category_label: str
    system: System
    kind: str  # "program" or "external"
    description: str
    pupil_number: str | None
    event_date: date
    due_on: date
    term_text: str
    basis: str
    record_count: int
    hold_reason: str
    run_number: str | None
    sort_order: int
    # Only for the screen and the internal due list, to find the paper dossier; never copied into a
    # clean-up run or a certificate (those name pupils by number only).
    pupil_name: str = ""
    group_name: str = ""
    holds: tuple[str, ...] = ()  # the reasons of the legal holds, as data (``hold_reason`` is the sentence)

    @property
    def held(self) -> bool:
        return bool(self.hold_reason)

    @property
    def who(self) -> str:
        """ "Şükrü Yılmaz, groep 5" (+ ": 3 besluiten"); the description when no pupil is involved."""
        if not self.pupil_name:
            return self.description
        group = f", groep {self.group_name}" if self.group_name else ""
        rest = self.description.split(": ", 1)[1] if ": " in self.description else ""
        return f"{self.pupil_name}{group}" + (f": {rest}" if rest else "")

    @property
    def hold_text(self) -> str:
        """Why it is kept, for a table cell: the reasons of the holds, or the reason it is not due."""
        return hold_text(self.holds) if self.holds else hold_reasons_of(self.hold_reason)

    @property
    def system_label(self) -> str:
        return SYSTEM_LABELS[self.system]

    @property
    def status_text(self) -> str:
        if self.held:
            return self.hold_reason
        if self.run_number:
            return f"In opruimronde {self.run_number}"
        return "Te vernietigen"


@dataclass(frozen=True)
class ItemRow:
    """A record registered by hand."""

    id: int
    category: str
    category_label: str
    description: str
    event_date: date
    system: System
    due_on: date | None
    hold_reason: str
    hold_incident: str | None
    done_run_number: str | None
    version: int
    own_term: str = ""  # "1 jaar" when the item has a term of its own, "" for the category's
    term_reason: str = ""

    @property
    def system_label(self) -> str:
        return SYSTEM_LABELS[self.system]


@dataclass(frozen=True)
class RunLine:
    id: int
    kind: LineKind
    target: str
    category: str
    category_label: str
    system: System
    pupil_number: str | None
    description: str
    event_date: date | None
    due_on: date | None
    record_count: int
    term_text: str
    basis: str
    hold_reason: str
    outcome: Outcome
    outcome_note: str
    method: str
    done_by: str
    done_on: date | None
    certificate_ref: str
    # For the screen only (to find a paper dossier): the pupil while still in the database. The
    # certificate does not use it (pupil numbers only).
    pupil_name: str = ""

    @property
    def hold_text(self) -> str:
        """The reasons of the hold that kept this record, for a table cell."""
        return hold_reasons_of(self.hold_reason)

    @property
    def system_label(self) -> str:
        return SYSTEM_LABELS[self.system]

    @property
    def shown(self) -> str:
        """ "Şükrü Yılmaz (leerling 109486)" when the pupil is known, else the stored description."""
        if not self.pupil_name:
            return self.description
        number = f" (leerling {self.pupil_number})" if self.pupil_number else ""
        rest = self.description.split(": ", 1)[1] if ": " in self.description else ""
        return f"{self.pupil_name}{number}" + (f": {rest}" if rest else "")


@dataclass(frozen=True)
class RunRow:
    id: int
    school_id: int
    number: str
    status: RunStatus
    until: date
    proposed_by: str
    proposed_at: datetime
    approved_by: str
    approved_at: datetime | None
    executed_by: str
    executed_at: datetime | None
    program_records: int  # records the run deletes (or deleted) in the program
    external_lines: int  # lines destroyed elsewhere
    external_open: int  # of those, not yet recorded as done
    exceptions: int
    version: int

    @property
    def status_label(self) -> str:
        if self.status is RunStatus.CARRIED_OUT and self.external_open:
            return f"Uitgevoerd; nog {self.external_open} regels buiten dit programma vastleggen"
        return RUN_STATUS_LABELS[self.status]


@dataclass(frozen=True)
class RunDetail:
    run: RunRow
    school_name: str
    brin: str
    lines: tuple[RunLine, ...]


@dataclass(frozen=True)
class CertificateSection:
    """One category on the destruction certificate."""

    category_label: str
    system_label: str
    period_from: date | None
    period_to: date | None
    records: int
    pupil_numbers: tuple[str, ...]  # only for records outside the program, where the executor needs them
    term_text: str
    basis: str
    methods: tuple[str, ...]
    done_by: tuple[str, ...]
    done_on: tuple[date, ...]
    certificate_refs: tuple[str, ...]
    open_lines: int  # not yet carried out


def certificate_sections(lines: tuple[RunLine, ...]) -> list[CertificateSection]:
    """Group the run's (non-exception) lines per category and system, in line order."""
    groups: dict[tuple[str, System], list[RunLine]] = {}
    for line in lines:
        if line.kind is not LineKind.EXCEPTION and line.outcome is not Outcome.SKIPPED:
            groups.setdefault((line.category_label, line.system), []).append(line)
    return [_section(members) for members in groups.values()]


def _section(members: list[RunLine]) -> CertificateSection:
    first = members[0]
    dates = [m.event_date for m in members if m.event_date is not None]
    external = first.kind is LineKind.EXTERNAL
    return CertificateSection(
        category_label=first.category_label,
        system_label=first.system_label,
        period_from=min(dates, default=None),
        period_to=max(dates, default=None),
        records=sum(m.record_count for m in members),
        pupil_numbers=tuple(m.pupil_number for m in members if external and m.pupil_number),
        term_text=first.term_text,
        basis=first.basis,
        methods=_distinct(m.method for m in members),
        done_by=_distinct(m.done_by for m in members),
        done_on=tuple(sorted({m.done_on for m in members if m.done_on is not None})),
        certificate_refs=_distinct(m.certificate_ref for m in members),
        open_lines=sum(1 for m in members if m.outcome is Outcome.OPEN),
    )


def _distinct(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
