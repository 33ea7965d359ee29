"""The consent validity setting in the services: the group overview and the Overzicht follow it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ibp_desktop.core.consent.rules import ConsentState, ConsentValidity
from ibp_desktop.core.consent.school_year import school_year_of
from ibp_desktop.core.errors import PermissionDeniedError
from ibp_desktop.core.roles import Role
from ibp_desktop.services.consent.decisions import ConsentService
from ibp_desktop.services.consent.validity import ConsentValidityService
from ibp_desktop.services.dashboard.overview import DashboardService
from tests.conftest import SchoolDb
from tests.services.incident_helpers import actor_with
from tests.services.test_consent import TODAY, add_pupils, yes_to_all


def test_a_yes_from_last_school_year_lapses_with_yearly_validity(sqlcipher_school: SchoolDb) -> None:
    school = sqlcipher_school.school_id
    ids = add_pupils(sqlcipher_school)
    consent = ConsentService(sqlcipher_school.database, sqlcipher_school.actor)
    last_year = school_year_of(TODAY).starts_on - timedelta(days=30)
    consent.record_form(
        ids["1001"], yes_to_all(consent, school), "Ayşe Yılmaz", "ouder/verzorger 1", "papier", last_year
    )
    settings = ConsentValidityService(sqlcipher_school.database, sqlcipher_school.actor)
    assert settings.validity(school) is ConsentValidity.UNTIL_WITHDRAWN  # the default: the AP's reading

    def state() -> ConsentState:
        grid = consent.group_grid(school, None, TODAY)
        row = next(r for r in grid.rows if r.pupil.id == ids["1001"])
        return row.purposes[0].status.state

    assert state() is ConsentState.GRANTED
    settings.set_validity(school, ConsentValidity.SCHOOL_YEAR)
    assert state() is ConsentState.ASK_AGAIN  # "opnieuw vragen": counts as no on the teacher's list
    fg = ConsentValidityService(sqlcipher_school.database, actor_with(sqlcipher_school, "fg", Role.DPO))
    with pytest.raises(PermissionDeniedError):
        fg.set_validity(school, ConsentValidity.UNTIL_WITHDRAWN)


def test_the_overzicht_asks_for_a_yearly_round_only_with_yearly_validity(sqlcipher_school: SchoolDb) -> None:
    school = sqlcipher_school.school_id
    september = date(TODAY.year, 9, 15)
    dashboard = DashboardService(sqlcipher_school.database, sqlcipher_school.actor)

    def asks() -> bool:
        return any("toestemmingsronde" in i.text for i in dashboard.overview(september).attention)

    assert not asks()
    ConsentValidityService(sqlcipher_school.database, sqlcipher_school.actor).set_validity(
        school, ConsentValidity.SCHOOL_YEAR
    )
    assert asks()
