"""Incidenten en datalekken (DOMAIN.md section 3): the register page and its dialogs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ibp_desktop.core.roles import Permission

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ibp_desktop.ui.context import AppContext


def incidents_page(context: AppContext) -> QWidget:
    """The register for those who may read it; a simple report page for those who may only report."""
    from ibp_desktop.ui.pages.incidents.page import IncidentsPage, ReportOnlyPage

    if context.actor.can(Permission.VIEW_INCIDENTS):
        return IncidentsPage(context)
    return ReportOnlyPage(context)
