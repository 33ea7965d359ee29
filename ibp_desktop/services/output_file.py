"""Writing an export (PDF, CSV) safely: a temporary name first, renamed when complete.

A full disk or a kill halfway leaves no truncated PDF that looks whole, only a ``.partial`` file that
the next export to the same name removes. Exports hold personal data, so the file is created readable
by its owner only (0600).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
from pathlib import Path

from ibp_desktop.core.errors import DataFolderReadOnlyError, DiskFullError, OutputFolderMissingError

PARTIAL = ".partial"
log = logging.getLogger(__name__)


def check_output_folder(target: Path) -> None:
    """Before any work: the folder of the file to write must exist."""
    folder = target.expanduser().absolute().parent
    if not folder.is_dir():
        raise OutputFolderMissingError(
            f"De map {folder} bestaat niet, dus {target.name} kan daar niet worden opgeslagen. Kies een "
            "bestaande map (of maak de map eerst aan). Er is niets opgeslagen."
        )


def write_export(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through ``target.partial``; Dutch errors, nothing half left."""
    target = target.expanduser()
    check_output_folder(target)
    partial = target.with_name(target.name + PARTIAL)
    partial.unlink(missing_ok=True)  # left by an export that was stopped
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        log.warning("export not written: %s errno %s", type(error).__name__, error.errno)
        raise _dutch(error, target) from None
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise


def _dutch(error: OSError, target: Path) -> Exception:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(
            f"De schijf is vol: {target.name} is niet opgeslagen. Maak ruimte vrij of kies een andere map."
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return DataFolderReadOnlyError(
            f"In de map {target.parent} mag het programma niet schrijven: {target.name} is niet opgeslagen. "
            "Kies een andere map."
        )
    if error.errno == errno.EISDIR:
        return OutputFolderMissingError(f"{target} is een map. Geef een bestandsnaam in die map.")
    reason = error.strerror or "onbekende fout"
    return DataFolderReadOnlyError(
        f"{target.name} kon niet worden opgeslagen in {target.parent} ({reason}). Kies een andere map."
    )
