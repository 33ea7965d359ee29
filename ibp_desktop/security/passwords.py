"""Password hashing with Argon2id (memory-hard), via argon2-cffi."""

from __future__ import annotations

import base64
import binascii
import hmac
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

    With ``meanwhile`` the check runs on other threads while ``meanwhile`` runs on this one (see
    PasswordCheck).
    """
    if meanwhile is None:
        return _verify(password_hash, password)
    return PasswordCheck(password_hash, password).result(meanwhile)


class PasswordCheck:
    """Checking ``password`` against ``password_hash`` on a thread of its own, from now on.

    argon2-cffi releases the GIL, so the check and work of the caller (opening the database, imports,
    fonts) overlap. libargon2 computes the hash's lanes (4) on a thread each; with ``one_core`` all on
    the check's one thread instead (``_verify_on_one_core``): a command that has much to do meanwhile
    keeps its own core on a two-core machine. ``result`` waits for the answer (the full Argon2id cost,
    always).
    """

    def __init__(self, password_hash: str, password: str, *, one_core: bool = False) -> None:
        self.password_hash = password_hash
        self._outcome: list[bool | Exception] = []
        self._one_core = one_core
        self._thread = threading.Thread(target=self._check, args=(password,), name="argon2", daemon=True)
        self._thread.start()

    def _check(self, password: str) -> None:
        verify = _verify_on_one_core if self._one_core else _verify
        try:
            self._outcome.append(verify(self.password_hash, password))
        except Exception as error:  # raised by result(), on the caller's thread
            self._outcome.append(error)

    def result(self, meanwhile: Callable[[], object] | None = None) -> bool:
        """The answer; ``meanwhile`` runs first, while the check goes on. Only the answer of the check
        counts: an error of ``meanwhile`` is logged and left to the real work to meet again (it is an
        optimisation, never a condition)."""
        try:
            if meanwhile is not None:
                meanwhile()
        except Exception as error:
            log.warning("preparation during the password check failed (%s)", type(error).__name__)
        finally:
            self._thread.join()
        outcome = self._outcome[0]
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _verify_on_one_core(password_hash: str, password: str) -> bool:
    """The same check as ``_verify`` (the hash's own type, version, memory, passes and lanes), with all
    lanes computed by this one thread: through argon2-cffi's documented low-level ``core`` binding,
    the function libargon2's own verify calls after parsing the hash (with one thread per lane).

    Anything but a plain Argon2 hash of version 1.3 goes through ``_verify`` unchanged.
    """
    from _argon2_cffi_bindings import lib  # argon2-cffi's own C binding (argon2.low_level re-uses it)
    from argon2 import extract_parameters
    from argon2.low_level import core, ffi

    parts = password_hash.split("$")
    try:
        parameters = extract_parameters(password_hash)
        salt, expected = _unpadded_b64(parts[4]), _unpadded_b64(parts[5])
    except (InvalidHashError, IndexError, ValueError, binascii.Error):
        return _verify(password_hash, password)
    if len(parts) != 6 or parameters.version != lib.ARGON2_VERSION_13:
        return _verify(password_hash, password)
    secret = password.encode("utf-8")  # PasswordHasher's encoding
    # The context only points at these buffers: they must stay referenced until core() has returned.
    out = ffi.new("uint8_t[]", len(expected))
    secret_buffer, salt_buffer = ffi.new("uint8_t[]", secret), ffi.new("uint8_t[]", salt)
    context = ffi.new(
        "argon2_context *",
        {
            "out": out,
            "outlen": len(expected),
            "pwd": secret_buffer,
            "pwdlen": len(secret),
            "salt": salt_buffer,
            "saltlen": len(salt),
            "secret": ffi.NULL,
            "secretlen": 0,
            "ad": ffi.NULL,
            "adlen": 0,
            "t_cost": parameters.time_cost,
            "m_cost": parameters.memory_cost,
            "lanes": parameters.parallelism,
            "threads": 1,
            "version": parameters.version,
            "allocate_cbk": ffi.NULL,
            "free_cbk": ffi.NULL,
            "flags": lib.ARGON2_DEFAULT_FLAGS,
        },
    )
    if core(context, parameters.type.value) != lib.ARGON2_OK:
        return False  # as libargon2's verify: parameters it refuses verify nothing
    return hmac.compare_digest(bytes(ffi.buffer(out)), expected)


def _unpadded_b64(text: str) -> bytes:
    """The salt and hash fields of an encoded hash: standard base64 without its '=' padding."""
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)


# A fixed hash to verify against when the user name does not exist, so that a wrong user name costs
# as much time as a wrong password and does not reveal which accounts exist.
@cache
def dummy_hash() -> str:
    return hash_password("ibp-desktop-no-such-user")
