"""The annual report and the FG report carry the figures of the processing register, the DPIAs and the
complaints (both backends); the annual report names no complaint, the FG report lists them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ibp_desktop.core.accountability.complaints import ComplainantRole, ComplaintOutcome
from ibp_desktop.core.accountability.dpia import Decision
from ibp_desktop.core.accountability.records import ComplaintInput, PrescanInput
from ibp_desktop.core.annual_figures import PeriodKind, ReportPeriod
from ibp_desktop.core.roles import Role
from ibp_desktop.services.accountability.complaints import ComplaintService
from ibp_desktop.services.accountability.dpia import DpiaService
from ibp_desktop.services.accountability.processing import ProcessingService
from ibp_desktop.services.reports.annual import AnnualReportService
from ibp_desktop.services.reports.fg import FgReportService
from tests.conftest import SchoolDb
from tests.reports.pdf_helpers import page_texts
from tests.services.incident_helpers import actor_with

PERIOD = ReportPeriod(PeriodKind.SCHOOL_YEAR, 2025)  # 01-08-2025 to 31-07-2026
NOW = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page_texts(pdf)).split())


def _fill(school_db: SchoolDb) -> None:
    fg = actor_with(school_db, "fg", Role.DPO, "Karin de Boer")
    ProcessingService(school_db.database, school_db.actor).list_activities(school_db.school_id)  # the preload
    dpias = DpiaService(school_db.database, school_db.actor)
    dpias.start(
        school_db.school_id, PrescanInput("Quizapp", criteria=frozenset({"kwetsbaar"}), on=date(2025, 9, 1))
    )
    app = dpias.start(
        school_db.school_id,
        PrescanInput(
            "Nieuwe ouderapp", criteria=frozenset({"kwetsbaar", "grootschalig"}), on=date(2025, 10, 1)
        ),
    )
    app = dpias.describe(app.id, app.version, "Ouderapp", "Nodig")
    app = dpias.ask_advice(app.id, app.version, on=date(2025, 10, 5))
    app = DpiaService(school_db.database, fg).record_advice(
        app.id, app.version, "Akkoord", on=date(2025, 10, 9)
    )
    dpias.decide(
        app.id, app.version, Decision.PROCEED, "Advies gevolgd", date(2025, 10, 10), date(2026, 10, 1)
    )
    dpias.start(
        school_db.school_id, PrescanInput("Camera's", ap_items=frozenset({"camera"}), on=date(2026, 8, 3))
    )
    complaints = ComplaintService(school_db.database, school_db.actor)
    late = complaints.register_complaint(
        school_db.school_id,
        ComplaintInput(date(2026, 1, 5), ComplainantRole.PARENT, "Foto van Şükrü Yılmaz op website"),
        date(2026, 1, 6),
    )
    complaints.answer(late.id, late.version, ComplaintOutcome.FOUNDED, "", date(2026, 3, 1), True)
    complaints.register_complaint(
        school_db.school_id,
        ComplaintInput(date(2026, 7, 1), ComplainantRole.STAFF, "Rooster met namen in de hal"),
        date(2026, 7, 2),
    )
    complaints.register_complaint(
        school_db.school_id,
        ComplaintInput(date(2026, 8, 20), ComplainantRole.PUPIL, "Buiten de periode"),
        date(2026, 8, 21),
    )


def test_annual_report_figures_and_no_names(school_db: SchoolDb) -> None:
    _fill(school_db)
    service = AnnualReportService(school_db.database, school_db.actor)
    figures = service.figures(PERIOD, school_db.school_id, today=NOW.date())
    acc = figures.accountability
    assert acc is not None
    assert (acc.activities, acc.activities_review_due) == (11, 11)  # preloaded, never checked
    assert (acc.prescans, acc.dpias_needed, acc.dpias_decided, acc.dpias_open) == (2, 1, 1, 1)
    assert (acc.complaints, acc.complaints_answered_late, acc.complaints_open, acc.complaints_overdue) == (
        2,
        1,
        1,
        1,
    )
    assert acc.complaints_founded == 1
    text = _text(service.pdf(PERIOD, school_db.school_id, now=NOW))
    assert "6. Verwerkingsregister, DPIA's en klachten" in text
    assert "Voortoetsen DPIA in de periode 2" in text and "Klachten over persoonsgegevens ontvangen 2" in text
    assert "Yılmaz" not in text and "Rooster met namen" not in text
    assert "8. Open acties en plan voor volgend jaar" in text


def test_the_fg_report_lists_the_complaints_of_the_period(school_db: SchoolDb) -> None:
    _fill(school_db)
    fg = actor_with(school_db, "fg2", Role.DPO)
    text = _text(FgReportService(school_db.database, fg).pdf(date(2025, 8, 1), date(2026, 7, 31), now=NOW))
    assert "6. Verwerkingsregister, DPIA's en klachten" in text
    assert "K2026-001 05-01-2026 Foto van Şükrü Yılmaz op website Te laat beantwoord (01-03-2026)" in text
    assert "Rooster met namen in de hal" in text and "Buiten de periode" not in text
