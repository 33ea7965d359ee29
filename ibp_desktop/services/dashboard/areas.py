"""Overzicht lines for breaches, consent forms and backups (UI.md: "what needs me today").

Each function runs inside the dashboard's unit of work, writes nothing and names no pupils.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ibp_desktop.core.consent.rules import ConsentValidity
from ibp_desktop.core.consent.school_year import school_year_of
from ibp_desktop.core.incidents.rules import AMSTERDAM, ClockLevel
from ibp_desktop.services.consent.validity import validity_of
from ibp_desktop.services.dashboard.attention import AttentionItem
from ibp_desktop.services.incidents.listing import list_rows
from ibp_desktop.store.consent_models import ConsentCampaign
from ibp_desktop.store.database import Database
from ibp_desktop.store.models import School

# A running 72-hour clock is urgent from the first hour: the hours left are the school's whole margin.
_CLOCK_SEVERITY = {ClockLevel.RED: "urgent", ClockLevel.AMBER: "urgent", ClockLevel.RUNNING: "urgent"}
CAMPAIGN_MONTHS = (8, 9, 10)  # DOMAIN.md 6: the consent campaign runs August to October


def breach_items(session: Session, school_ids: frozenset[int], now: datetime) -> list[AttentionItem]:
    """Every breach whose 72-hour clock still runs (reportable, not yet notified to the AP)."""
    items = []
    rows = sorted(list_rows(session, school_ids, "", None, None, now), key=lambda r: r.clock.deadline)
    for row in rows:  # the earliest deadline first
        severity = _CLOCK_SEVERITY.get(row.clock.level)
        if severity is None:
            continue
        deadline = row.clock.deadline.astimezone(AMSTERDAM)
        items.append(
            AttentionItem(
                f"Datalek {row.number} ({row.title}): {row.clock.text.lower()} om te melden bij de AP, "
                f"uiterlijk {deadline:%d-%m-%Y %H:%M}.",
                "incidenten",
                severity,
            )
        )
    return items


def consent_items(session: Session, school_ids: frozenset[int], today: date) -> list[AttentionItem]:
    """Forms still missing in this school year's campaign, or no campaign yet in campaign season."""
    from ibp_desktop.services.consent.campaigns import missing_count

    label = school_year_of(today).label
    schools = session.execute(
        select(School.id, School.name).where(School.id.in_(sorted(school_ids))).order_by(School.name)
    ).all()
    items = []
    for school_id, name in schools:
        where = f" ({name})" if len(schools) > 1 else ""
        campaign = session.scalars(
            select(ConsentCampaign)
            .where(ConsentCampaign.school_id == school_id, ConsentCampaign.school_year == label)
            .order_by(ConsentCampaign.id.desc())
            .limit(1)
        ).first()
        if campaign is None:
            # Consent valid until withdrawn (the AP's reading) needs no yearly round; yearly validity does.
            yearly = validity_of(session, school_id) is ConsentValidity.SCHOOL_YEAR
            if yearly and today.month in CAMPAIGN_MONTHS:
                items.append(
                    AttentionItem(
                        f"Start de toestemmingsronde voor schooljaar {label}{where}.", "leerlingen", "info"
                    )
                )
            continue
        missing = missing_count(session, campaign, today)
        if missing:
            late = today > campaign.deadline
            noun = "formulier ontbreekt" if missing == 1 else "formulieren ontbreken"
            when = (
                "de inleverdatum is voorbij" if late else f"inleveren uiterlijk {campaign.deadline:%d-%m-%Y}"
            )
            items.append(
                AttentionItem(
                    f"{missing} toestemmings{noun} nog voor schooljaar {label}{where}; {when}.",
                    "leerlingen",
                    "warning" if late else "info",
                )
            )
    return items


def backup_items(database: Database, now: datetime) -> list[AttentionItem]:
    """The last good backup: missing or older than 7 days (the encrypted file on this PC only)."""
    if not database.is_sqlite:
        return []
    from ibp_desktop.services.database.backup import last_backup

    last = last_backup(database)
    if last is None:
        return [
            AttentionItem(
                "Er is nog geen back-up gemaakt. Het programma maakt er een bij het afsluiten; kies in "
                "Beheer een back-upmap op een netwerkschijf of USB-schijf.",
                "beheer",
                "warning",
            )
        ]
    if last.is_stale(now):
        return [
            AttentionItem(
                f"De laatste goede back-up is van {last.at.astimezone(AMSTERDAM):%d-%m-%Y}, langer dan "
                "7 dagen geleden. Controleer of de back-upmap bereikbaar is.",
                "beheer",
                "urgent",
            )
        ]
    return []
