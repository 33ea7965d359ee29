"""While the password is typed, the program loads what the first screens need (ui/preload.py)."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from ibp_desktop.ui.pages import PAGE_MODULES, PAGES

pytestmark = pytest.mark.gui


def test_every_page_module_is_listed_and_imports() -> None:
    """The module each page's factory imports is preloaded (several pages may share one module)."""
    import inspect
    import re

    imported = {
        found
        for spec in PAGES
        for found in re.findall(
            r"from (ibp_desktop\.ui\.pages\.[\w.]+) import", inspect.getsource(spec.factory)
        )
    }
    assert imported and imported == set(PAGE_MODULES)
    for name in PAGE_MODULES:
        importlib.import_module(name)


def test_page_modules_are_loaded_before_the_first_visit(tmp_path) -> None:
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
    subprocess.run(
        [sys.executable, "-m", "ibp_desktop", "demo", "--no-gui", "--data-dir", str(tmp_path / "demo")],
        check=True,
        capture_output=True,
        timeout=300,
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "demo")], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
