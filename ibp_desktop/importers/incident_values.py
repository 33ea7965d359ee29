"""Values of a school's own breach register, read into the AP form's fields (DOMAIN.md section 3).

Registers write in words: "vertrouwelijkheid", "NAW en gezondheid", "leerlingen en ouders", "ca. 12",
"onbekend", "Ja (gezondheid)". Words are matched to the form's codes; the register's text is always kept
as well (in the "anders"/"toelichting" fields or the remarks), so nothing it said is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from ibp_desktop.core.incidents.rules import (
    AMSTERDAM,
    Consequence,
    DataKind,
    IncidentStatus,
    Nature,
    PeopleGroup,
)
from ibp_desktop.importers.values import Cell, CellError, cell_text, fold, parse_date

__all__ = [
    "PeopleCount",
    "YesNoDetail",
    "consequences_of",
    "data_kinds_of",
    "natures_of",
    "parse_moment",
    "parse_people",
    "parse_status",
    "parse_time",
    "parse_yes_no_detail",
    "people_groups_of",
]

_NATURE_WORDS: tuple[tuple[Nature, tuple[str, ...]], ...] = (
    (Nature.READ, ("vertrouwelijk", "ingezien", "gelezen", "inzage", "gedeeld", "verstuurd", "gelekt")),
    (Nature.COPIED, ("gekopieerd", "kopie", "gedownload")),
    (Nature.CHANGED, ("integriteit", "gewijzigd", "veranderd", "aangepast")),
    (Nature.DELETED, ("beschikbaarheid", "verwijderd", "vernietigd", "gewist", "versleuteld door")),
    (Nature.STOLEN_LOST, ("gestolen", "diefstal", "verloren", "kwijt", "vermist")),
)
_DATA_WORDS: tuple[tuple[DataKind, tuple[str, ...]], ...] = (
    (DataKind.NAME_ADDRESS, ("naw", "naam", "namen", "adres")),
    (DataKind.PHONE, ("telefoon", "tel.", "mobiel")),
    (DataKind.EMAIL, ("e-mail", "email", "mailadres")),
    (DataKind.LOGIN, ("inlog", "wachtwoord", "gebruikersnaam", "account")),
    (DataKind.FINANCIAL, ("bank", "iban", "financ", "rekening")),
    (DataKind.ID_COPY, ("paspoort", "identiteit", "id-bewijs", "kopie id")),
    (DataKind.BIRTH_DATE, ("geboortedatum", "geboorte")),
    (DataKind.BSN, ("bsn", "burgerservicenummer", "pgn")),
    (DataKind.SPECIAL, ("gezondheid", "medisch", "religie", "godsdienst", "etnisch", "strafrecht")),
    (DataKind.PUPIL_CARE, ("leerlingzorg", "zorg", "handelingsplan", "ontwikkelingsperspectief", "opp",
                           "dossier", "toets", "rapport", "cijfers", "leerlingvolgsysteem")),
)  # fmt: skip
_GROUP_WORDS: tuple[tuple[PeopleGroup, tuple[str, ...]], ...] = (
    (PeopleGroup.PUPILS, ("leerling", "kinderen", "kind")),
    (PeopleGroup.PARENTS, ("ouder", "verzorger")),
    (PeopleGroup.STAFF, ("personeel", "medewerker", "leerkracht", "collega", "docent", "stagiair")),
)
_CONSEQUENCE_WORDS: tuple[tuple[Consequence, tuple[str, ...]], ...] = (
    (Consequence.PHYSICAL, ("lichamelijk", "fysiek", "veiligheid")),
    (Consequence.MATERIAL, ("financ", "materi", "fraude", "geld")),
    (Consequence.IMMATERIAL, ("immateri", "schaamte", "reputatie", "discriminatie", "stigma", "privacy")),
)
_STATUS_WORDS = {
    "nieuw": IncidentStatus.NEW,
    "open": IncidentStatus.NEW,
    "inbeoordeling": IncidentStatus.ASSESSING,
    "inbehandeling": IncidentStatus.ASSESSING,
    "lopend": IncidentStatus.ASSESSING,
    "gemeld": IncidentStatus.NOTIFIED,
    "afgehandeld": IncidentStatus.CLOSED,
    "afgesloten": IncidentStatus.CLOSED,
    "gesloten": IncidentStatus.CLOSED,
    "afgerond": IncidentStatus.CLOSED,
    "opgelost": IncidentStatus.CLOSED,
    "gereed": IncidentStatus.CLOSED,
    "klaar": IncidentStatus.CLOSED,
    "ja": IncidentStatus.CLOSED,
}
_TIME = re.compile(r"(?:om\s+)?(\d{1,2})[:.u](\d{2})(?:[:.]\d{2})?(?:\s*uur)?", re.IGNORECASE)
_MOMENT = re.compile(r"(.+?)[ T,]+(?:om\s+)?(\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)(?:\s*uur)?", re.IGNORECASE)
_EMPTY = frozenset({"", "-", "nvt", "n.v.t.", "nee", "n", "no"})
_NUMBER = re.compile(r"\d+")
_RANGE = re.compile(r"(\d+)\s*(?:-|tot|à|a)\s*(\d+)")
_COUNTED = re.compile(r"(\d+)\s+[a-zë]+(?:\s+[a-zë]+)?", re.IGNORECASE)  # "12 leerlingen", "3 ouders"


def _codes(text: str, table: tuple[tuple[object, tuple[str, ...]], ...]) -> list[object]:
    lowered = text.casefold()
    return [code for code, words in table if any(word in lowered for word in words)]


def natures_of(text: str) -> tuple[Nature, ...]:
    return tuple(Nature(c) for c in _codes(text, _NATURE_WORDS))  # type: ignore[arg-type]


def data_kinds_of(text: str) -> tuple[DataKind, ...]:
    return tuple(DataKind(c) for c in _codes(text, _DATA_WORDS))  # type: ignore[arg-type]


def people_groups_of(text: str) -> tuple[PeopleGroup, ...]:
    return tuple(PeopleGroup(c) for c in _codes(text, _GROUP_WORDS))  # type: ignore[arg-type]


def consequences_of(text: str) -> tuple[Consequence, ...]:
    return tuple(Consequence(c) for c in _codes(text, _CONSEQUENCE_WORDS))  # type: ignore[arg-type]


@dataclass(frozen=True)
class YesNoDetail:
    """ "Ja (gezondheid)": the answer and what followed it."""

    yes: bool | None
    detail: str


def parse_yes_no_detail(value: Cell) -> YesNoDetail:
    text = " ".join(cell_text(value).split())
    if not text or fold(text) in {"onbekend", "nvt", "geenantwoord"}:
        return YesNoDetail(None, text if fold(text) == "onbekend" else "")
    match = re.match(r"^(ja|nee|j|n|yes|no)\b[\s:,(-]*(.*?)\)?$", text, re.IGNORECASE)
    if not match:
        raise CellError(f"'{text}' is geen ja of nee. Schrijf bijvoorbeeld 'Ja (gezondheid)' of 'Nee'.")
    return YesNoDetail(match.group(1).casefold() in {"ja", "j", "yes"}, match.group(2).strip())


@dataclass(frozen=True)
class PeopleCount:
    """ "Aantal betrokkenen" as the register gives it: exact numbers go to the form's minimum and
    maximum; "ca. 12" and "onbekend" stay as written (``text``) and fill no number."""

    minimum: int | None
    maximum: int | None
    text: str


def parse_people(value: Cell) -> PeopleCount:
    text = " ".join(cell_text(value).split())
    if text.isdigit():
        return PeopleCount(int(text), int(text), text)
    if match := _COUNTED.fullmatch(text):
        return PeopleCount(int(match.group(1)), int(match.group(1)), text)
    if match := _RANGE.fullmatch(text):
        low, high = int(match.group(1)), int(match.group(2))
        if low > high:
            raise CellError(f"'{text}': het eerste getal is groter dan het tweede.")
        return PeopleCount(low, high, text)
    if len(text) > 200:
        raise CellError("Dit aantal is te lang (hoogstens 200 tekens).")
    return PeopleCount(None, None, text)


def parse_time(value: Cell) -> time | None:
    text = cell_text(value).strip()
    if not text:
        return None
    match = _TIME.fullmatch(text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise CellError(f"'{text}' is geen tijd. Schrijf bijvoorbeeld 10:00.")
    return time(int(match.group(1)), int(match.group(2)))


def parse_moment(value: Cell) -> datetime:
    """A date, or a date with a time ("12-03-2026 14:05", "12 maart 2024 om 9.30"), in Amsterdam time.

    A date without a time counts from 00:00; the caller adds a separate time column."""
    if isinstance(value, date):
        return datetime.combine(value, time(0), AMSTERDAM)
    text = " ".join((value or "").split())
    if match := _MOMENT.fullmatch(text):
        moment = parse_time(match.group(2))
        if moment is not None:
            return datetime.combine(parse_date(match.group(1)), moment, AMSTERDAM)
    return datetime.combine(parse_date(text), time(0), AMSTERDAM)


def optional_moment(value: Cell) -> datetime | None:
    if value is None or cell_text(value).strip().casefold() in _EMPTY | {"onbekend"}:
        return None
    return parse_moment(value)


def parse_status(value: Cell) -> IncidentStatus | None:
    text = fold(cell_text(value))
    if not text:
        return None
    if text in _STATUS_WORDS:
        return _STATUS_WORDS[text]
    raise CellError(
        f"'{cell_text(value)}' is geen status. Gebruik open, in behandeling, gemeld of afgesloten."
    )


def with_time(moment: datetime | None, at: time | None) -> datetime | None:
    """A date from one column and the time from another ("Datum ontdekking" + "Tijd ontdekt")."""
    if moment is None or at is None:
        return moment
    return moment.replace(hour=at.hour, minute=at.minute)
