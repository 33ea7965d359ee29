"""Every query the Overzicht runs goes through an index: checked with SQLite's EXPLAIN QUERY PLAN.

A board user opens the Overzicht on a small board data set (the same generator as the benchmark); each
SELECT it sent is explained with its own parameters. The planner decides from the schema alone (no
ANALYZE statistics), so the plans are those of the 12-school board too.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.dashboard.overview import DashboardService
from ibp_desktop.services.database.connection import open_location
from ibp_desktop.store.database import Database

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from board_data import BOARD_USER, FG_USER, BoardSpec, board_data

TODAY = date(2026, 11, 28)
# Tables that grow with the number of pupils, years and records: never read whole.
LARGE = ("pupils", "consent_decisions", "retention_items", "incidents", "audit_log", "retention_run_lines")


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    spec = BoardSpec(schools=2, pupils=20, incidents=12, requests=6, retention_items=40)
    data = board_data(spec, TODAY, root=tmp_path_factory.mktemp("board"))
    database = open_location(data.location)
    yield database
    database.dispose()


def _statements(database: Database) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def grab(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    # The board sees figures and registers; its FG also the consent counts: together every query.
    actors = [login(database, *BOARD_USER), login(database, *FG_USER)]
    event.listen(database.engine, "before_cursor_execute", grab)
    try:
        for actor in actors:
            DashboardService(database, actor).overview(TODAY)
    finally:
        event.remove(database.engine, "before_cursor_execute", grab)
    return seen


def _plans(database: Database, statements: list[tuple[str, Any]]) -> list[tuple[str, list[str]]]:
    with database.engine.connect() as connection:
        return [
            (
                " ".join(sql.split()),
                [row[3] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", p)],
            )
            for sql, p in statements
        ]


def test_no_overzicht_query_reads_a_large_table_whole(board: Database) -> None:
    plans = _plans(board, _statements(board))
    assert len(plans) > 20  # figures, breaches, consent, retention, registers: all of them were seen
    full_scans = [
        (sql[:160], line)
        for sql, lines in plans
        for line in lines
        if any(line == f"SCAN {t}" or line.startswith(f"SCAN {t} ") for t in LARGE)
    ]
    assert full_scans == []


def test_missing_forms_read_the_campaign_index_once_not_per_pupil(board: Database) -> None:
    plans = _plans(board, _statements(board))
    correlated_decisions = [
        sql[:160]
        for sql, lines in plans
        for i, line in enumerate(lines)
        if line.startswith("CORRELATED") and any("consent_decisions" in later for later in lines[i:])
    ]
    assert correlated_decisions == []
    missing = [lines for sql, lines in plans if "NOT IN (SELECT consent_decisions.pupil_id" in sql]
    assert len(missing) == 2  # one count per school
    for lines in missing:
        assert not any(line.startswith("CORRELATED") for line in lines), lines
        assert any("COVERING INDEX ix_consent_decisions_campaign_pupil" in line for line in lines), lines
