"""Retention commands: the due list, clean-up runs with four eyes, and their PDFs.

ibp-desktop retention due --brin CODE [--until DATE] --user NAME
ibp-desktop retention propose --brin CODE [--until DATE] --user NAME
ibp-desktop retention approve RUN --brin CODE --user NAME          (someone else than the proposer)
ibp-desktop retention execute RUN --brin CODE --user NAME
ibp-desktop retention record RUN --brin CODE --by WHO --on DATE --method HOW [--certificate NR]
                                 [--category CAT] --user NAME
ibp-desktop retention register-item --brin CODE --category CAT --description TEXT --date DATE
                                 [--term "1 jaar" --term-reason WHY] --user NAME
ibp-desktop export retention-due --brin CODE [--until DATE] -o FILE.pdf --user NAME
ibp-desktop export destruction-certificate RUN --brin CODE -o FILE.pdf --user NAME
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from ibp_desktop.commands import common
from ibp_desktop.services.output_file import write_export


def _school_options(parser: argparse.ArgumentParser, run: bool = False) -> None:
    common.add_common(parser)
    common.add_user(parser)
    parser.add_argument("--brin", required=True, help="BRIN code of the school, e.g. 12AB")
    if run:
        parser.add_argument("run", metavar="RUN", help="number of the clean-up run, e.g. 2026-01")


def add_commands(commands: Any, exports: Any) -> None:
    due_pdf = exports.add_parser("retention-due", help="what falls due by a date (PDF, for planning)")
    _school_options(due_pdf)
    due_pdf.add_argument("--until", metavar="DATE", help="dd-mm-jjjj (default: today)")
    due_pdf.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    due_pdf.set_defaults(handler=_cmd_due_pdf)

    certificate = exports.add_parser(
        "destruction-certificate", help="the 'Verklaring van vernietiging' of a run"
    )
    _school_options(certificate, run=True)
    certificate.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    certificate.set_defaults(handler=_cmd_certificate)

    retention = commands.add_parser("retention", help="retention: due list and clean-up runs (four eyes)")
    actions = retention.add_subparsers(dest="retention_command", metavar="ACTION", required=True)
    for name, text in (
        ("due", "list what falls due"),
        ("propose", "propose a clean-up run from the due list"),
    ):
        sub = actions.add_parser(name, help=text)
        _school_options(sub)
        sub.add_argument("--until", metavar="DATE", help="dd-mm-jjjj (default: today)")
        sub.set_defaults(handler=_cmd_due if name == "due" else _cmd_propose)
    for name, text in (
        ("approve", "approve a proposed run (not by the proposer)"),
        ("execute", "carry out an approved run: delete the program's records"),
        ("cancel", "cancel a run that has not been carried out"),
    ):
        sub = actions.add_parser(name, help=text)
        _school_options(sub, run=True)
        sub.set_defaults(handler=_cmd_step, step=name)
    record = actions.add_parser("record", help="record who destroyed records outside the program, when, how")
    _school_options(record, run=True)
    record.add_argument("--by", required=True, help="who destroyed them, e.g. 'Shredderbedrijf Veilig BV'")
    record.add_argument("--on", required=True, metavar="DATE", help="dd-mm-jjjj")
    record.add_argument("--method", required=True, help="how, e.g. 'vernietigd door shredderbedrijf'")
    record.add_argument("--certificate", default="", help="the processor's certificate number")
    record.add_argument("--category", help="only this category (code or name); default: every open line")
    record.set_defaults(handler=_cmd_record)
    item = actions.add_parser(
        "register-item", help="register records kept elsewhere (e.g. letters of applicants)"
    )
    _school_options(item)
    item.add_argument("--category", required=True, help="category code or name, e.g. sollicitaties")
    item.add_argument("--description", required=True, help="what, e.g. 'Sollicitaties vacature groep 6'")
    item.add_argument("--date", required=True, metavar="DATE", help="the date the term counts from")
    item.add_argument("--term", help="a term of its own for this item, e.g. '1 jaar' (needs --term-reason)")
    item.add_argument("--term-reason", default="", help="why, e.g. 'sollicitant stemde in met een jaar'")
    item.set_defaults(handler=_cmd_register)


def _until(args: argparse.Namespace) -> date:
    return common.option_date(args.until, "--until") if args.until else date.today()


def _pdf(path: str) -> Path:
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        raise common.CommandError(f"Kies een bestandsnaam die eindigt op .pdf: {path}")
    return target


def _open(args: argparse.Namespace) -> tuple[Any, Any, Any]:
    """(database, actor, school) after logging in; the caller disposes the database."""
    from ibp_desktop.services.accounts.schools import SchoolService

    database, actor = common.logged_in(args)
    try:
        return database, actor, SchoolService(database, actor).school_by_brin(args.brin)
    except Exception:
        database.dispose()
        raise


def _cmd_due_pdf(args: argparse.Namespace) -> int:
    from ibp_desktop.services.retention.schedule import RetentionService

    target, until = _pdf(args.output), _until(args)
    database, actor, school = _open(args)
    try:
        write_export(target, RetentionService(database, actor).due_pdf(school.id, until))
    finally:
        database.dispose()
    print(f"Lijst van wat vervalt tot en met {until:%d-%m-%Y} opgeslagen als {target}.")
    return common.EXIT_OK


def _cmd_certificate(args: argparse.Namespace) -> int:
    from ibp_desktop.services.retention.runs import RetentionRunService

    target = _pdf(args.output)
    database, actor, school = _open(args)
    try:
        runs = RetentionRunService(database, actor)
        write_export(target, runs.certificate_pdf(runs.find(school.id, args.run).run.id))
    finally:
        database.dispose()
    print(f"Verklaring van vernietiging {args.run} opgeslagen als {target}.")
    return common.EXIT_OK


def _cmd_due(args: argparse.Namespace) -> int:
    from ibp_desktop.services.retention.schedule import RetentionService

    until = _until(args)
    database, actor, school = _open(args)
    try:
        items = RetentionService(database, actor).due_items(school.id, until)
    finally:
        database.dispose()
    if not items:
        print(f"Tot en met {until:%d-%m-%Y} vervalt niets.")
    for i in items:
        print(
            f"{i.due_on:%d-%m-%Y}  {i.category_label} | {i.system_label} | {i.description} | {i.status_text}"
        )
    return common.EXIT_OK


def _cmd_propose(args: argparse.Namespace) -> int:
    from ibp_desktop.services.retention.runs import RetentionRunService

    until = _until(args)
    database, actor, school = _open(args)
    try:
        detail = RetentionRunService(database, actor).propose(school.id, until)
    finally:
        database.dispose()
    run = detail.run
    print(
        f"Opruimronde {run.number} voorgesteld: {run.program_records} records in dit programma, "
        f"{run.external_lines} regels daarbuiten, {run.exceptions} uitzonderingen. Nu moet iemand anders "
        "(de directeur) hem goedkeuren."
    )
    return common.EXIT_OK


def _cmd_step(args: argparse.Namespace) -> int:
    from ibp_desktop.services.retention.runs import RetentionRunService

    database, actor, school = _open(args)
    try:
        runs = RetentionRunService(database, actor)
        run_id = runs.find(school.id, args.run).run.id
        step = {"approve": runs.approve, "execute": runs.execute, "cancel": runs.cancel}[args.step]
        detail = step(run_id)
    finally:
        database.dispose()
    print(f"Opruimronde {detail.run.number}: {detail.run.status_label}.")
    return common.EXIT_OK


def _cmd_record(args: argparse.Namespace) -> int:
    from ibp_desktop.services.retention.runs import RetentionRunService

    done_on = common.option_date(args.on, "--on")
    database, actor, school = _open(args)
    try:
        runs = RetentionRunService(database, actor)
        detail = runs.record_external(
            runs.find(school.id, args.run).run.id,
            done_by=args.by,
            done_on=done_on,
            method=args.method,
            certificate_ref=args.certificate,
            category=args.category,
        )
    finally:
        database.dispose()
    print(f"Vastgelegd. Opruimronde {detail.run.number}: {detail.run.status_label}.")
    return common.EXIT_OK


def _cmd_register(args: argparse.Namespace) -> int:
    from ibp_desktop.core.retention.rules import parse_term
    from ibp_desktop.services.retention.schedule import RetentionService

    on = common.option_date(args.date, "--date")
    try:
        own = parse_term(args.term) if args.term else None
    except ValueError as error:
        raise common.CommandError(f"--term: {error}") from error
    database, actor, school = _open(args)
    try:
        item = RetentionService(database, actor).register_item(
            school.id, args.category, args.description, on, own=own, term_reason=args.term_reason
        )
    finally:
        database.dispose()
    due = f"vervalt op {item.due_on:%d-%m-%Y}" if item.due_on else "wordt blijvend bewaard"
    term = f", eigen termijn {item.own_term}" if item.own_term else ""
    print(f"Geregistreerd: {item.description} ({item.category_label}{term}); {due}.")
    return common.EXIT_OK
