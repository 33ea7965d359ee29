"""The DejaVu faces are read from disk only when a PDF first uses them."""

from __future__ import annotations

import subprocess
import sys


def test_only_the_faces_a_pdf_uses_are_loaded() -> None:
    code = (
        "from ibp_desktop.reports import fonts\n"
        "from ibp_desktop.reports.consent_overview import ConsentOverview, render_consent_overview\n"
        "from datetime import UTC, datetime\n"
        "fonts.register_fonts(); print(fonts.registered_faces())\n"
        "render_consent_overview(ConsentOverview('OBS Łucja', '2026-2027', 1, '28-11-2026',"
        " datetime(2026, 11, 28, tzinfo=UTC), ()))\n"
        "print(fonts.registered_faces())\n"
        "from reportlab.pdfbase.pdfmetrics import stringWidth\n"
        "print(stringWidth('Şükrü', fonts.MONO, 10) > 0, fonts.registered_faces())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    before, after, mono = result.stdout.splitlines()
    assert before == "[]"  # registering the families reads no font file
    assert after == "['DejaVuSans', 'DejaVuSans-Bold']"  # no oblique or mono face for this PDF
    assert mono == "True ['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSansMono']"  # and a face on first use


BOLD_AFTER_FIRST_USE = """
import re
from datetime import UTC, datetime
from io import BytesIO
from pypdf import PdfReader
from reportlab.platypus import Paragraph
from ibp_desktop.core.consent.rules import ConsentState
from ibp_desktop.reports import fonts
from ibp_desktop.reports.consent_overview import (
    ConsentOverview, OverviewRow, OverviewSection, render_consent_overview)
from ibp_desktop.reports.template import DocumentInfo, build_pdf, styles

def drawn_in(pdf, text):
    page = PdfReader(BytesIO(pdf)).pages[0]
    fonts = page["/Resources"]["/Font"].items()
    faces = {k: str(v.get_object()["/BaseFont"]).split("+")[-1] for k, v in fonts}
    stream = page.get_contents().get_data().decode("latin-1")
    drawn = r"(/F\\d+\\+\\d+) [\\d.]+ Tf [^(]*\\(" + re.escape(text) + r"\\)"
    return [faces[f] for f in re.findall(drawn, stream)]

at = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
rows = (OverviewRow("Kind", (ConsentState.GRANTED, ConsentState.REFUSED)),)
overview = ConsentOverview("OBS", "2026-2027", 1, "28-11-2026", at,
                           (OverviewSection("1a", ("Website", "Pers"), rows),))
print(drawn_in(render_consent_overview(overview), "Groep 1a"))
info = DocumentInfo("Herstelsleutel", "OBS", generated_at=at, title_block=False)
warning = Paragraph("Zet de sleutel <b>niet</b> op de computer.", styles()["body"])
print(drawn_in(build_pdf(info, [warning]), "niet"))
"""


def test_bold_stays_bold_after_a_face_is_read_on_first_use() -> None:
    """Reading DejaVuSans on first use made it its own family again (ReportLab's registerFont does
    that): the first group heading of a process's first overview and every <b> came out regular."""
    result = subprocess.run(
        [sys.executable, "-c", BOLD_AFTER_FIRST_USE], capture_output=True, text=True, timeout=60, check=True
    )
    heading, emphasis = result.stdout.splitlines()
    assert heading == "['DejaVuSans-Bold']"
    assert emphasis == "['DejaVuSans-Bold']"
