"""The register of processor agreements (DOMAIN.md section 5): PDF and CSV.

One row per supplier with its products (and the schools that use them) and the agreement's terms; the
totals show the coverage the annual report asks for.
"""

from __future__ import annotations

from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from ibp_desktop.core.processors import EU_LABELS, WARN_DAYS
from ibp_desktop.core.register_records import ProcessorRegister, SupplierRow
from ibp_desktop.reports.excel_csv import excel_csv
from ibp_desktop.reports.template import DocumentInfo, build_pdf, styles, table

PDF_HEADERS = [
    "Leverancier",
    "Producten (scholen)",
    "Model",
    "Looptijd",
    "Subverwerkers",
    "Opslag in EU",
    "Soorten gegevens",
    "Herzien op",
    "Status",
]
CSV_HEADERS = [
    "Leverancier",
    "Producten",
    "Scholen (BRIN)",
    "Deelnemer privacyconvenant",
    "Model",
    "Getekend op",
    "Einddatum",
    "Versie privacybijsluiter",
    "Subverwerkers",
    "Opslag in de EU",
    "Soorten gegevens",
    "Herbeoordelen op",
    "Status",
]


def _day(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _products(row: SupplierRow) -> str:
    return "; ".join(f"{p.name} ({', '.join(p.schools)})" if p.schools else p.name for p in row.products)


def _term(signed_on: date | None, ends_on: date | None) -> str:
    if signed_on is None:
        return "Nog niet getekend"
    return f"Getekend {_day(signed_on)}, " + (f"tot {_day(ends_on)}" if ends_on else "geen einddatum")


def pdf_cells(row: SupplierRow) -> list[str]:
    name = f"{row.name}, deelnemer convenant" if row.covenant_participant else row.name
    terms = row.agreement.terms if row.agreement else None
    if terms is None:
        return [name, _products(row) or "-", row.model_label, "", "", "", "", "", row.status_text]
    model = (
        f"{row.model_label}; bijsluiter {terms.bijsluiter_version}"
        if terms.bijsluiter_version
        else row.model_label
    )
    return [
        name,
        _products(row) or "-",
        model,
        _term(terms.signed_on, terms.ends_on),
        terms.sub_processors,
        EU_LABELS[terms.data_in_eu],
        terms.data_categories,
        _day(terms.review_on),
        row.status_text,
    ]


def csv_cells(row: SupplierRow) -> list[str]:
    terms = row.agreement.terms if row.agreement else None
    schools = sorted({brin for p in row.products for brin in p.schools})
    base = [
        row.name,
        ", ".join(p.name for p in row.products),
        ", ".join(schools),
        "Ja" if row.covenant_participant else "Nee",
        row.model_label,
    ]
    if terms is None:
        return [*base, "", "", "", "", "", "", "", row.status_text]
    return [
        *base,
        _day(terms.signed_on),
        _day(terms.ends_on),
        terms.bijsluiter_version,
        terms.sub_processors,
        EU_LABELS[terms.data_in_eu],
        terms.data_categories,
        _day(terms.review_on),
        row.status_text,
    ]


def _totals(data: ProcessorRegister) -> list[list[str]]:
    c = data.counts
    return [
        ["Totaal", "Aantal"],
        ["Leveranciers", str(c.suppliers)],
        ["Met verwerkersovereenkomst", str(c.with_agreement)],
        ["waarvan model 4.0", str(c.model_4)],
        ["waarvan model 3.0 (oud)", str(c.model_3)],
        ["waarvan eigen model leverancier", str(c.own_model)],
        ["Zonder verwerkersovereenkomst", str(c.without_agreement)],
        ["Gegevens (ook) buiten de EU", str(c.outside_eu)],
        [f"Vraagt aandacht (binnen {WARN_DAYS} dagen of te laat)", str(c.needs_attention)],
    ]


def render_processor_register_pdf(data: ProcessorRegister, generated_at: datetime) -> bytes:
    sheet = styles()
    story: list[Flowable] = []
    if data.rows:
        rows = [PDF_HEADERS] + [pdf_cells(r) for r in data.rows]
        widths = [30, 34, 28, 30, 30, 21, 37, 21, 30]
        story.append(table(rows, [w * mm for w in widths]))
    else:
        story.append(Paragraph("Er zijn nog geen leveranciers vastgelegd.", sheet["body"]))
    story += [Spacer(1, 4 * mm), Paragraph("Totalen", sheet["h2"]), table(_totals(data), [90 * mm, 25 * mm])]
    info = DocumentInfo(
        "Register van verwerkersovereenkomsten",
        data.scope,
        generated_at=generated_at,
        subtitle=f"Stand van zaken op {_day(data.today)}",
        landscape=True,
    )
    return build_pdf(info, story)



def render_processor_register_csv(data: ProcessorRegister) -> bytes:
    return excel_csv(CSV_HEADERS, (csv_cells(row) for row in data.rows))
