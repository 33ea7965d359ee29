"""Where the data lives and how to open it: the encrypted file in a data folder, or a PostgreSQL server."""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from ibp_desktop.core.errors import IbpError
from ibp_desktop.security import keys
from ibp_desktop.store.database import Database, open_postgresql, open_sqlcipher
from ibp_desktop.store.migrate import ensure_schema

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


@dataclass(frozen=True)
class Location:
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


@dataclass(frozen=True)
class DatabaseInfo:
    database_id: str
    demo: bool = False

    @classmethod
    def new(cls, demo: bool = False) -> DatabaseInfo:
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
    location.info_path.write_text(json.dumps(payload, indent=2), encoding="utf-8")


def server_account(url: str) -> str:
    """The keyring account name for a server URL: the URL without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(password=None).render_as_string(hide_password=False)


def open_location(
    location: Location,
    *,
    recovery_key: str | None = None,
    server_password: str | None = None,
    migrate: bool = True,
) -> Database:
    """Open the database (and bring its schema up to date). Raises KeyNeededError, WrongKeyError, ..."""
    database = (
        _open_server(location, server_password)
        if location.database_url
        else _open_file(location, recovery_key)
    )
    if migrate:
        try:
            ensure_schema(database)
        except Exception:
            database.dispose()
            raise
    return database


def _open_server(location: Location, server_password: str | None) -> Database:
    assert location.database_url is not None
    account = server_account(location.database_url)
    password = server_password or keys.load_server_password(account)
    database = open_postgresql(location.database_url, password)
    if server_password:
        keys.store_server_password(account, server_password)
    return database


def _open_file(location: Location, recovery_key: str | None) -> Database:
    if not location.db_path.exists():
        raise NoDatabaseError(
            f"Er is nog geen database in {location.data_dir}. Start het programma om uw school in te "
            "stellen, of gebruik 'ibp-desktop init'."
        )
    info = read_info(location)
    key, from_recovery = _key_for(info, recovery_key)
    database = open_sqlcipher(location.db_path, key)
    if from_recovery:
        keys.store_database_key(info.database_id, key)  # next time the keyring opens it
    return database


def _key_for(info: DatabaseInfo, recovery_key: str | None) -> tuple[bytes, bool]:
    if info.demo:
        return keys.DEMO_KEY, False
    if recovery_key:
        return keys.parse_recovery_key(recovery_key), True
    stored = keys.load_database_key(info.database_id)
    if stored is None:
        raise KeyNeededError(
            "De sleutel van deze database staat niet in de sleutelbewaarplaats van deze computer. "
            "Voer de herstelsleutel in (het geprinte blad uit de kluis)."
        )
    return stored, False
