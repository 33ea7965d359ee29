"""The dependency rule of ARCHITECTURE.md: ui -> services -> (store, security, importers, reports, core);
core imports nothing of the project; nothing below ui imports Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ibp_desktop"
NON_UI_LAYERS = ("core", "store", "security", "services", "importers", "reports")
QT_MODULES = ("PySide6", "shiboken6")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", NON_UI_LAYERS)
def test_no_qt_below_the_ui(layer: str) -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in _modules(layer)
        for name in _imports(path)
        if name.split(".")[0] in QT_MODULES
    ]
    assert offenders == []


def test_core_imports_nothing_of_the_project_but_core() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in _modules("core")
        for name in _imports(path)
        if (name.startswith("ibp_desktop.") and not name.startswith("ibp_desktop.core"))
        or name.split(".")[0] in {"sqlalchemy", "alembic", "keyring", "reportlab", "openpyxl", *QT_MODULES}
    ]
    assert offenders == []


def test_lower_layers_do_not_import_services_or_ui() -> None:
    lower = ("core", "store", "security", "importers", "reports")
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for layer in lower
        for path in _modules(layer)
        for name in _imports(path)
        if name.startswith(("ibp_desktop.services", "ibp_desktop.ui", "ibp_desktop.cli"))
    ]
    assert offenders == []


def test_core_and_services_import_with_qt_unavailable() -> None:
    modules = [
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for layer in NON_UI_LAYERS
        for path in _modules(layer)
        if path.name != "__init__.py"
    ]
    script = (
        "import sys\n"
        "class NoQt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name.split('.')[0] in {QT_MODULES!r}:\n"
        "            raise ImportError('Qt is not available here')\n"
        "sys.meta_path.insert(0, NoQt())\n"
        "import importlib\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print('imported', len(sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "imported" in result.stdout


def test_the_command_line_help_loads_no_heavy_modules() -> None:
    script = (
        "import sys\n"
        "from ibp_desktop.cli import build_parser\n"
        "build_parser().format_help()\n"
        "heavy = [m for m in ('sqlalchemy', 'alembic', 'reportlab', 'openpyxl', 'PySide6', 'keyring')"
        " if m in sys.modules]\n"
        "print(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr
