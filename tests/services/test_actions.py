"""The action register (plan van aanpak): add, change, close, open actions and who may do what."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from ibp_desktop.core.actions import ActionSource, ActionStatus
from ibp_desktop.core.errors import BadInputError, PermissionDeniedError, StaleEditError
from ibp_desktop.core.register_records import ActionInput
from ibp_desktop.core.roles import Role
from ibp_desktop.services.actions.register import ActionService
from ibp_desktop.services.dashboard.overview import DashboardService
from tests.conftest import SchoolDb
from tests.services.incident_helpers import actor_with


def test_actions_from_open_to_done(school_db: SchoolDb) -> None:
    today = date.today()
    service = ActionService(school_db.database, school_db.actor)
    school = school_db.school_id
    late = service.add(
        ActionInput(
            "Verwerkersovereenkomst schoolfotograaf afsluiten",
            Role.DIRECTOR,
            ActionSource.AUDIT,
            school,
            today - timedelta(days=3),
            "Audit voorjaar",
        )
    )
    board = service.add(
        ActionInput(
            "IBP-beleid evalueren met de GMR",
            Role.BOARD,
            ActionSource.YEARLY,
            None,
            today + timedelta(days=90),
        )
    )
    assert (late.status_label, late.level.value, late.source_label) == (
        "Open",
        "red",
        "Audit (Audit voorjaar)",
    )
    assert late.due_text == f"Te laat (sinds {today - timedelta(days=3):%d-%m-%Y})"
    assert (board.school_name, board.owner_label) == ("Hele bestuur", "Bestuurder")

    busy = service.set_status(late.id, late.version, ActionStatus.IN_PROGRESS)
    changed = service.update(busy.id, busy.version, replace(busy.facts, due_on=today + timedelta(days=10)))
    assert (changed.status_label, changed.level.value) == ("Bezig", "amber")
    with pytest.raises(StaleEditError, match="net gewijzigd"):
        service.close(busy.id, busy.version)
    done = service.close(changed.id, changed.version)
    assert (done.status_label, done.closed_by, done.closed_at is not None) == (
        "Klaar",
        "Anne-Fleur van der Berg-de Vries",
        True,
    )
    assert [r.title for r in service.open_actions()] == ["IBP-beleid evalueren met de GMR"]
    assert [r.title for r in service.list_actions(text="fotograaf")] == [done.title]
    assert [r.status for r in service.list_actions()] == [ActionStatus.OPEN, ActionStatus.DONE]
    reopened = service.set_status(done.id, done.version, ActionStatus.OPEN)
    assert reopened.closed_at is None and reopened.closed_by == ""
    with pytest.raises(BadInputError, match="korte zin"):
        service.add(ActionInput("  ", Role.DIRECTOR, ActionSource.OTHER, school))

    overdue = service.update(
        reopened.id, reopened.version, replace(reopened.facts, due_on=today - timedelta(days=1))
    )
    attention = DashboardService(school_db.database, school_db.actor).overview(today).attention
    assert [i.text for i in attention if i.area == "acties"] == [
        f"Actie '{overdue.title}' (Schooldirecteur): te laat (sinds {overdue.facts.due_on:%d-%m-%Y})."
    ]


def test_who_may_read_and_change_actions(school_db: SchoolDb) -> None:
    ActionService(school_db.database, school_db.actor).add(
        ActionInput(
            "Wachtwoordbeleid bespreken", Role.SECURITY_OFFICER, ActionSource.INCIDENT, school_db.school_id
        )
    )
    fg = ActionService(school_db.database, actor_with(school_db, "fg", Role.DPO))
    assert [r.title for r in fg.open_actions()] == ["Wachtwoordbeleid bespreken"]
    with pytest.raises(PermissionDeniedError, match="plan van aanpak bijwerken"):
        fg.add(ActionInput("Iets", Role.DPO, ActionSource.OTHER, None))
    admin = ActionService(school_db.database, actor_with(school_db, "adm", Role.ADMINISTRATION))
    with pytest.raises(PermissionDeniedError):
        admin.list_actions()
    officer = ActionService(school_db.database, actor_with(school_db, "so", Role.SECURITY_OFFICER))
    assert (
        officer.add(ActionInput("Phishingtest", Role.ICT, ActionSource.OTHER, None)).owner_label == "ICT'er"
    )


def test_the_register_documents_on_both_databases(school_db: SchoolDb) -> None:
    """The Plan van aanpak as PDF and CSV is a service method (the GUI and the command line use it)."""
    import io

    from pypdf import PdfReader

    service = ActionService(school_db.database, school_db.actor)
    school = school_db.school_id
    service.add(ActionInput("Klassenlijsten in de kluis", Role.DIRECTOR, ActionSource.AUDIT, school,
                            date(2027, 3, 1), "Audit voorjaar"))
    today = date(2026, 12, 6)
    pdf = service.register_pdf(school_db.school_id, today)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Plan van aanpak IBP" in text and "OBS Şükrü & Łucja" in text
    assert "Klassenlijsten in de kluis" in text and "1 open, 0 afgerond" in text
    csv = service.register_csv(None, today).decode("utf-8-sig").splitlines()
    assert len(csv) == 2 and csv[1].startswith("Klassenlijsten in de kluis;") and "Audit voorjaar" in csv[1]
