"""The command line: `ibp-desktop` opens the program; sub-commands run headless.

Heavy modules (SQLAlchemy, keyring, Qt, ReportLab) are imported inside the commands, so that `--help`
is quick and the GUI can show its first window before the storage stack is loaded. Each area adds its
commands (and its `export` documents) from a module in ibp_desktop/commands/.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ibp_desktop.commands import common

AREAS = (
    "foundation",
    "backup",
    "pupils",
    "incidents",
    "consent",
    "consent_import",
    "scans",
    "registers",
    "retention",
    "reports",
    "policy",
    "schools",
    "move",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ibp-desktop", description="IBP Desktop: privacy and security for schools."
    )
    common.add_common(parser)
    # Hidden: open the first window, then quit with 0 (tests/packaging starts the bundle this way).
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(handler=_cmd_gui)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    export = commands.add_parser("export", help="write a document (PDF or CSV)")
    exports = export.add_subparsers(dest="document", metavar="DOCUMENT", required=True)
    for area in AREAS:
        importlib.import_module(f"ibp_desktop.commands.{area}").add_commands(commands, exports)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except common.CommandError as error:
        common.err(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        common.err("Afgebroken.")
        return common.EXIT_FAILURE
    except Exception as error:
        from ibp_desktop.core.errors import IbpError

        if isinstance(error, IbpError):
            common.err(str(error))
            return error.exit_code
        raise


def _cmd_gui(args: argparse.Namespace) -> int:
    from ibp_desktop.ui.app import run_gui

    return int(run_gui(common.location(args), smoke_test=bool(getattr(args, "smoke_test", False))))


if __name__ == "__main__":
    sys.exit(main())
