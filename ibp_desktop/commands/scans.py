"""Scan command: import-scans (paper consent forms back in from a copier's PDF or images)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ibp_desktop.commands import common, school_command

if TYPE_CHECKING:
    from ibp_desktop.services.consent.scans import ScannedPage


def add_commands(commands: Any, exports: Any) -> None:
    parser = commands.add_parser(
        "import-scans",
        help="read scanned consent forms (PDF from the copier, JPEG/PNG/TIFF, or a folder of those)",
        description="Reads the QR code and the boxes of every page. Pages read with certainty are saved "
        "with the page kept as proof; pages that need a look (unsure boxes, no signature, no code, "
        "scanned before) are listed and left for the review screen in the program.",
    )
    common.add_common(parser)
    common.add_user(parser)
    parser.add_argument("path", metavar="FILE.pdf|FOLDER", help="the scan (or a folder of scans)")
    parser.add_argument("--brin", required=True, help="BRIN code of the school, e.g. 12AB")
    parser.add_argument("--dry-run", action="store_true", help="only print what was read")
    parser.set_defaults(handler=_cmd_import_scans)


def _cmd_import_scans(args: argparse.Namespace) -> int:
    from ibp_desktop.services.consent.scans import ConsentScanService, PageState, accepted

    with school_command.one_school(args) as login:
        school = login.school
        service = login.service(ConsentScanService)
        pages = service.read(school.id, args.path)
        for line in page_lines(pages):
            print(line)
        sure = [p for p in pages if p.state is PageState.SURE]
        if args.dry_run:
            print("\nProefdraaien (--dry-run): er is niets opgeslagen.")
            return common.EXIT_OK
        result = service.save(school.id, [accepted(p) for p in sure])
    left = sum(
        p.state in (PageState.CHECK, PageState.NO_CODE, PageState.UNKNOWN, PageState.DUPLICATE) for p in pages
    )
    print(
        f"\nOpgeslagen: {result.pages} formulieren, {result.decisions} antwoorden "
        "(kanaal papier, pagina bewaard als bewijs)."
    )
    if left:
        print(f"Nog bekijken: {left} pagina's. Open Toestemming > Scans inlezen in het programma.")
    return common.EXIT_OK


def page_lines(pages: list[ScannedPage]) -> list[str]:
    from collections import Counter

    counts = Counter(p.state_label for p in pages)
    lines = [
        f"{len(pages)} pagina's gelezen: " + ", ".join(f"{n} {label.lower()}" for label, n in counts.items())
    ]
    for page in pages:
        who = f" - {page.pupil.name} (groep {page.pupil.group_name or '-'})" if page.pupil else ""
        answers = " ".join(
            f"{a.label}: {'?' if not a.sure else 'ja' if a.value else 'nee' if a.value is False else '-'}"
            for a in page.answers
        )
        lines.append(f"{page.label}{who}: {page.message}" + (f" [{answers}]" if answers else ""))
    return lines
