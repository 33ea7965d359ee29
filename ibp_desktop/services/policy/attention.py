"""Overzicht items of the policy cycle (area "documenten"): documents without GMR consent or past their
evaluation, overdue calendar tasks, open leaver checklists and a due access review.

Session level: the dashboard calls it inside its own unit of work, for users with VIEW_REPORTS.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ibp_desktop.core.policy.access_records import ChecklistKind, review_due
from ibp_desktop.services.access.reviews import last_finished
from ibp_desktop.services.access.rows import checklist_row
from ibp_desktop.services.context import Actor
from ibp_desktop.services.dashboard.attention import AttentionItem
from ibp_desktop.services.policy.ibp_calendar import overdue_occurrences
from ibp_desktop.services.policy.rows import document_rows
from ibp_desktop.store.models import School, Setting
from ibp_desktop.store.policy_models import AccessChecklist, AccessSystem

AREA = "documenten"


def policy_attention(session: Session, actor: Actor, today: date) -> list[AttentionItem]:
    schools = sorted(actor.school_ids)
    return [
        *_document_items(session, schools, today),
        *_calendar_items(session, schools, today),
        *_access_items(session, schools, today),
    ]


def _document_items(session: Session, schools: list[int], today: date) -> list[AttentionItem]:
    rows = document_rows(session, schools, today)
    items = [
        AttentionItem(
            f"Beleidsdocument '{r.title}': evaluatie te laat (was {r.evaluation_due:%d-%m-%Y}).",
            AREA,
            "urgent",
        )
        for r in rows
        if r.evaluation_overdue and r.evaluation_due
    ]
    lacking = [r.title for r in rows if r.lacks_gmr_consent]
    if lacking:
        noun = "document heeft" if len(lacking) == 1 else "documenten hebben"
        items.append(
            AttentionItem(
                f"{len(lacking)} {noun} nog geen GMR-instemming: {', '.join(lacking)}.", AREA, "warning"
            )
        )
    return items


def _calendar_items(session: Session, schools: list[int], today: date) -> list[AttentionItem]:
    # Only schools whose calendar exists (a fresh school's calendar appears when someone opens it).
    seeded = [s for s in schools if session.get(Setting, f"ibp_calendar_seeded:{s}") is not None]
    return [
        AttentionItem(
            f"Jaarkalender: '{r.title}' ({r.period} {r.year}, {r.owner_label.lower()}) "
            "is nog niet afgevinkt.",
            AREA,
            "warning",
        )
        for r in overdue_occurrences(session, seeded, today)
    ]


def _access_items(session: Session, schools: list[int], today: date) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    checklists = session.scalars(select(AccessChecklist).where(AccessChecklist.school_id.in_(schools))).all()
    for row in map(checklist_row, checklists):
        if row.finished or row.effective_on > today:
            continue
        what = "vertrokken" if row.kind is ChecklistKind.LEAVER else "van functie veranderd"
        items.append(
            AttentionItem(
                f"{row.person_name} is op {row.effective_on:%d-%m-%Y} {what}: nog {row.open_items} "
                "toegang(en) op de checklist.",
                AREA,
                "urgent" if row.kind is ChecklistKind.LEAVER else "warning",
            )
        )
    names = {i: n for i, n in session.execute(select(School.id, School.name).where(School.id.in_(schools)))}
    with_systems = set(
        session.scalars(select(AccessSystem.school_id).where(AccessSystem.school_id.in_(schools)))
    )
    for school_id in sorted(with_systems):
        if review_due(last_finished(session, school_id), today):
            items.append(
                AttentionItem(
                    _review_text(names.get(school_id, "")),
                    AREA,
                    "warning",
                )
            )
    return items


def _review_text(school_name: str) -> str:
    text = "de toegangsrechten zijn een half jaar niet gecontroleerd."
    return f"{school_name}: {text}" if school_name else text.capitalize()
