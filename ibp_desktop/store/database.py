"""Engines and sessions for an encrypted SQLite (SQLCipher) file or a PostgreSQL server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ibp_desktop.core.errors import DatabaseDamagedError, DiskFullError, IbpError
from ibp_desktop.store.file_lock import FileLock

KEY_BYTES = 32
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
        except OperationalError as error:
            if _is_read_only_refusal(error):
                raise ReadOnlyDatabaseError(READ_ONLY_MESSAGE) from error
            if _is_disk_full(error):
                raise DiskFullError(DISK_FULL_MESSAGE) from None  # the SQL and its values stay out
            raise
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


DISK_FULL_MESSAGE = (
    "De schijf is vol: er is niets opgeslagen. Maak ruimte vrij op de schijf (bijvoorbeeld door oude "
    "bestanden te verwijderen) en probeer het opnieuw."
)


def _is_disk_full(error: OperationalError) -> bool:
    return "disk is full" in str(error.orig).lower()


def _is_read_only_refusal(error: OperationalError) -> bool:
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
        raise DatabaseUnavailableError(
            f"De databaseserver {parsed.host}:{parsed.port or 5432} is niet bereikbaar of weigert de "
            f"verbinding: {str(error.orig).strip().splitlines()[0]}"
        ) from error
    return Database(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False), path=None)
