"""Opening the encrypted database vs opening the same data as plain SQLite, in one run.

    .venv/bin/python tests/benchmarks/bench_open_database.py

Prints medians over repeated opens of the demo school (fresh connection each time, first query
included): raw SQLCipher vs raw sqlite3, and the program's full open path (info file, key, engine,
schema revision check) vs the same path would cost on plain SQLite.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from bench_common import scratch

from ibp_desktop.security.keys import DEMO_KEY
from ibp_desktop.services.database.connection import Location, open_location
from ibp_desktop.services.demo.school import create_demo

ROUNDS = 40


def _median_ms(action: Callable[[], object]) -> float:
    action()  # warm the OS file cache and imports
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _plain_copy(encrypted: Path, target: Path) -> None:
    connection = sqlcipher.connect(str(encrypted))
    connection.execute(f"PRAGMA key = \"x'{DEMO_KEY.hex()}'\"")
    connection.execute(f"ATTACH DATABASE '{target}' AS plain KEY ''")
    connection.execute("SELECT sqlcipher_export('plain')")
    connection.execute("DETACH DATABASE plain")
    connection.close()


def main() -> None:
    folder = Path(scratch(prefix="ibp-bench-"))
    location = Location(data_dir=folder / "demo")
    create_demo(location, date.today())
    plain = folder / "plain.sqlite3"
    _plain_copy(location.db_path, plain)

    def raw_plain() -> None:
        connection = sqlite3.connect(plain)
        connection.execute("SELECT count(*) FROM pupils").fetchone()
        connection.close()

    def raw_cipher() -> None:
        connection = sqlcipher.connect(str(location.db_path))
        connection.execute(f"PRAGMA key = \"x'{DEMO_KEY.hex()}'\"")
        connection.execute("SELECT count(*) FROM pupils").fetchone()
        connection.close()

    def program_open() -> None:
        database = open_location(location)
        with database.engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM pupils").scalar()
        database.dispose()

    plain_ms, cipher_ms, program_ms = _median_ms(raw_plain), _median_ms(raw_cipher), _median_ms(program_open)
    print(f"file size: {location.db_path.stat().st_size / 1024:.0f} KiB, {ROUNDS} rounds, medians")
    print(f"plain sqlite3 open + first query      : {plain_ms:7.2f} ms")
    print(f"SQLCipher raw key open + first query  : {cipher_ms:7.2f} ms  (+{cipher_ms - plain_ms:.2f} ms)")
    print(f"program open_location (incl. schema)  : {program_ms:7.2f} ms  (+{program_ms - plain_ms:.2f} ms)")


if __name__ == "__main__":
    main()
