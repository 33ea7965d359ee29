"""The record of processing activities (verwerkingsregister, AVG art. 30; DOMAIN.md section 3a).

A school processes special categories (care data), so the art. 30(5) small-organisation exemption does
not apply: every school keeps this register. The defaults for a primary school are in
resources/seed/processing_activities.json; each activity is editable afterwards, like the retention
schedule. The legal basis of an *openbare* school's tasks is the public task (art. 6(1)(e)); legitimate
interest (art. 6(1)(f)) is not open to a public authority for its tasks, so the preload never proposes it
for an openbare school.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.requests import Level

REVIEW_MONTHS = 12  # the register is reviewed yearly (the IBP calendar's PDCA cycle)


class LegalBasis(StrEnum):
    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTEREST = "vital_interest"
    PUBLIC_TASK = "public_task"
    LEGITIMATE_INTEREST = "legitimate_interest"


LEGAL_BASIS_LABELS: dict[LegalBasis, str] = {
    LegalBasis.CONSENT: "Toestemming (art. 6 lid 1a)",
    LegalBasis.CONTRACT: "Overeenkomst (art. 6 lid 1b)",
    LegalBasis.LEGAL_OBLIGATION: "Wettelijke plicht (art. 6 lid 1c)",
    LegalBasis.VITAL_INTEREST: "Vitaal belang (art. 6 lid 1d)",
    LegalBasis.PUBLIC_TASK: "Publieke taak (art. 6 lid 1e)",
    LegalBasis.LEGITIMATE_INTEREST: "Gerechtvaardigd belang (art. 6 lid 1f)",
}


class Denomination(StrEnum):
    """Openbaar (run by a public authority) or bijzonder (a private foundation, often religious)."""

    PUBLIC = "openbaar"
    PRIVATE = "bijzonder"


DENOMINATION_LABELS: dict[Denomination, str] = {
    Denomination.PUBLIC: "Openbare school",
    Denomination.PRIVATE: "Bijzondere school",
}


class Transfer(StrEnum):
    NO = "no"
    YES = "yes"
    UNKNOWN = "unknown"


TRANSFER_LABELS: dict[Transfer, str] = {
    Transfer.NO: "Nee",
    Transfer.YES: "Ja",
    Transfer.UNKNOWN: "Onbekend",
}


class DpiaNeed(StrEnum):
    UNKNOWN = "unknown"  # no pre-scan yet
    NO = "no"
    YES = "yes"


DPIA_NEED_LABELS: dict[DpiaNeed, str] = {
    DpiaNeed.UNKNOWN: "Nog niet beoordeeld",
    DpiaNeed.NO: "Niet nodig",
    DpiaNeed.YES: "Nodig",
}


def default_basis(
    basis: LegalBasis, private_basis: LegalBasis | None, denomination: Denomination
) -> LegalBasis:
    """The preload's legal basis: a bijzondere school may use its own (e.g. legitimate interest) where the
    seed gives one; an openbare school never gets legitimate interest for its tasks."""
    if denomination is Denomination.PRIVATE and private_basis is not None:
        return private_basis
    if basis is LegalBasis.LEGITIMATE_INTEREST:
        return LegalBasis.PUBLIC_TASK
    return basis


def review_due(last_reviewed_on: date | None, today: date) -> bool:
    if last_reviewed_on is None:
        return True
    year, month = last_reviewed_on.year + REVIEW_MONTHS // 12, last_reviewed_on.month
    try:
        due = last_reviewed_on.replace(year=year, month=month)
    except ValueError:  # 29 February
        due = date(year, month, 28)
    return today >= due


@dataclass(frozen=True)
class ActivityStatus:
    text: str
    level: Level
    needs_attention: bool


def activity_status(
    last_reviewed_on: date | None,
    today: date,
    missing_agreements: tuple[str, ...],
    dpia_needed: DpiaNeed,
    dpia_done: bool,
) -> ActivityStatus:
    """The most pressing fact first: a processor without an agreement, a DPIA that is needed but missing,
    a yearly review that is due."""
    if missing_agreements:
        return ActivityStatus(
            "Geen verwerkersovereenkomst met " + ", ".join(missing_agreements), Level.RED, True
        )
    if dpia_needed is DpiaNeed.YES and not dpia_done:
        return ActivityStatus("DPIA nodig, nog niet gedaan", Level.AMBER, True)
    if review_due(last_reviewed_on, today):
        if last_reviewed_on is None:
            return ActivityStatus("Nog nooit beoordeeld", Level.AMBER, True)
        return ActivityStatus(
            f"Jaarlijkse controle te laat (laatst {last_reviewed_on:%d-%m-%Y})", Level.AMBER, True
        )
    return ActivityStatus("In orde", Level.OK, False)


def clean_name(text: str) -> str:
    clean = " ".join(text.split())
    if not clean:
        raise BadInputError("Vul de naam van de verwerking in.")
    if len(clean) > 200:
        raise BadInputError("De naam van de verwerking is te lang (hoogstens 200 tekens).")
    return clean


def check_purpose(text: str) -> str:
    clean = text.strip()
    if not clean:
        raise BadInputError("Vul het doel van de verwerking in: waarom verwerkt de school deze gegevens?")
    return clean
