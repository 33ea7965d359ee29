"""The group overview PDF reads its grid in two set-based queries, through indexes: EXPLAIN QUERY PLAN.

The director prints the overview of all groups on a small board data set (the benchmark's generator,
three school years of consent history). Every SELECT it sent is explained with its own parameters: the
pupils come from the school's index, the decisions from the (pupil, purpose) index per pupil inside one
query, never from a correlated subquery or a scan of a large table; the number of queries does not grow
with the number of groups or pupils.
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
from ibp_desktop.services.consent.decisions import ConsentService
from ibp_desktop.services.database.connection import open_location
from ibp_desktop.store.database import Database

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from board_data import DIRECTOR, BoardSpec, board_data

TODAY = date(2026, 11, 28)
# (The audit chain reads its last entry through its index, newest first, one row: no full read.)
LARGE = ("pupils", "consent_decisions")


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    spec = BoardSpec(schools=1, pupils=40, incidents=2, requests=2, retention_items=4)
    data = board_data(spec, TODAY, root=tmp_path_factory.mktemp("board"))
    database = open_location(data.location)
    yield database
    database.dispose()


def _plans(database: Database, group_name: str | None) -> list[tuple[str, list[str]]]:
    seen: list[tuple[str, Any]] = []

    def grab(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    actor = login(database, *DIRECTOR)
    service = ConsentService(database, actor)
    school_id = min(actor.school_ids)
    group_id = service.find_group(school_id, group_name).id if group_name else None
    event.listen(database.engine, "before_cursor_execute", grab)
    try:
        pdf = service.overview_pdf(school_id, group_id, on=TODAY)
    finally:
        event.remove(database.engine, "before_cursor_execute", grab)
    assert pdf.startswith(b"%PDF-")
    with database.engine.connect() as connection:
        return [
            (
                " ".join(sql.split()),
                [row[3] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", p)],
            )
            for sql, p in seen
        ]


@pytest.mark.parametrize("group_name", [None, "5"], ids=["all groups", "one group"])
def test_the_grid_is_two_indexed_queries(board: Database, group_name: str | None) -> None:
    plans = _plans(board, group_name)
    full_scans = [
        (sql[:120], line)
        for sql, lines in plans
        for line in lines
        if any(line == f"SCAN {t}" or line.startswith(f"SCAN {t} ") for t in LARGE)
    ]
    assert full_scans == []
    assert not [sql[:120] for sql, lines in plans if any(line.startswith("CORRELATED") for line in lines)]
    reading_pupils = [lines for sql, lines in plans if "FROM pupils" in sql or "JOIN pupils" in sql]
    assert len(reading_pupils) == 2  # the pupils, and their decisions: not a query per group
    decisions = [lines for sql, lines in plans if "consent_decisions" in sql]
    assert len(decisions) == 1
    (lines,) = decisions
    assert any(line.startswith("SEARCH pupils USING INDEX ix_pupils_school_group") for line in lines), lines
    assert any("USING INDEX ix_consent_decisions_pupil_purpose (pupil_id=? AND purpose_id=?)" in line
               for line in lines), lines  # fmt: skip
    assert len(plans) <= 16  # account, form, settings, school, groups, grid, audit: a fixed number
