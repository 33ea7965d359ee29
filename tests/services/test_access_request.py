"""The access-request helper: everything about one pupil, incidents found by name (accents ignored)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from ibp_desktop.core.errors import NotFoundError, PermissionDeniedError
from ibp_desktop.core.incidents.records import IncidentFacts
from ibp_desktop.core.incidents.rules import IncidentType
from ibp_desktop.core.roles import Role
from ibp_desktop.services.incidents.register import IncidentService
from ibp_desktop.services.requests.access_request import AccessRequestService
from ibp_desktop.store.models import AuditEntry
from tests.conftest import SchoolDb
from tests.reports.pdf_helpers import assert_only_embedded_dejavu, page_texts
from tests.services import report_helpers as known
from tests.services.incident_helpers import actor_with


def test_everything_about_one_pupil(school_db: SchoolDb) -> None:
    pupils = known.add_pupils(school_db)
    named = known.add_incidents(school_db)  # "Laptop kwijt" names "Sukru Yilmaz" (no accents)
    IncidentService(school_db.database, school_db.actor).report(
        school_db.school_id,
        IncidentFacts(
            "Mail over Łucja Wiśniewska", "", IncidentType.EMAIL_CC_NOT_BCC, datetime(2026, 1, 5, tzinfo=UTC)
        ),
    )
    known.add_consent(school_db, pupils)
    known.add_requests(school_db, pupils)

    service = AccessRequestService(school_db.database, school_db.actor)
    pupil_id = service.pupil_id(school_db.school_id, "80000")
    assert pupil_id == pupils[0]
    data = service.data(pupil_id)
    assert data.pupil_name == "Şükrü Yılmaz"
    assert [i.number for i in data.incidents] == [named]  # not the mail about another pupil
    assert [r.requester for r in data.requests] == [
        f"{n} (Ouder/verzorger met gezag)" for n in known.REQUESTERS
    ]
    assert len(data.consent_lines) == 3 and data.consent_current[0][1] == "Toestemming"

    pdf = service.pdf(pupil_id)
    assert_only_embedded_dejavu(pdf)
    text = " ".join(" ".join(page_texts(pdf)).split())
    for expected in (
        "Şükrü Yılmaz",
        "80000",
        "01-03-2016",
        "Laptop kwijt",
        "Ayşe Yılmaz",
        "Bożena Wiśniewska",
    ):
        assert expected in text, expected
    assert "Mail over Łucja" not in text
    with school_db.database.transaction() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "access_request_compiled")
        ).first()
        assert entry is not None and "Yılmaz" not in entry.details and "Yilmaz" not in entry.details

    with pytest.raises(NotFoundError, match="leerlingnummer 99999"):
        service.pupil_id(school_db.school_id, "99999")
    # The FG reads registers but does not compile a pupil's file; that is for whoever answers requests.
    fg = AccessRequestService(school_db.database, actor_with(school_db, "fg", Role.DPO))
    with pytest.raises(PermissionDeniedError):
        fg.data(pupil_id)


def test_portability_export_json_and_csv(sqlcipher_school: SchoolDb) -> None:
    """AVG art. 20: the same data as the access-request PDF, machine-readable."""
    import csv
    import io
    import json

    pupils = known.add_pupils(sqlcipher_school)
    known.add_consent(sqlcipher_school, pupils)
    known.add_requests(sqlcipher_school, pupils)
    service = AccessRequestService(sqlcipher_school.database, sqlcipher_school.actor)
    pupil_id = service.pupil_id(sqlcipher_school.school_id, "80000")
    data = service.data(pupil_id)

    document = json.loads(service.portable(pupil_id).decode("utf-8"))
    assert document["formaat"] == "ibp-desktop/overdraagbaarheid" and document["versie"] == 1
    assert document["leerling"]["Naam"] == "Şükrü Yılmaz"
    assert len(document["toestemming_geschiedenis"]) == len(data.consent_lines) == 3
    assert document["toestemming_nu"][0] == {"doel": data.consent_current[0][0], "status": "Toestemming"}
    assert [r["verzoeker"] for r in document["verzoeken"]] == [r.requester for r in data.requests]

    raw = service.portable(pupil_id, as_csv=True)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel keeps ş and ı
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["onderdeel", "rij", "veld", "waarde"]
    assert ["leerling", "1", "Naam", "Şükrü Yılmaz"] in rows
    history = [r for r in rows if r[0] == "toestemming_geschiedenis" and r[2] == "doel"]
    assert len(history) == 3
