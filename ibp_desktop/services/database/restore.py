"""Putting a backup back: a logged-in act of the security officer or the director.

The order makes every moment safe to be killed at (tests/crash kills it there over and over):

1. the backup is checked (its sidecar's SHA-256, SQLite and SQLCipher integrity, a known schema);
2. the database's lock is taken: a program that has it open makes the restore refuse, untouched;
3. the backup is copied to ``ibp.sqlite3.herstel`` and the restore's audit entry is written into that
   copy, which is then flushed to disk: the entry arrives with the file, never without it;
4. the database that is there gets a second name (a hard link, so the file stays where it is);
5. one atomic rename puts the copy in place and the folder is flushed.

Until 5 the old database is in place, after it the restored one: never none. The audit anchor in the
keyring first learns the head that is coming (``pending``), so a kill between 4 and the anchor update
is no false alarm about a cut-short log.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ibp_desktop.core.errors import BadInputError, IbpError, PermissionDeniedError, RestoreRefusedError
from ibp_desktop.core.roles import Role
from ibp_desktop.security import audit, keys
from ibp_desktop.security.audit_anchor import save_anchor
from ibp_desktop.services.context import Actor
from ibp_desktop.services.database.backup import (
    SUFFIX,
    BackupError,
    key_from_keyring,
    sidecar_facts,
    verify_backup_file,
)
from ibp_desktop.services.location import DatabaseInfo, Location, read_info, write_info
from ibp_desktop.store.database import Database, open_sqlcipher
from ibp_desktop.store.file_lock import DatabaseInUseError, FileLock, lock_path
from ibp_desktop.store.revisions import KNOWN_REVISIONS

RESTORE_ROLES = frozenset({Role.SECURITY_OFFICER, Role.DIRECTOR})
INCOMING_SUFFIX = ".herstel"
ASIDE_PREFIX = "ibp.voor-herstel-"
STAMP = "%Y%m%d-%H%M%S"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_copy: Path | None  # the database that was there before, kept aside
    revision: str


@dataclass(frozen=True)
class Credentials:
    """Who restores: the GUI passes the logged-in actor, the command line a user name and password."""

    actor: Actor | None = None
    username: str = ""
    password: str = ""


def restore_backup(
    location: Location, backup: Path, who: Credentials, recovery_key: str | None = None
) -> RestoreResult:
    """Put a checked backup in place; the current database is kept aside, never overwritten."""
    if location.is_server:
        raise BadInputError("Terugzetten kan alleen voor een database op deze computer, niet op een server.")
    if not backup.is_file():
        raise BadInputError(f"Het bestand {backup} bestaat niet.")
    info, key, revision = _checked_backup(location, backup, recovery_key)
    location.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        lock = FileLock.acquire(lock_path(location.db_path))
    except DatabaseInUseError as error:
        raise RestoreRefusedError(
            f"{str(error).split('. ')[0]}. Terugzetten kan pas als dat programma is gesloten; er is niets "
            "veranderd."
        ) from error
    try:
        return _restore_locked(location, backup, who, info, key, revision)
    finally:
        lock.release()


def _checked_backup(
    location: Location, backup: Path, recovery_key: str | None
) -> tuple[DatabaseInfo, bytes, str]:
    database_id, expected_sha, demo = sidecar_facts(backup)
    if not database_id and location.info_path.exists():
        current = read_info(location)  # a bare copy: most likely this database's own
        database_id, demo = current.database_id, current.demo
    if recovery_key:
        key = keys.parse_recovery_key(recovery_key)
    else:
        key = keys.DEMO_KEY if demo else key_from_keyring(database_id)
    if expected_sha and _sha256(backup) != expected_sha:
        raise BackupError(
            f"De back-up {backup.name} is na het maken veranderd of beschadigd (controlegetal klopt niet)."
        )
    revision = verify_backup_file(backup, key)
    if revision not in KNOWN_REVISIONS:
        raise BackupError(
            f"De back-up {backup.name} is gemaakt met een nieuwere versie van IBP Desktop. Installeer eerst "
            "de nieuwste versie."
        )
    return DatabaseInfo(database_id or DatabaseInfo.new().database_id, demo=demo), key, revision


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _restore_locked(
    location: Location, backup: Path, who: Credentials, info: DatabaseInfo, key: bytes, revision: str
) -> RestoreResult:
    incoming = location.db_path.with_name(location.db_path.name + INCOMING_SUFFIX)
    incoming.unlink(missing_ok=True)  # a restore that was stopped before its switch
    _copy_synced(backup, incoming)
    try:
        _bring_up_to_date(incoming, key)
        actor = _authorise(location, who, incoming, key)
        head = _log_restore(incoming, key, actor, backup)
        if not info.demo:
            keys.store_database_key(info.database_id, key)
        save_anchor(info.database_id, pending=head)
        previous = _keep_current_aside(location)
        if not location.info_path.exists() or read_info(location) != info:
            write_info(location, info)
        os.replace(incoming, location.db_path)
        _sync_folder(location.data_dir)
    except BaseException:
        incoming.unlink(missing_ok=True)
        raise
    save_anchor(info.database_id, head)
    log.info("backup restored, revision %s, audit head %d", revision, head.seq)
    return RestoreResult(backup, previous, revision)


def _copy_synced(source: Path, destination: Path) -> None:
    fd = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as target, source.open("rb") as original:
        shutil.copyfileobj(original, target, 1 << 20)
        target.flush()
        os.fsync(target.fileno())


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to flush."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _bring_up_to_date(incoming: Path, key: bytes) -> None:
    """An older backup gets this program's schema in the copy (the backup file itself stays as it is)."""
    from ibp_desktop.store.migrate import run_alembic_upgrade, upgrade_needed

    database = open_sqlcipher(incoming, key)
    try:
        if upgrade_needed(database):
            run_alembic_upgrade(database)
    finally:
        database.dispose()


# Who may restore ------------------------------------------------------------------------------


def _authorise(location: Location, who: Credentials, incoming: Path, key: bytes) -> audit.AuditActor:
    """Checked in the database that is there; when that one is missing or does not open, in the backup."""
    current = _open_current(location)
    database = current or open_sqlcipher(incoming, key)
    try:
        actor = _actor_in(database, who)
    finally:
        database.dispose()
    if not actor.roles & RESTORE_ROLES:
        raise PermissionDeniedError(
            "Alleen de security officer of de directeur mag een back-up terugzetten. Er is niets veranderd."
        )
    return audit.AuditActor(None if current else actor.user_id, actor.username)


def _open_current(location: Location) -> Database | None:
    if not location.db_path.exists():
        return None
    try:
        info = read_info(location)
        key = keys.DEMO_KEY if info.demo else keys.load_database_key(info.database_id)
        if key is None:
            return None
        return open_sqlcipher(location.db_path, key)  # the lock is ours already
    except IbpError as error:  # damaged, cut short, another key: the backup decides who may restore
        log.info("current database not usable for the restore check: %s", type(error).__name__)
        return None


def _actor_in(database: Database, who: Credentials) -> Actor:
    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.context import actor_from_user
    from ibp_desktop.store.models import User

    if who.actor is None:
        return login(database, who.username, who.password)
    with database.transaction() as session:
        user = session.get(User, who.actor.user_id)
        if user is None or not user.active or user.username != who.actor.username:
            raise PermissionDeniedError(
                "Uw account bestaat niet (meer) in deze database. Er is niets veranderd."
            )
        return actor_from_user(session, user)


# The switch -----------------------------------------------------------------------------------


def _log_restore(incoming: Path, key: bytes, actor: audit.AuditActor, backup: Path) -> audit.AuditHead:
    """The restored database records that it came back from a backup, by whom; committed and on disk."""
    database = open_sqlcipher(incoming, key)
    try:
        with database.transaction() as session:
            audit.record(
                session, actor, "backup_restored", "database", backup.name[:40], after={"file": backup.name}
            )
            head = audit.head(session)
    finally:
        database.dispose()
    fd = os.open(incoming, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    return head


def _keep_current_aside(location: Location) -> Path | None:
    """A second name for the database that is there; the file itself stays in place until the switch."""
    if not location.db_path.exists():
        return None
    stamp = datetime.now(UTC).strftime(STAMP)
    aside = location.data_dir / f"{ASIDE_PREFIX}{stamp}{SUFFIX}"
    try:
        os.link(location.db_path, aside)
    except OSError:  # a file system without hard links (FAT on a USB disk): a full, flushed copy
        _copy_synced(location.db_path, aside)
    if location.info_path.exists():
        shutil.copyfile(location.info_path, aside.with_suffix(".json"))
    return aside
