"""Staff records follow the retention schedule: two years after the end of employment they are due, a
clean-up run deletes them with their acknowledgements and attendance, and someone who still has access
somewhere is held until the leaver checklist is done. The due list names numbers, not people."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from ibp_desktop.core.roles import Role
from ibp_desktop.core.staff.records import SessionInput, StaffInput
from ibp_desktop.core.staff.rules import Leader, Method, Topic
from ibp_desktop.services.access.rights import AccessRightsService
from ibp_desktop.services.retention.runs import RetentionRunService
from ibp_desktop.services.retention.schedule import RetentionService
from ibp_desktop.services.staff.register import StaffService
from ibp_desktop.store.policy_models import StaffMember
from ibp_desktop.store.staff_models import AwarenessAttendance, StaffAcknowledgement
from tests.conftest import SchoolDb
from tests.services.incident_helpers import actor_with
from tests.services.staff_helpers import TODAY, new_code_version

UNTIL = date(2026, 9, 1)


def test_leavers_are_due_after_the_term_and_deleted_for_real(school_db: SchoolDb) -> None:
    staff = StaffService(school_db.database, school_db.actor)
    people = {
        "Şükrü Yılmaz": StaffInput("Şükrü Yılmaz", "Leerkracht", date(2010, 8, 1), None, "", "000412"),
        "Łucja Wiśniewska": StaffInput("Łucja Wiśniewska", "IB'er", date(2012, 8, 1), None, "", "000587"),
        "Nguyễn Văn An": StaffInput("Nguyễn Văn An", "Conciërge", date(2015, 1, 1), None, "", "000733"),
        "Anne-Fleur van der Berg-de Vries": StaffInput(
            "Anne-Fleur van der Berg-de Vries", "", date(2020, 8, 1)
        ),
    }
    ids = {name: staff.add_staff(school_db.school_id, facts, TODAY).id for name, facts in people.items()}
    new_code_version(school_db, date(2020, 6, 1))
    staff.acknowledge(list(ids.values()), date(2020, 9, 1), Method.PAPER, today=TODAY)
    staff.add_session(
        school_db.school_id,
        SessionInput(date(2021, 1, 12), Topic.PHISHING, Leader.ICT, tuple(ids.values())),
        TODAY,
    )
    access = AccessRightsService(school_db.database, school_db.actor)
    system = access.add_default_systems(school_db.school_id)[0]
    access.grant(system.id, ids["Nguyễn Văn An"], "Gebruiker", date(2015, 1, 1))
    for name, left in (("Şükrü Yılmaz", date(2023, 7, 31)), ("Nguyễn Văn An", date(2023, 7, 31)),
                       ("Łucja Wiśniewska", date(2025, 7, 31))):  # fmt: skip
        row = next(r for r in staff.list_staff(school_db.school_id, TODAY) if r.id == ids[name])
        staff.update_staff(
            row.id,
            row.version,
            StaffInput(name, row.function, row.started_on, left, "", row.staff_number),
            TODAY,
        )

    retention = RetentionService(school_db.database, school_db.actor)
    due = retention.due_items(school_db.school_id, UNTIL)
    due = [d for d in due if d.category == "medewerkers_programma"]
    assert [(d.description, d.due_on, d.hold_reason != "") for d in due] == [
        ("Medewerker 000412", date(2025, 7, 31), False),
        ("Medewerker 000733", date(2025, 7, 31), True),  # still has access: held
    ]
    assert all(name not in d.description for d in due for name in people)

    admin = actor_with(school_db, "admin", Role.ADMINISTRATION)
    director = actor_with(school_db, "directeur", Role.DIRECTOR)
    proposed = RetentionRunService(school_db.database, admin).propose(school_db.school_id, UNTIL)
    RetentionRunService(school_db.database, director).approve(proposed.run.id)
    RetentionRunService(school_db.database, admin).execute(proposed.run.id)
    with school_db.database.transaction() as session:
        left = set(session.scalars(select(StaffMember.name)))
        assert left == set(people) - {"Şükrü Yılmaz"}
        assert (
            session.scalar(select(func.count()).where(StaffAcknowledgement.staff_id == ids["Şükrü Yılmaz"]))
            == 0
        )
        assert (
            session.scalar(select(func.count()).where(AwarenessAttendance.staff_id == ids["Şükrü Yılmaz"]))
            == 0
        )
        assert session.scalar(select(func.count()).select_from(StaffAcknowledgement)) == 3
