"""The benchmark data generator (tests/benchmarks/board_data.py) makes a consistent, openable data set.

A small board (2 schools x 20 pupils) so it stays fast; the benchmark itself builds the 12 x 400 one.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from ibp_desktop.security.audit import verify_chain
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.dashboard.overview import DashboardService
from ibp_desktop.services.database.connection import open_location
from ibp_desktop.services.incidents.register import IncidentService
from ibp_desktop.store.consent_models import ConsentDecision
from ibp_desktop.store.models import Pupil
from ibp_desktop.store.request_models import SubjectRequest
from ibp_desktop.store.retention_models import RetentionItem

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))
from board_data import BOARD_USER, BoardSpec, board_data

TODAY = date(2026, 11, 28)
SMALL = BoardSpec(schools=2, pupils=20, incidents=12, requests=6, retention_items=40)


def test_small_board_is_consistent_openable_and_cached(tmp_path: Path) -> None:
    data = board_data(SMALL, TODAY, root=tmp_path)
    assert data.build_seconds is not None
    database = open_location(data.location)  # the fixed demo key: no OS keyring needed
    try:
        board = login(database, *BOARD_USER)
        assert board.school_ids == frozenset(data.school_ids) and len(data.school_ids) == 2
        overview = DashboardService(database, board).overview(TODAY)
        assert [s.pupils_enrolled for s in overview.schools] == [20, 20]
        assert any(item.area == "incidenten" for item in overview.attention)  # the two running breaches
        assert len(IncidentService(database, board).list_incidents()) == 12
        with database.transaction() as session:
            assert session.scalar(select(func.count(SubjectRequest.id))) == 6
            assert session.scalar(select(func.count(RetentionItem.id))) == 40
            orphans = select(func.count(ConsentDecision.id)).where(
                ~ConsentDecision.pupil_id.in_(select(Pupil.id))
            )
            assert session.scalar(orphans) == 0
            years = set(session.scalars(select(ConsentDecision.school_year).distinct()))
            assert years == {"2024-2025", "2025-2026", "2026-2027"}
            assert verify_chain(session).intact
    finally:
        database.dispose()
    again = board_data(SMALL, TODAY, root=tmp_path)
    assert again.build_seconds is None and again.counts == data.counts  # from the cache, not rebuilt
