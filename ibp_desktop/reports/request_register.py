"""The register of data-subject requests (DOMAIN.md section 4) over a period: PDF and CSV.

The CSV is for the FG's own records in Excel: semicolons and UTF-8 with a BOM, which a Dutch Excel
opens correctly by double-clicking.
"""

from __future__ import annotations

from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from ibp_desktop.core.register_records import RequestRegister, RequestRow
from ibp_desktop.core.requests import RIGHT_LABELS
from ibp_desktop.reports.excel_csv import excel_csv
from ibp_desktop.reports.template import DocumentInfo, build_pdf, styles, table

PDF_HEADERS = [
    "Nummer",
    "BRIN",
    "Ontvangen",
    "Verzoeker",
    "Recht",
    "Betreft leerling",
    "Uiterste datum",
    "FG",
    "Uitkomst",
    "Status",
    "Behandeld door",
]
CSV_HEADERS = [
    "Nummer",
    "School (BRIN)",
    "Ontvangen op",
    "Verzoeker",
    "Relatie",
    "Recht",
    "Betreft leerling",
    "Uiterste datum",
    "Verlengd",
    "FG geraadpleegd",
    "Uitkomst",
    "Beantwoord op",
    "Status",
    "Behandeld door",
]


def _day(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _yes(value: bool) -> str:
    return "Ja" if value else "Nee"


def _deadline(row: RequestRow) -> str:
    return f"{row.deadline_text} (verlengd)" if row.extended else row.deadline_text


def _outcome(row: RequestRow) -> str:
    if row.answered_on is None:
        return "Nog niet beantwoord"
    return f"{row.outcome_label} op {_day(row.answered_on)}"


def pdf_cells(row: RequestRow) -> list[str]:
    return [
        row.number,
        row.brin,
        _day(row.received_on),
        f"{row.requester_name} ({row.relation_label.lower()})",
        row.right_label,
        row.pupil_name or "-",
        _deadline(row),
        _yes(row.fg_consulted),
        _outcome(row),
        row.status_text,
        row.handled_by or "-",
    ]


def csv_cells(row: RequestRow) -> list[str]:
    return [
        row.number,
        row.brin,
        _day(row.received_on),
        row.requester_name,
        row.relation_label,
        row.right_label,
        row.pupil_name,
        _day(row.deadline),
        _yes(row.extended),
        _yes(row.fg_consulted),
        row.outcome_label,
        _day(row.answered_on),
        row.status_text,
        row.handled_by,
    ]


def _totals(data: RequestRegister) -> list[list[str]]:
    c = data.counts
    rows = [["Totaal", "Aantal"], ["Verzoeken", str(c.total)]]
    rows += [[f"waarvan {RIGHT_LABELS[right].lower()}", str(n)] for right, n in c.by_right.items() if n]
    rows += [
        ["Op tijd beantwoord", str(c.answered_on_time)],
        ["Te laat beantwoord", str(c.answered_late)],
        ["Open, nog binnen de termijn", str(c.open_on_time)],
        ["Open en te laat", str(c.open_overdue)],
        ["Verlengd met twee maanden", str(c.extended)],
        ["Afgewezen", str(c.refused)],
    ]
    return rows


def period_text(data: RequestRegister) -> str:
    if data.period_from and data.period_to:
        return f"Verzoeken ontvangen van {_day(data.period_from)} tot en met {_day(data.period_to)}"
    if data.period_from:
        return f"Verzoeken ontvangen vanaf {_day(data.period_from)}"
    if data.period_to:
        return f"Verzoeken ontvangen tot en met {_day(data.period_to)}"
    return "Alle verzoeken"


def render_request_register_pdf(data: RequestRegister, generated_at: datetime) -> bytes:
    sheet = styles()
    story: list[Flowable] = [
        Paragraph(
            escape(
                "Een verzoek moet binnen een maand beantwoord zijn. Verlengen met twee maanden mag, als de "
                f"verzoeker dat binnen de eerste maand hoort. Stand van zaken op {_day(data.today)}."
            ),
            sheet["small"],
        ),
        Spacer(1, 2 * mm),
    ]
    if data.rows:
        rows = [PDF_HEADERS] + [pdf_cells(r) for r in data.rows]
        widths = [20, 13, 22, 36, 24, 28, 22, 9, 30, 27, 29]
        if len({r.brin for r in data.rows}) == 1:
            # One school: its name is in the header already, the column would only repeat it.
            rows = [row[:1] + row[2:] for row in rows]
            widths = [20, 22, 40, 28, 32, 22, 9, 30, 27, 30]
        story.append(table(rows, [w * mm for w in widths]))
    else:
        story.append(Paragraph("Geen verzoeken ontvangen in deze periode.", sheet["body"]))
    story += [Spacer(1, 4 * mm), Paragraph("Totalen", sheet["h2"]), table(_totals(data), [80 * mm, 25 * mm])]
    info = DocumentInfo(
        "Register van verzoeken van betrokkenen",
        data.scope,
        generated_at=generated_at,
        subtitle=period_text(data),
        landscape=True,
    )
    return build_pdf(info, story)



def render_request_register_csv(data: RequestRegister) -> bytes:
    return excel_csv(CSV_HEADERS, (csv_cells(row) for row in data.rows))
