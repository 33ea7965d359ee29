"""The area "Rapporten": Jaarverslag IBP, FG-rapportage, the access request helper and the registers."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ibp_desktop.ui.context import AppContext


def reports_page(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.reports.area import ReportsArea

    return ReportsArea(context)
