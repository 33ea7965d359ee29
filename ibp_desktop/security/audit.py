"""The audit log: who did what, when, with before and after, chained by SHA-256 hashes.

Each entry's hash covers its own fields and the previous entry's hash, so an altered, removed or
reordered entry breaks the chain at that point. ``verify_chain`` says where.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ibp_desktop.store.models import AuditEntry
from ibp_desktop.store.types import utc_now

GENESIS_HASH = "0" * 64
# Any fixed number: PostgreSQL serialises audit appends of concurrent transactions on it.
_PG_AUDIT_LOCK = 0x1B9_A0D17


@dataclass(frozen=True)
class AuditActor:
    user_id: int | None
    username: str


SYSTEM_ACTOR = AuditActor(user_id=None, username="systeem")


def _canonical(details: Mapping[str, Any]) -> str:
    return json.dumps(details, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def _entry_hash(entry: AuditEntry) -> str:
    fields = [
        entry.at.isoformat(),
        entry.user_id,
        entry.username,
        entry.school_id,
        entry.action,
        entry.entity,
        entry.entity_id,
        entry.details,
        entry.prev_hash,
    ]
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _last_hash(session: Session) -> str:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_AUDIT_LOCK})
    last = session.scalars(select(AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1)).first()
    return last or GENESIS_HASH


def record(
    session: Session,
    actor: AuditActor,
    action: str,
    entity: str,
    entity_id: object,
    *,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    school_id: int | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction (so it commits or rolls back with the change)."""
    entry = AuditEntry(
        at=utc_now().replace(microsecond=0),
        user_id=actor.user_id,
        username=actor.username,
        school_id=school_id,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        details=_canonical({"before": before, "after": after}),
        prev_hash=_last_hash(session),
    )
    entry.entry_hash = _entry_hash(entry)
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainReport:
    entries: int
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_chain(session: Session) -> ChainReport:
    problems: list[str] = []
    expected_prev = GENESIS_HASH
    count = 0
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)).yield_per(500):
        count += 1
        when = _format_when(entry.at)
        if entry.prev_hash != expected_prev:
            problems.append(
                f"Logregel {entry.id} ({when}, {entry.action}): de regel ervoor ontbreekt of is veranderd."
            )
        if _entry_hash(entry) != entry.entry_hash:
            problems.append(f"Logregel {entry.id} ({when}, {entry.action}): de inhoud is achteraf veranderd.")
        expected_prev = entry.entry_hash
    return ChainReport(entries=count, problems=problems)


def _format_when(moment: datetime) -> str:
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%d-%m-%Y %H:%M")


@dataclass(frozen=True)
class CopiedEntry:
    """An entry of another database's log with its ids translated to this database."""

    original: AuditEntry
    user_id: int | None
    school_id: int | None
    entity_id: str


def append_copied(session: Session, entries: list[CopiedEntry]) -> str:
    """Append entries copied from another database (a school moved onto the server) to this chain, in
    order: time, who and what as they were, chained to this log's end. Returns the last hash."""
    prev = _last_hash(session)  # on PostgreSQL this also holds other appends off until commit
    for copied in entries:
        original = copied.original
        entry = AuditEntry(
            at=original.at,
            user_id=copied.user_id,
            username=original.username,
            school_id=copied.school_id,
            action=original.action,
            entity=original.entity,
            entity_id=copied.entity_id,
            details=original.details,
            prev_hash=prev,
        )
        entry.entry_hash = prev = _entry_hash(entry)
        session.add(entry)
    session.flush()
    return prev


def last_hash(session: Session) -> str:
    """The hash the next entry will chain to (GENESIS_HASH for an empty log)."""
    last = session.scalars(select(AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1)).first()
    return last or GENESIS_HASH
