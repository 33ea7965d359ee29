"""After Enter only the password check remains (issue 17): the first window's data is read while Argon2id
checks the password, and that early read is kept only when it is still right for whoever logged in."""

from __future__ import annotations

import threading

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from ibp_desktop.core.errors import AuthenticationError, NotFoundError
from ibp_desktop.core.roles import Role
from ibp_desktop.security import passwords
from ibp_desktop.services.accounts.auth import change_own_password, login, login_and_read
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.context import Actor
from ibp_desktop.store.models import AuditEntry
from tests.conftest import SchoolDb

PASSWORD = "Vergeet-mij-niet-42"


def _colleague(school: SchoolDb, roles: frozenset[Role] = frozenset({Role.ADMINISTRATION})) -> int:
    """An account at the school that has chosen its own password (no password change pending)."""
    users = UserService(school.database, school.actor)
    info = users.add_user("fatima", "Fatima El Amrani", "Tijdelijk-123", roles)
    first = login(school.database, "fatima", "Tijdelijk-123")
    change_own_password(school.database, first, "Tijdelijk-123", PASSWORD)
    return info.id


class HeldCheck(PasswordHasher):
    """The tests' cheap hash takes a millisecond: this check waits (at most 10 s) until a read lets it
    finish, so that "read during the check" does not depend on the machine's speed."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)  # as the tests' accounts
        self.finish = threading.Event()

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.finish.wait(timeout=10)
        return super().verify(hash, password)


@pytest.fixture
def check(monkeypatch: pytest.MonkeyPatch) -> HeldCheck:
    held = HeldCheck()
    held.finish.set()  # the accounts are made and logged into with an instant check
    monkeypatch.setattr(passwords, "_hasher", lambda: held)
    return held


def _argon2_is_running(check: HeldCheck) -> bool:
    running = any(t.name == "argon2" and t.is_alive() for t in threading.enumerate())
    check.finish.set()
    return running


def _audit_actions(school: SchoolDb) -> list[str]:
    with school.database.transaction() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_the_first_window_is_read_during_the_password_check(school_db: SchoolDb, check: HeldCheck) -> None:
    _colleague(school_db)
    check.finish.clear()
    reads: list[tuple[Actor, bool]] = []

    def read(actor: Actor) -> str:
        reads.append((actor, _argon2_is_running(check)))
        return f"schools {sorted(actor.school_ids)}"

    actor, start = login_and_read(school_db.database, "fatima", PASSWORD, read)
    assert actor.username == "fatima"
    assert start == f"schools {[school_db.school_id]}"
    assert reads == [(actor, True)]  # once, during the check: nothing is read after it
    assert _audit_actions(school_db)[-1] == "login"


def test_a_wrong_password_drops_what_was_read_and_the_read_writes_nothing(school_db: SchoolDb) -> None:
    _colleague(school_db)
    before = _audit_actions(school_db)
    reads: list[Actor] = []

    with pytest.raises(AuthenticationError, match="klopt niet"):
        login_and_read(school_db.database, "fatima", "raden-123", reads.append)
    assert len(reads) == 1  # read ahead, then dropped unseen
    assert _audit_actions(school_db) == [*before, "login_failed"]


def test_an_unknown_name_reads_nothing(school_db: SchoolDb) -> None:
    reads: list[Actor] = []
    with pytest.raises(AuthenticationError, match="klopt niet"):
        login_and_read(school_db.database, "niemand", PASSWORD, reads.append)
    assert reads == []


def test_roles_changed_during_the_check_are_read_again_for_the_new_roles(school_db: SchoolDb) -> None:
    fatima = _colleague(school_db)
    users = UserService(school_db.database, school_db.actor)
    reads: list[frozenset[Role]] = []

    def read(actor: Actor) -> frozenset[Role]:
        if not reads:  # a colleague changes the roles while Argon2id runs (no lock is held meanwhile)
            users.set_roles(fatima, frozenset({Role.ADMINISTRATION, Role.ICT}))
        reads.append(actor.roles)
        return actor.roles

    actor, start = login_and_read(school_db.database, "fatima", PASSWORD, read)
    assert start == actor.roles == frozenset({Role.ADMINISTRATION, Role.ICT})
    assert reads == [frozenset({Role.ADMINISTRATION}), frozenset({Role.ADMINISTRATION, Role.ICT})]


def test_a_password_reset_during_the_check_refuses_the_old_password(school_db: SchoolDb) -> None:
    fatima = _colleague(school_db)
    users = UserService(school_db.database, school_db.actor)

    def read(actor: Actor) -> None:
        users.reset_password(fatima, "Nieuw-tijdelijk-77")

    with pytest.raises(AuthenticationError, match="klopt niet"):
        login_and_read(school_db.database, "fatima", PASSWORD, read)
    assert "login" not in _audit_actions(school_db)[-2:]


def test_a_failed_early_read_is_read_again_after_the_check(school_db: SchoolDb, check: HeldCheck) -> None:
    _colleague(school_db)
    check.finish.clear()
    calls: list[bool] = []

    def read(actor: Actor) -> str:
        calls.append(_argon2_is_running(check))
        if len(calls) == 1:
            raise NotFoundError("Even niet.")
        return "figures"

    assert login_and_read(school_db.database, "fatima", PASSWORD, read)[1] == "figures"
    assert calls == [True, False]


def test_an_account_that_must_choose_a_password_reads_nothing(school_db: SchoolDb) -> None:
    UserService(school_db.database, school_db.actor).add_user(
        "joost", "Joost van den Heuvel", "Tijdelijk-123", frozenset({Role.ICT})
    )
    reads: list[Actor] = []
    actor, start = login_and_read(school_db.database, "joost", "Tijdelijk-123", reads.append)
    assert actor.username == "joost"
    assert start is None
    assert reads == []
