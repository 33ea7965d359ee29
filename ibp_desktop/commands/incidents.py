"""Incident commands: import-incidents, export incident-report, export incident-register,
export breach-letter."""

from __future__ import annotations

import argparse
from typing import Any

from ibp_desktop.commands import common, school_command


def add_commands(commands: Any, exports: Any) -> None:
    report = exports.add_parser("incident-report", help="one incident as a PDF, ordered like the AP form")
    common.add_common(report)
    common.add_user(report)
    report.add_argument("number", metavar="NUMBER", help="incident number, e.g. 2026-007")
    report.add_argument("--brin", help="BRIN code of the school (needed when several schools use the number)")
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    report.set_defaults(handler=_cmd_report)

    register = exports.add_parser(
        "incident-register", help="the incident register over a period (PDF or CSV)"
    )
    common.add_common(register)
    common.add_user(register)
    register.add_argument("--from", dest="date_from", required=True, metavar="DATE", help="dd-mm-jjjj or ISO")
    register.add_argument("--to", dest="date_to", required=True, metavar="DATE", help="dd-mm-jjjj or ISO")
    register.add_argument("--brin", help="only this school (default: every school you may see)")
    register.add_argument("-o", "--output", required=True, metavar="FILE.pdf|FILE.csv")
    register.set_defaults(handler=_cmd_register)

    letter = exports.add_parser(
        "breach-letter", help="draft letter (PDF) to the people affected by a breach (AVG art. 34)"
    )
    common.add_common(letter)
    common.add_user(letter)
    letter.add_argument("number", metavar="NUMBER", help="incident number, e.g. 2026-007")
    letter.add_argument("--brin", help="BRIN code of the school (needed when several schools use the number)")
    letter.add_argument(
        "--for", dest="audience", choices=("ouders", "medewerkers"), default="ouders", help="who gets it"
    )
    letter.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    letter.set_defaults(handler=_cmd_letter)

    imports = commands.add_parser(
        "import-incidents",
        help="import an existing incident register (CSV or .xlsx), keeping its numbers",
        description="All or nothing: a file with any problem writes nothing.",
    )
    school_command.add_file_import(
        imports,
        file_help="the register (.csv or .xlsx)",
        dry_run_help="only check the file; write nothing",
        map_help="use this column for a field, e.g. --map ontdekt='Datum ontdekking'; FIELD= means: not in "
        "the file",
    )
    imports.set_defaults(handler=_cmd_import)


def _cmd_report(args: argparse.Namespace) -> int:
    from ibp_desktop.services.incidents.documents import IncidentDocumentService
    from ibp_desktop.services.incidents.register import IncidentService

    target = school_command.output_path(args.output, (".pdf",))
    with school_command.school_scope(args) as login:
        found = login.service(IncidentService).find(args.number, login.school_id)
        data = login.service(IncidentDocumentService).report_pdf(found.id)
    return school_command.save_export(target, data, f"Incidentrapport {found.number}")


def _cmd_letter(args: argparse.Namespace) -> int:
    from ibp_desktop.core.incidents.breach_letter import Audience
    from ibp_desktop.services.incidents.breach_letter import BreachLetterService
    from ibp_desktop.services.incidents.register import IncidentService

    target = school_command.output_path(args.output, (".pdf",))
    audience = Audience.STAFF if args.audience == "medewerkers" else Audience.PARENTS
    with school_command.school_scope(args) as login:
        found = login.service(IncidentService).find(args.number, login.school_id)
        data = login.service(BreachLetterService).letter_pdf(found.id, audience)
    return school_command.save_export(target, data, f"Brief over datalek {found.number} ({args.audience})")


def _cmd_register(args: argparse.Namespace) -> int:
    from ibp_desktop.services.incidents.documents import IncidentDocumentService

    target = school_command.output_path(args.output, (".pdf", ".csv"))
    date_from, date_to = (
        common.option_date(args.date_from, "--from"),
        common.option_date(args.date_to, "--to"),
    )
    with school_command.school_scope(args) as login:
        documents = login.service(IncidentDocumentService)
        render = documents.register_csv if school_command.is_csv(target) else documents.register_pdf
        data = render(date_from, date_to, login.school_id)
    what = f"Incidentenregister {date_from:%d-%m-%Y} tot en met {date_to:%d-%m-%Y}"
    return school_command.save_export(target, data, what)


def _cmd_import(args: argparse.Namespace) -> int:
    from ibp_desktop.services.incidents.importing import IncidentImportService

    overrides = common.column_overrides(args.map, "nummer=Nr.")
    with school_command.one_school(args) as login:
        school = login.school
        service = login.service(IncidentImportService)
        preview = service.preview(school.id, args.file, overrides or None)
        print(f"{preview.source} ({preview.kind}): {len(preview.records)} incidenten gevonden.")
        school_command.print_columns(preview)
        if args.dry_run:
            print("Proefdraai: er is niets opgeslagen.")
            return common.EXIT_OK
        count = service.import_file(school.id, args.file, overrides or None)
    print(f"{count} incidenten geïmporteerd in {school.name}.")
    return common.EXIT_OK
