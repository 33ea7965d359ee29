"""A school's own breach register (Kennisnet / PO-Raad style) as schools keep it in Excel (LAYOUTS.md)."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

HEADER = [
    "Nr.", "Datum incident", "Datum ontdekking", "Tijd ontdekt", "Gemeld door (functie)",
    "Omschrijving incident", "Soort incident", "Aard inbreuk", "Soort persoonsgegevens",
    "Bijzondere persoonsgegevens", "Aantal betrokkenen", "Categorie betrokkenen", "(Mogelijke) gevolgen",
    "Genomen maatregelen", "Gemeld bij AP", "Datum melding AP", "Meldnummer AP", "Betrokkenen geïnformeerd",
    "Motivatie (niet) melden", "Status", "Datum afgehandeld",
]  # fmt: skip
ROWS: list[list[object]] = [
    [
        "2026-01", date(2026, 3, 26), date(2026, 3, 27), time(10, 0), "intern begeleider",
        "Het groepsplan van groep 6 met zorgnotities is per mail naar alle ouders van groep 6 gestuurd.",
        "E-mail verkeerde ontvanger", "vertrouwelijkheid", "NAW, leerlingzorg",
        "Ja (gezondheid)", "ca. 12", "leerlingen en ouders",
        "Ouders weten van de zorg van andere kinderen; mogelijk schaamte.",
        "Ouders gevraagd de mail te verwijderen; verzendlijsten aangepast.",
        "Ja", date(2026, 3, 28), "M-2026-0042", "Ja", "Gezondheidsgegevens van kinderen: hoog risico.",
        "Afgesloten", "14-4-2026",
    ],
    [
        "2026-02", "12 maart 2024", "12 maart 2024", None, "leerkracht",
        "USB-stick met toetsresultaten kwijt.",
        "Verlies USB-stick", "beschikbaarheid", "toetsresultaten", "Nee", "onbekend", "leerlingen",
        "", "Stick was versleuteld; wachtwoord gewijzigd.", "Nee", None, None, "Nee",
        "Stick versleuteld, geen risico voor betrokkenen.", "In behandeling", None,
    ],
]  # fmt: skip


def write_breach_register(path: Path, rows: list[list[object]] | None = None) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Datalekregister"
    sheet.append(["Register datalekken en beveiligingsincidenten - Stichting De Regenboog"])
    sheet.append([])
    sheet.append(HEADER)
    for row in rows or ROWS:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=4):
        for cell in cells:
            if isinstance(cell.value, date):
                cell.number_format = "D-M-YYYY"
    workbook.save(path)
    return path
