"""The database key: random 256 bits, kept in the OS keyring, recoverable with a printed key.

The recovery key is the database key itself in a form people can type: Crockford base32 in groups of
five, with a checksum group so that a typo is caught before we try to open the database.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import sys
from typing import Any

from ibp_desktop.core.errors import BadInputError, IbpError
from ibp_desktop.store.database import KEY_BYTES

KEYRING_SERVICE = "IBP Desktop"
DB_PASSWORD_SERVICE = "IBP Desktop PostgreSQL"

# Fictitious data only: the demo school opens on machines without any keyring (CI, a fresh Linux).
DEMO_KEY = hashlib.sha256(b"IBP Desktop demo school - fictitious data only").digest()

_STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TO_CROCKFORD = str.maketrans(_STD, _CROCKFORD)
_FROM_CROCKFORD = str.maketrans(_CROCKFORD, _STD)
_CHECKSUM_BYTES = 3

# Backends that keep secrets encrypted by the operating system. Anything else (keyrings.alt's
# plain-text and base64 files, the null and fail backends) is refused.
_TRUSTED_BACKEND_MODULES = (
    "keyring.backends.Windows",
    "keyring.backends.macOS",
    "keyring.backends.SecretService",
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",
)


class KeyringUnavailableError(IbpError):
    """No keyring that stores secrets safely: the user must type the recovery key."""


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def format_recovery_key(key: bytes) -> str:
    checksum = hashlib.sha256(key).digest()[:_CHECKSUM_BYTES]
    encoded = base64.b32encode(key + checksum).decode("ascii").rstrip("=").translate(_TO_CROCKFORD)
    return "-".join(encoded[i : i + 5] for i in range(0, len(encoded), 5))


def parse_recovery_key(text: str) -> bytes:
    """The key from what a user typed (spaces, dashes, lower case, O/0 and I/L/1 confusions forgiven)."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1").replace("U", "V")
    try:
        raw = base64.b32decode(_pad(cleaned.translate(_FROM_CROCKFORD)))
    except ValueError as error:
        raise BadInputError(
            "Deze herstelsleutel klopt niet. Controleer de tekens en probeer het opnieuw."
        ) from error
    key, checksum = raw[:KEY_BYTES], raw[KEY_BYTES:]
    if len(key) != KEY_BYTES or hashlib.sha256(key).digest()[:_CHECKSUM_BYTES] != checksum:
        raise BadInputError(
            "Deze herstelsleutel klopt niet: er is waarschijnlijk een teken verkeerd overgenomen. "
            "Controleer de sleutel op het geprinte blad en probeer het opnieuw."
        )
    return key


def _pad(text: str) -> str:
    return text + "=" * (-len(text) % 8)


# Where the trusted backends live, per platform: only these are imported and asked whether they work.
# keyring's own detection imports every backend it knows, on Linux also the macOS one, whose import
# searches for Apple's libraries with ldconfig and gcc (about 100 ms on every command).
_PLATFORM_BACKENDS = {
    "win32": ("keyring.backends.Windows.WinVaultKeyring",),
    "darwin": ("keyring.backends.macOS.Keyring",),
    "linux": (
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
    ),
}


# keyring's SecretService backend talks to the session's D-Bus through jeepney, which finds that bus
# only by DBUS_SESSION_BUS_ADDRESS: without it (SSH, a scheduled task, a server) the backend is never
# viable, and importing it (secretstorage, jeepney, cryptography) only costs a command ~15 ms.
_NEEDS_SESSION_BUS = frozenset({"keyring.backends.SecretService.Keyring"})


def _backend() -> Any:
    import keyring
    from keyring import core

    if getattr(core, "_keyring_backend", True) is None:  # nobody chose one yet (tests set their own)
        chosen = _platform_backend()
        if chosen is not None:
            keyring.set_keyring(chosen)
    return keyring.get_keyring()


def _platform_backend() -> Any | None:
    """The backend keyring would choose, found without importing the other platforms' backends.

    A backend named in PYTHON_KEYRING_BACKEND or keyringrc.cfg is used as keyring would use it. When
    no trusted backend of this platform works, keyring could only find untrusted ones, which are
    refused alike: its fail backend says so. When several work, keyring's own detection decides
    (it chains them). None means: ask keyring.
    """
    from keyring import core
    from keyring.backends import fail

    configured = core.load_env() or core.load_config()
    if configured is not None:
        return configured
    working = [backend for backend in map(_working, _PLATFORM_BACKENDS.get(sys.platform, ())) if backend]
    if len(working) > 1 or sys.platform not in _PLATFORM_BACKENDS:
        return None
    return working[0] if working else fail.Keyring()  # type: ignore[no-untyped-call]


def _working(class_path: str) -> Any | None:
    """An instance of the backend class when its module imports and it says it works here."""
    import importlib

    if class_path in _NEEDS_SESSION_BUS and not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return None

    module_name, _, class_name = class_path.rpartition(".")
    try:
        backend_class = getattr(importlib.import_module(module_name), class_name)
        return backend_class() if backend_class.viable else None
    except Exception:  # a backend whose libraries are missing on this machine
        return None


def backend_is_trusted(backend: Any) -> bool:
    """Only backends that encrypt secrets at rest; tests mark their in-memory backend explicitly."""
    if getattr(backend, "ibp_trusted", False):
        return True
    module = type(backend).__module__
    if module == "keyring.backends.chainer":
        return any(backend_is_trusted(inner) for inner in getattr(backend, "backends", []))
    return module.startswith(_TRUSTED_BACKEND_MODULES)


def trusted_keyring() -> Any:
    backend = _backend()
    if not backend_is_trusted(backend):
        raise KeyringUnavailableError(
            "Er is geen veilige sleutelbewaarplaats van het besturingssysteem beschikbaar "
            f"({type(backend).__module__}). Open de database met de herstelsleutel."
        )
    return backend


def store_database_key(database_id: str, key: bytes) -> bool:
    """Save the key in the keyring; False when no trusted keyring exists (use the recovery key)."""
    try:
        trusted_keyring().set_password(KEYRING_SERVICE, database_id, key.hex())
    except KeyringUnavailableError:
        return False
    except Exception:
        return False
    return True


def load_database_key(database_id: str) -> bytes | None:
    """The key from the keyring, or None when it is not there or no trusted keyring exists."""
    try:
        stored = trusted_keyring().get_password(KEYRING_SERVICE, database_id)
    except Exception:
        return None
    if not stored:
        return None
    try:
        key = bytes.fromhex(stored)
    except ValueError:
        return None
    return key if len(key) == KEY_BYTES else None


def store_server_password(account: str, password: str) -> bool:
    try:
        trusted_keyring().set_password(DB_PASSWORD_SERVICE, account, password)
    except Exception:
        return False
    return True


def load_server_password(account: str) -> str | None:
    try:
        value = trusted_keyring().get_password(DB_PASSWORD_SERVICE, account)
    except Exception:
        return None
    return value if isinstance(value, str) else None
