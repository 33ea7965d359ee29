"""Verwerkers (DOMAIN.md section 5): suppliers, their products and the processor agreements."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ibp_desktop.ui.context import AppContext


def processors_page(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.processors.page import ProcessorsPage

    return ProcessorsPage(context)
