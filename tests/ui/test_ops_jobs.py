"""ui/ops.py beyond query/mutate: ``job`` (progress and cancel), ``on_error`` for flows that say a failure
in their own place, and an owner of None for the start-up (no window exists yet)."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.ui import dialogs, ops
from ibp_desktop.ui.background import TaskControl
from ibp_desktop.ui.dialogs import Saved

pytestmark = pytest.mark.gui


def _page(qtbot: QtBot) -> tuple[QWidget, QPushButton]:
    page = QWidget()
    save = QPushButton("Importeren")
    QVBoxLayout(page).addWidget(save)
    qtbot.addWidget(page)
    return page, save


class _Changes:
    def __init__(self) -> None:
        self.areas: list[str] = []

    def __enter__(self) -> _Changes:
        ops.changes().data_changed.connect(self.areas.append)
        return self

    def __exit__(self, *_exc: object) -> None:
        ops.changes().data_changed.disconnect(self.areas.append)


def test_a_job_reports_progress_on_the_gui_thread_and_then_its_area(qtbot: QtBot) -> None:
    page, save = _page(qtbot)
    seen: list[tuple[int, int, str, bool]] = []
    results: list[int] = []

    def work(control: TaskControl) -> int:
        for done in (1, 2, 3):
            control.report(done, 3, f"{done} van 3")
            control.check()
        return 3

    def progress(done: int, total: int, text: str) -> None:
        seen.append((done, total, text, threading.current_thread() is threading.main_thread()))

    with _Changes() as changes:
        assert ops.job(page, ops.PUPILS, work, results.append, progress=progress, wait=[save]) is not None
        assert not save.isEnabled() and ops.busy(page)
        qtbot.waitUntil(lambda: results == [3], timeout=10_000)
    assert seen == [(1, 3, "1 van 3", True), (2, 3, "2 van 3", True), (3, 3, "3 van 3", True)]
    assert changes.areas == [ops.PUPILS] and save.isEnabled() and not ops.busy(page)


def test_a_cancelled_job_saves_nothing_says_nothing_and_changes_no_page(qtbot: QtBot) -> None:
    """The work stops at its check inside the 'transaction': what it wrote there is never committed."""
    page, save = _page(qtbot)
    dialogs.last_error_dialog = None
    committed: list[str] = []
    started, go_on = threading.Event(), threading.Event()
    ended: list[str] = []

    def work(control: TaskControl) -> int:
        pending = ["row 1"]
        control.report(1, 2)
        started.set()
        go_on.wait(10)
        control.check()  # raises Cancelled: ``pending`` is dropped, like a rolled-back transaction
        committed.extend(pending)
        return 1

    with _Changes() as changes:
        ops.job(page, ops.PUPILS, work, lambda _r: ended.append("then"), wait=[save],
                on_cancelled=lambda: ended.append("cancelled"), always=lambda: ended.append("always"))
        assert started.wait(10)
        assert ops.cancel(page)
        go_on.set()
        qtbot.waitUntil(lambda: ended == ["cancelled", "always"], timeout=10_000)
    assert committed == [] and changes.areas == []
    assert dialogs.last_error_dialog is None and save.isEnabled() and not ops.busy(page)
    assert not ops.cancel(page)  # nothing runs any more


def test_a_refused_job_says_nothing_was_saved(qtbot: QtBot) -> None:
    page, _save = _page(qtbot)

    def refuse(_control: TaskControl) -> None:
        raise BadInputError("Rij 3: geboortedatum 31-02-2016 bestaat niet.")

    ops.job(page, ops.PUPILS, refuse, lambda _r: None)
    qtbot.waitUntil(lambda: dialogs.last_error_dialog is not None
                    and "Rij 3" in dialogs.last_error_dialog.text, timeout=10_000)
    assert Saved.NOTHING.value in dialogs.last_error_dialog.text
    dialogs.last_error_dialog.close()


def test_on_error_takes_every_failure_instead_of_the_dialog_and_ops_logs_it(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    page, save = _page(qtbot)
    dialogs.last_error_dialog = None
    failures: list[BaseException] = []

    def refuse() -> None:
        raise BadInputError("Het wachtwoord klopt niet.")

    def crash() -> None:
        raise RuntimeError("SELECT * FROM users WHERE username='m.smit'")

    with caplog.at_level(logging.INFO, logger="ibp_desktop.ui.ops"):
        ops.query(page, refuse, lambda _r: None, on_error=failures.append, wait=[save], what="login")
        qtbot.waitUntil(lambda: len(failures) == 1, timeout=10_000)
        ops.mutate(page, ops.USERS, crash, lambda _r: None, on_error=failures.append, what="set-up")
        qtbot.waitUntil(lambda: len(failures) == 2, timeout=10_000)
    assert [type(e) for e in failures] == [BadInputError, RuntimeError]
    assert dialogs.last_error_dialog is None and save.isEnabled()
    assert "login refused (BadInputError)" in caplog.text and "set-up failed" in caplog.text


def test_without_an_owner_calls_run_side_by_side_and_end_normally(qtbot: QtBot) -> None:
    """The start-up has no window yet (or none any more, during a restore): no owner, no group."""
    release = threading.Event()
    results: list[str] = []

    def slow() -> str:
        release.wait(10)
        return "slow"

    assert ops.query(None, slow, results.append) is not None
    assert ops.query(None, lambda: "quick", results.append) is not None  # not held back by the first
    qtbot.waitUntil(lambda: results == ["quick"], timeout=10_000)
    release.set()
    qtbot.waitUntil(lambda: results == ["quick", "slow"], timeout=10_000)


def test_only_ops_starts_background_work() -> None:
    """ops is the one way: no widget, dialog or start-up step calls ui/background.py itself."""
    import ast
    from pathlib import Path

    import ibp_desktop.ui

    root = Path(ibp_desktop.ui.__file__).parent
    users = set()
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        names |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        names |= {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
        if "run_in_background" in names:
            users.add(path.relative_to(root).as_posix())
    assert users == {"ops.py"}  # background.py only defines it
