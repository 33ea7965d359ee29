"""Password hashing with Argon2id (memory-hard), via argon2-cffi."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

log = logging.getLogger(__name__)


@cache
def _hasher() -> PasswordHasher:
    # argon2-cffi's defaults follow RFC 9106's second recommendation (64 MiB, 3 passes).
    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(
    password_hash: str, password: str, *, meanwhile: Callable[[], object] | None = None
) -> bool:
    """Whether ``password`` matches ``password_hash`` (the full Argon2id cost, always).

    ``meanwhile`` runs on this thread while the hash is computed on another: argon2-cffi releases the
    GIL, so the ~0.1 s of the check and preparatory work of the caller (imports, fonts) overlap on a
    second core. Only the answer of the check counts; an error of ``meanwhile`` is logged and left to
    the real work to meet again (it is an optimisation, never a condition).
    """
    if meanwhile is None:
        return _verify(password_hash, password)
    outcome: list[bool | Exception] = []

    def check() -> None:
        try:
            outcome.append(_verify(password_hash, password))
        except Exception as error:  # raised below, on the caller's thread
            outcome.append(error)

    checker = threading.Thread(target=check, name="argon2", daemon=True)
    checker.start()
    try:
        meanwhile()
    except Exception as error:
        log.warning("preparation during the password check failed (%s)", type(error).__name__)
    finally:
        checker.join()
    if isinstance(outcome[0], Exception):
        raise outcome[0]
    return outcome[0]


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)


# A fixed hash to verify against when the user name does not exist, so that a wrong user name costs
# as much time as a wrong password and does not reveal which accounts exist.
@cache
def dummy_hash() -> str:
    return hash_password("ibp-desktop-no-such-user")
