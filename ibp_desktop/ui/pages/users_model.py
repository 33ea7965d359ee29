"""Table model for accounts: fed with UserInfo rows by the page; it never queries."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from ibp_desktop.ui.texts import date_time

if TYPE_CHECKING:
    from ibp_desktop.services.accounts.users import UserInfo

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("Naam", "Gebruikersnaam", "Rollen", "Status", "Laatst ingelogd", "Scholen")
_Index = QModelIndex | QPersistentModelIndex


def status_text(user: UserInfo) -> str:
    if not user.active:
        return "Uitgeschakeld"
    if user.must_change_password:
        return "Actief, tijdelijk wachtwoord"
    return "Actief"


class UsersModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[UserInfo] = []

    def set_rows(self, rows: list[UserInfo]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        user = self.rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return user
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(user, column)
        if role == SORT_ROLE:
            if column == 4:
                return (user.last_login_at or datetime.min).isoformat()
            return self._text(user, column).lower()
        if role == Qt.ItemDataRole.ForegroundRole:
            if not user.active:
                return QColor("#8a959d")
            if column == 3 and user.must_change_password:
                return QColor("#8a5a00")
        return None

    @staticmethod
    def _text(user: UserInfo, column: int) -> str:
        if column == 0:
            return user.full_name
        if column == 1:
            return user.username
        if column == 2:
            return user.role_text
        if column == 3:
            return status_text(user)
        if column == 5:
            return user.school_text
        return date_time(user.last_login_at)


class UsersProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE and filters on every column as the user types."""

    def __init__(self, source: UsersModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
