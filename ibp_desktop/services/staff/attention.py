"""Overzicht items of staff awareness for the director (and whoever sees the staff list): new staff not
yet informed, and staff who still must sign a new version of the code of conduct. Counts, no names.

Session level: the dashboard calls it inside its own unit of work, for users with VIEW_STAFF.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ibp_desktop.core.staff.rules import StaffStatus, add_month, staff_status
from ibp_desktop.services.context import Actor
from ibp_desktop.services.dashboard.attention import AttentionItem
from ibp_desktop.services.staff.rows import current_version, staff_facts, staff_members

AREA = "documenten#Medewerkers"  # the Medewerkers tab of the Documenten page


def staff_attention(session: Session, actor: Actor, today: date) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    for school_id in sorted(actor.school_ids):
        members = staff_members(session, [school_id])
        if not members:
            continue
        facts = [f for _m, f, _a in staff_facts(session, members)]
        statuses = [staff_status(f, today) for f in facts]
        new = [
            f for f, s in zip(facts, statuses, strict=True) if s is StaffStatus.NOT_INFORMED and f.started_on
        ]
        late = sum(1 for f in new if f.started_on and add_month(f.started_on) < today)
        if late:
            items.append(
                AttentionItem(
                    f"{late} {'medewerker is' if late == 1 else 'medewerkers zijn'} al langer dan een "
                    "maand in dienst en nog niet bijgepraat over privacy en de gedragsregels.",
                    AREA,
                    "warning",
                )
            )
        if len(new) > late:
            count = len(new) - late
            items.append(
                AttentionItem(
                    f"{count} nieuwe {'medewerker' if count == 1 else 'medewerkers'}: nog niet bijgepraat. "
                    "Geef 'Wat moet ik weten' mee en laat de gedragsregels tekenen.",
                    AREA,
                    "info",
                )
            )
        pending = statuses.count(StaffStatus.NEW_VERSION)
        code = current_version(session, school_id)
        if pending and code is not None:
            items.append(
                AttentionItem(
                    f"Gedragsregels versie {code.number}: {pending} "
                    f"{'medewerker moet' if pending == 1 else 'medewerkers moeten'} nog tekenen.",
                    AREA,
                    "warning",
                )
            )
    return items
