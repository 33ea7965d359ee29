"""Overdraagbaarheid (AVG art. 20): what the program holds about one pupil in a machine-readable form,
JSON and CSV, from the same data as the access-request PDF (reports/access_request.py).

JSON keeps the structure (one object per part); the CSV is one long table (part, row, field, value) that
any spreadsheet or import tool reads, in the Excel dialect the other registers use.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ibp_desktop.reports.access_request import AccessRequestData
from ibp_desktop.reports.excel_csv import excel_csv

FORMAT = "ibp-desktop/overdraagbaarheid"
VERSION = 1
HISTORY_FIELDS = {
    "given_on": "datum",
    "purpose": "doel",
    "answer": "antwoord",
    "given_by": "gegeven_door",
    "relation": "relatie",
    "channel": "kanaal",
    "form": "formulier",
    "recorded": "vastgelegd",
    "follow_up": "opvolging",
    "note": "opmerking",
}
REQUEST_FIELDS = {
    "number": "nummer",
    "received_on": "ontvangen_op",
    "requester": "verzoeker",
    "right": "recht",
    "deadline": "uiterlijk",
    "answered_on": "beantwoord_op",
    "outcome": "uitkomst",
    "status": "status",
}
INCIDENT_FIELDS = {
    "number": "nummer",
    "discovered": "ontdekt",
    "type_label": "soort",
    "status": "status",
    "title": "titel",
    "description": "omschrijving",
}


def _renamed(record: object, names: dict[str, str]) -> dict[str, str]:
    values = asdict(record)  # type: ignore[call-overload]  # a dataclass instance
    return {names[key]: str(values[key]) for key in names}


def portable(data: AccessRequestData) -> dict[str, Any]:
    """The document as plain JSON-ready values (Dutch keys: the receiver is a Dutch school or parent)."""
    return {
        "formaat": FORMAT,
        "versie": VERSION,
        "gemaakt_op": data.generated_at.isoformat(),
        "school": data.school_name,
        "stand_van": data.status_date,
        "leerling": dict(data.pupil),
        "toestemming_nu": [{"doel": purpose, "status": status} for purpose, status in data.consent_current],
        "toestemming_geschiedenis": [_renamed(line, HISTORY_FIELDS) for line in data.consent_lines],
        "verzoeken": [_renamed(line, REQUEST_FIELDS) for line in data.requests],
        "incidenten": [_renamed(line, INCIDENT_FIELDS) for line in data.incidents],
    }


def render_json(data: AccessRequestData) -> bytes:
    return (json.dumps(portable(data), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_csv(data: AccessRequestData) -> bytes:
    document = portable(data)
    rows: list[tuple[str, str, str, str]] = [
        ("bestand", "1", key, str(document[key])) for key in ("formaat", "versie", "gemaakt_op", "school")
    ]
    rows += [("leerling", "1", key, value) for key, value in document["leerling"].items()]
    for part in ("toestemming_nu", "toestemming_geschiedenis", "verzoeken", "incidenten"):
        for number, record in enumerate(document[part], start=1):
            rows += [(part, str(number), key, value) for key, value in record.items()]
    return excel_csv(("onderdeel", "rij", "veld", "waarde"), rows)
