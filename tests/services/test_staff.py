"""Staff awareness: acknowledgements per version (a new version resets the count), sessions that tick
off the yearly calendar, "nog niet bijgepraat" for new staff, leavers and the access-rights checklist,
figures without names, and who may do what."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from ibp_desktop.core.errors import BadInputError, PermissionDeniedError
from ibp_desktop.core.roles import Role
from ibp_desktop.core.staff.records import SessionInput, StaffInput
from ibp_desktop.core.staff.rules import Leader, Method, Topic
from ibp_desktop.services.access.rights import AccessRightsService
from ibp_desktop.services.policy.ibp_calendar import IbpCalendarService
from ibp_desktop.services.staff.register import StaffService
from ibp_desktop.store.models import AuditEntry
from tests.conftest import SchoolDb
from tests.services.incident_helpers import actor_with
from tests.services.staff_helpers import NAMES, TODAY, new_code_version, staff_list


def _status(service: StaffService, school_id: int) -> dict[str, str]:
    return {row.name: row.status_text for row in service.list_staff(school_id, TODAY)}


def test_a_new_version_resets_the_count(school_db: SchoolDb) -> None:
    service = StaffService(school_db.database, school_db.actor)
    ids = staff_list(school_db)
    with pytest.raises(BadInputError, match="nog geen versie"):
        service.acknowledge([ids[NAMES[0]]], date(2026, 9, 1), Method.PAPER, today=TODAY)
    new_code_version(school_db, date(2025, 6, 1))
    assert service.acknowledge(list(ids.values())[:3], date(2025, 9, 10), Method.MEETING, today=TODAY) == 3
    assert service.acknowledge([ids[NAMES[0]]], date(2025, 9, 11), Method.PAPER, today=TODAY) == 0
    figures = service.figures([school_db.school_id], (date(2026, 1, 1), date(2026, 12, 31)), TODAY)
    assert (figures.acknowledged_current, figures.active, figures.code_version) == (3, 4, 1)
    assert figures.acknowledged_share == "3 van 4 (75%)"

    new_code_version(school_db, date(2026, 10, 1))
    status = _status(service, school_db.school_id)
    assert status[NAMES[0]] == "Nieuwe versie nog niet getekend"
    assert status[NAMES[3]] == "Nog niet bijgepraat"  # started 01-09-2026, nothing yet
    figures = service.figures([school_db.school_id], (date(2026, 1, 1), date(2026, 12, 31)), TODAY)
    assert (figures.acknowledged_current, figures.new_version_pending, figures.code_version) == (0, 3, 2)

    service.acknowledge([ids[NAMES[1]]], date(2026, 10, 5), Method.EMAIL, today=TODAY)
    rows = {r.name: r for r in service.list_staff(school_db.school_id, TODAY)}
    assert rows[NAMES[1]].status_text == "Bijgepraat" and rows[NAMES[1]].acknowledged_on == date(2026, 10, 5)
    assert rows[NAMES[1]].acknowledged_how == "email"
    with pytest.raises(BadInputError, match="in de toekomst"):
        service.acknowledge([ids[NAMES[2]]], date(2026, 12, 1), Method.PAPER, today=TODAY)


def test_a_session_informs_new_staff_and_ticks_the_calendar(school_db: SchoolDb) -> None:
    service = StaffService(school_db.database, school_db.actor)
    ids = staff_list(school_db)
    new = ids[NAMES[3]]  # started 01-09-2026
    session = service.add_session(
        school_db.school_id,
        SessionInput(date(2026, 9, 22), Topic.PHISHING, Leader.ICT, (new, ids[NAMES[0]])),
        TODAY,
    )
    assert session.topic_label == "Phishing" and session.led_by_label == "ICT'er"
    assert session.attendee_names == (NAMES[3], NAMES[0])
    assert _status(service, school_db.school_id)[NAMES[3]] == "Bijgepraat"
    calendar = IbpCalendarService(school_db.database, school_db.actor)
    september = next(
        o
        for o in calendar.occurrences(school_db.school_id, 2026, TODAY)
        if o.title.startswith("Bewustwording") and o.month == 9
    )
    assert september.done_on == date(2026, 9, 22) and "Phishing" in september.note
    figures = service.figures([school_db.school_id], (date(2026, 1, 1), date(2026, 12, 31)), TODAY)
    assert figures.sessions_by_topic == {"Phishing": 1}
    assert (figures.new_staff, figures.new_staff_informed_in_month) == (1, 1)
    with pytest.raises(BadInputError, match="in de toekomst"):
        service.add_session(
            school_db.school_id, SessionInput(date(2026, 12, 2), Topic.CLEAN_DESK, Leader.DPO), TODAY
        )


def test_new_staff_informed_late_do_not_count_as_within_the_month(school_db: SchoolDb) -> None:
    service = StaffService(school_db.database, school_db.actor)
    ids = staff_list(school_db)
    service.add_session(
        school_db.school_id,
        SessionInput(date(2026, 10, 2), Topic.EMAIL_BCC, Leader.DIRECTOR, (ids[NAMES[3]],)),
        TODAY,
    )
    figures = service.figures([school_db.school_id], (date(2026, 1, 1), date(2026, 12, 31)), TODAY)
    assert (figures.new_staff, figures.new_staff_informed_in_month) == (1, 0)


def test_a_leaver_with_access_gets_the_access_rights_checklist(school_db: SchoolDb) -> None:
    service = StaffService(school_db.database, school_db.actor)
    access = AccessRightsService(school_db.database, school_db.actor)
    ids = staff_list(school_db)
    system = access.add_default_systems(school_db.school_id)[0]
    access.grant(system.id, ids[NAMES[1]], "Bewerken", date(2020, 1, 1))
    row = next(r for r in service.list_staff(school_db.school_id, TODAY) if r.name == NAMES[1])
    changed = service.update_staff(
        row.id, row.version, StaffInput(NAMES[1], "Leerkracht", row.started_on, date(2026, 12, 31)), TODAY
    )
    assert changed.left_on == date(2026, 12, 31) and changed.status_text != "Uit dienst"
    [checklist] = access.checklists(school_db.school_id, open_only=True)
    assert checklist.person_name == NAMES[1] and [i.system_name for i in checklist.items] == [system.name]
    with pytest.raises(BadInputError, match="uit dienst sinds 31-12-2026"):
        service.add_session(
            school_db.school_id,
            SessionInput(date(2027, 1, 5), Topic.NEW_RULES, Leader.DPO, (row.id,)),
            date(2027, 1, 6),
        )
    with pytest.raises(BadInputError, match="vóór de datum in dienst"):
        service.add_staff(school_db.school_id, StaffInput("X", "", date(2026, 1, 2), date(2026, 1, 1)))
    with pytest.raises(BadInputError, match="geen geldig e-mailadres"):
        service.add_staff(school_db.school_id, StaffInput("X", email="x@"))


def test_roles_record_read_and_figures_only(school_db: SchoolDb) -> None:
    ids = staff_list(school_db)
    new_code_version(school_db, date(2025, 6, 1))
    ict = StaffService(school_db.database, actor_with(school_db, "ict", Role.ICT))
    assert ict.acknowledge([ids[NAMES[0]]], date(2026, 9, 1), Method.PAPER, today=TODAY) == 1
    fg = StaffService(school_db.database, actor_with(school_db, "fg", Role.DPO))
    assert len(fg.list_staff(school_db.school_id, TODAY)) == 4
    with pytest.raises(PermissionDeniedError):
        fg.acknowledge([ids[NAMES[1]]], date(2026, 9, 1), Method.PAPER, today=TODAY)
    board = StaffService(school_db.database, actor_with(school_db, "bestuur", Role.BOARD))
    with pytest.raises(PermissionDeniedError):
        board.list_staff(school_db.school_id, TODAY)
    figures = board.figures([school_db.school_id], (date(2026, 1, 1), date(2026, 12, 31)), TODAY)
    assert figures.acknowledged_current == 1
    admin = StaffService(school_db.database, actor_with(school_db, "admin", Role.ADMINISTRATION))
    with pytest.raises(PermissionDeniedError):
        admin.list_staff(school_db.school_id, TODAY)
    with school_db.database.transaction() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action.like("staff%"))).all()
        assert entries and all(name not in e.details for e in entries for name in NAMES)


def test_the_annual_report_shows_the_figures_without_names(school_db: SchoolDb) -> None:
    from datetime import UTC, datetime

    from ibp_desktop.core.annual_figures import PeriodKind, ReportPeriod
    from ibp_desktop.services.reports.annual import AnnualReportService
    from tests.reports.pdf_helpers import page_texts

    service = StaffService(school_db.database, school_db.actor)
    ids = staff_list(school_db)  # Anne-Fleur started 01-09-2026
    new_code_version(school_db, date(2026, 6, 1))
    service.acknowledge(
        [ids[NAMES[0]], ids[NAMES[1]], ids[NAMES[2]]], date(2026, 9, 3), Method.PAPER, today=TODAY
    )
    for held_on, topic in ((date(2026, 9, 15), Topic.PHISHING), (date(2026, 11, 3), Topic.PHISHING)):
        service.add_session(
            school_db.school_id, SessionInput(held_on, topic, Leader.ICT, (ids[NAMES[3]],)), TODAY
        )
    service.add_session(
        school_db.school_id, SessionInput(date(2026, 10, 6), Topic.CLEAN_DESK, Leader.DIRECTOR), TODAY
    )
    board = AnnualReportService(school_db.database, actor_with(school_db, "bestuur", Role.BOARD))
    period = ReportPeriod(PeriodKind.SCHOOL_YEAR, 2026)
    pdf = board.pdf(period, school_db.school_id, now=datetime(2026, 11, 28, 12, tzinfo=UTC))
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert "7. Medewerkers: gedragsregels en bewustwording" in text
    assert "3 van 4 (75%) (versie 1)" in text
    assert "1 van 1 (100%)" in text  # the one newcomer attended in her first month
    assert "Phishing 2" in text and "Clean desk 1" in text
    assert not any(name in text for name in NAMES)


def test_the_overzicht_shows_what_is_behind_without_names(school_db: SchoolDb) -> None:
    from ibp_desktop.services.dashboard.overview import DashboardService

    service = StaffService(school_db.database, school_db.actor)
    ids = staff_list(school_db)
    new_code_version(school_db, date(2025, 6, 1))
    service.acknowledge([ids[NAMES[0]], ids[NAMES[1]]], date(2025, 9, 1), Method.PAPER, today=TODAY)
    new_code_version(school_db, date(2026, 10, 1))
    service.add_staff(school_db.school_id, StaffInput("Daan Kramer", "Leerkracht", date(2026, 11, 16)), TODAY)
    texts = [i.text for i in DashboardService(school_db.database, school_db.actor).overview(TODAY).attention]
    assert "Gedragsregels versie 2: 2 medewerkers moeten nog tekenen." in texts
    # Nguyễn (since 2022) and Anne-Fleur (since 01-09-2026) were never informed.
    assert any(t.startswith("2 medewerkers zijn al langer dan een maand in dienst") for t in texts)
    assert any(t.startswith("1 nieuwe medewerker: nog niet bijgepraat") for t in texts)  # since 16-11
    board = DashboardService(school_db.database, actor_with(school_db, "bestuur", Role.BOARD))
    assert not any("Gedragsregels" in i.text for i in board.overview(TODAY).attention)


def test_attendance_is_corrected_and_a_wrong_acknowledgement_withdrawn(school_db: SchoolDb) -> None:
    service = StaffService(school_db.database, school_db.actor)
    ids = staff_list(school_db)
    new_code_version(school_db, date(2026, 6, 1))
    session = service.add_session(
        school_db.school_id,
        SessionInput(date(2026, 9, 22), Topic.PHISHING, Leader.ICT, (ids[NAMES[0]],)),
        TODAY,
    )
    fixed = service.set_attendance(session.id, session.version, [ids[NAMES[1]], ids[NAMES[3]]])
    assert fixed.attendee_names == (NAMES[3], NAMES[1])
    service.acknowledge([ids[NAMES[2]]], date(2026, 9, 3), Method.PAPER, today=TODAY)
    service.withdraw_acknowledgement(ids[NAMES[2]])
    assert _status(service, school_db.school_id)[NAMES[2]] == "Nog niet bijgepraat"
    with pytest.raises(BadInputError, match="nog niet getekend"):
        service.withdraw_acknowledgement(ids[NAMES[2]])
