"""Locate the shipped resources/ and db/ folders in a checkout, a wheel or a PyInstaller bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def _roots() -> tuple[Path, ...]:
    package_dir = Path(__file__).resolve().parent
    roots = [package_dir.parent]  # source checkout or editable install
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.insert(0, Path(bundle))
    roots.append(Path(sys.prefix) / "share" / "ibp-desktop")  # installed from a wheel
    return tuple(roots)


def _find(folder: str) -> Path:
    for root in _roots():
        candidate = root / folder
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"folder {folder!r} not found next to the program")


def resource_path(*parts: str) -> Path:
    """Path of a file under resources/, e.g. resource_path("fonts", "DejaVuSans.ttf")."""
    return _find("resources").joinpath(*parts)


def migrations_path() -> Path:
    """The Alembic environment folder (db/)."""
    return _find("db")
