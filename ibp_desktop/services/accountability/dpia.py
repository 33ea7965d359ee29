"""DPIAs (art. 35): the pre-scan, the assessment with its risks and measures, the FG's advice, the decision.

The security officer carries them out (MANAGE_DPIAS); the FG records the advice (ADVISE); the director,
the FG and the board read them (VIEW_DPIAS). A measure becomes an action in the plan van aanpak when the
risk is saved. A pre-scan for an activity of the processing register sets that activity's "DPIA needed".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ibp_desktop.core.accountability.dpia import Decision, check_decision, dpia_status, prescan, risk_level
from ibp_desktop.core.accountability.processing import DpiaNeed
from ibp_desktop.core.accountability.records import (
    DpiaCounts,
    DpiaRegister,
    DpiaRow,
    PrescanInput,
    RiskInput,
    RiskRow,
)
from ibp_desktop.core.actions import STATUS_LABELS, ActionSource, ActionStatus
from ibp_desktop.core.errors import BadInputError, NotFoundError
from ibp_desktop.core.policy.records import OccurrenceRow
from ibp_desktop.core.policy.rules import months_label, occurrence_level
from ibp_desktop.core.requests import Level
from ibp_desktop.core.roles import Permission, Role
from ibp_desktop.services.accountability.evidence import evidence_rows
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.registers_common import matching, school_scope, versioned_edit
from ibp_desktop.services.requests.register import today_here
from ibp_desktop.services.requests.rows import board_scope
from ibp_desktop.store.models import School
from ibp_desktop.store.processing_models import Dpia, DpiaRisk, ProcessingActivity
from ibp_desktop.store.request_models import Action
from ibp_desktop.store.types import utc_now

STALE = (
    "Iemand anders heeft deze DPIA net gewijzigd. Uw wijziging is niet opgeslagen. Open de DPIA opnieuw en "
    "voer uw wijziging nog eens in."
)

__all__ = ["DpiaService", "PrescanInput", "RiskInput"]


class DpiaService(Service):
    # --- reading -----------------------------------------------------------------------------------

    def list_dpias(
        self, school_id: int | None = None, text: str = "", today: date | None = None
    ) -> list[DpiaRow]:
        with self._work(Permission.VIEW_DPIAS, school_id=school_id) as work:
            rows = dpia_rows(work.session, school_scope(work, school_id), today or today_here())
            return matching(rows, text, _searchable)

    def detail(self, dpia_id: int, today: date | None = None) -> DpiaRow:
        with self._work(Permission.VIEW_DPIAS) as work:
            return to_row(work.session, _get(work, dpia_id), today or today_here(), with_evidence=True)

    def find(self, number: str, school_id: int | None = None) -> DpiaRow:
        """A DPIA by its number ("DPIA-2026-01"), among the schools the user may see."""
        with self._work(Permission.VIEW_DPIAS, school_id=school_id) as work:
            schools = school_scope(work, school_id)
            found = work.session.scalars(
                select(Dpia).where(Dpia.school_id.in_(schools), Dpia.number == number.strip().upper())
            ).all()
            if not found:
                raise NotFoundError(f"DPIA {number} bestaat niet, of niet op een school die u mag zien.")
            if len(found) > 1:
                raise BadInputError(
                    f"Er zijn meerdere DPIA's met nummer {number}. Geef de school op met --brin."
                )
            return to_row(work.session, found[0], today_here(), with_evidence=True)

    def register(self, school_id: int | None = None, today: date | None = None) -> DpiaRegister:
        day = today or today_here()
        rows = tuple(self.list_dpias(school_id, today=day))
        with self._work(Permission.VIEW_DPIAS, school_id=school_id) as work:
            schools = school_scope(work, school_id)
            return DpiaRegister(board_scope(work.session, schools), day, rows, count_dpias(rows))

    def register_pdf(self, school_id: int | None = None, today: date | None = None) -> bytes:
        from ibp_desktop.reports.dpia_report import render_dpia_register_pdf

        return render_dpia_register_pdf(self.register(school_id, today), utc_now())

    def register_csv(self, school_id: int | None = None, today: date | None = None) -> bytes:
        from ibp_desktop.reports.dpia_report import render_dpia_register_csv

        return render_dpia_register_csv(self.register(school_id, today))

    def dpia_pdf(self, dpia_id: int, today: date | None = None) -> bytes:
        """One DPIA as a PDF, its status as it is on ``today`` (default: today in the Netherlands)."""
        from ibp_desktop.reports.dpia_report import render_dpia_pdf

        row = self.detail(dpia_id, today)
        with self._work(Permission.VIEW_DPIAS) as work:
            scope = board_scope(work.session, [row.school_id])
        return render_dpia_pdf(row, scope, utc_now())

    # --- the pre-scan and the assessment ----------------------------------------------------------
    # The edits return the DPIA with its status on ``today``: the program passes the day its page shows;
    # the command line leaves it to the real day.

    def start(self, school_id: int, scan: PrescanInput, today: date | None = None) -> DpiaRow:
        """Record a pre-scan as a DPIA record (also when no DPIA is needed: the reasoning is kept)."""
        for attempt in range(3):
            try:
                return self._start(school_id, scan, today)
            except IntegrityError:
                if attempt == 2:  # another PC took the same number at the same moment: take the next one
                    raise
        raise AssertionError("unreachable")

    def _start(self, school_id: int, scan: PrescanInput, today: date | None) -> DpiaRow:
        subject = " ".join(scan.subject.split())
        outcome = prescan(scan.ap_items, scan.criteria, scan.note)
        day = scan.on or today_here()
        with self._work(Permission.MANAGE_DPIAS, school_id=school_id) as work:
            activity = _activity(work, school_id, scan.activity_id)
            if not subject:
                if activity is None:
                    raise BadInputError(
                        "Vul in waar de voortoets over gaat: een verwerking of een nieuwe toepassing."
                    )
                subject = activity.name
            dpia = Dpia(
                school_id=school_id,
                number=_next_number(work.session, school_id, day.year),
                activity_id=activity.id if activity else None,
                subject=subject,
                ap_items=",".join(sorted(scan.ap_items)),
                criteria=",".join(sorted(scan.criteria)),
                needed=outcome.needed,
                prescan_reasoning=outcome.reasoning,
                prescan_on=day,
                prescan_by_name=work.actor.full_name,
            )
            work.session.add(dpia)
            if activity is not None:
                activity.dpia_needed = (DpiaNeed.YES if outcome.needed else DpiaNeed.NO).value
            return self._logged(work, "dpia_prescan", dpia, today)

    def describe(
        self, dpia_id: int, version: int, description: str, necessity: str, today: date | None = None
    ) -> DpiaRow:
        with self._edit(dpia_id, version) as (work, dpia):
            _must_be_needed(dpia)
            dpia.description, dpia.necessity = description.strip(), necessity.strip()
            return self._logged(work, "dpia_described", dpia, today)

    def add_risk(
        self,
        dpia_id: int,
        version: int,
        risk: RiskInput,
        due_on: date | None = None,
        today: date | None = None,
    ) -> DpiaRow:
        """A risk with its likelihood and impact; its measure becomes an action in the plan van aanpak."""
        clean = _check_risk(risk)
        with self._edit(dpia_id, version) as (work, dpia):
            _must_be_needed(dpia)
            item = DpiaRisk(
                description=clean.description,
                likelihood=clean.likelihood,
                impact=clean.impact,
                measure=clean.measure,
            )
            if clean.measure:
                item.action_id = _measure_action(work, dpia, clean.measure, due_on)
            dpia.risks.append(item)
            return self._logged(work, "dpia_risk_added", dpia, today)

    def remove_risk(self, dpia_id: int, version: int, risk_id: int, today: date | None = None) -> DpiaRow:
        with self._edit(dpia_id, version) as (work, dpia):
            risk = next((r for r in dpia.risks if r.id == risk_id), None)
            if risk is None:
                raise NotFoundError("Dit risico bestaat niet (meer).")
            dpia.risks.remove(risk)  # the action stays in the plan van aanpak: it may be under way
            return self._logged(work, "dpia_risk_removed", dpia, today)

    # --- the FG's advice and the decision ---------------------------------------------------------

    def ask_advice(
        self, dpia_id: int, version: int, on: date | None = None, today: date | None = None
    ) -> DpiaRow:
        with self._edit(dpia_id, version) as (work, dpia):
            _must_be_needed(dpia)
            if not dpia.description.strip():
                raise BadInputError(
                    "Beschrijf de verwerking eerst, zodat de FG weet waarover het advies gaat."
                )
            dpia.advice_asked_on = on or today_here()
            return self._logged(work, "dpia_advice_asked", dpia, today)

    def record_advice(
        self, dpia_id: int, version: int, advice: str, on: date | None = None, today: date | None = None
    ) -> DpiaRow:
        """The FG's advice (art. 35(2)); only the FG records it."""
        text = advice.strip()
        if not text:
            raise BadInputError("Schrijf het advies op.")
        with self._edit(dpia_id, version, Permission.ADVISE) as (work, dpia):
            _must_be_needed(dpia)
            if dpia.decision is not None:
                raise BadInputError(
                    "Over deze DPIA is al besloten. Start een nieuwe DPIA als de verwerking verandert."
                )
            day = on or today_here()
            dpia.advice, dpia.advice_on, dpia.advice_by_name = text, day, work.actor.full_name
            dpia.advice_asked_on = dpia.advice_asked_on or day
            return self._logged(work, "dpia_advice_recorded", dpia, today)

    def decide(
        self,
        dpia_id: int,
        version: int,
        decision: Decision,
        reasons: str,
        decided_on: date,
        review_on: date | None,
        today: date | None = None,
    ) -> DpiaRow:
        if not reasons.strip():
            raise BadInputError(
                "Schrijf op waarom zo is besloten, ook als het advies van de FG wordt gevolgd."
            )
        with self._edit(dpia_id, version) as (work, dpia):
            _must_be_needed(dpia)
            check_decision(dpia.advice_on, decision, decided_on, review_on)
            dpia.decision, dpia.decision_reasons = decision.value, reasons.strip()
            dpia.decided_on, dpia.decided_by_name, dpia.review_on = (
                decided_on,
                work.actor.full_name,
                review_on,
            )
            return self._logged(work, "dpia_decided", dpia, today)

    # --- helpers -----------------------------------------------------------------------------------

    @contextmanager
    def _edit(
        self, dpia_id: int, version: int, permission: Permission = Permission.MANAGE_DPIAS
    ) -> Iterator[tuple[Work, Dpia]]:
        work_in = self._work(permission)
        with versioned_edit(work_in, lambda work: _get(work, dpia_id), version, STALE) as (work, dpia):
            dpia.version = version + 1  # also a change of the risk list counts as an edit
            yield work, dpia

    @staticmethod
    def _logged(work: Work, action: str, dpia: Dpia, today: date | None) -> DpiaRow:
        work.session.flush()
        work.audit(action, "dpia", dpia.id, after=audit_view(dpia), school_id=dpia.school_id)
        return to_row(work.session, dpia, today or today_here())


def count_dpias(rows: tuple[DpiaRow, ...]) -> DpiaCounts:
    needed = [r for r in rows if r.needed]
    return DpiaCounts(
        total=len(rows),
        needed=len(needed),
        not_needed=len(rows) - len(needed),
        decided=sum(1 for r in needed if r.decision is not None),
        open=sum(1 for r in needed if r.decision is None),
        waiting_for_fg=sum(1 for r in needed if r.advice_asked_on and not r.advice_on),
        review_due=sum(1 for r in needed if r.decision is not None and r.status.needs_attention),
        high_risks=sum(1 for r in rows for risk in r.risks if risk.level is Level.RED),
    )


def dpia_rows(session: Session, school_ids: list[int], today: date) -> list[DpiaRow]:
    query = (
        select(Dpia)
        .where(Dpia.school_id.in_(school_ids))
        .order_by(Dpia.prescan_on.desc(), Dpia.number.desc())
    )
    return [to_row(session, d, today) for d in session.scalars(query).all()]


def to_row(session: Session, dpia: Dpia, today: date, with_evidence: bool = False) -> DpiaRow:
    session.flush()
    school = session.get(School, dpia.school_id)
    activity = session.get(ProcessingActivity, dpia.activity_id) if dpia.activity_id else None
    decision = Decision(dpia.decision) if dpia.decision else None
    status = dpia_status(dpia.needed, dpia.advice_asked_on, dpia.advice_on, decision, dpia.review_on, today)
    return DpiaRow(
        id=dpia.id,
        version=dpia.version,
        school_id=dpia.school_id,
        brin=school.brin if school else "?",
        number=dpia.number,
        subject=dpia.subject,
        activity_id=dpia.activity_id,
        activity_name=activity.name if activity else "",
        ap_items=_codes(dpia.ap_items),
        criteria=_codes(dpia.criteria),
        needed=dpia.needed,
        prescan_reasoning=dpia.prescan_reasoning,
        prescan_on=dpia.prescan_on,
        prescan_by_name=dpia.prescan_by_name,
        description=dpia.description,
        necessity=dpia.necessity,
        advice_asked_on=dpia.advice_asked_on,
        advice=dpia.advice,
        advice_on=dpia.advice_on,
        advice_by_name=dpia.advice_by_name,
        decision=decision,
        decision_reasons=dpia.decision_reasons,
        decided_on=dpia.decided_on,
        decided_by_name=dpia.decided_by_name,
        review_on=dpia.review_on,
        risks=tuple(_risk_row(session, r) for r in dpia.risks),
        status=status,
        evidence=tuple(evidence_rows(session, "dpia", dpia.id)) if with_evidence else (),
    )


def dpia_attention(session: Session, school_ids: frozenset[int], today: date) -> list[tuple[str, Level]]:
    found = []
    for row in dpia_rows(session, sorted(school_ids), today):
        if row.status.needs_attention:
            found.append(
                (
                    f"DPIA {row.number} ({row.subject}): {row.status.text[0].lower()}{row.status.text[1:]}.",
                    row.level,
                )
            )
    return found


def audit_view(dpia: Dpia) -> dict[str, Any]:
    # No free text: the description and the advice may name people.
    return {
        "number": dpia.number,
        "activity_id": dpia.activity_id,
        "needed": dpia.needed,
        "ap_items": dpia.ap_items,
        "criteria": dpia.criteria,
        "risks": [(r.likelihood, r.impact, r.action_id) for r in dpia.risks],
        "advice_asked_on": _iso(dpia.advice_asked_on),
        "advice_on": _iso(dpia.advice_on),
        "decision": dpia.decision,
        "review_on": _iso(dpia.review_on),
    }


def _risk_row(session: Session, risk: DpiaRisk) -> RiskRow:
    text, level = risk_level(risk.likelihood, risk.impact)
    action = session.get(Action, risk.action_id) if risk.action_id else None
    action_status = STATUS_LABELS[ActionStatus(action.status)] if action else ""
    facts = RiskInput(risk.description, risk.likelihood, risk.impact, risk.measure)
    return RiskRow(risk.id, facts, text, level, risk.action_id, action_status)


def _measure_action(work: Work, dpia: Dpia, measure: str, due_on: date | None) -> int:
    title = measure if len(measure) <= 280 else measure[:277] + "…"
    action = Action(
        school_id=dpia.school_id,
        title=title,
        description=f"Maatregel uit DPIA {dpia.number} ({dpia.subject}).",
        owner_role=Role.SECURITY_OFFICER.value,
        due_on=due_on,
        status=ActionStatus.OPEN.value,
        source=ActionSource.DPIA.value,
        source_reference=dpia.number,
        created_at=utc_now(),
        created_by_name=work.actor.full_name,
    )
    work.session.add(action)
    work.session.flush()
    work.audit(
        "action_added",
        "action",
        action.id,
        after={"source": action.source, "source_reference": action.source_reference},
        school_id=dpia.school_id,
    )
    return action.id


def _check_risk(risk: RiskInput) -> RiskInput:
    description = risk.description.strip()
    if not description:
        raise BadInputError("Beschrijf het risico: wat kan er misgaan, en voor wie?")
    risk_level(risk.likelihood, risk.impact)
    return RiskInput(description, risk.likelihood, risk.impact, risk.measure.strip())


def _must_be_needed(dpia: Dpia) -> None:
    if not dpia.needed:
        raise BadInputError(
            f"Volgens de voortoets van {dpia.prescan_on:%d-%m-%Y} is voor '{dpia.subject}' geen DPIA nodig. "
            "Doe een nieuwe voortoets als de verwerking is veranderd."
        )


def _next_number(session: Session, school_id: int, year: int) -> str:
    prefix = f"DPIA-{year}-"
    taken = session.scalars(
        select(Dpia.number).where(Dpia.school_id == school_id, Dpia.number.like(f"{prefix}%"))
    )
    highest = max((int(n[len(prefix) :]) for n in taken if n[len(prefix) :].isdigit()), default=0)
    return f"{prefix}{highest + 1:02d}"


def _activity(work: Work, school_id: int, activity_id: int | None) -> ProcessingActivity | None:
    if activity_id is None:
        return None
    activity = work.session.get(ProcessingActivity, activity_id)
    if activity is None or activity.school_id != school_id:
        raise NotFoundError("Deze verwerking bestaat niet (meer) op deze school.")
    return activity


def _get(work: Work, dpia_id: int) -> Dpia:
    return work.school_record(Dpia, dpia_id, "Deze DPIA bestaat niet (meer).")


def _codes(text: str) -> frozenset[str]:
    return frozenset(c for c in text.split(",") if c)


def _searchable(row: DpiaRow) -> str:
    return " ".join((row.number, row.subject, row.activity_name, row.status.text, row.decision_label))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def review_occurrences(
    session: Session, school_ids: list[int], year: int, today: date
) -> list[OccurrenceRow]:
    """DPIA review dates in ``year`` as lines of the year plan (the security officer's; no task to tick)."""
    query = select(Dpia).where(Dpia.school_id.in_(school_ids), Dpia.review_on.is_not(None))
    rows = []
    for dpia in session.scalars(query).all():
        review = dpia.review_on
        if review is None or review.year != year:
            continue
        status, level = occurrence_level(review, False, today)
        rows.append(
            OccurrenceRow(
                task_id=0,
                school_id=dpia.school_id,
                title=f"DPIA {dpia.number} herbeoordelen ({dpia.subject})",
                owner_role=Role.SECURITY_OFFICER,
                year=year,
                month=review.month,
                period=months_label(review.month, 1),
                due_on=review,
                done_on=None,
                done_by="",
                note="",
                status_text=status,
                level=level,
            )
        )
    return rows
