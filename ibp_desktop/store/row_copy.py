"""Copy every row of one database into another that already holds data: new ids on the target, every
foreign key (and the few references kept without one) translated to them.

Generic over the metadata, so that tables a later area adds are copied too. The caller copies the rows
that need judgement itself (board, school, accounts, settings, audit log) and seeds ``IdMap`` with them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Integer, MetaData, Table, func, insert, select, text
from sqlalchemy.orm import Session

# References kept without a foreign key: (table, column) -> the table the id points into, from the row.
_RUN_TARGETS = {
    "consent": "pupils",
    "pupil": "pupils",
    "pupil_record": "pupils",
    "incident": "incidents",
    "item": "retention_items",
}
_RECORD_IDS = {"consent": "consent_decisions", "incident": "incidents", "pupil": "pupils"}
# An evidence file's record, by its kind (the owner tables are copied first: store/processing_models.py).
_EVIDENCE_OWNERS = {
    "incident": "incidents",
    "request": "subject_requests",
    "dpia": "dpias",
    "complaint": "complaints",
    "agreement": "suppliers",
}
SOFT_REFERENCES: dict[tuple[str, str], Callable[[dict[str, Any]], str | None]] = {
    ("retention_run_lines", "target_id"): lambda row: _RUN_TARGETS.get(str(row.get("target"))),
    ("evidence_files", "owner_id"): lambda row: _EVIDENCE_OWNERS.get(str(row.get("owner_kind"))),
}
_BATCH = 1000


class CopyError(Exception):
    """A row points at something that was not copied: the copy is rolled back by the caller."""


@dataclass
class IdMap:
    """Old id -> new id, per table."""

    tables: dict[str, dict[Any, Any]] = field(default_factory=dict)
    unresolved: int = 0  # soft references to rows that no longer exist (e.g. destroyed by a run)
    # Rows of the whole board (school_id empty) become rows of this school: a file's "board" was the school.
    board_rows_to_school: int | None = None
    board_rows: dict[str, int] = field(default_factory=dict)  # how many, per table

    def add(self, table: str, old: Any, new: Any) -> None:
        self.tables.setdefault(table, {})[old] = new

    def get(self, table: str, old: Any) -> Any:
        try:
            return self.tables[table][old]
        except KeyError as error:
            raise CopyError(f"{table} {old}") from error

    def soft(self, table: str | None, old: Any) -> Any:
        if old is None or table is None:
            return old
        new = self.tables.get(table, {}).get(old)
        if new is None:
            self.unresolved += 1
        return new


def copy_rows(
    source: Session, target: Session, metadata: MetaData, skip: Iterable[str], ids: IdMap
) -> dict[str, int]:
    """Copy every table but ``skip`` in dependency order; returns rows copied per table."""
    skipped = set(skip)
    copied: dict[str, int] = {}
    for table in metadata.sorted_tables:
        if table.name in skipped:
            continue
        copied[table.name] = _copy_table(source, target, table, ids)
    return copied


def count_rows(session: Session, table: Table) -> int:
    return int(session.scalar(select(func.count()).select_from(table)) or 0)


def _own_id(table: Table) -> str | None:
    """The generated integer id of a table, if it has one (not for link tables with a composite key)."""
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and isinstance(keys[0].type, Integer) and not keys[0].foreign_keys:
        return keys[0].name
    return None


def _copy_table(source: Session, target: Session, table: Table, ids: IdMap) -> int:
    own = _own_id(table)
    order = list(table.primary_key.columns)
    rows = [dict(r._mapping) for r in source.execute(select(table).order_by(*order))]
    for start in range(0, len(rows), _BATCH):
        batch = rows[start : start + _BATCH]
        values = [_translated(table, row, ids, own) for row in batch]
        if own is None:
            target.execute(insert(table), values)
            continue
        new_ids = _new_ids(target, table, own, len(values))
        for row, value, new in zip(batch, values, new_ids, strict=True):
            value[own] = new
            ids.add(table.name, row[own], new)
        target.execute(insert(table), values)
    return len(rows)


def _new_ids(target: Session, table: Table, own: str, count: int) -> list[int]:
    """Ids from the table's own sequence, taken up front: then the rows go in as a plain executemany, much
    faster than an INSERT ... RETURNING of thousands of rows (the driver parses that statement whole)."""
    if target.get_bind().dialect.name != "postgresql":
        start = int(target.scalar(select(func.coalesce(func.max(table.c[own]), 0))) or 0)
        return list(range(start + 1, start + 1 + count))
    statement = text("SELECT nextval(pg_get_serial_sequence(:table, :column)) FROM generate_series(1, :n)")
    return [int(i) for i in target.scalars(statement, {"table": table.name, "column": own, "n": count})]


def _translated(table: Table, row: dict[str, Any], ids: IdMap, own: str | None) -> dict[str, Any]:
    values = {k: v for k, v in row.items() if k != own}
    if "school_id" in values and values["school_id"] is None and ids.board_rows_to_school is not None:
        values["school_id"] = ids.board_rows_to_school
        ids.board_rows[table.name] = ids.board_rows.get(table.name, 0) + 1
        return _translated_keys(table, row, values, ids, skip="school_id")
    return _translated_keys(table, row, values, ids)


def _translated_keys(
    table: Table, row: dict[str, Any], values: dict[str, Any], ids: IdMap, skip: str = ""
) -> dict[str, Any]:
    for column in table.columns:
        if column.name == skip:
            continue
        if column.foreign_keys and values.get(column.name) is not None:
            referred = next(iter(column.foreign_keys)).column.table.name
            values[column.name] = ids.get(referred, values[column.name])
        soft = SOFT_REFERENCES.get((table.name, column.name))
        if soft is not None:
            values[column.name] = ids.soft(soft(row), values.get(column.name))
    if table.name == "retention_run_lines" and row.get("record_ids"):
        values["record_ids"] = _record_ids(row, ids)
    return values


def _record_ids(row: dict[str, Any], ids: IdMap) -> str:
    into = _RECORD_IDS.get(str(row.get("target")))
    if into is None:
        return str(row["record_ids"])
    mapped = [ids.soft(into, int(part)) for part in str(row["record_ids"]).split(",") if part.strip()]
    return ",".join(str(i) for i in mapped if i is not None)
