"""The group overview's headings are made from one parsed heading: the same as parsing each one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from reportlab.platypus import Paragraph

from ibp_desktop.core.consent.rules import ConsentState
from ibp_desktop.reports.consent_overview import (
    ConsentOverview,
    OverviewRow,
    OverviewSection,
    _heading_markup,
    _Headings,
    render_consent_overview,
)
from ibp_desktop.reports.template import styles
from tests.reports.pdf_helpers import page_texts

FACTS = "Schooljaar 2026-2027 · formulier versie 2 · 25 leerlingen · stand van 28-11-2026"


def _look(paragraph: Paragraph) -> list[tuple[str, str, float, str]]:
    return [(f.text, f.fontName, f.fontSize, f.textColor.hexval()) for f in paragraph.frags]


@pytest.mark.parametrize("group", ["5", "1/2a", "Şükrü's groep", "A&B", "<8>", "6  b"])
def test_a_heading_looks_as_a_parsed_one(group: str) -> None:
    style = styles()["h2"]
    made = _Headings(style).make(group, FACTS)
    parsed = Paragraph(_heading_markup(group, FACTS), style)
    assert _look(made) == _look(parsed)
    assert made.getPlainText() == parsed.getPlainText()
    assert made.wrap(700, 500) == parsed.wrap(700, 500) == made.wrap(700, 500)


def test_markup_characters_in_a_group_name_are_printed() -> None:
    rows = (OverviewRow("Łucja Wiśniewska", (ConsentState.GRANTED,)),)
    overview = ConsentOverview("OBS", "2026-2027", 1, "28-11-2026", datetime(2026, 11, 28, tzinfo=UTC),
                               (OverviewSection("A&B <8>", ("Website",), rows),))  # fmt: skip
    assert "Groep A&B <8>" in page_texts(render_consent_overview(overview))[0]
