"""The annual report renderer from plain figures: charts on embedded DejaVu, empty sections, adoption line."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ibp_desktop.core.annual_figures import (
    AnnualFigures,
    IncidentInput,
    PeriodKind,
    PlanAction,
    ReportPeriod,
    consent_figures,
    incident_figures,
    processor_figures,
    request_figures,
    retention_figures,
    yearly_calendar,
)
from ibp_desktop.core.consent.rules import ConsentState
from ibp_desktop.core.incidents.rules import IncidentType
from ibp_desktop.core.processors import ModelVersion
from ibp_desktop.core.requests import Right, count_requests, request_status
from ibp_desktop.reports.annual_report import Adoption, render_annual_report
from tests.conftest import SchoolDb
from tests.reports.pdf_helpers import assert_only_embedded_dejavu, page_texts

PERIOD = ReportPeriod(PeriodKind.CALENDAR_YEAR, 2026)
MADE = datetime(2027, 1, 15, 13, 5, tzinfo=UTC)


def _figures(busy: bool) -> AnnualFigures:
    incidents = (
        [IncidentInput(t, datetime(2026, 1 + 3 * (n % 4), 10, tzinfo=UTC), None, None, False)
         for n, t in enumerate(IncidentType)]
        if busy
        else []
    )  # fmt: skip
    requests = (
        [
            (
                Right.ACCESS,
                request_status(date(2026, 2, 1), False, date(2026, 4, 1), date(2026, 6, 1)),
                False,
                None,
            )
        ]
        if busy
        else []
    )
    labels = ["Website", "Schoolgids, brochure en kalender (gedrukt en digitaal)"]
    states = [[ConsentState.GRANTED, ConsentState.REFUSED]] * 4
    consent = (consent_figures("Basisschool 't Palet", date(2026, 12, 31), labels, states),) if busy else ()
    return AnnualFigures(
        scope="Stichting Samen Wijs: alle scholen",
        schools=2,
        period=PERIOD,
        today=date(2027, 1, 15),
        incidents=incident_figures(PERIOD, incidents),
        requests=request_figures(count_requests(requests)),
        consent=consent,
        retention=retention_figures([], 0),
        processors=processor_figures(1 if busy else 0, [ModelVersion.V4] if busy else [], 0, 0),
        open_actions=(PlanAction("AVG-training", "Schooldirecteur", "Hele bestuur", "Audit", "Geen datum"),)
        if busy
        else (),
        calendar=yearly_calendar(PERIOD),
    )


def test_a_busy_year_draws_every_chart_in_embedded_fonts() -> None:
    pdf = render_annual_report(_figures(True), MADE, Adoption(date(2027, 1, 20), "Bestuurder"))
    assert_only_embedded_dejavu(pdf)
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert "Vastgesteld door het bestuur op 20-01-2027 (rol: Bestuurder)" in text
    assert "K1 (jan-mrt)" in text and "Ransomware of malware" in text and "Totaal 3 2 2 2 9" in text
    # Readable in black and white (issue 16): a letter per type in the legend and on every segment,
    # and the count at the end of every horizontal bar.
    assert "A E-mail aan verkeerde ontvanger" in text and "I Anderen" in text
    assert all(f"{letter}1" in text for letter in "ABCDEFGHI")
    assert "Te laat beantwoord 1" in text
    assert "Basisschool 't Palet" in text and "Te laat beantwoord 1" in text
    assert "AVG-training Schooldirecteur Hele bestuur" in text and "Jaarkalender kalenderjaar 2027" in text


def test_an_empty_year_says_so_instead_of_empty_charts() -> None:
    pdf = render_annual_report(_figures(False), MADE)
    assert_only_embedded_dejavu(pdf)
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert "Concept, stand van 15-01-2027: nog niet vastgesteld" in text
    assert "geen incidenten geregistreerd" in text and "geen verzoeken van betrokkenen" in text
    assert "nog geen toestemmingsformulier" in text and "geen open acties" in text
    # Issue 16: "0 (-)" told the GMR nothing.
    assert "(-)" not in text and "Binnen 72 uur gemeld geen datalek gemeld" in text
    assert "Leveranciers met verwerkersovereenkomst geen leveranciers vastgelegd" in text
    assert "Incidenten per kwartaal" not in text


def test_the_report_names_policy_documents_without_gmr_consent(sqlcipher_school: SchoolDb) -> None:
    from ibp_desktop.core.annual_figures import PeriodKind, ReportPeriod
    from ibp_desktop.services.policy.documents import PolicyDocumentService
    from ibp_desktop.services.reports.annual import AnnualReportService

    db, actor = sqlcipher_school.database, sqlcipher_school.actor
    documents = PolicyDocumentService(db, actor)
    documents.list_documents()  # the first read installs the six documents the GMR must consent to
    lacking = documents.problems(date(2026, 11, 28))
    assert lacking  # the six GMR documents start without consent
    period = ReportPeriod(PeriodKind.SCHOOL_YEAR, 2025)
    figures = AnnualReportService(db, actor).figures(period, sqlcipher_school.school_id, date(2026, 11, 28))
    assert {line.title for line in figures.policy} == {row.title for row in lacking}
    pdf = AnnualReportService(db, actor).pdf(period, sqlcipher_school.school_id)
    text = " ".join(page_texts(pdf)).replace("\n", " ")
    assert "Privacybeleid: instemming van de GMR en evaluatie" in text
    assert lacking[0].status_text in text
    assert "vóórdat het bestuur een document vaststelt" in text and "OGMR" in text  # the sections
