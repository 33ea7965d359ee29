"""The login dialog: the first window the user sees. Qt only; the database opens meanwhile."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ibp_desktop.ui.dialogs import FormDialog, password_field
from ibp_desktop.ui.theme import Panel, label


class LoginDialog(FormDialog):
    """Emits ``submitted(username, password)`` on Enter; the start-up controller does the rest."""

    submitted = Signal(str, str)

    def __init__(self, demo: bool = False, place: str = "", parent: QWidget | None = None) -> None:
        super().__init__("IBP Desktop – Inloggen", "", "Inloggen", parent, cancel_text="Afsluiten")
        self.setObjectName("loginDialog")
        self.intro.setText("Log in met uw gebruikersnaam en wachtwoord.")
        title = label("IBP Desktop", "appTitle")
        subtitle = label("Privacy en informatiebeveiliging voor uw school", "muted")
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, title)
        layout.insertWidget(1, subtitle)
        layout.insertSpacing(2, 6)
        self.username = QLineEdit()
        self.username.setPlaceholderText("bijvoorbeeld j.jansen")
        self.password = password_field()
        self.form.addRow("Gebruikersnaam:", self.username)
        self.form.addRow("Wachtwoord:", self.password)
        if place:
            self.setToolTip(f"Database: {place}")
        self.demo_box: QFrame | None = None
        self._demo_grid: QGridLayout | None = None
        if demo:
            self._add_demo_box(layout)
        self.username.setFocus()

    def _add_demo_box(self, layout: QVBoxLayout) -> None:
        box = Panel("demoBox")
        inner = QVBoxLayout(box)
        inner.addWidget(label(
            "<b>Demoschool OBS De Regenboog</b> – alle gegevens zijn verzonnen. "
            "Log in met een van deze accounts:"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        inner.addLayout(grid)
        self.demo_box, self._demo_grid = box, grid
        layout.insertWidget(layout.indexOf(self.buttons), box)

    def set_demo_accounts(self, accounts: Sequence[tuple[str, str, str]]) -> None:
        """Fill the demo box with (username, password, role label) once the services are loaded."""
        from PySide6.QtCore import Qt  # not at the top: the dialog is up before ``Qt`` is named (ui/app.py)

        if self._demo_grid is None:
            return
        for column, heading in enumerate(("Gebruikersnaam", "Wachtwoord", "Rol")):
            self._demo_grid.addWidget(label(f"<i>{heading}</i>", "muted", wrap=False), 0, column)
        for row, values in enumerate(accounts, start=1):
            for column, value in enumerate(values):
                cell = QLabel(value)
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self._demo_grid.addWidget(cell, row, column)
        # New labels are shown by a queued call; grow to fit them after that.
        QTimer.singleShot(0, self._fit_contents)

    def _fit_contents(self) -> None:
        """Wide enough for the longest account line ("Functionaris gegevensbescherming (FG)"): the
        dialog's own minimum width (FormDialog) stops its layout from asking for more by itself."""
        layout = self.layout()
        assert layout is not None
        layout.activate()
        self.setMinimumWidth(max(self.minimumWidth(), layout.totalMinimumSize().width()))
        self.adjustSize()

    def submit(self) -> None:
        username = self.username.text().strip()
        if not username:
            self.show_error("Vul uw gebruikersnaam in.")
            self.username.setFocus()
            return
        if not self.password.text():
            self.show_error("Vul uw wachtwoord in.")
            self.password.setFocus()
            return
        self.submitted.emit(username, self.password.text())

    def login_failed(self, text: str) -> None:
        """Wrong password or another problem: say so, keep the dialog, select the password."""
        self.show_error(text)
        self.password.selectAll()
        self.password.setFocus()
