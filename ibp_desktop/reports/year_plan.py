"""The yearly IBP calendar as a one-page year plan (landscape): per month the tasks, who does them, until
when, and whether they are done."""

from __future__ import annotations

from datetime import datetime
from itertools import groupby

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from ibp_desktop.core.policy.records import OccurrenceRow, YearPlan
from ibp_desktop.core.policy.rules import MONTH_NAMES
from ibp_desktop.reports.template import DocumentInfo, build_pdf, styles, table

HEADERS = ["Maand", "Taak", "Wie", "Periode", "Klaar vóór", "Stand"]
WIDTHS = [26 * mm, 92 * mm, 46 * mm, 38 * mm, 24 * mm, 35 * mm]
FOOTNOTE = (
    "Het jaarplan volgt de PDCA-cyclus van het IBP-beleid: plannen, uitvoeren, controleren en bijstellen. "
    "Elke taak wordt in IBP Desktop afgevinkt met een korte notitie."
)


def _status(row: OccurrenceRow) -> str:
    if row.done_on is not None:
        return f"Gedaan {row.done_on:%d-%m-%Y}"
    return row.status_text


def _rows(plan: YearPlan) -> list[list[str]]:
    rows = [HEADERS]
    for month, members in groupby(plan.occurrences, key=lambda r: r.month):
        for i, row in enumerate(members):
            name = MONTH_NAMES[month - 1].capitalize() if i == 0 else ""
            rows.append(
                [name, row.title, row.owner_label, row.period, f"{row.due_on:%d-%m-%Y}", _status(row)]
            )
    return rows


def render_year_plan_pdf(plan: YearPlan, generated_at: datetime) -> bytes:
    sheet = styles()
    story: list[Flowable] = []
    if plan.occurrences:
        grid = table(_rows(plan), WIDTHS)
        story.append(grid)
    else:
        story.append(Paragraph("Er staan nog geen taken op de jaarkalender.", sheet["body"]))
    story += [Spacer(1, 3 * mm), Paragraph(FOOTNOTE, sheet["small"])]
    info = DocumentInfo(
        f"Jaarplan IBP {plan.year}",
        plan.scope,
        generated_at=generated_at,
        subtitle="Terugkerende taken voor informatiebeveiliging en privacy",
        classification="Intern",
        landscape=True,
    )
    return build_pdf(info, story)
