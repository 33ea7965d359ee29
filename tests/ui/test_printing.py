"""Printing paints the same PDF an export writes (here onto a PDF printer instead of paper)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from ibp_desktop.reports.recovery_key import RecoveryKeySheet, render_recovery_key_pdf
from ibp_desktop.ui.printing import paint_pdf

pytestmark = pytest.mark.gui


def _load(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    return document, buffer  # the buffer must live as long as the document


def _ink(document: QPdfDocument, page: int, width: int = 240) -> float:
    """The share of a page (on white paper) that is dark: what a reader sees printed."""
    points = document.pagePointSize(page)
    size = QSize(width, round(width * points.height() / points.width()))
    paper = QImage(size, QImage.Format.Format_ARGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, document.render(page, size))
    painter.end()
    grey = paper.convertToFormat(QImage.Format.Format_Grayscale8)
    dark = sum(1 for y in range(grey.height()) for x in range(grey.width())
               if grey.pixelColor(x, y).value() < 200)
    return dark / (grey.width() * grey.height())


def test_paint_pdf_onto_printer(qapp: QApplication, tmp_path: Path) -> None:
    data = render_recovery_key_pdf(RecoveryKeySheet(
        "De Vlieger", "12AB", "ABCDE-FGHJK-MNPQR-STVWX", datetime(2026, 12, 6, 10, tzinfo=UTC), "Mirjam Smit",
        "test"))
    document, _buffer = _load(data)
    assert document.pageCount() >= 1
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    out = tmp_path / "afdruk.pdf"
    printer.setOutputFileName(str(out))
    paint_pdf(document, printer)

    printed, _printed_buffer = _load(out.read_bytes())
    assert printed.pageCount() == document.pageCount()
    original_ink, printed_ink = _ink(document, 0), _ink(printed, 0)
    # The sheet's text and boxes are on the paper: not a blank page, not a black one (a transparent
    # page painted without white behind it), and about as much ink as the PDF itself.
    assert 0.02 < printed_ink < 0.4
    assert abs(printed_ink - original_ink) < 0.35 * original_ink, (printed_ink, original_ink)


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
