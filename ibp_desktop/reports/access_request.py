"""Inzageverzoek: everything IBP Desktop holds about one pupil, as the basis of the answer letter.

Pupil data, the image consent (current status and every decision), the data-subject requests about the
pupil, and the incidents whose title or description names the pupil. Plain data in, PDF bytes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from ibp_desktop.reports.consent_history import HistoryLine
from ibp_desktop.reports.template import MARGIN_X, DocumentInfo, build_pdf, styles, table

TITLE = "Inzageverzoek: alle gegevens van één leerling in IBP Desktop"
WIDTH = landscape(A4)[0] - 2 * MARGIN_X


@dataclass(frozen=True)
class RequestLine:
    number: str
    received_on: str
    requester: str  # "Name (relation)"
    right: str
    deadline: str
    answered_on: str
    outcome: str
    status: str


@dataclass(frozen=True)
class IncidentLine:
    number: str
    discovered: str
    type_label: str
    status: str
    title: str
    description: str


@dataclass(frozen=True)
class AccessRequestData:
    school_name: str
    pupil_name: str
    status_date: str
    pupil: tuple[tuple[str, str], ...]  # (label, value): number, date of birth, group, ...
    consent_current: tuple[tuple[str, str], ...]  # (purpose, status label)
    consent_lines: tuple[HistoryLine, ...]
    requests: tuple[RequestLine, ...]
    incidents: tuple[IncidentLine, ...]
    generated_at: datetime
    evidence: tuple[tuple[str, str, str], ...] = ()  # (file name, belongs to, added on)


def render_access_request(data: AccessRequestData) -> bytes:
    sheet = styles()
    info = DocumentInfo(
        TITLE,
        data.school_name,
        generated_at=data.generated_at,
        landscape=True,
        subtitle=f"{data.pupil_name} · stand van {data.status_date} · voor de beantwoording van het verzoek",
    )
    story: list[Flowable] = [
        Paragraph(
            "Dit overzicht is voor de school. Controleer het voor u het (of een kopie) meestuurt: lak "
            "gegevens van anderen weg, zoals namen van andere leerlingen in een incidentbeschrijving.",
            sheet["small"],
        ),
        Paragraph("1. Leerlinggegevens", sheet["h2"]),
        table([[label, value] for label, value in data.pupil], col_widths=[55 * mm, 120 * mm], header=False),
        *_consent(data),
        *_requests(data),
        *_incidents(data),
        *_evidence(data),
    ]
    return build_pdf(info, story)


def _evidence(data: AccessRequestData) -> list[Flowable]:
    sheet = styles()
    out: list[Flowable] = [Paragraph("5. Bewijsstukken over deze leerling", sheet["h2"])]
    if not data.evidence:
        return [*out, Paragraph("Er zijn geen bewijsstukken over deze leerling bewaard.", sheet["body"])]
    out.append(
        Paragraph(
            "Bestanden die in het programma bewaard zijn bij een verzoek over deze leerling. Open ze in het "
            "programma om ze mee te sturen.",
            sheet["small"],
        )
    )
    rows = [["Bestand", "Hoort bij", "Toegevoegd op"], *[list(line) for line in data.evidence]]
    out.append(table(rows, col_widths=[WIDTH - 90 * mm, 55 * mm, 35 * mm]))
    return out


def _consent(data: AccessRequestData) -> list[Flowable]:
    sheet = styles()
    out: list[Flowable] = [Paragraph("2. Toestemming beeldmateriaal", sheet["h2"])]
    if data.consent_current:
        rows = [["Doel", f"Wat nu geldt ({data.status_date})"], *[[p, s] for p, s in data.consent_current]]
        out.append(table(rows, col_widths=[90 * mm, 90 * mm]))
    out.append(Spacer(1, 2 * mm))
    if not data.consent_lines:
        return [*out, Paragraph("Er zijn geen beslissingen vastgelegd.", sheet["body"])]
    rows = [
        ["Datum", "Doel", "Antwoord", "Gegeven door", "Kanaal", "Formulier", "Vastgelegd door", "Opmerking"]
    ]
    for line in data.consent_lines:
        rows.append(
            [
                line.given_on,
                line.purpose,
                line.answer,
                f"{line.given_by} ({line.relation})",
                line.channel,
                line.form,
                line.recorded,
                " ".join(p for p in (line.follow_up, line.note) if p),
            ]
        )
    widths = [23 * mm, 42 * mm, 22 * mm, 48 * mm, 20 * mm, 24 * mm, 38 * mm]
    out.append(table(rows, col_widths=[*widths, WIDTH - sum(widths)]))
    return out


def _requests(data: AccessRequestData) -> list[Flowable]:
    sheet = styles()
    out: list[Flowable] = [Paragraph("3. Verzoeken van betrokkenen over deze leerling", sheet["h2"])]
    if not data.requests:
        return [*out, Paragraph("Er zijn geen verzoeken over deze leerling vastgelegd.", sheet["body"])]
    rows = [["Nummer", "Ontvangen", "Verzoeker", "Recht", "Termijn", "Beantwoord", "Uitkomst", "Status"]]
    rows += [
        [r.number, r.received_on, r.requester, r.right, r.deadline, r.answered_on, r.outcome, r.status]
        for r in data.requests
    ]
    widths = [20 * mm, 22 * mm, 70 * mm, 35 * mm, 22 * mm, 22 * mm, 30 * mm]
    out.append(table(rows, col_widths=[*widths, WIDTH - sum(widths)]))
    return out


def _incidents(data: AccessRequestData) -> list[Flowable]:
    sheet = styles()
    out: list[Flowable] = [
        Paragraph("4. Incidenten waarin de naam van de leerling voorkomt", sheet["h2"]),
        Paragraph(
            escape(
                "Gezocht in titel en beschrijving van alle incidenten van de school, op voor- en achternaam "
                "(hoofdletters en accenten maken niet uit)."
            ),
            sheet["small"],
        ),
    ]
    if not data.incidents:
        return [*out, Paragraph("De naam van de leerling komt in geen enkel incident voor.", sheet["body"])]
    rows = [["Nummer", "Ontdekt", "Soort", "Status", "Titel en beschrijving"]]
    rows += [
        [i.number, i.discovered, i.type_label, i.status, f"{i.title}: {i.description}".rstrip(": ")]
        for i in data.incidents
    ]
    widths = [22 * mm, 30 * mm, 50 * mm, 25 * mm]
    out.append(table(rows, col_widths=[*widths, WIDTH - sum(widths)]))
    return out
