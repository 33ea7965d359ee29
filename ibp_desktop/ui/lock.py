"""Idle lock: after some minutes without keyboard or mouse, or on Ctrl+L, a lock dialog covers the window.

Nothing underneath is closed or reset: the main window and every open dialog keep their input. Other
open windows of the program are made invisible (opacity 0, not hidden, so a running dialog keeps
running) while locked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QTouchEvent,
    QWheelEvent,
    QWindow,
)
from PySide6.QtWidgets import QApplication, QHBoxLayout, QVBoxLayout, QWidget

from ibp_desktop.ui.dialogs import FormDialog, ask, password_field
from ibp_desktop.ui.theme import Panel, label

# Keyboard, mouse, wheel and touch: what counts as the user being there. Told apart by the event's class:
# asking each event for its type() costs a Python enum per event, twice the time of the isinstance test.
_INPUT_EVENTS = (QKeyEvent, QMouseEvent, QWheelEvent, QTouchEvent)
WRONG_PASSWORD = "Dit wachtwoord klopt niet. Het programma blijft vergrendeld. Probeer het opnieuw."


class LockDialog(FormDialog):
    """Covers the main window until the same user types the password again, or logs off."""

    def __init__(self, window: QWidget, full_name: str, verify: Callable[[str], bool],
                 logout: Callable[[], None]) -> None:
        super().__init__("IBP Desktop is vergrendeld", "", "Ontgrendelen", window, cancel_text=None)
        self.setObjectName("lockDialog")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self._verify = verify
        self._logout = logout
        self.intro.setText(
            f"Het programma is vergrendeld. Alleen <b>{full_name}</b> kan verder werken: typ uw wachtwoord. "
            "Alles wat open stond, blijft zoals het was.")
        self.password = password_field()
        self.form.addRow("Wachtwoord:", self.password)
        logout_button = self.buttons.addButton("Afmelden", self.buttons.ButtonRole.DestructiveRole)
        logout_button.setAutoDefault(False)
        logout_button.clicked.connect(self._ask_logout)
        self._center_content()
        self._cover(window)

    def _center_content(self) -> None:
        """Put the form in a card in the middle of a dialog as large as the main window."""
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        card = Panel("card")
        card.setFixedWidth(500)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.addWidget(label("Vergrendeld", "pageTitle"))
        while outer.count():
            item = outer.takeAt(0)
            widget = item.widget() if item is not None else None
            child = item.layout() if item is not None else None
            if widget is not None:
                inner.addWidget(widget)
            elif child is not None:
                inner.addLayout(child)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card)
        middle.addStretch(1)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(1)

    def _cover(self, window: QWidget) -> None:
        if window.isVisible():
            self.setGeometry(window.geometry())
        else:
            self.resize(640, 420)

    def submit(self) -> None:
        password = self.password.text()
        if not password:
            self.show_error("Typ uw wachtwoord om verder te werken.")
            return
        self.submit_in_background(lambda: self._verify(password), self._checked, "Controleren…")

    def _checked(self, ok: object) -> None:
        self.password.clear()
        if ok:
            self.done_ok()
        else:
            self.show_error(WRONG_PASSWORD)
            self.password.setFocus()

    def reject(self) -> None:  # Esc does not unlock
        pass

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()

    def _ask_logout(self) -> None:
        if ask(self, "Afmelden", "U wordt afgemeld en het programma sluit. Wat u nog niet had opgeslagen, "
               "gaat verloren.", "Afmelden en sluiten"):
            self._logout()


class IdleLock(QObject):
    """An input filter on the program's windows plus a timer; ``lock()`` shows the LockDialog."""

    def __init__(self, window: QWidget, full_name: str, verify: Callable[[str], bool], timeout_ms: int,
                 logout: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.full_name = full_name
        self.verify = verify
        self.logout = logout
        self.dialog: LockDialog | None = None
        self._hidden: list[tuple[QWidget, float]] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_timeout_ms(timeout_ms)
        self._watching = True
        # Input from the keyboard, mouse and touch screen reaches a top-level QWindow before Qt hands it to
        # a widget, so the lock watches the program's windows, not every object: an application-wide
        # filter ran Python for each of the ~4,000 layout events of a page's first visit (~10 ms, issue
        # 17). A window opened later is watched once it takes the focus (dialogs, message boxes).
        self._app().focusWindowChanged.connect(self.watch_windows)
        self.watch_windows()

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self.timer.setInterval(max(1, timeout_ms))
        if not self.locked:
            self.timer.start()

    def stop(self) -> None:
        """Stop watching (at log-off); a lock dialog still shown goes too (it is application-modal and
        would keep every other window from taking input)."""
        self.timer.stop()
        if self._watching:
            self._watching = False
            self._app().focusWindowChanged.disconnect(self.watch_windows)
            for window in QGuiApplication.topLevelWindows():
                window.removeEventFilter(self)
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None

    @staticmethod
    def _app() -> QGuiApplication:
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        return app

    def watch_windows(self, _focus: QWindow | None = None) -> None:
        """Filter the input of every top-level window (installing twice keeps one filter)."""
        if self._watching:
            for window in QGuiApplication.topLevelWindows():
                window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, _INPUT_EVENTS):
            if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and _is_ctrl_l(event):
                if not self.locked:
                    self.lock()
                return True
            if not self.locked:
                self.timer.start()
        return False

    def lock(self) -> None:
        if self.locked:
            return
        self.timer.stop()
        self._veil_other_windows()
        dialog = LockDialog(self.window, self.full_name, self.verify, self._logout)
        dialog.accepted.connect(self._unlocked)
        self.dialog = dialog
        dialog.show()  # not open(): that would make it window-modal only
        dialog.raise_()
        dialog.activateWindow()
        dialog.password.setFocus()

    def _unlocked(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        for widget, opacity in self._hidden:
            widget.setWindowOpacity(opacity)
        self._hidden = []
        self.timer.start()

    def _veil_other_windows(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible() and widget.isWindow():
                self._hidden.append((widget, widget.windowOpacity()))
                widget.setWindowOpacity(0.0)

    def _logout(self) -> None:
        self.stop()
        self.logout()


def _is_ctrl_l(event: QKeyEvent) -> bool:
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() == Qt.Key.Key_L and mods == Qt.KeyboardModifier.ControlModifier
