"""Policy-cycle commands: export year-plan (the yearly IBP calendar) and export access-review (for the FG)."""

from __future__ import annotations

import argparse
from typing import Any

from ibp_desktop.commands import common, school_command


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


def _cmd_year_plan(args: argparse.Namespace) -> int:
    from ibp_desktop.services.policy.ibp_calendar import IbpCalendarService

    target = school_command.output_path(args.output, (".pdf",))
    if not 2000 <= args.year <= 2100:
        raise common.CommandError(f"Jaar {args.year} kan niet. Geef een jaar als 2027.")
    with school_command.school_scope(args) as login:
        data = login.service(IbpCalendarService).year_plan_pdf(login.school_id, args.year)
    return school_command.save_export(target, data, f"Jaarplan {args.year}")


def _cmd_access_review(args: argparse.Namespace) -> int:
    from ibp_desktop.services.access.reviews import AccessReviewService

    target = school_command.output_path(args.output, (".pdf",))
    with school_command.school_scope(args) as login:
        data = login.service(AccessReviewService).review_pdf(args.review_id)
    return school_command.save_export(target, data, f"Controle toegangsrechten {args.review_id}")
