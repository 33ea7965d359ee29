"""Consent campaigns, who may do what, and the demo data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ibp_desktop.core.consent.rules import ConsentState
from ibp_desktop.core.consent.school_year import school_year_of
from ibp_desktop.core.errors import BadInputError, PermissionDeniedError
from ibp_desktop.core.roles import Role
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.consent.decisions import ConsentService
from ibp_desktop.services.database.connection import open_location
from ibp_desktop.services.demo.school import DEMO_ACCOUNTS
from tests.conftest import SchoolDb
from tests.services.test_consent import LAST_WEEK, TODAY, add_pupils, decision_count, yes_to_all

YEAR = school_year_of(TODAY)


def test_campaign_counts_returned_forms_per_group(school_db: SchoolDb) -> None:
    ids = add_pupils(school_db)
    service = ConsentService(school_db.database, school_db.actor)
    sid = school_db.school_id
    campaign = service.start_campaign(sid, YEAR.label, date(YEAR.start_year, 10, 1))
    assert (campaign.form_number, campaign.started_by) == (1, "Anne-Fleur van der Berg-de Vries")
    service.record_form(
        ids["1001"], yes_to_all(service, sid), "Ayşe Yılmaz", "ouder/verzorger 1", "papier", TODAY
    )
    progress = service.campaign_progress(campaign.id)
    assert [(g.group_name, g.total, g.returned, g.missing) for g in progress.groups] == [
        ("5", 3, 1, 2),
        ("8", 1, 0, 1),
    ]
    assert [p.name for p in progress.missing] == [
        "Anne-Fleur van der Berg-de Vries",
        "An Nguyễn Văn",
        "Łucja Wiśniewska",
    ]
    assert (progress.total, progress.returned) == (4, 1)
    assert service.current_campaign(sid) == campaign
    group8 = service.find_group(sid, "8")
    assert [g.group_name for g in service.campaign_progress(campaign.id, group8.id).groups] == ["8"]


def test_campaign_input_is_checked(sqlcipher_school: SchoolDb) -> None:
    service = ConsentService(sqlcipher_school.database, sqlcipher_school.actor)
    sid = sqlcipher_school.school_id
    with pytest.raises(BadInputError, match="Schooljaar '2026' bestaat niet"):
        service.start_campaign(sid, "2026", date(2026, 10, 1))
    with pytest.raises(BadInputError, match="valt niet in schooljaar 2026-2027"):
        service.start_campaign(sid, "2026-2027", date(2026, 7, 1))
    service.start_campaign(sid, "2026-2027", date(2026, 10, 1))
    with pytest.raises(BadInputError, match="Er loopt al een ronde voor schooljaar 2026-2027"):
        service.start_campaign(sid, "2026-2027", date(2026, 10, 15))
    assert service.current_campaign(sid) is not None and len(service.campaigns(sid)) == 1


def _as(school: SchoolDb, role: Role) -> ConsentService:
    UserService(school.database, school.actor).add_user(
        "rol", "Łucja Wiśniewska", "Tijdelijk-123", frozenset({role})
    )
    return ConsentService(school.database, login(school.database, "rol", "Tijdelijk-123"))


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_permissions(sqlcipher_school: SchoolDb, role: Role) -> None:
    ids = add_pupils(sqlcipher_school)
    sid = sqlcipher_school.school_id
    owner = ConsentService(sqlcipher_school.database, sqlcipher_school.actor)
    answers = yes_to_all(owner, sid)
    service = _as(sqlcipher_school, role)
    may = {
        "read": role in {Role.ADMINISTRATION, Role.DIRECTOR, Role.DPO},  # the board sees figures only
        "record": role in {Role.ADMINISTRATION, Role.DIRECTOR},
        "print": role in {Role.ADMINISTRATION, Role.DIRECTOR},
        "forms": role is Role.DIRECTOR,
    }
    actions = {
        "read": lambda: service.group_grid(sid, None),
        "record": lambda: service.record_form(
            ids["1001"], answers, "Ayşe", "ouder/verzorger 1", "papier", LAST_WEEK
        ),
        "print": lambda: service.overview_pdf(sid),
        "forms": lambda: service.add_purpose(sid, "Schoolkrant"),
    }
    for name, action in actions.items():
        if may[name]:
            action()
        else:
            with pytest.raises(PermissionDeniedError, match="geen rechten"):
                action()
    assert decision_count(sqlcipher_school) == (10 if may["record"] else 0)


def test_the_demo_school_has_consent_a_campaign_and_the_odd_case(tmp_path: Path, demo_copy) -> None:
    location = demo_copy(TODAY)
    database = open_location(location)
    try:
        director = next(a for a in DEMO_ACCOUNTS if a.role is Role.DIRECTOR)
        service = ConsentService(database, login(database, director.username, director.password))
        sid = next(iter(service.actor.school_ids))
        grid = service.group_grid(sid, None)
        states = [p.status.state for r in grid.rows for p in r.purposes]
        no_answer = sum(all(p.status.state is ConsentState.NO_ANSWER for p in r.purposes) for r in grid.rows)
        assert 0.04 < no_answer / len(grid.rows) < 0.2
        assert states.count(ConsentState.GRANTED) > len(states) * 0.6
        assert ConsentState.REFUSED in states and ConsentState.CONFLICT in states
        campaign = service.current_campaign(sid)
        assert campaign is not None and campaign.school_year == YEAR.label
        progress = service.campaign_progress(campaign.id)
        assert 0 < len(progress.missing) < progress.total
    finally:
        database.dispose()
