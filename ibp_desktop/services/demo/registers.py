"""Demo registers for OBS De Regenboog: requests at every stage, suppliers of a typical primary school,
and a small plan van aanpak.

All invented: product names are the ones Dutch schools use, but the agreement details (dates, versions,
sub-processors) are made up for the demo. Dates are relative to ``today`` so the demo always shows one
overdue request, one extended, one due this week, and agreements that need attention soon.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import select
from sqlalchemy.orm import Session

from ibp_desktop.core import requests as rules
from ibp_desktop.core.actions import ActionSource, ActionStatus
from ibp_desktop.core.consent.names import display_name
from ibp_desktop.core.incidents.rules import next_number
from ibp_desktop.core.processors import EuStorage, ModelVersion
from ibp_desktop.core.roles import Role
from ibp_desktop.security import audit
from ibp_desktop.store.database import Database
from ibp_desktop.store.models import Pupil
from ibp_desktop.store.request_models import (
    Action,
    ProcessorAgreement,
    Product,
    ProductSchool,
    RequestRemark,
    SubjectRequest,
    Supplier,
)

R, Rel, Out = rules.Right, rules.Relation, rules.Outcome
DIRECTOR, FG = "Joost van den Heuvel", "Karin de Boer"


@dataclass(frozen=True)
class _Request:
    days_ago: int
    requester: str  # with a pupil: the first name; the parent shares the pupil's last name
    relation: rules.Relation
    right: rules.Right
    description: str
    pupil_index: int | None  # which demo pupil it concerns (by position), or none
    extended_after_days: int | None = None
    answered_after_days: int | None = None
    outcome: rules.Outcome | None = None
    reasons: str = ""
    fg_remark: str = ""


REQUESTS = (
    _Request(
        80,
        "Marloes",
        Rel.GUARDIAN,
        R.RECTIFICATION,
        "Verkeerde spelling van de achternaam in het leerlingvolgsysteem.",
        0,
        answered_after_days=9,
        outcome=Out.GRANTED,
    ),
    _Request(
        45,
        "Ahmed",
        Rel.GUARDIAN,
        R.ERASURE,
        "Verwijderen van alle foto's van zijn zoon op de website en in de schoolgids.",
        1,
        extended_after_days=12,
        fg_remark="Foto's in de gedrukte schoolgids hoeven niet terug te worden gehaald; wel niet "
        "herdrukken. Website en Parro wel opschonen.",
    ),
    _Request(
        38,
        "Dewi",
        Rel.GUARDIAN,
        R.ACCESS,
        "Inzage in het leerlingdossier, inclusief aantekeningen van de intern begeleider.",
        2,
    ),
    _Request(
        26,
        "Sanne Kok",
        Rel.STAFF,
        R.ACCESS,
        "Inzage in haar eigen personeelsgegevens in de administratie van de school.",
        None,
    ),
    _Request(
        150,
        "Ruud",
        Rel.GUARDIAN,
        R.OBJECTION,
        "Bezwaar tegen het gebruik van Snappet voor zijn dochter.",
        3,
        answered_after_days=20,
        outcome=Out.REFUSED,
        reasons="Snappet is lesmateriaal dat de school nodig heeft voor het onderwijs (wettelijke taak). "
        "Wel is afgesproken dat de leerling de oefeningen op papier mag maken waar dat kan.",
    ),
)


@dataclass(frozen=True)
class _Supplier:
    name: str
    covenant: bool
    products: tuple[str, ...]
    model: ModelVersion | None  # None: no agreement yet
    signed_years_ago: int = 2
    ends_in_days: int | None = None
    review_in_days: int = 200
    bijsluiter: str = ""
    sub_processors: str = ""
    eu: EuStorage = EuStorage.YES
    data: str = "Naam, groep, leerlingnummer, resultaten"


SUPPLIERS = (
    _Supplier(
        "Topicus (demo)",
        True,
        ("ParnasSys", "Parro"),
        ModelVersion.V4,
        bijsluiter="4.1",
        sub_processors="Hostingpartij in Nederland (demo)",
        data="NAW-gegevens, groep, ouders, absentie, resultaten, berichten aan ouders",
    ),
    _Supplier(
        "Snappet (demo)",
        True,
        ("Snappet",),
        ModelVersion.V4,
        review_in_days=30,
        bijsluiter="3.0",
        sub_processors="Cloudopslag binnen de EU (demo)",
        data="Naam, groep, antwoorden en voortgang",
    ),
    _Supplier(
        "Gynzy (demo)",
        True,
        ("Gynzy",),
        ModelVersion.V3,
        signed_years_ago=4,
        ends_in_days=40,
        bijsluiter="2.0",
        data="Naam, groep, resultaten van oefeningen",
    ),
    _Supplier(
        "Google (demo)",
        False,
        ("Google Workspace for Education",),
        ModelVersion.OWN,
        sub_processors="Zie de lijst van de leverancier (demo)",
        eu=EuStorage.UNKNOWN,
        data="Naam, schoolaccount, documenten en e-mail van leerlingen en medewerkers",
    ),
    _Supplier(
        "Basispoort (demo)",
        True,
        ("Basispoort",),
        ModelVersion.V4,
        bijsluiter="5.0",
        data="Naam, groep, leerling-ID voor inloggen bij lesmethodes",
    ),
    _Supplier(
        "Cito (demo)",
        True,
        ("Leerling in beeld",),
        ModelVersion.V4,
        bijsluiter="2.3",
        data="Naam, geboortedatum, groep, toetsresultaten",
    ),
    _Supplier("Fotostudio Zonnestraal (demo)", False, ("Schoolfoto's",), None),
)


def add_demo_registers(database: Database, school_id: int, today: date) -> None:
    with database.transaction() as session:
        pupils = session.execute(
            select(Pupil.id, Pupil.infix, Pupil.last_name)
            .where(Pupil.school_id == school_id, Pupil.deregistered_on.is_(None))
            .order_by(Pupil.id)
            .limit(10)
        ).all()
        numbers: list[str] = []
        for spec in sorted(REQUESTS, key=lambda r: -r.days_ago):
            received = today - timedelta(days=spec.days_ago)
            numbers.append(next_number(received.year, numbers))
            _request(session, school_id, spec, list(pupils), received, numbers[-1])
        suppliers = [_supplier(spec, school_id, today) for spec in SUPPLIERS]
        session.add_all(suppliers)
        actions = _actions(school_id, today)
        session.add_all(actions)
        session.flush()
        audit.record(
            session,
            audit.SYSTEM_ACTOR,
            "registers_imported",
            "school",
            school_id,
            school_id=school_id,
            after={
                "requests": len(numbers),
                "suppliers": len(suppliers),
                "actions": len(actions),
                "source": "demo",
            },
        )


def _request(
    session: Session, school_id: int, spec: _Request, pupils: list[Any], received: date, number: str
) -> None:
    pupil = (
        pupils[spec.pupil_index] if spec.pupil_index is not None and spec.pupil_index < len(pupils) else None
    )
    requester = display_name(spec.requester, pupil[1], pupil[2]) if pupil else spec.requester
    request = SubjectRequest(
        school_id=school_id,
        number=number,
        received_on=received,
        requester_name=requester,
        relation=spec.relation.value,
        pupil_id=pupil[0] if pupil else None,
        right=spec.right.value,
        description=spec.description,
        id_check=rules.ID_CHECK_SUGGESTIONS[0 if spec.relation is Rel.GUARDIAN else 1],
        authority_checked=spec.relation is Rel.GUARDIAN,
        authority_note="Gezag nagegaan in de leerlingadministratie." if spec.relation is Rel.GUARDIAN else "",
        deadline_on=rules.deadline(received),
        fg_consulted=bool(spec.fg_remark) or spec.outcome is Out.REFUSED,
        created_at=_moment(received),
    )
    if spec.extended_after_days is not None:
        request.extension_reason = "Veel documenten in het dossier en in Parro; uitzoeken kost meer tijd."
        request.extension_informed_on = received + timedelta(days=spec.extended_after_days)
        request.deadline_on = rules.extended_deadline(received)
    if spec.answered_after_days is not None and spec.outcome is not None:
        request.answered_on = received + timedelta(days=spec.answered_after_days)
        request.outcome = spec.outcome.value
        request.outcome_reasons = spec.reasons
        request.handled_by_name = DIRECTOR
    if spec.fg_remark:
        at = _moment(received + timedelta(days=5))
        request.remarks.append(RequestRemark(at=at, author_name=FG, text=spec.fg_remark))
    session.add(request)


def _supplier(spec: _Supplier, school_id: int, today: date) -> Supplier:
    supplier = Supplier(name=spec.name, covenant_participant=spec.covenant)
    supplier.products = [
        Product(name=name, schools=[ProductSchool(school_id=school_id)]) for name in spec.products
    ]
    if spec.model is not None:
        supplier.agreement = ProcessorAgreement(
            model_version=spec.model.value,
            signed_on=today - relativedelta(years=spec.signed_years_ago, months=3),
            ends_on=today + timedelta(days=spec.ends_in_days) if spec.ends_in_days is not None else None,
            bijsluiter_version=spec.bijsluiter,
            sub_processors=spec.sub_processors,
            data_in_eu=spec.eu.value,
            data_categories=spec.data,
            review_on=today + timedelta(days=spec.review_in_days),
        )
    return supplier


def _actions(school_id: int, today: date) -> list[Action]:
    specs = (
        (
            "Wachtwoordbeleid opnieuw bespreken in de teamvergadering",
            Role.SECURITY_OFFICER,
            30,
            ActionStatus.IN_PROGRESS,
            ActionSource.INCIDENT,
            "Evaluatie datalek e-mail",
            school_id,
        ),
        (
            "Verwerkersovereenkomst afsluiten met de schoolfotograaf",
            Role.DIRECTOR,
            -5,
            ActionStatus.OPEN,
            ActionSource.AUDIT,
            "Audit IBP voorjaar",
            school_id,
        ),
        (
            "Toestemmingsformulier beeldmateriaal vereenvoudigen",
            Role.DIRECTOR,
            -40,
            ActionStatus.DONE,
            ActionSource.YEARLY,
            "",
            school_id,
        ),
        (
            "IBP-beleid evalueren en voorleggen aan de GMR",
            Role.BOARD,
            120,
            ActionStatus.OPEN,
            ActionSource.YEARLY,
            "Jaarverslag IBP",
            None,
        ),
    )
    actions = []
    for title, owner, due_days, status, source, reference, school in specs:
        created = _moment(today - timedelta(days=60))
        action = Action(
            school_id=school,
            title=title,
            owner_role=owner.value,
            due_on=today + timedelta(days=due_days),
            status=status.value,
            source=source.value,
            source_reference=reference,
            created_at=created,
            created_by_name=DIRECTOR,
        )
        if status is ActionStatus.DONE:
            action.closed_at = _moment(today + timedelta(days=due_days - 3))
            action.closed_by_name = DIRECTOR
        actions.append(action)
    return actions


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC)
