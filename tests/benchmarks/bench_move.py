"""The move of one 400-pupil school onto a board's server that already has a school (move-to-server),
against a baseline measured in the same run: reading the same file's rows and inserting them with plain
executemany into an empty database (no id translation, no accounts, no audit chain, no checks).

    .venv/bin/python tests/benchmarks/bench_move.py [--rounds 3]

Starts its own throwaway PostgreSQL server (tests/pg_server.py). The school: board_data.py with one school,
400 enrolled pupils, 3 school years of consent history, 40 incidents, 20 requests, 400 retention items.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

TODAY = date(2026, 11, 16)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from board_data import BoardSpec, board_data
    from sqlalchemy import func, insert, select

    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.database.connection import Location, open_location
    from ibp_desktop.services.database.move import MoveService
    from ibp_desktop.store.migrate import ensure_schema
    from ibp_desktop.store.models import Pupil
    from ibp_desktop.store.schema import metadata
    from tests.conftest import make_school_db
    from tests.pg_server import PostgresServer, find_bindir

    spec = BoardSpec(schools=1, pupils=400, incidents=40, requests=20, retention_items=400)
    bindir = find_bindir()
    assert bindir is not None, "PostgreSQL server binaries not found"
    server = PostgresServer(bindir, Path(tempfile.mkdtemp(prefix="ibp-bench-move-", dir="/tmp")), "postgres")
    server.start()
    moves: list[float] = []
    raws: list[float] = []
    rows = 0
    try:
        for round_no in range(args.rounds):
            with tempfile.TemporaryDirectory() as tmp:
                data = board_data(spec, TODAY, root=Path(tmp), rebuild=True)
                local = open_location(data.location)
                with local.transaction() as session:
                    pupils = session.scalar(select(func.count(Pupil.id)))
                url = server.create_database(f"bench_{uuid.uuid4().hex[:12]}")
                board = make_school_db(Location(data_dir=Path(tmp) / "x", database_url=url))
                actor = login(board.database, "eerste", "Correct-Paard-Batterij")
                started = time.perf_counter()
                report = MoveService(board.database, actor).move_school(local, server_label="bench")
                moves.append(time.perf_counter() - started)
                assert report.ok
                board.database.dispose()
                # Baseline: read the same file's rows and insert them with plain executemany into an empty
                # schema: no id translation, no accounts, no audit chain, no checks.
                raw_url = server.create_database(f"raw_{uuid.uuid4().hex[:12]}")
                raw = open_location(Location(data_dir=Path(tmp) / "y", database_url=raw_url), migrate=False)
                ensure_schema(raw)
                started = time.perf_counter()
                with local.transaction() as session:
                    tables = {t.name: [dict(r._mapping) for r in session.execute(select(t))]
                              for t in metadata.sorted_tables}
                rows = sum(len(v) for v in tables.values())
                with raw.transaction() as session:
                    for table in metadata.sorted_tables:
                        if tables[table.name]:
                            session.execute(insert(table), tables[table.name])
                raws.append(time.perf_counter() - started)
                raw.dispose()
                local.dispose()
                print(f"round {round_no + 1}: move {moves[-1]:.2f} s, raw copy {raws[-1]:.2f} s "
                      f"({pupils} pupils, {rows} rows, {report.audit_copied} log entries)", flush=True)
    finally:
        server.stop()
    move, base = statistics.median(moves), statistics.median(raws)
    print(f"| move-to-server, 1 school ({rows} rows) vs plain executemany of the same rows | "
          f"{move:.2f} s vs {base:.2f} s ({move / base:.1f}x) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
