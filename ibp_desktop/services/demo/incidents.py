"""Demo incidents for OBS De Regenboog: the typical school incidents, each at a different stage.

All invented. One breach was discovered 30 hours before "now", so the 72-hour clock is running when the
demo opens; another is brand new. Times are relative to ``now`` so the demo always looks current.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ibp_desktop.core.incidents.breach_informing import InformChannel
from ibp_desktop.core.incidents.records import ApForm, IncidentFacts
from ibp_desktop.core.incidents.risk import RiskAnswers, propose
from ibp_desktop.core.incidents.rules import (
    LABELS,
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
    local,
    next_number,
)
from ibp_desktop.services.incidents import mapping as mapping
from ibp_desktop.services.incidents.breach_letter import FG_CONTACT_KEY
from ibp_desktop.store.incident_models import Incident
from ibp_desktop.store.models import Setting, User

SECURITY, ADMIN, DIRECTOR, FG, ICT = "security", "administratie", "directeur", "fg", "ict"
LEAK = RiskAnswers(
    personal_data=True, encrypted_key_safe=False, trusted_recipient_deleted=False, children=True
)


@dataclass(frozen=True)
class _Step:
    hours: float  # after discovery
    kind: TimelineKind
    author: str
    text: str


@dataclass(frozen=True)
class _Demo:
    days_ago: float
    reporter: str
    facts: IncidentFacts
    form: ApForm | None = None
    answers: RiskAnswers | None = None
    decision: Decision | None = None
    deviation: str = ""
    notified_after_hours: float | None = None
    final_after_hours: float | None = None
    informed_after_hours: float | None = None
    ap_reference: str = ""
    late_reason: str = ""
    status: IncidentStatus = IncidentStatus.NEW
    evaluation: str = ""
    steps: tuple[_Step, ...] = field(default_factory=tuple)


def _facts(title: str, text: str, kind: IncidentType, ongoing: bool = False) -> IncidentFacts:
    # The moments are set relative to "now" when written; the epoch is only a placeholder.
    return IncidentFacts(title, text, kind, datetime.fromtimestamp(0, UTC), ongoing=ongoing)


# fmt: off
def _demos() -> list[_Demo]:
    s, f = SECURITY, FG
    return [
        _Demo(
            130, ADMIN,
            _facts("Nieuwsbrief met CC in plaats van BCC",
                   "De nieuwsbrief van groep 7 is naar alle ouders gestuurd met de adressen in CC. "
                   "Alle ouders zien nu elkaars e-mailadres.", IncidentType.EMAIL_CC_NOT_BCC),
            ApForm(contact_name="Petra Jansen", contact_details="security@regenboog.example, 010-1234567",
                   natures=(Nature.READ, Nature.COPIED), data_kinds=(DataKind.EMAIL, DataKind.NAME_ADDRESS),
                   records_approx=54, people_groups=(PeopleGroup.PARENTS,), people_min=50, people_max=54,
                   protection=Protection.NONE, consequences=(Consequence.IMMATERIAL,), severity=Severity.LOW,
                   subjects_informed_at=None, subjects_not_informed_reason="Niet nodig: laag risico; wel "
                   "excuses via de volgende nieuwsbrief.", measures_taken="Ouders gevraagd de mail te "
                   "verwijderen. Nieuwsbrieven gaan voortaan via de ouder-app."),
            replace(LEAK, people_affected=54), Decision.NOTIFY_AP,
            notified_after_hours=26, ap_reference="M2026-104233", status=IncidentStatus.CLOSED,
            evaluation="Geen groepsmails meer vanuit Outlook; nieuwsbrieven via de ouder-app.",
            steps=(
                _Step(2, TimelineKind.ACTION, s, "Ouders gevraagd de e-mail te verwijderen."),
                _Step(20, TimelineKind.ADVICE, f, "Advies: melden bij de AP, het gaat om ruim 50 ouders."),
            ),
        ),
        _Demo(
            95, ADMIN,
            _facts("USB-stick kwijt (versleuteld)",
                   "Een versleutelde USB-stick met toetsresultaten van groep 6 is kwijtgeraakt in de trein.",
                   IncidentType.DEVICE_LOST),
            ApForm(natures=(Nature.STOLEN_LOST,), data_kinds=(DataKind.NAME_ADDRESS,), records_approx=27,
                   people_groups=(PeopleGroup.PUPILS,), people_min=27, people_max=27,
                   protection=Protection.ENCRYPTED, protection_details="BitLocker To Go, wachtwoord niet "
                   "bij de stick bewaard.", severity=Severity.LOW),
            RiskAnswers(personal_data=True, encrypted_key_safe=True, children=True), Decision.NOT_REPORTABLE,
            status=IncidentStatus.CLOSED, evaluation="Versleuteling werkt; blijven gebruiken.",
        ),
        _Demo(
            60, ICT,
            _facts("Phishingmail 'wachtwoord verloopt'",
                   "Drie medewerkers kregen een nepmail over hun wachtwoord. Niemand heeft iets ingevuld.",
                   IncidentType.PHISHING),
            ApForm(severity=Severity.LOW, measures_taken="Afzender geblokkeerd, waarschuwing aan het team."),
            RiskAnswers(personal_data=False), Decision.NOT_REPORTABLE, status=IncidentStatus.CLOSED,
            evaluation="Korte training phishing herkennen in de teamvergadering.",
        ),
        _Demo(
            41, DIRECTOR,
            _facts("Klassenlijst bij de printer laten liggen",
                   "Een klassenlijst van groep 4 met telefoonnummers van ouders lag een middag bij de "
                   "printer in de hal. Een ouder heeft hem teruggegeven.", IncidentType.PAPER_LOST),
            ApForm(natures=(Nature.READ,), data_kinds=(DataKind.NAME_ADDRESS, DataKind.PHONE),
                   records_approx=29, people_groups=(PeopleGroup.PUPILS, PeopleGroup.PARENTS),
                   people_min=29, people_max=58, protection=Protection.NONE),
            RiskAnswers(personal_data=True, encrypted_key_safe=False, trusted_recipient_deleted=True),
            Decision.NOT_REPORTABLE, status=IncidentStatus.CLOSED,
            evaluation="Printer in de hal afgeschaft; printen met pincode.",
            steps=(_Step(3, TimelineKind.ACTION, s, "Met de ouder gesproken; zij heeft niets gekopieerd."),),
        ),
        _Demo(
            150, SECURITY,
            _facts("Laptop gestolen uit auto",
                   "De laptop van een leerkracht is uit een auto gestolen. De schijf was niet versleuteld; "
                   "er stonden handelingsplannen op.", IncidentType.DEVICE_LOST),
            ApForm(natures=(Nature.STOLEN_LOST,),
                   data_kinds=(DataKind.NAME_ADDRESS, DataKind.BIRTH_DATE, DataKind.PUPIL_CARE),
                   records_approx=31, people_groups=(PeopleGroup.PUPILS,), people_min=25, people_max=31,
                   protection=Protection.NONE, consequences=(Consequence.IMMATERIAL,), severity=Severity.HIGH,
                   subjects_informed_how="Brief aan de ouders van groep 8",
                   subjects_informed_channel=InformChannel.LETTER, measures_taken="Aangifte gedaan; "
                   "wachtwoorden gewijzigd; alle laptops krijgen BitLocker."),
            replace(LEAK, care_or_health=True, people_affected=31), Decision.NOTIFY_AP_AND_SUBJECTS,
            notified_after_hours=90, final_after_hours=400, informed_after_hours=96,
            ap_reference="M2026-087615",
            late_reason="De diefstal werd pas na het weekend bij de school bekend gemaakt.",
            status=IncidentStatus.NOTIFIED,
            steps=(_Step(30, TimelineKind.ADVICE, f, "Ook de ouders informeren: het gaat om zorggegevens."),),
        ),
        _Demo(
            18, ICT,
            _facts("Back-up leerlingadministratie mislukt",
                   "De nachtelijke back-up van de administratie-pc is drie nachten mislukt. Er zijn geen "
                   "gegevens verloren.", IncidentType.BACKUP_FAILED),
            ApForm(measures_taken="Schijf vervangen; back-up opnieuw gemaakt en terugzetten getest."),
            RiskAnswers(personal_data=False), Decision.NOT_REPORTABLE, status=IncidentStatus.CLOSED,
            evaluation="Back-up wordt wekelijks gecontroleerd door de ICT'er.",
        ),
        _Demo(
            30 / 24, ADMIN,
            _facts("Zorgverslag naar verkeerde ouder gemaild",
                   "Het verslag van een zorgoverleg over een leerling van groep 3 is naar de ouder van "
                   "een andere leerling gestuurd.", IncidentType.EMAIL_WRONG_RECIPIENT),
            ApForm(natures=(Nature.READ,), data_kinds=(DataKind.NAME_ADDRESS, DataKind.PUPIL_CARE),
                   records_approx=1, people_groups=(PeopleGroup.PUPILS,), people_min=1, people_max=1,
                   protection=Protection.NONE, severity=Severity.MEDIUM),
            replace(LEAK, care_or_health=True, people_affected=1), Decision.NOTIFY_AP_AND_SUBJECTS,
            status=IncidentStatus.ASSESSING,
            steps=(_Step(1, TimelineKind.ACTION, s, "Ontvanger gebeld; nog geen bevestiging."),),
        ),
        _Demo(
            2 / 24, ICT,
            _facts("Melding virusscanner op administratie-pc",
                   "De virusscanner meldt een verdacht bestand in de downloads van de administratie-pc.",
                   IncidentType.MALWARE, ongoing=True),
        ),
    ]
# fmt: on


DEMO_FG_CONTACT = "Karin de Boer, fg@stichting-regenboog.example, 010-7654321"


def add_demo_incidents(session: Session, school_id: int, now: datetime) -> int:
    """Insert the demo incidents with their timelines; returns how many."""
    users = {u.username: u for u in session.scalars(select(User))}
    numbers: list[str] = []
    for demo in sorted(_demos(), key=lambda d: -d.days_ago):
        discovered = (now - timedelta(days=demo.days_ago)).replace(second=0, microsecond=0)
        incident = _Writer(session, school_id, users, discovered).write(demo, numbers)
        numbers.append(incident.number)
    # The letter to parents after a breach names the FG (AVG art. 34(2)); the demo school has one.
    session.merge(Setting(key=FG_CONTACT_KEY, value=DEMO_FG_CONTACT))
    return len(numbers)


class _Writer:
    """Writes one demo incident; ``hours`` everywhere count from the moment of discovery."""

    def __init__(
        self, session: Session, school_id: int, users: dict[str, User], discovered: datetime
    ) -> None:
        self.session, self.school_id, self.users, self.discovered = session, school_id, users, discovered
        self.incident = Incident(school_id=school_id)

    def at(self, hours: float) -> datetime:
        return self.discovered + timedelta(hours=hours)

    def entry(self, hours: float, kind: TimelineKind, username: str, text: str) -> None:
        user = self.users[username]
        mapping.add_entry(self.incident, kind, user.id, user.full_name, text, self.at(hours))

    def write(self, demo: _Demo, numbers: list[str]) -> Incident:
        incident, reporter = self.incident, self.users[demo.reporter]
        incident.number = next_number(local(self.discovered).year, numbers)
        incident.status = demo.status.value
        incident.reported_at, incident.reported_by_id = self.at(0.5), reporter.id
        incident.reported_by_name = reporter.full_name
        ongoing = demo.facts.ongoing
        mapping.apply_facts(
            incident,
            replace(
                demo.facts,
                discovered_at=self.discovered,
                started_at=self.at(-3),
                ended_at=None if ongoing else self.at(-1),
            ),
        )
        form = demo.form or ApForm()
        if demo.informed_after_hours is not None:
            form = replace(form, subjects_informed_at=self.at(demo.informed_after_hours))
        mapping.apply_form(incident, form)
        self.session.add(incident)
        self.entry(0.5, TimelineKind.REPORTED, demo.reporter, "Incident gemeld.")
        self._assessment(demo)
        for step in demo.steps:
            self.entry(step.hours, step.kind, step.author, step.text)
        self._notifications(demo)
        if demo.status is IncidentStatus.CLOSED:
            incident.evaluation, incident.closed_at = demo.evaluation, self.at(24 * 10)
            incident.closed_by_name = self.users[SECURITY].full_name
            self.entry(
                24 * 10, TimelineKind.STATUS, SECURITY, "Status van 'In beoordeling' naar 'Afgehandeld'."
            )
        self.session.flush()
        return incident

    def _assessment(self, demo: _Demo) -> None:
        if demo.answers is None or demo.decision is None:
            return
        incident, proposal = self.incident, propose(demo.answers)
        incident.risk_answers = demo.answers.to_json()
        incident.proposal, incident.proposal_reasons = proposal.decision.value, "\n".join(proposal.reasons)
        incident.decision, incident.decision_reasons = demo.decision.value, proposal.text
        incident.assessed_at, incident.assessed_by_name = self.at(4), self.users[SECURITY].full_name
        self.entry(4, TimelineKind.DECISION, SECURITY, f"Beoordeeld: {LABELS[demo.decision]}.")

    def _notifications(self, demo: _Demo) -> None:
        incident = self.incident
        if demo.notified_after_hours is not None:
            incident.preliminary_notified_at = self.at(demo.notified_after_hours)
            incident.ap_reference, incident.late_reason = demo.ap_reference, demo.late_reason
            text = f"Voorlopige melding gedaan bij de AP (meldnummer {demo.ap_reference})."
            self.entry(demo.notified_after_hours, TimelineKind.NOTIFICATION, SECURITY, text)
        if demo.final_after_hours is not None:
            incident.final_notified_at = self.at(demo.final_after_hours)
            text = "Definitieve melding gedaan bij de AP."
            self.entry(demo.final_after_hours, TimelineKind.NOTIFICATION, SECURITY, text)
