"""`move-to-server`: copy one school's own database onto the board's PostgreSQL server."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from ibp_desktop.commands import common


def add_commands(commands: Any, exports: Any) -> None:
    move = commands.add_parser(
        "move-to-server", help="copy one school's database file onto the board's PostgreSQL server"
    )
    move.add_argument("--data-dir", required=True, help="the folder with the school's database file")
    move.add_argument("--database-url", required=True, help="the board's server, postgresql+psycopg://...")
    move.add_argument("--user", required=True, help="a board account on the server (IBP_DESKTOP_PASSWORD)")
    move.add_argument("--dry-run", action="store_true", help="show what would happen; change nothing")
    move.set_defaults(handler=_cmd_move)


def _cmd_move(args: argparse.Namespace) -> int:
    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.database.connection import server_account
    from ibp_desktop.services.database.move import MoveService
    from ibp_desktop.services.location import Location

    local = common.open_database(Location(data_dir=Path(args.data_dir)))
    try:
        server = common.open_database(Location(data_dir=Path(args.data_dir), database_url=args.database_url))
        try:
            actor = login(
                server, args.user, common.secret(common.PASSWORD_ENV, f"Wachtwoord voor {args.user}: ")
            )
            started = time.perf_counter()
            report = MoveService(server, actor).move_school(
                local, server_label=server_account(args.database_url), dry_run=args.dry_run
            )
            seconds = time.perf_counter() - started
        finally:
            server.dispose()
    finally:
        local.dispose()
    _print_report(report, seconds)
    return common.EXIT_OK


def _print_report(report: Any, seconds: float) -> None:
    from ibp_desktop.services.database.move import report_lines

    for line in report_lines(report, seconds):
        print(line)
