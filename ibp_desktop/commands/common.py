"""What every command shares: options, exit codes, secrets from the environment, opening and logging in."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ibp_desktop.security.passwords import PasswordCheck
    from ibp_desktop.services.context import Actor
    from ibp_desktop.services.location import Location
    from ibp_desktop.store.database import Database

PASSWORD_ENV = "IBP_DESKTOP_PASSWORD"
NEW_PASSWORD_ENV = "IBP_DESKTOP_NEW_PASSWORD"
RECOVERY_KEY_ENV = "IBP_DESKTOP_RECOVERY_KEY"
SERVER_PASSWORD_ENV = "IBP_DESKTOP_DB_PASSWORD"
EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
log = logging.getLogger(__name__)


class CommandError(Exception):
    """A problem with what the user asked; the message is Dutch."""

    def __init__(self, message: str, exit_code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def add_common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """--data-dir and --database-url, on the main parser (``top``) and again on each command.

    On a command they default to SUPPRESS: argparse copies a sub-parser's defaults over the main
    parser's values, so a plain None there would silently undo `ibp-desktop --data-dir D backup`.
    """
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        default=default,
        help="data folder (default: the user data folder; env IBP_DESKTOP_DATA_DIR)",
    )
    parser.add_argument(
        "--database-url", default=default, help="PostgreSQL URL, e.g. postgresql+psycopg://user@host/ibp"
    )


def add_user(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", required=True, help="your user name (password from IBP_DESKTOP_PASSWORD)")


def err(message: str) -> None:
    print(message, file=sys.stderr)


def location(args: argparse.Namespace) -> Location:
    from ibp_desktop.services.location import resolve_location

    return resolve_location(args.data_dir, args.database_url)


def secret(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise CommandError(f"Geen invoer mogelijk: zet {env} of start de opdracht in een terminal.")
    import getpass  # here: `ibp-desktop` without a command opens the window, which never asks this way

    return getpass.getpass(prompt)


@contextmanager
def _loading() -> Iterator[None]:
    """Python's cyclic garbage collector off while a command loads its stack.

    Opening and logging in import SQLAlchemy, the models, keyring and (meanwhile) ReportLab: some
    hundred thousand objects that live as long as the process, which the collector would otherwise
    scan again and again (about a tenth of a command's time). It runs as usual afterwards; a command
    has one thread, so nothing else allocates meanwhile.
    """
    from ibp_desktop.core.gc_pause import collector_paused

    with collector_paused():
        try:
            yield
        finally:
            gc.freeze()  # what was loaded stays: never scanned again (cli.main unfreezes at the end)


def open_database(
    location: Location, *, read_only: bool = False, opened: Callable[[Database], object] | None = None
) -> Database:
    """Open with the keyring's key, else with the recovery key from the environment or the terminal.

    A warning about the audit log (cut short, wiped, rewritten) goes to stderr on every command.
    ``opened``: see services.database.connection.open_location.
    """
    with _loading():
        database = _open(location, read_only, opened)
    if database.audit_problems:
        err("Let op: het logboek klopt niet met wat deze computer buiten de database bewaart.")
        for problem in database.audit_problems:
            err("  " + problem)
        err("Meld dit als beveiligingsincident; 'ibp-desktop check' geeft meer details.")
    return database


def _open(
    location: Location, read_only: bool = False, opened: Callable[[Database], object] | None = None
) -> Database:
    from ibp_desktop.services.database.connection import (
        KeyNeededError,
        ServerPasswordNeededError,
        open_location,
    )

    # One thread: only the models the command uses are loaded (see open_location).
    try:
        return open_location(
            location,
            server_password=os.environ.get(SERVER_PASSWORD_ENV) or None,
            read_only=read_only,
            all_models=False,
            opened=opened,
        )
    except KeyNeededError as error:
        err(str(error))
        key = secret(RECOVERY_KEY_ENV, "Herstelsleutel: ")
        return open_location(location, recovery_key=key, read_only=read_only, all_models=False, opened=opened)
    except ServerPasswordNeededError as error:
        err(str(error))
        password = secret(SERVER_PASSWORD_ENV, "Wachtwoord van de databaseserver: ")
        return open_location(location, server_password=password, all_models=False, opened=opened)


def logged_in(
    args: argparse.Namespace, *, password_change: bool = False, meanwhile: Callable[[], object] | None = None
) -> tuple[Database, Actor]:
    """Open and log in. A temporary password opens only the password change (``password_change``).

    The password is asked as soon as the file is open, and Argon2id starts checking it then, on another
    core, while the opening checks run (audit anchor, schema, move). ``meanwhile`` runs after them, while
    the check goes on (imports the command needs next); an export to PDF loads ReportLab and its fonts
    then by default.
    """
    if meanwhile is None and _writes_pdf(args):
        from ibp_desktop.services.preload import pdf_tools

        meanwhile = pdf_tools
    with _loading():
        from ibp_desktop.core.errors import PasswordChangeRequiredError
        from ibp_desktop.services.accounts.auth import login, must_change_password

        early: list[tuple[str, PasswordCheck | None]] = []  # the password, asked once, and its check
        database = open_database(location(args), opened=lambda db: early.append(_start_check(db, args)))
        try:
            password, started = early[0] if early else (_password(args), None)
            actor = login(database, args.user, password, meanwhile=meanwhile, started=started)
        except BaseException:
            database.dispose()
            raise
    try:
        if not password_change and must_change_password(database, actor):
            raise PasswordChangeRequiredError(
                f"{args.user} heeft nog een tijdelijk wachtwoord. Kies eerst een eigen wachtwoord met "
                f"'ibp-desktop password --user {args.user}' (of log in in het programma); daarna werkt deze "
                "opdracht. Er is niets gedaan."
            )
    except BaseException:
        database.dispose()
        raise
    return database, actor


def _password(args: argparse.Namespace) -> str:
    return secret(PASSWORD_ENV, f"Wachtwoord voor {args.user}: ")


def _start_check(database: Database, args: argparse.Namespace) -> tuple[str, PasswordCheck | None]:
    """Ask the password and start checking it (login uses the answer); a database that cannot answer
    yet (one that still needs its upgrade) is checked by login afterwards, as usual."""
    from ibp_desktop.services.accounts.auth import start_login_check

    password = _password(args)
    try:
        return password, start_login_check(database, args.user, password)
    except Exception as error:
        log.info("password check not started early (%s)", type(error).__name__)
        return password, None


def _writes_pdf(args: argparse.Namespace) -> bool:
    output = getattr(args, "output", None)
    return getattr(args, "command", None) == "export" and str(output or "").lower().endswith(".pdf")


def option_date(text: str, option: str) -> date:
    """A date given on the command line: dd-mm-jjjj (also d-m-jjjj, with / or .) or ISO jjjj-mm-dd."""
    from ibp_desktop.importers.values import CellError, parse_date

    try:
        return parse_date(text)
    except CellError as error:
        reason = str(error)  # e.g. "31-02-2026 bestaat niet." or "'morgen' is geen datum. ..."
        if "geen datum" not in reason:
            reason += " Dat is geen datum in de kalender; schrijf de datum als dd-mm-jjjj."
        raise CommandError(f"{option}: {reason}") from error


def column_overrides(texts: list[str], example: str) -> dict[str, int | str | None]:
    """`--map FIELD=COLUMN` options for an import; `FIELD=` means the file has no such column."""
    result: dict[str, int | str | None] = {}
    for text in texts:
        name, sep, column = text.partition("=")
        if not sep or not name.strip():
            raise CommandError(f"--map '{text}' klopt niet. Schrijf VELD=KOLOM, bijvoorbeeld {example}.")
        result[name.strip()] = column.strip() or None
    return result


def require_display() -> None:
    """Refuse the GUI before Qt aborts the process with a message about xcb libraries."""
    from ibp_desktop.core.errors import NoDisplayError

    if not sys.platform.startswith("linux"):
        return
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return  # offscreen, vnc, eglfs: Qt needs no X server
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return
    raise NoDisplayError(
        "Er is geen beeldscherm beschikbaar (bijvoorbeeld op een server of via SSH), dus het programma kan "
        "geen venster openen. Gebruik de opdrachten zonder venster, zoals 'ibp-desktop demo --no-gui' om "
        "alleen de demoschool aan te maken."
    )


def check_export_output(args: argparse.Namespace) -> None:
    """Every `export`: a missing output folder is said before logging in and rendering."""
    output = getattr(args, "output", None)
    if getattr(args, "command", None) == "export" and output:
        from pathlib import Path

        from ibp_desktop.services.output_file import check_output_folder

        check_output_folder(Path(output))
