"""Documents of the incident register: the incident report (PDF) and the register over a period (PDF, CSV)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ibp_desktop.core.incidents.records import RegisterData, RegisterRow, register_totals
from ibp_desktop.core.incidents.rules import (
    AMSTERDAM,
    LABELS,
    Decision,
    IncidentStatus,
    IncidentType,
    is_late,
)
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.context import Service
from ibp_desktop.services.incidents.register import IncidentService
from ibp_desktop.services.registers_common import check_period, school_scope
from ibp_desktop.services.requests.rows import board_scope
from ibp_desktop.store.incident_models import Incident
from ibp_desktop.store.models import School
from ibp_desktop.store.types import utc_now


class IncidentDocumentService(Service):
    def report_pdf(self, incident_id: int, now: datetime | None = None) -> bytes:
        """The incident report with the 72-hour clock as it stands at ``now`` (default: the real clock,
        as the command line has it; the program passes the moment its page shows). "Gemaakt op" is the
        moment the file is made."""
        from ibp_desktop.reports.incident_report import render_incident_report

        detail = IncidentService(self.database, self.actor).detail(incident_id, now or utc_now())
        return render_incident_report(detail, utc_now())

    def register(self, date_from: date, date_to: date, school_id: int | None = None) -> RegisterData:
        """Incidents discovered from ``date_from`` up to and including ``date_to`` (Amsterdam days)."""
        check_period(date_from, date_to)
        start = datetime.combine(date_from, time(0), AMSTERDAM)
        end = datetime.combine(date_to + timedelta(days=1), time(0), AMSTERDAM)
        with self._work(Permission.VIEW_INCIDENTS, school_id=school_id) as work:
            schools = school_scope(work, school_id)
            found = work.session.execute(
                select(Incident, School.brin)
                .join(School, School.id == Incident.school_id)
                .where(
                    Incident.school_id.in_(schools),
                    Incident.discovered_at >= start,
                    Incident.discovered_at < end,
                )
                .order_by(Incident.discovered_at, Incident.id)
            ).all()
            rows = tuple(_register_row(incident, brin) for incident, brin in found)
            return RegisterData(
                board_scope(work.session, schools),
                start,
                end - timedelta(seconds=1),
                rows,
                register_totals(rows),
            )

    def register_pdf(self, date_from: date, date_to: date, school_id: int | None = None) -> bytes:
        from ibp_desktop.reports.incident_register import render_register_pdf

        return render_register_pdf(self.register(date_from, date_to, school_id), utc_now())

    def register_csv(self, date_from: date, date_to: date, school_id: int | None = None) -> bytes:
        from ibp_desktop.reports.incident_register import render_register_csv

        return render_register_csv(self.register(date_from, date_to, school_id))


def _register_row(incident: Incident, brin: str) -> RegisterRow:
    notified = [m for m in (incident.preliminary_notified_at, incident.final_notified_at) if m]
    first = min(notified) if notified else None
    return RegisterRow(
        number=incident.number,
        brin=brin,
        title=incident.title,
        type_label=LABELS[IncidentType(incident.incident_type)],
        discovered_at=incident.discovered_at,
        decision=Decision(incident.decision) if incident.decision else None,
        notified_at=first,
        notified_in_time=None if first is None else not is_late(incident.discovered_at, first),
        subjects_informed_at=incident.subjects_informed_at,
        status=IncidentStatus(incident.status),
    )
