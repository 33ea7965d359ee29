"""Walk every page (and every tab of a tabbed area) of the main window at a school laptop's size.

Used by tests/ui/test_fits_screen.py (no table needs a horizontal scrollbar) and, run as a script under
Xvfb, to take the screenshots in resources/screenshots:

    xvfb-run -s "-screen 0 1366x768x24" env PYTHONPATH=$PWD .venv/bin/python -m tests.ui.screens OUT
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QTabWidget, QWidget

from ibp_desktop.ui.background import wait_for_all
from ibp_desktop.ui.main_window import MainWindow


def settle(ms: int = 150) -> None:
    """Let background loads finish and their results reach the widgets."""
    for _ in range(6):
        wait_for_all()
        loop = QEventLoop()
        QTimer.singleShot(ms // 6 or 1, loop.quit)
        loop.exec()
        QCoreApplication.processEvents()


def views(window: MainWindow, only: str | None = None) -> Iterator[tuple[str, QWidget]]:
    """Every page (or only the page ``only``), and for a page with tabs every tab: (a file-safe name,
    the widget on screen)."""
    for key in window.page_keys():
        if only is not None and key != only:
            continue
        window.open_page(key)
        settle()
        page = window.pages[key]
        tabs = _outer_tabs(page)
        if tabs is None or not any(tabs.isTabVisible(i) for i in range(tabs.count())):
            yield key, page
            continue
        for index in range(tabs.count()):
            if not tabs.isTabVisible(index):
                continue
            tabs.setCurrentIndex(index)
            settle()
            yield f"{key}-{_slug(tabs.tabText(index))}", page


def horizontal_scrollbars(page: QWidget) -> list[str]:
    """Visible scroll areas on the page that scroll sideways (described for an assertion message)."""
    found = []
    for area in page.findChildren(QAbstractScrollArea):
        if not area.isVisible() or not area.horizontalScrollBar().isVisible():
            continue
        found.append(f"{type(area).__name__} {area.objectName() or area.accessibleName()!r} "
                     f"breedte {area.width()}, inhoud {area.horizontalScrollBar().maximum()} te breed")
    return found


def _outer_tabs(page: QWidget) -> QTabWidget | None:
    tabs = getattr(page, "tabs", None)
    return tabs if isinstance(tabs, QTabWidget) else None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.replace("&", "").lower()).strip("-")


def main(out: Path, username: str = "directeur") -> int:
    """Log in to a fresh demo as ``username`` and save a 1366x768 screenshot of every page."""
    import tempfile
    from datetime import date

    from ibp_desktop.services.database.connection import resolve_location
    from ibp_desktop.services.demo.school import DEMO_ACCOUNTS, create_demo
    from ibp_desktop.ui.app import Startup, setup_application

    app = setup_application()
    out.mkdir(parents=True, exist_ok=True)
    location = resolve_location(Path(tempfile.mkdtemp()) / "demo")
    create_demo(location, date.today())
    startup = Startup(location, quit_app=lambda: None)
    startup.start()
    settle(500)
    account = next(a for a in DEMO_ACCOUNTS if a.username == username)
    assert startup.login_dialog is not None
    startup.login_dialog.username.setText(account.username)
    startup.login_dialog.password.setText(account.password)
    startup.login_dialog.submit()
    for _ in range(50):
        settle(200)
        if startup.window is not None:
            break
    window = startup.window
    assert window is not None
    window.setGeometry(0, 0, 1366, 768)
    settle(500)
    for name, page in views(window):
        window.grab().save(str(out / f"{name}.png"))
        bars = horizontal_scrollbars(page)
        print(name, window.width(), "x", window.height(), "; ".join(bars) or "ok", flush=True)
    startup.quit()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), *(sys.argv[2:3])))
