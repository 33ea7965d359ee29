"""Every change is in the audit log, and tampering with the log is detected."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.roles import Role
from ibp_desktop.security.audit import verify_chain
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.database.check import run_check
from ibp_desktop.store.models import AuditEntry
from tests.conftest import SchoolDb


def _entries(school: SchoolDb) -> list[AuditEntry]:
    with school.database.transaction() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_changes_are_logged_with_who_and_before_after(school_db: SchoolDb) -> None:
    users = UserService(school_db.database, school_db.actor)
    added = users.add_user("mo", "Mohammed Bouzid", "Tijdelijk-123", frozenset({Role.ADMINISTRATION}))
    users.set_roles(added.id, frozenset({Role.DIRECTOR}))
    last = _entries(school_db)[-1]
    details = json.loads(last.details)
    assert (last.username, last.action, last.entity_id) == ("eerste", "user_roles_changed", str(added.id))
    assert details["before"]["roles"] == ["administration"]
    assert details["after"]["roles"] == ["director"]


def test_an_intact_chain_passes(school_db: SchoolDb) -> None:
    report = run_check(school_db.database)
    assert report.ok, report.problems
    assert any("hashketen klopt" in line for line in report.findings)


def test_an_altered_entry_is_detected(school_db: SchoolDb) -> None:
    target = _entries(school_db)[1]
    with school_db.database.transaction() as session:
        session.execute(
            text("UPDATE audit_log SET username = 'iemand-anders' WHERE id = :id"), {"id": target.id}
        )
    with school_db.database.transaction() as session:
        report = verify_chain(session)
    assert not report.intact
    assert any(f"Logregel {target.id}" in p and "achteraf veranderd" in p for p in report.problems)
    assert not run_check(school_db.database).ok


def test_a_removed_entry_is_detected(school_db: SchoolDb) -> None:
    entries = _entries(school_db)
    removed, following = entries[1], entries[2]
    with school_db.database.transaction() as session:
        session.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": removed.id})
        report = verify_chain(session)
    assert any(f"Logregel {following.id}" in p and "ontbreekt" in p for p in report.problems)


def test_a_failed_change_leaves_no_log_entry(school_db: SchoolDb) -> None:
    count = len(_entries(school_db))
    users = UserService(school_db.database, school_db.actor)
    with pytest.raises(BadInputError, match="bestaat al"):
        users.add_user("eerste", "Dubbel", "Tijdelijk-123", frozenset({Role.ICT}))
    assert len(_entries(school_db)) == count
