"""Jaarverslag IBP from a known data set, on SQLCipher and PostgreSQL: every figure one by one in the PDF,
no names anywhere, adoption that re-prints the stored bytes and detects tampering, permissions."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, update

from ibp_desktop.core.annual_figures import PeriodKind, ReportPeriod
from ibp_desktop.core.errors import NotFoundError, PermissionDeniedError
from ibp_desktop.core.roles import Role
from ibp_desktop.services.reports.annual import AnnualReportService, TamperedReportError
from ibp_desktop.store.models import AuditEntry
from ibp_desktop.store.report_models import AdoptedReport
from tests.conftest import SchoolDb
from tests.reports.pdf_helpers import assert_only_embedded_dejavu, page_texts
from tests.services import report_helpers as known
from tests.services.incident_helpers import actor_with

PERIOD = ReportPeriod(PeriodKind.SCHOOL_YEAR, 2025)
NOW = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page_texts(pdf)).split())


def test_known_school_year_figures_one_by_one_in_the_pdf_and_no_names(school_db: SchoolDb) -> None:
    data = known.build(school_db)
    service = AnnualReportService(school_db.database, school_db.actor)
    figures = service.figures(PERIOD, school_db.school_id, today=NOW.date())

    inc = figures.incidents
    assert (inc.total, inc.per_quarter) == (5, (2, 1, 2, 0))  # the incident of August 2026 is outside
    assert (inc.breaches, inc.notified, inc.notified_in_time, inc.share_in_time) == (2, 2, 1, "50%")
    assert (inc.subjects_informed, inc.not_reportable, inc.not_assessed) == (1, 2, 1)
    req = figures.requests
    assert (req.total, req.answered_on_time, req.answered_late, req.late) == (3, 2, 1, 1)
    assert dict(req.by_right)["Inzage"] == 2 and dict(req.by_right)["Verwijdering"] == 1
    (school,) = figures.consent
    a, b, c = school.purposes[:3]
    assert [(p.pupils, p.answered, p.refused) for p in (a, b, c)] == [(10, 8, 2), (10, 8, 4), (10, 8, 0)]
    assert (a.response_rate, a.refusal_rate, b.refusal_rate, c.refusal_rate) == ("80%", "25%", "50%", "0%")
    ret = figures.retention
    assert (ret.runs_done, ret.program_records, ret.external_done, ret.certificates_final) == (1, 5, 1, 1)
    proc = figures.processors
    assert (proc.suppliers, proc.with_agreement, proc.coverage) == (3, 2, "67%")
    assert dict(proc.by_model) == {"Model 3.0 (oud)": 1, "Model 4.0": 1, "Eigen model leverancier": 0}
    assert [a.title for a in figures.open_actions] == ["Wachtwoordbeleid bespreken"]

    pdf = service.pdf(PERIOD, school_db.school_id, now=NOW)
    assert_only_embedded_dejavu(pdf)
    text = _text(pdf)
    for expected in (
        "Jaarverslag IBP schooljaar 2025-2026",
        "01-08-2025 t/m 31-07-2026",
        "Incidenten geregistreerd 5",
        "Datalekken gemeld bij de AP 2",
        "Binnen 72 uur gemeld 1 (50%)",
        "Betrokkenen geïnformeerd 1",
        "Verzoeken van betrokkenen 3",
        "Verzoeken te laat beantwoord of nog te laat open 1",
        "Opruimrondes uitgevoerd 1",
        "Verklaringen van vernietiging 1",
        "Leveranciers met verwerkersovereenkomst 2 van 3 (67%)",
        "Open acties plan van aanpak 1",
        "Phishing 1 0 1 0 2",
        "Totaal 2 1 2 0 5",
        "Meldplichtige datalekken (volgens de beoordeling) 2",
        "Gemeld binnen 72 uur 1",
        "Gemeld na 72 uur 1",
        "Deel binnen 72 uur gemeld 50%",
        "Inzage 2",
        "Verwijdering 1",
        "Op tijd beantwoord 2",
        "Te laat beantwoord 1",
        f"{a.label} 10 8 80% 2 25%",
        f"{b.label} 10 8 80% 4 50%",
        f"{c.label} 10 8 80% 0 0%",
        "Records verwijderd in IBP Desktop 5",
        "Verklaringen van vernietiging (definitief) 1",
        "Met verwerkersovereenkomst 2 (67%)",
        "Overeenkomst volgens Model 4.0 1",
        "Overeenkomst volgens Model 3.0 (oud) 1",
        "Wachtwoordbeleid bespreken Security officer",
        "Jaarkalender schooljaar 2026-2027",
        "Incidenten per kwartaal, naar soort",  # the charts' titles: the charts are there
        "Respons en weigering per doel",
        "Verzoeken: op tijd of te laat",
    ):
        assert expected in text, expected
    assert data.named_incident not in text  # no incident numbers or titles either
    _assert_no_names(pdf, text)


def _assert_no_names(pdf: bytes, text: str) -> None:
    """No pupil, guardian, requester or staff name in the extracted text nor in the raw bytes."""
    names = [" ".join(p for p in name if p) for name in known.PUPILS]
    names += [name[2] for name in known.PUPILS if len(name[2]) > 4]  # not "An": in "Anders"
    names += [*known.REQUESTERS, known.STAFF_NAME]
    names += ["Yilmaz", "Wisniewska", "Joost van den Heuvel"]
    for name in names:
        assert name not in text, name
        for encoding in ("utf-8", "utf-16-be", "latin-1"):
            try:
                raw = name.encode(encoding)
            except UnicodeEncodeError:
                continue
            assert raw not in pdf, (name, encoding)


def test_the_board_adopts_and_reprints_the_stored_bytes(school_db: SchoolDb) -> None:
    known.add_incidents(school_db)
    board = actor_with(school_db, "bestuur", Role.BOARD, "Hans Visser")
    service = AnnualReportService(school_db.database, board)
    row = service.adopt(PERIOD, school_db.school_id, now=NOW)
    assert (row.adopted_on, row.adopter_role, row.adopter_label) == (
        date(2026, 9, 1),
        Role.BOARD,
        "Bestuurder",
    )
    assert row.title == "Jaarverslag IBP schooljaar 2025-2026" and row.period == PERIOD

    printed = service.adopted_pdf(row.id)
    assert hashlib.sha256(printed).hexdigest() == row.sha256 and len(printed) == row.size
    assert service.adopted_pdf(row.id) == printed  # the stored bytes, not a new rendering
    text = _text(printed)
    assert "Vastgesteld door het bestuur op 01-09-2026 (rol: Bestuurder)" in text
    assert "Hans Visser" not in text
    assert [r.id for r in service.adopted_reports()] == [row.id]
    assert [r.id for r in service.adopted_reports(school_db.school_id)] == [row.id]

    # The FG reads the list and the PDF, but does not adopt.
    fg = AnnualReportService(school_db.database, actor_with(school_db, "fg", Role.DPO))
    assert fg.adopted_pdf(row.id) == printed
    with pytest.raises(PermissionDeniedError, match="het jaarverslag vaststellen"):
        fg.adopt(PERIOD, school_db.school_id)

    with school_db.database.transaction() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "annual_report_adopted")).one()
        assert row.sha256 in entry.details and "Hans" not in entry.details
        # Someone changes one byte of the stored PDF behind the program's back.
        session.execute(
            update(AdoptedReport).where(AdoptedReport.id == row.id).values(pdf=printed[:-2] + b"X\n")
        )
    with pytest.raises(TamperedReportError, match="controlecode"):
        service.adopted_pdf(row.id)
    with pytest.raises(NotFoundError):
        service.adopted_pdf(row.id + 99)


def test_administration_cannot_adopt_and_the_fg_reads(school_db: SchoolDb) -> None:
    admin = actor_with(school_db, "fatima", Role.ADMINISTRATION)
    with pytest.raises(PermissionDeniedError):
        AnnualReportService(school_db.database, admin).adopt(PERIOD, school_db.school_id)
    with pytest.raises(PermissionDeniedError):
        AnnualReportService(school_db.database, admin).figures(PERIOD, school_db.school_id)
    fg = actor_with(school_db, "fg", Role.DPO)
    figures = AnnualReportService(school_db.database, fg).figures(PERIOD, today=NOW.date())
    assert figures.incidents.total == 0 and figures.schools == 1


def test_a_calendar_year_has_calendar_quarters(school_db: SchoolDb) -> None:
    known.add_incidents(school_db)
    figures = AnnualReportService(school_db.database, school_db.actor).figures(
        ReportPeriod(PeriodKind.CALENDAR_YEAR, 2025), school_db.school_id, today=NOW.date()
    )
    assert figures.incidents.per_quarter == (0, 0, 1, 2)  # Sep in Q3 (jul-sep), Oct and Dec in Q4
