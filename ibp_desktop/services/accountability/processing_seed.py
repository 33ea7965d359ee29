"""The preloaded processing activities of a primary school, and the school's denomination (openbaar or
bijzonder) that decides their legal basis.

An openbare school's tasks rest on the public task (art. 6(1)(e)); a bijzondere school may use legitimate
interest (art. 6(1)(f)) where the seed gives it. Changing the denomination afterwards moves the preloaded
activities whose basis is still the default to the new default; bases the school chose itself stay.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ibp_desktop.core.accountability.processing import (
    Denomination,
    DpiaNeed,
    LegalBasis,
    Transfer,
    default_basis,
)
from ibp_desktop.core.errors import NotFoundError
from ibp_desktop.core.roles import Permission, Role
from ibp_desktop.resources import resource_path
from ibp_desktop.services.context import Service
from ibp_desktop.store.models import School, Setting
from ibp_desktop.store.processing_models import ActivityLink, ProcessingActivity

SEEDED_KEY = "processing_register_seeded:{school_id}"


class SchoolTypeService(Service):
    def denomination(self, school_id: int) -> Denomination:
        with self._work(Permission.VIEW_PROCESSING, school_id=school_id) as work:
            return denomination_of(work.session, school_id)

    def set_denomination(self, school_id: int, denomination: Denomination) -> int:
        """Record openbaar or bijzonder (the school's one school type, also shown in Beheer); returns how
        many preloaded activities got the new default basis. The retention schedule follows too."""
        from ibp_desktop.core.legal_basis import SchoolType
        from ibp_desktop.services.retention.legal_basis import align_retention_bases

        with self._work(Permission.MANAGE_PROCESSING, school_id=school_id) as work:
            before = denomination_of(work.session, school_id)
            school = work.session.get(School, school_id)
            if school is None:
                raise NotFoundError("Deze school bestaat niet (meer).")
            school.school_type = denomination.value
            moved = _move_defaults(work.session, school_id, before, denomination)
            align_retention_bases(work, school_id, SchoolType(denomination.value))
            work.audit(
                "denomination_set", "school", school_id, before={"denomination": before.value},
                after={"denomination": denomination.value, "bases_changed": moved}, school_id=school_id,
            )  # fmt: skip
            return moved


def denomination_of(session: Session, school_id: int) -> Denomination:
    """The school type kept on the school (Beheer and this register share it); openbaar until chosen."""
    school = session.get(School, school_id)
    known = school is not None and school.school_type in set(Denomination)
    return Denomination(school.school_type) if known and school is not None else Denomination.PUBLIC


def move_processing_defaults(session: Session, school_id: int, before: str, after: str) -> int:
    """After the school type changed elsewhere (Beheer): the preloaded activities' default bases follow."""
    old = Denomination(before) if before in set(Denomination) else Denomination.PUBLIC
    return _move_defaults(session, school_id, old, Denomination(after))


def default_activities() -> list[dict[str, Any]]:
    raw: list[dict[str, Any]] = json.loads(
        resource_path("seed", "processing_activities.json").read_text(encoding="utf-8")
    )
    return raw


def _basis(item: dict[str, Any], denomination: Denomination) -> LegalBasis:
    private = item.get("private_basis")
    return default_basis(LegalBasis(item["basis"]), LegalBasis(private) if private else None, denomination)


def _move_defaults(session: Session, school_id: int, old: Denomination, new: Denomination) -> int:
    by_code = {item["code"]: item for item in default_activities()}
    moved = 0
    query = select(ProcessingActivity).where(ProcessingActivity.school_id == school_id)
    for activity in session.scalars(query).all():
        item = by_code.get(activity.code)
        if item is None or activity.legal_basis != _basis(item, old).value:
            continue  # the school's own activity, or a basis the school chose itself
        wanted = _basis(item, new).value
        if wanted != activity.legal_basis:
            activity.legal_basis = wanted
            moved += 1
    return moved


def seed_activities(session: Session, school_id: int) -> None:
    key = SEEDED_KEY.format(school_id=school_id)
    if session.get(Setting, key) is not None:
        return
    denomination = denomination_of(session, school_id)
    taken = set(
        session.scalars(select(ProcessingActivity.name).where(ProcessingActivity.school_id == school_id))
    )
    for order, item in enumerate(default_activities()):
        if item["name"] in taken:
            continue
        activity = ProcessingActivity(
            school_id=school_id, code=item["code"], name=item["name"], purpose=item["purpose"],
            legal_basis=_basis(item, denomination).value, basis_note=item["basis_note"],
            data_subjects=item["data_subjects"], data_categories=item["data_categories"],
            special_categories=item["special_categories"], recipients=item["recipients"],
            outside_eea=Transfer(item["outside_eea"]).value, transfer_note="",
            security_measures=item["security_measures"], dpia_needed=DpiaNeed(item["dpia"]).value,
            owner_role=Role(item["owner_role"]).value, last_reviewed_on=None, sort_order=order,
        )  # fmt: skip
        activity.links = [ActivityLink(kind="retention", code=c) for c in item["retention"]] + [
            ActivityLink(kind="consent", code=c) for c in item["consent"]
        ]
        session.add(activity)
    session.add(Setting(key=key, value="1"))
