"""Clean-up runs: four eyes in the service, real deletion in one transaction, audit without names."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from ibp_desktop.core.errors import BadInputError, PermissionDeniedError
from ibp_desktop.core.retention.records import LineKind, Outcome, RunStatus, certificate_sections
from ibp_desktop.services.retention import delete as retention_delete
from ibp_desktop.store.consent_models import ConsentDecision
from ibp_desktop.store.incident_models import Incident, IncidentTimelineEntry
from ibp_desktop.store.models import Pupil
from tests.conftest import SchoolDb
from tests.services.retention_helpers import UNTIL, RetentionSchool, build


def _counts(school: SchoolDb) -> tuple[int, int, int, int]:
    with school.database.transaction() as session:
        return (
            session.scalar(select(func.count(Pupil.id))) or 0,
            session.scalar(select(func.count(ConsentDecision.id))) or 0,
            session.scalar(select(func.count(Incident.id))) or 0,
            session.scalar(select(func.count(IncidentTimelineEntry.id))) or 0,
        )


def _approved_run(rs: RetentionSchool) -> int:
    proposed = rs.runs(rs.admin).propose(rs.school.school_id, UNTIL)
    rs.runs(rs.director).approve(proposed.run.id)
    return proposed.run.id


def test_four_eyes_the_proposer_cannot_approve(school_db: SchoolDb) -> None:
    rs = build(school_db)
    with pytest.raises(PermissionDeniedError):
        rs.runs(rs.director).propose(school_db.school_id, UNTIL)  # the director approves, not proposes
    # The first account holds both roles, and still cannot approve its own proposal.
    own = rs.runs().propose(school_db.school_id, UNTIL)
    assert own.run.number.endswith("-01") and own.run.status is RunStatus.PROPOSED
    with pytest.raises(PermissionDeniedError, match="zelf voorgesteld"):
        rs.runs().approve(own.run.id)
    with pytest.raises(PermissionDeniedError):
        rs.runs(rs.admin).approve(own.run.id)  # no approval right at all
    with pytest.raises(BadInputError, match="wacht op goedkeuring"):
        rs.runs(rs.admin).execute(own.run.id)  # not approved yet
    approved = rs.runs(rs.director).approve(own.run.id)
    assert approved.run.approved_by == "Joost van den Heuvel" and approved.run.status is RunStatus.APPROVED
    with pytest.raises(BadInputError):
        rs.runs(rs.director).approve(own.run.id)  # only once
    # Everything already in a run is not proposed again.
    with pytest.raises(BadInputError, match="niets te vernietigen"):
        rs.runs(rs.admin).propose(school_db.school_id, UNTIL)


def test_a_run_deletes_program_records_for_real_and_records_the_rest(school_db: SchoolDb) -> None:
    rs = build(school_db)
    before = _counts(school_db)
    run_id = _approved_run(rs)
    done = rs.runs(rs.admin).execute(run_id)
    assert done.run.status is RunStatus.CARRIED_OUT and done.run.executed_by == "Fatima El Amrani"
    # Two pupils gone with their 20 decisions, the incident with its 2 timeline lines; the rest stays.
    assert _counts(school_db) == (before[0] - 2, before[1] - 20, before[2] - 1, before[3] - 2)
    with school_db.database.transaction() as session:
        left = {p.pupil_number for p in session.scalars(select(Pupil))}
    assert left == {"70003", "70004"}
    program = [ln for ln in done.lines if ln.kind is LineKind.PROGRAM]
    assert program and all(
        ln.outcome is Outcome.DELETED and ln.done_by == "Fatima El Amrani" for ln in program
    )
    assert done.run.program_records == 20 + 1 + 2

    external = [ln for ln in done.lines if ln.kind is LineKind.EXTERNAL]
    assert {ln.pupil_number for ln in external} == {"70001", "70002"} and done.run.external_open == len(
        external
    )
    recorded = rs.runs(rs.admin).record_external(
        run_id,
        category="leerlingdossier",
        done_by="Shredderbedrijf Veilig BV",
        done_on=date(2026, 9, 3),
        method="vernietigd door shredderbedrijf",
        certificate_ref="VB-2026-4471",
        today=date(2026, 9, 4),
    )
    dossier = [ln for ln in recorded.lines if ln.category == "leerlingdossier"]
    assert all(ln.outcome is Outcome.DONE and ln.certificate_ref == "VB-2026-4471" for ln in dossier)
    assert recorded.run.external_open == len(external) - 2
    with pytest.raises(BadInputError, match="in de toekomst"):
        rs.runs(rs.admin).record_external(
            run_id, done_by="x", done_on=date(2026, 9, 5), method="y", today=date(2026, 9, 4)
        )
    sections = {s.category_label: s for s in certificate_sections(recorded.lines)}
    consent = next(s for s in sections.values() if s.category_label.startswith("Toestemmingen"))
    assert consent.records == 20 and consent.pupil_numbers == ()  # program records: counts only
    files = next(s for s in sections.values() if s.category_label.startswith("Leerlingdossier"))
    assert files.pupil_numbers == ("70001", "70002") and files.certificate_refs == ("VB-2026-4471",)
    assert files.period_from == files.period_to == date(2019, 7, 12)
    # Done records do not come back on the due list.
    again = rs.service().due_items(school_db.school_id, UNTIL)
    assert not [i for i in again if i.category == "leerlingdossier"]


def test_an_interrupted_run_leaves_everything_as_before(
    school_db: SchoolDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    rs = build(school_db)
    run_id = _approved_run(rs)
    before = _counts(school_db)

    def broken(*_args: object) -> None:
        raise RuntimeError("stroomstoring")

    # Consent and the incident are deleted first; then it breaks at the pupils.
    monkeypatch.setattr(retention_delete, "_delete_pupils", broken)
    with pytest.raises(RuntimeError):
        rs.runs(rs.admin).execute(run_id)
    assert _counts(school_db) == before
    detail = rs.runs().detail(run_id)
    assert detail.run.status is RunStatus.APPROVED
    assert all(ln.outcome is Outcome.OPEN for ln in detail.lines)
    # On screen the pupils are named while they exist (issue 16); the stored lines keep numbers only.
    named = [ln for ln in detail.lines if ln.pupil_name]
    assert named and all(ln.shown.startswith(ln.pupil_name) for ln in named)
    assert not any(ln.pupil_name in ln.description for ln in named)
    monkeypatch.undo()
    done = rs.runs(rs.admin).execute(run_id)
    assert done.run.status is RunStatus.CARRIED_OUT
    assert not any(ln.pupil_name for ln in done.lines if ln.target == "pupil")  # the pupils are gone


def test_a_hold_placed_after_approval_still_stops_the_deletion(sqlcipher_school: SchoolDb) -> None:
    rs = build(sqlcipher_school)
    run_id = _approved_run(rs)
    rs.service().set_pupil_marks(rs.pupils["70002"], hold_reason="Geschil met ouders")
    done = rs.runs(rs.admin).execute(run_id)
    skipped = [ln for ln in done.lines if ln.outcome is Outcome.SKIPPED]
    assert {ln.target for ln in skipped} == {"consent", "pupil"}
    assert all("Geschil met ouders" in ln.outcome_note for ln in skipped)
    with sqlcipher_school.database.transaction() as session:
        assert session.get(Pupil, rs.pupils["70002"]) is not None
        assert session.get(Pupil, rs.pupils["70001"]) is None


def test_held_records_become_exceptions_and_cancel_returns_them(sqlcipher_school: SchoolDb) -> None:
    rs = build(sqlcipher_school)
    rs.service().set_pupil_marks(rs.pupils["70002"], hold_reason="Geschil met ouders")
    proposed = rs.runs(rs.admin).propose(sqlcipher_school.school_id, UNTIL)
    exceptions = [ln for ln in proposed.lines if ln.kind is LineKind.EXCEPTION]
    assert {ln.pupil_number for ln in exceptions} == {"70002"} and proposed.run.exceptions == len(exceptions)
    assert rs.runs(rs.admin).cancel(proposed.run.id).run.status is RunStatus.CANCELLED
    due = rs.service().due_items(sqlcipher_school.school_id, UNTIL)
    assert all(i.run_number is None for i in due)
    second = rs.runs(rs.admin).propose(sqlcipher_school.school_id, UNTIL, keys=[due[0].key])
    assert second.run.number.endswith("-02") and len(second.lines) == 1 + len(exceptions) - len(exceptions)
    with pytest.raises(BadInputError, match="niet \\(meer\\) op de lijst"):
        rs.runs(rs.admin).propose(sqlcipher_school.school_id, UNTIL, keys=["consent:toestemmingen:99999"])


def test_a_pupil_another_table_refers_to_is_kept(sqlcipher_school: SchoolDb) -> None:
    from ibp_desktop.store.request_models import SubjectRequest

    rs = build(sqlcipher_school)
    with sqlcipher_school.database.transaction() as session:
        session.add(
            SubjectRequest(
                school_id=sqlcipher_school.school_id, number="2026-001", received_on=date(2026, 5, 1),
                requester_name="Ouder", relation="guardian", pupil_id=rs.pupils["70001"], right="access",
                id_check="paspoort gezien", deadline_on=date(2026, 6, 1),
            )
        )  # fmt: skip
    due = {i.key: i for i in rs.service().due_items(sqlcipher_school.school_id, UNTIL)}
    row = due[f"pupil:leerlingen_programma:{rs.pupils['70001']}"]
    assert row.held and "verzoeken van betrokkenen" in row.hold_reason
    assert not due[f"consent:toestemmingen:{rs.pupils['70001']}"].held  # the consent may still go
    done = rs.runs(rs.director).approve(rs.runs(rs.admin).propose(sqlcipher_school.school_id, UNTIL).run.id)
    done = rs.runs(rs.admin).execute(done.run.id)
    with sqlcipher_school.database.transaction() as session:
        assert session.get(Pupil, rs.pupils["70001"]) is not None
        assert session.get(Pupil, rs.pupils["70002"]) is None
