"""Inzageverzoek helper: one call gathers everything the program holds about one pupil, as a PDF.

Permission: MANAGE_REQUESTS. Whoever answers data-subject requests (the director) compiles it; the FG
and the board read the registers but do not answer requests, and a full profile of one pupil is exactly
the kind of bulk read that should stay with the person handling the request. Each compilation is in the
audit log (pupil id only).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from ibp_desktop.core.consent.names import display_name
from ibp_desktop.core.errors import NotFoundError
from ibp_desktop.core.incidents.rules import (
    AMSTERDAM,
    LABELS,
    IncidentStatus,
    IncidentType,
    format_moment,
    names_in_text,
)
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.accountability.evidence import pupil_evidence
from ibp_desktop.services.consent.forms import form_info, latest_form
from ibp_desktop.services.consent.history import history_lines
from ibp_desktop.services.consent.queries import (
    decisions_by_pupil,
    pupil_ref,
    status_row,
)
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.requests.register import today_here
from ibp_desktop.services.requests.rows import to_row
from ibp_desktop.store.incident_models import Incident
from ibp_desktop.store.models import Pupil, School
from ibp_desktop.store.request_models import SubjectRequest
from ibp_desktop.store.retention_models import RetentionPupilFlag
from ibp_desktop.store.types import utc_now

if TYPE_CHECKING:
    from ibp_desktop.reports.access_request import AccessRequestData, IncidentLine, RequestLine
    from ibp_desktop.reports.consent_history import HistoryLine

__all__ = ["AccessRequestService"]


def _dmy(day: date | None) -> str:
    return "" if day is None else f"{day:%d-%m-%Y}"


class AccessRequestService(Service):
    def pupil_id(self, school_id: int, pupil_number: str) -> int:
        """The pupil with this number at this school (for the command line)."""
        with self._work(Permission.MANAGE_REQUESTS, school_id=school_id) as work:
            found = work.session.scalar(
                select(Pupil.id).where(
                    Pupil.school_id == school_id, Pupil.pupil_number == pupil_number.strip()
                )
            )
            if found is None:
                raise NotFoundError(
                    f"Er is geen leerling met leerlingnummer {pupil_number.strip()} bij deze school. "
                    "Controleer het nummer (ook leerlingen die al zijn opgeruimd zijn niet meer te vinden)."
                )
            return int(found)

    def data(self, pupil_id: int, now: datetime | None = None) -> AccessRequestData:
        """Everything about the pupil, consent and requests as they stand on the day of ``now`` (default:
        the real clock, as the command line has it; the program passes the moment its pages show).
        "Gemaakt op" is the moment the file is made."""
        from ibp_desktop.reports.access_request import AccessRequestData

        day = now.astimezone(AMSTERDAM).date() if now is not None else today_here()
        with self._work(Permission.MANAGE_REQUESTS) as work:
            pupil = work.school_record(Pupil, pupil_id, "Deze leerling bestaat niet (meer).")
            school = work.session.get(School, pupil.school_id)
            assert school is not None
            current, lines = _consent(work, pupil, day)
            data = AccessRequestData(
                school_name=school.name,
                pupil_name=display_name(pupil.first_name, pupil.infix, pupil.last_name),
                status_date=_dmy(day),
                pupil=_pupil_rows(work, pupil),
                consent_current=current,
                consent_lines=lines,
                requests=_requests(work, pupil, school.brin, day),
                incidents=_incidents(work, pupil),
                generated_at=utc_now(),
                evidence=tuple(
                    (row.file_name, owner, _dmy(row.added_at.date()))
                    for row, owner in pupil_evidence(work.session, pupil.id)
                ),
            )
            work.audit("access_request_compiled", "pupil", pupil.id, school_id=pupil.school_id)
            return data

    def pdf(self, pupil_id: int, now: datetime | None = None) -> bytes:
        from ibp_desktop.reports.access_request import render_access_request

        return render_access_request(self.data(pupil_id, now))

    def portable(self, pupil_id: int, as_csv: bool = False, now: datetime | None = None) -> bytes:
        """Overdraagbaarheid (AVG art. 20): the same data, machine-readable, as JSON or CSV."""
        from ibp_desktop.reports.portability import render_csv, render_json

        data = self.data(pupil_id, now)
        return render_csv(data) if as_csv else render_json(data)


def _pupil_rows(work: Work, pupil: Pupil) -> tuple[tuple[str, str], ...]:
    flag = work.session.get(RetentionPupilFlag, pupil.id)
    return (
        ("Naam", display_name(pupil.first_name, pupil.infix, pupil.last_name)),
        ("Leerlingnummer", pupil.pupil_number or "-"),
        ("Geboortedatum", _dmy(pupil.date_of_birth)),
        ("Groep", pupil.group.name if pupil.group else "-"),
        ("Ingeschreven op", _dmy(pupil.enrolled_on) or "-"),
        ("Uitgeschreven op", _dmy(pupil.deregistered_on) or "nog op school"),
        ("Verwezen naar S(B)O (voor de bewaartermijn)", "ja" if flag and flag.referred else "nee"),
        ("Bewaren ondanks termijn (reden)", (flag.hold_reason if flag else "") or "-"),
    )


def _consent(
    work: Work, pupil: Pupil, day: date
) -> tuple[tuple[tuple[str, str], ...], tuple[HistoryLine, ...]]:
    version = latest_form(work.session, pupil.school_id)
    current: tuple[tuple[str, str], ...] = ()
    if version is not None:
        form = form_info(work.session, version, with_creator=False)
        history = decisions_by_pupil(work.session, [pupil.id]).get(pupil.id, {})
        status = status_row(pupil_ref(pupil), form, history, day)
        current = tuple((p.label, p.status.label) for p in status.purposes)
    return current, history_lines(work.session, pupil)


def _requests(work: Work, pupil: Pupil, brin: str, day: date) -> tuple[RequestLine, ...]:
    from ibp_desktop.reports.access_request import RequestLine

    found = work.session.scalars(
        select(SubjectRequest)
        .where(SubjectRequest.pupil_id == pupil.id)
        .order_by(SubjectRequest.received_on, SubjectRequest.id)
    ).all()
    name = display_name(pupil.first_name, pupil.infix, pupil.last_name)
    lines = []
    for request in found:
        row = to_row(request, brin, name, day)
        lines.append(
            RequestLine(
                row.number,
                _dmy(row.received_on),
                f"{row.requester_name} ({row.relation_label})",
                row.right_label,
                _dmy(row.deadline) + (" (verlengd)" if row.extended else ""),
                _dmy(row.answered_on),
                row.outcome_label,
                row.status_text,
            )
        )
    return tuple(lines)


def _incidents(work: Work, pupil: Pupil) -> tuple[IncidentLine, ...]:
    """Incidents of the school whose title or description names the pupil, with the same matching as the
    incident register's privacy nudge (first and last name, case and accents ignored)."""
    from ibp_desktop.reports.access_request import IncidentLine

    name = [(pupil.first_name, pupil.infix, pupil.last_name)]
    rows = work.session.execute(
        select(
            Incident.number,
            Incident.discovered_at,
            Incident.incident_type,
            Incident.status,
            Incident.title,
            Incident.description,
        )
        .where(Incident.school_id == pupil.school_id)
        .order_by(Incident.discovered_at, Incident.id)
    ).all()
    return tuple(
        IncidentLine(
            number,
            format_moment(discovered),
            LABELS[IncidentType(type_)],
            LABELS[IncidentStatus(status)],
            title,
            description,
        )
        for number, discovered, type_, status, title, description in rows
        if names_in_text(f"{title}\n{description}", name)
    )
