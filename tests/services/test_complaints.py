"""Complaints about personal data: deadline, links, answer with the AP pointer, who sees them; the register
PDF and CSV (both backends)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select

from ibp_desktop.core.accountability.complaints import ComplainantRole, ComplaintOutcome
from ibp_desktop.core.accountability.records import ComplaintInput
from ibp_desktop.core.errors import BadInputError, PermissionDeniedError, StaleEditError
from ibp_desktop.core.register_records import RequestInput
from ibp_desktop.core.requests import Relation, Right
from ibp_desktop.core.roles import Role
from ibp_desktop.services.accountability.complaints import ComplaintService
from ibp_desktop.services.dashboard.overview import DashboardService
from ibp_desktop.services.requests.register import RequestService
from ibp_desktop.store.models import AuditEntry
from tests.conftest import SchoolDb
from tests.reports.pdf_helpers import assert_only_embedded_dejavu, page_texts
from tests.services.incident_helpers import actor_with

TODAY = date(2026, 3, 10)


def _request(school_db: SchoolDb) -> int:
    facts = RequestInput(date(2026, 1, 5), "Łucja Wiśniewska", Relation.GUARDIAN, Right.ACCESS, "ID getoond")
    return RequestService(school_db.database, school_db.actor).add(school_db.school_id, facts, TODAY).row.id


def test_a_complaint_from_registration_to_answer(school_db: SchoolDb) -> None:
    director = actor_with(school_db, "dir", Role.DIRECTOR, "Anne-Fleur van der Berg-de Vries")
    service = ComplaintService(school_db.database, director)
    request_id = _request(school_db)
    facts = ComplaintInput(
        date(2026, 2, 2),
        ComplainantRole.PARENT,
        "Inzageverzoek niet volledig beantwoord",
        complainant_name="Łucja Wiśniewska",
        handler_name="FG Şükrü Yılmaz",
        request_id=request_id,
    )
    row = service.register_complaint(school_db.school_id, facts, TODAY)
    assert (row.number, row.deadline, row.request_number) == ("K2026-001", date(2026, 3, 16), "2026-001")
    assert (row.status.text, row.level.value) == ("Open, nog 6 dagen", "amber")
    later = service.detail(row.id, today=date(2026, 3, 17))
    assert (later.status.text, later.level.value) == ("Te laat (uiterlijk 16-03-2026)", "red")
    texts = [i.text for i in DashboardService(school_db.database, director).overview(TODAY).attention]
    assert "Klacht K2026-001: open, nog 6 dagen." in texts

    with pytest.raises(BadInputError, match="Autoriteit Persoonsgegevens"):
        service.answer(row.id, row.version, ComplaintOutcome.PARTLY, "", date(2026, 3, 12), ap_told=False)
    with pytest.raises(BadInputError, match="vóór de ontvangst"):
        service.answer(row.id, row.version, ComplaintOutcome.PARTLY, "", date(2026, 1, 1), ap_told=True)
    with pytest.raises(BadInputError, match="toekomst"):
        service.register_complaint(
            school_db.school_id, facts.__class__(date(2026, 3, 11), ComplainantRole.STAFF, "x"), TODAY
        )
    with pytest.raises(BadInputError, match="1 tot en met 26 weken"):
        service.register_complaint(
            school_db.school_id,
            ComplaintInput(date(2026, 3, 1), ComplainantRole.STAFF, "x", term_weeks=0),
            TODAY,
        )
    answered = service.answer(
        row.id,
        row.version,
        ComplaintOutcome.PARTLY,
        "Ontbrekende stukken nagestuurd.",
        date(2026, 3, 12),
        ap_told=True,
    )
    assert answered.status.text == "Beantwoord op 12-03-2026"
    with pytest.raises(StaleEditError):
        service.update(row.id, row.version, facts, TODAY)

    with school_db.database.transaction() as session:
        details = " ".join(session.scalars(select(AuditEntry.details)).all())
    assert "Wiśniewska" not in details and "Inzageverzoek" not in details


def test_the_fg_sees_all_complaints_but_does_not_handle_them(school_db: SchoolDb) -> None:
    director = actor_with(school_db, "dir", Role.DIRECTOR)
    fg = actor_with(school_db, "fg", Role.DPO)
    ict = actor_with(school_db, "ict", Role.ICT)
    row = ComplaintService(school_db.database, director).register_complaint(
        school_db.school_id, ComplaintInput(date(2026, 3, 1), ComplainantRole.STAFF, "Foto op website"), TODAY
    )
    assert [r.number for r in ComplaintService(school_db.database, fg).list_complaints()] == [row.number]
    with pytest.raises(PermissionDeniedError, match="klachten vastleggen"):
        ComplaintService(school_db.database, fg).answer(
            row.id, row.version, ComplaintOutcome.FOUNDED, "", date(2026, 3, 2), True
        )
    with pytest.raises(PermissionDeniedError, match="klachten bekijken"):
        ComplaintService(school_db.database, ict).list_complaints()


def test_complaint_register_pdf_and_csv(school_db: SchoolDb) -> None:
    director = actor_with(school_db, "dir", Role.DIRECTOR)
    service = ComplaintService(school_db.database, director)
    service.register_complaint(
        school_db.school_id,
        ComplaintInput(
            date(2026, 2, 2),
            ComplainantRole.PARENT,
            "=Foto zonder toestemming op Facebook",
            complainant_name="Şükrü Yılmaz",
        ),
        TODAY,
    )
    service.register_complaint(
        school_db.school_id,
        ComplaintInput(date(2026, 3, 1), ComplainantRole.PUPIL, "Cijferlijst aan verkeerde ouder gemaild"),
        TODAY,
    )
    pdf = service.register_pdf(school_db.school_id, today=TODAY)
    text = " ".join(" ".join(page_texts(pdf)).split())
    for expected in (
        "Register van klachten over persoonsgegevens",
        "K2026-001",
        "Ouder/verzorger (Şükrü Yılmaz)",
        "Foto zonder toestemming",
        "Open, nog 6 dagen",
        "Van: leerling 1",
    ):
        assert expected in text
    assert_only_embedded_dejavu(pdf)
    rows = list(
        csv.reader(
            io.StringIO(service.register_csv(school_db.school_id, TODAY).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows[0][:4] == ["School (BRIN)", "Nummer", "Ontvangen op", "Rol klager"]
    assert [(r[1], r[3], r[5]) for r in rows[1:]] == [
        ("K2026-002", "Leerling", "Cijferlijst aan verkeerde ouder gemaild"),
        ("K2026-001", "Ouder/verzorger", "'=Foto zonder toestemming op Facebook"),
    ]
