"""Staff awareness on the command line, as an administrator runs it: import-staff (dry run first), the
acknowledgement list with a signature column, the page for new staff, the awareness register."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ibp_desktop.cli import main
from tests.conftest import TEST_PASSWORD, SchoolDb
from tests.importers.staff_files import write_afas_xlsx
from tests.reports.pdf_helpers import assert_only_embedded_dejavu, page_texts
from tests.services.staff_helpers import new_code_version

ARGS = ["--brin", "12AB", "--user", "beheer"]


@pytest.fixture
def school(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setenv("IBP_DESKTOP_DATA_DIR", str(tmp_path / "school"))
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    monkeypatch.delenv("IBP_DESKTOP_DATABASE_URL", raising=False)
    assert main(["init", "--school", "OBS De Wilgen", "--brin", "12AB", "--user", "beheer"]) == 0
    capsys.readouterr()
    return tmp_path


def _school_db(tmp_path: Path) -> SchoolDb:
    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.database.connection import Location, open_location

    location = Location(data_dir=tmp_path / "school")
    database = open_location(location)
    actor = login(database, "beheer", TEST_PASSWORD)
    return SchoolDb(location, database, actor, next(iter(actor.school_ids)))


def test_import_staff_then_print_the_lists(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = write_afas_xlsx(school / "medewerkers.xlsx")
    assert main(["import-staff", str(export), *ARGS, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "4 medewerkers gevonden" in out and "Niet gebruikt: 'Afdeling'" in out
    assert "Rij 1 (boven de kopregel)" in out and "Proefdraai" in out
    assert main(["import-staff", str(export), *ARGS]) == 0
    assert "4 medewerkers toegevoegd en 0 bijgewerkt" in capsys.readouterr().out

    db = _school_db(school)
    try:
        new_code_version(db, date(2026, 6, 1))
    finally:
        db.database.dispose()
    assert (
        main(["record-acknowledgement", *ARGS, "--on", "03-09-2026", "--how", "paper", "--staff", "587"]) == 0
    )
    assert "1 medewerkers hebben de gedragsregels getekend op 03-09-2026" in capsys.readouterr().out
    session = ["--on", "22-09-2026", "--topic", "passwords_mfa", "--led-by", "ict", "--staff", "000412"]
    assert main(["record-session", *ARGS, *session]) == 0
    assert "Sessie 'Wachtwoorden en MFA' op 22-09-2026 vastgelegd met 1 aanwezigen" in capsys.readouterr().out
    assert main(["record-session", *ARGS, *session[:-1], "999999"]) == 2
    assert "Onbekend personeelsnummer: 999999" in capsys.readouterr().err

    target = school / "aftekenlijst.pdf"
    assert main(["export", "acknowledgement-list", *ARGS, "-o", str(target)]) == 0
    text = " ".join(" ".join(page_texts(target.read_bytes())).split())
    assert "Aftekenlijst gedragsregels" in text and "Handtekening" in text and "versie 1" in text
    for name in ("Şükrü Yılmaz", "Łucja Wiśniewska", "Anne-Fleur van der Berg-de Vries"):
        assert name in text
    assert "03-09-2026 (op papier" in text
    assert_only_embedded_dejavu(target.read_bytes())

    page = school / "wat-moet-ik-weten.pdf"
    assert main(["export", "must-know", *ARGS, "-o", str(page)]) == 0
    texts = page_texts(page.read_bytes())
    assert len(texts) == 1 and "Gedragscode ICT en internet" in texts[0] and "72 uur" in texts[0]

    csv_file = school / "bewustwording.csv"
    span = ["--from", "01-08-2026", "--to", "31-07-2027"]
    assert main(["export", "awareness-register", *ARGS, *span, "-o", str(csv_file)]) == 0
    lines = csv_file.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Datum;Onderwerp;Geleid door")
    assert lines[1] == "22-09-2026;Wachtwoorden en MFA;ICT'er;1;Şükrü Yılmaz;"
    pdf_file = school / "bewustwording.pdf"
    assert main(["export", "awareness-register", *ARGS, *span, "-o", str(pdf_file)]) == 0
    text = " ".join(" ".join(page_texts(pdf_file.read_bytes())).split())
    assert "Register bewustwording" in text and "Sessies: Wachtwoorden en MFA 1" in text
    assert main(["export", "awareness-register", *ARGS, "-o", str(school / "x.docx")]) == 2


def test_a_broken_staff_export_writes_nothing(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = school / "personeel.csv"
    bad.write_bytes(
        "Personeelsnummer;Achternaam;Roepnaam;Datum in dienst\r\n1;Jansen;Piet;31-2-2020\r\n".encode("cp1252")
    )
    assert main(["import-staff", str(bad), *ARGS]) == 2
    err = capsys.readouterr().err
    assert "personeel.csv" in err and "31-2-2020" in err and "Rij 2" in err
