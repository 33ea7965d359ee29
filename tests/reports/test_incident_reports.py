"""The incident report (AP form order) and the register (PDF and CSV), read back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ibp_desktop.core.incidents.records import (
    ApForm,
    IncidentDetail,
    IncidentFacts,
    RegisterData,
    RegisterRow,
    TimelineEntry,
    register_totals,
)
from ibp_desktop.core.incidents.risk import RiskAnswers, propose
from ibp_desktop.core.incidents.rules import (
    DataKind,
    Decision,
    IncidentStatus,
    IncidentType,
    Nature,
    PeopleGroup,
    TimelineKind,
    clock_status,
)
from ibp_desktop.reports.incident_register import render_register_csv, render_register_pdf
from ibp_desktop.reports.incident_report import AP_SECTIONS, render_incident_report
from tests.reports.pdf_helpers import assert_only_embedded_dejavu, page_texts

DISCOVERED = datetime(2026, 3, 28, 9, 0, tzinfo=UTC)  # 10:00 in Amsterdam
NOW = datetime(2026, 4, 2, 12, 0, tzinfo=UTC)


def _detail() -> IncidentDetail:
    answers = RiskAnswers(personal_data=True, encrypted_key_safe=False, care_or_health=True)
    return IncidentDetail(
        id=1,
        version=3,
        school_id=1,
        school_name="OBS Şükrü & Łucja",
        brin="12AB",
        number="2026-007",
        status=IncidentStatus.NOTIFIED,
        facts=IncidentFacts(
            "Zorgverslag naar verkeerde ouder",
            "Verslag over een leerling van groep 3 naar een andere ouder gemaild.",
            IncidentType.EMAIL_WRONG_RECIPIENT,
            DISCOVERED,
            started_at=DISCOVERED - timedelta(hours=2),
        ),
        form=ApForm(
            contact_name="Anne-Fleur van der Berg-de Vries",
            natures=(Nature.READ,),
            data_kinds=(DataKind.PUPIL_CARE, DataKind.BSN),
            records_approx=1200,
            people_groups=(PeopleGroup.PUPILS,),
            people_min=1,
            people_max=2,
            measures_taken="Ontvanger gevraagd te verwijderen.",
        ),
        reported_at=DISCOVERED + timedelta(minutes=30),
        reported_by="Nguyễn Văn An",
        clock=clock_status(DISCOVERED, NOW, DISCOVERED + timedelta(hours=20)),
        answers=answers,
        proposal=propose(answers),
        decision=Decision.NOTIFY_AP_AND_SUBJECTS,
        decision_reasons="Zorggegevens.",
        preliminary_notified_at=DISCOVERED + timedelta(hours=20),
        ap_reference="M2026-104233",
        timeline=(
            TimelineEntry(DISCOVERED, TimelineKind.REPORTED, "Nguyễn Văn An", "Incident gemeld."),
            TimelineEntry(NOW, TimelineKind.ADVICE, "Łucja Wiśniewska", "Informeer ook de ouders."),
        ),
    )


def test_incident_report_follows_the_ap_form() -> None:
    pdf = render_incident_report(_detail(), NOW)
    assert_only_embedded_dejavu(pdf)
    text = "\n".join(page_texts(pdf))
    positions = [text.index(heading) for heading, _ in AP_SECTIONS]
    assert positions == sorted(positions) and len(positions) == 10
    for expected in (
        "Incident 2026-007",
        "Nieuwe melding, voorlopig",
        "M2026-104233",
        "31-03-2026 11:00",  # the deadline across the change to summer time
        "Gemeld binnen 72 uur",
        "Leerlingzorg en begeleiding",
        "Burgerservicenummer (BSN)",
        "1.200",
        "Anne-Fleur van der Berg-de Vries",
        "Nguyễn Văn An",
        "Łucja Wiśniewska",
        "Informeer ook de ouders.",
        "Melden bij de AP en betrokkenen informeren",
        "OBS Şükrü & Łucja",
    ):
        assert expected in text, expected


def _row(
    number: str, decision: Decision | None, notified_hours: float | None, status: IncidentStatus
) -> RegisterRow:
    notified = DISCOVERED + timedelta(hours=notified_hours) if notified_hours is not None else None
    return RegisterRow(
        number=number,
        brin="12AB",
        title=f"=Incident {number}",
        type_label="Phishing",
        discovered_at=DISCOVERED,
        decision=decision,
        notified_at=notified,
        notified_in_time=None if notified_hours is None else notified_hours <= 72,
        subjects_informed_at=notified if decision is Decision.NOTIFY_AP_AND_SUBJECTS else None,
        status=status,
    )


ROWS = (
    _row("2026-001", Decision.NOTIFY_AP, 20, IncidentStatus.CLOSED),
    _row("2026-002", Decision.NOTIFY_AP_AND_SUBJECTS, 90, IncidentStatus.NOTIFIED),
    _row("2026-003", Decision.NOT_REPORTABLE, None, IncidentStatus.CLOSED),
    _row("2026-004", None, None, IncidentStatus.NEW),
)
DATA = RegisterData("OBS Şükrü & Łucja", DISCOVERED, NOW, ROWS, register_totals(ROWS))


def test_register_totals() -> None:
    t = DATA.totals
    assert (t.incidents, t.reportable, t.not_reportable, t.not_assessed) == (4, 2, 1, 1)
    assert (t.notified_in_time, t.notified_late, t.not_notified, t.subjects_informed, t.open) == (
        1,
        1,
        0,
        1,
        2,
    )


def test_register_pdf_lists_every_incident_with_totals() -> None:
    pdf = render_register_pdf(DATA, NOW)
    assert_only_embedded_dejavu(pdf)
    text = "\n".join(page_texts(pdf))
    for expected in ("Incidentenregister", "2026-001", "2026-004", "Binnen 72 uur", "Te laat", "Niet nodig"):
        assert expected in text, expected
    assert "Nog niet beoordeeld" in text and "Totalen" in text and "Betrokkenen geïnformeerd" in text


def test_register_csv_opens_in_excel() -> None:
    data = render_register_csv(DATA)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[:3] == ["Nummer", "School", "Titel"]
    assert len(lines) == 5
    first = lines[1].split(";")
    assert first[0] == "2026-001" and first[2] == "'=Incident 2026-001"  # no formula injection
    assert first[5:7] == ["Ja", "Binnen 72 uur (29-03-2026)"]
    assert lines[2].split(";")[6] == "Te laat (01-04-2026)"
