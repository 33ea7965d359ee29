"""Shared dialogs: message helpers, a form dialog with inline errors, and the password/key dialogs."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.core.errors import IbpError
from ibp_desktop.ui.theme import RecoveryKeyLabel, label, make_primary, mono_font

# QMessageBox and ``Qt`` are imported where used: this module is on the way to the login dialog, and
# PySide builds a class's enum types the first time it is named (issue 17, ui/app.py).

MIN_PASSWORD = 10  # mirrors core.validation; the service has the last word


class Saved(Enum):
    """What the user may assume about their data after a failure (the error dialog says it)."""

    NOTHING_CHANGED = "Er is niets gewijzigd."  # a look-up or a document: it writes nothing
    NOTHING = "Er is niets opgeslagen."  # the service refused before it saved (one transaction)
    UNKNOWN = ("Het is niet zeker of uw wijziging is opgeslagen. Kijk het na in het scherm (het wordt "
               "opnieuw geladen) voordat u het nog een keer doet.")


def message_of(error: BaseException) -> str:
    """The Dutch text for any error: our own errors carry one, anything else gets a calm fallback that
    names only the kind of error (its message may hold SQL with names and is for the log file only)."""
    if isinstance(error, IbpError):
        return str(error)
    if type(error).__module__.startswith(("sqlalchemy", "psycopg", "sqlcipher3")):
        from ibp_desktop.services.database.connection import server_trouble

        trouble = server_trouble(error)
        if trouble is not None:
            return str(trouble)
    return (f"Er ging iets onverwachts mis ({type(error).__name__}). Probeer het opnieuw; lukt het niet, "
            "neem dan contact op met de ICT'er van de school en geef de details door.")


def error_details(error: BaseException, reference: str | None) -> str:
    """What "Details kopiëren" puts on the clipboard for the ICT person: no personal data, as in the log."""
    from ibp_desktop import __version__, logs

    where = logs.current_log_file()
    lines = [f"IBP Desktop {__version__}", f"Melding: {reference or '-'}",
             f"Logbestand: {where if where else 'geen'}", logs.describe_error(error)]
    return "\n".join(lines)


class ErrorDialog(QDialog):
    """The one error dialog: what happened, whether anything was saved, and "Details kopiëren"."""

    def __init__(self, parent: QWidget | None, error: BaseException, saved: Saved,
                 reference: str | None = None, title: str = "Dat lukte niet") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.text = f"{message_of(error)}\n\n{saved.value}"
        if reference:
            self.text += f"\n\nMelding {reference}; de details staan ook in het logbestand van het programma."
        self.details = error_details(error, reference)
        layout = QVBoxLayout(self)
        # A wrapped label only gets its full height when the dialog sizes itself to its contents.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        message = label(self.text)
        message.setFixedWidth(460)
        layout.addWidget(message)
        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton("Details kopiëren", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip("Technische gegevens voor de ICT'er (zonder namen of andere gegevens)")
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.details))
        close = buttons.addButton("Sluiten", QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        make_primary(close)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)


def show_failure(parent: QWidget | None, error: BaseException, saved: Saved,
                 reference: str | None = None) -> ErrorDialog:
    """Show the error dialog without blocking (tests find it as ``last_error_dialog``)."""
    from PySide6.QtCore import Qt  # here, not at the top: see LoginDialog (this module is on its way)

    global last_error_dialog
    dialog = ErrorDialog(parent, error, saved, reference)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    last_error_dialog = dialog
    dialog.open()
    return dialog


last_error_dialog: ErrorDialog | None = None


def ask(parent: QWidget | None, title: str, text: str, confirm: str, cancel: str = "Annuleren") -> bool:
    """Ask once before something that cannot simply be undone; True when the user confirms."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes = box.addButton(confirm, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    make_primary(no)  # the safe answer is the one Enter gives
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def show_error(parent: QWidget | None, text: str, title: str = "Dat lukte niet") -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()


def show_info(parent: QWidget | None, text: str, title: str = "IBP Desktop") -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()


def password_field(placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    return field


class FormDialog(QDialog):
    """Intro text, a form, an inline error line and OK/Cancel. Enter confirms, Esc cancels.

    Subclasses implement ``submit()``; it either calls ``self.done_ok()`` or ``self.show_error(...)``.
    Slow work goes through ``self.submit_in_background(work, on_done)``.
    """

    def __init__(self, title: str, intro: str, ok_text: str, parent: QWidget | None = None,
                 cancel_text: str | None = "Annuleren") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.intro = label(intro)
        layout.addWidget(self.intro)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(self.form)
        self.error = label("", "error")
        self.error.hide()
        layout.addWidget(self.error)
        self.status = label("", "muted")
        self.status.hide()
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        make_primary(self.ok_button)
        self.cancel_button: QPushButton | None = None
        if cancel_text:
            self.cancel_button = self.buttons.addButton(cancel_text, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.busy = False

    def show_error(self, text: str) -> None:
        self.set_busy(None)
        self.error.setText(text)
        self.error.show()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def set_busy(self, text: str | None) -> None:
        """Disable the inputs while work runs in the background, with a short status text."""
        self.busy = text is not None
        for index in range(self.form.count()):
            item = self.form.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setEnabled(not self.busy)
        self.ok_button.setEnabled(not self.busy)
        if not self.busy:
            self.ok_button.setDefault(True)  # Qt drops "default" from a disabled button: Enter must work
        self.status.setText(text or "")
        self.status.setVisible(self.busy)

    def accept(self) -> None:  # Enter or the OK button
        if self.busy:
            return
        self.clear_error()
        self.submit()

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def submit(self) -> None:
        self.done_ok()

    def done_ok(self) -> None:
        self.set_busy(None)
        super().accept()

    areas: tuple[str, ...] = ()  # what the dialog changes (ui/ops.py names); empty: it only reads

    def submit_in_background(self, work: Callable[[], Any], on_done: Callable[[Any], None],
                             busy_text: str = "Even geduld…") -> None:
        """Run the dialog's service call through ui/ops.py: a refusal shows inline, the rest in the error
        dialog; after a change the pages that show ``areas`` refresh."""
        from ibp_desktop.ui import ops

        self.set_busy(busy_text)

        def finished(result: Any) -> None:
            self.set_busy(None)
            on_done(result)

        what = f"{type(self).__name__} submit"
        refused, idle = (lambda e: self.show_error(message_of(e))), (lambda: self.set_busy(None))
        if self.areas:
            ops.mutate(self, self.areas, work, finished, on_refused=refused, always=idle, what=what)
        else:
            ops.query(self, work, finished, on_refused=refused, always=idle, what=what)


class ServerPasswordDialog(FormDialog):
    """A shared PostgreSQL server asks for its password; it is kept in the keyring afterwards."""

    def __init__(
        self, server: str, open_with_password: Callable[[str], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Wachtwoord databaseserver",
            f"De gegevens van het bestuur staan op de databaseserver {server}. Typ het wachtwoord dat u van "
            "de beheerder van de server kreeg. Deze computer onthoudt het daarna veilig.",
            "Verbinden",
            parent,
        )
        self._open_with_password = open_with_password
        self.password = password_field()
        self.form.addRow("Wachtwoord:", self.password)
        self.result_value: Any = None

    def submit(self) -> None:
        password = self.password.text()
        if not password:
            self.show_error("Typ het wachtwoord van de databaseserver.")
            return
        self.submit_in_background(lambda: self._open_with_password(password), self._opened, "Verbinden…")

    def _opened(self, value: Any) -> None:
        self.result_value = value
        self.done_ok()


class RecoveryKeyDialog(FormDialog):
    """The keyring has no key for this database: type the key from the printed sheet."""

    def __init__(self, open_with_key: Callable[[str], Any], parent: QWidget | None = None) -> None:
        super().__init__(
            "Herstelsleutel invoeren",
            "De sleutel van deze database staat niet op deze computer. Pak het geprinte blad "
            "'Herstelsleutel IBP Desktop' uit de kluis en typ de sleutel over. Streepjes en "
            "hoofdletters maken niet uit.",
            "Openen",
            parent,
        )
        self._open_with_key = open_with_key
        self.key_field = QLineEdit()
        self.key_field.setFont(mono_font(11))
        self.key_field.setPlaceholderText("XXXXX-XXXXX-XXXXX-…")
        self.key_field.setMinimumWidth(420)
        self.form.addRow("Herstelsleutel:", self.key_field)
        self.result_value: Any = None

    def submit(self) -> None:
        key = self.key_field.text().strip()
        if not key:
            self.show_error("Typ de herstelsleutel over van het geprinte blad.")
            return
        self.submit_in_background(lambda: self._open_with_key(key), self._opened, "Database openen…")

    def _opened(self, value: Any) -> None:
        self.result_value = value
        self.done_ok()


class ChangePasswordDialog(FormDialog):
    """Choose a new password; with ``current`` given (just typed at login) only the new one is asked."""

    areas = ("users",)

    def __init__(self, change: Callable[[str, str], None], current: str | None = None,
                 intro: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(
            "Wachtwoord wijzigen",
            intro or "Kies een nieuw wachtwoord van minstens 10 tekens. Gebruik bijvoorbeeld een zin "
            "van een paar woorden die u goed kunt onthouden.",
            "Wachtwoord opslaan",
            parent,
        )
        self._change = change
        self._current = current
        self.current_field = password_field()
        if current is None:
            self.form.addRow("Huidig wachtwoord:", self.current_field)
        self.new_field = password_field(f"minstens {MIN_PASSWORD} tekens")
        self.repeat_field = password_field()
        self.form.addRow("Nieuw wachtwoord:", self.new_field)
        self.form.addRow("Herhaal nieuw wachtwoord:", self.repeat_field)

    def submit(self) -> None:
        new = self.new_field.text()
        if len(new) < MIN_PASSWORD:
            self.show_error(f"Het nieuwe wachtwoord moet minstens {MIN_PASSWORD} tekens lang zijn.")
            return
        if new != self.repeat_field.text():
            self.show_error("De twee nieuwe wachtwoorden zijn niet gelijk. Typ ze nog een keer.")
            self.repeat_field.clear()
            self.repeat_field.setFocus()
            return
        current = self._current if self._current is not None else self.current_field.text()
        self.submit_in_background(lambda: self._change(current, new), lambda _: self.done_ok(), "Opslaan…")


class TemporaryPasswordDialog(QDialog):
    """Shows a temporary password once, big and copyable."""

    def __init__(self, full_name: str, password: str, what: str, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.setWindowTitle("Tijdelijk wachtwoord")
        self.password = password
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(label(what))
        shown = RecoveryKeyLabel(password)
        shown.setFont(mono_font(16))
        shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(shown)
        layout.addWidget(label(
            f"Geef dit wachtwoord persoonlijk aan {full_name}, niet per e-mail. U ziet het maar één keer. "
            "Bij de eerste keer inloggen kiest de gebruiker zelf een nieuw wachtwoord.", "muted"))
        buttons = QDialogButtonBox()
        copy = buttons.addButton("Kopiëren", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(password))
        close = buttons.addButton("Sluiten", QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        make_primary(close)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
