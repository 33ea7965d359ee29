"""Evidence files (PDF, images, e-mails as .eml/.msg) attached to incidents, requests, DPIAs, complaints
and processor agreements.

The bytes are kept in the database, which SQLCipher encrypts on a school PC (and a board's PostgreSQL
server keeps on its own encrypted disk). Whoever may read the record may open its files; whoever may
change the record may add or remove them. Files go when their record goes (``delete_evidence``), also in
a retention run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, undefer

from ibp_desktop.core.accountability.records import EvidenceRow
from ibp_desktop.core.errors import BadInputError, NotFoundError, PermissionDeniedError
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.context import PERMISSION_DENIED, Service, Work, _permission_text
from ibp_desktop.store.incident_models import Incident
from ibp_desktop.store.processing_models import Complaint, Dpia, EvidenceFile
from ibp_desktop.store.request_models import SubjectRequest, Supplier

MAX_BYTES = 20 * 1024 * 1024
# extension -> (media type, the first bytes such a file starts with; None: plain text, no signature)
FILE_TYPES: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    ".tif": ("image/tiff", (b"II*\x00", b"MM\x00*")),
    ".tiff": ("image/tiff", (b"II*\x00", b"MM\x00*")),
    ".heic": ("image/heic", None),
    ".eml": ("message/rfc822", None),
    ".msg": ("application/vnd.ms-outlook", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
}
KIND_LABELS = {
    "incident": "incident",
    "request": "verzoek",
    "dpia": "DPIA",
    "complaint": "klacht",
    "agreement": "verwerkersovereenkomst",
}


@dataclass(frozen=True)
class _Owner:
    school_id: int | None
    pupil_id: int | None
    view: Permission
    manage: Permission


class EvidenceService(Service):
    def list_files(self, kind: str, owner_id: int) -> list[EvidenceRow]:
        with self._work(Permission.VIEW_DASHBOARD) as work:
            _owner(work, kind, owner_id, manage=False)
            return evidence_rows(work.session, kind, owner_id)

    def attach(self, kind: str, owner_id: int, file_name: str, data: bytes, note: str = "") -> EvidenceRow:
        name, media_type = check_file(file_name, data)
        with self._work(Permission.VIEW_DASHBOARD) as work:
            owner = _owner(work, kind, owner_id, manage=True)
            item = EvidenceFile(
                school_id=owner.school_id,
                owner_kind=kind,
                owner_id=owner_id,
                pupil_id=owner.pupil_id,
                file_name=name,
                media_type=media_type,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                content=data,
                note=note.strip(),
                added_by_name=work.actor.full_name,
            )
            work.session.add(item)
            work.session.flush()
            work.audit("evidence_added", kind, owner_id, after=_audit(item), school_id=owner.school_id)
            return _row(item)

    def content(self, evidence_id: int) -> tuple[EvidenceRow, bytes]:
        """The file's bytes, to open in the system viewer or save; the audit log notes who opened it."""
        with self._work(Permission.VIEW_DASHBOARD) as work:
            item = work.session.scalars(
                select(EvidenceFile)
                .where(EvidenceFile.id == evidence_id)
                .options(undefer(EvidenceFile.content))
            ).first()
            if item is None:
                raise NotFoundError("Dit bestand bestaat niet (meer).")
            owner = _owner(work, item.owner_kind, item.owner_id, manage=False)
            work.audit(
                "evidence_opened",
                item.owner_kind,
                item.owner_id,
                after=_audit(item),
                school_id=owner.school_id,
            )
            return _row(item), bytes(item.content)

    def remove(self, evidence_id: int) -> None:
        with self._work(Permission.VIEW_DASHBOARD) as work:
            item = work.session.get(EvidenceFile, evidence_id)
            if item is None:
                raise NotFoundError("Dit bestand bestaat niet (meer).")
            owner = _owner(work, item.owner_kind, item.owner_id, manage=True)
            work.audit(
                "evidence_removed",
                item.owner_kind,
                item.owner_id,
                before=_audit(item),
                school_id=owner.school_id,
            )
            work.session.delete(item)


def check_file(file_name: str, data: bytes) -> tuple[str, str]:
    """The bare file name and its media type; a Dutch message naming the file when it cannot be kept."""
    name = PurePath(file_name.replace("\\", "/")).name.strip()
    if not name:
        raise BadInputError("Het bestand heeft geen naam.")
    known = FILE_TYPES.get(PurePath(name).suffix.lower())
    if known is None:
        raise BadInputError(
            f"{name}: dit soort bestand kan niet als bewijsstuk worden bewaard. Kies een PDF, een afbeelding "
            "(JPG, PNG, GIF, TIFF, HEIC) of een e-mail (.eml of .msg)."
        )
    if not data:
        raise BadInputError(f"{name} is leeg. Er is niets bewaard.")
    if len(data) > MAX_BYTES:
        raise BadInputError(
            f"{name} is {_megabytes(len(data))}; de grens is {_megabytes(MAX_BYTES)} per bestand. "
            "Er is niets bewaard. Maak het bestand kleiner (bijvoorbeeld een scan in een lagere "
            "resolutie) of bewaar alleen de pagina's die ertoe doen."
        )
    media_type, signatures = known
    if signatures is not None and not data.startswith(signatures):
        raise BadInputError(
            f"{name} is geen echt {PurePath(name).suffix.lower()[1:].upper()}-bestand "
            "(de inhoud past niet bij de naam). Er is niets bewaard."
        )
    return name, media_type


def evidence_rows(session: Session, kind: str, owner_id: int) -> list[EvidenceRow]:
    query = (
        select(EvidenceFile)
        .where(EvidenceFile.owner_kind == kind, EvidenceFile.owner_id == owner_id)
        .order_by(EvidenceFile.added_at, EvidenceFile.id)
    )
    return [_row(item) for item in session.scalars(query).all()]


def pupil_evidence(session: Session, pupil_id: int) -> list[tuple[EvidenceRow, str]]:
    """Files that concern this pupil, with the record they belong to ("verzoek 2026-003"): those of the
    requests about the pupil and those marked with the pupil (for the access-request PDF)."""
    requests = {
        i: n
        for i, n in session.execute(
            select(SubjectRequest.id, SubjectRequest.number).where(SubjectRequest.pupil_id == pupil_id)
        )
    }
    query = (
        select(EvidenceFile)
        .where(
            (EvidenceFile.pupil_id == pupil_id)
            | ((EvidenceFile.owner_kind == "request") & EvidenceFile.owner_id.in_(sorted(requests) or [0]))
        )
        .order_by(EvidenceFile.added_at, EvidenceFile.id)
    )
    found = []
    for item in session.scalars(query).all():
        number = requests.get(item.owner_id, "") if item.owner_kind == "request" else ""
        found.append((_row(item), f"{KIND_LABELS.get(item.owner_kind, item.owner_kind)} {number}".strip()))
    return found


def delete_evidence(session: Session, kind: str, owner_ids: Sequence[int]) -> int:
    """Remove the files of these records (their record is deleted in the same transaction)."""
    if not owner_ids:
        return 0
    statement = delete(EvidenceFile).where(
        EvidenceFile.owner_kind == kind, EvidenceFile.owner_id.in_(owner_ids)
    )
    result = session.execute(statement.execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0) or 0)


def _owner(work: Work, kind: str, owner_id: int, *, manage: bool) -> _Owner:
    found = _find_owner(work.session, kind, owner_id)
    if found is None:
        raise NotFoundError(f"Dit {KIND_LABELS.get(kind, kind)} bestaat niet (meer).")
    permission = found.manage if manage else found.view
    if not work.actor.can(permission):
        raise PermissionDeniedError(PERMISSION_DENIED.format(what=_permission_text(permission)))
    if found.school_id is not None:
        work.require_school(found.school_id)
    return found


def _find_owner(session: Session, kind: str, owner_id: int) -> _Owner | None:
    P = Permission
    if kind == "incident":
        incident = session.get(Incident, owner_id)
        return _Owner(incident.school_id, None, P.VIEW_INCIDENTS, P.MANAGE_INCIDENTS) if incident else None
    if kind == "request":
        request = session.get(SubjectRequest, owner_id)
        if request is None:
            return None
        return _Owner(request.school_id, request.pupil_id, P.VIEW_REQUESTS, P.MANAGE_REQUESTS)
    if kind == "dpia":
        dpia = session.get(Dpia, owner_id)
        return _Owner(dpia.school_id, None, P.VIEW_DPIAS, P.MANAGE_DPIAS) if dpia else None
    if kind == "complaint":
        complaint = session.get(Complaint, owner_id)
        return (
            _Owner(complaint.school_id, None, P.VIEW_COMPLAINTS, P.MANAGE_COMPLAINTS) if complaint else None
        )
    if kind == "agreement":
        supplier = session.get(Supplier, owner_id)
        return _Owner(None, None, P.VIEW_PROCESSORS, P.MANAGE_PROCESSORS) if supplier else None
    raise BadInputError(f"Onbekend soort dossier: {kind}.")


def _row(item: EvidenceFile) -> EvidenceRow:
    return EvidenceRow(
        item.id,
        item.owner_kind,
        item.owner_id,
        item.file_name,
        item.media_type,
        item.size,
        item.note,
        item.added_at,
        item.added_by_name,
        item.pupil_id,
    )


def _audit(item: EvidenceFile) -> dict[str, object]:
    # The file name may name a person: only the type, size and checksum go into the audit log.
    return {"evidence_id": item.id, "media_type": item.media_type, "size": item.size, "sha256": item.sha256}


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
