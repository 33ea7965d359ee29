"""Complaints about the handling of personal data (DOMAIN.md section 3a).

The FG is the contact point. The school's complaints procedure sets the answer term; six weeks is the
default (the Awb's term for objections, which most school complaint rules follow). The complainant is
told that they may go to the Autoriteit Persoonsgegevens (AVG art. 77).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.requests import Level

DEFAULT_TERM_WEEKS = 6
AMBER_DAYS = 7


class ComplainantRole(StrEnum):
    PARENT = "parent"
    PUPIL = "pupil"
    STAFF = "staff"
    OTHER = "other"


ROLE_LABELS: dict[ComplainantRole, str] = {
    ComplainantRole.PARENT: "Ouder/verzorger",
    ComplainantRole.PUPIL: "Leerling",
    ComplainantRole.STAFF: "Medewerker",
    ComplainantRole.OTHER: "Anders",
}


class ComplaintOutcome(StrEnum):
    FOUNDED = "founded"
    PARTLY = "partly"
    UNFOUNDED = "unfounded"
    WITHDRAWN = "withdrawn"


OUTCOME_LABELS: dict[ComplaintOutcome, str] = {
    ComplaintOutcome.FOUNDED: "Gegrond",
    ComplaintOutcome.PARTLY: "Deels gegrond",
    ComplaintOutcome.UNFOUNDED: "Ongegrond",
    ComplaintOutcome.WITHDRAWN: "Ingetrokken",
}


def deadline(received_on: date, weeks: int = DEFAULT_TERM_WEEKS) -> date:
    if not 1 <= weeks <= 26:
        raise BadInputError("Kies een termijn van 1 tot en met 26 weken.")
    return received_on + timedelta(weeks=weeks)


@dataclass(frozen=True)
class ComplaintStatus:
    text: str
    level: Level
    answered: bool
    overdue: bool


def complaint_status(deadline_on: date, answered_on: date | None, today: date) -> ComplaintStatus:
    if answered_on is not None:
        if answered_on > deadline_on:
            return ComplaintStatus(f"Te laat beantwoord ({answered_on:%d-%m-%Y})", Level.OK, True, False)
        return ComplaintStatus(f"Beantwoord op {answered_on:%d-%m-%Y}", Level.OK, True, False)
    left = (deadline_on - today).days
    if left < 0:
        return ComplaintStatus(f"Te laat (uiterlijk {deadline_on:%d-%m-%Y})", Level.RED, False, True)
    if left == 0:
        return ComplaintStatus("Vandaag beantwoorden", Level.RED, False, False)
    level = Level.AMBER if left <= AMBER_DAYS else Level.OK
    days = "1 dag" if left == 1 else f"{left} dagen"
    return ComplaintStatus(f"Open, nog {days}", level, False, False)


def check_answer(
    received_on: date, answered_on: date, outcome: ComplaintOutcome | None, ap_told: bool
) -> None:
    if answered_on < received_on:
        raise BadInputError(
            f"De datum van het antwoord {answered_on:%d-%m-%Y} ligt vóór de ontvangst {received_on:%d-%m-%Y}."
        )
    if outcome is None:
        raise BadInputError("Kies de uitkomst van de klacht.")
    if not ap_told and outcome is not ComplaintOutcome.WITHDRAWN:
        raise BadInputError(
            "Vertel de klager in het antwoord dat hij of zij een klacht kan indienen bij de Autoriteit "
            "Persoonsgegevens, en vink dat aan."
        )
