"""Documenten: policy documents with their status path, the yearly IBP calendar and access rights."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ibp_desktop.ui.context import AppContext


def documents_page(context: AppContext) -> QWidget:
    from ibp_desktop.ui.pages.documents.area import DocumentsArea

    return DocumentsArea(context)
