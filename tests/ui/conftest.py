"""GUI tests: offscreen Qt, isolated QSettings, a copied demo database (the trusted in-memory keyring
comes from tests/conftest.py)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ibp_desktop.services.database.connection import Location, resolve_location
from ibp_desktop.services.demo.school import create_demo
from ibp_desktop.ui.app import Startup, setup_application
from ibp_desktop.ui.background import wait_for_all
from tests.conftest import made_once


@pytest.fixture(autouse=True)
def message_boxes_never_block(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A message box a test did not arrange for would wait for a click that never comes (exec() is
    modal) and hang the whole run. Here it closes at once and is recorded; a warning the test did not
    expect fails the test with its text. Tests that answer boxes themselves patch exec again."""
    from PySide6.QtWidgets import QMessageBox

    warnings: list[str] = []

    def exec_without_waiting(box: QMessageBox) -> int:
        if box.icon() in (QMessageBox.Icon.Warning, QMessageBox.Icon.Critical):
            warnings.append(box.text())
        return int(QMessageBox.StandardButton.NoButton.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_without_waiting)
    yield warnings
    assert not warnings, f"unexpected message box: {warnings}"


@pytest.fixture
def app(qapp: QApplication, tmp_path: Path) -> QApplication:
    """The shared QApplication, themed as the program does, with QSettings in a temporary folder."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    return setup_application()


@pytest.fixture(scope="session")
def demo_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo-source") / "data"
    with made_once():  # the tests' cheap hash: with the real one every log-in would verify 64 MiB
        create_demo(resolve_location(folder), date.today())
    return folder


@pytest.fixture
def demo_location(demo_source: Path, tmp_path: Path) -> Location:
    folder = tmp_path / "demo"
    shutil.copytree(demo_source, folder)
    return resolve_location(folder)


@pytest.fixture
def make_startup(app: QApplication) -> Iterator:
    """Start the program flow for a location; everything is closed again after the test."""
    started: list[Startup] = []

    def make(location: Location, idle_timeout_ms: int | None = None) -> Startup:
        startup = Startup(location, idle_timeout_ms=idle_timeout_ms, quit_app=lambda: None)
        started.append(startup)
        startup.start()
        return startup

    yield make
    for startup in started:
        startup.quit()
        for widget in QApplication.topLevelWidgets():
            widget.close()
            widget.hide()  # a window that refuses to close (the lock) must not block the next test's input
    wait_for_all()
