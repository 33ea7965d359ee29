"""What a command can prepare while Argon2id checks the password (about 0.15 s, on one other core).

argon2-cffi releases the GIL, so imports and font parsing done meanwhile cost the command no time
(see security.passwords.verify_password). Nothing here reads or writes data.
"""

from __future__ import annotations


def pdf_tools(report: str | None = None) -> None:
    """ReportLab, the shared page template and the two faces nearly every PDF uses, read and parsed;
    with ``report`` (a module of ibp_desktop.reports, e.g. "consent_overview") also that renderer."""
    import importlib

    from reportlab.pdfbase import pdfmetrics

    from ibp_desktop.reports import template  # noqa: F401  (imports ReportLab's platypus)
    from ibp_desktop.reports.fonts import SANS, SANS_BOLD, register_fonts

    register_fonts()
    for face in (SANS, SANS_BOLD):
        pdfmetrics.getFont(face)  # registered on first use: read now instead of while rendering
    if report is not None:
        importlib.import_module(f"ibp_desktop.reports.{report}")


def models_configured() -> None:
    """SQLAlchemy's one-off setup of the mappers imported since the last query (relationships, column
    properties): otherwise the first query after the login does it."""
    from sqlalchemy.orm import configure_mappers

    configure_mappers()
