"""The register of complaints about the handling of personal data: PDF and CSV.

The complainant appears by role; a name only where the school wrote one down (the register is for the
FG and the school's own accountability).
"""

from __future__ import annotations

from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from ibp_desktop.core.accountability.complaints import DEFAULT_TERM_WEEKS
from ibp_desktop.core.accountability.records import ComplaintRegister, ComplaintRow
from ibp_desktop.reports.excel_csv import excel_csv
from ibp_desktop.reports.template import DocumentInfo, build_pdf, styles, table

PDF_HEADERS = [
    "Nummer",
    "Ontvangen",
    "Van",
    "Onderwerp",
    "Gekoppeld aan",
    "Behandelaar",
    "Uiterlijk",
    "Afhandeling",
    "Status",
]
CSV_HEADERS = [
    "School (BRIN)",
    "Nummer",
    "Ontvangen op",
    "Rol klager",
    "Naam klager",
    "Onderwerp",
    "Verzoek",
    "Incident",
    "Behandelaar",
    "Termijn (weken)",
    "Uiterlijk",
    "Uitkomst",
    "Toelichting",
    "Beantwoord op",
    "Gewezen op de AP",
    "Status",
]


def _day(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _links(row: ComplaintRow) -> str:
    parts = []
    if row.request_number:
        parts.append(f"verzoek {row.request_number}")
    if row.incident_number:
        parts.append(f"incident {row.incident_number}")
    return ", ".join(parts)


def _who(row: ComplaintRow) -> str:
    name = row.facts.complainant_name
    return f"{row.role_label} ({name})" if name else row.role_label


def _handling(row: ComplaintRow) -> str:
    """ "Gegrond, beantwoord 18-08-2026, gewezen op de AP" (empty while open)."""
    if row.answered_on is None:
        return ""
    ap = "gewezen op de AP" if row.ap_told else "niet gewezen op de AP"
    return f"{row.outcome_label}, beantwoord {_day(row.answered_on)}, {ap}"


def pdf_cells(row: ComplaintRow) -> list[str]:
    return [
        row.number,
        _day(row.facts.received_on),
        _who(row),
        row.facts.subject,
        _links(row) or "-",
        row.facts.handler_name or "-",
        _day(row.deadline),
        _handling(row),
        row.status.text,
    ]


def csv_cells(row: ComplaintRow) -> list[str]:
    f = row.facts
    return [
        row.brin,
        row.number,
        _day(f.received_on),
        row.role_label,
        f.complainant_name,
        f.subject,
        row.request_number,
        row.incident_number,
        f.handler_name,
        str(f.term_weeks),
        _day(row.deadline),
        row.outcome_label,
        row.outcome_note,
        _day(row.answered_on),
        ("Ja" if row.ap_told else "Nee") if row.answered_on else "",
        row.status.text,
    ]


def _totals(data: ComplaintRegister) -> list[list[str]]:
    c = data.counts
    rows = [
        ["Totaal", "Aantal"],
        ["Klachten", str(c.total)],
        ["Open", str(c.open)],
        ["waarvan te laat", str(c.overdue)],
        ["Beantwoord", str(c.answered)],
        ["waarvan binnen de termijn", str(c.answered_on_time)],
        ["Gegrond of deels gegrond", str(c.founded)],
    ]
    rows += [[f"Van: {role.lower()}", str(n)] for role, n in c.by_role.items()]
    return rows


def render_complaint_register_pdf(data: ComplaintRegister, generated_at: datetime) -> bytes:
    sheet = styles()
    story: list[Flowable] = [
        Paragraph(
            "Klachten over de omgang met persoonsgegevens. De functionaris gegevensbescherming is het "
            "aanspreekpunt. De termijn volgt de klachtenregeling van de school "
            f"(standaard {DEFAULT_TERM_WEEKS} weken). In elk antwoord staat dat de klager zich kan wenden "
            "tot de Autoriteit Persoonsgegevens.",
            sheet["body"],
        )
    ]
    if data.rows:
        widths = [22, 22, 30, 56, 24, 28, 21, 30, 26]  # 259 mm: the landscape frame is 261 mm
        story.append(table([PDF_HEADERS] + [pdf_cells(r) for r in data.rows], [w * mm for w in widths]))
    else:
        story.append(Paragraph("Er zijn geen klachten vastgelegd.", sheet["body"]))
    story += [Spacer(1, 4 * mm), Paragraph("Totalen", sheet["h2"]), table(_totals(data), [90 * mm, 25 * mm])]
    info = DocumentInfo(
        "Register van klachten over persoonsgegevens",
        data.scope,
        generated_at=generated_at,
        subtitle=f"Stand van zaken op {_day(data.today)}",
        landscape=True,
    )
    return build_pdf(info, story)


def render_complaint_register_csv(data: ComplaintRegister) -> bytes:
    return excel_csv(CSV_HEADERS, (csv_cells(row) for row in data.rows))
