"""The FG report and the annual report print the audit log's last number and hash: an anchor on paper
that `check` can later hold the log against (issue 14, finding 1)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from ibp_desktop.core.annual_figures import PeriodKind, ReportPeriod
from ibp_desktop.core.roles import Role
from ibp_desktop.security import audit
from ibp_desktop.services.reports.annual import AnnualReportService
from ibp_desktop.services.reports.fg import FgReportService
from tests.conftest import SchoolDb
from tests.reports.pdf_helpers import page_texts
from tests.services.incident_helpers import actor_with

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def _head(school: SchoolDb) -> audit.AuditHead:
    with school.database.transaction() as session:
        return audit.head(session)


def _flat(pdf: bytes) -> str:
    return "".join(page_texts(pdf)).replace("\n", "")


def test_the_fg_report_prints_the_last_log_line_and_its_hash(school_db: SchoolDb, tmp_path: Path) -> None:
    fg = actor_with(school_db, "fg", Role.DPO, "Karin de Boer")
    head = _head(school_db)
    pdf = FgReportService(school_db.database, fg).pdf(date(2026, 1, 1), date(2026, 12, 31), now=NOW)
    (tmp_path / "fg.pdf").write_bytes(pdf)
    text = _flat(pdf)
    assert "Logboek" in text and f"Laatste regel: {head.seq}" in text
    assert head.entry_hash in text.replace(" ", "")


def test_the_annual_report_prints_it_too(school_db: SchoolDb) -> None:
    head = _head(school_db)
    service = AnnualReportService(school_db.database, school_db.actor)
    text = _flat(service.pdf(ReportPeriod(PeriodKind.SCHOOL_YEAR, 2025), now=NOW))
    assert f"{head.seq} regels" in text and head.entry_hash in text.replace(" ", "")
