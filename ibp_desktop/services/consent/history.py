"""A pupil's consent history as the lines of a printed document: the consent history PDF (Toestemming)
and the access-request overview (Verzoeken) print the same lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from ibp_desktop.services.consent.queries import history_rows
from ibp_desktop.store.models import Pupil

if TYPE_CHECKING:
    from ibp_desktop.reports.consent_history import HistoryLine


def history_lines(session: Session, pupil: Pupil) -> tuple[HistoryLine, ...]:
    """Every decision of the pupil, oldest first: date, purpose, answer, who gave it and how, the form
    version, who recorded it when (Amsterdam time), and the follow-up and note."""
    from ibp_desktop.reports.consent_history import HistoryLine
    from ibp_desktop.reports.template import format_date, format_time

    return tuple(
        HistoryLine(
            f"{row.given_on:%d-%m-%Y}",
            row.purpose_label,
            row.answer,
            row.given_by,
            row.relation_label,
            row.channel_label,
            f"versie {row.form_number} ({row.school_year})",
            f"{row.recorded_by}, {format_date(row.recorded_at)} {format_time(row.recorded_at)}",
            row.follow_up,
            row.note,
        )
        for row in history_rows(session, pupil)
    )
