"""The audit log cannot be cut short, wiped or rewritten unseen: its latest number and hash sit in the
keyring, and `check` and the next start say what is missing or rewritten (issue 14, finding 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from ibp_desktop.cli import main
from ibp_desktop.core.roles import Role
from ibp_desktop.security import audit
from ibp_desktop.security.audit_anchor import load_anchor
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.database.check import run_check
from ibp_desktop.services.database.connection import anchor_account, open_location
from ibp_desktop.store.database import open_sqlcipher
from ibp_desktop.store.models import AuditEntry
from tests.conftest import TEST_PASSWORD, MemoryKeyring, SchoolDb, make_school_db


def _some_work(school: SchoolDb, count: int = 6) -> None:
    users = UserService(school.database, school.actor)
    for n in range(count):
        users.add_user(f"juf{n}", f"Juf Nguyễn {n}", "Tijdelijk-123", frozenset({Role.ADMINISTRATION}))


def _reopen(school: SchoolDb) -> SchoolDb:
    school.database.dispose()
    school.database = open_location(school.location)
    return school


def _tamper(school: SchoolDb, sql: str) -> None:
    """What someone with the key does outside the program: straight on the file or the server."""
    school.database.dispose()
    if school.location.database_url:
        from sqlalchemy import create_engine

        engine = create_engine(school.location.database_url)
        with engine.begin() as connection:
            connection.execute(text(sql))
        engine.dispose()
    else:
        raw = open_sqlcipher(school.location.db_path, school.database.key or b"")
        with raw.engine.begin() as connection:
            connection.execute(text(sql))
        raw.dispose()


def test_entries_are_numbered_without_gaps_and_the_anchor_follows(school_db: SchoolDb) -> None:
    _some_work(school_db)
    with school_db.database.transaction() as session:
        numbers = list(session.scalars(select(AuditEntry.seq).order_by(AuditEntry.id)))
        latest = audit.head(session)
    assert numbers == list(range(1, len(numbers) + 1))
    anchor = load_anchor(anchor_account(school_db.location))
    assert anchor is not None and anchor.head == latest


def test_an_untouched_log_passes_and_check_names_the_last_entry(school_db: SchoolDb) -> None:
    _some_work(school_db)
    report = run_check(_reopen(school_db).database)
    assert report.ok, report.problems
    assert any("Logboek: laatste regel" in line for line in report.findings)


def test_cutting_off_the_last_five_entries_is_detected(school_db: SchoolDb) -> None:
    _some_work(school_db)
    with school_db.database.transaction() as session:
        last = audit.head(session).seq
    _tamper(school_db, f"DELETE FROM audit_log WHERE seq > {last - 5}")
    school = _reopen(school_db)
    report = run_check(school.database)
    assert not report.ok
    text_ = "\n".join(report.problems)
    assert f"ingekort: de regels {last - 4} tot en met {last} ontbreken" in text_
    assert "beveiligingsincident" in text_


def test_wiping_the_whole_log_is_detected(school_db: SchoolDb) -> None:
    _some_work(school_db)
    _tamper(school_db, "DELETE FROM audit_log")
    report = run_check(_reopen(school_db).database)
    assert any("Het logboek is gewist" in p for p in report.problems)


def _recompute_chain_after_editing(school: SchoolDb, seq: int) -> None:
    """The careful attacker: edit one entry and recompute every hash after it."""
    school.database.dispose()
    raw = (
        open_location(school.location)  # the anchor watcher is harmless here: no audit entry is written
        if school.location.database_url
        else open_sqlcipher(school.location.db_path, school.database.key or b"")
    )
    raw.on_commit = None
    with raw.transaction() as session:
        entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        prev = audit.GENESIS_HASH
        for entry in entries:
            if entry.seq == seq:
                entry.username = "iemand-anders"
            entry.prev_hash = prev
            entry.entry_hash = audit._entry_hash(entry)
            prev = entry.entry_hash
    raw.dispose()


def test_editing_one_entry_and_recomputing_the_chain_is_detected(school_db: SchoolDb) -> None:
    _some_work(school_db)
    _recompute_chain_after_editing(school_db, 3)
    school = _reopen(school_db)
    with school.database.transaction() as session:
        assert audit.verify_chain(session).intact  # the chain alone no longer shows it
    report = run_check(school.database)
    assert any("Het logboek is herschreven" in p for p in report.problems)


def test_the_anchor_is_not_moved_while_the_log_does_not_match(school_db: SchoolDb) -> None:
    _some_work(school_db)
    with school_db.database.transaction() as session:
        last = audit.head(session).seq
    _tamper(school_db, f"DELETE FROM audit_log WHERE seq > {last - 3}")
    school = _reopen(school_db)
    _some_work_more = UserService(school.database, school.actor)
    for n in range(5):  # new entries after the cut would otherwise hide it
        _some_work_more.add_user(f"meester{n}", "Meester Yılmaz", "Tijdelijk-123", frozenset({Role.ICT}))
    report = run_check(_reopen(school).database)
    assert any("herschreven" in p or "ingekort" in p for p in report.problems)


def test_a_gap_in_the_middle_names_the_missing_numbers(school_db: SchoolDb) -> None:
    _some_work(school_db)
    _tamper(school_db, "DELETE FROM audit_log WHERE seq IN (4, 5)")
    report = run_check(_reopen(school_db).database)
    assert any("Logregels 4 tot en met 5 ontbreken" in p for p in report.problems)


def test_cli_check_reports_a_cut_log_with_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ibp_desktop.services.database.connection import Location

    school = make_school_db(Location(data_dir=tmp_path / "data"))
    _some_work(school)
    _tamper(school, "DELETE FROM audit_log WHERE seq > 3")
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    assert main(["check", "--data-dir", str(tmp_path / "data")]) == 1
    out = capsys.readouterr()
    assert "ingekort" in out.out + out.err and "Alles in orde" not in out.out


def test_the_last_backup_sidecar_is_a_second_anchor(
    sqlcipher_school: SchoolDb, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    from ibp_desktop.security.audit_anchor import ANCHOR_SERVICE
    from ibp_desktop.services.database.backup import make_backup

    _some_work(sqlcipher_school)
    make_backup(sqlcipher_school.database, sqlcipher_school.location, tmp_path / "usb")
    with sqlcipher_school.database.transaction() as session:
        last = audit.head(session).seq
    _tamper(sqlcipher_school, f"DELETE FROM audit_log WHERE seq > {last - 6}")
    for service, account in list(memory_keyring.secrets):
        if service == ANCHOR_SERVICE:  # someone who can also reach this PC's keyring, or another PC
            del memory_keyring.secrets[(service, account)]
    report = run_check(_reopen(sqlcipher_school).database)
    assert any("klopt niet met de laatste back-up" in p for p in report.problems)
    assert any("ingekort" in p for p in report.problems)
