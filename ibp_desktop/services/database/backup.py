"""Encrypted backups of the SQLite database, their rotation, and restoring one safely.

A backup is made with SQLite's online backup API into a new file keyed with the same SQLCipher key,
so it is exactly as unreadable as the database itself and opens with the same recovery key. It is
written under a temporary name, checked (SQLite and SQLCipher integrity), and only then renamed, so
a crash never leaves a half backup that looks whole. A small JSON file beside it names the database
and holds the backup's SHA-256, so a damaged or altered copy is noticed before a restore.

A server database (PostgreSQL) is backed up by the server's own tools (pg_dump), not here.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ibp_desktop.core.backup_rotation import backups_to_keep
from ibp_desktop.core.errors import DiskFullError, IbpError
from ibp_desktop.security import audit, keys
from ibp_desktop.security.audit_anchor import save_anchor
from ibp_desktop.services.database.settings import BACKUP_FOLDER_KEY
from ibp_desktop.services.location import Location, read_info
from ibp_desktop.store.database import Database, key_pragma
from ibp_desktop.store.models import Setting
from ibp_desktop.store.types import utc_now

PREFIX = "ibp-backup-"
SUFFIX = ".sqlite3"
PARTIAL = ".partial"
STAMP = "%Y%m%d-%H%M%S"
LAST_BACKUP_KEY = "last_backup"
DEFAULT_FOLDER = "back-ups"
DAILY = timedelta(hours=20)  # "at most daily", with slack for a school day that starts earlier
STALE_AFTER = timedelta(days=7)
STALE_PARTIAL = timedelta(hours=1)  # a backup takes seconds; a .partial this old was stopped


class BackupError(IbpError):
    """A backup could not be made or is not usable."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: datetime
    size: int
    sha256: str
    database_id: str
    revision: str


@dataclass(frozen=True)
class LastBackup:
    at: datetime
    path: str

    def is_stale(self, now: datetime) -> bool:
        return now - self.at > STALE_AFTER


# Making backups -------------------------------------------------------------------------------


def backup_folder(database: Database, location: Location) -> Path:
    """The folder the school chose (a network share or USB disk), else back-ups/ in the data folder."""
    with database.transaction() as session:
        row = session.get(Setting, BACKUP_FOLDER_KEY)
    return Path(row.value) if row and row.value else location.data_dir / DEFAULT_FOLDER


def make_backup(database: Database, location: Location, target: Path | None = None) -> BackupInfo:
    """Write, check and rotate one backup; ``target`` is a folder or a file name."""
    if not database.is_sqlite or database.key is None or database.path is None:
        raise BackupError(
            "Deze database staat op een databaseserver. Maak back-ups met de hulpmiddelen van de server "
            "(bijvoorbeeld pg_dump); dat regelt de beheerder van de server."
        )
    now = utc_now().replace(microsecond=0)
    folder, final = _target_path(target or backup_folder(database, location), now)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(
            f"De back-upmap {folder} is niet bereikbaar, of het programma mag er niet schrijven. Kies een "
            "andere back-upmap, of sluit de back-upschijf aan. Er is geen back-up gemaakt."
        ) from error
    remove_stale_partials(folder, now)
    partial = final.with_name(final.name + PARTIAL)
    try:
        _copy_online(database, partial)
        revision = verify_backup_file(partial, database.key)
        head = _audit_head_of(partial, database.key)
        _fsync(partial)
        os.replace(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    source = read_info(location)
    info = _describe(final, now, source.database_id, revision)
    _write_sidecar(info, demo=source.demo, head=head)
    _remember(database, info)
    save_anchor(source.database_id, last_backup=str(info.path))
    if target is None or target.is_dir():
        rotate(folder)
    return info


def backup_if_due(database: Database, location: Location) -> BackupInfo | None:
    """At close: a backup when the last one is older than a day (SQLite only)."""
    if not database.is_sqlite:
        return None
    last = last_backup(database)
    if last is not None and utc_now() - last.at < DAILY:
        return None
    return make_backup(database, location)


def _target_path(target: Path, now: datetime) -> tuple[Path, Path]:
    if target.suffix == SUFFIX and not target.is_dir():
        return target.parent, target
    return target, target / f"{PREFIX}{now.strftime(STAMP)}{SUFFIX}"


def _copy_online(database: Database, destination: Path) -> None:
    import sqlcipher3.dbapi2 as sqlcipher

    assert database.key is not None
    os.close(os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))  # personal data: 0600
    target = sqlcipher.connect(str(destination))
    try:
        target.execute(key_pragma(database.key))
        with database.engine.connect() as connection:
            source = connection.connection.dbapi_connection
            assert source is not None
            source.backup(target)  # a consistent snapshot even while others read
    except sqlcipher.OperationalError as error:
        if "full" in str(error).lower():
            raise DiskFullError(
                f"De schijf met de back-upmap {destination.parent} is vol; er is geen back-up gemaakt. Maak "
                "ruimte vrij of kies een andere back-upmap."
            ) from None
        raise
    finally:
        target.close()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_partials(folder: Path, now: datetime) -> list[Path]:
    """Half-written backups of a run that was stopped (a kill, a power cut): never a backup, so away.

    Only those older than an hour: on a shared network folder another PC may be writing one right now.
    """
    removed = []
    for path in folder.glob(f"{PREFIX}*{SUFFIX}{PARTIAL}"):
        try:
            written = datetime.fromtimestamp(path.stat().st_mtime, tz=now.tzinfo)
            if now - written > STALE_PARTIAL:
                path.unlink()
                removed.append(path)
        except OSError:
            continue  # gone meanwhile, or not ours to remove
    return removed


def _audit_head_of(path: Path, key: bytes) -> dict[str, object]:
    import sqlcipher3.dbapi2 as sqlcipher

    connection = sqlcipher.connect(str(path))
    try:
        connection.execute(key_pragma(key))
        row = connection.execute("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    finally:
        connection.close()
    return {"seq": int(row[0]), "hash": str(row[1])} if row else {"seq": 0, "hash": audit.GENESIS_HASH}


def verify_backup_file(path: Path, key: bytes) -> str:
    """Open the file with the key and run the integrity checks; returns its schema revision."""
    import sqlcipher3.dbapi2 as sqlcipher

    connection = sqlcipher.connect(str(path))
    try:
        connection.execute(key_pragma(key))
        try:
            check = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        except sqlcipher.DatabaseError as error:
            raise BackupError(
                f"De back-up {path.name} past niet bij deze sleutel of is beschadigd. Gebruik de "
                "herstelsleutel van de school die de back-up maakte."
            ) from error
        cipher = list(connection.execute("PRAGMA cipher_integrity_check"))
        if check != ["ok"] or cipher:
            raise BackupError(f"De back-up {path.name} is beschadigd; kies een andere back-up.")
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    return str(row[0]) if row else ""


def _describe(path: Path, created_at: datetime, database_id: str, revision: str) -> BackupInfo:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return BackupInfo(path, created_at, path.stat().st_size, digest, database_id, revision)


def _sidecar(path: Path) -> Path:
    return path.with_suffix(".json")


def _write_sidecar(info: BackupInfo, *, demo: bool, head: dict[str, object]) -> None:
    payload = {
        "audit_head": head,  # the log's last number and hash in this backup: an anchor outside the database
        "database_id": info.database_id,
        "demo": demo,  # the demo school's fixed key opens it
        "created_at": info.created_at.isoformat(),
        "sha256": info.sha256,
        "revision": info.revision,
        "format": 1,
    }
    sidecar = _sidecar(info.path)
    fd = os.open(sidecar, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(payload, indent=2))


def _remember(database: Database, info: BackupInfo) -> None:
    with database.transaction() as session:
        value = json.dumps({"at": info.created_at.isoformat(), "path": str(info.path)})
        session.merge(Setting(key=LAST_BACKUP_KEY, value=value))
        audit.record(
            session,
            audit.SYSTEM_ACTOR,
            "backup_made",
            "database",
            info.database_id,
            after={"file": info.path.name, "sha256": info.sha256, "size": info.size},
        )


def last_backup(database: Database) -> LastBackup | None:
    with database.transaction() as session:
        row = session.get(Setting, LAST_BACKUP_KEY)
    if row is None:
        return None
    data = json.loads(row.value)
    return LastBackup(at=datetime.fromisoformat(data["at"]), path=str(data["path"]))


# Listing and rotation -------------------------------------------------------------------------


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in a folder with a readable sidecar, newest first."""
    found = []
    for path in folder.glob(f"{PREFIX}*{SUFFIX}"):
        try:
            meta = json.loads(_sidecar(path).read_text(encoding="utf-8"))
            found.append(
                BackupInfo(
                    path,
                    datetime.fromisoformat(meta["created_at"]),
                    path.stat().st_size,
                    str(meta["sha256"]),
                    str(meta["database_id"]),
                    str(meta.get("revision", "")),
                )
            )
        except (OSError, ValueError, KeyError):
            continue  # not ours, or half-written: never deleted by rotation either
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def rotate(folder: Path) -> list[Path]:
    """Delete the backups the rotation does not keep; returns what was deleted."""
    backups = list_backups(folder)
    keep = backups_to_keep(b.created_at for b in backups)
    removed = []
    for backup in backups:
        if backup.created_at not in keep:
            backup.path.unlink(missing_ok=True)
            _sidecar(backup.path).unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


# For restoring (services/restore.py) ------------------------------------------------------------


def sidecar_facts(backup: Path) -> tuple[str, str, bool]:
    """database id, SHA-256 and demo flag from the JSON beside the backup."""
    try:
        meta = json.loads(_sidecar(backup).read_text(encoding="utf-8"))
        return str(meta["database_id"]), str(meta["sha256"]), bool(meta.get("demo", False))
    except (OSError, ValueError, KeyError):
        return "", "", False  # a copied file without its sidecar: the recovery key must open it


def sidecar_head(backup: Path) -> audit.AuditHead | None:
    """The audit log's last number and hash as the backup's sidecar recorded them (None if absent)."""
    try:
        head = json.loads(_sidecar(backup).read_text(encoding="utf-8"))["audit_head"]
        return audit.AuditHead(int(head["seq"]), str(head["hash"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def key_from_keyring(database_id: str) -> bytes:
    key = keys.load_database_key(database_id) if database_id else None
    if key is None:
        from ibp_desktop.services.location import KeyNeededError

        raise KeyNeededError(
            "Deze computer heeft de sleutel van deze back-up niet. Voer de herstelsleutel in (het geprinte "
            "blad uit de kluis)."
        )
    return key
