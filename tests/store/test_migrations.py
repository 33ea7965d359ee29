"""The Alembic chain is linear, matches the program's known revisions, and matches the models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from ibp_desktop.resources import migrations_path
from ibp_desktop.services.database.connection import open_location
from ibp_desktop.store import migrate
from ibp_desktop.store.migrate import DatabaseTooNewError
from ibp_desktop.store.schema import HEAD_REVISION, KNOWN_REVISIONS, metadata
from tests.conftest import SchoolDb


def _scripts() -> ScriptDirectory:
    return ScriptDirectory(str(migrations_path()))


def test_revisions_form_one_linear_chain() -> None:
    scripts = _scripts()
    assert len(scripts.get_heads()) == 1
    chain = [rev.revision for rev in scripts.walk_revisions()][::-1]
    for revision in scripts.walk_revisions():
        assert not isinstance(revision.down_revision, tuple | list), "merge revisions are not allowed"
    assert tuple(chain) == KNOWN_REVISIONS
    assert scripts.get_current_head() == HEAD_REVISION


def test_migrations_match_the_models(school_db: SchoolDb) -> None:
    with school_db.database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences: list[Any] = compare_metadata(context, metadata)
    assert differences == []


def test_a_newer_database_is_refused_untouched(sqlcipher_school: SchoolDb) -> None:
    database, location = sqlcipher_school.database, sqlcipher_school.location
    with database.transaction() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    database.dispose()
    before = location.db_path.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="nieuwere versie van IBP Desktop"):
        open_location(location)
    assert location.db_path.read_bytes() == before


def test_up_to_date_database_does_not_load_alembic(sqlcipher_school: SchoolDb) -> None:
    assert migrate.upgrade_needed(sqlcipher_school.database) is False


def test_an_upgrade_keeps_a_copy_first(sqlcipher_school: SchoolDb, monkeypatch: pytest.MonkeyPatch) -> None:
    database, location = sqlcipher_school.database, sqlcipher_school.location
    original = location.db_path.read_bytes()
    monkeypatch.setattr(migrate, "upgrade_needed", lambda _db: True)
    monkeypatch.setattr(migrate, "run_alembic_upgrade", lambda _db: None)
    backup = migrate.ensure_schema(database)
    assert backup is not None and backup.exists()
    assert Path(backup).parent == location.data_dir
    assert backup.read_bytes() == original
