"""The dependency rule of ARCHITECTURE.md as one table: which parts of the project each package may import.

(ui, commands) -> services -> (store, security, importers, reports, core); core imports nothing of the
project; nothing below ui imports Qt. Every import counts: ``import x``, ``from x import y``, relative
imports (``from ..services import users``), package imports (``from ibp_desktop import services``) and
imports inside functions. Only imports under ``if TYPE_CHECKING:`` are free (they never run). The last
tests copy the package, inject a forbidden import of each kind, and see the check fail.
"""

from __future__ import annotations

import ast
import functools
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ibp_desktop"
QT = frozenset({"PySide6", "shiboken6"})
HEAVY = frozenset({"sqlalchemy", "alembic", "keyring", "reportlab", "openpyxl", "psycopg", "sqlcipher3"})

# Part of the package (a sub-package or a top-level module) -> the parts it may import (itself always).
ALLOWED: dict[str, frozenset[str]] = {
    "core": frozenset(),
    "store": frozenset({"core", "resources"}),
    "security": frozenset({"core", "store"}),
    "importers": frozenset({"core"}),
    "reports": frozenset({"core", "resources"}),
    "services": frozenset({"core", "store", "security", "importers", "reports", "resources"}),
    "commands": frozenset({"core", "services", "logs"}),
    "ui": frozenset({"core", "services", "logs", "resources", "__init__"}),
    "cli": frozenset({"commands", "core", "logs", "ui"}),
    "logs": frozenset(),
    "resources": frozenset(),
    "__main__": frozenset({"cli"}),
    "__init__": frozenset(),
}
# Single modules a package may import beyond its table row, each with the reason.
EXTRA: dict[str, dict[str, str]] = {
    "commands": {
        "ibp_desktop.ui.app": "`demo` opens the program after creating it",
        "ibp_desktop.importers.values": "dates typed on the command line are read like dates in a file",
    },
}
# Third-party packages a part must not import.
FORBIDDEN: dict[str, frozenset[str]] = {
    "core": QT | HEAVY,
    **{part: QT for part in ("store", "security", "importers", "reports", "services", "logs")},
}


def part_of(path: Path, root: Path) -> str:
    relative = path.relative_to(root)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def module_name(path: Path, root: Path) -> tuple[str, bool]:
    """The dotted name of a file and whether it is a package's ``__init__``."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def imported_names(path: Path, root: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) for every import that runs, relative ones resolved."""
    name, is_package = module_name(path, root)
    yield from _imports_in(path.read_text(encoding="utf-8"), name, is_package)


@functools.cache
def _imports_in(source: str, name: str, is_package: bool) -> tuple[tuple[int, str], ...]:
    # Cached by the file's text: the injection tests check the whole package again and again, and
    # only the file they changed needs parsing again.
    tree = ast.parse(source)
    type_only = {id(node) for block in ast.walk(tree) if _is_type_checking(block)
                 for stmt in block.body for node in ast.walk(stmt)}  # type: ignore[attr-defined]
    package = name if is_package else name.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            found.append((node.lineno, base))
            # `from ibp_desktop import services` imports a package
            found.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names)
    return tuple(found)


def _is_type_checking(node: ast.AST) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def violations(root: Path) -> list[str]:
    """Every import in the package at ``root`` that the table does not allow."""
    project = root.name
    found: list[str] = []
    for path in sorted(root.rglob("*.py")):
        part = part_of(path, root)
        allowed = ALLOWED.get(part)
        for line, name in imported_names(path, root):
            where = f"{path.relative_to(root)}:{line}: {name}"
            top, _, rest = name.partition(".")
            if top in FORBIDDEN.get(part, frozenset()):
                found.append(where)
            if top != project or not rest:
                continue
            target = rest.split(".")[0]
            if allowed is None:
                found.append(f"{where} (the table has no row for {part})")
            elif target != part and target not in allowed and not _extra(part, name):
                if _is_symbol_of_allowed(root, rest):
                    continue
                found.append(where)
    return found


def _extra(part: str, name: str) -> bool:
    return any(name == module or name.startswith(module + ".") for module in EXTRA.get(part, {}))


def _is_symbol_of_allowed(root: Path, rest: str) -> bool:
    """``from ibp_desktop import __version__`` names a value of the package's __init__, not a part."""
    head = rest.split(".")[0]
    return not (root / head).is_dir() and not (root / f"{head}.py").exists()


def test_every_part_of_the_package_has_a_row() -> None:
    parts = {part_of(path, PACKAGE) for path in PACKAGE.rglob("*.py")}
    assert parts <= set(ALLOWED), parts - set(ALLOWED)


def test_the_package_keeps_the_table() -> None:
    assert violations(PACKAGE) == []


def test_every_exception_is_still_needed() -> None:
    used = {name for path in PACKAGE.rglob("*.py") for _line, name in imported_names(path, PACKAGE)}
    stale = [module for modules in EXTRA.values() for module in modules
             if not any(name == module or name.startswith(module + ".") for name in used)]
    assert stale == []


INJECTIONS = [
    ("store/models.py", "from ..services import users\n", "relative import of services in store"),
    ("importers/values.py", "from ibp_desktop import services\n", "package import of services in importers"),
    ("reports/action_register.py", "def _late() -> None:\n    from ibp_desktop.ui import app\n",
     "import inside a function: ui in reports"),
    ("services/actions/register.py", "from PySide6 import QtCore\n", "Qt below the ui"),
    ("core/actions.py", "import sqlalchemy\n", "SQLAlchemy in core"),
    ("core/actions.py", "from . import roles\nfrom .. import logs\n", "relative package import in core"),
    ("ui/pages/actions/page.py", "from ibp_desktop.store.types import utc_now\n", "ui reaching the store"),
    ("ui/pages/actions/page.py", "from ....reports import action_register\n", "ui rendering a PDF itself"),
    ("reports/action_register.py", "from ibp_desktop.store import models\n", "reports reaching the store"),
    ("importers/values.py", "import ibp_desktop.store.database\n", "importers reaching the store"),
    ("commands/registers.py", "from ibp_desktop.store.database import Database\n", "commands: the store"),
    ("commands/registers.py", "def _x() -> None:\n    from ibp_desktop.reports import action_register\n",
     "commands rendering a PDF themselves"),
]


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("layers") / "ibp_desktop"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert violations(copy) == []  # the copy keeps the table, so what is found below is the injection
    return copy


@contextmanager
def appended(path: Path, code: str) -> Iterator[None]:
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "\n" + code, encoding="utf-8")
    try:
        yield
    finally:
        path.write_text(original, encoding="utf-8")


@pytest.mark.parametrize("target, code, what", INJECTIONS, ids=[i[2] for i in INJECTIONS])
def test_the_check_fails_on_an_injected_import(package_copy: Path, target: str, code: str, what: str) -> None:
    with appended(package_copy / target, code):
        found = violations(package_copy)
    assert found and all(item.startswith(target) for item in found), (what, found)


def test_a_type_checking_import_is_free_but_a_runtime_one_is_not(package_copy: Path) -> None:
    path = package_copy / "ui" / "pages" / "actions" / "page.py"
    with appended(path, "if TYPE_CHECKING:\n    from ibp_desktop.store.models import School\n"):
        assert violations(package_copy) == []
    with appended(path, "if True:\n    from ibp_desktop.store.models import School\n"):
        assert violations(package_copy) != []


def test_core_and_services_import_with_qt_unavailable() -> None:
    layers = ("core", "store", "security", "services", "importers", "reports")
    modules = [
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for layer in layers
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        if path.name != "__init__.py"
    ]
    script = (
        "import sys\n"
        "class NoQt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name.split('.')[0] in {sorted(QT)!r}:\n"
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
