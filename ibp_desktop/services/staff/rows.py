"""Queries of the staff-awareness area: the current version of a must-know document, each employee's
facts (acknowledgements, attendance) and the plain rows built from them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from functools import cache

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ibp_desktop.core.incidents.rules import search_key
from ibp_desktop.core.policy.rules import VersionDates, gmr_body_of
from ibp_desktop.core.staff.records import CodeVersion, SessionRow, StaffRow
from ibp_desktop.core.staff.rules import (
    CODE_OF_CONDUCT,
    LEADER_LABELS,
    STATUS_LABELS,
    TOPIC_LABELS,
    Leader,
    Method,
    StaffFacts,
    Topic,
    staff_status,
)
from ibp_desktop.services.policy.documents import default_documents
from ibp_desktop.store.policy_models import PolicyDocument, PolicyVersion, StaffMember
from ibp_desktop.store.staff_models import AwarenessAttendance, AwarenessSession, StaffAcknowledgement


def current_version(session: Session, school_id: int, code: str = CODE_OF_CONDUCT) -> CodeVersion | None:
    """The school's own document with this code (else the board's): its newest version in force, or its
    newest version when none is in force yet. None when there is no document or no version."""
    # A suggested document added through the Documenten page has the seed's title but no code.
    title = seed_titles().get(code, "")
    query = select(PolicyDocument).where(
        or_(PolicyDocument.code == code, (PolicyDocument.code == "") & (PolicyDocument.title == title)),
        or_(PolicyDocument.school_id == school_id, PolicyDocument.school_id.is_(None)),
    )
    documents = sorted(session.scalars(query), key=lambda d: d.school_id is None)
    for document in documents:
        if not document.versions:
            continue
        in_force = [v for v in document.versions if _dates(v).in_force(gmr_body_of(document.gmr_body))]
        chosen = max(in_force or document.versions, key=lambda v: v.number)
        return CodeVersion(document.id, code, document.title, chosen.id, chosen.number, bool(in_force))
    return None


@cache
def seed_titles() -> dict[str, str]:
    return {d["code"]: d["title"] for d in default_documents(only_defaults=False)}


def _dates(version: PolicyVersion) -> VersionDates:
    return VersionDates(
        version.fg_advice_on,
        version.adopted_on,
        version.gmr_consent_on,
        version.gmr_refused_on,
        version.published_on,
    )


def code_version_ids(session: Session, code: CodeVersion | None) -> list[int]:
    """Every version of the code's document (an acknowledgement of any of them counts as 'once')."""
    if code is None:
        return []
    query = select(PolicyVersion.id).where(PolicyVersion.document_id == code.document_id)
    return list(session.scalars(query))


def staff_members(session: Session, school_ids: Sequence[int]) -> list[StaffMember]:
    query = select(StaffMember).where(StaffMember.school_id.in_(school_ids))
    return sorted(session.scalars(query), key=lambda m: (search_key(m.name), m.id))


def _acks(
    session: Session, staff_ids: list[int], version_ids: list[int]
) -> dict[int, list[StaffAcknowledgement]]:
    found: dict[int, list[StaffAcknowledgement]] = defaultdict(list)
    if staff_ids and version_ids:
        query = select(StaffAcknowledgement).where(
            StaffAcknowledgement.staff_id.in_(staff_ids),
            StaffAcknowledgement.policy_version_id.in_(version_ids),
        )
        for ack in session.scalars(query):
            found[ack.staff_id].append(ack)
    return found


def _attended(session: Session, staff_ids: list[int]) -> dict[int, list[date]]:
    found: dict[int, list[date]] = defaultdict(list)
    if staff_ids:
        query = (
            select(AwarenessAttendance.staff_id, AwarenessSession.held_on)
            .join(AwarenessSession, AwarenessSession.id == AwarenessAttendance.session_id)
            .where(AwarenessAttendance.staff_id.in_(staff_ids))
        )
        for staff_id, held_on in session.execute(query):
            found[staff_id].append(held_on)
    return found


def staff_facts(
    session: Session, members: Sequence[StaffMember]
) -> list[tuple[StaffMember, StaffFacts, StaffAcknowledgement | None]]:
    """Each member with the facts its status depends on and its acknowledgement of the current code
    (the code of the member's own school)."""
    ids = [m.id for m in members]
    attended = _attended(session, ids)
    result = []
    for school_id in sorted({m.school_id for m in members}):
        code = current_version(session, school_id)
        acks = _acks(session, ids, code_version_ids(session, code))
        for member in (m for m in members if m.school_id == school_id):
            mine = acks.get(member.id, [])
            current = next((a for a in mine if code and a.policy_version_id == code.version_id), None)
            facts = StaffFacts(
                member.started_on,
                member.left_on,
                current.acknowledged_on if current else None,
                min((a.acknowledged_on for a in mine), default=None),
                tuple(sorted(attended.get(member.id, []))),
            )
            result.append((member, facts, current))
    return sorted(result, key=lambda item: (search_key(item[0].name), item[0].id))


def staff_row(
    member: StaffMember, facts: StaffFacts, ack: StaffAcknowledgement | None, today: date
) -> StaffRow:
    status = staff_status(facts, today)
    text, level = STATUS_LABELS[status]
    return StaffRow(
        id=member.id,
        version=member.version,
        school_id=member.school_id,
        staff_number=member.staff_number,
        name=member.name,
        function=member.function,
        started_on=member.started_on,
        left_on=member.left_on,
        email=member.email,
        status=status,
        status_text=text,
        level=level,
        acknowledged_on=ack.acknowledged_on if ack else None,
        acknowledged_how=Method(ack.method).value if ack else "",
        last_session_on=facts.attended_on[-1] if facts.attended_on else None,
    )


def session_row(session: Session, item: AwarenessSession) -> SessionRow:
    ids = tuple(sorted(a.staff_id for a in item.attendees))
    names: list[str] = []
    if ids:
        names = sorted(
            session.scalars(select(StaffMember.name).where(StaffMember.id.in_(ids))), key=search_key
        )
    topic, leader = Topic(item.topic), Leader(item.led_by)
    return SessionRow(
        id=item.id,
        version=item.version,
        school_id=item.school_id,
        held_on=item.held_on,
        topic=topic,
        topic_label=TOPIC_LABELS[topic],
        led_by=leader,
        led_by_label=LEADER_LABELS[leader],
        note=item.note,
        attendee_ids=ids,
        attendee_names=tuple(names),
        recorded_by=item.recorded_by_name,
    )


def sessions(
    session: Session, school_ids: Sequence[int], period: tuple[date, date] | None = None
) -> list[AwarenessSession]:
    query = select(AwarenessSession).where(AwarenessSession.school_id.in_(school_ids))
    if period is not None:
        query = query.where(AwarenessSession.held_on >= period[0], AwarenessSession.held_on <= period[1])
    return list(session.scalars(query.order_by(AwarenessSession.held_on.desc(), AwarenessSession.id.desc())))
