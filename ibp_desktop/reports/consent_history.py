"""The consent history of one pupil, for an access request (inzageverzoek) or a parent's question.

The current status per purpose, then every decision and withdrawal in order, with who gave it, how,
on which form version, and who recorded it. Plain data in, PDF bytes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from ibp_desktop.reports.template import MARGIN_X, DocumentInfo, build_pdf, styles, table

TITLE = "Toestemming beeldmateriaal: geschiedenis van één leerling"
WIDTH = landscape(A4)[0] - 2 * MARGIN_X


@dataclass(frozen=True)
class HistoryLine:
    given_on: str
    purpose: str
    answer: str  # "Ja", "Nee", "Ingetrokken"
    given_by: str
    relation: str
    channel: str
    form: str  # "versie 2 (2026-2027)"
    recorded: str  # "Fatima El Amrani, 03-09-2026 14:05"
    follow_up: str
    note: str


@dataclass(frozen=True)
class PupilHistory:
    school_name: str
    pupil_name: str
    pupil_number: str
    group_name: str
    date_of_birth: str
    status_date: str
    current: tuple[tuple[str, str], ...]  # (purpose, status label)
    lines: tuple[HistoryLine, ...]
    generated_at: datetime
    warning: str = ""


def render_pupil_history(data: PupilHistory) -> bytes:
    sheet = styles()
    info = DocumentInfo(
        TITLE,
        data.school_name,
        generated_at=data.generated_at,
        landscape=True,
        subtitle=f"{data.pupil_name} · groep {data.group_name} · stand van {data.status_date}",
    )
    details = table(
        [
            ["Leerling", data.pupil_name],
            ["Leerlingnummer", data.pupil_number],
            ["Groep", data.group_name],
            ["Geboortedatum", data.date_of_birth],
        ],
        col_widths=[40 * mm, 100 * mm],
        header=False,
    )
    story: list[Flowable] = [details]
    if data.warning:
        story.append(Paragraph(f"<b>Let op:</b> {escape(data.warning)}", sheet["body"]))
    story += [
        Paragraph(f"Wat nu geldt (stand van {escape(data.status_date)})", sheet["h2"]),
        table([["Doel", "Status"], *[[p, s] for p, s in data.current]], col_widths=[90 * mm, 90 * mm]),
        Paragraph("Alle beslissingen, in volgorde", sheet["h2"]),
    ]
    if data.lines:
        rows = [
            [
                "Datum",
                "Doel",
                "Antwoord",
                "Gegeven door",
                "Kanaal",
                "Formulier",
                "Vastgelegd door",
                "Vervolg / opmerking",
            ]
        ]
        for line in data.lines:
            remark = " ".join(p for p in (line.follow_up, line.note) if p)
            rows.append(
                [
                    line.given_on,
                    line.purpose,
                    line.answer,
                    f"{line.given_by} ({line.relation})",
                    line.channel,
                    line.form,
                    line.recorded,
                    remark,
                ]
            )
        widths = [23 * mm, 42 * mm, 22 * mm, 48 * mm, 20 * mm, 24 * mm, 38 * mm]
        story.append(table(rows, col_widths=[*widths, WIDTH - sum(widths)]))
    else:
        story.append(
            Paragraph("Er is nog niets vastgelegd. Zonder antwoord geldt: geen toestemming.", sheet["body"])
        )
    story += [
        Spacer(1, 4 * mm),
        Paragraph(
            "Geen antwoord betekent: geen toestemming. Beslissingen worden nooit gewijzigd of verwijderd; "
            "een wijziging of intrekking staat als nieuwe regel in deze lijst.",
            sheet["small"],
        ),
    ]
    return build_pdf(info, story)
