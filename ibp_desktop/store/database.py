"""Engines and sessions for an encrypted SQLite (SQLCipher) file or a PostgreSQL server."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ibp_desktop.core.errors import IbpError
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
            trouble = server_trouble(error) if not self.is_sqlite else None
            if trouble is None:
                raise
            # "from None": the driver's text holds SQL and the values of the rows (pupils' names).
            raise trouble from None

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

    _verify_key(engine, path)
    return Database(
        engine=engine,
        sessions=sessionmaker(engine, expire_on_commit=False),
        path=path,
        key=key,
        read_only=read_only,
    )


def _read_only_engine(sqlcipher: Any, path: Path) -> Engine:
    from urllib.parse import quote

    from sqlalchemy.pool import QueuePool

    # A URI so that SQLite opens the file with mode=ro; connected by hand because SQLAlchemy's URL
    # parsing would undo the %-encoding a folder name with spaces or '%' needs.
    uri = f"file:{quote(path.as_posix(), safe='/:')}?mode=ro"

    def connect() -> Any:
        return sqlcipher.connect(uri, uri=True, check_same_thread=False)

    return create_engine("sqlite://", module=sqlcipher, creator=connect, poolclass=QueuePool)


def _verify_key(engine: Engine, path: Path) -> None:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
    except DatabaseError as error:
        engine.dispose()
        if "not a database" in str(error.orig):
            raise WrongKeyError(
                f"De sleutel past niet bij de database {path}. Gebruik de herstelsleutel van deze "
                "school, of kies een andere gegevensmap."
            ) from error
        raise DatabaseUnavailableError(f"De database {path} kan niet worden geopend: {error.orig}") from error


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
