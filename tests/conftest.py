"""Shared fixtures: offscreen Qt, a trusted in-memory keyring, fast password hashing, and a school
database on SQLCipher and on a real PostgreSQL server."""

from __future__ import annotations

import os

# Before anything imports Qt: without a display pytest-qt would abort the interpreter.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend

pytest_plugins = ["tests.pg_server"]

TEST_PASSWORD = "Correct-Paard-Batterij"


class MemoryKeyring(KeyringBackend):
    """Stands in for the OS credential store; marked trusted so the program accepts it."""

    priority = 1  # type: ignore[assignment]
    ibp_trusted = True

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with small parameters: the real ones (64 MiB) are checked in tests/security."""
    from argon2 import PasswordHasher

    from ibp_desktop.security import passwords

    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", lambda: cheap)
    passwords.dummy_hash.cache_clear()


@dataclass
class SchoolDb:
    """A freshly set-up school: the open database, the first account, its school."""

    location: Any
    database: Any
    actor: Any
    school_id: int


def make_school_db(location: Any) -> SchoolDb:
    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.database.connection import open_location
    from ibp_desktop.services.database.setup import NewSchool, initialise

    school = NewSchool(
        "Stichting Test",
        "OBS Şükrü & Łucja",
        "12AB",
        "eerste",
        "Anne-Fleur van der Berg-de Vries",
        TEST_PASSWORD,
    )
    result = initialise(location, school)
    database = open_location(location)
    return SchoolDb(location, database, login(database, "eerste", TEST_PASSWORD), result.school_id)


@pytest.fixture(params=["sqlcipher", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend_location(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """A place for a new database: an encrypted file, or an empty database on the test server."""
    from ibp_desktop.services.database.connection import Location

    if request.param == "sqlcipher":
        return Location(data_dir=tmp_path / "data")
    return Location(data_dir=tmp_path / "data", database_url=request.getfixturevalue("postgres_url"))


@pytest.fixture
def school_db(backend_location: Any) -> Iterator[SchoolDb]:
    school = make_school_db(backend_location)
    yield school
    school.database.dispose()


@pytest.fixture
def sqlcipher_school(tmp_path: Path) -> Iterator[SchoolDb]:
    from ibp_desktop.services.database.connection import Location

    school = make_school_db(Location(data_dir=tmp_path / "data"))
    yield school
    school.database.dispose()
