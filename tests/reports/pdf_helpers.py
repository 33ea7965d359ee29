"""Read back PDFs made by ibp_desktop.reports (shared by the report tests)."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

EMBEDDED_FAMILIES = {
    "DejaVuSans",
    "DejaVuSans-Bold",
    "DejaVuSans-Oblique",
    "DejaVuSans-BoldOblique",
    "DejaVuSansMono",
    "DejaVuSansMono-Bold",
}


def read(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-")
    return PdfReader(BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in read(pdf).pages]


def _fonts_in(resources: Any, found: list[DictionaryObject]) -> None:
    resources = resources.get_object() if resources is not None else None
    if not resources:
        return
    fonts = resources.get("/Font")
    if fonts is not None:
        found.extend(ref.get_object() for ref in fonts.get_object().values())
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for ref in xobjects.get_object().values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                _fonts_in(xobject.get("/Resources"), found)


def font_dicts(pdf: bytes) -> list[DictionaryObject]:
    """Every font dictionary that some page (or a form on it) refers to."""
    found: list[DictionaryObject] = []
    for page in read(pdf).pages:
        _fonts_in(page.get("/Resources"), found)
    return found


def assert_only_embedded_dejavu(pdf: bytes) -> None:
    fonts = font_dicts(pdf)
    assert fonts, "no fonts found at all"
    for font in fonts:
        base = str(font["/BaseFont"]).lstrip("/")
        family = base.split("+", 1)[-1]  # subset prefix such as AAAAAA+
        assert family in EMBEDDED_FAMILIES, f"unexpected font {base}"
        for standard in ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats"):
            assert standard not in base
        descriptor: Any = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{base} is not embedded"
