"""Foundation commands: demo, init, check, users."""

from __future__ import annotations

import argparse
import getpass
import os
from collections.abc import Callable
from datetime import date
from typing import Any

from ibp_desktop.commands import common
from ibp_desktop.services.output_file import write_export

NEW_PASSWORD_ENV = "IBP_DESKTOP_NEW_PASSWORD"


def add_commands(commands: Any, exports: Any) -> None:
    demo = commands.add_parser("demo", help="create (if needed) and open the demo school OBS De Regenboog")
    common.add_common(demo)
    demo.add_argument("--no-gui", action="store_true", help="only create the demo data folder")
    demo.set_defaults(handler=_cmd_demo)

    init = commands.add_parser("init", help="set up a new school with an encrypted database")
    common.add_common(init)
    init.add_argument("--school", required=True, help="name of the school")
    init.add_argument("--brin", required=True, help="BRIN code, e.g. 12AB")
    init.add_argument("--board", default="", help="name of the school board (stichting)")
    init.add_argument("--user", required=True, help="user name of the first account")
    init.add_argument("--full-name", default="", help="full name of the first account")
    init.add_argument("--recovery-pdf", help="also save the recovery key sheet as this PDF file")
    init.set_defaults(handler=_cmd_init)

    check = commands.add_parser("check", help="check database integrity and the audit log's hash chain")
    common.add_common(check)
    check.set_defaults(handler=_cmd_check)

    password = commands.add_parser(
        "password", help="change your own password (new one from IBP_DESKTOP_NEW_PASSWORD or asked)"
    )
    common.add_common(password)
    common.add_user(password)
    password.set_defaults(handler=_cmd_password)

    users = commands.add_parser("users", help="manage user accounts")
    user_commands = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    for name, text in _USER_HELP.items():
        sub = user_commands.add_parser(name, help=text)
        common.add_common(sub)
        common.add_user(sub)
        if name not in ("list", "change-password"):
            sub.add_argument("username", help="the account to act on")
        if name in ("add", "set-roles"):
            sub.add_argument(
                "--roles",
                required=True,
                help="comma-separated: administration,director,security_officer,dpo,board,ict",
            )
        if name == "add":
            sub.add_argument("--full-name", required=True)
        if name in ("add", "set-roles"):
            where = sub.add_mutually_exclusive_group()
            where.add_argument("--schools", help="comma-separated BRIN codes of the account's schools")
            where.add_argument("--board", action="store_true", help="the account works for the whole board")
        sub.set_defaults(handler=_cmd_users)


_USER_HELP = {
    "list": "list accounts",
    "add": "add an account",
    "disable": "disable an account",
    "enable": "enable an account",
    "reset-password": "give a temporary password",
    "set-roles": "change an account's roles (and with --schools/--board its schools)",
    "change-password": "change your own password (new one from IBP_DESKTOP_NEW_PASSWORD or asked)",
}


def _cmd_demo(args: argparse.Namespace) -> int:
    from ibp_desktop.services.demo.school import DEMO_ACCOUNTS, DEMO_SCHOOL, create_demo
    from ibp_desktop.services.location import resolve_location

    data_dir = args.data_dir or os.environ.get("IBP_DESKTOP_DATA_DIR")
    if not data_dir:
        from ibp_desktop.services.location import default_data_dir

        data_dir = str(default_data_dir().with_name("IBP Desktop demo"))
    location = resolve_location(data_dir, None)
    result = create_demo(location, date.today())
    state = f"aangemaakt met {result.pupils} leerlingen" if result.created else "bestond al"
    print(f"Demoschool {DEMO_SCHOOL} {state} in {location.data_dir}")
    print("Alle gegevens zijn verzonnen. Gebruikers (gebruikersnaam / wachtwoord / rol):")
    for account in DEMO_ACCOUNTS:
        print(f"  {account.username:<14} {account.password:<26} {account.role_label}")
    if args.no_gui:
        return common.EXIT_OK
    common.require_display()
    from ibp_desktop.ui.app import run_gui

    return int(run_gui(location))


def _cmd_init(args: argparse.Namespace) -> int:
    from ibp_desktop.services.database.connection import ServerPasswordNeededError
    from ibp_desktop.services.database.setup import NewSchool, initialise

    location = common.location(args)
    password = _new_password(args.user)
    school = NewSchool(args.board, args.school, args.brin, args.user, args.full_name or args.user, password)
    try:
        result = initialise(location, school, server_password=os.environ.get(common.SERVER_PASSWORD_ENV))
    except ServerPasswordNeededError as error:
        common.err(str(error))
        server_password = common.secret(common.SERVER_PASSWORD_ENV, "Wachtwoord van de databaseserver: ")
        result = initialise(location, school, server_password=server_password)
    print(f"School {args.school} is ingesteld in {location.describe()}. Gebruiker: {args.user}")
    if result.recovery_key:
        _print_recovery_key(result.recovery_key, result.key_in_keyring)
        if args.recovery_pdf:
            _write_recovery_pdf(args, result.recovery_key)
    return common.EXIT_OK


def _new_password(username: str) -> str:
    password = common.secret(common.PASSWORD_ENV, f"Kies een wachtwoord voor {username}: ")
    if not os.environ.get(common.PASSWORD_ENV) and getpass.getpass("Herhaal het wachtwoord: ") != password:
        raise common.CommandError("De wachtwoorden zijn niet gelijk. Er is niets aangemaakt.")
    return password


def _print_recovery_key(recovery_key: str, in_keyring: bool) -> None:
    print("\nHERSTELSLEUTEL (wordt maar één keer getoond; print hem en bewaar hem in de kluis):")
    print(f"  {recovery_key}\n")
    if not in_keyring:
        print(
            "Let op: deze computer heeft geen veilige sleutelbewaarplaats. U hebt de herstelsleutel "
            "nodig bij elke start."
        )


def _write_recovery_pdf(args: argparse.Namespace, recovery_key: str) -> None:
    from pathlib import Path

    from ibp_desktop.services.database.setup import recovery_key_pdf

    data = recovery_key_pdf(args.school, args.brin.upper(), recovery_key, args.full_name or args.user,
                            str(common.location(args).describe()))
    write_export(Path(args.recovery_pdf), data)
    print(f"Herstelsleutel opgeslagen als {args.recovery_pdf}. Print dit bestand en verwijder het daarna.")


def _cmd_check(args: argparse.Namespace) -> int:
    from ibp_desktop.core.errors import DataFolderReadOnlyError
    from ibp_desktop.services.database.check import run_check

    location = common.location(args)
    try:
        database = common.open_database(location)
    except DataFolderReadOnlyError as error:  # checking needs no writing: look without the lock file
        common.err(f"{error} De controle gebeurt daarom alleen-lezen.")
        database = common.open_database(location, read_only=True)
    try:
        report = run_check(database)
    finally:
        database.dispose()
    for line in report.findings:
        print(f"OK   {line}")
    for line in report.warnings:
        print(f"LET OP {line}")
    for line in report.problems:
        common.err(f"FOUT {line}" if not line.startswith("  ") else line)
    if report.ok:
        print("Alles in orde.")
    return common.EXIT_OK if report.ok else common.EXIT_FAILURE


def _cmd_users(args: argparse.Namespace) -> int:
    from ibp_desktop.services.accounts.users import UserService

    if args.users_command == "change-password":
        return _cmd_change_password(args)
    database, actor = common.logged_in(args)
    try:
        service = UserService(database, actor)
        action: Callable[[UserService, argparse.Namespace], None] = _USER_ACTIONS[args.users_command]
        action(service, args)
    finally:
        database.dispose()
    return common.EXIT_OK


def _find_user(service: Any, username: str) -> Any:
    for info in service.list_users():
        if info.username == username.strip().lower():
            return info
    raise common.CommandError(f"Er is geen gebruiker '{username}'.")


def _roles(text: str) -> Any:
    from ibp_desktop.core.roles import parse_roles

    try:
        return parse_roles(text)
    except ValueError as error:
        raise common.CommandError(str(error)) from error


def _users_list(service: Any, _args: argparse.Namespace) -> None:
    for info in service.list_users():
        state = "actief" if info.active else "uitgeschakeld"
        print(f"{info.username:<16} {info.full_name:<28} {state:<13} {info.role_text:<40} {info.school_text}")


def _where(service: Any, args: argparse.Namespace, *, default_needed: bool) -> dict[str, Any]:
    """The keyword arguments for --schools BRIN[,BRIN] / --board; {} keeps (or defaults) the schools."""
    from ibp_desktop.services.accounts.schools import SchoolService

    if getattr(args, "board", False):
        return {"board_level": True}
    schools = SchoolService(service.database, service.actor)
    if args.schools:
        codes = [c for c in (p.strip() for p in args.schools.split(",")) if c]
        return {"school_ids": frozenset(schools.school_by_brin(code).id for code in codes)}
    if default_needed and len(schools.visible_schools()) > 1:
        raise common.CommandError(
            "Dit bestuur heeft meer scholen. Kies met --schools BRIN[,BRIN] voor welke scholen het account "
            "is, of met --board dat het voor heel het bestuur is. Er is niets aangemaakt."
        )
    return {}


def _temporary_password() -> str:
    import secrets

    return os.environ.get(NEW_PASSWORD_ENV) or "-".join(secrets.token_urlsafe(4) for _ in range(3))


def _users_add(service: Any, args: argparse.Namespace) -> None:
    password = _temporary_password()
    where = _where(service, args, default_needed=service.actor.board_level)
    info = service.add_user(args.username, args.full_name, password, _roles(args.roles), **where)
    print(
        f"Gebruiker {info.username} ({info.role_text}; {info.school_text}) toegevoegd. "
        f"Tijdelijk wachtwoord: {password}"
    )
    print("Bij de eerste keer inloggen kiest de gebruiker een eigen wachtwoord.")


def _users_disable(service: Any, args: argparse.Namespace) -> None:
    info = service.set_active(_find_user(service, args.username).id, False)
    print(f"Gebruiker {info.username} is uitgeschakeld en kan niet meer inloggen.")


def _users_enable(service: Any, args: argparse.Namespace) -> None:
    info = service.set_active(_find_user(service, args.username).id, True)
    print(f"Gebruiker {info.username} is weer actief.")


def _users_reset(service: Any, args: argparse.Namespace) -> None:
    password = _temporary_password()
    info = service.reset_password(_find_user(service, args.username).id, password)
    print(f"Tijdelijk wachtwoord voor {info.username}: {password}")


def _users_set_roles(service: Any, args: argparse.Namespace) -> None:
    target = _find_user(service, args.username)
    where = _where(service, args, default_needed=False)
    info = service.set_roles(target.id, _roles(args.roles), expected_version=target.version, **where)
    print(f"Rollen van {info.username}: {info.role_text}; scholen: {info.school_text}")


def _cmd_change_password(args: argparse.Namespace) -> int:
    """Own password: the current one from IBP_DESKTOP_PASSWORD, the new one from IBP_DESKTOP_NEW_PASSWORD
    (or both asked in the terminal), e.g. to replace a temporary password without the program."""
    from ibp_desktop.services.accounts.auth import change_own_password, login

    current = common.secret(common.PASSWORD_ENV, f"Huidig wachtwoord voor {args.user}: ")
    new = os.environ.get(NEW_PASSWORD_ENV)
    if not new:
        new = common.secret(NEW_PASSWORD_ENV, "Nieuw wachtwoord: ")
        if getpass.getpass("Herhaal het nieuwe wachtwoord: ") != new:
            raise common.CommandError("De wachtwoorden zijn niet gelijk. Het wachtwoord is niet gewijzigd.")
    database = common.open_database(common.location(args))
    try:
        change_own_password(database, login(database, args.user, current), current, new)
    finally:
        database.dispose()
    print(f"Het wachtwoord van {args.user} is gewijzigd.")
    return common.EXIT_OK


_USER_ACTIONS: dict[str, Callable[[Any, argparse.Namespace], None]] = {
    "list": _users_list,
    "add": _users_add,
    "disable": _users_disable,
    "enable": _users_enable,
    "reset-password": _users_reset,
    "set-roles": _users_set_roles,
}


def _cmd_password(args: argparse.Namespace) -> int:
    """Change one's own password; the only command a temporary password opens."""
    from ibp_desktop.services.accounts.auth import change_own_password

    database, actor = common.logged_in(args, password_change=True)
    try:
        new = common.secret(common.NEW_PASSWORD_ENV, f"Nieuw wachtwoord voor {args.user}: ")
        if not os.environ.get(common.NEW_PASSWORD_ENV) and getpass.getpass("Herhaal het wachtwoord: ") != new:
            raise common.CommandError("De wachtwoorden zijn niet gelijk. Er is niets gewijzigd.")
        change_own_password(database, actor, common.secret(common.PASSWORD_ENV, "Huidig wachtwoord: "), new)
    finally:
        database.dispose()
    print(f"Het wachtwoord van {args.user} is gewijzigd.")
    return common.EXIT_OK
