"""The data of the crash test: two pupil files, a school with an approved clean-up run, and the state
of a database that each operation must leave either as it was or as it would be when finished."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ibp_desktop.services.demo.data import DemoPupil, demo_pupils
from tests.crash.crash_driver import TODAY

PUPILS = 300
HEADER = "Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep;Datum inschrijving"


def _line(p: DemoPupil, group: str | None = None, last_name: str | None = None) -> str:
    return ";".join((
        p.pupil_number, p.first_name, p.infix, last_name or p.last_name,
        p.date_of_birth.strftime("%d-%m-%Y"), f"groep {group or p.group_name}",
        p.enrolled_on.strftime("%d-%m-%Y"),
    ))  # fmt: skip


def import_files(folder: Path) -> tuple[Path, Path]:
    """The school's list (300 pupils) and a new export with changes: 20 left, 20 new, 60 changed."""
    pool: list[DemoPupil] = []
    seen: set[tuple[str, str, str]] = set()
    for p in demo_pupils(TODAY, count=PUPILS + 40):
        key = (p.first_name, p.last_name, p.date_of_birth.isoformat())
        if p.deregistered_on is None and key not in seen:
            seen.add(key)
            pool.append(p)
    current, arriving = pool[:PUPILS], pool[PUPILS : PUPILS + 20]
    first = folder / "leerlingen-augustus.csv"
    first.write_text("\n".join([HEADER, *(_line(p) for p in current)]) + "\n", encoding="utf-8")
    changed_lines = []
    for index, p in enumerate(current[20:]):  # the first 20 left the school
        if index % 5 == 0:
            changed_lines.append(_line(p, group="8B"))
        elif index % 12 == 1:
            changed_lines.append(_line(p, last_name=f"{p.last_name}-Yılmaz"))
        else:
            changed_lines.append(_line(p))
    changed = folder / "leerlingen-september.csv"
    rows = [HEADER, *changed_lines, *(_line(p) for p in arriving)]
    changed.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return first, changed


def pupil_state(database: Any) -> tuple[frozenset[tuple[Any, ...]], int]:
    """Every pupil with its group, and how many pupil imports the audit log holds."""
    from sqlalchemy import func, select

    from ibp_desktop.store.models import AuditEntry, Group, Pupil

    with database.transaction() as session:
        rows = session.execute(
            select(
                Pupil.pupil_number, Pupil.first_name, Pupil.infix, Pupil.last_name, Pupil.date_of_birth,
                Group.name, Pupil.enrolled_on, Pupil.deregistered_on,
            ).outerjoin(Group, Group.id == Pupil.group_id)
        ).all()  # fmt: skip
        imports = session.scalar(
            select(func.count(AuditEntry.id)).where(AuditEntry.action == "pupils_imported")
        )
    return frozenset(tuple(r) for r in rows), int(imports or 0)


@dataclass(frozen=True)
class RetentionState:
    counts: tuple[int, int, int, int]  # pupils, consent decisions, incidents, incident timeline lines
    status: str  # of the run
    outcomes: tuple[str, ...]  # of the run's lines
    logged: int  # "retention_run_carried_out" entries in the audit log


def retention_state(database: Any) -> RetentionState:
    from sqlalchemy import func, select

    from ibp_desktop.store.consent_models import ConsentDecision
    from ibp_desktop.store.incident_models import Incident, IncidentTimelineEntry
    from ibp_desktop.store.models import AuditEntry, Pupil
    from ibp_desktop.store.retention_models import RetentionRun, RetentionRunLine

    with database.transaction() as session:
        counts = tuple(
            int(session.scalar(select(func.count(column))) or 0)
            for column in (Pupil.id, ConsentDecision.id, Incident.id, IncidentTimelineEntry.id)
        )
        status = session.scalars(select(RetentionRun.status)).one()
        outcomes = tuple(session.scalars(select(RetentionRunLine.outcome).order_by(RetentionRunLine.id)))
        logged = session.scalar(
            select(func.count(AuditEntry.id)).where(AuditEntry.action == "retention_run_carried_out")
        )
    return RetentionState(counts, status, outcomes, int(logged or 0))  # type: ignore[arg-type]


def retention_template(data_dir: Path) -> tuple[Any, int]:
    """A school with pupils who left long ago, their consent and an old incident, and an approved run."""
    from ibp_desktop.services.database.connection import Location
    from tests.conftest import make_school_db
    from tests.services.retention_helpers import UNTIL, build

    school = make_school_db(Location(data_dir=data_dir))
    rs = build(school)
    proposed = rs.runs(rs.admin).propose(school.school_id, UNTIL)
    rs.runs(rs.director).approve(proposed.run.id)
    return school, proposed.run.id
