"""The register exports as an administrator runs them: request register and processor register."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from ibp_desktop.cli import main
from ibp_desktop.core.processors import ModelVersion
from ibp_desktop.core.register_records import AgreementInput, RequestInput, SupplierInput
from ibp_desktop.core.requests import Relation, Right
from tests.conftest import TEST_PASSWORD


@pytest.fixture
def school(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.database.connection import Location, open_location
    from ibp_desktop.services.processors.register import ProcessorService
    from ibp_desktop.services.requests.register import RequestService

    monkeypatch.setenv("IBP_DESKTOP_DATA_DIR", str(tmp_path / "school"))
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    monkeypatch.delenv("IBP_DESKTOP_DATABASE_URL", raising=False)
    assert main(["init", "--school", "OBS De Wilgen", "--brin", "12AB", "--user", "beheer"]) == 0
    capsys.readouterr()
    database = open_location(Location(data_dir=tmp_path / "school"))
    try:
        actor = login(database, "beheer", TEST_PASSWORD)
        school_id = next(iter(actor.school_ids))
        requests = RequestService(database, actor)
        for received, name in ((date(2026, 1, 31), "Łucja Wiśniewska"), (date(2025, 6, 2), "Piet de Vries")):
            requests.add(
                school_id,
                RequestInput(received, name, Relation.GUARDIAN, Right.ACCESS, "Legitimatiebewijs"),
                date(2026, 3, 10),
            )
        processors = ProcessorService(database, actor)
        supplier = processors.add_supplier(SupplierInput("Snappet", True))
        processors.add_product(supplier.id, "Snappet", frozenset({school_id}))
        processors.save_agreement(supplier.id, AgreementInput(ModelVersion.V4, date(2025, 8, 1)))
    finally:
        database.dispose()
    return tmp_path


def _text(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


def test_export_both_registers_and_refuse_bad_input(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf, csv = school / "verzoeken.pdf", school / "verzoeken.csv"
    period = ["--from", "01-01-2026", "--to", "2026-12-31", "--brin", "12ab", "--user", "beheer"]
    assert main(["export", "request-register", *period, "-o", str(pdf)]) == 0
    assert "opgeslagen als" in capsys.readouterr().out
    text = _text(pdf)
    assert "Łucja Wiśniewska" in text and "Piet de Vries" not in text  # outside the period
    assert main(["export", "request-register", "--user", "beheer", "-o", str(csv)]) == 0
    lines = csv.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Nummer;") and len(lines) == 3

    processors = school / "verwerkers.pdf"
    assert main(["export", "processor-register", "--user", "beheer", "-o", str(processors)]) == 0
    assert "Snappet" in _text(processors) and "Model 4.0" in _text(processors)
    assert main(["export", "processor-register", "--brin", "12AB", "--user", "beheer", "-o", str(csv)]) == 0
    assert csv.read_bytes().startswith(b"\xef\xbb\xbfLeverancier;")

    # Bad input: exit 2, a Dutch message, no file.
    out = school / "x.docx"
    assert main(["export", "processor-register", "--user", "beheer", "-o", str(out)]) == 2
    assert ".pdf of .csv" in capsys.readouterr().err
    bad = [
        "export",
        "request-register",
        "--from",
        "31-02-2026",
        "--user",
        "beheer",
        "-o",
        str(school / "x.pdf"),
    ]
    assert main(bad) == 2
    assert "geen datum" in capsys.readouterr().err
    reversed_period = ["--from", "01-03-2026", "--to", "01-01-2026"]
    assert (
        main(
            ["export", "request-register", *reversed_period, "--user", "beheer", "-o", str(out)[:-5] + ".pdf"]
        )
        == 2
    )
    assert "Draai ze om" in capsys.readouterr().err and not (school / "x.pdf").exists()
