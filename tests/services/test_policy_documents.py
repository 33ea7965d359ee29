"""Policy documents: the six GMR documents, versions with the file itself (byte-identical, encrypted at
rest), the status path through the services with who may take which step, and the audit log."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from ibp_desktop.core.errors import BadInputError, PermissionDeniedError, StaleEditError
from ibp_desktop.core.policy.records import DocumentInput
from ibp_desktop.core.policy.rules import MAX_FILE_BYTES, Cycle, GmrBody, Stage, Step
from ibp_desktop.core.roles import Role
from ibp_desktop.services.policy.documents import PolicyDocumentService
from ibp_desktop.store.models import AuditEntry
from tests.conftest import SchoolDb
from tests.services.incident_helpers import actor_with

TODAY = date(2026, 11, 28)
SIX = [
    "Beleidskader IBP incl. plan van aanpak",
    "Privacyverklaring leerlingen en ouders",
    "Privacyverklaring medewerkers, studenten en vrijwilligers",
    "Gedragscode sociale media",
    "Protocol foto's en video's",
    "Plan van aanpak informatiebeveiliging",
]


def pdf_with(marker: str, padding: int = 50_000) -> bytes:
    """A PDF-looking file with the marker in plain (uncompressed) text and some bulk."""
    body = f"BT /F1 12 Tf 72 720 Td ({marker}) Tj ET\n".encode()
    return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + body + bytes(range(256)) * (padding // 256) + b"\n%%EOF\n"


def docx_with(marker: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", f"<w:document><w:t>{marker}</w:t></w:document>")
    return buffer.getvalue()


def test_the_six_gmr_documents_are_there_without_consent(school_db: SchoolDb) -> None:
    rows = PolicyDocumentService(school_db.database, school_db.actor).list_documents(today=TODAY)
    assert [r.title for r in rows] == SIX
    assert all(r.requires_gmr and r.school_id is None and r.scope == "Hele bestuur" for r in rows)
    assert {r.status_text for r in rows} == {"Geen GMR-instemming"}
    assert rows[0].cycle is Cycle.FOUR_YEARLY and rows[1].cycle is Cycle.YEARLY
    # Listing again does not add them twice.
    assert len(PolicyDocumentService(school_db.database, school_db.actor).list_documents(today=TODAY)) == 6


def test_stored_files_come_back_byte_identical(school_db: SchoolDb) -> None:
    service = PolicyDocumentService(school_db.database, school_db.actor)
    document = service.list_documents(today=TODAY)[1]
    original_pdf, original_docx = pdf_with("Privacy-Şükrü-Łucja", 300_000), docx_with("versie 2")
    first = service.add_version(document.id, "privacyverklaring 2026.pdf", original_pdf)
    second = service.add_version(
        document.id, "C:\\map\\privacyverklaring v2.docx", original_docx, "  tekst  "
    )
    assert (first.number, second.number, second.file_name, second.note) == (
        1,
        2,
        "privacyverklaring v2.docx",
        "tekst",
    )
    for row, original in ((first, original_pdf), (second, original_docx)):
        stored = service.file(row.id)
        assert (
            hashlib.sha256(stored.content).hexdigest() == hashlib.sha256(original).hexdigest() == row.sha256
        )
        assert stored.content == original and row.size == len(original)
    assert service.file(first.id).media_type == "application/pdf"
    assert service.detail(document.id).versions[0].number == 2  # newest first


def test_the_file_text_is_not_readable_in_the_database_file(sqlcipher_school: SchoolDb) -> None:
    marker = "GEHEIM-BELEID-7f3a9c1e-Wiśniewska"
    content = pdf_with(marker)
    assert marker.encode() in content
    service = PolicyDocumentService(sqlcipher_school.database, sqlcipher_school.actor)
    document = service.list_documents(today=TODAY)[0]
    version = service.add_version(document.id, "beleidskader.pdf", content)
    assert service.file(version.id).content == content
    sqlcipher_school.database.dispose()  # checkpoint the WAL into the file
    location = sqlcipher_school.location
    raw = b"".join(p.read_bytes() for p in Path(location.db_path).parent.glob(location.db_path.name + "*"))
    assert len(raw) > len(content)  # the file is really in there ...
    for needle in (marker.encode(), b"GEHEIM-BELEID", b"beleidskader.pdf", content[:4000]):
        assert needle not in raw  # ... but encrypted


def test_files_are_checked_before_they_are_stored(sqlcipher_school: SchoolDb, tmp_path: Path) -> None:
    service = PolicyDocumentService(sqlcipher_school.database, sqlcipher_school.actor)
    document = service.list_documents(today=TODAY)[0]
    with pytest.raises(BadInputError, match="te groot: de grens is 20 MB"):
        service.add_version(document.id, "groot.pdf", b"%PDF-" + bytes(MAX_FILE_BYTES))
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"%PDF-" + bytes(MAX_FILE_BYTES))
    with pytest.raises(BadInputError, match=r"'scan\.pdf' is 20\.0 MB"):
        service.add_version_file(document.id, big)
    with pytest.raises(BadInputError, match="geen PDF- of Word-bestand"):
        service.add_version(document.id, "foto.jpg", b"\xff\xd8\xff")
    with pytest.raises(BadInputError, match="geen echt PDF-bestand"):
        service.add_version(document.id, "nep.pdf", b"just text")
    with pytest.raises(BadInputError, match="leeg"):
        service.add_version(document.id, "leeg.docx", b"")
    assert service.detail(document.id).versions == ()


def test_status_path_with_who_may_do_what(school_db: SchoolDb) -> None:
    db = school_db.database
    board = PolicyDocumentService(db, school_db.actor)  # holds every school role except FG
    fg = PolicyDocumentService(db, actor_with(school_db, "fg", Role.DPO, "Karin de Boer"))
    director = PolicyDocumentService(db, actor_with(school_db, "dir", Role.DIRECTOR))
    document = board.list_documents(today=TODAY)[3]
    v1 = director.add_version(document.id, "sociale media.pdf", pdf_with("v1"))
    assert (v1.stage, v1.next_steps) == (Stage.CONCEPT, (Step.FG_ADVICE,))

    with pytest.raises(BadInputError, match="pas instemmen als het voorgenomen besluit"):
        board.take_step(v1.id, v1.version, Step.GMR_CONSENT, date(2026, 3, 1), today=TODAY)
    with pytest.raises(PermissionDeniedError, match="Alleen de FG"):
        director.take_step(v1.id, v1.version, Step.FG_ADVICE, date(2026, 3, 1), today=TODAY)
    v1 = fg.take_step(
        v1.id, v1.version, Step.FG_ADVICE, date(2026, 3, 1), "Akkoord, let op bewaartermijn.", TODAY
    )
    assert v1.next_steps == (Step.PROPOSE,)
    # WMS art. 10/13: the board cannot adopt before the GMR consented.
    with pytest.raises(BadInputError, match="pas vaststellen nadat de hele GMR heeft ingestemd"):
        board.take_step(v1.id, v1.version, Step.ADOPT, date(2026, 3, 5), today=TODAY)
    v1 = director.take_step(v1.id, v1.version, Step.PROPOSE, date(2026, 3, 5), today=TODAY)
    assert board.detail(document.id, TODAY).document.status_text == "Voorstel ligt bij de GMR"
    with pytest.raises(PermissionDeniedError):
        fg.take_step(v1.id, v1.version, Step.GMR_CONSENT, date(2026, 3, 20), today=TODAY)
    v1 = director.take_step(
        v1.id, v1.version, Step.GMR_REFUSE, date(2026, 3, 20), "Foto's van leerlingen", TODAY
    )
    assert (v1.stage, v1.gmr_refusal_reason, v1.gmr_refused_on, v1.next_steps) == (
        Stage.GMR_REFUSED,
        "Foto's van leerlingen",
        date(2026, 3, 20),
        (),
    )
    with pytest.raises(BadInputError, match="niet ingestemd"):
        board.take_step(v1.id, v1.version, Step.ADOPT, date(2026, 3, 21), today=TODAY)
    row = board.detail(document.id, TODAY).document
    assert (row.status_text, row.level) == ("GMR-instemming geweigerd", "red")

    # A new version is the new proposal and restarts the path as a concept; the old one can no longer move.
    v2 = director.add_version(document.id, "sociale media v2.pdf", pdf_with("v2"))
    assert (v2.stage, v2.next_steps) == (Stage.CONCEPT, (Step.FG_ADVICE,))
    assert board.detail(document.id, TODAY).document.status_text == "Geen GMR-instemming"
    with pytest.raises(BadInputError, match="nieuwere versie"):
        board.take_step(v1.id, v1.version, Step.PUBLISH, date(2026, 4, 1), today=TODAY)
    v2 = fg.take_step(v2.id, v2.version, Step.FG_ADVICE, date(2026, 4, 1), "Akkoord.", TODAY)
    v2 = director.take_step(v2.id, v2.version, Step.PROPOSE, date(2026, 4, 2), today=TODAY)
    with pytest.raises(StaleEditError):
        board.take_step(v2.id, v2.version - 1, Step.GMR_CONSENT, date(2026, 4, 3), today=TODAY)
    v2 = director.take_step(v2.id, v2.version, Step.GMR_CONSENT, date(2026, 4, 20), today=TODAY)
    v2 = board.take_step(v2.id, v2.version, Step.ADOPT, date(2026, 4, 21), today=TODAY)
    v2 = director.take_step(v2.id, v2.version, Step.PUBLISH, date(2026, 4, 21), today=TODAY)
    history = board.detail(document.id, TODAY).versions[0]
    assert (history.proposed_on, history.gmr_consent_on, history.adopted_on) == (
        date(2026, 4, 2), date(2026, 4, 20), date(2026, 4, 21)
    )
    row = board.detail(document.id, TODAY).document
    assert (row.status_text, row.level, row.evaluation_due) == ("Gepubliceerd", "green", date(2027, 4, 21))
    assert not row.lacks_gmr_consent
    assert board.list_documents(today=date(2027, 4, 22))[3].status_text == "Evaluatie te laat"
    assert [r.title for r in board.problems(today=date(2027, 4, 22))] == SIX


def test_the_six_documents_go_to_their_gmr_section(sqlcipher_school: SchoolDb) -> None:
    """DOMAIN.md "Order of a decision": staff documents to the PGMR, pupil/parent documents to the OGMR,
    framework rules to the whole GMR."""
    service = PolicyDocumentService(sqlcipher_school.database, sqlcipher_school.actor)
    sections = {r.code: r.gmr_body for r in service.list_documents(today=TODAY)}
    assert sections == {
        "beleidskader": GmrBody.WHOLE,
        "privacyverklaring_leerlingen": GmrBody.PARENTS,
        "privacyverklaring_medewerkers": GmrBody.STAFF,
        "gedragscode_sociale_media": GmrBody.WHOLE,
        "protocol_beeldmateriaal": GmrBody.PARENTS,
        "plan_informatiebeveiliging": GmrBody.WHOLE,
    }
    own = service.add_document(DocumentInput("Regels cameratoezicht", gmr_body=GmrBody.STAFF))
    assert (own.requires_gmr, own.gmr_label) == (True, "Instemming personeelsgeleding (PGMR)")
    whole = service.add_document(DocumentInput("Bewaartermijnenbeleid", requires_gmr=True))
    assert whole.gmr_body is GmrBody.WHOLE  # consent right without a section named: every section votes


def test_own_documents_and_evaluation(sqlcipher_school: SchoolDb) -> None:
    service = PolicyDocumentService(sqlcipher_school.database, sqlcipher_school.actor)
    added = service.add_document(
        DocumentInput("  Protocol   datalekken ", school_id=sqlcipher_school.school_id, description="72 uur")
    )
    assert (added.title, added.requires_gmr, added.scope) == (
        "Protocol datalekken",
        False,
        "OBS Şükrü & Łucja",
    )
    version = service.add_version(added.id, "datalek.pdf", pdf_with("datalek"))
    fg = PolicyDocumentService(sqlcipher_school.database, actor_with(sqlcipher_school, "fg", Role.DPO))
    version = fg.take_step(version.id, version.version, Step.FG_ADVICE, date(2025, 1, 10), "ok", TODAY)
    version = service.take_step(version.id, version.version, Step.ADOPT, date(2025, 1, 20), today=TODAY)
    assert version.next_steps == (Step.PUBLISH,)  # no GMR step for this one
    row = service.detail(added.id, TODAY).document
    assert (row.status_text, row.evaluation_due) == ("Evaluatie te laat", date(2026, 1, 20))
    row = service.record_evaluation(row.id, row.version, date(2026, 2, 1), "Geen wijzigingen nodig.", TODAY)
    assert row.evaluation_due == date(2027, 2, 1) and not row.evaluation_overdue
    with pytest.raises(BadInputError, match="blijft daarom bewaard"):
        service.remove_document(row.id, row.version)
    with pytest.raises(BadInputError, match="titel"):
        service.add_document(DocumentInput("   "))


def test_reading_and_managing_need_their_roles(sqlcipher_school: SchoolDb) -> None:
    db = sqlcipher_school.database
    admin = PolicyDocumentService(db, actor_with(sqlcipher_school, "adm", Role.ADMINISTRATION))
    with pytest.raises(PermissionDeniedError):
        admin.list_documents(today=TODAY)
    fg = PolicyDocumentService(db, actor_with(sqlcipher_school, "fg", Role.DPO))
    assert len(fg.list_documents(today=TODAY)) == 6  # the FG reads
    with pytest.raises(PermissionDeniedError, match="beleidsdocumenten"):
        fg.add_version(fg.list_documents(today=TODAY)[0].id, "x.pdf", pdf_with("x"))


def test_audit_entries_hold_no_file_contents(sqlcipher_school: SchoolDb) -> None:
    marker = "INHOUD-NIET-IN-LOGBOEK-42"
    service = PolicyDocumentService(sqlcipher_school.database, sqlcipher_school.actor)
    document = service.list_documents(today=TODAY)[0]
    version = service.add_version(document.id, "kader.pdf", pdf_with(marker))
    with sqlcipher_school.database.transaction() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "policy_version_added")).all()
        details = " ".join(e.details for e in entries)
    assert version.sha256 in details and "kader.pdf" in details
    assert marker not in details and "%PDF" not in details


def test_the_dashboard_names_documents_without_gmr_consent(sqlcipher_school: SchoolDb) -> None:
    from ibp_desktop.services.dashboard.overview import DashboardService

    db = sqlcipher_school.database
    PolicyDocumentService(db, sqlcipher_school.actor).list_documents(today=TODAY)
    items = DashboardService(db, sqlcipher_school.actor).overview(TODAY).attention
    gmr = [i for i in items if "GMR-instemming" in i.text]
    assert len(gmr) == 1 and gmr[0].area == "documenten"
    assert gmr[0].text.startswith("6 documenten hebben nog geen GMR-instemming: Beleidskader IBP")
    ict = DashboardService(db, actor_with(sqlcipher_school, "ict", Role.ICT)).overview(TODAY).attention
    assert not any(i.area == "documenten" for i in ict)  # the ICT'er does not read the policy register
