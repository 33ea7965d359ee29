"""Processor agreements (DOMAIN.md section 5): how an agreement's status reads and when it needs attention.

One agreement per supplier: the privacy covenant's model 4.0 for participating suppliers (3.0 is the
old model), or the supplier's own text. The dashboard warns 60 days ahead of the end date and of the
review date, and for products of a supplier without an agreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.requests import Level

WARN_DAYS = 60
REVIEW_AFTER = relativedelta(years=1)  # a new agreement is checked again a year after it was entered
RUNS_FOR = relativedelta(years=3)  # the usual term of a model agreement, offered as its end date


class ModelVersion(StrEnum):
    V3 = "3.0"
    V4 = "4.0"
    OWN = "own"


class EuStorage(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


MODEL_LABELS: dict[ModelVersion, str] = {
    ModelVersion.V3: "Model 3.0 (oud)",
    ModelVersion.V4: "Model 4.0",
    ModelVersion.OWN: "Eigen model leverancier",
}
EU_LABELS: dict[EuStorage, str] = {
    EuStorage.YES: "Ja, binnen de EU",
    EuStorage.NO: "Nee, (ook) buiten de EU",
    EuStorage.UNKNOWN: "Onbekend",
}


@dataclass(frozen=True)
class AgreementStatus:
    text: str  # "In orde", "Verloopt over 40 dagen", "Herbeoordelen", "Geen overeenkomst", ...
    level: Level
    needs_attention: bool  # shown on the dashboard


def _days(n: int) -> str:
    return f"{n} dag" if n == 1 else f"{n} dagen"


def agreement_status(
    has_agreement: bool,
    signed_on: date | None,
    ends_on: date | None,
    review_on: date | None,
    today: date,
    model: ModelVersion | None = None,
) -> AgreementStatus:
    """The most pressing fact first: no agreement, expired, ends soon, review due, an agreement on the old
    Model 3.0 of the privacy covenant (renew to Model 4.0), then "In orde"."""
    if not has_agreement:
        return AgreementStatus("Geen overeenkomst", Level.RED, True)
    if signed_on is None:
        return AgreementStatus("Nog niet getekend", Level.RED, True)
    if ends_on is not None:
        left = (ends_on - today).days
        if left < 0:
            return AgreementStatus(f"Verlopen op {ends_on:%d-%m-%Y}", Level.RED, True)
        if left == 0:
            return AgreementStatus("Verloopt vandaag", Level.RED, True)
        if left <= WARN_DAYS:
            return AgreementStatus(f"Verloopt over {_days(left)}", Level.AMBER, True)
    if review_on is not None:
        left = (review_on - today).days
        if left <= 0:
            return AgreementStatus("Herbeoordelen", Level.RED, True)
        if left <= WARN_DAYS:
            return AgreementStatus(f"Herbeoordelen over {_days(left)}", Level.AMBER, True)
    if model is ModelVersion.V3:
        # Privacyconvenant onderwijs: Model 4.0 replaced 3.0; an old agreement is renewed, not left as is.
        return AgreementStatus("Model 3.0: vernieuwen naar Model 4.0", Level.AMBER, True)
    return AgreementStatus("In orde", Level.OK, False)


def check_dates(signed_on: date | None, ends_on: date | None) -> None:
    if signed_on is not None and ends_on is not None and ends_on < signed_on:
        raise BadInputError(
            f"De einddatum {ends_on:%d-%m-%Y} ligt vóór de datum van ondertekening {signed_on:%d-%m-%Y}. "
            "Pas een van beide aan."
        )


def default_review_on(today: date) -> date:
    """The proposed "Volgende controle" of an agreement entered today."""
    return today + REVIEW_AFTER


def default_ends_on(today: date) -> date:
    """The proposed end date of an agreement signed today."""
    return today + RUNS_FOR


def default_model(covenant_participant: bool) -> ModelVersion:
    """A supplier in the Privacyconvenant signs model 4.0; others their own text until shown otherwise."""
    return ModelVersion.V4 if covenant_participant else ModelVersion.OWN
