"""DPIA (gegevensbeschermingseffectbeoordeling, AVG art. 35; DOMAIN.md section 3a).

The pre-scan: a DPIA is required when the processing is on the AP's list ("Besluit inzake lijst van
verwerkingen van persoonsgegevens waarvoor een DPIA verplicht is", Stcrt. 2019, 64418) or when two or
more of the nine EDPB criteria apply (WP248 rev.01). The DPIA itself weighs risks as likelihood x impact
on a 3x3 matrix; the FG's advice is asked and recorded before the decision (art. 35(2)).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.requests import Level

CRITERIA_THRESHOLD = 2
REVIEW_WARN_DAYS = 60

AP_LIST: dict[str, str] = {
    "heimelijk": "Heimelijk onderzoek",
    "zwarte_lijst": "Zwarte lijsten",
    "fraude": "Fraudebestrijding",
    "kredietwaardigheid": "Creditscores",
    "financieel": "Financiële situatie",
    "genetisch": "Genetische persoonsgegevens",
    "gezondheid": "Gezondheidsgegevens",
    "samenwerking": "Samenwerkingsverbanden",
    "camera": "Cameratoezicht",
    "flexibel_camera": "Flexibel cameratoezicht",
    "werknemers": "Controle van werknemers",
    "locatie": "Locatiegegevens",
    "communicatie": "Communicatiegegevens",
    "iot": "Internet of things",
    "profilering": "Profilering",
    "gedrag": "Observatie en beïnvloeding van gedrag",
    "biometrie": "Biometrische gegevens",
}

EDPB_CRITERIA: dict[str, str] = {
    "evaluatie": "Evaluatie of scoring (ook profilering en voorspellen)",
    "automatisch": "Geautomatiseerde besluiten met (vergelijkbaar) rechtsgevolg",
    "monitoring": "Stelselmatige monitoring",
    "gevoelig": "Gevoelige of zeer persoonlijke gegevens (zoals zorggegevens)",
    "grootschalig": "Grootschalige verwerking",
    "combineren": "Koppelen of combineren van gegevensverzamelingen",
    "kwetsbaar": "Gegevens van kwetsbare personen (zoals kinderen)",
    "nieuwe_technologie": "Innovatief gebruik of nieuwe technologie",
    "blokkade": "Mensen kunnen daardoor een recht of dienst niet gebruiken",
}

LIKELIHOOD_LABELS = {1: "Klein", 2: "Middel", 3: "Groot"}
IMPACT_LABELS = {1: "Beperkt", 2: "Aanzienlijk", 3: "Ernstig"}


class Decision(StrEnum):
    PROCEED = "proceed"
    WITH_MEASURES = "with_measures"
    STOP = "stop"


DECISION_LABELS: dict[Decision, str] = {
    Decision.PROCEED: "Doorgaan",
    Decision.WITH_MEASURES: "Doorgaan met maatregelen",
    Decision.STOP: "Niet doorgaan",
}


@dataclass(frozen=True)
class PrescanOutcome:
    needed: bool
    reasoning: str  # generated from the answers; the user's own note is added to it


def prescan(ap_items: frozenset[str], criteria: frozenset[str], note: str = "") -> PrescanOutcome:
    """Needed when an AP-list item applies or at least two EDPB criteria do; the reasoning says which."""
    unknown = (ap_items - AP_LIST.keys()) | (criteria - EDPB_CRITERIA.keys())
    if unknown:
        raise BadInputError(f"Onbekend criterium in de voortoets: {', '.join(sorted(unknown))}.")
    parts: list[str] = []
    if ap_items:
        names = ", ".join(AP_LIST[k] for k in AP_LIST if k in ap_items)
        parts.append(f"Staat op de lijst van de AP ({names}): een DPIA is verplicht.")
    count = len(criteria)
    if count:
        names = ", ".join(EDPB_CRITERIA[k].split(" (")[0].lower() for k in EDPB_CRITERIA if k in criteria)
        parts.append(f"{count} van de 9 EDPB-criteria van toepassing: {names}.")
    else:
        parts.append("Geen van de 9 EDPB-criteria is van toepassing.")
    needed = bool(ap_items) or count >= CRITERIA_THRESHOLD
    if not ap_items:
        parts.append(
            "Twee of meer criteria: DPIA nodig."
            if needed
            else "Minder dan twee criteria: een DPIA is niet verplicht."
        )
    if note.strip():
        parts.append(note.strip())
    return PrescanOutcome(needed, " ".join(parts))


def risk_score(likelihood: int, impact: int) -> int:
    if likelihood not in LIKELIHOOD_LABELS or impact not in IMPACT_LABELS:
        raise BadInputError("Kies een kans en een impact van 1 tot en met 3.")
    return likelihood * impact


def risk_level(likelihood: int, impact: int) -> tuple[str, Level]:
    score = risk_score(likelihood, impact)
    if score >= 6:
        return "Hoog", Level.RED
    if score >= 3:
        return "Middel", Level.AMBER
    return "Laag", Level.OK


def matrix(risks: list[tuple[int, int]]) -> list[list[int]]:
    """How many risks sit in each cell: rows impact 3..1 (top = severe), columns likelihood 1..3."""
    grid = [[0, 0, 0] for _ in range(3)]
    for likelihood, impact in risks:
        risk_score(likelihood, impact)
        grid[3 - impact][likelihood - 1] += 1
    return grid


@dataclass(frozen=True)
class DpiaStatus:
    text: str
    level: Level
    needs_attention: bool


def dpia_status(
    needed: bool,
    advice_asked_on: date | None,
    advice_on: date | None,
    decision: Decision | None,
    review_on: date | None,
    today: date,
) -> DpiaStatus:
    if not needed:
        return DpiaStatus("Niet nodig (voortoets)", Level.OK, False)
    if decision is None:
        if advice_asked_on is not None and advice_on is None:
            return DpiaStatus(f"Wacht op advies FG (gevraagd {advice_asked_on:%d-%m-%Y})", Level.AMBER, True)
        return DpiaStatus("In uitvoering", Level.AMBER, True)
    if review_on is not None:
        left = (review_on - today).days
        if left < 0:
            return DpiaStatus(f"Herbeoordelen (sinds {review_on:%d-%m-%Y})", Level.RED, True)
        if left <= REVIEW_WARN_DAYS:
            return DpiaStatus(f"Herbeoordelen op {review_on:%d-%m-%Y}", Level.AMBER, True)
    return DpiaStatus(f"Besloten: {DECISION_LABELS[decision].lower()}", Level.OK, False)


def check_decision(
    advice_on: date | None, decision: Decision, decided_on: date, review_on: date | None
) -> None:
    """Art. 35(2): the FG's advice comes before the decision."""
    if advice_on is None:
        raise BadInputError(
            "Leg eerst het advies van de FG vast. De AVG (art. 35 lid 2) vraagt dat advies vóór het besluit."
        )
    if decided_on < advice_on:
        raise BadInputError(
            f"De besluitdatum {decided_on:%d-%m-%Y} ligt vóór het advies van de FG ({advice_on:%d-%m-%Y})."
        )
    if decision is not Decision.STOP and review_on is None:
        raise BadInputError("Vul een datum in waarop de DPIA opnieuw wordt bekeken.")
    if review_on is not None and review_on <= decided_on:
        raise BadInputError("De datum voor herbeoordeling moet na de besluitdatum liggen.")
