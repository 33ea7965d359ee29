"""Beheer: accounts (add, disable/enable, reset password, roles) and program settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ibp_desktop.core.errors import IbpError
from ibp_desktop.core.roles import Permission, Role
from ibp_desktop.ui import ops
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.dialogs import TemporaryPasswordDialog, ask
from ibp_desktop.ui.pages.user_dialogs import NewUserDialog, Placement, RolesDialog
from ibp_desktop.ui.pages.users_model import ROW_ROLE, UsersModel, UsersProxy
from ibp_desktop.ui.texts import temporary_password
from ibp_desktop.ui.theme import SectionBox, label

if TYPE_CHECKING:
    from ibp_desktop.services.accounts.schools import SchoolInfo
    from ibp_desktop.services.accounts.users import UserInfo, UserService


class AdminPage(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.can_users = context.actor.can(Permission.MANAGE_USERS)
        self.can_settings = context.actor.can(Permission.MANAGE_SETTINGS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(12)
        layout.addWidget(label("Beheer", "pageTitle"))
        self.model = UsersModel()
        self.proxy = UsersProxy(self.model)
        self.dialog: QDialog | None = None  # the dialog opened last (tests look at it)
        # Accounts and the board's schools share the room as two tabs: at 1366x768 both would not fit.
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        if self.can_users:
            accounts = self._accounts_group()
            accounts.setTitle("")  # the tab says it
            self.tabs.addTab(accounts, "Accounts")
        if context.actor.can(Permission.MANAGE_SCHOOLS):
            from ibp_desktop.ui.pages.schools_box import SchoolsGroup

            self.schools_group = SchoolsGroup(context)
            self.schools_group.setTitle("")
            self.tabs.addTab(self.schools_group, "Scholen van het bestuur")
        if self.tabs.count():
            layout.addWidget(self.tabs, 1)
        layout.addWidget(self._settings_group())
        if self.can_settings and context.database.is_sqlite:
            from ibp_desktop.ui.pages.backup_box import BackupGroup

            self.backup_group = BackupGroup(context)
            layout.addWidget(self.backup_group)
        if not self.tabs.count():
            layout.addStretch(1)

    # Accounts -----------------------------------------------------------------------------------

    def _accounts_group(self) -> QGroupBox:
        group = SectionBox("Accounts")
        column = QVBoxLayout(group)
        column.addWidget(label(
            "Wie mag inloggen en wat mag die persoon doen. Een uitgeschakeld account kan niet meer inloggen; "
            "alles wat die persoon deed, blijft bewaard.", "muted"))
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Zoeken op naam, gebruikersnaam of rol (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        bar.addWidget(self.search, 1)
        self.new_button = self._button(bar, "Nieuwe gebruiker", self.open_new_user, "Ctrl+N")
        self.active_button = self._button(bar, "Uitschakelen", self.toggle_active)
        self.reset_button = self._button(bar, "Wachtwoord resetten", self.reset_password)
        self.roles_button = self._button(bar, "Rollen en scholen", self.open_roles)
        column.addLayout(bar)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _index: self.open_roles())
        column.addWidget(self.table, 1)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)
        self.setTabOrder(self.search, self.table)
        return group

    def _button(self, bar: QHBoxLayout, text: str, slot: Callable[[], Any], keys: str = "") -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        if keys:
            button.setToolTip(f"{text} ({keys})")
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        bar.addWidget(button)
        return button

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def service(self) -> UserService:
        from ibp_desktop.services.accounts.users import UserService

        return UserService(self.context.database, self.context.actor)

    def refresh(self, select_id: int | None = None) -> None:
        if self.can_users:
            chosen = self.selected_user()
            wanted = select_id if select_id is not None else (chosen.id if chosen else None)
            ops.query(self, self.service().list_users, lambda users: self._users_loaded(users, wanted),
                      group=self.table, what="user list")
        if self.can_settings:
            self.minutes.setValue(self.context.idle_minutes)
        self._update_buttons()

    def _users_loaded(self, users: list[UserInfo], wanted: int | None) -> None:
        self.model.set_rows(users)
        self._select(wanted)
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def selected_user(self) -> UserInfo | None:
        if not self.can_users:
            return None
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def _select(self, user_id: int | None) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ROW_ROLE).id == user_id:
                flag = QItemSelectionModel.SelectionFlag
                flags = flag.ClearAndSelect | flag.Rows
                self.table.selectionModel().select(index, flags)
                self.table.setCurrentIndex(index)
                return

    def _update_buttons(self) -> None:
        if not self.can_users:
            return
        user = self.selected_user()
        for button in (self.active_button, self.reset_button, self.roles_button):
            button.setEnabled(user is not None)
        self.active_button.setText("Inschakelen" if user is not None and not user.active else "Uitschakelen")

    def _run(self, action: Callable[[], Any], then: Callable[[Any], None] | None = None) -> None:
        """A change to the accounts through ui/ops.py; the table shows the result either way."""
        ops.mutate(self, ops.USERS, action, then or (lambda _r: None), group=self.active_button,
                   always=self.refresh, what="user change")

    def open_new_user(self) -> None:
        if not self.can_users:
            return
        password = temporary_password()

        def create(username: str, full_name: str, roles: frozenset[Role], where: Placement) -> UserInfo:
            schools = None if where.board_level else where.school_ids
            return self.service().add_user(
                username, full_name, password, roles, schools, board_level=where.board_level
            )

        dialog = NewUserDialog(create, self, self._schools(), self.context.actor.board_level)
        dialog.accepted.connect(lambda: self._user_added(dialog.result_value, password))
        self._open(dialog)

    def _user_added(self, user: UserInfo, password: str) -> None:
        self.refresh(select_id=user.id)
        self._open(TemporaryPasswordDialog(
            user.full_name, password,
            f"{user.full_name} kan nu inloggen met gebruikersnaam <b>{user.username}</b> en dit tijdelijke "
            "wachtwoord:", self))

    def toggle_active(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        if user.active:
            text = (f"{user.full_name} ({user.username}) kan daarna niet meer inloggen. Alles wat "
                    f"{user.full_name} heeft vastgelegd, blijft bewaard. U kunt het account later weer "
                    "inschakelen.")
            if not ask(self, "Account uitschakelen", text, "Uitschakelen"):
                return
        self._run(lambda: self.service().set_active(user.id, not user.active, user.version))

    def reset_password(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        text = (f"{user.full_name} krijgt een nieuw tijdelijk wachtwoord. Het oude wachtwoord werkt "
                "daarna niet meer. Bij de volgende keer inloggen kiest de gebruiker een eigen wachtwoord.")
        if not ask(self, "Wachtwoord resetten", text, "Wachtwoord resetten"):
            return
        password = temporary_password()
        what = f"Het nieuwe tijdelijke wachtwoord van {user.full_name}:"
        self._run(lambda: self.service().reset_password(user.id, password, user.version),
                  lambda _r: self._open(TemporaryPasswordDialog(user.full_name, password, what, self)))

    def open_roles(self) -> None:
        user = self.selected_user()
        if user is None:
            return

        def change(roles: frozenset[Role], where: Placement) -> UserInfo:
            schools = None if where.board_level else where.school_ids
            return self.service().set_roles(
                user.id, roles, schools, user.version, board_level=where.board_level
            )

        current = Placement(frozenset(user.school_ids), user.board_level)
        dialog = RolesDialog(user.full_name, user.roles, change, self, self._schools(),
                             self.context.actor.board_level, current)
        dialog.accepted.connect(lambda: self.refresh())
        self._open(dialog)

    def _schools(self) -> list[SchoolInfo]:
        from ibp_desktop.services.accounts.schools import SchoolService

        try:
            return SchoolService(self.context.database, self.context.actor).visible_schools()
        except IbpError:
            return []

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # Settings -----------------------------------------------------------------------------------

    def _settings_group(self) -> QGroupBox:
        group = SectionBox("Instellingen")
        column = QVBoxLayout(group)
        row = QHBoxLayout()
        row.addWidget(label("Automatisch vergrendelen na", wrap=False))
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 120)
        self.minutes.setSuffix(" minuten")
        self.minutes.setValue(self.context.idle_minutes)
        self.minutes.setAccessibleName("Minuten tot automatisch vergrendelen")
        row.addWidget(self.minutes)
        row.addWidget(label("zonder gebruik.", wrap=False))
        self.save_minutes = QPushButton("Opslaan")
        self.save_minutes.clicked.connect(self.save_settings)
        row.addWidget(self.save_minutes)
        self.settings_status = label("", "muted", wrap=False)
        row.addWidget(self.settings_status)
        row.addStretch(1)
        column.addLayout(row)
        from ibp_desktop.ui.pages.fg_contact_box import FgContactRow

        self.fg_contact = FgContactRow(self.context, self.can_settings)
        column.addWidget(self.fg_contact)
        from ibp_desktop.ui.pages.consent_validity_box import ConsentValidityRow

        self.consent_validity = ConsentValidityRow(self.context, self.can_settings)
        column.addWidget(self.consent_validity)
        from ibp_desktop.ui.pages.school_type_box import SchoolTypeRow

        self.school_type = SchoolTypeRow(self.context, self.context.actor.can(Permission.MANAGE_SCHOOLS))
        column.addWidget(self.school_type)
        note = ("Geldt voor alle computers van de school." if self.can_settings else
                "Alleen de directeur of de security officer kan dit wijzigen.")
        column.addWidget(label(note, "muted"))
        for widget in (self.minutes, self.save_minutes):
            widget.setEnabled(self.can_settings)
        return group

    def save_settings(self) -> None:
        from ibp_desktop.services.database.settings import SettingsService

        minutes, service = self.minutes.value(), SettingsService(self.context.database, self.context.actor)

        def saved(_result: object) -> None:
            self.context.set_idle_minutes(minutes)
            self.settings_status.setText(f"Opgeslagen: na {minutes} minuten.")

        ops.mutate(self, ops.SETTINGS, lambda: service.set_idle_lock_minutes(minutes), saved,
                   wait=[self.save_minutes], group=self.save_minutes, what="idle minutes")
