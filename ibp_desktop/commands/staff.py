"""Staff-awareness commands: import-staff, record-acknowledgement, record-session, export
acknowledgement-list, export must-know, export awareness-register."""

from __future__ import annotations

import argparse
from typing import Any

from ibp_desktop.commands import common, school_command
from ibp_desktop.core.staff.rules import Leader, Method, Topic


def add_commands(commands: Any, exports: Any) -> None:
    imports = commands.add_parser(
        "import-staff",
        help="import the staff export of the staff administration (CSV or .xlsx)",
        description="All or nothing: a file with any problem writes nothing. People missing from the file "
        "are listed, never removed.",
    )
    school_command.add_file_import(
        imports,
        file_help="the staff export (.csv or .xlsx)",
        dry_run_help="only check the file; write nothing",
        map_help="use this column for a field, e.g. --map functie='Rol binnen school'; FIELD= means: not in "
        "the file",
    )
    imports.set_defaults(handler=_cmd_import)

    acknowledge = commands.add_parser(
        "record-acknowledgement", help="record that staff acknowledged the current code of conduct"
    )
    session = commands.add_parser("record-session", help="record an awareness session with its attendance")
    for parser in (acknowledge, session):
        common.add_common(parser)
        common.add_user(parser)
        parser.add_argument("--brin", required=True, help="BRIN code of the school, e.g. 12AB")
        parser.add_argument("--on", required=True, metavar="DATE", help="the date (dd-mm-jjjj)")
        parser.add_argument(
            "--staff", action="append", default=[], metavar="NUMBER", help="staff number (repeat for more)"
        )
    acknowledge.add_argument("--how", required=True, choices=[m.value for m in Method])
    acknowledge.set_defaults(handler=_cmd_acknowledge)
    session.add_argument("--topic", required=True, choices=[t.value for t in Topic])
    session.add_argument("--led-by", required=True, choices=[leader.value for leader in Leader])
    session.add_argument("--note", default="", help="a short note")
    session.set_defaults(handler=_cmd_session)

    for name, help_text, handler, suffixes in (
        ("acknowledgement-list", "the code of conduct's acknowledgement list with a signature column (PDF)",
         _cmd_ack_list, (".pdf",)),
        ("must-know", "the one-page 'wat moet ik weten' for new staff (PDF)", _cmd_must_know, (".pdf",)),
        ("awareness-register", "the awareness sessions of a school year with attendance (PDF or CSV)",
         _cmd_register, (".pdf", ".csv")),
    ):  # fmt: skip
        parser = exports.add_parser(name, help=help_text)
        common.add_common(parser)
        common.add_user(parser)
        parser.add_argument("--brin", required=True, help="BRIN code of the school, e.g. 12AB")
        parser.add_argument("-o", "--output", required=True, metavar="FILE" + "|FILE".join(suffixes))
        parser.set_defaults(handler=handler, suffixes=suffixes)
        if name == "awareness-register":
            parser.add_argument("--from", dest="date_from", metavar="DATE", help="from (dd-mm-jjjj)")
            parser.add_argument("--to", dest="date_to", metavar="DATE", help="until (dd-mm-jjjj)")


def _write(args: argparse.Namespace, make: Any, what: str) -> int:
    from ibp_desktop.services.staff.documents import StaffDocumentService

    target = school_command.output_path(args.output, args.suffixes)
    with school_command.one_school(args) as login:
        data = make(login.service(StaffDocumentService), login.school.id, target.suffix.lower())
    return school_command.save_export(target, data, what)


def _cmd_ack_list(args: argparse.Namespace) -> int:
    return _write(
        args, lambda s, school, _x: s.acknowledgement_list_pdf(school), "Aftekenlijst gedragsregels"
    )


def _cmd_must_know(args: argparse.Namespace) -> int:
    return _write(args, lambda s, school, _x: s.must_know_pdf(school), "'Wat moet ik weten'")


def _cmd_register(args: argparse.Namespace) -> int:
    period = None
    if args.date_from or args.date_to:
        if not (args.date_from and args.date_to):
            raise common.CommandError("Geef --from en --to allebei, of geen van beide (dan: dit schooljaar).")
        period = (common.option_date(args.date_from, "--from"), common.option_date(args.date_to, "--to"))

    def make(service: Any, school: int, suffix: str) -> bytes:
        if suffix == ".csv":
            return bytes(service.awareness_register_csv(school, period))
        return bytes(service.awareness_register_pdf(school, period))

    return _write(args, make, "Register bewustwording")


def _cmd_import(args: argparse.Namespace) -> int:
    from ibp_desktop.services.staff.importing import StaffImportService

    overrides = common.column_overrides(args.map, "functie='Rol binnen school'")
    with school_command.one_school(args) as login:
        school = login.school
        service = login.service(StaffImportService)
        preview = service.preview(school.id, args.file, overrides or None)
        print(f"{preview.source} ({preview.kind}): {len(preview.records)} medewerkers gevonden.")
        if preview.from_memory:
            print("Kolommen zoals bij de vorige import van dit bestand:")
        school_command.print_columns(preview)
        print(
            f"Nieuw: {len(preview.new)}, gewijzigd: {len(preview.changed)}, "
            f"ongewijzigd: {preview.unchanged}, uit dienst gemeld: {len(preview.leavers)}."
        )
        if preview.not_in_file:
            print(f"Niet in het bestand (blijven staan): {len(preview.not_in_file)} medewerkers.")
        if args.dry_run:
            print("Proefdraai: er is niets opgeslagen.")
            return common.EXIT_OK
        added, changed = service.import_file(school.id, args.file, overrides or None)
    print(f"{added} medewerkers toegevoegd en {changed} bijgewerkt in {school.name}.")
    return common.EXIT_OK


def _staff_ids(service: Any, school_id: int, numbers: list[str]) -> list[int]:
    by_number = {
        row.staff_number.lstrip("0"): row.id for row in service.list_staff(school_id) if row.staff_number
    }
    unknown = [n for n in numbers if n.lstrip("0") not in by_number]
    if unknown:
        raise common.CommandError(f"Onbekend personeelsnummer: {', '.join(unknown)}. Er is niets vastgelegd.")
    return [by_number[n.lstrip("0")] for n in numbers]


def _cmd_acknowledge(args: argparse.Namespace) -> int:
    from ibp_desktop.services.staff.register import StaffService

    on = common.option_date(args.on, "--on")
    with school_command.one_school(args) as login:
        service = login.service(StaffService)
        count = service.acknowledge(_staff_ids(service, login.school.id, args.staff), on, Method(args.how))
    print(f"{count} medewerkers hebben de gedragsregels getekend op {on:%d-%m-%Y}.")
    return common.EXIT_OK


def _cmd_session(args: argparse.Namespace) -> int:
    from ibp_desktop.core.staff.records import SessionInput
    from ibp_desktop.services.staff.register import StaffService

    on = common.option_date(args.on, "--on")
    with school_command.one_school(args) as login:
        service = login.service(StaffService)
        ids = tuple(_staff_ids(service, login.school.id, args.staff))
        row = service.add_session(
            login.school.id, SessionInput(on, Topic(args.topic), Leader(args.led_by), ids, args.note)
        )
    print(f"Sessie '{row.topic_label}' op {on:%d-%m-%Y} vastgelegd met {len(ids)} aanwezigen.")
    return common.EXIT_OK
