"""Consent answers from a parent-app export (Parro, Social Schools, Magister): fields, and rows checked
and matched to the school's pupils (fields and value parsers: :mod:`consent_fields`).

A file has a pupil number or a name (with the date of birth or group to tell equal names apart), one
yes/no column per purpose, and optionally who answered, the relation and the date. The purposes come
from the school's current form, so the purpose fields are built per school (:func:`consent_fields`).
Matching is pure: the caller passes the pupils as :class:`ExistingPupil`. The diff is in :mod:`consent_diff`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from ibp_desktop.core.consent.names import display_name
from ibp_desktop.core.consent.rules import Relation, name_words
from ibp_desktop.core.consent.school_year import sixteenth_birthday
from ibp_desktop.importers.consent_fields import (
    DEFAULT_GIVEN_BY,
    PurposeColumn,
    check_consent_mapping,
    consent_fields,
    guess_consent_mapping,
    parse_answer,
    parse_answer_date,
    parse_given_by,
    parse_relation_cell,
    purpose_keys,
)
from ibp_desktop.importers.existing_pupil import ExistingPupil
from ibp_desktop.importers.mapping import ColumnMapping, MappedRow, mapped_rows
from ibp_desktop.importers.problems import ProblemList
from ibp_desktop.importers.tabular import Table
from ibp_desktop.importers.values import (
    LOSSY_HINT,
    Cell,
    CellError,
    fold,
    format_date,
    is_lossy,
    normalise_group,
    parse_date,
)

__all__ = [
    "DEFAULT_GIVEN_BY",
    "AnswerDefaults",
    "ConsentRow",
    "PurposeColumn",
    "check_consent_mapping",
    "consent_fields",
    "guess_consent_mapping",
    "read_consent",
]

T = TypeVar("T")


@dataclass(frozen=True)
class AnswerDefaults:
    """What applies when the file has no column (or an empty cell) for it."""

    given_on: date
    today: date
    given_by: str = DEFAULT_GIVEN_BY
    relation: Relation = Relation.GUARDIAN_1


@dataclass(frozen=True)
class ConsentRow:
    """One checked row: the pupil it belongs to and its answers (purpose id, granted), in form order."""

    row: int
    pupil: ExistingPupil
    given_by: str
    relation: Relation
    given_on: date
    answers: tuple[tuple[int, bool], ...]


def _optional_date(cell: Cell) -> date | None:
    return None if cell is None else parse_date(cell)


def name_key(*parts: str) -> tuple[str, ...]:
    """The folded words of a name in any order: "Yılmaz, Şükrü" = "Şükrü Yılmaz"."""
    return tuple(sorted(name_words(" ".join(parts).replace(",", " "))))


def _group_key(text: str) -> str:
    try:
        return fold(normalise_group(text) or "")
    except CellError:
        return fold(text)


# ---------------------------------------------------------------------- rows


class _Matcher:
    """Finds the pupil a row is about: by number, else by name (and date of birth, group)."""

    def __init__(self, pupils: Sequence[ExistingPupil], today: date) -> None:
        self.by_number = {p.pupil_number: p for p in pupils if p.pupil_number}
        self.by_name: dict[tuple[str, ...], list[ExistingPupil]] = {}
        for pupil in pupils:
            if pupil.deregistered_on is None or pupil.deregistered_on > today:
                self.by_name.setdefault(name_key(pupil.first_name, pupil.infix, pupil.last_name), []).append(
                    pupil
                )
        self.today = today

    def find(self, row: MappedRow, problems: ProblemList) -> ExistingPupil | None:
        number = " ".join(row.text("pupil_number").split())
        shown = self._name_text(row)
        if number:
            return self._by_number(row, number, shown, problems)
        if not shown:
            column = (
                row.columns.get("pupil_number") or row.columns.get("last_name") or row.columns["full_name"]
            )
            problems.add(
                row.number, column, "", "De leerling ontbreekt. Vul het leerlingnummer of de naam in."
            )
            return None
        return self._by_name(row, shown, problems)

    @staticmethod
    def _name_text(row: MappedRow) -> str:
        if row.has("last_name"):
            return display_name(row.text("first_name"), row.text("infix"), row.text("last_name"))
        return " ".join(row.text("full_name").split())

    def _by_number(
        self, row: MappedRow, number: str, shown: str, problems: ProblemList
    ) -> ExistingPupil | None:
        column = row.columns["pupil_number"]
        pupil = self.by_number.get(number)
        if pupil is None:
            problems.add(
                row.number,
                column,
                number,
                f"Er is geen leerling met leerlingnummer {number} op deze school. Controleer het nummer, "
                "of importeer eerst de nieuwe leerlingenlijst.",
            )
            return None
        if shown and not set(name_key(shown)) & set(name_key(pupil.first_name, pupil.infix, pupil.last_name)):
            # Guards against a wrongly mapped id column that happens to hold an existing number.
            problems.add(
                row.number,
                column,
                number,
                f"Leerlingnummer {number} hoort bij {pupil.display_name}, maar in het bestand staat "
                f"'{shown}'. Controleer of de kolom echt het leerlingnummer bevat.",
            )
            return None
        return self._enrolled(row, column, pupil, problems)

    def _by_name(self, row: MappedRow, shown: str, problems: ProblemList) -> ExistingPupil | None:
        column = row.columns.get("last_name") or row.columns["full_name"]
        found = self.by_name.get(name_key(shown), [])
        born = row.value("date_of_birth", _optional_date, problems) if row.has("date_of_birth") else None
        if born is not None:
            found = [p for p in found if p.date_of_birth == born]
        if len(found) > 1 and row.text("group"):
            wanted = _group_key(row.text("group"))
            found = [p for p in found if _group_key(p.group_name or "") == wanted] or found
        if not found and is_lossy(shown):
            problems.add(row.number, column, shown, self._lossy(shown, born))
            return None
        if not found:
            extra = f" en geboortedatum {format_date(born)}" if born else ""
            problems.add(
                row.number,
                column,
                shown,
                f"Er is geen leerling met de naam '{shown}'{extra} op deze school. Controleer de spelling, "
                "of voeg een kolom met het leerlingnummer toe.",
            )
            return None
        if len(found) > 1:
            groups = ", ".join(f"groep {p.group_name or '-'}" for p in found)
            problems.add(
                row.number,
                column,
                shown,
                f"'{shown}' past bij {len(found)} leerlingen ({groups}). Voeg een kolom met het "
                "leerlingnummer of de geboortedatum toe.",
            )
            return None
        return found[0]

    def _lossy(self, shown: str, born: date | None) -> str:
        """Excel's CSV turned ş ı ł ễ into '?': say so, and which pupil the row probably is."""
        pattern = re.compile(
            ".".join(re.escape(part) for part in re.split(r"[?\ufffd]", shown)), re.IGNORECASE
        )
        candidates = [
            p
            for pupils in self.by_name.values()
            for p in pupils
            if (pattern.fullmatch(p.display_name) or pattern.fullmatch(f"{p.last_name}, {p.first_name}"))
            and (born is None or p.date_of_birth == born)
        ]
        message = f"In de naam '{shown}' staat een '?' waar een letter hoort. {LOSSY_HINT}"
        if len(candidates) == 1:
            message += f" Deze rij hoort waarschijnlijk bij {candidates[0].label_with_group}."
        return message

    def _enrolled(
        self, row: MappedRow, column: str, pupil: ExistingPupil, problems: ProblemList
    ) -> ExistingPupil | None:
        if pupil.deregistered_on is not None and pupil.deregistered_on <= self.today:
            problems.add(
                row.number,
                column,
                pupil.pupil_number,
                f"{pupil.display_name} is uitgeschreven op {format_date(pupil.deregistered_on)}. "
                "Haal deze rij uit het bestand.",
            )
            return None
        return pupil


def read_consent(
    table: Table,
    mapping: ColumnMapping,
    purposes: Sequence[PurposeColumn],
    pupils: Sequence[ExistingPupil],
    defaults: AnswerDefaults,
) -> list[ConsentRow]:
    """Check and match every row; ImportRejected lists every problem of the file (nothing half-read)."""
    used, mapping_problems = check_consent_mapping(mapping, purposes)
    problems = ProblemList(table.source_name)
    problems.items.extend(mapping_problems)
    problems.raise_if_any()
    matcher = _Matcher(pupils, defaults.today)
    mapped = [p for p in purposes if any(k in used for k in purpose_keys(p))]
    rows = [r for row in mapped_rows(table, used) if (r := _row(row, mapped, matcher, defaults, problems))]
    if "given_by" in used and "relation" not in used:
        rows = guardian_slots(rows, defaults.relation, table.headers[used["given_by"]], problems)
    _check_twice(rows, used, table, problems)
    problems.items.sort(key=lambda p: p.row or 0)  # stable: per row in the order found
    problems.raise_if_any()
    return rows


def _row(
    row: MappedRow,
    purposes: Sequence[PurposeColumn],
    matcher: _Matcher,
    defaults: AnswerDefaults,
    problems: ProblemList,
) -> ConsentRow | None:
    before = len(problems.items)
    pupil = matcher.find(row, problems)
    answers = [(p.purpose_id, _answer(row, p, problems)) for p in purposes]
    given_by = _optional(row, "given_by", parse_given_by, problems) or defaults.given_by
    relation = _optional(row, "relation", parse_relation_cell, problems) or defaults.relation
    given_on = _optional(row, "given_on", parse_answer_date, problems) or defaults.given_on
    if pupil is not None:
        _check_date(row, pupil, relation, given_on, defaults.today, problems)
    if pupil is None or len(problems.items) > before:
        return None
    given = tuple((purpose_id, granted) for purpose_id, granted in answers if granted is not None)
    return ConsentRow(row.number, pupil, given_by, relation, given_on, given)


def _answer(row: MappedRow, purpose: PurposeColumn, problems: ProblemList) -> bool | None:
    """The purpose's answer over its columns: a "no" in any of them wins, then a "yes"."""
    said = [row.value(key, parse_answer, problems) for key in purpose_keys(purpose) if row.has(key)]
    if False in said:
        return False
    return True if True in said else None


_SLOTS = (Relation.GUARDIAN_1, Relation.GUARDIAN_2, Relation.LEGAL_GUARDIAN)


def guardian_slots(
    rows: Sequence[ConsentRow], default: Relation, column: str, problems: ProblemList
) -> list[ConsentRow]:
    """One row per guardian (Social Schools): each named guardian of a pupil gets their own slot, in
    alphabetical order of the name so that the next export gives the same guardian the same slot.
    A pupil with one guardian in the file keeps the default relation."""
    names: dict[int, list[str]] = {}
    for row in rows:
        wanted = fold(row.given_by)
        if wanted not in names.setdefault(row.pupil.id, []):
            names[row.pupil.id].append(wanted)
    result = []
    for row in rows:
        known = sorted(names[row.pupil.id])
        if len(known) == 1:
            result.append(row)
        elif len(known) > len(_SLOTS):
            problems.add(
                row.row,
                column,
                row.given_by,
                f"{row.pupil.display_name} heeft {len(known)} verschillende ouders/verzorgers in het "
                "bestand; het programma houdt er hoogstens drie bij. Laat alleen de ouders met gezag staan.",
            )
        else:
            result.append(replace(row, relation=_SLOTS[known.index(fold(row.given_by))]))
    return result


def _optional(row: MappedRow, key: str, parse: Callable[[Cell], T | None], problems: ProblemList) -> T | None:
    return row.value(key, parse, problems) if row.has(key) else None


def _check_date(
    row: MappedRow, pupil: ExistingPupil, relation: Relation, on: date, today: date, problems: ProblemList
) -> None:
    column = row.columns.get("given_on")
    shown = format_date(on)
    where = f"kolom '{column}'" if column else "de opgegeven datum"
    if on > today:
        problems.add(row.number, column, shown, f"De datum {shown} ligt in de toekomst ({where}).")
    elif on < pupil.date_of_birth:
        problems.add(
            row.number,
            column,
            shown,
            f"De datum {shown} ligt vóór de geboortedatum van {pupil.display_name}.",
        )
    elif relation is not Relation.PUPIL and on >= sixteenth_birthday(pupil.date_of_birth):
        problems.add(
            row.number,
            row.columns.get("relation", column),
            shown,
            f"{pupil.display_name} was op {shown} al 16 en beslist zelf. Antwoorden van ouders tellen dan "
            "niet; haal deze rij uit het bestand en leg de keuze van de leerling zelf vast.",
        )
    elif relation is Relation.PUPIL and on < sixteenth_birthday(pupil.date_of_birth):
        problems.add(
            row.number,
            row.columns.get("relation"),
            relation.value,
            f"{pupil.display_name} was op {shown} nog geen 16 en mag nog niet zelf beslissen.",
        )


def _check_twice(
    rows: Sequence[ConsentRow], mapping: ColumnMapping, table: Table, problems: ProblemList
) -> None:
    """One answer per pupil and guardian: a second row would make the result depend on row order."""
    column = table.headers[mapping.get("pupil_number", mapping.get("last_name", mapping.get("full_name", 0)))]
    first: dict[tuple[int, Relation], int] = {}
    for row in rows:
        seen = first.setdefault((row.pupil.id, row.relation), row.row)
        if seen != row.row:
            problems.add(
                row.row,
                column,
                row.pupil.pupil_number or row.pupil.display_name,
                f"{row.pupil.display_name} staat ook op rij {seen} (zelfde ouder/verzorger). "
                "Laat één rij per leerling staan, of vul een kolom 'Relatie' in (ouder 1, ouder 2).",
            )
