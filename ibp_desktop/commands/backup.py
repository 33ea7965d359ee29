"""Backups: `ibp-desktop backup [-o FILE|FOLDER]` (for scheduled tasks) and `ibp-desktop restore FILE`."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from ibp_desktop.commands import common


def add_commands(commands: Any, exports: Any) -> None:
    backup = commands.add_parser("backup", help="make an encrypted backup now (also for scheduled tasks)")
    common.add_common(backup)
    backup.add_argument("-o", "--output", help="backup file or folder (default: the chosen backup folder)")
    backup.set_defaults(handler=_cmd_backup)

    restore = commands.add_parser(
        "restore", help="put a backup back (security officer or director; the current database is kept aside)"
    )
    common.add_common(restore)
    common.add_user(restore)
    restore.add_argument("file", help="the backup file (ibp-backup-....sqlite3)")
    restore.set_defaults(handler=_cmd_restore)


def _cmd_backup(args: argparse.Namespace) -> int:
    from ibp_desktop.services.database.backup import make_backup

    location = common.location(args)
    database = common.open_database(location)
    try:
        info = make_backup(database, location, Path(args.output) if args.output else None)
    finally:
        database.dispose()
    print(f"Back-up gemaakt en gecontroleerd: {info.path} ({info.size / 1024:.0f} kB)")
    return common.EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    from ibp_desktop.services.database.restore import Credentials, restore_backup
    from ibp_desktop.services.location import KeyNeededError

    location = common.location(args)
    backup = Path(args.file)
    who = Credentials(
        username=args.user, password=common.secret(common.PASSWORD_ENV, f"Wachtwoord voor {args.user}: ")
    )
    try:
        result = restore_backup(location, backup, who, os.environ.get(common.RECOVERY_KEY_ENV) or None)
    except KeyNeededError as error:
        common.err(str(error))
        key = common.secret(common.RECOVERY_KEY_ENV, "Herstelsleutel: ")
        result = restore_backup(location, backup, who, key)
    print(f"Back-up {result.restored_from.name} is teruggezet in {location.data_dir}.")
    if result.previous_copy is not None:
        print(f"De database die er stond, is bewaard als {result.previous_copy}.")
    return common.EXIT_OK
