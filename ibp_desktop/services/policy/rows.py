"""Turning policy-document rows of the database into plain records (session level, no permission checks:
the services call these inside their unit of work, the dashboard inside its own)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ibp_desktop.core.incidents.rules import search_key
from ibp_desktop.core.policy.records import DocumentRow, VersionRow
from ibp_desktop.core.policy.rules import (
    Cycle,
    GmrBody,
    VersionDates,
    document_state,
    gmr_body_of,
    next_steps,
)
from ibp_desktop.store.models import School
from ibp_desktop.store.policy_models import PolicyDocument, PolicyVersion

BOARD_WIDE = "Hele bestuur"


def version_dates(version: PolicyVersion) -> VersionDates:
    return VersionDates(
        fg_advice_on=version.fg_advice_on,
        adopted_on=version.adopted_on,
        gmr_consent_on=version.gmr_consent_on,
        gmr_refused_on=version.gmr_refused_on,
        published_on=version.published_on,
        proposed_on=version.proposed_on,
    )


def version_row(version: PolicyVersion, body: GmrBody | None) -> VersionRow:
    dates = version_dates(version)
    return VersionRow(
        id=version.id,
        version=version.version,
        document_id=version.document_id,
        number=version.number,
        file_name=version.file_name,
        media_type=version.media_type,
        size=version.size,
        sha256=version.sha256,
        uploaded_at=version.uploaded_at,
        uploaded_by=version.uploaded_by_name,
        note=version.note,
        stage=dates.stage,
        fg_advice_on=version.fg_advice_on,
        fg_advice=version.fg_advice,
        adopted_on=version.adopted_on,
        gmr_consent_on=version.gmr_consent_on,
        gmr_refused_on=version.gmr_refused_on,
        gmr_refusal_reason=version.gmr_refusal_reason,
        published_on=version.published_on,
        next_steps=tuple(next_steps(dates, body)),
        proposed_on=version.proposed_on,
        adopted_without_prior_consent=dates.adopted_without_prior_consent(body),
    )


def document_row(
    session: Session, document: PolicyDocument, today: date, names: dict[int, str] | None = None
) -> DocumentRow:
    if document.school_id is None:
        scope = BOARD_WIDE
    elif names is not None:
        scope = names.get(document.school_id, "")
    else:
        school = session.get(School, document.school_id)
        scope = school.name if school else ""
    cycle = Cycle(document.cycle)
    body = gmr_body_of(document.gmr_body)
    dates = [version_dates(v) for v in document.versions]
    state = document_state(dates, body, cycle, document.last_evaluated_on, today)
    latest = version_row(document.versions[-1], body) if document.versions else None
    return DocumentRow(
        id=document.id,
        version=document.version,
        school_id=document.school_id,
        scope=scope,
        title=document.title,
        code=document.code,
        cycle=cycle,
        requires_gmr=document.requires_gmr,
        description=document.description,
        last_evaluated_on=document.last_evaluated_on,
        evaluation_note=document.evaluation_note,
        versions=len(document.versions),
        latest=latest,
        status_text=state.label,
        level=state.level,
        lacks_gmr_consent=state.lacks_gmr_consent,
        evaluation_due=state.evaluation_due,
        evaluation_overdue=state.evaluation_overdue,
        gmr_body=body,
    )


def document_rows(session: Session, school_ids: list[int], today: date) -> list[DocumentRow]:
    """Board-wide documents and those of these schools: the defaults first, then by title."""
    query = select(PolicyDocument).where(
        or_(PolicyDocument.school_id.in_(school_ids), PolicyDocument.school_id.is_(None))
    )
    names = {i: n for i, n in session.execute(select(School.id, School.name)).all()}
    documents = session.scalars(query).all()
    ordered = sorted(documents, key=lambda d: (d.sort_order, search_key(d.title), d.id))
    return [document_row(session, d, today, names) for d in ordered]
