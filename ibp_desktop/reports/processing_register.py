"""The record of processing activities (art. 30(1)): the PDF a school hands the AP or an auditor, and
the CSV for Excel.

The PDF opens with a short overview (one line per activity) and then gives every activity with all the
fields art. 30(1) asks for, on its own block, so that nothing is cut off in a narrow column.
"""

from __future__ import annotations

from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from ibp_desktop.core.accountability.records import ActivityRow, ProcessingRegister
from ibp_desktop.reports.excel_csv import excel_csv
from ibp_desktop.reports.template import DocumentInfo, build_pdf, styles, table

OVERVIEW_HEADERS = ["Verwerking", "Grondslag", "Verwerkers", "DPIA", "Gecontroleerd", "Status"]
CSV_HEADERS = [
    "School (BRIN)",
    "Verwerking",
    "Doel",
    "Grondslag",
    "Toelichting grondslag",
    "Betrokkenen",
    "Soorten gegevens",
    "Bijzondere gegevens",
    "Ontvangers",
    "Verwerkers",
    "Doorgifte buiten de EER",
    "Toelichting doorgifte",
    "Bewaartermijnen",
    "Toestemmingsdoelen",
    "Beveiligingsmaatregelen",
    "DPIA",
    "Eigenaar",
    "Laatst gecontroleerd",
    "Status",
]
INTRO = (
    "Dit register beschrijft welke persoonsgegevens de school verwerkt, waarvoor, op welke grond, met wie "
    "ze worden gedeeld en hoe lang ze worden bewaard (AVG artikel 30 lid 1). Een school verwerkt "
    "bijzondere persoonsgegevens (zorg- en gezondheidsgegevens); de uitzondering voor kleine organisaties "
    "(artikel 30 lid 5) geldt daarom niet."
)


def _day(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _suppliers(row: ActivityRow) -> str:
    return "; ".join(f"{s.label} ({s.detail.lower()})" if s.detail else s.label for s in row.suppliers)


def _retention(row: ActivityRow) -> str:
    return "; ".join(f"{r.label}: {r.detail}" if r.detail else r.label for r in row.retention)


def _transfer(row: ActivityRow) -> str:
    note = row.facts.transfer_note
    return f"{row.transfer_label}: {note}" if note else row.transfer_label


def _basis(row: ActivityRow) -> str:
    note = row.facts.basis_note
    return f"{row.basis_label}. {note}" if note else row.basis_label


def detail_rows(row: ActivityRow) -> list[list[str]]:
    f = row.facts
    return [
        ["Doel", f.purpose],
        ["Grondslag", _basis(row)],
        ["Betrokkenen", f.data_subjects or "-"],
        ["Soorten gegevens", f.data_categories or "-"],
        ["Bijzondere gegevens", f.special_categories or "Geen"],
        ["Ontvangers", f.recipients or "-"],
        ["Verwerkers", _suppliers(row) or "Geen"],
        ["Doorgifte buiten de EER", _transfer(row)],
        ["Bewaartermijn", _retention(row) or "Niet gekoppeld"],
        ["Toestemmingsdoelen", "; ".join(c.label for c in row.consent) or "-"],
        ["Beveiligingsmaatregelen", f.security_measures or "-"],
        ["DPIA", "; ".join([row.dpia_label, *(f"{d.label}: {d.detail}" for d in row.dpias)])],
        ["Eigenaar", row.owner_label],
        ["Laatst gecontroleerd", _day(f.last_reviewed_on) or "Nog niet"],
        ["Status", row.status.text],
    ]


def _overview(row: ActivityRow) -> list[str]:
    return [
        row.name,
        row.basis_label,
        ", ".join(s.label for s in row.suppliers) or "-",
        row.dpia_label,
        _day(row.facts.last_reviewed_on) or "Nog niet",
        row.status.text,
    ]


def _totals(data: ProcessingRegister) -> list[list[str]]:
    c = data.counts
    return [
        ["Totaal", "Aantal"],
        ["Verwerkingen", str(c.activities)],
        ["met bijzondere persoonsgegevens", str(c.with_special_categories)],
        ["met doorgifte buiten de EER", str(c.outside_eea)],
        ["waarvoor een DPIA nodig is", str(c.dpia_needed)],
        ["waarvan de DPIA nog ontbreekt", str(c.dpia_missing)],
        ["met een verwerker zonder verwerkersovereenkomst", str(c.without_agreement)],
        ["jaarlijkse controle te laat of nog nooit gedaan", str(c.review_due)],
    ]


def render_processing_register_pdf(data: ProcessingRegister, generated_at: datetime) -> bytes:
    sheet = styles()
    story: list[Flowable] = [Paragraph(INTRO, sheet["body"]), Spacer(1, 2 * mm)]
    several = len({r.school_id for r in data.rows}) > 1
    if not data.rows:
        story.append(Paragraph("Er zijn nog geen verwerkingen vastgelegd.", sheet["body"]))
    else:
        widths = [56, 46, 50, 30, 28, 50]
        rows = [OVERVIEW_HEADERS] + [_overview(r) for r in data.rows]
        if several:
            rows = [["School", *OVERVIEW_HEADERS]] + [[r.brin, *_overview(r)] for r in data.rows]
            widths = [14, 50, 42, 46, 30, 28, 50]
        story.append(table(rows, [w * mm for w in widths]))
        story += [
            Spacer(1, 4 * mm),
            Paragraph("Totalen", sheet["h2"]),
            table(_totals(data), [110 * mm, 25 * mm]),
        ]
        for row in data.rows:
            title = f"{row.name} ({row.brin})" if several else row.name
            story += [CondPageBreak(40 * mm), Paragraph(title, sheet["h2"])]
            story.append(table(detail_rows(row), [55 * mm, 205 * mm], header=False))
    info = DocumentInfo(
        "Verwerkingsregister",
        data.scope,
        generated_at=generated_at,
        subtitle=f"Register van verwerkingsactiviteiten, stand van zaken op {_day(data.today)}",
        landscape=True,
    )
    return build_pdf(info, story)


def csv_cells(row: ActivityRow) -> list[str]:
    f = row.facts
    return [
        row.brin,
        f.name,
        f.purpose,
        row.basis_label,
        f.basis_note,
        f.data_subjects,
        f.data_categories,
        f.special_categories,
        f.recipients,
        _suppliers(row),
        row.transfer_label,
        f.transfer_note,
        _retention(row),
        "; ".join(c.label for c in row.consent),
        f.security_measures,
        row.dpia_label,
        row.owner_label,
        _day(f.last_reviewed_on),
        row.status.text,
    ]


def render_processing_register_csv(data: ProcessingRegister) -> bytes:
    return excel_csv(CSV_HEADERS, (csv_cells(row) for row in data.rows))
