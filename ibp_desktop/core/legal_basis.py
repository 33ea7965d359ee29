"""The legal basis a school may use, by school type (DOMAIN.md 3a).

An openbare school is a public authority: for its tasks the basis is the public task (AVG art. 6(1)(e));
legitimate interest (art. 6(1)(f)) is not available to public authorities in the performance of their
tasks (art. 6(1), last sentence). A bijzondere school (a foundation or association) may use legitimate
interest where it fits. A school whose type is not recorded gets the stricter, openbare reading.
"""

from __future__ import annotations

import re
from enum import StrEnum


class SchoolType(StrEnum):
    PUBLIC = "openbaar"
    PRIVATE = "bijzonder"  # bijzonder onderwijs: denominational or on another foundation


SCHOOL_TYPE_LABELS: dict[SchoolType, str] = {
    SchoolType.PUBLIC: "Openbare school",
    SchoolType.PRIVATE: "Bijzondere school (zoals katholiek, protestants-christelijk, algemeen bijzonder)",
}
PUBLIC_TASK = "Publieke taak (AVG art. 6 lid 1e)"
_LEGITIMATE_INTEREST = re.compile(
    r"gerechtvaardigd\s+belang|art\.?\s*6\s*lid\s*1\s*(sub\s*)?f\b", re.IGNORECASE
)


def may_use_legitimate_interest(school_type: SchoolType | None) -> bool:
    return school_type is SchoolType.PRIVATE


def basis_problem(basis: str, school_type: SchoolType | None) -> str | None:
    """The Dutch reason ``basis`` does not fit this school; None when it does."""
    if may_use_legitimate_interest(school_type) or not _LEGITIMATE_INTEREST.search(basis):
        return None
    return (
        "Een openbare school kan zich voor haar taken niet op gerechtvaardigd belang beroepen (AVG "
        f"artikel 6 lid 1, laatste zin). Gebruik de publieke taak: '{PUBLIC_TASK}'. Is de school "
        "bijzonder? Leg dat dan vast in Beheer."
    )


def basis_for(seed_basis: str, school_type: SchoolType | None) -> str:
    """The default schedule's basis as this school may use it: legitimate interest becomes the public
    task at an openbare school (the rest of the text, such as how long, stays)."""
    if basis_problem(seed_basis, school_type) is None:
        return seed_basis
    rest = seed_basis.split(":", 1)[1].strip() if ":" in seed_basis else ""
    return f"{PUBLIC_TASK}: {rest}" if rest else PUBLIC_TASK
