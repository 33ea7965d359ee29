"""Evidence files: checked on the way in, opened by those who may read the record, gone with the record
(also in a retention run); the audit log keeps no file names."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from ibp_desktop.core.accountability.complaints import ComplainantRole
from ibp_desktop.core.accountability.records import ComplaintInput
from ibp_desktop.core.errors import BadInputError, NotFoundError, PermissionDeniedError
from ibp_desktop.core.register_records import SupplierInput
from ibp_desktop.core.roles import Role
from ibp_desktop.services.accountability import evidence
from ibp_desktop.services.accountability.complaints import ComplaintService
from ibp_desktop.services.accountability.evidence import EvidenceService
from ibp_desktop.services.processors.register import ProcessorService
from ibp_desktop.store.models import AuditEntry
from ibp_desktop.store.processing_models import EvidenceFile
from tests.conftest import SchoolDb
from tests.services.incident_helpers import actor_with
from tests.services.retention_helpers import UNTIL, build

PDF = b"%PDF-1.4\n% een scan van de klachtbrief\n%%EOF\n"
EML = b"From: ouder@example.nl\r\nSubject: Klacht foto website\r\n\r\nGoedemiddag,\r\n"


def _complaint(school_db: SchoolDb) -> int:
    service = ComplaintService(school_db.database, school_db.actor)
    facts = ComplaintInput(date(2026, 3, 1), ComplainantRole.PARENT, "Foto op website")
    return service.register_complaint(school_db.school_id, facts, date(2026, 3, 2)).id


def test_attach_open_and_remove(school_db: SchoolDb) -> None:
    service = EvidenceService(school_db.database, school_db.actor)
    complaint_id = _complaint(school_db)
    letter = service.attach("complaint", complaint_id, r"C:\Scans\Klachtbrief Łucja Wiśniewska.pdf", PDF)
    mail = service.attach("complaint", complaint_id, "antwoord.eml", EML, note="Ons antwoord")
    assert (letter.file_name, letter.media_type, letter.size) == (
        "Klachtbrief Łucja Wiśniewska.pdf",
        "application/pdf",
        len(PDF),
    )
    assert [f.file_name for f in service.list_files("complaint", complaint_id)] == [
        "Klachtbrief Łucja Wiśniewska.pdf",
        "antwoord.eml",
    ]
    row, data = service.content(letter.id)
    assert data == PDF and row.id == letter.id
    detail = ComplaintService(school_db.database, school_db.actor).detail(complaint_id)
    assert [e.file_name for e in detail.evidence] == ["Klachtbrief Łucja Wiśniewska.pdf", "antwoord.eml"]
    service.remove(mail.id)
    with pytest.raises(NotFoundError):
        service.content(mail.id)
    with school_db.database.transaction() as session:
        details = " ".join(session.scalars(select(AuditEntry.details)).all())
        actions = set(session.scalars(select(AuditEntry.action)).all())
    assert {"evidence_added", "evidence_opened", "evidence_removed"} <= actions
    assert "Wiśniewska" not in details and "Klachtbrief" not in details


def test_bad_files_are_refused_with_a_clear_message(
    school_db: SchoolDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = EvidenceService(school_db.database, school_db.actor)
    complaint_id = _complaint(school_db)
    with pytest.raises(BadInputError, match=r"^lijst\.xlsx: dit soort bestand kan niet"):
        service.attach("complaint", complaint_id, "lijst.xlsx", b"PK\x03\x04")
    with pytest.raises(BadInputError, match=r"^foto\.jpg is geen echt JPG-bestand"):
        service.attach("complaint", complaint_id, "foto.jpg", PDF)
    with pytest.raises(BadInputError, match="leeg"):
        service.attach("complaint", complaint_id, "leeg.pdf", b"")
    monkeypatch.setattr(evidence, "MAX_BYTES", 1024 * 1024)
    big = b"%PDF-" + b"x" * (3 * 1024 * 1024)
    with pytest.raises(
        BadInputError, match=r"^scan\.pdf is 3,0 MB; de grens is 1,0 MB per bestand\. Er is niets"
    ):
        service.attach("complaint", complaint_id, "scan.pdf", big)
    with school_db.database.transaction() as session:
        assert session.scalar(select(func.count(EvidenceFile.id))) == 0


def test_permissions_follow_the_record(school_db: SchoolDb) -> None:
    complaint_id = _complaint(school_db)
    fg = actor_with(school_db, "fg", Role.DPO)
    ict = actor_with(school_db, "ict", Role.ICT)
    letter = EvidenceService(school_db.database, school_db.actor).attach(
        "complaint", complaint_id, "brief.pdf", PDF
    )
    assert EvidenceService(school_db.database, fg).content(letter.id)[1] == PDF  # the FG reads complaints
    with pytest.raises(PermissionDeniedError, match="klachten vastleggen"):
        EvidenceService(school_db.database, fg).attach("complaint", complaint_id, "x.pdf", PDF)
    with pytest.raises(PermissionDeniedError, match="klachten bekijken"):
        EvidenceService(school_db.database, ict).content(letter.id)
    supplier = ProcessorService(school_db.database, school_db.actor).add_supplier(
        SupplierInput("Topicus", True)
    )
    signed = EvidenceService(school_db.database, school_db.actor).attach(
        "agreement", supplier.id, "verwerkersovereenkomst-topicus.pdf", PDF
    )
    assert EvidenceService(school_db.database, ict).list_files("agreement", supplier.id) == [signed]
    # Removing the complaint removes its files.
    complaints = ComplaintService(school_db.database, school_db.actor)
    row = complaints.detail(complaint_id)
    complaints.remove(row.id, row.version)
    with school_db.database.transaction() as session:
        kinds = list(session.scalars(select(EvidenceFile.owner_kind)).all())
    assert kinds == ["agreement"]
    # Removing the supplier removes the signed agreement's file too.
    processors = ProcessorService(school_db.database, school_db.actor)
    processors.delete_supplier(supplier.id, processors.detail(supplier.id).version)
    with school_db.database.transaction() as session:
        assert session.scalar(select(func.count(EvidenceFile.id))) == 0


def test_a_retention_run_destroys_the_files_of_the_incidents_it_deletes(school_db: SchoolDb) -> None:
    rs = build(school_db)
    security = actor_with(school_db, "so", Role.SECURITY_OFFICER)
    EvidenceService(school_db.database, security).attach(
        "incident", rs.incident_id, "mail-verkeerde-ontvanger.eml", EML
    )
    proposed = rs.runs(rs.admin).propose(school_db.school_id, UNTIL)
    rs.runs(rs.director).approve(proposed.run.id)
    rs.runs(rs.admin).execute(proposed.run.id)
    with school_db.database.transaction() as session:
        assert session.scalar(select(func.count(EvidenceFile.id))) == 0


def test_the_access_request_pdf_lists_the_files_about_the_pupil(school_db: SchoolDb) -> None:
    from ibp_desktop.core.register_records import RequestInput
    from ibp_desktop.core.requests import Relation, Right
    from ibp_desktop.services.requests.access_request import AccessRequestService
    from ibp_desktop.services.requests.register import RequestService
    from tests.reports.pdf_helpers import page_texts
    from tests.services.retention_helpers import add_pupil

    pupil_id = add_pupil(school_db, "Şükrü", "", "Yılmaz", "80001", None)
    other_id = add_pupil(school_db, "Anne-Fleur", "van der", "Berg-de Vries", "80002", None)
    requests = RequestService(school_db.database, school_db.actor)
    asked = date(2026, 3, 2)
    mine = requests.add(
        school_db.school_id,
        RequestInput(
            asked,
            "Ayşe Yılmaz",
            Relation.GUARDIAN,
            Right.ACCESS,
            "ID getoond",
            authority_checked=True,
            pupil_id=pupil_id,
        ),
        asked,
    ).row
    theirs = requests.add(
        school_db.school_id,
        RequestInput(
            asked,
            "Piet Berg",
            Relation.GUARDIAN,
            Right.ACCESS,
            "ID getoond",
            authority_checked=True,
            pupil_id=other_id,
        ),
        asked,
    ).row
    service = EvidenceService(school_db.database, school_db.actor)
    service.attach("request", mine.id, "kopie-id-ouder.pdf", PDF)
    service.attach("request", theirs.id, "ander-dossier.pdf", PDF)
    text = " ".join(
        " ".join(page_texts(AccessRequestService(school_db.database, school_db.actor).pdf(pupil_id))).split()
    )
    assert "5. Bewijsstukken over deze leerling" in text
    assert f"kopie-id-ouder.pdf verzoek {mine.number}" in text and "ander-dossier.pdf" not in text
