"""What the program loads while the password is typed (ui/app.py starts it once the database is open)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ibp_desktop.store.database import Database


def preload(database: Database, enter: threading.Event) -> None:
    """Background, while the password is typed: everything the first screen after login needs that
    does not depend on who logs in (the main window's and the Overzicht's modules, the mappers, the
    Overzicht's compiled queries). After Enter only Argon2id and the user's own figures remain.
    Then the other pages' modules, until Enter is pressed: from then on the login and the main
    window go first, and ``preload_pages`` finishes the rest once the Overzicht is up."""
    from datetime import date

    from ibp_desktop.services.dashboard.overview import warm_up
    from ibp_desktop.ui import main_window  # noqa: F401 - imported here, built on the GUI thread later
    from ibp_desktop.ui.pages import overview  # noqa: F401

    warm_up(database, date.today())
    preload_pages(enter)


def preload_pages(stop: threading.Event | None = None) -> None:
    """Import every page's module (the widgets are built on the first visit, on the GUI thread)."""
    import importlib

    from ibp_desktop.ui.pages import PAGE_MODULES

    for name in PAGE_MODULES:
        if stop is not None and stop.is_set():
            return
        importlib.import_module(name)


def _qt_class_names() -> Iterator[tuple[ModuleType, str]]:
    from PySide6 import QtCore, QtGui, QtWidgets

    for module in (QtCore, QtGui, QtWidgets):
        for name in dir(module):
            yield module, name


class QtWarmer:
    """Names every Qt class on the GUI thread, a few milliseconds at a time between events.

    PySide makes a Qt class's Python type and its enum types the first time the class is named. On the
    way from Enter to the Overzicht something (PySide's own signature support, it seems) named nearly
    every class of QtCore, QtGui and QtWidgets: ~115 enum types, 20–30 ms right after Enter, and the first
    QBrush of a page cost 6 ms (issue 17; tests/ui/test_preload.py counts them). Done while the password
    is typed (~140 ms in all, in slices the typing does not notice), that is off the path. Only on the GUI
    thread, and before any background import of the program's Qt modules: PySide builds these types
    without a lock, and two threads doing it at once crashed the program. Once all are named, a background
    import only looks them up.
    """

    def __init__(self, stop: threading.Event | None = None, slice_ms: float = 4.0,
                 then: Callable[[], object] | None = None) -> None:
        self.stop = stop
        self.slice_s = slice_ms / 1000
        self.then = then  # runs when every class is named (not when stopped)
        self.done = False
        self._names: Iterator[tuple[ModuleType, str]] | None = None

    def start(self) -> None:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self._step)

    def run_all(self) -> None:
        """All at once (a script or test that has no typing to hide it behind)."""
        self.slice_s = float("inf")
        self._step()

    def _step(self) -> None:
        import time

        from PySide6.QtCore import QTimer

        if self.stop is not None and self.stop.is_set():
            return
        if self._names is None:
            from PySide6.QtGui import QBrush, QColor

            QBrush(QColor("#ffffff"))  # also QGradient's and QImage's enums
            self._names = _qt_class_names()
        deadline = time.perf_counter() + self.slice_s
        for module, name in self._names:
            getattr(module, name)
            if time.perf_counter() > deadline:
                QTimer.singleShot(0, self._step)
                return
        self.done = True
        if self.then is not None:
            self.then()
