"""Printing paints the same PDF an export writes (here onto a PDF printer instead of paper)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from ibp_desktop.reports.recovery_key import RecoveryKeySheet, render_recovery_key_pdf
from ibp_desktop.ui.printing import paint_pdf

pytestmark = pytest.mark.gui


def test_paint_pdf_onto_printer(qapp: QApplication, tmp_path: Path) -> None:
    data = render_recovery_key_pdf(RecoveryKeySheet(
        "De Vlieger", "12AB", "ABCDE-FGHJK-MNPQR-STVWX", datetime.now(UTC), "Mirjam Smit", "test"))
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    assert document.pageCount() >= 1
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "afdruk.pdf"
    printer.setOutputFileName(str(out))
    paint_pdf(document, printer)
    assert out.read_bytes().startswith(b"%PDF")
    assert out.stat().st_size > 10_000  # the page image is really there


def test_preview_opens_large_fit_to_width_with_labelled_buttons(qapp: QApplication) -> None:
    """Issue 16: Qt's preview opened at 702x512 and 38 % with icon-only buttons."""
    from PySide6.QtPrintSupport import QPrintPreviewWidget
    from PySide6.QtWidgets import QToolButton

    from ibp_desktop.ui.app import setup_application
    from ibp_desktop.ui.printing import make_preview

    setup_application()
    data = render_recovery_key_pdf(RecoveryKeySheet(
        "De Vlieger", "12AB", "ABCDE-FGHJK-MNPQR-STVWX", datetime.now(UTC), "Mirjam Smit", "test"))
    dialog = make_preview(None, data, "Toestemming beeldmateriaal – groep 1/2a")
    try:
        free = dialog.screen().availableGeometry()
        assert dialog.width() >= min(free.width() * 8 // 10, 1000)
        assert dialog.height() >= free.height() * 8 // 10
        widget = dialog.findChild(QPrintPreviewWidget)
        assert widget.zoomMode() == QPrintPreviewWidget.ZoomMode.FitToWidth
        labelled = {b.defaultAction().text(): b.toolButtonStyle() for b in dialog.findChildren(QToolButton)
                    if b.defaultAction() is not None}
        assert labelled["Afdrukken"] == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        assert labelled["Pagina-instelling"] == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        assert "/" not in dialog.printer().docName()  # a PDF printer suggests it as the file name
    finally:
        dialog.close_document()
        dialog.deleteLater()
