"""Restore is a logged-in act of the security officer or the director, refused while the database is
in use, and its audit entry arrives with the restored file (issue 14, finding 2)."""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from ibp_desktop.core.errors import AuthenticationError, PermissionDeniedError, RestoreRefusedError
from ibp_desktop.core.roles import Role
from ibp_desktop.security import audit
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.database.backup import make_backup
from ibp_desktop.services.database.check import run_check
from ibp_desktop.services.database.connection import open_location
from ibp_desktop.services.database.restore import Credentials, restore_backup
from ibp_desktop.store.models import AuditEntry
from tests.conftest import TEST_PASSWORD, SchoolDb

WHO = Credentials(username="eerste", password=TEST_PASSWORD)


def _backup_then_change(school: SchoolDb, tmp_path: Path) -> Path:
    info = make_backup(school.database, school.location, tmp_path / "usb")
    users = UserService(school.database, school.actor)
    users.add_user("na-backup", "Na De Back-up", "Tijdelijk-123", frozenset({Role.ICT}))
    temporary = users.add_user(
        "kees", "Kees Administratie", "Tijdelijk-123", frozenset({Role.ADMINISTRATION})
    )
    assert temporary
    return info.path


def _usernames(school: SchoolDb) -> set[str]:
    database = open_location(school.location)
    try:
        return {
            u.username for u in UserService(database, login(database, "eerste", TEST_PASSWORD)).list_users()
        }
    finally:
        database.dispose()


def test_restore_is_refused_while_the_database_is_open_elsewhere(
    sqlcipher_school: SchoolDb, tmp_path: Path
) -> None:
    backup = _backup_then_change(sqlcipher_school, tmp_path)
    before = sqlcipher_school.location.db_path.read_bytes()
    with pytest.raises(RestoreRefusedError, match="Terugzetten kan pas als dat programma is gesloten"):
        restore_backup(sqlcipher_school.location, backup, WHO)
    assert sqlcipher_school.location.db_path.read_bytes() == before
    # the program that has it open goes on saving
    UserService(sqlcipher_school.database, sqlcipher_school.actor).add_user(
        "daarna", "Şükrü Yılmaz", "Tijdelijk-123", frozenset({Role.ICT})
    )
    assert not list(sqlcipher_school.location.data_dir.glob("ibp.voor-herstel-*"))


def test_restore_needs_a_correct_password(sqlcipher_school: SchoolDb, tmp_path: Path) -> None:
    backup = _backup_then_change(sqlcipher_school, tmp_path)
    sqlcipher_school.database.dispose()
    with pytest.raises(AuthenticationError):
        restore_backup(sqlcipher_school.location, backup, Credentials(username="eerste", password="raden"))
    assert "na-backup" in _usernames(sqlcipher_school)  # still the database that was there
    assert not list(sqlcipher_school.location.data_dir.glob("ibp.voor-herstel-*"))


def test_restore_needs_the_security_officer_or_the_director(
    sqlcipher_school: SchoolDb, tmp_path: Path
) -> None:
    backup = _backup_then_change(sqlcipher_school, tmp_path)
    sqlcipher_school.database.dispose()
    with pytest.raises(PermissionDeniedError, match="security officer of de directeur"):
        restore_backup(
            sqlcipher_school.location, backup, Credentials(username="kees", password="Tijdelijk-123")
        )
    assert "na-backup" in _usernames(sqlcipher_school)
    assert not list(sqlcipher_school.location.data_dir.glob("*.herstel"))


def test_the_restore_entry_arrives_with_the_file_and_the_anchor_follows(
    sqlcipher_school: SchoolDb, tmp_path: Path
) -> None:
    backup = _backup_then_change(sqlcipher_school, tmp_path)
    sqlcipher_school.database.dispose()
    result = restore_backup(sqlcipher_school.location, backup, WHO)
    assert result.previous_copy is not None and result.previous_copy.exists()
    assert "na-backup" not in _usernames(sqlcipher_school)
    database = open_location(sqlcipher_school.location)
    try:
        assert database.audit_problems == []  # going back to an older log is no false alarm
        with database.transaction() as session:
            restored = session.scalars(select(AuditEntry).where(AuditEntry.action == "backup_restored")).all()
            assert [(e.username, json.loads(e.details)["after"]["file"]) for e in restored] == [
                ("eerste", backup.name)
            ]
        assert run_check(database).ok
    finally:
        database.dispose()
    assert not list(sqlcipher_school.location.data_dir.glob("*.herstel"))


def test_a_damaged_current_database_is_restored_with_a_login_checked_in_the_backup(
    sqlcipher_school: SchoolDb, tmp_path: Path
) -> None:
    backup = _backup_then_change(sqlcipher_school, tmp_path)
    sqlcipher_school.database.dispose()
    path = sqlcipher_school.location.db_path
    path.write_bytes(path.read_bytes()[: 4096 * 3 + 100])  # cut short
    restore_backup(sqlcipher_school.location, backup, WHO)
    assert "eerste" in _usernames(sqlcipher_school)


def test_the_last_audit_head_is_kept_in_the_backup_sidecar(
    sqlcipher_school: SchoolDb, tmp_path: Path
) -> None:
    info = make_backup(sqlcipher_school.database, sqlcipher_school.location, tmp_path / "usb")
    with sqlcipher_school.database.transaction() as session:
        entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
    sidecar = json.loads(info.path.with_suffix(".json").read_text())
    in_backup = entries[-2]  # the last entry is "backup_made", written after the copy
    assert entries[-1].action == "backup_made"
    assert sidecar["audit_head"] == {"seq": in_backup.seq, "hash": in_backup.entry_hash}
    assert audit.GENESIS_HASH not in sidecar["audit_head"]["hash"]


def test_backups_are_readable_only_by_their_owner_and_stale_partials_go(
    sqlcipher_school: SchoolDb, tmp_path: Path
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    stale = folder / "ibp-backup-20260101-010101.sqlite3.partial"
    stale.write_bytes(b"\0" * 50_000)  # what a killed backup leaves
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    busy = folder / "ibp-backup-20260101-020202.sqlite3.partial"
    busy.write_bytes(b"\0" * 50_000)  # another PC writing to the same network folder right now
    info = make_backup(sqlcipher_school.database, sqlcipher_school.location, folder)
    assert not stale.exists() and busy.exists()
    for path in (info.path, info.path.with_suffix(".json")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
