"""Printing goes through a preview of the same PDF an export writes (UI.md)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

PRINT_DPI = 300  # sharp on paper, and an A4 page stays a reasonable image (about 35 MB)


def preview_pdf(parent: QWidget | None, data: bytes, title: str) -> None:
    """Show a print preview of PDF bytes; the user prints from there."""
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Afdrukvoorbeeld – {title}")
    dialog.paintRequested.connect(lambda target: paint_pdf(document, target))
    dialog.exec()
    document.close()
    buffer.close()


def paint_pdf(document: object, printer: object) -> None:
    """Paint every page of a loaded QPdfDocument on a QPrinter (white behind the transparent pages)."""
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    assert isinstance(document, QPdfDocument) and isinstance(printer, QPrinter)
    painter = QPainter(printer)
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            size = QSize(round(points.width() * PRINT_DPI / 72), round(points.height() * PRINT_DPI / 72))
            image = document.render(page, size)
            area = painter.viewport()
            scale = min(area.width() / size.width(), area.height() / size.height())
            target = QRectF(0, 0, size.width() * scale, size.height() * scale)
            painter.fillRect(target, QColor("white"))
            painter.drawImage(target, image)
    finally:
        painter.end()
