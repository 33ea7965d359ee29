"""The incident and breach register: report, assess, notify the AP, follow the case, close.

Any staff member reports (REPORT_INCIDENT); the security officer assesses and closes (MANAGE_INCIDENTS);
the FG only adds advice to the timeline (ADVISE) and cannot change the facts. Every edit carries the
``version`` the user saw, so a stale edit is refused instead of overwriting someone else's work.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ibp_desktop.core.errors import BadInputError, NotFoundError
from ibp_desktop.core.incidents.breach_informing import closing_problem
from ibp_desktop.core.incidents.records import ApForm, IncidentDetail, IncidentFacts, IncidentRow
from ibp_desktop.core.incidents.risk import RiskAnswers, propose
from ibp_desktop.core.incidents.rules import (
    LABELS,
    Decision,
    IncidentStatus,
    NotificationKind,
    TimelineKind,
    format_moment,
    is_late,
    local,
    name_warning,
    names_in_text,
    next_number,
    notification_deadline,
)
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.incidents import mapping as mapping
from ibp_desktop.services.incidents.listing import list_rows
from ibp_desktop.services.registers_common import school_scope, versioned_edit
from ibp_desktop.store.incident_models import Incident
from ibp_desktop.store.models import Pupil, School
from ibp_desktop.store.types import utc_now

STALE = (
    "Iemand anders heeft dit incident net gewijzigd. Uw wijziging is niet opgeslagen. Open het incident "
    "opnieuw, bekijk de nieuwe gegevens en voer uw wijziging nog eens in."
)

__all__ = ["ApForm", "IncidentDetail", "IncidentFacts", "IncidentRow", "IncidentService", "RiskAnswers"]


class IncidentService(Service):
    # --- reading ---------------------------------------------------------------------------------

    def list_incidents(
        self,
        school_id: int | None = None,
        text: str = "",
        status: IncidentStatus | None = None,
        year: int | None = None,
        now: datetime | None = None,
    ) -> list[IncidentRow]:
        """Rows for the register table, newest discovery first; one query. ``school_id=None``: all
        schools the user may see. ``text`` matches number, title, type, status and description,
        ignoring case and accents."""
        with self._work(Permission.VIEW_INCIDENTS, school_id=school_id) as work:
            schools = frozenset({school_id}) if school_id is not None else work.actor.school_ids
            return list_rows(work.session, schools, text, status, year, now or utc_now())

    def detail(self, incident_id: int, now: datetime | None = None) -> IncidentDetail:
        with self._work(Permission.VIEW_INCIDENTS) as work:
            incident = _get(work, incident_id)
            return self._detail(work.session, incident, now)

    def find(self, number: str, school_id: int | None = None) -> IncidentDetail:
        """The incident with this number ("2026-007"); with several schools, give ``school_id``."""
        with self._work(Permission.VIEW_INCIDENTS, school_id=school_id) as work:
            schools = school_scope(work, school_id)
            found = work.session.scalars(
                select(Incident).where(Incident.number == number.strip(), Incident.school_id.in_(schools))
            ).all()
            if not found:
                raise NotFoundError(f"Er is geen incident met nummer {number.strip()}.")
            if len(found) > 1:
                raise BadInputError(
                    f"Meerdere scholen hebben een incident met nummer {number.strip()}. Kies de school "
                    "(met --brin)."
                )
            return self._detail(work.session, found[0], None)

    def name_warning(self, school_id: int, text: str) -> str:
        """A Dutch nudge when ``text`` seems to name a pupil of the school; "" when it does not."""
        with self._work(Permission.REPORT_INCIDENT, school_id=school_id) as work:
            return _name_warning(work.session, school_id, text)

    # --- reporting ----------------------------------------------------------------------------------

    def report(self, school_id: int, facts: IncidentFacts, now: datetime | None = None) -> IncidentDetail:
        """A new incident, status "nieuw"; the internal reporting time is now. The detail's
        ``privacy_warning`` asks to remove pupil names when the text seems to contain them."""
        moment = now or utc_now()
        checked = mapping.check_facts(facts, moment)
        for attempt in range(3):
            try:
                return self._report(school_id, checked, moment)
            except IntegrityError:
                # Another PC took the same number at the same moment: take the next one.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _report(self, school_id: int, facts: IncidentFacts, now: datetime) -> IncidentDetail:
        with self._work(Permission.REPORT_INCIDENT, school_id=school_id) as work:
            year = local(facts.discovered_at).year
            numbers = work.session.scalars(
                select(Incident.number).where(
                    Incident.school_id == school_id, Incident.number.like(f"{year}-%")
                )
            ).all()
            incident = Incident(
                school_id=school_id,
                number=next_number(year, numbers),
                status=IncidentStatus.NEW.value,
                reported_at=now,
                reported_by_id=work.actor.user_id,
                reported_by_name=work.actor.full_name,
            )
            mapping.apply_facts(incident, facts)
            mapping.add_entry(
                incident,
                TimelineKind.REPORTED,
                work.actor.user_id,
                work.actor.full_name,
                "Incident gemeld.",
                now,
            )
            work.session.add(incident)
            work.session.flush()
            work.audit(
                "incident_reported",
                "incident",
                incident.id,
                after=mapping.audit_view(incident),
                school_id=school_id,
            )
            warning = _name_warning(work.session, school_id, f"{facts.title}\n{facts.description}")
            return self._detail(work.session, incident, now, warning)

    # --- the security officer's work ----------------------------------------------------------------

    def update_facts(self, incident_id: int, version: int, facts: IncidentFacts) -> IncidentDetail:
        with self._edit(Permission.MANAGE_INCIDENTS, incident_id, version) as (work, incident):
            checked = mapping.check_facts(facts, utc_now())
            mapping.apply_facts(incident, checked)
            self._log(work, incident, "incident_facts_changed")
            warning = _name_warning(
                work.session, incident.school_id, f"{checked.title}\n{checked.description}"
            )
            return self._detail(work.session, incident, None, warning)

    def update_form(self, incident_id: int, version: int, form: ApForm) -> IncidentDetail:
        """Save the AP notification form fields (sections 1 and 3-9)."""
        mapping.check_form(form)
        with self._edit(Permission.MANAGE_INCIDENTS, incident_id, version) as (work, incident):
            mapping.apply_form(incident, form)
            self._log(work, incident, "incident_form_changed")
            return self._detail(work.session, incident, None)

    def assess(
        self,
        incident_id: int,
        version: int,
        answers: RiskAnswers,
        decision: Decision,
        reasons: str = "",
        deviation_reason: str = "",
        form: ApForm | None = None,
    ) -> IncidentDetail:
        """Record the decision: the program's proposal (from ``answers``) is kept next to it; a
        decision that differs from the proposal needs ``deviation_reason``."""
        proposal = propose(answers)
        if decision is not proposal.decision and not deviation_reason.strip():
            raise BadInputError(
                f"U kiest '{LABELS[decision]}', maar het voorstel is '{LABELS[proposal.decision]}'. "
                "Schrijf op waarom u afwijkt. Er is niets opgeslagen."
            )
        if form is not None:
            mapping.check_form(form)
        with self._edit(Permission.MANAGE_INCIDENTS, incident_id, version) as (work, incident):
            if form is not None:
                mapping.apply_form(incident, form)
            now = utc_now()
            incident.risk_answers = answers.to_json()
            incident.proposal = proposal.decision.value
            incident.proposal_reasons = "\n".join(proposal.reasons)
            incident.decision = decision.value
            incident.decision_reasons = reasons.strip() or proposal.text
            incident.deviation_reason = deviation_reason.strip() if decision is not proposal.decision else ""
            incident.assessed_at = now
            incident.assessed_by_name = work.actor.full_name
            text = f"Beoordeeld: {LABELS[decision]}."
            if incident.deviation_reason:
                text += (
                    f" Afwijking van het voorstel ({LABELS[proposal.decision]}): {incident.deviation_reason}"
                )
            mapping.add_entry(
                incident, TimelineKind.DECISION, work.actor.user_id, work.actor.full_name, text, now
            )
            if incident.status == IncidentStatus.NEW.value:
                self._change_status(work, incident, IncidentStatus.ASSESSING, now)
            self._log(work, incident, "incident_assessed")
            return self._detail(work.session, incident, now)

    def record_notification(
        self,
        incident_id: int,
        version: int,
        kind: NotificationKind,
        at: datetime,
        ap_reference: str = "",
        late_reason: str = "",
    ) -> IncidentDetail:
        """A (preliminary or final) notification to the AP. The first one after the 72 hours needs
        ``late_reason`` (AVG art. 33(1))."""
        if at.tzinfo is None:
            raise ValueError("timezone-aware datetime required")
        if at > utc_now() + mapping.CLOCK_SKEW:
            raise BadInputError("Het moment van melden ligt in de toekomst. Pas het aan.")
        with self._edit(Permission.MANAGE_INCIDENTS, incident_id, version) as (work, incident):
            if at < incident.discovered_at:
                raise BadInputError(
                    "De melding aan de AP kan niet vóór de ontdekking van het incident liggen."
                )
            first = incident.preliminary_notified_at is None and incident.final_notified_at is None
            if first and is_late(incident.discovered_at, at) and not late_reason.strip():
                deadline = format_moment(notification_deadline(incident.discovered_at))
                raise BadInputError(
                    f"De melding is later dan 72 uur na de ontdekking (uiterlijk {deadline}). Vul de reden "
                    "van de vertraging in; de AP vraagt daarom. Er is niets opgeslagen."
                )
            if kind is NotificationKind.PRELIMINARY:
                incident.preliminary_notified_at = at
            else:
                incident.final_notified_at = at
            if ap_reference.strip():
                incident.ap_reference = ap_reference.strip()
            if late_reason.strip():
                incident.late_reason = late_reason.strip()
            text = f"{LABELS[kind]} gedaan bij de AP op {format_moment(at)}"
            text += f" (meldnummer {incident.ap_reference})." if incident.ap_reference else "."
            now = utc_now()
            mapping.add_entry(
                incident, TimelineKind.NOTIFICATION, work.actor.user_id, work.actor.full_name, text, now
            )
            if incident.status in (IncidentStatus.NEW.value, IncidentStatus.ASSESSING.value):
                self._change_status(work, incident, IncidentStatus.NOTIFIED, now)
            self._log(work, incident, "incident_notified")
            return self._detail(work.session, incident, now)

    def set_status(self, incident_id: int, version: int, status: IncidentStatus) -> IncidentDetail:
        """Move between nieuw, in beoordeling and gemeld, or reopen a closed case. Closing: ``close``."""
        if status is IncidentStatus.CLOSED:
            raise BadInputError(
                "Sluit een incident af met 'Afhandelen': dan vraagt het programma de evaluatie."
            )
        with self._edit(Permission.MANAGE_INCIDENTS, incident_id, version) as (work, incident):
            if incident.status != status.value:
                incident.closed_at = None
                self._change_status(work, incident, status, utc_now())
                self._log(work, incident, "incident_status_changed")
            return self._detail(work.session, incident, None)

    def close(self, incident_id: int, version: int, evaluation: str) -> IncidentDetail:
        """Afhandelen: needs the evaluation (what do we change so it does not happen again)."""
        if not evaluation.strip():
            raise BadInputError(
                "Vul de evaluatie in: wat heeft de school geleerd en wat verandert er? Dan kunt u afsluiten."
            )
        with self._edit(Permission.MANAGE_INCIDENTS, incident_id, version) as (work, incident):
            _check_closable(incident)
            now = utc_now()
            incident.evaluation = evaluation.strip()
            incident.closed_at = now
            incident.closed_by_name = work.actor.full_name
            self._change_status(work, incident, IncidentStatus.CLOSED, now)
            self._log(work, incident, "incident_closed")
            return self._detail(work.session, incident, now)

    # --- the timeline ---------------------------------------------------------------------------------

    def add_timeline(self, incident_id: int, text: str) -> IncidentDetail:
        """An action or remark of the security officer; append-only, so no version is needed."""
        return self._append(Permission.MANAGE_INCIDENTS, incident_id, TimelineKind.ACTION, text)

    def add_advice(self, incident_id: int, text: str) -> IncidentDetail:
        """The FG's advice or remark: only ever a timeline entry, never a change of the facts."""
        return self._append(Permission.ADVISE, incident_id, TimelineKind.ADVICE, text)

    def _append(
        self, permission: Permission, incident_id: int, kind: TimelineKind, text: str
    ) -> IncidentDetail:
        if not text.strip():
            raise BadInputError("Schrijf eerst iets op; een lege regel wordt niet bewaard.")
        with self._work(permission) as work:
            incident = _get(work, incident_id)
            now = utc_now()
            mapping.add_entry(incident, kind, work.actor.user_id, work.actor.full_name, text.strip(), now)
            work.session.flush()
            work.audit(
                "incident_timeline_added",
                "incident",
                incident.id,
                after={"number": incident.number, "kind": kind.value},
                school_id=incident.school_id,
            )
            return self._detail(work.session, incident, now)

    # --- helpers -------------------------------------------------------------------------------------

    def _edit(
        self, permission: Permission, incident_id: int, version: int
    ) -> AbstractContextManager[tuple[Work, Incident]]:
        return versioned_edit(self._work(permission), lambda work: _get(work, incident_id), version, STALE)

    @staticmethod
    def _change_status(work: Work, incident: Incident, status: IncidentStatus, now: datetime) -> None:
        old = LABELS[IncidentStatus(incident.status)]
        incident.status = status.value
        mapping.add_entry(
            incident,
            TimelineKind.STATUS,
            work.actor.user_id,
            work.actor.full_name,
            f"Status van '{old}' naar '{LABELS[status]}'.",
            now,
        )

    @staticmethod
    def _log(work: Work, incident: Incident, action: str) -> None:
        work.session.flush()
        work.audit(
            action, "incident", incident.id, after=mapping.audit_view(incident), school_id=incident.school_id
        )

    @staticmethod
    def _detail(
        session: Session, incident: Incident, now: datetime | None, warning: str = ""
    ) -> IncidentDetail:
        session.flush()
        school = session.get(School, incident.school_id)
        assert school is not None
        return mapping.to_detail(incident, school, now or utc_now(), warning)


def _get(work: Work, incident_id: int) -> Incident:
    return work.school_record(Incident, incident_id, "Dit incident bestaat niet (meer).")


def _name_warning(session: Session, school_id: int, text: str) -> str:
    if not text.strip():
        return ""
    names = session.execute(
        select(Pupil.first_name, Pupil.infix, Pupil.last_name).where(Pupil.school_id == school_id)
    ).all()
    return name_warning(names_in_text(text, names))


def _check_closable(incident: Incident) -> None:
    _check_notified(incident)
    decision = Decision(incident.decision) if incident.decision else None
    problem = closing_problem(mapping.form_of(incident).informing(decision))
    if problem:
        raise BadInputError(problem)


def _check_notified(incident: Incident) -> None:
    if incident.decision is None:
        raise BadInputError(
            "Beoordeel eerst of het incident gemeld moet worden (Beoordelen). Daarna kunt u het afsluiten."
        )
    reportable = incident.decision != Decision.NOT_REPORTABLE.value
    if reportable and incident.preliminary_notified_at is None and incident.final_notified_at is None:
        raise BadInputError(
            "Dit datalek moet bij de AP gemeld worden, maar er is nog geen melding vastgelegd. Leg eerst de "
            "melding vast, of pas de beoordeling aan."
        )
