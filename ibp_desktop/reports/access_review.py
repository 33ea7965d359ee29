"""The periodic access review as a PDF for the FG: every access that was checked, the outcome, by whom.

Staff names are shown (they are not pupils; the FG must be able to follow up a finding).
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from ibp_desktop.core.policy.access_records import ReviewOutcome, ReviewRow
from ibp_desktop.reports.template import DocumentInfo, build_pdf, styles, table

HEADERS = ["Systeem", "Medewerker", "Functie", "Niveau", "Uitkomst", "Toelichting", "Door"]
WIDTHS = [36 * mm, 42 * mm, 32 * mm, 30 * mm, 40 * mm, 50 * mm, 31 * mm]  # "Schooldirecteur" fits


def _summary(review: ReviewRow) -> list[list[str]]:
    def count(outcome: ReviewOutcome | None) -> str:
        return str(sum(1 for line in review.lines if line.outcome is outcome))

    return [
        ["Uitkomst", "Aantal"],
        ["Gecontroleerd en klopt", count(ReviewOutcome.CONFIRMED)],
        ["Aangepast", count(ReviewOutcome.CHANGED)],
        ["Ingetrokken", count(ReviewOutcome.REVOKED)],
        ["Nog niet gecontroleerd", count(None)],
        ["Totaal", str(len(review.lines))],
    ]


def render_access_review_pdf(review: ReviewRow, generated_at: datetime) -> bytes:
    sheet = styles()
    story: list[Flowable] = [
        Paragraph(f"Gestart op {review.started_on:%d-%m-%Y} door {review.started_by}.", sheet["body"]),
        Paragraph(
            f"Afgerond op {review.finished_on:%d-%m-%Y} door {review.finished_by}."
            if review.finished_on
            else f"Nog niet afgerond: {review.open_lines} toegang(en) nog te controleren.",
            sheet["body"],
        ),
    ]
    if review.note:
        story.append(Paragraph(f"Opmerking: {review.note}", sheet["body"]))
    story += [Spacer(1, 2 * mm), table(_summary(review), [70 * mm, 25 * mm]), Spacer(1, 4 * mm)]
    if review.lines:
        rows = [HEADERS] + [
            [
                line.system_name,
                line.person_name,
                line.person_function,
                line.level,
                line.outcome_label,
                line.note,
                line.decided_by,
            ]
            for line in review.lines
        ]
        story.append(table(rows, WIDTHS))
    else:
        story.append(Paragraph("Er waren geen toegangsrechten vastgelegd om te controleren.", sheet["body"]))
    info = DocumentInfo(
        "Controle toegangsrechten",
        review.scope,
        generated_at=generated_at,
        subtitle=f"Periodieke controle door de security officer, voor de FG (controle {review.id})",
        landscape=True,
    )
    return build_pdf(info, story)
