"""Register commands: export request-register, processor-register, action-register (PDF or CSV)."""

from __future__ import annotations

import argparse
from typing import Any

from ibp_desktop.commands import common, school_command


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


def _cmd_requests(args: argparse.Namespace) -> int:
    from ibp_desktop.services.requests.register import RequestService

    target = school_command.output_path(args.output, (".pdf", ".csv"))
    date_from = common.option_date(args.date_from, "--from") if args.date_from else None
    date_to = common.option_date(args.date_to, "--to") if args.date_to else None
    with school_command.school_scope(args) as login:
        service = login.service(RequestService)
        render = service.register_csv if school_command.is_csv(target) else service.register_pdf
        data = render(date_from, date_to, login.school_id)
    return school_command.save_export(target, data, "Register van verzoeken")


def _cmd_processors(args: argparse.Namespace) -> int:
    from ibp_desktop.services.processors.register import ProcessorService

    return school_command.export_register(args, ProcessorService, "Register van verwerkersovereenkomsten")


def _cmd_actions(args: argparse.Namespace) -> int:
    from ibp_desktop.services.actions.register import ActionService

    return school_command.export_register(args, ActionService, "Plan van aanpak")
