"""Data-subject requests as the director and the FG use them, on SQLCipher and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from ibp_desktop.core.errors import BadInputError, PermissionDeniedError, StaleEditError
from ibp_desktop.core.register_records import RequestInput
from ibp_desktop.core.requests import Outcome, Relation, RequestFilter, Right
from ibp_desktop.core.roles import Role
from ibp_desktop.services.dashboard.overview import DashboardService
from ibp_desktop.services.requests.register import RequestService
from ibp_desktop.store.models import AuditEntry, Pupil
from tests.conftest import SchoolDb
from tests.services.incident_helpers import actor_with, add_pupil

TODAY = date(2026, 3, 10)


def facts(received: date = date(2026, 1, 31), **changes: object) -> RequestInput:
    base = RequestInput(
        received_on=received,
        requester_name="Nguyễn Văn An",
        relation=Relation.GUARDIAN,
        right=Right.ACCESS,
        id_check="Legitimatiebewijs getoond op school",
        authority_checked=True,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_register_computes_the_deadline_and_logs_no_names(school_db: SchoolDb) -> None:
    add_pupil(school_db, "Şükrü", "", "Yılmaz")
    with school_db.database.transaction() as session:
        pupil_id = session.scalars(select(Pupil.id)).one()
    service = RequestService(school_db.database, school_db.actor)
    detail = service.add(school_db.school_id, facts(pupil_id=pupil_id), TODAY)
    row = detail.row
    # One month after 31-01-2026 is Saturday 28-02: the deadline moves to Monday 02-03 (Reg. 1182/71).
    assert (row.number, row.deadline, detail.original_deadline, row.computed_deadline) == (
        "2026-001",
        date(2026, 3, 2),
        date(2026, 3, 2),
        date(2026, 2, 28),
    )
    assert row.deadline_text == "02-03-2026 (verschoven van 28-02-2026: zaterdag)"
    assert (row.status_text, row.level.value, row.pupil_name) == ("Te laat (8 dagen)", "red", "Şükrü Yılmaz")
    assert service.add(school_db.school_id, facts(date(2026, 3, 2)), TODAY).row.number == "2026-002"
    with school_db.database.transaction() as session:
        details = " ".join(session.scalars(select(AuditEntry.details)).all())
    assert "request_registered" not in details  # the action is a column, the details hold the facts
    assert "Nguy" not in details and "Yılmaz" not in details and "Yilmaz" not in details
    assert '"right": "access"' in details or '"right":"access"' in details

    # Bad input writes nothing.
    with pytest.raises(BadInputError, match="toekomst"):
        service.add(school_db.school_id, facts(date(2026, 3, 11)), TODAY)
    with pytest.raises(BadInputError, match="identiteit"):
        service.add(school_db.school_id, facts(id_check=" "), TODAY)
    with pytest.raises(BadInputError, match="Anders"):
        service.add(school_db.school_id, facts(relation=Relation.OTHER), TODAY)
    with pytest.raises(BadInputError, match="leerling hoort niet bij deze school"):
        service.add(school_db.school_id, facts(pupil_id=999), TODAY)
    assert len(service.list_requests(today=TODAY)) == 2  # only the two good ones


def test_extend_and_answer(school_db: SchoolDb) -> None:
    service = RequestService(school_db.database, school_db.actor)
    first = service.add(school_db.school_id, facts(), date(2026, 2, 5)).row
    with pytest.raises(BadInputError, match="uiterlijk op 02-03-2026"):
        service.extend(first.id, first.version, "Veel stukken", date(2026, 3, 3), TODAY)
    assert service.detail(first.id, TODAY).row.version == first.version  # nothing saved
    extended = service.extend(first.id, first.version, "Veel stukken", date(2026, 2, 20), TODAY)
    assert (extended.row.deadline, extended.row.status_text) == (date(2026, 4, 28), "Nog 49 dagen")
    assert extended.extension_informed_on == date(2026, 2, 20) and not extended.can_extend
    with pytest.raises(BadInputError, match="al verlengd"):
        service.extend(first.id, extended.row.version, "Nog meer", date(2026, 2, 21), TODAY)

    with pytest.raises(BadInputError, match="redenen"):
        service.answer(first.id, extended.row.version, Outcome.REFUSED, date(2026, 3, 9), today=TODAY)
    answered = service.answer(
        first.id,
        extended.row.version,
        Outcome.PARTLY,
        date(2026, 3, 9),
        "Notities van het team vallen erbuiten.",
        fg_consulted=True,
        today=TODAY,
    )
    row = answered.row
    assert (row.status_text, row.outcome_label, row.fg_consulted) == (
        "Beantwoord op tijd",
        "Deels toegewezen",
        True,
    )
    assert row.handled_by == "Anne-Fleur van der Berg-de Vries"
    late = service.add(school_db.school_id, facts(date(2026, 1, 2)), TODAY).row
    late_answer = service.answer(late.id, late.version, Outcome.GRANTED, date(2026, 2, 3), today=TODAY)
    assert late_answer.row.status_text == "Te laat beantwoord"
    with pytest.raises(StaleEditError, match="net gewijzigd"):  # the version read before the answer
        service.extend(late.id, late.version, "Veel stukken", date(2026, 1, 20), TODAY)


def test_fg_remarks_but_cannot_change_and_administration_sees_nothing(school_db: SchoolDb) -> None:
    row = RequestService(school_db.database, school_db.actor).add(school_db.school_id, facts(), TODAY).row
    fg = RequestService(school_db.database, actor_with(school_db, "fg", Role.DPO, "Karin de Boer"))
    detail = fg.add_remark(row.id, "Let op: ook de mail aan de leerkracht valt onder inzage.")
    assert [(r.author, r.text[:8]) for r in detail.remarks] == [("Karin de Boer", "Let op: ")]
    assert len(fg.list_requests(today=TODAY)) == 1
    with pytest.raises(PermissionDeniedError, match="verzoeken van betrokkenen vastleggen"):
        fg.answer(row.id, detail.row.version, Outcome.GRANTED, date(2026, 2, 1), today=TODAY)
    admin = RequestService(school_db.database, actor_with(school_db, "adm", Role.ADMINISTRATION))
    with pytest.raises(PermissionDeniedError):
        admin.list_requests(today=TODAY)
    with pytest.raises(PermissionDeniedError):
        admin.add(school_db.school_id, facts(), TODAY)
    with pytest.raises(PermissionDeniedError):
        RequestService(school_db.database, school_db.actor).add_remark(row.id, "geen FG")


def test_list_filters_and_due_items(school_db: SchoolDb) -> None:
    add_pupil(school_db, "Łucja", "", "Wiśniewska")
    with school_db.database.transaction() as session:
        pupil_id = session.scalars(select(Pupil.id)).one()
    service = RequestService(school_db.database, school_db.actor)
    school = school_db.school_id
    overdue = service.add(school, facts(date(2026, 1, 31), pupil_id=pupil_id), TODAY).row
    soon = service.add(
        school, facts(date(2026, 2, 14), right=Right.ERASURE, requester_name="Jan Smit"), TODAY
    ).row
    service.add(school, facts(date(2026, 3, 5), right=Right.OBJECTION), TODAY)
    done = service.add(school, facts(date(2025, 12, 1)), TODAY).row
    service.answer(done.id, done.version, Outcome.GRANTED, date(2025, 12, 20), today=TODAY)

    numbers = lambda rows: [r.number for r in rows]  # noqa: E731
    assert numbers(service.list_requests(today=TODAY)) == ["2026-003", "2026-002", "2026-001", "2025-001"]
    assert numbers(service.list_requests(status=RequestFilter.OVERDUE, today=TODAY)) == [overdue.number]
    assert numbers(service.list_requests(status=RequestFilter.ANSWERED, today=TODAY)) == ["2025-001"]
    assert numbers(service.list_requests(year=2025, today=TODAY)) == ["2025-001"]
    assert numbers(service.list_requests(text="wisniewska", today=TODAY)) == [overdue.number]
    assert numbers(service.list_requests(text="VERWIJDER", today=TODAY)) == [soon.number]

    due = service.due_and_overdue(TODAY)
    assert [(r.number, r.status_text) for r in due] == [
        ("2026-001", "Te laat (8 dagen)"),
        ("2026-002", "Nog 6 dagen"),  # due Saturday 14-03, moved to Monday 16-03
    ]

    texts = [
        (i.area, i.severity, i.text)
        for i in DashboardService(school_db.database, school_db.actor).overview(TODAY).attention
    ]
    assert (
        "verzoeken",
        "urgent",
        "Verzoek 2026-001 (inzage) van 31-01-2026 beantwoorden: te laat (8 dagen).",
    ) in texts
    assert not any("Wiśniewska" in t for *_, t in texts)  # the dashboard names no pupils for requests
    ict = DashboardService(school_db.database, actor_with(school_db, "ict", Role.ICT)).overview(TODAY)
    assert not [i for i in ict.attention if i.area == "verzoeken"]


def test_register_counts(school_db: SchoolDb) -> None:
    service = RequestService(school_db.database, school_db.actor)
    school = school_db.school_id
    service.add(school, facts(date(2026, 1, 31)), TODAY)
    answered = service.add(school, facts(date(2026, 2, 2), right=Right.RECTIFICATION), TODAY).row
    service.answer(
        answered.id, answered.version, Outcome.REFUSED, date(2026, 2, 3), "Gegevens kloppen.", today=TODAY
    )
    service.add(school, facts(date(2025, 12, 1)), TODAY)
    register = service.register(date(2026, 1, 1), date(2026, 12, 31), today=TODAY)
    assert register.scope == "OBS Şükrü & Łucja"
    assert [r.number for r in register.rows] == ["2026-001", "2026-002"]  # oldest first
    counts = register.counts
    assert (counts.total, counts.open_overdue, counts.answered_on_time, counts.refused) == (2, 1, 1, 1)
    assert counts.by_right[Right.RECTIFICATION] == 1
    with pytest.raises(BadInputError, match="Draai ze om"):
        service.register(date(2026, 2, 1), date(2026, 1, 1))
