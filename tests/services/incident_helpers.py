"""Shared by the incident tests: extra accounts with one role, and a quick way to report."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from ibp_desktop.core.incidents.records import IncidentFacts
from ibp_desktop.core.incidents.rules import IncidentType
from ibp_desktop.core.roles import Role
from ibp_desktop.services.accounts.users import create_user_row
from ibp_desktop.services.context import Actor, actor_from_user
from ibp_desktop.services.incidents.register import IncidentService
from ibp_desktop.store.models import Group, Pupil
from tests.conftest import TEST_PASSWORD, SchoolDb


def actor_with(school: SchoolDb, username: str, role: Role, full_name: str = "") -> Actor:
    with school.database.transaction() as session:
        user = create_user_row(
            session,
            username,
            full_name or f"{role.value} tester",
            TEST_PASSWORD,
            frozenset({role}),
            frozenset({school.school_id}),
            must_change_password=False,
        )
        return actor_from_user(session, user)


NOW = datetime.now(UTC).replace(microsecond=0)  # one "now" for the whole run, so clock texts are exact


def service(school: SchoolDb, actor: Actor | None = None) -> IncidentService:
    return IncidentService(school.database, actor or school.actor)


def facts(
    title: str = "USB-stick kwijt",
    description: str = "Een USB-stick met toetsresultaten van groep 5 is kwijt.",
    hours_ago: float = 2,
    incident_type: IncidentType = IncidentType.DEVICE_LOST,
) -> IncidentFacts:
    discovered = NOW - timedelta(hours=hours_ago)
    return IncidentFacts(
        title, description, incident_type, discovered, started_at=discovered - timedelta(hours=1)
    )


def add_pupil(school: SchoolDb, first: str, infix: str, last: str) -> None:
    with school.database.transaction() as session:
        group = Group(school_id=school.school_id, name=f"g{first[:3]}")
        session.add(group)
        session.flush()
        session.add(
            Pupil(
                school_id=school.school_id,
                pupil_number=f"p-{first}",
                first_name=first,
                infix=infix,
                last_name=last,
                date_of_birth=date(2017, 5, 1),
                group_id=group.id,
            )
        )
