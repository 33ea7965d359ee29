"""Staff awareness (issue 20): the staff list per school, acknowledgements of the code of conduct (and
the other must-know documents) per version, and awareness sessions with attendance.

The director and the ICT'er record (MANAGE_STAFF); the security officer and the FG read (VIEW_STAFF);
the board sees only the figures without names (annual report). Staff are the access-rights register's
``staff_members``: a leaver with access somewhere gets that register's leaver checklist. Audit entries
hold ids, dates and codes, never names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm.exc import StaleDataError

from ibp_desktop.core.errors import BadInputError, StaleEditError
from ibp_desktop.core.roles import Permission
from ibp_desktop.core.staff.records import CodeVersion, SessionInput, SessionRow, StaffInput, StaffRow
from ibp_desktop.core.staff.rules import STAFF_DOCUMENTS, TOPIC_LABELS, Method, StaffFigures
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.policy.documents import default_documents
from ibp_desktop.services.requests.register import today_here
from ibp_desktop.services.staff.figures import figures_for
from ibp_desktop.services.staff.links import leaver_checklist, tick_calendar
from ibp_desktop.services.staff.rows import (
    current_version,
    seed_titles,
    session_row,
    sessions,
    staff_facts,
    staff_members,
    staff_row,
)
from ibp_desktop.store.policy_models import PolicyDocument, StaffMember
from ibp_desktop.store.staff_models import AwarenessAttendance, AwarenessSession, StaffAcknowledgement
from ibp_desktop.store.types import utc_now

STALE = (
    "Iemand anders heeft dit net gewijzigd. Uw wijziging is niet opgeslagen. Open het opnieuw en "
    "probeer het nog eens."
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class StaffService(Service):
    # --- reading ---------------------------------------------------------------------------------------

    def list_staff(self, school_id: int, today: date | None = None) -> list[StaffRow]:
        day = today or today_here()
        with self._work(Permission.VIEW_STAFF, school_id=school_id) as work:
            members = staff_members(work.session, [school_id])
            return [staff_row(m, f, a, day) for m, f, a in staff_facts(work.session, members)]

    def code_of_conduct(self, school_id: int) -> CodeVersion | None:
        with self._work(Permission.VIEW_STAFF, school_id=school_id) as work:
            return current_version(work.session, school_id)

    def must_know_documents(self, school_id: int) -> list[CodeVersion]:
        with self._work(Permission.VIEW_STAFF, school_id=school_id) as work:
            found = (current_version(work.session, school_id, code) for code in STAFF_DOCUMENTS)
            return [c for c in found if c is not None]

    def sessions(self, school_id: int, period: tuple[date, date] | None = None) -> list[SessionRow]:
        with self._work(Permission.VIEW_STAFF, school_id=school_id) as work:
            return [session_row(work.session, s) for s in sessions(work.session, [school_id], period)]

    def figures(
        self, school_ids: list[int], period: tuple[date, date], today: date | None = None
    ) -> StaffFigures:
        """Figures without names: also for the board (VIEW_REPORTS)."""
        with self._work(Permission.VIEW_REPORTS) as work:
            for school_id in school_ids:
                work.require_school(school_id)
            return figures_for(work.session, school_ids, period, today or today_here())

    def add_staff_document(self, code: str, school_id: int | None = None) -> CodeVersion | None:
        """Put a must-know document (the code of conduct by default) in the policy-document store, as the
        seed describes it, when the school does not have it yet; its versions are added at Documenten."""
        if code not in STAFF_DOCUMENTS:
            raise BadInputError(f"'{code}' is geen document dat alle medewerkers moeten kennen.")
        with self._work(Permission.MANAGE_POLICY) as work:
            if school_id is not None:
                work.require_school(school_id)
            title = seed_titles()[code]
            known = work.session.scalars(
                select(PolicyDocument).where(
                    or_(PolicyDocument.code == code, PolicyDocument.title == title),
                    or_(PolicyDocument.school_id == school_id, PolicyDocument.school_id.is_(None)),
                )
            ).first()
            if known is None:
                seed = next(d for d in default_documents(only_defaults=False) if d["code"] == code)
                document = PolicyDocument(
                    school_id=school_id,
                    code=code,
                    title=title,
                    cycle=seed["cycle"],
                    requires_gmr=bool(seed["requires_gmr"]),
                    description=seed["description"],
                    sort_order=50,
                )
                work.session.add(document)
                work.session.flush()
                work.audit("policy_document_added", "policy_document", document.id, after={"code": code})
            return current_version(work.session, school_id, code) if school_id else None

    # --- the staff list --------------------------------------------------------------------------------

    def add_staff(self, school_id: int, facts: StaffInput, today: date | None = None) -> StaffRow:
        clean = check_staff(facts)
        with self._work(Permission.MANAGE_STAFF, school_id=school_id) as work:
            member = StaffMember(school_id=school_id)
            apply_staff(member, clean)
            work.session.add(member)
            work.session.flush()
            work.audit(
                "staff_member_added", "staff_member", member.id, after=_audit(member), school_id=school_id
            )
            if member.left_on is not None:
                leaver_checklist(work.session, member, member.left_on, work.actor.full_name)
            return self._row(work, member, today)

    def update_staff(
        self, staff_id: int, version: int, facts: StaffInput, today: date | None = None
    ) -> StaffRow:
        clean = check_staff(facts)
        try:
            with self._work(Permission.MANAGE_STAFF) as work:
                member = _member(work, staff_id)
                if member.version != version:
                    raise StaleEditError(STALE)
                before, was_left = _audit(member), member.left_on
                apply_staff(member, clean)
                work.session.flush()
                if member.left_on is not None and was_left is None:
                    leaver_checklist(work.session, member, member.left_on, work.actor.full_name)
                work.audit(
                    "staff_member_changed",
                    "staff_member",
                    member.id,
                    before=before,
                    after=_audit(member),
                    school_id=member.school_id,
                )
                return self._row(work, member, today)
        except StaleDataError as error:
            raise StaleEditError(STALE) from error

    # --- acknowledgements ------------------------------------------------------------------------------

    def acknowledge(
        self,
        staff_ids: list[int],
        on: date,
        method: Method,
        code: str | None = None,
        today: date | None = None,
    ) -> int:
        """Record that these employees acknowledged the current version of the code of conduct (or of
        the must-know document ``code``). Those who already did are skipped; returns how many were new."""
        day = today or today_here()
        if on > day:
            raise BadInputError(f"De datum {on:%d-%m-%Y} ligt in de toekomst. Er is niets vastgelegd.")
        if not staff_ids:
            raise BadInputError("Kies minstens één medewerker.")
        with self._work(Permission.MANAGE_STAFF) as work:
            members = [_member(work, i) for i in dict.fromkeys(staff_ids)]
            schools = {m.school_id for m in members}
            if len(schools) != 1:
                raise BadInputError("Kies medewerkers van één school tegelijk.")
            school_id = schools.pop()
            work.require_school(school_id)
            document = _document_version(work, school_id, code)
            done = set(
                work.session.scalars(
                    select(StaffAcknowledgement.staff_id).where(
                        StaffAcknowledgement.policy_version_id == document.version_id,
                        StaffAcknowledgement.staff_id.in_([m.id for m in members]),
                    )
                )
            )
            new = [m for m in members if m.id not in done]
            for member in new:
                _check_not_left(member, on)
                work.session.add(
                    StaffAcknowledgement(
                        staff_id=member.id,
                        policy_version_id=document.version_id,
                        acknowledged_on=on,
                        method=method.value,
                        recorded_at=utc_now(),
                        recorded_by_name=work.actor.full_name,
                    )
                )
            work.session.flush()
            work.audit(
                "staff_acknowledged",
                "policy_version",
                document.version_id,
                after={"staff": [m.id for m in new], "on": on.isoformat(), "method": method.value},
                school_id=school_id,
            )
            return len(new)

    def withdraw_acknowledgement(self, staff_id: int, code: str | None = None) -> None:
        """Take back a wrongly recorded acknowledgement of the current version."""
        with self._work(Permission.MANAGE_STAFF) as work:
            member = _member(work, staff_id)
            document = _document_version(work, member.school_id, code)
            ack = work.session.scalars(
                select(StaffAcknowledgement).where(
                    StaffAcknowledgement.staff_id == member.id,
                    StaffAcknowledgement.policy_version_id == document.version_id,
                )
            ).first()
            if ack is None:
                raise BadInputError(
                    "Deze medewerker heeft deze versie nog niet getekend. Er is niets veranderd."
                )
            work.session.delete(ack)
            work.audit(
                "staff_acknowledgement_withdrawn",
                "staff_member",
                member.id,
                before={"version": document.version_id, "on": ack.acknowledged_on.isoformat()},
                school_id=member.school_id,
            )

    # --- sessions --------------------------------------------------------------------------------------

    def add_session(self, school_id: int, facts: SessionInput, today: date | None = None) -> SessionRow:
        day = today or today_here()
        if facts.held_on > day:
            raise BadInputError(
                f"De datum {facts.held_on:%d-%m-%Y} ligt in de toekomst. "
                "Leg een sessie vast als ze is gehouden."
            )
        with self._work(Permission.MANAGE_STAFF, school_id=school_id) as work:
            attendees = [_member(work, i) for i in dict.fromkeys(facts.attendee_ids)]
            for member in attendees:
                if member.school_id != school_id:
                    raise BadInputError("Een deelnemer hoort niet bij deze school. Er is niets vastgelegd.")
                _check_not_left(member, facts.held_on)
            item = AwarenessSession(
                school_id=school_id,
                held_on=facts.held_on,
                topic=facts.topic.value,
                led_by=facts.led_by.value,
                note=facts.note.strip(),
                recorded_at=utc_now(),
                recorded_by_name=work.actor.full_name,
                attendees=[AwarenessAttendance(staff_id=m.id) for m in attendees],
            )
            work.session.add(item)
            work.session.flush()
            note = f"Bewustwordingssessie '{TOPIC_LABELS[facts.topic]}' ({len(attendees)} aanwezig)."
            ticked = tick_calendar(work.session, school_id, facts.held_on, note, work.actor.full_name)
            work.audit(
                "awareness_session_added",
                "awareness_session",
                item.id,
                after={
                    "on": facts.held_on.isoformat(),
                    "topic": facts.topic.value,
                    "led_by": facts.led_by.value,
                    "attendees": len(attendees),
                    "calendar": list(ticked) if ticked else None,
                },
                school_id=school_id,
            )
            return session_row(work.session, item)

    def set_attendance(self, session_id: int, version: int, attendee_ids: list[int]) -> SessionRow:
        try:
            with self._work(Permission.MANAGE_STAFF) as work:
                item = work.school_record(AwarenessSession, session_id, "Deze sessie bestaat niet (meer).")
                if item.version != version:
                    raise StaleEditError(STALE)
                members = [_member(work, i) for i in dict.fromkeys(attendee_ids)]
                if any(m.school_id != item.school_id for m in members):
                    raise BadInputError("Een deelnemer hoort niet bij deze school. Er is niets vastgelegd.")
                item.attendees = [AwarenessAttendance(staff_id=m.id) for m in members]
                work.session.flush()
                work.audit(
                    "awareness_attendance_changed",
                    "awareness_session",
                    item.id,
                    after={"attendees": len(members)},
                    school_id=item.school_id,
                )
                return session_row(work.session, item)
        except StaleDataError as error:
            raise StaleEditError(STALE) from error

    def _row(self, work: Work, member: StaffMember, today: date | None) -> StaffRow:
        ((_m, facts, ack),) = staff_facts(work.session, [member])
        return staff_row(member, facts, ack, today or today_here())


def check_staff(facts: StaffInput) -> StaffInput:
    name = " ".join(facts.name.split())
    if not name:
        raise BadInputError("Vul de naam van de medewerker in.")
    if len(name) > 200:
        raise BadInputError("De naam is te lang (meer dan 200 tekens).")
    email = facts.email.strip()
    if email and not _EMAIL.match(email):
        raise BadInputError(f"'{email}' is geen geldig e-mailadres. Laat het veld leeg of verbeter het.")
    if facts.started_on and facts.left_on and facts.left_on < facts.started_on:
        raise BadInputError(
            f"De datum uit dienst ({facts.left_on:%d-%m-%Y}) ligt vóór de datum in dienst "
            f"({facts.started_on:%d-%m-%Y})."
        )
    return replace(
        facts,
        name=name,
        function=" ".join(facts.function.split())[:150],
        email=email,
        staff_number=facts.staff_number.strip()[:40],
    )


def apply_staff(member: StaffMember, facts: StaffInput) -> None:
    member.name, member.function, member.email = facts.name, facts.function, facts.email
    member.started_on, member.left_on, member.staff_number = (
        facts.started_on,
        facts.left_on,
        facts.staff_number,
    )


def _audit(member: StaffMember) -> dict[str, object]:
    return {
        "staff_number": member.staff_number,
        "started_on": member.started_on.isoformat() if member.started_on else None,
        "left_on": member.left_on.isoformat() if member.left_on else None,
    }


def _member(work: Work, staff_id: int) -> StaffMember:
    return work.school_record(StaffMember, staff_id, "Deze medewerker bestaat niet (meer).")


def _check_not_left(member: StaffMember, on: date) -> None:
    if member.left_on is not None and member.left_on < on:
        raise BadInputError(
            f"{member.name} is uit dienst sinds {member.left_on:%d-%m-%Y}. Er is niets vastgelegd."
        )


def _document_version(work: Work, school_id: int, code: str | None) -> CodeVersion:
    wanted = code or STAFF_DOCUMENTS[0]
    if wanted not in STAFF_DOCUMENTS:
        raise BadInputError(f"'{wanted}' is geen document dat alle medewerkers moeten kennen.")
    found = current_version(work.session, school_id, wanted)
    if found is None:
        raise BadInputError(
            "Er is nog geen versie van dit document. Voeg eerst een versie toe bij Documenten; "
            "daarna kunnen medewerkers tekenen."
        )
    return found
