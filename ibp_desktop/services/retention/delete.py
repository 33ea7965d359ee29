"""Carrying out the program part of an approved clean-up run: real deletion, in the caller's transaction.

The caller runs this inside ONE unit of work: if anything fails halfway, the transaction rolls back and
nothing is deleted. On SQLCipher ``secure_delete`` is on for every connection (store/database.py), so
deleted rows are overwritten in the file, not merely unlinked. Holds are checked again here: a hold
placed after approval still stops the record (the line is marked skipped, with the reason).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, select
from sqlalchemy.orm import Session

from ibp_desktop.core.incidents.rules import IncidentStatus
from ibp_desktop.core.retention.records import LineKind, Outcome
from ibp_desktop.services.accountability.evidence import delete_evidence
from ibp_desktop.services.retention.due import pupil_references
from ibp_desktop.store.consent_models import ConsentDecision
from ibp_desktop.store.incident_models import Incident, IncidentTimelineEntry
from ibp_desktop.store.models import Pupil
from ibp_desktop.store.retention_models import RetentionPupilFlag, RetentionRunLine
from ibp_desktop.store.scan_models import ConsentScan, ConsentScanDecision

PROGRAM_METHOD = "Definitief verwijderd in IBP Desktop (secure delete: niets blijft achter in het bestand)"


def carry_out(session: Session, lines: list[RetentionRunLine], done_by: str, done_on: date) -> Counter[str]:
    """Delete the program records of the run's lines; returns counts per kind of record (no names).

    Works per kind of record in a few set-based statements, not row by row: a run of 400 pupils stays
    well under a second."""
    counts: Counter[str] = Counter()
    program = [ln for ln in lines if ln.kind == LineKind.PROGRAM.value and ln.outcome == Outcome.OPEN.value]
    by_target: dict[str, list[RetentionRunLine]] = {}
    for line in program:
        by_target.setdefault(line.target, []).append(line)
    pupil_ids = {
        ln.target_id for ln in program if ln.target in ("consent", "pupil") and ln.target_id is not None
    }
    holds = pupil_holds(session, pupil_ids)
    # The order matters: a pupil row goes last, after the records that refer to it.
    _delete_consent(session, by_target.get("consent", []), holds, counts)
    _delete_incidents(session, by_target.get("incident", []), counts)
    _delete_staff(session, by_target.get("staff", []), counts)
    _delete_pupils(session, by_target.get("pupil", []), holds, counts)
    for line in program:
        if line.outcome == Outcome.DELETED.value:
            line.method, line.done_by, line.done_on = PROGRAM_METHOD, done_by, done_on
    return counts


def _chunks(values: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    # Keeps every IN (...) list well below the database's limit on bound parameters.
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _record_ids(line: RetentionRunLine) -> list[int]:
    return [int(part) for part in line.record_ids.split(",") if part.strip()]


def pupil_holds(session: Session, pupil_ids: set[int]) -> dict[int, str]:
    """Per pupil, the active legal hold (its reason, or the open incident it waits for)."""
    ids = sorted(pupil_ids)
    flags = [
        flag
        for chunk in _chunks(ids)
        for flag in session.scalars(select(RetentionPupilFlag).where(RetentionPupilFlag.pupil_id.in_(chunk)))
    ]
    waiting = {f.hold_incident_id for f in flags if f.hold_incident_id is not None}
    open_numbers = {
        row[0]: row[1]
        for row in session.execute(
            select(Incident.id, Incident.number).where(
                Incident.id.in_(sorted(waiting)), Incident.status != IncidentStatus.CLOSED.value
            )
        )
    }
    holds: dict[int, str] = {}
    for flag in flags:
        if flag.hold_reason.strip():
            holds[flag.pupil_id] = flag.hold_reason.strip()
        elif flag.hold_incident_id in open_numbers:
            holds[flag.pupil_id] = f"incident {open_numbers[flag.hold_incident_id]} is nog niet afgesloten"
    return holds


def _skip(line: RetentionRunLine, note: str, counts: Counter[str]) -> None:
    line.outcome, line.outcome_note = Outcome.SKIPPED.value, note
    counts["skipped"] += 1


def _delete_consent(
    session: Session, lines: list[RetentionRunLine], holds: dict[int, str], counts: Counter[str]
) -> None:
    todo = []
    for line in lines:
        assert line.target_id is not None
        if line.target_id in holds:
            _skip(line, f"Niet vernietigd: {holds[line.target_id]}", counts)
        else:
            todo.append(line)
    wanted = sorted({i for line in todo for i in _record_ids(line)})
    owner = _pairs(
        session,
        wanted,
        lambda chunk: select(ConsentDecision.id, ConsentDecision.pupil_id).where(
            ConsentDecision.id.in_(chunk)
        ),
    )
    # Only the decisions frozen in the line AND still of that pupil: nothing else is touched.
    doomed = []
    for line in todo:
        mine = [i for i in _record_ids(line) if owner.get(i) == line.target_id]
        line.outcome, line.record_count = Outcome.DELETED.value, len(mine)
        doomed += mine
    for chunk in _chunks(sorted(doomed)):
        _execute(session, delete(ConsentDecision).where(ConsentDecision.id.in_(chunk)))
    counts["consent_decisions"] += len(doomed)
    scans = delete_unsupported_scans(session, sorted({ln.target_id or 0 for ln in todo}))
    if scans:  # the log and the certificate name only what was really destroyed
        counts["consent_scans"] += scans


def delete_unsupported_scans(session: Session, pupil_ids: Sequence[int]) -> int:
    """Scanned pages (proof, issue 18) of these pupils that no longer support any decision: they go
    with the last decision they prove (the links went with the decisions, ON DELETE CASCADE)."""
    supported = select(ConsentScanDecision.scan_id)
    removed = 0
    for chunk in _chunks(list(pupil_ids)):
        removed += _execute(
            session,
            delete(ConsentScan).where(ConsentScan.pupil_id.in_(chunk), ConsentScan.id.not_in(supported)),
        )
    return removed


def _delete_staff(session: Session, lines: list[RetentionRunLine], counts: Counter[str]) -> None:
    """A person who left, with their acknowledgements, attendance and revoked accesses (issue 20). Someone
    who came back, or still has access somewhere, is skipped."""
    from ibp_desktop.store.policy_models import AccessGrant, StaffMember
    from ibp_desktop.store.staff_models import AwarenessAttendance, StaffAcknowledgement

    doomed = []
    for line in lines:
        member = session.get(StaffMember, line.target_id or 0)
        if member is None:
            line.outcome, line.outcome_note = Outcome.DELETED.value, "Was al verwijderd."
            continue
        active = session.scalar(
            select(func.count(AccessGrant.id)).where(
                AccessGrant.person_id == member.id, AccessGrant.revoked_on.is_(None)
            )
        )
        if member.left_on is None:
            _skip(line, "Niet vernietigd: de medewerker is weer in dienst.", counts)
        elif active:
            _skip(line, "Niet vernietigd: de medewerker heeft nog toegang.", counts)
        else:
            line.outcome = Outcome.DELETED.value
            doomed.append(member.id)
    for chunk in _chunks(sorted(doomed)):
        for table in (StaffAcknowledgement, AwarenessAttendance):
            _execute(session, delete(table).where(table.staff_id.in_(chunk)))
        _execute(session, delete(AccessGrant).where(AccessGrant.person_id.in_(chunk)))
        _execute(session, delete(StaffMember).where(StaffMember.id.in_(chunk)))
    if doomed:
        counts["staff_members"] += len(doomed)


def _delete_incidents(session: Session, lines: list[RetentionRunLine], counts: Counter[str]) -> None:
    ids = sorted(ln.target_id for ln in lines if ln.target_id is not None)
    status = _pairs(
        session, ids, lambda chunk: select(Incident.id, Incident.status).where(Incident.id.in_(chunk))
    )
    doomed = []
    for line in lines:
        found = status.get(line.target_id or 0)
        if found is None:
            line.outcome, line.outcome_note = Outcome.DELETED.value, "Was al verwijderd."
        elif found != IncidentStatus.CLOSED.value:
            _skip(line, "Niet vernietigd: het incident is weer geopend.", counts)
        else:
            line.outcome = Outcome.DELETED.value
            doomed.append(line.target_id or 0)
    for chunk in _chunks(sorted(doomed)):
        timeline = _execute(
            session, delete(IncidentTimelineEntry).where(IncidentTimelineEntry.incident_id.in_(chunk))
        )
        _execute(session, delete(Incident).where(Incident.id.in_(chunk)))
        counts["incident_timeline"] += timeline
        files = delete_evidence(session, "incident", chunk)
        if files:
            counts["evidence_files"] += files
    counts["incidents"] += len(doomed)


def _delete_pupils(
    session: Session, lines: list[RetentionRunLine], holds: dict[int, str], counts: Counter[str]
) -> None:
    ids = sorted(ln.target_id for ln in lines if ln.target_id is not None)
    left = _pairs(
        session,
        ids,
        lambda chunk: (
            select(ConsentDecision.pupil_id, func.count(ConsentDecision.id))
            .where(ConsentDecision.pupil_id.in_(chunk))
            .group_by(ConsentDecision.pupil_id)
        ),
    )
    references = pupil_references(session, ids)
    doomed = []
    for line in lines:
        pupil_id = line.target_id or 0
        tables = sorted(references.get(pupil_id, [])) + (["toestemmingen"] if left.get(pupil_id) else [])
        if pupil_id in holds:
            _skip(line, f"Niet verwijderd: {holds[pupil_id]}", counts)
        elif tables:
            where = ", ".join(tables)
            _skip(
                line,
                f"Niet verwijderd: er staan nog gegevens van deze leerling in dit programma ({where}).",
                counts,
            )
        else:
            line.outcome = Outcome.DELETED.value
            doomed.append(pupil_id)
    for chunk in _chunks(sorted(doomed)):
        _execute(session, delete(RetentionPupilFlag).where(RetentionPupilFlag.pupil_id.in_(chunk)))
        _execute(session, delete(Pupil).where(Pupil.id.in_(chunk)))
    counts["pupils"] += len(doomed)


def _pairs(session: Session, ids: Sequence[int], query: Callable[[Sequence[int]], Any]) -> dict[int, Any]:
    """{first column: second column} of ``query`` run over the ids in chunks."""
    found: dict[int, Any] = {}
    for chunk in _chunks(ids):
        found.update((row[0], row[1]) for row in session.execute(query(chunk)))
    return found


def _execute(session: Session, statement: Any) -> int:
    result = cast(CursorResult[Any], session.execute(statement.execution_options(synchronize_session=False)))
    return int(result.rowcount)
