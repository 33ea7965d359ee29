"""One database, several schools of one board: users see the schools their account is for."""

from __future__ import annotations

from datetime import date

import pytest

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.roles import Role
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.accounts.schools import SchoolService
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.dashboard.overview import DashboardService
from tests.conftest import SchoolDb


def test_each_user_sees_only_their_schools(school_db: SchoolDb) -> None:
    db, admin = school_db.database, school_db.actor
    second = SchoolService(db, admin).add_school("CBS Het Kompas", "56ef")
    assert second.brin == "56EF"
    users = UserService(db, admin)
    users.add_user(
        "dir-kompas", "Directeur Kompas", "Tijdelijk-123", frozenset({Role.DIRECTOR}), frozenset({second.id})
    )
    users.add_user("bestuur", "Bestuurder", "Tijdelijk-123", frozenset({Role.BOARD}), frozenset())

    director = login(db, "dir-kompas", "Tijdelijk-123")
    assert [s.name for s in SchoolService(db, director).visible_schools()] == ["CBS Het Kompas"]
    board = login(db, "bestuur", "Tijdelijk-123")
    assert {s.brin for s in SchoolService(db, board).visible_schools()} == {"12AB", "56EF"}
    overview = DashboardService(db, director).overview(date(2026, 11, 28))
    assert [s.school_name for s in overview.schools] == ["CBS Het Kompas"]
    assert overview.school_year == "2026-2027"


def test_a_user_cannot_grant_a_school_they_cannot_see(school_db: SchoolDb) -> None:
    db, admin = school_db.database, school_db.actor
    other = SchoolService(db, admin).add_school("CBS Het Kompas", "56EF")
    users = UserService(db, admin)
    users.add_user(
        "so-a",
        "Security A",
        "Tijdelijk-123",
        frozenset({Role.SECURITY_OFFICER}),
        frozenset({school_db.school_id}),
    )
    officer_a = login(db, "so-a", "Tijdelijk-123")
    with pytest.raises(BadInputError, match="alleen toegang geven"):
        UserService(db, officer_a).add_user(
            "x-user", "X", "Tijdelijk-123", frozenset({Role.ICT}), frozenset({other.id})
        )


def test_duplicate_or_bad_brin_is_refused(school_db: SchoolDb) -> None:
    schools = SchoolService(school_db.database, school_db.actor)
    with pytest.raises(BadInputError, match="al een school met BRIN-code 12AB"):
        schools.add_school("Kopie", "12ab")
    with pytest.raises(BadInputError, match="twee cijfers en twee letters"):
        schools.add_school("Fout", "1234")
