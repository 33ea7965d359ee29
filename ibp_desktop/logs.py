"""The program's log: a rotating file in the data folder's ``logs`` folder, readable only by its owner.

The log is what an ICT person gets when something went wrong on a school PC (the Windows build has no
console). It holds ids, counts and error types, never personal data: an exception is written as its
type and the code lines it passed through, without its message, because messages of database errors
carry SQL with the values (names, BSNs) and our own Dutch messages often name a pupil.

Only the standard library is used, so both the command line and the GUI can set it up first thing; and
only its cheap part: ``logging.handlers`` imports socket, pickle and queue (~9 ms) and ``uuid`` platform
(~3 ms), all before the GUI's first window (issue 17), so the file is rotated here and the reference
comes from ``os.urandom``.
"""

from __future__ import annotations

import logging
import os
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from io import TextIOWrapper

LOG_FOLDER = "logs"
LOG_FILE = "ibp-desktop.log"
MAX_BYTES = 1_000_000
BACKUPS = 4  # five files of at most 1 MB: months of normal use, small enough to e-mail
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]

_handler: logging.Handler | None = None


def log_folder(data_dir: Path) -> Path:
    return data_dir / LOG_FOLDER


class PrivateRotatingFileHandler(logging.FileHandler):
    """A file of at most ``maxBytes`` with ``backupCount`` older ones beside it (``.1`` the newest), as
    ``logging.handlers.RotatingFileHandler`` keeps them; every file is created with mode 0600."""

    def __init__(self, filename: Path, maxBytes: int, backupCount: int, encoding: str = "utf-8") -> None:
        super().__init__(filename, mode="a", encoding=encoding)
        self.maxBytes = maxBytes
        self.backupCount = backupCount

    def _open(self) -> TextIOWrapper:
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.chmod(self.baseFilename, 0o600)  # an older file made with a looser umask
        return os.fdopen(descriptor, "a", encoding=self.encoding or "utf-8", errors=self.errors)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.shouldRollover(record):
                self.doRollover()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def shouldRollover(self, record: logging.LogRecord) -> bool:
        if self.stream is None:
            self.stream = self._open()
        self.stream.seek(0, 2)  # Windows may not report the end of a file opened for appending
        return self.maxBytes > 0 and self.stream.tell() + len(self.format(record)) + 1 >= self.maxBytes

    def doRollover(self) -> None:
        """ibp-desktop.log -> .1 -> .2 ... -> .<backupCount>; the oldest is dropped."""
        if self.stream:
            self.stream.close()
            self.stream = None
        base = self.baseFilename
        for index in range(self.backupCount - 1, 0, -1):
            if os.path.exists(f"{base}.{index}"):
                os.replace(f"{base}.{index}", f"{base}.{index + 1}")
        if os.path.exists(base):
            os.replace(base, f"{base}.1")
        self.stream = self._open()


class TypesOnlyFormatter(logging.Formatter):
    """Writes exceptions as their types and stack frames, never their messages (see the module doc)."""

    def formatException(self, ei) -> str:  # type: ignore[no-untyped-def]
        _, error, _ = ei
        return describe_error(error) if isinstance(error, BaseException) else ""

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may have cached the full traceback, message included, on the record: ignore it.
        cached, record.exc_text = record.exc_text, None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatMessage(self, record: logging.LogRecord) -> str:
        return super().formatMessage(record).replace("\n", " ")


def describe_error(error: BaseException) -> str:
    """Types and code locations of an error and its causes, as safe to log as to copy to a clipboard."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.extract_tb(current.__traceback__)
        lines = [f'  File "{_short(f.filename)}", line {f.lineno}, in {f.name}' for f in frames]
        parts.append("\n".join([f"{_type_name(current)} (melding weggelaten)", *lines]))
        current = current.__cause__ or current.__context__
    return "\nveroorzaakt door: ".join(parts)


def _type_name(error: BaseException) -> str:
    kind = type(error)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def _short(filename: str) -> str:
    """The path from the package or library folder on, so the log does not show the user's home folder."""
    path = Path(filename)
    for marker in ("ibp_desktop", "site-packages", "lib"):
        if marker in path.parts:
            index = len(path.parts) - 1 - path.parts[::-1].index(marker)
            return "/".join(path.parts[index:])
    return path.name


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path | None:
    """Log to ``<data_dir>/logs/ibp-desktop.log`` (once per process); None when the folder is not writable.

    A program that cannot write its log must still run: the caller goes on without a log file.
    """
    global _handler
    folder = log_folder(data_dir)
    path = folder / LOG_FILE
    if _handler is not None:
        return Path(getattr(_handler, "baseFilename", path))
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)  # as private as when set-up makes it
        folder.mkdir(exist_ok=True, mode=0o700)
        handler = PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS)
    except OSError:
        return None
    handler.setFormatter(TypesOnlyFormatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # a line per plugin, each start
    _handler = handler
    return path


def stop_logging() -> None:
    """Close the log file (tests that set up logging for a temporary folder call this)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None


def current_log_file() -> Path | None:
    return None if _handler is None else Path(getattr(_handler, "baseFilename", ""))


def log_unexpected(logger: logging.Logger, what: str, error: BaseException) -> str:
    """Log an unexpected error with a short reference the user can quote; returns the reference."""
    reference = os.urandom(4).hex()  # eight hex digits to quote
    logger.error("%s failed, reference %s, %s", what, reference, _type_name(error),
                 exc_info=(type(error), error, error.__traceback__))
    return reference
