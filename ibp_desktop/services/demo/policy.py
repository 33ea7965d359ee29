"""The policy cycle in the demo school: the six GMR documents at different stages (one published, one
waiting for the GMR, one refused, one past its evaluation), the yearly calendar with the past months
ticked off, and an access register with a leaver's checklist and a finished review.

Everything goes through the services with the demo's own accounts (FG advice by the FG, adoption by the
board), so the demo shows the same audit trail as real use.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from ibp_desktop.core.policy.access_records import ChecklistKind, ReviewOutcome
from ibp_desktop.core.policy.rules import Step
from ibp_desktop.services.access.reviews import AccessReviewService
from ibp_desktop.services.access.rights import AccessRightsService
from ibp_desktop.services.context import Actor, actor_from_user
from ibp_desktop.services.policy.documents import PolicyDocumentService
from ibp_desktop.services.policy.ibp_calendar import IbpCalendarService
from ibp_desktop.store.database import Database
from ibp_desktop.store.models import User

STAFF = (
    (
        "Joost van den Heuvel",
        "Directeur",
        {
            "Leerlingadministratie": "Beheerder",
            "E-mail en agenda": "Gebruiker",
            "IBP Desktop": "Schooldirecteur",
            "Ouderapp": "Beheerder",
        },
    ),
    (
        "Fatima El Amrani",
        "Administratief medewerker",
        {
            "Leerlingadministratie": "Bewerken",
            "E-mail en agenda": "Gebruiker",
            "IBP Desktop": "Administratief medewerker",
        },
    ),
    (
        "Şükrü Yılmaz",
        "Leerkracht groep 5",
        {
            "Leerlingvolgsysteem": "Bewerken",
            "Ouderapp": "Bewerken",
            "E-mail en agenda": "Gebruiker",
            "Bestandsopslag": "Bewerken",
        },
    ),
    (
        "Łucja Wiśniewska",
        "Intern begeleider",
        {
            "Leerlingadministratie": "Alleen lezen",
            "Leerlingvolgsysteem": "Beheerder",
            "E-mail en agenda": "Gebruiker",
        },
    ),
    (
        "Anne-Fleur van der Berg-de Vries",
        "Leerkracht groep 1/2",
        {"Ouderapp": "Bewerken", "E-mail en agenda": "Gebruiker"},
    ),
    ("Nguyễn Văn An", "Conciërge", {"E-mail en agenda": "Gebruiker"}),
)


def add_demo_policy(database: Database, school_id: int, today: date) -> None:
    actors = _actors(database)
    _documents(database, actors, today)
    _calendar(database, actors["directeur"], school_id, today)
    _access(database, actors["security"], school_id, today)


def _actors(database: Database) -> dict[str, Actor]:
    with database.transaction() as session:
        users = session.scalars(select(User)).all()
        return {u.username: actor_from_user(session, u) for u in users}


def demo_pdf(title: str, version: int) -> bytes:
    """A small real PDF with the document's title, so "Openen…" shows something."""
    from reportlab.platypus import Paragraph  # ReportLab only when the demo is made

    from ibp_desktop.reports.template import DocumentInfo, build_pdf, styles

    sheet = styles()
    text = f"Versie {version}. Voorbeeldtekst van de demoschool: dit is geen echt beleidsdocument."
    info = DocumentInfo(
        title, "OBS De Regenboog (demo)", generated_at=datetime.now(UTC), classification="Intern"
    )
    return build_pdf(info, [Paragraph(text, sheet["body"])])


def _documents(database: Database, actors: dict[str, Actor], today: date) -> None:
    director = PolicyDocumentService(database, actors["directeur"])
    fg = PolicyDocumentService(database, actors["fg"])
    board = PolicyDocumentService(database, actors["bestuur"])
    rows = director.list_documents(today=today)
    plans = {
        # code: (days ago of the GMR meeting, the last step to take, refusal reason)
        "beleidskader": (400, Step.PUBLISH, ""),
        "privacyverklaring_leerlingen": (120, Step.PUBLISH, ""),
        "protocol_beeldmateriaal": (30, Step.PROPOSE, ""),
        "gedragscode_sociale_media": (
            60,
            Step.GMR_REFUSE,
            "De GMR wil eerst een regel over foto's in groepsapps.",
        ),
        "privacyverklaring_medewerkers": (0, Step.FG_ADVICE, ""),
    }
    for row in rows:
        if row.code not in plans:
            continue
        ago, last, reason = plans[row.code]
        start = today - timedelta(days=ago + 20)
        version = director.add_version(row.id, f"{row.title}.pdf", demo_pdf(row.title, 1))
        version = fg.take_step(
            version.id, version.version, Step.FG_ADVICE, start, "Akkoord; geen opmerkingen.", today
        )
        if last is Step.FG_ADVICE:
            continue
        # WMS: the voorgenomen besluit goes to the GMR section first; the board adopts after its consent.
        proposed_on = today - timedelta(days=ago + 10)
        version = director.take_step(version.id, version.version, Step.PROPOSE, proposed_on, today=today)
        if last is Step.PROPOSE:
            continue
        gmr_day = today - timedelta(days=ago)
        step = Step.GMR_REFUSE if last is Step.GMR_REFUSE else Step.GMR_CONSENT
        version = director.take_step(version.id, version.version, step, gmr_day, reason, today)
        if last is Step.GMR_REFUSE:
            continue
        adopted_on = today - timedelta(days=max(ago - 5, 0))
        version = board.take_step(version.id, version.version, Step.ADOPT, adopted_on, today=today)
        director.take_step(version.id, version.version, Step.PUBLISH, adopted_on, today=today)


def _calendar(database: Database, director: Actor, school_id: int, today: date) -> None:
    """The past months are ticked off, except the consent campaign when it ended last month."""
    service = IbpCalendarService(database, director)
    for row in service.occurrences(school_id, today.year, today):
        if row.due_on < today and row.due_on < today.replace(day=1) - timedelta(days=40):
            service.mark_done(
                row.task_id, row.year, row.month, "Gedaan (demo).", on=row.due_on - timedelta(days=3)
            )


def _access(database: Database, security: Actor, school_id: int, today: date) -> None:
    service = AccessRightsService(database, security)
    systems = {s.name: s.id for s in service.add_default_systems(school_id)}
    people: dict[str, int] = {}
    for name, function, grants in STAFF:
        person = service.add_person(school_id, name, function)
        people[name] = person.id
        for system, level in grants.items():
            service.grant(systems[system], person.id, level, date(today.year - 2, 8, 1))
    reviews = AccessReviewService(database, security)
    review = reviews.start(school_id, today - timedelta(days=100))
    for line in review.lines:
        reviews.decide(line.id, ReviewOutcome.CONFIRMED)
    review = reviews.review(review.id)
    reviews.finish(review.id, review.version, "Alles nagelopen met de directeur.", today - timedelta(days=98))
    # A teacher leaves at the end of last month: two of the four accesses are already revoked.
    leaving = service.start_checklist(
        people["Şükrü Yılmaz"], ChecklistKind.LEAVER, today.replace(day=1) - timedelta(days=1)
    )
    for item in leaving.items[:2]:
        service.tick_item(item.id, note="Account geblokkeerd.", on=today.replace(day=1))
