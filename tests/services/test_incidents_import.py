"""Importing an existing register: numbers kept, the mapping step, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from ibp_desktop.core.incidents.rules import Decision, IncidentStatus, IncidentType
from ibp_desktop.importers.problems import ImportRejected
from ibp_desktop.services.incidents.importing import IncidentImportService
from tests.conftest import SchoolDb
from tests.services.incident_helpers import service

GOOD = (
    "Nr;Onderwerp;Omschrijving;Soort;Datum ontdekt;Meldplichtig;Gemeld bij AP;Meldnummer;Status\n"
    "DL-2024-3;USB-stick kwijt;Stick met cijfers;Verlies USB;12-03-2024 14:05;nee;;;afgehandeld\n"
    "2025-001;Mail met CC;Nieuwsbrief aan ouders;CC i.p.v. BCC;2025-01-10;ja;11-01-2025 09:00;M-1;gemeld\n"
)


def _write(tmp_path: Path, text: str, name: str = "register.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_keeps_the_numbers(school_db: SchoolDb, tmp_path: Path) -> None:
    importer = IncidentImportService(school_db.database, school_db.actor)
    path = _write(tmp_path, GOOD)
    preview = importer.preview(school_db.school_id, path)
    assert [r.number for r in preview.records] == ["DL-2024-3", "2025-001"]
    assert any("Onderwerp" in line for line in preview.mapping_lines)
    assert service(school_db).list_incidents() == []  # a preview writes nothing
    assert importer.import_file(school_db.school_id, path) == 2
    rows = {r.number: r for r in service(school_db).list_incidents()}
    assert rows["DL-2024-3"].incident_type is IncidentType.DEVICE_LOST
    assert rows["DL-2024-3"].status is IncidentStatus.CLOSED
    assert rows["DL-2024-3"].decision is Decision.NOT_REPORTABLE
    mail = rows["2025-001"]
    assert mail.incident_type is IncidentType.EMAIL_CC_NOT_BCC and mail.clock_text == "Gemeld binnen 72 uur"
    detail = service(school_db).detail(mail.id)
    assert detail.ap_reference == "M-1" and "Overgenomen" in detail.timeline[0].text
    # The numbers go on after an import: a new report of 2025 takes the next number.
    with pytest.raises(ImportRejected, match="staat al in het register"):
        importer.import_file(school_db.school_id, path)


def test_a_damaged_file_writes_nothing(school_db: SchoolDb, tmp_path: Path) -> None:
    bad = GOOD + "2025-002;Phishing;;;31-02-2025;ja;;;\n2025-001;Dubbel;;;01-02-2025;;;;onbekend\n"
    importer = IncidentImportService(school_db.database, school_db.actor)
    with pytest.raises(ImportRejected) as caught:
        importer.import_file(school_db.school_id, _write(tmp_path, bad))
    message = str(caught.value)
    assert "Rij 4, kolom 'Datum ontdekt': 31-02-2025 bestaat niet." in message
    assert "Rij 5, kolom 'Status'" in message and "Rij 5, kolom 'Nr'" in message
    assert "Er is niets geïmporteerd" in message
    assert service(school_db).list_incidents() == []


def test_unreadable_and_unmapped_files(sqlcipher_school: SchoolDb, tmp_path: Path) -> None:
    importer = IncidentImportService(sqlcipher_school.database, sqlcipher_school.actor)
    broken = tmp_path / "register.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not really a workbook")
    with pytest.raises(ImportRejected):
        importer.import_file(sqlcipher_school.school_id, broken)
    with pytest.raises(ImportRejected, match="Ontdekt op"):
        importer.import_file(sqlcipher_school.school_id, _write(tmp_path, "Nr;Titel\n1;iets\n", "x.csv"))
    overridden = importer.preview(
        sqlcipher_school.school_id,
        _write(tmp_path, "Nr;Titel;Wanneer\n1;iets;01-02-2025\n", "y.csv"),
        {"ontdekt op": "Wanneer"},
    )
    assert overridden.records[0].number == "1"
    assert service(sqlcipher_school).list_incidents() == []


def test_xlsx_register(sqlcipher_school: SchoolDb, tmp_path: Path) -> None:
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nummer", "Titel", "Ontdekt op", "Meldplichtig"])
    sheet.append(["2023-14", "Laptop gestolen", datetime(2023, 5, 4, 8, 30), "ja"])
    path = tmp_path / "register.xlsx"
    book.save(path)
    importer = IncidentImportService(sqlcipher_school.database, sqlcipher_school.actor)
    assert importer.import_file(sqlcipher_school.school_id, path) == 1
    (row,) = service(sqlcipher_school).list_incidents()
    assert row.number == "2023-14" and row.decision is Decision.NOTIFY_AP and row.clock_level.value == "red"


def test_the_mapping_of_a_layout_is_remembered(school_db: SchoolDb, tmp_path: Path) -> None:
    importer = IncidentImportService(school_db.database, school_db.actor)
    odd = "Volgnr;Wat;Wanneer gezien\nA-1;Map kwijt;01-02-2026\n"
    with pytest.raises(ImportRejected):
        importer.preview(school_db.school_id, _write(tmp_path, odd))  # "Wanneer gezien" is no known caption
    overrides = {"number": "Volgnr", "discovered_at": "Wanneer gezien", "title": "Wat"}
    assert importer.import_file(school_db.school_id, _write(tmp_path, odd), overrides) == 1
    later = _write(tmp_path, "Volgnr;Wat;Wanneer gezien\nA-2;Laptop weg;03-02-2026\n", "later.csv")
    columns = importer.columns(school_db.school_id, later)  # what the dialog shows first
    assert columns.headers[columns.mapping["discovered_at"]] == "Wanneer gezien"
    assert [r.number for r in importer.preview(school_db.school_id, later).records] == ["A-2"]
