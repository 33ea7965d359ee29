"""The audit log: who did what, when, with before and after, chained by SHA-256 hashes.

Each entry's hash covers its own fields and the previous entry's hash, so an altered, removed or
reordered entry breaks the chain at that point. ``verify_chain`` says where.

Entries are numbered 1, 2, 3, ... without gaps. A chain that is cut short at the end, wiped or
recomputed after an edit is still a valid chain; what shows it is the anchor: the latest number and
hash kept outside the database (OS keyring, backup sidecars, printed reports). ``compare_anchor``
says in Dutch what is missing or rewritten. The latest head of a committed transaction is left in
``session.info[HEAD_KEY]`` for the caller that keeps the anchor.
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
HEAD_KEY = "ibp_audit_head"
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


@dataclass(frozen=True)
class AuditHead:
    """The latest entry: its number and hash (what the anchor keeps)."""

    seq: int
    entry_hash: str

    def short(self) -> str:
        return f"regel {self.seq}, controlegetal {self.entry_hash[:16]}"

    def printed(self) -> str:
        """For a printed report: an anchor on paper that a later check can hold the log against."""
        if self.seq == 0:
            return "Het logboek is nog leeg."
        return (
            f"Het logboek telde bij het maken van dit document {self.seq} regels. Laatste regel: "
            f"{self.seq}, controlegetal {self.entry_hash}. Bij een volgende controle moet deze regel "
            "onveranderd in het logboek staan ('ibp-desktop check')."
        )


def _last(session: Session) -> AuditHead:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_AUDIT_LOCK})
    return head(session)


def head(session: Session) -> AuditHead:
    """The latest entry's number and hash; number 0 for an empty log."""
    row = session.execute(
        select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return AuditHead(row.seq, row.entry_hash) if row else AuditHead(0, GENESIS_HASH)


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
    last = _last(session)
    entry = AuditEntry(
        seq=last.seq + 1,
        at=utc_now().replace(microsecond=0),
        user_id=actor.user_id,
        username=actor.username,
        school_id=school_id,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        details=_canonical({"before": before, "after": after}),
        prev_hash=last.entry_hash,
    )
    entry.entry_hash = _entry_hash(entry)
    session.add(entry)
    session.flush()
    session.info[HEAD_KEY] = AuditHead(entry.seq, entry.entry_hash)
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
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(500):
        count += 1
        when = _format_when(entry.at)
        if entry.seq != count:
            problems.append(_gap(count, entry.seq))
            count = entry.seq
        if entry.prev_hash != expected_prev:
            problems.append(
                f"Logregel {entry.seq} ({when}, {entry.action}): de regel ervoor ontbreekt of is veranderd."
            )
        if _entry_hash(entry) != entry.entry_hash:
            problems.append(
                f"Logregel {entry.seq} ({when}, {entry.action}): de inhoud is achteraf veranderd."
            )
        expected_prev = entry.entry_hash
    return ChainReport(entries=count, problems=problems)


def _gap(expected: int, found: int) -> str:
    if found < expected:
        return f"Logregel {found} staat er twee keer of op de verkeerde plaats."
    if found == expected + 1:
        return f"Logregel {expected} ontbreekt."
    return f"Logregels {expected} tot en met {found - 1} ontbreken."


def compare_anchor(session: Session, anchor: AuditHead | None) -> list[str]:
    """What the log lacks against its anchor kept outside the database (cut short, wiped, rewritten).

    A log that is longer than the anchor is fine: the anchor may lag one save behind after a crash,
    and on a server other computers write too.
    """
    if anchor is None or anchor.seq == 0:
        return []
    current = head(session)
    if current.seq == 0:
        return [f"Het logboek is gewist: er stonden minstens {anchor.seq} regels in, nu geen enkele."]
    if current.seq < anchor.seq:
        return [
            f"Het logboek is ingekort: de regels {current.seq + 1} tot en met {anchor.seq} ontbreken "
            f"(de laatste regel is nu {current.seq})."
        ]
    stored = session.scalars(select(AuditEntry.entry_hash).where(AuditEntry.seq == anchor.seq)).first()
    if stored != anchor.entry_hash:
        return [
            f"Het logboek is herschreven: regel {anchor.seq} is niet meer de regel die het programma "
            "heeft geschreven (het controlegetal verschilt)."
        ]
    return []


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
    last = _last(session)  # on PostgreSQL this also holds other appends off until commit
    prev, seq = last.entry_hash, last.seq
    for copied in entries:
        original = copied.original
        seq += 1
        entry = AuditEntry(
            seq=seq,
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
    session.info[HEAD_KEY] = AuditHead(seq, prev)  # the anchor follows the appended entries
    return prev


def last_hash(session: Session) -> str:
    """The hash the next entry will chain to (GENESIS_HASH for an empty log)."""
    return head(session).entry_hash
