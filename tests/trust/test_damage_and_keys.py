"""A damaged file says "herstel een back-up" and names the last good one (not "De sleutel past niet");
a wrong key in the keyring falls back to the recovery key; a read-only folder, a full disk and a missing
database beside set-aside copies each get one Dutch message (issue 14, findings 2, 5 and 6)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from sqlalchemy import text

from ibp_desktop.cli import main
from ibp_desktop.core.errors import DatabaseDamagedError, DataFolderReadOnlyError, DiskFullError
from ibp_desktop.core.roles import Role
from ibp_desktop.security import keys
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.database.backup import make_backup
from ibp_desktop.services.database.connection import (
    KeyNeededError,
    Location,
    NoDatabaseError,
    open_location,
    read_info,
)
from ibp_desktop.services.database.setup import NewSchool, initialise
from ibp_desktop.store.file_lock import FileLock
from tests.conftest import TEST_PASSWORD, MemoryKeyring, SchoolDb


def _cut(path: Path, size: int) -> None:
    data = path.read_bytes()
    assert len(data) > size
    path.write_bytes(data[:size])


@pytest.mark.parametrize(
    "size", [0, 4096 * 2 + 1000, 4096 * 5], ids=["empty file", "partial page", "at a page boundary"]
)
def test_a_cut_short_database_names_the_last_good_backup(
    sqlcipher_school: SchoolDb, tmp_path: Path, size: int
) -> None:
    backup = make_backup(sqlcipher_school.database, sqlcipher_school.location, tmp_path / "usb")
    sqlcipher_school.database.dispose()
    _cut(sqlcipher_school.location.db_path, size)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_location(sqlcipher_school.location)
    message = str(caught.value)
    assert "Herstel een back-up" in message and str(backup.path) in message
    assert "sleutel" not in message.lower() and "malformed" not in message
    assert sqlcipher_school.location.db_path.stat().st_size == size  # nothing was made of it


def test_the_command_line_says_the_same_with_exit_1(
    sqlcipher_school: SchoolDb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sqlcipher_school.database.dispose()
    _cut(sqlcipher_school.location.db_path, 4096 * 3 + 7)
    assert main(["check", "--data-dir", str(sqlcipher_school.location.data_dir)]) == 1
    err = capsys.readouterr().err
    assert "beschadigd of ingekort" in err and "Traceback" not in err and "De sleutel past niet" not in err


def test_a_wrong_key_in_the_keyring_falls_back_to_the_recovery_key(
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    location = Location(data_dir=tmp_path / "data")
    school = NewSchool("Stichting", "OBS De Wilgen", "12AB", "eerste", "Eerste", TEST_PASSWORD)
    recovery = initialise(location, school).recovery_key
    database_id = read_info(location).database_id
    keys.store_database_key(database_id, keys.new_database_key())  # someone else's key, or an old one
    with pytest.raises(KeyNeededError, match="herstelsleutel"):
        open_location(location)
    monkeypatch.setenv("IBP_DESKTOP_RECOVERY_KEY", recovery)
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    assert main(["users", "list", "--user", "eerste", "--data-dir", str(location.data_dir)]) == 0
    assert keys.load_database_key(database_id) == keys.parse_recovery_key(
        recovery
    )  # the keyring is right again
    open_location(location).dispose()  # now without the recovery key


def test_no_database_but_set_aside_copies_is_said_instead_of_a_new_school(sqlcipher_school: SchoolDb) -> None:
    location = sqlcipher_school.location
    sqlcipher_school.database.dispose()
    aside = location.data_dir / "ibp.voor-herstel-20261206-120000.sqlite3"
    location.db_path.rename(aside)
    with pytest.raises(NoDatabaseError) as caught:
        open_location(location)
    assert aside.name in str(caught.value) and "geen nieuwe school" in str(caught.value)


def test_a_read_only_data_folder_is_said_in_dutch(
    sqlcipher_school: SchoolDb, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sqlcipher_school.database.dispose()

    def read_only(_path: Path) -> FileLock:  # what os.open says on a read-only mount (also for root)
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(FileLock, "acquire", staticmethod(read_only))
    with pytest.raises(DataFolderReadOnlyError, match="kan het programma niet schrijven"):
        open_location(sqlcipher_school.location)
    data = ["--data-dir", str(sqlcipher_school.location.data_dir)]
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    assert main(["users", "list", "--user", "eerste", *data]) == 1
    err = capsys.readouterr().err
    assert "--data-dir" in err and "Traceback" not in err and "Errno" not in err
    assert main(["check", *data]) == 0  # checking needs no writing: it looks read-only
    out = capsys.readouterr()
    assert "alleen-lezen" in out.err and "Alles in orde" in out.out


@pytest.mark.skipif(hasattr(__import__("os"), "geteuid") and __import__("os").geteuid() == 0, reason="root")
def test_a_folder_without_write_permission_is_said_in_dutch(sqlcipher_school: SchoolDb) -> None:
    sqlcipher_school.database.dispose()
    folder = sqlcipher_school.location.data_dir
    folder.chmod(0o500)
    try:
        with pytest.raises(DataFolderReadOnlyError):
            open_location(sqlcipher_school.location)
    finally:
        folder.chmod(0o700)


def test_a_full_disk_saves_nothing_and_shows_no_data(school_db: SchoolDb) -> None:
    if not school_db.database.is_sqlite:
        pytest.skip("SQLite's page limit stands in for a full disk")
    with school_db.database.engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar_one()
    # Every new connection may grow the file by no page at all: SQLite says "database or disk is full".
    from sqlalchemy import event

    event.listen(
        school_db.database.engine,
        "connect",
        lambda dbapi, _record: dbapi.execute(f"PRAGMA max_page_count = {pages}"),
    )
    school_db.database.engine.dispose()
    users = UserService(school_db.database, school_db.actor)
    with pytest.raises(DiskFullError) as caught:
        for n in range(200):
            users.add_user(
                f"u{n}", "Anne-Fleur van der Berg-de Vries " * 5, "Tijdelijk-123", frozenset({Role.ICT})
            )
    message = str(caught.value)
    assert "schijf is vol" in message and "Anne-Fleur" not in message and "INSERT" not in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
