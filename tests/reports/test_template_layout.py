"""The shared page template: no broken words in table cells."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from ibp_desktop.reports.template import DocumentInfo, build_pdf, fit_words, table

MADE = datetime(2026, 11, 28, 13, 5, tzinfo=UTC)


def test_a_column_narrower_than_its_longest_word_borrows_room() -> None:
    rows = [["Systeem", "Niveau", "Toelichting"], ["IBP Desktop", "Schooldirecteur", "korte tekst hier"]]
    widths = fit_words(rows, [40 * mm, 15 * mm, 60 * mm])
    assert sum(widths) == pytest.approx(115 * mm)
    assert widths[1] > 15 * mm and widths[2] < 60 * mm
    pdf = build_pdf(DocumentInfo("Proef", "OBS De Regenboog", generated_at=MADE),
                    [table(rows, [40 * mm, 15 * mm, 60 * mm])])
    assert "Schooldirecteur" in PdfReader(BytesIO(pdf)).pages[0].extract_text()
