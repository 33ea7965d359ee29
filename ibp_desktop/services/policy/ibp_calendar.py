"""The yearly IBP calendar (DOMAIN.md section 6): recurring tasks per school with an owner role and the
months they start in; each occurrence (task, year, month) can be marked done with a note.

Every role reads the calendar (VIEW_DASHBOARD); MANAGE_POLICY (director, security officer, board) changes
the tasks; an occurrence is marked done by someone who holds the task's owner role, or by MANAGE_POLICY.
A school gets the defaults of resources/seed/ibp_calendar.json on first use.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ibp_desktop.core.errors import BadInputError, NotFoundError, PermissionDeniedError
from ibp_desktop.core.incidents.rules import search_key
from ibp_desktop.core.policy.records import OccurrenceRow, TaskInput, TaskRow, YearPlan
from ibp_desktop.core.policy.rules import months_label, occurrence_due, occurrence_level
from ibp_desktop.core.roles import ROLE_LABELS, Permission, Role
from ibp_desktop.resources import resource_path
from ibp_desktop.services.accountability.dpia import review_occurrences
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.registers_common import school_scope, versioned_edit
from ibp_desktop.services.requests.register import today_here
from ibp_desktop.services.requests.rows import board_scope
from ibp_desktop.store.database import ReadOnlyDatabaseError
from ibp_desktop.store.models import Setting
from ibp_desktop.store.policy_models import IbpTask, IbpTaskDone
from ibp_desktop.store.types import utc_now

SEEDED_KEY = "ibp_calendar_seeded:{school_id}"
OVERDUE_WINDOW_DAYS = 90  # older forgotten occurrences no longer nag on the dashboard
STALE = (
    "Iemand anders heeft deze taak net gewijzigd. Uw wijziging is niet opgeslagen. Open de taak opnieuw "
    "en probeer het nog eens."
)

__all__ = ["IbpCalendarService", "OccurrenceRow", "TaskInput", "TaskRow", "YearPlan"]


class IbpCalendarService(Service):
    def list_tasks(self, school_id: int) -> list[TaskRow]:
        self._seed_once(school_id)
        with self._work(Permission.VIEW_DASHBOARD, school_id=school_id) as work:
            return [task_row(t) for t in _tasks(work.session, [school_id])]

    def occurrences(self, school_id: int | None, year: int, today: date | None = None) -> list[OccurrenceRow]:
        """Every occurrence of ``year`` (calendar year), by month; ``school_id=None``: all your schools."""
        with self._work(Permission.VIEW_DASHBOARD, school_id=school_id) as work:
            schools = school_scope(work, school_id)
        for one in schools:
            self._seed_once(one)
        with self._work(Permission.VIEW_DASHBOARD, school_id=school_id) as work:
            return occurrence_rows(work.session, schools, year, today or today_here())

    def year_plan(self, school_id: int | None, year: int, today: date | None = None) -> YearPlan:
        rows = self.occurrences(school_id, year, today)
        with self._work(Permission.VIEW_DASHBOARD, school_id=school_id) as work:
            schools = school_scope(work, school_id)
            if work.actor.can(Permission.VIEW_DPIAS):  # DPIA review dates belong in the year plan too
                rows += review_occurrences(work.session, schools, year, today or today_here())
                rows.sort(key=lambda r: (r.month, search_key(r.title), r.school_id))
            return YearPlan(board_scope(work.session, schools), year, tuple(rows))

    def year_plan_pdf(self, school_id: int | None, year: int, today: date | None = None) -> bytes:
        from ibp_desktop.reports.year_plan import render_year_plan_pdf

        return render_year_plan_pdf(self.year_plan(school_id, year, today), utc_now())

    # --- tasks ------------------------------------------------------------------------------------------

    def add_task(self, school_id: int, facts: TaskInput) -> TaskRow:
        clean = _check(facts)
        self._seed_once(school_id)
        with self._work(Permission.MANAGE_POLICY, school_id=school_id) as work:
            task = IbpTask(school_id=school_id, sort_order=100)
            _apply(task, clean)
            work.session.add(task)
            work.session.flush()
            _log(work, "ibp_task_added", task)
            return task_row(task)

    def update_task(self, task_id: int, version: int, facts: TaskInput) -> TaskRow:
        clean = _check(facts)
        with self._edit(task_id, version) as (work, task):
            _apply(task, clean)
            _log(work, "ibp_task_changed", task)
            return task_row(task)

    def remove_task(self, task_id: int, version: int) -> None:
        with self._edit(task_id, version) as (work, task):
            work.audit(
                "ibp_task_removed", "ibp_task", task.id, before=_audit_view(task), school_id=task.school_id
            )
            work.session.delete(task)

    # --- occurrences --------------------------------------------------------------------------------------

    def mark_done(
        self, task_id: int, year: int, month: int, note: str = "", on: date | None = None
    ) -> OccurrenceRow:
        day = on or today_here()
        with self._work(Permission.VIEW_DASHBOARD) as work:
            task = _task(work, task_id)
            _may_tick(work, task)
            _check_occurrence(task, month)
            if _done(work.session, task.id, year, month) is not None:
                raise BadInputError(
                    f"'{task.title}' ({months_label(month, task.span_months)} {year}) is al gedaan."
                )
            work.session.add(
                IbpTaskDone(
                    task_id=task.id,
                    year=year,
                    month=month,
                    done_on=day,
                    done_at=utc_now(),
                    done_by_name=work.actor.full_name,
                    note=note.strip(),
                )
            )
            work.session.flush()
            work.audit(
                "ibp_task_done",
                "ibp_task",
                task.id,
                after={"year": year, "month": month, "on": day.isoformat()},
                school_id=task.school_id,
            )
            return _occurrence(work.session, task, year, month, today_here())

    def undo_done(self, task_id: int, year: int, month: int) -> OccurrenceRow:
        with self._work(Permission.VIEW_DASHBOARD) as work:
            task = _task(work, task_id)
            _may_tick(work, task)
            done = _done(work.session, task.id, year, month)
            if done is None:
                raise BadInputError("Deze taak staat niet als gedaan. Er is niets teruggezet.")
            work.session.delete(done)
            work.session.flush()
            work.audit(
                "ibp_task_reopened",
                "ibp_task",
                task.id,
                before={"year": year, "month": month},
                school_id=task.school_id,
            )
            return _occurrence(work.session, task, year, month, today_here())

    # --- helpers ----------------------------------------------------------------------------------------

    def _seed_once(self, school_id: int) -> None:
        key = SEEDED_KEY.format(school_id=school_id)
        with self.database.transaction() as session:
            if session.get(Setting, key) is not None:
                return
        try:
            with self._work(Permission.VIEW_DASHBOARD, school_id=school_id) as work:
                seed_calendar(work.session, school_id)
        except ReadOnlyDatabaseError:
            pass

    def _edit(self, task_id: int, version: int) -> AbstractContextManager[tuple[Work, IbpTask]]:
        work_in = self._work(Permission.MANAGE_POLICY)
        return versioned_edit(work_in, lambda work: _task(work, task_id), version, STALE)


def default_tasks() -> list[dict[str, Any]]:
    raw: list[dict[str, Any]] = json.loads(
        resource_path("seed", "ibp_calendar.json").read_text(encoding="utf-8")
    )
    return raw


def seed_calendar(session: Session, school_id: int) -> None:
    key = SEEDED_KEY.format(school_id=school_id)
    if session.get(Setting, key) is not None:
        return
    for order, item in enumerate(default_tasks()):
        session.add(
            IbpTask(
                school_id=school_id,
                code=item["code"],
                title=item["title"],
                description=item["description"],
                owner_role=Role(item["owner_role"]).value,
                months=",".join(str(m) for m in sorted(item["months"])),
                span_months=int(item["span_months"]),
                sort_order=order,
            )
        )
    session.add(Setting(key=key, value="1"))


def task_row(task: IbpTask) -> TaskRow:
    return TaskRow(
        task.id,
        task.version,
        task.school_id,
        task.code,
        task.title,
        Role(task.owner_role),
        _months(task),
        task.span_months,
        task.description,
    )


def occurrence_rows(session: Session, school_ids: list[int], year: int, today: date) -> list[OccurrenceRow]:
    tasks = _tasks(session, school_ids)
    done = _done_map(session, [t.id for t in tasks], [year])
    rows = [
        _row(task, year, month, done.get((task.id, year, month)), today)
        for task in tasks
        for month in _months(task)
    ]
    return sorted(rows, key=lambda r: (r.month, search_key(r.title), r.school_id))


def overdue_occurrences(session: Session, school_ids: list[int], today: date) -> list[OccurrenceRow]:
    """Not done, due in the last ``OVERDUE_WINDOW_DAYS`` days (this year or the end of last year)."""
    since = today - timedelta(days=OVERDUE_WINDOW_DAYS)
    found: list[OccurrenceRow] = []
    for year in sorted({since.year, today.year}):
        found += [
            r
            for r in occurrence_rows(session, school_ids, year, today)
            if not r.done and since <= r.due_on < today
        ]
    return found


def _row(task: IbpTask, year: int, month: int, done: IbpTaskDone | None, today: date) -> OccurrenceRow:
    due = occurrence_due(year, month, task.span_months)
    status, level = occurrence_level(due, done is not None, today)
    return OccurrenceRow(
        task_id=task.id,
        school_id=task.school_id,
        title=task.title,
        owner_role=Role(task.owner_role),
        year=year,
        month=month,
        period=months_label(month, task.span_months),
        due_on=due,
        done_on=done.done_on if done else None,
        done_by=done.done_by_name if done else "",
        note=done.note if done else "",
        status_text=status,
        level=level,
    )


def _occurrence(session: Session, task: IbpTask, year: int, month: int, today: date) -> OccurrenceRow:
    return _row(task, year, month, _done(session, task.id, year, month), today)


def _tasks(session: Session, school_ids: list[int]) -> list[IbpTask]:
    query = select(IbpTask).where(IbpTask.school_id.in_(school_ids)).order_by(IbpTask.sort_order, IbpTask.id)
    return list(session.scalars(query).all())


def _done_map(
    session: Session, task_ids: list[int], years: list[int]
) -> dict[tuple[int, int, int], IbpTaskDone]:
    if not task_ids:
        return {}
    query = select(IbpTaskDone).where(IbpTaskDone.task_id.in_(task_ids), IbpTaskDone.year.in_(years))
    return {(d.task_id, d.year, d.month): d for d in session.scalars(query).all()}


def _done(session: Session, task_id: int, year: int, month: int) -> IbpTaskDone | None:
    return session.scalars(
        select(IbpTaskDone).where(
            IbpTaskDone.task_id == task_id, IbpTaskDone.year == year, IbpTaskDone.month == month
        )
    ).first()


def _months(task: IbpTask) -> tuple[int, ...]:
    return tuple(sorted(int(m) for m in task.months.split(",") if m.strip()))


def _check(facts: TaskInput) -> TaskInput:
    title = " ".join(facts.title.split())
    if not title:
        raise BadInputError("Vul de naam van de taak in, bijvoorbeeld 'Controle toegangsrechten'.")
    if len(title) > 200:
        raise BadInputError("De naam van de taak is te lang (meer dan 200 tekens).")
    months = tuple(sorted(set(facts.months)))
    if not months or any(not 1 <= m <= 12 for m in months):
        raise BadInputError("Kies minstens één maand (1 tot en met 12) voor deze taak.")
    if not 1 <= facts.span_months <= 12:
        raise BadInputError("Een taak loopt 1 tot en met 12 maanden.")
    return replace(facts, title=title, months=months, description=facts.description.strip())


def _apply(task: IbpTask, facts: TaskInput) -> None:
    task.title = facts.title
    task.owner_role = facts.owner_role.value
    task.months = ",".join(str(m) for m in facts.months)
    task.span_months = facts.span_months
    task.description = facts.description


def _may_tick(work: Work, task: IbpTask) -> None:
    owner = Role(task.owner_role)
    if owner not in work.actor.roles and not work.actor.can(Permission.MANAGE_POLICY):
        raise PermissionDeniedError(
            f"Deze taak is van de {ROLE_LABELS[owner].lower()}. "
            "Alleen die (of de directeur) kan haar afvinken."
        )


def _check_occurrence(task: IbpTask, month: int) -> None:
    if month not in _months(task):
        raise BadInputError(f"'{task.title}' staat niet in {months_label(month, 1)} op de kalender.")


def _task(work: Work, task_id: int) -> IbpTask:
    task = work.session.get(IbpTask, task_id)
    if task is None or task.school_id not in work.actor.school_ids:
        raise NotFoundError("Deze taak staat niet (meer) op de jaarkalender.")
    return task


def _audit_view(task: IbpTask) -> dict[str, Any]:
    return {"title": task.title, "owner": task.owner_role, "months": task.months, "span": task.span_months}


def _log(work: Work, action: str, task: IbpTask) -> None:
    work.audit(action, "ibp_task", task.id, after=_audit_view(task), school_id=task.school_id)
