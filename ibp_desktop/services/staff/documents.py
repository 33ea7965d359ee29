"""Staff-awareness documents: the acknowledgement list, the "wat moet ik weten" page for new staff and
the awareness register (PDF/CSV). Read by whoever may see the staff list (VIEW_STAFF)."""

from __future__ import annotations

from datetime import date

from ibp_desktop.core.errors import NotFoundError
from ibp_desktop.core.roles import Permission
from ibp_desktop.core.staff.records import AckLine, AcknowledgementList, AwarenessRegister, MustKnow
from ibp_desktop.core.staff.rules import STAFF_DOCUMENTS, Method, StaffStatus
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.requests.register import today_here
from ibp_desktop.services.staff.figures import figures_for
from ibp_desktop.services.staff.rows import (
    current_version,
    session_row,
    sessions,
    staff_facts,
    staff_members,
    staff_row,
)
from ibp_desktop.store.models import School
from ibp_desktop.store.types import utc_now


def school_year(today: date) -> tuple[date, date]:
    """The school year around ``today``: 1 August - 31 July."""
    start = date(today.year if today.month >= 8 else today.year - 1, 8, 1)
    return start, date(start.year + 1, 7, 31)


class StaffDocumentService(Service):
    def acknowledgement_list(self, school_id: int, today: date | None = None) -> AcknowledgementList:
        day = today or today_here()
        with self._work(Permission.VIEW_STAFF, school_id=school_id) as work:
            members = staff_members(work.session, [school_id])
            lines = []
            for member, facts, ack in staff_facts(work.session, members):
                if staff_row(member, facts, ack, day).status is StaffStatus.LEFT:
                    continue
                method = Method(ack.method) if ack else None
                lines.append(
                    AckLine(member.name, member.function, ack.acknowledged_on if ack else None, method)
                )
            code = current_version(work.session, school_id)
            return AcknowledgementList(_school_name(work, school_id), code, tuple(lines), day)

    def acknowledgement_list_pdf(self, school_id: int, today: date | None = None) -> bytes:
        from ibp_desktop.reports.staff_awareness import render_acknowledgement_list_pdf

        return render_acknowledgement_list_pdf(self.acknowledgement_list(school_id, today), utc_now())

    def must_know_pdf(self, school_id: int, today: date | None = None) -> bytes:
        from ibp_desktop.reports.staff_awareness import render_must_know_pdf

        with self._work(Permission.VIEW_STAFF, school_id=school_id) as work:
            found = (current_version(work.session, school_id, code) for code in STAFF_DOCUMENTS)
            data = MustKnow(
                _school_name(work, school_id), tuple(c for c in found if c), today or today_here()
            )
        return render_must_know_pdf(data, utc_now())

    def awareness_register(
        self, school_id: int, period: tuple[date, date] | None = None, today: date | None = None
    ) -> AwarenessRegister:
        day = today or today_here()
        span = period or school_year(day)
        with self._work(Permission.VIEW_STAFF, school_id=school_id) as work:
            rows = tuple(session_row(work.session, s) for s in sessions(work.session, [school_id], span))
            figures = figures_for(work.session, [school_id], span, day)
            return AwarenessRegister(_school_name(work, school_id), rows, figures.active, figures, span, day)

    def awareness_register_pdf(
        self, school_id: int, period: tuple[date, date] | None = None, today: date | None = None
    ) -> bytes:
        from ibp_desktop.reports.staff_awareness import render_awareness_register_pdf

        return render_awareness_register_pdf(self.awareness_register(school_id, period, today), utc_now())

    def awareness_register_csv(
        self, school_id: int, period: tuple[date, date] | None = None, today: date | None = None
    ) -> bytes:
        from ibp_desktop.reports.staff_awareness import render_awareness_register_csv

        return render_awareness_register_csv(self.awareness_register(school_id, period, today))


def _school_name(work: Work, school_id: int) -> str:
    school = work.session.get(School, school_id)
    if school is None:
        raise NotFoundError("Deze school bestaat niet (meer).")
    return school.name
