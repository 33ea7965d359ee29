"""The school's own breach register, saved by Excel as CSV (Windows-1252, ';', title row, total line)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time
from pathlib import Path

from ibp_desktop.core.incidents.rules import Decision, IncidentStatus
from ibp_desktop.importers.incidents import INCIDENT_FIELDS, read_incidents
from ibp_desktop.importers.mapping import guess_mapping
from ibp_desktop.importers.tabular import table_from_bytes
from ibp_desktop.services.incidents.importing import CAPTIONS
from tests.importers.breach_register import HEADER, ROWS

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value.day}-{value.month}-{value.year}"  # Excel's d-m-jjjj, no leading zeros
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def _excel_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Register datalekken en beveiligingsincidenten", "", ""])
    writer.writerow([])
    writer.writerow(HEADER)
    writer.writerows([_cell(v) for v in row] for row in ROWS)
    writer.writerow(["Totaal: 2 incidenten"])
    return buffer.getvalue().encode("cp1252")


def test_excel_csv_of_the_register_is_read_whole_without_map() -> None:
    table = table_from_bytes(_excel_csv(), "register.csv", CAPTIONS)
    mapping = guess_mapping(table.headers, INCIDENT_FIELDS)
    assert table.header_row == 3 and sorted(mapping.values()) == list(range(len(HEADER)))  # all used
    assert [s.row for s in table.skipped] == [1, 6]
    first, second = read_incidents(table, mapping, NOW, set())
    assert first.facts.discovered_at.strftime("%d-%m-%Y %H:%M") == "27-03-2026 10:00"
    assert first.facts.started_at is not None and first.facts.started_at.date() == date(2026, 3, 26)
    assert first.decision is Decision.NOTIFY_AP_AND_SUBJECTS and first.status is IncidentStatus.CLOSED
    assert first.notified_at is not None and first.notified_at.date() == date(2026, 3, 28)
    assert first.closed_at is not None and first.closed_at.date() == date(2026, 4, 14)
    assert first.form.people_min is None and "ca. 12" in first.form.other_remarks
    assert first.reported_by == "intern begeleider"
    assert second.facts.discovered_at.date() == date(2024, 3, 12)  # "12 maart 2024"
    assert second.decision is Decision.NOT_REPORTABLE and second.status is IncidentStatus.ASSESSING
    assert second.decision_reasons == "Stick versleuteld, geen risico voor betrokkenen."


def test_headings_counts_in_words_and_a_missing_discovery_date() -> None:
    text = (
        "Nr.;Datum incident;Datum ontdekking;Omschrijving incident;Aantal betrokkenen;Status\r\n"
        "Schooljaar 2025-2026;;;;;\r\n"
        "7;3-2-2026;;Lijst met telefoonnummers op het schoolplein gevonden;12 leerlingen;Afgerond\r\n"
    )
    table = table_from_bytes(text.encode("cp1252"), "register.csv", CAPTIONS)
    [record] = read_incidents(table, guess_mapping(table.headers, INCIDENT_FIELDS), NOW, set())
    assert record.facts.discovered_at.date() == date(2026, 2, 3)
    assert "de datum van het incident is gebruikt" in record.form.other_remarks
    assert (record.form.people_min, record.form.people_max) == (12, 12)
    assert record.status is IncidentStatus.CLOSED


def test_a_date_and_time_cell_keeps_its_time(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from ibp_desktop.importers.tabular import read_table

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Nr.", "Datum ontdekking", "Omschrijving incident"])
    sheet.append(["8", datetime(2026, 3, 27, 10, 0), "Laptop gestolen uit auto"])
    workbook.save(tmp_path / "register.xlsx")
    table = read_table(tmp_path / "register.xlsx", CAPTIONS)
    [record] = read_incidents(table, guess_mapping(table.headers, INCIDENT_FIELDS), NOW, set())
    assert record.facts.discovered_at.strftime("%d-%m-%Y %H:%M") == "27-03-2026 10:00"
