"""The due list and a whole clean-up run on a large school, against raw SELECTs of the same data.

    .venv/bin/python tests/benchmarks/bench_retention.py

An encrypted school with 500 enrolled and 400 deregistered pupils (10 consent decisions each) and 300
closed incidents (3 timeline lines each). Prints medians of ``due_items()`` and the baseline: raw SELECTs
of the pupils, the consent counts and the closed incidents over the same connection type; then the time
of one proposal and of carrying out the run (deleting about 4,000 decisions, 300 incidents, 400 pupils).
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench_common import scratch
from sqlalchemy import text

from ibp_desktop.core.roles import Role
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.accounts.users import create_user_row
from ibp_desktop.services.consent.decisions import ConsentService
from ibp_desktop.services.context import actor_from_user
from ibp_desktop.services.database.connection import Location, open_location
from ibp_desktop.services.database.setup import NewSchool, initialise
from ibp_desktop.services.retention.runs import RetentionRunService
from ibp_desktop.services.retention.schedule import RetentionService
from ibp_desktop.store.consent_models import ConsentDecision
from ibp_desktop.store.incident_models import Incident, IncidentTimelineEntry
from ibp_desktop.store.models import Pupil

ENROLLED, LEFT, INCIDENTS, ROUNDS = 500, 400, 300, 9
PASSWORD = "Bench-wachtwoord-123"
UNTIL = date(2030, 1, 1)
RAW = (
    "SELECT * FROM pupils WHERE deregistered_on IS NOT NULL",
    "SELECT pupil_id, count(id), max(given_on) FROM consent_decisions GROUP BY pupil_id",
    "SELECT id, number, closed_at FROM incidents WHERE status = 'closed'",
)


def _median_ms(action: Callable[[], object], rounds: int = ROUNDS) -> float:
    action()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _fill(database: object, school_id: int, purpose_ids: list[int], form_id: int) -> None:
    rng = random.Random(5)
    with database.transaction() as session:  # type: ignore[attr-defined]
        for n in range(ENROLLED + LEFT):
            left = date(2015, 7, 10) + timedelta(days=rng.randint(0, 3000)) if n >= ENROLLED else None
            pupil = Pupil(
                school_id=school_id, pupil_number=str(100000 + n), first_name=f"Voornaam{n}", infix="",
                last_name=f"Achternaam{n}", date_of_birth=date(2010, 1, 1), deregistered_on=left,
            )  # fmt: skip
            session.add(pupil)
            session.flush()
            if left is not None:
                session.add_all(
                    ConsentDecision(
                        pupil_id=pupil.id, purpose_id=pid, granted=rng.random() < 0.8, school_year="2014-15",
                        form_version_id=form_id, given_by="Ouder", relation="guardian_1", channel="paper",
                        given_on=date(2014, 9, 1),
                    )
                    for pid in purpose_ids
                )  # fmt: skip
        for n in range(INCIDENTS):
            closed = datetime(2016, 1, 1, tzinfo=UTC) + timedelta(days=rng.randint(0, 2500))
            incident = Incident(
                school_id=school_id, number=f"{closed.year}-{n:03d}", status="closed", title=f"Incident {n}",
                incident_type="other", discovered_at=closed, reported_at=closed, reported_by_name="Petra",
                closed_at=closed,
            )  # fmt: skip
            session.add(incident)
            session.flush()
            session.add_all(
                IncidentTimelineEntry(
                    incident_id=incident.id, at=closed, kind="action", author_name="P", text="x"
                )
                for _ in range(3)
            )


def main() -> None:
    folder = Path(scratch(prefix="ibp-bench-retention-"))
    location = Location(data_dir=folder / "data")
    result = initialise(
        location, NewSchool("Stichting", "OBS Bench", "12AB", "bench", "Bench", PASSWORD), demo=True
    )
    database = open_location(location)
    actor = login(database, "bench", PASSWORD)
    form = ConsentService(database, actor).current_form(result.school_id)
    _fill(database, result.school_id, [p.purpose_id for p in form.purposes], form.id)
    with database.transaction() as session:
        user = create_user_row(
            session, "dir", "Directeur", PASSWORD, frozenset({Role.DIRECTOR}), frozenset({result.school_id}),
            must_change_password=False,
        )  # fmt: skip
        director = actor_from_user(session, user)
    retention = RetentionService(database, actor)

    def raw() -> None:
        with database.engine.connect() as connection:
            for query in RAW:
                connection.execute(text(query)).all()

    due = retention.due_items(result.school_id, UNTIL)
    raw_ms = _median_ms(raw)
    due_ms = _median_ms(lambda: retention.due_items(result.school_id, UNTIL))
    runs = RetentionRunService(database, actor)
    start = time.perf_counter()
    proposed = runs.propose(result.school_id, UNTIL)
    propose_ms = (time.perf_counter() - start) * 1000
    RetentionRunService(database, director).approve(proposed.run.id)
    start = time.perf_counter()
    done = runs.execute(proposed.run.id)
    execute_ms = (time.perf_counter() - start) * 1000
    print(f"{ENROLLED} enrolled + {LEFT} deregistered pupils, {INCIDENTS} closed incidents (SQLCipher)")
    print(f"raw SELECTs of the same data : {raw_ms:8.2f} ms (median of {ROUNDS})")
    print(f"due_items() ({len(due)} rows)   : {due_ms:8.2f} ms  ({due_ms / raw_ms:.1f}x raw)")
    print(
        f"propose() ({len(proposed.lines)} lines)   : {propose_ms:8.2f} ms  ({propose_ms / raw_ms:.1f}x raw)"
    )
    ratio = execute_ms / raw_ms
    print(f"execute() ({done.run.program_records} records) : {execute_ms:8.2f} ms  ({ratio:.1f}x raw)")
    database.dispose()


if __name__ == "__main__":
    main()
