"""Printing goes through a preview of the same PDF an export writes (UI.md)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter
from PySide6.QtWidgets import QWidget

from ibp_desktop.core.file_names import safe_file_name

PRINT_DPI = 300  # sharp on paper, and an A4 page stays a reasonable image (about 35 MB)


def preview_pdf(parent: QWidget | None, data: bytes, title: str) -> None:
    """Show a print preview of PDF bytes; the user prints from there."""
    dialog = make_preview(parent, data, title)
    dialog.exec()
    dialog.close_document()


def make_preview(parent: QWidget | None, data: bytes, title: str) -> Any:
    """The print preview of PDF bytes: large, fit to the width, with "Afdrukken" and
    "Pagina-instelling" as labelled buttons (a school employee does not guess icons)."""
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    # Printing to a PDF printer suggests the document name as file name: keep it a safe one.
    printer.setDocName(safe_file_name(title))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Afdrukvoorbeeld – {title}")
    dialog.paintRequested.connect(lambda target: paint_pdf(document, target))
    _label_actions(dialog)
    _size_large(dialog)
    for widget in dialog.findChildren(QPrintPreviewWidget):
        widget.fitToWidth()

    def close_document() -> None:
        document.close()
        buffer.close()

    dialog.close_document = close_document  # type: ignore[attr-defined]
    dialog.keep_alive = (printer, document, buffer)  # type: ignore[attr-defined]  # Qt does not own them
    return dialog


PREVIEW_LABELS = {"Print": "Afdrukken", "Page setup": "Pagina-instelling"}  # Qt's English source texts


def _label_actions(dialog: QWidget) -> None:
    """Text beside the icon for printing and page set-up; the rest of the toolbar stays icons."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QToolButton

    wanted = {QCoreApplication.translate("QPrintPreviewDialog", english): dutch
              for english, dutch in PREVIEW_LABELS.items()}
    wanted.update({english: dutch for english, dutch in PREVIEW_LABELS.items()})
    for button in dialog.findChildren(QToolButton):
        action = button.defaultAction()
        if action is None:
            continue
        dutch = wanted.get(action.text().replace("&", ""))
        if dutch is not None:
            action.setText(dutch)
            action.setToolTip(dutch)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)


def _size_large(dialog: QWidget) -> None:
    """Most of the screen it opens on: a page at readable size, not Qt's 702x512 at 38 %."""
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        dialog.resize(1100, 700)
        return
    free = screen.availableGeometry()
    dialog.resize(min(free.width() * 9 // 10, 1400), free.height() * 9 // 10)


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
