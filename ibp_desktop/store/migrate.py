"""Bring a database to the program's schema revision, safely.

- Same revision: nothing happens (one SELECT).
- Older: the SQLite file is first copied aside, then Alembic upgrades it.
- Newer or unknown: refused untouched, the program is older than the data.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, inspect, text

from ibp_desktop.core.errors import IbpError
from ibp_desktop.resources import migrations_path
from ibp_desktop.store.database import Database
from ibp_desktop.store.revisions import HEAD_REVISION, KNOWN_REVISIONS


class DatabaseTooNewError(IbpError):
    """The database was made by a newer version of the program."""


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def upgrade_needed(database: Database) -> bool:
    """True when Alembic must run; raises DatabaseTooNewError for a newer database."""
    with database.engine.connect() as connection:
        revision = current_revision(connection)
    if revision == HEAD_REVISION:
        return False
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseTooNewError(
            f"Deze database is gemaakt met een nieuwere versie van IBP Desktop (schema {revision}). "
            "Installeer de nieuwste versie van het programma. Er is niets aan de database veranderd."
        )
    return True


def ensure_schema(database: Database) -> Path | None:
    """Upgrade to HEAD when needed; returns the backup copy made before the upgrade, if any."""
    if not upgrade_needed(database):
        return None
    backup = _backup_before_upgrade(database)
    run_alembic_upgrade(database)
    return backup


def _backup_before_upgrade(database: Database) -> Path | None:
    path = database.path
    if path is None or not path.exists():
        return None
    with database.engine.connect() as connection:
        if current_revision(connection) is None and not inspect(connection).get_table_names():
            return None  # a brand-new, empty file: nothing to keep
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    backup = path.with_name(f"{path.stem}.voor-upgrade-{stamp}{path.suffix}")
    database.engine.dispose()  # no open connection while the file is copied
    shutil.copy2(path, backup)  # the copy is as encrypted as the original
    return backup


def run_alembic_upgrade(database: Database, revision: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_path()))
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
