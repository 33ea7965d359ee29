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
    "registers",
    "retention",
    "reports",
    "policy",
)


# Which area's module defines a command or an export document: only that module is imported to run it,
# and none when only the window opens. A name not listed here loads every area, so a new command works
# before it is listed; tests/test_cli_parser.py checks that every listed name is where it says.
COMMAND_AREAS = {
    "check": "foundation", "demo": "foundation", "init": "foundation", "users": "foundation",
    "backup": "backup", "restore": "backup", "import-pupils": "pupils", "import-incidents": "incidents",
    "import-consent": "consent_import", "retention": "retention", "reports": "reports",
}  # fmt: skip
EXPORT_AREAS = {
    "incident-register": "incidents", "incident-report": "incidents", "consent-forms": "consent",
    "consent-history": "consent", "consent-missing": "consent", "consent-overview": "consent",
    "processor-register": "registers", "request-register": "registers",
    "destruction-certificate": "retention", "retention-due": "retention", "access-request": "reports",
    "adopted-report": "reports", "annual-report": "reports", "fg-report": "reports",
    "access-review": "policy", "year-plan": "policy",
}  # fmt: skip


def _base_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ibp-desktop", description="IBP Desktop: privacy and security for schools."
    )
    common.add_common(parser)
    # Hidden: open the first window, then quit with 0 (tests/packaging starts the bundle this way).
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(handler=_cmd_gui)
    return parser


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or, given the arguments to parse, with only what they need."""
    parser = _base_parser()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    export = commands.add_parser("export", help="write a document (PDF or CSV)")
    exports = export.add_subparsers(dest="document", metavar="DOCUMENT", required=True)
    for area in AREAS if argv is None else _areas_for(argv):
        importlib.import_module(f"ibp_desktop.commands.{area}").add_commands(commands, exports)
    return parser


def _areas_for(argv: Sequence[str]) -> tuple[str, ...]:
    """The command modules needed to parse ``argv`` (in the order of AREAS)."""
    if any(arg in ("-h", "--help") for arg in argv):
        return AREAS  # help lists every command
    _known, rest = _base_parser().parse_known_args(list(argv))
    words = [word for word in rest if not word.startswith("-")]
    if not words:
        return ()  # the window
    if words[0] == "export":
        area = EXPORT_AREAS.get(words[1]) if len(words) > 1 else None
    else:
        area = COMMAND_AREAS.get(words[0])
    return AREAS if area is None else (area,)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(arguments).parse_args(arguments)
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
