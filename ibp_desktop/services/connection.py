"""Opening the database at a Location: the encrypted file with the key from the keyring (or the
recovery key), or a PostgreSQL server with its password from the keyring."""

from __future__ import annotations

from ibp_desktop.core.errors import IbpError
from ibp_desktop.security import keys
from ibp_desktop.services.location import (
    DATA_DIR_ENV,
    DATABASE_URL_ENV,
    DatabaseInfo,
    KeyNeededError,
    Location,
    NoDatabaseError,
    default_data_dir,
    read_info,
    resolve_location,
    write_info,
)
from ibp_desktop.store.database import (
    Database,
    ServerPasswordRefusedError,
    open_postgresql,
    open_sqlcipher,
    server_trouble,
)
from ibp_desktop.store.file_lock import DatabaseInUseError, FileLock, lock_path
from ibp_desktop.store.migrate import ensure_schema, upgrade_needed

__all__ = [
    "DATABASE_URL_ENV",
    "DATA_DIR_ENV",
    "DatabaseInUseError",
    "DatabaseInfo",
    "KeyNeededError",
    "Location",
    "NoDatabaseError",
    "ServerPasswordNeededError",
    "default_data_dir",
    "open_location",
    "read_info",
    "resolve_location",
    "server_account",
    "server_trouble",
    "write_info",
]


class ServerPasswordNeededError(IbpError):
    """The server wants a password and the keyring has none for it: ask the user."""


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
    read_only: bool = False,
) -> Database:
    """Open the database (and bring its schema up to date). Raises KeyNeededError, WrongKeyError, ...

    A database file that another program has open raises DatabaseInUseError (it names who); with
    ``read_only`` the file is opened for viewing only and every save is refused (ReadOnlyDatabaseError).
    """
    database = (
        _open_server(location, server_password)
        if location.database_url
        else _open_file(location, recovery_key, read_only)
    )
    try:
        if database.read_only:
            _require_current_schema(database)
        elif migrate:
            ensure_schema(database)
    except Exception:
        database.dispose()
        raise
    if database.is_sqlite and not database.read_only:
        return _unless_moved(location, database, recovery_key)
    return database


MOVED_MESSAGE = (
    "Deze school is verhuisd naar de databaseserver van het bestuur ({server}, {at}). Dit bestand is de "
    "eigen kopie van de school en kan alleen nog worden bekeken. Er is niets opgeslagen."
)


def _unless_moved(location: Location, database: Database, recovery_key: str | None) -> Database:
    """A file whose school moved to the server opens for viewing only, as the school's own copy."""
    from ibp_desktop.services.move import moved_marker

    try:
        marker = moved_marker(database)
    except Exception:
        database.dispose()
        raise
    if marker is None:
        return database
    database.dispose()
    viewer = _open_file(location, recovery_key, read_only=True)
    year, month, day = str(marker.get("at", "????-??-??"))[:10].split("-")
    server = marker.get("server", "?")
    viewer.read_only_message = MOVED_MESSAGE.format(server=server, at=f"{day}-{month}-{year}")
    return viewer


def _require_current_schema(database: Database) -> None:
    if upgrade_needed(database):  # a viewer cannot upgrade; the program that has it open will
        raise IbpError(
            "De database moet eerst worden bijgewerkt naar deze versie van het programma, en dat kan "
            "niet terwijl een ander programma hem open heeft. Probeer het later opnieuw."
        )


def _open_server(location: Location, server_password: str | None) -> Database:
    assert location.database_url is not None
    account = server_account(location.database_url)
    password = server_password or keys.load_server_password(account)
    try:
        database = open_postgresql(location.database_url, password)
    except ServerPasswordRefusedError as error:
        if password is None and error.missing:
            raise ServerPasswordNeededError(
                f"De databaseserver vraagt een wachtwoord voor {account}. Voer het wachtwoord in; het "
                "wordt daarna in de sleutelbewaarplaats van deze computer bewaard."
            ) from error
        raise
    if server_password:
        keys.store_server_password(account, server_password)
    return database


def _open_file(location: Location, recovery_key: str | None, read_only: bool) -> Database:
    if not location.db_path.exists():
        raise NoDatabaseError(
            f"Er is nog geen database in {location.data_dir}. Start het programma om uw school in te "
            "stellen, of gebruik 'ibp-desktop init'."
        )
    # First the lock: a second program must not touch the file at all before it knows it is alone.
    lock = None if read_only else FileLock.acquire(lock_path(location.db_path))
    try:
        info = read_info(location)
        key, from_recovery = _key_for(info, recovery_key)
        database = open_sqlcipher(location.db_path, key, read_only=read_only)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    database.lock = lock  # released by database.dispose()
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
