"""Which credential store the program uses: the trusted one of this platform, found without importing
every backend keyring knows (on Linux its macOS backend alone searched for Apple's libraries with
ldconfig and gcc on every command), and the same answer keyring's own detection gives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import keyring
import keyring.core
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from ibp_desktop.security import keys

ROOT = Path(__file__).resolve().parents[2]
HERE = "tests.security.test_keyring_choice"


class WorkingStore(KeyringBackend):
    priority = 5  # type: ignore[assignment]
    ibp_trusted = True

    def get_password(self, service: str, username: str) -> str | None:
        return "geheim" if username == "school" else None

    def set_password(self, service: str, username: str, password: str) -> None:
        pass

    def delete_password(self, service: str, username: str) -> None:
        pass


class OtherWorkingStore(WorkingStore):
    pass


@pytest.fixture
def undecided(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """As in a fresh process: no backend chosen yet, nothing configured for keyring."""
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(keyring.core, "load_config", lambda: None)
    return monkeypatch


def _platform(patch: pytest.MonkeyPatch, *class_paths: str) -> None:
    patch.setattr(keys, "_PLATFORM_BACKENDS", {sys.platform: class_paths})


def test_the_one_working_store_of_the_platform_is_used(undecided: pytest.MonkeyPatch) -> None:
    _platform(undecided, f"{HERE}.WorkingStore", "tests.security.no_such_module.Keyring")
    assert isinstance(keys.trusted_keyring(), WorkingStore)
    assert keys.trusted_keyring().get_password("IBP Desktop", "school") == "geheim"


def test_no_working_store_means_the_recovery_key(undecided: pytest.MonkeyPatch) -> None:
    _platform(undecided, "tests.security.no_such_module.Keyring")
    assert isinstance(keys._platform_backend(), fail.Keyring)
    with pytest.raises(keys.KeyringUnavailableError):
        keys.trusted_keyring()
    assert keys.load_database_key("school") is None


def test_several_working_stores_are_left_to_keyring(undecided: pytest.MonkeyPatch) -> None:
    """keyring chains them (a key kept in either is found); the program does not choose one."""
    _platform(undecided, f"{HERE}.WorkingStore", f"{HERE}.OtherWorkingStore")
    assert keys._platform_backend() is None


def test_a_configured_backend_is_used_as_keyring_would(undecided: pytest.MonkeyPatch) -> None:
    undecided.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    _platform(undecided, f"{HERE}.WorkingStore")
    assert isinstance(keys._platform_backend(), null.Keyring)
    with pytest.raises(keys.KeyringUnavailableError):  # the null backend keeps nothing: refused
        keys.trusted_keyring()


def test_a_store_set_by_the_program_or_a_test_is_kept(memory_keyring: KeyringBackend) -> None:
    assert keys.trusted_keyring() is memory_keyring


def test_same_trust_as_keyrings_own_detection_without_other_platforms_backends() -> None:
    """In a fresh process on this machine: the program's choice is trusted exactly when keyring's own
    detection finds a trusted store, and it imports no backend of another platform."""
    code = (
        "import sys, keyring, keyring.core\n"
        "from ibp_desktop.security import keys\n"
        "ours = keys._backend()\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('keyring.backends.'))\n"
        "keyring.core._keyring_backend = None\n"
        "theirs = keyring.get_keyring()\n"
        "print(keys.backend_is_trusted(ours), keys.backend_is_trusted(theirs), loaded)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    ours, theirs, loaded = done.stdout.split(" ", 2)
    assert ours == theirs
    others = {"linux": ("macOS", "Windows"), "win32": ("macOS", "SecretService"), "darwin": ("Windows",)}
    for name in others.get(sys.platform, ()):
        assert f"'keyring.backends.{name}" not in loaded


@pytest.mark.parametrize("bus", [None, "unix:path=/nonexistent/ibp-test-bus"])
def test_without_a_session_bus_the_secret_service_is_not_even_imported(bus: str | None) -> None:
    """The same answer as keyring's own SecretService backend, in a fresh process: without a D-Bus
    session it cannot work (and is not imported); with one that does not answer it is asked and says no."""
    code = (
        "import sys\n"
        "from ibp_desktop.security import keys\n"
        "ours = keys._working('keyring.backends.SecretService.Keyring')\n"
        "imported = 'secretstorage' in sys.modules\n"
        "from keyring.backends import SecretService\n"
        "print(ours is None, imported, SecretService.Keyring.viable)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    if bus is not None:
        env["DBUS_SESSION_BUS_ADDRESS"] = bus
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["True", str(bus is not None), "False"]
