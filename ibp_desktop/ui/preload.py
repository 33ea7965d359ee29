"""What the program loads while the password is typed (ui/app.py starts it once the database is open)."""

from __future__ import annotations

import threading
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
    warm_qt()
    warm_qt_classes(stop)


def warm_qt() -> None:
    """PySide builds a Qt class's Python enum types the first time the class is used: the first QBrush
    (a coloured status cell) also builds QGradient's and QImage's, 6 ms on the GUI thread during the first
    visit of Incidenten (issue 17). Value classes, so this may happen in the background."""
    from PySide6.QtGui import QBrush, QColor

    QBrush(QColor("#ffffff"))


def warm_qt_classes(stop: threading.Event | None = None) -> None:
    """PySide makes a Qt class's Python type (and its enum types) the first time the class is named. On the
    way from Enter to the Overzicht something (PySide's own signature support, it seems) named nearly
    every class of QtCore, QtGui and QtWidgets: ~115 enum types, 20–30 ms on the GUI thread right after
    Enter (issue 17; tests/ui/test_preload.py counts them). Naming all classes here (~600 enum types,
    ~140 ms) while the password is typed moves that off the path; it stops as soon as Enter is pressed."""
    from PySide6 import QtCore, QtGui, QtWidgets

    for module in (QtCore, QtGui, QtWidgets):
        for name in dir(module):
            if stop is not None and stop.is_set():
                return
            getattr(module, name)
