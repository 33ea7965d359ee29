"""How a command ends its process: run as the program, the interpreter's last collection is spared."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from ibp_desktop.cli import main


def test_a_command_run_as_the_program_leaves_what_it_made_frozen_for_the_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["ibp-desktop", "check", "--data-dir", str(tmp_path / "leeg")])
    try:
        assert main() != 0  # no database there: refused with a Dutch message
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()  # this test process goes on
    assert "database" in capsys.readouterr().err


def test_a_command_given_its_arguments_leaves_everything_collectable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--data-dir", str(tmp_path / "leeg")]) != 0
    assert gc.get_freeze_count() == 0
    assert "database" in capsys.readouterr().err


def test_the_window_run_as_the_program_leaves_nothing_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a command the window opens (here refused: no display); nothing of it is frozen."""
    from ibp_desktop.commands import common
    from ibp_desktop.core.errors import NoDisplayError

    def no_display() -> None:
        raise NoDisplayError("Er is geen beeldscherm beschikbaar.")

    monkeypatch.setattr(common, "require_display", no_display)
    monkeypatch.setenv("IBP_DESKTOP_DATA_DIR", str(tmp_path / "leeg"))
    monkeypatch.setattr(sys, "argv", ["ibp-desktop"])
    assert main() != 0
    assert gc.get_freeze_count() == 0
