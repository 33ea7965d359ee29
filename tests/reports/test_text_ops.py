"""The text-operator cache writes exactly what ReportLab writes, and every PDF's canvas uses it."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from typing import Any

import pytest
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from ibp_desktop.reports import template
from ibp_desktop.reports.fonts import SANS, SANS_BOLD, register_fonts
from ibp_desktop.reports.template import styles
from ibp_desktop.reports.text_ops import TextOpsCanvas

NAMES = ["Şükrü Yılmaz", "Łucja Wiśniewska", "Nguyễn Văn An", "Anne-Fleur van der Berg-de Vries", "JA", "NEE"]


@pytest.fixture(autouse=True)
def invariant() -> Iterator[None]:
    """ReportLab's own switch for byte-identical output (no creation date, fixed document id)."""
    register_fonts()
    before = rl_config.invariant
    rl_config.invariant = 1
    yield
    rl_config.invariant = before


def _draw(maker: Any) -> bytes:
    buffer = BytesIO()
    canvas = maker(buffer, pagesize=A4, pageCompression=0)
    for page in range(2):
        for row, name in enumerate(NAMES * 3):  # every string again and again, in two fonts and sizes
            canvas.setFont(SANS_BOLD if row % 2 else SANS, 7.5 + row % 3, 9 + page)
            canvas.drawString(40 + row, 800 - row * 12.25, name)
            canvas.drawRightString(550, 800 - row * 12.25, name)
            canvas.drawCentredString(300.5, 500 - row * 10, name)
        canvas.drawString(40, 100, "Şükrü Yılmaz", charSpace=1)  # a case the cache leaves to ReportLab
        canvas.drawString(40, 80, "Nguyễn Văn An", mode=1)
        canvas.drawString(40, 60, "nieuw: ẞ ő ę")  # characters first met on the second page
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_drawn_strings_are_byte_for_byte_reportlabs() -> None:
    plain, cached = _draw(Canvas), _draw(TextOpsCanvas)
    assert b"(JA) Tj" in plain
    assert cached == plain


def _document(maker: Any) -> bytes:
    buffer = BytesIO()
    rows = [["Leerling", "Website"]] + [[name, "JA" if i % 3 else "? geen antw."] for i, name in
                                        enumerate(NAMES * 20)]  # fmt: skip
    story = [Paragraph("Groep 5 · Şükrü Yılmaz", styles()["h2"]),
             Table(rows, repeatRows=1, style=[("FONT", (0, 0), (-1, -1), SANS, 8)])]  # fmt: skip
    SimpleDocTemplate(buffer, pagesize=A4).build(story, canvasmaker=maker)
    return buffer.getvalue()


def test_a_document_with_tables_and_paragraphs_is_the_same() -> None:
    assert _document(TextOpsCanvas) == _document(Canvas)


def test_every_pdf_of_the_program_draws_through_the_cache() -> None:
    assert issubclass(template._NumberedCanvas, TextOpsCanvas)


def test_the_cache_keeps_one_entry_per_font_size_and_text() -> None:
    canvas = TextOpsCanvas(BytesIO())
    canvas.setFont(SANS, 8)
    for y in range(50):
        canvas.drawString(10, y, "JA")
        canvas.drawString(10, y, "NEE")
    canvas.setFont(SANS_BOLD, 8)
    canvas.drawString(10, 0, "JA")
    assert sorted((font, text) for font, _size, _leading, text, _share in canvas._text_ops) == [
        (SANS, "JA"), (SANS, "NEE"), (SANS_BOLD, "JA")
    ]  # fmt: skip


def test_reportlab_encodes_each_string_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    for name in ("drawString", "drawCentredString", "drawRightString"):
        original = getattr(Canvas, name)
        monkeypatch.setattr(
            Canvas, name, lambda self, *a, _o=original, _n=name, **k: (calls.append(_n), _o(self, *a, **k))
        )
    canvas = TextOpsCanvas(BytesIO())
    canvas.setFont(SANS, 8)
    for y in range(50):
        canvas.drawString(10, y, "Şükrü Yılmaz")
        canvas.drawCentredString(200, y, "? geen antw.")
        canvas.drawRightString(400, y, "? geen antw.")
    assert calls == ["drawString", "drawCentredString", "drawRightString"]
