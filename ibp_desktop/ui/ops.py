"""The one way a widget calls a service: ``query``, ``mutate(area)`` and ``document``.

Modelled on Anki's aqt/operations (CollectionOp / QueryOp), written for this program:

- the work runs off the GUI thread (ui/background.py); the result comes back on the GUI thread;
- the widgets in ``wait`` are disabled meanwhile and get their own enabled state back afterwards, and a
  second call for the same ``group`` (default: the owner) while one runs is ignored (no per-widget busy
  flags; ``busy(group)`` tells whether one runs);
- ``what`` is a short English label for the log (never data: the log holds ids, counts and types);
- a refusal of the service (an IbpError, Dutch message) goes to ``on_refused`` when given, else to the
  default error dialog; anything unexpected is logged (type and code lines, no data) and shown in the
  error dialog, which says whether anything was saved and offers "Details kopiëren";
- after a mutation ``changes().data_changed(area)`` is emitted; pages ``watch`` the areas they show and
  reload then (at once when visible, else when shown next) instead of polling;
- ``document`` makes a PDF or CSV with a service method and previews or saves exactly those bytes;
- ``job`` is a long mutation with progress and cancel (an import): ``work(control)`` reports progress and
  checks for a cancel inside its transaction, so a cancelled job saves nothing and changes no page;
- ``on_error`` takes every failure instead of the dialog, for the flows that say it in their own place
  (start-up, login, first-run set-up); ops still logs it. The owner may be None only where no window
  exists (between the main window and the login, during a restore).
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget  # noqa: F401 - tests patch ops.QFileDialog

from ibp_desktop import logs
from ibp_desktop.core.errors import IbpError
from ibp_desktop.core.os_errors import reason as os_reason
from ibp_desktop.ui.background import Task, TaskControl, run_in_background
from ibp_desktop.ui.dialogs import Saved, show_failure, show_info

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent  # named in eventFilter: not before the login dialog (ui/app.py)

log = logging.getLogger(__name__)
T = TypeVar("T")

# The areas a mutation can change; a page watches the ones it shows. ANY: every change (the overview).
CONSENT, PUPILS, RETENTION, INCIDENTS, REQUESTS = "consent", "pupils", "retention", "incidents", "requests"
PROCESSORS, ACTIONS, POLICY, ACCESS, USERS = "processors", "actions", "policy", "access", "users"
SETTINGS, BACKUP, ANY = "settings", "backup", "*"
COMPLAINTS, DPIA, PROCESSING, STAFF = "complaints", "dpia", "processing", "staff"
EVIDENCE = "evidence"  # the files attached to a record (complaint, DPIA, processing activity)

PDF_FILTER = "PDF-bestand (*.pdf)"
CSV_FILTER = "CSV-bestand (*.csv)"
FILTERS = {"pdf": PDF_FILTER, "csv": CSV_FILTER}


class Changes(QObject):
    """Tells the pages which area of the data changed (emitted on the GUI thread after a mutation)."""

    data_changed = Signal(str)


EVERY = object()  # as ``group``: calls do not wait for each other

_changes: Changes | None = None
_running: dict[int, tuple[object, Task]] = {}  # id(group) -> (group, its operation): the group stays alive
_again: dict[int, Callable[[], object]] = {}  # id(group) -> the call asked for while it ran (``again``)


def changes() -> Changes:
    global _changes
    if _changes is None:
        _changes = Changes()
    return _changes


def busy(group: object) -> bool:
    """True while an operation started for ``group`` (an owner widget, or the group it named) runs."""
    return id(group) in _running


Failed = Callable[[BaseException], None]


def query(owner: QWidget | None, work: Callable[[], T], then: Callable[[T], None], *,
          wait: Sequence[QWidget] = (), on_refused: Callable[[IbpError], None] | None = None,
          on_error: Failed | None = None, what: str = "query", group: object | None = None,
          always: Callable[[], None] | None = None, again: bool = False) -> Task | None:
    """Read something in the background and hand it to ``then``; nothing is written.

    ``group`` (default: ``owner``) names what runs one at a time: a second call while one runs is ignored,
    or with ``again`` it runs once the first ended, and the first one's (maybe stale) result is dropped:
    a page that reloads while it loads shows what is there after the change. ``EVERY`` as group: no
    limit (e.g. the detail of each row the user clicks; the caller keeps the last). ``always`` runs after
    the end, whatever it was (e.g. a dialog ends its own busy look).
    """
    call = _Call(owner, group, wait, on_refused, what, always, on_error)
    return _start(call, work, then, Saved.NOTHING_CHANGED, (), again)


def mutate(owner: QWidget | None, areas: str | Iterable[str], work: Callable[[], T],
           then: Callable[[T], None], *, wait: Sequence[QWidget] = (),
           on_refused: Callable[[IbpError], None] | None = None, on_error: Failed | None = None,
           what: str = "mutation", group: object | None = None,
           always: Callable[[], None] | None = None) -> Task | None:
    """Change data in the background; afterwards every page that shows one of ``areas`` refreshes."""
    call = _Call(owner, group, wait, on_refused, what, always, on_error)
    return _start(call, work, then, Saved.NOTHING, _names(areas))


def job(owner: QWidget, areas: str | Iterable[str], work: Callable[[TaskControl], T],
        then: Callable[[T], None], *, progress: Callable[[int, int, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None, wait: Sequence[QWidget] = (),
        on_refused: Callable[[IbpError], None] | None = None, what: str = "job",
        group: object | None = None, always: Callable[[], None] | None = None) -> Task | None:
    """A long change with progress and cancel, e.g. an import: ``work(control)`` calls
    ``control.report(done, total, text)`` (``progress`` hears it on the GUI thread) and, inside its
    transaction, ``control.check()`` between steps. ``cancel(group)`` makes that check raise: the
    transaction is rolled back, ``on_cancelled`` runs, no page refreshes and no dialog is shown. A
    cancel that comes after the last check is too late: the job ends normally. Empty ``areas``: a
    long read (nothing is written)."""
    call = _Call(owner, group, wait, on_refused, what, always)
    call.control, call.on_cancelled, call.progress = True, on_cancelled, progress
    names = _names(areas)
    return _start(call, work, then, Saved.NOTHING if names else Saved.NOTHING_CHANGED, names)


def cancel(group: object) -> bool:
    """Ask the job running for ``group`` to stop (see ``job``); False when none runs."""
    running = _running.get(id(group))
    if running is None:
        return False
    running[1].cancel()
    return True


def _names(areas: str | Iterable[str]) -> tuple[str, ...]:
    return (areas,) if isinstance(areas, str) else tuple(areas)


def document(owner: QWidget, make: Callable[[], bytes], *, title: str, file_name: str | None = None,
             wait: Sequence[QWidget] = (), then: Callable[[Path | None], None] | None = None,
             group: object | None = None, always: Callable[[], None] | None = None) -> Task | None:
    """Make a document with a service method: without ``file_name`` show the print preview of the PDF,
    with one ask where to save it (the name's extension, .pdf or .csv, picks the filter) and write it."""
    call = _Call(owner, group, wait, None, "document", always)
    if busy(call.group):
        return None
    if file_name is None:
        def preview(data: bytes) -> None:
            from ibp_desktop.ui import printing

            printing.preview_pdf(owner, data, title)
            if then is not None:
                then(None)

        return _start(call, make, preview, Saved.NOTHING_CHANGED, ())
    target = ask_save_path(owner, file_name)
    if target is None:
        return None

    def write(data: bytes) -> None:
        written = write_file(owner, target, data)
        if then is not None:
            then(written)

    return _start(call, make, write, Saved.NOTHING_CHANGED, ())


def ask_save_path(parent: QWidget, file_name: str) -> Path | None:
    """The save dialog with the filter that belongs to the file's extension; None when cancelled.
    The name is made safe ("groep 1/2a" -> "groep 1-2a") and suggested in the folder used last."""
    from ibp_desktop.ui.save_as import ask_save_path as ask

    suffix = Path(file_name).suffix.lower().lstrip(".")
    return ask(parent, file_name, FILTERS.get(suffix, ""))


def save_bytes(parent: QWidget, data: bytes, file_name: str) -> Path | None:
    """Ask where, then write bytes that are already made (e.g. a document a dialog made)."""
    target = ask_save_path(parent, file_name)
    return None if target is None else write_file(parent, target, data)


def write_file(parent: QWidget, target: Path, data: bytes) -> Path | None:
    from ibp_desktop.services.output_file import write_export

    try:
        write_export(target, data)  # a temporary name, renamed when complete (no half files)
    except OSError as error:
        log.warning("writing a document failed (%s)", type(error).__name__)
        show_info(parent, f"Het bestand {target} kan niet worden opgeslagen: {os_reason(error)}. Kies een "
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
        wanted = area == ANY or ANY in self.areas or area in self.areas
        if not wanted or not shiboken6.isValid(self.page):
            return
        if self.page.isVisible():
            self.reload()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.reload()
        return False


class _Call:
    """Who asked (the parent of any dialog), what runs one at a time, and what waits meanwhile."""

    def __init__(self, owner: QWidget | None, group: object | None, wait: Sequence[QWidget],
                 on_refused: Callable[[IbpError], None] | None, what: str,
                 always: Callable[[], None] | None, on_error: Failed | None = None) -> None:
        self.owner = owner
        self.group = group if group is not None else EVERY if owner is None else owner
        self.on_refused, self.on_error, self.what, self.always = on_refused, on_error, what, always
        self.wait = list(wait)
        self.enabled: list[tuple[QWidget, bool]] = []
        self.control = False  # a job: the work takes a TaskControl
        self.on_cancelled: Callable[[], None] | None = None
        self.progress: Callable[[int, int, str], None] | None = None

    @property
    def alive(self) -> bool:
        """The owner still exists (no owner: the flow before or between windows, always there)."""
        return self.owner is None or shiboken6.isValid(self.owner)

    def begin(self) -> None:
        self.enabled = [(widget, widget.isEnabled()) for widget in self.wait]
        for widget, _ in self.enabled:
            widget.setEnabled(False)

    def end(self) -> bool:
        """Give the waiting widgets their state back; True when the owner still exists."""
        if self.group is not EVERY:
            _running.pop(id(self.group), None)
        for widget, was in self.enabled:
            if shiboken6.isValid(widget):
                widget.setEnabled(was)
        return self.alive

    def finish(self) -> None:
        """After the result or the error was handled: the caller's ``always``."""
        if self.always is not None and self.alive:
            self.always()


def _report(call: _Call, error: BaseException, saved: Saved, areas: tuple[str, ...], alive: bool) -> None:
    parent = call.owner if alive else None
    if isinstance(error, IbpError):
        log.info("%s refused (%s)", call.what, type(error).__name__)
        if call.on_refused is not None and alive:
            call.on_refused(error)
        elif call.on_error is not None and alive:
            call.on_error(error)
        else:
            show_failure(parent, error, saved)
        return
    reference = logs.log_unexpected(log, call.what, error)
    for area in areas:  # the state is not known: let the pages show what is really there
        changes().data_changed.emit(area)
    if call.on_error is not None and alive:
        call.on_error(error)
    else:
        show_failure(parent, error, Saved.UNKNOWN if saved is Saved.NOTHING else saved, reference)


def _start(call: _Call, work: Callable[..., Any], then: Callable[[Any], None], saved: Saved,
           areas: tuple[str, ...], again: bool = False) -> Task | None:
    key = id(call.group)
    if call.group is not EVERY and key in _running:
        if again:  # the latest asked wins; it starts when the running one ends
            _again[key] = lambda: _start(call, work, then, saved, areas, again)
        return None
    call.begin()

    def done(result: Any) -> None:
        alive = call.end()
        restart = _again.pop(key, None)
        try:
            for area in areas:
                changes().data_changed.emit(area)
            if alive and restart is None:
                then(result)
        finally:
            call.finish()
            if alive and restart is not None:
                restart()

    def failed(error: BaseException) -> None:
        alive = call.end()
        restart = _again.pop(key, None)
        try:
            if restart is None:
                _report(call, error, saved, areas, alive)
        finally:
            call.finish()
            if alive and restart is not None:
                restart()

    def cancelled() -> None:  # a job's work stopped at its check: nothing was saved
        alive = call.end()
        _again.pop(key, None)
        log.info("%s cancelled", call.what)
        try:
            if alive and call.on_cancelled is not None:
                call.on_cancelled()
        finally:
            call.finish()

    def progress(done: int, total: int, text: str) -> None:
        if call.progress is not None and call.alive:  # reports that arrive after the owner went are dropped
            call.progress(done, total, text)

    task = run_in_background(work, on_done=done, on_error=failed, with_control=call.control,
                             on_progress=progress if call.progress else None, on_cancelled=cancelled)
    if call.group is not EVERY:
        _running[id(call.group)] = (call.group, task)
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


_QUOTED = re.compile(r"(\"[^\"]*\"|'[^']*'|\S*[/\\]\S*)")


def _qt_message(kind: QtMsgType, context: Any, message: str) -> None:
    # Qt's warnings name widgets and classes; quoted text and paths (a file may be named after a pupil)
    # are left out. The category says where it came from.
    category = getattr(context, "category", None) or "qt"
    text = _QUOTED.sub("<…>", message[:300])
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s: %s", category, text)
