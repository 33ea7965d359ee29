"""The risk assessment rules as a table of cases: answers in, proposal out. In doubt: notify."""

from __future__ import annotations

import pytest

from ibp_desktop.core.incidents.risk import RiskAnswers, propose
from ibp_desktop.core.incidents.rules import Decision

N, AP, BOTH = Decision.NOT_REPORTABLE, Decision.NOTIFY_AP, Decision.NOTIFY_AP_AND_SUBJECTS
LEAK = {"personal_data": True, "encrypted_key_safe": False, "trusted_recipient_deleted": False}

CASES = [
    # (case, answers, expected decision, a phrase the reasons must contain)
    ("failed backup, no personal data", {"personal_data": False}, N, "geen persoonsgegevens"),
    ("nothing known yet", {}, AP, "Bij twijfel: melden"),
    ("personal data unknown", {"personal_data": None, "encrypted_key_safe": False}, AP, "Bij twijfel"),
    ("encrypted USB stick, key safe", {"personal_data": True, "encrypted_key_safe": True}, N, "versleuteld"),
    (
        "encrypted but BSN on it",
        {"personal_data": True, "encrypted_key_safe": True, "bsn": True},
        N,
        "sleutel",
    ),
    ("encryption unknown", {"personal_data": True, "trusted_recipient_deleted": False}, AP, "versleuteld"),
    (
        "wrong colleague school deleted the mail",
        {"personal_data": True, "encrypted_key_safe": False, "trusted_recipient_deleted": True},
        N,
        "betrouwbaar",
    ),
    (
        "CC instead of BCC to 120 parents",
        {**LEAK, "people_affected": 120, "children": True},
        AP,
        "veel mensen",
    ),
    ("class list left at the printer", {**LEAK, "people_affected": 28, "children": True}, AP, "kinderen"),
    ("BSN leaked", {**LEAK, "bsn": True}, BOTH, "identiteitsfraude"),
    ("pupil care report to the wrong parent", {**LEAK, "care_or_health": True}, BOTH, "zorg"),
    ("bank account numbers of parents", {**LEAK, "financial": True}, BOTH, "financiële"),
    ("copies of passports", {**LEAK, "id_copies": True}, BOTH, "identiteitsbewijzen"),
    (
        "recipient deletion not confirmed",
        {"personal_data": True, "encrypted_key_safe": False},
        AP,
        "bevestigd",
    ),
]


@pytest.mark.parametrize(("case", "answers", "decision", "phrase"), CASES, ids=[c[0] for c in CASES])
def test_proposal(case: str, answers: dict[str, object], decision: Decision, phrase: str) -> None:
    proposal = propose(RiskAnswers(**answers))  # type: ignore[arg-type]
    assert proposal.decision is decision, case
    assert phrase.lower() in proposal.text.lower(), proposal.text


def test_a_small_number_of_people_is_not_called_many() -> None:
    assert "veel mensen" not in propose(RiskAnswers(**LEAK, people_affected=3)).text  # type: ignore[arg-type]


def test_answers_survive_storage() -> None:
    answers = RiskAnswers(personal_data=True, bsn=True, people_affected=12)
    assert RiskAnswers.from_json(answers.to_json()) == answers
    assert RiskAnswers.from_json("") is None
