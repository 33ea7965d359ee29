"""The report commands as an administrator runs them: annual report, adoption by the board, re-print,
FG report, access request; bad input gets exit 2 and a Dutch message."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from ibp_desktop.cli import main
from ibp_desktop.core.roles import Role
from tests.conftest import TEST_PASSWORD


@pytest.fixture
def school(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    from ibp_desktop.core.register_records import RequestInput
    from ibp_desktop.core.requests import Relation, Right
    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.accounts.users import create_user_row
    from ibp_desktop.services.database.connection import Location, open_location
    from ibp_desktop.services.requests.register import RequestService
    from ibp_desktop.store.models import Pupil

    monkeypatch.setenv("IBP_DESKTOP_DATA_DIR", str(tmp_path / "school"))
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    monkeypatch.delenv("IBP_DESKTOP_DATABASE_URL", raising=False)
    assert main(["init", "--school", "OBS De Wilgen", "--brin", "12AB", "--user", "beheer"]) == 0
    capsys.readouterr()
    database = open_location(Location(data_dir=tmp_path / "school"))
    try:
        actor = login(database, "beheer", TEST_PASSWORD)
        school_id = next(iter(actor.school_ids))
        with database.transaction() as session:
            pupil = Pupil(
                school_id=school_id,
                pupil_number="4711",
                first_name="Şükrü",
                last_name="Yılmaz",
                date_of_birth=date(2016, 3, 1),
            )
            session.add(pupil)
            for name, role in (("bestuur", Role.BOARD), ("admin", Role.ADMINISTRATION)):
                create_user_row(
                    session, name, f"{role.value} tester", TEST_PASSWORD, frozenset({role}),
                    frozenset({school_id}), must_change_password=False,
                )  # fmt: skip
            session.flush()
            pupil_id = pupil.id
        RequestService(database, actor).add(
            school_id,
            RequestInput(
                date(2025, 10, 1),
                "Ayşe Yılmaz",
                Relation.GUARDIAN,
                Right.ACCESS,
                "ID",
                authority_checked=True,
                pupil_id=pupil_id,
            ),
            date(2026, 3, 1),
        )
    finally:
        database.dispose()
    return tmp_path


def _text(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


def test_annual_report_adoption_and_reprint(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    concept = school / "jaarverslag.pdf"
    assert main(["export", "annual-report", "--year", "2025", "-o", str(concept), "--user", "beheer"]) == 0
    text = _text(concept)
    assert "Jaarverslag IBP schooljaar 2025-2026" in text and "Verzoeken van betrokkenen 1" in text
    assert "Yılmaz" not in text
    capsys.readouterr()

    assert main(["reports", "adopt", "--year", "2025", "--brin", "12AB", "--user", "admin"]) == 1
    assert "het jaarverslag vaststellen" in capsys.readouterr().err
    assert (
        main(["reports", "adopt", "--year", "2025", "--calendar", "--brin", "12AB", "--user", "bestuur"]) == 0
    )
    out = capsys.readouterr().out
    assert "kalenderjaar 2025" in out and "nummer 1" in out
    checksum = out.rsplit("SHA-256): ", 1)[1].strip()
    assert main(["reports", "adopted", "--user", "beheer"]) == 0
    assert checksum in capsys.readouterr().out
    again = school / "opnieuw.pdf"
    assert main(["export", "adopted-report", "1", "-o", str(again), "--user", "beheer"]) == 0
    assert hashlib.sha256(again.read_bytes()).hexdigest() == checksum

    assert main(["export", "adopted-report", "7", "-o", str(again), "--user", "beheer"]) == 2
    assert "geen vastgesteld jaarverslag met nummer 7" in capsys.readouterr().err
    assert main(["export", "annual-report", "--year", "25", "-o", str(concept), "--user", "beheer"]) == 2
    assert "geen jaartal" in capsys.readouterr().err
    assert (
        main(["export", "annual-report", "--year", "2025", "-o", str(school / "x.docx"), "--user", "beheer"])
        == 2
    )


def test_fg_report_and_access_request(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fg = school / "fg.pdf"
    period = ["--from", "01-08-2025", "--to", "31-07-2026"]
    assert main(["export", "fg-report", *period, "--brin", "12ab", "-o", str(fg), "--user", "beheer"]) == 0
    assert "FG-rapportage" in _text(fg) and "2025-001" in _text(fg)
    assert (
        main(["export", "fg-report", "--from", "31-02-2026", "--to", "x", "-o", str(fg), "--user", "beheer"])
        == 2
    )
    assert "geen datum" in capsys.readouterr().err

    access = school / "inzage.pdf"
    args = ["export", "access-request", "--brin", "12AB", "-o", str(access), "--user", "beheer"]
    assert main([*args, "--pupil", "4711"]) == 0
    text = _text(access)
    assert "Şükrü Yılmaz" in text and "Ayşe Yılmaz" in text
    assert main([*args, "--pupil", "9999"]) == 2
    assert "leerlingnummer 9999" in capsys.readouterr().err
    # Overdraagbaarheid (AVG art. 20): the same data as JSON or CSV.
    portable = school / "overdraagbaar.json"
    base = ["export", "access-request", "--brin", "12AB", "--pupil", "4711", "--user", "beheer"]
    assert main([*base, "-o", str(portable)]) == 0
    assert "overdraagbaarheid" in capsys.readouterr().out
    assert json.loads(portable.read_text(encoding="utf-8"))["leerling"]["Naam"] == "Şükrü Yılmaz"
    sheet = school / "overdraagbaar.csv"
    assert main([*base, "-o", str(sheet)]) == 0
    assert "Ayşe Yılmaz" in sheet.read_text(encoding="utf-8-sig")
