"""Deterministic demo pupils for the fictitious school "OBS De Regenboog".

Everything here is invented. The generator uses only ``random.Random(seed)``, so the same
arguments always give the same list. Names follow the mix found in Dutch primary schools:
mostly Dutch names, plus names of Turkish, Moroccan, Surinamese, Antillean, Polish, Syrian,
Eritrean, Ukrainian, Vietnamese, Chinese and Indonesian origin, spelled with their diacritics.

Placement follows the Dutch system: a pupil starts in group 1 on (about) the fourth birthday;
groups 1 and 2 are combined in "1/2" classes; a pupil in group N is N + 3 years old on
30 September of the school year (1 October cut-off), with a few repeaters (one year older)
and a few pupils born in October-December placed a year ahead (one year younger).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ibp_desktop.core.consent.names import collation_key
from ibp_desktop.core.consent.school_year import SchoolYear, nth_birthday, school_year_of
from ibp_desktop.services.demo.names import (
    _DUTCH,
    _ORIGINS,
    _POLISH,
    _SIBLING_ORIGINS,
    _TURKISH,
    _VIETNAMESE,
    Sex,
    _Origin,
    _Surname,
)

__all__ = [
    "DEMO_SCHOOL_NAME",
    "GROUP_NAMES",
    "DemoPupil",
    "demo_pupils",
]

DEMO_SCHOOL_NAME = "OBS De Regenboog"
GROUP_NAMES: tuple[str, ...] = ("1/2a", "1/2b", "3", "4", "5", "6", "7", "8")


@dataclass(frozen=True, slots=True)
class DemoPupil:
    pupil_number: str
    first_name: str
    infix: str
    last_name: str
    date_of_birth: date
    group_name: str
    enrolled_on: date
    deregistered_on: date | None


@dataclass(frozen=True, slots=True)
class _Fixed:
    """A pupil that must always be in the demo list (shows sorting and diacritics)."""

    first_name: str
    infix: str
    last_name: str
    origin: _Origin

    @property
    def names(self) -> tuple[str, str, str]:
        return self.first_name, self.infix, self.last_name


_REQUIRED: tuple[_Fixed, ...] = (
    _Fixed("Şükrü", "", "Yılmaz", _TURKISH),
    _Fixed("Łucja", "", "Wiśniewska", _POLISH),
    _Fixed("An", "", "Nguyễn Văn", _VIETNAMESE),
    _Fixed("Anne-Fleur", "van der", "Berg-de Vries", _DUTCH),
)
# Anne-Fleur has a brother in another group.
_REQUIRED_SIBLING = _Fixed("Floris", "van der", "Berg-de Vries", _DUTCH)
# Always present as well, so that every demo list shows the letters and infixes that screens,
# sorting and PDF fonts must handle, whatever the seed.
_SHOWCASE: tuple[_Fixed, ...] = (
    _Fixed("Gülşen", "", "Doğan", _TURKISH),
    _Fixed("İsmail", "", "Kılıç", _TURKISH),
    _Fixed("Mikołaj", "", "Krzyżanowski", _POLISH),
    _Fixed("Zoë", "van 't", "Hof", _DUTCH),
    _Fixed("René", "in 't", "Veld", _DUTCH),
    _Fixed("Loïs", "ter", "Horst", _DUTCH),
)
_FIXED_COUNT = len(_REQUIRED) + 1 + len(_SHOWCASE)

# --------------------------------------------------------------------------- dates


def _level(group_name: str) -> tuple[int, ...]:
    """Group levels a class holds: "1/2a" -> (1, 2), "5" -> (5,)."""
    return (1, 2) if group_name.startswith("1/2") else (int(group_name),)


def _cohort(level: int, year: SchoolYear) -> tuple[date, date]:
    """Birth dates of the regular cohort of group ``level``: N + 3 years old on 30 September."""
    y = year.start_year
    return date(y - level - 4, 10, 1), date(y - level - 3, 9, 30)


def _random_date(rng: random.Random, first: date, last: date) -> date:
    return date.fromordinal(rng.randint(first.toordinal(), last.toordinal()))


def _weekday_on_or_after(d: date) -> date:
    return d + timedelta(days=(7 - d.weekday()) % 7 if d.weekday() >= 5 else 0)


def _weekday_on_or_before(d: date) -> date:
    return d - timedelta(days=d.weekday() - 4 if d.weekday() >= 5 else 0)


def _first_school_day(date_of_birth: date) -> date:
    """Start on the fourth birthday; weekend -> Monday; in the summer holiday -> early September."""
    birthday = nth_birthday(date_of_birth, 4)
    if (birthday.month, birthday.day) >= (7, 15) and birthday.month <= 8:
        return _weekday_on_or_after(date(birthday.year, 9, 1))
    return _weekday_on_or_after(birthday)


def _birth_date(rng: random.Random, level: int, year: SchoolYear, as_of: date) -> date:
    """A birth date for a pupil in group ``level`` during ``year``, enrolled by ``as_of``."""
    first, last = _cohort(level, year)
    if level >= 3:
        roll = rng.random()
        if roll < 0.06:  # repeated a year: one cohort older
            first, last = _cohort(level + 1, year)
        elif roll < 0.10:  # October-December child placed a year ahead
            first, last = date(last.year, 10, 1), date(last.year, 12, 31)
        return _random_date(rng, first, last)
    for _ in range(100):
        candidate = _random_date(rng, first, last)
        if _first_school_day(candidate) <= as_of:
            return candidate
    return first  # fourth birthday on 1 October of the previous year: always enrolled


def _enrolment(rng: random.Random, origin: _Origin, date_of_birth: date, as_of: date) -> date:
    """Enrolment date, not after ``as_of``: at four, or later for a newcomer."""
    regular = min(_first_school_day(date_of_birth), as_of)
    if rng.random() >= origin.newcomer_share:
        return regular
    lower = max(regular + timedelta(days=180), as_of - timedelta(days=5 * 365))
    if origin.arrived_from is not None:
        lower = max(lower, origin.arrived_from + timedelta(days=rng.randint(30, 240)))
    upper = as_of - timedelta(days=1)
    if lower > upper:
        return regular
    day = _weekday_on_or_before(_random_date(rng, lower, upper))
    return day if day >= lower else _random_date(rng, lower, upper)


# --------------------------------------------------------------------------- generator


@dataclass(frozen=True, slots=True)
class _Draft:
    first_name: str
    infix: str
    last_name: str
    date_of_birth: date
    group_name: str
    enrolled_on: date
    deregistered_on: date | None


class _Generator:
    def __init__(self, reference: date, seed: int) -> None:
        self.rng = random.Random(seed)
        self.reference = reference
        self.year = school_year_of(reference)
        self.used_names: set[tuple[str, str, str]] = set()
        # (infix, last name) pairs in use: unrelated pupils rarely share one, so that a shared
        # last name mostly means brothers and sisters, as in a real school.
        self.used_surnames: set[tuple[str, str]] = set()

    def use(self, names: tuple[str, str, str]) -> None:
        self.used_names.add(names)
        self.used_surnames.add((names[1], names[2]))

    # names ------------------------------------------------------------------------------

    def origin(self) -> _Origin:
        return self.rng.choices(_ORIGINS, weights=[o.weight for o in _ORIGINS])[0]

    def sex(self) -> Sex:
        return "f" if self.rng.random() < 0.5 else "m"

    def first_name(self, origin: _Origin, sex: Sex, avoid: Sequence[str] = ()) -> str:
        pool = [n for n in (origin.girls if sex == "f" else origin.boys) if n not in avoid]
        return self.rng.choice(pool)

    def name(self, origin: _Origin, surname: _Surname | None = None) -> tuple[str, str, str]:
        """A (first, infix, last) not used before in this demo school."""
        for attempt in range(200):
            sex = self.sex()
            family = surname or self.rng.choice(origin.surnames)
            last = family.female if sex == "f" else family.male
            if surname is None and attempt < 10 and (family.infix, last) in self.used_surnames:
                continue
            candidate = (self.first_name(origin, sex), family.infix, last)
            if candidate not in self.used_names:
                self.use(candidate)
                return candidate
        raise RuntimeError("name pool exhausted")  # pragma: no cover - pools are large enough

    # pupils -----------------------------------------------------------------------------

    def enrolled(self, names: tuple[str, str, str], origin: _Origin, group_name: str) -> _Draft:
        level = self.rng.choice(_level(group_name))
        dob = _birth_date(self.rng, level, self.year, self.reference)
        enrolled_on = _enrolment(self.rng, origin, dob, self.reference)
        return _Draft(*names, dob, group_name, enrolled_on, None)

    def deregistered(self) -> _Draft:
        """A pupil who left during one of the six previous school years."""
        back = self.rng.choices((1, 2, 3, 4, 5, 6), weights=(3, 3, 2, 2, 1, 1))[0]
        year = SchoolYear(self.year.start_year - back)
        origin = self.origin()
        names = self.name(origin)
        if self.rng.random() < 0.4:  # finished group 8 and left for secondary school
            group_name = "8"
            left = _weekday_on_or_before(date(year.start_year + 1, 7, self.rng.randint(7, 21)))
        else:  # moved house, switched schools or was referred to special education
            group_name = self.rng.choice(GROUP_NAMES)
            left = _weekday_on_or_before(
                _random_date(self.rng, year.starts_on + timedelta(days=30), year.ends_on - timedelta(days=21))
            )
        # In group 1/2 only group-2 pupils leave here, so that they had been enrolled for a while.
        level = 2 if group_name.startswith("1/2") else int(group_name)
        dob = _birth_date(self.rng, level, year, left)
        enrolled_on = _enrolment(self.rng, origin, dob, left - timedelta(days=60))
        return _Draft(*names, dob, group_name, enrolled_on, left)


def _group_sizes(rng: random.Random, count: int) -> dict[str, int]:
    """Class sizes that sum to ``count``; each 1/2 class holds about one year's cohort."""
    weights = [1.0 + rng.uniform(-0.08, 0.08) for _ in GROUP_NAMES]
    total = sum(weights)
    exact = [count * w / total for w in weights]
    sizes = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - sizes[i], reverse=True)
    for i in by_remainder[: count - sum(sizes)]:
        sizes[i] += 1
    return dict(zip(GROUP_NAMES, sizes, strict=True))


def demo_pupils(reference: date, count: int = 200, seed: int = 2026) -> list[DemoPupil]:
    """The pupils of the demo school on ``reference``.

    Returns ``count`` enrolled pupils (ordered by group, then by last name), followed by
    8-12 pupils who were deregistered during earlier school years (ordered by the date they
    left). Same arguments, same result.
    """
    if count < _FIXED_COUNT:
        raise ValueError(f"count must be at least {_FIXED_COUNT}, got {count}")
    gen = _Generator(reference, seed)
    rng = gen.rng
    sizes = _group_sizes(rng, count)
    free = [g for g in GROUP_NAMES for _ in range(sizes[g])]
    rng.shuffle(free)

    def take(avoid_levels: set[int]) -> str:
        for i, group_name in enumerate(free):
            if not avoid_levels & set(_level(group_name)):
                return free.pop(i)
        return free.pop()

    drafts: list[_Draft] = []

    # The fixed pupils first; Anne-Fleur and her brother sit in different groups.
    for fixed in (*_REQUIRED, _REQUIRED_SIBLING, *_SHOWCASE):
        gen.use(fixed.names)
    for fixed in _REQUIRED:
        drafts.append(gen.enrolled(fixed.names, fixed.origin, take(set())))
    anne_fleur_levels = set(_level(drafts[-1].group_name))
    drafts.append(gen.enrolled(_REQUIRED_SIBLING.names, _DUTCH, take(anne_fleur_levels)))
    for fixed in _SHOWCASE:
        drafts.append(gen.enrolled(fixed.names, fixed.origin, take(set())))

    # Families with two or three children in different groups: about one pupil in six has a
    # brother or sister in the list (fewer than in reality, so that the demo stays readable).
    families = max(1, count // 15)
    for _ in range(families):
        if len(free) < 2:
            break
        origin = rng.choice(_SIBLING_ORIGINS)
        surname = rng.choice(origin.surnames)
        children = min(len(free), rng.choice((2, 2, 3)))
        levels: set[int] = set()
        given: list[str] = []
        births: list[date] = []
        for _ in range(children):
            group_name = take(levels)
            levels |= set(_level(group_name))
            for _ in range(100):
                sex = gen.sex()
                first = gen.first_name(origin, sex, avoid=given)
                names = (first, surname.infix, surname.female if sex == "f" else surname.male)
                if names not in gen.used_names:
                    break
            given.append(first)
            gen.use(names)
            # Brothers and sisters are born at least ten months apart.
            for _ in range(50):
                child = gen.enrolled(names, origin, group_name)
                if all(abs((child.date_of_birth - b).days) >= 300 for b in births):
                    break
            births.append(child.date_of_birth)
            drafts.append(child)

    while free:
        origin = gen.origin()
        drafts.append(gen.enrolled(gen.name(origin), origin, free.pop()))

    enrolled = sorted(
        drafts,
        key=lambda p: (GROUP_NAMES.index(p.group_name), collation_key(p.first_name, p.infix, p.last_name)),
    )
    left = sorted(
        (gen.deregistered() for _ in range(rng.randint(8, 12))),
        key=lambda p: p.deregistered_on or p.enrolled_on,
    )
    everyone = enrolled + left

    # Pupil numbers are handed out in order of enrolment, with gaps for pupils not in this list.
    numbers: dict[int, str] = {}
    number = rng.randint(104_000, 112_000)
    for index in sorted(range(len(everyone)), key=lambda i: (everyone[i].enrolled_on, i)):
        number += rng.randint(1, 4)
        numbers[index] = f"{number:06d}"

    return [
        DemoPupil(
            pupil_number=numbers[i],
            first_name=p.first_name,
            infix=p.infix,
            last_name=p.last_name,
            date_of_birth=p.date_of_birth,
            group_name=p.group_name,
            enrolled_on=p.enrolled_on,
            deregistered_on=p.deregistered_on,
        )
        for i, p in enumerate(everyone)
    ]
