"""ui/ops.py: the one path from a widget to a service. Background work, waiting widgets, one call at a
time, the default error dialog (what happened, whether anything was saved, details without data) and
data_changed(area) that makes the pages showing that area reload."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.ui import dialogs, ops
from ibp_desktop.ui.dialogs import ErrorDialog, Saved

pytestmark = pytest.mark.gui


def _page(qtbot: QtBot) -> tuple[QWidget, QPushButton, QPushButton]:
    page = QWidget()
    layout = QVBoxLayout(page)
    save, other = QPushButton("Opslaan"), QPushButton("Wijzigen…")
    other.setEnabled(False)  # e.g. it needs a chosen row
    layout.addWidget(save)
    layout.addWidget(other)
    qtbot.addWidget(page)
    return page, save, other


def test_a_mutation_runs_off_the_gui_thread_waits_and_reports_its_area(qtbot: QtBot) -> None:
    page, save, other = _page(qtbot)
    release = threading.Event()
    threads: list[bool] = []

    def work() -> int:
        threads.append(threading.current_thread() is threading.main_thread())
        release.wait(10)
        return 7

    results: list[int] = []
    changed: list[str] = []
    ops.changes().data_changed.connect(changed.append)
    assert ops.mutate(page, ops.ACTIONS, work, results.append, wait=[save, other]) is not None
    assert not save.isEnabled() and ops.busy(page)
    assert ops.mutate(page, ops.ACTIONS, lambda: 8, results.append) is None  # one at a time: ignored
    release.set()
    qtbot.waitUntil(lambda: results == [7], timeout=10_000)
    assert threads == [False] and changed == [ops.ACTIONS]
    assert save.isEnabled() and not other.isEnabled()  # each widget gets its own state back
    assert not ops.busy(page)
    ops.changes().data_changed.disconnect(changed.append)


def test_a_refusal_says_nothing_was_saved(qtbot: QtBot) -> None:
    page, save, _other = _page(qtbot)

    def refuse() -> None:
        raise BadInputError("Rij 8: geboortedatum 31-02-2016 bestaat niet.")

    ops.mutate(page, ops.PUPILS, refuse, lambda _r: None, wait=[save])
    qtbot.waitUntil(lambda: isinstance(dialogs.last_error_dialog, ErrorDialog)
                    and dialogs.last_error_dialog.isVisible(), timeout=10_000)
    dialog = dialogs.last_error_dialog
    assert dialog is not None
    assert "Rij 8: geboortedatum 31-02-2016 bestaat niet." in dialog.text
    assert Saved.NOTHING.value in dialog.text
    dialog.close()
    assert save.isEnabled()


def test_an_unexpected_error_is_not_sure_and_copies_details_without_data(qtbot: QtBot) -> None:
    page, _save, _other = _page(qtbot)
    changed: list[str] = []
    ops.changes().data_changed.connect(changed.append)

    def crash() -> None:
        raise RuntimeError("UPDATE pupils SET last_name='Wiśniewska' WHERE bsn='123456782'")

    ops.mutate(page, ops.CONSENT, crash, lambda _r: None)
    qtbot.waitUntil(lambda: dialogs.last_error_dialog is not None
                    and "RuntimeError" in dialogs.last_error_dialog.text, timeout=10_000)
    dialog = dialogs.last_error_dialog
    assert Saved.UNKNOWN.value in dialog.text and "Wiśniewska" not in dialog.text
    assert changed == [ops.CONSENT]  # the pages reload, so the user sees what really is there
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "RuntimeError (melding weggelaten)" in copied and "Melding: " in copied and "in crash" in copied
    assert "Wiśniewska" not in copied and "123456782" not in copied
    dialog.close()
    ops.changes().data_changed.disconnect(changed.append)


def test_a_query_that_fails_changed_nothing(qtbot: QtBot) -> None:
    page, _save, _other = _page(qtbot)
    ops.query(page, lambda: 1 / 0, lambda _r: None)
    qtbot.waitUntil(lambda: dialogs.last_error_dialog is not None
                    and "ZeroDivisionError" in dialogs.last_error_dialog.text, timeout=10_000)
    assert Saved.NOTHING_CHANGED.value in dialogs.last_error_dialog.text
    dialogs.last_error_dialog.close()


def test_watch_reloads_a_visible_page_now_and_a_hidden_one_when_shown(qtbot: QtBot) -> None:
    shown, hidden = QWidget(), QWidget()
    for widget in (shown, hidden):
        qtbot.addWidget(widget)
    shown.show()
    loads: list[str] = []
    ops.watch(shown, (ops.INCIDENTS,), lambda: loads.append("shown"))
    ops.watch(hidden, (ops.INCIDENTS,), lambda: loads.append("hidden"))
    ops.changes().data_changed.emit(ops.REQUESTS)
    assert loads == []  # another area
    ops.changes().data_changed.emit(ops.INCIDENTS)
    assert loads == ["shown"]
    hidden.show()
    assert loads == ["shown", "hidden"]
    hidden.hide()
    hidden.show()
    assert loads == ["shown", "hidden"]  # shown again without a change: nothing to load


def test_document_asks_where_then_writes_the_bytes(qtbot: QtBot, monkeypatch, tmp_path) -> None:
    page, _save, _other = _page(qtbot)
    asked: list[tuple[str, str]] = []

    def answer(_parent: object, _caption: str, name: str, file_filter: str) -> tuple[str, str]:
        asked.append((Path(name).name, file_filter))  # suggested in the folder used last
        return str(tmp_path / Path(name).name), ""

    monkeypatch.setattr(ops.QFileDialog, "getSaveFileName", answer)
    monkeypatch.setattr(ops, "show_info", lambda *_a, **_k: None)
    ops.document(page, lambda: b"Naam;Groep\r\n", title="Lijst", file_name="lijst.csv")
    qtbot.waitUntil((tmp_path / "lijst.csv").exists, timeout=10_000)
    assert asked == [("lijst.csv", ops.CSV_FILTER)]
    assert (tmp_path / "lijst.csv").read_bytes() == b"Naam;Groep\r\n"


def test_uncaught_errors_and_qt_warnings_reach_the_log_and_the_dialog(qtbot: QtBot, tmp_path) -> None:
    import logging
    import sys

    from PySide6.QtCore import qInstallMessageHandler, qWarning

    from ibp_desktop import logs

    logs.stop_logging()
    path = logs.setup_logging(tmp_path)
    saved_hooks = sys.excepthook, threading.excepthook
    previous_qt = qInstallMessageHandler(None)  # pytest-qt's, given back below
    try:
        ops.install_error_hooks()
        try:
            raise KeyError("Łucja Wiśniewska")
        except KeyError as error:
            sys.excepthook(type(error), error, error.__traceback__)
        qtbot.waitUntil(lambda: dialogs.last_error_dialog is not None
                        and "KeyError" in dialogs.last_error_dialog.text, timeout=10_000)
        assert Saved.UNKNOWN.value in dialogs.last_error_dialog.text
        dialogs.last_error_dialog.close()

        def crash() -> None:
            raise ValueError("Nguyễn Văn An")

        worker = threading.Thread(target=crash)
        worker.start()
        worker.join()
        qWarning("QPainter::begin: a paint device can only be painted by one painter at a time")
        qWarning('QFile::open: cannot open "/home/juf/Toestemming Łucja.pdf" or C:\\Users\\Łucja\\x.csv')
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = path.read_text(encoding="utf-8")
        assert "GUI event failed" in text and "KeyError (melding weggelaten)" in text
        assert "background thread failed" in text and "ValueError (melding weggelaten)" in text
        assert "WARNING qt: " in text and "QPainter::begin" in text and "QFile::open: cannot open <…>" in text
        assert "Łucja" not in text and "Nguyễn" not in text
    finally:
        sys.excepthook, threading.excepthook = saved_hooks
        qInstallMessageHandler(previous_qt)
        logs.stop_logging()


def test_again_drops_a_stale_load_and_loads_the_last_asked(qtbot: QtBot) -> None:
    page, _save, _other = _page(qtbot)
    release = threading.Event()
    shown: list[str] = []

    def slow() -> str:
        release.wait(10)
        return "before the change"

    assert ops.query(page, slow, shown.append, again=True) is not None
    assert ops.query(page, lambda: "second ask", shown.append, again=True) is None  # waits
    assert ops.query(page, lambda: "after the change", shown.append, again=True) is None  # replaces it
    release.set()
    qtbot.waitUntil(lambda: shown == ["after the change"], timeout=10_000)
    qtbot.waitUntil(lambda: not ops.busy(page), timeout=10_000)
    assert shown == ["after the change"]
