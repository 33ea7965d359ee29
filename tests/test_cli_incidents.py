"""The incident commands as an administrator runs them: import a register, export report and register."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from ibp_desktop.cli import main
from tests.conftest import TEST_PASSWORD

REGISTER = (
    "Nummer;Titel;Ontdekt op;Meldplichtig;Gemeld bij de AP op;Meldnummer AP\n"
    "2026-003;Nieuwsbrief met CC;02-03-2026 10:00;ja;03-03-2026 09:00;M-77\n"
    "2026-004;Klassenlijst bij de printer;15-03-2026;nee;;\n"
)


@pytest.fixture
def school(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setenv("IBP_DESKTOP_DATA_DIR", str(tmp_path / "school"))
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    monkeypatch.delenv("IBP_DESKTOP_DATABASE_URL", raising=False)
    assert main(["init", "--school", "OBS De Wilgen", "--brin", "12AB", "--user", "beheer"]) == 0
    capsys.readouterr()
    return tmp_path


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_import_then_export(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register = school / "oud-register.csv"
    register.write_text(REGISTER, encoding="utf-8")
    args = ["import-incidents", str(register), "--brin", "12ab", "--user", "beheer"]
    assert main([*args, "--dry-run"]) == 0
    assert "Proefdraai" in capsys.readouterr().out
    assert main(args) == 0
    assert "2 incidenten geïmporteerd" in capsys.readouterr().out

    report = school / "incident.pdf"
    assert main(["export", "incident-report", "2026-003", "-o", str(report), "--user", "beheer"]) == 0
    text = _text(report)
    assert "Incident 2026-003" in text and "M-77" in text and "0. Over de melding" in text

    pdf, csv = school / "register.pdf", school / "register.csv"
    period = ["--from", "01-01-2026", "--to", "2026-12-31", "--brin", "12AB", "--user", "beheer"]
    assert main(["export", "incident-register", *period, "-o", str(pdf)]) == 0
    assert "2026-004" in _text(pdf) and "Binnen 72 uur" in _text(pdf)
    assert main(["export", "incident-register", *period, "-o", str(csv)]) == 0
    assert csv.read_bytes().startswith(b"\xef\xbb\xbfNummer;")


def test_bad_input_exits_2_and_writes_nothing(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register = school / "kapot.csv"
    register.write_text(REGISTER.replace("15-03-2026", "31-02-2026"), encoding="utf-8")
    assert main(["import-incidents", str(register), "--brin", "12AB", "--user", "beheer"]) == 2
    assert "Rij 3" in capsys.readouterr().err
    out = school / "x.pdf"
    assert main(["export", "incident-report", "2026-003", "-o", str(out), "--user", "beheer"]) == 2
    assert "geen incident met nummer 2026-003" in capsys.readouterr().err and not out.exists()
    bad_date = ["export", "incident-register", "--from", "1-13-2026", "--to", "31-12-2026", "-o", str(out)]
    assert main([*bad_date, "--user", "beheer"]) == 2
    assert "geen datum" in capsys.readouterr().err
