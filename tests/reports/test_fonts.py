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
