"""The work-arounds of ui/qt_fixes.py: emitting signals must not eat references to True (PySide6 6.12 on
Python 3.11), and PySide no longer reads the source of every module imported."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal

import ibp_desktop.ui  # applies the work-arounds


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


def test_pyside_no_longer_reads_the_source_of_every_module_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """qt_fixes hands imports back to PySide's lazy import: its ``__feature__`` hook read the source of
    every module imported after PySide (issue 17). Classes still load lazily, and the program uses no
    ``__feature__`` (the one thing the hook was for)."""
    import builtins
    import linecache
    import re

    assert builtins.__import__.__name__ != "__feature_import__"
    (tmp_path / "freshly_written_module.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    read: list[str] = []
    original = linecache.updatecache
    monkeypatch.setattr(linecache, "updatecache",
                        lambda name, *rest: read.append(name) or original(name, *rest))
    names: dict[str, object] = {}
    exec("import freshly_written_module as module", names)  # an import statement: through builtins.__import__
    module = names["module"]
    from PySide6.QtWidgets import QCalendarWidget  # a class loaded on first use still loads

    assert getattr(module, "VALUE", None) == 1 and read == []
    assert QCalendarWidget.__name__ == "QCalendarWidget"
    selecting = re.compile(r"^\s*(from|import)\s+__feature__", re.MULTILINE)
    package = Path(ibp_desktop.ui.__file__).parents[1]
    assert [f for f in package.rglob("*.py") if selecting.search(f.read_text(encoding="utf-8"))] == []
