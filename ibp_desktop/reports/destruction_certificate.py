"""The "Verklaring van vernietiging" of a clean-up run (DOMAIN.md section 2; Archiefbesluit art. 8).

Lists number, date, carried out by, approved by, and per category: period covered, number of records,
pupil numbers only where the executor needs them (records outside the program), never a BSN or a name,
system or medium, term and basis, method, and the exceptions (legal hold); then signature lines. The
certificate is kept permanently.
"""

from __future__ import annotations

from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from ibp_desktop.core.retention.records import (
    CertificateSection,
    LineKind,
    Outcome,
    RunDetail,
    RunLine,
    RunStatus,
    certificate_sections,
)
from ibp_desktop.reports.template import (
    ACCENT,
    INK,
    TABLE_FONT,
    DocumentInfo,
    build_pdf,
    format_date,
    format_time,
    styles,
    table,
)

KEY_WIDTHS = [48 * mm, 126 * mm]


STATEMENT = (
    "De ondergetekenden verklaren dat de hieronder genoemde gegevens zijn vernietigd omdat hun "
    "bewaartermijn verstreken was. Deze verklaring wordt blijvend bewaard. Er staan geen namen en "
    "geen BSN in; leerlingen staan er alleen met hun leerlingnummer in, en alleen waar dat nodig "
    "is om de vernietiging buiten dit programma na te gaan."
)


DRAFT_STATEMENT = (
    "Dit is een concept. De gegevens hieronder zijn nog niet vernietigd en niemand verklaart hier iets. "
    "De verklaring van vernietiging, met handtekeningen, volgt als de opruimronde is uitgevoerd."
)
DRAFT_LABELS = {
    RunStatus.PROPOSED: "concept – nog niet goedgekeurd",
    RunStatus.APPROVED: "concept – goedgekeurd, nog niet uitgevoerd",
    RunStatus.CANCELLED: "geannuleerd – niet uitgevoerd",
}


def _day(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else "-"


def _moment(value: datetime | None) -> str:
    return f"{format_date(value)} om {format_time(value)}" if value else "nog niet"


def _who(name: str, when: datetime | None) -> str:
    return f"{name}, {_moment(when)}" if name else "nog niet"


def _head(detail: RunDetail) -> list[list[str]]:
    run = detail.run
    return [
        ["Nummer", run.number],
        [
            "Datum van vernietiging",
            format_date(run.executed_at) if run.executed_at else "nog niet uitgevoerd",
        ],
        ["School", f"{detail.school_name} (BRIN {detail.brin})"],
        ["Vervallen tot en met", _day(run.until)],
        ["Voorgesteld door", _who(run.proposed_by, run.proposed_at)],
        ["Goedgekeurd door (directeur)", _who(run.approved_by, run.approved_at)],
        ["Uitgevoerd door", _who(run.executed_by, run.executed_at)],
    ]


def _period(section: CertificateSection) -> str:
    if section.period_from is None:
        return "-"
    if section.period_from == section.period_to:
        return _day(section.period_from)
    return f"{_day(section.period_from)} tot en met {_day(section.period_to)}"


def _section_rows(section: CertificateSection) -> list[list[str]]:
    done = ", ".join(_day(d) for d in section.done_on) or "nog niet"
    rows = [
        ["Systeem of medium", section.system_label],
        ["Periode (gebeurtenis)", _period(section)],
        ["Aantal records", str(section.records)],
        ["Bewaartermijn", section.term_text],
        ["Grondslag", section.basis or "-"],
        ["Methode", "; ".join(section.methods) or "nog niet vastgelegd"],
        ["Uitgevoerd door / op", f"{', '.join(section.done_by) or 'nog niet'} / {done}"],
    ]
    if section.certificate_refs:
        rows.append(["Certificaat verwerker", ", ".join(section.certificate_refs)])
    if section.pupil_numbers:
        rows.append(["Leerlingnummers", ", ".join(section.pupil_numbers)])
    if section.open_lines:
        rows.append(["Nog open", f"{section.open_lines} regel(s): nog niet vernietigd of niet vastgelegd"])
    return rows


def _exceptions(lines: tuple[RunLine, ...]) -> list[list[str]]:
    rows = [["Categorie", "Wat", "Reden"]]
    for line in lines:
        if line.kind is LineKind.EXCEPTION:
            rows.append([line.category_label, line.description, line.hold_reason])
        elif line.outcome is Outcome.SKIPPED:
            rows.append([line.category_label, line.description, line.outcome_note])
    return rows


def _signatures(detail: RunDetail) -> Flowable:
    """Two columns with room to sign by hand: the director who approved, the person who carried out."""
    run, sheet = detail.run, styles()
    cells = [
        ["", "Goedgekeurd (directeur)", "Uitgevoerd door"],
        ["Naam", run.approved_by, run.executed_by],
        ["Datum", "", ""],
        ["Handtekening", "", ""],
    ]
    rows = [[Paragraph(escape(text), sheet["table_header" if i == 0 else "table"]) for text in row]
            for i, row in enumerate(cells)]  # fmt: skip
    grid = Table(
        rows,
        colWidths=[30 * mm, 72 * mm, 72 * mm],
        rowHeights=[None, 9 * mm, 9 * mm, 22 * mm],
        hAlign="LEFT",
        style=[
            TABLE_FONT,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (1, 1), (-1, -1), 0.6, INK),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ],
    )
    return KeepTogether([Paragraph("Ondertekening", sheet["h2"]), grid])


def render_certificate(detail: RunDetail, generated_at: datetime) -> bytes:
    sheet = styles()
    draft = detail.run.status is not RunStatus.CARRIED_OUT
    story: list[Flowable] = []
    if draft:  # a concept declares nothing: no statement, no signatures
        story.append(Paragraph(DRAFT_LABELS[detail.run.status].upper(), sheet["h2"]))
    story += [table(_head(detail), KEY_WIDTHS, header=False), Spacer(1, 4 * mm)]
    story.append(Paragraph(DRAFT_STATEMENT if draft else STATEMENT, sheet["body"]))
    for section in certificate_sections(detail.lines):
        story.append(Paragraph(escape(section.category_label), sheet["h2"]))
        story.append(table(_section_rows(section), KEY_WIDTHS, header=False))
    exceptions = _exceptions(detail.lines)
    story.append(Paragraph("Uitzonderingen (niet vernietigd)", sheet["h2"]))
    if len(exceptions) > 1:
        story.append(table(exceptions, [50 * mm, 52 * mm, 72 * mm]))
    else:
        story.append(Paragraph("Geen: alles in deze opruimronde is vernietigd.", sheet["body"]))
    if not draft:
        story += [Spacer(1, 6 * mm), _signatures(detail)]
    info = DocumentInfo(
        "Verklaring van vernietiging",
        f"{detail.school_name} ({detail.brin})",
        generated_at=generated_at,
        subtitle=(
            f"Opruimronde {detail.run.number}"
            + (f" – {DRAFT_LABELS[detail.run.status]}" if draft else "")
        ),
        classification="Blijvend bewaren",
    )
    return build_pdf(info, story)
