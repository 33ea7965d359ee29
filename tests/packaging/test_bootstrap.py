"""bootstrap.sh for a newcomer (issue 16): a non-root run prints one complete install line (with
python3-venv when `python3 -m venv` cannot work), and libglib2.0-0t64 counts as libglib2.0-0."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def _tool(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/usr/bin/env bash\n" + body + "\n", encoding="utf-8")
    path.chmod(0o755)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_non_root_run_prints_one_complete_install_line(tmp_path: Path) -> None:
    repo = tmp_path / "checkout"
    (repo / "packaging").mkdir(parents=True)
    shutil.copy(ROOT / "packaging" / "bootstrap.sh", repo / "packaging" / "bootstrap.sh")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # Debian 13: everything installed except libxkbcommon0; glib under its t64 name.
    _tool(bin_dir, "id", 'echo 1000')
    _tool(bin_dir, "apt-get", 'echo "apt-get must not run as non-root" >&2; exit 99')
    _tool(bin_dir, "dpkg-query", 'case "${@: -1}" in libxkbcommon0*|libglib2.0-0|python3-venv*) exit 1;; '
                                 '*) echo "install ok installed";; esac')
    _tool(bin_dir, "apt-cache", 'case "$2" in libglib2.0-0) exit 100;; *) exit 0;; esac')
    # A python3 without ensurepip (python3-venv missing), otherwise the real interpreter.
    _tool(bin_dir, "python3", f'case "$*" in *ensurepip*|*venv*) exit 1;; esac\nexec {sys.executable} "$@"')
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    result = subprocess.run(["bash", str(repo / "packaging" / "bootstrap.sh"), "demo"], env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    output = result.stdout + result.stderr
    lines = [line for line in output.splitlines() if "sudo apt-get install" in line and "&&" in line]
    assert lines, output
    line = lines[0]
    assert "sudo apt-get update && sudo apt-get install -y" in line
    assert "libxkbcommon0" in line and "python3-venv" in line
    assert "libglib2.0-0" not in line  # libglib2.0-0t64 is there
    assert result.returncode != 0  # without python3-venv it stops, pointing to that same line
    assert "apt-get must not run" not in output
    assert output.count("sudo apt-get install") == 2  # the line, and the reminder when it stops
