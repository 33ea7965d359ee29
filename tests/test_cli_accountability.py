"""The processing register, DPIA and complaint exports as an administrator runs them."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from ibp_desktop.cli import main
from ibp_desktop.core.accountability.complaints import ComplainantRole
from ibp_desktop.core.accountability.records import ComplaintInput, PrescanInput, RiskInput
from tests.conftest import TEST_PASSWORD


@pytest.fixture
def school(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    from ibp_desktop.services.accountability.complaints import ComplaintService
    from ibp_desktop.services.accountability.dpia import DpiaService
    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.database.connection import Location, open_location

    monkeypatch.setenv("IBP_DESKTOP_DATA_DIR", str(tmp_path / "school"))
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    monkeypatch.delenv("IBP_DESKTOP_DATABASE_URL", raising=False)
    assert main(["init", "--school", "OBS De Wilgen", "--brin", "12AB", "--user", "beheer"]) == 0
    capsys.readouterr()
    database = open_location(Location(data_dir=tmp_path / "school"))
    try:
        actor = login(database, "beheer", TEST_PASSWORD)
        school_id = next(iter(actor.school_ids))
        dpias = DpiaService(database, actor)
        row = dpias.start(
            school_id,
            PrescanInput(
                "Nieuwe ouderapp", criteria=frozenset({"kwetsbaar", "grootschalig"}), on=date(2026, 5, 4)
            ),
        )
        row = dpias.describe(row.id, row.version, "Ouderapp voor alle groepen.", "Vervangt papieren brieven.")
        dpias.add_risk(
            row.id, row.version, RiskInput("Berichten bij de verkeerde ouder", 2, 2, "Groepen controleren")
        )
        ComplaintService(database, actor).register_complaint(
            school_id,
            ComplaintInput(date(2026, 5, 1), ComplainantRole.PARENT, "Foto van Şükrü Yılmaz op website"),
            date(2026, 5, 4),
        )
    finally:
        database.dispose()
    return tmp_path


def _text(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


def test_export_the_new_registers(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    user = ["--brin", "12ab", "--user", "beheer"]
    target = school / "verwerkingsregister.pdf"
    assert main(["export", "processing-register", *user, "-o", str(target)]) == 0
    assert "Verwerkingsregister opgeslagen als" in capsys.readouterr().out
    assert "Leerlingvolgsysteem (LVS)" in _text(target) and "OBS De Wilgen" in _text(target)
    sheet = school / "verwerkingsregister.csv"
    assert main(["export", "processing-register", *user, "-o", str(sheet)]) == 0
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert len(rows) == 12 and rows[1][:2] == ["12AB", "Leerlingadministratie"]

    assert main(["export", "dpia", "dpia-2026-01", "--user", "beheer", "-o", str(school / "dpia.pdf")]) == 0
    text = _text(school / "dpia.pdf")
    assert "Nieuwe ouderapp" in text and "Berichten bij de verkeerde ouder" in text
    assert main(["export", "dpia-register", *user, "-o", str(school / "dpias.csv")]) == 0
    assert "DPIA-2026-01;Nieuwe ouderapp" in (school / "dpias.csv").read_text(encoding="utf-8-sig")
    assert main(["export", "complaint-register", *user, "-o", str(school / "klachten.pdf")]) == 0
    assert "Foto van Şükrü Yılmaz op website" in _text(school / "klachten.pdf")
    capsys.readouterr()

    assert main(["export", "dpia", "DPIA-2031-09", "--user", "beheer", "-o", str(school / "x.pdf")]) == 2
    assert "DPIA DPIA-2031-09 bestaat niet" in capsys.readouterr().err
    assert main(["export", "complaint-register", *user, "-o", str(school / "klachten.xlsx")]) == 2
    assert "eindigt op .pdf of .csv" in capsys.readouterr().err
    assert main(["export", "dpia", "DPIA-2026-01", "--user", "beheer", "-o", str(school / "x.csv")]) == 2
    assert not (school / "x.csv").exists() and not (school / "klachten.xlsx").exists()
