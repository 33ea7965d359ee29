"""The consent commands on the demo school: the four PDFs, and Dutch errors with exit code 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ibp_desktop.cli import main
from tests.reports.pdf_helpers import page_texts


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("consent-cli") / "demo"
    assert main(["demo", "--no-gui", "--data-dir", str(target)]) == 0
    return target


@pytest.fixture
def as_director(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", "Regenboog-directeur")
    monkeypatch.delenv("IBP_DESKTOP_DATABASE_URL", raising=False)
    return ["--data-dir", str(demo_dir), "--user", "directeur", "--brin", "99ZZ"]


def _text(pdf: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(page_texts(pdf.read_bytes())))


def test_export_the_consent_pdfs(
    as_director: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    overview = tmp_path / "overzicht.pdf"
    assert main(["export", "consent-overview", *as_director, "--group", "5", "-o", str(overview)]) == 0
    assert f"Opgeslagen als {overview}" in capsys.readouterr().out
    text = _text(overview)
    assert "Groep 5" in text and "Niet fotograferen of publiceren" in text and "Groep 6" not in text

    forms = tmp_path / "formulieren.pdf"
    assert main(["export", "consent-forms", *as_director, "--group", "1/2a", "-o", str(forms)]) == 0
    assert "Formulier voor" in _text(forms)

    missing = tmp_path / "herinneringen.pdf"
    assert main(["export", "consent-missing", *as_director, "-o", str(missing)]) == 0
    assert "nog niet terug" in _text(missing)

    history = tmp_path / "geschiedenis.pdf"
    number = re.search(r"Leerlingnr\. (\d+)", _text(forms))
    assert number is not None
    assert (
        main(["export", "consent-history", *as_director, "--pupil", number.group(1), "-o", str(history)]) == 0
    )
    assert "Alle beslissingen, in volgorde" in _text(history)


def test_bad_input_exits_2_in_dutch(
    as_director: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "x.pdf")
    assert main(["export", "consent-overview", *as_director, "--group", "9z", "-o", out]) == 2
    assert "Groep '9z' bestaat niet op deze school" in capsys.readouterr().err
    assert main(["export", "consent-history", *as_director, "--pupil", "000", "-o", out]) == 2
    assert "Er is geen leerling met leerlingnummer 000" in capsys.readouterr().err
    assert main(["export", "consent-overview", *as_director, "-o", str(tmp_path / "nope" / "x.pdf")]) == 2
    assert "bestaat niet" in capsys.readouterr().err
    assert not Path(out).exists()


def test_the_ict_account_may_not_print(demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", "Regenboog-ict")
    out = tmp_path / "x.pdf"
    args = [
        "export",
        "consent-overview",
        "--data-dir",
        str(demo_dir),
        "--user",
        "ict",
        "--brin",
        "99ZZ",
        "-o",
        str(out),
    ]
    assert main(args) != 0
    assert "geen" in capsys.readouterr().err and not out.exists()
