"""Engines and sessions for an encrypted SQLite (SQLCipher) file or a PostgreSQL server."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ibp_desktop.core.errors import DatabaseDamagedError, DiskFullError, IbpError
from ibp_desktop.store.file_lock import FileLock

KEY_BYTES = 32
logger = logging.getLogger(__name__)

SERVER_DOWN = (
    "De databaseserver is niet bereikbaar. Er is niets opgeslagen. Controleer of deze computer verbinding "
    "heeft met het netwerk en probeer het over een paar minuten opnieuw; het programma werkt weer zodra de "
    "server terug is. Blijft het zo, meld het dan aan de ICT'er van het bestuur."
)
SERVER_BUSY = (
    "De databaseserver was even bezet met het werk van een ander. Er is niets opgeslagen. Probeer het "
    "opnieuw."
)

CIPHER_PAGE_SIZE = 4096  # SQLCipher 4's default; every file is a whole number of these pages


class WrongKeyError(IbpError):
    """The key does not open this database file."""


class DatabaseUnavailableError(IbpError):
    """The server cannot be reached or the file cannot be opened."""


class ReadOnlyDatabaseError(IbpError):
    """A write was tried on a database opened only for viewing (another program has it open)."""


READ_ONLY_MESSAGE = (
    "De database is alleen geopend om te bekijken, omdat een ander programma ermee werkt. Er is niets "
    "opgeslagen. Sluit het programma en open het opnieuw als de ander klaar is."
)


@dataclass
class Database:
    """An open database: the engine and a session factory. One per program (or test)."""

    engine: Engine
    sessions: sessionmaker[Session]
    path: Path | None  # the SQLite file, None for PostgreSQL
    # The SQLCipher key, kept so that backups get the same encryption; never written anywhere.
    key: bytes | None = field(default=None, repr=False)
    read_only: bool = False  # opened for viewing only: every write fails with ReadOnlyDatabaseError
    lock: FileLock | None = field(default=None, repr=False)  # who has the file open; freed in dispose()
    read_only_message: str = READ_ONLY_MESSAGE  # why every save is refused (another program, or moved)
    # Called with session.info after each commit (the audit anchor outside the database is kept so).
    on_commit: Callable[[dict[str, Any]], None] | None = field(default=None, repr=False)
    # What the audit log lacks against its anchor, found when it was opened (Dutch, for the user).
    audit_problems: list[str] = field(default_factory=list)
    audit_anchor_account: str | None = None  # under which name the keyring keeps the log's anchor

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits at the end, rolls back on any error."""
        try:
            with self.sessions.begin() as session:
                yield session
        except (OperationalError, InterfaceError) as error:
            if _is_read_only_refusal(error):
                raise ReadOnlyDatabaseError(self.read_only_message) from error
            if _is_disk_full(error):
                raise DiskFullError(DISK_FULL_MESSAGE) from None  # the SQL and its values stay out
            trouble = server_trouble(error) if not self.is_sqlite else None
            if trouble is None:
                raise
            # "from None": the driver's text holds SQL and the values of the rows (pupils' names).
            raise trouble from None
        except DatabaseError as error:
            if "malformed" in str(error.orig).lower() and self.path is not None:
                raise DatabaseDamagedError(damaged_message(self.path)) from None
            raise
        if self.on_commit is not None and session.info:
            self.on_commit(session.info)

    def dispose(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()


def server_trouble(error: BaseException) -> IbpError | None:
    """The Dutch error for a PostgreSQL connection that failed or went away (or a deadlock), else None.

    Never the driver's text: it can hold SQL and row values. The log gets the SQLSTATE only.
    """
    if not isinstance(error, DBAPIError):
        return None
    sqlstate = getattr(error.orig, "sqlstate", None)
    if sqlstate is not None and sqlstate.startswith("40"):  # serialization failure, deadlock
        logger.warning("database server busy (sqlstate %s)", sqlstate)
        return DatabaseUnavailableError(SERVER_BUSY)
    lost = error.connection_invalidated or sqlstate is None or sqlstate[:2] in ("08", "57")
    if not lost:
        return None
    logger.warning("database server unreachable (%s, sqlstate %s)", type(error.orig).__name__, sqlstate)
    return DatabaseUnavailableError(SERVER_DOWN)


DISK_FULL_MESSAGE = (
    "De schijf is vol: er is niets opgeslagen. Maak ruimte vrij op de schijf (bijvoorbeeld door oude "
    "bestanden te verwijderen) en probeer het opnieuw."
)


def _is_disk_full(error: DBAPIError) -> bool:
    return "disk is full" in str(error.orig).lower()


def _is_read_only_refusal(error: DBAPIError) -> bool:
    # "attempt to write a readonly database" (mode=ro) and the like from SQLite.
    return "readonly database" in str(error.orig).lower()


def key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("database key must be 32 bytes")
    # A raw key: SQLCipher uses it as is, without running its password KDF on every open.
    return f"PRAGMA key = \"x'{key.hex()}'\""


def open_sqlcipher(path: Path, key: bytes, *, read_only: bool = False) -> Database:
    """Open (or create) an encrypted SQLite file; WrongKeyError when the key does not fit.

    ``read_only`` opens the file with SQLite's ``mode=ro``: SQLite itself refuses every write.
    """
    import sqlcipher3.dbapi2 as sqlcipher

    key_pragma_sql = key_pragma(key)
    new = not path.exists()
    if not read_only:
        _owner_only(path)
    if read_only:
        engine = _read_only_engine(sqlcipher, path)
    else:
        engine = create_engine(f"sqlite:///{path}", module=sqlcipher)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the driver so that BEGIN IMMEDIATE below is ours.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(key_pragma_sql)
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA secure_delete = ON")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = DELETE")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Write lock from the start: the audit chain reads its last hash and appends in one go. A viewer
        # takes no write lock, so it never holds up the program that works in the database.
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    _verify_key(engine, path, new)
    return Database(
        engine=engine,
        sessions=sessionmaker(engine, expire_on_commit=False),
        path=path,
        key=key,
        read_only=read_only,
    )


def _owner_only(path: Path) -> None:
    """The file holds personal data: readable by its owner only (0600), also a file an older version made."""
    import os
    import stat

    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # SQLite fills the empty file
    elif os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077:
        path.chmod(0o600)


def _read_only_engine(sqlcipher: Any, path: Path) -> Engine:
    from urllib.parse import quote

    from sqlalchemy.pool import QueuePool

    # A URI so that SQLite opens the file with mode=ro; connected by hand because SQLAlchemy's URL
    # parsing would undo the %-encoding a folder name with spaces or '%' needs.
    uri = f"file:{quote(path.as_posix(), safe='/:')}?mode=ro"

    def connect() -> Any:
        return sqlcipher.connect(uri, uri=True, check_same_thread=False)

    return create_engine("sqlite://", module=sqlcipher, creator=connect, poolclass=QueuePool)


def _verify_key(engine: Engine, path: Path, new: bool) -> None:
    if not new and looks_cut_short(path):  # before the key: a wrong key must not be blamed for a broken file
        engine.dispose()
        raise DatabaseDamagedError(damaged_message(path))
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
            pages = int(connection.execute(text("PRAGMA page_count")).scalar_one())
            page_size = int(connection.execute(text("PRAGMA page_size")).scalar_one())
    except DatabaseError as error:
        engine.dispose()
        reason = str(error.orig).lower()
        if "malformed" in reason or "corrupt" in reason:
            raise DatabaseDamagedError(damaged_message(path)) from None
        if "not a database" in reason:
            raise WrongKeyError(
                f"De sleutel past niet bij de database {path}. Gebruik de herstelsleutel van deze "
                "school, of kies een andere gegevensmap."
            ) from error
        raise DatabaseUnavailableError(
            f"De database {path} kan niet worden geopend ({type(error.orig).__name__}). Controleer of de "
            "gegevensmap bereikbaar is; lukt het niet, herstel dan een back-up."
        ) from error
    if not new and path.stat().st_size < pages * page_size:  # the header knows more pages than the file
        engine.dispose()
        raise DatabaseDamagedError(damaged_message(path))


def looks_cut_short(path: Path) -> bool:
    """An encrypted database is whole pages of 4096 bytes; an empty file or a partial page is damage."""
    if not path.exists():
        return False
    size = path.stat().st_size
    return size == 0 or size % CIPHER_PAGE_SIZE != 0


def damaged_message(path: Path) -> str:
    return (
        f"Het databasebestand {path} is beschadigd of ingekort; het programma kan het niet gebruiken. "
        "Herstel een back-up (in het programma via Beheer, of met 'ibp-desktop restore BESTAND'). Meld het "
        "aan de security officer."
    )


def open_postgresql(url: str, password: str | None = None) -> Database:
    """Connect to a PostgreSQL server; the password comes from the keyring, never from a file."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if password is not None:
        parsed = parsed.set(password=password)
    engine = create_engine(parsed, pool_pre_ping=True)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as error:
        engine.dispose()
        raise _connect_refusal(str(error.orig), parsed.host, parsed.port, parsed.database) from None
    return Database(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False), path=None)


class ServerPasswordRefusedError(DatabaseUnavailableError):
    """The server wants a password that was not given, or refused the one given."""

    def __init__(self, message: str, *, missing: bool) -> None:
        super().__init__(message)
        self.missing = missing


def _connect_refusal(
    driver_text: str, host: str | None, port: int | None, database: str | None
) -> DatabaseUnavailableError:
    """A Dutch reason why the server refused; the driver's own (English) text stays out of it."""
    where = f"{host}:{port or 5432}"
    lowered = driver_text.lower()
    if "no password supplied" in lowered or "fe_sendauth" in lowered:
        return ServerPasswordRefusedError(f"De databaseserver {where} vraagt een wachtwoord.", missing=True)
    if "password authentication failed" in lowered:
        return ServerPasswordRefusedError(
            f"De databaseserver {where} weigert het wachtwoord. Controleer het wachtwoord van de database "
            "(IBP_DESKTOP_DB_PASSWORD) of vraag het de ICT'er van het bestuur.",
            missing=False,
        )
    if "does not exist" in lowered:
        return DatabaseUnavailableError(
            f"Op de databaseserver {where} bestaat de database of de gebruiker uit het adres niet "
            f"({database}). Controleer het adres (--database-url) of vraag het de ICT'er van het bestuur."
        )
    logger.warning("database server %s unreachable at connect", where)
    return DatabaseUnavailableError(
        f"De databaseserver {where} is niet bereikbaar. Controleer of deze computer verbinding heeft met "
        "het netwerk en of het adres klopt; probeer het over een paar minuten opnieuw. Blijft het zo, meld "
        "het dan aan de ICT'er van het bestuur."
    )
