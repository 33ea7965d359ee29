"""Small steps the GUI tests share: log in through the real login dialog."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ibp_desktop.ui.app import Startup
from ibp_desktop.ui.main_window import MainWindow


def type_login(qtbot: QtBot, startup: Startup, username: str, password: str) -> None:
    dialog = startup.login_dialog
    assert dialog is not None
    dialog.username.setText(username)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def log_in(qtbot: QtBot, startup: Startup, username: str, password: str) -> MainWindow:
    type_login(qtbot, startup, username, password)
    qtbot.waitUntil(lambda: startup.window is not None, timeout=10_000)
    assert startup.window is not None
    return startup.window


def pdf_text(data: bytes) -> str:
    """The text a reader sees in a PDF, with the minute it was made left out (two makings may differ)."""
    import io
    import re

    from pypdf import PdfReader

    assert data.startswith(b"%PDF")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())
    return re.sub(r"\b\d{1,2}:\d{2}\b", "hh:mm", text)


def save_to(monkeypatch: object, *targets: object) -> None:
    """The save dialog (ui/save_as.py, via ui/ops.py) answers with these paths in turn; "Opgeslagen als"
    stays quiet."""
    from ibp_desktop.ui import ops, save_as

    answers = iter(targets)
    monkeypatch.setattr(save_as.QFileDialog, "getSaveFileName",  # type: ignore[attr-defined]
                        lambda *_a, **_k: (str(next(answers)), ""))
    monkeypatch.setattr(ops, "show_info", lambda *_a, **_k: None)  # type: ignore[attr-defined]


def capture_errors(monkeypatch: object) -> list[str]:
    """The texts the default error dialog of ui/ops.py would show, instead of showing it."""
    from ibp_desktop.ui import ops
    from ibp_desktop.ui.dialogs import message_of

    shown: list[str] = []
    monkeypatch.setattr(ops, "show_failure",  # type: ignore[attr-defined]
                        lambda _parent, error, _saved, _reference=None: shown.append(message_of(error)))
    return shown


def press_ctrl(qtbot: QtBot, widget: QWidget, key: Qt.Key) -> None:
    """Ctrl+key with the focus on ``widget``. Qt takes a window's shortcut only while the window is active,
    and an offscreen window becomes active a moment after it is shown (later on a busy machine): wait for
    the focus first, or the key press is lost."""
    focus_in_window(qtbot, widget)
    QTest.keyClick(_window_of(widget), key, Qt.KeyboardModifier.ControlModifier)


def type_in_window(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` with the focus on ``widget``, the way a keyboard does: to the window, which hands the
    keys to its focus widget (``qtbot.keyClicks`` gives them to the widget itself, past the window)."""
    focus_in_window(qtbot, widget)
    window = _window_of(widget)
    for char in text:  # QTest's window keys carry Latin-1 only: "Şükrü" needs events with their text
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(window, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def focus_in_window(qtbot: QtBot, widget: QWidget) -> None:
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=10_000)


def _window_of(widget: QWidget) -> QWindow:
    handle = widget.window().windowHandle()
    assert handle is not None, "the widget's window is not shown"
    return handle


def finish_background_work() -> None:
    """Every operation started so far has ended and its answer has reached the widgets: an explicit
    trigger instead of waiting a while for what should *not* happen."""
    from PySide6.QtWidgets import QApplication

    from ibp_desktop.ui.background import wait_for_all

    for _ in range(3):  # an answer may start another operation (e.g. a reload after a load)
        wait_for_all()
        QApplication.processEvents()
