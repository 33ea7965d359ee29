"""Where the data lives: the data folder, its small info file, or a PostgreSQL URL.

Only the standard library is imported here, so the GUI can decide what to show first (the
first-run wizard, or the login dialog with the demo accounts) before SQLAlchemy and keyring load; and not
``dataclasses`` (~3 ms before the login dialog, issue 17): the two value types are named tuples.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

from ibp_desktop.core.errors import IbpError

DATA_DIR_ENV = "IBP_DESKTOP_DATA_DIR"
DATABASE_URL_ENV = "IBP_DESKTOP_DATABASE_URL"
DB_FILE = "ibp.sqlite3"
INFO_FILE = "database.json"  # no secrets and no personal data: an id for the keyring and the demo flag
SETTINGS_FILE = "instellingen.json"


class NoDatabaseError(IbpError):
    """There is no database at this place yet."""

    exit_code = 2


class KeyNeededError(IbpError):
    """The keyring has no key for this database: the recovery key is needed."""


class Location(NamedTuple):
    data_dir: Path
    database_url: str | None = None

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILE

    @property
    def info_path(self) -> Path:
        return self.data_dir / INFO_FILE

    @property
    def is_server(self) -> bool:
        return self.database_url is not None

    def exists(self) -> bool:
        return self.is_server or self.db_path.exists()

    def describe(self) -> str:
        if self.database_url:
            from sqlalchemy.engine import make_url

            return make_url(self.database_url).render_as_string(hide_password=True)
        return str(self.db_path)


class DatabaseInfo(NamedTuple):
    database_id: str
    demo: bool = False

    @classmethod
    def new(cls, demo: bool = False) -> DatabaseInfo:
        import uuid  # here, not at the top: uuid loads platform, ~10 ms before the first window

        return cls(database_id=str(uuid.uuid4()), demo=demo)


def default_data_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path("IBP Desktop", appauthor=False)


def resolve_location(data_dir: str | Path | None = None, database_url: str | None = None) -> Location:
    """Command-line options first, then the environment, then the data folder's own settings."""
    folder = Path(data_dir or os.environ.get(DATA_DIR_ENV) or default_data_dir()).expanduser()
    url = database_url or os.environ.get(DATABASE_URL_ENV) or _read_settings(folder).get("database_url")
    return Location(data_dir=folder, database_url=url or None)


def _read_settings(folder: Path) -> dict[str, str]:
    path = folder / SETTINGS_FILE
    if not path.exists():
        return {}
    loaded = json.loads(path.read_text(encoding="utf-8"))
    return {k: str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}


def read_info(location: Location) -> DatabaseInfo:
    try:
        data = json.loads(location.info_path.read_text(encoding="utf-8"))
        return DatabaseInfo(database_id=str(data["database_id"]), demo=bool(data.get("demo", False)))
    except (OSError, ValueError, KeyError) as error:
        raise IbpError(
            f"Het bestand {location.info_path} ontbreekt of is beschadigd. Zonder dit bestand weet het "
            "programma niet welke sleutel bij de database hoort."
        ) from error


def write_info(location: Location, info: DatabaseInfo) -> None:
    location.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    payload = {"database_id": info.database_id, "demo": info.demo, "format": 1}
    fd = os.open(location.info_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(payload, indent=2))


def is_demo_location(location: Location) -> bool:
    """True for the demo school's folder (fictitious data, fixed key)."""
    if location.is_server or not location.info_path.exists():
        return False
    try:
        return read_info(location).demo
    except IbpError:
        return False


SET_ASIDE_PATTERNS = ("ibp.voor-herstel-*.sqlite3", "ibp.voor-upgrade-*.sqlite3", "ibp.sqlite3.herstel")


def set_aside_files(location: Location) -> list[Path]:
    """Database files the program put aside (before a restore or an upgrade), newest first."""
    if location.is_server or not location.data_dir.is_dir():
        return []
    found = [path for pattern in SET_ASIDE_PATTERNS for path in location.data_dir.glob(pattern)]
    return sorted(found, key=lambda path: path.stat().st_mtime, reverse=True)


def missing_database_message(location: Location) -> str | None:
    """When the database is gone but set-aside copies are there: say so instead of offering a new school."""
    files = set_aside_files(location)
    if location.db_path.exists() or not files:
        return None
    names = ", ".join(path.name for path in files[:3])
    return (
        f"De database ontbreekt in {location.data_dir}, maar daar staan wel opzijgezette databasebestanden: "
        f"{names}. Het programma maakt daarom geen nieuwe school aan. Zet de juiste terug met "
        f"'ibp-desktop restore {files[0]} --user NAAM', of vraag de ICT'er om hulp."
    )
