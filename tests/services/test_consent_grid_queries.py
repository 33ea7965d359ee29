"""The group overview's set-based grid (grid_queries) gives the very statuses the whole history gives.

grid_rows reads pupils and decisions in two plain queries for a whole school or group (decisions up to
the day, for the form's purposes only); status_rows reads ORM pupils and then every decision of each of
them, in chunks, and lets the consent rules pick. On long made-up
histories (three form versions, purposes asked again, 16-year-olds, withdrawals, two parents who
disagree, answers dated after the day, pupils who left), on both database backends, they must agree
for every day, group and validity setting.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from ibp_desktop.core.consent.rules import ConsentState, Relation
from ibp_desktop.services.consent.decisions import ConsentService
from ibp_desktop.services.consent.forms import FormVersionInfo, form_info, latest_form
from ibp_desktop.services.consent.grid_queries import grid_rows
from ibp_desktop.services.consent.queries import enrolled_pupils, school_groups, status_rows
from ibp_desktop.store.consent_models import ConsentDecision, ConsentFormVersion
from ibp_desktop.store.models import Group, Pupil
from tests.conftest import SchoolDb

DAYS = (date(2024, 10, 1), date(2025, 6, 15), date(2026, 11, 28))
FIRST, LAST = date(2023, 9, 1), date(2027, 6, 30)  # answers from before the first day to after the last
BIRTHS = (date(2008, 2, 29), date(2009, 11, 28), date(2010, 6, 1), date(2015, 3, 5), date(2018, 8, 1))


def _fill(school: SchoolDb) -> None:
    service = ConsentService(school.database, school.actor)
    sid = school.school_id
    purposes = service.current_form(sid).purposes
    service.set_form_text(sid, "Nieuwe tekst.", ask_again={purposes[0].purpose_id, purposes[1].purpose_id})
    service.add_purpose(sid, "Schoolkrant")  # version 3: a purpose nobody was asked before
    rng = random.Random(17)
    with school.database.transaction() as session:
        versions = list(session.query(ConsentFormVersion).filter_by(school_id=sid))
        form = form_info(session, latest_form(session, sid))
        groups = [Group(school_id=sid, name=name, sort_order=i) for i, name in enumerate(("3", "5", "8"))]
        session.add_all(groups)
        session.flush()
        pupils = [
            Pupil(
                school_id=sid, pupil_number=str(5000 + n), first_name=("Şükrü", "Łucja", "An")[n % 3],
                infix="van der" if n % 4 == 0 else "", last_name=f"Berg-de Vries {n % 7}",  # same names too
                date_of_birth=BIRTHS[n % len(BIRTHS)] + timedelta(days=n),
                group_id=groups[n % 3].id if n % 11 else None,
                deregistered_on=date(2025, 1, 31) if n % 13 == 0 else None,
            )
            for n in range(70)
        ]  # fmt: skip
        session.add_all(pupils)
        session.flush()
        rows = [
            ConsentDecision(
                pupil_id=pupil.id, purpose_id=purpose.purpose_id, granted=(granted := rng.random() < 0.7),
                withdrawal=not granted and rng.random() < 0.3, school_year="2025-2026",
                form_version_id=rng.choice(versions).id, given_by="Ouder",
                relation=rng.choice(list(Relation)).value, channel="paper",
                # Often the very same day twice: then the one recorded later counts.
                given_on=rng.choice((FIRST + timedelta(days=rng.randrange((LAST - FIRST).days)), DAYS[1])),
                follow_up="",
            )
            for pupil in pupils
            for purpose in form.purposes
            for _ in range(rng.choice((0, 1, 1, 2, 4, 7)))
        ]  # fmt: skip
        rng.shuffle(rows)  # recorded in another order than given: ids do not follow the dates
        session.add_all(rows)


def test_the_latest_decisions_give_the_statuses_of_the_whole_history(school_db: SchoolDb) -> None:
    _fill(school_db)
    sid = school_db.school_id
    seen: set[ConsentState] = set()
    with school_db.database.transaction() as session:
        form: FormVersionInfo = form_info(session, latest_form(session, sid))
        groups = [None, *(g.id for g in school_groups(session, sid))]
        for on in DAYS:
            for yearly in (False, True):
                asked = replace(form, yearly=yearly)
                for group_id in groups:
                    fast = grid_rows(session, sid, group_id, asked, on)
                    full = status_rows(session, enrolled_pupils(session, sid, group_id, on), asked, on)
                    # The same register order (pupils with the very same name: any order among them;
                    # the old query had none), and per pupil the same statuses.
                    assert [r.pupil.sort_name for r in fast] == [r.pupil.sort_name for r in full]
                    case = (on, yearly, group_id)
                    assert {r.pupil.id: r for r in fast} == {r.pupil.id: r for r in full}, case
                    seen |= {p.status.state for row in fast for p in row.purposes}
        whole = grid_rows(session, sid, None, form, DAYS[-1])
    assert seen == set(ConsentState)  # every outcome of the rules came up, so the check means something
    assert any(p.status.pupil_decides for row in whole for p in row.purposes)
    assert any(len(p.status.counted) > 1 for row in whole for p in row.purposes)  # two parents
    assert len(whole) == 70 - 6  # those who left on 31-01-2025 are not in the grid of 28-11-2026
