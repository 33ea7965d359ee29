"""Shared by the retention tests: a school with pupils who left long ago, their consent, closed incidents
and items registered by hand, and accounts for the four-eyes flow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import update

from ibp_desktop.core.consent.rules import Channel, Relation
from ibp_desktop.core.incidents.rules import IncidentStatus
from ibp_desktop.core.roles import Role
from ibp_desktop.services.consent.decisions import ConsentService
from ibp_desktop.services.context import Actor
from ibp_desktop.services.incidents.register import IncidentService
from ibp_desktop.services.retention.runs import RetentionRunService
from ibp_desktop.services.retention.schedule import RetentionService
from ibp_desktop.store.incident_models import Incident
from ibp_desktop.store.models import Pupil
from tests.conftest import SchoolDb
from tests.services.incident_helpers import actor_with, facts

UNTIL = date(2026, 9, 1)
# Pupils who left long ago (every term over by UNTIL), one who left recently, one still at school.
# (The test school itself is called "OBS Şükrü & Łucja": these names must differ from it.)
GONE = (("Şebnem", "", "Yıldırım-Öztürk", "70001"), ("Władysław", "", "Wiśniewski-Żak", "70002"))
RECENT = ("Nguyễn Văn", "", "An", "70003")
ENROLLED = ("Anne-Fleur", "van der", "Berg-de Vries", "70004")
GUARDIANS = {"70001": "Ayşegül Kaya-Özdemir", "70002": "Bożena Wiśniewska-Kowalczyk"}


@dataclass
class RetentionSchool:
    school: SchoolDb
    pupils: dict[str, int]  # pupil number -> id
    incident_id: int
    admin: Actor
    director: Actor

    def service(self, actor: Actor | None = None) -> RetentionService:
        return RetentionService(self.school.database, actor or self.school.actor)

    def runs(self, actor: Actor | None = None) -> RetentionRunService:
        return RetentionRunService(self.school.database, actor or self.school.actor)


def add_pupil(school: SchoolDb, first: str, infix: str, last: str, number: str, left: date | None) -> int:
    with school.database.transaction() as session:
        pupil = Pupil(
            school_id=school.school_id,
            pupil_number=number,
            first_name=first,
            infix=infix,
            last_name=last,
            date_of_birth=date(2012, 5, 1),
            enrolled_on=date(2016, 8, 22),
            deregistered_on=left,
        )
        session.add(pupil)
        session.flush()
        return pupil.id


def record_consent(school: SchoolDb, pupil_id: int, given_by: str, on: date) -> None:
    consent = ConsentService(school.database, school.actor)
    purposes = consent.current_form(school.school_id).purposes
    answers = {p.purpose_id: i % 2 == 0 for i, p in enumerate(purposes)}
    consent.record_form(pupil_id, answers, given_by, Relation.GUARDIAN_1, Channel.PAPER, on)


def closed_incident(school: SchoolDb, closed_at: datetime, description: str) -> int:
    incidents = IncidentService(school.database, school.actor)
    reported = incidents.report(school.school_id, facts(description=description))
    incidents.add_timeline(reported.id, "Stick gezocht in het lokaal van groep 5.")
    with school.database.transaction() as session:
        session.execute(
            update(Incident)
            .where(Incident.id == reported.id)
            .values(status=IncidentStatus.CLOSED.value, closed_at=closed_at, decision="not_reportable")
        )
    return reported.id


def build(school: SchoolDb) -> RetentionSchool:
    pupils = {}
    for first, infix, last, number in GONE:
        pupils[number] = add_pupil(school, first, infix, last, number, date(2019, 7, 12))
    pupils[RECENT[3]] = add_pupil(school, *RECENT, date(2025, 7, 11))
    pupils[ENROLLED[3]] = add_pupil(school, *ENROLLED, None)
    for number, guardian in GUARDIANS.items():
        record_consent(school, pupils[number], guardian, date(2017, 9, 4))
    record_consent(school, pupils[RECENT[3]], "Trần Thị Mai", date(2024, 9, 2))
    # The incident text names a pupil (it happens): it must go with the incident.
    text = f"Toetsresultaten van {GONE[0][0]} {GONE[0][2]} zijn per ongeluk gemaild."
    incident = closed_incident(school, datetime(2020, 3, 2, 11, 0, tzinfo=UTC), text)
    return RetentionSchool(
        school,
        pupils,
        incident,
        actor_with(school, "fatima", Role.ADMINISTRATION, "Fatima El Amrani"),
        actor_with(school, "joost", Role.DIRECTOR, "Joost van den Heuvel"),
    )
