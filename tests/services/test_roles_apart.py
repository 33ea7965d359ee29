"""Roles kept apart in the services and on the command line: no FG next to a deciding role, nobody changes
their own roles, every new account and role change is shown to the FG, and a clean-up run is not approved
by an account its proposer just made."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from ibp_desktop.cli import main
from ibp_desktop.core.errors import BadInputError, DutiesNotApartError
from ibp_desktop.core.roles import Role
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.consent.queries import today as dutch_today
from ibp_desktop.services.context import Actor
from ibp_desktop.services.dashboard.overview import DashboardService
from ibp_desktop.services.reports.fg import FgReportService
from ibp_desktop.store.types import utc_now
from tests.conftest import TEST_PASSWORD, SchoolDb
from tests.services.incident_helpers import actor_with
from tests.services.retention_helpers import UNTIL, build

STRONG = "Een-lang-wachtwoord-2026"


def _login_new(school: SchoolDb, username: str) -> Actor:
    return login(school.database, username, STRONG)  # the temporary password still works for services


@pytest.mark.parametrize("roles", [{Role.DIRECTOR, Role.DPO}, {Role.DPO, Role.SECURITY_OFFICER}])
def test_the_fg_role_is_not_combined(sqlcipher_school: SchoolDb, roles: set[Role]) -> None:
    users = UserService(sqlcipher_school.database, sqlcipher_school.actor)
    with pytest.raises(BadInputError, match="artikel 38 lid 6"):
        users.add_user("karin", "Karin de Boer", STRONG, frozenset(roles))
    fg = users.add_user("karin", "Karin de Boer", STRONG, frozenset({Role.DPO}))
    with pytest.raises(BadInputError, match="artikel 38 lid 6"):
        users.set_roles(fg.id, frozenset(roles))
    assert next(u for u in users.list_users() if u.username == "karin").roles == (Role.DPO,)


def test_nobody_changes_their_own_roles(sqlcipher_school: SchoolDb) -> None:
    security = actor_with(sqlcipher_school, "sec", Role.SECURITY_OFFICER, "Şükrü Yılmaz")
    users = UserService(sqlcipher_school.database, security)
    for roles in ({Role.SECURITY_OFFICER, Role.BOARD}, {Role.DPO}):
        with pytest.raises(BadInputError, match="eigen rollen niet wijzigen"):
            users.set_roles(security.user_id, frozenset(roles))


def test_the_fg_sees_new_accounts_and_role_changes(sqlcipher_school: SchoolDb) -> None:
    db = sqlcipher_school.database
    users = UserService(db, sqlcipher_school.actor)
    added = users.add_user("lucja", "Łucja Wiśniewska", STRONG, frozenset({Role.ADMINISTRATION}))
    users.set_roles(added.id, frozenset({Role.ADMINISTRATION, Role.DIRECTOR}))
    fg = actor_with(sqlcipher_school, "fg", Role.DPO)
    texts = [i.text for i in DashboardService(db, fg).overview(dutch_today()).attention]
    assert any(t.startswith("Nieuw account op") and "lucja (Administratief medewerker)" in t for t in texts)
    assert any("Rollen gewijzigd" in t and "→ Administratief medewerker, Schooldirecteur" in t for t in texts)
    director = actor_with(sqlcipher_school, "dir", Role.DIRECTOR)
    assert not any(
        "Rollen gewijzigd" in i.text for i in DashboardService(db, director).overview(dutch_today()).attention
    )

    today = dutch_today()  # the report counts the school's calendar days (Amsterdam, not UTC)
    pdf = FgReportService(db, fg).pdf(today - timedelta(days=7), today)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).split())
    assert "5. Nieuwe accounts en rolwijzigingen" in text
    assert "lucja" in text and "Rollen gewijzigd" in text and "eerste" in text


def test_no_approval_by_an_account_the_proposer_just_made(school_db: SchoolDb) -> None:
    rs = build(school_db)
    # The first account (security officer and administration) proposes a run, then makes a director.
    proposed = rs.runs().propose(school_db.school_id, UNTIL)
    UserService(school_db.database, school_db.actor).add_user(
        "dir2", "Nguyễn Văn An", STRONG, frozenset({Role.DIRECTOR})
    )
    second = _login_new(school_db, "dir2")
    with pytest.raises(DutiesNotApartError, match="aangemaakt of van rol veranderd") as refused:
        rs.runs(second).approve(proposed.run.id)
    assert refused.value.exit_code == 2
    later = utc_now() + timedelta(days=31)
    approved = rs.runs(second).approve(proposed.run.id, now=later)
    assert approved.run.approved_by == "Nguyễn Văn An"


def test_command_line_refuses_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("IBP_DESKTOP_DATA_DIR", str(tmp_path / "school"))
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    monkeypatch.delenv("IBP_DESKTOP_DATABASE_URL", raising=False)
    assert main(["init", "--school", "OBS De Wilgen", "--brin", "12AB", "--user", "beheer"]) == 0
    capsys.readouterr()
    add = ["users", "add", "karin", "--full-name", "Karin de Boer", "--user", "beheer"]
    assert main([*add, "--roles", "director,dpo"]) == 2
    assert "artikel 38 lid 6" in capsys.readouterr().err
    assert main([*add, "--roles", "dpo"]) == 0
    capsys.readouterr()
    assert main(["users", "set-roles", "karin", "--roles", "dpo,security_officer", "--user", "beheer"]) == 2
    assert "kan niet samen met: security officer" in capsys.readouterr().err
    assert main(["users", "set-roles", "beheer", "--roles", "dpo", "--user", "beheer"]) == 2
    assert "eigen rollen" in capsys.readouterr().err
