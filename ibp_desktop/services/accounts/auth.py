"""Logging in, unlocking after the idle lock, and changing one's own password."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import NoReturn, TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ibp_desktop.core.errors import AuthenticationError, BadInputError, TooManyAttemptsError
from ibp_desktop.core.validation import check_password_strength
from ibp_desktop.security import audit
from ibp_desktop.security.passwords import (
    PasswordCheck,
    dummy_hash,
    hash_password,
    needs_rehash,
    verify_password,
)
from ibp_desktop.services.accounts import login_throttle
from ibp_desktop.services.context import Actor, actor_from_user
from ibp_desktop.store.database import Database
from ibp_desktop.store.models import User
from ibp_desktop.store.types import utc_now

Read = TypeVar("Read")

WRONG_LOGIN = "Gebruikersnaam of wachtwoord klopt niet. Probeer het opnieuw."


def start_login_check(database: Database, username: str, password: str) -> PasswordCheck:
    """Start checking ``password`` for ``username`` now, with all of Argon2id's lanes on one other core,
    while the caller goes on (a command's opening checks and imports); ``login(started=...)`` then uses
    the answer. Reads only the stored hash; an unknown name is checked against the fixed hash."""
    with database.transaction() as session:
        stored = session.scalar(select(User.password_hash).where(User.username == username.strip().lower()))
    return PasswordCheck(stored or dummy_hash(), password, one_core=True)


def login(
    database: Database,
    username: str,
    password: str,
    *,
    meanwhile: Callable[[], object] | None = None,
    started: PasswordCheck | None = None,
) -> Actor:
    """The actor for a correct user name and password; AuthenticationError (Dutch) otherwise.

    ``meanwhile`` (optional) runs while Argon2id checks the password on another core: what the caller
    will need next, such as imports for a PDF. It runs with every check, also of a wrong password or name.
    ``started`` is a check begun earlier (start_login_check): its answer counts only for the very hash
    the account has now (a password changed since is checked again), and only after the login throttle
    let the attempt in.
    """
    return _check(database, _find_account(database, username), username, password, meanwhile, started)


def _check(
    database: Database,
    account: _Account | None,
    username: str,
    password: str,
    meanwhile: Callable[[], object] | None,
    started: PasswordCheck | None = None,
) -> Actor:
    """The password checked (``meanwhile`` runs during the check), then the login admitted or refused."""
    checked = account.password_hash if account else dummy_hash()  # same cost for an unknown name
    if started is not None and started.password_hash == checked:
        matches = started.result(meanwhile)
    else:
        matches = verify_password(checked, password, meanwhile=meanwhile)
    if not matches or account is None:
        _refuse(database, account, username)
    return _admit(database, account, password)


def login_and_read(
    database: Database, username: str, password: str, read: Callable[[Actor], Read]
) -> tuple[Actor, Read | None]:
    """``login``, and what ``read`` gives for the account; None instead of it when the account must
    choose a new password first.

    ``read`` runs while Argon2id checks the password on another core (issue 17: after Enter only the
    check remains), for the account as it was before the check. It must only read: it runs also when the
    password turns out wrong, and its answer is then dropped unseen. The answer is kept only when the
    check succeeds for the same account as it was read for (roles and schools unchanged); otherwise, or
    when it failed, ``read`` runs again for the logged-in actor.
    """
    account = _find_account(database, username)
    early: list[Read] = []

    def read_ahead() -> None:
        if account is not None and account.ready_to_read:
            early.append(read(account.actor))

    actor = _check(database, account, username, password, read_ahead)
    assert account is not None  # _check refuses an unknown name
    if account.must_change_password:
        return actor, None
    return actor, early[0] if early and actor == account.actor else read(actor)


@dataclass(frozen=True)
class _Account:
    """The account a login names, as it was read before its password was checked."""

    user_id: int
    password_hash: str
    actor: Actor
    active: bool
    must_change_password: bool

    @property
    def ready_to_read(self) -> bool:
        return self.active and not self.must_change_password


def _find_account(database: Database, username: str) -> _Account | None:
    # A transaction of its own, ended before the ~0.1 s of Argon2id: the check holds no lock on the
    # database (other programs and the read ahead of ``login_and_read`` go on meanwhile). Every failure
    # is still counted (``_refuse``); attempts already running when a wait starts finish their check.
    with database.transaction() as session:
        user = session.scalars(select(User).where(User.username == username.strip().lower())).first()
        if user is None:
            return None
        login_throttle.refuse_if_waiting(session, user.id)
        return _Account(
            user.id,
            user.password_hash,
            actor_from_user(session, user),
            user.active,
            user.must_change_password,
        )


def _admit(database: Database, account: _Account, password: str) -> Actor:
    """After a correct password: the account as it is now, the login noted and audited."""
    with database.transaction() as session:
        user = session.get(User, account.user_id)
        if user is None or user.password_hash != account.password_hash:
            # Removed, or given another password during the check: the checked password is not its own.
            raise AuthenticationError(WRONG_LOGIN)
        if not user.active:
            raise AuthenticationError(
                "Dit account is uitgeschakeld. Neem contact op met de security officer."
            )
        if not database.read_only:  # only viewing while another program works in it: write nothing
            login_throttle.clear(session, user.id)
            _note_login(session, user, password)
            audit.record(session, audit.AuditActor(user.id, user.username), "login", "user", user.id)
        return actor_from_user(session, user)


def _refuse(database: Database, account: _Account | None, username: str) -> NoReturn:
    """A wrong name or password: counted against the account (and audited), never said which."""
    if account is None or database.read_only:
        raise AuthenticationError(WRONG_LOGIN)
    with database.transaction() as session:
        audit.record(
            session, audit.AuditActor(account.user_id, username), "login_failed", "user", account.user_id
        )
        wait = login_throttle.note_failure(session, account.user_id, username)
    if wait is not None:
        raise TooManyAttemptsError(login_throttle.too_many_message(wait), wait)
    raise AuthenticationError(WRONG_LOGIN)


def _note_login(session: Session, user: User, password: str) -> None:
    # A plain UPDATE, not through the ORM: the account's version stays as it is, so that a login (also
    # a scheduled task under an account that is logged in elsewhere) never makes an edit stale, and
    # two logins of one account at once never conflict.
    values: dict[str, object] = {"last_login_at": utc_now()}
    if needs_rehash(user.password_hash):
        values["password_hash"] = hash_password(password)
    statement = update(User).where(User.id == user.id).values(**values)
    session.execute(statement.execution_options(synchronize_session=False))


def confirm_password(database: Database, actor: Actor, password: str) -> bool:
    """Unlock after the idle lock: is this the password of the user who was logged in?"""
    with database.transaction() as session:
        login_throttle.refuse_if_waiting(session, actor.user_id)  # guessing at a locked screen waits too
        user = session.get(User, actor.user_id)
        ok = user is not None and user.active and verify_password(user.password_hash, password)
        if database.read_only:
            return ok
        audit.record(session, actor.audit_actor, "unlock" if ok else "unlock_failed", "user", actor.user_id)
        wait = _count_unlock(session, actor, ok)
    if wait is not None:
        raise TooManyAttemptsError(login_throttle.too_many_message(wait), wait)
    return ok


def _count_unlock(session: Session, actor: Actor, ok: bool) -> timedelta | None:
    if ok:
        login_throttle.clear(session, actor.user_id)
        return None
    return login_throttle.note_failure(session, actor.user_id, actor.username)


def must_change_password(database: Database, actor: Actor) -> bool:
    with database.transaction() as session:
        user = session.get(User, actor.user_id)
        return bool(user and user.must_change_password)


def change_own_password(database: Database, actor: Actor, current: str, new: str) -> None:
    try:
        check_password_strength(new)
    except ValueError as error:
        raise BadInputError(str(error)) from error
    with database.transaction() as session:
        user = session.get(User, actor.user_id)
        if user is None or not verify_password(user.password_hash, current):
            raise AuthenticationError("Het huidige wachtwoord klopt niet.")
        user.password_hash = hash_password(new)
        user.must_change_password = False
        audit.record(session, actor.audit_actor, "password_changed", "user", user.id)
