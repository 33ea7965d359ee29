"""Retention schedule, records registered by hand, per-pupil marks and the due list (DOMAIN.md section 2).

Reading needs VIEW_RETENTION; changing the schedule EDIT_RETENTION_SCHEDULE (audited with before and
after); registering records and holds PROPOSE_RETENTION_RUN (the administration prepares clean-ups).
Audit entries hold codes, ids and dates, never descriptions or hold reasons (they may name people).
Clean-up runs are in retention_runs.py.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from ibp_desktop.core.consent.rules import fold
from ibp_desktop.core.errors import BadInputError, NotFoundError, StaleEditError
from ibp_desktop.core.legal_basis import basis_problem
from ibp_desktop.core.retention.records import DueItem, ItemRow, RuleInput, RuleRow, Source
from ibp_desktop.core.retention.rules import Event, System, Term, TermUnit, due_date, item_term
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.retention.due import compute_due, ensure_schedule, rule_row
from ibp_desktop.services.retention.legal_basis import school_type_of
from ibp_desktop.store.incident_models import Incident
from ibp_desktop.store.models import Pupil, School
from ibp_desktop.store.retention_models import RetentionItem, RetentionPupilFlag, RetentionRule, RetentionRun
from ibp_desktop.store.types import utc_now

if TYPE_CHECKING:
    from ibp_desktop.services.dashboard.overview import AttentionItem

__all__ = ["DueItem", "ItemRow", "RetentionService", "RuleInput", "RuleRow"]

STALE = (
    "Iemand anders heeft dit net ook gewijzigd. Uw wijziging is niet opgeslagen. Vernieuw de lijst en "
    "probeer het opnieuw."
)
# Which events make sense per source: the program computes these dates itself.
_EVENTS: dict[Source, frozenset[Event]] = {
    Source.PUPILS: frozenset({Event.DEREGISTRATION, Event.END_OF_SCHOOL_YEAR}),
    Source.PUPILS_REFERRED: frozenset({Event.DEREGISTRATION, Event.END_OF_SCHOOL_YEAR}),
    Source.PUPIL_ROWS: frozenset({Event.DEREGISTRATION, Event.END_OF_SCHOOL_YEAR}),
    Source.CONSENT: frozenset({Event.DEREGISTRATION, Event.END_OF_SCHOOL_YEAR, Event.WITHDRAWAL}),
    Source.INCIDENTS: frozenset({Event.CLOSING}),
}


def _rule_audit(rule: RetentionRule) -> dict[str, object]:
    return {
        "category": rule.category,
        "label": rule.label,
        "term": f"{rule.term_amount} {rule.term_unit}",
        "event": rule.event,
        "action": rule.action,
        "system": rule.system,
        "basis": rule.basis,
    }


def _check_input(change: RuleInput, source: Source) -> RuleInput:
    label = " ".join(change.label.split())
    if not label:
        raise BadInputError("Vul een naam in voor de categorie, bijvoorbeeld 'Sollicitatiegegevens'.")
    if len(label) > 200:
        raise BadInputError("De naam van de categorie is te lang (meer dan 200 tekens). Maak hem korter.")
    allowed = _EVENTS.get(source)
    if allowed is not None and change.event not in allowed:
        from ibp_desktop.core.retention.rules import EVENT_LABELS

        names = ", ".join(EVENT_LABELS[e] for e in sorted(allowed))
        raise BadInputError(f"Voor '{label}' telt de termijn vanaf: {names}. Kies een van deze.")
    if (
        source in (Source.CONSENT, Source.INCIDENTS, Source.PUPIL_ROWS)
        and change.system is not System.PROGRAM
    ):
        raise BadInputError(f"'{label}' staat in dit programma; het systeem kan niet anders zijn.")
    return RuleInput(label, change.term, change.event, change.basis.strip(), change.action, change.system)


def own_term(item: RetentionItem) -> Term | None:
    return Term(item.term_amount, TermUnit(item.term_unit)) if item.term_amount is not None else None


def _item_row(item: RetentionItem, rule: RuleRow | None, incident: str | None, run: str | None) -> ItemRow:
    own = own_term(item)
    due = due_date(own or rule.term, rule.event, rule.action, item.event_date) if rule else None
    return ItemRow(
        item.id,
        item.category,
        rule.label if rule else item.category,
        item.description,
        item.event_date,
        System(item.system),
        due,
        item.hold_reason,
        incident,
        run,
        item.version,
        own.text if own else "",
        item.term_reason,
    )


class RetentionService(Service):
    # --- schedule -----------------------------------------------------------------------------------

    def schedule(self, school_id: int) -> list[RuleRow]:
        """The school's schedule in its order; installs the default schedule on first use."""
        with self._work(Permission.VIEW_RETENTION, school_id=school_id) as work:
            return [rule_row(r) for r in ensure_schedule(work, school_id)]

    def update_rule(
        self, school_id: int, category: str, change: RuleInput, *, expected_version: int
    ) -> RuleRow:
        """Change a row's label, term, event, basis, action or system (audited with before and after)."""
        with self._work(Permission.EDIT_RETENTION_SCHEDULE, school_id=school_id) as work:
            rule = self._rule(work, school_id, category)
            if rule.version != expected_version:
                raise StaleEditError(STALE)
            clean = _check_input(change, Source(rule.source))
            problem = basis_problem(clean.basis, school_type_of(work.session, school_id))
            if problem:
                raise BadInputError(problem + " Er is niets opgeslagen.")
            before = _rule_audit(rule)
            rule.label, rule.basis = clean.label, clean.basis
            rule.term_amount, rule.term_unit = clean.term.amount, clean.term.unit.value
            rule.event, rule.action, rule.system = clean.event.value, clean.action.value, clean.system.value
            after = _rule_audit(rule)
            if before == after:
                return rule_row(rule)
            self._flush(work)
            work.audit(
                "retention_rule_changed",
                "retention_rule",
                rule.id,
                school_id=school_id,
                before=before,
                after=after,
            )
            return rule_row(rule)

    def add_rule(self, school_id: int, change: RuleInput) -> RuleRow:
        """A new category of records (registered by hand) with its term and basis."""
        with self._work(Permission.EDIT_RETENTION_SCHEDULE, school_id=school_id) as work:
            existing = ensure_schedule(work, school_id)
            clean = _check_input(change, Source.ITEMS)
            if any(fold(r.label) == fold(clean.label) for r in existing):
                raise BadInputError(f"Er is al een categorie '{clean.label}'. Kies een andere naam.")
            base = re.sub(r"[^a-z0-9]+", "_", fold(clean.label)).strip("_")[:36] or "categorie"
            taken, code, n = {r.category for r in existing}, base, 2
            while code in taken:
                code, n = f"{base}_{n}", n + 1
            rule = RetentionRule(
                school_id=school_id,
                category=code,
                label=clean.label,
                term_amount=clean.term.amount,
                term_unit=clean.term.unit.value,
                event=clean.event.value,
                basis=clean.basis,
                action=clean.action.value,
                system=clean.system.value,
                source=Source.ITEMS.value,
                sort_order=max(r.sort_order for r in existing) + 1,
            )
            work.session.add(rule)
            work.session.flush()
            work.audit(
                "retention_rule_added",
                "retention_rule",
                rule.id,
                school_id=school_id,
                after=_rule_audit(rule),
            )
            return rule_row(rule)

    # --- records registered by hand ----------------------------------------------------------------

    def items(self, school_id: int, *, include_done: bool = False) -> list[ItemRow]:
        with self._work(Permission.VIEW_RETENTION, school_id=school_id) as work:
            rules = {r.category: rule_row(r) for r in ensure_schedule(work, school_id)}
            query = (
                select(RetentionItem, Incident.number, RetentionRun.number)
                .outerjoin(Incident, Incident.id == RetentionItem.hold_incident_id)
                .outerjoin(RetentionRun, RetentionRun.id == RetentionItem.done_run_id)
                .where(RetentionItem.school_id == school_id)
                .order_by(RetentionItem.event_date, RetentionItem.id)
            )
            if not include_done:
                query = query.where(RetentionItem.done_run_id.is_(None))
            rows = work.session.execute(query).all()
            return [_item_row(item, rules.get(item.category), inc, run) for item, inc, run in rows]

    def register_item(
        self,
        school_id: int,
        category: str,
        description: str,
        event_date: date,
        system: System | None = None,
        own: Term | None = None,
        term_reason: str = "",
    ) -> ItemRow:
        """Register records kept elsewhere: "sollicitaties vacature groep 6", ended 01-03-2026. ``own``:
        a term of its own for this item (with ``term_reason``), e.g. an applicant who agreed to a year."""
        text = " ".join(description.split())
        if not text:
            raise BadInputError("Beschrijf de stukken, bijvoorbeeld 'Sollicitaties vacature groep 6'.")
        if len(text) > 300:
            raise BadInputError("De beschrijving is te lang (meer dan 300 tekens). Maak hem korter.")
        with self._work(Permission.PROPOSE_RETENTION_RUN, school_id=school_id) as work:
            rule = rule_row(self._rule(work, school_id, category))
            if rule.source is not Source.ITEMS:
                raise BadInputError(
                    f"'{rule.label}' berekent het programma zelf; daar hoeft u niets voor te registreren."
                )
            item_term(rule.term, own, term_reason)
            item = RetentionItem(
                school_id=school_id,
                category=rule.category,
                description=text,
                event_date=event_date,
                system=(system or rule.system).value,
                registered_by_name=work.actor.full_name,
                registered_at=utc_now(),
                term_amount=own.amount if own else None,
                term_unit=own.unit.value if own else "",
                term_reason=term_reason.strip() if own else "",
            )
            work.session.add(item)
            work.session.flush()
            work.audit(
                "retention_item_registered",
                "retention_item",
                item.id,
                school_id=school_id,
                after={
                    "category": rule.category,
                    "event_date": event_date,
                    "system": item.system,
                    "own_term": own.text if own else None,
                },
            )
            return _item_row(item, rule, None, None)

    def set_item_hold(self, item_id: int, reason: str, incident_number: str | None = None) -> ItemRow:
        """Put a legal hold on a registered item (a dispute, an incident); an empty reason and no
        incident lifts it."""
        with self._work(Permission.PROPOSE_RETENTION_RUN) as work:
            item = work.school_record(
                RetentionItem, item_id, "Deze registratie bestaat niet (meer). Vernieuw de lijst."
            )
            incident = self._incident(work, item.school_id, incident_number)
            before = {"hold": bool(item.hold_reason), "incident_id": item.hold_incident_id}
            item.hold_reason = reason.strip()
            item.hold_incident_id = incident.id if incident else None
            self._flush(work)
            work.audit(
                "retention_item_hold",
                "retention_item",
                item.id,
                school_id=item.school_id,
                before=before,
                after={"hold": bool(item.hold_reason), "incident_id": item.hold_incident_id},
            )
            rule = self._rule(work, item.school_id, item.category)
            return _item_row(item, rule_row(rule), incident.number if incident else None, None)

    # --- per pupil --------------------------------------------------------------------------------

    def set_pupil_marks(
        self,
        pupil_id: int,
        *,
        referred: bool | None = None,
        hold_reason: str | None = None,
        incident_number: str | None = None,
    ) -> None:
        """Mark a pupil as referred to special (basis)onderwijs (the referral file's term then applies),
        and/or put or lift a legal hold that stops every term of this pupil."""
        with self._work(Permission.PROPOSE_RETENTION_RUN) as work:
            pupil = work.school_record(
                Pupil, pupil_id, "Deze leerling bestaat niet (meer). Vernieuw de lijst."
            )
            flag = work.session.get(RetentionPupilFlag, pupil_id)
            if flag is None:
                flag = RetentionPupilFlag(pupil_id=pupil_id, referred=False, hold_reason="")
                work.session.add(flag)
            before = {
                "referred": flag.referred,
                "hold": bool(flag.hold_reason),
                "incident_id": flag.hold_incident_id,
            }
            if referred is not None:
                flag.referred = referred
            if hold_reason is not None:
                flag.hold_reason = hold_reason.strip()
                incident = self._incident(work, pupil.school_id, incident_number)
                flag.hold_incident_id = incident.id if incident else None
            work.session.flush()
            after = {
                "referred": flag.referred,
                "hold": bool(flag.hold_reason),
                "incident_id": flag.hold_incident_id,
            }
            work.audit(
                "retention_pupil_marked",
                "pupil",
                pupil_id,
                school_id=pupil.school_id,
                before=before,
                after=after,
            )

    # --- the due list ------------------------------------------------------------------------------

    def due_items(self, school_id: int, until: date) -> list[DueItem]:
        """Every record whose term is over by ``until``: plain rows for a table, in the schedule's order
        and then by system; held ones included with the reason."""
        with self._work(Permission.VIEW_RETENTION, school_id=school_id) as work:
            ensure_schedule(work, school_id)
            return compute_due(work.session, school_id, until)

    def due_pdf(self, school_id: int, until: date, generated_at: datetime | None = None) -> bytes:
        """The due list as a PDF for planning (no pupil names: pupil numbers only)."""
        from ibp_desktop.reports.retention_due import DueListData, render_due_list

        with self._work(Permission.VIEW_RETENTION, school_id=school_id) as work:
            ensure_schedule(work, school_id)
            school = work.session.get(School, school_id)
            assert school is not None
            items = compute_due(work.session, school_id, until)
        return render_due_list(
            DueListData(school.name, school.brin, until, tuple(items)), generated_at or utc_now()
        )

    def attention(self, today: date) -> list[AttentionItem]:
        """The dashboard lines for every school the user may see (see retention_attention)."""
        from ibp_desktop.services.retention.attention import retention_attention

        with self._work(Permission.VIEW_RETENTION) as work:
            return list(retention_attention(work.session, work.actor.school_ids, today))

    # --- helpers -----------------------------------------------------------------------------------

    @staticmethod
    def _rule(work: Work, school_id: int, category: str) -> RetentionRule:
        for rule in ensure_schedule(work, school_id):
            if rule.category == category or fold(rule.label) == fold(category):
                return rule
        raise NotFoundError(
            f"De categorie '{category}' staat niet in de bewaartermijnen van deze school. Kies een "
            "categorie uit de lijst."
        )

    @staticmethod
    def _incident(work: Work, school_id: int, number: str | None) -> Incident | None:
        if not number or not number.strip():
            return None
        found = work.session.scalars(
            select(Incident).where(Incident.school_id == school_id, Incident.number == number.strip())
        ).first()
        if found is None:
            raise NotFoundError(f"Er is geen incident met nummer {number.strip()} bij deze school.")
        return found

    @staticmethod
    def _flush(work: Work) -> None:
        try:
            work.session.flush()
        except StaleDataError as error:
            raise StaleEditError(STALE) from error
