"""Staff-awareness figures without names, read in the caller's transaction: for the annual report,
the Overzicht and the awareness register."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from ibp_desktop.core.staff.rules import StaffFigures, Topic, staff_figures
from ibp_desktop.services.staff.rows import current_version, sessions, staff_facts, staff_members


def figures_for(
    session: Session, school_ids: Sequence[int], period: tuple[date, date], today: date
) -> StaffFigures:
    members = staff_members(session, school_ids)
    facts = [f for _m, f, _a in staff_facts(session, members)]
    topics = [Topic(s.topic) for s in sessions(session, school_ids, period)]
    versions = {c.number for c in (current_version(session, s) for s in school_ids) if c is not None}
    code_version = versions.pop() if len(versions) == 1 else None
    return staff_figures(facts, topics, code_version, period, today)
