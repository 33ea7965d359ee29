"""The pupils x purposes grid read set-based: two queries of plain columns for a group or a whole school.

The consent rules (core.consent.rules) look at each guardian's latest decision per purpose only (the
relation is the guardian's slot: ouder/verzorger 1, 2, voogd, the pupil from 16). So the grid does not
need a pupil's whole history: one query ranks the decisions up to the day per (pupil, purpose, relation)
with a window function and returns the latest of each, for all enrolled pupils of the group or school at
once (a join through the pupils' school index, then the decisions' (pupil, purpose) index per pupil; no
per-pupil round trip, no ORM objects). The statuses are the same as from the whole history
(tests/services/test_consent_grid_queries.py checks that on long made-up histories).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from ibp_desktop.core.consent.names import collation_key, display_name, sort_key
from ibp_desktop.core.consent.rules import Decision, Relation, consent_status
from ibp_desktop.core.consent.school_year import school_year_of
from ibp_desktop.core.errors import NotFoundError
from ibp_desktop.services.consent.forms import FormVersionInfo, form_info
from ibp_desktop.services.consent.queries import (
    GroupConsentGrid,
    PupilConsentStatus,
    PupilRef,
    PurposeStatus,
    not_allowed_lists,
    school_groups,
)
from ibp_desktop.store.consent_models import ConsentDecision, ConsentFormVersion
from ibp_desktop.store.models import Group, Pupil, School

History = dict[int, dict[int, list[Decision]]]  # pupil id -> purpose id -> latest decision per relation


def _enrolled(school_id: int, group_id: int | None, on: date) -> list[ColumnElement[bool]]:
    """Pupils at school on ``on`` (not deregistered, or only after that day), of one group or all."""
    where = [Pupil.school_id == school_id, or_(Pupil.deregistered_on.is_(None), Pupil.deregistered_on > on)]
    return where if group_id is None else [*where, Pupil.group_id == group_id]


def enrolled_refs(session: Session, school_id: int, group_id: int | None, on: date) -> list[PupilRef]:
    """The pupils at school on ``on`` (one group, or all) in Dutch register order, as plain rows."""
    query = select(
        Pupil.id,
        Pupil.pupil_number,
        Pupil.first_name,
        Pupil.infix,
        Pupil.last_name,
        Pupil.group_id,
        Group.name,
        Pupil.date_of_birth,
        Pupil.deregistered_on,
    ).outerjoin(Group, Group.id == Pupil.group_id)
    # By id first, so pupils with the very same name keep one order; the Dutch collation (case and
    # diacritics folded, last name first) has no SQL equivalent on both backends.
    query = query.where(*_enrolled(school_id, group_id, on)).order_by(Pupil.id)
    rows = sorted(session.connection().execute(query).all(), key=lambda r: collation_key(r[2], r[3], r[4]))
    return [
        PupilRef(
            id=pupil_id,
            pupil_number=number,
            name=display_name(first, infix, last),
            sort_name=sort_key(first, infix, last),
            group_id=group,
            group_name=group_name or "",
            date_of_birth=born,
            deregistered_on=left,
        )
        for pupil_id, number, first, infix, last, group, group_name, born, left in rows
    ]


def latest_decisions(
    session: Session, school_id: int, group_id: int | None, on: date, purpose_ids: Sequence[int]
) -> History:
    """Per enrolled pupil and purpose the latest decision of each relation given on or before ``on``
    (by date, then recording order), with the form version as its number: one query."""
    rank = (
        func.row_number()
        .over(
            partition_by=(ConsentDecision.pupil_id, ConsentDecision.purpose_id, ConsentDecision.relation),
            order_by=(ConsentDecision.given_on.desc(), ConsentDecision.id.desc()),
        )
        .label("rank")
    )
    ranked = (
        select(
            ConsentDecision.pupil_id,
            ConsentDecision.purpose_id,
            ConsentDecision.granted,
            ConsentDecision.relation,
            ConsentDecision.given_on,
            ConsentFormVersion.number,
            ConsentDecision.withdrawal,
            ConsentDecision.id,
            rank,
        )
        .select_from(Pupil)
        .join(ConsentDecision, ConsentDecision.pupil_id == Pupil.id)
        .join(ConsentFormVersion, ConsentFormVersion.id == ConsentDecision.form_version_id)
        .where(*_enrolled(school_id, group_id, on))
        .where(ConsentDecision.given_on <= on, ConsentDecision.purpose_id.in_(list(purpose_ids)))
        .subquery("ranked")
    )
    c = ranked.c
    query = (
        select(c.pupil_id, c.purpose_id, c.granted, c.relation, c.given_on, c.number, c.withdrawal, c.id)
        .where(c.rank == 1)
        .order_by(c.pupil_id, c.purpose_id, c.relation)
    )
    found: History = {}
    relations = {r.value: r for r in Relation}
    rows = session.connection().execute(query).all()  # one fetch, not a round per row
    for pupil_id, purpose_id, granted, relation, given_on, number, withdrawal, row_id in rows:
        found.setdefault(pupil_id, {}).setdefault(purpose_id, []).append(
            Decision(bool(granted), relations[relation], given_on, number, bool(withdrawal), row_id)
        )
    return found


def grid_rows(
    session: Session, school_id: int, group_id: int | None, form: FormVersionInfo, on: date
) -> list[PupilConsentStatus]:
    """Every enrolled pupil's status per purpose of the form, in register order: two queries."""
    refs = enrolled_refs(session, school_id, group_id, on)
    if not refs:
        return []
    history = latest_decisions(session, school_id, group_id, on, [p.purpose_id for p in form.purposes])
    grants_from = school_year_of(on).starts_on if form.yearly else None
    purposes = form.purposes
    empty: dict[int, list[Decision]] = {}
    rows = []
    for ref in refs:
        decisions = history.get(ref.id, empty)
        statuses = tuple(
            PurposeStatus(
                fp.purpose_id,
                fp.code,
                fp.label,
                consent_status(
                    decisions.get(fp.purpose_id, ()),
                    asked_since=fp.asked_since,
                    date_of_birth=ref.date_of_birth,
                    on=on,
                    grants_from=grants_from,
                ),
            )
            for fp in purposes
        )
        rows.append(PupilConsentStatus(pupil=ref, form_number=form.number, on=on, purposes=statuses))
    return rows


def build_grid(
    session: Session,
    school_id: int,
    group_id: int | None,
    form_version: ConsentFormVersion,
    on: date,
    form: FormVersionInfo | None = None,  # already read, when building many groups on one form
) -> GroupConsentGrid:
    """Pupils x purposes of one group (None: the whole school) and per purpose who may NOT."""
    form = form or form_info(session, form_version)
    school = session.get(School, school_id)
    group = session.get(Group, group_id) if group_id is not None else None
    if group_id is not None and (group is None or group.school_id != school_id):
        raise NotFoundError("Deze groep bestaat niet (meer). Vernieuw het scherm.")
    rows = grid_rows(session, school_id, group_id, form, on)
    return GroupConsentGrid(
        school_id=school_id,
        school_name=school.name if school else "",
        group_id=group_id,
        group_name=group.name if group else "Alle groepen",
        school_year=school_year_of(on).label,
        on=on,
        form=form,
        rows=tuple(rows),
        not_allowed=not_allowed_lists(form, rows),
    )


def school_grids(
    session: Session, school_id: int, school_name: str, form: FormVersionInfo, on: date
) -> list[GroupConsentGrid]:
    """Every group of the school, as ``build_grid`` gives them one by one, from the same two queries
    for the whole school (not two per group)."""
    by_group: dict[int | None, list[PupilConsentStatus]] = defaultdict(list)
    for row in grid_rows(session, school_id, None, form, on):  # register order within each group
        by_group[row.pupil.group_id].append(row)
    year = school_year_of(on).label
    grids = []
    for group in school_groups(session, school_id):
        rows = by_group[group.id]
        grids.append(GroupConsentGrid(school_id, school_name, group.id, group.name, year, on, form,
                                      tuple(rows), not_allowed_lists(form, rows)))  # fmt: skip
    return grids
