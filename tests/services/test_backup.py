"""Encrypted backups: made with the online backup API, checked, rotated, and restored safely."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from ibp_desktop.cli import main
from ibp_desktop.core.roles import Role
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.database import backup as backups
from ibp_desktop.services.database.backup import BackupError, make_backup
from ibp_desktop.services.database.check import run_check
from ibp_desktop.services.database.connection import KeyNeededError, open_location
from ibp_desktop.services.database.restore import Credentials, restore_backup
from ibp_desktop.services.location import Location
from tests.conftest import TEST_PASSWORD, MemoryKeyring, SchoolDb

WHO = Credentials(username="eerste", password=TEST_PASSWORD)


def test_backup_is_encrypted_checked_and_remembered(sqlcipher_school: SchoolDb, tmp_path: Path) -> None:
    info = make_backup(sqlcipher_school.database, sqlcipher_school.location, tmp_path / "usb")
    assert info.path.parent == tmp_path / "usb" and info.path.name.startswith("ibp-backup-")
    raw = info.path.read_bytes()
    assert "Łucja".encode() not in raw and b"SQLite format" not in raw
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(info.path).execute("SELECT 1 FROM sqlite_master").fetchone()
    assert json.loads(info.path.with_suffix(".json").read_text())["sha256"] == info.sha256
    assert not list((tmp_path / "usb").glob("*.partial"))
    report = run_check(sqlcipher_school.database)
    assert any("Laatste goede back-up" in line for line in report.findings)


def test_no_backup_or_an_old_one_is_a_warning(
    sqlcipher_school: SchoolDb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert any("nog nooit een back-up" in w for w in run_check(sqlcipher_school.database).warnings)
    make_backup(sqlcipher_school.database, sqlcipher_school.location, tmp_path / "b")
    later = backups.utc_now() + timedelta(days=8)
    monkeypatch.setattr("ibp_desktop.store.types.utc_now", lambda: later)
    report = run_check(sqlcipher_school.database)
    assert report.ok and any("langer dan 7 dagen" in w for w in report.warnings)


def test_restore_brings_back_the_data_and_keeps_the_current_one_aside(
    sqlcipher_school: SchoolDb, tmp_path: Path
) -> None:
    db, location = sqlcipher_school.database, sqlcipher_school.location
    info = make_backup(db, location, tmp_path / "b")
    UserService(db, sqlcipher_school.actor).add_user(
        "na-backup", "Na Back-up", "Tijdelijk-123", frozenset({Role.ICT})
    )
    db.dispose()
    result = restore_backup(location, info.path, WHO)
    assert result.previous_copy is not None and result.previous_copy.exists()
    restored = open_location(location)
    names = [u.username for u in UserService(restored, login(restored, "eerste", TEST_PASSWORD)).list_users()]
    assert "na-backup" not in names  # the state of the backup
    restored.dispose()
    aside = Location(data_dir=tmp_path / "aside")
    aside.data_dir.mkdir()
    result.previous_copy.rename(aside.db_path)
    result.previous_copy.with_suffix(".json").rename(aside.info_path)
    kept = open_location(aside)
    assert "na-backup" in [
        u.username for u in UserService(kept, login(kept, "eerste", TEST_PASSWORD)).list_users()
    ]
    kept.dispose()


def test_restore_on_a_new_pc_needs_the_recovery_key(
    sqlcipher_school: SchoolDb, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    info = make_backup(sqlcipher_school.database, sqlcipher_school.location, tmp_path / "b")
    key_hex = next(iter(memory_keyring.secrets.values()))
    memory_keyring.secrets.clear()  # another computer
    new_pc = Location(data_dir=tmp_path / "nieuwe-pc")
    with pytest.raises(KeyNeededError):
        restore_backup(new_pc, info.path, WHO)
    from ibp_desktop.security.keys import format_recovery_key

    result = restore_backup(new_pc, info.path, WHO, format_recovery_key(bytes.fromhex(key_hex)))
    assert result.previous_copy is None
    database = open_location(new_pc)  # the key went into this PC's keyring
    login(database, "eerste", TEST_PASSWORD)
    database.dispose()


def test_a_damaged_backup_is_refused_and_nothing_is_replaced(
    sqlcipher_school: SchoolDb, tmp_path: Path
) -> None:
    db, location = sqlcipher_school.database, sqlcipher_school.location
    info = make_backup(db, location, tmp_path / "b")
    data = bytearray(info.path.read_bytes())
    data[5000] ^= 0xFF
    info.path.write_bytes(bytes(data))
    before = location.db_path.read_bytes()
    with pytest.raises(BackupError, match="controlegetal klopt niet"):
        restore_backup(location, info.path, WHO)
    info.path.with_suffix(".json").unlink()  # without its sidecar the pages themselves are checked
    with pytest.raises(BackupError, match="beschadigd"):
        restore_backup(location, info.path, WHO)
    assert location.db_path.read_bytes() == before


def test_rotation_keeps_a_bounded_set(
    sqlcipher_school: SchoolDb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = backups.utc_now()
    for day in range(30):
        moment = start + timedelta(days=day)
        monkeypatch.setattr(backups, "utc_now", lambda moment=moment: moment)
        make_backup(sqlcipher_school.database, sqlcipher_school.location, tmp_path / "b")
    kept = backups.list_backups(tmp_path / "b")
    assert 7 <= len(kept) <= 12
    assert kept[0].created_at.date() == (start + timedelta(days=29)).date()


def test_backup_if_due_only_once_a_day(sqlcipher_school: SchoolDb, tmp_path: Path) -> None:
    db, location = sqlcipher_school.database, sqlcipher_school.location
    assert backups.backup_if_due(db, location) is not None
    assert backups.backup_if_due(db, location) is None
    assert len(backups.list_backups(location.data_dir / "back-ups")) == 1


def test_backup_and_restore_commands(
    sqlcipher_school: SchoolDb,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    data_dir = str(sqlcipher_school.location.data_dir)
    sqlcipher_school.database.dispose()
    target = tmp_path / "usb" / "handmatig.sqlite3"
    assert main(["backup", "--data-dir", data_dir, "-o", str(target)]) == 0
    assert "gecontroleerd" in capsys.readouterr().out and target.exists()
    assert main(["restore", "--data-dir", data_dir, str(target), "--user", "eerste"]) == 0
    assert "is bewaard als" in capsys.readouterr().out
    missing = str(tmp_path / "bestaat-niet.sqlite3")
    assert main(["restore", "--data-dir", data_dir, missing, "--user", "eerste"]) == 2
