"""The retention schedule and the due list through the service, on SQLCipher and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from ibp_desktop.core.errors import BadInputError, NotFoundError, PermissionDeniedError, StaleEditError
from ibp_desktop.core.retention.records import RuleInput
from ibp_desktop.core.retention.rules import Action, Event, System, Term, TermUnit
from ibp_desktop.core.roles import Role
from ibp_desktop.services.retention.schedule import RetentionService
from ibp_desktop.store.models import AuditEntry
from tests.conftest import SchoolDb
from tests.services.incident_helpers import actor_with, facts
from tests.services.retention_helpers import UNTIL, build


def _change(rule_label: str, amount: int, unit: TermUnit, event: Event, system: System) -> RuleInput:
    return RuleInput(rule_label, Term(amount, unit), event, "Besluit van de directie", Action.DESTROY, system)


def test_default_schedule_is_installed_and_edits_are_audited(school_db: SchoolDb) -> None:
    retention = RetentionService(school_db.database, school_db.actor)
    rules = {r.category: r for r in retention.schedule(school_db.school_id)}
    assert len(rules) == 15  # 15th: staff in this program (issue 20)
    assert rules["leerlingadministratie"].term_text == "5 jaar na uitschrijving"
    assert rules["leerlingadministratie"].basis.startswith("Besluit bekostiging WPO")
    assert rules["sollicitaties"].term_text == "4 weken na einde procedure"
    assert rules["financiele_administratie"].term_text == "7 jaar na einde boekjaar (31 december)"
    assert rules["archiefwet"].term_text == "blijvend bewaren (Archiefwet)"
    assert len(retention.schedule(school_db.school_id)) == 15  # installed once

    consent = rules["toestemmingen"]
    change = _change(consent.label, 1, TermUnit.YEARS, Event.WITHDRAWAL, System.PROGRAM)
    changed = retention.update_rule(
        school_db.school_id, "toestemmingen", change, expected_version=consent.version
    )
    assert changed.term_text == "1 jaar na intrekking"
    with pytest.raises(StaleEditError):
        retention.update_rule(school_db.school_id, "toestemmingen", change, expected_version=consent.version)
    with pytest.raises(BadInputError, match="afsluiting"):
        bad = _change(rules["incidenten"].label, 5, TermUnit.YEARS, Event.RECORDING, System.PROGRAM)
        retention.update_rule(school_db.school_id, "incidenten", bad, expected_version=1)
    with pytest.raises(BadInputError, match="staat in dit programma"):
        bad = _change(rules["incidenten"].label, 5, TermUnit.YEARS, Event.CLOSING, System.PAPER)
        retention.update_rule(school_db.school_id, "incidenten", bad, expected_version=1)

    added = retention.add_rule(
        school_db.school_id,
        _change("Bezoekersregistratie", 3, TermUnit.MONTHS, Event.RECORDING, System.PAPER),
    )
    assert added.category == "bezoekersregistratie" and added.term_text == "3 maanden na opname"
    with pytest.raises(BadInputError, match="al een categorie"):
        retention.add_rule(
            school_db.school_id,
            _change("bezoekersRegistratie", 1, TermUnit.DAYS, Event.RECORDING, System.PAPER),
        )

    with school_db.database.transaction() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "retention_rule_changed")).one()
        details = json.loads(entry.details)
    assert details["before"]["term"] == "2 years" and details["after"]["term"] == "1 years"
    assert details["after"]["event"] == "withdrawal"


def test_only_the_director_edits_the_schedule(sqlcipher_school: SchoolDb) -> None:
    admin = RetentionService(
        sqlcipher_school.database, actor_with(sqlcipher_school, "adm", Role.ADMINISTRATION)
    )
    rule = admin.schedule(sqlcipher_school.school_id)[0]
    change = _change(rule.label, 10, TermUnit.YEARS, Event.DEREGISTRATION, System.LAS)
    with pytest.raises(PermissionDeniedError):
        admin.update_rule(sqlcipher_school.school_id, rule.category, change, expected_version=rule.version)
    ict = RetentionService(sqlcipher_school.database, actor_with(sqlcipher_school, "ict", Role.ICT))
    with pytest.raises(PermissionDeniedError):
        ict.due_items(sqlcipher_school.school_id, UNTIL)


def test_due_list_from_pupils_consent_incidents_and_items(school_db: SchoolDb) -> None:
    rs = build(school_db)
    retention = rs.service()
    retention.set_pupil_marks(rs.pupils["70001"], referred=True)
    item = retention.register_item(
        school_db.school_id, "sollicitaties", "Sollicitaties vacature groep 6", date(2026, 3, 1)
    )
    assert item.due_on == date(2026, 3, 29) and item.system is System.PAPER
    retention.register_item(
        school_db.school_id, "camerabeelden", "Camerabeelden hoofdingang", date(2026, 8, 10)
    )

    due = retention.due_items(school_db.school_id, UNTIL)
    by_key = {i.key: i for i in due}
    a, b = rs.pupils["70001"], rs.pupils["70002"]
    pupil_keys = {k for k in by_key if not k.startswith(("item:", "incident:"))}
    assert {k for k in pupil_keys if k.endswith(f":{a}")} == {
        f"pupil_record:leerlingadministratie:{a}",
        f"pupil_record:leerlingdossier:{a}",
        f"pupil_record:dossier_verwijzing:{a}",  # only the referred pupil has a referral file
        f"consent:toestemmingen:{a}",
        f"pupil:leerlingen_programma:{a}",
    }
    assert f"pupil_record:dossier_verwijzing:{b}" not in by_key
    admin = by_key[f"pupil_record:leerlingadministratie:{a}"]
    assert admin.due_on == date(2024, 7, 12) and admin.pupil_number == "70001" and admin.kind == "external"
    assert admin.system is System.LAS and admin.description == "Leerling 70001"
    consent = by_key[f"consent:toestemmingen:{a}"]
    assert consent.kind == "program" and consent.record_count == 10 and consent.due_on == date(2021, 7, 12)
    # The pupil row stays until the longest of the pupil's terms is over (the 5-year administration).
    assert by_key[f"pupil:leerlingen_programma:{a}"].due_on == date(2024, 7, 12)
    assert by_key[f"incident:incidenten:{rs.incident_id}"].due_on == date(2025, 3, 2)
    assert by_key[f"item:sollicitaties:{item.id}"].description == "Sollicitaties vacature groep 6"
    # Recent and enrolled pupils: nothing due yet; camera footage of August is not yet 4 weeks old.
    assert not [i for i in due if i.pupil_number in ("70003", "70004")]
    assert not [i for i in due if i.category == "camerabeelden"]
    assert not [i for i in due if i.held or i.run_number]
    # Grouped by category (schedule order), then system.
    order = [i.category for i in due]
    assert order.index("leerlingadministratie") < order.index("toestemmingen") < order.index("sollicitaties")
    names = " ".join(i.description for i in due)
    assert "Yıldırım" not in names and "Şebnem" not in names  # descriptions go into runs: numbers only
    # Issue 16: on screen and on the internal due list the pupil is named, to find the paper dossier.
    assert admin.pupil_name == "Şebnem Yıldırım-Öztürk" and admin.who.startswith(admin.pupil_name)
    assert consent.who.endswith(": 10 besluiten")
    assert by_key[f"item:sollicitaties:{item.id}"].who == "Sollicitaties vacature groep 6"


def test_a_legal_hold_stops_an_item_and_says_why(sqlcipher_school: SchoolDb) -> None:
    rs = build(sqlcipher_school)
    retention = rs.service()
    from ibp_desktop.services.incidents.register import IncidentService

    open_incident = IncidentService(sqlcipher_school.database, sqlcipher_school.actor).report(
        sqlcipher_school.school_id, facts(title="Inbraak bij de hoofdingang")
    )
    camera = retention.register_item(
        sqlcipher_school.school_id, "camerabeelden", "Camerabeelden hoofdingang", date(2026, 7, 1)
    )
    retention.set_item_hold(camera.id, "", incident_number=open_incident.number)
    retention.set_pupil_marks(rs.pupils["70002"], hold_reason="Geschil met ouders van Jan de Vries")

    due = {i.key: i for i in retention.due_items(sqlcipher_school.school_id, UNTIL)}
    held_camera = due[f"item:camerabeelden:{camera.id}"]
    assert (
        held_camera.held
        and f"incident {open_incident.number} is nog niet afgesloten" in held_camera.hold_reason
    )
    b = rs.pupils["70002"]
    held = [i for i in due.values() if i.pupil_number == "70002"]
    assert len(held) == 4 and all("Geschil met ouders" in i.hold_reason for i in held)
    with sqlcipher_school.database.transaction() as session:
        details = " ".join(session.scalars(select(AuditEntry.details)).all())
    assert "Jan de Vries" not in details  # hold reasons may name people: the audit log keeps a flag
    assert all(not i.held for i in due.values() if i.pupil_number == "70001")

    retention.set_pupil_marks(b, hold_reason="")
    assert not [
        i
        for i in retention.due_items(sqlcipher_school.school_id, UNTIL)
        if i.held and i.pupil_number == "70002"
    ]
    with pytest.raises(NotFoundError, match="geen incident met nummer 1999-001"):
        retention.set_item_hold(camera.id, "", incident_number="1999-001")
    with pytest.raises(BadInputError, match="berekent het programma zelf"):
        retention.register_item(
            sqlcipher_school.school_id, "toestemmingen", "Oude formulieren", date(2020, 1, 1)
        )


def test_attention_for_the_next_30_days(sqlcipher_school: SchoolDb) -> None:
    rs = build(sqlcipher_school)
    lines = rs.service().attention(date(2026, 3, 10))
    assert len(lines) == 1 and lines[0].area == "bewaartermijnen" and lines[0].severity == "warning"
    assert "bewaartermijnen zijn verlopen" in lines[0].text and "Stel een opruimronde voor" in lines[0].text
    rs.service().register_item(
        sqlcipher_school.school_id, "sollicitaties", "Vacature groep 6", date(2026, 3, 1)
    )
    soon = rs.service().attention(date(2026, 3, 10))[0].text
    assert "1 verloopt binnen 30 dagen" in soon  # due 29-03-2026

    rs.runs(rs.admin).propose(
        sqlcipher_school.school_id, date(2026, 4, 9), now=datetime(2026, 3, 10, 9, 0).astimezone()
    )
    texts = [a.text for a in rs.service().attention(date(2026, 3, 10))]
    assert texts == ["Opruimronde 2026-01 wacht op goedkeuring door de directeur."]


def test_an_item_with_a_term_of_its_own(sqlcipher_school: SchoolDb) -> None:
    """NVP Sollicitatiecode: an applicant's letter goes 4 weeks after the procedure, or after a year when
    the applicant agreed; the item keeps its own term and the reason (AVG art. 5(2))."""
    rs = build(sqlcipher_school)
    retention = rs.service()
    school = sqlcipher_school.school_id
    year = Term(1, TermUnit.YEARS)
    letter = ("sollicitaties", "Brief sollicitant groep 3", date(2025, 3, 1))
    with pytest.raises(BadInputError, match="voor dit item 1 jaar geldt in plaats van 4 weken"):
        retention.register_item(school, *letter, own=year)
    kept = retention.register_item(
        school,
        "sollicitaties",
        "Brief sollicitant groep 3",
        date(2025, 3, 1),
        own=year,
        term_reason="Sollicitant gaf toestemming om een jaar te bewaren.",
    )
    normal = retention.register_item(school, "sollicitaties", "Brief sollicitant groep 4", date(2025, 3, 1))
    assert (kept.due_on, kept.own_term) == (date(2026, 3, 1), "1 jaar")
    assert (normal.due_on, normal.own_term) == (date(2025, 3, 29), "")
    due = {i.key: i.due_on for i in retention.due_items(school, date(2025, 12, 31))}
    assert due.get(f"item:sollicitaties:{normal.id}") == date(2025, 3, 29)
    assert f"item:sollicitaties:{kept.id}" not in due  # not yet: its own year is not over
    later = {i.key: i.due_on for i in retention.due_items(school, date(2026, 3, 2))}
    assert later[f"item:sollicitaties:{kept.id}"] == date(2026, 3, 1)


def test_the_basis_follows_the_school_type(sqlcipher_school: SchoolDb) -> None:
    """DOMAIN.md 3a: an openbare school uses the public task, not legitimate interest (AVG art. 6(1))."""
    from ibp_desktop.core.legal_basis import PUBLIC_TASK, SchoolType
    from ibp_desktop.services.retention.legal_basis import SchoolTypeService

    school = sqlcipher_school.school_id
    retention = RetentionService(sqlcipher_school.database, sqlcipher_school.actor)
    video = next(r for r in retention.schedule(school) if r.category == "lesvideo_coaching")
    assert video.basis.startswith(PUBLIC_TASK)  # type not recorded yet: the stricter reading
    types = SchoolTypeService(sqlcipher_school.database, sqlcipher_school.actor)
    types.set_school_type(school, SchoolType.PRIVATE)
    interest = RuleInput(video.label, video.term, video.event, "Gerechtvaardigd belang (AVG art. 6 lid 1f)",
                         video.action, video.system)  # fmt: skip
    video = retention.update_rule(school, "lesvideo_coaching", interest, expected_version=video.version)
    assert video.basis.startswith("Gerechtvaardigd belang")  # fine at a bijzondere school
    assert types.set_school_type(school, SchoolType.PUBLIC) == [video.label]  # rewritten, audited
    video = next(r for r in retention.schedule(school) if r.category == "lesvideo_coaching")
    assert video.basis == PUBLIC_TASK
    with pytest.raises(BadInputError, match="openbare school kan zich voor haar taken niet"):
        retention.update_rule(school, "lesvideo_coaching", interest, expected_version=video.version)
