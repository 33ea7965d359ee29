"""`ibp-desktop import-consent`, driven as the administration would: pupils first, then the parent-app
export as a dry run, the import, the same file again, a corrected answer, and a file with errors."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ibp_desktop.cli import main
from ibp_desktop.services.consent.queries import today
from ibp_desktop.services.database.connection import Location, open_location
from ibp_desktop.store.consent_models import ConsentDecision
from ibp_desktop.store.models import AuditEntry
from tests.conftest import TEST_PASSWORD
from tests.importers.consent_files import PUPIL_ROWS, parro_rows, write_parro

ON = today() - timedelta(days=3)
DAY = ON.strftime("%d-%m-%Y")


@pytest.fixture
def school(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setenv("IBP_DESKTOP_DATA_DIR", str(tmp_path / "school"))
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    monkeypatch.delenv("IBP_DESKTOP_DATABASE_URL", raising=False)
    assert main(["init", "--school", "OBS De Wilgen", "--brin", "12AB", "--user", "beheer"]) == 0
    lines = ["Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep"]
    lines += [";".join((n, f, i, la, b.strftime("%d-%m-%Y"), g)) for n, f, i, la, b, g in PUPIL_ROWS]
    pupils = tmp_path / "leerlingen.csv"
    pupils.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    assert main(["import-pupils", str(pupils), "--brin", "12AB", "--user", "beheer"]) == 0
    capsys.readouterr()
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["import-consent", *args, "--brin", "12ab", "--user", "beheer"])
    out, err = capsys.readouterr()
    return code, out, err


def _counts(school: Path) -> tuple[int, int]:
    database = open_location(Location(data_dir=school / "school"))
    try:
        with database.transaction() as session:
            return (
                int(session.scalar(select(func.count(ConsentDecision.id))) or 0),
                # Every command logs in (an audit entry of its own): count the rest.
                int(
                    session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action != "login")) or 0
                ),
            )
    finally:
        database.dispose()


def test_dry_run_import_and_reimport(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_parro(school / "parro-export.csv", parro_rows(ON))
    code, out, _err = _run(capsys, str(path), "--dry-run")
    assert code == 0
    assert "Bestand: parro-export.csv (CSV, puntkomma, UTF-8), 4 rijen" in out
    assert "Website van de school = 'Website: ja/nee'" in out and "Niet gebruikt: 'Opmerking'" in out
    assert "Antwoorden: nieuw 16   opnieuw bevestigd 0   gewijzigd 0   ongewijzigd 0" in out
    assert f"  1002 Łucja Wiśniewska (groep 5), {DAY}: Schoolgids, brochure en kalender: ja" in out
    assert "er is niets opgeslagen" in out
    before = _counts(school)

    code, out, _err = _run(capsys, str(path))
    assert code == 0
    assert "Vastgelegd: 16 antwoorden voor 4 leerlingen (16 nieuw, 0 opnieuw bevestigd, 0 gewijzigd" in out
    assert _counts(school) == (before[0] + 16, before[1] + 1)

    code, out, _err = _run(capsys, str(path))
    assert code == 0 and "ongewijzigd 16" in out and "Er was niets te wijzigen" in out
    assert _counts(school) == (before[0] + 16, before[1] + 1)

    rows = parro_rows(ON)
    rows[1] = (*rows[1][:6], "nee", *rows[1][7:])
    code, out, _err = _run(capsys, str(write_parro(school / "later.csv", rows)))
    assert f"  1001 Şükrü Yılmaz (groep 5), {DAY}: Website van de school: ja → nee" in out
    assert code == 0 and "1 gewijzigd; 1 keer geen toestemming" in out


def test_a_file_with_errors_exits_2_and_records_nothing(
    school: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = parro_rows(ON)
    rows[4] = (*rows[4][:6], "misschien", *rows[4][7:])
    rows.append(("", "Daan de Jong", "", "", DAY, "ja", "", "", "", "", ""))
    # The school's first consent use installs the default form (as any consent screen does): do it first.
    assert _run(capsys, str(write_parro(school / "goed.csv", parro_rows(ON))), "--dry-run")[0] == 0
    before = _counts(school)
    code, out, err = _run(capsys, str(write_parro(school / "fout.csv", rows)))
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "Het bestand fout.csv heeft 2 problemen:",
        "- Rij 5, kolom 'Website: ja/nee': 'misschien' is geen ja of nee. Vul ja, nee of niets in.",
        "- Rij 6, kolom 'Leerling': 'Daan de Jong' past bij 2 leerlingen (groep 3, groep 7). Voeg een kolom "
        "met het leerlingnummer of de geboortedatum toe.",
        "Er is niets geïmporteerd. Pas het bestand aan en probeer het opnieuw.",
    ]
    assert _counts(school) == before


def test_options_for_mapping_and_defaults(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = school / "app.csv"
    path.write_text("Kind;Foto's in de krant\nYılmaz, Şükrü;ja\n", encoding="utf-8")
    code, out, _err = _run(
        capsys, str(path), "--dry-run", "--date", DAY, "--given-by", "Ayşe Yılmaz", "--map", "lokale pers=2"
    )
    assert code == 0
    assert f"ingevuld door 'Ayşe Yılmaz' (ouder/verzorger 1) op {DAY}" in out
    assert f"  1001 Şükrü Yılmaz (groep 5), {DAY}: Lokale pers: ja" in out
    code, _out, err = _run(capsys, str(path), "--date", "31-02-2026")
    assert code == 2 and "--date: 31-02-2026 bestaat niet." in err
    code, _out, err = _run(capsys, str(path), "--map", "schoenmaat=Kind")
    assert code == 2 and "Onbekend veld 'schoenmaat'" in err
    code, _out, err = _run(capsys, str(path), "--channel", "postduif")
    assert code == 2 and "Onbekend kanaal 'postduif'" in err


def test_social_schools_one_row_per_guardian(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.importers.consent_files import social_schools_guardian_rows, write_social_schools_guardians

    path = write_social_schools_guardians(school / "social.xlsx", social_schools_guardian_rows(ON))
    code, out, _err = _run(capsys, str(path), "--dry-run")
    assert code == 0, out + _err
    assert "Ouderapp (besloten groep) = 'Foto's op besloten deel'" in out
    assert "Sociale media van de school = 'Foto's op Facebook'" in out
    assert "Sociale media van de school (2e kolom) = 'Foto's op Twitter/X'" in out
    assert "Ingevuld door = 'Ouder/verzorger'" in out and "Datum = 'Datum ingevuld'" in out
    assert "Niet gebruikt: 'E-mail ouder'" in out
    assert "(leerlingen: 3, met wijzigingen: 3, zonder antwoorden: 0; rijen: 4)" in out
    assert "Tegenstrijdig (ouders/verzorgers antwoordden verschillend, 1 leerlingen):" in out
    assert (
        "  ! 1001 Şükrü Yılmaz (groep 5), Website van de school: Ayşe Yılmaz: ja, Mehmet Yılmaz: nee → "
        "geen toestemming (de strengste keuze geldt)"
    ) in out
    assert f"  1001 Şükrü Yılmaz (groep 5), Ayşe Yılmaz (ouder/verzorger 1), {DAY}: " in out
    assert f"  1001 Şükrü Yılmaz (groep 5), Mehmet Yılmaz (ouder/verzorger 2), {DAY}: " in out
    assert _run(capsys, str(path))[0] == 0
    code, out, _err = _run(capsys, str(path), "--dry-run")
    assert "nieuw 0" in out and "gewijzigd 0" in out  # the same export again: each guardian keeps a slot

    # The PDFs: the consent history names both guardians, the overview shows the conflict for group 5.
    history = school / "historie.pdf"
    args = ["--brin", "12ab", "--user", "beheer", "--pupil", "1001", "-o", str(history)]
    assert main(["export", "consent-history", *args]) == 0
    text = _pdf_text(history)
    assert "Ayşe Yılmaz" in text and "Mehmet Yılmaz" in text and "Şükrü Yılmaz" in text
    overview = school / "overzicht.pdf"
    args = ["--brin", "12ab", "--user", "beheer", "--group", "5", "-o", str(overview)]
    assert main(["export", "consent-overview", *args]) == 0
    text = _pdf_text(overview)
    assert "Website van de school: Şükrü Yılmaz (ouders oneens)" in text and "NEE oneens" in text


def _pdf_text(path: Path) -> str:
    import unicodedata

    from pypdf import PdfReader

    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)
    return unicodedata.normalize("NFC", text)
