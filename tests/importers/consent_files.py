"""Realistic parent-app consent exports, written the way the apps write them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ibp_desktop.importers.consent import PurposeColumn
from ibp_desktop.importers.existing_pupil import ExistingPupil

# The default purposes of a new school (resources/seed), with made-up ids.
PURPOSES = [
    PurposeColumn(11, "schoolgids", "Schoolgids, brochure en kalender", 1),
    PurposeColumn(12, "website", "Website van de school", 1),
    PurposeColumn(13, "sociale_media", "Sociale media van de school", 1),
    PurposeColumn(14, "nieuwsbrief", "Nieuwsbrief", 1),
    PurposeColumn(15, "ouderapp", "Ouderapp (besloten groep)", 1),
    PurposeColumn(16, "klassenfoto", "Klassenfoto en schoolfotograaf", 1),
    PurposeColumn(17, "lokale_pers", "Lokale pers", 1),
    PurposeColumn(18, "onderzoek", "Onderzoek", 1),
    PurposeColumn(19, "video_scholing", "Video voor studie en scholing", 1),
    PurposeColumn(20, "voornaam_bij_foto", "Voornaam bij foto", 1),
]

# (number, first, infix, last, born, group): the same pupils as the service tests add.
PUPIL_ROWS = [
    ("1001", "Şükrü", "", "Yılmaz", date(2017, 3, 5), "5"),
    ("1002", "Łucja", "", "Wiśniewska", date(2017, 8, 1), "5"),
    ("1003", "An", "", "Nguyễn Văn", date(2017, 1, 20), "5"),
    ("1004", "Anne-Fleur", "van der", "Berg-de Vries", date(2014, 6, 2), "8"),
    ("1005", "Daan", "de", "Jong", date(2019, 2, 2), "3"),
    ("1006", "Daan", "de", "Jong", date(2015, 9, 9), "7"),
]


def known_pupils(deregistered: dict[str, date] | None = None) -> list[ExistingPupil]:
    left = deregistered or {}
    return [
        ExistingPupil(
            id=100 + i,
            version=1,
            pupil_number=number,
            first_name=first,
            infix=infix,
            last_name=last,
            date_of_birth=born,
            group_name=group,
            enrolled_on=date(born.year + 4, 8, 20),
            deregistered_on=left.get(number),
        )
        for i, (number, first, infix, last, born, group) in enumerate(PUPIL_ROWS)
    ]


PARRO_HEADER = (
    "Leerlingnummer",
    "Leerling",
    "Groep",
    "Ingevuld door",
    "Datum",
    "Schoolgids: ja/nee",
    "Website: ja/nee",
    "Social media: ja/nee",
    "Nieuwsbrief: ja/nee",
    "Parro: ja/nee",
    "Opmerking",
)


def parro_rows(on: date) -> list[tuple[str, ...]]:
    day = on.strftime("%d-%m-%Y")
    return [
        PARRO_HEADER,
        ("1001", "Şükrü Yılmaz", "5", "Ayşe Yılmaz", day, "ja", "ja", "nee", "ja", "ja", ""),
        (
            "1002",
            "Łucja Wiśniewska",
            "5",
            "Katarzyna Wiśniewska",
            day,
            "Ja",
            "Nee",
            "Nee",
            "Ja",
            "Ja",
            "geen",
        ),
        ("1003", "Nguyễn Văn An", "5", "", day, "ja", "ja", "ja", "ja", "ja", ""),
        (
            "1004",
            "Anne-Fleur van der Berg-de Vries",
            "8",
            "Mark van der Berg",
            day,
            "nee",
            "",
            "",
            "",
            "",
            "",
        ),
    ]


def write_parro(path: Path, rows: list[tuple[str, ...]]) -> Path:
    """Semicolon, UTF-8 with BOM, CRLF: what Parro's export gives and Excel opens."""
    text = "\r\n".join(";".join(row) for row in rows) + "\r\n"
    path.write_bytes(text.encode("utf-8-sig"))
    return path


SOCIAL_SCHOOLS_HEADER = (
    "Naam kind",
    "Geboortedatum",
    "Klas",
    "Ouder",
    "Laatst gewijzigd",
    "Toestemming website",
    "Toestemming sociale media",
    "Toestemming klassenfoto",
)


def social_schools_rows(on: date) -> list[tuple[str, ...]]:
    stamp = on.strftime("%Y-%m-%d") + " 14:05"
    return [
        SOCIAL_SCHOOLS_HEADER,
        (
            "Yılmaz, Şükrü",
            "05-03-2017",
            "Groep 5",
            "Ayşe Yılmaz",
            stamp,
            "Akkoord",
            "Niet akkoord",
            "Akkoord",
        ),
        ("Nguyễn Văn An", "20-01-2017", "Groep 5", "Văn Thị Hoa", stamp, "Akkoord", "Akkoord", "Akkoord"),
        (
            "de Jong, Daan",
            "09-09-2015",
            "Groep 7",
            "Els de Jong",
            stamp,
            "Niet akkoord",
            "Niet ingevuld",
            "Akkoord",
        ),
    ]


def write_social_schools(path: Path, rows: list[tuple[str, ...]]) -> Path:
    """Comma separated, quoted where needed, UTF-8 without BOM."""
    text = "\n".join(",".join(f'"{c}"' if "," in c else c for c in row) for row in rows) + "\n"
    path.write_bytes(text.encode("utf-8"))
    return path


# Social Schools consent as it really exports (LAYOUTS.md): .xlsx, one row per child per guardian, the
# four channels with Ja / Nee / Geen antwoord, "Datum ingevuld" as a real date cell.
SOCIAL_SCHOOLS_GUARDIAN_HEADER = [
    "Voornaam kind",
    "Achternaam kind",
    "Groep",
    "Ouder/verzorger",
    "E-mail ouder",
    "Foto's op besloten deel",
    "Foto's op website",
    "Foto's op Twitter/X",
    "Foto's op Facebook",
    "Datum ingevuld",
]


def social_schools_guardian_rows(on: date) -> list[list[object]]:
    return [
        ["Şükrü", "Yılmaz", "Groep 5", "Ayşe Yılmaz", "a.yilmaz@example.org", "Ja", "Ja", "Nee", "Ja", on],
        [
            "Şükrü",
            "Yılmaz",
            "Groep 5",
            "Mehmet Yılmaz",
            "m.yilmaz@example.org",
            "Ja",
            "Nee",
            "Nee",
            "Nee",
            on,
        ],
        [
            "Łucja",
            "Wiśniewska",
            "Groep 5",
            "Agnieszka Wiśniewska",
            "aw@example.org",
            "Ja",
            "Ja",
            "Ja",
            "Ja",
            on,
        ],
        [
            "Anne-Fleur",
            "van der Berg-de Vries",
            "Groep 8",
            "Sanne de Vries",
            "s@example.org",
            "Ja",
            "Geen antwoord",
            "Geen antwoord",
            "Geen antwoord",
            on,
        ],
    ]


def write_social_schools_guardians(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(SOCIAL_SCHOOLS_GUARDIAN_HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path
