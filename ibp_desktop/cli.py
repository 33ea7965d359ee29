"""The command line: `ibp-desktop` opens the program; sub-commands run headless.

Heavy modules (SQLAlchemy, keyring, Qt, ReportLab) are imported inside the commands, so that `--help`
is quick and the GUI can show its first window before the storage stack is loaded. Each area adds its
commands (and its `export` documents) from a module in ibp_desktop/commands/.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import sys
from collections.abc import Sequence

from ibp_desktop import logs
from ibp_desktop.commands import common

log = logging.getLogger(__name__)

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
    "accountability",
    "schools",
    "move",
    "staff",
)


# Which area's module defines a command or an export document: only that module is imported to run it,
# and none when only the window opens. A name not listed here loads every area, so a new command works
# before it is listed; tests/test_cli_parser.py checks that every listed name is where it says.
COMMAND_AREAS = {
    "check": "foundation", "demo": "foundation", "init": "foundation", "users": "foundation",
    "backup": "backup", "restore": "backup", "import-pupils": "pupils", "import-incidents": "incidents",
    "import-consent": "consent_import", "retention": "retention", "reports": "reports",
    "password": "foundation", "schools": "schools", "move-to-server": "move",
    "import-staff": "staff", "record-acknowledgement": "staff", "record-session": "staff",
    "import-scans": "scans",
}  # fmt: skip
EXPORT_AREAS = {
    "incident-register": "incidents", "incident-report": "incidents", "consent-forms": "consent",
    "consent-history": "consent", "consent-missing": "consent", "consent-overview": "consent",
    "processor-register": "registers", "request-register": "registers",
    "destruction-certificate": "retention", "retention-due": "retention", "access-request": "reports",
    "adopted-report": "reports", "annual-report": "reports", "fg-report": "reports",
    "access-review": "policy", "year-plan": "policy", "breach-letter": "incidents",
    "action-register": "registers", "acknowledgement-list": "staff", "must-know": "staff",
    "awareness-register": "staff", "processing-register": "accountability", "dpia": "accountability",
    "dpia-register": "accountability", "complaint-register": "accountability",
}  # fmt: skip


def _base_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ibp-desktop", description="IBP Desktop: privacy and security for schools."
    )
    common.add_common(parser, top=True)
    # Hidden: open the first window, then quit with 0 (tests/packaging starts the bundle this way).
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(handler=_cmd_gui)
    return parser


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or, given the arguments to parse, with only what they need: for
    the window no sub-parsers at all (argparse formats a usage line for each, ~1-2 ms before the first
    window, issue 17)."""
    parser = _base_parser()
    areas = AREAS if argv is None else _areas_for(argv)
    if not areas:
        return parser
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    export = commands.add_parser("export", help="write a document (PDF or CSV)")
    exports = export.add_subparsers(dest="document", metavar="DOCUMENT", required=True)
    for area in areas:
        importlib.import_module(f"ibp_desktop.commands.{area}").add_commands(commands, exports)
    return parser


def _areas_for(argv: Sequence[str]) -> tuple[str, ...]:
    """The command modules needed to parse ``argv`` (in the order of AREAS)."""
    if any(arg in ("-h", "--help") for arg in argv):
        return AREAS  # help lists every command
    _known, rest = _base_parser().parse_known_args(list(argv))
    if not rest:
        return ()  # the window
    words = [word for word in rest if not word.startswith("-")]
    if not words:
        return AREAS  # only options the window does not know: the usage names the commands too
    if words[0] == "export":
        area = EXPORT_AREAS.get(words[1]) if len(words) > 1 else None
    else:
        area = COMMAND_AREAS.get(words[0])
    return AREAS if area is None else (area,)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command in ``argv``; without ``argv``, the process's own command line (the program).

    Run as the program, a command ends its process: what it loaded stays frozen (commands/common.py)
    and so does what it made since, because the interpreter's last collection at exit would otherwise
    walk every object of SQLAlchemy, the models and ReportLab once more only to free them (a tenth of
    `export consent-overview`). Given ``argv`` (tests, or a caller that goes on) everything is
    collectable again afterwards.
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(arguments).parse_args(arguments)
    started = _start_log(args)
    try:
        return _run(args)
    finally:
        if argv is None and getattr(args, "command", None) is not None:
            gc.freeze()
        else:
            gc.unfreeze()
        if started:
            logs.stop_logging()


def _run(args: argparse.Namespace) -> int:
    """The one top-level handler: a Dutch message and an exit status, the details only in the log."""
    name = _command_name(args)
    log.info("command %s started", name)
    try:
        common.check_export_output(args)
        code = int(args.handler(args))
    except common.CommandError as error:
        log.info("command %s refused (CommandError, exit %d)", name, error.exit_code)
        common.err(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        log.info("command %s interrupted", name)
        common.err("Afgebroken.")
        return common.EXIT_FAILURE
    except Exception as error:
        from ibp_desktop.core.errors import IbpError

        if isinstance(error, IbpError):
            log.warning("command %s stopped (%s, exit %d)", name, type(error).__name__, error.exit_code)
            common.err(str(error))
            return error.exit_code
        reference = logs.log_unexpected(log, f"command {name}", error)
        common.err(unexpected_message(error, reference))
        return common.EXIT_FAILURE
    log.info("command %s ended (exit %d)", name, code)
    return code


def unexpected_message(error: BaseException, reference: str) -> str:
    """What the command line prints for an error we did not foresee: no traceback, no SQL, no values."""
    where = logs.current_log_file()
    details = (
        f"De details staan in het logbestand {where} (melding {reference}); stuur dat bestand naar de "
        "ICT'er van de school."
        if where
        else "Er kon geen logbestand worden geschreven."
    )
    return (
        f"Er ging iets onverwachts mis ({type(error).__name__}). Kijk na of de opdracht al iets heeft "
        f"gewijzigd voordat u hem opnieuw uitvoert. {details}"
    )


def _command_name(args: argparse.Namespace) -> str:
    parts = [getattr(args, "command", None) or "gui", getattr(args, "document", None)]
    return "/".join(str(part) for part in parts if part)


def _start_log(args: argparse.Namespace) -> bool:
    """Log to the data folder's log folder; True when this call set it up (and must stop it)."""
    if logs.current_log_file() is not None:
        return False
    try:
        folder = common.location(args).data_dir
    except Exception:  # a damaged settings file: the command itself reports it
        return False
    return logs.setup_logging(folder) is not None


def _cmd_gui(args: argparse.Namespace) -> int:
    common.require_display()
    from ibp_desktop.ui.app import run_gui

    return int(run_gui(common.location(args), smoke_test=bool(getattr(args, "smoke_test", False))))


if __name__ == "__main__":
    sys.exit(main())
