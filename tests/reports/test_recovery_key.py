from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest

from ibp_desktop.reports.recovery_key import RecoveryKeySheet, key_lines, render_recovery_key_pdf
from tests.reports.pdf_helpers import assert_only_embedded_dejavu, page_texts, read

GROUPS = ["K7Q2M", "X9PLA", "3RTZW", "HB4NC", "V8E6J", "Y2D5F", "QW7KS", "M3N9P", "T6GHR", "A1BCD", "E0FGZ"]
KEY = "-".join(GROUPS)


def _sheet(recovery_key: str = KEY) -> RecoveryKeySheet:
    return RecoveryKeySheet(
        school_name="Basisschool Şükrü & Łucja",
        brin="12AB",
        recovery_key=recovery_key,
        created_at=datetime(2026, 11, 28, 13, 5, tzinfo=UTC),
        created_by="Nguyễn Văn An",
        database_label="ibp-desktop.db op ADMIN-PC01",
    )


def test_sheet_is_one_page_with_everything_the_school_needs() -> None:
    texts = page_texts(render_recovery_key_pdf(_sheet()))
    assert len(texts) == 1
    text = texts[0]
    for expected in (
        "Herstelsleutel IBP Desktop",
        "Strikt vertrouwelijk",
        "Basisschool Şükrü & Łucja",
        "Nguyễn Văn An",
        "12AB",
        "ibp-desktop.db op ADMIN-PC01",
        "28-11-2026 om 14:05",
        "kluis",
        "e-mail",
        "Herstelsleutel invoeren",
        "Start IBP Desktop",
        "Opgeborgen door",
        "Datum",
        "Plaats (kluis)",
        "pagina 1 van 1",
    ):
        assert expected in text, expected
    for group in GROUPS:
        assert group in text
    assert KEY in re.sub(r"\s+", "", text)


def _key_runs(pdf: bytes) -> list[tuple[str, str, float]]:
    """(text, font, size) of every text run drawn in the mono font."""
    runs: list[tuple[str, str, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if font is not None and "Mono" in str(font.get("/BaseFont")) and text.strip():
            runs.append((text.strip(), str(font["/BaseFont"]), size * abs(tm[0]) * abs(cm[0])))

    read(pdf).pages[0].extract_text(visitor_text=visit)
    return runs


def test_key_is_large_mono_on_at_most_two_lines() -> None:
    runs = _key_runs(render_recovery_key_pdf(_sheet()))
    assert 1 <= len(runs) <= 2
    assert "".join(text for text, _, _ in runs) == KEY
    for _, font, size in runs:
        assert font.endswith("DejaVuSansMono-Bold")
        assert size >= 18


def test_very_long_key_still_fits_one_page_without_broken_groups() -> None:
    groups = [f"{n:02d}ABC" for n in range(16)]
    pdf = render_recovery_key_pdf(_sheet("-".join(groups)))
    assert len(read(pdf).pages) == 1
    runs = _key_runs(pdf)
    assert len(runs) == 2
    assert "".join(text for text, _, _ in runs) == "-".join(groups)
    for text, _, _ in runs:
        assert all(len(part) == 5 for part in text.strip("-").split("-"))


def test_only_embedded_dejavu_fonts_and_no_key_in_metadata() -> None:
    pdf = render_recovery_key_pdf(_sheet())
    assert_only_embedded_dejavu(pdf)
    metadata = read(pdf).metadata
    assert metadata is not None
    assert metadata.title == "Herstelsleutel IBP Desktop"
    assert metadata.author == "IBP Desktop"
    assert all(GROUPS[0] not in str(value) for value in metadata.values())


@pytest.mark.parametrize(
    "key",
    [KEY, "ABCDE", "ABCDE-FGHIJ", "AAAA-BBBBBBBBBBBB-CC-DDDDD-E", "-".join(["ABCDEFGH"] * 9)],
)
def test_key_lines_split_between_groups_only(key: str) -> None:
    lines = key_lines(key)
    assert 1 <= len(lines) <= 2
    assert "".join(lines) == key
    groups = set(key.split("-"))
    for line in lines:
        assert set(line.strip("-").split("-")) <= groups
    if len(lines) == 2:
        assert abs(len(lines[0]) - len(lines[1])) <= max(len(g) for g in groups) + 1
