from __future__ import annotations

import pytest

from ibp_desktop.core.errors import AuthenticationError, BadInputError
from ibp_desktop.core.roles import FIRST_ACCOUNT_ROLES, Role
from ibp_desktop.services.accounts.auth import (
    change_own_password,
    confirm_password,
    login,
    must_change_password,
)
from ibp_desktop.services.accounts.users import UserService
from tests.conftest import TEST_PASSWORD, SchoolDb


def test_first_account_holds_every_school_role_but_fg(school_db: SchoolDb) -> None:
    assert school_db.actor.roles == FIRST_ACCOUNT_ROLES
    assert Role.DPO not in school_db.actor.roles
    assert school_db.actor.school_ids == {school_db.school_id}


def test_wrong_password_and_unknown_user_get_the_same_message(school_db: SchoolDb) -> None:
    for user, password in (("eerste", "fout-wachtwoord"), ("niemand", TEST_PASSWORD)):
        with pytest.raises(AuthenticationError, match="Gebruikersnaam of wachtwoord klopt niet"):
            login(school_db.database, user, password)


def test_new_account_must_choose_its_own_password(school_db: SchoolDb) -> None:
    users = UserService(school_db.database, school_db.actor)
    info = users.add_user("Joost.Heuvel", "Joost van den Heuvel", "Tijdelijk-123", frozenset({Role.DIRECTOR}))
    assert info.username == "joost.heuvel" and info.must_change_password
    actor = login(school_db.database, "joost.heuvel", "Tijdelijk-123")
    assert must_change_password(school_db.database, actor)
    change_own_password(school_db.database, actor, "Tijdelijk-123", "Mijn-eigen-wachtwoord")
    assert not must_change_password(school_db.database, actor)
    login(school_db.database, "joost.heuvel", "Mijn-eigen-wachtwoord")


def test_reset_password_gives_a_temporary_one(school_db: SchoolDb) -> None:
    users = UserService(school_db.database, school_db.actor)
    info = users.add_user("fatima", "Fatima El Amrani", "Tijdelijk-123", frozenset({Role.ADMINISTRATION}))
    users.reset_password(info.id, "Nieuw-tijdelijk-9")
    with pytest.raises(AuthenticationError):
        login(school_db.database, "fatima", "Tijdelijk-123")
    assert must_change_password(school_db.database, login(school_db.database, "fatima", "Nieuw-tijdelijk-9"))


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("a", "Lang-genoeg-1", "Gebruikersnaam 'a' kan niet"),
        ("goed", "kort", "minstens 10 tekens"),
        ("eerste", "Lang-genoeg-1", "bestaat al"),
    ],
)
def test_bad_account_input_is_refused_in_dutch(
    school_db: SchoolDb, username: str, password: str, message: str
) -> None:
    users = UserService(school_db.database, school_db.actor)
    with pytest.raises(BadInputError, match=message):
        users.add_user(username, "Iemand", password, frozenset({Role.ICT}))


def test_the_last_security_officer_cannot_be_removed(school_db: SchoolDb) -> None:
    users = UserService(school_db.database, school_db.actor)
    with pytest.raises(BadInputError, match="eigen account"):
        users.set_active(school_db.actor.user_id, False)
    with pytest.raises(BadInputError, match="eigen rollen niet wijzigen"):  # nobody changes their own
        users.set_roles(school_db.actor.user_id, frozenset({Role.DIRECTOR}))
    # Nothing changed: still a security officer.
    assert Role.SECURITY_OFFICER in users.list_users()[0].roles


def test_unlock_checks_the_same_users_password(school_db: SchoolDb) -> None:
    assert confirm_password(school_db.database, school_db.actor, TEST_PASSWORD)
    assert not confirm_password(school_db.database, school_db.actor, "iets anders")
