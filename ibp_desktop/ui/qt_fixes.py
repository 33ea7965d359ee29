"""Work-arounds for bugs in the Qt bindings we ship, each checked at run time before it is applied.

PySide6 6.12.0: ``SignalInstance.emit`` hands back its bool result without taking a reference. On
Python 3.11 (where True and False are not yet immortal) every emit from Python lowers the refcount
of ``True``; after enough emits the interpreter aborts ("bool_dealloc: deallocating True or False"),
typically when the program closes. We measure the leak once and, only if it is there, wrap ``emit``
so it adds back the missing reference. PySide6-Pdf is only published for 6.12, so we cannot move
to a version without the bug.

The same release also drops a reference to ``None`` on many void calls (setText, setItem, addItem,
...), too many places to wrap. Since None, True and False are never freed anyway, we give them a
large reserve of references once (what Python 3.12 does by making them immortal), so a long working
day cannot run them down to zero.

PySide6 also puts ``__feature_import__`` in front of every import, for its opt-in ``from __feature__
import snake_case, true_property``. After each import it reads the whole source of the module imported
(``inspect.getsource``) to see whether the text "PySide6" is in it: 0.05-1 ms a module, ~5 ms for the
~35 modules named on the way to the login dialog, and again for every module imported later (issue 17).
The program uses no ``__feature__`` (tests/ui/test_qt_fixes.py checks), so the import PySide chained in
behind it (``__orig_import__``: its lazy loading of classes) takes over again.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_applied = False


class _Probe(QObject):
    ping = Signal()


def _emit_loses_a_reference() -> bool:
    probe = _Probe()
    result: Any = probe.ping.emit()  # type: ignore[func-returns-value]
    before = sys.getrefcount(result)
    for _ in range(8):
        probe.ping.emit()
    lost = before - sys.getrefcount(result)
    if lost > 0:  # undo the damage the probe itself did
        for _ in range(lost + 1):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
    return lost >= 8


_RESERVE = 1 << 40  # far more void calls than a program makes in years


def _reserve_references() -> None:
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object (Python < 3.12).
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE


def _skip_feature_import() -> None:
    import builtins

    hook, chained = builtins.__import__, getattr(builtins, "__orig_import__", None)
    if getattr(hook, "__name__", "") == "__feature_import__" and callable(chained):
        builtins.__import__ = chained


def apply_qt_fixes() -> None:
    global _applied
    if _applied:
        return
    _applied = True
    _skip_feature_import()
    if sys.version_info >= (3, 12):
        return  # None, True and False are immortal there
    _reserve_references()
    if not _emit_loses_a_reference():
        return
    original = SignalInstance.emit

    def emit(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
        return result

    SignalInstance.emit = emit  # type: ignore[method-assign]
