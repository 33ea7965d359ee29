"""Clean-up runs with four eyes: the administration proposes from the due list, someone else (the
director) approves, then the run is carried out: the program's own records are deleted for real, in one
transaction; for records elsewhere the run records who destroyed them, when and how.

Four eyes are enforced here, in the service: the approver can never be the proposer. Audit entries of a
run carry its number and counts only, never names.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ibp_desktop.core.consent.names import display_name
from ibp_desktop.core.errors import BadInputError, NotFoundError, PermissionDeniedError, StaleEditError
from ibp_desktop.core.incidents.rules import local
from ibp_desktop.core.retention.records import (
    RUN_STATUS_LABELS,
    DueItem,
    LineKind,
    Outcome,
    RunDetail,
    RunLine,
    RunRow,
    RunStatus,
)
from ibp_desktop.core.retention.rules import System, next_run_number
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.accounts.role_ties import check_independent_approver
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.retention.delete import carry_out
from ibp_desktop.services.retention.due import compute_due, ensure_schedule
from ibp_desktop.store.consent_models import ConsentDecision
from ibp_desktop.store.models import Pupil, School
from ibp_desktop.store.retention_models import RetentionItem, RetentionRun, RetentionRunLine
from ibp_desktop.store.types import utc_now

__all__ = ["RetentionRunService", "RunDetail", "RunLine", "RunRow", "RunStatus"]

STALE_RUN = "Iemand anders heeft deze opruimronde net gewijzigd. Vernieuw de lijst en probeer het opnieuw."


def _line(row: RetentionRunLine, names: dict[int, str] | None = None) -> RunLine:
    name = (names or {}).get(row.target_id or 0, "") if row.target in _PUPIL_TARGETS else ""
    return RunLine(
        row.id, LineKind(row.kind), row.target, row.category, row.category_label, System(row.system),
        row.pupil_number, row.description, row.event_date, row.due_on, row.record_count, row.term_text,
        row.basis, row.hold_reason, Outcome(row.outcome), row.outcome_note, row.method, row.done_by,
        row.done_on, row.certificate_ref, name,
    )  # fmt: skip


_PUPIL_TARGETS = ("pupil", "pupil_record", "consent")  # lines whose target_id is a pupil id


def _pupil_names(session: Session, lines: list[RetentionRunLine]) -> dict[int, str]:
    """Names of the pupils the lines are about, while they are still in the database (screen only)."""
    ids = {ln.target_id for ln in lines if ln.target in _PUPIL_TARGETS and ln.target_id is not None}
    if not ids:
        return {}
    rows = session.execute(
        select(Pupil.id, Pupil.first_name, Pupil.infix, Pupil.last_name).where(Pupil.id.in_(sorted(ids)))
    ).all()
    return {pid: display_name(first, infix, last) for pid, first, infix, last in rows}


def _lines(session: Session, run_id: int) -> list[RetentionRunLine]:
    return list(
        session.scalars(
            select(RetentionRunLine)
            .where(RetentionRunLine.run_id == run_id)
            .order_by(RetentionRunLine.position)
        )
    )


def _run_row(run: RetentionRun, lines: list[RetentionRunLine]) -> RunRow:
    program = [
        ln for ln in lines if ln.kind == LineKind.PROGRAM.value and ln.outcome != Outcome.SKIPPED.value
    ]
    external = [ln for ln in lines if ln.kind == LineKind.EXTERNAL.value]
    return RunRow(
        id=run.id,
        school_id=run.school_id,
        number=run.number,
        status=RunStatus(run.status),
        until=run.until,
        proposed_by=run.proposed_by_name,
        proposed_at=run.proposed_at,
        approved_by=run.approved_by_name,
        approved_at=run.approved_at,
        executed_by=run.executed_by_name,
        executed_at=run.executed_at,
        program_records=sum(ln.record_count for ln in program),
        external_lines=len(external),
        external_open=sum(1 for ln in external if ln.outcome == Outcome.OPEN.value),
        exceptions=sum(1 for ln in lines if ln.kind == LineKind.EXCEPTION.value or ln.outcome == "skipped"),
        version=run.version,
    )


def _detail(session: Session, run: RetentionRun) -> RunDetail:
    session.flush()
    school = session.get(School, run.school_id)
    assert school is not None
    lines = _lines(session, run.id)
    names = _pupil_names(session, lines)
    return RunDetail(_run_row(run, lines), school.name, school.brin, tuple(_line(ln, names) for ln in lines))


def _counts(lines: list[dict[str, Any]]) -> dict[str, int]:
    return {
        "program_records": sum(ln["record_count"] for ln in lines if ln["kind"] == LineKind.PROGRAM.value),
        "external_lines": sum(1 for ln in lines if ln["kind"] == LineKind.EXTERNAL.value),
        "exceptions": sum(1 for ln in lines if ln["kind"] == LineKind.EXCEPTION.value),
    }


def _choose(items: list[DueItem], keys: Collection[str] | None) -> tuple[list[DueItem], list[DueItem]]:
    """(to destroy, exceptions) from the due list; a pupil row only together with all its other records."""
    if keys is not None:
        known = {i.key for i in items}
        unknown = [k for k in keys if k not in known]
        if unknown:
            raise BadInputError(
                f"{len(unknown)} gekozen regel(s) staan niet (meer) op de lijst van wat vervalt. Vernieuw de "
                "lijst en kies opnieuw."
            )
    chosen = [i for i in items if i.run_number is None and (keys is None or i.key in keys)]
    due = [i for i in chosen if not i.held]
    due_keys = {i.key for i in due}
    # A pupil's row goes only together with (or after) every other record of that pupil on the list.
    pending: set[str] = set()
    for other in items:
        target, _category, pupil_id = other.key.split(":")
        if target in ("consent", "pupil_record") and other.key not in due_keys:
            pending.add(pupil_id)
    due = [i for i in due if not i.key.startswith("pupil:") or i.key.rsplit(":", 1)[1] not in pending]
    return due, [i for i in chosen if i.held]


def _decision_ids(session: Session, items: list[DueItem]) -> dict[int, list[int]]:
    """The consent decisions of these pupils, frozen into the run's lines."""
    pupil_ids = [int(i.key.rsplit(":", 1)[1]) for i in items]
    found: dict[int, list[int]] = {}
    for start in range(0, len(pupil_ids), 500):
        rows = session.execute(
            select(ConsentDecision.pupil_id, ConsentDecision.id)
            .where(ConsentDecision.pupil_id.in_(pupil_ids[start : start + 500]))
            .order_by(ConsentDecision.id)
        )
        for pupil_id, decision_id in rows:
            found.setdefault(pupil_id, []).append(decision_id)
    return found


def _new_line(run_id: int, position: int, item: DueItem, decisions: dict[int, list[int]]) -> dict[str, Any]:
    """One frozen line as column values (inserted in one statement: a run can have thousands)."""
    target, _category, raw_id = item.key.split(":")
    target_id = int(raw_id)
    record_ids = ""
    if target == "consent":
        record_ids = ",".join(str(i) for i in decisions.get(target_id, []))
    elif target in ("incident", "pupil", "staff"):
        record_ids = str(target_id)
    kind = LineKind.EXCEPTION if item.held else LineKind(item.kind)
    return dict(
        run_id=run_id,
        position=position,
        kind=kind.value,
        target=target,
        target_id=target_id,
        pupil_number=item.pupil_number,
        category=item.category,
        category_label=item.category_label,
        system=item.system.value,
        term_text=item.term_text,
        basis=item.basis,
        description=item.description,
        event_date=item.event_date,
        due_on=item.due_on,
        record_count=item.record_count,
        record_ids=record_ids,
        hold_reason=item.hold_reason,
        outcome=Outcome.OPEN.value,
    )


class RetentionRunService(Service):
    # --- reading ---------------------------------------------------------------------------------

    def runs(self, school_id: int) -> list[RunRow]:
        """Every run of the school, newest first."""
        with self._work(Permission.VIEW_RETENTION, school_id=school_id) as work:
            runs = work.session.scalars(
                select(RetentionRun)
                .where(RetentionRun.school_id == school_id)
                .order_by(RetentionRun.id.desc())
            ).all()
            return [_run_row(run, _lines(work.session, run.id)) for run in runs]

    def detail(self, run_id: int) -> RunDetail:
        with self._work(Permission.VIEW_RETENTION) as work:
            return _detail(work.session, self._get(work, run_id))

    def find(self, school_id: int, number: str) -> RunDetail:
        with self._work(Permission.VIEW_RETENTION, school_id=school_id) as work:
            run = work.session.scalars(
                select(RetentionRun).where(
                    RetentionRun.school_id == school_id, RetentionRun.number == number.strip()
                )
            ).first()
            if run is None:
                raise NotFoundError(f"Er is geen opruimronde met nummer {number.strip()} bij deze school.")
            return _detail(work.session, run)

    # --- the four-eyes flow -----------------------------------------------------------------------

    def propose(
        self, school_id: int, until: date, keys: Collection[str] | None = None, *, now: datetime | None = None
    ) -> RunDetail:
        """A run from the due list up to ``until`` (``keys``: only these DueItem keys). Held records
        become the run's exceptions. The lines are frozen: approval and execution use exactly these."""
        moment = now or utc_now()
        with self._work(Permission.PROPOSE_RETENTION_RUN, school_id=school_id) as work:
            ensure_schedule(work, school_id)
            due, held = _choose(compute_due(work.session, school_id, until), keys)
            if not due:
                raise BadInputError(
                    f"Er is tot en met {until:%d-%m-%Y} niets te vernietigen dat nog niet in een opruimronde "
                    "zit. Kies een latere datum of kijk bij de uitzonderingen."
                )
            taken = work.session.scalars(
                select(RetentionRun.number).where(RetentionRun.school_id == school_id)
            )
            run = RetentionRun(
                school_id=school_id,
                number=next_run_number(local(moment).year, list(taken)),
                status=RunStatus.PROPOSED.value,
                until=until,
                proposed_by_id=work.actor.user_id,
                proposed_by_name=work.actor.full_name,
                proposed_at=moment,
            )
            work.session.add(run)
            work.session.flush()
            decisions = _decision_ids(work.session, [i for i in due if i.key.startswith("consent:")])
            lines = [_new_line(run.id, n, item, decisions) for n, item in enumerate(due + held)]
            work.session.execute(insert(RetentionRunLine), lines)
            work.audit(
                "retention_run_proposed",
                "retention_run",
                run.id,
                school_id=school_id,
                after={"number": run.number, "until": until, **_counts(lines)},
            )
            return _detail(work.session, run)

    def approve(
        self, run_id: int, *, expected_version: int | None = None, now: datetime | None = None
    ) -> RunDetail:
        """Approve a proposed run. Four eyes: whoever proposed it cannot approve it."""
        with self._work(Permission.APPROVE_RETENTION_RUN) as work:
            run = self._get(work, run_id, expected_version)
            self._require(run, RunStatus.PROPOSED)
            if run.proposed_by_id == work.actor.user_id:
                raise PermissionDeniedError(
                    f"U heeft opruimronde {run.number} zelf voorgesteld. Iemand anders (de directeur) moet "
                    "hem goedkeuren: zo kijken er altijd twee mensen naar wat er vernietigd wordt."
                )
            check_independent_approver(work.session, run.proposed_by_id, work.actor.user_id, now or utc_now())
            run.status = RunStatus.APPROVED.value
            run.approved_by_id, run.approved_by_name = work.actor.user_id, work.actor.full_name
            run.approved_at = now or utc_now()
            self._flush(work)
            work.audit(
                "retention_run_approved",
                "retention_run",
                run.id,
                school_id=run.school_id,
                after={"number": run.number},
            )
            return _detail(work.session, run)

    def cancel(self, run_id: int) -> RunDetail:
        """Cancel a run that has not been carried out; its records return to the due list."""
        with self._work(Permission.PROPOSE_RETENTION_RUN) as work:
            run = self._get(work, run_id)
            if run.status not in (RunStatus.PROPOSED.value, RunStatus.APPROVED.value):
                raise BadInputError(
                    f"Opruimronde {run.number} is al {RUN_STATUS_LABELS[RunStatus(run.status)].lower()}."
                )
            run.status = RunStatus.CANCELLED.value
            self._flush(work)
            work.audit(
                "retention_run_cancelled",
                "retention_run",
                run.id,
                school_id=run.school_id,
                after={"number": run.number},
            )
            return _detail(work.session, run)

    def execute(self, run_id: int, *, now: datetime | None = None) -> RunDetail:
        """Carry out an approved run: delete its program records for real, all in one transaction."""
        with self._work(Permission.PROPOSE_RETENTION_RUN) as work:
            run = self._get(work, run_id)
            self._require(run, RunStatus.APPROVED)
            moment = now or utc_now()
            counts = carry_out(
                work.session, _lines(work.session, run.id), work.actor.full_name, local(moment).date()
            )
            run.status = RunStatus.CARRIED_OUT.value
            run.executed_by_name, run.executed_at = work.actor.full_name, moment
            self._flush(work)
            work.audit(
                "retention_run_carried_out",
                "retention_run",
                run.id,
                school_id=run.school_id,
                after={"number": run.number, "deleted": dict(sorted(counts.items()))},
            )
            return _detail(work.session, run)

    def record_external(
        self,
        run_id: int,
        *,
        done_by: str,
        done_on: date,
        method: str,
        certificate_ref: str = "",
        category: str | None = None,
        line_ids: Collection[int] | None = None,
        today: date | None = None,
    ) -> RunDetail:
        """Record that records outside the program were destroyed: by whom, when, how (and the
        processor's certificate number). Applies to the open external lines of the run, or of one category
        (code or label), or to the given lines."""
        by, how = " ".join(done_by.split()), " ".join(method.split())
        if not by or not how:
            raise BadInputError(
                "Vul in wie de stukken vernietigde en hoe, bijvoorbeeld 'Shredderbedrijf Veilig BV' en "
                "'vernietigd door shredderbedrijf, certificaat nr. 4471'."
            )
        if done_on > (today or local(utc_now()).date()):
            raise BadInputError(f"De datum van vernietiging ({done_on:%d-%m-%Y}) ligt in de toekomst.")
        with self._work(Permission.PROPOSE_RETENTION_RUN) as work:
            run = self._get(work, run_id)
            self._require(run, RunStatus.APPROVED, RunStatus.CARRIED_OUT)
            lines = [
                ln
                for ln in _lines(work.session, run.id)
                if ln.kind == LineKind.EXTERNAL.value
                and ln.outcome == Outcome.OPEN.value
                and (category is None or category in (ln.category, ln.category_label))
                and (line_ids is None or ln.id in line_ids)
            ]
            if not lines:
                raise BadInputError(
                    f"In opruimronde {run.number} staan geen open regels buiten dit programma"
                    + (f" voor '{category}'." if category else ".")
                )
            for ln in lines:
                ln.outcome, ln.done_by, ln.done_on = Outcome.DONE.value, by, done_on
                ln.method, ln.certificate_ref = how, certificate_ref.strip()
                if ln.target == "item":
                    item = work.session.get(RetentionItem, ln.target_id)
                    if item is not None:
                        item.done_run_id = run.id
            self._flush(work)
            work.audit(
                "retention_external_recorded",
                "retention_run",
                run.id,
                school_id=run.school_id,
                after={
                    "number": run.number,
                    "categories": sorted({ln.category for ln in lines}),
                    "lines": len(lines),
                    "done_on": done_on,
                },
            )
            return _detail(work.session, run)

    def certificate_pdf(self, run_id: int, generated_at: datetime | None = None) -> bytes:
        """The "Verklaring van vernietiging" of the run (a draft until the run is carried out)."""
        from ibp_desktop.reports.destruction_certificate import render_certificate

        detail = self.detail(run_id)
        return render_certificate(detail, generated_at or utc_now())

    # --- helpers ---------------------------------------------------------------------------------

    @staticmethod
    def _get(work: Work, run_id: int, expected_version: int | None = None) -> RetentionRun:
        run = work.school_record(
            RetentionRun, run_id, "Deze opruimronde bestaat niet (meer). Vernieuw de lijst."
        )
        if expected_version is not None and run.version != expected_version:
            raise StaleEditError(STALE_RUN)
        return run

    @staticmethod
    def _require(run: RetentionRun, *allowed: RunStatus) -> None:
        if run.status not in {s.value for s in allowed}:
            now = RUN_STATUS_LABELS[RunStatus(run.status)].lower()
            raise BadInputError(f"Dat kan niet: opruimronde {run.number} is nu '{now}'.")

    @staticmethod
    def _flush(work: Work) -> None:
        try:
            work.session.flush()
        except StaleDataError as error:
            raise StaleEditError(STALE_RUN) from error
