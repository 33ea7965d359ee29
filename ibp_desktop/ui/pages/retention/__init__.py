"""Bewaartermijnen (DOMAIN.md section 2): what is due, clean-up runs with four eyes, and the schedule."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ibp_desktop.ui.context import AppContext


def retention_page(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.retention.area import RetentionArea

    return RetentionArea(context)
