"""Consent import command: import-consent (answers from a parent-app export)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ibp_desktop.commands import common, school_command

if TYPE_CHECKING:
    from ibp_desktop.services.consent.importing import ConsentImportPreview, ConsentImportResult


def add_commands(commands: Any, exports: Any) -> None:
    parser = commands.add_parser(
        "import-consent",
        help="import image consent answers from a parent-app export (Parro, Social Schools; CSV or .xlsx)",
        description="Shows what would be recorded per pupil and purpose, then records it (all or "
        "nothing). Re-importing the same file changes nothing; history is never changed.",
    )
    school_command.add_file_import(
        parser,
        file_help="the export (.csv or .xlsx)",
        dry_run_help="only print what would be recorded",
        map_help="use this column for a field, e.g. --map website='Foto website'; FIELD=  means: not in the "
        "file. Fields: pupil_number, full_name, first_name, infix, last_name, date_of_birth, group, "
        "given_by, relation, given_on, and each purpose by its code or name",
    )
    parser.add_argument(
        "--date", metavar="DATE", help="date of the answers without a date column (dd-mm-jjjj)"
    )
    parser.add_argument("--given-by", help="who answered, for rows without such a column")
    parser.add_argument("--relation", help="relation for rows without such a column (default: ouder 1)")
    parser.add_argument("--channel", default="ouderapp", help="how the answers came in (default: ouderapp)")
    parser.set_defaults(handler=_cmd_import_consent)


def _cmd_import_consent(args: argparse.Namespace) -> int:
    from ibp_desktop.services.consent.importing import ConsentImportService

    overrides = common.column_overrides(args.map, "website=Foto")
    given_on = common.option_date(args.date, "--date") if args.date else None
    with school_command.one_school(args) as login:
        school = login.school
        service = login.service(ConsentImportService)
        preview = service.preview(
            school.id,
            args.file,
            overrides or None,
            given_on=given_on,
            given_by=args.given_by,
            relation=args.relation,
            channel=args.channel,
        )
        preview.raise_if_problems()
        for line in preview_lines(preview):
            print(line)
        if args.dry_run:
            print("\nProefdraaien (--dry-run): er is niets opgeslagen.")
            return common.EXIT_OK
        result = service.apply(school.id, preview)
    print("\n" + result_line(result))
    return common.EXIT_OK


def preview_lines(preview: ConsentImportPreview) -> list[str]:
    """What would be recorded, in Dutch: the file, the mapping, the counts, then one line per pupil."""
    from collections import Counter

    from ibp_desktop.core.consent.rules import RELATION_LABELS
    from ibp_desktop.importers.values import format_date

    counts, defaults = preview.counts, preview.defaults
    lines = [
        f"Bestand: {preview.source_name} ({preview.file_description}), {preview.row_count} rijen",
        "Kolommen: "
        + ", ".join(f"{f.label} = '{f.column_name}'" for f in preview.fields if f.column_name is not None),
    ]
    lines.append(
        "Niet gebruikt: "
        + (", ".join(f"'{h}'" for h in preview.unused_columns) or "geen (alle kolommen gebruikt)")
    )
    lines += [f"Overgeslagen: {row}" for row in preview.table.skipped]
    lines += [
        f"Formulier: versie {preview.form_number}; kanaal: {preview.channel_label}; zonder kolom geldt: "
        f"ingevuld door '{defaults.given_by}' ({preview.relation_label}) op {format_date(defaults.given_on)}",
        "",
        f"Antwoorden: nieuw {counts.new}   opnieuw bevestigd {counts.confirmed}   "
        f"gewijzigd {counts.changed}   ongewijzigd {counts.unchanged}   "
        f"(leerlingen: {counts.pupils}, met wijzigingen: {counts.pupils_changed}, "
        f"zonder antwoorden: {counts.without_answers}; rijen: {counts.rows})",
    ]
    conflicts = preview.diff.conflicts
    if conflicts:
        lines += [
            "",
            f"Tegenstrijdig (ouders/verzorgers antwoordden verschillend, {counts.conflicts} leerlingen):",
        ]
        lines += [f"  ! {c}" for c in conflicts]
    changed = [p for p in preview.diff.pupils if p.to_write]
    if changed:
        lines += ["", "Wordt vastgelegd:"]
    rows_per_pupil = Counter(p.pupil.id for p in preview.diff.pupils)
    for pupil in changed:
        answers = ", ".join(str(a) for a in pupil.to_write)
        # One row per guardian: name who answered, so each guardian's answers can be checked.
        who = (
            f"{pupil.given_by} ({RELATION_LABELS[pupil.relation]}), "
            if rows_per_pupil[pupil.pupil.id] > 1
            else ""
        )
        lines.append(f"  {pupil.pupil.label_with_group}, {who}{format_date(pupil.given_on)}: {answers}")
    return lines


def result_line(result: ConsentImportResult) -> str:
    if not result.wrote_anything:
        return "Er was niets te wijzigen: alle antwoorden in het bestand zijn al vastgelegd."
    return (
        f"Vastgelegd: {result.decisions} antwoorden voor {result.pupils} leerlingen "
        f"({result.new} nieuw, {result.confirmed} opnieuw bevestigd, {result.changed} gewijzigd; "
        f"{result.refusals} keer geen toestemming). {result.unchanged} antwoorden waren al vastgelegd."
    )
