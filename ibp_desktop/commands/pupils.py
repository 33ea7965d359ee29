"""Pupil commands: import-pupils."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ibp_desktop.commands import common, school_command

if TYPE_CHECKING:
    from datetime import date

    from ibp_desktop.services.pupils.register import ImportPreview, ImportResult


def add_commands(commands: Any, exports: Any) -> None:
    parser = commands.add_parser(
        "import-pupils",
        help="import the pupil list (CSV or .xlsx export of ParnasSys, ESIS, Magister)",
        description="Shows the differences with the pupils in the program, then imports them "
        "(all or nothing). Re-importing the same file changes nothing.",
    )
    common.add_common(parser)
    common.add_user(parser)
    parser.add_argument("file", metavar="FILE", help="the export (.csv or .xlsx)")
    parser.add_argument("--brin", required=True, help="BRIN code of the school, e.g. 12AB")
    parser.add_argument("--dry-run", action="store_true", help="only print the differences; write nothing")
    parser.add_argument(
        "--deregister-missing",
        metavar="DATE",
        help="deregister enrolled pupils that are not in the file on this date (dd-mm-jjjj)",
    )
    parser.add_argument(
        "--confirm-changes",
        action="store_true",
        help="also write the changes that need a yes: re-enrolling a pupil who left, another name on a "
        "known pupil number (listed under 'Let op' in the preview)",
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="use this column for a field, e.g. --map geboortedatum='Geb. datum'; FIELD=  means: not in "
        "the file. Fields: pupil_number, first_name, infix, last_name, full_name, date_of_birth, group, "
        "enrolled_on, deregistered_on (or their Dutch names)",
    )
    parser.set_defaults(handler=_cmd_import_pupils)


def _cmd_import_pupils(args: argparse.Namespace) -> int:
    from ibp_desktop.services.pupils.register import PupilService

    overrides = common.column_overrides(args.map, "groep=Klas")
    deregister_on = (
        common.option_date(args.deregister_missing, "--deregister-missing")
        if args.deregister_missing
        else None
    )
    with school_command.one_school(args) as login:
        school = login.school
        service = login.service(PupilService)
        preview = service.preview_import(school.id, args.file, overrides or None)
        preview.raise_if_problems()
        for line in preview_lines(preview, deregister_on):
            print(line)
        if args.dry_run:
            print("\nProefdraaien (--dry-run): er is niets opgeslagen.")
            return common.EXIT_OK
        if preview.diff.needs_confirmation and not args.confirm_changes:
            print(
                "\nEr is niets opgeslagen: bevestig eerst de wijzigingen onder 'Let op' "
                "met --confirm-changes."
            )
            return common.EXIT_BAD_INPUT
        result = service.apply_import(school.id, preview, deregister_on, confirm_changes=args.confirm_changes)
    print("\n" + result_line(result))
    return common.EXIT_OK


def preview_lines(preview: ImportPreview, deregister_on: date | None) -> list[str]:
    """The diff in Dutch: the file, the mapping, the counts, then one line per pupil."""
    from ibp_desktop.importers.values import format_date

    diff, counts = preview.diff, preview.counts
    lines = [
        f"Bestand: {preview.source_name} ({preview.file_description}), {preview.row_count} rijen",
        "Kolommen: "
        + ", ".join(f"{f.label} = '{f.column_name}'" for f in preview.fields if f.column_name is not None),
        "",
        *(["(Kolommen zoals bij de vorige import van dit bestand.)"] if preview.remembered_mapping else []),
        "Niet gebruikt: "
        + (", ".join(str(c) for c in preview.unused_columns) or "geen (alle kolommen gebruikt)"),
    ]
    if preview.skipped_rows:
        lines += ["Overgeslagen regels (geen leerling):"]
        lines += [f"  {row}" for row in preview.skipped_rows]
    lines += [
        "",
        f"Nieuw: {counts.new}   Gewijzigd: {counts.changed}   Weer ingeschreven: {counts.reenrolled}   "
        f"Niet meer in het bestand: {counts.missing}   Ongewijzigd: {counts.unchanged}",
    ]
    if diff.needs_confirmation:
        lines += ["", "Let op: wijzigingen die u moet bevestigen (--confirm-changes):"]
        lines += [f"  ! {u.pupil.label_with_birth}: weer ingeschreven; {u.summary}" for u in diff.reenrolled]
        lines += [f"  ! {u.pupil.label_with_birth}: andere naam; {u.summary}" for u in diff.renamed]
    if diff.new:
        lines += ["", "Nieuwe leerlingen:"]
        lines += [f"  + {r.label}, groep {r.group_name or '-'}" for r in diff.new]
    ordinary = [u for u in diff.changed if not u.renames]
    if ordinary:
        lines += ["", "Gewijzigd:"]
        lines += [f"  ~ {u.pupil.label_with_birth}: {u.summary}" for u in ordinary]
    if diff.missing:
        what = (
            f"worden uitgeschreven per {format_date(deregister_on)}"
            if deregister_on
            else "blijven ingeschreven; gebruik --deregister-missing DATUM om ze uit te schrijven"
        )
        lines += ["", f"Niet meer in het bestand ({what}):"]
        lines += [f"  - {p.label_with_birth}, groep {p.group_name or '-'}" for p in diff.missing]
    return lines


def result_line(result: ImportResult) -> str:
    if not result.wrote_anything:
        return "Er was niets te wijzigen: de leerlingen in het programma komen overeen met het bestand."
    text = (
        f"Geïmporteerd: {result.new} nieuw, {result.changed} gewijzigd, "
        f"{result.reenrolled} weer ingeschreven, {result.deregistered} uitgeschreven, "
        f"{result.unchanged} ongewijzigd."
    )
    if result.groups_created:
        text += f" Nieuwe groepen: {', '.join(result.groups_created)}."
    return text
