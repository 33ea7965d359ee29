"""Access-rights rows of the database as plain records (session level, no permission checks): used by
the access-rights service, the reviews, the dashboard and the demo."""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from ibp_desktop.core.incidents.rules import search_key
from ibp_desktop.core.policy.access_records import (
    AccessMatrix,
    ChecklistItemRow,
    ChecklistKind,
    ChecklistRow,
    GrantRow,
    ItemOutcome,
    PersonRow,
    SystemRow,
)
from ibp_desktop.store.policy_models import (
    AccessChecklist,
    AccessChecklistItem,
    AccessGrant,
    AccessSystem,
    StaffMember,
)


def access_matrix(session: Session, school_id: int, include_left: bool = False) -> AccessMatrix:
    systems = [system_row(session, s) for s in session.scalars(systems_query(school_id))]
    query = select(StaffMember).where(StaffMember.school_id == school_id)
    if not include_left:
        # Someone whose leaving date is known (staff list, issue 20) stays in view while they still have
        # access somewhere: that is exactly what the leaver checklist is for.
        has_access = exists().where(AccessGrant.person_id == StaffMember.id, AccessGrant.revoked_on.is_(None))
        query = query.where(or_(StaffMember.left_on.is_(None), has_access))
    people = sorted(
        (person_row(session, p) for p in session.scalars(query)), key=lambda p: search_key(p.name)
    )
    shown = {p.id for p in people}
    grants = [grant_row(g) for g in active_grants(session, school_id) if g.person_id in shown]
    return AccessMatrix(school_id, tuple(systems), tuple(people), tuple(grants))


def active_grants(session: Session, school_id: int, person_id: int | None = None) -> list[AccessGrant]:
    query = (
        select(AccessGrant)
        .join(AccessSystem, AccessSystem.id == AccessGrant.system_id)
        .where(AccessSystem.school_id == school_id, AccessGrant.revoked_on.is_(None))
    )
    if person_id is not None:
        query = query.where(AccessGrant.person_id == person_id)
    grants = session.scalars(query).unique().all()
    return sorted(grants, key=lambda g: (search_key(g.person.name), search_key(g.system.name), g.id))


def system_row(session: Session, system: AccessSystem) -> SystemRow:
    count = session.scalar(
        select(func.count(AccessGrant.id)).where(
            AccessGrant.system_id == system.id, AccessGrant.revoked_on.is_(None)
        )
    )
    return SystemRow(system.id, system.version, system.school_id, system.name, system.description, count or 0)


def person_row(session: Session, person: StaffMember) -> PersonRow:
    count = session.scalar(
        select(func.count(AccessGrant.id)).where(
            AccessGrant.person_id == person.id, AccessGrant.revoked_on.is_(None)
        )
    )
    return PersonRow(
        person.id,
        person.version,
        person.school_id,
        person.name,
        person.function,
        person.left_on,
        count or 0,
        open_checklist_id(session, person.id),
    )


def grant_row(grant: AccessGrant) -> GrantRow:
    return GrantRow(
        grant.id,
        grant.version,
        grant.system_id,
        grant.system.name,
        grant.person_id,
        grant.person.name,
        grant.person.function,
        grant.level,
        grant.granted_on,
    )


def checklist_row(checklist: AccessChecklist) -> ChecklistRow:
    items = tuple(
        ChecklistItemRow(
            i.id,
            i.system_name,
            i.level,
            ItemOutcome(i.outcome) if i.outcome else None,
            i.new_level,
            i.done_on,
            i.done_by_name,
            i.note,
        )
        for i in checklist.items
    )
    return ChecklistRow(
        checklist.id,
        checklist.version,
        checklist.school_id,
        checklist.person_id,
        checklist.person_name,
        ChecklistKind(checklist.kind),
        checklist.effective_on,
        checklist.new_function,
        checklist.created_at,
        checklist.created_by_name,
        items,
    )


def open_checklist_id(session: Session, person_id: int) -> int | None:
    open_items = (
        select(AccessChecklist.id)
        .join(AccessChecklistItem, AccessChecklistItem.checklist_id == AccessChecklist.id)
        .where(AccessChecklist.person_id == person_id, AccessChecklistItem.done_on.is_(None))
    )
    return session.scalars(open_items).first()


def systems_query(school_id: int) -> Any:
    return (
        select(AccessSystem)
        .where(AccessSystem.school_id == school_id)
        .order_by(func.lower(AccessSystem.name))
    )
