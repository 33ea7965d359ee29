"""Roles that must stay apart on one account: a table, each row with its source."""

from __future__ import annotations

import pytest

from ibp_desktop.core.roles import Role, role_conflict

A, D, S, F, B, ICT = (
    Role.ADMINISTRATION,
    Role.DIRECTOR,
    Role.SECURITY_OFFICER,
    Role.DPO,
    Role.BOARD,
    Role.ICT,
)
ART_38_6 = "AVG art. 38(6); WP243 par. 3.5: the FG decides nothing on purposes and means"
CASES = [
    ({F, D}, False, ART_38_6),
    ({F, S}, False, ART_38_6),
    ({F, B}, False, ART_38_6),
    ({F, A}, False, ART_38_6),
    ({F, D, S, B, A}, False, ART_38_6),
    ({F}, True, "the FG alone"),
    ({F, ICT}, True, "the ICT'er only reads; DOMAIN.md lists it as allowed next to the FG"),
    ({D, S, B, A, ICT}, True, "a small school: one person holds every school role except FG"),
    ({D, A}, True, "director and administration: four eyes are kept per run, not per account"),
]


@pytest.mark.parametrize(("roles", "allowed", "source"), CASES, ids=[",".join(sorted(c[0])) for c in CASES])
def test_role_combination(roles: set[Role], allowed: bool, source: str) -> None:
    problem = role_conflict(frozenset(roles))
    assert (problem is None) is allowed, source
    if problem:
        assert "artikel 38 lid 6" in problem and "FG" in problem
