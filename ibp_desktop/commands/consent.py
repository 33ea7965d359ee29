"""Image consent commands: the consent PDFs (export consent-overview, -forms, -missing, -history)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ibp_desktop.commands import common, school_command
from ibp_desktop.core.os_errors import reason as os_reason
from ibp_desktop.services.output_file import write_export

if TYPE_CHECKING:
    from ibp_desktop.services.consent.decisions import ConsentService

_GROUP_DOCUMENTS = {
    "consent-overview": "image consent per group: who may NOT be photographed or published (PDF)",
    "consent-forms": "pre-filled paper consent forms, one pupil per page (PDF)",
    "consent-missing": "pupils without a returned consent form in the latest campaign, per group (PDF)",
}

# The renderer of each document (a module of ibp_desktop.reports), loaded while the password is checked.
_REPORTS = {
    "consent-overview": "consent_overview",
    "consent-forms": "consent_forms",
    "consent-missing": "consent_missing",
}


def add_commands(commands: Any, exports: Any) -> None:
    for name, text in _GROUP_DOCUMENTS.items():
        parser = exports.add_parser(name, help=text)
        _export_options(parser)
        parser.add_argument("--group", help="only this group, e.g. 5 or 1/2a (default: all groups)")
        parser.set_defaults(handler=_cmd_group_document, document_name=name)
    history = exports.add_parser("consent-history", help="the consent history of one pupil (PDF)")
    _export_options(history)
    history.add_argument("--pupil", required=True, metavar="NUMBER", help="the pupil number")
    history.set_defaults(handler=_cmd_history)


def _export_options(parser: argparse.ArgumentParser) -> None:
    common.add_common(parser)
    common.add_user(parser)
    parser.add_argument("--brin", required=True, help="BRIN code of the school, e.g. 12AB")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="where to write the PDF")


def _with_service(
    args: argparse.Namespace, action: Callable[[ConsentService, int], bytes], report: str
) -> int:
    output = Path(args.output)
    if not output.parent.exists():
        raise common.CommandError(f"De map {output.parent} bestaat niet. Kies een bestaande map voor -o.")
    with school_command.one_school(args, meanwhile=_preparation(report)) as login:
        from ibp_desktop.services.consent.decisions import ConsentService

        pdf = action(login.service(ConsentService), login.school.id)
    try:
        write_export(output, pdf)
    except OSError as error:
        raise common.CommandError(
            f"Kan {output} niet schrijven: {os_reason(error)}.", common.EXIT_FAILURE
        ) from error
    print(f"Opgeslagen als {output}")
    return common.EXIT_OK


def _preparation(report: str) -> Callable[[], None]:
    """What to do while Argon2id checks the password (common.logged_in): import the services and the
    models the command uses next, and the PDF tools with the document's own renderer."""

    def prepare() -> None:
        from ibp_desktop.services import preload
        from ibp_desktop.services.accounts import schools  # noqa: F401
        from ibp_desktop.services.consent import decisions  # noqa: F401

        preload.models_configured()
        preload.pdf_tools(report)

    return prepare


def _cmd_group_document(args: argparse.Namespace) -> int:
    def make(service: ConsentService, school_id: int) -> bytes:
        group_id = service.find_group(school_id, args.group).id if args.group else None
        if args.document_name == "consent-overview":
            return service.overview_pdf(school_id, group_id)
        if args.document_name == "consent-forms":
            return service.forms_pdf(school_id, group_id)
        return service.missing_pdf(school_id, group_id)

    return _with_service(args, make, _REPORTS[args.document_name])


def _cmd_history(args: argparse.Namespace) -> int:
    def make(service: ConsentService, school_id: int) -> bytes:
        return service.history_pdf(service.pupil_by_number(school_id, args.pupil).id)

    return _with_service(args, make, "consent_history")
