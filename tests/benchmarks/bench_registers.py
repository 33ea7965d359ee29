"""The request list with 2,000 requests: the service call vs a raw SELECT of the same rows, one run.

    .venv/bin/python tests/benchmarks/bench_registers.py

Fills an encrypted school database with 2,000 data-subject requests (a fifth of them about a pupil),
then prints medians of: ``list_requests()`` (permission check, status words per row), the same with a
text filter, ``due_and_overdue()`` (the dashboard's query), the register PDF, and the baseline: a raw SQL
SELECT of the request columns with the pupil join over the same connection type.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench_common import scratch
from sqlalchemy import text

from ibp_desktop.core import requests as rules
from ibp_desktop.core.incidents.rules import next_number
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.database.connection import Location, open_location
from ibp_desktop.services.database.setup import NewSchool, initialise
from ibp_desktop.services.requests.register import RequestService
from ibp_desktop.store.models import Pupil
from ibp_desktop.store.request_models import SubjectRequest

COUNT = 2_000
ROUNDS = 15
PASSWORD = "Bench-wachtwoord-123"
TODAY = date(2026, 11, 28)
RAW = (
    "SELECT r.*, s.brin, p.first_name, p.infix, p.last_name FROM subject_requests r "
    "JOIN schools s ON s.id = r.school_id LEFT JOIN pupils p ON p.id = r.pupil_id "
    "ORDER BY r.received_on DESC, r.id DESC"
)


def _median_ms(action: Callable[[], object], rounds: int = ROUNDS) -> float:
    action()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _fill(database: Any, school_id: int) -> None:
    rng = random.Random(6)
    numbers: list[str] = []
    with database.transaction() as session:
        pupils = [
            Pupil(
                school_id=school_id,
                first_name=f"Şükrü{i}",
                last_name="Yılmaz",
                date_of_birth=date(2016, 1, 1),
            )
            for i in range(200)
        ]
        session.add_all(pupils)
        session.flush()
        for _ in range(COUNT):
            received = TODAY - timedelta(days=rng.randint(0, 3 * 365))
            number = next_number(received.year, numbers)
            numbers.append(number)
            answered = received + timedelta(days=rng.randint(3, 40)) if rng.random() < 0.9 else None
            session.add(
                SubjectRequest(
                    school_id=school_id,
                    number=number,
                    received_on=received,
                    requester_name="Łucja Wiśniewska",
                    relation=rules.Relation.GUARDIAN.value,
                    pupil_id=rng.choice(pupils).id if rng.random() < 0.2 else None,
                    right=rng.choice(list(rules.Right)).value,
                    id_check="Legitimatiebewijs",
                    deadline_on=rules.deadline(received),
                    answered_on=answered if answered and answered <= TODAY else None,
                    outcome=rules.Outcome.GRANTED.value if answered and answered <= TODAY else None,
                )
            )


def main() -> None:
    folder = Path(scratch(prefix="ibp-bench-registers-"))
    location = Location(data_dir=folder / "data")
    # demo=True: the fixed demo key, so the script runs on a machine without an OS keyring.
    result = initialise(
        location, NewSchool("Stichting", "OBS Bench", "12AB", "bench", "Bench", PASSWORD), demo=True
    )
    database = open_location(location)
    _fill(database, result.school_id)
    service = RequestService(database, login(database, "bench", PASSWORD))

    def raw() -> None:
        with database.engine.connect() as connection:
            connection.execute(text(RAW)).all()

    assert len(service.list_requests(today=TODAY)) == COUNT
    raw_ms = _median_ms(raw)
    list_ms = _median_ms(lambda: service.list_requests(today=TODAY))
    filter_ms = _median_ms(lambda: service.list_requests(text="verwijdering", today=TODAY))
    due_ms = _median_ms(lambda: service.due_and_overdue(TODAY))
    pdf_ms = _median_ms(lambda: service.register_pdf(), rounds=3)
    print(f"{COUNT} requests (SQLCipher), {ROUNDS} rounds (PDF: 3), medians")
    print(f"raw SQL SELECT with the pupil join   : {raw_ms:8.2f} ms")
    print(f"list_requests()                      : {list_ms:8.2f} ms  ({list_ms / raw_ms:.1f}x raw)")
    print(f"list_requests(text='verwijdering')   : {filter_ms:8.2f} ms  ({filter_ms / raw_ms:.1f}x raw)")
    print(f"due_and_overdue() (dashboard)        : {due_ms:8.2f} ms  ({due_ms / raw_ms:.1f}x raw)")
    print(f"register_pdf() of all {COUNT} rows   : {pdf_ms:8.2f} ms  ({pdf_ms / raw_ms:.1f}x raw)")
    database.dispose()


if __name__ == "__main__":
    main()
