"""Demo data of staff awareness: start dates and numbers for the access register's staff, two newcomers,
the code of conduct in two versions (the second adopted two months ago, so most must sign again),
acknowledgements of both versions, and two sessions with attendance. Dates relative to ``today``."""

from __future__ import annotations

from datetime import date, timedelta

from ibp_desktop.core.policy.rules import Step
from ibp_desktop.core.staff.records import SessionInput, StaffInput
from ibp_desktop.core.staff.rules import CODE_OF_CONDUCT, Leader, Method, Topic
from ibp_desktop.services.context import Actor
from ibp_desktop.services.demo.policy import _actors, demo_pdf
from ibp_desktop.services.policy.documents import PolicyDocumentService
from ibp_desktop.services.staff.register import StaffService
from ibp_desktop.store.database import Database

# name: (staff number, years in service); newcomers get a start date this school year.
KNOWN = {
    "Şükrü Yılmaz": ("000412", 9),
    "Łucja Wiśniewska": ("000587", 6),
    "Anne-Fleur van der Berg-de Vries": ("000644", 4),
    "Nguyễn Văn An": ("000733", 3),
}
NEWCOMERS = (
    ("000815", "Daan Kramer", "Leerkracht groep 7", 70, "daan.kramer@regenboog.example"),
    ("000816", "Yasmina Bouzid", "Onderwijsassistent", 20, ""),
)


def add_demo_staff(database: Database, school_id: int, today: date) -> None:
    actors = _actors(database)
    staff = StaffService(database, actors["directeur"])
    ids = _staff(staff, school_id, today)
    _code_version(database, actors, 1, today - timedelta(days=400), today)
    earlier = today - timedelta(days=300)
    staff.acknowledge([ids[n] for n in KNOWN], earlier, Method.MEETING, today=today)
    _code_version(database, actors, 2, today - timedelta(days=60), today)
    # Version 2 was adopted 60 days ago: two have signed it, the rest still must.
    later = today - timedelta(days=45)
    staff.acknowledge([ids["Łucja Wiśniewska"], ids["Daan Kramer"]], later, Method.PAPER, today=today)
    ict = StaffService(database, actors["ict"])
    ict.add_session(
        school_id,
        SessionInput(today - timedelta(days=50), Topic.PHISHING, Leader.ICT, tuple(ids.values())[:4]),
        today,
    )
    staff.add_session(
        school_id,
        SessionInput(
            today - timedelta(days=200),
            Topic.EMAIL_BCC,
            Leader.DIRECTOR,
            (ids["Łucja Wiśniewska"], ids["Nguyễn Văn An"]),
            "In het teamoverleg, met voorbeelden van verkeerd verstuurde mails.",
        ),
        today,
    )


def _staff(service: StaffService, school_id: int, today: date) -> dict[str, int]:
    ids: dict[str, int] = {}
    end_of_last_month = today.replace(day=1) - timedelta(days=1)
    for row in service.list_staff(school_id, today):
        if row.name not in KNOWN:
            ids[row.name] = row.id
            continue
        number, years = KNOWN[row.name]
        left = end_of_last_month if row.name == "Şükrü Yılmaz" else None  # the demo's leaver
        facts = StaffInput(row.name, row.function, date(today.year - years, 8, 1), left, "", number)
        ids[row.name] = service.update_staff(row.id, row.version, facts, today).id
    for number, name, function, days, email in NEWCOMERS:
        facts = StaffInput(name, function, today - timedelta(days=days), None, email, number)
        ids[name] = service.add_staff(school_id, facts, today).id
    return ids


def _code_version(
    database: Database, actors: dict[str, Actor], number: int, adopted: date, today: date
) -> None:
    StaffService(database, actors["directeur"]).add_staff_document(CODE_OF_CONDUCT)
    director = PolicyDocumentService(database, actors["directeur"])
    fg = PolicyDocumentService(database, actors["fg"])
    board = PolicyDocumentService(database, actors["bestuur"])
    document = next(d for d in director.list_documents(today=today) if d.code == CODE_OF_CONDUCT)
    version = director.add_version(
        document.id, f"Gedragsregels v{number}.pdf", demo_pdf(document.title, number)
    )
    advised_on = adopted - timedelta(days=10)
    version = fg.take_step(version.id, version.version, Step.FG_ADVICE, advised_on, "Akkoord.", today)
    board.take_step(version.id, version.version, Step.ADOPT, adopted, today=today)
