"""While the password is typed, the program loads what the first screens need (ui/preload.py)."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ibp_desktop.ui.pages import PAGE_MODULES, PAGES

pytestmark = pytest.mark.gui


def test_every_page_module_is_listed_and_imports() -> None:
    """The module each page's factory imports is preloaded (several pages may share one module); the
    tabs' modules too (see the next tests)."""
    import inspect
    import re

    imported = {
        found
        for spec in PAGES
        for found in re.findall(
            r"from (ibp_desktop\.ui\.pages\.[\w.]+) import", inspect.getsource(spec.factory)
        )
    }
    assert imported and imported <= set(PAGE_MODULES)
    for name in PAGE_MODULES:
        importlib.import_module(name)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("preload") / "demo"
    subprocess.run([sys.executable, "-m", "ibp_desktop", "demo", "--no-gui", "--data-dir", str(folder)],
                   check=True, capture_output=True, timeout=300)
    return str(folder)


STARTED = """
import os, sys, tempfile
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
# Settings of their own: the window opens on the Overzicht, as for a new user, whatever page this
# machine's user saw last (a page opened at login would be imported before the visits are counted).
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
from ibp_desktop.services.location import resolve_location
from ibp_desktop.ui.app import Startup, setup_application
from ibp_desktop.ui.background import wait_for_all

def settle():
    for _ in range(3):
        wait_for_all(); QApplication.processEvents()

app = setup_application([]); s = Startup(resolve_location(sys.argv[1]), quit_app=lambda: None)
s.start()
while s.login_dialog is None:
    settle()
"""  # a fresh program, its login dialog on screen

# Counts (in ``made``) the Python enum types PySide builds from here on in a child script.
COUNT_ENUMS_FROM_HERE = """
import enum
made = []
create = enum.EnumType._create_
def counting(cls, name, *args, **kwargs):
    made.append(kwargs.get("qualname") or name)
    return create(cls, name, *args, **kwargs)
enum.EnumType._create_ = counting
"""

VISIT_ALL = STARTED + """
from ibp_desktop.ui.preload import QtWarmer, preload_pages
s.login_dialog.username.setText("directeur"); s.login_dialog.password.setText("Regenboog-directeur")
s.login_dialog.submit()
while s.window is None:
    settle()
preload_pages()
QtWarmer().run_all()  # what the program does on the GUI thread once the pages are loaded
settle()
""" + COUNT_ENUMS_FROM_HERE + """
before = set(sys.modules)
for key in s.window.page_keys():
    s.window.open_page(key); settle()
    tabs = getattr(s.window.pages[key], "tabs", None)
    for index in range(tabs.count() if tabs is not None else 0):
        tabs.setCurrentIndex(index); settle()
print("NEW", sorted(m for m in set(sys.modules) - before if m.startswith("ibp_desktop.ui")))
print("ENUMS", made)
s.quit()
"""


def test_a_visit_of_every_page_and_tab_imports_no_more_of_the_ui(demo_dir: str) -> None:
    """Issue 17: PAGE_MODULES named packages whose __init__ imports nothing, so every first visit of a
    page imported its modules on the GUI thread (incidents: 20 modules). Now a fresh process that
    preloaded the pages imports no ui module while the director visits every page and every tab, and
    PySide builds no Python enum types of Qt classes then (the first QBrush cost 6 ms)."""
    result = subprocess.run([sys.executable, "-c", VISIT_ALL, demo_dir], capture_output=True, text=True,
                            timeout=300)
    lines = [x for x in result.stdout.splitlines() if x.startswith(("NEW ", "ENUMS "))]
    assert result.returncode == 0 and len(lines) == 2, result.stdout + result.stderr[-2000:]
    assert lines == ["NEW []", "ENUMS []"]  # nor does PySide build Qt enum types (preload.QtWarmer)


def test_page_modules_are_loaded_before_the_first_visit(demo_dir: str) -> None:
    """In a fresh process: after the database opened and before anyone logged in, every page module is
    imported (by the background preload), while the login dialog stays responsive."""
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtCore import QThreadPool\n"
        "from ibp_desktop.services.location import resolve_location\n"
        "from ibp_desktop.ui.app import Startup, setup_application\n"
        "from ibp_desktop.ui.pages import PAGE_MODULES\n"
        "app = setup_application([]); s = Startup(resolve_location(sys.argv[1]), quit_app=lambda: None)\n"
        "s.start()\n"
        "for _ in range(600):\n"
        "    app.processEvents(); QThreadPool.globalInstance().waitForDone(50)\n"
        "    if s.database is not None and all(m in sys.modules for m in PAGE_MODULES): break\n"
        "missing = [m for m in PAGE_MODULES if m not in sys.modules]\n"
        "print(missing, s.window is None); s.quit(); sys.exit(1 if missing or s.window is not None else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, demo_dir], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]


LOG_IN_AFTER_TYPING = STARTED + """
while s.qt_warmer is None or not s.qt_warmer.done:  # the user took their time typing
    settle()
""" + COUNT_ENUMS_FROM_HERE + """
s.login_dialog.username.setText("directeur"); s.login_dialog.password.setText("Regenboog-directeur")
s.login_dialog.submit()
while s.window is None or s.window.pages["overzicht"].dashboard is None:
    settle()
print("ENUMS", len(made), made[:5])
s.quit()
"""


def test_after_enter_pyside_builds_no_enum_types(demo_dir: str, tmp_path: Path) -> None:
    """Issue 17: on the way from Enter to the Overzicht, PySide named nearly every Qt class for the first
    time and built ~115 Python enum types on the GUI thread (20–30 ms of the 250 ms aim). The program
    names them while the password is typed (preload.QtWarmer, on the GUI thread in slices)."""
    fresh_settings = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path)}  # the Overzicht opens first
    result = subprocess.run([sys.executable, "-c", LOG_IN_AFTER_TYPING, demo_dir], capture_output=True,
                            text=True, timeout=300, env=fresh_settings)
    lines = [x for x in result.stdout.splitlines() if x.startswith("ENUMS ")]
    assert result.returncode == 0 and lines, result.stdout + result.stderr[-2000:]
    assert lines == ["ENUMS 0 []"]


def test_the_background_preload_starts_only_after_the_qt_classes_are_named(
    qtbot, make_startup, demo_location, monkeypatch
) -> None:
    """PySide builds its Python types without a lock: naming Qt classes on the GUI thread while a
    background import names them too crashed a test worker (segfault). The program names them all on
    the GUI thread first; only then does the background preload import the pages' Qt modules."""
    from ibp_desktop.ui import app

    seen: list[bool] = []
    holder: list = []
    monkeypatch.setattr(app, "preload", lambda _database, _enter: seen.append(holder[0].qt_warmer.done))
    startup = make_startup(demo_location)
    holder.append(startup)
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert seen == [True]
