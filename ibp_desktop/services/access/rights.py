"""Access rights (toegangsrechten): the systems a school uses, its staff, and who has which access level.

The security officer grants and manages access rights (MANAGE_USERS); whoever reads the reports
(VIEW_REPORTS: director, security officer, FG, board) sees the register. When someone leaves or changes
function, a checklist lists exactly that person's accesses; each is ticked off with the date and by whom,
and the tick carries out the change in the register. Audit entries hold ids, systems and levels, no names.
Periodic reviews are in access_reviews.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ibp_desktop.core.errors import BadInputError, NotFoundError, StaleEditError
from ibp_desktop.core.incidents.rules import search_key
from ibp_desktop.core.policy.access_records import (
    DEFAULT_SYSTEMS,
    AccessMatrix,
    ChecklistKind,
    ChecklistRow,
    GrantRow,
    ItemOutcome,
    PersonRow,
    SystemRow,
)
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.access.rows import (
    access_matrix,
    active_grants,
    checklist_row,
    grant_row,
    open_checklist_id,
    person_row,
    system_row,
    systems_query,
)
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.requests.register import today_here
from ibp_desktop.store.policy_models import (
    AccessChecklist,
    AccessChecklistItem,
    AccessGrant,
    AccessSystem,
    StaffMember,
)
from ibp_desktop.store.types import utc_now

STALE = (
    "Iemand anders heeft dit net gewijzigd. Uw wijziging is niet opgeslagen. Open het opnieuw en "
    "probeer het nog eens."
)

__all__ = ["AccessRightsService", "ChecklistKind", "ItemOutcome"]


class AccessRightsService(Service):
    # --- reading ---------------------------------------------------------------------------------------

    def matrix(self, school_id: int, include_left: bool = False) -> AccessMatrix:
        """Systems x people of one school, with every active access."""
        with self._work(Permission.VIEW_REPORTS, school_id=school_id) as work:
            return access_matrix(work.session, school_id, include_left)

    def person_grants(self, person_id: int) -> list[GrantRow]:
        with self._work(Permission.VIEW_REPORTS) as work:
            person = _person(work, person_id)
            return [grant_row(g) for g in active_grants(work.session, person.school_id, person.id)]

    def checklists(self, school_id: int, open_only: bool = False) -> list[ChecklistRow]:
        with self._work(Permission.VIEW_REPORTS, school_id=school_id) as work:
            query = select(AccessChecklist).where(AccessChecklist.school_id == school_id)
            rows = [checklist_row(c) for c in work.session.scalars(query.order_by(AccessChecklist.id.desc()))]
            return [r for r in rows if not r.finished] if open_only else rows

    def checklist(self, checklist_id: int) -> ChecklistRow:
        with self._work(Permission.VIEW_REPORTS) as work:
            return checklist_row(_checklist(work, checklist_id))

    # --- systems and people ---------------------------------------------------------------------------

    def add_system(self, school_id: int, name: str, description: str = "") -> SystemRow:
        clean = _text(name, "de naam van het systeem")
        with self._work(Permission.MANAGE_USERS, school_id=school_id) as work:
            _unique_system(work.session, school_id, clean)
            system = AccessSystem(school_id=school_id, name=clean, description=description.strip())
            work.session.add(system)
            work.session.flush()
            work.audit(
                "access_system_added", "access_system", system.id, after={"name": clean}, school_id=school_id
            )
            return system_row(work.session, system)

    def add_default_systems(self, school_id: int) -> list[SystemRow]:
        """The usual systems of a primary school that are not in the register yet."""
        with self._work(Permission.MANAGE_USERS, school_id=school_id) as work:
            known = {
                search_key(n)
                for n in work.session.scalars(systems_query(school_id).with_only_columns(AccessSystem.name))
            }
            added = [
                AccessSystem(school_id=school_id, name=name, description=description)
                for name, description in DEFAULT_SYSTEMS
                if search_key(name) not in known
            ]
            work.session.add_all(added)
            work.session.flush()
            for system in added:
                work.audit(
                    "access_system_added",
                    "access_system",
                    system.id,
                    after={"name": system.name},
                    school_id=school_id,
                )
            return [system_row(work.session, s) for s in work.session.scalars(systems_query(school_id))]

    def update_system(self, system_id: int, version: int, name: str, description: str = "") -> SystemRow:
        clean = _text(name, "de naam van het systeem")
        with self._work(Permission.MANAGE_USERS) as work:
            system = _locked(_system(work, system_id), version)
            _unique_system(work.session, system.school_id, clean, system.id)
            system.name, system.description = clean, description.strip()
            _flush(work)
            work.audit(
                "access_system_changed",
                "access_system",
                system.id,
                after={"name": clean},
                school_id=system.school_id,
            )
            return system_row(work.session, system)

    def add_person(self, school_id: int, name: str, function: str = "") -> PersonRow:
        clean = _text(name, "de naam van de medewerker")
        with self._work(Permission.MANAGE_USERS, school_id=school_id) as work:
            person = StaffMember(school_id=school_id, name=clean, function=function.strip())
            work.session.add(person)
            work.session.flush()
            work.audit("staff_member_added", "staff_member", person.id, school_id=school_id)
            return person_row(work.session, person)

    def update_person(self, person_id: int, version: int, name: str, function: str) -> PersonRow:
        clean = _text(name, "de naam van de medewerker")
        with self._work(Permission.MANAGE_USERS) as work:
            person = _locked(_person(work, person_id), version)
            person.name, person.function = clean, function.strip()
            _flush(work)
            work.audit("staff_member_changed", "staff_member", person.id, school_id=person.school_id)
            return person_row(work.session, person)

    # --- grants -----------------------------------------------------------------------------------------

    def grant(self, system_id: int, person_id: int, level: str, on: date | None = None) -> GrantRow:
        clean = _text(level, "het toegangsniveau (bijvoorbeeld 'Alleen lezen')")
        with self._work(Permission.MANAGE_USERS) as work:
            system, person = _system(work, system_id), _person(work, person_id)
            if system.school_id != person.school_id:
                raise BadInputError("Dit systeem en deze medewerker horen niet bij dezelfde school.")
            if person.left_on is not None:
                raise BadInputError(
                    f"{person.name} is vertrokken op {person.left_on:%d-%m-%Y} en krijgt geen toegang meer."
                )
            if any(
                g.system_id == system.id for g in active_grants(work.session, person.school_id, person.id)
            ):
                raise BadInputError(
                    f"{person.name} heeft al toegang tot {system.name}. Wijzig daar het niveau."
                )
            grant = AccessGrant(system=system, person=person, level=clean, granted_on=on or today_here())
            work.session.add(grant)
            work.session.flush()
            _log_grant(work, "access_granted", grant)
            return grant_row(grant)

    def change_level(self, grant_id: int, version: int, level: str) -> GrantRow:
        clean = _text(level, "het toegangsniveau")
        with self._work(Permission.MANAGE_USERS) as work:
            grant = _locked(_grant(work, grant_id), version)
            grant.level = clean
            _flush(work)
            _log_grant(work, "access_changed", grant)
            return grant_row(grant)

    def revoke(self, grant_id: int, version: int, on: date | None = None) -> None:
        with self._work(Permission.MANAGE_USERS) as work:
            grant = _locked(_grant(work, grant_id), version)
            grant.revoked_on = on or today_here()
            _flush(work)
            _log_grant(work, "access_revoked", grant)

    # --- leaver and mover checklists ---------------------------------------------------------------------

    def start_checklist(
        self, person_id: int, kind: ChecklistKind, effective_on: date, new_function: str = ""
    ) -> ChecklistRow:
        """One item per access the person has now: what to revoke (leaver) or to look at (mover)."""
        if kind is ChecklistKind.MOVER and not new_function.strip():
            raise BadInputError("Vul de nieuwe functie in, bijvoorbeeld 'Intern begeleider'.")
        with self._work(Permission.MANAGE_USERS) as work:
            person = _person(work, person_id)
            if open_checklist_id(work.session, person.id) is not None:
                raise BadInputError(f"Voor {person.name} loopt al een checklist. Werk die eerst af.")
            checklist = AccessChecklist(
                school_id=person.school_id,
                person_id=person.id,
                person_name=person.name,
                kind=kind.value,
                effective_on=effective_on,
                new_function=new_function.strip(),
                created_at=utc_now(),
                created_by_name=work.actor.full_name,
                items=[
                    AccessChecklistItem(grant_id=g.id, system_name=g.system.name, level=g.level)
                    for g in active_grants(work.session, person.school_id, person.id)
                ],
            )
            work.session.add(checklist)
            work.session.flush()
            _finish_if_done(checklist, person)
            work.audit(
                "access_checklist_started",
                "staff_member",
                person.id,
                after={"checklist": checklist.id, "kind": kind.value, "items": len(checklist.items)},
                school_id=person.school_id,
            )
            return checklist_row(checklist)

    def tick_item(
        self,
        item_id: int,
        outcome: ItemOutcome = ItemOutcome.REVOKED,
        new_level: str = "",
        note: str = "",
        on: date | None = None,
    ) -> ChecklistRow:
        """Tick one access off; the register follows (revoked, level changed, or kept)."""
        day = on or today_here()
        with self._work(Permission.MANAGE_USERS) as work:
            item = work.session.get(AccessChecklistItem, item_id)
            if item is None:
                raise NotFoundError("Dit punt van de checklist bestaat niet (meer).")
            checklist = _checklist(work, item.checklist_id)
            _check_tick(checklist, item, outcome, new_level)
            item.outcome, item.new_level = outcome.value, new_level.strip()
            item.done_on, item.done_by_name, item.note = day, work.actor.full_name, note.strip()
            grant = work.session.get(AccessGrant, item.grant_id) if item.grant_id else None
            if grant is not None and grant.revoked_on is None:
                if outcome is ItemOutcome.REVOKED:
                    grant.revoked_on = day
                elif outcome is ItemOutcome.CHANGED:
                    grant.level = item.new_level
            person = work.session.get(StaffMember, checklist.person_id) if checklist.person_id else None
            _finish_if_done(checklist, person)
            _flush(work)
            work.audit(
                "access_checklist_ticked",
                "access_checklist",
                checklist.id,
                after={
                    "item": item.id,
                    "system": item.system_name,
                    "outcome": outcome.value,
                    "on": day.isoformat(),
                },
                school_id=checklist.school_id,
            )
            return checklist_row(checklist)


def _finish_if_done(checklist: AccessChecklist, person: StaffMember | None) -> None:
    """When the last item is ticked, a leaver has left and a mover has the new function."""
    if person is None or any(i.done_on is None for i in checklist.items):
        return
    if checklist.kind == ChecklistKind.LEAVER.value:
        person.left_on = checklist.effective_on
    elif checklist.new_function:
        person.function = checklist.new_function


def _check_tick(
    checklist: AccessChecklist, item: AccessChecklistItem, outcome: ItemOutcome, new_level: str
) -> None:
    if item.done_on is not None:
        raise BadInputError(f"{item.system_name} is al afgevinkt op {item.done_on:%d-%m-%Y}.")
    if checklist.kind == ChecklistKind.LEAVER.value and outcome is not ItemOutcome.REVOKED:
        raise BadInputError("Bij vertrek wordt elke toegang ingetrokken. Kies 'Ingetrokken'.")
    if outcome is ItemOutcome.CHANGED and not new_level.strip():
        raise BadInputError(f"Vul het nieuwe toegangsniveau voor {item.system_name} in.")


def _unique_system(session: Session, school_id: int, name: str, own_id: int | None = None) -> None:
    for system in session.scalars(systems_query(school_id)):
        if system.id != own_id and search_key(system.name) == search_key(name):
            raise BadInputError(f"Systeem '{name}' staat er al in. Pas dat systeem aan.")


def _text(value: str, what: str) -> str:
    clean = " ".join(value.split())
    if not clean:
        raise BadInputError(f"Vul {what} in.")
    if len(clean) > 150:
        raise BadInputError(f"De tekst voor {what} is te lang (meer dan 150 tekens).")
    return clean


def _locked(record: Any, version: int) -> Any:
    if record.version != version:
        raise StaleEditError(STALE)
    return record


def _flush(work: Work) -> None:
    try:
        work.session.flush()
    except StaleDataError as error:
        raise StaleEditError(STALE) from error


def _log_grant(work: Work, action: str, grant: AccessGrant) -> None:
    after = {"person": grant.person_id, "system": grant.system.name, "level": grant.level}
    if grant.revoked_on:
        after["revoked_on"] = grant.revoked_on.isoformat()
    work.audit(action, "access_grant", grant.id, after=after, school_id=grant.system.school_id)


def _system(work: Work, system_id: int) -> AccessSystem:
    system = work.session.get(AccessSystem, system_id)
    if system is None or system.school_id not in work.actor.school_ids:
        raise NotFoundError("Dit systeem staat niet (meer) in het register.")
    return system


def _person(work: Work, person_id: int) -> StaffMember:
    person = work.session.get(StaffMember, person_id)
    if person is None or person.school_id not in work.actor.school_ids:
        raise NotFoundError("Deze medewerker staat niet (meer) in het register.")
    return person


def _grant(work: Work, grant_id: int) -> AccessGrant:
    grant = work.session.get(AccessGrant, grant_id)
    if grant is None or grant.system.school_id not in work.actor.school_ids:
        raise NotFoundError("Deze toegang staat niet (meer) in het register.")
    if grant.revoked_on is not None:
        raise BadInputError(f"Deze toegang is al ingetrokken op {grant.revoked_on:%d-%m-%Y}.")
    return grant


def _checklist(work: Work, checklist_id: int) -> AccessChecklist:
    checklist = work.session.get(AccessChecklist, checklist_id)
    if checklist is None or checklist.school_id not in work.actor.school_ids:
        raise NotFoundError("Deze checklist bestaat niet (meer).")
    return checklist
