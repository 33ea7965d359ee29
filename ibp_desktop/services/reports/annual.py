"""Jaarverslag IBP: the figures per school or for the board, for a school year or a calendar year.

Reading the figures needs VIEW_REPORTS only (the report holds counts, no personal data), so they are
collected here in one unit of work from the registers' tables, not through the area services (which
would each ask for their own, wider permission).

The board adopts a report (ADOPT_ANNUAL_REPORT): the PDF made at that moment is stored unchanged with
its SHA-256; printing it again returns exactly those bytes, after checking them against the checksum.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from ibp_desktop.core import requests as request_rules
from ibp_desktop.core.annual_figures import (
    AnnualFigures,
    IncidentInput,
    PeriodKind,
    PlanAction,
    PolicyLine,
    ProcessorFigures,
    ReportPeriod,
    RetentionFigures,
    RunInput,
    SchoolConsentFigures,
    consent_figures,
    incident_figures,
    processor_figures,
    request_figures,
    retention_figures,
    yearly_calendar,
)
from ibp_desktop.core.errors import IbpError, NotFoundError
from ibp_desktop.core.incidents.rules import AMSTERDAM, Decision, IncidentType
from ibp_desktop.core.policy.records import VersionRow
from ibp_desktop.core.processors import EuStorage
from ibp_desktop.core.retention.records import LineKind, Outcome, RunStatus
from ibp_desktop.core.roles import ROLE_LABELS, ROLE_PERMISSIONS, Permission, Role
from ibp_desktop.core.staff.rules import StaffFigures
from ibp_desktop.security import audit
from ibp_desktop.services.accountability.figures import accountability_figures
from ibp_desktop.services.actions.register import open_rows
from ibp_desktop.services.consent.forms import form_info, latest_form
from ibp_desktop.services.consent.queries import enrolled_pupils, status_rows
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.processors.register import supplier_rows
from ibp_desktop.services.registers_common import school_scope
from ibp_desktop.services.requests.register import today_here
from ibp_desktop.services.requests.rows import board_scope, load_rows
from ibp_desktop.store.incident_models import Incident
from ibp_desktop.store.models import School
from ibp_desktop.store.report_models import AdoptedReport
from ibp_desktop.store.retention_models import RetentionRun, RetentionRunLine
from ibp_desktop.store.types import utc_now

__all__ = [
    "AdoptedReportRow",
    "AnnualFigures",
    "AnnualReportService",
    "PeriodKind",
    "ReportPeriod",
    "TamperedReportError",
]


class TamperedReportError(IbpError):
    """The stored bytes of an adopted report no longer match their checksum."""


@dataclass(frozen=True)
class AdoptedReportRow:
    """One adopted report in the list (the PDF itself: ``adopted_pdf(id)``)."""

    id: int
    school_id: int | None  # None: the whole board
    scope: str
    period: ReportPeriod
    title: str
    adopted_on: date
    adopted_at: datetime
    adopter_role: Role
    sha256: str
    size: int

    @property
    def adopter_label(self) -> str:
        return ROLE_LABELS[self.adopter_role]

    @property
    def period_label(self) -> str:
        return self.period.label


class AnnualReportService(Service):
    def figures(
        self, period: ReportPeriod, school_id: int | None = None, today: date | None = None
    ) -> AnnualFigures:
        """The figures of one school (``school_id``) or of every school the user may see."""
        with self._work(Permission.VIEW_REPORTS, school_id=school_id) as work:
            return collect(work.session, school_scope(work, school_id), period, today or today_here())

    def pdf(self, period: ReportPeriod, school_id: int | None = None, now: datetime | None = None) -> bytes:
        """The report as a concept (not adopted), its figures and statuses as they stand on the day of
        ``now`` (default: the real clock, as the command line has it; the program passes the moment its
        pages show). "Gemaakt op" is the moment the file is made."""
        from ibp_desktop.reports.annual_report import render_annual_report

        figures = self.figures(period, school_id, now.astimezone(AMSTERDAM).date() if now else None)
        return render_annual_report(figures, utc_now())

    # --- adoption by the board ------------------------------------------------------------------------

    def adopt(
        self, period: ReportPeriod, school_id: int | None = None, now: datetime | None = None
    ) -> AdoptedReportRow:
        """Adopt the report as it is now: render it once, store those bytes and their SHA-256."""
        from ibp_desktop.reports.annual_report import Adoption, render_annual_report, title_of

        moment = now or utc_now()
        day = moment.astimezone(AMSTERDAM).date()
        with self._work(Permission.ADOPT_ANNUAL_REPORT, school_id=school_id) as work:
            role = _adopter_role(work.actor.roles)
            figures = collect(work.session, school_scope(work, school_id), period, day)
            pdf = render_annual_report(figures, moment, Adoption(day, ROLE_LABELS[role]))
            report = AdoptedReport(
                school_id=school_id,
                scope=figures.scope,
                period_kind=period.kind.value,
                period_year=period.year,
                title=title_of(figures),
                adopted_on=day,
                adopted_at=moment,
                adopter_role=role.value,
                adopted_by_id=work.actor.user_id,
                sha256=hashlib.sha256(pdf).hexdigest(),
                size=len(pdf),
                pdf=pdf,
            )
            work.session.add(report)
            work.session.flush()
            work.audit(
                "annual_report_adopted",
                "adopted_report",
                report.id,
                after={
                    "period": period.short_label,
                    "period_kind": period.kind.value,
                    "school_id": school_id,
                    "sha256": report.sha256,
                    "size": report.size,
                },
                school_id=school_id,
            )
            return _adopted_row(report)

    def adopted_reports(self, school_id: int | None = None) -> list[AdoptedReportRow]:
        """Adopted reports the user may read, newest first; with ``school_id`` only that school's."""
        with self._work(Permission.VIEW_REPORTS, school_id=school_id) as work:
            # The list leaves the PDFs in the database: they are read one at a time, when printed.
            query = (
                select(AdoptedReport)
                .options(defer(AdoptedReport.pdf))
                .order_by(AdoptedReport.adopted_at.desc(), AdoptedReport.id.desc())
            )
            if school_id is not None:
                query = query.where(AdoptedReport.school_id == school_id)
            board_wide = _sees_every_school(work)
            return [
                _adopted_row(r)
                for r in work.session.scalars(query).all()
                if (r.school_id in work.actor.school_ids if r.school_id is not None else board_wide)
            ]

    def adopted_pdf(self, report_id: int) -> bytes:
        """Exactly the bytes stored at adoption; refused when they no longer match the checksum."""
        with self._work(Permission.VIEW_REPORTS) as work:
            report = work.session.get(AdoptedReport, report_id)
            readable = report is not None and (
                report.school_id in work.actor.school_ids
                if report.school_id is not None
                else _sees_every_school(work)
            )
            if report is None or not readable:
                raise NotFoundError(
                    f"Er is geen vastgesteld jaarverslag met nummer {report_id}. Bekijk de lijst met "
                    "'ibp-desktop reports adopted'."
                )
            pdf = bytes(report.pdf)
            if hashlib.sha256(pdf).hexdigest() != report.sha256 or len(pdf) != report.size:
                raise TamperedReportError(
                    f"Het vastgestelde '{report.title}' ({report.scope}, vastgesteld op "
                    f"{report.adopted_on:%d-%m-%Y}) is in de database veranderd: de controlecode (SHA-256) "
                    "klopt niet meer. Het wordt niet afgedrukt. Meld dit bij de security officer; die kan "
                    "een back-up van vóór de wijziging terugzetten."
                )
            return pdf


def collect(session: Session, school_ids: list[int], period: ReportPeriod, today: date) -> AnnualFigures:
    start, end = _bounds(period)
    counts = request_rules.count_requests(
        [
            (r.right, r.status, r.extended, r.outcome)
            for r in load_rows(session, school_ids, today, date_from=period.starts_on, date_to=period.ends_on)
        ]
    )
    return AnnualFigures(
        scope=board_scope(session, school_ids),
        schools=len(school_ids),
        period=period,
        today=today,
        incidents=incident_figures(period, _incidents(session, school_ids, start, end)),
        requests=request_figures(counts),
        consent=tuple(_consent(session, school_ids, min(period.ends_on, today))),
        retention=_retention(session, school_ids, start, end),
        processors=_processors(session, school_ids, today),
        open_actions=tuple(
            PlanAction(r.title, r.owner_label, r.school_name, r.source_label, r.due_text)
            for r in open_rows(session, school_ids, today)
        ),
        calendar=yearly_calendar(period),
        policy=_policy_lines(session, school_ids, today),
        accountability=accountability_figures(session, school_ids, period.starts_on, period.ends_on, today),
        audit_head=audit.head(session).printed(),
        staff=_staff(session, school_ids, period, today),
    )


def _staff(
    session: Session, school_ids: list[int], period: ReportPeriod, today: date
) -> tuple[tuple[str, StaffFigures], ...]:
    from ibp_desktop.services.staff.figures import figures_for

    names = session.execute(
        select(School.id, School.name).where(School.id.in_(school_ids)).order_by(School.name)
    )
    on = min(period.ends_on, today)
    return tuple(
        (name, figures_for(session, [i], (period.starts_on, period.ends_on), on)) for i, name in names
    )


def _policy_lines(session: Session, school_ids: list[int], today: date) -> tuple[PolicyLine, ...]:
    from ibp_desktop.core.policy.rules import GMR_BODY_SHORT
    from ibp_desktop.services.policy.rows import document_rows

    return tuple(
        PolicyLine(
            row.title,
            row.scope,
            row.status_text,
            GMR_BODY_SHORT[row.gmr_body] if row.gmr_body else "",
            _policy_order(row.latest),
        )
        for row in document_rows(session, school_ids, today)
        if row.lacks_gmr_consent or row.evaluation_overdue
    )


def _policy_order(version: VersionRow | None) -> str:
    """The WMS order of the latest version, so the GMR reads that it consented before the adoption."""
    if version is None:
        return "nog geen versie"
    steps = (
        ("voorgelegd", version.proposed_on),
        ("instemming", version.gmr_consent_on),
        ("geweigerd", version.gmr_refused_on),
        ("vastgesteld", version.adopted_on),
        ("gepubliceerd", version.published_on),
    )
    done = [f"{what} {day:%d-%m-%Y}" for what, day in steps if day is not None]
    return ", ".join(done) or version.stage_label.lower()


def _bounds(period: ReportPeriod) -> tuple[datetime, datetime]:
    """The period's first moment and the moment after its last day, Amsterdam time, in UTC."""
    start = datetime.combine(period.starts_on, time(0), AMSTERDAM).astimezone(UTC)
    end = datetime.combine(period.ends_on + timedelta(days=1), time(0), AMSTERDAM).astimezone(UTC)
    return start, end


def _incidents(
    session: Session, school_ids: list[int], start: datetime, end: datetime
) -> list[IncidentInput]:
    rows = session.execute(
        select(
            Incident.incident_type,
            Incident.discovered_at,
            Incident.decision,
            Incident.preliminary_notified_at,
            Incident.final_notified_at,
            Incident.subjects_informed_at,
        ).where(
            Incident.school_id.in_(school_ids), Incident.discovered_at >= start, Incident.discovered_at < end
        )
    ).all()
    found = []
    for type_, discovered, decision, preliminary, final, informed in rows:
        notified = [m for m in (preliminary, final) if m is not None]
        found.append(
            IncidentInput(
                IncidentType(type_),
                discovered,
                Decision(decision) if decision else None,
                min(notified) if notified else None,
                informed is not None,
            )
        )
    return found


def _consent(session: Session, school_ids: list[int], on: date) -> list[SchoolConsentFigures]:
    found = []
    schools = session.execute(
        select(School.id, School.name).where(School.id.in_(school_ids)).order_by(School.name)
    ).all()
    for school_id, name in schools:
        version = latest_form(session, school_id)
        if version is None:
            continue
        form = form_info(session, version, with_creator=False)
        pupils = [
            p
            for p in enrolled_pupils(session, school_id, None, on)
            if p.enrolled_on is None or p.enrolled_on <= on
        ]
        rows = status_rows(session, pupils, form, on)
        states = [[p.status.state for p in row.purposes] for row in rows]
        found.append(consent_figures(name, on, [fp.label for fp in form.purposes], states))
    return found


def _retention(
    session: Session, school_ids: Sequence[int], start: datetime, end: datetime
) -> RetentionFigures:
    runs = session.scalars(
        select(RetentionRun.id).where(
            RetentionRun.school_id.in_(school_ids),
            RetentionRun.status == RunStatus.CARRIED_OUT.value,
            RetentionRun.executed_at >= start,
            RetentionRun.executed_at < end,
        )
    ).all()
    inputs = []
    for run_id in runs:
        lines = session.execute(
            select(RetentionRunLine.kind, RetentionRunLine.outcome, RetentionRunLine.record_count).where(
                RetentionRunLine.run_id == run_id
            )
        ).all()
        program = sum(
            n
            for kind, outcome, n in lines
            if kind == LineKind.PROGRAM.value and outcome != Outcome.SKIPPED.value
        )
        external = [outcome for kind, outcome, _ in lines if kind == LineKind.EXTERNAL.value]
        inputs.append(RunInput(program, len(external), sum(1 for o in external if o == Outcome.OPEN.value)))
    waiting = session.scalar(
        select(func.count(RetentionRun.id)).where(
            RetentionRun.school_id.in_(school_ids),
            RetentionRun.status.in_([RunStatus.PROPOSED.value, RunStatus.APPROVED.value]),
        )
    )
    return retention_figures(inputs, int(waiting or 0))


def _processors(session: Session, school_ids: list[int], today: date) -> ProcessorFigures:
    # Suppliers with a product these schools use: one without products has nothing to sign.
    rows = supplier_rows(session, today, school_ids)
    agreements = [r.agreement.terms for r in rows if r.agreement]
    return processor_figures(
        len(rows),
        [a.model_version for a in agreements],
        sum(1 for a in agreements if a.data_in_eu is EuStorage.NO),
        sum(1 for r in rows if r.status.needs_attention),
    )


def _adopter_role(roles: frozenset[Role]) -> Role:
    """The role in which the user adopts: the (first) role that grants adoption."""
    return next(r for r in sorted(roles) if Permission.ADOPT_ANNUAL_REPORT in ROLE_PERMISSIONS[r])


def _sees_every_school(work: Work) -> bool:
    """A board-wide report is for users who see every school (a school's report: its own users)."""
    return set(work.session.scalars(select(School.id)).all()) <= work.actor.school_ids


def _adopted_row(report: AdoptedReport) -> AdoptedReportRow:
    return AdoptedReportRow(
        id=report.id,
        school_id=report.school_id,
        scope=report.scope,
        period=ReportPeriod(PeriodKind(report.period_kind), report.period_year),
        title=report.title,
        adopted_on=report.adopted_on,
        adopted_at=report.adopted_at,
        adopter_role=Role(report.adopter_role),
        sha256=report.sha256,
        size=report.size,
    )
