"""`ibp-desktop import-pupils`, driven as the administration would: dry run, import, errors, mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from ibp_desktop.cli import main
from tests.conftest import TEST_PASSWORD
from tests.importers.files import ESIS_ROWS, write_esis, write_magister, write_parnassys


@pytest.fixture
def school(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setenv("IBP_DESKTOP_DATA_DIR", str(tmp_path / "school"))
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    monkeypatch.delenv("IBP_DESKTOP_DATABASE_URL", raising=False)
    assert main(["init", "--school", "OBS De Wilgen", "--brin", "12AB", "--user", "beheer"]) == 0
    capsys.readouterr()
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["import-pupils", *args, "--brin", "12ab", "--user", "beheer"])
    out, err = capsys.readouterr()
    return code, out, err


def test_dry_run_then_import_then_nothing_to_do(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_parnassys(school / "leerlingen.csv")
    code, out, _err = _run(capsys, str(path), "--dry-run")
    assert code == 0
    assert "Bestand: leerlingen.csv (CSV, puntkomma, Windows-1252), 6 rijen" in out
    assert "Nieuw: 6   Gewijzigd: 0" in out
    assert "  + 1001 Anne-Fleur van der Berg-de Vries (03-05-2018), groep 1/2a" in out
    assert "er is niets opgeslagen" in out

    code, out, _err = _run(capsys, str(path))
    assert code == 0 and "Geïmporteerd: 6 nieuw" in out and "Nieuwe groepen: 1/2a, 3, 4, 5a, 6, 8B." in out
    code, out, _err = _run(capsys, str(path))
    assert code == 0 and "Ongewijzigd: 6" in out and "Er was niets te wijzigen" in out


def test_changes_and_deregistering_the_missing(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, str(write_esis(school / "juni.csv")))[0] == 0
    rows = [ESIS_ROWS[0], ("2001", "Yılmaz, Şükrü", "2016-04-12", "6"), *ESIS_ROWS[2:5]]
    september = write_esis(school / "september.csv", rows)
    code, out, _err = _run(capsys, str(september), "--dry-run")
    assert "  ~ 2001 Şükrü Yılmaz (12-04-2016): Groep: 5 → 6" in out
    assert "blijven ingeschreven; gebruik --deregister-missing DATUM" in out
    assert "  - 2005 Fatima-Zahra El Amrani (15-08-2013), groep 8" in out
    code, out, _err = _run(capsys, str(september), "--deregister-missing", "17-07-2026")
    assert code == 0 and "worden uitgeschreven per 17-07-2026" in out and "1 uitgeschreven" in out


def test_bad_file_exits_2_with_every_problem(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [
        ESIS_ROWS[0],
        ("1", "Yılmaz, Şükrü", "31-02-2016", "5"),
        ("1", "Wiśniewska, Łucja", "morgen", "6"),
    ]
    code, out, err = _run(capsys, str(write_esis(school / "fout.csv", rows)))
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "Het bestand fout.csv heeft 3 problemen:",
        "- Rij 2, kolom 'Geb. datum': 31-02-2016 bestaat niet.",
        "- Rij 3, kolom 'Geb. datum': 'morgen' is geen datum. Schrijf de datum als dd-mm-jjjj, "
        "bijvoorbeeld 28-11-2016.",
        "- Rij 3, kolom 'Leerling nr': Leerlingnummer 1 staat ook op rij 2. "
        "Elk leerlingnummer mag maar één keer voorkomen.",
        "Er is niets geïmporteerd. Pas het bestand aan en probeer het opnieuw.",
    ]
    code, _out, err = _run(capsys, str(school / "bestaat-niet.csv"))
    assert code == 2 and "kan niet worden gelezen" in err
    code, _out, err = _run(capsys, str(write_esis(school / "e.csv")), "--deregister-missing", "31-06-2026")
    assert code == 2 and "31-06-2026 bestaat niet" in err


def test_map_corrects_a_column(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_magister(school / "magister.xlsx")
    code, out, _err = _run(capsys, str(path), "--dry-run", "--map", "datum uitschrijving=")
    assert code == 0 and "Nieuw: 5" in out and "Datum uitschrijving = " not in out
    code, _out, err = _run(capsys, str(path), "--map", "schoenmaat=Klas")
    assert code == 2 and "Onbekend veld 'schoenmaat'" in err


def test_report_layout_lists_unused_columns_skipped_rows_and_needs_confirm_changes(
    school: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.importers.layouts import ESIS_PUPILS, write_esis_xlsx, write_parnassys_report

    code, out, _err = _run(capsys, str(write_parnassys_report(school / "overzicht.xlsx")), "--dry-run")
    assert code == 0
    assert "Niet gebruikt: 'Geslacht' (niet nodig of niet herkend" in out
    assert "  Rij 12 (totaal-, tussen- of voetregel): Aantal leerlingen: 6" in out
    assert "  + 4103 Bảo Trần (30-05-2019), groep 3" in out

    assert _run(capsys, str(write_esis_xlsx(school / "esis.xlsx")))[0] == 0
    rows = [[*row[:8], None] for row in ESIS_PUPILS]  # Daan left on 31-07-2025; this list forgets it
    later = write_esis_xlsx(school / "later.xlsx", rows)
    code, out, _err = _run(capsys, str(later))
    assert code == 2
    assert "Let op: wijzigingen die u moet bevestigen (--confirm-changes):" in out
    assert "  ! 5002 Daan de Jong (03-03-2013): weer ingeschreven; Uitgeschreven: 31-07-2025 → (leeg)" in out
    assert "'PGN' (BSN/PGN: wordt nooit overgenomen)" in out
    code, out, _err = _run(capsys, str(later), "--confirm-changes")
    assert code == 0 and "1 weer ingeschreven" in out


def test_imported_layouts_in_the_pdfs(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import unicodedata

    from pypdf import PdfReader

    from tests.importers.layouts import write_esis_xlsx, write_parnassys_report

    assert _run(capsys, str(write_parnassys_report(school / "overzicht.xlsx")))[0] == 0
    assert _run(capsys, str(write_esis_xlsx(school / "esis.xlsx")))[0] == 0

    def text(pdf: Path) -> str:
        pages = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)
        return unicodedata.normalize("NFC", pages)

    user = ["--user", "beheer"]
    overview = school / "groep3.pdf"
    assert (
        main(["export", "consent-overview", "--brin", "12ab", *user, "--group", "3", "-o", str(overview)])
        == 0
    )
    names = text(overview)
    assert "Emma van der Berg" in names and "Hiba el Idrissi" in names and "Bảo Trần" in names
    access = school / "inzage.pdf"
    args = ["export", "access-request", "--brin", "12ab", *user, "--pupil", "5002", "-o", str(access)]
    assert main(args) == 0
    held = text(access)
    assert "Daan de Jong" in held and "Uitgeschreven op 31-07-2025" in held  # "Datum uit" was used
    assert "234567891" not in held  # the PGN (a BSN) was never imported


def test_the_mapping_is_remembered_for_the_next_file_of_the_same_layout(
    school: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = ("Code", "Voornaam", "Familie", "Geb", "Stamgroep")
    first = write_parnassys(school / "juni.csv", [header, ("7001", "Noë", "Janssen", "01-02-2017", "3")])
    code, out, _err = _run(capsys, str(first))
    assert code == 2  # "Familie" and "Geb" are nobody's usual captions
    code, out, _err = _run(capsys, str(first), "--map", "achternaam=Familie", "--map", "geboortedatum=Geb")
    assert code == 0 and "Geïmporteerd: 1 nieuw" in out
    rows = [
        header,
        ("7001", "Noë", "Janssen", "01-02-2017", "4"),
        ("7002", "René", "Dubois", "09-09-2016", "4"),
    ]
    september = write_parnassys(school / "september.csv", rows)
    code, out, _err = _run(capsys, str(september), "--dry-run")
    assert code == 0, out + _err
    assert "(Kolommen zoals bij de vorige import van dit bestand.)" in out
    assert "Achternaam = 'Familie'" in out and "Nieuw: 1   Gewijzigd: 1" in out
