"""The incident list with 2,000 incidents: the service call vs a raw SELECT of the same columns, one run.

    .venv/bin/python tests/benchmarks/bench_incidents.py

Fills an encrypted school database with 2,000 incidents (with timelines), then prints medians of:
``list_incidents()`` (permission check, audit-free read, clock status per row), the same with a text
filter, and the baseline: a raw SQL SELECT of the same columns over the same connection type.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench_common import scratch
from sqlalchemy import text

from ibp_desktop.core.incidents.rules import IncidentStatus, IncidentType, TimelineKind, next_number
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.database.connection import Location, open_location
from ibp_desktop.services.database.setup import NewSchool, initialise
from ibp_desktop.services.incidents import mapping as mapping
from ibp_desktop.services.incidents.register import IncidentService
from ibp_desktop.store.incident_models import Incident

COUNT = 2_000
ROUNDS = 15
PASSWORD = "Bench-wachtwoord-123"
RAW = (
    "SELECT i.id, i.version, i.school_id, s.brin, i.number, i.title, i.incident_type, i.status, "
    "i.discovered_at, i.decision, i.preliminary_notified_at, i.final_notified_at "
    "FROM incidents i JOIN schools s ON s.id = i.school_id ORDER BY i.discovered_at DESC, i.id DESC"
)


def _median_ms(action: Callable[[], object]) -> float:
    action()
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _fill(database: object, school_id: int) -> None:
    rng = random.Random(4)
    now = datetime.now(UTC)
    numbers: list[str] = []
    with database.transaction() as session:  # type: ignore[attr-defined]
        for i in range(COUNT):
            discovered = now - timedelta(hours=rng.uniform(1, 24 * 365 * 3))
            incident = Incident(
                school_id=school_id,
                number=next_number(discovered.year, numbers),
                status=rng.choice(list(IncidentStatus)).value,
                reported_at=discovered,
                reported_by_name="Petra Jansen",
            )
            numbers.append(incident.number)
            kind = rng.choice(list(IncidentType))
            facts = mapping.IncidentFacts(
                f"Incident {i}: {kind.value}", "Omschrijving " * rng.randint(5, 40), kind, discovered
            )
            mapping.apply_facts(incident, facts)
            for step in range(3):
                mapping.add_entry(
                    incident, TimelineKind.ACTION, None, "Petra Jansen", f"Actie {step}", discovered
                )
            session.add(incident)


def main() -> None:
    folder = Path(scratch(prefix="ibp-bench-incidents-"))
    location = Location(data_dir=folder / "data")
    # demo=True: the fixed demo key, so the script runs on a machine without an OS keyring.
    result = initialise(
        location, NewSchool("Stichting", "OBS Bench", "12AB", "bench", "Bench", PASSWORD), demo=True
    )
    database = open_location(location)
    _fill(database, result.school_id)
    service = IncidentService(database, login(database, "bench", PASSWORD))

    def raw() -> None:
        with database.engine.connect() as connection:
            connection.execute(text(RAW)).all()

    assert len(service.list_incidents()) == COUNT
    raw_ms = _median_ms(raw)
    list_ms = _median_ms(service.list_incidents)
    filter_ms = _median_ms(lambda: service.list_incidents(text="phishing"))
    status_ms = _median_ms(lambda: service.list_incidents(status=IncidentStatus.NEW))
    print(f"{COUNT} incidents (SQLCipher), {ROUNDS} rounds, medians")
    print(f"raw SQL SELECT of the same columns : {raw_ms:7.2f} ms")
    print(f"list_incidents()                   : {list_ms:7.2f} ms  ({list_ms / raw_ms:.1f}x raw)")
    print(f"list_incidents(text='phishing')    : {filter_ms:7.2f} ms  ({filter_ms / raw_ms:.1f}x raw)")
    print(f"list_incidents(status=NEW)         : {status_ms:7.2f} ms  ({status_ms / raw_ms:.1f}x raw)")
    database.dispose()


if __name__ == "__main__":
    main()
