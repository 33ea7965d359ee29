"""The due list as a PDF for planning a clean-up: per category and system, what falls due by a date.

Pupils appear by pupil number only: the list is handed around for planning and needs no names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from ibp_desktop.core.retention.records import DueItem
from ibp_desktop.reports.template import DocumentInfo, build_pdf, styles, table

HEADERS = ["Wat", "Leerlingnr.", "Gebeurtenis", "Vervalt op", "Aantal", "Status"]
WIDTHS = [78 * mm, 24 * mm, 26 * mm, 24 * mm, 16 * mm, 93 * mm]


@dataclass(frozen=True)
class DueListData:
    school_name: str
    brin: str
    until: date
    items: tuple[DueItem, ...]


FOOTNOTE = (
    "Leerlingen staan hier alleen met hun leerlingnummer. Een regel met 'Gestopt' mag niet worden "
    "vernietigd zolang de reden geldt. Stel in IBP Desktop een opruimronde voor; de directeur "
    "keurt die goed."
)


def _day(value: date) -> str:
    return value.strftime("%d-%m-%Y")


def _summary(items: tuple[DueItem, ...]) -> list[list[str]]:
    ready = sum(1 for i in items if not i.held and i.run_number is None)
    in_run = sum(1 for i in items if not i.held and i.run_number is not None)
    held = sum(1 for i in items if i.held)
    return [
        ["Overzicht", "Aantal regels"],
        ["Te vernietigen (nog in geen opruimronde)", str(ready)],
        ["Al in een opruimronde", str(in_run)],
        ["Gestopt (bewaarplicht of geschil)", str(held)],
    ]


def _group(members: list[DueItem]) -> list[Flowable]:
    sheet = styles()
    first = members[0]
    heading = f"{first.category_label} – {first.system_label}"
    rule = f"Termijn: {first.term_text}. Grondslag: {first.basis or 'niet ingevuld'}."
    rows = [HEADERS] + [
        [
            i.who,
            i.pupil_number or "",
            _day(i.event_date),
            _day(i.due_on),
            str(i.record_count),
            i.status_text,
        ]
        for i in members
    ]
    return [
        Paragraph(escape(heading), sheet["h2"]),
        Paragraph(escape(rule), sheet["small"]),
        table(rows, WIDTHS),
        Spacer(1, 3 * mm),
    ]


def render_due_list(data: DueListData, generated_at: datetime) -> bytes:
    sheet = styles()
    story: list[Flowable] = [table(_summary(data.items), [90 * mm, 30 * mm]), Spacer(1, 4 * mm)]
    if not data.items:
        story.append(
            Paragraph(
                escape(f"Tot en met {_day(data.until)} vervalt niets. Er hoeft niets te gebeuren."),
                sheet["body"],
            )
        )
    for _key, members in groupby(data.items, key=lambda i: (i.sort_order, i.category, i.system)):
        story += _group(list(members))
    story.append(
        Paragraph(
            FOOTNOTE,
            sheet["small"],
        )
    )
    info = DocumentInfo(
        "Bewaartermijnen: wat vervalt",
        f"{data.school_name} ({data.brin})",
        generated_at=generated_at,
        subtitle=f"Alles waarvan de bewaartermijn uiterlijk {_day(data.until)} verstreken is",
        landscape=True,
    )
    return build_pdf(info, story)
