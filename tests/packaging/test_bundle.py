"""Build the PyInstaller bundle with packaging/build.sh and start the built program headless.

Slow (a build takes minutes), so outside the default run:  pytest -m bundle tests/packaging
Set IBP_BUNDLE_DIR=<dist folder of an earlier build> to test that build instead of building again.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(sys.platform != "linux", reason="build.sh builds the Linux bundle"),
]

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT = 30 * 60
RUN_TIMEOUT = 180


def _isolated_env(home: Path) -> dict[str, str]:
    """Headless Qt, a throw-away home, and none of the developer's IBP_DESKTOP_* settings."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("IBP_DESKTOP_")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local" / "share"), XDG_CACHE_HOME=str(home / ".cache"))
    return env


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built program folder (…/ibp-desktop) holding the executable and _internal/."""
    existing = os.environ.get("IBP_BUNDLE_DIR")
    if existing:
        dist = Path(existing)
    else:
        dist = tmp_path_factory.mktemp("dist")
        work = tmp_path_factory.mktemp("work")
        started = time.monotonic()
        result = subprocess.run(["bash", str(ROOT / "packaging" / "build.sh"), "--dist", str(dist),
                                 "--work", str(work)], cwd=ROOT, capture_output=True, text=True,
                                timeout=BUILD_TIMEOUT, check=False)
        assert result.returncode == 0, f"build failed:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
        print(f"bundle built in {time.monotonic() - started:.0f} s")
    folder = dist / "ibp-desktop"
    assert (folder / "ibp-desktop").is_file(), f"no executable in {folder}"
    return folder


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


def _run(bundle: Path, home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle / "ibp-desktop"), *args], env={**_isolated_env(home), **env},
                          capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False)


@pytest.fixture(scope="module")
def demo_dir(bundle: Path, home: Path) -> Iterator[Path]:
    data_dir = home / "demo"
    result = _run(bundle, home, "demo", "--no-gui", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert "Regenboog-directeur" in result.stdout and "Functionaris gegevensbescherming" in result.stdout, \
        result.stdout
    yield data_dir


def test_bundle_ships_resources_and_migrations_at_its_root(bundle: Path) -> None:
    internal = bundle / "_internal"
    assert (internal / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    assert (internal / "resources" / "icons" / "ibp-desktop.svg").is_file()
    assert (internal / "db" / "env.py").is_file()
    shipped = {path.name for path in (internal / "db" / "versions").glob("*.py")}
    assert shipped == {path.name for path in (ROOT / "db" / "versions").glob("*.py")}
    assert not (internal / "resources" / "screenshots").exists()
    assert list((internal / "PySide6" / "Qt" / "plugins" / "platforms").glob("libqoffscreen*"))
    assert list((internal / "PySide6" / "Qt" / "plugins" / "platforms").glob("libqxcb*"))


def test_demo_is_created_and_passes_the_database_check(bundle: Path, home: Path, demo_dir: Path) -> None:
    result = _run(bundle, home, "check", "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SQLCipher-controle" in result.stdout and "Alles in orde." in result.stdout


def test_pdf_export_embeds_the_fonts(bundle: Path, home: Path, demo_dir: Path) -> None:
    from pypdf import PdfReader

    target = home / "overzicht.pdf"
    result = _run(bundle, home, "export", "consent-overview", "--data-dir", str(demo_dir),
                  "--user", "directeur", "--brin", "99ZZ", "-o", str(target),
                  IBP_DESKTOP_PASSWORD="Regenboog-directeur")
    assert result.returncode == 0, result.stderr
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Toestemming beeldmateriaal" in text and "OBS De Regenboog" in text


def test_gui_opens_the_login_window_and_exits(bundle: Path, home: Path, demo_dir: Path) -> None:
    started = time.monotonic()
    result = _run(bundle, home, "--data-dir", str(demo_dir), "--smoke-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "venster getoond: Inloggen" in result.stdout.splitlines()
    print(f"start to exit via the login window: {time.monotonic() - started:.1f} s")


def test_gui_on_a_new_pc_opens_the_setup_wizard(bundle: Path, home: Path) -> None:
    result = _run(bundle, home, "--data-dir", str(home / "nieuw"), "--smoke-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "venster getoond: Instellen" in result.stdout.splitlines()
