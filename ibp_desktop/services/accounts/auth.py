"""Logging in, unlocking after the idle lock, and changing one's own password."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

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

WRONG_LOGIN = "Gebruikersnaam of wachtwoord klopt niet. Probeer het opnieuw."


def start_login_check(database: Database, username: str, password: str) -> PasswordCheck:
    """Start checking ``password`` for ``username`` now, on another core, while the caller goes on
    (opening checks, imports); ``login(started=...)`` then uses its answer. Reads only the stored hash;
    an unknown name is checked against a fixed hash at the same cost (see login)."""
    with database.transaction() as session:
        stored = session.scalar(select(User.password_hash).where(User.username == _login_name(username)))
    return PasswordCheck(stored or dummy_hash(), password)


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
    stored now (a password changed since is checked again), and only after the login throttle allows it.
    """
    failed_user: int | None = None
    with database.transaction() as session:
        user = session.scalars(select(User).where(User.username == _login_name(username))).first()
        if user is None:
            _password_matches(dummy_hash(), password, meanwhile, started)  # same cost as a real check
            raise AuthenticationError(WRONG_LOGIN)
        login_throttle.refuse_if_waiting(session, user.id)
        if _password_matches(user.password_hash, password, meanwhile, started):
            if not user.active:
                raise AuthenticationError(
                    "Dit account is uitgeschakeld. Neem contact op met de security officer."
                )
            if database.read_only:  # only viewing while another program works in it: write nothing
                return actor_from_user(session, user)
            login_throttle.clear(session, user.id)
            _note_login(session, user, password)
            audit.record(session, audit.AuditActor(user.id, user.username), "login", "user", user.id)
            return actor_from_user(session, user)
        failed_user = user.id
    if database.read_only:
        raise AuthenticationError(WRONG_LOGIN)
    assert failed_user is not None
    with database.transaction() as session:
        audit.record(session, audit.AuditActor(failed_user, username), "login_failed", "user", failed_user)
        wait = login_throttle.note_failure(session, failed_user, username)
    if wait is not None:
        raise TooManyAttemptsError(login_throttle.too_many_message(wait), wait)
    raise AuthenticationError(WRONG_LOGIN)


def _login_name(username: str) -> str:
    return username.strip().lower()


def _password_matches(
    password_hash: str, password: str, meanwhile: Callable[[], object] | None, started: PasswordCheck | None
) -> bool:
    if started is not None and started.password_hash == password_hash:
        return started.result(meanwhile)
    return verify_password(password_hash, password, meanwhile=meanwhile)


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
