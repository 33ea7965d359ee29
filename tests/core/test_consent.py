"""The consent rules of DOMAIN.md section 1, on a pupil's decision history for one purpose."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ibp_desktop.core.consent.rules import (
    SIXTEEN_WARNING,
    Channel,
    ConsentState,
    Decision,
    Relation,
    Tone,
    consent_status,
    fold,
    matches_name,
    name_words,
    parse_channel,
    parse_relation,
    row_statuses,
    status_legend,
)

S = ConsentState
G1, G2, VOOGD, PUPIL = Relation.GUARDIAN_1, Relation.GUARDIAN_2, Relation.LEGAL_GUARDIAN, Relation.PUPIL
BORN = date(2016, 3, 10)  # a primary-school pupil: 10 years old in 2026
TODAY = date(2026, 11, 28)
SEPT = date(2026, 9, 15)
OCT = date(2026, 10, 1)


def d(
    granted: bool,
    relation: Relation = G1,
    on: date = SEPT,
    version: int = 1,
    withdrawal: bool = False,
    order: int = 0,
) -> Decision:
    return Decision(granted, relation, on, version, withdrawal, order)


def status(*decisions: Decision, asked_since: int = 1, born: date = BORN, on: date = TODAY) -> ConsentState:
    return consent_status(list(decisions), asked_since=asked_since, date_of_birth=born, on=on).state


CASES = [
    ("no answer is no", [], 1, S.NO_ANSWER),
    ("one guardian yes", [d(True)], 1, S.GRANTED),
    ("one guardian no", [d(False)], 1, S.REFUSED),
    ("later answer of the same guardian wins", [d(False, on=SEPT), d(True, on=OCT)], 1, S.GRANTED),
    ("later refusal of the same guardian wins", [d(True, on=SEPT), d(False, on=OCT)], 1, S.REFUSED),
    ("same day: the one recorded last wins", [d(True, order=2), d(False, order=1)], 1, S.GRANTED),
    ("both guardians yes", [d(True, G1), d(True, G2)], 1, S.GRANTED),
    ("guardians disagree: no, with conflict", [d(True, G1), d(False, G2)], 1, S.CONFLICT),
    ("voogd counts as a guardian of its own", [d(True, G1), d(False, VOOGD)], 1, S.CONFLICT),
    ("withdrawal", [d(True, on=SEPT), d(False, on=OCT, withdrawal=True)], 1, S.WITHDRAWN),
    (
        "withdrawal by one while the other said yes",
        [d(True, G1), d(False, G2, OCT, withdrawal=True)],
        1,
        S.WITHDRAWN,
    ),
    (
        "yes after a withdrawal counts again",
        [d(False, on=SEPT, withdrawal=True), d(True, on=OCT)],
        1,
        S.GRANTED,
    ),
    ("yes on an old form: ask again", [d(True, version=1)], 2, S.ASK_AGAIN),
    ("yes on the changed form counts", [d(True, version=2)], 2, S.GRANTED),
    ("a refusal stays a refusal after a change", [d(False, version=1)], 2, S.REFUSED),
    (
        "old yes plus new yes of the other guardian",
        [d(True, G1, version=1), d(True, G2, version=2)],
        2,
        S.GRANTED,
    ),
    ("old yes of one, new no of the other", [d(True, G1, version=1), d(False, G2, version=2)], 2, S.REFUSED),
    (
        "answer dated after the status date is ignored",
        [d(True, on=TODAY + timedelta(days=1))],
        1,
        S.NO_ANSWER,
    ),
    ("a pupil under 16 does not decide", [d(True, PUPIL)], 1, S.NO_ANSWER),
]


@pytest.mark.parametrize(
    ("decisions", "asked_since", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_status_table(decisions: list[Decision], asked_since: int, expected: ConsentState) -> None:
    assert status(*decisions, asked_since=asked_since) is expected


def test_conflict_flag_and_words() -> None:
    result = consent_status([d(True, G1), d(False, G2)], asked_since=1, date_of_birth=BORN, on=TODAY)
    assert result.conflict and not result.allowed
    assert result.label == "Tegenstrijdig: geen toestemming"
    assert (result.mark, result.mark_note, result.tone) == ("NEE", "oneens", Tone.RED)
    withdrawn = consent_status(
        [d(True, G1), d(False, G2, withdrawal=True)], asked_since=1, date_of_birth=BORN, on=TODAY
    )
    assert withdrawn.state is S.WITHDRAWN and withdrawn.conflict


def test_labels_marks_and_legend_cover_every_state() -> None:
    labels = {s: consent_status([], asked_since=1, date_of_birth=BORN, on=TODAY) for s in [S.NO_ANSWER]}
    assert labels[S.NO_ANSWER].label == "Geen antwoord" and labels[S.NO_ANSWER].mark == "?"
    legend = status_legend()
    assert [label for _m, label, _t in legend] == [
        "Toestemming",
        "Geen toestemming",
        "Ingetrokken",
        "Geen antwoord",
        "Opnieuw vragen",
        "Tegenstrijdig: geen toestemming",
    ]
    assert legend[0][0] == "JA" and all(mark.split()[0] in {"NEE", "?"} for mark, _l, _t in legend[1:])


class TestSixteen:
    BORN_2010 = date(2010, 6, 20)  # turns 16 on 20-06-2026 (special primary education)

    def test_before_the_birthday_the_guardians_decide(self) -> None:
        assert status(d(True, G1, date(2026, 1, 5)), born=self.BORN_2010, on=date(2026, 6, 19)) is S.GRANTED

    def test_from_the_birthday_guardian_answers_no_longer_count(self) -> None:
        result = consent_status(
            [d(True, G1, date(2026, 1, 5))], asked_since=1, date_of_birth=self.BORN_2010, on=date(2026, 6, 20)
        )
        assert result.state is S.NO_ANSWER and result.pupil_decides and result.guardians_set_aside
        assert result.warning == SIXTEEN_WARNING == "Leerling is 16: leerling beslist nu zelf"

    def test_the_pupils_own_answer_counts_and_ends_the_warning(self) -> None:
        result = consent_status(
            [d(False, G1, date(2026, 1, 5)), d(True, PUPIL, date(2026, 6, 20))],
            asked_since=1,
            date_of_birth=self.BORN_2010,
            on=TODAY,
        )
        assert result.state is S.GRANTED and result.warning == ""

    def test_a_pupil_answer_before_the_birthday_does_not_count_after_it(self) -> None:
        assert status(d(True, PUPIL, date(2026, 6, 19)), born=self.BORN_2010) is S.NO_ANSWER

    def test_leap_day_birthday_turns_16_on_1_march(self) -> None:
        born = date(2012, 2, 29)
        assert status(d(True, G1, date(2027, 2, 1)), born=born, on=date(2028, 2, 28)) is S.GRANTED
        assert status(d(True, G1, date(2027, 2, 1)), born=born, on=date(2028, 2, 29)) is S.NO_ANSWER


decisions_strategy = st.builds(
    Decision,
    granted=st.booleans(),
    relation=st.sampled_from(list(Relation)),
    given_on=st.dates(date(2024, 1, 1), date(2028, 12, 31)),
    form_version=st.integers(1, 4),
    withdrawal=st.booleans(),
    order=st.integers(0, 50),
)


@given(
    history=st.lists(decisions_strategy, max_size=8),
    refusal=decisions_strategy,
    asked_since=st.integers(1, 4),
    born=st.dates(date(2008, 1, 1), date(2020, 12, 31)),
    on=st.dates(date(2024, 1, 1), date(2028, 12, 31)),
)
def test_adding_a_no_never_turns_a_status_into_yes(
    history: list[Decision], refusal: Decision, asked_since: int, born: date, on: date
) -> None:
    no = Decision(
        False, refusal.relation, refusal.given_on, refusal.form_version, refusal.withdrawal, refusal.order
    )
    before = consent_status(history, asked_since=asked_since, date_of_birth=born, on=on)
    after = consent_status([*history, no], asked_since=asked_since, date_of_birth=born, on=on)
    assert not (after.allowed and not before.allowed)


@given(history=st.lists(decisions_strategy, max_size=8), asked_since=st.integers(1, 4))
def test_yes_needs_a_counted_yes_on_a_current_form(history: list[Decision], asked_since: int) -> None:
    result = consent_status(history, asked_since=asked_since, date_of_birth=BORN, on=TODAY)
    if result.allowed:
        assert any(x.granted and x.form_version >= asked_since for x in result.counted)
        assert all(x.granted for x in result.counted)


def test_parse_relation_and_channel() -> None:
    assert parse_relation("Ouder/verzorger 2") is G2
    assert parse_relation("voogd") is VOOGD
    assert parse_relation("leerling 16+") is PUPIL
    assert parse_channel("papier") is Channel.PAPER and parse_channel("E-mail") is Channel.EMAIL
    with pytest.raises(ValueError, match=r"Onbekende relatie 'oma'\. Kies uit: ouder/verzorger 1"):
        parse_relation("oma")
    with pytest.raises(ValueError, match="Onbekend kanaal"):
        parse_channel("duif")


@pytest.mark.parametrize(
    ("query", "name", "found"),
    [
        ("sukru", ("Şükrü", "", "Yılmaz"), True),
        ("yil", ("Şükrü", "", "Yılmaz"), True),
        ("lucja wis", ("Łucja", "", "Wiśniewska"), True),
        ("nguyen an", ("An", "", "Nguyễn Văn"), True),
        ("vries", ("Anne-Fleur", "van der", "Berg-de Vries"), True),
        ("fleur", ("Anne-Fleur", "van der", "Berg-de Vries"), True),
        ("ukru", ("Şükrü", "", "Yılmaz"), False),  # prefixes only, not any substring
        ("", ("Şükrü", "", "Yılmaz"), False),
    ],
)
def test_name_search_ignores_case_and_diacritics(query: str, name: tuple[str, str, str], found: bool) -> None:
    assert matches_name(query, name_words(*name)) is found


def test_fold() -> None:
    assert fold("Şükrü Yılmaz ŁUCJA Ærø") == "sukru yilmaz lucja aero"


@given(
    granted=st.booleans(),
    withdrawal=st.booleans(),
    version=st.integers(1, 3),
    asked_since=st.integers(1, 3),
    given_on=st.dates(date(2025, 6, 1), TODAY),
    yearly=st.booleans(),
)
def test_one_answer_decides_as_two_equal_answers_do(
    granted: bool, withdrawal: bool, version: int, asked_since: int, given_on: date, yearly: bool
) -> None:
    """One answer per purpose takes a short path through the rules (a grid computes thousands); it
    must decide what the general rule decides, e.g. for the same answer from both parents."""
    one = d(granted, on=given_on, version=version, withdrawal=withdrawal and not granted)
    both = (one, d(granted, G2, given_on, version, one.withdrawal, order=one.order + 1))
    start = date(2026, 8, 24) if yearly else None
    single = consent_status((one,), asked_since=asked_since, date_of_birth=BORN, on=TODAY, grants_from=start)
    double = consent_status(both, asked_since=asked_since, date_of_birth=BORN, on=TODAY, grants_from=start)
    assert (single.state, single.conflict) == (double.state, double.conflict)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=12))
def test_plain_ascii_folds_as_the_unicode_fold_does(text: str) -> None:
    import unicodedata

    from ibp_desktop.core.consent.names import _fold

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    assert _fold(text) == "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@given(
    row=st.lists(st.lists(decisions_strategy, max_size=3), min_size=1, max_size=6),
    since=st.integers(1, 4),
    born=st.dates(date(2008, 1, 1), date(2020, 12, 31)),
    on=st.dates(date(2024, 1, 1), date(2028, 12, 31)),
    yearly=st.booleans(),
)
def test_a_grid_row_has_the_status_of_each_purpose_alone(
    row: list[list[Decision]], since: int, born: date, on: date, yearly: bool
) -> None:
    """row_statuses (a grid's 5,000 cells) takes short cuts for no answer and one guardian's answer;
    each cell must be what consent_status says for that purpose, counted decisions and flags included."""
    asked = [since + i % 2 for i in range(len(row))]
    start = date(on.year, 8, 1) if yearly else None
    expected = tuple(
        consent_status(h, asked_since=a, date_of_birth=born, on=on, grants_from=start)
        for h, a in zip(row, asked, strict=True)
    )
    assert row_statuses(row, asked, date_of_birth=born, on=on, grants_from=start) == expected
