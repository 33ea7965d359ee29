"""Emitting signals from Python must not eat references to True (PySide6 6.12 on Python 3.11)."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal

import ibp_desktop.ui  # noqa: F401 - applies the work-arounds


class Sender(QObject):
    changed = Signal(str, object)


def test_many_emits_leave_the_refcount_of_true_alone() -> None:
    sender = Sender()
    sender.changed.connect(lambda *_: None)
    gc.collect()
    before = sys.getrefcount(True)
    for number in range(500):
        sender.changed.emit("x", number)
    gc.collect()
    assert sys.getrefcount(True) - before > -50  # without the fix: -500


def test_void_calls_cannot_run_none_down() -> None:
    if sys.version_info >= (3, 12):
        return
    assert sys.getrefcount(None) > 1 << 39  # the reserve from qt_fixes
