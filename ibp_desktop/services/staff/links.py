"""Where staff awareness touches other areas: a held session ticks off the yearly calendar item
"Bewustwording in het teamoverleg", and a leaver with access somewhere gets the access-rights register's
leaver checklist (the security officer works it off there)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ibp_desktop.core.policy.access_records import ChecklistKind
from ibp_desktop.core.staff.rules import CALENDAR_TASK
from ibp_desktop.services.access.rows import active_grants, open_checklist_id
from ibp_desktop.services.policy.ibp_calendar import seed_calendar
from ibp_desktop.store.policy_models import (
    AccessChecklist,
    AccessChecklistItem,
    IbpTask,
    IbpTaskDone,
    StaffMember,
)
from ibp_desktop.store.types import utc_now


def tick_calendar(
    session: Session, school_id: int, held_on: date, note: str, who: str
) -> tuple[int, int] | None:
    """Mark the calendar occurrence this session belongs to as done: the latest start month on or before
    the session (within a year). Returns (year, month) when something was ticked off."""
    seed_calendar(session, school_id)
    session.flush()
    task = session.scalars(
        select(IbpTask).where(IbpTask.school_id == school_id, IbpTask.code == CALENDAR_TASK)
    ).first()
    if task is None:
        return None  # the school removed the item from its calendar
    months = [int(m) for m in task.months.split(",") if m.strip()]
    starts = [
        (year, month)
        for year in (held_on.year - 1, held_on.year)
        for month in months
        if date(year, month, 1) <= held_on
    ]
    if not starts:
        return None
    year, month = max(starts)
    done = session.scalars(
        select(IbpTaskDone).where(
            IbpTaskDone.task_id == task.id, IbpTaskDone.year == year, IbpTaskDone.month == month
        )
    ).first()
    if done is not None:
        return None
    session.add(
        IbpTaskDone(
            task_id=task.id,
            year=year,
            month=month,
            done_on=held_on,
            done_at=utc_now(),
            done_by_name=who,
            note=note,
        )
    )
    return year, month


def leaver_checklist(session: Session, member: StaffMember, on: date, who: str) -> int | None:
    """A leaver checklist for a member who still has access somewhere and has none running yet."""
    grants = active_grants(session, member.school_id, member.id)
    if not grants or open_checklist_id(session, member.id) is not None:
        return None
    checklist = AccessChecklist(
        school_id=member.school_id,
        person_id=member.id,
        person_name=member.name,
        kind=ChecklistKind.LEAVER.value,
        effective_on=on,
        created_at=utc_now(),
        created_by_name=who,
        items=[AccessChecklistItem(grant_id=g.id, system_name=g.system.name, level=g.level) for g in grants],
    )
    session.add(checklist)
    session.flush()
    return checklist.id
