"""Demo data of the processing register, DPIAs and complaints (all fictitious): activities linked to the
demo suppliers (the photographer without an agreement shows the warning), a decided DPIA for the cameras
and one waiting for the FG's advice, an open complaint and an answered one with its e-mail as evidence."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import select
from sqlalchemy.orm import Session

from ibp_desktop.core.accountability.complaints import ComplainantRole, ComplaintOutcome, deadline
from ibp_desktop.core.accountability.dpia import Decision, prescan
from ibp_desktop.core.accountability.processing import DpiaNeed
from ibp_desktop.security import audit
from ibp_desktop.services.accountability.processing_seed import seed_activities
from ibp_desktop.store.database import Database
from ibp_desktop.store.processing_models import (
    ActivitySupplier,
    Complaint,
    Dpia,
    DpiaRisk,
    EvidenceFile,
    ProcessingActivity,
)
from ibp_desktop.store.request_models import Supplier

SECURITY, FG, DIRECTOR = "Petra Jansen", "Karin de Boer", "Joost van den Heuvel"
# activity code -> demo suppliers it uses
LINKS = {
    "leerlingadministratie": ["Topicus (demo)"],
    "leerlingvolgsysteem": ["Topicus (demo)"],
    "communicatie_ouders": ["Topicus (demo)"],
    "beeldmateriaal": ["Fotostudio Zonnestraal (demo)"],
    "toetsen": ["Cito (demo)"],
    "leermiddelen": ["Snappet (demo)", "Gynzy (demo)", "Basispoort (demo)"],
    "website_nieuwsbrief": ["Google (demo)"],
}
ANSWER_MAIL = (
    b"From: directie@regenboog.example\r\nTo: ouder@example.nl\r\nSubject: Uw klacht over de klassenfoto\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\nBeste ouder,\r\n\r\nDe foto is van de website gehaald. "
    b"Bent u het niet eens met deze afhandeling, dan kunt u een klacht indienen bij de Autoriteit "
    b"Persoonsgegevens.\r\n\r\nMet vriendelijke groet,\r\nJoost van den Heuvel (demo)\r\n"
)


def add_demo_accountability(database: Database, school_id: int, today: date) -> None:
    with database.transaction() as session:
        seed_activities(session, school_id)
        session.flush()
        activities = {
            a.code: a
            for a in session.scalars(
                select(ProcessingActivity).where(ProcessingActivity.school_id == school_id)
            )
        }
        suppliers = {s.name: s.id for s in session.scalars(select(Supplier))}
        for code, activity in activities.items():
            activity.suppliers = [
                ActivitySupplier(supplier_id=suppliers[n]) for n in LINKS.get(code, []) if n in suppliers
            ]
            # Most were checked at the start of the school year; the camera register is a year overdue.
            activity.last_reviewed_on = today - (
                relativedelta(months=14) if code == "camerabewaking" else timedelta(days=60)
            )
        _camera_dpia(session, school_id, activities["camerabewaking"], today)
        _care_dpia(session, school_id, activities["zorg_begeleiding"], today)
        complaints = _complaints(session, school_id, today)
        session.flush()
        _evidence(session, school_id, complaints[1])
        audit.record(
            session,
            audit.SYSTEM_ACTOR,
            "accountability_imported",
            "school",
            school_id,
            school_id=school_id,
            after={
                "activities": len(activities),
                "dpias": 2,
                "complaints": len(complaints),
                "source": "demo",
            },
        )


def _camera_dpia(session: Session, school_id: int, activity: ProcessingActivity, today: date) -> None:
    started = _camera_started(today)
    outcome = prescan(frozenset({"camera"}), frozenset({"monitoring", "kwetsbaar"}))
    dpia = Dpia(
        school_id=school_id,
        number=f"DPIA-{started.year}-01",
        activity_id=activity.id,
        subject=activity.name,
        ap_items="camera",
        criteria="kwetsbaar,monitoring",
        needed=True,
        prescan_reasoning=outcome.reasoning,
        prescan_on=started,
        prescan_by_name=SECURITY,
        description="Vier camera's bij de ingangen en de fietsenstalling, opname alleen buiten schooltijd.",
        necessity="Drie inbraken in 2025; verlichting en sloten alleen bleken niet genoeg.",
        advice_asked_on=started + timedelta(days=14),
        advice="Akkoord, mits beelden na 4 weken worden overschreven en het speelplein niet in beeld is.",
        advice_on=started + timedelta(days=21),
        advice_by_name=FG,
        decision=Decision.WITH_MEASURES.value,
        decision_reasons="Advies FG gevolgd.",
        decided_on=started + timedelta(days=28),
        decided_by_name=DIRECTOR,
        review_on=today + timedelta(days=30),
    )
    dpia.risks = [
        DpiaRisk(
            description="Beelden van kinderen worden langer bewaard dan nodig",
            likelihood=2,
            impact=3,
            measure="Recorder overschrijft automatisch na 4 weken",
        ),
        DpiaRisk(
            description="Een onbevoegde kijkt mee op de recorder",
            likelihood=1,
            impact=2,
            measure="Alleen de directie heeft een account op de recorder",
        ),
    ]
    activity.dpia_needed = DpiaNeed.YES.value
    session.add(dpia)


def _care_dpia(session: Session, school_id: int, activity: ProcessingActivity, today: date) -> None:
    started = today - timedelta(days=20)
    outcome = prescan(frozenset({"gezondheid"}), frozenset({"gevoelig", "kwetsbaar"}))
    dpia = Dpia(
        school_id=school_id,
        number=_number("DPIA-", started.year, [_camera_started(today).year]),
        activity_id=activity.id,
        subject=activity.name,
        ap_items="gezondheid",
        criteria="gevoelig,kwetsbaar",
        needed=True,
        prescan_reasoning=outcome.reasoning,
        prescan_on=started,
        prescan_by_name=SECURITY,
        description="Groeidocumenten en OPP's in het leerlingvolgsysteem, gedeeld met het "
        "samenwerkingsverband.",
        necessity="Wettelijke zorgplicht passend onderwijs.",
        advice_asked_on=today - timedelta(days=6),
    )
    dpia.risks = [
        DpiaRisk(
            description="Diagnoses zichtbaar voor alle leerkrachten",
            likelihood=2,
            impact=3,
            measure="Zorgdossier alleen voor intern begeleider en directie",
        ),
    ]
    session.add(dpia)


def _complaints(session: Session, school_id: int, today: date) -> list[Complaint]:
    open_received = today - timedelta(days=37)
    answered_received = today - relativedelta(months=4)
    items = [
        Complaint(
            school_id=school_id,
            number=_number("K", open_received.year, [answered_received.year], 3),
            received_on=open_received,
            complainant_role=ComplainantRole.PARENT.value,
            complainant_name="",
            subject="Cijferlijst van een andere leerling meegekregen in het rapport.",
            handler_name=FG,
            term_weeks=6,
            deadline_on=deadline(open_received),
        ),
        Complaint(
            school_id=school_id,
            number=f"K{answered_received.year}-001",
            received_on=answered_received,
            complainant_role=ComplainantRole.PARENT.value,
            complainant_name="",
            subject="Klassenfoto op de website terwijl geen toestemming is gegeven.",
            handler_name=DIRECTOR,
            term_weeks=6,
            deadline_on=deadline(answered_received),
            outcome=ComplaintOutcome.FOUNDED.value,
            outcome_note="Foto verwijderd; werkwijze websitebeheer aangepast.",
            answered_on=answered_received + timedelta(days=12),
            ap_told=True,
        ),
    ]
    session.add_all(items)
    return items


def _evidence(session: Session, school_id: int, complaint: Complaint) -> None:
    session.add(
        EvidenceFile(
            school_id=school_id,
            owner_kind="complaint",
            owner_id=complaint.id,
            file_name="antwoord-klacht.eml",
            media_type="message/rfc822",
            size=len(ANSWER_MAIL),
            sha256=hashlib.sha256(ANSWER_MAIL).hexdigest(),
            content=ANSWER_MAIL,
            added_by_name=DIRECTOR,
        )
    )


def _camera_started(today: date) -> date:
    return today - relativedelta(months=11)


def _number(prefix: str, year: int, earlier_years: list[int], digits: int = 2) -> str:
    """The next number of ``year`` after the demo records of ``earlier_years`` numbered before it."""
    return f"{prefix}{year}-{earlier_years.count(year) + 1:0{digits}d}"
