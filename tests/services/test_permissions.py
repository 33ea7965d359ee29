"""Role x action: what each role may do, checked in the services (hiding a button is no check)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from ibp_desktop.core.errors import PermissionDeniedError
from ibp_desktop.core.roles import Permission, Role, permissions_of
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.accounts.schools import SchoolService
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.dashboard.overview import DashboardService
from ibp_desktop.services.database.settings import SettingsService
from tests.conftest import SchoolDb

A, D, S, F, B, ICT = (
    Role.ADMINISTRATION,
    Role.DIRECTOR,
    Role.SECURITY_OFFICER,
    Role.DPO,
    Role.BOARD,
    Role.ICT,
)

# Written out from DOMAIN.md ("Who uses it"), not derived from the code, so that a change in the
# code's matrix must be a conscious change here too.
EXPECTED: dict[Permission, set[Role]] = {
    Permission.VIEW_DASHBOARD: {A, D, S, F, B, ICT},
    Permission.VIEW_PUPILS: {A, D, F},  # not the board: no pupil lists (data minimisation)
    Permission.IMPORT_PUPILS: {A},
    Permission.RECORD_CONSENT: {A, D},
    Permission.MANAGE_CONSENT_FORMS: {D},
    Permission.PRINT_CONSENT: {A, D},
    Permission.PROPOSE_RETENTION_RUN: {A},
    Permission.APPROVE_RETENTION_RUN: {D},
    Permission.REPORT_INCIDENT: {A, D, S, ICT},
    Permission.MANAGE_INCIDENTS: {S},
    Permission.VIEW_INCIDENTS: {D, S, F, B},
    Permission.ADVISE: {F},
    Permission.MANAGE_REQUESTS: {D},
    Permission.MANAGE_PROCESSORS: {D, S},
    Permission.MANAGE_ACTIONS: {D, S},
    Permission.MANAGE_USERS: {S},
    Permission.MANAGE_SCHOOLS: {S},
    Permission.ADOPT_ANNUAL_REPORT: {B},
    Permission.MANAGE_POLICY: {D, S, B},
    Permission.VIEW_AUDIT_LOG: {S, F, B},
    # Staff awareness: director and ICT'er record; security officer and FG read; the board only sees
    # the figures without names (annual report).
    Permission.VIEW_STAFF: {D, S, F, ICT},
    Permission.MANAGE_STAFF: {D, ICT},
    Permission.VIEW_PROCESSING: {A, D, S, F, B, ICT},
    Permission.MANAGE_PROCESSING: {D, S},
    Permission.VIEW_DPIAS: {D, S, F, B},
    Permission.MANAGE_DPIAS: {S},
    Permission.VIEW_COMPLAINTS: {D, S, F, B},
    Permission.MANAGE_COMPLAINTS: {D},
}


@pytest.mark.parametrize("permission", list(EXPECTED), ids=lambda p: p.value)
def test_role_matrix(permission: Permission) -> None:
    allowed = {role for role in Role if permission in permissions_of({role})}
    assert allowed == EXPECTED[permission]


def test_the_fg_reads_but_cannot_change_facts() -> None:
    dpo = permissions_of({Role.DPO})
    changing = {
        Permission.IMPORT_PUPILS,
        Permission.RECORD_CONSENT,
        Permission.MANAGE_INCIDENTS,
        Permission.MANAGE_REQUESTS,
        Permission.MANAGE_USERS,
        Permission.APPROVE_RETENTION_RUN,
        Permission.MANAGE_PROCESSING,
        Permission.MANAGE_DPIAS,
        Permission.MANAGE_COMPLAINTS,
    }
    assert not dpo & changing


ACTIONS: dict[str, tuple[Permission, Callable[[Any, Any], object]]] = {
    "overzicht": (
        Permission.VIEW_DASHBOARD,
        lambda db, a: DashboardService(db, a).overview(date(2026, 11, 28)),
    ),
    "gebruikers tonen": (Permission.MANAGE_USERS, lambda db, a: UserService(db, a).list_users()),
    "school toevoegen": (
        Permission.MANAGE_SCHOOLS,
        lambda db, a: SchoolService(db, a).add_school("Tweede", "77XY"),
    ),
    "vergrendeltijd": (
        Permission.MANAGE_SETTINGS,
        lambda db, a: SettingsService(db, a).set_idle_lock_minutes(5),
    ),
}


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_services_enforce_the_matrix(sqlcipher_school: SchoolDb, role: Role) -> None:
    db = sqlcipher_school.database
    # A board account, so that only the role decides here (school scoping: test_user_scoping.py).
    UserService(db, sqlcipher_school.actor).add_user(
        "tester", "Łucja Wiśniewska", "Tijdelijk-123", frozenset({role}), board_level=True
    )
    actor = login(db, "tester", "Tijdelijk-123")
    for permission, action in ACTIONS.values():
        if permission in permissions_of({role}):
            action(db, actor)
        else:
            with pytest.raises(PermissionDeniedError, match="geen rechten"):
                action(db, actor)


def test_a_role_taken_away_stops_working_at_once(sqlcipher_school: SchoolDb) -> None:
    db, admin = sqlcipher_school.database, sqlcipher_school.actor
    users = UserService(db, admin)
    other = users.add_user("tweede", "Nguyễn Văn An", "Tijdelijk-123", frozenset({Role.SECURITY_OFFICER}))
    second = login(db, "tweede", "Tijdelijk-123")
    UserService(db, second).list_users()
    users.set_roles(other.id, frozenset({Role.ICT}))
    with pytest.raises(PermissionDeniedError):
        UserService(db, second).list_users()  # the same logged-in session, no new login


def test_a_disabled_account_cannot_act_or_log_in(sqlcipher_school: SchoolDb) -> None:
    db, admin = sqlcipher_school.database, sqlcipher_school.actor
    users = UserService(db, admin)
    other = users.add_user("weg", "Şükrü Yılmaz", "Tijdelijk-123", frozenset({Role.DIRECTOR}))
    session = login(db, "weg", "Tijdelijk-123")
    users.set_active(other.id, False)
    with pytest.raises(PermissionDeniedError, match="uitgeschakeld"):
        DashboardService(db, session).overview(date(2026, 11, 28))
    with pytest.raises(Exception, match="uitgeschakeld"):
        login(db, "weg", "Tijdelijk-123")
