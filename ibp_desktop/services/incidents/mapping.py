"""Between the incident tables and the plain records: copy fields, validate input, build the audit view."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.incidents.breach_informing import InformChannel, InformException
from ibp_desktop.core.incidents.records import ApForm, IncidentDetail, IncidentFacts, TimelineEntry
from ibp_desktop.core.incidents.risk import RiskAnswers, RiskProposal
from ibp_desktop.core.incidents.rules import (
    ClockStatus,
    Consequence,
    DataKind,
    Decision,
    IncidentStatus,
    IncidentType,
    Nature,
    PeopleGroup,
    Protection,
    Severity,
    TimelineKind,
    clock_status,
    join_codes,
    parse_codes,
)
from ibp_desktop.store.incident_models import Incident, IncidentTimelineEntry
from ibp_desktop.store.models import School

E = TypeVar("E", bound=StrEnum)
CLOCK_SKEW = timedelta(minutes=10)  # a PC clock a little behind is not "in the future"


def check_facts(facts: IncidentFacts, now: datetime) -> IncidentFacts:
    title = " ".join(facts.title.split())
    if not title:
        raise BadInputError("Vul een korte titel in, bijvoorbeeld 'USB-stick kwijt'.")
    if len(title) > 200:
        raise BadInputError("De titel is te lang (meer dan 200 tekens). Zet de details in de omschrijving.")
    moments = {
        "ontdekt": facts.discovered_at,
        "begonnen": facts.started_at,
        "geëindigd": facts.ended_at,
    }
    for what, moment in moments.items():
        if moment is None:
            continue
        if moment.tzinfo is None:
            raise ValueError("timezone-aware datetimes required")
        if moment > now + CLOCK_SKEW:
            raise BadInputError(f"Het moment waarop het incident is {what} ligt in de toekomst. Pas het aan.")
    if facts.started_at and facts.ended_at and facts.ended_at < facts.started_at:
        raise BadInputError("Het incident kan niet eindigen voordat het begon. Pas de tijden aan.")
    if facts.ongoing and facts.ended_at is not None:
        raise BadInputError("Een incident dat nog gaande is heeft geen eindtijd. Kies één van beide.")
    return IncidentFacts(
        title,
        facts.description.strip(),
        IncidentType(facts.incident_type),
        facts.discovered_at,
        facts.started_at,
        facts.ended_at,
        facts.ongoing,
    )


def check_form(form: ApForm) -> None:
    for what, number in (
        ("aantal records", form.records_approx),
        ("minimum aantal betrokkenen", form.people_min),
        ("maximum aantal betrokkenen", form.people_max),
    ):
        if number is not None and number < 0:
            raise BadInputError(f"Het {what} kan niet negatief zijn.")
    if form.people_min is not None and form.people_max is not None and form.people_min > form.people_max:
        raise BadInputError(
            f"Het minimum aantal betrokkenen ({form.people_min}) is groter dan het maximum "
            f"({form.people_max}). Pas een van beide aan."
        )
    if form.subjects_informed_at is not None and form.subjects_exception is not None:
        raise BadInputError(
            "Kies óf de datum waarop de betrokkenen zijn geïnformeerd, óf een uitzondering van artikel 34 "
            "lid 3, niet allebei. Er is niets opgeslagen."
        )


def apply_facts(incident: Incident, facts: IncidentFacts) -> None:
    incident.title = facts.title
    incident.description = facts.description
    incident.incident_type = facts.incident_type.value
    incident.discovered_at = facts.discovered_at
    incident.started_at = facts.started_at
    incident.ended_at = facts.ended_at
    incident.ongoing = facts.ongoing


def facts_of(incident: Incident) -> IncidentFacts:
    return IncidentFacts(
        incident.title,
        incident.description,
        IncidentType(incident.incident_type),
        incident.discovered_at,
        incident.started_at,
        incident.ended_at,
        incident.ongoing,
    )


_TEXT_FIELDS = (
    "contact_name",
    "contact_details",
    "processor_name",
    "data_other",
    "people_other",
    "protection_details",
    "consequences_details",
    "subjects_informed_how",
    "subjects_not_informed_reason",
    "public_announcement",
    "measures_taken",
    "cross_border_details",
    "other_remarks",
)
_PLAIN_FIELDS = (
    "processor_involved",
    "records_approx",
    "people_min",
    "people_max",
    "subjects_informed_at",
    "cross_border",
)


def apply_form(incident: Incident, form: ApForm) -> None:
    for name in _TEXT_FIELDS:
        setattr(incident, name, str(getattr(form, name)).strip())
    for name in _PLAIN_FIELDS:
        setattr(incident, name, getattr(form, name))
    incident.natures = join_codes(form.natures)
    incident.data_kinds = join_codes(form.data_kinds)
    incident.people_groups = join_codes(form.people_groups)
    incident.consequences = join_codes(form.consequences)
    incident.protection = Protection(form.protection).value
    incident.severity = Severity(form.severity).value
    channel, exception = form.subjects_informed_channel, form.subjects_exception
    incident.subjects_informed_channel = InformChannel(channel).value if channel else ""
    incident.subjects_exception = InformException(exception).value if exception else ""


def form_of(incident: Incident) -> ApForm:
    values: dict[str, object] = {name: getattr(incident, name) for name in _TEXT_FIELDS + _PLAIN_FIELDS}
    return ApForm(
        natures=parse_codes(Nature, incident.natures),
        data_kinds=parse_codes(DataKind, incident.data_kinds),
        people_groups=parse_codes(PeopleGroup, incident.people_groups),
        consequences=parse_codes(Consequence, incident.consequences),
        protection=Protection(incident.protection),
        severity=Severity(incident.severity),
        subjects_informed_channel=_code(InformChannel, incident.subjects_informed_channel),
        subjects_exception=_code(InformException, incident.subjects_exception),
        **values,  # type: ignore[arg-type]  # the names are ApForm's own fields
    )


def _code(enum: type[E], stored: str) -> E | None:
    return enum(stored) if stored else None


def clock_of(
    discovered_at: datetime,
    preliminary: datetime | None,
    final: datetime | None,
    decision: str | None,
    now: datetime,
) -> ClockStatus:
    notified = [m for m in (preliminary, final) if m is not None]
    return clock_status(
        discovered_at, now, min(notified) if notified else None, Decision(decision) if decision else None
    )


def to_detail(incident: Incident, school: School, now: datetime, privacy_warning: str = "") -> IncidentDetail:
    proposal = (
        RiskProposal(Decision(incident.proposal), tuple(incident.proposal_reasons.split("\n")))
        if incident.proposal
        else None
    )
    return IncidentDetail(
        id=incident.id,
        version=incident.version,
        school_id=school.id,
        school_name=school.name,
        brin=school.brin,
        number=incident.number,
        status=IncidentStatus(incident.status),
        facts=facts_of(incident),
        form=form_of(incident),
        reported_at=incident.reported_at,
        reported_by=incident.reported_by_name,
        clock=clock_of(
            incident.discovered_at,
            incident.preliminary_notified_at,
            incident.final_notified_at,
            incident.decision,
            now,
        ),
        answers=RiskAnswers.from_json(incident.risk_answers),
        proposal=proposal,
        decision=Decision(incident.decision) if incident.decision else None,
        decision_reasons=incident.decision_reasons,
        deviation_reason=incident.deviation_reason,
        assessed_at=incident.assessed_at,
        assessed_by=incident.assessed_by_name,
        preliminary_notified_at=incident.preliminary_notified_at,
        final_notified_at=incident.final_notified_at,
        ap_reference=incident.ap_reference,
        late_reason=incident.late_reason,
        evaluation=incident.evaluation,
        closed_at=incident.closed_at,
        closed_by=incident.closed_by_name,
        timeline=tuple(
            TimelineEntry(e.at, TimelineKind(e.kind), e.author_name, e.text) for e in incident.timeline
        ),
        privacy_warning=privacy_warning,
    )


def add_entry(
    incident: Incident, kind: TimelineKind, author_id: int | None, author: str, text: str, at: datetime
) -> None:
    incident.timeline.append(
        IncidentTimelineEntry(at=at, kind=kind.value, author_id=author_id, author_name=author, text=text)
    )


def audit_view(incident: Incident) -> dict[str, object]:
    """What the audit log keeps: numbers and codes, never the free text (it may name people)."""
    return {
        "number": incident.number,
        "type": incident.incident_type,
        "status": incident.status,
        "decision": incident.decision,
        "preliminary_notified": incident.preliminary_notified_at is not None,
        "final_notified": incident.final_notified_at is not None,
    }
