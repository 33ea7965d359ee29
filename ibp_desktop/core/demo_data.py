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
from typing import Literal

from ibp_desktop.core.names import collation_key
from ibp_desktop.core.school_year import SchoolYear, nth_birthday, school_year_of

__all__ = [
    "DEMO_SCHOOL_NAME",
    "GROUP_NAMES",
    "DemoPupil",
    "demo_pupils",
]

DEMO_SCHOOL_NAME = "OBS De Regenboog"
GROUP_NAMES: tuple[str, ...] = ("1/2a", "1/2b", "3", "4", "5", "6", "7", "8")

Sex = Literal["m", "f"]


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


# --------------------------------------------------------------------------- name pools


@dataclass(frozen=True, slots=True)
class _Surname:
    infix: str
    male: str
    female: str  # differs only where the language genders surnames (Polish)


def _s(last: str, infix: str = "", female: str | None = None) -> _Surname:
    return _Surname(infix, last, last if female is None else female)


@dataclass(frozen=True, slots=True)
class _Origin:
    key: str
    weight: float  # share of the pupils, in percent
    boys: tuple[str, ...]
    girls: tuple[str, ...]
    surnames: tuple[_Surname, ...]
    newcomer_share: float  # share that enrolled later than at age four (arrived in NL)
    arrived_from: date | None = None  # newcomers of this origin arrived on or after this date


_DUTCH = _Origin(
    "dutch",
    71.0,
    boys=(
        "Noah", "Sem", "Liam", "Luca", "Daan", "Lucas", "Finn", "Levi", "Mees", "James", "Milan",
        "Sam", "Noud", "Jesse", "Bram", "Thijs", "Jens", "Ruben", "Thomas", "Siem", "Teun", "Gijs",
        "Hugo", "Olivier", "Lars", "Boaz", "Guus", "Stijn", "Jurre", "Tijn", "Ties", "Floris",
        "Joep", "Mats", "Morris", "Pepijn", "René", "André", "Noë", "Raphaël", "Jaïr",
    ),
    girls=(
        "Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Nora", "Yara", "Eva", "Liv",
        "Lotte", "Evi", "Noor", "Anna", "Lauren", "Fenna", "Saar", "Isa", "Fleur", "Sanne",
        "Lieke", "Roos", "Femke", "Jasmijn", "Elin", "Maud", "Noa", "Lina", "Floor", "Chloë",
        "Loïs", "Renée", "Joëlle", "Daniëlle", "Anne-Sophie", "Eloïse", "Ilse", "Merel", "Rosalie",
    ),
    surnames=(
        _s("Jong", "de"), _s("Vries", "de"), _s("Berg", "van den"), _s("Dijk", "van"), _s("Bakker"),
        _s("Janssen"), _s("Visser"), _s("Smit"), _s("Meijer"), _s("Boer", "de"), _s("Mulder"),
        _s("Groot", "de"), _s("Bos"), _s("Vos"), _s("Peters"), _s("Hendriks"), _s("Leeuwen", "van"),
        _s("Dekker"), _s("Brouwer"), _s("Wit", "de"), _s("Dijkstra"), _s("Smits"), _s("Graaf", "de"),
        _s("Meer", "van der"), _s("Linden", "van der"), _s("Kok"), _s("Jacobs"), _s("Haan", "de"),
        _s("Vermeulen"), _s("Heuvel", "van den"), _s("Veen", "van der"), _s("Broek", "van den"),
        _s("Bruijn", "de"), _s("Heijden", "van der"), _s("Schouten"), _s("Beek", "van"),
        _s("Willems"), _s("Vliet", "van"), _s("Ven", "van de"), _s("Hoekstra"), _s("Maas"),
        _s("Verhoeven"), _s("Koster"), _s("Dam", "van"), _s("Wal", "van der"), _s("Prins"),
        _s("Blom"), _s("Huisman"), _s("Horst", "ter"), _s("Haar", "ter"), _s("Hof", "van 't"),
        _s("Zand", "van 't"), _s("Veld", "in 't"), _s("Brink", "ten"), _s("Kolk", "van der"),
        _s("Wijk", "van"), _s("Postma"), _s("Kramer"), _s("Bosman"), _s("Timmermans"),
        _s("Kuiper"), _s("Veenstra"), _s("Zwart"), _s("Vink"), _s("Koning"), _s("Scholten"), _s("Mol"),
        _s("Hoek", "van der"), _s("Groen"), _s("Evers"), _s("Lammers"), _s("Wolters"), _s("Bouwman"),
        _s("Verbeek"), _s("Jonker"), _s("Gerritsen"), _s("Kroon"), _s("Molenaar"), _s("Laan", "van der"),
        _s("Poel", "van der"), _s("Zee", "van der"), _s("Velde", "van de"), _s("Rooij", "de"),
        _s("Lange", "de"), _s("Ridder", "de"), _s("Kempen", "van"), _s("Bruggen", "ter"),
        _s("Steege", "ter"), _s("Rijt", "van de"), _s("Hoeven", "van der"), _s("Schaik", "van"),
        _s("Peeters"), _s("Dongen", "van"), _s("Rijn", "van"), _s("Wouters"), _s("Dijkman"),
        _s("Schipper"), _s("Hermans"), _s("Goossens"), _s("Loon", "van"), _s("Doorn", "van"),
        _s("Hoogendoorn"), _s("Dalen", "van"), _s("Groenewegen"), _s("Bouma"), _s("Sanders"),
        _s("Martens"), _s("Veen", "van"), _s("Schippers"), _s("Es", "van"), _s("Wijnen"), _s("Claassen"),
        _s("Verschuren"), _s("Aarts"), _s("Velden", "van der"), _s("Kooij"), _s("Brands"),
        _s("Huijbregts"), _s("Ruiter", "de"), _s("Zwan", "van der"), _s("Boon"), _s("Pronk"),
        _s("Westra"), _s("Wiersma"), _s("Bruins"), _s("Vugt", "van"), _s("Koopman"), _s("Essen", "van"),
        _s("Mertens"), _s("Hout", "van"), _s("Driessen"), _s("Arts"), _s("Rutten"), _s("Hoogland"),
        _s("Kroes"), _s("Wijngaarden", "van"), _s("Reinders"), _s("Tuinstra"), _s("Stam"), _s("Venema"),
        _s("Hofman"), _s("Keizer"), _s("Smeets"), _s("Geurts"), _s("Gils", "van"), _s("Sluijter"),
        _s("Beekman"), _s("Noordhuis"), _s("Bijl"), _s("Roos"), _s("Kerkhof"), _s("Versteeg"),
        _s("Oosterhuis"), _s("Vos", "de"), _s("Zanten", "van"), _s("Nijland"), _s("Zijlstra"),
        _s("Veldman"), _s("Hove", "ten"), _s("Cate", "ten"), _s("Beek", "ter"), _s("Veer", "van 't"),
        _s("Wout", "van 't"), _s("Os", "van"), _s("Kok", "de"), _s("Boxtel", "van"), _s("Heuvel", "ten"),
        _s("Smit-van Leeuwen"), _s("Jansen-Bakker"), _s("Vos-de Haan"),
    ),
    newcomer_share=0.08,
)
_TURKISH = _Origin(
    "turkish",
    6.0,
    boys=(
        "Yusuf", "Emir", "Eymen", "Ömer", "Mustafa", "Mehmet", "Kerem", "Yiğit", "Efe", "Arda",
        "Barış", "Çağan", "Alperen", "İsmail", "Furkan", "Emre",
    ),
    girls=(
        "Elif", "Zeynep", "Ecrin", "Defne", "Eylül", "Azra", "Nisa", "Büşra", "Gülşen", "İlayda",
        "Irmak", "Melek", "Hira", "Duru",
    ),
    surnames=(
        _s("Yılmaz"), _s("Kaya"), _s("Demir"), _s("Şahin"), _s("Çelik"), _s("Yıldız"), _s("Yıldırım"),
        _s("Öztürk"), _s("Aydın"), _s("Özdemir"), _s("Arslan"), _s("Doğan"), _s("Kılıç"), _s("Çetin"),
        _s("Koç"), _s("Kurt"), _s("Özkan"), _s("Şimşek"), _s("Güneş"), _s("Aktaş"), _s("Korkmaz"),
    ),
    newcomer_share=0.05,
)
_MOROCCAN = _Origin(
    "moroccan",
    6.0,
    boys=(
        "Mohamed", "Adam", "Ayoub", "Rayan", "Yassine", "Bilal", "Amin", "Zakaria", "Ilyas", "Anas",
        "Imran", "Hamza", "Anouar", "Soufiane",
    ),
    girls=(
        "Aya", "Hiba", "Nour", "Salma", "Yasmina", "Imane", "Malak", "Soumaya", "Ikram", "Maryam",
        "Fatima-Zahra", "Hajar", "Khadija", "Rania",
    ),
    surnames=(
        _s("El Amrani"), _s("Bouzid"), _s("Benali"), _s("El Idrissi"), _s("Ouali"), _s("Boukhari"),
        _s("Azzouzi"), _s("El Khatib"), _s("Tahiri"), _s("Aït Taleb"), _s("Bennani"), _s("Bakkali"),
        _s("Achahbar"), _s("El Ouakili"), _s("Haddouchi"), _s("Amezian"),
    ),
    newcomer_share=0.05,
)
_SURINAMESE = _Origin(
    "surinamese",
    3.0,
    boys=("Rohan", "Ravi", "Dewesh", "Jayden", "Xavier", "Delano", "Gianni", "Sandjay", "Kenrick"),
    girls=("Anjali", "Priya", "Shanti", "Naomi", "Ashanti", "Kavita", "Dewi", "Shanaya", "Chanel"),
    surnames=(
        _s("Ramdin"), _s("Jagessar"), _s("Mahabier"), _s("Ramsaran"), _s("Soekhai"), _s("Sardjoe"),
        _s("Kartosen"), _s("Pinas"), _s("Pengel"), _s("Wijngaarde"), _s("Sabajo"), _s("Doelwijt"),
    ),
    newcomer_share=0.05,
)
_ANTILLEAN = _Origin(
    "antillean",
    1.5,
    boys=("Jurickson", "Shurandy", "Giandro", "Jeremiah", "Quincy", "Djurensley", "Ryangelo"),
    girls=("Jurayla", "Shurayla", "Dayenne", "Jaimy", "Giselle", "Kimberly", "Rosangela"),
    surnames=(
        _s("Martina"), _s("Maduro"), _s("Rosaria"), _s("Isenia"), _s("Croes"), _s("Janga"),
        _s("Koolman"), _s("Profar"), _s("Schoop"), _s("Eustatia"),
    ),
    newcomer_share=0.3,
)
_POLISH = _Origin(
    "polish",
    3.0,
    boys=(
        "Jakub", "Antoni", "Szymon", "Filip", "Jan", "Aleksander", "Franciszek", "Mikołaj", "Wojciech",
        "Kacper", "Stanisław", "Michał",
    ),
    girls=(
        "Zuzanna", "Julia", "Zofia", "Hanna", "Maja", "Oliwia", "Alicja", "Natalia", "Wiktoria",
        "Gabriela", "Małgorzata", "Agnieszka",
    ),
    surnames=(
        _s("Nowak"), _s("Kowalski", female="Kowalska"), _s("Wiśniewski", female="Wiśniewska"),
        _s("Wójcik"), _s("Kowalczyk"), _s("Kamiński", female="Kamińska"),
        _s("Lewandowski", female="Lewandowska"), _s("Zieliński", female="Zielińska"),
        _s("Woźniak"), _s("Dąbrowski", female="Dąbrowska"), _s("Kozłowski", female="Kozłowska"),
        _s("Mazur"), _s("Żak"), _s("Krzyżanowski", female="Krzyżanowska"),
        _s("Grabowski", female="Grabowska"), _s("Krawczyk"),
    ),
    newcomer_share=0.4,
)
_SYRIAN = _Origin(
    "syrian",
    2.5,
    boys=("Ahmad", "Mohammad", "Omar", "Ali", "Karam", "Yazan", "Majd", "Ammar", "Tarek", "Hamoudi"),
    girls=("Rama", "Sham", "Lana", "Joud", "Hala", "Rawan", "Batoul", "Maya", "Nour", "Aya"),
    surnames=(
        _s("Al Hussein"), _s("Al Ahmad"), _s("Alali"), _s("Haddad"), _s("Khalil"), _s("Ibrahim"),
        _s("Hamdan"), _s("Al Khatib"), _s("Mansour"), _s("Darwish"), _s("Al Masri"), _s("Kassem"),
    ),
    newcomer_share=0.6,
    arrived_from=date(2015, 9, 1),
)
_ERITREAN = _Origin(
    "eritrean",
    1.0,
    boys=("Yonas", "Filmon", "Robel", "Natnael", "Abel", "Amanuel", "Henok", "Kidane"),
    girls=("Selam", "Semhar", "Helen", "Hiwet", "Ruta", "Saba", "Lidya", "Eden", "Mihret"),
    # Eritreans have no family name: the father's given name is registered as the last name.
    surnames=(
        _s("Tesfay"), _s("Haile"), _s("Tekle"), _s("Gebremedhin"), _s("Berhane"), _s("Kahsay"),
        _s("Ghebreyesus"), _s("Mehari"), _s("Weldu"), _s("Tewelde"),
    ),
    newcomer_share=0.6,
    arrived_from=date(2015, 1, 1),
)
_UKRAINIAN = _Origin(
    "ukrainian",
    2.0,
    # Latin spelling as in Ukrainian passports (national transliteration, no diacritics).
    boys=("Oleksandr", "Maksym", "Artem", "Dmytro", "Mykyta", "Bohdan", "Andrii", "Danylo", "Matvii"),
    girls=("Sofiia", "Anastasiia", "Viktoriia", "Mariia", "Daryna", "Yeva", "Polina", "Zlata", "Veronika"),
    surnames=(
        _s("Melnyk"), _s("Shevchenko"), _s("Bondarenko"), _s("Kovalenko"), _s("Tkachenko"),
        _s("Kravchenko"), _s("Oliinyk"), _s("Shevchuk"), _s("Koval"), _s("Polishchuk"), _s("Boiko"),
        _s("Tkachuk"),
    ),
    newcomer_share=0.9,
    arrived_from=date(2022, 3, 1),
)
# Vietnamese: family name + middle name are stored together as the last name, the given name
# as the first name, so "Nguyễn Văn An" becomes first "An", last "Nguyễn Văn" (sorts on Nguyễn).
_VIETNAMESE = _Origin(
    "vietnamese",
    0.5,
    boys=("An", "Minh", "Khánh", "Huy", "Bảo", "Đức", "Phúc", "Long"),
    girls=("Linh", "Mai", "Thảo", "Ngọc", "Hương", "Trang", "Vy", "Hà"),
    surnames=(
        _s("Nguyễn Văn", female="Nguyễn Thị"), _s("Trần Văn", female="Trần Thị"),
        _s("Lê Minh", female="Lê Ngọc"), _s("Phạm Văn", female="Phạm Thị"),
        _s("Hoàng Đức", female="Hoàng Thị"), _s("Đặng Văn", female="Đặng Thị"),
    ),
    newcomer_share=0.1,
)
_CHINESE = _Origin(
    "chinese",
    1.0,
    boys=("Yichen", "Haoran", "Yuxuan", "Zihan", "Wei", "Kevin", "Jason", "Ryan"),
    girls=("Xinyi", "Jiayi", "Ruoxi", "Mei", "Yuting", "Emily", "Sophia", "Chloé"),
    surnames=(
        _s("Wang"), _s("Li"), _s("Zhang"), _s("Liu"), _s("Chen"), _s("Yang"), _s("Huang"),
        _s("Zhou"), _s("Lin"), _s("Chan"), _s("Cheung"), _s("Wong"),
    ),
    newcomer_share=0.15,
)
_INDONESIAN = _Origin(
    "indonesian",
    1.5,
    boys=("Rizky", "Bayu", "Adi", "Budi", "Arjuna", "Dimas", "Raka", "Jordy"),
    girls=("Dewi", "Putri", "Sari", "Ayu", "Kirana", "Indah", "Melati", "Shania"),
    surnames=(
        _s("Wijaya"), _s("Santoso"), _s("Gunawan"), _s("Hartono"), _s("Kusuma"), _s("Setiawan"),
        _s("Siregar"), _s("Nasution"), _s("Soerjadi"), _s("Tjoa"), _s("Pattinama"), _s("Lekatompessy"),
    ),
    newcomer_share=0.1,
)

_ORIGINS: tuple[_Origin, ...] = (
    _DUTCH, _TURKISH, _MOROCCAN, _SURINAMESE, _ANTILLEAN, _POLISH, _SYRIAN, _ERITREAN,
    _UKRAINIAN, _VIETNAMESE, _CHINESE, _INDONESIAN,
)
# Origins whose siblings share one spelling of the last name (no gendered surnames).
_SIBLING_ORIGINS: tuple[_Origin, ...] = (_DUTCH, _DUTCH, _DUTCH, _DUTCH, _TURKISH, _MOROCCAN, _ERITREAN)


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
