"""Two programs on one PostgreSQL server edit the same record: the second save is refused, never a silent
overwrite, and after reloading the user sees the first save and can try again.

Each test opens the school's database twice (two engines, two sessions), as two PCs would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, TypeVar

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ibp_desktop.core.errors import StaleEditError
from ibp_desktop.core.incidents.records import ApForm
from ibp_desktop.core.roles import Role
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.database.connection import Location, open_location
from ibp_desktop.services.incidents.register import IncidentService
from ibp_desktop.services.pupils.register import PupilService
from ibp_desktop.store.database import Database
from ibp_desktop.store.models import AuditEntry, Pupil
from tests.conftest import SchoolDb, make_school_db
from tests.services.incident_helpers import facts

pytestmark = pytest.mark.postgres

PASSWORD = "Lang-Genoeg-Wachtwoord-1"
S = TypeVar("S")


@pytest.fixture
def two_pcs(postgres_url: str, tmp_path: Any) -> Iterator[tuple[SchoolDb, Database]]:
    """The school as PC 1 has it open, and a second, independent connection: PC 2."""
    school = make_school_db(Location(data_dir=tmp_path / "data", database_url=postgres_url))
    second = open_location(school.location)
    yield school, second
    second.dispose()
    school.database.dispose()


def _in_the_middle_of_the_next_save(database: Database, other_save: Callable[[], object]) -> None:
    """Run ``other_save`` (the other PC, committed) after this PC read the record but before it writes.

    The version check in the service then passes; only the version condition in the UPDATE can catch it.
    """
    done = False

    def before_flush(session: Session, *_args: object) -> None:
        nonlocal done
        if not done and (session.dirty or session.new or session.deleted):
            done = True
            other_save()

    event.listen(database.sessions, "before_flush", before_flush)


def _on_both_pcs(two_pcs: tuple[SchoolDb, Database], kind: Callable[[Database, Any], S]) -> tuple[S, S]:
    """The service ``kind`` for the same user on PC 1 and on PC 2."""
    school, second = two_pcs
    return kind(school.database, school.actor), kind(second, school.actor)


def _second_of_two_saves_is_refused(
    two_pcs: tuple[SchoolDb, Database], first: Callable[[], object], second: Callable[[], object], action: str
) -> None:
    """PC 1 saves (``first``) while PC 2's save (``second``) has read the record but not yet written it:
    PC 2 is refused in Dutch, and the audit log holds PC 1's save (``action``) only."""
    school, database_2 = two_pcs
    _in_the_middle_of_the_next_save(database_2, first)
    with pytest.raises(StaleEditError, match="Iemand anders"):
        second()
    assert _audit_actions(school.database).count(action) == 1


def _audit_actions(database: Database) -> list[str]:
    with database.transaction() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


# Accounts -------------------------------------------------------------------------------------------


def _account(school: SchoolDb) -> int:
    return UserService(school.database, school.actor).add_user(
        "tweede", "Łucja Wiśniewska", PASSWORD, frozenset({Role.ICT})
    ).id


def test_a_stale_account_edit_is_refused_and_reload_shows_the_first(
    two_pcs: tuple[SchoolDb, Database],
) -> None:
    school, second = two_pcs
    user_id = _account(school)
    pc1, pc2 = _on_both_pcs(two_pcs, UserService)
    shown_on_pc2 = next(u for u in pc2.list_users() if u.id == user_id)
    saved = pc1.set_roles(user_id, frozenset({Role.DIRECTOR}), expected_version=shown_on_pc2.version)
    assert saved.version > shown_on_pc2.version
    with pytest.raises(StaleEditError, match=r"dit account net gewijzigd.*niets opgeslagen"):
        pc2.set_roles(user_id, frozenset({Role.ADMINISTRATION}), expected_version=shown_on_pc2.version)
    with pytest.raises(StaleEditError):
        pc2.set_active(user_id, False, expected_version=shown_on_pc2.version)
    reloaded = next(u for u in pc2.list_users() if u.id == user_id)
    assert reloaded.roles == (Role.DIRECTOR,) and reloaded.active and reloaded.version == saved.version
    assert _audit_actions(second).count("user_roles_changed") == 1
    # After reloading, PC 2 can save its own change.
    again = pc2.set_active(user_id, False, expected_version=reloaded.version)
    assert not again.active and again.roles == (Role.DIRECTOR,)


def test_two_account_saves_at_the_same_moment_the_second_is_refused(
    two_pcs: tuple[SchoolDb, Database],
) -> None:
    school = two_pcs[0]
    user_id = _account(school)
    pc1, pc2 = _on_both_pcs(two_pcs, UserService)
    _second_of_two_saves_is_refused(
        two_pcs,
        lambda: pc1.set_roles(user_id, frozenset({Role.DIRECTOR})),
        lambda: pc2.set_roles(user_id, frozenset({Role.ADMINISTRATION})),
        "user_roles_changed",
    )
    assert next(u for u in pc1.list_users() if u.id == user_id).roles == (Role.DIRECTOR,)


# Pupils ---------------------------------------------------------------------------------------------


def _pupil(school: SchoolDb) -> int:
    with school.database.transaction() as session:
        pupil = Pupil(
            school_id=school.school_id, pupil_number="4711", first_name="Şükrü", infix="",
            last_name="Yılmaz", date_of_birth=date(2016, 3, 1), enrolled_on=date(2020, 8, 24),
        )  # fmt: skip
        session.add(pupil)
        session.flush()
        return pupil.id


def test_a_stale_deregistration_is_refused_and_reload_shows_the_first(
    two_pcs: tuple[SchoolDb, Database],
) -> None:
    school, second = two_pcs
    pupil_id = _pupil(school)
    pc1, pc2 = _on_both_pcs(two_pcs, PupilService)
    shown_on_pc2 = pc2.list_pupils(school.school_id)[0]
    pc1.deregister(pupil_id, date(2026, 7, 10), expected_version=shown_on_pc2.version)
    with pytest.raises(StaleEditError, match="Iemand anders heeft deze leerling net gewijzigd"):
        pc2.deregister(pupil_id, date(2026, 12, 18), expected_version=shown_on_pc2.version)
    reloaded = pc2.list_pupils(school.school_id, include_deregistered=True)[0]
    assert reloaded.deregistered_on == date(2026, 7, 10) and reloaded.version > shown_on_pc2.version
    assert _audit_actions(second).count("pupil_deregistered") == 1
    pc2.deregister(pupil_id, date(2026, 12, 18), expected_version=reloaded.version)
    shown_on_pc1 = pc1.list_pupils(school.school_id, include_deregistered=True)[0]
    assert shown_on_pc1.deregistered_on == date(2026, 12, 18)


def test_two_deregistrations_at_the_same_moment_the_second_is_refused(
    two_pcs: tuple[SchoolDb, Database],
) -> None:
    school = two_pcs[0]
    pupil_id = _pupil(school)
    pc1, pc2 = _on_both_pcs(two_pcs, PupilService)
    _second_of_two_saves_is_refused(
        two_pcs,
        lambda: pc1.deregister(pupil_id, date(2026, 7, 10)),
        lambda: pc2.deregister(pupil_id, date(2026, 12, 18)),
        "pupil_deregistered",
    )
    shown_on_pc1 = pc1.list_pupils(school.school_id, include_deregistered=True)[0]
    assert shown_on_pc1.deregistered_on == date(2026, 7, 10)


# Incidents ------------------------------------------------------------------------------------------


def test_a_stale_incident_assessment_is_refused_and_reload_shows_the_first(
    two_pcs: tuple[SchoolDb, Database],
) -> None:
    school, second = two_pcs
    pc1, pc2 = _on_both_pcs(two_pcs, IncidentService)
    reported = pc1.report(school.school_id, facts())
    shown_on_pc2 = pc2.detail(reported.id)
    pc1.update_form(reported.id, shown_on_pc2.version, ApForm(contact_name="Petra Jansen", records_approx=30))
    with pytest.raises(StaleEditError, match="Iemand anders"):
        pc2.update_form(reported.id, shown_on_pc2.version, ApForm(contact_name="Nguyễn Văn An"))
    reloaded = pc2.detail(reported.id)
    assert reloaded.form.contact_name == "Petra Jansen" and reloaded.form.records_approx == 30
    assert _audit_actions(second).count("incident_form_changed") == 1
    saved = pc2.update_form(reported.id, reloaded.version, ApForm(contact_name="Nguyễn Văn An"))
    assert pc1.detail(reported.id).form.contact_name == "Nguyễn Văn An" == saved.form.contact_name


def test_two_incident_saves_at_the_same_moment_the_second_is_refused(
    two_pcs: tuple[SchoolDb, Database],
) -> None:
    school = two_pcs[0]
    pc1, pc2 = _on_both_pcs(two_pcs, IncidentService)
    reported = pc1.report(school.school_id, facts())
    _second_of_two_saves_is_refused(
        two_pcs,
        lambda: pc1.update_form(reported.id, reported.version, ApForm(contact_name="Petra Jansen")),
        lambda: pc2.update_form(reported.id, reported.version, ApForm(contact_name="Nguyễn Văn An")),
        "incident_form_changed",
    )
    assert pc1.detail(reported.id).form.contact_name == "Petra Jansen"
