"""A known data set for the report tests: school year 2025-2026 of one school, full of names.

- 5 incidents over 3 quarters (Q1: 2, Q2: 1, Q3: 2) and 1 after the school year; 2 reportable and
  notified (one after 10 hours, one after 100 hours), 1 of them with the data subjects informed; 2 not
  reportable, 1 not assessed; one incident names a pupil ("Sukru Yilmaz", without accents);
- 3 requests: 2 access (one answered late), 1 erasure;
- 10 pupils x 3 purposes: 8 answered (purpose A: 2 no, B: 4 no, C: 0 no), 2 did not answer;
- 1 clean-up run carried out (5 records in the program, 1 line outside it, recorded);
- 3 suppliers, 2 with an agreement (model 4.0 and 3.0);
- 1 open action.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update

from ibp_desktop.core.actions import ActionSource
from ibp_desktop.core.consent.rules import Channel, Relation
from ibp_desktop.core.incidents.records import IncidentFacts
from ibp_desktop.core.incidents.rules import Decision, IncidentStatus, IncidentType
from ibp_desktop.core.processors import ModelVersion
from ibp_desktop.core.register_records import ActionInput, AgreementInput, RequestInput, SupplierInput
from ibp_desktop.core.requests import Outcome, Right
from ibp_desktop.core.requests import Relation as RequestRelation
from ibp_desktop.core.roles import Role
from ibp_desktop.services.actions.register import ActionService
from ibp_desktop.services.consent.decisions import ConsentService
from ibp_desktop.services.incidents.register import IncidentService
from ibp_desktop.services.processors.register import ProcessorService
from ibp_desktop.services.requests.register import RequestService
from ibp_desktop.store.incident_models import Incident
from ibp_desktop.store.models import Pupil, School
from ibp_desktop.store.retention_models import RetentionRun, RetentionRunLine
from tests.conftest import SchoolDb

SCHOOL_NAME = "OBS De Linde"
STAFF_NAME = "Anne-Fleur van der Berg-de Vries"  # the first account (conftest)
PUPILS = (
    ("Şükrü", "", "Yılmaz"),
    ("Łucja", "", "Wiśniewska"),
    ("Nguyễn Văn", "", "An"),
    ("Anne-Fleur", "van der", "Berg-de Vries"),
    ("Zoë", "", "Ağaoğlu"),
    ("Björn", "", "Øster"),
    ("Chloé", "", "Dubois-Lefèvre"),
    ("Mohammed", "el", "Amrani"),
    ("Søren", "", "Kierkegaard"),
    ("Ilse", "de", "Groot"),
)
REQUESTERS = ("Ayşe Yılmaz", "Bożena Wiśniewska", "Trần Thị Mai")
# Purpose A, B, C answers for the 8 pupils who answered (True = yes).
ANSWERS = (
    (True, True, True),
    (True, False, True),
    (False, False, True),
    (True, True, True),
    (False, True, True),
    (True, False, True),
    (True, False, True),
    (True, True, True),
)


@dataclass
class KnownSchool:
    school: SchoolDb
    pupil_ids: list[int]
    purpose_labels: list[str]  # A, B, C
    named_incident: str  # the number of the incident naming the first pupil


def _at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)


def _incident(
    school: SchoolDb, type_: IncidentType, discovered: datetime, title: str, description: str = ""
) -> int:
    facts = IncidentFacts(title, description, type_, discovered)
    return IncidentService(school.database, school.actor).report(school.school_id, facts).id


def _set(school: SchoolDb, incident_id: int, **values: object) -> None:
    with school.database.transaction() as session:
        session.execute(update(Incident).where(Incident.id == incident_id).values(**values))


def add_incidents(school: SchoolDb) -> str:
    d1 = _at(date(2025, 9, 10))
    i1 = _incident(school, IncidentType.PHISHING, d1, "Phishingmail geopend")
    _set(school, i1, decision=Decision.NOT_REPORTABLE.value, status=IncidentStatus.CLOSED.value)
    d2 = _at(date(2025, 10, 5))
    i2 = _incident(
        school,
        IncidentType.DEVICE_LOST,
        d2,
        "Laptop kwijt",
        "De laptop met gegevens van Sukru Yilmaz is weg.",
    )
    _set(
        school,
        i2,
        decision=Decision.NOTIFY_AP_AND_SUBJECTS.value,
        preliminary_notified_at=d2 + timedelta(hours=10),
        subjects_informed_at=d2 + timedelta(days=2),
        status=IncidentStatus.NOTIFIED.value,
    )
    d3 = _at(date(2025, 12, 3))
    i3 = _incident(school, IncidentType.EMAIL_WRONG_RECIPIENT, d3, "Mail naar verkeerde ouder")
    _set(
        school,
        i3,
        decision=Decision.NOTIFY_AP.value,
        preliminary_notified_at=d3 + timedelta(hours=100),
        late_reason="Pas na het weekend beoordeeld.",
        status=IncidentStatus.NOTIFIED.value,
    )
    i4 = _incident(school, IncidentType.PHISHING, _at(date(2026, 2, 14)), "Nepmail over wachtwoord")
    _set(school, i4, decision=Decision.NOT_REPORTABLE.value)
    _incident(school, IncidentType.PAPER_LOST, _at(date(2026, 3, 20)), "Klassenlijst op de printer")
    _incident(school, IncidentType.MALWARE, _at(date(2026, 8, 5)), "Virus na het schooljaar")
    with school.database.transaction() as session:
        number = session.get(Incident, i2)
        assert number is not None
        return number.number


def add_pupils(school: SchoolDb) -> list[int]:
    ids = []
    with school.database.transaction() as session:
        for n, (first, infix, last) in enumerate(PUPILS):
            pupil = Pupil(
                school_id=school.school_id,
                pupil_number=f"80{n:03d}",
                first_name=first,
                infix=infix,
                last_name=last,
                date_of_birth=date(2016, 3, 1),
                enrolled_on=date(2020, 8, 20),
            )
            session.add(pupil)
            session.flush()
            ids.append(pupil.id)
    return ids


def add_consent(school: SchoolDb, pupil_ids: list[int]) -> list[str]:
    consent = ConsentService(school.database, school.actor)
    purposes = consent.current_form(school.school_id).purposes[:3]
    for pupil_id, answers in zip(pupil_ids, ANSWERS, strict=False):
        choice = {p.purpose_id: yes for p, yes in zip(purposes, answers, strict=True)}
        consent.record_form(
            pupil_id, choice, REQUESTERS[0], Relation.GUARDIAN_1, Channel.PAPER, date(2025, 9, 15)
        )
    return [p.label for p in purposes]


def add_requests(school: SchoolDb, pupil_ids: list[int]) -> None:
    service = RequestService(school.database, school.actor)
    today = date(2026, 6, 1)
    plan = (
        (date(2025, 9, 1), Right.ACCESS, date(2025, 9, 20)),
        (date(2025, 11, 10), Right.ACCESS, date(2026, 1, 5)),  # deadline 10-12-2025: late
        (date(2026, 3, 2), Right.ERASURE, date(2026, 3, 20)),
    )
    for (received, right, answered), requester in zip(plan, REQUESTERS, strict=True):
        facts = RequestInput(
            received,
            requester,
            RequestRelation.GUARDIAN,
            right,
            "Legitimatiebewijs",
            authority_checked=True,
            pupil_id=pupil_ids[0],
        )
        detail = service.add(school.school_id, facts, today)
        service.answer(detail.row.id, detail.row.version, Outcome.GRANTED, answered, today=today)


def add_retention_run(school: SchoolDb) -> None:
    with school.database.transaction() as session:
        run = RetentionRun(
            school_id=school.school_id,
            number="2026-01",
            status="carried_out",
            until=date(2026, 2, 1),
            proposed_by_name=STAFF_NAME,
            proposed_at=_at(date(2026, 2, 2)),
            approved_by_name="Joost van den Heuvel",
            executed_by_name=STAFF_NAME,
            executed_at=_at(date(2026, 2, 10)),
        )
        session.add(run)
        session.flush()
        common = {"run_id": run.id, "category": "toestemmingen", "category_label": "Toestemmingen"}
        lines = [
            RetentionRunLine(position=0, kind="program", target="consent", record_count=3, **common),
            RetentionRunLine(position=1, kind="program", target="consent", record_count=2, **common),
            RetentionRunLine(
                position=2, kind="external", target="pupil", record_count=1, outcome="done", **common
            ),
        ]
        for line in lines:
            line.system, line.term_text, line.outcome = "program", "2 jaar", line.outcome or "deleted"
            session.add(line)


def add_suppliers(school: SchoolDb) -> None:
    service = ProcessorService(school.database, school.actor)
    for name, model in (("Snappet", ModelVersion.V4), ("Parnassys", ModelVersion.V3), ("Fotograaf BV", None)):
        supplier = service.add_supplier(SupplierInput(name, model is ModelVersion.V4))
        service.add_product(supplier.id, name, frozenset({school.school_id}))
        if model is not None:
            service.save_agreement(
                supplier.id, AgreementInput(model, date(2025, 8, 1), review_on=date(2030, 1, 1))
            )


def add_action(school: SchoolDb) -> None:
    ActionService(school.database, school.actor).add(
        ActionInput(
            "Wachtwoordbeleid bespreken", Role.SECURITY_OFFICER, ActionSource.INCIDENT, school.school_id
        )
    )


def build(school: SchoolDb) -> KnownSchool:
    with school.database.transaction() as session:
        session.execute(update(School).where(School.id == school.school_id).values(name=SCHOOL_NAME))
    pupils = add_pupils(school)
    named = add_incidents(school)
    labels = add_consent(school, pupils)
    add_requests(school, pupils)
    add_retention_run(school)
    add_suppliers(school)
    add_action(school)
    return KnownSchool(school, pupils, labels, named)
