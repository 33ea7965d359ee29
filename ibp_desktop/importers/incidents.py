"""An existing incident register (the school's own spreadsheet): fields, and rows checked into records.

Built on the generic reader (tabular, mapping, values): the same mapping step as the pupil import and
all or nothing: every problem is collected with its row and column, then the file is refused whole.
The register's own numbers are kept as given ("DL-2024-3" stays "DL-2024-3").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from ibp_desktop.core.incident_records import IncidentFacts
from ibp_desktop.core.incidents import AMSTERDAM, Decision, IncidentStatus, IncidentType
from ibp_desktop.importers.mapping import ColumnMapping, FieldSpec, MappedRow, mapped_rows, missing_fields
from ibp_desktop.importers.problems import ImportProblem, ProblemList
from ibp_desktop.importers.tabular import Table
from ibp_desktop.importers.values import Cell, CellError, cell_text, fold, parse_date, parse_yes_no

__all__ = ["INCIDENT_FIELDS", "ImportedIncident", "check_mapping", "parse_moment", "read_incidents"]


def _spec(key: str, label: str, required: bool, *synonyms: str) -> FieldSpec:
    return FieldSpec(key, label, required, synonyms)


INCIDENT_FIELDS: tuple[FieldSpec, ...] = (
    _spec("number", "Nummer", True, "incidentnummer", "nr", "volgnummer", "registratienummer", "id"),
    _spec("title", "Titel", False, "onderwerp", "korte omschrijving", "incident", "naam"),
    _spec("description", "Omschrijving", False, "beschrijving", "wat is er gebeurd", "toelichting"),
    _spec("incident_type", "Soort", False, "soort incident", "type", "categorie", "soort datalek"),
    _spec("discovered_at", "Ontdekt op", True, "ontdekt", "datum ontdekt", "datum ontdekking", "datum"),
    _spec("started_at", "Begonnen op", False, "begonnen", "datum begin", "begin", "start"),
    _spec("ended_at", "Geëindigd op", False, "geeindigd", "datum einde", "einde", "eind"),
    _spec("reported_by", "Gemeld door", False, "melder", "gemeld door", "ingevoerd door"),
    _spec("reportable", "Meldplichtig", False, "meldplichtig", "melden bij ap", "datalek"),
    _spec("notified_at", "Gemeld bij de AP op", False, "gemeld bij ap", "datum melding ap", "melding ap"),
    _spec("ap_reference", "Meldnummer AP", False, "meldnummer", "kenmerk ap", "referentie ap"),
    _spec("late_reason", "Reden te late melding", False, "reden vertraging", "reden te laat"),
    _spec("subjects_informed_at", "Betrokkenen geïnformeerd op", False, "betrokkenen geinformeerd"),
    _spec("measures", "Maatregelen", False, "genomen maatregelen", "acties", "maatregel"),
    _spec("status", "Status", False, "stand", "afgehandeld"),
    _spec("evaluation", "Evaluatie", False, "lessen", "wat veranderen we"),
)

_TYPE_WORDS: tuple[tuple[IncidentType, tuple[str, ...]], ...] = (
    (IncidentType.EMAIL_CC_NOT_BCC, ("bcc",)),
    (IncidentType.PHISHING, ("phishing", "phising", "nepmail")),
    (IncidentType.MALWARE, ("ransomware", "malware", "virus", "gijzel")),
    (IncidentType.BACKUP_FAILED, ("backup", "back-up")),
    (IncidentType.DEVICE_LOST, ("usb", "laptop", "telefoon", "apparaat", "tablet", "diefstal", "gestolen")),
    (IncidentType.UNAUTHORISED_ACCESS, ("toegang", "inbraak", "account", "hack")),
    (IncidentType.PAPER_LOST, ("papier", "print", "lijst", "map", "dossier")),
    (IncidentType.EMAIL_WRONG_RECIPIENT, ("mail", "ontvanger")),
)
_STATUS_WORDS = {
    "nieuw": IncidentStatus.NEW,
    "open": IncidentStatus.NEW,
    "inbeoordeling": IncidentStatus.ASSESSING,
    "inbehandeling": IncidentStatus.ASSESSING,
    "gemeld": IncidentStatus.NOTIFIED,
    "afgehandeld": IncidentStatus.CLOSED,
    "gesloten": IncidentStatus.CLOSED,
    "ja": IncidentStatus.CLOSED,
}
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?::(\d{2}))?")
_NO_ANSWER = frozenset({"nee", "n", "no", "-", "nvt", "n.v.t."})


@dataclass(frozen=True)
class ImportedIncident:
    row: int
    number: str
    facts: IncidentFacts
    reported_by: str
    decision: Decision | None
    notified_at: datetime | None
    ap_reference: str
    late_reason: str
    subjects_informed_at: datetime | None
    measures: str
    status: IncidentStatus
    evaluation: str


def parse_moment(value: Cell) -> datetime:
    """A date, or a date with a time ("12-03-2026 14:05", "2026-03-12T14:05"), in Amsterdam time.

    A date without a time counts from 00:00 (an .xlsx date cell arrives without its time)."""
    if isinstance(value, date):
        return datetime.combine(value, time(0), AMSTERDAM)
    text = (value or "").strip()
    day_text, _sep, time_text = text.replace("T", " ", 1).partition(" ")
    day = parse_date(day_text)
    if not time_text.strip():
        return datetime.combine(day, time(0), AMSTERDAM)
    match = _TIME.fullmatch(time_text.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise CellError(f"'{text}' heeft geen geldige tijd. Schrijf bijvoorbeeld 12-03-2026 14:05.")
    return datetime.combine(day, time(int(match.group(1)), int(match.group(2))), AMSTERDAM)


def _optional_moment(value: Cell) -> datetime | None:
    if value is None or cell_text(value).strip().casefold() in _NO_ANSWER | {""}:
        return None
    return parse_moment(value)


def incident_type_of(text: str) -> IncidentType:
    """The closest type for the register's own wording; "Anders" when nothing fits."""
    lowered = text.casefold()
    for kind, words in _TYPE_WORDS:
        if any(word in lowered for word in words):
            return kind
    return IncidentType.OTHER


def _status(value: Cell) -> IncidentStatus | None:
    text = fold(cell_text(value))
    if not text:
        return None
    if text in _STATUS_WORDS:
        return _STATUS_WORDS[text]
    raise CellError(
        f"'{cell_text(value)}' is geen status. Gebruik nieuw, in beoordeling, gemeld of afgehandeld."
    )


def check_mapping(mapping: ColumnMapping) -> list[ImportProblem]:
    problems = missing_fields(mapping, INCIDENT_FIELDS)
    if "title" not in mapping and "description" not in mapping:
        problems.append(
            ImportProblem(
                None, None, None, "Geen kolom gevonden voor 'Titel' of 'Omschrijving'. Geef er één aan."
            )
        )
    return problems


def read_incidents(
    table: Table, mapping: ColumnMapping, now: datetime, existing: set[str]
) -> list[ImportedIncident]:
    """Every row checked; ImportRejected with all problems (nothing is written then)."""
    problems = ProblemList(table.source_name)
    problems.items.extend(check_mapping(mapping))
    problems.raise_if_any()
    records: list[ImportedIncident] = []
    seen: dict[str, int] = {}
    for row in mapped_rows(table, mapping):
        number, column = row.text("number").strip(), row.columns.get("number", "Nummer")
        if number in seen:
            problems.add(row.number, column, number, f"Dit nummer staat ook in rij {seen[number]}.")
        elif number in existing:
            problems.add(row.number, column, number, "Dit incident staat al in het register van de school.")
        if number:
            seen.setdefault(number, row.number)
        record = _record(row, now, problems)
        if record is not None:
            records.append(record)
    if not records and not problems:
        problems.add(None, None, None, "Het bestand bevat geen incidenten.")
    problems.raise_if_any()
    return records


def _record(row: MappedRow, now: datetime, problems: ProblemList) -> ImportedIncident | None:
    before = len(problems.items)
    number = row.text("number").strip()
    if not number:
        problems.add(row.number, row.columns.get("number"), "", "Het nummer ontbreekt.")
    description = row.text("description").strip()
    title = (row.text("title").strip() or description[:80]).strip()
    if not title:
        problems.add(
            row.number, row.columns.get("title", "Titel"), "", "Titel en omschrijving ontbreken allebei."
        )
    discovered = row.value("discovered_at", parse_moment, problems)
    if discovered is not None and discovered > now:
        problems.add(
            row.number,
            row.columns["discovered_at"],
            row.text("discovered_at"),
            "Deze datum ligt in de toekomst.",
        )
    started = row.value("started_at", _optional_moment, problems)
    ended = row.value("ended_at", _optional_moment, problems)
    reportable = row.value("reportable", parse_yes_no, problems)
    notified = row.value("notified_at", _optional_moment, problems)
    if notified is not None and discovered is not None and notified < discovered:
        problems.add(
            row.number,
            row.columns["notified_at"],
            row.text("notified_at"),
            "De melding ligt vóór de ontdekking.",
        )
    informed = row.value("subjects_informed_at", _optional_moment, problems)
    status = row.value("status", _status, problems)
    if len(problems.items) > before or discovered is None:
        return None
    decision = None if reportable is None else Decision.NOTIFY_AP if reportable else Decision.NOT_REPORTABLE
    if decision is None and notified is not None:
        decision = Decision.NOTIFY_AP
    derived = (
        IncidentStatus.NOTIFIED if notified else IncidentStatus.ASSESSING if decision else IncidentStatus.NEW
    )
    return ImportedIncident(
        row=row.number,
        number=number,
        facts=IncidentFacts(
            title[:200],
            description,
            incident_type_of(row.text("incident_type") or title),
            discovered,
            started,
            ended,
        ),
        reported_by=row.text("reported_by").strip(),
        decision=decision,
        notified_at=notified,
        ap_reference=row.text("ap_reference").strip(),
        late_reason=row.text("late_reason").strip(),
        subjects_informed_at=informed,
        measures=row.text("measures").strip(),
        status=status or derived,
        evaluation=row.text("evaluation").strip(),
    )
