"""`ibp-desktop export action-register`: the Plan van aanpak from the command line, like other registers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from ibp_desktop.cli import main
from ibp_desktop.core.actions import ActionSource, ActionStatus
from ibp_desktop.core.register_records import ActionInput
from ibp_desktop.core.roles import Role
from tests.conftest import TEST_PASSWORD


@pytest.fixture
def school(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.actions.register import ActionService
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
        service = ActionService(database, actor)
        service.add(ActionInput("Wachtwoordbeleid bespreken met Şükrü Yılmaz", Role.SECURITY_OFFICER,
                                ActionSource.INCIDENT, school_id, date(2030, 3, 1), "2026-003"))
        done = service.add(ActionInput("Kluis voor back-ups kopen", Role.DIRECTOR, ActionSource.AUDIT, None,
                                       date(2029, 1, 15)))
        service.set_status(done.id, done.version, ActionStatus.DONE)
    finally:
        database.dispose()
    return tmp_path


def test_export_the_action_register_as_pdf_and_csv(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf, csv = school / "plan.pdf", school / "plan.csv"
    assert main(["export", "action-register", "--brin", "12ab", "--user", "beheer", "-o", str(pdf)]) == 0
    assert "Plan van aanpak opgeslagen als" in capsys.readouterr().out
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "Plan van aanpak IBP" in text and "OBS De Wilgen" in text
    assert "Şükrü Yılmaz" in text and "Kluis voor back-ups kopen" in text
    assert "1 open, 1 afgerond" in text

    assert main(["export", "action-register", "--user", "beheer", "-o", str(csv)]) == 0
    lines = csv.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Actie;") and len(lines) == 3
    assert any(line.startswith("Wachtwoordbeleid bespreken met Şükrü Yılmaz;") for line in lines)
    assert any("01-03-2030" in line and "2026-003" in line for line in lines)


def test_bad_output_name_and_unknown_school_write_nothing(school: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = school / "plan.docx"
    assert main(["export", "action-register", "--user", "beheer", "-o", str(out)]) == 2
    assert ".pdf of .csv" in capsys.readouterr().err and not out.exists()
    pdf = school / "plan.pdf"
    assert main(["export", "action-register", "--brin", "99ZZ", "--user", "beheer", "-o", str(pdf)]) == 2
    assert "99ZZ" in capsys.readouterr().err and not pdf.exists()
