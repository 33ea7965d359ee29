"""Without a screen, `demo` and the GUI stop with a Dutch message naming --no-gui instead of Qt's
abort about xcb libraries (exit 134)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    env["IBP_DESKTOP_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "ibp_desktop", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland check is for Linux")
def test_gui_without_display_names_no_gui(tmp_path: Path) -> None:
    result = _run([], tmp_path / "school")
    assert result.returncode == 1
    assert "--no-gui" in result.stderr and "beeldscherm" in result.stderr
    assert "xcb" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland check is for Linux")
def test_demo_without_display_creates_the_demo_and_names_no_gui(tmp_path: Path) -> None:
    result = _run(["demo", "--data-dir", str(tmp_path / "demo")], tmp_path / "ignored")
    assert result.returncode == 1, result.stderr
    assert "ibp-desktop demo --no-gui" in result.stderr
    assert "Traceback" not in result.stderr and "xcb" not in result.stderr
    assert (tmp_path / "demo" / "ibp.sqlite3").exists()


def test_with_offscreen_platform_the_check_lets_qt_start(monkeypatch: pytest.MonkeyPatch) -> None:
    from ibp_desktop.commands.common import require_display

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    require_display()  # no error
