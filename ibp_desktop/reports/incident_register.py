"""The incident register for the FG over a period: one row per incident, with totals. PDF and CSV.

The CSV is for the FG's own records in Excel: semicolons and UTF-8 with a BOM, which a Dutch Excel
opens correctly by double-clicking.
"""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from ibp_desktop.core.incidents.records import RegisterData, RegisterRow
from ibp_desktop.core.incidents.rules import LABELS, Decision, format_day
from ibp_desktop.reports.excel_csv import excel_csv
from ibp_desktop.reports.template import DocumentInfo, build_pdf, styles, table

HEADERS = [
    "Nummer",
    "School",
    "Titel",
    "Soort",
    "Ontdekt",
    "Meldplichtig",
    "Gemeld bij de AP",
    "Betrokkenen geïnformeerd",
    "Status",
]


def reportable_text(decision: Decision | None) -> str:
    return {
        None: "Nog niet beoordeeld",
        Decision.NOT_REPORTABLE: "Nee",
        Decision.NOTIFY_AP: "Ja",
        Decision.NOTIFY_AP_AND_SUBJECTS: "Ja, ook betrokkenen",
    }[decision]


def notified_text(row: RegisterRow) -> str:
    if row.notified_at is None:
        reportable = row.decision in (Decision.NOTIFY_AP, Decision.NOTIFY_AP_AND_SUBJECTS)
        return "Niet gemeld" if reportable else "Niet nodig"
    when = format_day(row.notified_at)
    return f"Binnen 72 uur ({when})" if row.notified_in_time else f"Te laat ({when})"


def informed_text(row: RegisterRow) -> str:
    if row.subjects_informed_at is not None:
        return f"Ja ({format_day(row.subjects_informed_at)})"
    return "Nog niet" if row.decision is Decision.NOTIFY_AP_AND_SUBJECTS else "Nee"


def row_cells(row: RegisterRow) -> list[str]:
    return [
        row.number,
        row.brin,
        row.title,
        row.type_label,
        format_day(row.discovered_at),
        reportable_text(row.decision),
        notified_text(row),
        informed_text(row),
        LABELS[row.status],
    ]


def _totals(data: RegisterData) -> list[list[str]]:
    t = data.totals
    return [
        ["Totaal", "Aantal"],
        ["Incidenten", str(t.incidents)],
        ["Meldplichtige datalekken", str(t.reportable)],
        ["Niet meldplichtig", str(t.not_reportable)],
        ["Nog niet beoordeeld", str(t.not_assessed)],
        ["Binnen 72 uur gemeld bij de AP", str(t.notified_in_time)],
        ["Te laat gemeld bij de AP", str(t.notified_late)],
        ["Meldplichtig maar (nog) niet gemeld", str(t.not_notified)],
        ["Betrokkenen geïnformeerd", str(t.subjects_informed)],
        ["Nog open (niet afgehandeld)", str(t.open)],
    ]


def _period(data: RegisterData) -> str:
    return f"{format_day(data.period_from)} tot en met {format_day(data.period_to)}"


def render_register_pdf(data: RegisterData, generated_at: datetime) -> bytes:
    sheet = styles()
    story: list[Flowable] = []
    if data.rows:
        rows = [HEADERS] + [row_cells(r) for r in data.rows]
        widths = [20 * mm, 16 * mm, 50 * mm, 42 * mm, 22 * mm, 28 * mm, 34 * mm, 27 * mm, 22 * mm]
        if len({r.brin for r in data.rows}) == 1:
            # One school: its name is in the header already, the column would only repeat it.
            rows = [row[:1] + row[2:] for row in rows]
            widths = [widths[0], widths[1] + widths[2], *widths[3:]]
        story.append(table(rows, widths))
    else:
        story.append(Paragraph(escape("Geen incidenten ontdekt in deze periode."), sheet["body"]))
    story += [Spacer(1, 4 * mm), Paragraph("Totalen", sheet["h2"]), table(_totals(data), [80 * mm, 25 * mm])]
    info = DocumentInfo(
        "Incidentenregister",
        data.title_scope,
        generated_at=generated_at,
        subtitle=f"Incidenten en datalekken ontdekt van {_period(data)}",
        landscape=True,
    )
    return build_pdf(info, story)



def render_register_csv(data: RegisterData) -> bytes:
    return excel_csv(HEADERS, (row_cells(row) for row in data.rows))
