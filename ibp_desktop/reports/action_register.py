"""The plan van aanpak (action register) as PDF and CSV: what the school improves, who, by when."""

from __future__ import annotations

from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from ibp_desktop.core.actions import ActionStatus
from ibp_desktop.core.register_records import ActionRow
from ibp_desktop.reports.excel_csv import excel_csv
from ibp_desktop.reports.template import DocumentInfo, build_pdf, format_date, styles, table

PDF_HEADERS = ["Actie", "Eigenaar", "School", "Uiterlijk", "Status", "Bron", "Afgerond"]
CSV_HEADERS = [
    "Actie",
    "Toelichting",
    "Eigenaar",
    "School",
    "Uiterlijk op",
    "Termijn",
    "Status",
    "Bron",
    "Kenmerk bron",
    "Aangemaakt op",
    "Afgerond op",
]


def _day(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _closed(row: ActionRow) -> str:
    return format_date(row.closed_at) if row.closed_at else ""


def render_action_register_pdf(
    rows: list[ActionRow], scope: str, today: date, generated_at: datetime
) -> bytes:
    sheet = styles()
    open_rows = [r for r in rows if r.status is not ActionStatus.DONE]
    story: list[Flowable] = [
        Paragraph(
            f"Stand van zaken op {_day(today)}: {len(open_rows)} open, "
            f"{len(rows) - len(open_rows)} afgerond.",
            sheet["small"],
        ),
        Spacer(1, 2 * mm),
    ]
    if rows:
        cells = [PDF_HEADERS] + [
            [r.title, r.owner_label, r.school_name, r.due_text, r.status_label, r.source_label, _closed(r)]
            for r in rows
        ]
        story.append(table(cells, [w * mm for w in (72, 36, 34, 36, 16, 42, 24)]))
    else:
        story.append(Paragraph("Er staan nog geen acties in het plan van aanpak.", sheet["body"]))
    info = DocumentInfo(
        "Plan van aanpak IBP",
        scope,
        generated_at=generated_at,
        subtitle="Acties uit incidenten, audits en de jaarevaluatie",
        landscape=True,
    )
    return build_pdf(info, story)


def render_action_register_csv(rows: list[ActionRow]) -> bytes:
    return excel_csv(CSV_HEADERS, (_csv_cells(r) for r in rows))


def _csv_cells(r: ActionRow) -> list[str]:
    return [
        r.title,
        r.facts.description,
        r.owner_label,
        r.school_name,
        _day(r.facts.due_on),
        r.due_text,
        r.status_label,
        r.source_label,
        r.facts.source_reference,
        format_date(r.created_at),
        _closed(r),
    ]
