"""Overzicht lines for breaches whose people still have to be informed (AVG art. 34).

For the security officer (who records it) and the director (who signs the letter); names no pupils."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ibp_desktop.core.incidents.rules import Decision, IncidentStatus
from ibp_desktop.core.roles import Role
from ibp_desktop.services.context import Actor
from ibp_desktop.services.dashboard.attention import AttentionItem
from ibp_desktop.services.incidents.mapping import form_of
from ibp_desktop.store.incident_models import Incident

INFORMING_ROLES = frozenset({Role.SECURITY_OFFICER, Role.DIRECTOR})


def informing_items(session: Session, actor: Actor) -> list[AttentionItem]:
    if not actor.roles & INFORMING_ROLES:
        return []
    open_breaches = session.scalars(
        select(Incident)
        .where(
            Incident.school_id.in_(sorted(actor.school_ids)),
            Incident.decision == Decision.NOTIFY_AP_AND_SUBJECTS.value,
            Incident.status != IncidentStatus.CLOSED.value,
        )
        .order_by(Incident.discovered_at)
    ).all()
    items = []
    for incident in open_breaches:
        if form_of(incident).informing(Decision.NOTIFY_AP_AND_SUBJECTS).settled:
            continue
        items.append(
            AttentionItem(
                f"Datalek {incident.number} ({incident.title}): de betrokkenen moeten nog geïnformeerd "
                "worden (AVG artikel 34). Leg vast wanneer en hoe, of welke uitzondering geldt.",
                "incidenten",
                "warning",
            )
        )
    return items
