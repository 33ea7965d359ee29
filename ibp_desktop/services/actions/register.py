"""The action register (plan van aanpak): what the school will improve, who does it, and by when.

Actions come from incident evaluations, audits and the yearly evaluation. The director and the
security officer keep them (MANAGE_ACTIONS); whoever reads the reports (VIEW_REPORTS) sees them. An
action without a school is for the whole board. Open actions feed the dashboard and the reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ibp_desktop.core.actions import ActionSource, ActionStatus, due_text
from ibp_desktop.core.errors import BadInputError, NotFoundError
from ibp_desktop.core.register_records import ActionInput, ActionRow
from ibp_desktop.core.requests import Level
from ibp_desktop.core.roles import Permission, Role
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.registers_common import matching, school_scope, versioned_edit
from ibp_desktop.services.requests.register import today_here
from ibp_desktop.services.requests.rows import board_scope
from ibp_desktop.store.models import School
from ibp_desktop.store.request_models import Action
from ibp_desktop.store.types import utc_now

BOARD_WIDE = "Hele bestuur"
STALE = (
    "Iemand anders heeft deze actie net gewijzigd. Uw wijziging is niet opgeslagen. Open de actie opnieuw "
    "en voer uw wijziging nog eens in."
)

__all__ = ["ActionInput", "ActionRow", "ActionService"]


class ActionService(Service):
    def list_actions(
        self,
        school_id: int | None = None,
        status: ActionStatus | None = None,
        text: str = "",
        today: date | None = None,
    ) -> list[ActionRow]:
        """Open actions first (by due date), then the finished ones. ``school_id=None``: the actions of
        every school the user may see and the board-wide ones; with a school, also the board-wide ones."""
        with self._work(Permission.VIEW_REPORTS, school_id=school_id) as work:
            rows = action_rows(work.session, school_scope(work, school_id), today or today_here(), status)
            return matching(rows, text, _searchable)

    def register_pdf(self, school_id: int | None = None, today: date | None = None) -> bytes:
        """The Plan van aanpak as a PDF (landscape): what the page shows, for the school or all schools."""
        from ibp_desktop.reports.action_register import render_action_register_pdf

        day = today or today_here()
        rows = self.list_actions(school_id=school_id, today=day)
        return render_action_register_pdf(rows, self._scope(school_id), day, utc_now())

    def register_csv(self, school_id: int | None = None, today: date | None = None) -> bytes:
        """The Plan van aanpak for a spreadsheet (Excel CSV: semicolons, BOM, formula guard)."""
        from ibp_desktop.reports.action_register import render_action_register_csv

        return render_action_register_csv(self.list_actions(school_id=school_id, today=today or today_here()))

    def _scope(self, school_id: int | None) -> str:
        with self._work(Permission.VIEW_REPORTS, school_id=school_id) as work:
            schools = school_scope(work, school_id)
            return board_scope(work.session, schools)

    def open_actions(
        self, school_ids: Iterable[int] | None = None, today: date | None = None
    ) -> list[ActionRow]:
        """Actions not yet done, for these schools (default: all the user sees) and the whole board."""
        with self._work(Permission.VIEW_REPORTS) as work:
            wanted = sorted(work.actor.school_ids if school_ids is None else set(school_ids))
            for school_id in wanted:
                work.require_school(school_id)
            return open_rows(work.session, wanted, today or today_here())

    def detail(self, action_id: int, today: date | None = None) -> ActionRow:
        with self._work(Permission.VIEW_REPORTS) as work:
            return _to_row(work.session, _get(work, action_id), today or today_here())

    # The edits return the action with its status on ``today``: the program passes the day its page
    # shows; the command line leaves it to the real day. Closing records the real moment (a fact).

    def add(
        self, facts: ActionInput, status: ActionStatus = ActionStatus.OPEN, today: date | None = None
    ) -> ActionRow:
        checked = _check(facts)
        with self._work(Permission.MANAGE_ACTIONS) as work:
            _check_school(work, checked.school_id)
            now = utc_now()
            action = Action(created_at=now, created_by_name=work.actor.full_name, status=status.value)
            _apply(action, checked)
            if status is ActionStatus.DONE:
                action.closed_at, action.closed_by_name = now, work.actor.full_name
            work.session.add(action)
            _log(work, action, "action_added")
            return _to_row(work.session, action, today or today_here())

    def update(
        self, action_id: int, version: int, facts: ActionInput, today: date | None = None
    ) -> ActionRow:
        checked = _check(facts)
        with self._edit(action_id, version) as (work, action):
            _check_school(work, checked.school_id)
            _apply(action, checked)
            _log(work, action, "action_changed")
            return _to_row(work.session, action, today or today_here())

    def set_status(
        self, action_id: int, version: int, status: ActionStatus, today: date | None = None
    ) -> ActionRow:
        """Open, bezig or klaar; "klaar" records who closed it and when, reopening clears that."""
        with self._edit(action_id, version) as (work, action):
            if action.status != status.value:
                action.status = status.value
                done = status is ActionStatus.DONE
                action.closed_at = utc_now() if done else None
                action.closed_by_name = work.actor.full_name if done else ""
                _log(work, action, "action_status_changed")
            return _to_row(work.session, action, today or today_here())

    def close(self, action_id: int, version: int, today: date | None = None) -> ActionRow:
        return self.set_status(action_id, version, ActionStatus.DONE, today)

    def _edit(self, action_id: int, version: int) -> AbstractContextManager[tuple[Work, Action]]:
        work_in = self._work(Permission.MANAGE_ACTIONS)
        return versioned_edit(work_in, lambda work: _get(work, action_id), version, STALE)


def action_rows(
    session: Session, school_ids: list[int], today: date, status: ActionStatus | None = None
) -> list[ActionRow]:
    query = select(Action).where(or_(Action.school_id.in_(school_ids), Action.school_id.is_(None)))
    if status is not None:
        query = query.where(Action.status == status.value)
    names = {i: n for i, n in session.execute(select(School.id, School.name)).all()}
    rows = [_to_row(session, a, today, names) for a in session.scalars(query).all()]
    return sorted(rows, key=_order)


def open_rows(session: Session, school_ids: list[int], today: date) -> list[ActionRow]:
    return [r for r in action_rows(session, school_ids, today) if r.status is not ActionStatus.DONE]


def action_attention(session: Session, school_ids: frozenset[int], today: date) -> list[tuple[str, Level]]:
    """Dashboard lines for actions past their date or due within two weeks."""
    items: list[tuple[str, Level]] = []
    for row in open_rows(session, sorted(school_ids), today):
        if row.level is Level.OK:
            continue
        items.append((f"Actie '{row.title}' ({row.owner_label}): {row.due_text.lower()}.", row.level))
    return items


def _order(row: ActionRow) -> tuple[Any, ...]:
    done = row.status is ActionStatus.DONE
    due = row.facts.due_on or date.max
    return (done, due, row.id) if not done else (done, -(row.closed_at or row.created_at).timestamp(), row.id)


def _to_row(session: Session, action: Action, today: date, names: dict[int, str] | None = None) -> ActionRow:
    session.flush()
    if action.school_id is None:
        school_name = BOARD_WIDE
    elif names is not None:
        school_name = names.get(action.school_id, "")
    else:
        school = session.get(School, action.school_id)
        school_name = school.name if school else ""
    status = ActionStatus(action.status)
    text, level = due_text(status, action.due_on, today)
    facts = ActionInput(
        title=action.title,
        owner_role=Role(action.owner_role),
        source=ActionSource(action.source),
        school_id=action.school_id,
        due_on=action.due_on,
        source_reference=action.source_reference,
        description=action.description,
    )
    return ActionRow(
        action.id,
        action.version,
        action.school_id,
        school_name,
        facts,
        status,
        action.created_at,
        action.created_by_name,
        action.closed_at,
        action.closed_by_name,
        text,
        level,
    )


def _check(facts: ActionInput) -> ActionInput:
    title = " ".join(facts.title.split())
    if not title:
        raise BadInputError("Beschrijf de actie in een korte zin, bijvoorbeeld: 'Wachtwoordbeleid herhalen'.")
    if len(title) > 300:
        raise BadInputError("De actie is te lang (meer dan 300 tekens). Zet de details in de toelichting.")
    return replace(
        facts,
        title=title,
        source_reference=facts.source_reference.strip(),
        description=facts.description.strip(),
    )


def _check_school(work: Work, school_id: int | None) -> None:
    if school_id is not None:
        work.require_school(school_id)


def _apply(action: Action, facts: ActionInput) -> None:
    action.title = facts.title
    action.description = facts.description
    action.owner_role = facts.owner_role.value
    action.school_id = facts.school_id
    action.due_on = facts.due_on
    action.source = facts.source.value
    action.source_reference = facts.source_reference


def _log(work: Work, action: Action, what: str) -> None:
    work.session.flush()
    # No title: free text might name someone, and the audit log keeps no personal data.
    after = {
        "owner_role": action.owner_role,
        "status": action.status,
        "due_on": action.due_on.isoformat() if action.due_on else None,
        "source": action.source,
        "source_reference": action.source_reference,
    }
    work.audit(what, "action", action.id, after=after, school_id=action.school_id)


def _get(work: Work, action_id: int) -> Action:
    action = work.session.get(Action, action_id)
    if action is None:
        raise NotFoundError("Deze actie bestaat niet (meer).")
    if action.school_id is not None:
        work.require_school(action.school_id)
    return action


def _searchable(row: ActionRow) -> str:
    return " ".join((row.title, row.facts.description, row.owner_label, row.source_label, row.school_name))
