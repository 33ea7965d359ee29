"""What the Overzicht shows about retention: terms over or ending within 30 days, and runs that wait.

``retention_attention`` runs inside the dashboard's own unit of work (it writes nothing). The lead wires
it into services/dashboard.py as::

    if actor.can(Permission.VIEW_RETENTION):
        attention += retention_attention(session, actor.school_ids, today)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ibp_desktop.core.retention.records import LineKind, Outcome, RunStatus
from ibp_desktop.core.retention.rules import DUE_SOON_DAYS
from ibp_desktop.services.dashboard.attention import AttentionItem
from ibp_desktop.services.retention.due import compute_due
from ibp_desktop.store.models import School
from ibp_desktop.store.retention_models import RetentionRun, RetentionRunLine

AREA = "bewaartermijnen"


def retention_attention(session: Session, school_ids: Iterable[int], today: date) -> list[AttentionItem]:
    """Dashboard lines for the schools given; the caller has checked VIEW_RETENTION."""

    schools = session.execute(
        select(School.id, School.name).where(School.id.in_(list(school_ids))).order_by(School.name)
    ).all()
    several = len(schools) > 1
    items: list[AttentionItem] = []
    for school_id, name in schools:
        where = f" ({name})" if several else ""
        items += _due_lines(session, school_id, today, where)
        items += _run_lines(session, school_id, where)
    return items


def _due_lines(session: Session, school_id: int, today: date, where: str) -> list[AttentionItem]:
    due = [
        i
        for i in compute_due(session, school_id, today + timedelta(days=DUE_SOON_DAYS))
        if not i.held and i.run_number is None
    ]
    if not due:
        return []
    over = sum(1 for i in due if i.due_on <= today)
    soon = len(due) - over
    parts = []
    if over:
        parts.append(f"{over} {'bewaartermijn is' if over == 1 else 'bewaartermijnen zijn'} verlopen")
    if soon:
        parts.append(f"{soon} {'verloopt' if soon == 1 else 'verlopen'} binnen {DUE_SOON_DAYS} dagen")
    text = f"Bewaartermijnen{where}: {' en '.join(parts)}. Stel een opruimronde voor."
    return [AttentionItem(text, AREA, "warning" if over else "info")]


def _run_lines(session: Session, school_id: int, where: str) -> list[AttentionItem]:
    open_external = (
        select(func.count(RetentionRunLine.id))
        .where(
            RetentionRunLine.run_id == RetentionRun.id,
            RetentionRunLine.kind == LineKind.EXTERNAL.value,
            RetentionRunLine.outcome == Outcome.OPEN.value,
        )
        .scalar_subquery()
    )
    runs = session.execute(
        select(RetentionRun.number, RetentionRun.status, open_external)
        .where(RetentionRun.school_id == school_id, RetentionRun.status != RunStatus.CANCELLED.value)
        .order_by(RetentionRun.number)
    ).all()
    items = []
    for number, status, waiting in runs:
        if status == RunStatus.PROPOSED.value:
            text = f"Opruimronde {number}{where} wacht op goedkeuring door de directeur."
        elif status == RunStatus.APPROVED.value:
            text = f"Opruimronde {number}{where} is goedgekeurd en kan worden uitgevoerd."
        elif waiting:
            text = (
                f"Opruimronde {number}{where}: bij {waiting} regels buiten dit programma staat nog niet "
                "wie ze vernietigde en hoe."
            )
        else:
            continue
        items.append(AttentionItem(text, AREA, "info"))
    return items
