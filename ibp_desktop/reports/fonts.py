"""Register the embedded DejaVu fonts with ReportLab.

ReportLab's built-in Helvetica cannot draw letters such as ş, ğ, ı, ł or ễ that occur in pupils'
and staff names, so every PDF of IBP Desktop uses these TTF fonts only (they are embedded as subsets).
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ibp_desktop.resources import resource_path

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SANS_OBLIQUE = "DejaVuSans-Oblique"
SANS_BOLD_OBLIQUE = "DejaVuSans-BoldOblique"
MONO = "DejaVuSansMono"
MONO_BOLD = "DejaVuSansMono-Bold"

_FONT_FILES = (SANS, SANS_BOLD, SANS_OBLIQUE, SANS_BOLD_OBLIQUE, MONO, MONO_BOLD)

_lock = threading.RLock()
_registered = False


def register_fonts() -> None:
    """Make the DejaVu fonts and their families known to ReportLab once; later calls do nothing.

    Each face's file is read and parsed only when a PDF first uses it (about 8 ms a face): a PDF in
    regular and bold does not pay for the oblique and mono faces. Safe to call from a worker thread.
    After this, ``<b>`` and ``<i>`` in a Paragraph whose style uses DejaVuSans (or DejaVuSansMono) pick
    the bold/oblique variants.
    """
    global _registered
    with _lock:
        if _registered:
            return
        # ReportLab looks a font up by name and, when it is not registered, asks findFontAndRegister
        # (which knows only its own Type 1 fonts): that is the one place to hook in a face on first use.
        fallback = pdfmetrics.findFontAndRegister

        def find_font(name: str) -> object:
            return _register_face(name) if name in _FONT_FILES else fallback(name)

        pdfmetrics.findFontAndRegister = find_font
        _register_families()
        _registered = True


def _register_families() -> None:
    pdfmetrics.registerFontFamily(
        SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_OBLIQUE, boldItalic=SANS_BOLD_OBLIQUE
    )
    # DejaVu Sans Mono ships no oblique here: italic falls back to upright.
    pdfmetrics.registerFontFamily(MONO, normal=MONO, bold=MONO_BOLD, italic=MONO, boldItalic=MONO_BOLD)


def _register_face(name: str) -> object:
    with _lock:
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", f"{name}.ttf"))))
            # registerFont makes a TTF face its own family (its bold is itself): that undid the
            # DejaVuSans family, so <b> in a paragraph and the first bold heading of a process came out
            # regular once DejaVuSans was read. The families again, after every face read.
            _register_families()
        return pdfmetrics.getFont(name)


def registered_faces() -> list[str]:
    """The DejaVu faces read so far (for tests and benchmarks)."""
    return [name for name in _FONT_FILES if name in pdfmetrics.getRegisteredFontNames()]
