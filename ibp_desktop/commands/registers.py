"""Register commands: export request-register, processor-register, action-register (PDF or CSV)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ibp_desktop.commands import common
from ibp_desktop.services.output_file import write_export


def add_commands(commands: Any, exports: Any) -> None:
    requests = exports.add_parser(
        "request-register", help="the register of data-subject requests (PDF or CSV)"
    )
    common.add_common(requests)
    common.add_user(requests)
    requests.add_argument(
        "--from", dest="date_from", metavar="DATE", help="received on or after (dd-mm-jjjj)"
    )
    requests.add_argument("--to", dest="date_to", metavar="DATE", help="received on or before (dd-mm-jjjj)")
    requests.add_argument("--brin", help="only this school (default: every school you may see)")
    requests.add_argument("-o", "--output", required=True, metavar="FILE.pdf|FILE.csv")
    requests.set_defaults(handler=_cmd_requests)

    processors = exports.add_parser(
        "processor-register", help="the register of processor agreements (PDF or CSV)"
    )
    common.add_common(processors)
    common.add_user(processors)
    processors.add_argument("--brin", help="only suppliers whose products this school uses")
    processors.add_argument("-o", "--output", required=True, metavar="FILE.pdf|FILE.csv")
    processors.set_defaults(handler=_cmd_processors)

    actions = exports.add_parser("action-register", help="the action register, Plan van aanpak (PDF or CSV)")
    common.add_common(actions)
    common.add_user(actions)
    actions.add_argument("--brin", help="only this school and the board-wide actions (default: all you see)")
    actions.add_argument("-o", "--output", required=True, metavar="FILE.pdf|FILE.csv")
    actions.set_defaults(handler=_cmd_actions)


def _output(path: str) -> Path:
    target = Path(path)
    if target.suffix.lower() not in (".pdf", ".csv"):
        raise common.CommandError(f"Kies een bestandsnaam die eindigt op .pdf of .csv: {path}")
    return target


def _school_id(database: Any, actor: Any, brin: str | None) -> int | None:
    if not brin:
        return None
    from ibp_desktop.services.accounts.schools import SchoolService

    return int(SchoolService(database, actor).school_by_brin(brin).id)


def _cmd_requests(args: argparse.Namespace) -> int:
    from ibp_desktop.services.requests.register import RequestService

    target = _output(args.output)
    date_from = common.option_date(args.date_from, "--from") if args.date_from else None
    date_to = common.option_date(args.date_to, "--to") if args.date_to else None
    database, actor = common.logged_in(args)
    try:
        service = RequestService(database, actor)
        school_id = _school_id(database, actor, args.brin)
        if target.suffix.lower() == ".csv":
            data = service.register_csv(date_from, date_to, school_id)
        else:
            data = service.register_pdf(date_from, date_to, school_id)
    finally:
        database.dispose()
    write_export(target, data)
    print(f"Register van verzoeken opgeslagen als {target}.")
    return common.EXIT_OK


def _cmd_processors(args: argparse.Namespace) -> int:
    from ibp_desktop.services.processors.register import ProcessorService

    target = _output(args.output)
    database, actor = common.logged_in(args)
    try:
        service = ProcessorService(database, actor)
        school_id = _school_id(database, actor, args.brin)
        is_csv = target.suffix.lower() == ".csv"
        data = service.register_csv(school_id) if is_csv else service.register_pdf(school_id)
    finally:
        database.dispose()
    write_export(target, data)
    print(f"Register van verwerkersovereenkomsten opgeslagen als {target}.")
    return common.EXIT_OK


def _cmd_actions(args: argparse.Namespace) -> int:
    from ibp_desktop.services.actions.register import ActionService

    target = _output(args.output)
    database, actor = common.logged_in(args)
    try:
        service = ActionService(database, actor)
        school_id = _school_id(database, actor, args.brin)
        is_csv = target.suffix.lower() == ".csv"
        data = service.register_csv(school_id) if is_csv else service.register_pdf(school_id)
    finally:
        database.dispose()
    write_export(target, data)
    print(f"Plan van aanpak opgeslagen als {target}.")
    return common.EXIT_OK
