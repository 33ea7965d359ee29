"""The due list: which records' terms are over by a date, computed from the school's schedule.

Session-level functions (no permission checks): the services in retention.py and retention_runs.py call
them inside their unit of work, and the dashboard can call ``retention_attention`` inside its own.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ibp_desktop.core.consent.names import display_name
from ibp_desktop.core.incidents.rules import IncidentStatus, local
from ibp_desktop.core.legal_basis import basis_for
from ibp_desktop.core.retention.records import DueItem, LineKind, Outcome, RuleRow, RunStatus, Source
from ibp_desktop.core.retention.rules import (
    Action,
    Event,
    System,
    Term,
    TermUnit,
    assess,
    due_date,
    latest,
)
from ibp_desktop.resources import resource_path
from ibp_desktop.services.context import Work
from ibp_desktop.store.consent_models import ConsentDecision
from ibp_desktop.store.incident_models import Incident
from ibp_desktop.store.models import Pupil
from ibp_desktop.store.policy_models import AccessGrant, StaffMember
from ibp_desktop.store.retention_models import (
    RetentionItem,
    RetentionPupilFlag,
    RetentionRule,
    RetentionRun,
    RetentionRunLine,
)

# Tables whose rows go with the pupil in a run, or are the run itself: they do not keep a pupil "in use".
_DELETED_WITH_PUPIL = frozenset(
    {"consent_decisions", "retention_pupil_flags", "consent_scans", "consent_scan_decisions"}
)
# How a table that still refers to a pupil is named in a message; other tables by their own name.
TABLE_LABELS = {"subject_requests": "verzoeken van betrokkenen"}


@cache
def default_rules() -> tuple[RuleRow, ...]:
    raw = json.loads(resource_path("seed", "retention_schedule.json").read_text(encoding="utf-8"))
    return tuple(
        RuleRow(
            id=0,
            category=r["category"],
            label=r["label"],
            term=Term(int(r["amount"]), TermUnit(r["unit"])),
            event=Event(r["event"]),
            basis=r["basis"],
            action=Action(r["action"]),
            system=System(r["system"]),
            source=Source(r["source"]),
            sort_order=i,
            version=0,
        )
        for i, r in enumerate(raw)
    )


def rule_row(rule: RetentionRule) -> RuleRow:
    return RuleRow(
        rule.id,
        rule.category,
        rule.label,
        Term(rule.term_amount, TermUnit(rule.term_unit)),
        Event(rule.event),
        rule.basis,
        Action(rule.action),
        System(rule.system),
        Source(rule.source),
        rule.sort_order,
        rule.version,
    )


def stored_rules(session: Session, school_id: int) -> list[RetentionRule]:
    return list(
        session.scalars(
            select(RetentionRule)
            .where(RetentionRule.school_id == school_id)
            .order_by(RetentionRule.sort_order, RetentionRule.id)
        )
    )


def load_rules(session: Session, school_id: int) -> list[RuleRow]:
    """The school's schedule, or the defaults when it has none yet (without writing them)."""
    stored = stored_rules(session, school_id)
    return [rule_row(r) for r in stored] if stored else list(default_rules())


def ensure_schedule(work: Work, school_id: int) -> list[RetentionRule]:
    """The school's stored schedule; installs the default one on first use."""
    stored = stored_rules(work.session, school_id)
    if stored:
        return stored
    from ibp_desktop.services.retention.legal_basis import school_type_of

    school_type = school_type_of(work.session, school_id)
    for rule in default_rules():
        work.session.add(
            RetentionRule(
                school_id=school_id,
                category=rule.category,
                label=rule.label,
                term_amount=rule.term.amount,
                term_unit=rule.term.unit.value,
                event=rule.event.value,
                basis=basis_for(rule.basis, school_type),
                action=rule.action.value,
                system=rule.system.value,
                source=rule.source.value,
                sort_order=rule.sort_order,
            )
        )
    work.session.flush()
    work.audit(
        "retention_schedule_installed",
        "school",
        school_id,
        school_id=school_id,
        after={"categories": [r.category for r in default_rules()]},
    )
    return stored_rules(work.session, school_id)


def line_key(target: str, category: str, target_id: int | None) -> str:
    return f"{target}:{category}:{target_id}"


@dataclass
class _Context:
    """Everything the due list needs of one school, read in a handful of queries."""

    pupils: list[Pupil]
    flags: dict[int, RetentionPupilFlag]
    open_incidents: dict[int, str]  # id -> number of incidents not closed
    consent: dict[int, tuple[int, date | None]]  # pupil id -> (decisions, latest withdrawal)
    references: dict[int, list[str]]  # pupil id -> other tables that still refer to it
    runs: dict[str, tuple[str, bool]]  # line key -> (run number, finished)


def _context(session: Session, school_id: int) -> _Context:
    pupils = list(
        session.scalars(select(Pupil).where(Pupil.school_id == school_id, Pupil.deregistered_on.is_not(None)))
    )
    ids = [p.id for p in pupils]
    flags = {
        f.pupil_id: f
        for f in session.scalars(select(RetentionPupilFlag).where(RetentionPupilFlag.pupil_id.in_(ids)))
    }
    open_incidents: dict[int, str] = {
        row[0]: row[1]
        for row in session.execute(
            select(Incident.id, Incident.number).where(
                Incident.school_id == school_id, Incident.status != IncidentStatus.CLOSED.value
            )
        )
    }
    consent: dict[int, tuple[int, date | None]] = {}
    withdrawn = func.max(ConsentDecision.given_on).filter(ConsentDecision.withdrawal.is_(True))
    for pupil_id, count, last in session.execute(
        select(ConsentDecision.pupil_id, func.count(ConsentDecision.id), withdrawn)
        .where(ConsentDecision.pupil_id.in_(ids))
        .group_by(ConsentDecision.pupil_id)
    ).all():
        consent[pupil_id] = (int(count), last)
    references = pupil_references(session, ids)
    return _Context(pupils, flags, open_incidents, consent, references, _run_keys(session, school_id))


def pupil_references(session: Session, pupil_ids: Iterable[int]) -> dict[int, list[str]]:
    """Per pupil, the other tables of the program that still refer to it (e.g. a data-subject request):
    a pupil row is deleted only when nothing refers to it any more. Found from the metadata, so tables
    added by later areas count without changes here."""
    from ibp_desktop.store.schema import metadata

    wanted = list(pupil_ids)
    found: dict[int, list[str]] = defaultdict(list)
    if not wanted:
        return found
    for table in metadata.sorted_tables:
        if table.name in _DELETED_WITH_PUPIL:
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name == "pupils" and fk.column.name == "id":
                column = fk.parent
                for (pupil_id,) in session.execute(
                    select(column).where(column.in_(wanted)).group_by(column)
                ).all():
                    found[int(pupil_id)].append(TABLE_LABELS.get(table.name, table.name))
    return found


def _run_keys(session: Session, school_id: int) -> dict[str, tuple[str, bool]]:
    rows = session.execute(
        select(RetentionRunLine.target, RetentionRunLine.category, RetentionRunLine.target_id,
               RetentionRunLine.outcome, RetentionRun.number)
        .join(RetentionRun, RetentionRun.id == RetentionRunLine.run_id)
        .where(
            RetentionRun.school_id == school_id,
            RetentionRun.status != RunStatus.CANCELLED.value,
            RetentionRunLine.kind != LineKind.EXCEPTION.value,
            RetentionRunLine.outcome != Outcome.SKIPPED.value,
        )
    ).all()  # fmt: skip
    return {
        line_key(target, category, target_id): (number, outcome in (Outcome.DELETED, Outcome.DONE))
        for target, category, target_id, outcome, number in rows
    }


def _hold_text(reason: str, incident_id: int | None, open_incidents: dict[int, str]) -> tuple[str, ...]:
    holds = [reason.strip()] if reason.strip() else []
    if incident_id is not None and incident_id in open_incidents:
        holds.append(f"incident {open_incidents[incident_id]} is nog niet afgesloten")
    return tuple(holds)


def pupil_label(pupil_number: str | None, pupil_id: int) -> str:
    if pupil_number:
        return f"Leerling {pupil_number}"
    return f"Leerling zonder leerlingnummer (intern nr. {pupil_id})"


class _Builder:
    """Collects due items for one school up to ``until``."""

    def __init__(self, session: Session, school_id: int, until: date) -> None:
        self.session, self.school_id, self.until = session, school_id, until
        self.rules = with_staff_rule(load_rules(session, school_id))
        self.ctx = _context(session, school_id)
        self.items: list[DueItem] = []
        self._items_by_category: dict[str, list[Any]] | None = None

    def add(
        self,
        rule: RuleRow,
        target: str,
        target_id: int,
        *,
        event_date: date,
        description: str,
        holds: tuple[str, ...] = (),
        pupil_number: str | None = None,
        count: int = 1,
        system: System | None = None,
        due_on: date | None = None,
        pupil: Pupil | None = None,
    ) -> None:
        due_on = due_on if due_on is not None else due_date(rule.term, rule.event, rule.action, event_date)
        state = assess(due_on, self.until, holds)
        if state.due_on is None or state.due_on > self.until:
            return
        run = self.ctx.runs.get(line_key(target, rule.category, target_id))
        if run is not None and run[1]:
            return  # already destroyed in a finished run
        program = rule.source in (Source.CONSENT, Source.INCIDENTS, Source.PUPIL_ROWS, Source.STAFF_ROWS)
        self.items.append(
            DueItem(
                key=line_key(target, rule.category, target_id),
                category=rule.category,
                category_label=rule.label,
                system=system or rule.system,
                kind="program" if program else "external",
                description=description,
                pupil_number=pupil_number,
                event_date=event_date,
                due_on=state.due_on,
                term_text=rule.term_text,
                basis=rule.basis,
                record_count=count,
                hold_reason="" if state.due else state.reason,
                run_number=run[0] if run else None,
                sort_order=rule.sort_order,
                pupil_name=display_name(pupil.first_name, pupil.infix, pupil.last_name) if pupil else "",
                group_name=pupil.group.name if pupil is not None and pupil.group is not None else "",
                holds=state.holds,
            )
        )

    def build(self) -> list[DueItem]:
        for rule in self.rules:
            if rule.action is Action.KEEP_PERMANENTLY:
                continue  # never due (Archiefwet)
            if rule.source is Source.INCIDENTS:
                self._incidents(rule)
            elif rule.source is Source.ITEMS:
                self._items(rule)
            elif rule.source is Source.STAFF_ROWS:
                self._staff(rule)
            elif rule.source is not Source.PUPIL_ROWS:
                self._pupils(rule)
        self._pupil_rows()
        return sorted(self.items, key=lambda i: (i.sort_order, i.system, i.due_on, i.description))

    def pupil_holds(self, pupil: Pupil) -> tuple[str, ...]:
        flag = self.ctx.flags.get(pupil.id)
        if flag is None:
            return ()
        return _hold_text(flag.hold_reason, flag.hold_incident_id, self.ctx.open_incidents)

    def pupil_event(self, rule: RuleRow, pupil: Pupil) -> date | None:
        """The date a pupil's term counts from for this rule; None when the rule does not apply."""
        assert pupil.deregistered_on is not None
        if rule.source is Source.PUPILS_REFERRED:
            flag = self.ctx.flags.get(pupil.id)
            return pupil.deregistered_on if flag is not None and flag.referred else None
        if rule.source is Source.CONSENT:
            count, withdrawn = self.ctx.consent.get(pupil.id, (0, None))
            if not count:
                return None
            if rule.event is Event.WITHDRAWAL and withdrawn is not None:
                return max(withdrawn, pupil.deregistered_on)
        return pupil.deregistered_on

    def _pupils(self, rule: RuleRow) -> None:
        consent = rule.source is Source.CONSENT
        for pupil in self.ctx.pupils:
            event_date = self.pupil_event(rule, pupil)
            if event_date is None:
                continue
            count = self.ctx.consent.get(pupil.id, (1, None))[0] if consent else 1
            label = pupil_label(pupil.pupil_number, pupil.id)
            self.add(
                rule,
                "consent" if consent else "pupil_record",
                pupil.id,
                event_date=event_date,
                description=f"{label}: {count} besluiten" if consent else label,
                holds=self.pupil_holds(pupil),
                pupil_number=pupil.pupil_number,
                count=count,
                pupil=pupil,
            )

    def _pupil_rows(self) -> None:
        """The pupil row goes when the last of the pupil's other terms is over: it is what those terms
        are computed from. Another table still referring to the pupil keeps it."""
        rules = [r for r in self.rules if r.source in (Source.PUPILS, Source.PUPILS_REFERRED, Source.CONSENT)]
        for own in (r for r in self.rules if r.source is Source.PUPIL_ROWS and r.action is Action.DESTROY):
            for pupil in self.ctx.pupils:
                assert pupil.deregistered_on is not None
                dates: list[date | None] = [due_date(own.term, own.event, own.action, pupil.deregistered_on)]
                for rule in rules:
                    event_date = self.pupil_event(rule, pupil)
                    if event_date is not None:
                        dates.append(due_date(rule.term, rule.event, rule.action, event_date))
                due_on = latest(dates)
                if due_on is None:
                    continue
                holds = self.pupil_holds(pupil)
                tables = self.ctx.references.get(pupil.id)
                if tables:
                    holds += (f"nog in gebruik in dit programma ({', '.join(sorted(tables))})",)
                self.add(
                    own,
                    "pupil",
                    pupil.id,
                    event_date=pupil.deregistered_on,
                    description=pupil_label(pupil.pupil_number, pupil.id),
                    holds=holds,
                    pupil_number=pupil.pupil_number,
                    due_on=due_on,
                    pupil=pupil,
                )

    def _incidents(self, rule: RuleRow) -> None:
        closed = self.session.execute(
            select(Incident.id, Incident.number, Incident.closed_at).where(
                Incident.school_id == self.school_id,
                Incident.status == IncidentStatus.CLOSED.value,
                Incident.closed_at.is_not(None),
            )
        ).all()
        for incident_id, number, closed_at in closed:
            assert closed_at is not None
            self.add(rule, "incident", incident_id, event_date=local(closed_at).date(),
                     description=f"Incident {number}")  # fmt: skip

    def _staff(self, rule: RuleRow) -> None:
        """People who left; one who still has access somewhere waits for the leaver checklist."""
        left = self.session.scalars(
            select(StaffMember).where(
                StaffMember.school_id == self.school_id, StaffMember.left_on.is_not(None)
            )
        )
        for member in left:
            assert member.left_on is not None
            access = self.session.scalar(
                select(func.count(AccessGrant.id)).where(
                    AccessGrant.person_id == member.id, AccessGrant.revoked_on.is_(None)
                )
            )
            holds = ("heeft nog toegang; werk eerst de vertrekchecklist af",) if access else ()
            number = member.staff_number or f"intern nr. {member.id}"
            self.add(rule, "staff", member.id, event_date=member.left_on, description=f"Medewerker {number}",
                     holds=holds)  # fmt: skip

    def _items(self, rule: RuleRow) -> None:
        for row in self._open_items().get(rule.category, ()):
            item_id, event_date, description, hold_reason, hold_incident_id, system, *own_term = row
            term_amount, term_unit = own_term
            self.add(
                rule,
                "item",
                item_id,
                event_date=event_date,
                description=description,
                holds=_hold_text(hold_reason, hold_incident_id, self.ctx.open_incidents),
                system=System(system),
                due_on=_own_due(rule, term_amount, term_unit, event_date),
            )

    def _open_items(self) -> dict[str, list[Any]]:
        """The school's open register items per category, read once as columns, not objects: a board
        has thousands of them and the Overzicht computes this list on every visit."""
        if self._items_by_category is None:
            found: dict[str, list[Any]] = defaultdict(list)
            for category, *row in self.session.execute(
                select(
                    RetentionItem.category,
                    RetentionItem.id,
                    RetentionItem.event_date,
                    RetentionItem.description,
                    RetentionItem.hold_reason,
                    RetentionItem.hold_incident_id,
                    RetentionItem.system,
                    RetentionItem.term_amount,
                    RetentionItem.term_unit,
                ).where(RetentionItem.school_id == self.school_id, RetentionItem.done_run_id.is_(None))
            ):
                found[category].append(row)
            self._items_by_category = found
        return self._items_by_category


def _own_due(rule: RuleRow, term_amount: int | None, term_unit: str, event_date: date) -> date | None:
    """The due date by the item's own term (an applicant who agreed to a year); None: the category's."""
    if term_amount is None:
        return None
    return due_date(Term(term_amount, TermUnit(term_unit)), rule.event, rule.action, event_date)


def with_staff_rule(rules: list[RuleRow]) -> list[RuleRow]:
    """A schedule stored before the staff list existed lacks its row: the default one applies then."""
    if any(r.source is Source.STAFF_ROWS for r in rules):
        return rules
    return [*rules, *(r for r in default_rules() if r.source is Source.STAFF_ROWS)]


def compute_due(session: Session, school_id: int, until: date) -> list[DueItem]:
    """Every record whose term is over by ``until`` (held ones too, with the reason), sorted by the
    schedule's order, system and due date."""
    return _Builder(session, school_id, until).build()
