"""One DPIA as a PDF (pre-scan, description, necessity, risk matrix, measures, the FG's advice, the
decision), and the register of all DPIAs as PDF and CSV."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from ibp_desktop.core.accountability.dpia import (
    AP_LIST,
    EDPB_CRITERIA,
    IMPACT_LABELS,
    LIKELIHOOD_LABELS,
    matrix,
)
from ibp_desktop.core.accountability.records import DpiaRegister, DpiaRow
from ibp_desktop.reports.excel_csv import excel_csv
from ibp_desktop.reports.fonts import SANS, SANS_BOLD
from ibp_desktop.reports.template import GRID, DocumentInfo, build_pdf, styles, table

REGISTER_HEADERS = [
    "Nummer",
    "Onderwerp",
    "Voortoets",
    "DPIA nodig",
    "Advies FG",
    "Besluit",
    "Herbeoordelen",
    "Status",
]
CSV_HEADERS = [
    "School (BRIN)",
    "Nummer",
    "Onderwerp",
    "Verwerking",
    "Voortoets op",
    "Lijst AP",
    "EDPB-criteria",
    "DPIA nodig",
    "Onderbouwing voortoets",
    "Risico's",
    "Hoge risico's",
    "Advies gevraagd op",
    "Advies FG op",
    "Besluit",
    "Besloten op",
    "Herbeoordelen op",
    "Status",
]
LOW, MIDDLE, HIGH = colors.HexColor("#DFF0D8"), colors.HexColor("#FCF3CF"), colors.HexColor("#F5C6CB")
CELL_FILLS = {1: LOW, 2: LOW, 3: MIDDLE, 4: MIDDLE, 6: HIGH, 9: HIGH}


def _day(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _prescan_rows(row: DpiaRow) -> list[list[str]]:
    ap = "; ".join(AP_LIST[k] for k in AP_LIST if k in row.ap_items) or "Geen"
    criteria = "; ".join(EDPB_CRITERIA[k] for k in EDPB_CRITERIA if k in row.criteria) or "Geen"
    return [
        ["Verwerking", row.activity_name or "Nieuwe toepassing (nog niet in het verwerkingsregister)"],
        ["Voortoets", f"{_day(row.prescan_on)} door {row.prescan_by_name}"],
        ["Lijst van de AP", ap],
        [f"EDPB-criteria ({len(row.criteria)} van 9)", criteria],
        ["Uitkomst", "DPIA nodig" if row.needed else "Geen DPIA nodig"],
        ["Onderbouwing", row.prescan_reasoning],
    ]


def _matrix(row: DpiaRow) -> Table:
    """Impact (rows, severe on top) against likelihood (columns): how many risks in each cell."""
    grid = matrix([(r.facts.likelihood, r.facts.impact) for r in row.risks])
    cells: list[list[Any]] = [["Impact \\ kans", *(LIKELIHOOD_LABELS[i] for i in (1, 2, 3))]]
    for index, impact in enumerate((3, 2, 1)):
        cells.append([IMPACT_LABELS[impact], *(str(n) if n else "" for n in grid[index])])
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), SANS, 9, 12),
        ("FONT", (0, 0), (-1, 0), SANS_BOLD, 9, 12),
        ("FONT", (0, 0), (0, -1), SANS_BOLD, 9, 12),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
    ]
    for index, impact in enumerate((3, 2, 1)):
        for likelihood in (1, 2, 3):
            commands.append(
                (
                    "BACKGROUND",
                    (likelihood, index + 1),
                    (likelihood, index + 1),
                    CELL_FILLS[likelihood * impact],
                )
            )
    return Table(cells, colWidths=[32 * mm, 24 * mm, 24 * mm, 24 * mm], style=commands, hAlign="LEFT")


def _risk_rows(row: DpiaRow) -> list[list[str]]:
    rows = [["Risico", "Kans", "Impact", "Niveau", "Maatregel", "Actie plan van aanpak"]]
    for risk in row.risks:
        f = risk.facts
        rows.append(
            [
                f.description,
                LIKELIHOOD_LABELS[f.likelihood],
                IMPACT_LABELS[f.impact],
                risk.level_text,
                f.measure or "-",
                risk.action_status or "-",
            ]
        )
    return rows


def _advice_rows(row: DpiaRow) -> list[list[str]]:
    return [
        ["Advies gevraagd op", _day(row.advice_asked_on) or "Nog niet"],
        ["Advies van de FG", row.advice or "Nog niet gegeven"],
        ["Gegeven door, op", f"{row.advice_by_name}, {_day(row.advice_on)}" if row.advice_on else "-"],
    ]


def _decision_rows(row: DpiaRow) -> list[list[str]]:
    return [
        ["Besluit", row.decision_label or "Nog niet besloten"],
        ["Onderbouwing", row.decision_reasons or "-"],
        ["Besloten door, op", f"{row.decided_by_name}, {_day(row.decided_on)}" if row.decided_on else "-"],
        ["Opnieuw bekijken op", _day(row.review_on) or "-"],
        ["Status", row.status.text],
    ]


def render_dpia_pdf(row: DpiaRow, scope: str, generated_at: datetime) -> bytes:
    sheet = styles()
    wide = [50 * mm, 124 * mm]
    story: list[Flowable] = [
        Paragraph("1. Voortoets", sheet["h2"]),
        table(_prescan_rows(row), wide, header=False),
    ]
    if row.needed:
        story += [
            Paragraph("2. Beschrijving van de verwerking", sheet["h2"]),
            Paragraph(_text(row.description), sheet["body"]),
            Paragraph("3. Noodzaak en evenredigheid", sheet["h2"]),
            Paragraph(_text(row.necessity), sheet["body"]),
            Paragraph("4. Risico's (kans × impact)", sheet["h2"]),
        ]
        if row.risks:
            widths = [52, 15, 20, 15, 45, 27]
            story += [_matrix(row), Spacer(1, 3 * mm), table(_risk_rows(row), [w * mm for w in widths])]
        else:
            story.append(Paragraph("Nog geen risico's vastgelegd.", sheet["body"]))
        story += [
            Paragraph("5. Advies van de functionaris gegevensbescherming (art. 35 lid 2)", sheet["h2"]),
            table(_advice_rows(row), wide, header=False),
            Paragraph("6. Besluit", sheet["h2"]),
            table(_decision_rows(row), wide, header=False),
        ]
    if row.evidence:
        files = [["Bestand", "Toegevoegd"]] + [[e.file_name, _day(e.added_at.date())] for e in row.evidence]
        story += [Paragraph("Bijlagen (bewaard in IBP Desktop)", sheet["h2"])]
        story.append(table(files, [124 * mm, 50 * mm]))
    info = DocumentInfo(
        "Gegevensbeschermingseffectbeoordeling (DPIA)",
        scope,
        generated_at=generated_at,
        subtitle=f"{row.number}: {row.subject}",
    )
    return build_pdf(info, story)


def _text(value: str) -> str:
    from xml.sax.saxutils import escape

    return escape(value).replace("\n", "<br/>") if value.strip() else "Nog niet ingevuld."


def _register_cells(row: DpiaRow) -> list[str]:
    return [
        row.number,
        row.subject,
        _day(row.prescan_on),
        "Ja" if row.needed else "Nee",
        _day(row.advice_on) or ("Gevraagd" if row.advice_asked_on else ""),
        row.decision_label,
        _day(row.review_on),
        row.status.text,
    ]


def _totals(data: DpiaRegister) -> list[list[str]]:
    c = data.counts
    return [
        ["Totaal", "Aantal"],
        ["Voortoetsen", str(c.total)],
        ["DPIA nodig", str(c.needed)],
        ["waarvan besloten", str(c.decided)],
        ["waarvan nog bezig", str(c.open)],
        ["wacht op advies van de FG", str(c.waiting_for_fg)],
        ["herbeoordelen (binnenkort of te laat)", str(c.review_due)],
        ["Hoge risico's", str(c.high_risks)],
    ]


def render_dpia_register_pdf(data: DpiaRegister, generated_at: datetime) -> bytes:
    sheet = styles()
    story: list[Flowable] = []
    if data.rows:
        widths = [26, 58, 22, 16, 22, 36, 28, 52]
        story.append(
            table([REGISTER_HEADERS] + [_register_cells(r) for r in data.rows], [w * mm for w in widths])
        )
    else:
        story.append(Paragraph("Er zijn nog geen voortoetsen of DPIA's vastgelegd.", sheet["body"]))
    story += [Spacer(1, 4 * mm), Paragraph("Totalen", sheet["h2"]), table(_totals(data), [90 * mm, 25 * mm])]
    info = DocumentInfo(
        "Register van DPIA's",
        data.scope,
        generated_at=generated_at,
        subtitle=f"Stand van zaken op {_day(data.today)}",
        landscape=True,
    )
    return build_pdf(info, story)


def csv_cells(row: DpiaRow) -> list[str]:
    return [
        row.brin,
        row.number,
        row.subject,
        row.activity_name,
        _day(row.prescan_on),
        "; ".join(AP_LIST[k] for k in AP_LIST if k in row.ap_items),
        "; ".join(EDPB_CRITERIA[k] for k in EDPB_CRITERIA if k in row.criteria),
        "Ja" if row.needed else "Nee",
        row.prescan_reasoning,
        str(len(row.risks)),
        str(sum(1 for r in row.risks if r.level_text == "Hoog")),
        _day(row.advice_asked_on),
        _day(row.advice_on),
        row.decision_label,
        _day(row.decided_on),
        _day(row.review_on),
        row.status.text,
    ]


def render_dpia_register_csv(data: DpiaRegister) -> bytes:
    return excel_csv(CSV_HEADERS, (csv_cells(row) for row in data.rows))
