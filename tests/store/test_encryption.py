"""The database file is SQLCipher-encrypted: unreadable without the key, and a wrong key is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ibp_desktop.security import keys
from ibp_desktop.services.database.connection import KeyNeededError, Location, open_location, read_info
from ibp_desktop.services.database.setup import NewSchool, initialise
from ibp_desktop.store.database import WrongKeyError, open_sqlcipher
from tests.conftest import TEST_PASSWORD, MemoryKeyring

SCHOOL = NewSchool(
    "Stichting Wiśniewska", "Basisschool De Zonnewijzer", "34CD", "admin", "Şükrü Yılmaz", TEST_PASSWORD
)


@pytest.fixture
def location(tmp_path: Path) -> Location:
    return Location(data_dir=tmp_path / "school")


def test_plain_sqlite_cannot_read_the_file(location: Location) -> None:
    initialise(location, SCHOOL)
    connection = sqlite3.connect(location.db_path)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    connection.close()


def test_no_school_or_user_name_in_the_bytes(location: Location) -> None:
    initialise(location, SCHOOL)
    raw = location.db_path.read_bytes() + location.info_path.read_bytes()
    for text in ("Zonnewijzer", "Wiśniewska", "Yılmaz", "admin", "34CD", "SQLite format"):
        assert text.encode("utf-8") not in raw


def test_wrong_key_is_refused_with_a_dutch_message(location: Location) -> None:
    initialise(location, SCHOOL)
    with pytest.raises(WrongKeyError, match="De sleutel past niet bij de database"):
        open_sqlcipher(location.db_path, bytes(32))


def test_recovery_key_opens_when_the_keyring_lost_the_key(
    location: Location, memory_keyring: MemoryKeyring
) -> None:
    result = initialise(location, SCHOOL)
    assert result.key_in_keyring
    memory_keyring.secrets.clear()  # a new PC, or a wiped credential store

    with pytest.raises(KeyNeededError, match="herstelsleutel"):
        open_location(location)
    database = open_location(location, recovery_key=result.recovery_key.lower().replace("-", " "))
    database.dispose()
    # The key is back in the keyring, so the next start needs no recovery key.
    assert keys.load_database_key(read_info(location).database_id) is not None
    open_location(location).dispose()


def test_a_mistyped_recovery_key_is_caught_before_opening(location: Location) -> None:
    result = initialise(location, SCHOOL)
    typo = ("X" if result.recovery_key[0] != "X" else "Y") + result.recovery_key[1:]
    with pytest.raises(Exception, match="herstelsleutel klopt niet"):
        open_location(location, recovery_key=typo)


def test_plain_text_keyring_is_refused(location: Location, monkeypatch: pytest.MonkeyPatch) -> None:
    class PlaintextKeyring(MemoryKeyring):
        ibp_trusted = False

    PlaintextKeyring.__module__ = "keyrings.alt.file"  # what keyrings.alt's plain-text backend is
    backend = PlaintextKeyring()
    monkeypatch.setattr(keys, "_backend", lambda: backend)
    result = initialise(location, SCHOOL)
    assert not result.key_in_keyring
    assert backend.secrets == {}  # the key was never written to it
    with pytest.raises(KeyNeededError):
        open_location(location)
    open_location(location, recovery_key=result.recovery_key).dispose()
    assert backend.secrets == {}


def test_existing_database_is_never_overwritten(location: Location) -> None:
    initialise(location, SCHOOL)
    before = location.db_path.read_bytes()
    with pytest.raises(Exception, match="staat al een database"):
        initialise(location, SCHOOL)
    assert location.db_path.read_bytes() == before


def test_secure_delete_is_on(location: Location) -> None:
    initialise(location, SCHOOL)
    database = open_location(location)
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    database.dispose()
