import re
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ibp_desktop.core.consent.names import display_name
from ibp_desktop.core.consent.school_year import age_on, nth_birthday, school_year_of
from ibp_desktop.services.demo.data import GROUP_NAMES, DemoPupil, demo_pupils

REFERENCE = date(2026, 10, 15)
REQUIRED = [
    ("Şükrü", "", "Yılmaz"),
    ("Łucja", "", "Wiśniewska"),
    ("An", "", "Nguyễn Văn"),
    ("Anne-Fleur", "van der", "Berg-de Vries"),
]
# Reference dates around the edges of a school year and a leap day.
REFERENCES = [REFERENCE, date(2026, 8, 1), date(2027, 7, 31), date(2024, 2, 29), date(2023, 12, 25)]


@pytest.fixture(scope="module")
def pupils() -> list[DemoPupil]:
    return demo_pupils(REFERENCE)


def _enrolled(pupils: list[DemoPupil]) -> list[DemoPupil]:
    return [p for p in pupils if p.deregistered_on is None]


def _left(pupils: list[DemoPupil]) -> list[DemoPupil]:
    return [p for p in pupils if p.deregistered_on is not None]


def _names(pupils: list[DemoPupil]) -> set[tuple[str, str, str]]:
    return {(p.first_name, p.infix, p.last_name) for p in pupils}


def _level_age_problems(pupil: DemoPupil, as_of: date) -> tuple[bool, bool]:
    """(plausible, regular): is the age plausible for the group, and exactly the regular age?"""
    if pupil.group_name.startswith("1/2"):
        age = age_on(pupil.date_of_birth, as_of)
        return 4 <= age <= 6, True
    level = int(pupil.group_name)
    age = age_on(pupil.date_of_birth, date(school_year_of(as_of).start_year, 9, 30))
    return level + 2 <= age <= level + 4, age == level + 3


def test_deterministic() -> None:
    assert demo_pupils(REFERENCE) == demo_pupils(REFERENCE)
    assert demo_pupils(REFERENCE, 150, seed=7) == demo_pupils(REFERENCE, 150, seed=7)
    assert demo_pupils(REFERENCE, seed=1) != demo_pupils(REFERENCE, seed=2)


def test_count_and_group_sizes(pupils: list[DemoPupil]) -> None:
    enrolled = _enrolled(pupils)
    assert len(enrolled) == 200
    sizes = Counter(p.group_name for p in enrolled)
    assert set(sizes) == set(GROUP_NAMES)
    assert all(20 <= n <= 30 for n in sizes.values()), sizes


@pytest.mark.parametrize("count", [11, 37, 120, 200, 480])
def test_count_is_exact(count: int) -> None:
    enrolled = _enrolled(demo_pupils(REFERENCE, count))
    assert len(enrolled) == count
    assert {p.group_name for p in enrolled} <= set(GROUP_NAMES)


def test_count_too_small() -> None:
    with pytest.raises(ValueError):
        demo_pupils(REFERENCE, 10)


def test_required_pupils_present(pupils: list[DemoPupil]) -> None:
    names = _names(_enrolled(pupils))
    for required in REQUIRED:
        assert required in names
    shown = {display_name(p.first_name, p.infix, p.last_name) for p in pupils}
    assert "Anne-Fleur van der Berg-de Vries" in shown
    assert "An Nguyễn Văn" in shown


def test_pupil_numbers_unique_six_digits(pupils: list[DemoPupil]) -> None:
    numbers = [p.pupil_number for p in pupils]
    assert all(re.fullmatch(r"\d{6}", n) for n in numbers)
    assert len(set(numbers)) == len(numbers)


def test_full_names_unique(pupils: list[DemoPupil]) -> None:
    assert len(_names(pupils)) == len(pupils)


@pytest.mark.parametrize("reference", REFERENCES)
def test_ages_consistent_with_groups(reference: date) -> None:
    pupils = demo_pupils(reference)
    regular = 0
    for pupil in pupils:
        as_of = pupil.deregistered_on or reference
        plausible, is_regular = _level_age_problems(pupil, as_of)
        assert plausible, pupil
        regular += is_regular
    assert regular >= 0.8 * len(pupils)


@pytest.mark.parametrize("reference", REFERENCES)
def test_enrolment_dates_plausible(reference: date) -> None:
    for pupil in demo_pupils(reference):
        assert nth_birthday(pupil.date_of_birth, 4) <= pupil.enrolled_on <= reference, pupil
        if pupil.deregistered_on is not None:
            assert pupil.enrolled_on < pupil.deregistered_on


def test_most_pupils_start_at_four(pupils: list[DemoPupil]) -> None:
    at_four = [p for p in pupils if p.enrolled_on - nth_birthday(p.date_of_birth, 4) < timedelta(days=45)]
    assert 0.75 * len(pupils) <= len(at_four) < len(pupils)  # and some newcomers


@pytest.mark.parametrize("reference", REFERENCES)
def test_deregistered_pupils_in_previous_school_years(reference: date) -> None:
    pupils = demo_pupils(reference)
    left = _left(pupils)
    assert 8 <= len(left) <= 12
    this_year = school_year_of(reference)
    for pupil in left:
        assert pupil.deregistered_on is not None
        assert pupil.deregistered_on < this_year.starts_on <= reference
        assert pupil.group_name in GROUP_NAMES
    # Spread over several years, so that some retention periods have passed and some have not.
    assert len({school_year_of(p.deregistered_on) for p in left if p.deregistered_on}) >= 3


@pytest.mark.parametrize(("count", "seed"), [(200, 2026), (11, 1), (11, 99), (60, 12345)])
def test_diacritics_present(count: int, seed: int) -> None:
    pupils = demo_pupils(REFERENCE, count, seed)
    text = " ".join(display_name(p.first_name, p.infix, p.last_name) for p in pupils)
    for char in "şğıİłśżễăéëï":
        assert char in text, char


def test_dutch_infixes(pupils: list[DemoPupil]) -> None:
    infixes = {p.infix for p in pupils}
    assert {"de", "van", "van der", "van den"} <= infixes
    assert infixes <= {"", "de", "van", "van der", "van den", "van de", "ter", "ten", "van 't", "in 't"}
    assert sum(1 for p in pupils if p.infix) >= 0.15 * len(pupils)


def test_siblings_in_different_groups(pupils: list[DemoPupil]) -> None:
    anne_fleur, floris = (
        next(p for p in pupils if p.first_name == first and p.last_name == "Berg-de Vries")
        for first in ("Anne-Fleur", "Floris")
    )
    assert anne_fleur.infix == floris.infix == "van der"
    assert anne_fleur.group_name != floris.group_name
    levels: dict[tuple[str, str], set[str]] = defaultdict(set)
    for pupil in _enrolled(pupils):
        levels[(pupil.infix, pupil.last_name)].add(pupil.group_name[:3])
    assert sum(1 for groups in levels.values() if len(groups) >= 2) >= 4


def test_ordering(pupils: list[DemoPupil]) -> None:
    enrolled = _enrolled(pupils)
    assert pupils[: len(enrolled)] == enrolled
    order = [GROUP_NAMES.index(p.group_name) for p in enrolled]
    assert order == sorted(order)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    reference=st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31)),
    count=st.integers(min_value=11, max_value=300),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_invariants_for_any_input(reference: date, count: int, seed: int) -> None:
    pupils = demo_pupils(reference, count, seed)
    enrolled = _enrolled(pupils)
    assert len(enrolled) == count
    assert 8 <= len(pupils) - count <= 12
    assert len({p.pupil_number for p in pupils}) == len(pupils)
    assert all(re.fullmatch(r"\d{6}", p.pupil_number) for p in pupils)
    names = _names(enrolled)
    assert all(required in names for required in REQUIRED)
    for pupil in pupils:
        assert _level_age_problems(pupil, pupil.deregistered_on or reference)[0], pupil
        assert pupil.enrolled_on <= (pupil.deregistered_on or reference)
        assert pupil.deregistered_on is None or pupil.deregistered_on < school_year_of(reference).starts_on
