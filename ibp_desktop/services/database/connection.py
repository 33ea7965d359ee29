"""Opening the database at a Location: the encrypted file with the key from the keyring (or the
recovery key), or a PostgreSQL server with its password from the keyring."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

from ibp_desktop.core.errors import DatabaseDamagedError, DataFolderReadOnlyError, DiskFullError, IbpError
from ibp_desktop.security import keys
from ibp_desktop.services.location import (
    DATA_DIR_ENV,
    DATABASE_URL_ENV,
    DatabaseInfo,
    KeyNeededError,
    Location,
    NoDatabaseError,
    default_data_dir,
    missing_database_message,
    read_info,
    resolve_location,
    write_info,
)
from ibp_desktop.store.database import (
    Database,
    ServerPasswordRefusedError,
    WrongKeyError,
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
    all_models: bool = True,
    opened: Callable[[Database], object] | None = None,
) -> Database:
    """Open the database (and bring its schema up to date). Raises KeyNeededError, WrongKeyError, ...

    A database file that another program has open raises DatabaseInUseError (it names who); with
    ``read_only`` the file is opened for viewing only and every save is refused (ReadOnlyDatabaseError).

    ``all_models`` loads every model module first. The program needs that: its threads import page and
    service modules while others query, and SQLAlchemy configures all mappers known at the first query,
    so a model module half imported by another thread would fail it. A command runs on one thread and
    loads only the models it uses (``all_models=False``), in the order it uses them.

    ``opened`` is called as soon as the key has opened the file (or the server answered), before the
    schema, the audit log's anchor and a move are checked: a command starts its password check there
    (services.accounts.auth.start_login_check), so that Argon2id runs while those checks do. It must
    only read.
    """
    if all_models:
        from ibp_desktop.store import schema  # noqa: F401

    database = (
        _open_server(location, server_password)
        if location.database_url
        else _open_file(location, recovery_key, read_only)
    )
    try:
        if opened is not None:
            opened(database)
        if database.read_only:
            _require_current_schema(database)
        elif migrate:
            ensure_schema(database)
        if not database.read_only and (migrate or not upgrade_needed(database)):
            watch_audit_anchor(database, anchor_account(location))
    except BaseException:  # also Ctrl+C at the password prompt of ``opened``: the file is let go
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
    from ibp_desktop.services.database.moved import moved_marker

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


def anchor_account(location: Location) -> str:
    """Under which name the audit anchor sits in the keyring: the database id, or the server URL."""
    if location.database_url:
        return server_account(location.database_url)
    return read_info(location).database_id


def watch_audit_anchor(database: Database, account: str) -> None:
    """Compare the audit log with its anchor now, and keep the anchor up to date after each commit.

    While the log does not match, the anchor is left as it is: the next save must not wipe out the
    evidence that the log was cut short or rewritten.
    """
    from ibp_desktop.security.audit import HEAD_KEY, AuditHead, compare_anchor
    from ibp_desktop.security.audit_anchor import load_anchor, save_anchor

    anchor = load_anchor(account)
    with database.transaction() as session:
        problems = compare_anchor(session, anchor.head if anchor else None)
        pending = anchor.pending if anchor is not None else None
        if problems and pending is not None and not compare_anchor(session, pending):
            problems = []  # a restore switched to this head just before it was stopped
            save_anchor(account, pending)
    database.audit_problems = problems
    database.audit_anchor_account = account
    if problems:
        return

    def keep_anchor(info: dict[str, object]) -> None:
        head = info.get(HEAD_KEY)
        if isinstance(head, AuditHead):
            save_anchor(account, head)

    database.on_commit = keep_anchor


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
        aside = missing_database_message(location)
        if aside:
            raise NoDatabaseError(aside)
        raise NoDatabaseError(
            f"Er is nog geen database in {location.data_dir}. Start het programma om uw school in te "
            "stellen, of gebruik 'ibp-desktop init'."
        )
    # First the lock: a second program must not touch the file at all before it knows it is alone.
    lock = None if read_only else _lock(location)
    try:
        info = read_info(location)
        key, from_recovery = _key_for(info, recovery_key)
        database = _open_sqlcipher(location, info, key, from_recovery, read_only)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    database.lock = lock  # released by database.dispose()
    if lock is not None:  # with the lock held no restore is running: what a stopped one left can go
        _clear_stopped_restore(location)
    if from_recovery:
        keys.store_database_key(info.database_id, key)  # next time the keyring opens it
    return database


def _clear_stopped_restore(location: Location) -> None:
    """Its unfinished copy, and a second name for this very database file (a hard link, no copy)."""
    location.db_path.with_name(location.db_path.name + ".herstel").unlink(missing_ok=True)
    for aside in location.data_dir.glob("ibp.voor-herstel-*.sqlite3"):
        if aside.samefile(location.db_path):
            aside.unlink()
            aside.with_suffix(".json").unlink(missing_ok=True)


def _lock(location: Location) -> FileLock:
    try:
        return FileLock.acquire(lock_path(location.db_path))
    except PermissionError as error:  # EACCES/EPERM: a folder the account may only read
        raise DataFolderReadOnlyError(read_only_folder_message(location.data_dir)) from error
    except OSError as error:
        if error.errno == errno.EROFS:
            raise DataFolderReadOnlyError(read_only_folder_message(location.data_dir)) from error
        if error.errno == errno.ENOSPC:
            raise DiskFullError(
                f"De schijf met de gegevensmap {location.data_dir} is vol. Maak ruimte vrij en probeer het "
                "opnieuw; er is niets veranderd."
            ) from error
        raise


def read_only_folder_message(folder: Path) -> str:
    return (
        f"In de gegevensmap {folder} kan het programma niet schrijven (alleen-lezen, of geen rechten voor "
        "dit account). Vraag de ICT'er om schrijfrechten, of kies een andere map met --data-dir. Er is "
        "niets veranderd."
    )


def _open_sqlcipher(
    location: Location, info: DatabaseInfo, key: bytes, from_recovery: bool, read_only: bool
) -> Database:
    try:
        return open_sqlcipher(location.db_path, key, read_only=read_only)
    except DatabaseDamagedError as error:
        raise DatabaseDamagedError(f"{error} {last_good_backup_sentence(location, info)}") from None
    except WrongKeyError:
        if info.demo or from_recovery:
            raise
        # The keyring holds another key (an old one, another school's): the recovery key decides.
        raise KeyNeededError(
            "De sleutel die deze computer bewaart, past niet bij deze database. Voer de herstelsleutel in "
            "(het geprinte blad uit de kluis)."
        ) from None


def last_good_backup_sentence(location: Location, info: DatabaseInfo) -> str:
    """Names the last good backup: from the keyring's anchor, else the newest in the default folder."""
    from ibp_desktop.security.audit_anchor import load_anchor
    from ibp_desktop.services.database.backup import DEFAULT_FOLDER, list_backups

    anchor = load_anchor(info.database_id)
    if anchor is not None and anchor.last_backup and Path(anchor.last_backup).exists():
        return f"De laatste goede back-up is {anchor.last_backup}."
    ours = [b for b in list_backups(location.data_dir / DEFAULT_FOLDER) if b.database_id == info.database_id]
    if ours:
        return f"De laatste goede back-up is {ours[0].path}."
    return "Er is op deze computer geen back-up gevonden; zoek de back-up op de back-upschijf of de server."


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
