"""The fields of a parent-app consent export: who the row is about, who answered when, and one yes/no
column per purpose of the school's current form; guessing the mapping and reading the answers.

Purpose columns are found by the purpose's label or code and the spellings parent apps use
("Website: ja/nee", "Social media", "Toestemming klassenfoto", "Parro"); see :mod:`consent`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ibp_desktop.core.consent.rules import Relation, parse_relation
from ibp_desktop.importers.mapping import ColumnMapping, FieldSpec, guess_mapping
from ibp_desktop.importers.problems import ImportProblem
from ibp_desktop.importers.values import Cell, CellError, cell_text, check_name_text, parse_date, parse_yes_no

__all__ = [
    "DEFAULT_GIVEN_BY",
    "MAX_GIVEN_BY",
    "PurposeColumn",
    "check_consent_mapping",
    "consent_fields",
    "extra_keys",
    "guess_consent_mapping",
    "parse_answer",
    "parse_answer_date",
    "parse_given_by",
    "parse_relation_cell",
    "purpose_keys",
]

DEFAULT_GIVEN_BY = "ouder/verzorger via ouderapp"
MAX_GIVEN_BY = 200

_NUMBER = FieldSpec(
    "pupil_number",
    "Leerlingnummer",
    False,
    # No bare "id" or "nr": parent apps have their own ids, which are not pupil numbers.
    ("leerlingnummer", "llnr", "leerling nr", "leerlingnr", "lln nr", "leerlingid", "stamnummer", "stamnr"),
)
_PERSON_FIELDS: tuple[FieldSpec, ...] = (
    _NUMBER,
    FieldSpec("first_name", "Roepnaam", False, ("roepnaam", "voornaam", "voornaam kind", "first name")),
    FieldSpec("infix", "Tussenvoegsel", False, ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "tussenv")),
    FieldSpec(
        "last_name", "Achternaam", False, ("achternaam", "achternaam kind", "geslachtsnaam", "last name")
    ),
    FieldSpec(
        "full_name",
        "Naam",
        False,
        ("naam", "naam leerling", "leerling", "leerlingnaam", "kind", "naam kind", "volledige naam", "name"),
    ),
    FieldSpec("date_of_birth", "Geboortedatum", False, ("geboortedatum", "geb datum", "gebdatum", "geboren")),
    FieldSpec("group", "Groep", False, ("groep", "klas", "stamgroep", "jaargroep", "groepsnaam", "class")),
    FieldSpec(
        "given_by",
        "Ingevuld door",
        False,
        (
            "ingevuld door",
            "ouder",
            "ouder verzorger",
            "naam ouder",
            "naam ouder verzorger",
            "verzorger",
            "gegeven door",
            "beantwoord door",
            "ingediend door",
            "ondertekend door",
            "gewijzigd door",
            "laatst gewijzigd door",
        ),
    ),
    FieldSpec("relation", "Relatie", False, ("relatie", "relatie tot leerling", "relatie tot kind", "rol")),
    FieldSpec(
        "given_on",
        "Datum",
        False,
        (
            "datum",
            "ingevuld op",
            "datum ingevuld",
            "datum toestemming",
            "beantwoord op",
            "datum antwoord",
            "ingediend op",
            "laatst gewijzigd",
            "gewijzigd op",
            "datum formulier",
        ),
    ),
)
_PERSON_KEYS = frozenset(spec.key for spec in _PERSON_FIELDS)

# Header spellings of the default purposes in parent-app exports (codes from resources/seed).
_PURPOSE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "schoolgids": ("schoolgids", "brochure", "kalender", "schoolkalender", "drukwerk", "gids"),
    "website": ("website", "schoolwebsite", "website school", "site", "internet"),
    "sociale_media": (
        "social media",
        "sociale media",
        "facebook",
        "instagram",
        "socials",
        "twitter x",
        "twitter",
        "x",
        "linkedin",
        "youtube",
        "tiktok",
    ),
    "nieuwsbrief": ("nieuwsbrief", "nieuwsbrieven", "newsletter"),
    "ouderapp": (
        "ouderapp",
        "ouder app",
        "parro",
        "social schools",
        "schoolapp",
        "besloten groep",
        "besloten deel",
        "besloten",
        "app",
    ),
    "klassenfoto": ("klassenfoto", "schoolfotograaf", "schoolfoto", "fotograaf", "groepsfoto", "klassefoto"),
    "lokale_pers": ("lokale pers", "pers", "krant", "lokale krant"),
    "onderzoek": (
        "onderzoek",
        "wetenschappelijk onderzoek",
        "onderzoeken",
        "deelname aan onderzoek",
        "deelname aan onderzoeken",
    ),
    "video_scholing": ("video scholing", "video", "scholing", "studie", "opleiding", "beeldcoaching"),
    "voornaam_bij_foto": ("voornaam bij foto", "naam bij foto", "voornaam foto"),
}
# Words around a purpose in a header: "Toestemming website (ja/nee)", "Foto's op social media".
_HEADER_NOISE_START = re.compile(
    r"^(?:toestemming|beeldmateriaal|beeld|foto'?s?|video'?s?|en|voor|op|in|de|het|via|gebruik|publicatie)"
    r"\b[\s:,-]*",
    re.IGNORECASE,
)
_HEADER_NOISE_END = re.compile(
    r"[\s:,-]*(?:\(?\s*(?:ja\s*/\s*nee|j\s*/\s*n)\s*\)?|\(.*\))\s*$", re.IGNORECASE
)

_EXTRA_YES = frozenset({"geen bezwaar", "toestemming gegeven", "ja, akkoord", "mag wel", "wel toestemming"})
_EXTRA_NO = frozenset({"niet akkoord", "geen akkoord", "bezwaar", "mag niet", "✗", "✘", "nee, liever niet"})
_NO_ANSWER = frozenset({"niet ingevuld", "geen antwoord", "onbekend", "nvt", "n.v.t.", "?"})
_DATE_TIME = re.compile(r"(\S+)[ T]\d{1,2}:\d{2}(?::\d{2})?")


@dataclass(frozen=True)
class PurposeColumn:
    """A purpose of the school's current form, as the import needs it."""

    purpose_id: int
    code: str
    label: str
    asked_since: int  # a "yes" on an older form version no longer counts

    @property
    def key(self) -> str:
        """The mapping key: the purpose code, unless a person field already uses it."""
        return f"doel_{self.code}" if self.code in _PERSON_KEYS else self.code


# ---------------------------------------------------------------------- fields and mapping


def extra_keys(purpose: PurposeColumn) -> tuple[str, ...]:
    """Keys of a purpose's further columns: Social Schools asks "Foto's op Twitter/X" and "Foto's op
    Facebook" separately, and both are social media; the most restrictive answer of them counts."""
    return tuple(f"{purpose.key}~{n}" for n in range(2, 2 + EXTRA_COLUMNS))


EXTRA_COLUMNS = 2


def purpose_keys(purpose: PurposeColumn) -> tuple[str, ...]:
    return (purpose.key, *extra_keys(purpose))


def consent_fields(purposes: Sequence[PurposeColumn]) -> tuple[FieldSpec, ...]:
    """The person fields plus yes/no fields per purpose of the current form (a first and further columns)."""
    specs = []
    for p in purposes:
        synonyms = (p.code.replace("_", " "), *_PURPOSE_SYNONYMS.get(p.code, ()))
        specs.append(FieldSpec(p.key, p.label, False, synonyms))
        specs += [
            FieldSpec(key, f"{p.label} ({n}e kolom)", False, synonyms)
            for n, key in enumerate(extra_keys(p), start=2)
        ]
    return (*_PERSON_FIELDS, *specs)


def _clean_header(header: str) -> str:
    text = header
    for _ in range(4):  # "Toestemming voor foto's op website" loses one word per pass
        text = _HEADER_NOISE_START.sub("", text.strip())
    cleaned = _HEADER_NOISE_END.sub("", text).strip()
    return cleaned or header


def guess_consent_mapping(headers: Sequence[str], specs: Sequence[FieldSpec]) -> ColumnMapping:
    """Guess on the headers without the words around a purpose ("Website: ja/nee" -> "Website")."""
    cleaned = [_clean_header(h) for h in headers]
    mapping = guess_mapping(cleaned, [s for s in specs if "~" not in s.key])
    for n in range(2, 2 + EXTRA_COLUMNS):  # further columns of a purpose, on the columns still free
        wanted = [s for s in specs if s.key.endswith(f"~{n}") and _previous_key(s.key, n) in mapping]
        free = ["" if i in mapping.values() else h for i, h in enumerate(cleaned)]
        mapping.update(guess_mapping(free, wanted))
    return mapping


def _previous_key(key: str, n: int) -> str:
    base = key.rsplit("~", 1)[0]
    return base if n == 2 else f"{base}~{n - 1}"


def check_consent_mapping(
    mapping: ColumnMapping, purposes: Sequence[PurposeColumn]
) -> tuple[ColumnMapping, list[ImportProblem]]:
    """Separate name columns win over one name column; a pupil column and a purpose are required."""
    used = dict(mapping)
    if "last_name" in used:
        used.pop("full_name", None)
    problems: list[ImportProblem] = []
    if not {"pupil_number", "last_name", "full_name"} & used.keys():
        problems.append(
            ImportProblem(
                None,
                None,
                None,
                "Geen kolom gevonden voor de leerling. Geef aan welke kolom het leerlingnummer bevat, "
                "of welke kolom de naam van de leerling.",
            )
        )
    if not any(p.key in used for p in purposes):
        labels = ", ".join(f"'{p.label}'" for p in purposes)
        problems.append(
            ImportProblem(
                None,
                None,
                None,
                f"Geen kolom gevonden voor een doel. Geef aan welke kolom bij welk doel hoort ({labels}).",
            )
        )
    return used, problems


# ---------------------------------------------------------------------- values


def parse_answer(cell: Cell) -> bool | None:
    """ja/nee and the words parent apps use; empty or "niet ingevuld" -> None (no answer)."""
    text = " ".join(cell_text(cell).casefold().split())
    if text in _NO_ANSWER:
        return None
    if text in _EXTRA_YES:
        return True
    if text in _EXTRA_NO:
        return False
    return parse_yes_no(cell)


def parse_answer_date(cell: Cell) -> date | None:
    if cell is None:
        return None
    if isinstance(cell, str) and (match := _DATE_TIME.fullmatch(cell.strip())):
        return parse_date(match.group(1))  # "12-09-2026 14:05": the app's time stamp
    return parse_date(cell)


def parse_relation_cell(cell: Cell) -> Relation | None:
    text = cell_text(cell)
    if not text.strip():
        return None
    try:
        return parse_relation(text)
    except ValueError as error:
        raise CellError(str(error)) from None


def parse_given_by(cell: Cell) -> str | None:
    text = " ".join(cell_text(cell).split())
    check_name_text(text)
    if len(text) > MAX_GIVEN_BY:
        raise CellError(f"Deze naam is te lang (hoogstens {MAX_GIVEN_BY} tekens).")
    return text or None
