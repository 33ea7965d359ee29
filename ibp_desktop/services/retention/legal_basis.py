"""School type (openbaar or bijzonder) and the legal basis it allows in the retention schedule."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ibp_desktop.core.errors import NotFoundError
from ibp_desktop.core.legal_basis import SchoolType, basis_for, basis_problem
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.context import Service, Work
from ibp_desktop.store.models import School
from ibp_desktop.store.retention_models import RetentionRule


def school_type_of(session: Session, school_id: int) -> SchoolType | None:
    school = session.get(School, school_id)
    if school is None or school.school_type not in set(SchoolType):
        return None
    return SchoolType(school.school_type)


class SchoolTypeService(Service):
    def school_type(self, school_id: int) -> SchoolType | None:
        with self._work(Permission.VIEW_DASHBOARD, school_id=school_id) as work:
            return school_type_of(work.session, school_id)

    def set_school_type(self, school_id: int, school_type: SchoolType) -> list[str]:
        """Record the type; at an openbare school every schedule row that cites legitimate interest gets
        the public task instead. Returns the labels of the rows that changed (audited each)."""
        with self._work(Permission.MANAGE_SCHOOLS, school_id=school_id) as work:
            school = work.session.get(School, school_id)
            if school is None:
                raise NotFoundError("Deze school bestaat niet (meer).")
            before = school.school_type
            school.school_type = SchoolType(school_type).value
            work.audit(
                "school_type_changed",
                "school",
                school_id,
                before={"school_type": before},
                after={"school_type": school.school_type},
                school_id=school_id,
            )
            # The same fact decides the processing register's default bases (one school type, one place).
            from ibp_desktop.services.accountability.processing_seed import move_processing_defaults

            move_processing_defaults(work.session, school_id, before, school.school_type)
            return align_retention_bases(work, school_id, school_type)


def align_retention_bases(work: Work, school_id: int, school_type: SchoolType) -> list[str]:
    """At an openbare school every schedule row that cites legitimate interest gets the public task;
    returns the labels of the rows that changed (each audited)."""
    changed = []
    rules = work.session.scalars(select(RetentionRule).where(RetentionRule.school_id == school_id))
    for rule in rules:
        if basis_problem(rule.basis, school_type) is None:
            continue
        old, rule.basis = rule.basis, basis_for(rule.basis, school_type)
        work.session.flush()
        work.audit(
            "retention_rule_changed",
            "retention_rule",
            rule.id,
            before={"basis": old},
            after={"basis": rule.basis},
            school_id=school_id,
        )
        changed.append(rule.label)
    return changed
