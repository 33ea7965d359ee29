"""The legal basis by school type (DOMAIN.md 3a): a table, each row with its source."""

from __future__ import annotations

import pytest

from ibp_desktop.core.legal_basis import PUBLIC_TASK, SchoolType, basis_for, basis_problem

SEED = "Gerechtvaardigd belang (AVG art. 6 lid 1f): alleen zolang de coaching loopt"
LAST_SENTENCE = "AVG art. 6(1), last sentence: no legitimate interest for public authorities' tasks"
CASES = [
    # (basis, school type, allowed, source)
    (SEED, SchoolType.PUBLIC, False, LAST_SENTENCE),
    ("art. 6 lid 1 f", SchoolType.PUBLIC, False, LAST_SENTENCE),
    (SEED, None, False, "type not recorded: the stricter, openbare reading"),
    (SEED, SchoolType.PRIVATE, True, "a bijzondere school may use legitimate interest where it fits"),
    (PUBLIC_TASK, SchoolType.PUBLIC, True, "AVG art. 6(1)(e): the public task"),
    ("Fiscale bewaarplicht (AWR art. 52)", SchoolType.PUBLIC, True, "a legal obligation is not art. 6(1)(f)"),
]


@pytest.mark.parametrize(("basis", "school_type", "allowed", "source"), CASES)
def test_basis_by_school_type(basis: str, school_type: SchoolType | None, allowed: bool, source: str) -> None:
    problem = basis_problem(basis, school_type)
    assert (problem is None) is allowed, source
    if problem:
        assert "artikel 6 lid 1, laatste zin" in problem


def test_the_default_basis_becomes_the_public_task_at_an_openbare_school() -> None:
    assert basis_for(SEED, SchoolType.PUBLIC) == f"{PUBLIC_TASK}: alleen zolang de coaching loopt"
    assert basis_for(SEED, SchoolType.PRIVATE) == SEED
