"""The status path of a policy document, evaluation dates and calendar due dates (core, no database)."""

from __future__ import annotations

from datetime import date

import pytest

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.policy import (
    Cycle,
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


def _walk(requires_gmr: bool, *steps: tuple[Step, date]) -> VersionDates:
    dates = VersionDates()
    for step, on in steps:
        dates = check_step(dates, requires_gmr, step, on, TODAY, "reden")
    return dates


def test_the_full_path_with_gmr_consent() -> None:
    dates = _walk(
        True,
        (Step.FG_ADVICE, date(2026, 3, 1)),
        (Step.ADOPT, date(2026, 3, 15)),
        (Step.GMR_CONSENT, date(2026, 4, 2)),
        (Step.PUBLISH, date(2026, 4, 10)),
    )
    assert dates.stage is Stage.PUBLISHED
    assert next_steps(dates, True) == []


def test_next_steps_offer_only_what_the_path_allows() -> None:
    assert next_steps(VersionDates(), True) == [Step.FG_ADVICE]
    advised = VersionDates(fg_advice_on=date(2026, 3, 1))
    assert next_steps(advised, True) == [Step.ADOPT]
    adopted = VersionDates(fg_advice_on=date(2026, 3, 1), adopted_on=date(2026, 3, 2))
    assert next_steps(adopted, True) == [Step.GMR_CONSENT, Step.GMR_REFUSE]
    assert next_steps(adopted, False) == [Step.PUBLISH]


@pytest.mark.parametrize("stage_dates", [VersionDates(), VersionDates(fg_advice_on=date(2026, 3, 1))])
def test_no_gmr_consent_before_board_adoption(stage_dates: VersionDates) -> None:
    with pytest.raises(BadInputError, match="pas instemmen nadat het bestuur"):
        check_step(stage_dates, True, Step.GMR_CONSENT, date(2026, 4, 1), TODAY)


def test_no_publication_before_gmr_consent() -> None:
    adopted = VersionDates(fg_advice_on=date(2026, 3, 1), adopted_on=date(2026, 3, 2))
    with pytest.raises(BadInputError, match="nadat de GMR heeft ingestemd"):
        check_step(adopted, True, Step.PUBLISH, date(2026, 4, 1), TODAY)
    # A document without GMR consent right is published straight after adoption.
    assert check_step(adopted, False, Step.PUBLISH, date(2026, 4, 1), TODAY).stage is Stage.PUBLISHED


def test_a_refused_version_stays_refused() -> None:
    refused = _walk(
        True,
        (Step.FG_ADVICE, date(2026, 3, 1)),
        (Step.ADOPT, date(2026, 3, 2)),
        (Step.GMR_REFUSE, date(2026, 4, 1)),
    )
    assert refused.stage is Stage.GMR_REFUSED
    with pytest.raises(BadInputError, match="nieuwe versie"):
        check_step(refused, True, Step.GMR_CONSENT, date(2026, 5, 1), TODAY)


def test_refusal_needs_a_reason_and_dates_keep_their_order() -> None:
    adopted = VersionDates(fg_advice_on=date(2026, 3, 1), adopted_on=date(2026, 3, 20))
    with pytest.raises(BadInputError, match="reden"):
        check_step(adopted, True, Step.GMR_REFUSE, date(2026, 4, 1), TODAY, "  ")
    with pytest.raises(BadInputError, match="vóór de vorige stap"):
        check_step(adopted, True, Step.GMR_CONSENT, date(2026, 3, 10), TODAY)
    with pytest.raises(BadInputError, match="toekomst"):
        check_step(adopted, True, Step.GMR_CONSENT, date(2026, 12, 1), TODAY)


def test_gmr_steps_are_refused_for_documents_without_gmr_right() -> None:
    adopted = VersionDates(fg_advice_on=date(2026, 3, 1), adopted_on=date(2026, 3, 2))
    with pytest.raises(BadInputError, match="geen instemming van de GMR nodig"):
        check_step(adopted, False, Step.GMR_CONSENT, date(2026, 4, 1), TODAY)


def test_evaluation_yearly_and_framework_every_four_years() -> None:
    in_force = [
        VersionDates(
            fg_advice_on=date(2025, 2, 1), adopted_on=date(2025, 2, 28), gmr_consent_on=date(2025, 3, 10)
        )
    ]
    assert next_evaluation(in_force, True, Cycle.YEARLY, None) == date(2026, 2, 28)
    assert next_evaluation(in_force, True, Cycle.FOUR_YEARLY, None) == date(2029, 2, 28)
    # A recorded evaluation moves the next one on; a leap day stays in February.
    assert next_evaluation(in_force, True, Cycle.YEARLY, date(2026, 3, 1)) == date(2027, 3, 1)
    leap = [VersionDates(adopted_on=date(2024, 2, 29))]
    assert next_evaluation(leap, False, Cycle.YEARLY, None) == date(2025, 2, 28)


def test_an_adopted_version_without_consent_does_not_start_the_clock() -> None:
    waiting = [VersionDates(fg_advice_on=date(2025, 1, 1), adopted_on=date(2025, 1, 2))]
    assert next_evaluation(waiting, True, Cycle.YEARLY, None) is None
    assert next_evaluation(waiting, False, Cycle.YEARLY, None) == date(2026, 1, 2)


def test_document_state_words_and_colours() -> None:
    consented = VersionDates(
        fg_advice_on=date(2025, 9, 1),
        adopted_on=date(2025, 9, 2),
        gmr_consent_on=date(2025, 9, 20),
        published_on=date(2025, 9, 21),
    )
    state = document_state([consented], True, Cycle.YEARLY, None, TODAY)
    assert (state.label, state.level, state.evaluation_overdue) == ("Evaluatie te laat", "red", True)
    fresh = document_state([], True, Cycle.YEARLY, None, TODAY)
    assert (fresh.label, fresh.level, fresh.lacks_gmr_consent) == ("Geen GMR-instemming", "amber", True)
    recent = VersionDates(
        fg_advice_on=date(2026, 6, 1),
        adopted_on=date(2026, 6, 2),
        gmr_consent_on=date(2026, 6, 20),
        published_on=date(2026, 6, 21),
    )
    assert document_state([recent], True, Cycle.YEARLY, None, TODAY).label == "Gepubliceerd"
    # A new version restarts the path, but the published one stays in force.
    state = document_state([recent, VersionDates()], True, Cycle.YEARLY, None, TODAY)
    assert state.label == "Gepubliceerd; nieuwe versie: concept"
    assert state.evaluation_due == date(2027, 6, 2)


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
