"""Complaints about the handling of personal data (DOMAIN.md section 3a).

The director registers and answers them (MANAGE_COMPLAINTS); the FG, the contact point, sees every
complaint of every school, as do the security officer and the board (VIEW_COMPLAINTS). A complaint may
name the request or incident it is about. The deadline follows the school's complaints procedure
(default six weeks).
"""

from __future__ import annotations

from collections import Counter
from contextlib import AbstractContextManager
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ibp_desktop.core.accountability.complaints import (
    ROLE_LABELS,
    ComplainantRole,
    ComplaintOutcome,
    check_answer,
    complaint_status,
    deadline,
)
from ibp_desktop.core.accountability.records import (
    ComplaintCounts,
    ComplaintInput,
    ComplaintRegister,
    ComplaintRow,
)
from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.requests import Level
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.accountability.evidence import delete_evidence, evidence_rows
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.registers_common import matching, school_scope, versioned_edit
from ibp_desktop.services.requests.register import today_here
from ibp_desktop.services.requests.rows import board_scope
from ibp_desktop.store.incident_models import Incident
from ibp_desktop.store.models import School
from ibp_desktop.store.processing_models import Complaint
from ibp_desktop.store.request_models import SubjectRequest
from ibp_desktop.store.types import utc_now

STALE = (
    "Iemand anders heeft deze klacht net gewijzigd. Uw wijziging is niet opgeslagen. Open de klacht opnieuw "
    "en voer uw wijziging nog eens in."
)

__all__ = ["ComplaintInput", "ComplaintService"]


class ComplaintService(Service):
    def list_complaints(
        self, school_id: int | None = None, text: str = "", today: date | None = None
    ) -> list[ComplaintRow]:
        with self._work(Permission.VIEW_COMPLAINTS, school_id=school_id) as work:
            rows = complaint_rows(work.session, school_scope(work, school_id), today or today_here())
            return matching(rows, text, _searchable)

    def detail(self, complaint_id: int, today: date | None = None) -> ComplaintRow:
        with self._work(Permission.VIEW_COMPLAINTS) as work:
            return to_row(work.session, _get(work, complaint_id), today or today_here(), with_evidence=True)

    def register(
        self, school_id: int | None = None, today: date | None = None, year: int | None = None
    ) -> ComplaintRegister:
        day = today or today_here()
        rows = tuple(
            r
            for r in self.list_complaints(school_id, today=day)
            if year is None or r.facts.received_on.year == year
        )
        with self._work(Permission.VIEW_COMPLAINTS, school_id=school_id) as work:
            schools = school_scope(work, school_id)
            return ComplaintRegister(board_scope(work.session, schools), day, rows, count_complaints(rows))

    def register_pdf(self, school_id: int | None = None, today: date | None = None) -> bytes:
        from ibp_desktop.reports.complaint_register import render_complaint_register_pdf

        return render_complaint_register_pdf(self.register(school_id, today), utc_now())

    def register_csv(self, school_id: int | None = None, today: date | None = None) -> bytes:
        from ibp_desktop.reports.complaint_register import render_complaint_register_csv

        return render_complaint_register_csv(self.register(school_id, today))

    # --- changing ----------------------------------------------------------------------------------

    def register_complaint(
        self, school_id: int, facts: ComplaintInput, today: date | None = None
    ) -> ComplaintRow:
        clean = _check(facts, today or today_here())
        for attempt in range(3):
            try:
                return self._register(school_id, clean, today)
            except IntegrityError:
                if attempt == 2:  # another PC took the same number at the same moment: take the next one
                    raise
        raise AssertionError("unreachable")

    def _register(self, school_id: int, clean: ComplaintInput, today: date | None) -> ComplaintRow:
        with self._work(Permission.MANAGE_COMPLAINTS, school_id=school_id) as work:
            _check_links(work.session, school_id, clean)
            complaint = Complaint(
                school_id=school_id, number=_next_number(work.session, school_id, clean.received_on.year)
            )
            _apply(complaint, clean)
            work.session.add(complaint)
            return self._logged(work, "complaint_registered", complaint, today)

    def update(
        self, complaint_id: int, version: int, facts: ComplaintInput, today: date | None = None
    ) -> ComplaintRow:
        clean = _check(facts, today or today_here())
        with self._edit(complaint_id, version) as (work, complaint):
            _check_links(work.session, complaint.school_id, clean)
            if complaint.answered_on is not None and complaint.answered_on < clean.received_on:
                raise BadInputError("De ontvangstdatum kan niet na de datum van het antwoord liggen.")
            _apply(complaint, clean)
            return self._logged(work, "complaint_changed", complaint, today)

    def answer(
        self,
        complaint_id: int,
        version: int,
        outcome: ComplaintOutcome,
        note: str,
        answered_on: date,
        ap_told: bool,
    ) -> ComplaintRow:
        with self._edit(complaint_id, version) as (work, complaint):
            check_answer(complaint.received_on, answered_on, outcome, ap_told)
            complaint.outcome, complaint.outcome_note = outcome.value, note.strip()
            complaint.answered_on, complaint.ap_told = answered_on, ap_told
            return self._logged(work, "complaint_answered", complaint)

    def remove(self, complaint_id: int, version: int) -> None:
        """Only for a complaint registered by mistake; its evidence files go with it."""
        with self._edit(complaint_id, version) as (work, complaint):
            work.audit(
                "complaint_removed",
                "complaint",
                complaint.id,
                before=audit_view(complaint),
                school_id=complaint.school_id,
            )
            delete_evidence(work.session, "complaint", [complaint.id])
            work.session.delete(complaint)

    def _edit(self, complaint_id: int, version: int) -> AbstractContextManager[tuple[Work, Complaint]]:
        work_in = self._work(Permission.MANAGE_COMPLAINTS)
        return versioned_edit(work_in, lambda work: _get(work, complaint_id), version, STALE)

    @staticmethod
    def _logged(work: Work, action: str, complaint: Complaint, today: date | None = None) -> ComplaintRow:
        work.session.flush()
        work.audit(
            action, "complaint", complaint.id, after=audit_view(complaint), school_id=complaint.school_id
        )
        return to_row(work.session, complaint, today or today_here())


def count_complaints(rows: tuple[ComplaintRow, ...] | list[ComplaintRow]) -> ComplaintCounts:
    answered = [r for r in rows if r.answered_on is not None]
    by_role = Counter(r.role_label for r in rows)
    return ComplaintCounts(
        total=len(rows),
        open=len(rows) - len(answered),
        overdue=sum(1 for r in rows if r.status.overdue),
        answered=len(answered),
        answered_on_time=sum(1 for r in answered if r.answered_on and r.answered_on <= r.deadline),
        founded=sum(1 for r in answered if r.outcome in (ComplaintOutcome.FOUNDED, ComplaintOutcome.PARTLY)),
        by_role={
            ROLE_LABELS[role]: by_role[ROLE_LABELS[role]]
            for role in ComplainantRole
            if by_role[ROLE_LABELS[role]]
        },
    )


def complaint_rows(session: Session, school_ids: list[int], today: date) -> list[ComplaintRow]:
    query = (
        select(Complaint)
        .where(Complaint.school_id.in_(school_ids))
        .order_by(Complaint.received_on.desc(), Complaint.number.desc())
    )
    return [to_row(session, c, today) for c in session.scalars(query).all()]


def to_row(session: Session, complaint: Complaint, today: date, with_evidence: bool = False) -> ComplaintRow:
    session.flush()
    school = session.get(School, complaint.school_id)
    request = session.get(SubjectRequest, complaint.request_id) if complaint.request_id else None
    incident = session.get(Incident, complaint.incident_id) if complaint.incident_id else None
    facts = ComplaintInput(
        complaint.received_on,
        ComplainantRole(complaint.complainant_role),
        complaint.subject,
        complaint.complainant_name,
        complaint.handler_name,
        complaint.request_id,
        complaint.incident_id,
        complaint.term_weeks,
    )
    return ComplaintRow(
        id=complaint.id,
        version=complaint.version,
        school_id=complaint.school_id,
        brin=school.brin if school else "?",
        number=complaint.number,
        facts=facts,
        request_number=request.number if request else "",
        incident_number=incident.number if incident else "",
        deadline=complaint.deadline_on,
        outcome=ComplaintOutcome(complaint.outcome) if complaint.outcome else None,
        outcome_note=complaint.outcome_note,
        answered_on=complaint.answered_on,
        ap_told=complaint.ap_told,
        status=complaint_status(complaint.deadline_on, complaint.answered_on, today),
        evidence=tuple(evidence_rows(session, "complaint", complaint.id)) if with_evidence else (),
    )


def complaint_attention(session: Session, school_ids: frozenset[int], today: date) -> list[tuple[str, Level]]:
    found: list[tuple[str, Level]] = []
    for row in complaint_rows(session, sorted(school_ids), today):
        if not row.status.answered and row.level is not Level.OK:
            found.append(
                (f"Klacht {row.number}: {row.status.text[0].lower()}{row.status.text[1:]}.", row.level)
            )
    return found


def audit_view(complaint: Complaint) -> dict[str, Any]:
    # No name, no subject: the audit log keeps no personal data or free text.
    return {
        "number": complaint.number,
        "received_on": complaint.received_on.isoformat(),
        "role": complaint.complainant_role,
        "request_id": complaint.request_id,
        "incident_id": complaint.incident_id,
        "deadline_on": complaint.deadline_on.isoformat(),
        "outcome": complaint.outcome,
        "answered_on": complaint.answered_on.isoformat() if complaint.answered_on else None,
        "ap_told": complaint.ap_told,
    }


def _check(facts: ComplaintInput, today: date) -> ComplaintInput:
    if not facts.subject.strip():
        raise BadInputError("Beschrijf waar de klacht over gaat.")
    deadline(facts.received_on, facts.term_weeks)
    if facts.received_on > today:
        raise BadInputError(f"De ontvangstdatum {facts.received_on:%d-%m-%Y} ligt in de toekomst.")
    return ComplaintInput(
        facts.received_on,
        facts.complainant_role,
        facts.subject.strip(),
        " ".join(facts.complainant_name.split()),
        " ".join(facts.handler_name.split()),
        facts.request_id,
        facts.incident_id,
        facts.term_weeks,
    )


def _check_links(session: Session, school_id: int, facts: ComplaintInput) -> None:
    if facts.request_id is not None:
        request = session.get(SubjectRequest, facts.request_id)
        if request is None or request.school_id != school_id:
            raise BadInputError("Het gekozen verzoek bestaat niet (meer) op deze school.")
    if facts.incident_id is not None:
        incident = session.get(Incident, facts.incident_id)
        if incident is None or incident.school_id != school_id:
            raise BadInputError("Het gekozen incident bestaat niet (meer) op deze school.")


def _apply(complaint: Complaint, facts: ComplaintInput) -> None:
    complaint.received_on, complaint.complainant_role = facts.received_on, facts.complainant_role.value
    complaint.complainant_name, complaint.subject = facts.complainant_name, facts.subject
    complaint.handler_name, complaint.term_weeks = facts.handler_name, facts.term_weeks
    complaint.request_id, complaint.incident_id = facts.request_id, facts.incident_id
    complaint.deadline_on = deadline(facts.received_on, facts.term_weeks)


def _next_number(session: Session, school_id: int, year: int) -> str:
    prefix = f"K{year}-"
    taken = session.scalars(
        select(Complaint.number).where(Complaint.school_id == school_id, Complaint.number.like(f"{prefix}%"))
    )
    highest = max((int(n[len(prefix) :]) for n in taken if n[len(prefix) :].isdigit()), default=0)
    return f"{prefix}{highest + 1:03d}"


def _get(work: Work, complaint_id: int) -> Complaint:
    return work.school_record(Complaint, complaint_id, "Deze klacht bestaat niet (meer).")


def _searchable(row: ComplaintRow) -> str:
    f = row.facts
    parts = (
        row.number,
        f.subject,
        f.complainant_name,
        f.handler_name,
        row.role_label,
        row.status.text,
        row.outcome_label,
        row.request_number,
        row.incident_number,
    )
    return " ".join(parts)
