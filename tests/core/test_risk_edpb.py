"""The risk assessment against worked examples: EDPB Guidelines 01/2021 on examples regarding personal
data breach notification (version 2.0, 14 December 2021), each case retold as it happens at a primary
school, with the outcome the guidelines reach. Plus the rules of DOMAIN.md section 3 that an FG checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from ibp_desktop.core.incidents.risk import RiskAnswers, propose
from ibp_desktop.core.incidents.rules import Decision

REGISTER, AP, BOTH = Decision.NOT_REPORTABLE, Decision.NOTIFY_AP, Decision.NOTIFY_AP_AND_SUBJECTS
EXPOSED = {"personal_data": True, "encrypted_key_safe": False}


@dataclass(frozen=True)
class Case:
    name: str
    answers: dict[str, Any]
    expected: Decision
    source: str
    ask_fg: bool = False


CASES = [
    Case(
        "ransomware on the administration PC, restored from last night's backup, logs show no data left",
        {**EXPOSED, "restored_unread": True, "people_affected": 300, "children": True},
        REGISTER,
        "EDPB 01/2021 case 01 (ransomware with proper backup, no exfiltration): document only",
    ),
    Case(
        "ransomware hit the care files (OPP), restored, but unavailable for days",
        {**EXPOSED, "restored_unread": True, "care_or_health": True, "children": True},
        BOTH,
        "EDPB 01/2021 case 03 (backup, no exfiltration, health data in a hospital): SA and subjects",
    ),
    Case(
        "ransomware with data taken: pupil administration with care notes",
        {**EXPOSED, "care_or_health": True, "people_affected": 250, "children": True},
        BOTH,
        "EDPB 01/2021 case 04 (no backup, with exfiltration): SA and subjects",
    ),
    Case(
        "school website: applicants' letters and CVs copied by an attacker",
        {**EXPOSED, "id_copies": True, "people_affected": 40},
        BOTH,
        "EDPB 01/2021 case 05 (exfiltration of job application data): SA and subjects",
    ),
    Case(
        "parent portal database copied, passwords salted and hashed with a strong algorithm",
        {"personal_data": True, "encrypted_key_safe": True, "people_affected": 400},
        REGISTER,
        "EDPB 01/2021 case 06 (hashed passwords, state of the art): document only",
    ),
    Case(
        "parent portal: user names and readable passwords leaked",
        {**EXPOSED, "login": True, "people_affected": 400},
        BOTH,
        "EDPB 01/2021 case 07 (credential stuffing): SA and subjects, to change passwords",
    ),
    Case(
        "class list with names and groups mailed to a colleague school's director, who deleted it",
        {**EXPOSED, "trusted_recipient_deleted": True, "people_affected": 28, "children": True},
        REGISTER,
        "EDPB 01/2021 case 09 (accidental transmission to a trusted third party): document only",
    ),
    Case(
        "care report mailed to a colleague school's IB'er, who deleted it",
        {**EXPOSED, "trusted_recipient_deleted": True, "care_or_health": True, "children": True},
        AP,
        "DOMAIN.md 3: sensitivity is not undone by the recipient; EDPB 01/2021 case 09 names "
        "the nature of the data as a factor: ask the FG",
        ask_fg=True,
    ),
    Case(
        "copy of a passport sent to the wrong trusted recipient, deleted",
        {**EXPOSED, "trusted_recipient_deleted": True, "id_copies": True},
        AP,
        "DOMAIN.md 3: ID copies to a trusted recipient who deleted them still need the FG's advice",
        ask_fg=True,
    ),
    Case(
        "teacher's laptop stolen, full-disk encryption, password not with it",
        {"personal_data": True, "encrypted_key_safe": True, "bsn": True, "children": True},
        REGISTER,
        "EDPB 01/2021 case 10 (stolen device with encrypted data, key safe): document only",
    ),
    Case(
        "unencrypted USB stick with pupil files and care notes lost",
        {**EXPOSED, "care_or_health": True, "people_affected": 30, "children": True},
        BOTH,
        "EDPB 01/2021 case 11 (stolen device, not encrypted): SA and subjects",
    ),
    Case(
        "paper folder with care plans (groeidocumenten) stolen from a car",
        {**EXPOSED, "care_or_health": True, "people_affected": 6, "children": True},
        BOTH,
        "EDPB 01/2021 case 12 (stolen paper files with sensitive data): SA and subjects",
    ),
    Case(
        "e-mail to all parents of group 8 with the attachment of pupils' care levels",
        {**EXPOSED, "care_or_health": True, "people_affected": 29, "children": True},
        BOTH,
        "EDPB 01/2021 case 14 (highly confidential data sent by mail by mistake): SA and subjects",
    ),
    Case(
        "CC instead of BCC: the parents of group 5 see each other's e-mail addresses",
        {**EXPOSED, "small_known_circle": True, "people_affected": 27},
        REGISTER,
        "EDPB 01/2021 case 15 (personal data sent by mail by mistake, small known circle, "
        "no sensitive data): document only; DOMAIN.md 3",
    ),
    Case(
        "CC instead of BCC, but the mail was about a care meeting (reveals which pupils get care)",
        {**EXPOSED, "small_known_circle": True, "care_or_health": True, "people_affected": 6},
        BOTH,
        "AVG art. 34(1) with art. 9: care data makes the risk high, whoever saw it",
    ),
    Case(
        "bank account numbers of parents (school trip payments) in a wrong mail",
        {**EXPOSED, "financial": True, "people_affected": 25},
        BOTH,
        "EDPB 01/2021 case 18 (e-mail exfiltration of invoices with bank data): SA and subjects",
    ),
    Case(
        "nothing known yet about the lost class list",
        {},
        AP,
        "AVG art. 33(1), EDPB 01/2021 par. 2.2: in doubt, notify",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_worked_example(case: Case) -> None:
    proposal = propose(RiskAnswers(**case.answers))
    assert proposal.decision is case.expected, f"{case.name} ({case.source}): {proposal.text}"
    assert proposal.ask_fg is case.ask_fg, case.source
    assert proposal.reasons, "every proposal says why"


def test_low_risk_outcome_is_not_a_deviation() -> None:
    """CC instead of BCC among one group's parents: the proposal itself is 'register only', so choosing
    it needs no deviation reason (DOMAIN.md 3)."""
    proposal = propose(RiskAnswers(**EXPOSED, small_known_circle=True))
    assert proposal.decision is REGISTER
    assert "niet nodig" in proposal.text and "register" in proposal.text


def test_trusted_recipient_with_sensitive_data_names_the_fg() -> None:
    proposal = propose(RiskAnswers(**EXPOSED, trusted_recipient_deleted=True, bsn=True))
    assert "Vraag de FG om advies" in proposal.text
    assert "BSN" in proposal.text


def test_leaked_credentials_tell_people_to_change_passwords() -> None:
    proposal = propose(RiskAnswers(**EXPOSED, login=True))
    assert "wachtwoord wijzigen" in proposal.text
