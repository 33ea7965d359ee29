"""Figures of the processing register, DPIAs and complaints for the annual report and the FG report.

Runs inside the caller's unit of work (it checks no permission itself); the caller decides whether the
user may see them. Complaints appear by number, date and subject; no names.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ibp_desktop.core.accountability.complaints import ComplaintOutcome
from ibp_desktop.core.accountability.records import AccountabilityFigures, count_activities
from ibp_desktop.services.accountability.complaints import complaint_rows
from ibp_desktop.services.accountability.dpia import dpia_rows
from ibp_desktop.services.accountability.processing import activity_rows


def accountability_figures(
    session: Session, school_ids: list[int], date_from: date, date_to: date, today: date
) -> AccountabilityFigures:
    activities = count_activities(activity_rows(session, school_ids, today), today)
    dpias = dpia_rows(session, school_ids, today)
    scans = [d for d in dpias if date_from <= d.prescan_on <= date_to]
    complaints = [
        c for c in complaint_rows(session, school_ids, today) if date_from <= c.facts.received_on <= date_to
    ]
    answered = [c for c in complaints if c.answered_on is not None]
    on_time = sum(1 for c in answered if c.answered_on and c.answered_on <= c.deadline)
    return AccountabilityFigures(
        activities=activities.activities,
        activities_review_due=activities.review_due,
        activities_without_agreement=activities.without_agreement,
        activities_dpia_missing=activities.dpia_missing,
        prescans=len(scans),
        dpias_needed=sum(1 for d in scans if d.needed),
        dpias_decided=sum(1 for d in dpias if d.decided_on and date_from <= d.decided_on <= date_to),
        dpias_open=sum(1 for d in dpias if d.needed and d.decision is None),
        dpias_waiting_for_fg=sum(1 for d in dpias if d.needed and d.advice_asked_on and not d.advice_on),
        complaints=len(complaints),
        complaints_answered_on_time=on_time,
        complaints_answered_late=len(answered) - on_time,
        complaints_open=len(complaints) - len(answered),
        complaints_overdue=sum(1 for c in complaints if c.status.overdue),
        complaints_founded=sum(
            1 for c in answered if c.outcome in (ComplaintOutcome.FOUNDED, ComplaintOutcome.PARTLY)
        ),
        complaint_lines=tuple(
            (c.number, f"{c.facts.received_on:%d-%m-%Y}", c.facts.subject, c.status.text)
            for c in sorted(complaints, key=lambda c: (c.facts.received_on, c.number))
        ),
    )
