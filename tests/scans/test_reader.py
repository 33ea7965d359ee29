"""The scan reader on "scans" made from the program's own forms (tests/scans/scan_maker.py)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ibp_desktop.core.consent.scan_layout import FormCode, decode
from ibp_desktop.core.errors import BadInputError
from ibp_desktop.importers.scan_pages import count_pages, iter_pages
from ibp_desktop.importers.scan_reader import Box, read_page
from tests.scans.scan_maker import (
    SURE,
    Fill,
    Look,
    blank_page,
    forms_pdf,
    random_fill,
    random_look,
    render,
    scan,
)

ALL_KINDS = Fill(("ja", "nee", None, "both", "crossed", "scribble"), relation=1, signed=True)


@pytest.fixture(scope="module")
def forms() -> object:
    return forms_pdf("04AB", list(range(101, 131)))


def test_code_round_trip_and_rejects_other_codes() -> None:
    code = FormCode("04AB", 12345, 3, 1, 44.5, 250.0, 242.5, (120.0, 130.5))
    assert decode(code.encode()) == code
    assert len(code.encode()) < 80  # stays a small code (QR version 3-4)
    assert decode("https://example.org") is None
    assert decode("IBP1 04AB x 3 1 89 505 489 256") is None


def test_every_printed_page_carries_its_code(forms) -> None:  # type: ignore[no-untyped-def]
    read = read_page(render(forms.pdf, 2, 150))
    assert read.code == forms.codes[2]
    assert read.code is not None and read.code.pupil_id == 103 and read.code.page == 1
    assert len(read.answers) == 6 and all(a.value is None and a.sure for a in read.answers)
    assert read.signed is False  # nothing written yet


@pytest.mark.parametrize(
    "look",
    [
        Look(dpi=150, angle=3.0),
        Look(dpi=300, angle=-3.0, upside_down=True),
        Look(dpi=200, grey=True, noise=9, jpeg=55),
        Look(dpi=150, angle=-1.5, upside_down=True, grey=True, jpeg=55),
    ],
    ids=["150dpi-3deg", "300dpi-upside-down", "grey-noisy-jpeg", "all-at-once"],
)
def test_each_kind_of_mark(forms, look: Look) -> None:  # type: ignore[no-untyped-def]
    read = read_page(scan(forms, 0, ALL_KINDS, look, random.Random(7)))
    assert read.code == forms.codes[0]
    assert read.upside_down is look.upside_down
    got = [(a.value, a.sure) for a in read.answers]
    assert got == [(True, True), (False, True), (None, True), (None, False), (None, False), (None, False)]
    assert read.answers[4].ja is Box.UNSURE  # blacked out
    assert read.relation == 1 and read.relation_sure
    assert read.signed is True
    assert not read.sure  # three purposes need a look


def test_missing_signature_is_seen(forms) -> None:  # type: ignore[no-untyped-def]
    fill = Fill(("ja",) * 6, relation=0, signed=False)
    read = read_page(scan(forms, 1, fill, Look(angle=2.0), random.Random(3)))
    assert read.signed is False
    assert [a.value for a in read.answers] == [True] * 6


def test_blank_page_and_page_without_code(forms) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(5)
    blank = read_page(blank_page(Look(grey=True), rng))
    assert blank.code is None and blank.blank
    hidden = read_page(scan(forms, 3, ALL_KINDS, Look(hide_code=True), rng))
    assert hidden.code is None and not hidden.blank


def test_page_of_another_school_says_so() -> None:
    other = forms_pdf("99ZZ", [7])
    read = read_page(scan(other, 0, ALL_KINDS, Look(), random.Random(1)))
    assert read.code is not None and read.code.brin == "99ZZ"


def test_many_varied_pages_none_wrong_among_sure(forms) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(2026)
    wrong, unsure_plain, boxes = [], 0, 0
    for index in range(30):
        fill = random_fill(rng, 6)
        look = random_look(rng)
        read = read_page(scan(forms, index, fill, look, rng))
        assert read.code == forms.codes[index], look
        for mark, answer in zip(fill.marks, read.answers, strict=True):
            boxes += 2
            if mark in SURE:
                if not answer.sure:
                    unsure_plain += 2
                elif answer.value != SURE[mark]:
                    wrong.append((index, mark, answer, look))
            else:
                assert not answer.sure, (index, mark, answer, look)
        assert read.signed is fill.signed, (index, look, read.signature_ink)
    assert wrong == []
    assert unsure_plain / boxes < 0.02


def test_loads_pdf_tiff_and_folder(tmp_path: Path, forms) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(9)
    # as fresh images: a copier's PDF wraps plain page pictures
    pages = [Image.fromarray(np.asarray(scan(forms, i, ALL_KINDS, Look(dpi=150), rng))) for i in range(3)]
    pages[0].save(tmp_path / "a.pdf", save_all=True, append_images=pages[1:], resolution=150)
    pages[0].copy().save(tmp_path / "b.tiff", save_all=True, append_images=[pages[1].copy()])
    pages[2].save(tmp_path / "c.png")
    (tmp_path / "notes.txt").write_text("geen scan")
    assert count_pages(tmp_path) == 6
    read = [(p.source, p.number, read_page(p.image).code) for p in iter_pages(tmp_path, dpi=150)]
    assert [(s, n) for s, n, _ in read] == [
        ("a.pdf", 1),
        ("a.pdf", 2),
        ("a.pdf", 3),
        ("b.tiff", 1),
        ("b.tiff", 2),
        ("c.png", 1),
    ]
    assert [c.pupil_id if c else None for _, _, c in read] == [101, 102, 103, 101, 102, 103]


def test_unreadable_files_are_named(tmp_path: Path) -> None:
    (tmp_path / "kapot.pdf").write_bytes(b"not a pdf")
    with pytest.raises(BadInputError, match=r"kapot\.pdf"):
        list(iter_pages(tmp_path / "kapot.pdf"))
    with pytest.raises(BadInputError, match=r"notities\.txt"):
        list(iter_pages(tmp_path / "notities.txt"))
