"""Policy-cycle commands: export year-plan (the yearly IBP calendar) and export access-review (for the FG)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ibp_desktop.commands import common
from ibp_desktop.services.output_file import write_export


def add_commands(commands: Any, exports: Any) -> None:
    plan = exports.add_parser("year-plan", help="the yearly IBP calendar as a one-page PDF")
    common.add_common(plan)
    common.add_user(plan)
    plan.add_argument("--year", type=int, required=True, metavar="YYYY", help="calendar year")
    plan.add_argument("--brin", help="only this school (default: every school you may see)")
    plan.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    plan.set_defaults(handler=_cmd_year_plan)

    review = exports.add_parser("access-review", help="a periodic access review as PDF for the FG")
    common.add_common(review)
    common.add_user(review)
    review.add_argument("review_id", type=int, metavar="ID", help="number of the review")
    review.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    review.set_defaults(handler=_cmd_access_review)


def _pdf(path: str) -> Path:
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        raise common.CommandError(f"Kies een bestandsnaam die eindigt op .pdf: {path}")
    return target


def _cmd_year_plan(args: argparse.Namespace) -> int:
    from ibp_desktop.services.accounts.schools import SchoolService
    from ibp_desktop.services.policy.ibp_calendar import IbpCalendarService

    target = _pdf(args.output)
    if not 2000 <= args.year <= 2100:
        raise common.CommandError(f"Jaar {args.year} kan niet. Geef een jaar als 2027.")
    database, actor = common.logged_in(args)
    try:
        school_id = int(SchoolService(database, actor).school_by_brin(args.brin).id) if args.brin else None
        data = IbpCalendarService(database, actor).year_plan_pdf(school_id, args.year)
    finally:
        database.dispose()
    write_export(target, data)
    print(f"Jaarplan {args.year} opgeslagen als {target}.")
    return common.EXIT_OK


def _cmd_access_review(args: argparse.Namespace) -> int:
    from ibp_desktop.services.access.reviews import AccessReviewService

    target = _pdf(args.output)
    database, actor = common.logged_in(args)
    try:
        data = AccessReviewService(database, actor).review_pdf(args.review_id)
    finally:
        database.dispose()
    write_export(target, data)
    print(f"Controle toegangsrechten {args.review_id} opgeslagen als {target}.")
    return common.EXIT_OK
