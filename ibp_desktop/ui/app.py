"""Program start: the first window with Qt alone, the database opening while the user types, then login.

Nothing here imports SQLAlchemy, keyring, the services or ReportLab at module level: they load in the
background (``_open``) after the login dialog (or the first-run wizard) is on screen.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

# Not ``Qt`` nor QMessageBox here: PySide builds a class's Python enum types the first time the class is
# named, ``Qt`` alone 94 of them (~15 ms), so they are named where used, after the login dialog is up
# (issue 17; tests/ui/test_startup_names.py).
from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QDialog

from ibp_desktop.ui import ops
from ibp_desktop.ui.background import Task, wait_for_all
from ibp_desktop.ui.dialogs import ChangePasswordDialog, RecoveryKeyDialog, message_of
from ibp_desktop.ui.login import LoginDialog
from ibp_desktop.ui.preload import QtWarmer, preload, preload_pages
from ibp_desktop.ui.startup_work import (
    demo_accounts,
    log_in,
    looks_like_demo,
    open_database,
    read_start_today,
)
from ibp_desktop.ui.theme import STYLE, apply_theme

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from ibp_desktop.services.context import Actor
    from ibp_desktop.services.database.connection import Location
    from ibp_desktop.store.database import Database
    from ibp_desktop.ui.context import AppContext, StartData
    from ibp_desktop.ui.lock import IdleLock
    from ibp_desktop.ui.main_window import MainWindow
    from ibp_desktop.ui.wizard import SetupWizard

APP_NAME = "IBP Desktop"
NO_SERVER_PASSWORD = (
    "Zonder het wachtwoord van de databaseserver kan het programma de gegevens niet openen. Vraag het aan "
    "de beheerder van de server en druk dan op Enter."
)
PAGES_LATER_MS = 1500  # after the main window opened: the remaining page modules in the background
NO_KEY = ("Zonder herstelsleutel kan de database op deze computer niet open. Houd het blad uit de kluis "
          "bij de hand en druk nogmaals op Inloggen.")
AUDIT_WARNING = ("Let op: het logboek klopt niet met wat deze computer buiten de database bewaart. Iemand "
                 "heeft het logboek buiten het programma om veranderd. Meld dit als beveiligingsincident.")
MUST_CHANGE = ("U logt voor het eerst in met een tijdelijk wachtwoord. Kies nu uw eigen wachtwoord van "
               "minstens 10 tekens; alleen u kent het.")


def _quiet(_value: object) -> None:
    """Preloading only warms caches: a failure is logged (by ops), not worth a word to the user."""


class Startup(QObject):
    """Drives wizard -> login -> (recovery key) -> (new password) -> main window -> idle lock."""

    def __init__(self, location: Location, *, idle_timeout_ms: int | None = None,
                 quit_app: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.location = location
        self.idle_timeout_ms = idle_timeout_ms
        self._quit_app = quit_app or QCoreApplication.quit
        self.database: Database | None = None
        self.login_dialog: LoginDialog | None = None
        self.wizard: SetupWizard | None = None
        self.context: AppContext | None = None
        self.window: MainWindow | None = None
        self.lock: IdleLock | None = None
        self.recovery_dialog: RecoveryKeyDialog | None = None
        self.server_dialog: QDialog | None = None
        self.password_dialog: ChangePasswordDialog | None = None
        self.in_use_dialog: QMessageBox | None = None
        self._open_task: Task | None = None
        self._open_error: BaseException | None = None
        self._pending: tuple[str, str] | None = None
        self._entered = threading.Event()  # Enter was pressed: the preload makes way for the login
        self.qt_warmer: QtWarmer | None = None  # names the Qt classes on the GUI thread (preload.py)
        self._quitting = False

    def start(self) -> None:
        from ibp_desktop.services.location import missing_database_message

        if self.location.exists():
            self.show_login()
        elif (aside := missing_database_message(self.location)) is not None:
            from ibp_desktop.ui.dialogs import show_error

            show_error(None, aside, "Database ontbreekt")  # never a new, empty school beside the old data
            QTimer.singleShot(0, self.quit)
        else:
            self.show_wizard()

    # First run ----------------------------------------------------------------------------------

    def show_wizard(self) -> None:
        from ibp_desktop.ui.wizard import SetupWizard

        self.wizard = SetupWizard(self.location)
        self.wizard.accepted.connect(self._wizard_done)
        self.wizard.rejected.connect(self.quit)
        self.wizard.show()

    def _wizard_done(self) -> None:
        self.show_login()
        if self.wizard is not None and self.login_dialog is not None:
            # The account just created is the one to log in with: only the password is asked.
            from ibp_desktop.core.validation import normalise_username

            self.login_dialog.username.setText(normalise_username(self.wizard.account_page.username.text()))
            self.login_dialog.password.setFocus()
        if self.wizard is not None:
            self.wizard.deleteLater()
            self.wizard = None

    # Login --------------------------------------------------------------------------------------

    def show_login(self) -> None:
        demo = looks_like_demo(self.location)
        place = "een databaseserver" if self.location.is_server else str(self.location.data_dir)
        dialog = LoginDialog(demo=demo, place=place)
        dialog.submitted.connect(self._submitted)
        dialog.rejected.connect(self.quit)
        self.login_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        QTimer.singleShot(0, self._begin_open)
        if demo:
            ops.query(dialog, demo_accounts, dialog.set_demo_accounts, on_error=_quiet, group=ops.EVERY,
                      what="demo accounts")

    def _begin_open(self) -> None:
        if self.database is not None or self._open_task is not None:
            return
        self._open_error = None
        location = self.location
        self._open_task = ops.query(self.login_dialog, lambda: open_database(location), self._opened,
                                    on_error=self._open_failed, group=self, what="open database")

    def _opened(self, database: Database) -> None:
        self._open_task = None
        self.database = database
        # Its own task, not part of opening: an early Enter logs in without waiting for it.
        if not self._pending:
            enter = self._entered
            owner = self.login_dialog
            self._warm_qt(enter, then=lambda: ops.query(owner, lambda: preload(database, enter), _quiet,
                                                        on_error=_quiet, group=ops.EVERY, what="preload"))
        if self._pending:
            self._login()

    def _open_failed(self, error: BaseException) -> None:
        from ibp_desktop.services.database.connection import DatabaseInUseError

        self._open_task = None
        if isinstance(error, DatabaseInUseError) and self.login_dialog is not None:
            self._ask_in_use(error)  # at once: the user should know before typing a password
            return
        self._open_error = error
        if self._pending:
            self._handle_open_error()

    def _submitted(self, username: str, password: str) -> None:
        assert self.login_dialog is not None
        self._entered.set()
        self._pending = (username, password)
        if self.database is not None:
            self._login()
        elif self._open_error is not None:
            self._handle_open_error()
        else:
            self.login_dialog.set_busy("Database openen…")
            self._begin_open()

    def _handle_open_error(self) -> None:
        from ibp_desktop.services.location import KeyNeededError

        assert self.login_dialog is not None
        error, self._open_error = self._open_error, None
        assert error is not None
        if isinstance(error, KeyNeededError):
            self._ask_recovery_key()
            return
        from ibp_desktop.services.database.connection import ServerPasswordNeededError

        if isinstance(error, ServerPasswordNeededError):
            self._ask_server_password()
            return
        self._pending = None  # the next Enter tries to open again (a server may be back)
        self.login_dialog.login_failed(message_of(error))

    def _ask_in_use(self, error: BaseException) -> None:
        """Another program (maybe on another PC) has the file open: only look, or stop."""
        from PySide6.QtWidgets import QMessageBox

        dialog = QMessageBox(QMessageBox.Icon.Warning, "Database in gebruik", message_of(error),
                             QMessageBox.StandardButton.NoButton, self.login_dialog)
        view = dialog.addButton("Alleen bekijken", QMessageBox.ButtonRole.AcceptRole)
        dialog.addButton("Afsluiten", QMessageBox.ButtonRole.RejectRole)
        dialog.setDefaultButton(view)
        dialog.finished.connect(lambda _result: self._in_use_answered(dialog.clickedButton() is view))
        self.in_use_dialog = dialog
        dialog.open()

    def _in_use_answered(self, view: bool) -> None:
        self.in_use_dialog = None
        if not view:
            self.quit()
            return
        location = self.location
        self._open_task = ops.query(self.login_dialog, lambda: open_database(location, read_only=True),
                                    self._opened, on_error=self._open_failed, group=self,
                                    what="open database")

    def _ask_recovery_key(self) -> None:
        assert self.login_dialog is not None
        self.login_dialog.set_busy("Wachten op de herstelsleutel…")
        location = self.location
        dialog = RecoveryKeyDialog(lambda key: open_database(location, key), self.login_dialog)
        dialog.accepted.connect(lambda: self._opened(dialog.result_value))
        dialog.rejected.connect(self._no_recovery_key)
        self.recovery_dialog = dialog
        dialog.open()

    def _ask_server_password(self) -> None:
        from ibp_desktop.ui.dialogs import ServerPasswordDialog

        assert self.login_dialog is not None
        self.login_dialog.set_busy("Wachten op het wachtwoord van de databaseserver…")
        location = self.location
        dialog = ServerPasswordDialog(location.describe(),
                                      lambda password: open_database(location, server_password=password),
                                      self.login_dialog)
        dialog.accepted.connect(lambda: self._opened(dialog.result_value))
        dialog.rejected.connect(lambda: self._gave_up(NO_SERVER_PASSWORD))
        self.server_dialog = dialog
        dialog.open()

    def _gave_up(self, message: str) -> None:
        assert self.login_dialog is not None
        self._pending = None
        self._open_error = None
        self.login_dialog.login_failed(message)

    def _no_recovery_key(self) -> None:
        assert self.login_dialog is not None
        self._pending = None
        self._open_error = None
        self.login_dialog.login_failed(NO_KEY)

    def _login(self) -> None:
        assert self.login_dialog is not None and self.database is not None and self._pending
        username, password = self._pending
        self.login_dialog.set_busy("Inloggen…")
        database = self.database
        ops.query(self.login_dialog, lambda: log_in(database, username, password), self._logged_in,
                  on_error=self._login_failed, what="login")

    def _login_failed(self, error: BaseException) -> None:
        assert self.login_dialog is not None
        self._pending = None
        self.login_dialog.login_failed(message_of(error))

    def _logged_in(self, result: tuple[Actor, StartData | None]) -> None:
        actor, start = result
        assert self._pending is not None and self.login_dialog is not None
        password = self._pending[1]
        self._pending = None
        if start is not None:  # no new password to choose first
            self._open_main(actor, start)
            return
        from ibp_desktop.services.accounts.auth import change_own_password

        database = self.database
        assert database is not None
        dialog = ChangePasswordDialog(lambda cur, new: change_own_password(database, actor, cur, new),
                                      current=password, intro=MUST_CHANGE, parent=self.login_dialog)
        dialog.accepted.connect(lambda: self._read_start(actor))
        dialog.rejected.connect(self._cancelled_change)
        self.password_dialog = dialog
        dialog.open()

    def _cancelled_change(self) -> None:
        assert self.login_dialog is not None
        self.login_dialog.login_failed("U kunt pas verder als u een eigen wachtwoord heeft gekozen.")

    # Main window --------------------------------------------------------------------------------

    def _read_start(self, actor: Actor) -> None:
        """After the new password: what the first window needs, in the background as with a login."""
        database = self.database
        assert database is not None and self.login_dialog is not None
        ops.query(self.login_dialog, lambda: read_start_today(database, actor),
                  lambda start: self._open_main(actor, start), on_error=self._login_failed, what="start data")

    def _open_main(self, actor: Actor, start: StartData) -> None:
        from ibp_desktop.ui.context import AppContext
        from ibp_desktop.ui.lock import IdleLock
        from ibp_desktop.ui.main_window import MainWindow

        assert self.database is not None and self.login_dialog is not None
        context = AppContext.from_start(self.database, actor, self.location, start,
                                        demo=looks_like_demo(self.location))
        window = MainWindow(context)
        context.take_prepared_dashboard()  # the Overzicht did not open first: its figures would go stale
        timeout = self.idle_timeout_ms or context.idle_minutes * 60_000
        lock = IdleLock(window, actor.full_name, context.confirm_password, timeout, self.quit)
        context.lock_requested.connect(lock.lock)
        if self.idle_timeout_ms is None:
            context.idle_minutes_changed.connect(lambda minutes: lock.set_timeout_ms(minutes * 60_000))
        context.restore_requested.connect(self.restore_from)
        self.context, self.window, self.lock = context, window, lock
        window.show()
        lock.watch_windows()  # the window has its QWindow now; focus changes bring the dialogs in
        window.activateWindow()
        if self.database.audit_problems:  # cut short, wiped or rewritten since this PC last saw it
            from ibp_desktop.ui.dialogs import show_error

            show_error(window, AUDIT_WARNING + "\n\n" + "\n".join(self.database.audit_problems), "Logboek")
        self.login_dialog.hide()
        self.login_dialog.deleteLater()
        self.login_dialog = None
        window.closed.connect(self.quit)
        # The pages' modules the preload did not reach before Enter, once the Overzicht had its turn.
        QTimer.singleShot(PAGES_LATER_MS, lambda: self._warm_qt(None, then=lambda: ops.query(
            window, preload_pages, _quiet, on_error=_quiet, group=ops.EVERY, what="preload pages")))

    def _warm_qt(self, stop: threading.Event | None, then: Callable[[], object]) -> None:
        """Name the Qt classes on the GUI thread first, then ``then`` (the background imports): PySide
        builds the types without a lock, so no other thread may be naming them meanwhile."""
        self.qt_warmer = QtWarmer(stop, then=then)
        self.qt_warmer.start()

    def restore_from(self, backup: object) -> None:
        """Beheer asked to put a backup back: close everything, restore off the GUI thread, log in again."""
        from pathlib import Path

        assert isinstance(backup, Path)
        actor = self.context.actor if self.context is not None else None
        self._close_session()
        location = self.location

        def restore(recovery_key: str | None = None) -> object:
            from ibp_desktop.services.database.restore import Credentials, restore_backup

            return restore_backup(location, backup, Credentials(actor=actor), recovery_key)

        # No window is open now: no owner (dialogs without parent); pages are built anew at the next login.
        ops.mutate(None, ops.ANY, restore, self._restored, what="restore",
                   on_error=lambda error: self._restore_failed(error, restore))

    def _close_session(self) -> None:
        """Log off without ending the program: window, lock and database are closed."""
        if self.lock is not None:
            self.lock.stop()
            self.lock = None
        if self.window is not None:
            window, self.window = self.window, None
            window.closed.disconnect(self.quit)
            window.close()
        self.context = None
        wait_for_all()
        if self.database is not None:
            self.database.dispose()  # releases the file and its lock, so the file can be replaced
            self.database = None

    def _restore_failed(self, error: BaseException, restore: Callable[..., object]) -> None:
        from ibp_desktop.services.location import KeyNeededError
        from ibp_desktop.ui.dialogs import show_error

        if isinstance(error, KeyNeededError):
            dialog = RecoveryKeyDialog(lambda key: restore(key), None)
            dialog.accepted.connect(lambda: self._restored(dialog.result_value))
            dialog.rejected.connect(self.show_login)
            self.recovery_dialog = dialog
            dialog.open()
            return
        show_error(None, f"De back-up is niet teruggezet: {message_of(error)}", "Terugzetten")
        self.show_login()

    def _restored(self, result: object) -> None:
        from ibp_desktop.ui.dialogs import show_info

        previous = getattr(result, "previous_copy", None)
        kept = f" De database die er stond, is bewaard als {previous}." if previous else ""
        show_info(None, f"De back-up is teruggezet.{kept} Log opnieuw in.", "Terugzetten")
        self.show_login()

    def quit(self) -> None:
        """Log off: close the window (it saves its layout), release the database, end the program."""
        if self._quitting:
            return
        self._quitting = True
        if self.lock is not None:
            self.lock.stop()
            self.lock = None
        if self.window is not None:
            window, self.window = self.window, None
            window.close()
        self.shutdown()
        self._quit_app()

    def shutdown(self) -> None:
        wait_for_all()
        if self.database is not None and self.context is not None and not self.database.read_only:
            self._backup_at_close(self.database)
        if self.database is not None:
            self.database.dispose()
            self.database = None

    def _backup_at_close(self, database: Database) -> None:
        """At most daily, when the program closes (issue: backups); a failure is said, not hidden."""
        from PySide6.QtCore import Qt

        from ibp_desktop.core.errors import IbpError
        from ibp_desktop.services.database.backup import backup_if_due

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            backup_if_due(database, self.location)
        except (IbpError, OSError) as error:
            from ibp_desktop.ui.dialogs import show_error

            show_error(None, f"De automatische back-up is niet gelukt: {error}", "Back-up")
        finally:
            QGuiApplication.restoreOverrideCursor()


def setup_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    style_set = False
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Qt 6 rounds the screen's scale factor not at all (PassThrough) by default, so 125 % stays 125 %:
        # not set here, which would name ``Qt`` before the first window.
        arguments = list(argv if argv is not None else sys.argv)
        app = QApplication([*arguments[:1], "-style", STYLE, *arguments[1:]])  # Qt takes it out again
        style_set = True
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setQuitOnLastWindowClosed(False)  # between wizard, login and main window nothing is visible
    if not getattr(app, "_ibp_translators", None):
        from ibp_desktop.ui.translations import install_dutch

        app._ibp_translators = install_dutch(app)  # type: ignore[attr-defined]  # keeps them alive
    app.setWindowIcon(_app_icon())
    apply_theme(app, style_set=style_set)
    return app


def _app_icon() -> QIcon:
    from ibp_desktop.resources import resource_path

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(resource_path("icons", f"ibp-desktop-{size}.png")))
    return icon


def run_gui(location: Location, smoke_test: bool = False) -> int:
    """Open the program for this data folder or server; the exit status for the command line.

    ``smoke_test``: quit with 0 once the first window is on screen (checks an installed bundle).
    """
    from ibp_desktop import logs
    from ibp_desktop.ui.ops import install_error_hooks

    if logs.current_log_file() is None:
        logs.setup_logging(location.data_dir)
    app = setup_application()
    install_error_hooks()
    startup = Startup(location)
    startup.start()
    if smoke_test:
        QTimer.singleShot(0, lambda: _smoke_test_done(startup))
    code: Any = app.exec()
    startup.shutdown()
    return int(code)


def _smoke_test_done(startup: Startup) -> None:
    shown = startup.login_dialog or startup.wizard
    if shown is None or not shown.isVisible():
        print("geen venster getoond", flush=True)
        QCoreApplication.exit(1)
        return
    print(f"venster getoond: {'Inloggen' if shown is startup.login_dialog else 'Instellen'}", flush=True)
    startup.quit()
