"""When a breach file may close (AVG art. 34): a table of cases, each with its source."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ibp_desktop.core.incidents.breach_informing import (
    InformChannel,
    InformException,
    Informing,
    closing_problem,
)
from ibp_desktop.core.incidents.rules import Decision

AT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
BOTH = Decision.NOTIFY_AP_AND_SUBJECTS

CASES = [
    # (case, state, may close, phrase in the message, source)
    ("not reportable", Informing(Decision.NOT_REPORTABLE), True, "", "art. 34(1): only for a high risk"),
    ("AP only", Informing(Decision.NOTIFY_AP), True, "", "art. 34(1): only for a high risk"),
    ("not assessed", Informing(None), True, "", "closing needs an assessment first (art. 33(5))"),
    ("must inform, nothing recorded", Informing(BOTH), False, "artikel 34", "art. 34(1); DOMAIN.md 3"),
    (
        "informed, channel missing",
        Informing(BOTH, AT),
        False,
        "hoe de betrokkenen",
        "DOMAIN.md 3: date and how",
    ),
    ("informed by letter", Informing(BOTH, AT, InformChannel.LETTER), True, "", "art. 34(1)"),
    (
        "informed by public notice",
        Informing(BOTH, AT, InformChannel.PUBLIC_NOTICE),
        True,
        "",
        "art. 34(3)(c)",
    ),
    (
        "exception without reasons",
        Informing(BOTH, exception=InformException.ENCRYPTED),
        False,
        "waarom",
        "art. 34(3) with art. 5(2) accountability: write it down",
    ),
    (
        "encrypted, reasons written",
        Informing(BOTH, exception=InformException.ENCRYPTED, exception_reason="Laptop volledig versleuteld."),
        True,
        "",
        "art. 34(3)(a)",
    ),
    (
        "risk removed, reasons written",
        Informing(
            BOTH, exception=InformException.RISK_REMOVED, exception_reason="Alle wachtwoorden zijn gereset."
        ),
        True,
        "",
        "art. 34(3)(b)",
    ),
    (
        "disproportionate, no public notice",
        Informing(BOTH, exception=InformException.DISPROPORTIONATE, exception_reason="Adressen onbekend."),
        False,
        "openbare mededeling",
        "art. 34(3)(c): a public communication instead",
    ),
    (
        "disproportionate with public notice",
        Informing(
            BOTH,
            exception=InformException.DISPROPORTIONATE,
            exception_reason="Adressen onbekend.",
            public_announcement="Website, 01-12-2026",
        ),
        True,
        "",
        "art. 34(3)(c)",
    ),
]


@pytest.mark.parametrize(("case", "state", "may_close", "phrase", "source"), CASES, ids=[c[0] for c in CASES])
def test_closing(case: str, state: Informing, may_close: bool, phrase: str, source: str) -> None:
    problem = closing_problem(state)
    assert (problem is None) is may_close, f"{case} ({source}): {problem}"
    assert state.settled is may_close
    if problem:
        assert (phrase in problem and "afsluiten" in problem) or "mededeling" in problem


def test_how_and_exception_in_words() -> None:
    from ibp_desktop.core.incidents.breach_informing import exception_text, how_text

    assert how_text(InformChannel.LETTER, " ouders van groep 8 ") == "Brief – ouders van groep 8"
    assert how_text(None, "") == ""
    assert exception_text(InformException.RISK_REMOVED, "Wachtwoorden gereset.").startswith("Art. 34 lid 3b")
    assert exception_text(None, "Laag risico.") == "Laag risico."
