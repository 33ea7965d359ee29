"""What the program loads and which Qt classes it names before the login dialog is on screen (issue 17).

PySide builds the Python enum types of a Qt class the first time the class is named: ``Qt`` alone has
94 of them (~15 ms), QStyle 11 (~5 ms). A bare PySide6 window builds 37. The start-up names only what
the login dialog needs; the rest is named after the dialog is up (ui/preload.QtWarmer, on the GUI
thread while the password is typed). Counted here in fresh processes, never timed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

COUNT_ENUMS = """
import enum, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
made = []
create = enum.EnumType._create_
def counting(cls, name, *args, **kwargs):
    made.append(create(cls, name, *args, **kwargs))
    return made[-1]
enum.EnumType._create_ = counting

def report():
    print("REPORT " + json.dumps({"enums": sorted(f"{c.__module__}.{c.__qualname__}" for c in made),
                                  "modules": sorted(sys.modules)}), flush=True)
    os._exit(0)
import json
"""

BARE = COUNT_ENUMS + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
report()
"""

# `ibp-desktop --data-dir D`, the way a user starts it (command line, log file, Startup), stopped the
# moment the login dialog is shown: before any background work has begun, so nothing else loads meanwhile.
PROGRAM = COUNT_ENUMS + """
from ibp_desktop.ui import login
show = login.LoginDialog.show
def shown(dialog):
    show(dialog)
    report()
login.LoginDialog.show = shown
from ibp_desktop.cli import main
main(["--data-dir", sys.argv[1]])
"""

# Loaded later, in the background or when used (each was on the way once, with its cost then).
NOT_BEFORE_THE_DIALOG = (
    "sqlalchemy", "keyring", "reportlab", "alembic", "openpyxl", "argon2",  # the storage stack
    "logging.handlers", "socket", "pickle",  # ~9 ms: the log file rotates without them (logs.py)
    "uuid", "platform",  # ~3 ms (logs.py: the reference comes from os.urandom)
    "dataclasses",  # ~3 ms (services/location.py: named tuples)
    "getpass",  # only for a password asked on the terminal (commands/common.py)
    "ibp_desktop.services.database", "ibp_desktop.ui.main_window", "ibp_desktop.ui.pages",
    "ibp_desktop.commands.foundation",  # build_parser loads no command module for the window
)


def _report(code: str, *args: str) -> dict[str, list[str]]:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)
    lines = [x for x in result.stdout.splitlines() if x.startswith("REPORT ")]
    assert result.returncode == 0 and lines, result.stdout + result.stderr[-3000:]
    report: dict[str, list[str]] = json.loads(lines[0].removeprefix("REPORT "))
    return report


@pytest.fixture(scope="module")
def at_the_dialog(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """A data folder the login dialog opens on (the demo school's: with the demo box); the database
    itself is not opened before the dialog, so an empty file will do."""
    folder = tmp_path_factory.mktemp("startup") / "demo"
    folder.mkdir()
    (folder / "ibp.sqlite3").write_bytes(b"")
    (folder / "database.json").write_text(json.dumps({"database_id": "test", "demo": True, "format": 1}))
    report = _report(PROGRAM, str(folder))
    assert (folder / "logs" / "ibp-desktop.log").exists()  # the real start: the log is set up first
    return report


def _owners(enums: list[str]) -> set[str]:
    """'PySide6.QtCore.Qt.AlignmentFlag' -> 'PySide6.QtCore.Qt' (the class or namespace named)."""
    return {name.rsplit(".", 1)[0] for name in enums}


def test_the_program_names_few_more_qt_classes_than_a_bare_window(
    at_the_dialog: dict[str, list[str]],
) -> None:
    bare = _report(BARE)["enums"]
    program = at_the_dialog["enums"]
    extra = sorted(set(program) - set(bare))
    assert "PySide6.QtCore.Qt" not in _owners(program), "``Qt`` named before the login dialog"
    assert "PySide6.QtWidgets.QStyle" not in _owners(program), "QStyle named (app.setStyle?)"
    assert "PySide6.QtWidgets.QMessageBox" not in _owners(program)
    # 32 today: the login dialog's own widgets (form, line edits, buttons), QIcon, QFont, QPalette, ...
    assert len(program) - len(bare) <= 36, (len(program), len(bare), extra)


def test_nothing_heavy_is_loaded_before_the_dialog(at_the_dialog: dict[str, list[str]]) -> None:
    loaded = set(at_the_dialog["modules"])
    early = sorted(m for m in loaded for name in NOT_BEFORE_THE_DIALOG
                   if m == name or m.startswith(name + "."))
    assert early == [], early
    assert "ibp_desktop.ui.login" in loaded  # the report did come from the login dialog


def test_the_count_sees_qt_being_named(tmp_path: Path) -> None:
    """The guard above is only worth something if it sees ``Qt`` being named: a start-up that names it
    (as ui/app.py did for the scale-factor policy, and the login dialog at its top) is caught."""
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "ibp.sqlite3").write_bytes(b"")
    (folder / "database.json").write_text(json.dumps({"database_id": "test", "demo": True, "format": 1}))
    naming = PROGRAM.replace("from ibp_desktop.cli import main",
                             "from PySide6.QtCore import Qt\nfrom ibp_desktop.cli import main")
    assert "PySide6.QtCore.Qt" in _owners(_report(naming, str(folder))["enums"])
