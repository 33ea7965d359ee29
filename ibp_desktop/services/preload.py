"""What a command can prepare while Argon2id checks the password (about 0.1 s on another core).

argon2-cffi releases the GIL, so imports and font parsing done meanwhile cost the command no time
(see security.passwords.verify_password). Nothing here reads or writes data.
"""

from __future__ import annotations


def pdf_tools() -> None:
    """ReportLab, the shared page template and the two faces nearly every PDF uses, read and parsed."""
    from reportlab.pdfbase import pdfmetrics

    from ibp_desktop.reports import template  # noqa: F401  (imports ReportLab's platypus)
    from ibp_desktop.reports.fonts import SANS, SANS_BOLD, register_fonts

    register_fonts()
    for face in (SANS, SANS_BOLD):
        pdfmetrics.getFont(face)  # registered on first use: read now instead of while rendering
