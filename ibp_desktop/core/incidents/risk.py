"""The guided risk assessment of a possible data breach: answers in, a proposal with Dutch reasons out.

DOMAIN.md section 3 and AVG art. 33/34: notify the AP unless a risk to people is unlikely (properly
encrypted data, a trustworthy wrong recipient who deleted it, data only briefly unavailable and restored,
names or e-mail addresses seen only by people who already know each other); inform the people themselves
when the risk is high (BSN, care or health data, financial data, ID copies, readable login credentials).
Sensitivity is not undone by the recipient: sensitive data with a trustworthy recipient who deleted it
stays reportable until the FG advised otherwise. An unanswered question counts as "we do not know", and
in doubt the proposal is to notify. tests/core/test_risk_edpb.py checks it against EDPB Guidelines 01/2021.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from ibp_desktop.core.incidents.rules import Decision

MANY_PEOPLE = 50  # from this many people affected the proposal mentions the scale explicitly


@dataclass(frozen=True)
class RiskAnswers:
    """The questions that decide the outcome. ``None`` means "not known (yet)"."""

    personal_data: bool | None = None
    encrypted_key_safe: bool | None = None  # properly encrypted and the key did not leak
    trusted_recipient_deleted: bool | None = None  # a trustworthy recipient confirmed deletion
    bsn: bool = False
    care_or_health: bool = False
    financial: bool = False
    id_copies: bool = False
    people_affected: int | None = None
    children: bool = False
    login: bool = False  # readable user names and passwords: people must change them
    restored_unread: bool | None = None  # only unavailable for a while, restored, nobody could read it
    small_known_circle: bool | None = None  # only names/e-mail addresses, seen by people who know each other

    @property
    def sensitive(self) -> bool:
        return self.bsn or self.care_or_health or self.financial or self.id_copies or self.login

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> RiskAnswers | None:
        if not text:
            return None
        data = json.loads(text)
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(frozen=True)
class RiskProposal:
    decision: Decision
    reasons: tuple[str, ...]
    ask_fg: bool = False  # the proposal depends on a judgement the FG should advise on

    @property
    def text(self) -> str:
        return " ".join(self.reasons)


def propose(answers: RiskAnswers, many_people: int = MANY_PEOPLE) -> RiskProposal:
    """The program's proposal; the user decides and may deviate with a reason."""
    if answers.personal_data is False:
        return RiskProposal(
            Decision.NOT_REPORTABLE,
            (
                "Er zijn geen persoonsgegevens bij betrokken: dit is een beveiligingsincident, geen datalek.",
                "Leg het wel vast in het register, met de maatregelen.",
            ),
        )
    if answers.encrypted_key_safe:
        return RiskProposal(
            Decision.NOT_REPORTABLE,
            (
                "De gegevens waren goed versleuteld en de sleutel is niet uitgelekt: niemand kan ze lezen.",
                "Een melding bij de AP is dan niet nodig. Leg het datalek wel vast in het register.",
            ),
        )
    low = _low_risk(answers)
    if low is not None:
        return low
    if answers.trusted_recipient_deleted and answers.sensitive:
        return RiskProposal(
            Decision.NOTIFY_AP,
            (
                "De ontvanger is betrouwbaar en heeft de gegevens verwijderd, maar het gaat om gevoelige "
                "gegevens. Dat maakt het lek niet ongedaan.",
                *_high_risk(answers),
                "Vraag de FG om advies. Zonder dat advies is het voorstel: meld het datalek binnen 72 uur "
                "bij de AP.",
            ),
            ask_fg=True,
        )
    reasons = list(_doubts(answers))
    high = _high_risk(answers)
    reasons += high
    reasons += _weight(answers, many_people)
    if high:
        reasons.append(
            "Het risico voor de betrokkenen is hoog: meld het datalek binnen 72 uur bij de AP en "
            "informeer ook de betrokkenen zelf (of hun ouders)."
        )
        return RiskProposal(Decision.NOTIFY_AP_AND_SUBJECTS, tuple(reasons))
    reasons.append(
        "Een risico voor de betrokkenen is niet uit te sluiten: meld het datalek binnen 72 uur bij de AP."
    )
    return RiskProposal(Decision.NOTIFY_AP, tuple(reasons))


_REGISTER_ONLY = "Een melding bij de AP is dan niet nodig. Leg het datalek wel vast in het register."


def _low_risk(answers: RiskAnswers) -> RiskProposal | None:
    """Register only: a risk to people is unlikely (AVG art. 33(1)), and no sensitive data is involved."""
    if answers.sensitive:
        return None
    if answers.trusted_recipient_deleted:
        why = (
            "De ontvanger is betrouwbaar en heeft bevestigd dat de gegevens zijn verwijderd: "
            "een risico voor de betrokkenen is niet waarschijnlijk."
        )
    elif answers.restored_unread:
        why = (
            "De gegevens waren alleen een tijd onbereikbaar, zijn volledig teruggezet en niemand kon ze "
            "inzien: een risico voor de betrokkenen is niet waarschijnlijk."
        )
    elif answers.small_known_circle:
        why = (
            "Alleen namen of e-mailadressen zijn gezien door mensen die elkaar al kennen (bijvoorbeeld "
            "de ouders van één groep): het risico is laag."
        )
    else:
        return None
    return RiskProposal(Decision.NOT_REPORTABLE, (why, _REGISTER_ONLY))


def _doubts(answers: RiskAnswers) -> list[str]:
    doubts = []
    if answers.personal_data is None:
        doubts.append("Het is niet zeker of er persoonsgegevens bij betrokken zijn. Bij twijfel: melden.")
    if answers.encrypted_key_safe is None:
        doubts.append("Niet bekend is of de gegevens goed versleuteld waren. Bij twijfel: melden.")
    elif not answers.encrypted_key_safe:
        doubts.append("De gegevens waren niet (goed) versleuteld.")
    if answers.trusted_recipient_deleted is None:
        doubts.append("Niet bevestigd is dat een betrouwbare ontvanger de gegevens heeft verwijderd.")
    return doubts


def _high_risk(answers: RiskAnswers) -> list[str]:
    reasons = []
    if answers.bsn:
        reasons.append("Het burgerservicenummer (BSN) is gelekt: kans op identiteitsfraude.")
    if answers.id_copies:
        reasons.append("Kopieën van identiteitsbewijzen zijn gelekt: kans op identiteitsfraude.")
    if answers.care_or_health:
        reasons.append(
            "Er zijn gegevens over zorg, begeleiding of gezondheid gelekt: kans op schaamte, "
            "reputatieschade of discriminatie."
        )
    if answers.financial:
        reasons.append("Er zijn financiële gegevens gelekt: kans op geldverlies of fraude.")
    if answers.login:
        reasons.append(
            "Er zijn leesbare inloggegevens gelekt: de betrokkenen moeten hun wachtwoord wijzigen, ook "
            "waar ze hetzelfde wachtwoord gebruiken."
        )
    return reasons


def _weight(answers: RiskAnswers, many_people: int) -> list[str]:
    reasons = []
    if answers.people_affected is not None and answers.people_affected >= many_people:
        reasons.append(f"Het gaat om veel mensen (ongeveer {answers.people_affected}).")
    if answers.children:
        reasons.append("Het gaat om gegevens van kinderen; die verdienen extra bescherming.")
    return reasons
