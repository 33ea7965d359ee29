"""Verzoeken van betrokkenen (DOMAIN.md section 4): the register page and its dialogs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ibp_desktop.ui.context import AppContext


def requests_page(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.requests.page import RequestsPage

    return RequestsPage(context)
