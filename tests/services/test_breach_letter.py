"""Informing the people after a breach: closing waits for it, the Overzicht reminds, the letter says what
art. 34(2) requires (read back from the PDF), on screen and on the command line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from ibp_desktop.core.errors import BadInputError, PermissionDeniedError
from ibp_desktop.core.incidents.breach_informing import InformException
from ibp_desktop.core.incidents.breach_letter import Audience
from ibp_desktop.core.incidents.records import ApForm
from ibp_desktop.core.incidents.risk import RiskAnswers
from ibp_desktop.core.incidents.rules import DataKind, Decision, Nature, NotificationKind, PeopleGroup
from ibp_desktop.core.roles import Role
from ibp_desktop.services.dashboard.overview import DashboardService
from ibp_desktop.services.incidents.breach_letter import BreachLetterService
from tests.conftest import SchoolDb
from tests.services.incident_helpers import NOW, actor_with, facts, service

FORM = ApForm(
    natures=(Nature.READ, Nature.COPIED),
    data_kinds=(DataKind.EMAIL, DataKind.LOGIN),
    people_groups=(PeopleGroup.PARENTS,),
    measures_taken="Alle wachtwoorden van de ouderapp zijn op 30-11-2026 ongeldig gemaakt.",
)
ANSWERS = RiskAnswers(
    personal_data=True, encrypted_key_safe=False, trusted_recipient_deleted=False, login=True
)
FG = "Mr. Nguyễn Văn An, fg@stichting-test.nl, 030 123 45 67"


def _breach(school: SchoolDb) -> int:
    incidents = service(school)
    reported = incidents.report(
        school.school_id, facts("Ouderapp gehackt", "Inloggegevens uitgelekt."), now=NOW
    )
    assessed = incidents.assess(
        reported.id, reported.version, ANSWERS, Decision.NOTIFY_AP_AND_SUBJECTS, form=FORM
    )
    notified = incidents.record_notification(assessed.id, assessed.version, NotificationKind.FINAL, NOW)
    return notified.id


def test_closing_waits_and_the_overzicht_reminds(sqlcipher_school: SchoolDb) -> None:
    incidents = service(sqlcipher_school)
    incident_id = _breach(sqlcipher_school)
    director = actor_with(sqlcipher_school, "dir", Role.DIRECTOR)
    ict = actor_with(sqlcipher_school, "ict", Role.ICT)
    texts = [
        i.text for i in DashboardService(sqlcipher_school.database, director).overview(date.today()).attention
    ]
    assert any("nog geïnformeerd worden" in t and "Ouderapp gehackt" in t for t in texts), texts
    ict_texts = [
        i.text for i in DashboardService(sqlcipher_school.database, ict).overview(date.today()).attention
    ]
    assert not any("geïnformeerd" in t for t in ict_texts)

    detail = incidents.detail(incident_id)
    with pytest.raises(BadInputError, match="artikel 34"):
        incidents.close(incident_id, detail.version, "Tweestapsverificatie aangezet.")
    with pytest.raises(BadInputError, match="niet allebei"):
        incidents.update_form(
            incident_id,
            detail.version,
            replace(FORM, subjects_informed_at=NOW, subjects_exception=InformException.RISK_REMOVED),
        )
    excepted = incidents.update_form(
        incident_id,
        detail.version,
        replace(
            FORM,
            subjects_exception=InformException.RISK_REMOVED,
            subjects_not_informed_reason="Wachtwoorden ongeldig gemaakt voordat iemand ze gebruikte.",
        ),
    )
    texts = [
        i.text for i in DashboardService(sqlcipher_school.database, director).overview(date.today()).attention
    ]
    assert not any("nog geïnformeerd worden" in t for t in texts)
    closed = incidents.close(incident_id, excepted.version, "Tweestapsverificatie aangezet.")
    assert closed.form.subjects_exception is InformException.RISK_REMOVED


def test_the_letter_says_what_article_34_2_requires(sqlcipher_school: SchoolDb, tmp_path: Path) -> None:
    incident_id = _breach(sqlcipher_school)
    letters = BreachLetterService(sqlcipher_school.database, sqlcipher_school.actor)
    with pytest.raises(BadInputError, match="contactgegevens van de FG"):
        letters.letter_pdf(incident_id, Audience.PARENTS)
    letters.set_fg_contact(FG)
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(letters.letter_pdf(incident_id, Audience.PARENTS))
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "Beste ouder of verzorger" in text
    assert "datalek" in text and "e-mailadres en gebruikersnaam en wachtwoord" in text  # the nature
    assert "Nguyễn Văn An" in text and "fg@stichting-test.nl" in text  # the FG's contact details
    assert "inloggen" in text  # the likely consequence
    assert "ongeldig gemaakt" in text  # the measures taken
    assert "Verander uw wachtwoord" in text  # what people can do themselves
    assert "Autoriteit Persoonsgegevens" in text
    staff = letters.draft(incident_id, Audience.STAFF)
    assert staff.greeting == "Beste collega,"


def test_the_fg_contact_is_set_by_who_manages_settings(sqlcipher_school: SchoolDb) -> None:
    fg = actor_with(sqlcipher_school, "fg", Role.DPO)
    with pytest.raises(PermissionDeniedError):
        BreachLetterService(sqlcipher_school.database, fg).set_fg_contact(FG)
    BreachLetterService(sqlcipher_school.database, sqlcipher_school.actor).set_fg_contact(f"  {FG}\n\n ")
    assert BreachLetterService(sqlcipher_school.database, fg).fg_contact() == FG
