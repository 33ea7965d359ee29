"""The yearly IBP calendar: defaults per school, occurrences with due dates, ticking off with a note, who
may tick, and overdue ones on the dashboard."""

from __future__ import annotations

from datetime import date

import pytest

from ibp_desktop.core.errors import BadInputError, PermissionDeniedError
from ibp_desktop.core.policy.records import TaskInput
from ibp_desktop.core.roles import Role
from ibp_desktop.services.context import Actor
from ibp_desktop.services.policy.attention import policy_attention
from ibp_desktop.services.policy.ibp_calendar import IbpCalendarService
from tests.conftest import SchoolDb
from tests.services.incident_helpers import actor_with

TODAY = date(2026, 11, 28)


def test_defaults_from_domain_section_6(school_db: SchoolDb) -> None:
    service = IbpCalendarService(school_db.database, school_db.actor)
    tasks = {t.code: t for t in service.list_tasks(school_db.school_id)}
    assert {"toestemming", "opschonen", "verwerkers", "jaarverslag", "evaluatie", "bewustwording"} <= set(
        tasks
    )
    campaign = tasks["toestemming"]
    assert (campaign.owner_role, campaign.months, campaign.months_text) == (
        Role.ADMINISTRATION,
        (8,),
        "augustus - oktober",
    )
    assert tasks["opschonen"].months == (1, 6)
    rows = service.occurrences(school_db.school_id, 2026, TODAY)
    assert [r.month for r in rows] == sorted(r.month for r in rows)
    consent = next(r for r in rows if r.title.startswith("Toestemmingscampagne"))
    assert (consent.due_on, consent.status_text, consent.level) == (date(2026, 10, 31), "Te laat", "red")
    assert len(service.list_tasks(school_db.school_id)) == len(tasks)  # seeded once


def test_tick_off_with_a_note_and_undo(school_db: SchoolDb) -> None:
    service = IbpCalendarService(school_db.database, school_db.actor)
    task = next(t for t in service.list_tasks(school_db.school_id) if t.code == "opschonen")
    done = service.mark_done(task.id, 2026, 6, "Ronde 2026-03 goedgekeurd", on=date(2026, 6, 20))
    assert (done.done, done.done_on, done.note, done.status_text) == (
        True,
        date(2026, 6, 20),
        "Ronde 2026-03 goedgekeurd",
        "Gedaan",
    )
    assert done.done_by == "Anne-Fleur van der Berg-de Vries"
    with pytest.raises(BadInputError, match="al gedaan"):
        service.mark_done(task.id, 2026, 6)
    with pytest.raises(BadInputError, match="staat niet in maart"):
        service.mark_done(task.id, 2026, 3)
    assert not service.undo_done(task.id, 2026, 6).done


def test_only_the_owner_or_a_manager_ticks(sqlcipher_school: SchoolDb) -> None:
    db, school = sqlcipher_school.database, sqlcipher_school.school_id
    tasks = {t.code: t for t in IbpCalendarService(db, sqlcipher_school.actor).list_tasks(school)}
    ict = IbpCalendarService(db, actor_with(sqlcipher_school, "ict", Role.ICT))
    with pytest.raises(PermissionDeniedError, match="administratief medewerker"):
        ict.mark_done(tasks["toestemming"].id, 2026, 8)
    admin = IbpCalendarService(db, actor_with(sqlcipher_school, "adm", Role.ADMINISTRATION))
    assert admin.mark_done(tasks["toestemming"].id, 2026, 8, "Respons 94%").done
    with pytest.raises(PermissionDeniedError):
        admin.add_task(school, TaskInput("Iets", Role.DIRECTOR, (3,)))


def test_tasks_are_editable_per_school(sqlcipher_school: SchoolDb) -> None:
    service = IbpCalendarService(sqlcipher_school.database, sqlcipher_school.actor)
    school = sqlcipher_school.school_id
    added = service.add_task(school, TaskInput("  DPIA nieuwe ouderapp ", Role.SECURITY_OFFICER, (5, 3, 5)))
    assert (added.title, added.months) == ("DPIA nieuwe ouderapp", (3, 5))
    changed = service.update_task(
        added.id, added.version, TaskInput("DPIA ouderapp", Role.SECURITY_OFFICER, (4,), 2)
    )
    assert changed.months_text == "april - mei"
    with pytest.raises(BadInputError, match="minstens één maand"):
        service.update_task(changed.id, changed.version, TaskInput("DPIA", Role.DIRECTOR, ()))
    service.remove_task(changed.id, changed.version)
    assert "DPIA ouderapp" not in {t.title for t in service.list_tasks(school)}


def test_overdue_occurrences_show_on_the_dashboard(sqlcipher_school: SchoolDb) -> None:
    db, school = sqlcipher_school.database, sqlcipher_school.school_id
    service = IbpCalendarService(db, sqlcipher_school.actor)
    tasks = {t.code: t for t in service.list_tasks(school)}
    actor: Actor = sqlcipher_school.actor
    with db.transaction() as session:
        texts = [i.text for i in policy_attention(session, actor, TODAY) if i.text.startswith("Jaarkalender")]
    assert any("Toestemmingscampagne" in t and "augustus - oktober 2026" in t for t in texts)
    assert any("Jaarverslag" in t for t in texts)
    assert not any("Opschonen" in t for t in texts)  # June is more than 90 days ago
    service.mark_done(tasks["toestemming"].id, 2026, 8)
    with db.transaction() as session:
        items = policy_attention(session, actor, TODAY)
    assert not any("Toestemmingscampagne" in i.text for i in items)
    assert {i.area for i in items} == {"documenten"}
