"""Shared fixtures: offscreen Qt, a trusted in-memory keyring, fast password hashing, and a school
database on SQLCipher and on a real PostgreSQL server."""

from __future__ import annotations

import os

# Before anything imports Qt: without a display pytest-qt would abort the interpreter.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def own_keyring() -> Iterator[MemoryKeyring]:
    """A fresh in-memory keyring for the block, the previous one back afterwards."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@contextmanager
def made_once() -> Iterator[MemoryKeyring]:
    """For what a session fixture makes once and hands out as copies: a keyring of its own (the copies
    get its secrets) and the tests' cheap password hash."""
    with own_keyring() as backend, cheap_password_hashing():
        yield backend


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    with own_keyring() as backend:
        yield backend


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


def _new_school() -> Any:
    from ibp_desktop.services.database.setup import NewSchool

    return NewSchool(
        "Stichting Test",
        "OBS Şükrü & Łucja",
        "12AB",
        "eerste",
        "Anne-Fleur van der Berg-de Vries",
        TEST_PASSWORD,
    )


def make_school_db(location: Any) -> SchoolDb:
    """Set up a new school at ``location`` with the program's own set-up, then log in."""
    from ibp_desktop.services.database.setup import initialise

    result = initialise(location, _new_school())
    return _open_and_log_in(location, result.school_id)


def _open_and_log_in(location: Any, school_id: int) -> SchoolDb:
    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.database.connection import open_location

    database = open_location(location)
    return SchoolDb(location, database, login(database, "eerste", TEST_PASSWORD), school_id)


@dataclass(frozen=True)
class SchoolTemplate:
    """A school set up once per test process; each test gets a copy (file copy or TEMPLATE database).

    Setting up runs all migrations (~0.15 s); a copy takes a few milliseconds. ``secrets`` is what the
    set-up left in the keyring (database key, audit anchor), handed to each test's own keyring."""

    school_id: int
    secrets: dict[tuple[str, str], str]
    data_dir: Path | None = None
    database_name: str | None = None
    url: str | None = None


@contextmanager
def cheap_password_hashing() -> Iterator[None]:
    """For session fixtures, made before the per-test ``fast_password_hashing``: a hash made with the
    real parameters would make every later log-in verify 64 MiB Argon2 (and rehash)."""
    from argon2 import PasswordHasher

    from ibp_desktop.security import passwords

    previous = passwords._hasher
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    passwords._hasher = lambda: cheap
    passwords.dummy_hash.cache_clear()
    try:
        yield
    finally:
        passwords._hasher = previous
        passwords.dummy_hash.cache_clear()


def _build_template(location: Any) -> SchoolTemplate:
    """Run the real set-up with the tests' cheap password hash and a keyring of its own."""
    from ibp_desktop.services.database.setup import initialise

    with made_once() as backend:
        result = initialise(location, _new_school())
    return SchoolTemplate(result.school_id, dict(backend.secrets))


@pytest.fixture(scope="session")
def sqlcipher_template(tmp_path_factory: pytest.TempPathFactory) -> SchoolTemplate:
    from ibp_desktop.services.database.connection import Location

    data_dir = tmp_path_factory.mktemp("school-template") / "data"
    made = _build_template(Location(data_dir=data_dir))
    return SchoolTemplate(made.school_id, made.secrets, data_dir=data_dir)


@pytest.fixture(scope="session")
def postgres_template(postgres_server: Any) -> SchoolTemplate:
    from ibp_desktop.services.database.connection import Location

    name = "ibp_school_template"
    url = postgres_server.create_database(name)
    made = _build_template(Location(data_dir=Path("/nonexistent-template-dir"), database_url=url))
    return SchoolTemplate(made.school_id, made.secrets, database_name=name, url=url)


def copy_template_school(template: SchoolTemplate, location: Any, keyring_backend: MemoryKeyring,
                         server: Any = None) -> SchoolDb:
    """A school as if set up at ``location`` just now: the template's files or database, and its secrets."""
    import shutil

    from ibp_desktop.services.database.connection import server_account

    if location.database_url is None:
        assert template.data_dir is not None
        shutil.copytree(template.data_dir, location.data_dir)
        keyring_backend.secrets.update(template.secrets)
    else:
        assert server is not None and template.url is not None and template.database_name is not None
        server.recreate_from_template(location.database_url, template.database_name)
        old, new = server_account(template.url), server_account(location.database_url)
        for (service, account), secret in template.secrets.items():
            keyring_backend.secrets[(service, new if account == old else account)] = secret
    return _open_and_log_in(location, template.school_id)


@pytest.fixture(params=["sqlcipher", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend_location(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """A place for a new database: an encrypted file, or an empty database on the test server."""
    from ibp_desktop.services.database.connection import Location

    if request.param == "sqlcipher":
        return Location(data_dir=tmp_path / "data")
    return Location(data_dir=tmp_path / "data", database_url=request.getfixturevalue("postgres_url"))


@pytest.fixture
def school_db(backend_location: Any, request: pytest.FixtureRequest,
              memory_keyring: MemoryKeyring) -> Iterator[SchoolDb]:
    if backend_location.database_url is None:
        template = request.getfixturevalue("sqlcipher_template")
        school = copy_template_school(template, backend_location, memory_keyring)
    else:
        template = request.getfixturevalue("postgres_template")
        server = request.getfixturevalue("postgres_server")
        school = copy_template_school(template, backend_location, memory_keyring, server)
    yield school
    school.database.dispose()


@pytest.fixture(scope="session")
def _derived_templates() -> dict[tuple[str, bool], tuple[SchoolTemplate, Any]]:
    return {}


@pytest.fixture
def school_from_template(
    request: pytest.FixtureRequest, backend_location: Any, memory_keyring: MemoryKeyring,
    _derived_templates: dict[tuple[str, bool], tuple[SchoolTemplate, Any]],
) -> Iterator[Any]:
    """``school_from_template(name, build)``: a copy of the test school after ``build(school)`` ran on it,
    and what ``build`` returned. Like ``school_db``, on SQLCipher and PostgreSQL; ``build`` runs once per
    name, backend and test process (for fixtures that add a whole board of accounts to every test)."""
    opened: list[SchoolDb] = []
    server = None if backend_location.database_url is None else request.getfixturevalue("postgres_server")

    def make(name: str, build: Any) -> tuple[SchoolDb, Any]:
        key = (name, server is None)
        if key not in _derived_templates:
            _derived_templates[key] = _derive_template(request, name, build, server)
        template, built = _derived_templates[key]
        school = copy_template_school(template, backend_location, memory_keyring, server)
        opened.append(school)
        return school, built

    yield make
    for school in opened:
        school.database.dispose()


def _derive_template(
    request: pytest.FixtureRequest, name: str, build: Any, server: Any
) -> tuple[SchoolTemplate, Any]:
    from ibp_desktop.services.database.connection import Location

    if server is None:
        base = request.getfixturevalue("sqlcipher_template")
        data_dir = request.getfixturevalue("tmp_path_factory").mktemp(f"template-{name}") / "data"
        location = Location(data_dir=data_dir)
    else:
        base = request.getfixturevalue("postgres_template")
        database_name = f"ibp_template_{name}"
        location = Location(data_dir=Path("/nonexistent-template-dir"),
                            database_url=server.create_database(database_name))
    with made_once() as private:
        school = copy_template_school(base, location, private, server)
        try:
            built = build(school)
        finally:
            school.database.dispose()
    if server is None:
        return SchoolTemplate(base.school_id, dict(private.secrets), data_dir=location.data_dir), built
    return SchoolTemplate(base.school_id, dict(private.secrets), database_name=database_name,
                          url=location.database_url), built


@pytest.fixture
def sqlcipher_school(tmp_path: Path, sqlcipher_template: SchoolTemplate,
                     memory_keyring: MemoryKeyring) -> Iterator[SchoolDb]:
    from ibp_desktop.services.database.connection import Location

    school = copy_template_school(sqlcipher_template, Location(data_dir=tmp_path / "data"), memory_keyring)
    yield school
    school.database.dispose()


@pytest.fixture(scope="session")
def _demo_sources(tmp_path_factory: pytest.TempPathFactory) -> dict[Any, Path]:
    return {}


@pytest.fixture
def demo_copy(_demo_sources: dict[Any, Path], tmp_path_factory: pytest.TempPathFactory,
              tmp_path: Path) -> Any:
    """``demo_copy(today)``: a fresh copy of the demo school as made on ``today``; each day's demo is made
    once per test process (with the tests' cheap password hash and a keyring of its own)."""
    import shutil

    from ibp_desktop.services.database.connection import Location
    from ibp_desktop.services.demo.school import create_demo

    def make(today: Any) -> Any:
        source = _demo_sources.get(today)
        if source is None:
            source = tmp_path_factory.mktemp("demo") / "data"
            with made_once():
                create_demo(Location(data_dir=source), today)
            _demo_sources[today] = source
        target = tmp_path / "demo"
        shutil.copytree(source, target)
        return Location(data_dir=target)

    return make
