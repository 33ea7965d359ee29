"""The one way a widget calls a service: ``query``, ``mutate(area)`` and ``document``.

Modelled on Anki's aqt/operations (CollectionOp / QueryOp), written for this program:

- the work runs off the GUI thread (ui/background.py); the result comes back on the GUI thread;
- the widgets in ``wait`` are disabled meanwhile and get their own enabled state back afterwards, and a
  second call for the same ``owner`` while one runs is ignored (no per-widget busy flags);
- a refusal of the service (an IbpError, Dutch message) goes to ``on_refused`` when given, else to the
  default error dialog; anything unexpected is logged (type and code lines, no data) and shown in the
  error dialog, which says whether anything was saved and offers "Details kopiëren";
- after a mutation ``changes().data_changed(area)`` is emitted; pages ``watch`` the areas they show and
  reload then (at once when visible, else when shown next) instead of polling;
- ``document`` makes a PDF or CSV with a service method and previews or saves exactly those bytes.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QEvent, QObject, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from ibp_desktop import logs
from ibp_desktop.core.errors import IbpError
from ibp_desktop.ui.background import Task, run_in_background
from ibp_desktop.ui.dialogs import Saved, show_failure, show_info

log = logging.getLogger(__name__)
T = TypeVar("T")

# The areas a mutation can change; a page watches the ones it shows. ANY: every change (the overview).
CONSENT, PUPILS, RETENTION, INCIDENTS, REQUESTS = "consent", "pupils", "retention", "incidents", "requests"
PROCESSORS, ACTIONS, POLICY, ACCESS, USERS = "processors", "actions", "policy", "access", "users"
SETTINGS, BACKUP, ANY = "settings", "backup", "*"

PDF_FILTER = "PDF-bestand (*.pdf)"
CSV_FILTER = "CSV-bestand (*.csv)"
FILTERS = {"pdf": PDF_FILTER, "csv": CSV_FILTER}


class Changes(QObject):
    """Tells the pages which area of the data changed (emitted on the GUI thread after a mutation)."""

    data_changed = Signal(str)


_changes: Changes | None = None
_running: dict[int, Task] = {}  # id(owner) -> the operation it waits for


def changes() -> Changes:
    global _changes
    if _changes is None:
        _changes = Changes()
    return _changes


def busy(owner: QObject) -> bool:
    """True while an operation started for ``owner`` runs."""
    return id(owner) in _running


def query(owner: QWidget, work: Callable[[], T], then: Callable[[T], None], *,
          wait: Sequence[QWidget] = (), on_refused: Callable[[IbpError], None] | None = None,
          what: str = "query") -> Task | None:
    """Read something in the background and hand it to ``then``; nothing is written."""
    return _start(owner, work, then, wait, on_refused, what, Saved.NOTHING_CHANGED, ())


def mutate(owner: QWidget, areas: str | Iterable[str], work: Callable[[], T], then: Callable[[T], None], *,
           wait: Sequence[QWidget] = (), on_refused: Callable[[IbpError], None] | None = None,
           what: str = "mutation") -> Task | None:
    """Change data in the background; afterwards every page that shows one of ``areas`` refreshes."""
    names = (areas,) if isinstance(areas, str) else tuple(areas)
    return _start(owner, work, then, wait, on_refused, what, Saved.NOTHING, names)


def document(owner: QWidget, make: Callable[[], bytes], *, title: str, file_name: str | None = None,
             wait: Sequence[QWidget] = (), then: Callable[[Path | None], None] | None = None) -> Task | None:
    """Make a document with a service method: without ``file_name`` show the print preview of the PDF,
    with one ask where to save it (the name's extension, .pdf or .csv, picks the filter) and write it."""
    if busy(owner):
        return None
    if file_name is None:
        def preview(data: bytes) -> None:
            from ibp_desktop.ui import printing

            printing.preview_pdf(owner, data, title)
            if then is not None:
                then(None)

        return _start(owner, make, preview, wait, None, "document", Saved.NOTHING_CHANGED, ())
    target = ask_save_path(owner, file_name)
    if target is None:
        return None

    def write(data: bytes) -> None:
        written = write_file(owner, target, data)
        if then is not None:
            then(written)

    return _start(owner, make, write, wait, None, "document", Saved.NOTHING_CHANGED, ())


def ask_save_path(parent: QWidget, file_name: str) -> Path | None:
    """The save dialog with the filter that belongs to the file's extension; None when cancelled."""
    suffix = Path(file_name).suffix.lower().lstrip(".")
    path, _ = QFileDialog.getSaveFileName(parent, "Opslaan als", file_name, FILTERS.get(suffix, ""))
    return Path(path) if path else None


def write_file(parent: QWidget, target: Path, data: bytes) -> Path | None:
    try:
        target.write_bytes(data)
    except OSError as error:
        log.warning("writing a document failed (%s)", type(error).__name__)
        show_info(parent, f"Het bestand {target} kan niet worden opgeslagen: {error.strerror}. Kies een "
                  "andere map en probeer het opnieuw. Er is niets gewijzigd.", "Dat lukte niet")
        return None
    show_info(parent, f"Opgeslagen als {target}.")
    return target


def watch(page: QWidget, areas: Iterable[str], reload: Callable[[], None]) -> None:
    """Call ``reload`` when one of ``areas`` changed: now if ``page`` is visible, else when it is shown."""
    _Watcher(page, frozenset(areas), reload)


class _Watcher(QObject):
    def __init__(self, page: QWidget, areas: frozenset[str], reload: Callable[[], None]) -> None:
        super().__init__(page)
        self.page, self.areas, self.reload, self.stale = page, areas, reload, False
        changes().data_changed.connect(self._changed)
        page.installEventFilter(self)

    def _changed(self, area: str) -> None:
        if not shiboken6.isValid(self.page) or (ANY not in self.areas and area not in self.areas):
            return
        if self.page.isVisible():
            self.reload()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.reload()
        return False


def _start(owner: QWidget, work: Callable[[], Any], then: Callable[[Any], None], wait: Sequence[QWidget],
           on_refused: Callable[[IbpError], None] | None, what: str, saved: Saved,
           areas: tuple[str, ...]) -> Task | None:
    key = id(owner)
    if key in _running:
        return None
    enabled = [(widget, widget.isEnabled()) for widget in wait]
    for widget, _ in enabled:
        widget.setEnabled(False)

    def finish() -> bool:
        _running.pop(key, None)
        for widget, was in enabled:
            if shiboken6.isValid(widget):
                widget.setEnabled(was)
        return shiboken6.isValid(owner)

    def done(result: Any) -> None:
        alive = finish()
        for area in areas:
            changes().data_changed.emit(area)
        if alive:
            then(result)

    def failed(error: BaseException) -> None:
        alive = finish()
        if isinstance(error, IbpError):
            log.info("%s refused (%s)", what, type(error).__name__)
            if on_refused is not None and alive:
                on_refused(error)
            else:
                show_failure(owner if alive else None, error, saved)
            return
        reference = logs.log_unexpected(log, what, error)
        unknown = Saved.UNKNOWN if areas else saved
        for area in areas:  # the state is not known: let the pages show what is really there
            changes().data_changed.emit(area)
        show_failure(owner if alive else None, error, unknown, reference)

    task = run_in_background(work, on_done=done, on_error=failed)
    _running[key] = task
    return task


# Errors nobody caught ----------------------------------------------------------------------------

def install_error_hooks() -> None:
    """Send uncaught errors (GUI thread, other threads) and Qt's warnings to the log; uncaught errors
    also to the error dialog, so a windowed program without console never fails without a word."""
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    qInstallMessageHandler(_qt_message)


def _excepthook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    reference = logs.log_unexpected(log, "GUI event", error)
    if QApplication.instance() is not None:
        show_failure(QApplication.activeWindow(), error, Saved.UNKNOWN, reference)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        logs.log_unexpected(log, "background thread", args.exc_value)


_QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}


def _qt_message(kind: QtMsgType, context: Any, message: str) -> None:
    # Qt's own warnings name widgets and files, not the school's data; the category says where.
    category = getattr(context, "category", None) or "qt"
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s: %s", category, message[:300])
