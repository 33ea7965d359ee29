"""Processing register, DPIAs and complaints: export processing-register, dpia NUMBER, dpia-register,
complaint-register (PDF or CSV)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from ibp_desktop.commands import common, school_command


def add_commands(commands: Any, exports: Any) -> None:
    _register(
        exports,
        "processing-register",
        "the record of processing activities, art. 30 (PDF or CSV)",
        _cmd_processing,
    )
    _register(exports, "dpia-register", "the register of DPIA pre-scans and DPIAs (PDF or CSV)", _cmd_dpias)
    _register(
        exports,
        "complaint-register",
        "the register of complaints about personal data (PDF or CSV)",
        _cmd_complaints,
    )
    dpia = exports.add_parser("dpia", help="one DPIA with its risks, the FG's advice and the decision (PDF)")
    common.add_common(dpia)
    common.add_user(dpia)
    dpia.add_argument("number", help="the DPIA's number, e.g. DPIA-2026-01")
    dpia.add_argument("--brin", help="the school (when several schools use the same number)")
    dpia.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    dpia.set_defaults(handler=_cmd_dpia)


def _register(exports: Any, name: str, text: str, handler: Callable[[argparse.Namespace], int]) -> None:
    parser = exports.add_parser(name, help=text)
    common.add_common(parser)
    common.add_user(parser)
    parser.add_argument("--brin", help="only this school (default: every school you may see)")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf|FILE.csv")
    parser.set_defaults(handler=handler)


def _cmd_processing(args: argparse.Namespace) -> int:
    from ibp_desktop.services.accountability.processing import ProcessingService

    return school_command.export_register(args, ProcessingService, "Verwerkingsregister")


def _cmd_dpias(args: argparse.Namespace) -> int:
    from ibp_desktop.services.accountability.dpia import DpiaService

    return school_command.export_register(args, DpiaService, "Register van DPIA's")


def _cmd_complaints(args: argparse.Namespace) -> int:
    from ibp_desktop.services.accountability.complaints import ComplaintService

    return school_command.export_register(args, ComplaintService, "Register van klachten")


def _cmd_dpia(args: argparse.Namespace) -> int:
    from ibp_desktop.services.accountability.dpia import DpiaService

    target = school_command.output_path(args.output, (".pdf",))
    with school_command.school_scope(args) as login:
        service = login.service(DpiaService)
        row = service.find(args.number, login.school_id)
        data = service.dpia_pdf(row.id)
    return school_command.save_export(target, data, f"DPIA {row.number}")
