"""An existing incident register (the school's own spreadsheet): fields, and rows checked into records.

Built on the generic reader (tabular, mapping, values): the same mapping step as the pupil import and
all or nothing: every problem is collected with its row and column, then the file is refused whole.
The register's own numbers are kept as given ("DL-2024-3" stays "DL-2024-3").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from ibp_desktop.core.incidents.records import ApForm, IncidentFacts
from ibp_desktop.core.incidents.rules import (
    DataKind,
    Decision,
    IncidentStatus,
    IncidentType,
    PeopleGroup,
)
from ibp_desktop.importers.incident_values import (
    PeopleCount,
    YesNoDetail,
    consequences_of,
    data_kinds_of,
    natures_of,
    optional_moment,
    parse_moment,
    parse_people,
    parse_status,
    parse_time,
    parse_yes_no_detail,
    people_groups_of,
    with_time,
)
from ibp_desktop.importers.mapping import ColumnMapping, FieldSpec, MappedRow, mapped_rows, missing_fields
from ibp_desktop.importers.problems import ImportProblem, ProblemList
from ibp_desktop.importers.tabular import Table
from ibp_desktop.importers.values import Cell, CellError, fold

__all__ = ["INCIDENT_FIELDS", "ImportedIncident", "check_mapping", "parse_moment", "read_incidents"]

T = TypeVar("T")


def _spec(key: str, label: str, required: bool, *synonyms: str) -> FieldSpec:
    return FieldSpec(key, label, required, synonyms)


INCIDENT_FIELDS: tuple[FieldSpec, ...] = (
    _spec("number", "Nummer", True, "incidentnummer", "nr", "volgnummer", "registratienummer", "id",
          "nummer incident", "kenmerk"),
    _spec("title", "Titel", False, "onderwerp", "korte omschrijving", "incident", "naam"),
    _spec("description", "Omschrijving", False, "omschrijving incident", "beschrijving", "wat is er gebeurd",
          "toelichting", "feiten"),
    _spec("incident_type", "Soort", False, "soort incident", "type", "categorie", "soort datalek",
          "type incident"),
    _spec("discovered_at", "Ontdekt op", True, "datum ontdekking", "datum ontdekt", "ontdekt",
          "ontdekt op", "datum"),
    _spec("discovered_time", "Tijd ontdekt", False, "tijd ontdekt", "tijd ontdekking", "tijdstip ontdekking",
          "tijdstip ontdekt", "tijdstip", "tijd"),
    _spec("started_at", "Begonnen op", False, "datum incident", "datum begin", "begonnen", "begin", "start",
          "datum voorval"),
    _spec("ended_at", "Geëindigd op", False, "geeindigd", "datum einde", "einde", "eind"),
    _spec("reported_by", "Gemeld door", False, "gemeld door", "melder", "gemeld door functie",
          "ingevoerd door"),
    _spec("natures", "Aard inbreuk", False, "aard inbreuk", "aard van de inbreuk", "soort inbreuk",
          "aard datalek", "wat is er met de gegevens gebeurd"),
    _spec("data_kinds", "Soort persoonsgegevens", False, "soort persoonsgegevens", "persoonsgegevens",
          "soort gegevens", "welke gegevens", "categorie persoonsgegevens"),
    _spec("special_data", "Bijzondere persoonsgegevens", False, "bijzondere persoonsgegevens",
          "bijzondere gegevens", "gevoelige gegevens"),
    _spec("people_count", "Aantal betrokkenen", False, "aantal betrokkenen", "aantal personen",
          "aantal getroffen personen", "omvang"),
    _spec("people_groups", "Categorie betrokkenen", False, "categorie betrokkenen", "betrokkenen",
          "soort betrokkenen", "wie zijn betrokken", "groep betrokkenen"),
    _spec("consequences", "Mogelijke gevolgen", False, "mogelijke gevolgen", "gevolgen",
          "(mogelijke) gevolgen", "gevolgen voor betrokkenen"),
    _spec("reportable", "Gemeld bij AP (ja/nee)", False, "meldplichtig", "gemeld bij ap", "gemeld ap",
          "melden bij ap", "datalek"),
    _spec("notified_at", "Datum melding AP", False, "datum melding ap", "gemeld bij ap op", "datum gemeld ap",
          "melddatum ap", "melding ap", "gemeld bij ap"),
    _spec("ap_reference", "Meldnummer AP", False, "meldnummer", "kenmerk ap", "referentie ap"),
    _spec("late_reason", "Reden te late melding", False, "reden vertraging", "reden te laat"),
    _spec("subjects_informed", "Betrokkenen geïnformeerd", False, "betrokkenen geinformeerd",
          "betrokkenen ingelicht", "betrokkenen op de hoogte"),
    _spec("subjects_informed_at", "Datum betrokkenen geïnformeerd", False, "datum betrokkenen geinformeerd",
          "betrokkenen geinformeerd op", "datum informeren betrokkenen"),
    _spec("decision_reasons", "Motivatie (niet) melden", False, "motivatie niet melden", "motivatie",
          "reden niet melden", "waarom niet gemeld", "motivatie melden", "onderbouwing"),
    _spec("measures", "Maatregelen", False, "genomen maatregelen", "acties", "maatregel"),
    _spec("status", "Status", False, "stand", "stand van zaken"),
    _spec("closed_at", "Datum afgehandeld", False, "datum afgehandeld", "afgehandeld op", "datum afgesloten",
          "afgesloten op", "afgehandeld"),
    _spec("evaluation", "Evaluatie", False, "lessen", "wat veranderen we", "geleerde lessen"),
)  # fmt: skip

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


@dataclass(frozen=True)
class ImportedIncident:
    row: int
    number: str
    facts: IncidentFacts
    form: ApForm
    reported_by: str
    decision: Decision | None
    decision_reasons: str
    notified_at: datetime | None
    ap_reference: str
    late_reason: str
    status: IncidentStatus
    closed_at: datetime | None
    evaluation: str


def incident_type_of(text: str) -> IncidentType:
    """The closest type for the register's own wording; "Anders" when nothing fits."""
    lowered = text.casefold()
    for kind, words in _TYPE_WORDS:
        if any(word in lowered for word in words):
            return kind
    return IncidentType.OTHER


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


def _text(row: MappedRow, key: str) -> str:
    return " ".join(row.text(key).split()) if key != "description" else row.text(key).strip()


def _optional(row: MappedRow, key: str, parse: Callable[[Cell], T], problems: ProblemList) -> T | None:
    return row.value(key, parse, problems) if row.has(key) and row.raw(key) is not None else None


def _moments(row: MappedRow, now: datetime, problems: ProblemList) -> dict[str, datetime | None]:
    started = _optional(row, "started_at", optional_moment, problems)
    if row.raw("discovered_at") is None and started is not None:
        discovered: datetime | None = started  # noted in the remarks by _form: never silently
    else:
        discovered = row.value("discovered_at", parse_moment, problems)
    discovered = with_time(discovered, _optional(row, "discovered_time", parse_time, problems))
    if discovered is not None and discovered > now:
        where = row.columns["discovered_at"]
        problems.add(row.number, where, row.text("discovered_at"), "Deze datum ligt in de toekomst.")
    said, notified = _optional(row, "notified_at", _reported, problems) or (YesNoDetail(None, ""), None)
    if said.yes and notified is None:
        problems.add(
            row.number,
            row.columns["notified_at"],
            row.text("notified_at"),
            "Hier hoort de datum van de melding bij de AP. Zet 'ja' of 'nee' in de kolom 'Gemeld bij AP'.",
        )
    if notified is not None and discovered is not None and notified.date() < discovered.date():
        where = row.columns["notified_at"]
        problems.add(row.number, where, row.text("notified_at"), "De melding ligt vóór de ontdekking.")
    return {
        "discovered": discovered,
        "started": started,
        "ended": _optional(row, "ended_at", optional_moment, problems),
        "notified": notified,
        "informed": _optional(row, "subjects_informed_at", optional_moment, problems),
    }


def _closed(row: MappedRow, problems: ProblemList) -> tuple[bool, datetime | None]:
    """ "Datum afgehandeld" holds a date; older registers write "ja" in an "Afgehandeld" column."""
    text = fold(row.text("closed_at"))
    if text in {"ja", "j", "x"}:
        return True, None
    if text in {"", "nee", "n", "nvt"}:
        return False, None
    moment = _optional(row, "closed_at", optional_moment, problems)
    return moment is not None, moment


def _record(row: MappedRow, now: datetime, problems: ProblemList) -> ImportedIncident | None:
    before = len(problems.items)
    number = row.text("number").strip()
    if not number:
        problems.add(row.number, row.columns.get("number"), "", "Het nummer ontbreekt.")
    description = _text(row, "description")
    title = _text(row, "title") or _short(description)
    if not title:
        problems.add(
            row.number, row.columns.get("title", "Titel"), "", "Titel en omschrijving ontbreken allebei."
        )
    moments = _moments(row, now, problems)
    reported, reported_on = _optional(row, "reportable", _reported, problems) or (YesNoDetail(None, ""), None)
    if moments["notified"] is None:
        moments["notified"] = reported_on  # "Gemeld bij AP: 11-01-2025": a date there means "ja, op"
    informed = _optional(row, "subjects_informed", parse_yes_no_detail, problems) or YesNoDetail(None, "")
    special = _optional(row, "special_data", parse_yes_no_detail, problems) or YesNoDetail(None, "")
    people = _optional(row, "people_count", parse_people, problems)
    status = _optional(row, "status", parse_status, problems)
    closed, closed_at = _closed(row, problems)
    discovered = moments["discovered"]
    if len(problems.items) > before or discovered is None:
        return None
    informed_yes = informed.yes is True or moments["informed"] is not None
    decision = _decision(reported.yes, moments["notified"], informed_yes)
    derived = (
        IncidentStatus.CLOSED
        if closed
        else IncidentStatus.NOTIFIED
        if moments["notified"]
        else IncidentStatus.ASSESSING
        if decision
        else IncidentStatus.NEW
    )
    return ImportedIncident(
        row=row.number,
        number=number,
        facts=IncidentFacts(
            title[:200],
            description,
            incident_type_of(row.text("incident_type") or title),
            discovered,
            moments["started"],
            moments["ended"],
        ),
        form=_form(row, special, people, informed, moments["informed"]),
        reported_by=_text(row, "reported_by"),
        decision=decision,
        decision_reasons=_text(row, "decision_reasons"),
        notified_at=moments["notified"],
        ap_reference=_text(row, "ap_reference"),
        late_reason=_text(row, "late_reason"),
        status=status or derived,
        closed_at=closed_at,
        evaluation=_text(row, "evaluation"),
    )


def _short(text: str, limit: int = 80) -> str:
    """A title from the description: its first line, cut at a word with "…" when longer."""
    line = " ".join(text.split("\n")[0].split())
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _reported(cell: Cell) -> tuple[YesNoDetail, datetime | None]:
    try:
        return parse_yes_no_detail(cell), None
    except CellError as error:
        try:
            return YesNoDetail(True, ""), parse_moment(cell)
        except CellError:
            raise error from None


def _decision(reported: bool | None, notified: datetime | None, informed: bool) -> Decision | None:
    """ "Gemeld bij AP: Ja" and "Datum melding AP" are one fact: either one means notified."""
    if reported is None and notified is None:
        return None
    if reported is False and notified is None:
        return Decision.NOT_REPORTABLE
    return Decision.NOTIFY_AP_AND_SUBJECTS if informed else Decision.NOTIFY_AP


def _form(
    row: MappedRow,
    special: YesNoDetail,
    people: PeopleCount | None,
    informed: YesNoDetail,
    informed_at: datetime | None,
) -> ApForm:
    """The AP form's sections from the register's words; its own text is kept next to the codes."""
    data_text = _text(row, "data_kinds")
    kinds = list(data_kinds_of(data_text))
    if special.yes and DataKind.SPECIAL not in kinds:
        kinds.append(DataKind.SPECIAL)
    data_other = "; ".join(
        part
        for part in (data_text, f"bijzondere persoonsgegevens: {special.detail}" if special.yes else "")
        if part
    )
    if data_text and not kinds:
        kinds.append(DataKind.OTHER)
    groups_text = _text(row, "people_groups")
    groups = list(people_groups_of(groups_text)) or ([PeopleGroup.OTHER] if groups_text else [])
    remarks = []
    if row.raw("discovered_at") is None:
        remarks.append(
            "De datum van ontdekking ontbrak in het register; de datum van het incident is gebruikt."
        )
    if people is not None and people.minimum is None and people.text:
        remarks.append(f"Aantal betrokkenen volgens het register: {people.text}")
    how = informed.detail
    if informed.yes and informed_at is None:
        how = how or "volgens het oude register: ja (datum niet vastgelegd)"
    consequences_text = _text(row, "consequences")
    return ApForm(
        natures=natures_of(_text(row, "natures")),
        data_kinds=tuple(dict.fromkeys(kinds)),
        data_other=data_other,
        people_groups=tuple(dict.fromkeys(groups)),
        people_other=groups_text if PeopleGroup.OTHER in groups else "",
        people_min=people.minimum if people else None,
        people_max=people.maximum if people else None,
        consequences=consequences_of(consequences_text),
        consequences_details=consequences_text,
        subjects_informed_at=informed_at,
        subjects_informed_how=how if informed.yes or informed_at else "",
        subjects_not_informed_reason=informed.detail if informed.yes is False else "",
        measures_taken=_text(row, "measures"),
        other_remarks="\n".join(
            [*remarks, *([f"Aard inbreuk volgens het register: {n}"] if (n := _text(row, "natures")) else [])]
        ),
    )
