"""Kill the program (SIGKILL) at random moments during a pupil import, a backup and a clean-up run; then
the database must be intact and each operation wholly done or not at all.

A driver subprocess (crash_driver.py) forks one child per round; the child opens a fresh copy of a
school database the way the program does and runs the operation; the test kills it after a delay drawn
from a seeded RNG (between 0 and the operation's own duration, measured in a first round), then opens
the copy itself and checks it: SQLite's and SQLCipher's integrity checks and the audit hash chain
(services.check.run_check), and the operation's own all-or-nothing rule. Opening the copy also takes
over the lock file the killed program left behind.

    .venv/bin/python -m pytest -m crash tests/crash
"""

from __future__ import annotations

import hashlib
import os
import random
import selectors
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.crash.crash_data import (
    import_files,
    pupil_state,
    retention_state,
    retention_template,
)
from tests.crash.crash_driver import run_operation

pytestmark = [
    pytest.mark.crash,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="the driver forks (POSIX)"),
]

SEED = 20261128
# Every round ends in a SIGKILL: 86 kills.
ROUNDS = {"import": 20, "backup": 17, "retention": 17, "restore": 32}
DRIVER = Path(__file__).with_name("crash_driver.py")
ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60.0  # seconds for one line from the driver; only reached when something hangs


@dataclass(frozen=True)
class Round:
    finished: bool  # the child said "done" before it was killed
    elapsed: float | None
    writes: tuple[tuple[float, float], ...] = ()  # when its writing transactions ran (see the driver)
    spans: tuple[tuple[int, int], ...] = ()  # their first and last SQL statement numbers


@dataclass(frozen=True)
class Kill:
    delay: float | None = None  # seconds after "started"; None: when the child pauses or is done
    stop_at: int = 0  # the SQL statement after which the child stops itself to be killed (0: none;
    # below 0: a restore's file step, see crash_driver._stop_at_file_step)


def _pairs(text: str) -> list[list[str]]:
    return [] if text == "-" else [pair.split(":") for pair in text.split(",")]


class Driver:
    """The driver subprocess and a line reader on its stdout with a timeout."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT
        )
        assert self.process.stdout is not None
        self._fd = self.process.stdout.fileno()
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._fd, selectors.EVENT_READ)
        self._buffer = b""
        assert self.line() == "ready"

    def line(self) -> str:
        deadline = time.monotonic() + TIMEOUT
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._selector.select(remaining):
                raise AssertionError("the crash driver did not answer in time")
            chunk = os.read(self._fd, 65536)
            if not chunk:
                raise AssertionError("the crash driver ended unexpectedly")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode("utf-8")

    def run(self, operation: str, data_dir: Path, argument: str, key: str, kill: Kill) -> Round:
        """One child, killed as ``kill`` says."""
        assert self.process.stdin is not None
        self.process.stdin.write(f"run {operation} {data_dir} {argument} {key} {kill.stop_at}\n".encode())
        self.process.stdin.flush()
        word, pid = self.line().split()
        assert word == "started"
        if kill.delay is None:
            reply = self.line()  # "paused" at the statement, or "done"
        else:
            time.sleep(kill.delay)
            reply = ""
        os.kill(int(pid), signal.SIGKILL)
        lines = [reply] if reply else []
        while not (last := self.line()).startswith("exit "):
            lines.append(last)
        assert last == f"exit {pid} {int(signal.SIGKILL)}", last
        failed = [ln for ln in lines if ln.startswith("failed")]
        assert not failed, failed[0]
        done = [ln.split() for ln in lines if ln.startswith("done ")]
        if not done:
            return Round(False, None)
        _, elapsed, times, spans = done[0]
        return Round(
            True,
            float(elapsed),
            tuple((float(a), float(b)) for a, b in _pairs(times)),
            tuple((int(a), int(b)) for a, b in _pairs(spans)),
        )

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"quit\n")
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def driver() -> Iterator[Driver]:
    started = Driver()
    yield started
    started.close()


@dataclass(frozen=True)
class Template:
    """A closed school database to copy for each round, and how the driver finds its key."""

    data_dir: Path
    key: str  # "<key hex> <database id>"

    @classmethod
    def of(cls, school: Any) -> Template:
        from ibp_desktop.security import keys
        from ibp_desktop.services.database.connection import read_info

        school.database.dispose()
        database_id = read_info(school.location).database_id
        key = keys.load_database_key(database_id)
        assert key is not None
        return cls(school.location.data_dir, f"{key.hex()} {database_id}")

    def copy(self, to: Path) -> Path:
        shutil.copytree(self.data_dir, to)
        return to


def _checked_open(data_dir: Path) -> Any:
    """Open a killed program's database (taking over its lock) and run the program's own checks."""
    from ibp_desktop.security.audit_anchor import ANCHOR_SERVICE
    from ibp_desktop.security.keys import trusted_keyring
    from ibp_desktop.services.database.check import run_check
    from ibp_desktop.services.database.connection import Location, open_location, read_info

    # Each copy is another PC: the audit anchor in this process's keyring belongs to the template (and
    # the reference runs moved it on), not to what the killed program left.
    location = Location(data_dir=data_dir)
    trusted_keyring().delete_password(ANCHOR_SERVICE, read_info(location).database_id)
    database = open_location(location)
    report = run_check(database)
    assert report.ok, report.problems
    assert "SQLite-integriteitscontrole: in orde." in report.findings
    assert "SQLCipher-controle: alle versleutelde pagina's zijn onbeschadigd." in report.findings
    assert any(f.startswith("Logboek: alle") for f in report.findings)  # the hash chain is intact
    return database


def _kill_rounds(
    driver: Driver,
    template: Template,
    tmp_path: Path,
    operation: str,
    argument: Callable[[Path], str],
    check: Callable[[Path, Any], str],
    plan: Callable[[random.Random, Round, int], Kill] | None = None,
) -> Counter[str]:
    """Kill ROUNDS[operation] children; ``check`` gets each opened copy and names its state."""
    rng = random.Random(f"{SEED}-{operation}")
    states: Counter[str] = Counter()
    calibration = Round(True, 0.0)
    for number in range(ROUNDS[operation]):
        work = template.copy(tmp_path / f"{operation}-{number}")
        # Round 0 runs to its end (then it is killed): its timing shapes the random kills.
        kill = Kill() if number == 0 else (plan or _kill)(rng, calibration, number)
        result = driver.run(operation, work, argument(work), template.key, kill)
        if number == 0:
            assert result.finished and result.elapsed is not None
            calibration = result
        journal = work / "ibp.sqlite3-journal"
        if journal.exists() and journal.stat().st_size > 0:  # the kill hit a write transaction
            states["hit a write transaction"] += 1
        database = _checked_open(work)  # SQLite rolls such a transaction back here
        try:
            state = check(work, database)
            states[state] += 1
            if kill.stop_at > 0:
                states[f"stopped in a transaction: {state}"] += 1
            elif kill.stop_at < 0:
                states[f"stopped at a file step: {state}"] += 1
        finally:
            database.dispose()
        states["killed before the end" if not result.finished else "killed after the end"] += 1
        shutil.rmtree(work)
    assert sum(n for s, n in states.items() if s.startswith("killed")) == ROUNDS[operation]
    print(operation, dict(states), calibration)
    return states


def _kill(rng: random.Random, calibration: Round, number: int) -> Kill:
    """Odd rounds: after a random SQL statement of a writing transaction (surely in the middle of it).
    Even rounds: after a random time, anywhere in the operation or in and around its longest writing
    transaction, so that kills also land during commits, file copies and renames."""
    assert calibration.elapsed is not None
    if number % 2 == 1:
        first, last = rng.choice(calibration.spans)
        return Kill(stop_at=rng.randint(first, last))
    if rng.random() < 0.5:
        return Kill(delay=rng.uniform(0, calibration.elapsed * 1.1))
    start, end = max(calibration.writes, key=lambda w: w[1] - w[0])
    margin = max((end - start) * 0.5, calibration.elapsed * 0.15)  # before it: a backup's file copy
    return Kill(delay=rng.uniform(max(0.0, start - margin), end + margin))


# Pupil import ---------------------------------------------------------------------------------------


def test_killed_pupil_imports_leave_all_or_nothing(driver: Driver, tmp_path: Path) -> None:
    from ibp_desktop.services.database.connection import Location
    from tests.conftest import make_school_db

    school = make_school_db(Location(data_dir=tmp_path / "template"))
    first, changed = import_files(tmp_path)
    school.database.dispose()
    run_operation("import", school.location.data_dir, str(first))  # the school's pupils, as before
    template = Template.of(school)
    before = _state_of(template, tmp_path / "before", pupil_state)
    reference = template.copy(tmp_path / "reference")
    run_operation("import", reference, str(changed))  # the same import without any kill
    after = _state_of_dir(reference, pupil_state)
    assert before[0] != after[0] and after[1] == before[1] + 1  # it changes pupils, logs one entry

    def check(_work: Path, database: Any) -> str:
        state = pupil_state(database)
        assert state in (before, after), "pupils half imported, or imported without (or with two) log entries"
        return "not imported" if state == before else "imported"

    states = _kill_rounds(driver, template, tmp_path, "import", lambda _w: str(changed), check)
    # Killed after a statement in the middle of the import's transaction: nothing of it may remain.
    assert states["stopped in a transaction: not imported"] == ROUNDS["import"] // 2, states


def _state_of(template: Template, to: Path, state: Callable[[Any], Any]) -> Any:
    return _state_of_dir(template.copy(to), state)


def _state_of_dir(data_dir: Path, state: Callable[[Any], Any]) -> Any:
    database = _checked_open(data_dir)
    try:
        return state(database)
    finally:
        database.dispose()


# Backup ---------------------------------------------------------------------------------------------


def test_killed_backups_leave_no_half_backup(driver: Driver, tmp_path: Path) -> None:
    from ibp_desktop.services.database.connection import Location
    from tests.conftest import make_school_db

    school = make_school_db(Location(data_dir=tmp_path / "template"))
    first, _ = import_files(tmp_path)
    school.database.dispose()
    run_operation("import", school.location.data_dir, str(first))  # something worth backing up
    template = Template.of(school)
    key = bytes.fromhex(template.key.split()[0])

    def check(work: Path, database: Any) -> str:
        from ibp_desktop.services.database.backup import last_backup, list_backups, verify_backup_file

        folder = work / "usb-stick"
        files = sorted(folder.glob("*.sqlite3")) if folder.exists() else []
        if folder.exists() and any(folder.glob("*.partial")):
            states_seen["a .partial file left"] += 1  # killed while copying: must never count as a backup
        for path in files:  # whatever carries a backup's name is whole and opens with the key
            assert verify_backup_file(path, key)
        listed = list_backups(folder) if folder.exists() else []
        assert {b.path for b in listed} <= set(files)  # never a ".partial" file
        for backup in listed:
            assert hashlib.sha256(backup.path.read_bytes()).hexdigest() == backup.sha256
        recorded = last_backup(database)
        logged = _audit_count(database, "backup_made")
        assert logged == (1 if recorded else 0)
        if recorded is None:
            return "no backup recorded" if not files else "whole backup, not yet recorded"
        assert Path(recorded.path) in {b.path for b in listed}  # recorded means there and checked
        return "backup recorded"

    states_seen: Counter[str] = Counter()
    states = _kill_rounds(driver, template, tmp_path, "backup", lambda w: str(w / "usb-stick"), check)
    print("backup", dict(states_seen))
    assert states["backup recorded"] >= 1, states
    # Stopped in the middle of recording the backup: the file is whole, the record is not there.
    assert states["stopped in a transaction: whole backup, not yet recorded"] == ROUNDS["backup"] // 2, states


def _audit_count(database: Any, action: str) -> int:
    from sqlalchemy import func, select

    from ibp_desktop.store.models import AuditEntry

    with database.transaction() as session:
        return int(session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == action)) or 0)


# Clean-up run ---------------------------------------------------------------------------------------


def test_killed_clean_up_runs_delete_all_or_nothing(driver: Driver, tmp_path: Path) -> None:
    school, run_id = retention_template(tmp_path / "template")
    template = Template.of(school)
    before = _state_of(template, tmp_path / "before", retention_state)
    reference = template.copy(tmp_path / "reference")
    run_operation("retention", reference, str(run_id))
    after = _state_of_dir(reference, retention_state)
    assert before.counts != after.counts and before.status != after.status

    def check(_work: Path, database: Any) -> str:
        state = retention_state(database)
        assert state in (before, after), f"a half-done clean-up run: {state} not {before} or {after}"
        return "not carried out" if state == before else "carried out"

    states = _kill_rounds(driver, template, tmp_path, "retention", lambda _w: str(run_id), check)
    assert states["stopped in a transaction: not carried out"] == ROUNDS["retention"] // 2, states


# Restore --------------------------------------------------------------------------------------------


def test_killed_restores_leave_the_old_or_the_new_database_never_none(driver: Driver, tmp_path: Path) -> None:
    from ibp_desktop.core.roles import Role
    from ibp_desktop.services.accounts.users import UserService
    from ibp_desktop.services.database.backup import make_backup
    from ibp_desktop.services.database.connection import Location
    from tests.conftest import make_school_db

    school = make_school_db(Location(data_dir=tmp_path / "template"))
    backup = make_backup(school.database, school.location, school.location.data_dir / "back-ups").path
    UserService(school.database, school.actor).add_user(
        "na-backup", "Łucja Wiśniewska", "Tijdelijk-123", frozenset({Role.ICT})
    )
    template = Template.of(school)
    before = _state_of(template, tmp_path / "before", _restore_state)
    reference = template.copy(tmp_path / "reference")
    run_operation("restore", reference, str(reference / "back-ups" / backup.name))
    after = _state_of_dir(reference, _restore_state)
    assert "na-backup" in before[0] and "na-backup" not in after[0] and (before[1], after[1]) == (0, 1)
    leftovers: Counter[str] = Counter()

    def check(work: Path, database: Any) -> str:
        state = _restore_state(database)
        assert state in (before, after), f"a half-done restore: {state}"
        assert not list(work.glob("*.herstel")), "opening the database clears a stopped restore's copy"
        assert not list(work.glob("ibp.voor-herstel-*.sqlite3")) or state == after, "a second name left"
        if state == after:
            leftovers["restored, the old database kept aside"] += len(list(work.glob("ibp.voor-herstel-*")))
        return "not restored" if state == before else "restored, with its log entry"

    states = _kill_rounds(
        driver,
        template,
        tmp_path,
        "restore",
        lambda w: str(w / "back-ups" / backup.name),
        check,
        _restore_kill,
    )
    print("restore", dict(leftovers))
    # Stopped in a transaction (the login, the log entry in the copy), before the second name or before
    # the rename: the old database. Stopped right after the rename: the restored one, with its entry.
    assert states["stopped in a transaction: not restored"] == ROUNDS["restore"] // 2, states
    assert states["stopped at a file step: not restored"] == 7, states  # before the link or the rename
    assert states["stopped at a file step: restored, with its log entry"] == 4, states  # after the rename


def _restore_kill(rng: random.Random, calibration: Round, number: int) -> Kill:
    """Odd rounds: after a random SQL statement of the login or of the log entry written into the copy.
    Even rounds in turn: before the second name for the old database, before the rename, right after
    the rename (each stopped there exactly), and at a random time from the log entry on (the flush,
    the anchor update, the end)."""
    assert calibration.elapsed is not None
    if number % 2 == 1:
        first, last = rng.choice(calibration.spans)
        return Kill(stop_at=rng.randint(first, last))
    step = (number // 2) % 4
    if step < 3:
        return Kill(stop_at=-(step + 1))
    start = calibration.writes[-1][0]
    return Kill(delay=rng.uniform(start, calibration.elapsed * 1.05))


def _restore_state(database: Any) -> tuple[frozenset[str], int]:
    from sqlalchemy import select

    from ibp_desktop.store.models import User

    with database.transaction() as session:
        names = frozenset(session.scalars(select(User.username)))
    return names, _audit_count(database, "backup_restored")
