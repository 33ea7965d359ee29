"""FG-rapportage for a period: incident register with details, request log, what is overdue, open actions.

Needs VIEW_REPORTS, and because it shows the registers' details also VIEW_INCIDENTS and VIEW_REQUESTS:
the FG, the board and the director have all three; the security officer (no request access) does not.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from ibp_desktop.core import requests as request_rules
from ibp_desktop.core.errors import PermissionDeniedError
from ibp_desktop.core.incidents.records import IncidentDetail, RegisterRow, register_totals
from ibp_desktop.core.incidents.rules import AMSTERDAM, ClockLevel, is_late
from ibp_desktop.core.roles import Permission
from ibp_desktop.security import audit
from ibp_desktop.services.accountability.figures import accountability_figures
from ibp_desktop.services.accounts.role_ties import account_changes
from ibp_desktop.services.actions.register import open_rows
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.incidents.listing import list_rows
from ibp_desktop.services.incidents.mapping import to_detail
from ibp_desktop.services.registers_common import check_period, school_scope
from ibp_desktop.services.requests.register import today_here
from ibp_desktop.services.requests.rows import board_scope, load_rows
from ibp_desktop.services.retention.attention import retention_attention
from ibp_desktop.store.incident_models import Incident
from ibp_desktop.store.models import School
from ibp_desktop.store.types import utc_now

if TYPE_CHECKING:
    # The report's plain records live with its renderer; ReportLab loads only when a report is made.
    from ibp_desktop.reports.fg_report import FgReportData

__all__ = ["FgReportData", "FgReportService"]

NEEDS_REGISTERS = (
    "De FG-rapportage bevat de details van het incidentregister en de verzoeken van betrokkenen. U mag die "
    "registers niet allebei inzien. Vraag de FG of de directeur om de rapportage."
)


class FgReportService(Service):
    def data(
        self, date_from: date, date_to: date, school_id: int | None = None, now: datetime | None = None
    ) -> FgReportData:
        """Incidents discovered and requests received from ``date_from`` to ``date_to`` (both included);
        overdue items and open actions as they stand now."""
        check_period(date_from, date_to)
        from ibp_desktop.reports.fg_report import FgReportData

        moment = now or utc_now()
        today = moment.astimezone(AMSTERDAM).date() if now else today_here()
        with self._work(Permission.VIEW_REPORTS, school_id=school_id) as work:
            if not (work.actor.can(Permission.VIEW_INCIDENTS) and work.actor.can(Permission.VIEW_REQUESTS)):
                raise PermissionDeniedError(NEEDS_REGISTERS)
            schools = school_scope(work, school_id)
            incidents = _incidents(work, schools, date_from, date_to, moment)
            requests = load_rows(
                work.session, schools, today, date_from=date_from, date_to=date_to, oldest_first=True
            )
            overdue = [
                r for r in load_rows(work.session, schools, today, open_due_by=today) if r.status.overdue
            ]
            breaches = [
                r
                for r in list_rows(work.session, frozenset(schools), "", None, None, moment)
                if r.clock.level is ClockLevel.RED
            ]
            retention = (
                retention_attention(work.session, schools, today)
                if work.actor.can(Permission.VIEW_RETENTION)
                else []
            )
            return FgReportData(
                scope=board_scope(work.session, schools),
                date_from=date_from,
                date_to=date_to,
                today=today,
                incidents=tuple(d for d, _ in incidents),
                incident_totals=register_totals([row for _, row in incidents]),
                requests=tuple(requests),
                request_counts=request_rules.count_requests(
                    [(r.right, r.status, r.extended, r.outcome) for r in requests]
                ),
                overdue_requests=tuple(sorted(overdue, key=lambda r: (r.deadline, r.number))),
                overdue_breaches=tuple(sorted(breaches, key=lambda r: (r.discovered_at, r.number))),
                retention_items=tuple(item.text for item in retention),
                open_actions=tuple(open_rows(work.session, schools, today)),
                accountability=accountability_figures(work.session, schools, date_from, date_to, today),
                audit_head=audit.head(work.session).printed(),
                account_changes=tuple(account_changes(work.session, *_period(date_from, date_to))),
            )

    def pdf(
        self, date_from: date, date_to: date, school_id: int | None = None, now: datetime | None = None
    ) -> bytes:
        """The report with what is overdue and the 72-hour clock as they stand at ``now`` (default: the
        real clock, as the command line has it; the program passes the moment its pages show). "Gemaakt
        op" is the moment the file is made."""
        from ibp_desktop.reports.fg_report import render_fg_report

        return render_fg_report(self.data(date_from, date_to, school_id, now), utc_now())


def _incidents(
    work: Work, schools: list[int], date_from: date, date_to: date, now: datetime
) -> list[tuple[IncidentDetail, RegisterRow]]:
    start = datetime.combine(date_from, time(0), AMSTERDAM).astimezone(UTC)
    end = datetime.combine(date_to + timedelta(days=1), time(0), AMSTERDAM).astimezone(UTC)
    found = work.session.scalars(
        select(Incident)
        .where(Incident.school_id.in_(schools), Incident.discovered_at >= start, Incident.discovered_at < end)
        .order_by(Incident.discovered_at, Incident.id)
    ).all()
    names = {s.id: s for s in work.session.scalars(select(School).where(School.id.in_(schools)))}
    result = []
    for incident in found:
        detail = to_detail(incident, names[incident.school_id], now)
        notified = detail.notified_at
        row = RegisterRow(
            number=detail.number,
            brin=detail.brin,
            title=detail.facts.title,
            type_label=detail.type_label,
            discovered_at=detail.facts.discovered_at,
            decision=detail.decision,
            notified_at=notified,
            notified_in_time=None if notified is None else not is_late(detail.facts.discovered_at, notified),
            subjects_informed_at=detail.form.subjects_informed_at,
            status=detail.status,
        )
        result.append((detail, row))
    return result


def _period(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """The period as moments: from the start of the first day to the end of the last (Amsterdam days)."""
    start = datetime.combine(date_from, time(0), AMSTERDAM)
    end = datetime.combine(date_to + timedelta(days=1), time(0), AMSTERDAM)
    return start, end - timedelta(microseconds=1)
