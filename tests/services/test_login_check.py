"""A password check started as soon as the database is open (start_login_check), before the opening
checks, counts for the login only for the very hash stored at login time and only if the login
throttle lets the account in; whatever the outcome, one Argon2id computation per login."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ibp_desktop.core.errors import AuthenticationError, TooManyAttemptsError
from ibp_desktop.security import passwords
from ibp_desktop.services.accounts import login_throttle
from ibp_desktop.services.accounts.auth import change_own_password, login, start_login_check
from tests.conftest import TEST_PASSWORD, SchoolDb

NEW_PASSWORD = "Nieuw-Lang-Wachtwoord-2026"


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every Argon2id computation of a login, by the hash it checks."""
    seen: list[str] = []
    real_one_core, real_verify = passwords._verify_on_one_core, passwords._verify

    def one_core(password_hash: str, password: str) -> bool:
        seen.append(password_hash)
        return real_one_core(password_hash, password)

    def verify(password_hash: str, password: str) -> bool:
        seen.append(password_hash)
        return real_verify(password_hash, password)

    monkeypatch.setattr(passwords, "_verify_on_one_core", one_core)
    monkeypatch.setattr(passwords, "_verify", verify)
    return seen


def test_a_started_check_is_the_login_check(sqlcipher_school: SchoolDb, checks: list[str]) -> None:
    database = sqlcipher_school.database
    started = start_login_check(database, " Eerste ", TEST_PASSWORD)  # as login, the name is tidied
    assert login(database, "eerste", TEST_PASSWORD, started=started).username == "eerste"
    assert len(checks) == 1

    wrong = start_login_check(database, "eerste", "raden-123")
    with pytest.raises(AuthenticationError, match="klopt niet"):
        login(database, "eerste", "raden-123", started=wrong)
    assert len(checks) == 2


def test_a_password_changed_after_the_start_is_checked_again(
    sqlcipher_school: SchoolDb, checks: list[str]
) -> None:
    database, actor = sqlcipher_school.database, sqlcipher_school.actor
    old = start_login_check(database, "eerste", TEST_PASSWORD)
    change_own_password(database, actor, TEST_PASSWORD, NEW_PASSWORD)  # e.g. in the program meanwhile
    with pytest.raises(AuthenticationError):
        login(database, "eerste", TEST_PASSWORD, started=old)  # right for the old hash only
    new = start_login_check(database, "eerste", NEW_PASSWORD)
    assert login(database, "eerste", NEW_PASSWORD, started=new).username == "eerste"


def test_an_unknown_name_costs_one_check_as_a_known_one(
    sqlcipher_school: SchoolDb, checks: list[str]
) -> None:
    started = start_login_check(sqlcipher_school.database, "niemand", TEST_PASSWORD)
    assert started.result() is False  # checked against the fixed hash, at the cost of a real check
    assert checks[-1] == passwords.dummy_hash()
    checks.clear()
    with pytest.raises(AuthenticationError, match="klopt niet"):
        login(sqlcipher_school.database, "niemand", TEST_PASSWORD, started=started)
    assert checks == []  # the login used that check: no second one


def test_the_throttle_refuses_a_waiting_account_even_with_a_right_started_check(
    sqlcipher_school: SchoolDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    moment = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
    monkeypatch.setattr(login_throttle, "now", lambda: moment)  # the wait does not run out meanwhile
    database = sqlcipher_school.database
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            login(database, "eerste", "raden-123")
    started = start_login_check(database, "eerste", TEST_PASSWORD)
    with pytest.raises(TooManyAttemptsError, match="30 seconden"):
        login(database, "eerste", TEST_PASSWORD, started=started)
