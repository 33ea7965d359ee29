"""The audit log's anchor printed at the end of a report (the FG report, the annual report)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph

from ibp_desktop.reports.template import styles


def audit_section(text: str, heading: str = "Logboek") -> list[Flowable]:
    """Nothing when ``text`` is empty (data made without the anchor, e.g. in tests)."""
    if not text:
        return []
    return [Paragraph(escape(heading), styles()["h2"]), Paragraph(escape(text), styles()["body"])]
