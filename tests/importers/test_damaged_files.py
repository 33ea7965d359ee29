"""Random and damaged input never crashes the importer: it reads, or it refuses with ImportRejected."""

from __future__ import annotations

import io
import tempfile
import zipfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ibp_desktop.importers.mapping import guess_mapping
from ibp_desktop.importers.problems import ImportRejected
from ibp_desktop.importers.pupil_diff import diff_pupils
from ibp_desktop.importers.pupils import PUPIL_FIELDS, read_pupils
from ibp_desktop.importers.tabular import table_from_bytes
from tests.importers import damage
from tests.importers.files import write_esis, write_magister, write_parnassys

TODAY = date(2026, 9, 1)


def _import(data: bytes, name: str) -> None:
    """The whole importer path up to the diff; only ImportRejected may come out."""
    try:
        table = table_from_bytes(data, name)
        records = read_pupils(table, guess_mapping(table.headers, PUPIL_FIELDS), TODAY)
    except ImportRejected as rejected:
        assert rejected.problems and "Er is niets geïmporteerd" in str(rejected)
        return
    diff_pupils(records, [])


def good_files() -> dict[str, bytes]:
    """The three realistic exports as bytes."""
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        writers = {"p.csv": write_parnassys, "e.csv": write_esis, "m.xlsx": write_magister}
        return {name: writer(tmp / name).read_bytes() for name, writer in writers.items()}


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=2000), name=st.sampled_from(["x.csv", "x.xlsx", "x.txt", "x.xls"]))
def test_random_bytes(data: bytes, name: str) -> None:
    _import(data, name)


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list(";,\t\"'\n\r=-/ 0123456789abÿéşŁ")), max_size=400))
def test_random_csv_like_text(text: str) -> None:
    _import(("Leerlingnummer;Naam;Geboortedatum;Groep\n" + text).encode("utf-8"), "x.csv")


@settings(max_examples=200, deadline=None)
@given(
    which=st.sampled_from(["p.csv", "e.csv", "m.xlsx"]),
    cuts=damage.cuts(at_most=10_000, length=40, replacement=8, count=4),
)
def test_damaged_good_files(which: str, cuts: list[damage.Cut]) -> None:
    _import(damage.damaged(_GOOD[which], cuts), which)


def test_damaged_xlsx_inside_a_valid_zip() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<kapot")
        archive.writestr("xl/workbook.xml", "<?xml version='1.0'?><nietsnut/>")
    _import(buffer.getvalue(), "m.xlsx")


_GOOD = good_files()


def test_an_unclosed_quote_is_explained_in_dutch() -> None:
    """Issue 16: the message carried Python's "field larger than field limit (131072)"."""
    import pytest

    body = 'Leerlingnummer;Roepnaam;Achternaam\n1001;"Sem;de Lange\n' + "x" * 140_000 + "\n"
    with pytest.raises(ImportRejected) as caught:
        table_from_bytes(body.encode("utf-8"), "leerlingen.csv")
    message = str(caught.value)
    assert "leerlingen.csv" in message and "aanhalingsteken" in message and "regel" in message
    assert "field" not in message and "limit" not in message
