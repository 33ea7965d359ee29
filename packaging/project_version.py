"""The program's version from pyproject.toml, for the spec and the build scripts (one place, no copies).

    python packaging/project_version.py      prints e.g. 0.1.0

[project].version when set; otherwise the module attribute that [tool.setuptools.dynamic] points
at (ibp_desktop.__version__), read with ast so the package is not imported.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def project_version(root: Path = ROOT) -> str:
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    if "version" in pyproject["project"]:
        return str(pyproject["project"]["version"])
    module, _, attr = pyproject["tool"]["setuptools"]["dynamic"]["version"]["attr"].rpartition(".")
    base = root.joinpath(*module.split("."))
    source = base / "__init__.py" if base.is_dir() else base.with_suffix(".py")
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == attr for t in node.targets):
            return str(ast.literal_eval(node.value))
    raise SystemExit(f"version attribute {attr!r} not found in {source}")


def windows_numbers(version: str) -> tuple[int, int, int, int]:
    """'1.2.3' -> (1, 2, 3, 0) for the Windows file properties; pre-release tags are dropped."""
    numbers = [int(match.group()) if (match := re.match(r"\d+", part)) else 0
               for part in version.split("+")[0].split(".")[:4]]
    a, b, c, d = (*numbers, 0, 0, 0, 0)[:4]
    return a, b, c, d


if __name__ == "__main__":
    print(project_version())
    sys.exit(0)
