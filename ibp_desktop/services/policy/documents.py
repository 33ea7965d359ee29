"""Policy documents (issue 8): the register of the school's and the board's privacy documents, their
versions (the file itself, stored in the database) and each version's status path.

Who does what:
- reading: VIEW_REPORTS (director, security officer, FG, board);
- adding documents, new versions, GMR consent or refusal, publishing, recording an evaluation:
  MANAGE_POLICY (director, security officer, board). The GMR does not use the program: one of them
  records its decision with the date of the GMR meeting;
- FG advice: ADVISE (the FG records its own advice);
- adoption by the board: ADOPT_ANNUAL_REPORT, the permission with which the board adopts documents
  (only the board role has it), so the adoption is recorded by the board itself, as the FG records
  its own advice.

The audit log gets ids, titles, dates, file names, sizes and checksums, never a file's contents.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date
from pathlib import Path, PureWindowsPath
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ibp_desktop.core.errors import BadInputError, NotFoundError, PermissionDeniedError, StaleEditError
from ibp_desktop.core.policy.records import (
    DocumentDetail,
    DocumentInput,
    DocumentRow,
    StoredFile,
    VersionRow,
)
from ibp_desktop.core.policy.rules import MAX_FILE_BYTES, Cycle, GmrBody, Step, check_step, gmr_body_of
from ibp_desktop.core.roles import Permission
from ibp_desktop.resources import resource_path
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.policy.rows import document_row, document_rows, version_dates, version_row
from ibp_desktop.services.registers_common import school_scope, versioned_edit
from ibp_desktop.services.requests.register import today_here
from ibp_desktop.store.database import ReadOnlyDatabaseError
from ibp_desktop.store.models import Setting
from ibp_desktop.store.policy_models import PolicyDocument, PolicyVersion
from ibp_desktop.store.types import utc_now

SEEDED_KEY = "policy_documents_seeded"
STALE = (
    "Iemand anders heeft dit document net gewijzigd. Uw wijziging is niet opgeslagen. Open het document "
    "opnieuw en probeer het nog eens."
)
# Extension -> (media type, how the file starts): PDF, Word (docx is a zip, doc an OLE file).
FILE_TYPES: dict[str, tuple[str, bytes]] = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04"),
    ".doc": ("application/msword", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
}
STEP_PERMISSIONS: dict[Step, Permission] = {
    Step.FG_ADVICE: Permission.ADVISE,
    Step.PROPOSE: Permission.MANAGE_POLICY,
    Step.ADOPT: Permission.ADOPT_ANNUAL_REPORT,
    Step.GMR_CONSENT: Permission.MANAGE_POLICY,
    Step.GMR_REFUSE: Permission.MANAGE_POLICY,
    Step.PUBLISH: Permission.MANAGE_POLICY,
}
STEP_WHO: dict[Step, str] = {
    Step.FG_ADVICE: "Alleen de FG kan het FG-advies vastleggen.",
    Step.PROPOSE: "U heeft geen rechten om een voorgenomen besluit aan de GMR voor te leggen.",
    Step.ADOPT: "Alleen het bestuur kan vastleggen dat het bestuur dit document heeft vastgesteld.",
    Step.GMR_CONSENT: "U heeft geen rechten om het besluit van de GMR vast te leggen.",
    Step.GMR_REFUSE: "U heeft geen rechten om het besluit van de GMR vast te leggen.",
    Step.PUBLISH: "U heeft geen rechten om beleidsdocumenten te publiceren.",
}

__all__ = [
    "DocumentDetail",
    "DocumentInput",
    "DocumentRow",
    "PolicyDocumentService",
    "StoredFile",
    "VersionRow",
]


class PolicyDocumentService(Service):
    # --- reading ---------------------------------------------------------------------------------------

    def list_documents(self, school_id: int | None = None, today: date | None = None) -> list[DocumentRow]:
        """The board's documents and those of the school (or of every school the user may see)."""
        self._seed_once()
        with self._work(Permission.VIEW_REPORTS, school_id=school_id) as work:
            schools = school_scope(work, school_id)
            return document_rows(work.session, schools, today or today_here())

    def detail(self, document_id: int, today: date | None = None) -> DocumentDetail:
        with self._work(Permission.VIEW_REPORTS) as work:
            document = _document(work, document_id)
            row = document_row(work.session, document, today or today_here())
            body = gmr_body_of(document.gmr_body)
            versions = tuple(version_row(v, body) for v in reversed(document.versions))
            return DocumentDetail(row, versions)

    def problems(
        self, today: date | None = None, school_ids: frozenset[int] | None = None
    ) -> list[DocumentRow]:
        """Documents without GMR consent or past their evaluation (for the dashboard and annual report)."""
        with self._work(Permission.VIEW_REPORTS) as work:
            wanted = sorted(
                work.actor.school_ids if school_ids is None else school_ids & work.actor.school_ids
            )
            rows = document_rows(work.session, wanted, today or today_here())
            return [r for r in rows if r.lacks_gmr_consent or r.evaluation_overdue]

    def file(self, version_id: int) -> StoredFile:
        """The stored file, byte for byte as it was added (checked against its SHA-256)."""
        with self._work(Permission.VIEW_REPORTS) as work:
            version = _version(work, version_id)
            content = bytes(version.content)
            if hashlib.sha256(content).hexdigest() != version.sha256:
                raise BadInputError(
                    f"Het opgeslagen bestand '{version.file_name}' is beschadigd "
                    "(de controlesom klopt niet). "
                    "Zet een back-up terug of voeg het bestand opnieuw toe."
                )
            return StoredFile(version.file_name, version.media_type, content, version.sha256)

    # --- documents ---------------------------------------------------------------------------------------

    # The edits return the document with its status on ``today``: the program passes the day its page
    # shows; the command line leaves it to the real day.

    def add_document(self, facts: DocumentInput, today: date | None = None) -> DocumentRow:
        clean = _check(facts)
        with self._work(Permission.MANAGE_POLICY) as work:
            if clean.school_id is not None:
                work.require_school(clean.school_id)
            document = PolicyDocument(
                school_id=clean.school_id,
                title=clean.title,
                cycle=clean.cycle.value,
                requires_gmr=clean.requires_gmr,
                gmr_body=clean.gmr_body.value if clean.gmr_body else "",
                description=clean.description,
                sort_order=100,
            )
            work.session.add(document)
            work.session.flush()
            _log(work, "policy_document_added", document)
            return document_row(work.session, document, today or today_here())

    def update_document(
        self, document_id: int, version: int, facts: DocumentInput, today: date | None = None
    ) -> DocumentRow:
        clean = _check(facts)
        with self._edit(document_id, version) as (work, document):
            document.title = clean.title
            document.cycle = clean.cycle.value
            document.requires_gmr = clean.requires_gmr
            document.gmr_body = clean.gmr_body.value if clean.gmr_body else ""
            document.description = clean.description
            _log(work, "policy_document_changed", document)
            return document_row(work.session, document, today or today_here())

    def remove_document(self, document_id: int, version: int) -> None:
        with self._edit(document_id, version) as (work, document):
            if document.versions:
                raise BadInputError(
                    f"'{document.title}' heeft al versies en blijft daarom bewaard (verantwoording). "
                    "Voeg een nieuwe versie toe als de tekst verandert."
                )
            work.audit(
                "policy_document_removed", "policy_document", document.id, before=_audit_view(document)
            )
            work.session.delete(document)

    def record_evaluation(
        self, document_id: int, version: int, on: date, note: str = "", today: date | None = None
    ) -> DocumentRow:
        """The board evaluated the document without a new version; the next evaluation counts from ``on``,
        which may not be after ``today`` (the program's day, which its date field allows; default the
        real day)."""
        day = today or today_here()
        if on > day:
            raise BadInputError(
                f"De datum {on:%d-%m-%Y} ligt in de toekomst. Vul de datum van de evaluatie in."
            )
        with self._edit(document_id, version) as (work, document):
            document.last_evaluated_on = on
            document.evaluation_note = note.strip()
            _log(work, "policy_document_evaluated", document)
            return document_row(work.session, document, day)

    # --- versions ----------------------------------------------------------------------------------------

    def add_version_file(self, document_id: int, path: Path, note: str = "") -> VersionRow:
        try:
            size = path.stat().st_size
        except OSError as error:
            raise BadInputError(
                f"Het bestand {path} kan niet worden gelezen. Kies het bestand opnieuw."
            ) from error
        _check_size(path.name, size)
        return self.add_version(document_id, path.name, path.read_bytes(), note)

    def add_version(self, document_id: int, file_name: str, content: bytes, note: str = "") -> VersionRow:
        """A new version starts the status path again as a concept."""
        media_type = _check_file(file_name, content)
        with self._work(Permission.MANAGE_POLICY) as work:
            document = _document(work, document_id)
            number = max((v.number for v in document.versions), default=0) + 1
            version = PolicyVersion(
                number=number,
                file_name=PureWindowsPath(file_name).name,  # also strips C:\map\ on Linux
                media_type=media_type,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                content=content,
                note=note.strip(),
                uploaded_at=utc_now(),
                uploaded_by_name=work.actor.full_name,
            )
            document.versions.append(version)
            work.session.flush()
            work.audit(
                "policy_version_added",
                "policy_document",
                document.id,
                after={
                    "version": number,
                    "file": version.file_name,
                    "size": version.size,
                    "sha256": version.sha256,
                },
                school_id=document.school_id,
            )
            return version_row(version, gmr_body_of(document.gmr_body))

    def take_step(
        self, version_id: int, version: int, step: Step, on: date, text: str = "", today: date | None = None
    ) -> VersionRow:
        """The next step of the path on ``on``; ``text`` is the FG's advice or the GMR's refusal reason."""
        day = today or today_here()
        try:
            with self._work(Permission.VIEW_REPORTS) as work:
                if not work.actor.can(STEP_PERMISSIONS[step]):
                    raise PermissionDeniedError(STEP_WHO[step])
                row = _version(work, version_id)
                if row.version != version:
                    raise StaleEditError(STALE)
                document = _document(work, row.document_id)
                if row.id != document.versions[-1].id:
                    raise BadInputError(
                        "Er is een nieuwere versie van dit document. Werk met de nieuwste versie."
                    )
                body = gmr_body_of(document.gmr_body)
                dates = check_step(version_dates(row), body, step, on, day, text)
                _apply_step(row, step, dates, text.strip(), work.actor.full_name)
                work.session.flush()
                work.audit(
                    "policy_step",
                    "policy_document",
                    document.id,
                    after={"version": row.number, "step": step.value, "on": on.isoformat()},
                    school_id=document.school_id,
                )
                return version_row(row, body)
        except StaleDataError as error:
            raise StaleEditError(STALE) from error

    # --- helpers -----------------------------------------------------------------------------------------

    def _seed_once(self) -> None:
        """The six GMR documents, once per database (removing them later does not bring them back)."""
        with self.database.transaction() as session:
            if session.get(Setting, SEEDED_KEY) is not None:
                return
        try:
            with self._work(Permission.VIEW_REPORTS) as work:
                seed_documents(work.session)
        except ReadOnlyDatabaseError:
            pass  # opened read-only next to another program: that program seeds them

    def _edit(self, document_id: int, version: int) -> AbstractContextManager[tuple[Work, PolicyDocument]]:
        work_in = self._work(Permission.MANAGE_POLICY)
        return versioned_edit(work_in, lambda work: _document(work, document_id), version, STALE)


def default_documents(only_defaults: bool = True) -> list[dict[str, Any]]:
    """The seed list (resources/seed/policy_documents.json); with ``only_defaults=False`` also the
    optional ones the GUI offers as suggestions."""
    raw: list[dict[str, Any]] = json.loads(
        resource_path("seed", "policy_documents.json").read_text(encoding="utf-8")
    )
    return [d for d in raw if d["default"] or not only_defaults]


def seed_documents(session: Session) -> None:
    if session.get(Setting, SEEDED_KEY) is not None:
        return
    existing = set(session.scalars(select(PolicyDocument.code).where(PolicyDocument.school_id.is_(None))))
    for order, item in enumerate(default_documents()):
        if item["code"] in existing:
            continue
        session.add(
            PolicyDocument(
                school_id=None,
                code=item["code"],
                title=item["title"],
                cycle=Cycle(item["cycle"]).value,
                requires_gmr=bool(item["requires_gmr"]),
                gmr_body=item.get("gmr_body", ""),
                description=item["description"],
                sort_order=order,
            )
        )
    session.add(Setting(key=SEEDED_KEY, value="1"))


def _apply_step(row: PolicyVersion, step: Step, dates: Any, text: str, who: str) -> None:
    row.fg_advice_on, row.adopted_on = dates.fg_advice_on, dates.adopted_on
    row.proposed_on = dates.proposed_on
    row.gmr_consent_on, row.gmr_refused_on = dates.gmr_consent_on, dates.gmr_refused_on
    row.published_on = dates.published_on
    if step is Step.FG_ADVICE:
        row.fg_advice, row.fg_advice_by_name = text, who
    elif step is Step.PROPOSE:
        row.proposed_by_name = who
    elif step is Step.ADOPT:
        row.adopted_by_name = who
    elif step in (Step.GMR_CONSENT, Step.GMR_REFUSE):
        row.gmr_recorded_by_name = who
        row.gmr_refusal_reason = text if step is Step.GMR_REFUSE else ""
    else:
        row.published_by_name = who


def _check(facts: DocumentInput) -> DocumentInput:
    title = " ".join(facts.title.split())
    if not title:
        raise BadInputError("Vul de titel van het document in, bijvoorbeeld 'Protocol datalekken'.")
    if len(title) > 200:
        raise BadInputError("De titel is te lang (meer dan 200 tekens). Zet de details in de toelichting.")
    # The GMR's consent right goes with a section; a document that needs consent without one named
    # goes to the whole GMR (the safe choice: every section then votes).
    body = facts.gmr_body or (GmrBody.WHOLE if facts.requires_gmr else None)
    description = facts.description.strip()
    return replace(facts, title=title, description=description, gmr_body=body, requires_gmr=body is not None)


def _check_size(file_name: str, size: int) -> None:
    if size > MAX_FILE_BYTES:
        megabytes = size / (1024 * 1024)
        raise BadInputError(
            f"Het bestand '{file_name}' is {megabytes:.1f} MB. Dat is te groot: de grens is "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB. Sla het op als kleinere PDF en probeer opnieuw."
        )


def _check_file(file_name: str, content: bytes) -> str:
    """The media type, or a Dutch BadInputError for an empty, too large or unknown file."""
    _check_size(file_name, len(content))
    suffix = Path(file_name).suffix.lower()
    if suffix not in FILE_TYPES:
        raise BadInputError(
            f"'{file_name}' is geen PDF- of Word-bestand. "
            "Kies een bestand dat eindigt op .pdf, .docx of .doc."
        )
    if not content:
        raise BadInputError(f"Het bestand '{file_name}' is leeg. Kies het juiste bestand.")
    media_type, magic = FILE_TYPES[suffix]
    if not content.startswith(magic):
        raise BadInputError(
            f"'{file_name}' is geen echt {suffix[1:].upper()}-bestand (de inhoud past niet bij de naam). "
            "Sla het document opnieuw op als PDF of Word en probeer het nog eens."
        )
    return media_type


def _document(work: Work, document_id: int) -> PolicyDocument:
    document = work.session.get(PolicyDocument, document_id)
    if document is None or (
        document.school_id is not None and document.school_id not in work.actor.school_ids
    ):
        raise NotFoundError("Dit document bestaat niet (meer).")
    return document


def _version(work: Work, version_id: int) -> PolicyVersion:
    version = work.session.get(PolicyVersion, version_id)
    if version is None:
        raise NotFoundError("Deze versie bestaat niet (meer).")
    _document(work, version.document_id)  # checks the school
    return version


def _audit_view(document: PolicyDocument) -> dict[str, Any]:
    return {
        "title": document.title,
        "cycle": document.cycle,
        "requires_gmr": document.requires_gmr,
        "gmr_body": document.gmr_body,
        "evaluated_on": document.last_evaluated_on.isoformat() if document.last_evaluated_on else None,
    }


def _log(work: Work, action: str, document: PolicyDocument) -> None:
    work.audit(
        action, "policy_document", document.id, after=_audit_view(document), school_id=document.school_id
    )
