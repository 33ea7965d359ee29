from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone

import pytest
from reportlab.platypus import Paragraph

from ibp_desktop.reports.template import DocumentInfo, build_pdf, format_date, format_time, styles, table
from tests.reports.pdf_helpers import assert_only_embedded_dejavu, page_texts, read

SCHOOL = "Basisschool Şükrü & Łucja"
WINTER = datetime(2026, 11, 28, 13, 5, tzinfo=UTC)  # 14:05 in Amsterdam (CET)
HEADER = ["Kolomkop leerling", "Kolomkop groep", "Kolomkop status"]


def _info(**changes: object) -> DocumentInfo:
    values: dict[str, object] = {"generated_at": WINTER, "subtitle": "Schooljaar 2026-2027"} | changes
    return DocumentInfo("Overzicht toestemming", SCHOOL, **values)  # type: ignore[arg-type]


def _long_document(rows: int = 95) -> bytes:
    data = [HEADER] + [[f"Leerling {i} Çağlar Nguyễn", f"Groep {1 + i % 8}", "Ja"] for i in range(rows)]
    return build_pdf(_info(), [Paragraph("Alle leerlingen van de school.", styles()["body"]), table(data)])


def test_long_table_has_three_numbered_pages_with_header_and_footer() -> None:
    texts = page_texts(_long_document())
    assert len(texts) == 3
    for number, text in enumerate(texts, start=1):
        assert f"pagina {number} van 3" in text
        assert SCHOOL in text
        assert "Overzicht toestemming" in text
        assert "Vertrouwelijk" in text
        assert "Gemaakt op 28-11-2026 om 14:05 met IBP Desktop" in text


def test_table_header_repeats_on_every_page() -> None:
    texts = page_texts(_long_document())
    for text in texts:
        for label in HEADER:
            assert text.count(label) == 1, text[:400]
    assert "Leerling 0 " in texts[0] and "Leerling 0 " not in texts[1]
    assert "Leerling 94 " in texts[2]


def test_only_embedded_dejavu_fonts() -> None:
    pdf = build_pdf(
        _info(),
        [
            Paragraph(
                "Gewoon, <b>vet</b>, <i>schuin</i> en <b><i>allebei</i></b>: ş ğ ı ł ễ", styles()["body"]
            ),
            Paragraph("MONO-1234", styles()["mono"]),
            table([["Kop", "Tweede kop"], ["a", "b"]]),
            table([["zonder kop", "x"]], header=False),
        ],
    )
    assert_only_embedded_dejavu(pdf)
    assert "ş ğ ı ł ễ" in page_texts(pdf)[0]


def test_title_block_metadata_and_diacritics() -> None:
    pdf = build_pdf(_info(), [Paragraph("Tekst", styles()["body"])])
    text = page_texts(pdf)[0]
    assert "Schooljaar 2026-2027" in text
    assert "pagina 1 van 1" in text
    metadata = read(pdf).metadata
    assert metadata is not None
    assert metadata.title == "Overzicht toestemming"
    assert metadata.author == "IBP Desktop"


def test_table_cells_are_escaped_plain_text() -> None:
    pdf = build_pdf(_info(), [table([["Naam", "Opmerking"], ["<b>Piet</b> & Co", "a < b"]])])
    text = page_texts(pdf)[0]
    assert "<b>Piet</b> & Co" in text
    assert "a < b" in text


def test_landscape_page() -> None:
    page = read(build_pdf(_info(landscape=True), [Paragraph("Breed", styles()["body"])])).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    portrait = read(build_pdf(_info(), [Paragraph("Hoog", styles()["body"])])).pages[0]
    assert float(portrait.mediabox.width) < float(portrait.mediabox.height)


def test_long_names_in_header_do_not_run_into_the_classification() -> None:
    info = DocumentInfo("Titel", "Obs " + "De Lange Naam " * 20, generated_at=WINTER)
    text = page_texts(build_pdf(info, [Paragraph("x", styles()["body"])]))[0]
    assert "…" in text
    assert "Vertrouwelijk" in text


def test_times_are_shown_in_amsterdam_time() -> None:
    assert (format_date(WINTER), format_time(WINTER)) == ("28-11-2026", "14:05")
    summer = datetime(2026, 6, 30, 22, 30, tzinfo=UTC)  # CEST, already the next day
    assert (format_date(summer), format_time(summer)) == ("01-07-2026", "00:30")
    assert format_time(datetime(2026, 1, 1, 9, 0, tzinfo=timezone(timedelta(hours=-5)))) == "15:00"


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError):
        DocumentInfo("Titel", SCHOOL, generated_at=datetime(2026, 11, 28, 14, 5))


def test_reports_do_not_import_qt() -> None:
    code = (
        "import sys, ibp_desktop.reports.template, ibp_desktop.reports.recovery_key;"
        "sys.exit(any(m.split('.')[0] in ('PySide6', 'shiboken6') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
