"""The status path of a policy document, evaluation dates and calendar due dates (core, no database)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.policy.rules import (
    Cycle,
    GmrBody,
    Stage,
    Step,
    VersionDates,
    check_step,
    document_state,
    months_label,
    next_evaluation,
    next_steps,
    occurrence_due,
    occurrence_level,
    parse_months,
)

TODAY = date(2026, 11, 28)


G, OG, P = GmrBody.WHOLE, GmrBody.PARENTS, GmrBody.STAFF
D1, D2, D3, D4, D5 = (date(2026, 3, d) for d in (1, 5, 10, 15, 20))


def _walk(body: GmrBody | None, *steps: tuple[Step, date]) -> VersionDates:
    dates = VersionDates()
    for step, on in steps:
        dates = check_step(dates, body, step, on, TODAY, "De GMR wil eerst een regel over groepsapps.")
    return dates


PROPOSED = VersionDates(fg_advice_on=D1, proposed_on=D2)
CONSENTED = VersionDates(fg_advice_on=D1, proposed_on=D2, gmr_consent_on=D3)
REFUSED = VersionDates(fg_advice_on=D1, proposed_on=D2, gmr_refused_on=D3)
OLD_ORDER = VersionDates(fg_advice_on=D1, adopted_on=D2, gmr_consent_on=D3)  # what release 0008 allowed

# (case, dates, body, step, allowed, phrase of the refusal, source)
ORDER = [
    ("advice first", VersionDates(), G, Step.PROPOSE, False, "nadat de FG advies", "IBP policy: FG advises"),
    ("proposal goes to the GMR", VersionDates(fg_advice_on=D1), OG, Step.PROPOSE, True, "",
     "WMS art. 10 and 13: voorgenomen besluit"),
    ("no adoption before consent", VersionDates(fg_advice_on=D1), OG, Step.ADOPT, False,
     "nadat de oudergeleding (OGMR) heeft ingestemd", "WMS art. 10/13: prior consent"),
    ("no adoption while the proposal lies there", PROPOSED, P, Step.ADOPT, False,
     "personeelsgeleding (PGMR) heeft ingestemd", "WMS art. 10/13: prior consent"),
    ("consent after the proposal", PROPOSED, G, Step.GMR_CONSENT, True, "", "WMS art. 10"),
    ("refusal after the proposal", PROPOSED, G, Step.GMR_REFUSE, True, "", "WMS art. 10"),
    ("adoption after consent", CONSENTED, G, Step.ADOPT, True, "", "WMS art. 10/13"),
    ("no publication before adoption", CONSENTED, G, Step.PUBLISH, False, "vastgesteld",
     "adoption before publication"),
    ("no adoption after refusal", REFUSED, OG, Step.ADOPT, False, "niet ingestemd",
     "WMS art. 10: refused consent blocks the decision"),
    ("no consent after refusal on the same version", REFUSED, OG, Step.GMR_CONSENT, False, "nieuw voorstel",
     "a new proposal is a new version"),
    ("no GMR step without consent right", VersionDates(fg_advice_on=D1), None, Step.PROPOSE, False,
     "geen instemming van de GMR nodig", "WMS: consent only where the law gives it"),
    ("no consent right: adopt after advice", VersionDates(fg_advice_on=D1), None, Step.ADOPT, True, "",
     "board decides alone"),
    ("old order: adopted before consent is void", OLD_ORDER, G, Step.PUBLISH, False,
     "zonder voorafgaande instemming", "WMS art. 10/13: adoption before consent is void"),
]


@pytest.mark.parametrize(
    ("case", "dates", "body", "step", "allowed", "phrase", "source"), ORDER, ids=[c[0] for c in ORDER]
)
def test_gmr_order(
    case: str, dates: VersionDates, body: GmrBody | None, step: Step, allowed: bool, phrase: str, source: str
) -> None:
    assert (step in next_steps(dates, body)) is allowed, f"{case} ({source})"
    if allowed:
        assert check_step(dates, body, step, D5, TODAY, "reden").stage is not dates.stage
    else:
        with pytest.raises(BadInputError, match=re.escape(phrase)):
            check_step(dates, body, step, D5, TODAY, "reden")


def test_the_full_path_with_gmr_consent() -> None:
    dates = _walk(
        OG,
        (Step.FG_ADVICE, D1),
        (Step.PROPOSE, D2),
        (Step.GMR_CONSENT, D3),
        (Step.ADOPT, D4),
        (Step.PUBLISH, D5),
    )
    assert dates.stage is Stage.PUBLISHED and dates.in_force(OG)
    assert next_steps(dates, OG) == []


def test_old_order_is_not_in_force() -> None:
    assert not OLD_ORDER.in_force(G) and OLD_ORDER.adopted_without_prior_consent(G)
    state = document_state([OLD_ORDER], G, Cycle.YEARLY, None, TODAY)
    assert (state.label, state.level, state.lacks_gmr_consent) == (
        "Vastgesteld zonder voorafgaande GMR-instemming", "red", True
    )


def test_a_refused_version_stays_refused_and_names_the_section() -> None:
    refused = _walk(OG, (Step.FG_ADVICE, D1), (Step.PROPOSE, D2), (Step.GMR_REFUSE, D3))
    assert refused.stage is Stage.GMR_REFUSED
    assert document_state([refused], OG, Cycle.YEARLY, None, TODAY).label == "OGMR-instemming geweigerd"
    # A new version is the new proposal; it starts as a concept.
    again = document_state([refused, VersionDates(fg_advice_on=D4, proposed_on=D5)], OG, Cycle.YEARLY, None,
                           TODAY)
    assert again.label == "Voorstel ligt bij de OGMR"


def test_refusal_needs_a_reason_and_dates_keep_their_order() -> None:
    with pytest.raises(BadInputError, match="reden in waarom de oudergeleding"):
        check_step(PROPOSED, OG, Step.GMR_REFUSE, D4, TODAY, "  ")
    with pytest.raises(BadInputError, match="vóór de vorige stap"):
        check_step(PROPOSED, OG, Step.GMR_CONSENT, D1, TODAY)
    with pytest.raises(BadInputError, match="toekomst"):
        check_step(PROPOSED, OG, Step.GMR_CONSENT, date(2026, 12, 1), TODAY)


def test_evaluation_yearly_and_framework_every_four_years() -> None:
    in_force = [VersionDates(fg_advice_on=date(2025, 2, 1), gmr_consent_on=date(2025, 2, 20),
                             adopted_on=date(2025, 2, 28))]
    assert next_evaluation(in_force, G, Cycle.YEARLY, None) == date(2026, 2, 28)
    assert next_evaluation(in_force, G, Cycle.FOUR_YEARLY, None) == date(2029, 2, 28)
    # A recorded evaluation moves the next one on; a leap day stays in February.
    assert next_evaluation(in_force, G, Cycle.YEARLY, date(2026, 3, 1)) == date(2027, 3, 1)
    leap = [VersionDates(adopted_on=date(2024, 2, 29))]
    assert next_evaluation(leap, None, Cycle.YEARLY, None) == date(2025, 2, 28)


def test_an_adopted_version_without_consent_does_not_start_the_clock() -> None:
    waiting = [VersionDates(fg_advice_on=date(2025, 1, 1), adopted_on=date(2025, 1, 2))]
    assert next_evaluation(waiting, G, Cycle.YEARLY, None) is None
    assert next_evaluation(waiting, None, Cycle.YEARLY, None) == date(2026, 1, 2)


def test_document_state_words_and_colours() -> None:
    old = VersionDates(fg_advice_on=date(2025, 9, 1), gmr_consent_on=date(2025, 9, 2),
                       adopted_on=date(2025, 9, 20), published_on=date(2025, 9, 21))
    state = document_state([old], G, Cycle.YEARLY, None, TODAY)
    assert (state.label, state.level, state.evaluation_overdue) == ("Evaluatie te laat", "red", True)
    fresh = document_state([], G, Cycle.YEARLY, None, TODAY)
    assert (fresh.label, fresh.level, fresh.lacks_gmr_consent) == ("Geen GMR-instemming", "amber", True)
    recent = VersionDates(fg_advice_on=date(2026, 6, 1), proposed_on=date(2026, 6, 2),
                          gmr_consent_on=date(2026, 6, 20), adopted_on=date(2026, 6, 21),
                          published_on=date(2026, 6, 21))
    assert document_state([recent], G, Cycle.YEARLY, None, TODAY).label == "Gepubliceerd"
    consented = VersionDates(fg_advice_on=D1, proposed_on=D2, gmr_consent_on=D3)
    label = document_state([consented], G, Cycle.YEARLY, None, TODAY).label
    assert label == "GMR heeft ingestemd, nog vaststellen"
    # A new version restarts the path, but the published one stays in force.
    state = document_state([recent, VersionDates()], G, Cycle.YEARLY, None, TODAY)
    assert state.label == "Gepubliceerd; nieuwe versie: concept"
    assert state.evaluation_due == date(2027, 6, 21)


def test_calendar_due_dates() -> None:
    assert occurrence_due(2026, 8, 3) == date(2026, 10, 31)  # consent campaign August - October
    assert occurrence_due(2026, 2, 1) == date(2026, 2, 28)
    assert occurrence_due(2026, 12, 2) == date(2027, 1, 31)
    assert months_label(8, 3) == "augustus - oktober"
    assert occurrence_level(date(2026, 10, 31), False, TODAY) == ("Te laat", "red")
    assert occurrence_level(date(2026, 11, 30), False, TODAY) == ("Deze maand", "amber")
    assert occurrence_level(date(2026, 10, 31), True, TODAY) == ("Gedaan", "green")
    assert parse_months("6, 1") == (1, 6)
    with pytest.raises(BadInputError, match="Maand '13'"):
        parse_months("1, 13")
