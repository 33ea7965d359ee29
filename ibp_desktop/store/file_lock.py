"""Who has the database file open: a lock file beside it, held with an OS lock for as long as it is open.

``ibp.sqlite3.lock`` holds a small JSON document (OS account, computer, process id, since when) so that a
second program, on this PC or another one on the same network share, can say who is working in the
database. The lock itself is the operating system's (``flock`` on POSIX, ``msvcrt.locking`` on
Windows): it goes away by itself when the program ends, even after a crash or a power cut. A lock file
whose OS lock nobody holds is therefore stale and simply taken over.

On POSIX the JSON is written to a temporary file that is locked first and then renamed over the lock
file, so a reader never sees half a document. Because the rename puts a new file at the path, whoever
locks a file checks afterwards that the path still leads to the file it locked, and tries again if not.
Windows cannot rename over an open file, so there the document is rewritten in place under the lock
and a reader that finds half a document retries briefly.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ibp_desktop.core.errors import IbpError

WINDOWS = sys.platform == "win32"
# Windows locks byte ranges and a locked range cannot be read by others: lock one byte far beyond the
# JSON so that the document stays readable.
_WINDOWS_LOCK_OFFSET = 1 << 20
_ATTEMPTS = 5  # the path changed under us (another program took over at the same moment): try again


@dataclass(frozen=True)
class LockOwner:
    user: str  # the OS account
    computer: str
    pid: int
    since: datetime  # UTC

    def to_json(self) -> str:
        return json.dumps(
            {"user": self.user, "computer": self.computer, "pid": self.pid, "since": self.since.isoformat()}
        )

    @classmethod
    def from_json(cls, text: str) -> LockOwner:
        data = json.loads(text)
        since = datetime.fromisoformat(data["since"])
        return cls(str(data["user"]), str(data["computer"]), int(data["pid"]), since)

    @classmethod
    def this_program(cls) -> LockOwner:
        return cls(_os_user(), socket.gethostname() or "onbekend", os.getpid(), datetime.now(UTC))


class DatabaseInUseError(IbpError):
    """Another program has the database file open; ``owner`` says who (None when unreadable)."""

    def __init__(self, path: Path, owner: LockOwner | None) -> None:
        self.path = path
        self.owner = owner
        if owner is None:
            who = "De database is in gebruik door een ander programma"
        else:
            since = _shown(owner.since)
            who = f"De database is in gebruik door {owner.user} op {owner.computer} sinds {since}"
        super().__init__(f"{who}. U kunt de gegevens alleen bekijken, of later opnieuw proberen.")


def lock_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".lock")


def read_owner(path: Path) -> LockOwner | None:
    """The owner written in a lock file; None when there is none or it cannot be read."""
    for _ in range(3):
        try:
            return LockOwner.from_json(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            time.sleep(0.02)  # Windows: the holder may be rewriting it right now
    return None


class FileLock:
    """The held lock of one open database. ``release`` is safe to call more than once."""

    def __init__(self, path: Path, fd: int, owner: LockOwner) -> None:
        self.path = path
        self.owner = owner
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    @classmethod
    def acquire(cls, path: Path) -> FileLock:
        """Take the lock (a stale one is taken over); DatabaseInUseError when someone holds it."""
        owner = LockOwner.this_program()
        for _ in range(_ATTEMPTS):
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            if not _try_lock(fd):
                os.close(fd)
                raise DatabaseInUseError(path, read_owner(path))
            if not _still_at(path, fd):
                _close(fd)  # someone replaced or removed the file after we opened it
                continue
            if WINDOWS:
                _write_in_place(fd, owner)
                return cls(path, fd, owner)
            return cls(path, _replace_with_ours(path, fd, owner), owner)
        raise DatabaseInUseError(path, read_owner(path))

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if WINDOWS:
            _close(fd)  # Windows refuses to remove a file another program has open: nothing lost
            with contextlib.suppress(OSError):
                self.path.unlink()
            return
        # POSIX: remove while still holding the lock, so that nobody's fresh lock file is removed; a
        # program that opened the old file notices the path no longer leads to it and starts over.
        if _still_at(self.path, fd):
            self.path.unlink(missing_ok=True)
        _close(fd)

    def __del__(self) -> None:
        # A Database that was never disposed still frees the lock when it is collected.
        if getattr(self, "_fd", None) is not None:
            _close(self._fd)  # type: ignore[arg-type]


def _replace_with_ours(path: Path, old_fd: int, owner: LockOwner) -> int:
    """Write the owner to a new locked file and rename it over ``path``; returns the new descriptor."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{id(owner)}.tmp")
    fd = os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        _try_lock(fd)  # nobody else knows this file yet
        os.write(fd, owner.to_json().encode("utf-8"))
        os.fsync(fd)
        os.replace(temporary, path)
    except BaseException:
        os.close(fd)
        temporary.unlink(missing_ok=True)
        os.close(old_fd)
        raise
    os.close(old_fd)  # only now: until the rename the old file kept others out
    return fd


def _write_in_place(fd: int, owner: LockOwner) -> None:
    data = owner.to_json().encode("utf-8")
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, data)
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def _still_at(path: Path, fd: int) -> bool:
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)


def _try_lock(fd: int) -> bool:
    """A non-blocking exclusive OS lock on the open file; False when another holds it."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        # flock, not fcntl: two opens in one process must also exclude each other.
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _close(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        # Unlock before closing: Windows frees a lock left at close only "eventually".
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    os.close(fd)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment or the password database
        return "onbekend"


def _shown(moment: datetime) -> str:
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%d-%m-%Y %H:%M")
