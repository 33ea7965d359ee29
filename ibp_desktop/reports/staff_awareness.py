"""Staff awareness documents (issue 20): the acknowledgement list per school (names, the version of the
code of conduct, and a signature column), the one-page "wat moet ik weten" for new staff, and the
awareness register (sessions, topics, attendance) as PDF and CSV."""

from __future__ import annotations

from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from ibp_desktop.core.staff.records import AcknowledgementList, AwarenessRegister, MustKnow
from ibp_desktop.core.staff.rules import METHOD_LABELS
from ibp_desktop.reports.excel_csv import excel_csv
from ibp_desktop.reports.template import DocumentInfo, build_pdf, styles, table

REGISTER_CSV_HEADERS = ["Datum", "Onderwerp", "Geleid door", "Aantal aanwezig", "Aanwezig", "Toelichting"]

# Short rules for new staff; the documents themselves are listed above them with their version.
MUST_KNOW_RULES: tuple[tuple[str, str], ...] = (
    ("Een datalek? Meld het meteen", "Een verkeerd verstuurde e-mail, een kwijtgeraakte laptop of USB-stick, "
     "een lijst met leerlinggegevens op de kopieermachine: meld het dezelfde dag bij de directeur of de "
     "security officer. De school heeft maar 72 uur om een datalek bij de Autoriteit Persoonsgegevens "
     "te melden."),
    ("E-mail aan ouders: gebruik BCC", "Zet adressen van ouders altijd in BCC. Stuur geen "
     "leerlinggegevens naar privé-adressen."),
    ("Wachtwoorden en MFA", "Gebruik voor elk systeem een eigen, lang wachtwoord en zet de extra "
     "controle (MFA) aan. Deel uw account nooit, ook niet met een invaller."),
    ("Phishing", "Klik niet op links in onverwachte berichten. Twijfelt u? Vraag het de ICT'er."),
    ("Foto's en toestemming", "Plaats alleen foto's van leerlingen waarvoor ouders toestemming gaven. "
     "De lijst staat in IBP Desktop; vraag het de administratie."),
    ("Clean desk", "Vergrendel uw scherm als u wegloopt (Windows-toets + L) en laat geen lijsten met "
     "leerlinggegevens liggen."),
)  # fmt: skip


def _day(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def render_acknowledgement_list_pdf(data: AcknowledgementList, generated_at: datetime) -> bytes:
    sheet = styles()
    document = data.document
    if document is None:
        intro = "Er is nog geen versie van de gedragsregels vastgelegd."
        subtitle = "Gedragsregels: nog geen versie"
    else:
        state = "vastgesteld" if document.in_force else "nog niet vastgesteld"
        intro = (
            f"Met uw handtekening bevestigt u dat u '{document.title}' versie {document.number} ({state}) "
            "heeft gelezen en ernaar handelt. Wie deze versie al heeft bevestigd, staat met datum en manier "
            "vermeld."
        )
        subtitle = f"{document.title}, versie {document.number}"
    story: list[Flowable] = [Paragraph(escape(intro), sheet["body"]), Spacer(1, 3 * mm)]
    rows = [["Naam", "Functie", "Versie", "Al bevestigd", "Datum", "Handtekening"]]
    version = str(document.number) if document else "-"
    for line in data.lines:
        done = f"{_day(line.acknowledged_on)} ({METHOD_LABELS[line.method].lower()})" if line.method else ""
        rows.append([line.name, line.function, version, done, "", ""])
    if len(rows) == 1:
        story.append(Paragraph("Nog geen medewerkers in de personeelslijst.", sheet["body"]))
    else:
        grid = table(rows, [48 * mm, 34 * mm, 16 * mm, 38 * mm, 22 * mm, 95 * mm])
        grid.setStyle(
            [
                ("BOTTOMPADDING", (0, 1), (-1, -1), 14),
                ("LINEBELOW", (0, 1), (-1, -1), 0.6, colors.HexColor("#7a7a7a")),
            ]
        )
        story.append(grid)
    info = DocumentInfo("Aftekenlijst gedragsregels", data.school_name, generated_at=generated_at,
                        subtitle=subtitle, landscape=True)  # fmt: skip
    return build_pdf(info, story)


def render_must_know_pdf(data: MustKnow, generated_at: datetime) -> bytes:
    sheet = styles()
    story: list[Flowable] = [
        Paragraph(
            escape(
                "Welkom! Op school werken we met gegevens van leerlingen, ouders en collega's. Dit moet u in "
                "ieder geval weten. Lees de documenten hieronder en teken voor de gedragsregels."
            ),
            sheet["body"],
        ),
        Paragraph("Documenten die u moet kennen", sheet["h2"]),
    ]
    if data.documents:
        rows = [["Document", "Versie"]] + [
            [d.title, f"{d.number}{'' if d.in_force else ' (concept)'}"] for d in data.documents
        ]
        story.append(table(rows, [130 * mm, 35 * mm]))
    else:
        story.append(Paragraph("De school heeft deze documenten nog niet vastgelegd.", sheet["small"]))
    story.append(Paragraph("De regels in het kort", sheet["h2"]))
    for heading, text in MUST_KNOW_RULES:
        story.append(Paragraph(f"<b>{escape(heading)}.</b> {escape(text)}", sheet["body"]))
    info = DocumentInfo("Wat moet ik weten over privacy en beveiliging?", data.school_name,
                        generated_at=generated_at, classification="Intern",
                        subtitle="Voor nieuwe medewerkers")  # fmt: skip
    return build_pdf(info, story)


def render_awareness_register_pdf(data: AwarenessRegister, generated_at: datetime) -> bytes:
    sheet = styles()
    figures = data.figures
    story: list[Flowable] = [
        Paragraph(
            escape(
                f"Bewustwordingssessies van {_day(data.period[0])} tot en met {_day(data.period[1])}. "
                f"Stand van zaken op {_day(data.today)}."
            ),
            sheet["small"],
        ),
        Spacer(1, 2 * mm),
    ]
    if data.sessions:
        rows = [["Datum", "Onderwerp", "Geleid door", "Aanwezig", "Namen"]] + [
            [
                _day(s.held_on),
                s.topic_label,
                s.led_by_label,
                str(len(s.attendee_ids)),
                ", ".join(s.attendee_names),
            ]
            for s in data.sessions
        ]
        story.append(table(rows, [22 * mm, 38 * mm, 24 * mm, 21 * mm, 147 * mm]))
    else:
        story.append(Paragraph("Geen sessies gehouden in deze periode.", sheet["body"]))
    totals = [["Cijfers", "Aantal"], ["Medewerkers in dienst", str(figures.active)]]
    version = f" (versie {figures.code_version})" if figures.code_version else ""
    totals += [[f"Gedragsregels getekend{version}", figures.acknowledged_share]]
    totals += [["Nog niet bijgepraat", str(figures.not_informed)]]
    totals += [[f"Sessies: {topic}", str(n)] for topic, n in figures.sessions_by_topic.items()]
    story += [Spacer(1, 4 * mm), Paragraph("Totalen", sheet["h2"]), table(totals, [90 * mm, 40 * mm])]
    info = DocumentInfo("Register bewustwording", data.school_name, generated_at=generated_at, landscape=True)
    return build_pdf(info, story)


def render_awareness_register_csv(data: AwarenessRegister) -> bytes:
    return excel_csv(
        REGISTER_CSV_HEADERS,
        (
            [
                _day(s.held_on),
                s.topic_label,
                s.led_by_label,
                str(len(s.attendee_ids)),
                ", ".join(s.attendee_names),
                s.note,
            ]
            for s in data.sessions
        ),
    )
