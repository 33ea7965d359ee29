"""Verwerkingsregister, DPIA's and Klachten (DOMAIN.md section 3a): register pages and their dialogs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ibp_desktop.ui.context import AppContext


def open_processing_page(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.accountability.processing_page import ProcessingPage

    return ProcessingPage(context)


def open_dpia_page(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.accountability.dpia_page import DpiaPage

    return DpiaPage(context)


def open_complaints_page(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.accountability.complaints_page import ComplaintsPage

    return ComplaintsPage(context)
