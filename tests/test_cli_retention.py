"""Retention from the command line on the demo school: due list, four eyes, execution, certificate."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ibp_desktop.cli import main
from tests.reports.pdf_helpers import page_texts

Options = Callable[[str], list[str]]
PASSWORDS = {"administratie": "Regenboog-administratie", "directeur": "Regenboog-directeur"}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("retention-cli") / "demo"
    assert main(["demo", "--no-gui", "--data-dir", str(target)]) == 0
    return target


@pytest.fixture
def as_user(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Options:
    monkeypatch.delenv("IBP_DESKTOP_DATABASE_URL", raising=False)

    def options(user: str) -> list[str]:
        monkeypatch.setenv("IBP_DESKTOP_PASSWORD", PASSWORDS[user])
        return ["--data-dir", str(demo_dir), "--user", user, "--brin", "99ZZ"]

    return options


def _text(pdf: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(page_texts(pdf.read_bytes())))


def test_the_whole_flow(as_user: Options, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["retention", "due", *as_user("administratie")]) == 0
    listed = capsys.readouterr().out
    run = re.search(r"In opruimronde (\d{4}-\d{2})", listed)
    assert run is not None, "the demo has a proposed run"
    number = run.group(1)
    assert "Vernietiging gestopt" in listed  # the demo's held pupil and camera footage

    due_pdf = tmp_path / "vervalt.pdf"
    assert (
        main(["export", "retention-due", *as_user("directeur"), "--until", "31-12-2099", "-o", str(due_pdf)])
        == 0
    )
    # The internal due list names the pupil and the group (to find the paper dossier), and the number.
    due_text = _text(due_pdf)
    assert "Bewaartermijnen: wat vervalt" in due_text and ", groep " in due_text
    assert re.search(r"\b1\d{5}\b", due_text)  # the pupil numbers (Leerlingnr.)

    # Four eyes: the administration cannot approve; the director can.
    assert main(["retention", "approve", number, *as_user("administratie")]) == 1
    assert "geen rechten" in capsys.readouterr().err
    assert main(["retention", "execute", number, *as_user("administratie")]) == 2
    assert "wacht op goedkeuring" in capsys.readouterr().err
    assert main(["retention", "approve", number, *as_user("directeur")]) == 0
    assert main(["retention", "execute", number, *as_user("administratie")]) == 0
    assert "nog" in capsys.readouterr().out  # external lines still to record
    today = date.today().strftime("%d-%m-%Y")
    record = ["retention", "record", number, "--by", "Shredderbedrijf Veilig BV", "--on", today]
    method = ["--method", "vernietigd door shredderbedrijf", "--certificate", "VB-4471"]
    assert main([*record, *method, *as_user("administratie")]) == 0
    assert f"Opruimronde {number}: Uitgevoerd." in capsys.readouterr().out

    certificate = tmp_path / "verklaring.pdf"
    assert (
        main(["export", "destruction-certificate", number, *as_user("directeur"), "-o", str(certificate)])
        == 0
    )
    text = _text(certificate)
    assert f"Opruimronde {number}" in text and "Joost van den Heuvel" in text and "VB-4471" in text
    assert "Fatima El Amrani" in text and "Uitzonderingen (niet vernietigd)" in text and "CONCEPT" not in text


def test_mistakes_exit_2_in_dutch(
    as_user: Options, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    assert main(["export", "destruction-certificate", "1999-01", *as_user("directeur"), "-o", str(out)]) == 2
    assert "geen opruimronde met nummer 1999-01" in capsys.readouterr().err and not out.exists()
    assert main(["retention", "due", *as_user("directeur"), "--until", "31-02-2026"]) == 2
    assert "geen datum" in capsys.readouterr().err
    assert main(["export", "retention-due", *as_user("directeur"), "-o", str(tmp_path / "x.txt")]) == 2
    args = [
        "retention",
        "register-item",
        "--category",
        "onbekend",
        "--description",
        "x",
        "--date",
        "01-01-2026",
    ]
    assert main([*args, *as_user("administratie")]) == 2
    assert "staat niet in de bewaartermijnen" in capsys.readouterr().err


def test_register_item_with_a_term_of_its_own(as_user: Options, capsys: pytest.CaptureFixture[str]) -> None:
    """NVP Sollicitatiecode: one year with the applicant's agreement; the reason is required."""
    item = ["--category", "sollicitaties", "--description", "Brief sollicitant 3", "--date", "01-03-2026"]
    user = as_user("administratie")
    base = ["retention", "register-item", *item, "--term", "1 jaar", *user]
    assert main(base) == 2
    assert "Schrijf op waarom" in capsys.readouterr().err
    assert main([*base, "--term-reason", "Sollicitant stemde in met een jaar."]) == 0
    assert "eigen termijn 1 jaar); vervalt op 01-03-2027" in capsys.readouterr().out
    assert main(["retention", "register-item", *item, "--term", "een eeuw", *user]) == 2
    assert "--term" in capsys.readouterr().err
