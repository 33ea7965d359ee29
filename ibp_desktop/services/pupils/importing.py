"""The pupil import's data and its writing: preview dataclasses, loading the school's pupils for the
diff, and applying a diff in the caller's transaction (bulk inserts and version-checked bulk updates).

Used by :class:`ibp_desktop.services.pupils.register.PupilService`; pages use the dataclasses from there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table as SqlTable
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from ibp_desktop.core.errors import BadInputError, StaleEditError
from ibp_desktop.importers.existing_pupil import ExistingPupil
from ibp_desktop.importers.header import SkippedRow
from ibp_desktop.importers.mapping import FieldSpec
from ibp_desktop.importers.problems import ImportProblem, ImportRejected
from ibp_desktop.importers.pupil_diff import DiffCounts, PupilDiff, PupilUpdate
from ibp_desktop.importers.pupils import NEVER_IMPORTED, PUPIL_FIELDS, LossyHint, PupilRecord, never_imported
from ibp_desktop.importers.tabular import Table
from ibp_desktop.importers.values import cell_text, format_date, group_order, number_key
from ibp_desktop.services.context import Work
from ibp_desktop.store.models import Group, Pupil

PREVIEW_ROWS = 10
WRITE_STEP = 200  # pupils per insert/update statement: progress is reported (and a cancel seen) per step
# progress(done, total): pupils written of pupils to write; it may raise to stop (the caller rolls back)
Progress = Callable[[int, int], None]
STALE_IMPORT = (
    "De leerlingen van deze school zijn gewijzigd sinds de voorvertoning (door iemand anders of een "
    "andere import). Er is niets geïmporteerd. Lees het bestand opnieuw in en controleer de wijzigingen."
)


@dataclass(frozen=True)
class FieldChoice:
    """One field of the mapping step: which column (index into ``headers``) feeds it, if any."""

    key: str
    label: str
    required: bool
    column: int | None
    column_name: str | None


@dataclass(frozen=True)
class UnusedColumn:
    """A column of the file that the import does not read, and why (shown, never dropped silently)."""

    header: str
    reason: str

    def __str__(self) -> str:
        return f"'{self.header}' ({self.reason})"


def unused_columns(headers: Sequence[str], mapping: Mapping[str, int]) -> tuple[UnusedColumn, ...]:
    used = set(mapping.values())
    return tuple(
        UnusedColumn(header, _unused_reason(header)) for i, header in enumerate(headers) if i not in used
    )


def _unused_reason(header: str) -> str:
    if never_imported(header):
        return "BSN/PGN: wordt nooit overgenomen"
    if header.startswith("Kolom "):
        return "zonder kopje"
    return "niet nodig of niet herkend; kies hem bij een veld als hij wel nodig is"


def pupil_captions() -> tuple[str, ...]:
    """Every header text the pupil import knows, to find the header row below title rows."""
    return tuple(c for spec in PUPIL_FIELDS for c in (spec.label_nl, *spec.synonyms)) + NEVER_IMPORTED


def lossy_hint(existing: Sequence[ExistingPupil]) -> LossyHint:
    """The existing pupil with the same number, or else the only one with the same birth date and group."""
    by_number = {number_key(p.pupil_number): p for p in existing if p.pupil_number}

    def hint(number: str | None, born: date | None, group: str | None) -> str | None:
        if number and (pupil := by_number.get(number_key(number))):
            return f"{pupil.label_with_birth} (zelfde leerlingnummer)"
        if born is None:
            return None
        same = [
            p
            for p in existing
            if p.date_of_birth == born
            and (group is None or (p.group_name or "").casefold() == group.casefold())
        ]
        return f"{same[0].label_with_birth} (zelfde geboortedatum en groep)" if len(same) == 1 else None

    return hint


def unconfirmed_message(diff: PupilDiff) -> str:
    count = len(diff.needs_confirmation)
    return (
        f"Het bestand bevat {count} wijziging(en) die u eerst moet bevestigen: een leerling die weer wordt "
        "ingeschreven (de bewaartermijn begint dan opnieuw) of een andere naam bij een bekend "
        "leerlingnummer. Controleer ze en bevestig ze (opdrachtregel: --confirm-changes). "
        "Er is niets geïmporteerd."
    )


@dataclass(frozen=True)
class ImportPreview:
    """Everything the preview shows. ``problems`` empty means ``apply_import`` may be called."""

    school_id: int
    source_name: str
    file_description: str  # "CSV, puntkomma, Windows-1252"
    headers: tuple[str, ...]
    fields: tuple[FieldChoice, ...]
    mapping: dict[str, int] = field(hash=False)  # field key -> column index, as used
    sample_rows: tuple[tuple[str, ...], ...]  # first rows as text, one cell per header
    sample_row_numbers: tuple[int, ...]
    row_count: int
    problems: tuple[ImportProblem, ...]
    records: tuple[PupilRecord, ...]
    diff: PupilDiff
    unused_columns: tuple[UnusedColumn, ...] = ()
    skipped_rows: tuple[SkippedRow, ...] = ()
    remembered_mapping: bool = False  # the columns as chosen at the last import of this layout

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def counts(self) -> DiffCounts:
        return self.diff.counts

    def raise_if_problems(self) -> None:
        if self.problems:
            raise ImportRejected(self.problems, self.source_name)


@dataclass(frozen=True)
class ImportResult:
    new: int
    changed: int
    reenrolled: int
    deregistered: int
    unchanged: int
    groups_created: tuple[str, ...]

    @property
    def wrote_anything(self) -> bool:
        return bool(self.new or self.changed or self.reenrolled or self.deregistered or self.groups_created)


def existing_pupils(session: Session, school_id: int, *, lock: bool = False) -> list[ExistingPupil]:
    """Every pupil of the school (also deregistered ones) with the name of their group, in id order: what
    an import (pupils, consent answers) compares its file with.

    ``lock`` for the import's write: on PostgreSQL a second import of the same school waits until this
    one commits (SQLite locks the whole file anyway)."""
    query = (
        select(
            Pupil.id,
            Pupil.version,
            Pupil.pupil_number,
            Pupil.first_name,
            Pupil.infix,
            Pupil.last_name,
            Pupil.date_of_birth,
            Group.name.label("group_name"),
            Pupil.enrolled_on,
            Pupil.deregistered_on,
        )
        .outerjoin(Group, Group.id == Pupil.group_id)
        .where(Pupil.school_id == school_id)
        .order_by(Pupil.id)
    )
    if lock:
        query = query.with_for_update(of=Pupil.__table__)
    return [
        ExistingPupil(
            id=r.id,
            version=r.version,
            pupil_number=r.pupil_number,
            first_name=r.first_name,
            infix=r.infix,
            last_name=r.last_name,
            date_of_birth=r.date_of_birth,
            group_name=r.group_name,
            enrolled_on=r.enrolled_on,
            deregistered_on=r.deregistered_on,
        )
        for r in session.execute(query)
    ]


def build_preview(
    school_id: int,
    table: Table,
    mapping: dict[str, int],
    problems: tuple[ImportProblem, ...],
    records: list[PupilRecord],
    diff: PupilDiff,
) -> ImportPreview:
    fields = tuple(_choice(spec, mapping, table.headers) for spec in PUPIL_FIELDS)
    sample = [
        (table.row_number(i), row) for i, row in enumerate(table.rows) if any(c is not None for c in row)
    ]
    return ImportPreview(
        school_id=school_id,
        source_name=table.source_name,
        file_description=table.describe(),
        headers=tuple(table.headers),
        fields=fields,
        mapping=mapping,
        sample_rows=tuple(tuple(cell_text(c) for c in row) for _n, row in sample[:PREVIEW_ROWS]),
        sample_row_numbers=tuple(n for n, _row in sample[:PREVIEW_ROWS]),
        row_count=len(sample),
        problems=problems,
        records=tuple(records),
        diff=diff,
        unused_columns=unused_columns(table.headers, mapping),
        skipped_rows=table.skipped,
    )


def _choice(spec: FieldSpec, mapping: dict[str, int], headers: Sequence[str]) -> FieldChoice:
    column = mapping.get(spec.key)
    return FieldChoice(
        spec.key, spec.label_nl, spec.required, column, None if column is None else headers[column]
    )


# ---------------------------------------------------------------------- writing

_COLUMNS = (
    "pupil_number",
    "first_name",
    "infix",
    "last_name",
    "date_of_birth",
    "enrolled_on",
    "deregistered_on",
)


def write_diff(
    work: Work,
    school_id: int,
    diff: PupilDiff,
    deregister_on: date | None,
    source_name: str,
    progress: Progress | None = None,
) -> ImportResult:
    session = work.session
    missing = diff.missing if deregister_on is not None else ()
    if deregister_on is not None:
        _check_deregistration_date(missing, deregister_on)
    updates = [*diff.changed, *diff.reenrolled]
    total = len(diff.new) + len(updates) + len(missing)
    report = progress or (lambda _done, _total: None)
    report(0, total)
    groups, created = _ensure_groups(session, school_id, diff)
    done = 0
    for start in range(0, len(diff.new), WRITE_STEP):
        chunk = diff.new[start : start + WRITE_STEP]
        session.execute(
            insert(Pupil),
            [
                {
                    "school_id": school_id,
                    **{c: getattr(r, c) for c in _COLUMNS},
                    "group_id": groups.get(r.group_name.casefold()) if r.group_name else None,
                    "version": 1,
                }
                for r in chunk
            ],
        )
        done += len(chunk)
        report(done, total)
    for start in range(0, len(updates), WRITE_STEP):
        step = updates[start : start + WRITE_STEP]
        _update(session, step, groups)
        done += len(step)
        report(done, total)
    if missing:
        _bulk_update(session, [({"deregistered_on": deregister_on}, p) for p in missing])
        report(total, total)
    result = ImportResult(
        len(diff.new), len(diff.changed), len(diff.reenrolled), len(missing), len(diff.unchanged), created
    )
    if result.wrote_anything:
        # Counts only: the audit log holds no pupil names (retention relies on that).
        work.audit(
            "pupils_imported",
            "school",
            school_id,
            school_id=school_id,
            after={
                "source": Path(source_name).suffix.lower().lstrip(".") or "bestand",
                "new": result.new,
                "changed": result.changed,
                "reenrolled": result.reenrolled,
                "deregistered": result.deregistered,
                "deregistered_on": deregister_on if missing else None,
                "unchanged": result.unchanged,
                "groups_created": len(created),
            },
        )
    return result


def _check_deregistration_date(missing: Sequence[ExistingPupil], on: date) -> None:
    early = [p for p in missing if p.enrolled_on is not None and p.enrolled_on > on]
    if early:
        names = ", ".join(
            f"{p.label_with_birth} (ingeschreven {format_date(p.enrolled_on)})"
            for p in early[:5]
            if p.enrolled_on
        )
        raise BadInputError(
            f"De datum van uitschrijving {format_date(on)} ligt vóór de inschrijving van {len(early)} "
            f"leerling(en): {names}. Kies een latere datum. Er is niets geïmporteerd."
        )


def _ensure_groups(
    session: Session, school_id: int, diff: PupilDiff
) -> tuple[dict[str, int], tuple[str, ...]]:
    """Group ids by lower-case name, creating the groups the file names and the school lacks."""
    existing = {
        g.name.casefold(): g for g in session.scalars(select(Group).where(Group.school_id == school_id))
    }
    wanted: dict[str, str] = {}
    for record in diff.new:
        if record.group_name:
            wanted.setdefault(record.group_name.casefold(), record.group_name)
    for update_ in (*diff.changed, *diff.reenrolled):
        name = update_.values.get("group")
        if isinstance(name, str):
            wanted.setdefault(name.casefold(), name)
    created = tuple(name for key, name in wanted.items() if key not in existing)
    if created:
        for name in created:
            group = Group(school_id=school_id, name=name, sort_order=0)
            session.add(group)
            existing[name.casefold()] = group
        for position, group in enumerate(sorted(existing.values(), key=lambda g: group_order(g.name))):
            group.sort_order = position  # keep the school order 1/2a, 1/2b, 3 ... 8 with the new groups
        session.flush()
    return {key: group.id for key, group in existing.items()}, tuple(sorted(created, key=group_order))


def _update(session: Session, updates: Sequence[PupilUpdate], groups: Mapping[str, int]) -> None:
    changes: list[tuple[dict[str, object], ExistingPupil]] = []
    for item in updates:
        values = {k: v for k, v in item.values.items() if k != "group"}
        if isinstance(group := item.values.get("group"), str):
            values["group_id"] = groups[group.casefold()]
        changes.append((values, item.pupil))
    _bulk_update(session, changes)


def _bulk_update(session: Session, changes: Sequence[tuple[dict[str, object], ExistingPupil]]) -> None:
    """One executemany per set of changed columns; each row checks and raises its version."""
    by_columns: dict[tuple[str, ...], list[dict[str, object]]] = {}
    for values, pupil in changes:
        params = {f"new_{k}": v for k, v in values.items()}
        by_columns.setdefault(tuple(sorted(values)), []).append(
            {"pid": pupil.id, "old_version": pupil.version, **params}
        )
    table = cast(SqlTable, Pupil.__table__)
    for columns, params_list in by_columns.items():
        statement = (
            update(table)
            .where(table.c.id == bindparam("pid"), table.c.version == bindparam("old_version"))
            .values({**{c: bindparam(f"new_{c}") for c in columns}, "version": table.c.version + 1})
        )
        result: Any = session.connection().execute(statement, params_list)
        if result.rowcount != len(params_list):
            raise StaleEditError(STALE_IMPORT)
