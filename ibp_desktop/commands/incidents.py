"""Incident commands: import-incidents, export incident-report, export incident-register,
export breach-letter."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ibp_desktop.commands import common
from ibp_desktop.services.output_file import write_export


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
    common.add_common(imports)
    common.add_user(imports)
    imports.add_argument("file", metavar="FILE", help="the register (.csv or .xlsx)")
    imports.add_argument("--brin", required=True, help="BRIN code of the school, e.g. 12AB")
    imports.add_argument("--dry-run", action="store_true", help="only check the file; write nothing")
    imports.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="use this column for a field, e.g. --map ontdekt='Datum ontdekking'; FIELD= means: not in "
        "the file",
    )
    imports.set_defaults(handler=_cmd_import)


def _output(path: str, allowed: tuple[str, ...]) -> Path:
    target = Path(path)
    if target.suffix.lower() not in allowed:
        raise common.CommandError(f"Kies een bestandsnaam die eindigt op {' of '.join(allowed)}: {path}")
    return target


def _school_id(database: Any, actor: Any, brin: str | None) -> int | None:
    if not brin:
        return None
    from ibp_desktop.services.accounts.schools import SchoolService

    return int(SchoolService(database, actor).school_by_brin(brin).id)


def _cmd_report(args: argparse.Namespace) -> int:
    from ibp_desktop.services.incidents.documents import IncidentDocumentService
    from ibp_desktop.services.incidents.register import IncidentService

    target = _output(args.output, (".pdf",))
    database, actor = common.logged_in(args)
    try:
        found = IncidentService(database, actor).find(args.number, _school_id(database, actor, args.brin))
        write_export(target, IncidentDocumentService(database, actor).report_pdf(found.id))
    finally:
        database.dispose()
    print(f"Incidentrapport {found.number} opgeslagen als {target}.")
    return common.EXIT_OK


def _cmd_letter(args: argparse.Namespace) -> int:
    from ibp_desktop.core.incidents.breach_letter import Audience
    from ibp_desktop.services.incidents.breach_letter import BreachLetterService
    from ibp_desktop.services.incidents.register import IncidentService

    target = _output(args.output, (".pdf",))
    audience = Audience.STAFF if args.audience == "medewerkers" else Audience.PARENTS
    database, actor = common.logged_in(args)
    try:
        found = IncidentService(database, actor).find(args.number, _school_id(database, actor, args.brin))
        target.write_bytes(BreachLetterService(database, actor).letter_pdf(found.id, audience))
    finally:
        database.dispose()
    print(f"Brief over datalek {found.number} ({args.audience}) opgeslagen als {target}.")
    return common.EXIT_OK


def _cmd_register(args: argparse.Namespace) -> int:
    from ibp_desktop.services.incidents.documents import IncidentDocumentService

    target = _output(args.output, (".pdf", ".csv"))
    date_from, date_to = (
        common.option_date(args.date_from, "--from"),
        common.option_date(args.date_to, "--to"),
    )
    database, actor = common.logged_in(args)
    try:
        documents = IncidentDocumentService(database, actor)
        school_id = _school_id(database, actor, args.brin)
        if target.suffix.lower() == ".csv":
            write_export(target, documents.register_csv(date_from, date_to, school_id))
        else:
            write_export(target, documents.register_pdf(date_from, date_to, school_id))
    finally:
        database.dispose()
    print(f"Incidentenregister {date_from:%d-%m-%Y} tot en met {date_to:%d-%m-%Y} opgeslagen als {target}.")
    return common.EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from ibp_desktop.services.accounts.schools import SchoolService
    from ibp_desktop.services.incidents.importing import IncidentImportService

    overrides = common.column_overrides(args.map, "nummer=Nr.")
    database, actor = common.logged_in(args)
    try:
        school = SchoolService(database, actor).school_by_brin(args.brin)
        service = IncidentImportService(database, actor)
        preview = service.preview(school.id, args.file, overrides or None)
        print(f"{preview.source} ({preview.kind}): {len(preview.records)} incidenten gevonden.")
        for line in preview.mapping_lines:
            print(f"  {line}")
        unused = ", ".join(f"'{h}'" for h in preview.unused_columns) or "geen (alle kolommen gebruikt)"
        print(f"Niet gebruikt: {unused}")
        for row in preview.skipped:
            print(f"Overgeslagen: {row}")
        if args.dry_run:
            print("Proefdraai: er is niets opgeslagen.")
            return common.EXIT_OK
        count = service.import_file(school.id, args.file, overrides or None)
    finally:
        database.dispose()
    print(f"{count} incidenten geïmporteerd in {school.name}.")
    return common.EXIT_OK
