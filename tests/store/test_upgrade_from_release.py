"""A database made by the previous release (the demo school at revision 0008, made with the landed main
before the 0009+ migrations) opens in this program: upgraded after a copy aside, every record intact,
the audit chain whole.

Later migrations extend ``EXPECTED_COUNTS`` only if they add rows on purpose; a migration that loses or
changes a row of the old tables fails here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text

from ibp_desktop.services.database.check import run_check
from ibp_desktop.services.database.connection import open_location
from ibp_desktop.services.location import Location
from ibp_desktop.store.schema import HEAD_REVISION

RELEASE_0008 = Path(__file__).resolve().parent.parent / "fixtures" / "release_0008_demo"

# Rows in the fixture as the release made them (counted once with sqlcipher on the fixture).
EXPECTED_COUNTS = {
    "schools": 1,
    "users": 6,
    "pupils": 209,
    "consent_decisions": 1936,
    "incidents": 8,
    "incident_timeline": 28,
    "subject_requests": 5,
    "processor_agreements": 6,
    "retention_rules": 14,
    "retention_items": 4,
    "policy_documents": 6,
    "policy_versions": 5,
    "actions": 4,
    "staff_members": 6,
    "access_grants": 17,
}


def _copy_release(tmp_path: Path) -> Location:
    data_dir = tmp_path / "data"
    shutil.copytree(RELEASE_0008, data_dir)
    return Location(data_dir=data_dir, database_url=None)


def test_release_database_upgrades_with_every_row_intact(tmp_path: Path) -> None:
    location = _copy_release(tmp_path)
    database = open_location(location)
    try:
        with database.engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
            counts = {
                table: connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
                for table in EXPECTED_COUNTS
            }
        assert revision == HEAD_REVISION
        assert counts == EXPECTED_COUNTS
        _assert_law_transformations(database)
        with database.engine.connect() as connection:
            # 0014_staff: the access register's staff become the staff list, without number or dates yet.
            query = text("SELECT staff_number, email, started_on FROM staff_members")
            staff = connection.execute(query).all()
        assert staff and all(tuple(row) == ("", "", None) for row in staff)
        report = run_check(database)
        assert report.ok, report
    finally:
        database.dispose()
    copies = list(location.data_dir.glob("ibp.voor-upgrade-*.sqlite3"))
    assert len(copies) == 1, "the upgrade must keep the release's file aside first"


def test_board_wide_accounts_become_board_level_accounts(tmp_path: Path) -> None:
    """Migration 0013: the FG and the bestuurder already saw every school; now their accounts say so."""
    database = open_location(_copy_release(tmp_path))
    try:
        with database.engine.connect() as connection:
            rows = connection.execute(text("SELECT username, board_level FROM users ORDER BY username"))
            board_level = {name: bool(flag) for name, flag in rows}
    finally:
        database.dispose()
    assert board_level == {
        "administratie": False,
        "bestuur": True,
        "directeur": False,
        "fg": True,
        "ict": False,
        "security": False,
    }


def test_release_audit_entries_get_numbers_in_the_order_they_were_written(tmp_path: Path) -> None:
    """0010_trust numbers the old entries 1..n by id; their hashes (and so the chain) stay as they were."""
    location = _copy_release(tmp_path)
    import sqlcipher3.dbapi2 as sqlcipher

    from ibp_desktop.security import keys
    from ibp_desktop.store.database import key_pragma

    raw = sqlcipher.connect(str(location.db_path))
    raw.execute(key_pragma(keys.DEMO_KEY))
    before = raw.execute("SELECT id, entry_hash FROM audit_log ORDER BY id").fetchall()
    raw.close()
    database = open_location(location)
    try:
        with database.engine.connect() as connection:
            after = connection.execute(text("SELECT id, seq, entry_hash FROM audit_log ORDER BY id")).all()
    finally:
        database.dispose()
    assert len(before) >= 100
    assert [(row.id, row.entry_hash) for row in after][: len(before)] == before
    assert [row.seq for row in after] == list(range(1, len(after) + 1))


def _assert_law_transformations(database: object) -> None:
    """0011_law: the six preloaded documents get their GMR section; old incidents keep empty art. 34 codes."""
    engine = database.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        bodies = dict(connection.execute(text("SELECT code, gmr_body FROM policy_documents")).all())
        channels = connection.execute(
            text("SELECT DISTINCT subjects_informed_channel, subjects_exception FROM incidents")
        ).all()
        proposed = connection.execute(text("SELECT COUNT(proposed_on) FROM policy_versions")).scalar_one()
    assert bodies == {
        "beleidskader": "gmr",
        "privacyverklaring_leerlingen": "ogmr",
        "privacyverklaring_medewerkers": "pgmr",
        "gedragscode_sociale_media": "gmr",
        "protocol_beeldmateriaal": "ogmr",
        "plan_informatiebeveiliging": "gmr",
    }
    assert channels == [("", "")]
    assert proposed == 0  # the old path had no proposal step: nothing is invented
