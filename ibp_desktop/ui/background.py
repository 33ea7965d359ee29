"""Run work off the GUI thread and hear about it on the GUI thread.

The engine under ui/ops.py, which is the only caller (widgets use ``ops.query``/``mutate``/``job``):
those add the waiting widgets, the error dialog and ``data_changed``. The work function may take a
``TaskControl`` to report progress and to notice a cancel request::

    task = run_in_background(lambda control: importer.run(control), with_control=True,
                             on_progress=bar.update, on_done=show_result, on_error=show_error)
    cancel_button.clicked.connect(task.cancel)

Signals are emitted by a QObject that lives on the GUI thread, from a worker thread; Qt queues
them, so every connected slot runs on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class Cancelled(Exception):
    """Raised inside work that noticed a cancel request (``TaskControl.check``)."""


class TaskControl:
    """Given to the work function: report progress and check whether the user cancelled."""

    def __init__(self, task: Task) -> None:
        self._task = task
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise Cancelled when the user pressed Annuleren; call it between steps."""
        if self._cancel.is_set():
            raise Cancelled

    def report(self, done: int, total: int, text: str = "") -> None:
        """Progress: ``done`` of ``total`` steps (total 0 means: unknown), with a short Dutch text."""
        self._task.progress.emit(done, total, text)


class Task(QObject):
    """A piece of work running in the thread pool. Exactly one of finished/failed/cancelled is emitted."""

    progress = Signal(int, int, str)
    finished = Signal(object)  # the work's return value
    failed = Signal(object)  # the exception
    cancelled = Signal()
    done = Signal()  # after any of the three above
    _deliver = Signal(str, object)  # internal hop from the worker thread to this GUI-thread object

    def __init__(self, work: Callable[..., Any], with_control: bool) -> None:
        super().__init__()
        self._work = work
        self._with_control = with_control
        self.control = TaskControl(self)
        self.running = True
        self.result: Any = None
        self.error: BaseException | None = None
        self._deliver.connect(self._on_deliver)

    def cancel(self) -> None:
        """Ask the work to stop; it stops at its next ``control.check()``."""
        self.control._cancel.set()

    def _run(self) -> None:  # worker thread
        try:
            value = self._work(self.control) if self._with_control else self._work()
        except Cancelled:
            self._deliver.emit("cancelled", None)
        except BaseException as error:
            self._deliver.emit("failed", error)
        else:
            self._deliver.emit("finished", value)

    def _on_deliver(self, kind: str, value: object) -> None:  # GUI thread
        self.running = False
        _running.discard(self)
        if kind == "finished":
            self.result = value
            self.finished.emit(value)
        elif kind == "failed":
            self.error = value if isinstance(value, BaseException) else None
            self.failed.emit(value)
        else:
            self.cancelled.emit()
        self.done.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run()


_running: set[Task] = set()  # keeps Python references alive until the GUI thread heard the end


def run_in_background(
    work: Callable[..., Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    with_control: bool = False,
    on_progress: Callable[[int, int, str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
) -> Task:
    """Start ``work()`` (or ``work(control)``) in the thread pool; call from the GUI thread.

    Connect progress here, not to the returned task: the work may report before that connection."""
    task = Task(work, with_control)
    if on_done is not None:
        task.finished.connect(on_done)
    if on_error is not None:
        task.failed.connect(on_error)
    if on_progress is not None:
        task.progress.connect(on_progress)
    if on_cancelled is not None:
        task.cancelled.connect(on_cancelled)
    _running.add(task)
    QThreadPool.globalInstance().start(_Runnable(task))
    return task


def wait_for_all(msecs: int = 10_000) -> bool:
    """Let running work end (at program exit, and in tests)."""
    return QThreadPool.globalInstance().waitForDone(msecs)
