"""Printing paints the same PDF an export writes (here onto a PDF printer instead of paper)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
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
