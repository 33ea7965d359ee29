"""Requests as plain rows: one SELECT with school and pupil, filtered for list, register and dashboard.

The text filter runs in Python on folded text (case and accents ignored: "sukru" finds "Şükrü"), so it
behaves the same on SQLite and PostgreSQL; dates and schools are filtered in the database.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ibp_desktop.core import requests as rules
from ibp_desktop.core.consent.names import display_name
from ibp_desktop.core.incidents.rules import search_key
from ibp_desktop.core.register_records import Remark, RequestDetail, RequestInput, RequestRow
from ibp_desktop.store.models import Board, Pupil, School
from ibp_desktop.store.request_models import SubjectRequest

# The columns a row shows; lists select only these (no ORM objects: 2,000 rows stay quick).
_COLUMNS = (
    SubjectRequest.id,
    SubjectRequest.version,
    SubjectRequest.school_id,
    SubjectRequest.number,
    SubjectRequest.received_on,
    SubjectRequest.requester_name,
    SubjectRequest.relation,
    SubjectRequest.right,
    SubjectRequest.pupil_id,
    SubjectRequest.deadline_on,
    SubjectRequest.extension_informed_on,
    SubjectRequest.fg_consulted,
    SubjectRequest.outcome,
    SubjectRequest.answered_on,
    SubjectRequest.handled_by_name,
)


def load_rows(
    session: Session,
    school_ids: list[int],
    today: date,
    *,
    year: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    open_due_by: date | None = None,
    text: str = "",
    oldest_first: bool = False,
) -> list[RequestRow]:
    query = (
        select(*_COLUMNS, School.brin, Pupil.first_name, Pupil.infix, Pupil.last_name)
        .join(School, School.id == SubjectRequest.school_id)
        .outerjoin(Pupil, Pupil.id == SubjectRequest.pupil_id)
        .where(SubjectRequest.school_id.in_(school_ids))
    )
    if year is not None:
        query = query.where(SubjectRequest.received_on >= date(year, 1, 1))
        query = query.where(SubjectRequest.received_on <= date(year, 12, 31))
    if date_from is not None:
        query = query.where(SubjectRequest.received_on >= date_from)
    if date_to is not None:
        query = query.where(SubjectRequest.received_on <= date_to)
    if open_due_by is not None:
        query = query.where(SubjectRequest.answered_on.is_(None), SubjectRequest.deadline_on <= open_due_by)
    order = (SubjectRequest.received_on, SubjectRequest.id)
    query = query.order_by(*order) if oldest_first else query.order_by(*(c.desc() for c in order))
    needle = search_key(text.strip())
    size = len(_COLUMNS)
    rows = []
    for record in session.execute(query).all():
        extra: tuple[Any, ...] = tuple(record[size:])
        brin, first, infix, last = extra
        pupil = display_name(first, infix, last) if first is not None else ""
        row = _make_row(tuple(record[:size]), brin, pupil, today)
        if needle and needle not in search_key(
            " ".join((row.number, row.requester_name, pupil, row.right_label, row.relation_label))
        ):
            continue
        rows.append(row)
    return rows


def to_row(request: SubjectRequest, brin: str, pupil_name: str, today: date) -> RequestRow:
    values = tuple(getattr(request, column.key) for column in _COLUMNS)
    return _make_row(values, brin, pupil_name, today)


def _make_row(values: tuple[Any, ...], brin: str, pupil_name: str, today: date) -> RequestRow:
    (id_, version, school_id, number, received, requester, relation, right, pupil_id, deadline_on,
     informed_on, fg_consulted, outcome, answered_on, handled_by) = values  # fmt: skip
    return RequestRow(
        id=id_,
        version=version,
        school_id=school_id,
        brin=brin,
        number=number,
        received_on=received,
        requester_name=requester,
        relation=rules.Relation(relation),
        right=rules.Right(right),
        pupil_id=pupil_id,
        pupil_name=pupil_name,
        deadline=rules.moved_deadline(deadline_on),
        extended=informed_on is not None,
        fg_consulted=fg_consulted,
        outcome=rules.Outcome(outcome) if outcome else None,
        answered_on=answered_on,
        handled_by=handled_by,
        status=rules.status_by_deadline(rules.moved_deadline(deadline_on), answered_on, today),
        computed_deadline=deadline_on,
    )


def to_detail(session: Session, request: SubjectRequest, today: date) -> RequestDetail:
    session.flush()
    school = session.get(School, request.school_id)
    assert school is not None
    pupil = session.get(Pupil, request.pupil_id) if request.pupil_id else None
    name = display_name(pupil.first_name, pupil.infix, pupil.last_name) if pupil else ""
    facts = RequestInput(
        received_on=request.received_on,
        requester_name=request.requester_name,
        relation=rules.Relation(request.relation),
        right=rules.Right(request.right),
        id_check=request.id_check,
        authority_checked=request.authority_checked,
        authority_note=request.authority_note,
        relation_note=request.relation_note,
        pupil_id=request.pupil_id,
        description=request.description,
        fg_consulted=request.fg_consulted,
    )
    return RequestDetail(
        row=to_row(request, school.brin, name, today),
        facts=facts,
        school_name=school.name,
        pupil_number=(pupil.pupil_number or "") if pupil else "",
        original_deadline=rules.moved_deadline(rules.deadline(request.received_on)),
        extension_reason=request.extension_reason,
        extension_informed_on=request.extension_informed_on,
        outcome_reasons=request.outcome_reasons,
        remarks=tuple(Remark(r.at, r.author_name, r.text) for r in request.remarks),
    )


def board_scope(session: Session, school_ids: list[int]) -> str:
    """The school's name for one school, else "<board>: alle scholen" (for document headers)."""
    if len(school_ids) == 1:
        school = session.get(School, school_ids[0])
        return school.name if school else ""
    board = session.scalars(select(Board.name).order_by(Board.id)).first() or ""
    return f"{board}: alle scholen".strip(": ")
