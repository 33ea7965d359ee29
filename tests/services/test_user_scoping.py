"""Accounts per school (issue 19, finding 2): who sees and manages which account.

A board with two schools, 12AB and 56EF. The matrix: the acting account (board security officer, school
security officer of 12AB, director of 12AB) x the target account (own school, other school, both
schools, a board account) x the action (see in the list, change roles, disable, enable, reset password).
Runs on SQLCipher and on the real PostgreSQL server.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from ibp_desktop.core.errors import BadInputError, IbpError, PermissionDeniedError
from ibp_desktop.core.roles import Role
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.accounts.schools import SchoolService
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.consent.decisions import ConsentService
from ibp_desktop.services.context import Actor
from tests.conftest import SchoolDb

PASSWORD = "Tijdelijk-1234"
SO, DIR, ADM, ICT, BOARD = (
    Role.SECURITY_OFFICER,
    Role.DIRECTOR,
    Role.ADMINISTRATION,
    Role.ICT,
    Role.BOARD,
)


@dataclass
class Board:
    db: SchoolDb
    a: int  # school 12AB
    b: int  # school 56EF
    ids: dict[str, int]

    def actor(self, username: str) -> Actor:
        if username == "eerste":
            return self.db.actor
        return login(self.db.database, username, PASSWORD)

    def users(self, username: str) -> UserService:
        return UserService(self.db.database, self.actor(username))


@pytest.fixture
def board(school_from_template: Any) -> Board:
    """eerste (board level, first account) set up 56EF and these accounts (once per process; each test
    gets a copy)."""
    school, (b, ids) = school_from_template("board", _set_up_board)
    return Board(school, school.school_id, b, ids)


def _set_up_board(school_db: SchoolDb) -> tuple[int, dict[str, int]]:
    b = SchoolService(school_db.database, school_db.actor).add_school("CBS Het Kompas", "56EF").id
    a = school_db.school_id
    users = UserService(school_db.database, school_db.actor)
    ids = {}
    for name, roles, schools in (
        ("so-a", {SO, ICT}, {a}),
        ("dir-a", {DIR}, {a}),
        ("ict-a", {ICT}, {a}),
        ("dir-b", {DIR}, {b}),
        ("ict-b", {ICT}, {b}),
        ("ict-ab", {ICT}, {a, b}),
    ):
        ids[name] = users.add_user(name, name.upper(), PASSWORD, frozenset(roles), frozenset(schools)).id
    ids["bestuur"] = users.add_user(
        "bestuur", "Bestuurder", PASSWORD, frozenset({BOARD}), board_level=True
    ).id
    return b, ids


# (acting account, target) -> may manage. Roles of the target never exceed so-a's except dir-a's.
SCOPE = {
    ("eerste", "ict-a"): True,
    ("eerste", "ict-b"): True,
    ("eerste", "ict-ab"): True,
    ("eerste", "bestuur"): True,
    ("so-a", "ict-a"): True,
    ("so-a", "ict-b"): False,  # other school
    ("so-a", "ict-ab"): False,  # partly another school
    ("so-a", "bestuur"): False,  # board account
    ("so-a", "dir-b"): False,  # finding 2: the other school's director
}


def _act(users: UserService, action: str, target: int) -> object:
    if action == "set_roles":
        return users.set_roles(target, frozenset({ICT}))
    if action == "disable":
        return users.set_active(target, False)
    if action == "enable":
        return users.set_active(target, True)
    return users.reset_password(target, "Nieuw-tijdelijk-99")


@pytest.mark.parametrize("action", ["set_roles", "disable", "enable", "reset_password"])
@pytest.mark.parametrize(("actor", "target"), list(SCOPE))
def test_scoping_matrix(board: Board, actor: str, target: str, action: str) -> None:
    users = board.users(actor)
    listed = {u.username for u in users.list_users()}
    assert (target in listed) == SCOPE[(actor, target)]
    if SCOPE[(actor, target)]:
        _act(users, action, board.ids[target])
    else:
        with pytest.raises(PermissionDeniedError, match="geen accounts beheert"):
            _act(users, action, board.ids[target])


def test_school_officer_lists_only_own_school_accounts(board: Board) -> None:
    listed = {u.username for u in board.users("so-a").list_users()}
    assert listed == {"so-a", "dir-a", "ict-a"}
    everyone = {u.username for u in board.users("eerste").list_users()}
    assert everyone == {"eerste", "so-a", "dir-a", "ict-a", "dir-b", "ict-b", "ict-ab", "bestuur"}


def test_a_director_manages_no_accounts_at_all(board: Board) -> None:
    with pytest.raises(PermissionDeniedError, match="accounts beheren"):
        board.users("dir-a").list_users()
    with pytest.raises(PermissionDeniedError):
        board.users("dir-a").reset_password(board.ids["ict-a"], "Nieuw-tijdelijk-99")


def test_school_officer_cannot_take_over_the_other_schools_director(board: Board) -> None:
    """Finding 2 as it was tried: reset 56EF's director, log in as them, export 56EF's consent overview."""
    officer = board.users("so-a")
    with pytest.raises(PermissionDeniedError):
        officer.reset_password(board.ids["dir-b"], "Overgenomen-1234")
    with pytest.raises(PermissionDeniedError):
        officer.set_roles(board.ids["dir-b"], frozenset({ICT}), frozenset({board.a}))
    with pytest.raises(IbpError):
        login(board.db.database, "dir-b", "Overgenomen-1234")
    director_b = login(board.db.database, "dir-b", PASSWORD)
    assert director_b.school_ids == {board.b}
    with pytest.raises(PermissionDeniedError, match="geen toegang"):
        ConsentService(board.db.database, board.actor("dir-a")).overview_pdf(board.b)


def test_school_officer_cannot_reset_an_account_with_more_rights(board: Board) -> None:
    """Resetting a password means being able to log in as that account: not for the own director."""
    with pytest.raises(PermissionDeniedError, match="Schooldirecteur"):
        board.users("so-a").reset_password(board.ids["dir-a"], "Overgenomen-1234")
    board.users("so-a").set_active(board.ids["dir-a"], False)  # a security measure stays possible
    with pytest.raises(PermissionDeniedError, match="Schooldirecteur"):
        board.users("so-a").set_active(board.ids["dir-a"], True)


@pytest.mark.parametrize(
    ("roles", "schools", "board_level", "message"),
    [
        ({ICT}, "b", False, "alleen toegang geven tot scholen"),
        ({ICT}, "ab", False, "alleen toegang geven tot scholen"),
        ({DIR}, "a", False, "rol geven die u zelf niet heeft: Schooldirecteur"),
        ({BOARD}, "a", False, "heel het bestuur"),
        ({ICT}, "", True, "heel het bestuur"),
    ],
)
def test_school_officer_never_grants_more_than_they_hold(
    board: Board, roles: set[Role], schools: str, board_level: bool, message: str
) -> None:
    ids = frozenset({"a": board.a, "b": board.b}[c] for c in schools)
    officer = board.users("so-a")
    with pytest.raises(BadInputError, match=message):
        officer.add_user("nieuw", "Nieuw", PASSWORD, frozenset(roles), ids, board_level=board_level)
    with pytest.raises(BadInputError, match=message):
        officer.set_roles(board.ids["ict-a"], frozenset(roles) | {ICT}, ids or None, board_level=board_level)
    assert "nieuw" not in {u.username for u in board.users("eerste").list_users()}


def test_school_officer_adds_an_account_for_the_own_school(board: Board) -> None:
    info = board.users("so-a").add_user("ict-a2", "Nguyễn Văn An", PASSWORD, frozenset({ICT}))
    assert info.school_ids == (board.a,) and not info.board_level
    assert info.school_text == "OBS Şükrü & Łucja"


def test_board_account_gives_board_wide_access(board: Board) -> None:
    users = board.users("eerste")
    info = users.add_user("so-bestuur", "Łucja Wiśniewska", PASSWORD, frozenset({SO}), board_level=True)
    assert info.board_level and info.school_text == "Heel het bestuur"
    actor = login(board.db.database, "so-bestuur", PASSWORD)
    assert actor.board_level and actor.school_ids == {board.a, board.b}
    moved = users.set_roles(board.ids["ict-a"], frozenset({ICT}), frozenset({board.b}))
    assert moved.school_ids == (board.b,)
    assert "ict-a" not in {u.username for u in board.users("so-a").list_users()}
