"""The program to be killed: runs one operation on a copy of a school database, as the real program would.

Started by tests/crash/test_sigkill.py as a subprocess. It imports the whole program once, says
``ready`` and then reads commands from stdin, one a line:

    run <operation> <data folder> <argument> <key hex> <database id> <stop at>
    quit

For each ``run`` it forks a child (so that Python and the program are not loaded again for every one
of the many kills) which opens the database at the data folder exactly as the program does
(``open_location``: the lock file, the key from the keyring, the schema check), runs the operation and
then waits to be killed. Output lines (each one ``os.write``, so lines of parent and child never mix):

    started <pid>        the child exists; the test now waits a random time and sends SIGKILL to <pid>
    paused               the child ran SQL statement number <stop at> (when > 0), or reached file step
                         <stop at> of a restore (when < 0, see _stop_at_file_step), and stopped itself;
                         the test now sends SIGKILL: a kill in the middle of a transaction
    done <seconds> <a:b,...> <m:n,...>
                         the operation finished (open included); per transaction that wrote something,
                         the seconds after "started" and the statement numbers between which it ran
    failed <text>        the operation raised: a bug, the test fails with <text>
    exit <pid> <signal>  the parent saw the child end

The operations, also used by the test for its reference run without kills:
    import     <csv file>    preview + apply a pupil import (missing pupils deregistered)
    backup     <folder>      make_backup into the folder (written, checked, renamed, recorded, rotated)
    retention  <run id>      carry out an approved clean-up run (real deletion in one transaction)
    restore    <backup file> put a backup back as the first account (the database is not open first)
"""

from __future__ import annotations

import os
import signal
import sys
import time
import traceback
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TODAY = date(2026, 9, 1)  # the import's "today" and the date missing pupils are deregistered on
IMPORTER = "eerste"  # the school's first account (holds every role but FG)
EXECUTOR = "fatima"  # the administration account that proposed the clean-up run


def open_school(data_dir: Path) -> object:
    from ibp_desktop.services.database.connection import Location, open_location

    return open_location(Location(data_dir=data_dir))


def actor_named(database: object, username: str) -> object:
    from sqlalchemy import select

    from ibp_desktop.services.context import actor_from_user
    from ibp_desktop.store.models import User

    with database.transaction() as session:  # type: ignore[attr-defined]
        user = session.scalars(select(User).where(User.username == username)).one()
        return actor_from_user(session, user)


def run_operation(operation: str, data_dir: Path, argument: str) -> None:
    """Open the database at ``data_dir``, run the operation, and close it again."""
    if operation == "restore":  # the program has closed the database before it restores
        _restore(data_dir, Path(argument))
        return
    database = open_school(data_dir)
    try:
        if operation == "import":
            _import(database, Path(argument))
        elif operation == "backup":
            _backup(database, data_dir, Path(argument))
        elif operation == "retention":
            _retention(database, int(argument))
        else:
            raise ValueError(f"unknown operation {operation}")
    finally:
        database.dispose()  # type: ignore[attr-defined]


def _import(database: object, csv_file: Path) -> None:
    from sqlalchemy import select

    from ibp_desktop.services.pupils.register import PupilService
    from ibp_desktop.store.models import School

    with database.transaction() as session:  # type: ignore[attr-defined]
        school_id = session.scalars(select(School.id)).one()
    pupils = PupilService(database, actor_named(database, IMPORTER))  # type: ignore[arg-type]
    preview = pupils.preview_import(school_id, csv_file, today=TODAY)
    pupils.apply_import(school_id, preview, deregister_missing_on=TODAY, confirm_changes=True)


def _backup(database: object, data_dir: Path, folder: Path) -> None:
    from ibp_desktop.services.database.backup import make_backup
    from ibp_desktop.services.database.connection import Location

    make_backup(database, Location(data_dir=data_dir), folder)  # type: ignore[arg-type]


def _restore(data_dir: Path, backup: Path) -> None:
    from ibp_desktop.services.database.connection import Location
    from ibp_desktop.services.database.restore import Credentials, restore_backup
    from tests.conftest import TEST_PASSWORD

    restore_backup(
        Location(data_dir=data_dir), backup, Credentials(username=IMPORTER, password=TEST_PASSWORD)
    )


def _retention(database: object, run_id: int) -> None:
    from ibp_desktop.services.retention.runs import RetentionRunService

    RetentionRunService(database, actor_named(database, EXECUTOR)).execute(run_id)  # type: ignore[arg-type]


# The subprocess ------------------------------------------------------------------------------------


def _say(line: str) -> None:
    os.write(1, (line.replace("\n", " | ") + "\n").encode("utf-8"))


def _use_key(key_hex: str, database_id: str) -> None:
    """The test's database key in an in-memory keyring (trusted, as the tests' own)."""
    import keyring

    from ibp_desktop.security import keys
    from tests.conftest import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    keys.store_database_key(database_id, bytes.fromhex(key_hex))


class _Watch:
    """Counts the SQL statements the operation runs and notes which transactions wrote something.

    ``stop_at``: after that statement the child stops itself (SIGSTOP) and says ``paused``, so that the
    test can kill it in the middle of a transaction, at a statement it drew at random.
    """

    def __init__(self, begun: float, stop_at: int) -> None:
        self.begun, self.stop_at = begun, stop_at
        self.statements = 0
        self.times: list[tuple[float, float]] = []  # seconds after "started", per writing transaction
        self.spans: list[tuple[int, int]] = []  # first and last statement number, per writing transaction
        self._open: dict[int, tuple[float, int, int]] = {}

    def install(self) -> None:
        from sqlalchemy import Engine, event

        event.listen(Engine, "begin", self._begin)
        event.listen(Engine, "after_cursor_execute", self._executed)
        event.listen(Engine, "commit", self._commit)

    @staticmethod
    def _changes(connection: Any) -> int:
        return int(connection.connection.dbapi_connection.total_changes)

    def _begin(self, connection: Any) -> None:
        now = time.perf_counter() - self.begun
        self._open[id(connection)] = (now, self._changes(connection), self.statements + 1)

    def _executed(self, *_args: Any) -> None:
        self.statements += 1
        if self.statements == self.stop_at:
            _say("paused")
            os.kill(os.getpid(), signal.SIGSTOP)

    def _commit(self, connection: Any) -> None:
        start, changes, first = self._open.pop(id(connection), (0.0, -1, 0))
        if self._changes(connection) != changes:
            self.times.append((start, time.perf_counter() - self.begun))
            self.spans.append((first, self.statements))

    def report(self) -> str:
        times = ",".join(f"{a:.4f}:{b:.4f}" for a, b in self.times) or "-"
        spans = ",".join(f"{a}:{b}" for a, b in self.spans) or "-"
        return f"{times} {spans}"


def _stop_at_file_step(step: int) -> None:
    """Restore's file steps, where no SQL runs: -1 before the second name for the old database (a hard
    link), -2 before the rename that puts the restored copy in place, -3 right after that rename."""

    def pause() -> None:
        _say("paused")
        os.kill(os.getpid(), signal.SIGSTOP)

    real_link, real_replace = os.link, os.replace

    def link(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        if step == -1:
            pause()
        real_link(source, target, *args, **kwargs)

    def replace(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        switch = str(source).endswith(".herstel")
        if switch and step == -2:
            pause()
        real_replace(source, target, *args, **kwargs)
        if switch and step == -3:
            pause()

    os.link = link  # type: ignore[assignment]
    os.replace = replace  # type: ignore[assignment]


def _child(operation: str, data_dir: Path, argument: str, stop_at: int) -> None:
    _say(f"started {os.getpid()}")  # from the child itself: always before its "done" or "failed"
    begun = time.perf_counter()
    watch = _Watch(begun, stop_at)
    watch.install()
    if stop_at < 0:
        _stop_at_file_step(stop_at)
    try:
        run_operation(operation, data_dir, argument)
    except BaseException:
        _say("failed " + traceback.format_exc())
    else:
        _say(f"done {time.perf_counter() - begun:.4f} {watch.report()}")
    while True:  # wait for the SIGKILL: the test decides when this program ends
        signal.pause()


def _run(words: list[str]) -> None:
    operation, data_dir, argument, key_hex, database_id, stop_at = words
    _use_key(key_hex, database_id)
    pid = os.fork()
    if pid == 0:
        _child(operation, Path(data_dir), argument, int(stop_at))
        os._exit(0)  # never reached
    _, status = os.waitpid(pid, 0)
    _say(f"exit {pid} {os.WTERMSIG(status) if os.WIFSIGNALED(status) else -os.WEXITSTATUS(status)}")


def main() -> None:
    # Everything the operations need, loaded once before the first fork.


    _say("ready")
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        if words[0] == "run":
            _run(words[1:])


if __name__ == "__main__":
    main()
