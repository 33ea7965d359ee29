"""The incident list as plain rows: one SELECT of the columns a table shows, filtered for the search field.

The text filter runs in Python on folded text (case and accents ignored: "prive" finds "privé"), so it
behaves the same on SQLite and PostgreSQL; the year, status and school filters run in the database.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ibp_desktop.core.incidents.records import IncidentRow
from ibp_desktop.core.incidents.rules import (
    AMSTERDAM,
    LABELS,
    Decision,
    IncidentStatus,
    IncidentType,
    search_key,
)
from ibp_desktop.services.incidents.mapping import clock_of
from ibp_desktop.store.incident_models import Incident
from ibp_desktop.store.models import School

_COLUMNS = (
    Incident.id,
    Incident.version,
    Incident.school_id,
    School.brin,
    Incident.number,
    Incident.title,
    Incident.incident_type,
    Incident.status,
    Incident.discovered_at,
    Incident.decision,
    Incident.preliminary_notified_at,
    Incident.final_notified_at,
)


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """1 January 00:00 to the next 1 January, Amsterdam time, in UTC."""
    start = datetime(year, 1, 1, tzinfo=AMSTERDAM).astimezone(UTC)
    end = datetime(year + 1, 1, 1, tzinfo=AMSTERDAM).astimezone(UTC)
    return start, end


def list_rows(
    session: Session,
    school_ids: frozenset[int],
    text: str,
    status: IncidentStatus | None,
    year: int | None,
    now: datetime,
) -> list[IncidentRow]:
    needle = search_key(text.strip())
    columns = (*_COLUMNS, Incident.description) if needle else _COLUMNS
    query = (
        select(*columns)
        .join(School, School.id == Incident.school_id)
        .where(Incident.school_id.in_(sorted(school_ids)))
        .order_by(Incident.discovered_at.desc(), Incident.id.desc())
    )
    if status is not None:
        query = query.where(Incident.status == status.value)
    if year is not None:
        start, end = year_bounds(year)
        query = query.where(Incident.discovered_at >= start, Incident.discovered_at < end)
    rows: list[IncidentRow] = []
    for record in session.execute(query).all():
        type_, status_code = IncidentType(record[6]), IncidentStatus(record[7])
        if needle:
            searched = " ".join((record[4], record[5], LABELS[type_], LABELS[status_code], record[12]))
            if needle not in search_key(searched):
                continue
        rows.append(
            IncidentRow(
                id=record[0],
                version=record[1],
                school_id=record[2],
                brin=record[3],
                number=record[4],
                title=record[5],
                incident_type=type_,
                status=status_code,
                discovered_at=record[8],
                decision=Decision(record[9]) if record[9] else None,
                notified_at=min(m for m in (record[10], record[11]) if m)
                if record[10] or record[11]
                else None,
                clock=clock_of(record[8], record[10], record[11], record[9], now),
            )
        )
    return rows
