"""The background helper: results, errors, progress and cancel arrive on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ibp_desktop.ui.background import TaskControl, run_in_background

pytestmark = pytest.mark.gui


def test_result_and_error_arrive_on_gui_thread(qtbot: QtBot, qapp: QApplication) -> None:
    gui = threading.get_ident()
    seen: list[tuple[object, int]] = []
    run_in_background(lambda: 6 * 7, on_done=lambda v: seen.append((v, threading.get_ident())))
    run_in_background(lambda: 1 / 0, on_error=lambda e: seen.append((type(e), threading.get_ident())))
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert set(seen) == {(42, gui), (ZeroDivisionError, gui)}


def test_progress_and_cancel(qtbot: QtBot, qapp: QApplication) -> None:
    started = threading.Event()
    cancelled = threading.Event()  # the work goes on only after the cancel: no race with its speed
    progress: list[tuple[int, int, str]] = []

    def work(control: TaskControl) -> str:
        for step in range(1000):
            control.report(step, 1000, f"Rij {step}")
            started.set()
            cancelled.wait(5)
            control.check()
        return "klaar"

    task = run_in_background(work, with_control=True,
                             on_progress=lambda d, t, s: progress.append((d, t, s)))  # before it can report
    started.wait(5)
    task.cancel()
    cancelled.set()
    with qtbot.waitSignal(task.cancelled, timeout=5_000):
        pass
    assert not task.running and task.result is None
    assert progress and progress[0][1] == 1000
