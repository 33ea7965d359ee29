"""Import the staff export (CSV or .xlsx) into the school's staff list; all or nothing.

A row is matched to an existing employee by the staff number, else by the name. New people are added,
changed facts (function, dates, e-mail) updated; people missing from the file are listed, never removed
(they may be volunteers or interns kept by hand). A new "Datum uit dienst" starts the access-rights
leaver checklist for someone who still has access somewhere. The mapping is remembered per layout.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from ibp_desktop.core.roles import Permission
from ibp_desktop.core.staff.records import StaffInput
from ibp_desktop.importers.header import SkippedRow
from ibp_desktop.importers.mapping import (
    ColumnMapping,
    guess_mapping,
    mapping_lines,
    unused_headers,
)
from ibp_desktop.importers.problems import ProblemList
from ibp_desktop.importers.staff import STAFF_CAPTIONS, STAFF_FIELDS, StaffRecord, read_staff
from ibp_desktop.importers.tabular import Table, read_table
from ibp_desktop.importers.values import fold, number_key
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.import_mappings import chosen_mapping, remember
from ibp_desktop.services.requests.register import today_here
from ibp_desktop.services.staff.links import leaver_checklist
from ibp_desktop.services.staff.register import apply_staff
from ibp_desktop.services.staff.rows import staff_members
from ibp_desktop.store.policy_models import StaffMember

Overrides = Mapping[str, int | str | None]
KIND = "staff"


@dataclass(frozen=True)
class StaffImportPreview:
    source: str
    kind: str  # "CSV, puntkomma, Windows-1252" / "Excel (.xlsx)"
    headers: tuple[str, ...]
    mapping: dict[str, int]
    records: tuple[StaffRecord, ...]
    new: tuple[str, ...]  # names
    changed: tuple[str, ...]
    unchanged: int
    leavers: tuple[str, ...]  # a leaving date that was not known before
    not_in_file: tuple[str, ...]  # active employees the file does not mention (kept)
    skipped: tuple[SkippedRow, ...] = ()
    from_memory: bool = False

    @property
    def unused_columns(self) -> tuple[str, ...]:
        return unused_headers(self.headers, self.mapping)

    @property
    def mapping_lines(self) -> list[str]:
        return mapping_lines(STAFF_FIELDS, self.headers, self.mapping)


@dataclass(frozen=True)
class _Plan:
    new: list[StaffRecord]
    changed: list[tuple[StaffMember, StaffRecord]]
    unchanged: int
    leavers: list[str]
    not_in_file: list[str]


class StaffImportService(Service):
    def preview(
        self, school_id: int, path: Path | str, overrides: Overrides | None = None, today: date | None = None
    ) -> StaffImportPreview:
        """Read and check the whole file and show what would change; ImportRejected when anything is wrong."""
        table = read_table(path, STAFF_CAPTIONS)
        with self._work(Permission.MANAGE_STAFF, school_id=school_id) as work:
            used, memory = _mapping(work, school_id, table, overrides)
            records = read_staff(table, used, today or today_here())
            plan = _plan(work.session, school_id, records, table.source_name)
        return StaffImportPreview(
            table.source_name,
            table.describe(),
            tuple(table.headers),
            used,
            tuple(records),
            tuple(r.name for r in plan.new),
            tuple(r.name for _m, r in plan.changed),
            plan.unchanged,
            tuple(plan.leavers),
            tuple(plan.not_in_file),
            table.skipped,
            memory,
        )

    def import_file(
        self, school_id: int, path: Path | str, overrides: Overrides | None = None, today: date | None = None
    ) -> tuple[int, int]:
        """Check again inside the writing transaction, then write everything; (added, changed)."""
        table = read_table(path, STAFF_CAPTIONS)
        with self._work(Permission.MANAGE_STAFF, school_id=school_id) as work:
            used, _memory = _mapping(work, school_id, table, overrides)
            records = read_staff(table, used, today or today_here())
            plan = _plan(work.session, school_id, records, table.source_name)
            added = [StaffMember(school_id=school_id) for _r in plan.new]
            for member, record in zip(added, plan.new, strict=True):
                apply_staff(member, _input(record))
            work.session.add_all(added)
            leaving = [m for m in added if m.left_on is not None]
            for member, record in plan.changed:
                was_left = member.left_on
                apply_staff(member, _merged(member, record))
                leaving += [member] if member.left_on is not None and was_left is None else []
            work.session.flush()
            checklists = sum(
                leaver_checklist(work.session, m, m.left_on, work.actor.full_name) is not None
                for m in leaving
                if m.left_on is not None
            )
            remember(work.session, school_id, KIND, table.headers, used, STAFF_FIELDS)
            work.audit(
                "staff_imported",
                "school",
                school_id,
                school_id=school_id,
                after={
                    "added": len(plan.new),
                    "changed": len(plan.changed),
                    "leavers": len(plan.leavers),
                    "leaver_checklists": checklists,
                },
            )
            return len(plan.new), len(plan.changed)


def _mapping(
    work: Work, school_id: int, table: Table, overrides: Overrides | None
) -> tuple[ColumnMapping, bool]:
    guessed = guess_mapping(table.headers, STAFF_FIELDS)
    return chosen_mapping(work.session, school_id, KIND, table.headers, STAFF_FIELDS, guessed, overrides)


def _input(record: StaffRecord) -> StaffInput:
    return StaffInput(
        record.name, record.function, record.started_on, record.left_on, record.email, record.staff_number
    )


def _merged(member: StaffMember, record: StaffRecord) -> StaffInput:
    """What the file says, keeping what it leaves empty (an e-mail typed in by hand, a known start date).
    A leaving date is never cleared by an import: someone who comes back is changed by hand."""
    return StaffInput(
        record.name,
        record.function or member.function,
        record.started_on or member.started_on,
        record.left_on or member.left_on,
        record.email or member.email,
        record.staff_number or member.staff_number,
    )


def _plan(session: Session, school_id: int, records: Sequence[StaffRecord], source: str) -> _Plan:
    members = staff_members(session, [school_id])
    by_number = {number_key(m.staff_number): m for m in members if m.staff_number}
    by_name = {_name_key(m.name): m for m in members}
    new: list[StaffRecord] = []
    changed: list[tuple[StaffMember, StaffRecord]] = []
    seen: set[int] = set()
    unchanged, leavers = 0, []
    problems = ProblemList(source)
    for record in records:
        member = by_number.get(record.key) if record.key else None
        if member is not None and not set(_name_key(member.name).split()) & set(
            _name_key(record.name).split()
        ):
            # Same number, nothing of the name in common: another person, or a typing error. Never merge.
            problems.add(
                record.row,
                "Personeelsnummer",
                record.staff_number,
                f"Dit nummer hoort in de personeelslijst bij {member.name}. Controleer het nummer.",
            )
            continue
        member = member or by_name.get(_name_key(record.name))
        if member is None or member.id in seen:
            new.append(record)
            leavers += [record.name] if record.left_on else []
            continue
        seen.add(member.id)
        if _differs(member, _merged(member, record)):
            changed.append((member, record))
            leavers += [record.name] if record.left_on and member.left_on is None else []
        else:
            unchanged += 1
    problems.raise_if_any()
    missing = [m.name for m in members if m.id not in seen and m.left_on is None]
    return _Plan(new, changed, unchanged, leavers, missing)


def _name_key(name: str) -> str:
    """The name's words in any order: the export writes "Văn An Nguyễn" where the school typed
    "Nguyễn Văn An"."""
    return " ".join(sorted(fold(word) for word in name.split()))


def _differs(member: StaffMember, record: StaffInput) -> bool:
    now = (member.staff_number, member.name, member.function, member.started_on, member.left_on, member.email)
    then = (
        record.staff_number,
        record.name,
        record.function,
        record.started_on,
        record.left_on,
        record.email,
    )
    return now != then
