"""Helpers of the staff-awareness tests: a code of conduct with versions and a small staff list."""

from __future__ import annotations

from datetime import date

from ibp_desktop.core.policy.rules import Step
from ibp_desktop.core.roles import Role
from ibp_desktop.core.staff.records import StaffInput
from ibp_desktop.core.staff.rules import CODE_OF_CONDUCT
from ibp_desktop.services.policy.documents import PolicyDocumentService
from ibp_desktop.services.staff.register import StaffService
from tests.conftest import SchoolDb
from tests.services.incident_helpers import actor_with

TODAY = date(2026, 11, 28)
NAMES = ("Şükrü Yılmaz", "Łucja Wiśniewska", "Nguyễn Văn An", "Anne-Fleur van der Berg-de Vries")


def code_document_id(school: SchoolDb) -> int:
    StaffService(school.database, school.actor).add_staff_document(CODE_OF_CONDUCT)
    documents = PolicyDocumentService(school.database, school.actor).list_documents(school.school_id, TODAY)
    return next(d.id for d in documents if d.code == CODE_OF_CONDUCT)


def new_code_version(school: SchoolDb, adopted_on: date) -> int:
    """Add a version of the code of conduct and adopt it (it needs no GMR consent): then it is in force."""
    service = PolicyDocumentService(school.database, school.actor)
    added = service.add_version(
        code_document_id(school), "gedragsregels.pdf", b"%PDF-1.4 gedragsregels " + str(adopted_on).encode()
    )
    fg = PolicyDocumentService(school.database, actor_with(school, f"fg{adopted_on:%Y%m%d}", Role.DPO))
    advised = fg.take_step(added.id, added.version, Step.FG_ADVICE, adopted_on, "Akkoord.", today=TODAY)
    service.take_step(added.id, advised.version, Step.ADOPT, adopted_on, today=TODAY)
    return added.number


def staff_list(school: SchoolDb) -> dict[str, int]:
    service = StaffService(school.database, school.actor)
    starts = (date(2015, 8, 1), date(2019, 8, 1), date(2022, 1, 1), date(2026, 9, 1))
    return {
        name: service.add_staff(school.school_id, StaffInput(name, "Leerkracht", start), TODAY).id
        for name, start in zip(NAMES, starts, strict=True)
    }
