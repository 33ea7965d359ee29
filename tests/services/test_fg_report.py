"""FG-rapportage for a period, on SQLCipher and PostgreSQL: incident details with the FG's advice, the request
log without requesters, what is overdue, open actions; who may make it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from ibp_desktop.core.errors import BadInputError, PermissionDeniedError
from ibp_desktop.core.roles import Role
from ibp_desktop.services.incidents.register import IncidentService
from ibp_desktop.services.reports.fg import FgReportService
from ibp_desktop.store.incident_models import Incident
from tests.conftest import SchoolDb
from tests.reports.pdf_helpers import assert_only_embedded_dejavu, page_texts
from tests.services import report_helpers as known
from tests.services.incident_helpers import actor_with

NOW = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)


def test_the_fg_reads_the_register_details_requests_and_actions(school_db: SchoolDb) -> None:
    known.add_incidents(school_db)
    pupils = known.add_pupils(school_db)
    known.add_requests(school_db, pupils)
    known.add_action(school_db)
    fg = actor_with(school_db, "fg", Role.DPO, "Karin de Boer")
    with school_db.database.transaction() as session:
        laptop = session.scalars(select(Incident.id).where(Incident.title == "Laptop kwijt")).one()
    IncidentService(school_db.database, fg).add_advice(laptop, "Informeer ook de ouders van groep 6.")

    service = FgReportService(school_db.database, fg)
    data = service.data(date(2025, 8, 1), date(2026, 7, 31), now=NOW)
    assert [d.facts.title for d in data.incidents][:2] == ["Phishingmail geopend", "Laptop kwijt"]
    assert (data.incident_totals.incidents, data.incident_totals.notified_in_time) == (5, 1)
    assert (data.request_counts.total, data.request_counts.answered_late) == (3, 1)
    # Not notified, 72 hours over: the unassessed paper incident of March and the virus of August.
    assert {b.title for b in data.overdue_breaches} == {
        "Klassenlijst op de printer",
        "Virus na het schooljaar",
    }
    assert [a.title for a in data.open_actions] == ["Wachtwoordbeleid bespreken"]

    pdf = service.pdf(date(2025, 8, 1), date(2026, 7, 31), now=NOW)
    assert_only_embedded_dejavu(pdf)
    text = " ".join(" ".join(page_texts(pdf)).split())
    for expected in (
        "FG-rapportage",
        "Periode 01-08-2025 t/m 31-07-2026",
        "Informeer ook de ouders van groep 6.",
        "Melden bij de AP en betrokkenen informeren",
        "reden vertraging: Pas na het weekend beoordeeld.",
        "Te laat beantwoord",
        "Wachtwoordbeleid bespreken",
        "Datalekken zonder melding na 72 uur",
    ):
        assert expected in text, expected
    for requester in known.REQUESTERS:
        assert requester not in text  # the log identifies requests by number, right and relation


def test_who_may_make_the_fg_report(school_db: SchoolDb) -> None:
    security = actor_with(school_db, "petra", Role.SECURITY_OFFICER)
    with pytest.raises(PermissionDeniedError, match="verzoeken van betrokkenen"):
        FgReportService(school_db.database, security).data(date(2026, 1, 1), date(2026, 12, 31))
    admin = actor_with(school_db, "fatima", Role.ADMINISTRATION)
    with pytest.raises(PermissionDeniedError):
        FgReportService(school_db.database, admin).data(date(2026, 1, 1), date(2026, 12, 31))
    board = FgReportService(school_db.database, actor_with(school_db, "hans", Role.BOARD))
    assert board.data(date(2026, 1, 1), date(2026, 12, 31), now=NOW).incidents == ()
    with pytest.raises(BadInputError, match="vóór de begindatum"):
        board.data(date(2026, 12, 31), date(2026, 1, 1))
