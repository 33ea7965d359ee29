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


def test_the_schools_own_breach_register_goes_in_without_map(
    school: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ibp_desktop.services.database.connection import Location, open_location
    from ibp_desktop.store.incident_models import Incident
    from tests.importers.breach_register import write_breach_register

    path = write_breach_register(school / "datalekregister.xlsx")
    args = ["import-incidents", str(path), "--brin", "12ab", "--user", "beheer"]
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2 incidenten gevonden" in out and "Niet gebruikt: geen (alle kolommen gebruikt)" in out
    assert "Overgeslagen: Rij 1 (boven de kopregel): Register datalekken" in out
    assert main(args) == 0
    capsys.readouterr()

    database = open_location(Location(data_dir=school / "school"))
    try:
        with database.transaction() as session:
            first = session.query(Incident).filter_by(number="2026-01").one()
            # 27-03-2026 10:00 Amsterdam (CET, before the clocks change on 29 March) = 09:00 UTC
            assert (first.discovered_at.hour, first.discovered_at.minute) == (9, 0)
            assert first.started_at.date().isoformat() == "2026-03-25"  # 26-03 00:00 CET = 25-03 23:00 UTC
            assert first.decision == "notify_ap_and_subjects" and first.ap_reference == "M-2026-0042"
            assert first.preliminary_notified_at is not None and first.subjects_informed_at is None
            assert first.subjects_informed_how.startswith("volgens het oude register: ja")
            assert set(first.data_kinds.split(",")) == {"name_address", "pupil_care", "special"}
            assert "gezondheid" in first.data_other and first.natures == "read"
            assert first.people_min is None and "ca. 12" in first.other_remarks
            assert set(first.people_groups.split(",")) == {"pupils", "parents"}
            assert "schaamte" in first.consequences_details
            assert first.status == "closed" and first.closed_at is not None
            assert first.decision_reasons == "Gezondheidsgegevens van kinderen: hoog risico."
            second = session.query(Incident).filter_by(number="2026-02").one()
            assert second.discovered_at.date().isoformat() == "2024-03-11"  # 12 maart 2024 00:00 CET
            assert second.decision == "not_reportable" and second.status == "assessing"
            assert "onbekend" in second.other_remarks and second.natures == "deleted"
    finally:
        database.dispose()

    pdf = school / "melding.pdf"
    assert main(["export", "incident-report", "2026-01", "--user", "beheer", "-o", str(pdf)]) == 0
    text = " ".join(_text(pdf).split())
    assert "27-03-2026 10:00" in text  # discovered, with the time from its own column
    assert "Ouders gevraagd de mail te verwijderen" in text  # art. 33(5): measures
    assert "mogelijk schaamte" in text  # effects
    assert "Aantal betrokkenen volgens het register: ca. 12" in text
    assert "Betrokkenen geïnformeerd Ja" in text or "Betrokkenen geïnformeerd: Ja" in text


def test_breach_letter_on_the_command_line(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """export breach-letter: the art. 34 letter as a PDF; without the FG's contact details it exits 2."""
    from datetime import UTC, datetime, timedelta

    from ibp_desktop.core.incidents.records import ApForm, IncidentFacts
    from ibp_desktop.core.incidents.risk import RiskAnswers
    from ibp_desktop.core.incidents.rules import DataKind, Decision, IncidentType
    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.database.connection import Location, open_location
    from ibp_desktop.services.incidents.breach_letter import BreachLetterService
    from ibp_desktop.services.incidents.register import IncidentService

    database = open_location(Location(data_dir=school / "school"))
    try:
        actor = login(database, "beheer", TEST_PASSWORD)
        incidents = IncidentService(database, actor)
        found = datetime.now(UTC) - timedelta(hours=3)
        facts = IncidentFacts("Lijst met BSN gemaild", "Een lijst met BSN ging naar een verkeerde ouder.",
                              IncidentType.EMAIL_WRONG_RECIPIENT, found)  # fmt: skip
        reported = incidents.report(next(iter(actor.school_ids)), facts)
        form = ApForm(data_kinds=(DataKind.BSN,), measures_taken="De ontvanger heeft de lijst verwijderd.")
        answers = RiskAnswers(
            personal_data=True, encrypted_key_safe=False, trusted_recipient_deleted=False, bsn=True
        )
        incidents.assess(reported.id, reported.version, answers, Decision.NOTIFY_AP_AND_SUBJECTS, form=form)
        number = reported.number
    finally:
        database.dispose()
    letter = school / "brief.pdf"
    args = ["export", "breach-letter", number, "--for", "ouders", "-o", str(letter), "--user", "beheer"]
    assert main(args) == 2
    assert "contactgegevens van de FG" in capsys.readouterr().err and not letter.exists()
    database = open_location(Location(data_dir=school / "school"))
    try:
        BreachLetterService(database, login(database, "beheer", TEST_PASSWORD)).set_fg_contact(
            "Anne-Fleur van der Berg-de Vries, fg@wilgen.example"
        )
    finally:
        database.dispose()
    assert main(args) == 0
    text = " ".join(_text(letter).split())
    assert "Anne-Fleur van der Berg-de Vries" in text and "Centraal Meldpunt Identiteitsfraude" in text
