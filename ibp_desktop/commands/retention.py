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
from typing import Any

from ibp_desktop.commands import common, school_command


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


def _cmd_due_pdf(args: argparse.Namespace) -> int:
    from ibp_desktop.services.retention.schedule import RetentionService

    target, until = school_command.output_path(args.output, (".pdf",)), _until(args)
    with school_command.one_school(args) as login:
        data = login.service(RetentionService).due_pdf(login.school.id, until)
    return school_command.save_export(target, data, f"Lijst van wat vervalt tot en met {until:%d-%m-%Y}")


def _cmd_certificate(args: argparse.Namespace) -> int:
    from ibp_desktop.services.retention.runs import RetentionRunService

    target = school_command.output_path(args.output, (".pdf",))
    with school_command.one_school(args) as login:
        runs = login.service(RetentionRunService)
        data = runs.certificate_pdf(runs.find(login.school.id, args.run).run.id)
    return school_command.save_export(target, data, f"Verklaring van vernietiging {args.run}")


def _cmd_due(args: argparse.Namespace) -> int:
    from ibp_desktop.services.retention.schedule import RetentionService

    until = _until(args)
    with school_command.one_school(args) as login:
        items = login.service(RetentionService).due_items(login.school.id, until)
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
    with school_command.one_school(args) as login:
        detail = login.service(RetentionRunService).propose(login.school.id, until)
    run = detail.run
    print(
        f"Opruimronde {run.number} voorgesteld: {run.program_records} records in dit programma, "
        f"{run.external_lines} regels daarbuiten, {run.exceptions} uitzonderingen. Nu moet iemand anders "
        "(de directeur) hem goedkeuren."
    )
    return common.EXIT_OK


def _cmd_step(args: argparse.Namespace) -> int:
    from ibp_desktop.services.retention.runs import RetentionRunService

    with school_command.one_school(args) as login:
        runs = login.service(RetentionRunService)
        run_id = runs.find(login.school.id, args.run).run.id
        step = {"approve": runs.approve, "execute": runs.execute, "cancel": runs.cancel}[args.step]
        detail = step(run_id)
    print(f"Opruimronde {detail.run.number}: {detail.run.status_label}.")
    return common.EXIT_OK


def _cmd_record(args: argparse.Namespace) -> int:
    from ibp_desktop.services.retention.runs import RetentionRunService

    done_on = common.option_date(args.on, "--on")
    with school_command.one_school(args) as login:
        runs = login.service(RetentionRunService)
        detail = runs.record_external(
            runs.find(login.school.id, args.run).run.id,
            done_by=args.by,
            done_on=done_on,
            method=args.method,
            certificate_ref=args.certificate,
            category=args.category,
        )
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
    with school_command.one_school(args) as login:
        item = login.service(RetentionService).register_item(
            login.school.id, args.category, args.description, on, own=own, term_reason=args.term_reason
        )
    due = f"vervalt op {item.due_on:%d-%m-%Y}" if item.due_on else "wordt blijvend bewaard"
    term = f", eigen termijn {item.own_term}" if item.own_term else ""
    print(f"Geregistreerd: {item.description} ({item.category_label}{term}); {due}.")
    return common.EXIT_OK
