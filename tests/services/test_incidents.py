"""The incident register through its service: report, assess, notify, follow, close; roles and stale edits."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from ibp_desktop.core.errors import BadInputError, PermissionDeniedError, StaleEditError
from ibp_desktop.core.incidents.breach_informing import InformChannel
from ibp_desktop.core.incidents.records import ApForm
from ibp_desktop.core.incidents.risk import RiskAnswers
from ibp_desktop.core.incidents.rules import (
    ClockLevel,
    DataKind,
    Decision,
    IncidentStatus,
    IncidentType,
    Nature,
    NotificationKind,
    PeopleGroup,
    Protection,
    TimelineKind,
)
from ibp_desktop.core.roles import Role
from ibp_desktop.store.models import AuditEntry
from tests.conftest import SchoolDb
from tests.services.incident_helpers import NOW, actor_with, add_pupil, facts, service

LEAK = RiskAnswers(personal_data=True, encrypted_key_safe=False, trusted_recipient_deleted=False)


def test_report_numbers_per_year_and_keeps_the_reporting_time(school_db: SchoolDb) -> None:
    incidents = service(school_db)
    first = incidents.report(school_db.school_id, facts(), now=NOW)
    second = incidents.report(school_db.school_id, facts(title="Phishingmail", hours_ago=1))
    year = first.facts.discovered_at.astimezone(UTC).year
    assert (first.number, second.number) == (f"{year}-001", f"{year}-002")
    assert first.status is IncidentStatus.NEW and first.status_label == "Nieuw"
    assert first.reported_by == "Anne-Fleur van der Berg-de Vries"
    assert first.reported_at == NOW  # the internal reporting time is kept as the moment of reporting
    assert [e.kind for e in first.timeline] == [TimelineKind.REPORTED]
    assert first.clock.level is ClockLevel.RUNNING and first.clock.text == "Nog 70 uur"


def test_report_nudges_when_the_text_names_a_pupil(school_db: SchoolDb) -> None:
    add_pupil(school_db, "Şükrü", "", "Yılmaz")
    incidents = service(school_db)
    named = incidents.report(
        school_db.school_id, facts(description="Het rapport van Sukru Yilmaz is gemaild.")
    )
    assert "Şükrü Yılmaz" in named.privacy_warning and "Pas de tekst aan" in named.privacy_warning
    plain = incidents.report(
        school_db.school_id, facts(description="Het rapport van een leerling is gemaild.")
    )
    assert plain.privacy_warning == ""
    with school_db.database.transaction() as session:
        details = " ".join(session.scalars(select(AuditEntry.details)).all())
    assert "Yılmaz" not in details and "Yilmaz" not in details and "rapport" not in details


def test_report_refuses_bad_facts(school_db: SchoolDb) -> None:
    incidents = service(school_db)
    with pytest.raises(BadInputError, match="titel"):
        incidents.report(school_db.school_id, facts(title="  "))
    with pytest.raises(BadInputError, match="toekomst"):
        incidents.report(school_db.school_id, facts(hours_ago=-5))
    ongoing = replace(facts(), ongoing=True, ended_at=datetime.now(UTC))
    with pytest.raises(BadInputError, match="nog gaande"):
        incidents.report(school_db.school_id, ongoing)
    assert incidents.list_incidents() == []


def test_from_report_to_closed(school_db: SchoolDb) -> None:
    incidents = service(school_db)
    reported = incidents.report(school_db.school_id, facts(hours_ago=80), now=NOW)
    assert reported.clock.level is ClockLevel.RED and reported.clock.text == "Te laat (8 uur)"
    form = ApForm(
        natures=(Nature.STOLEN_LOST,),
        data_kinds=(DataKind.NAME_ADDRESS, DataKind.PUPIL_CARE),
        records_approx=30,
        people_groups=(PeopleGroup.PUPILS,),
        people_min=25,
        people_max=30,
        protection=Protection.NONE,
        measures_taken="Wachtwoorden gewijzigd.",
    )
    answers = replace(LEAK, care_or_health=True, children=True, people_affected=30)
    assessed = incidents.assess(
        reported.id, reported.version, answers, Decision.NOTIFY_AP_AND_SUBJECTS, form=form
    )
    assert assessed.status is IncidentStatus.ASSESSING
    assert assessed.proposal is not None and assessed.proposal.decision is Decision.NOTIFY_AP_AND_SUBJECTS
    assert assessed.form.data_kinds == (DataKind.NAME_ADDRESS, DataKind.PUPIL_CARE)
    assert assessed.answers == answers and "zorg" in assessed.decision_reasons
    with pytest.raises(BadInputError, match=r"Beoordelen|melding"):
        incidents.close(assessed.id, assessed.version, "Versleutelde sticks aangeschaft.")
    now = datetime.now(UTC)
    with pytest.raises(BadInputError, match="reden van de vertraging"):
        incidents.record_notification(assessed.id, assessed.version, NotificationKind.PRELIMINARY, now)
    notified = incidents.record_notification(
        assessed.id,
        assessed.version,
        NotificationKind.PRELIMINARY,
        now,
        "M-123456",
        "Weekend, FG onbereikbaar.",
    )
    assert notified.status is IncidentStatus.NOTIFIED and notified.ap_reference == "M-123456"
    assert notified.clock.text == "Te laat gemeld" and notified.late_reason.startswith("Weekend")
    final = incidents.record_notification(notified.id, notified.version, NotificationKind.FINAL, now)
    assert (
        final.final_notified_at == now.replace(microsecond=now.microsecond)
        and final.ap_reference == "M-123456"
    )
    with pytest.raises(BadInputError, match="evaluatie"):
        incidents.close(final.id, final.version, "  ")
    with pytest.raises(BadInputError, match="artikel 34"):  # the parents were not informed yet
        incidents.close(final.id, final.version, "Alleen nog versleutelde USB-sticks.")
    informed = incidents.update_form(
        final.id,
        final.version,
        replace(form, subjects_informed_at=now, subjects_informed_channel=InformChannel.LETTER),
    )
    closed = incidents.close(informed.id, informed.version, "Alleen nog versleutelde USB-sticks.")
    assert closed.status is IncidentStatus.CLOSED and closed.closed_at is not None
    kinds = [e.kind for e in closed.timeline]
    assert kinds[0] is TimelineKind.REPORTED and kinds.count(TimelineKind.NOTIFICATION) == 2
    assert kinds[-1] is TimelineKind.STATUS and "Afgehandeld" in closed.timeline[-1].text


def test_deviating_from_the_proposal_needs_a_reason(school_db: SchoolDb) -> None:
    incidents = service(school_db)
    reported = incidents.report(school_db.school_id, facts())
    with pytest.raises(BadInputError, match="waarom u afwijkt"):
        incidents.assess(reported.id, reported.version, LEAK, Decision.NOT_REPORTABLE)
    assessed = incidents.assess(
        reported.id, reported.version, LEAK, Decision.NOT_REPORTABLE, deviation_reason="Stick teruggevonden."
    )
    assert assessed.decision is Decision.NOT_REPORTABLE and assessed.proposal is not None
    assert assessed.proposal.decision is Decision.NOTIFY_AP
    assert assessed.deviation_reason == "Stick teruggevonden."
    assert assessed.clock.text == "Niet meldplichtig"
    closed = incidents.close(assessed.id, assessed.version, "Sticks worden nu versleuteld.")
    assert closed.status is IncidentStatus.CLOSED


def test_a_stale_edit_is_refused(school_db: SchoolDb) -> None:
    incidents = service(school_db)
    reported = incidents.report(school_db.school_id, facts())
    incidents.update_form(reported.id, reported.version, ApForm(contact_name="Petra Jansen"))
    with pytest.raises(StaleEditError, match="Iemand anders"):
        incidents.update_form(reported.id, reported.version, ApForm(contact_name="Iemand anders"))
    assert incidents.detail(reported.id).form.contact_name == "Petra Jansen"


def test_fg_advises_but_cannot_change_facts(school_db: SchoolDb) -> None:
    incidents = service(school_db)
    reported = incidents.report(school_db.school_id, facts())
    fg = service(school_db, actor_with(school_db, "fg", Role.DPO, "Karin de Boer"))
    advised = fg.add_advice(reported.id, "Meld dit bij de AP; er staan zorggegevens op.")
    assert advised.timeline[-1].kind is TimelineKind.ADVICE and advised.timeline[-1].author == "Karin de Boer"
    assert fg.detail(reported.id).facts == reported.facts
    assert [r.number for r in fg.list_incidents()] == [reported.number]
    version = advised.version
    for attempt in (
        lambda: fg.update_facts(reported.id, version, replace(reported.facts, title="Anders")),
        lambda: fg.update_form(reported.id, version, ApForm()),
        lambda: fg.assess(reported.id, version, LEAK, Decision.NOTIFY_AP),
        lambda: fg.set_status(reported.id, version, IncidentStatus.ASSESSING),
        lambda: fg.close(reported.id, version, "klaar"),
        lambda: fg.add_timeline(reported.id, "een actie"),
    ):
        with pytest.raises(PermissionDeniedError):
            attempt()
    with pytest.raises(PermissionDeniedError):
        incidents.add_advice(reported.id, "De security officer is geen FG.")


def test_administration_reports_but_cannot_view_or_close(school_db: SchoolDb) -> None:
    admin = service(school_db, actor_with(school_db, "admin", Role.ADMINISTRATION, "Fatima El Amrani"))
    reported = admin.report(school_db.school_id, facts(title="Klassenlijst bij de printer"))
    assert reported.reported_by == "Fatima El Amrani"
    with pytest.raises(PermissionDeniedError):
        admin.list_incidents()
    with pytest.raises(PermissionDeniedError):
        admin.close(reported.id, reported.version, "klaar")
    with pytest.raises(PermissionDeniedError):
        admin.assess(reported.id, reported.version, LEAK, Decision.NOTIFY_AP)


def test_list_filters_text_status_year(school_db: SchoolDb) -> None:
    incidents = service(school_db)
    a = incidents.report(
        school_db.school_id, facts(title="Privé-mail met CC", incident_type=IncidentType.EMAIL_CC_NOT_BCC)
    )
    b = incidents.report(
        school_db.school_id, facts(title="Phishing", description="Nep-inlogpagina", hours_ago=30)
    )
    rows = incidents.list_incidents(school_db.school_id, now=NOW)
    assert [r.number for r in rows] == [a.number, b.number]  # newest discovery first
    assert (
        rows[0].type_label == "E-mail met CC in plaats van BCC" and rows[0].clock_level is ClockLevel.RUNNING
    )
    assert rows[1].clock_text == "Nog 42 uur"
    assert [r.number for r in incidents.list_incidents(text="prive")] == [a.number]
    assert [r.number for r in incidents.list_incidents(text="INLOGPAGINA")] == [b.number]
    assert [r.number for r in incidents.list_incidents(text="cc in plaats")] == [a.number]
    assert incidents.list_incidents(status=IncidentStatus.CLOSED) == []
    year = a.facts.discovered_at.year
    assert len(incidents.list_incidents(year=year)) == 2 and incidents.list_incidents(year=year - 1) == []
    assert incidents.find(b.number).id == b.id


def test_audit_entries_hold_codes_only(school_db: SchoolDb) -> None:
    incidents = service(school_db)
    reported = incidents.report(school_db.school_id, facts(description="Geheime omschrijving"))
    incidents.add_timeline(reported.id, "Geheime actie")
    with school_db.database.transaction() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.entity == "incident")).all()
    assert [e.action for e in entries] == ["incident_reported", "incident_timeline_added"]
    after = json.loads(entries[0].details)["after"]
    assert after["number"] == reported.number and after["type"] == "device_lost"
    assert all("Geheime" not in e.details for e in entries)
