"""A second program on the same database file is told who has it open, and may only look."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ibp_desktop.core.errors import IbpError
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.database.connection import DatabaseInUseError, open_location
from ibp_desktop.services.pupils.register import PupilService
from ibp_desktop.store.database import ReadOnlyDatabaseError
from ibp_desktop.store.file_lock import FileLock, LockOwner, lock_path, read_owner
from ibp_desktop.store.models import AuditEntry, Pupil
from tests.conftest import SchoolDb

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the POSIX lock path is tested here")

# Holds the lock in a real second process until its stdin closes.
HOLDER = """
import sys
from pathlib import Path
from ibp_desktop.store.file_lock import FileLock
lock = FileLock.acquire(Path(sys.argv[1]))
print("held", flush=True)
sys.stdin.read()
lock.release()
"""


def _lock_file(school: SchoolDb) -> Path:
    return lock_path(school.location.db_path)


def test_a_second_open_is_refused_and_names_the_first(sqlcipher_school: SchoolDb) -> None:
    owner = read_owner(_lock_file(sqlcipher_school))
    assert owner is not None and owner.pid == os.getpid()
    with pytest.raises(DatabaseInUseError) as refused:
        open_location(sqlcipher_school.location)
    message = str(refused.value)
    assert refused.value.owner == owner
    assert f"in gebruik door {owner.user} op {owner.computer} sinds " in message
    assert "alleen bekijken, of later opnieuw proberen" in message
    # 28-11-2026 14:05: the time is shown the Dutch way, in Dutch time.
    since = message.split(" sinds ")[1].split(".")[0]
    assert since[2] == "-" and since[5] == "-" and since[10:11] == " " and since[13] == ":"


def test_the_lock_file_says_who_in_plain_json(sqlcipher_school: SchoolDb) -> None:
    data = json.loads(_lock_file(sqlcipher_school).read_text(encoding="utf-8"))
    assert set(data) == {"user", "computer", "pid", "since"} and data["pid"] == os.getpid()


def test_read_only_reads_and_refuses_every_save_in_dutch(sqlcipher_school: SchoolDb) -> None:
    school = sqlcipher_school
    PupilService(school.database, school.actor)  # the first program keeps working meanwhile
    viewer = open_location(school.location, read_only=True)
    try:
        assert viewer.read_only and viewer.lock is None
        users = UserService(viewer, school.actor).list_users()
        assert [u.username for u in users] == ["eerste"]
        with pytest.raises(ReadOnlyDatabaseError, match=r"alleen geopend om te bekijken.*niets opgeslagen"):
            UserService(viewer, school.actor).add_user(
                "tweede", "Łucja Wiśniewska", "Lang-Genoeg-Wachtwoord-1", frozenset(school.actor.roles)
            )
        assert isinstance(ReadOnlyDatabaseError("x"), IbpError)
        with viewer.transaction() as session:
            assert session.scalar(select(func.count(Pupil.id))) == 0
    finally:
        viewer.dispose()
    # The owner still writes, and its lock was not touched by the viewer.
    UserService(school.database, school.actor).add_user(
        "tweede", "Łucja Wiśniewska", "Lang-Genoeg-Wachtwoord-1", frozenset(school.actor.roles)
    )
    assert read_owner(_lock_file(school)) is not None


def test_read_only_sees_what_the_owner_saved(sqlcipher_school: SchoolDb) -> None:
    school = sqlcipher_school
    viewer = open_location(school.location, read_only=True)
    try:
        with viewer.transaction() as session:
            before = session.scalar(select(func.count(AuditEntry.id)))
        UserService(school.database, school.actor).list_users()
        PupilService(school.database, school.actor).groups(school.school_id)
        with school.database.transaction() as session:
            session.add(
                Pupil(school_id=school.school_id, pupil_number="1", first_name="Şükrü", infix="",
                      last_name="Yılmaz", date_of_birth=date(2016, 3, 1))
            )  # fmt: skip
        with viewer.transaction() as session:
            assert session.scalar(select(Pupil.last_name)) == "Yılmaz"
            assert session.scalar(select(func.count(AuditEntry.id))) == before
    finally:
        viewer.dispose()


def test_closing_releases_the_lock(sqlcipher_school: SchoolDb) -> None:
    school = sqlcipher_school
    school.database.dispose()
    assert not _lock_file(school).exists()
    again = open_location(school.location)
    try:
        assert again.lock is not None and again.lock.held
    finally:
        again.dispose()
    assert again.lock is not None and not again.lock.held
    again.dispose()  # twice is harmless


def test_a_stale_lock_file_is_taken_over(sqlcipher_school: SchoolDb) -> None:
    school = sqlcipher_school
    school.database.dispose()
    # A crashed program on another PC left its file; nobody holds the OS lock on it.
    crashed = LockOwner("juf.annemarie", "ADMIN-PC-2", 4242, LockOwner.this_program().since)
    _lock_file(school).write_text(crashed.to_json(), encoding="utf-8")
    database = open_location(school.location)
    try:
        owner = read_owner(_lock_file(school))
        assert owner is not None and owner.pid == os.getpid() and owner.computer != "ADMIN-PC-2"
    finally:
        database.dispose()


def test_a_lock_held_by_another_process_refuses_this_one(sqlcipher_school: SchoolDb) -> None:
    school = sqlcipher_school
    school.database.dispose()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(_lock_file(school))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(DatabaseInUseError) as refused:
            open_location(school.location)
        assert refused.value.owner is not None and refused.value.owner.pid == holder.pid
        viewer = open_location(school.location, read_only=True)  # looking is still possible
        viewer.dispose()
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    open_location(school.location).dispose()  # the other program closed: now it opens


def test_a_released_lock_can_be_taken_again_and_leaves_no_files(tmp_path: Path) -> None:
    path = tmp_path / "ibp.sqlite3.lock"
    first = FileLock.acquire(path)
    with pytest.raises(DatabaseInUseError):
        FileLock.acquire(path)
    first.release()
    second = FileLock.acquire(path)
    assert second.held and read_owner(path) == second.owner
    second.release()
    assert not path.exists() and not list(tmp_path.iterdir())  # no temporary files left behind
