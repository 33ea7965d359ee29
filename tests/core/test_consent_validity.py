"""How long a "yes" lasts, by the school's setting (DOMAIN.md 1: AP versus Kennisnet): a table of cases."""

from __future__ import annotations

from datetime import date

import pytest

from ibp_desktop.core.consent.rules import ConsentState, Decision, Relation, consent_status
from ibp_desktop.core.consent.school_year import school_year_of

BORN, ON = date(2017, 3, 1), date(2026, 11, 28)
THIS_YEAR = school_year_of(ON).starts_on  # 01-08-2026
LAST_YEAR, EARLIER = date(2026, 5, 10), date(2026, 9, 10)
AP = "AP 'Beeldmateriaal in het onderwijs': valid until withdrawn"
KN = "Kennisnet Aanpak IBP: confirm every school year"

CASES = [
    # (case, decisions, yearly, expected, source)
    (
        "yes last year, AP",
        [Decision(True, Relation.GUARDIAN_1, LAST_YEAR, 1)],
        False,
        ConsentState.GRANTED,
        AP,
    ),
    (
        "yes last year, yearly",
        [Decision(True, Relation.GUARDIAN_1, LAST_YEAR, 1)],
        True,
        ConsentState.ASK_AGAIN,
        KN,
    ),
    (
        "yes this year, yearly",
        [Decision(True, Relation.GUARDIAN_1, EARLIER, 1)],
        True,
        ConsentState.GRANTED,
        KN,
    ),
    (
        "no last year stays no, yearly",
        [Decision(False, Relation.GUARDIAN_1, LAST_YEAR, 1)],
        True,
        ConsentState.REFUSED,
        "DOMAIN.md 1: the most restrictive answer; a refusal does not lapse into a yes",
    ),
    (
        "old yes and new yes of the other parent",
        [Decision(True, Relation.GUARDIAN_1, LAST_YEAR, 1), Decision(True, Relation.GUARDIAN_2, EARLIER, 1)],
        True,
        ConsentState.GRANTED,
        KN,
    ),
]


@pytest.mark.parametrize(
    ("case", "decisions", "yearly", "expected", "source"), CASES, ids=[c[0] for c in CASES]
)
def test_validity(
    case: str, decisions: list[Decision], yearly: bool, expected: ConsentState, source: str
) -> None:
    status = consent_status(
        decisions, asked_since=1, date_of_birth=BORN, on=ON, grants_from=THIS_YEAR if yearly else None
    )
    assert status.state is expected, f"{case} ({source})"
