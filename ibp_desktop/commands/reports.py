"""Report commands: the annual IBP report and its adoption, the FG report, the access-request helper.

ibp-desktop export annual-report --year YYYY [--calendar] [--brin CODE] -o FILE.pdf --user NAME
ibp-desktop reports adopt --year YYYY [--calendar] [--brin CODE] --user NAME        (the board)
ibp-desktop reports adopted [--brin CODE] --user NAME
ibp-desktop export adopted-report ID -o FILE.pdf --user NAME
ibp-desktop export fg-report --from DATE --to DATE [--brin CODE] -o FILE.pdf --user NAME
ibp-desktop export access-request --brin CODE --pupil NUMBER -o FILE.pdf --user NAME

--year 2025 means school year 2025-2026 (1 August - 31 July); with --calendar the calendar year 2025.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ibp_desktop.commands import common, school_command


def _base(parser: argparse.ArgumentParser) -> None:
    common.add_common(parser)
    common.add_user(parser)


def _period_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--year",
        required=True,
        help="school year starting in this year (2025: 2025-2026), or with --calendar",
    )
    parser.add_argument(
        "--calendar", action="store_true", help="the calendar year instead of the school year"
    )
    parser.add_argument("--brin", help="one school (default: every school you may see, i.e. the board)")


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf")


def add_commands(commands: Any, exports: Any) -> None:
    annual = exports.add_parser("annual-report", help="Jaarverslag IBP for the GMR and the board (concept)")
    _base(annual)
    _period_options(annual)
    _output(annual)
    annual.set_defaults(handler=_cmd_annual)

    adopted_pdf = exports.add_parser("adopted-report", help="print an adopted annual report again, unchanged")
    _base(adopted_pdf)
    adopted_pdf.add_argument("id", metavar="ID", help="number of the adopted report (see 'reports adopted')")
    _output(adopted_pdf)
    adopted_pdf.set_defaults(handler=_cmd_adopted_pdf)

    fg = exports.add_parser("fg-report", help="FG report: incidents, requests, overdue items, open actions")
    _base(fg)
    fg.add_argument("--from", dest="date_from", required=True, metavar="DATE", help="dd-mm-jjjj")
    fg.add_argument("--to", dest="date_to", required=True, metavar="DATE", help="dd-mm-jjjj")
    fg.add_argument("--brin", help="one school (default: every school you may see)")
    _output(fg)
    fg.set_defaults(handler=_cmd_fg)

    access = exports.add_parser(
        "access-request",
        help="everything held about one pupil (access request); .json or .csv: machine-readable "
        "(portability, AVG art. 20)",
    )
    _base(access)
    access.add_argument("--brin", required=True, help="BRIN code of the school")
    access.add_argument("--pupil", required=True, metavar="NUMBER", help="the pupil number")
    _output(access)
    access.set_defaults(handler=_cmd_access)

    reports = commands.add_parser("reports", help="annual reports: adopt (board) and list adopted reports")
    actions = reports.add_subparsers(dest="reports_command", metavar="ACTION", required=True)
    adopt = actions.add_parser("adopt", help="adopt the annual report as it is now (the board)")
    _base(adopt)
    _period_options(adopt)
    adopt.set_defaults(handler=_cmd_adopt)
    listing = actions.add_parser("adopted", help="list the adopted annual reports")
    _base(listing)
    listing.add_argument("--brin", help="only the reports of this school")
    listing.set_defaults(handler=_cmd_adopted)


def _pdf_target(path: str) -> Path:
    return school_command.output_path(path, (".pdf",))


def _period(args: argparse.Namespace) -> Any:
    from ibp_desktop.core.annual_figures import PeriodKind, ReportPeriod

    text = str(args.year).strip()
    if not (text.isdigit() and len(text) == 4 and 1900 < int(text) < 9998):
        raise common.CommandError(
            f"--year '{args.year}' is geen jaartal. Schrijf vier cijfers, bijvoorbeeld 2025."
        )
    kind = PeriodKind.CALENDAR_YEAR if args.calendar else PeriodKind.SCHOOL_YEAR
    return ReportPeriod(kind, int(text))


def _cmd_annual(args: argparse.Namespace) -> int:
    from ibp_desktop.services.reports.annual import AnnualReportService

    target, period = _pdf_target(args.output), _period(args)
    with school_command.school_scope(args) as login:
        data = login.service(AnnualReportService).pdf(period, login.school_id)
    return school_command.save_export(target, data, f"Jaarverslag IBP {period.label} (concept)")


def _cmd_adopt(args: argparse.Namespace) -> int:
    from ibp_desktop.services.reports.annual import AnnualReportService

    period = _period(args)
    with school_command.school_scope(args) as login:
        row = login.service(AnnualReportService).adopt(period, login.school_id)
    print(
        f"{row.title} ({row.scope}) is vastgesteld op {row.adopted_on:%d-%m-%Y} als nummer {row.id}. "
        f"Controlecode (SHA-256): {row.sha256}"
    )
    return common.EXIT_OK


def _cmd_adopted(args: argparse.Namespace) -> int:
    from ibp_desktop.services.reports.annual import AnnualReportService

    with school_command.school_scope(args) as login:
        rows = login.service(AnnualReportService).adopted_reports(login.school_id)
    if not rows:
        print("Er zijn nog geen vastgestelde jaarverslagen.")
    for row in rows:
        print(
            f"{row.id}\t{row.adopted_on:%d-%m-%Y}\t{row.title}\t{row.scope}\t{row.adopter_label}\t"
            f"SHA-256 {row.sha256}"
        )
    return common.EXIT_OK


def _cmd_adopted_pdf(args: argparse.Namespace) -> int:
    from ibp_desktop.services.reports.annual import AnnualReportService

    target = _pdf_target(args.output)
    if not str(args.id).strip().isdigit():
        raise common.CommandError(f"'{args.id}' is geen nummer. Kijk met 'ibp-desktop reports adopted'.")
    with school_command.school_scope(args) as login:
        data = login.service(AnnualReportService).adopted_pdf(int(args.id))
    return school_command.save_export(target, data, f"Vastgesteld jaarverslag {args.id} ongewijzigd")


def _cmd_fg(args: argparse.Namespace) -> int:
    from ibp_desktop.services.reports.fg import FgReportService

    target = _pdf_target(args.output)
    date_from, date_to = (
        common.option_date(args.date_from, "--from"),
        common.option_date(args.date_to, "--to"),
    )
    with school_command.school_scope(args) as login:
        data = login.service(FgReportService).pdf(date_from, date_to, login.school_id)
    return school_command.save_export(target, data, "FG-rapportage")


def _cmd_access(args: argparse.Namespace) -> int:
    from ibp_desktop.services.requests.access_request import AccessRequestService

    suffix = Path(args.output).suffix.lower()
    portable = suffix in (".json", ".csv")
    target = Path(args.output) if portable else _pdf_target(args.output)
    with school_command.one_school(args) as login:
        service = login.service(AccessRequestService)
        pupil_id = service.pupil_id(login.school.id, args.pupil)
        data = service.portable(pupil_id, as_csv=suffix == ".csv") if portable else service.pdf(pupil_id)
    what = "verzoek om overdraagbaarheid" if portable else "inzageverzoek"
    return school_command.save_export(target, data, f"Overzicht voor het {what}")
