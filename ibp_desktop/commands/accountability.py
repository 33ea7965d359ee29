"""Processing register, DPIAs and complaints: export processing-register, dpia NUMBER, dpia-register,
complaint-register (PDF or CSV)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ibp_desktop.commands import common


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


def _output(path: str, suffixes: tuple[str, ...] = (".pdf", ".csv")) -> Path:
    target = Path(path)
    if target.suffix.lower() not in suffixes:
        names = " of ".join(suffixes)
        raise common.CommandError(f"Kies een bestandsnaam die eindigt op {names}: {path}")
    return target


def _school_id(database: Any, actor: Any, brin: str | None) -> int | None:
    if not brin:
        return None
    from ibp_desktop.services.accounts.schools import SchoolService

    return int(SchoolService(database, actor).school_by_brin(brin).id)


def _export(args: argparse.Namespace, make: Callable[[Any, Any, int | None, bool], bytes], what: str) -> int:
    target = _output(args.output)
    database, actor = common.logged_in(args)
    try:
        data = make(database, actor, _school_id(database, actor, args.brin), target.suffix.lower() == ".csv")
    finally:
        database.dispose()
    target.write_bytes(data)
    print(f"{what} opgeslagen als {target}.")
    return common.EXIT_OK


def _cmd_processing(args: argparse.Namespace) -> int:
    from ibp_desktop.services.accountability.processing import ProcessingService

    def make(database: Any, actor: Any, school_id: int | None, is_csv: bool) -> bytes:
        service = ProcessingService(database, actor)
        return service.register_csv(school_id) if is_csv else service.register_pdf(school_id)

    return _export(args, make, "Verwerkingsregister")


def _cmd_dpias(args: argparse.Namespace) -> int:
    from ibp_desktop.services.accountability.dpia import DpiaService

    def make(database: Any, actor: Any, school_id: int | None, is_csv: bool) -> bytes:
        service = DpiaService(database, actor)
        return service.register_csv(school_id) if is_csv else service.register_pdf(school_id)

    return _export(args, make, "Register van DPIA's")


def _cmd_complaints(args: argparse.Namespace) -> int:
    from ibp_desktop.services.accountability.complaints import ComplaintService

    def make(database: Any, actor: Any, school_id: int | None, is_csv: bool) -> bytes:
        service = ComplaintService(database, actor)
        return service.register_csv(school_id) if is_csv else service.register_pdf(school_id)

    return _export(args, make, "Register van klachten")


def _cmd_dpia(args: argparse.Namespace) -> int:
    from ibp_desktop.services.accountability.dpia import DpiaService

    target = _output(args.output, (".pdf",))
    database, actor = common.logged_in(args)
    try:
        service = DpiaService(database, actor)
        row = service.find(args.number, _school_id(database, actor, args.brin))
        data = service.dpia_pdf(row.id)
    finally:
        database.dispose()
    target.write_bytes(data)
    print(f"DPIA {row.number} opgeslagen als {target}.")
    return common.EXIT_OK
