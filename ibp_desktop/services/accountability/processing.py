"""The record of processing activities (verwerkingsregister, art. 30).

Every staff role reads it (VIEW_PROCESSING: it holds no personal data); the director and the security
officer keep it (MANAGE_PROCESSING). A school gets the preload of resources/seed/processing_activities.json
on first use, with the legal basis that fits its denomination (openbaar or bijzonder).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ibp_desktop.core.accountability.processing import (
    DpiaNeed,
    LegalBasis,
    Transfer,
    activity_status,
    check_purpose,
    clean_name,
    review_due,
)
from ibp_desktop.core.accountability.records import (
    ActivityInput,
    ActivityRow,
    LinkedName,
    ProcessingRegister,
    count_activities,
)
from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.requests import Level
from ibp_desktop.core.roles import Permission, Role
from ibp_desktop.services.accountability.processing_links import link_names
from ibp_desktop.services.accountability.processing_seed import SEEDED_KEY, seed_activities
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.registers_common import matching, school_scope, versioned_edit
from ibp_desktop.services.requests.register import today_here
from ibp_desktop.services.requests.rows import board_scope
from ibp_desktop.store.database import ReadOnlyDatabaseError
from ibp_desktop.store.models import Setting
from ibp_desktop.store.processing_models import ActivityLink, ActivitySupplier, ProcessingActivity
from ibp_desktop.store.types import utc_now

STALE = (
    "Iemand anders heeft deze verwerking net gewijzigd. Uw wijziging is niet opgeslagen. Open de "
    "verwerking opnieuw en voer uw wijziging nog eens in."
)

__all__ = ["ActivityInput", "ActivityRow", "LinkOptions", "ProcessingService"]


@dataclass(frozen=True)
class LinkOptions:
    """What an activity of this school can point to (for the edit dialog)."""

    suppliers: tuple[LinkedName, ...]
    retention: tuple[LinkedName, ...]
    consent: tuple[LinkedName, ...]


class ProcessingService(Service):
    # --- reading -----------------------------------------------------------------------------------

    def list_activities(
        self, school_id: int | None = None, text: str = "", today: date | None = None
    ) -> list[ActivityRow]:
        schools = self._seeded_schools(school_id)
        with self._work(Permission.VIEW_PROCESSING, school_id=school_id) as work:
            return matching(activity_rows(work.session, schools, today or today_here()), text, _searchable)

    def detail(self, activity_id: int, today: date | None = None) -> ActivityRow:
        with self._work(Permission.VIEW_PROCESSING) as work:
            activity = _get(work, activity_id)
            return to_row(work.session, activity, today or today_here())

    def register(self, school_id: int | None = None, today: date | None = None) -> ProcessingRegister:
        day = today or today_here()
        rows = tuple(self.list_activities(school_id, today=day))
        with self._work(Permission.VIEW_PROCESSING, school_id=school_id) as work:
            schools = school_scope(work, school_id)
            return ProcessingRegister(
                board_scope(work.session, schools), day, rows, count_activities(rows, day)
            )

    def register_pdf(self, school_id: int | None = None, today: date | None = None) -> bytes:
        from ibp_desktop.reports.processing_register import render_processing_register_pdf

        return render_processing_register_pdf(self.register(school_id, today), utc_now())

    def register_csv(self, school_id: int | None = None, today: date | None = None) -> bytes:
        from ibp_desktop.reports.processing_register import render_processing_register_csv

        return render_processing_register_csv(self.register(school_id, today))

    def link_options(self, school_id: int) -> LinkOptions:
        with self._work(Permission.VIEW_PROCESSING, school_id=school_id) as work:
            names = link_names(work.session, school_id)
            return LinkOptions(
                tuple(LinkedName(str(i), n) for i, n in sorted(names.suppliers.items(), key=_by_label)),
                tuple(LinkedName(c, n, names.retention_terms.get(c, "")) for c, n in names.retention.items()),
                tuple(LinkedName(c, n) for c, n in names.consent.items()),
            )

    def linked_activities(self, school_id: int, kind: str) -> dict[str, list[str]]:
        """Which activities a retention category ("retention") or consent purpose ("consent") belongs to:
        {code: [activity names]}, for the schedule and the purposes pages."""
        self._seeded_schools(school_id)
        with self._work(Permission.VIEW_PROCESSING, school_id=school_id) as work:
            query = (
                select(ActivityLink.code, ProcessingActivity.name)
                .join(ProcessingActivity, ProcessingActivity.id == ActivityLink.activity_id)
                .where(ProcessingActivity.school_id == school_id, ActivityLink.kind == kind)
                .order_by(ProcessingActivity.sort_order, ProcessingActivity.name)
            )
            found: dict[str, list[str]] = {}
            for code, name in work.session.execute(query).all():
                found.setdefault(code, []).append(name)
            return found

    # --- changing ----------------------------------------------------------------------------------

    # The edits return the activity with its status on ``today``: the program passes the day its page
    # shows; the command line leaves it to the real day.

    def add(self, school_id: int, facts: ActivityInput, today: date | None = None) -> ActivityRow:
        clean = _check(facts)
        self._seeded_schools(school_id)
        with self._work(Permission.MANAGE_PROCESSING, school_id=school_id) as work:
            _unique(work.session, school_id, clean.name, None)
            activity = ProcessingActivity(school_id=school_id, code="", sort_order=1000)
            _apply(work.session, activity, clean)
            work.session.add(activity)
            return self._logged(work, "processing_activity_added", activity, today)

    def update(
        self, activity_id: int, version: int, facts: ActivityInput, today: date | None = None
    ) -> ActivityRow:
        clean = _check(facts)
        with self._edit(activity_id, version) as (work, activity):
            _unique(work.session, activity.school_id, clean.name, activity.id)
            _apply(work.session, activity, clean)
            return self._logged(work, "processing_activity_changed", activity, today)

    def mark_reviewed(
        self, activity_id: int, version: int, on: date | None = None, today: date | None = None
    ) -> ActivityRow:
        """The yearly check: the activity still reads true on ``on`` (default: the real day)."""
        with self._edit(activity_id, version) as (work, activity):
            activity.last_reviewed_on = on or today_here()
            return self._logged(work, "processing_activity_reviewed", activity, today)

    def remove(self, activity_id: int, version: int) -> None:
        with self._edit(activity_id, version) as (work, activity):
            work.audit(
                "processing_activity_removed",
                "processing_activity",
                activity.id,
                before=audit_view(activity),
                school_id=activity.school_id,
            )
            work.session.delete(activity)

    # --- helpers -----------------------------------------------------------------------------------

    def _seeded_schools(self, school_id: int | None) -> list[int]:
        with self._work(Permission.VIEW_PROCESSING, school_id=school_id) as work:
            schools = school_scope(work, school_id)
            todo = [s for s in schools if work.session.get(Setting, SEEDED_KEY.format(school_id=s)) is None]
        for one in todo:
            try:
                with self._work(Permission.VIEW_PROCESSING, school_id=one) as work:
                    seed_activities(work.session, one)
            except (ReadOnlyDatabaseError, IntegrityError):
                pass  # a read-only copy, or another PC loaded the defaults at the same moment
        return schools

    def _edit(
        self, activity_id: int, version: int
    ) -> AbstractContextManager[tuple[Work, ProcessingActivity]]:
        work_in = self._work(Permission.MANAGE_PROCESSING)
        return versioned_edit(work_in, lambda work: _get(work, activity_id), version, STALE)

    @staticmethod
    def _logged(work: Work, action: str, activity: ProcessingActivity, today: date | None) -> ActivityRow:
        work.session.flush()
        work.audit(
            action,
            "processing_activity",
            activity.id,
            after=audit_view(activity),
            school_id=activity.school_id,
        )
        return to_row(work.session, activity, today or today_here())


# --- rows ----------------------------------------------------------------------------------------


def activity_rows(session: Session, school_ids: list[int], today: date) -> list[ActivityRow]:
    query = (
        select(ProcessingActivity)
        .where(ProcessingActivity.school_id.in_(school_ids))
        .order_by(
            ProcessingActivity.school_id, ProcessingActivity.sort_order, func.lower(ProcessingActivity.name)
        )
    )
    cache: dict[int, Any] = {}
    rows = []
    for activity in session.scalars(query).all():
        if activity.school_id not in cache:
            cache[activity.school_id] = link_names(session, activity.school_id)
        rows.append(to_row(session, activity, today, cache[activity.school_id]))
    return rows


def to_row(session: Session, activity: ProcessingActivity, today: date, names: Any = None) -> ActivityRow:
    session.flush()
    names = names or link_names(session, activity.school_id)
    facts = _facts(activity)
    suppliers = tuple(
        LinkedName(
            str(s), names.suppliers.get(s, "?"), "" if s in names.with_agreement else "Geen overeenkomst"
        )
        for s in sorted(facts.supplier_ids, key=lambda i: names.suppliers.get(i, "").casefold())
    )
    retention = tuple(
        LinkedName(c, names.retention.get(c, f"{c} (niet in het schema)"), names.retention_terms.get(c, ""))
        for c in facts.retention_codes
    )
    consent = tuple(
        LinkedName(c, names.consent.get(c, f"{c} (niet in gebruik)")) for c in facts.consent_codes
    )
    dpias = tuple(
        LinkedName(str(i), number, text, done) for i, number, text, done in names.dpias.get(activity.id, [])
    )
    missing = tuple(s.label for s in suppliers if s.detail)
    status = activity_status(
        facts.last_reviewed_on,
        today,
        missing,
        facts.dpia_needed,
        any(d.done for d in dpias),
    )
    return ActivityRow(
        activity.id,
        activity.version,
        activity.school_id,
        names.brin,
        activity.code,
        facts,
        suppliers,
        retention,
        consent,
        dpias,
        status,
    )


def processing_attention(
    session: Session, school_ids: frozenset[int], today: date
) -> list[tuple[str, Level]]:
    """Per activity: a named processor without an agreement, a DPIA needed but not done. Reviews that are
    due come as one line per school (a new register would otherwise fill the Overzicht)."""
    found: list[tuple[str, Level]] = []
    due: dict[str, int] = {}
    rows = activity_rows(session, sorted(school_ids), today)
    several = len({r.school_id for r in rows}) > 1
    for row in rows:
        where = f" ({row.brin})" if several else ""
        missing = [s.label for s in row.suppliers if s.detail]
        if missing:
            found.append(
                (
                    f"Verwerking {row.name}{where}: geen verwerkersovereenkomst met {', '.join(missing)}.",
                    Level.RED,
                )
            )
        elif row.status.text.startswith("DPIA nodig"):
            found.append(
                (f"Verwerking {row.name}{where}: een DPIA is nodig en nog niet gedaan.", Level.AMBER)
            )
        if review_due(row.facts.last_reviewed_on, today):
            due[where] = due.get(where, 0) + 1
    for where, count in due.items():
        noun = "verwerking is" if count == 1 else "verwerkingen zijn"
        found.append(
            (
                f"Verwerkingsregister{where}: {count} {noun} het afgelopen jaar niet gecontroleerd.",
                Level.AMBER,
            )
        )
    return found


def audit_view(activity: ProcessingActivity) -> dict[str, Any]:
    return {
        "name": activity.name,  # the name of an activity, no personal data
        "basis": activity.legal_basis,
        "outside_eea": activity.outside_eea,
        "dpia_needed": activity.dpia_needed,
        "owner_role": activity.owner_role,
        "suppliers": sorted(s.supplier_id for s in activity.suppliers),
        "links": sorted(f"{link.kind}:{link.code}" for link in activity.links),
        "reviewed_on": activity.last_reviewed_on.isoformat() if activity.last_reviewed_on else None,
    }


def _facts(activity: ProcessingActivity) -> ActivityInput:
    return ActivityInput(
        name=activity.name,
        purpose=activity.purpose,
        legal_basis=LegalBasis(activity.legal_basis),
        owner_role=Role(activity.owner_role),
        basis_note=activity.basis_note,
        data_subjects=activity.data_subjects,
        data_categories=activity.data_categories,
        special_categories=activity.special_categories,
        recipients=activity.recipients,
        outside_eea=Transfer(activity.outside_eea),
        transfer_note=activity.transfer_note,
        security_measures=activity.security_measures,
        dpia_needed=DpiaNeed(activity.dpia_needed),
        supplier_ids=frozenset(s.supplier_id for s in activity.suppliers),
        retention_codes=tuple(sorted(link.code for link in activity.links if link.kind == "retention")),
        consent_codes=tuple(sorted(link.code for link in activity.links if link.kind == "consent")),
        last_reviewed_on=activity.last_reviewed_on,
    )


def _check(facts: ActivityInput) -> ActivityInput:
    from dataclasses import replace

    if facts.outside_eea is Transfer.YES and not facts.transfer_note.strip():
        raise BadInputError(
            "Gaan gegevens naar een land buiten de EER? Schrijf dan op welk land en op welke grond "
            "(bijvoorbeeld een adequaatheidsbesluit of modelcontractbepalingen)."
        )
    return replace(facts, name=clean_name(facts.name), purpose=check_purpose(facts.purpose))


def _apply(session: Session, activity: ProcessingActivity, facts: ActivityInput) -> None:
    names = link_names(session, activity.school_id) if activity.school_id else None
    if names is not None:
        unknown = [c for c in facts.retention_codes if c not in names.retention]
        if unknown:
            raise BadInputError(f"Onbekende bewaartermijncategorie: {', '.join(unknown)}.")
        unknown = [c for c in facts.consent_codes if c not in names.consent]
        if unknown:
            raise BadInputError(f"Onbekend toestemmingsdoel: {', '.join(unknown)}.")
        missing = [i for i in facts.supplier_ids if i not in names.suppliers]
        if missing:
            raise BadInputError("Een gekozen verwerker bestaat niet (meer). Open de verwerking opnieuw.")
    activity.name, activity.purpose = facts.name, facts.purpose
    activity.legal_basis, activity.basis_note = facts.legal_basis.value, facts.basis_note.strip()
    activity.data_subjects, activity.data_categories = (
        facts.data_subjects.strip(),
        facts.data_categories.strip(),
    )
    activity.special_categories, activity.recipients = (
        facts.special_categories.strip(),
        facts.recipients.strip(),
    )
    activity.outside_eea, activity.transfer_note = facts.outside_eea.value, facts.transfer_note.strip()
    activity.security_measures = facts.security_measures.strip()
    activity.dpia_needed, activity.owner_role = facts.dpia_needed.value, facts.owner_role.value
    activity.last_reviewed_on = facts.last_reviewed_on
    activity.suppliers = [ActivitySupplier(supplier_id=i) for i in sorted(facts.supplier_ids)]
    activity.links = [ActivityLink(kind="retention", code=c) for c in sorted(set(facts.retention_codes))] + [
        ActivityLink(kind="consent", code=c) for c in sorted(set(facts.consent_codes))
    ]


def _unique(session: Session, school_id: int, name: str, own_id: int | None) -> None:
    query = select(ProcessingActivity.id).where(
        ProcessingActivity.school_id == school_id, func.lower(ProcessingActivity.name) == name.lower()
    )
    if own_id is not None:
        query = query.where(ProcessingActivity.id != own_id)
    if session.scalar(query) is not None:
        raise BadInputError(f"De verwerking '{name}' staat al in het register. Pas die verwerking aan.")


def _get(work: Work, activity_id: int) -> ProcessingActivity:
    return work.school_record(ProcessingActivity, activity_id, "Deze verwerking bestaat niet (meer).")


def _searchable(row: ActivityRow) -> str:
    f = row.facts
    return " ".join(
        (
            f.name,
            f.purpose,
            f.data_categories,
            f.recipients,
            row.basis_label,
            row.status.text,
            *(s.label for s in row.suppliers),
        )
    )


def _by_label(item: tuple[int, str]) -> str:
    return item[1].casefold()
