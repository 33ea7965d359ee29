"""Fast checks of the packaging inputs (the bundle itself is built in test_bundle.py, -m bundle)."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

import ibp_desktop

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
from project_version import project_version, windows_numbers  # noqa: E402


def test_the_build_version_is_the_program_version() -> None:
    assert project_version() == ibp_desktop.__version__
    assert windows_numbers("1.2.3rc1") == (1, 2, 3, 0)


def test_the_icon_file_holds_every_size_windows_asks_for() -> None:
    sizes = Image.open(ROOT / "resources" / "icons" / "ibp-desktop.ico").info["sizes"]
    assert {(16, 16), (24, 24), (32, 32), (48, 48), (256, 256)} <= set(sizes)
    for size in (16, 24, 32, 48, 64, 128, 256):
        with Image.open(ROOT / "resources" / "icons" / f"ibp-desktop-{size}.png") as png:
            assert png.size == (size, size)


def test_the_linux_menu_entry_starts_the_program_with_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(ROOT / "packaging" / "linux" / "ibp-desktop.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Exec"] == "ibp-desktop"
    assert desktop["Icon"] == "ibp-desktop" and desktop["Terminal"] == "false"


def test_smoke_test_flag_shows_the_setup_wizard_on_a_new_pc_and_quits(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("IBP_DESKTOP_")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "ibp_desktop", "--data-dir", str(tmp_path / "nieuw"),
                             "--smoke-test"], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "venster getoond: Instellen" in result.stdout.splitlines()
    assert not (tmp_path / "nieuw" / "ibp.sqlite3").exists()
