"""First run: set up the school, the first account and the encrypted database; show the recovery key once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from ibp_desktop.core.os_errors import reason as os_reason
from ibp_desktop.core.validation import MIN_PASSWORD_LENGTH, normalise_brin, normalise_username
from ibp_desktop.services.output_file import write_export
from ibp_desktop.ui import ops
from ibp_desktop.ui.dialogs import message_of, password_field
from ibp_desktop.ui.theme import RecoveryKeyLabel, label, make_primary, mono_font

if TYPE_CHECKING:
    from ibp_desktop.services.database.setup import SetupResult
    from ibp_desktop.services.location import Location

CONFIRM_TEXT = "Ik heb de herstelsleutel geprint of opgeslagen en bewaar hem in de kluis"


def two_lines(recovery_key: str) -> str:
    """The key on two balanced lines, split between groups; line one keeps its dash."""
    groups = recovery_key.split("-")
    half = (len(groups) + 1) // 2
    return "-".join(groups[:half]) + "-\n" + "-".join(groups[half:])


class _Page(QWizardPage):
    """A page with an intro, a form and an inline error line."""

    def __init__(self, title: str, intro: str) -> None:
        super().__init__()
        self.setTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(label(intro))
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = label("", "error")
        layout.addWidget(self.error)
        layout.addStretch(1)

    def fail(self, text: str) -> bool:
        self.error.setText(text)
        return False


class SchoolPage(_Page):
    def __init__(self) -> None:
        super().__init__(
            "Welkom bij IBP Desktop",
            "We stellen het programma in voor uw school. Vul de gegevens van de school in. "
            "De BRIN-code staat op de website van DUO en op brieven van de inspectie.")
        self.school = QLineEdit()
        self.brin = QLineEdit()
        self.brin.setPlaceholderText("bijvoorbeeld 12AB")
        self.brin.setMaxLength(4)
        self.board = QLineEdit()
        self.board.setPlaceholderText("mag leeg blijven")
        self.form.addRow("Naam van de school:", self.school)
        self.form.addRow("BRIN-code:", self.brin)
        self.form.addRow("Schoolbestuur (stichting):", self.board)

    def validatePage(self) -> bool:
        if not self.school.text().strip():
            return self.fail("Vul de naam van de school in.")
        try:
            normalise_brin(self.brin.text())
        except ValueError as error:
            return self.fail(str(error))
        self.fail("")
        return True


class AccountPage(_Page):
    """The first account; pressing "Aanmaken" creates the database in the background."""

    def __init__(self) -> None:
        super().__init__(
            "Uw eigen account",
            "U wordt de eerste gebruiker van het programma. U kunt daarna zelf accounts maken voor "
            "collega's. Kies een wachtwoord van minstens 10 tekens, bijvoorbeeld een korte zin.")
        self.username = QLineEdit()
        self.username.setPlaceholderText("bijvoorbeeld p.jansen")
        self.full_name = QLineEdit()
        self.password = password_field(f"minstens {MIN_PASSWORD_LENGTH} tekens")
        self.repeat = password_field()
        self.form.addRow("Gebruikersnaam:", self.username)
        self.form.addRow("Volledige naam:", self.full_name)
        self.form.addRow("Wachtwoord:", self.password)
        self.form.addRow("Herhaal wachtwoord:", self.repeat)
        self.status = label("", "muted")
        self.form.addRow("", self.status)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Aanmaken")
        self.result: SetupResult | None = None

    def check(self) -> str:
        try:
            normalise_username(self.username.text())
        except ValueError as error:
            return str(error)
        if not self.full_name.text().strip():
            return "Vul uw volledige naam in."
        if len(self.password.text()) < MIN_PASSWORD_LENGTH:
            return f"Het wachtwoord moet minstens {MIN_PASSWORD_LENGTH} tekens lang zijn."
        if self.password.text() != self.repeat.text():
            return "De twee wachtwoorden zijn niet gelijk. Typ ze nog een keer."
        return ""

    def validatePage(self) -> bool:
        if self.result is not None:
            return True
        if self.busy:
            return False
        problem = self.check()
        if problem:
            return self.fail(problem)
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        self.fail("")
        self.status.setText("De versleutelde database wordt gemaakt…")
        fields = [self.username, self.full_name, self.password, self.repeat]
        # No page exists yet (no area to refresh); a failure is said on this page, ops logs it.
        ops.mutate(self, (), wizard.database_creator(), self._created, on_error=self._failed,
                   wait=[*fields, wizard.button(QWizard.WizardButton.CommitButton)],
                   always=lambda: self.status.setText(""), what="first-run set-up")
        return False

    @property
    def busy(self) -> bool:
        return ops.busy(self)

    def _failed(self, error: BaseException) -> None:
        self.fail(message_of(error))

    def _created(self, result: Any) -> None:
        self.result = result
        self.password.clear()
        self.repeat.clear()
        wizard = self.wizard()
        assert wizard is not None
        wizard.next()


class RecoveryKeyPage(_Page):
    """Shows the recovery key once; Finish only after the user confirms it is safe."""

    def __init__(self) -> None:
        super().__init__(
            "Uw herstelsleutel",
            "Met deze sleutel opent u de gegevens op een nieuwe computer, of als deze computer zijn "
            "sleutelopslag kwijt is. <b>U ziet de sleutel maar één keer.</b> Print hem, of sla hem op als "
            "PDF en print die. Bewaar het blad in de kluis van de school. Zet de sleutel niet in een bestand "
            "op de computer en stuur hem nooit per e-mail.")
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        self.key = RecoveryKeyLabel()
        self.key.setFont(mono_font(17))
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setWordWrap(False)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.insertWidget(1, self.key)
        self.keyring_note = label("", "error")
        layout.insertWidget(2, self.keyring_note)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("Opslaan als PDF…")
        self.print_button = QPushButton("Afdrukken…")
        for button in (self.save_button, self.print_button):
            button.setAutoDefault(False)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        layout.insertLayout(3, buttons)
        self.saved = label("", "muted")
        layout.insertWidget(4, self.saved)
        self.confirm = QCheckBox(CONFIRM_TEXT)
        layout.insertWidget(5, self.confirm)
        self.confirm.toggled.connect(self.completeChanged)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_sheet)

    def initializePage(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        result = wizard.account_page.result
        assert result is not None
        self.key.setText(two_lines(result.recovery_key))
        self.keyring_note.setText("" if result.key_in_keyring else (
            "Let op: deze computer heeft geen veilige sleutelbewaarplaats. U heeft de herstelsleutel "
            "daarom bij elke start nodig."))
        wizard.setOption(QWizard.WizardOption.NoCancelButton, True)

    def isComplete(self) -> bool:
        return self.confirm.isChecked()

    def _wizard(self) -> SetupWizard:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        return wizard

    def save_pdf(self) -> None:
        wizard = self._wizard()
        from ibp_desktop.ui.ops import PDF_FILTER
        from ibp_desktop.ui.save_as import ask_save_path

        suggested = f"Herstelsleutel {wizard.school_page.school.text().strip()}.pdf"
        path = ask_save_path(self, suggested, PDF_FILTER, "Herstelsleutel opslaan als PDF")
        if path is not None:
            self.write_pdf(path)

    def write_pdf(self, path: Path) -> None:
        self.saved.setText("PDF maken…")
        render = self._wizard().recovery_pdf_maker()
        # Writes a file, not the database: a query. The outcome is said beside the buttons.
        done = f"Opgeslagen als {path}. Print dit bestand en verwijder het daarna."
        ops.query(self, lambda: write_export(Path(path), render()), lambda _n: self.saved.setText(done),
                  on_error=lambda e: self.saved.setText(_not_saved(path, e)),
                  wait=[self.save_button, self.print_button], what="recovery key export")

    def print_sheet(self) -> None:
        ops.document(self, self._wizard().recovery_pdf_maker(), title="Herstelsleutel IBP Desktop",
                     wait=[self.save_button, self.print_button])


def _not_saved(path: Path, error: BaseException) -> str:
    if isinstance(error, OSError):
        return f"Het bestand {path} kan niet worden opgeslagen: {os_reason(error)}. Kies een andere map."
    return message_of(error)


class SetupWizard(QWizard):
    def __init__(self, location: Location) -> None:
        super().__init__()
        self.location = location
        self.setWindowTitle("IBP Desktop instellen")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, "Volgende")
        self.setButtonText(QWizard.WizardButton.BackButton, "Vorige")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Annuleren")
        self.setButtonText(QWizard.WizardButton.FinishButton, "Klaar")
        for step in (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton):
            make_primary(self.button(step))
        self.school_page = SchoolPage()
        self.account_page = AccountPage()
        self.recovery_page = RecoveryKeyPage()
        for page in (self.school_page, self.account_page, self.recovery_page):
            self.addPage(page)
        self.resize(680, 560)

    def database_creator(self) -> Callable[[], SetupResult]:
        """The set-up call for the background, with the typed values read here on the GUI thread."""
        s, a = self.school_page, self.account_page
        values = (s.board.text(), s.school.text(), s.brin.text(), a.username.text(), a.full_name.text(),
                  a.password.text())
        location = self.location

        def create() -> SetupResult:
            from ibp_desktop.services.database.setup import NewSchool, initialise

            return initialise(location, NewSchool(*values))

        return create

    def recovery_pdf_maker(self) -> Callable[[], bytes]:
        """Renders the recovery key sheet (may run in the background; values are read here)."""
        result = self.account_page.result
        assert result is not None
        school = self.school_page.school.text().strip()
        brin = normalise_brin(self.school_page.brin.text())
        created_by = self.account_page.full_name.text().strip()
        created_at = datetime.now(UTC)
        label_text = str(self.location.db_path)

        def render() -> bytes:
            from ibp_desktop.services.database.setup import recovery_key_pdf

            return recovery_key_pdf(school, brin, result.recovery_key, created_by, label_text, created_at)

        return render

    def reject(self) -> None:
        if self.account_page.result is not None and not self.recovery_page.confirm.isChecked():
            return  # the database exists: do not lose the only view of the recovery key by Esc
        super().reject()
