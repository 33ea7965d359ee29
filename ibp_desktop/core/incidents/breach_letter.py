"""The letter to the people affected by a breach (AVG art. 34(2)), drafted in plain Dutch (B1).

Art. 34(2) with art. 33(3)(b)-(d) asks for: the nature of the breach, the name and contact details of the
FG, the likely consequences, and the measures taken or proposed, including what people can do themselves
to limit the harm. The text is built from the register's fields; the school reads it before sending.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.incidents.records import IncidentDetail
from ibp_desktop.core.incidents.rules import Consequence, DataKind, Nature, format_day


class Audience(StrEnum):
    PARENTS = "parents"
    STAFF = "staff"


AUDIENCE_LABELS = {Audience.PARENTS: "ouders en verzorgers", Audience.STAFF: "medewerkers"}
_GREETING = {Audience.PARENTS: "Beste ouder of verzorger,", Audience.STAFF: "Beste collega,"}
_WHOSE = {Audience.PARENTS: "uw gegevens of die van uw kind", Audience.STAFF: "uw gegevens"}

_NATURE_WORDS = {
    Nature.READ: "door iemand gezien die ze niet mocht zien",
    Nature.COPIED: "gekopieerd door iemand die dat niet mocht",
    Nature.CHANGED: "veranderd",
    Nature.DELETED: "verwijderd of vernietigd",
    Nature.STOLEN_LOST: "gestolen of kwijtgeraakt",
}
_DATA_WORDS = {
    DataKind.NAME_ADDRESS: "naam en adres",
    DataKind.PHONE: "telefoonnummer",
    DataKind.EMAIL: "e-mailadres",
    DataKind.LOGIN: "gebruikersnaam en wachtwoord",
    DataKind.FINANCIAL: "financiële gegevens, zoals een rekeningnummer",
    DataKind.ID_COPY: "een kopie van een identiteitsbewijs",
    DataKind.BIRTH_DATE: "geboortedatum",
    DataKind.BSN: "burgerservicenummer (BSN)",
    DataKind.SPECIAL: "gevoelige gegevens, zoals over gezondheid",
    DataKind.PUPIL_CARE: "gegevens over zorg en begeleiding op school",
}
_CONSEQUENCE_WORDS = {
    Consequence.PHYSICAL: "u of uw kind kan lichamelijk in gevaar komen",
    Consequence.MATERIAL: "u kunt geld verliezen of iemand kan uw identiteit misbruiken",
    Consequence.IMMATERIAL: "anderen weten dingen die privé zijn; dat kan vervelend of schadelijk zijn",
}
_IDENTITY = "Iemand kan proberen uw identiteit te misbruiken, bijvoorbeeld om op uw naam iets te kopen."
_RISK_BY_DATA = {
    DataKind.BSN: _IDENTITY,
    DataKind.ID_COPY: _IDENTITY,
    DataKind.FINANCIAL: "Iemand kan proberen geld van u te krijgen of uw rekeningnummer te misbruiken.",
    DataKind.LOGIN: "Iemand kan met uw gebruikersnaam en wachtwoord inloggen.",
    DataKind.PUPIL_CARE: "Anderen kunnen weten welke zorg of begeleiding een kind krijgt.",
    DataKind.SPECIAL: "Anderen kunnen gevoelige dingen weten, zoals over gezondheid.",
    DataKind.EMAIL: "U kunt nepberichten (phishing) krijgen die echt lijken.",
    DataKind.PHONE: "U kunt ongewenste telefoontjes of nepberichten krijgen.",
}
_WATCH_IDENTITY = (
    "Let op post of rekeningen die u niet verwacht. Denkt u dat iemand uw identiteit misbruikt? "
    "Neem contact op met het Centraal Meldpunt Identiteitsfraude (CMI) van de Rijksoverheid."
)
_ADVICE_BY_DATA = {
    DataKind.LOGIN: "Verander uw wachtwoord meteen. Gebruikt u hetzelfde wachtwoord ergens anders? "
    "Verander het daar ook.",
    DataKind.BSN: _WATCH_IDENTITY,
    DataKind.ID_COPY: _WATCH_IDENTITY,
    DataKind.FINANCIAL: "Kijk de komende tijd goed naar uw bankafschriften. Ziet u iets vreemds? Bel dan "
    "uw bank.",
    DataKind.EMAIL: "Klik niet op links in berichten die u niet vertrouwt, en geef nooit uw wachtwoord of "
    "bankgegevens door via e-mail.",
    DataKind.PHONE: "Geef aan de telefoon geen persoonlijke gegevens aan iemand die u niet kent.",
}
_ADVICE_ALWAYS = "Heeft u vragen of ziet u iets vreemds? Neem dan contact op met de school of met de FG."


@dataclass(frozen=True)
class BreachLetter:
    """The letter as plain text blocks: a heading and its paragraphs; the renderer only lays them out."""

    school_name: str
    number: str
    audience: Audience
    greeting: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    closing: str


def draft_letter(detail: IncidentDetail, audience: Audience, fg_contact: str) -> BreachLetter:
    """The draft letter; BadInputError (Dutch) when a part that art. 34(2) requires is still missing."""
    form = detail.form
    missing = []
    if not fg_contact.strip():
        missing.append("de contactgegevens van de FG (Beheer)")
    if not form.measures_taken.strip():
        missing.append("de maatregelen die de school heeft genomen (onderdeel 8 van het incident)")
    if missing:
        raise BadInputError(
            "De brief moet volgens de wet (AVG artikel 34 lid 2) ook " + " en ".join(missing) + " noemen. "
            "Vul die eerst in. Er is geen brief gemaakt."
        )
    return BreachLetter(
        detail.school_name,
        detail.number,
        audience,
        _GREETING[audience],
        (
            ("Wat is er gebeurd?", _what_happened(detail, audience)),
            ("Wat kan dit voor u betekenen?", _consequences(detail)),
            ("Wat heeft de school gedaan?", (form.measures_taken.strip(),)),
            ("Wat kunt u zelf doen?", _advice(detail)),
            ("Vragen?", _contact(fg_contact)),
        ),
        f"Met vriendelijke groet,\n\nde directie van {detail.school_name}",
    )


def _what_happened(detail: IncidentDetail, audience: Audience) -> tuple[str, ...]:
    form = detail.form
    lines = [
        f"Op {format_day(detail.facts.discovered_at)} ontdekte de school een datalek. Daarbij zijn "
        f"{_WHOSE[audience]} betrokken. Met deze brief vertellen wij u wat er is gebeurd en wat u kunt doen."
    ]
    if detail.facts.description:
        lines.append(detail.facts.description)
    if form.natures:
        lines.append("De gegevens zijn " + _join([_NATURE_WORDS[n] for n in form.natures]) + ".")
    kinds = [_DATA_WORDS[k] for k in form.data_kinds if k in _DATA_WORDS]
    if form.data_other:
        kinds.append(form.data_other)
    if kinds:
        lines.append("Het gaat om deze gegevens: " + _join(kinds) + ".")
    return tuple(lines)


def _consequences(detail: IncidentDetail) -> tuple[str, ...]:
    form = detail.form
    lines = list(dict.fromkeys(_RISK_BY_DATA[k] for k in form.data_kinds if k in _RISK_BY_DATA))
    lines += [_CONSEQUENCE_WORDS[c][0].upper() + _CONSEQUENCE_WORDS[c][1:] + "." for c in form.consequences]
    if form.consequences_details:
        lines.append(form.consequences_details)
    if not lines:
        lines.append("Wij verwachten geen grote gevolgen, maar wij willen dat u het weet.")
    return tuple(lines)


def _advice(detail: IncidentDetail) -> tuple[str, ...]:
    lines = list(dict.fromkeys(_ADVICE_BY_DATA[k] for k in detail.form.data_kinds if k in _ADVICE_BY_DATA))
    return (*lines, _ADVICE_ALWAYS)


def _contact(fg_contact: str) -> tuple[str, ...]:
    return (
        "De functionaris gegevensbescherming (FG) let erop dat de school zorgvuldig met persoonsgegevens "
        "omgaat. U kunt de FG bereiken via:",
        fg_contact.strip(),
        "Bent u het niet eens met hoe de school dit heeft aangepakt? Dan kunt u een klacht indienen bij de "
        "Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).",
    )


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]
