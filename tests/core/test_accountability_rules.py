"""Pure rules of the processing register, the DPIA pre-scan and risk matrix, and complaint deadlines."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ibp_desktop.core.accountability.complaints import (
    ComplaintOutcome,
    check_answer,
    complaint_status,
    deadline,
)
from ibp_desktop.core.accountability.dpia import (
    AP_LIST,
    EDPB_CRITERIA,
    Decision,
    check_decision,
    matrix,
    prescan,
    risk_level,
)
from ibp_desktop.core.accountability.processing import (
    Denomination,
    DpiaNeed,
    LegalBasis,
    activity_status,
    default_basis,
    review_due,
)
from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.requests import Level


@given(st.sets(st.sampled_from(sorted(AP_LIST))), st.sets(st.sampled_from(sorted(EDPB_CRITERIA))))
def test_prescan_needs_one_ap_item_or_two_criteria(ap: set[str], criteria: set[str]) -> None:
    outcome = prescan(frozenset(ap), frozenset(criteria))
    assert outcome.needed == (bool(ap) or len(criteria) >= 2)
    assert f"{len(criteria)} van de 9 EDPB-criteria" in outcome.reasoning or not criteria


def test_prescan_refuses_unknown_codes() -> None:
    with pytest.raises(BadInputError, match="Onbekend criterium"):
        prescan(frozenset({"bestaat_niet"}), frozenset())


def test_risk_levels_and_matrix() -> None:
    assert [risk_level(1, 1)[0], risk_level(1, 3)[0], risk_level(2, 2)[0], risk_level(2, 3)[0]] == [
        "Laag",
        "Middel",
        "Middel",
        "Hoog",
    ]
    assert risk_level(3, 3)[1] is Level.RED
    assert matrix([(3, 3), (1, 1), (1, 1), (2, 3)]) == [[0, 1, 1], [0, 0, 0], [2, 0, 0]]
    with pytest.raises(BadInputError, match="1 tot en met 3"):
        risk_level(0, 2)


def test_the_fg_advises_before_the_decision() -> None:
    with pytest.raises(BadInputError, match=r"art\. 35 lid 2"):
        check_decision(None, Decision.PROCEED, date(2026, 5, 1), date(2027, 5, 1))
    with pytest.raises(BadInputError, match="opnieuw wordt bekeken"):
        check_decision(date(2026, 4, 1), Decision.PROCEED, date(2026, 5, 1), None)
    check_decision(date(2026, 4, 1), Decision.STOP, date(2026, 5, 1), None)  # stopped: nothing to review


def test_an_openbare_school_never_gets_legitimate_interest() -> None:
    legit = LegalBasis.LEGITIMATE_INTEREST
    assert default_basis(LegalBasis.PUBLIC_TASK, legit, Denomination.PUBLIC) is LegalBasis.PUBLIC_TASK
    assert default_basis(legit, None, Denomination.PUBLIC) is LegalBasis.PUBLIC_TASK
    assert default_basis(LegalBasis.PUBLIC_TASK, legit, Denomination.PRIVATE) is legit


def test_yearly_review_and_status_order() -> None:
    assert review_due(None, date(2026, 1, 1))
    assert not review_due(date(2025, 3, 1), date(2026, 2, 28))
    assert review_due(date(2024, 2, 29), date(2025, 2, 28))  # a leap day is due on 28 February
    status = activity_status(None, date(2026, 1, 1), ("Topicus",), DpiaNeed.YES, False)
    assert (status.text, status.level) == ("Geen verwerkersovereenkomst met Topicus", Level.RED)
    status = activity_status(date(2025, 12, 1), date(2026, 1, 1), (), DpiaNeed.YES, True)
    assert (status.text, status.needs_attention) == ("In orde", False)


def test_complaint_deadline_and_status() -> None:
    received = date(2026, 3, 2)
    assert deadline(received) == date(2026, 4, 13)
    assert deadline(received, 4) == date(2026, 3, 30)
    assert complaint_status(date(2026, 4, 13), None, date(2026, 4, 13)).text == "Vandaag beantwoorden"
    assert complaint_status(date(2026, 4, 13), None, date(2026, 4, 12)).text == "Open, nog 1 dag"
    late = complaint_status(date(2026, 4, 13), date(2026, 4, 20), date(2026, 5, 1))
    assert (late.text, late.answered, late.overdue) == ("Te laat beantwoord (20-04-2026)", True, False)
    check_answer(
        received, date(2026, 3, 3), ComplaintOutcome.WITHDRAWN, ap_told=False
    )  # withdrawn: no letter
