"""A purpose nobody of a group was ever asked about shows once as "niet gevraagd – niemand mag", not as
the whole group by name (DOMAIN.md 1: no answer means no; data minimisation on the teacher's sheet)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ibp_desktop.core.consent.rules import (
    NEVER_ASKED,
    ConsentState,
    Decision,
    Relation,
    consent_status,
    never_asked,
)
from ibp_desktop.reports.consent_overview import (
    ConsentOverview,
    OverviewRow,
    OverviewSection,
    render_consent_overview,
)
from tests.reports.pdf_helpers import page_texts

BORN, ON = date(2017, 3, 1), date(2026, 11, 28)
YES = Decision(True, Relation.GUARDIAN_1, date(2026, 9, 1), 1)
NO = Decision(False, Relation.GUARDIAN_1, date(2026, 9, 1), 1)
PUPIL_SAID = Decision(True, Relation.PUPIL, date(2026, 9, 1), 1)


def _status(*decisions: Decision, born: date = BORN) -> object:
    return consent_status(decisions, asked_since=1, date_of_birth=born, on=ON)


CASES = [
    ("nobody answered", [(), (), ()], True),
    ("one parent said no", [(NO,), (), ()], False),
    ("one parent said yes", [(), (YES,), ()], False),
    ("empty group", [], False),
]


@pytest.mark.parametrize(("case", "histories", "expected"), CASES, ids=[c[0] for c in CASES])
def test_never_asked(case: str, histories: list[tuple[Decision, ...]], expected: bool) -> None:
    statuses = [_status(*h) for h in histories]
    assert never_asked(statuses) is expected, case  # type: ignore[arg-type]


def test_a_sixteen_year_olds_set_aside_answers_were_asked() -> None:
    sixteen = consent_status((YES,), asked_since=1, date_of_birth=date(2010, 1, 1), on=ON)
    assert not never_asked([sixteen])


def test_the_overview_says_it_once() -> None:
    names = ("Şükrü Yılmaz", "Łucja Wiśniewska", "Nguyễn Văn An")
    rows = tuple(
        OverviewRow(name, (ConsentState.GRANTED if i else ConsentState.REFUSED, ConsentState.NO_ANSWER))
        for i, name in enumerate(names)
    )
    section = OverviewSection("5a", ("Schoolwebsite", "Lokale pers"), rows, (False, True))
    overview = ConsentOverview("OBS De Wilgen", "2026-2027", 2, "28-11-2026", datetime.now(UTC), (section,))
    text = " ".join(" ".join(page_texts(render_consent_overview(overview))).split())
    assert f"Lokale pers: {NEVER_ASKED}" in text
    assert "Voor geen enkel doel: Şükrü Yılmaz" in text  # refused the only purpose that was asked
    box = text.split("Niet fotograferen of publiceren", 1)[1].split("Leerling", 1)[0]
    assert "Łucja" not in box and "Nguyễn" not in box  # not listed for the never-asked purpose
