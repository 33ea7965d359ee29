"""Password hashing with Argon2id (memory-hard), via argon2-cffi."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


@cache
def _hasher() -> PasswordHasher:
    # argon2-cffi's defaults follow RFC 9106's second recommendation (64 MiB, 3 passes).
    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
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
