"""Name pools for the demo school: invented combinations of names common in Dutch primary schools,
spelled with their diacritics. Data only; the generator is in demo_data.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Sex = Literal["m", "f"]


# fmt: off
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
# fmt: on
