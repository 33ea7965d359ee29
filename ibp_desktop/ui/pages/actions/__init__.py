"""Plan van aanpak: the action register of the yearly PDCA cycle (DOMAIN.md section 6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ibp_desktop.ui.context import AppContext


def actions_page(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.actions.page import ActionsPage

    return ActionsPage(context)
