"""Data-subject requests (verzoeken van betrokkenen): register, extend, answer, list, the register document.

The director registers and handles requests (MANAGE_REQUESTS); the FG only adds remarks (ADVISE) and
cannot change the facts. Every edit carries the ``version`` the user saw, so a stale edit is refused
instead of overwriting someone else's work. The audit log gets numbers and codes, never names.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ibp_desktop.core import requests as rules
from ibp_desktop.core.errors import BadInputError, NotFoundError
from ibp_desktop.core.incidents.rules import AMSTERDAM, next_number
from ibp_desktop.core.register_records import RequestDetail, RequestInput, RequestRegister, RequestRow
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.registers_common import check_period, school_scope, versioned_edit
from ibp_desktop.services.requests.rows import board_scope, load_rows, to_detail
from ibp_desktop.store.models import Pupil
from ibp_desktop.store.request_models import RequestRemark, SubjectRequest
from ibp_desktop.store.types import utc_now

STALE = (
    "Iemand anders heeft dit verzoek net gewijzigd. Uw wijziging is niet opgeslagen. Open het verzoek "
    "opnieuw, bekijk de nieuwe gegevens en voer uw wijziging nog eens in."
)

__all__ = ["RequestDetail", "RequestInput", "RequestRegister", "RequestRow", "RequestService"]


def today_here() -> date:
    return datetime.now(AMSTERDAM).date()


class RequestService(Service):
    # --- reading -----------------------------------------------------------------------------------

    def list_requests(
        self,
        school_id: int | None = None,
        status: rules.RequestFilter | None = None,
        year: int | None = None,
        text: str = "",
        today: date | None = None,
    ) -> list[RequestRow]:
        """Rows for the register table, newest receipt first. ``school_id=None``: every school the
        user may see; ``year``: received in that calendar year; ``text`` matches number, requester,
        pupil and right, ignoring case and accents."""
        with self._work(Permission.VIEW_REQUESTS, school_id=school_id) as work:
            schools = school_scope(work, school_id)
            rows = load_rows(work.session, schools, today or today_here(), year=year, text=text)
            return [r for r in rows if status is None or rules.matches(r.status, status)]

    def detail(self, request_id: int, today: date | None = None) -> RequestDetail:
        with self._work(Permission.VIEW_REQUESTS) as work:
            return to_detail(work.session, _get(work, request_id), today or today_here())

    def find(self, number: str, school_id: int | None = None) -> RequestDetail:
        """The request with this number ("2026-003"); with several schools, give ``school_id``."""
        with self._work(Permission.VIEW_REQUESTS, school_id=school_id) as work:
            found = work.session.scalars(
                select(SubjectRequest).where(
                    SubjectRequest.number == number.strip(),
                    SubjectRequest.school_id.in_(school_scope(work, school_id)),
                )
            ).all()
            if len(found) != 1:
                raise NotFoundError(
                    f"Er is geen verzoek met nummer {number.strip()}."
                    if not found
                    else f"Meerdere scholen hebben een verzoek met nummer {number.strip()}. Kies de school."
                )
            return to_detail(work.session, found[0], today_here())

    def due_and_overdue(self, today: date, school_id: int | None = None) -> list[RequestRow]:
        """Open requests that are due within a week or overdue, most urgent first (for the dashboard)."""
        with self._work(Permission.VIEW_REQUESTS, school_id=school_id) as work:
            return due_rows(work.session, school_scope(work, school_id), today)

    def register(
        self,
        date_from: date | None = None,
        date_to: date | None = None,
        school_id: int | None = None,
        today: date | None = None,
    ) -> RequestRegister:
        """Requests received in the period (both ends included; open ends allowed), oldest first,
        with their counts: for the register PDF/CSV, the FG report and the annual report."""
        check_period(date_from, date_to)
        day = today or today_here()
        with self._work(Permission.VIEW_REQUESTS, school_id=school_id) as work:
            schools = school_scope(work, school_id)
            rows = load_rows(
                work.session, schools, day, date_from=date_from, date_to=date_to, oldest_first=True
            )
            counts = rules.count_requests([(r.right, r.status, r.extended, r.outcome) for r in rows])
            return RequestRegister(
                board_scope(work.session, schools), date_from, date_to, day, tuple(rows), counts
            )

    def register_pdf(
        self,
        date_from: date | None = None,
        date_to: date | None = None,
        school_id: int | None = None,
        today: date | None = None,
    ) -> bytes:
        """The register as a PDF, deadlines and statuses as they are on ``today`` (default: today in
        the Netherlands); the footer says when the file was made (the real clock)."""
        from ibp_desktop.reports.request_register import render_request_register_pdf

        register = self.register(date_from, date_to, school_id, today)
        return render_request_register_pdf(register, utc_now())

    def register_csv(
        self,
        date_from: date | None = None,
        date_to: date | None = None,
        school_id: int | None = None,
        today: date | None = None,
    ) -> bytes:
        from ibp_desktop.reports.request_register import render_request_register_csv

        return render_request_register_csv(self.register(date_from, date_to, school_id, today))

    # --- the director's work -------------------------------------------------------------------------

    def add(self, school_id: int, facts: RequestInput, today: date | None = None) -> RequestDetail:
        """Register a new request; the deadline (one calendar month) is computed."""
        day = today or today_here()
        checked = _check_facts(facts, day)
        for attempt in range(3):
            try:
                return self._add(school_id, checked, day)
            except IntegrityError:
                # Another PC took the same number at the same moment: take the next one.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _add(self, school_id: int, facts: RequestInput, today: date) -> RequestDetail:
        with self._work(Permission.MANAGE_REQUESTS, school_id=school_id) as work:
            _check_pupil(work.session, school_id, facts.pupil_id)
            year = facts.received_on.year
            numbers = work.session.scalars(
                select(SubjectRequest.number).where(
                    SubjectRequest.school_id == school_id, SubjectRequest.number.like(f"{year}-%")
                )
            ).all()
            request = SubjectRequest(
                school_id=school_id, number=next_number(year, numbers), created_at=utc_now()
            )
            _apply(request, facts)
            work.session.add(request)
            self._log(work, request, "request_registered")
            return to_detail(work.session, request, today)

    def update(
        self, request_id: int, version: int, facts: RequestInput, today: date | None = None
    ) -> RequestDetail:
        """Correct the registered facts (a typo, the pupil, the identity check). ``today``: the day the
        dates are checked against (not in the future) and the saved request's status is of, as for
        ``add``: the program's day, which its date fields allow; default the real day (command line)."""
        day = today or today_here()
        checked = _check_facts(facts, day)
        with self._edit(request_id, version) as (work, request):
            _check_pupil(work.session, request.school_id, checked.pupil_id)
            if request.extension_informed_on and checked.received_on != request.received_on:
                rules.check_extension(
                    checked.received_on, request.extension_reason, request.extension_informed_on, day
                )
            _apply(request, checked)
            self._log(work, request, "request_changed")
            return to_detail(work.session, request, day)

    def extend(
        self, request_id: int, version: int, reason: str, informed_on: date | None, today: date | None = None
    ) -> RequestDetail:
        """Extend by two months; needs a reason and the day the requester was told (first month)."""
        day = today or today_here()
        with self._edit(request_id, version) as (work, request):
            if request.answered_on is not None:
                raise BadInputError("Dit verzoek is al beantwoord; verlengen is niet meer nodig.")
            if request.extension_informed_on is not None:
                raise BadInputError("Dit verzoek is al verlengd. Verlengen kan maar één keer (twee maanden).")
            rules.check_extension(request.received_on, reason, informed_on, day)
            request.extension_reason = reason.strip()
            request.extension_informed_on = informed_on
            request.deadline_on = rules.extended_deadline(request.received_on)
            self._log(work, request, "request_extended")
            return to_detail(work.session, request, day)

    def answer(
        self,
        request_id: int,
        version: int,
        outcome: rules.Outcome,
        answered_on: date,
        reasons: str = "",
        fg_consulted: bool | None = None,
        today: date | None = None,
    ) -> RequestDetail:
        """Record the answer; a (partial) refusal needs its reasons. The handler is the current user."""
        day = today or today_here()
        with self._edit(request_id, version) as (work, request):
            rules.check_answer(request.received_on, answered_on, outcome, reasons, day)
            request.outcome = outcome.value
            request.outcome_reasons = reasons.strip()
            request.answered_on = answered_on
            request.handled_by_id = work.actor.user_id
            request.handled_by_name = work.actor.full_name
            if fg_consulted is not None:
                request.fg_consulted = fg_consulted
            self._log(work, request, "request_answered")
            return to_detail(work.session, request, day)

    def add_remark(self, request_id: int, text: str, today: date | None = None) -> RequestDetail:
        """The FG's advice or remark: append-only, never a change of the facts. The remark's moment is
        the real clock (a recorded fact); the request comes back with its status on ``today``."""
        if not text.strip():
            raise BadInputError("Schrijf eerst iets op; een lege opmerking wordt niet bewaard.")
        with self._work(Permission.ADVISE) as work:
            request = _get(work, request_id)
            request.remarks.append(
                RequestRemark(
                    at=utc_now(),
                    author_id=work.actor.user_id,
                    author_name=work.actor.full_name,
                    text=text.strip(),
                )
            )
            work.session.flush()
            work.audit(
                "request_remark_added",
                "subject_request",
                request.id,
                after={"number": request.number},
                school_id=request.school_id,
            )
            return to_detail(work.session, request, today or today_here())

    # --- helpers -------------------------------------------------------------------------------------

    def _edit(self, request_id: int, version: int) -> AbstractContextManager[tuple[Work, SubjectRequest]]:
        work_in = self._work(Permission.MANAGE_REQUESTS)
        return versioned_edit(work_in, lambda work: _get(work, request_id), version, STALE)

    @staticmethod
    def _log(work: Work, request: SubjectRequest, action: str) -> None:
        work.session.flush()
        work.audit(
            action, "subject_request", request.id, after=audit_view(request), school_id=request.school_id
        )


def due_rows(session: Session, school_ids: list[int], today: date) -> list[RequestRow]:
    horizon = date.fromordinal(today.toordinal() + rules.AMBER_DAYS)
    # The stored date is the computed one; the moved deadline is never earlier, so filter again on it.
    rows = [r for r in load_rows(session, school_ids, today, open_due_by=horizon) if r.deadline <= horizon]
    return sorted(rows, key=lambda r: (r.deadline, r.number))


def request_attention(
    session: Session, school_ids: frozenset[int], today: date
) -> list[tuple[str, rules.Level]]:
    """Dashboard lines (no names: number, right and deadline are enough to find the request)."""
    items = []
    for row in due_rows(session, sorted(school_ids), today):
        when = (
            row.status.text.lower()
            if row.status.overdue
            else f"uiterlijk {row.deadline:%d-%m-%Y} ({row.status.text.lower()})"
        )
        if row.status.days_left == 0:
            when = "vandaag de laatste dag"
        items.append(
            (
                f"Verzoek {row.number} ({row.right_label.lower()}) van {row.received_on:%d-%m-%Y} "
                f"beantwoorden: {when}.",
                row.level,
            )
        )
    return items


def audit_view(request: SubjectRequest) -> dict[str, Any]:
    """What the audit log keeps: numbers, codes and dates; no names of requesters or pupils."""
    return {
        "number": request.number,
        "received_on": request.received_on.isoformat(),
        "right": request.right,
        "relation": request.relation,
        "pupil_id": request.pupil_id,
        "authority_checked": request.authority_checked,
        "deadline_on": request.deadline_on.isoformat(),
        "extended": request.extension_informed_on is not None,
        "fg_consulted": request.fg_consulted,
        "outcome": request.outcome,
        "answered_on": request.answered_on.isoformat() if request.answered_on else None,
    }


def _get(work: Work, request_id: int) -> SubjectRequest:
    return work.school_record(SubjectRequest, request_id, "Dit verzoek bestaat niet (meer).")


def _check_facts(facts: RequestInput, today: date) -> RequestInput:
    if facts.received_on > today:
        raise BadInputError(
            f"De ontvangstdatum {facts.received_on:%d-%m-%Y} ligt in de toekomst. Pas de datum aan."
        )
    if not facts.requester_name.strip():
        raise BadInputError("Vul de naam van de verzoeker in.")
    if not facts.id_check.strip():
        raise BadInputError(
            "Vul in hoe de identiteit van de verzoeker is gecontroleerd (bijvoorbeeld: legitimatiebewijs "
            "getoond op school)."
        )
    if facts.relation is rules.Relation.OTHER and not facts.relation_note.strip():
        raise BadInputError("Bij relatie 'Anders': schrijf op wie de verzoeker is.")
    authority = rules.authority_problem(facts.pupil_id is not None, facts.relation, facts.authority_checked)
    if authority:
        raise BadInputError(authority)
    return replace(
        facts,
        requester_name=" ".join(facts.requester_name.split()),
        id_check=facts.id_check.strip(),
        relation_note=facts.relation_note.strip(),
        authority_note=facts.authority_note.strip(),
        description=facts.description.strip(),
    )


def _check_pupil(session: Session, school_id: int, pupil_id: int | None) -> None:
    if pupil_id is None:
        return
    pupil = session.get(Pupil, pupil_id)
    if pupil is None or pupil.school_id != school_id:
        raise BadInputError("De gekozen leerling hoort niet bij deze school. Kies de leerling opnieuw.")


def _apply(request: SubjectRequest, facts: RequestInput) -> None:
    request.received_on = facts.received_on
    request.requester_name = facts.requester_name
    request.relation = facts.relation.value
    request.relation_note = facts.relation_note
    request.pupil_id = facts.pupil_id
    request.right = facts.right.value
    request.description = facts.description
    request.id_check = facts.id_check
    request.authority_checked = facts.authority_checked
    request.authority_note = facts.authority_note
    request.fg_consulted = facts.fg_consulted
    extended = request.extension_informed_on is not None
    request.deadline_on = rules.effective_deadline(facts.received_on, extended)
