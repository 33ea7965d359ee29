"""Schools of the board: `schools add` and `schools list`."""

from __future__ import annotations

import argparse
from typing import Any

from ibp_desktop.commands import common


def add_commands(commands: Any, exports: Any) -> None:
    schools = commands.add_parser("schools", help="the schools of the board")
    actions = schools.add_subparsers(dest="schools_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a school to the board (a board-level account)")
    common.add_common(add)
    common.add_user(add)
    add.add_argument("--school", required=True, help="name of the school")
    add.add_argument("--brin", required=True, help="BRIN code, e.g. 56EF")
    add.set_defaults(handler=_cmd_add)
    listing = actions.add_parser("list", help="list the schools you may see")
    common.add_common(listing)
    common.add_user(listing)
    listing.set_defaults(handler=_cmd_list)


def _cmd_add(args: argparse.Namespace) -> int:
    from ibp_desktop.services.accounts.schools import SchoolService

    database, actor = common.logged_in(args)
    try:
        info = SchoolService(database, actor).add_school(args.school, args.brin)
    finally:
        database.dispose()
    print(f"School {info.label} is toegevoegd.")
    print(
        "Geef de mensen van deze school een account met "
        f"'ibp-desktop users add NAAM --roles ... --full-name ... --schools {info.brin}'."
    )
    return common.EXIT_OK


def _cmd_list(args: argparse.Namespace) -> int:
    from ibp_desktop.services.accounts.schools import SchoolService

    database, actor = common.logged_in(args)
    try:
        schools = SchoolService(database, actor).visible_schools()
    finally:
        database.dispose()
    for school in schools:
        print(f"{school.brin:<6} {school.name:<40} {school.pupils_enrolled:>5} leerlingen")
    return common.EXIT_OK
