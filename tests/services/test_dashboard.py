"""The Overzicht figures, computed on the demo school."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.accounts.schools import SchoolService
from ibp_desktop.services.dashboard.overview import DashboardService
from ibp_desktop.services.database.connection import Location, open_location
from ibp_desktop.services.demo.data import demo_pupils
from ibp_desktop.services.demo.school import DEMO_ACCOUNTS, DEMO_SCHOOL, create_demo

TODAY = date(2026, 11, 28)


def test_demo_school_figures(tmp_path: Path, demo_copy) -> None:
    location = demo_copy(TODAY)
    database = open_location(location)
    by_name = {a.username: a for a in DEMO_ACCOUNTS}
    director = login(database, "directeur", by_name["directeur"].password)

    overview = DashboardService(database, director).overview(TODAY)
    expected = demo_pupils(TODAY)
    enrolled = [p for p in expected if p.deregistered_on is None]
    assert overview.school_year == "2026-2027"
    (school,) = overview.schools
    assert school.school_name == DEMO_SCHOOL
    assert school.pupils_enrolled == len(enrolled) == 200
    assert school.groups == len({p.group_name for p in expected})
    assert overview.active_accounts is None  # a director does not manage accounts
    assert SchoolService(database, director).visible_schools()[0].pupils_enrolled == 200

    officer = login(database, "security", by_name["security"].password)
    assert DashboardService(database, officer).overview(TODAY).active_accounts == len(DEMO_ACCOUNTS)
    database.dispose()


def test_pupils_turning_sixteen_are_flagged(tmp_path: Path, demo_copy) -> None:
    from ibp_desktop.store.models import Pupil

    location = demo_copy(TODAY)
    database = open_location(location)
    with database.transaction() as session:
        pupil = session.query(Pupil).filter(Pupil.last_name == "Yılmaz").one()
        pupil.date_of_birth = date(2010, 12, 20)  # special primary education: 16 in December
    director = login(database, "directeur", "Regenboog-directeur")
    texts = [item.text for item in DashboardService(database, director).overview(TODAY).attention]
    assert any("Şükrü Yılmaz wordt 16 op 20-12-2026" in text for text in texts)
    database.dispose()


def test_attention_lists_breach_clock_consent_backup_and_retention(tmp_path: Path) -> None:
    from datetime import datetime, timedelta

    from ibp_desktop.core.incidents.rules import AMSTERDAM
    from ibp_desktop.services.database.backup import make_backup

    # A fixed day (the demo's incidents keep the time of day they were written at; use the same moment).
    location = Location(data_dir=tmp_path / "demo")
    create_demo(location, TODAY)
    now = datetime.combine(TODAY, datetime.now(AMSTERDAM).time(), AMSTERDAM)
    database = open_location(location)
    officer = login(database, "security", "Regenboog-security")
    items = DashboardService(database, officer).overview(TODAY, now=now).attention
    breach = [i for i in items if i.area == "incidenten" and "artikel 34" not in i.text]
    assert breach and all("om te melden bij de AP" in i.text for i in breach)
    # Issue 16: a running 72-hour clock is urgent from the first hour and comes before everything else
    # (a four-week-old late request included), the earliest deadline first.
    assert {i.severity for i in breach} == {"urgent"}
    assert items[: len(breach)] == breach
    found = [re.search(r"nog (\d+) uur", i.text) for i in breach]
    hours = [int(match.group(1)) for match in found if match]
    assert hours == sorted(hours)
    order = {"urgent": 0, "warning": 1, "info": 2}
    assert [order[i.severity] for i in items] == sorted(order[i.severity] for i in items)  # pressing first
    assert any(i.area == "beheer" and "nog geen back-up" in i.text for i in items)
    assert not any(i.area == "leerlingen" for i in items)  # the security officer sees no pupils

    make_backup(database, location)
    later = datetime.now(AMSTERDAM) + timedelta(minutes=1)  # the backup is stamped with the real clock
    items = DashboardService(database, officer).overview(later.date(), now=later).attention
    assert not any("back-up" in i.text for i in items)

    administration = login(database, "administratie", "Regenboog-administratie")
    texts = [i.text for i in DashboardService(database, administration).overview(TODAY, now=now).attention]
    assert any("toestemmingsformulier" in t and "nog voor schooljaar" in t for t in texts)
    assert not any("Datalek" in t for t in texts)  # administration does not see the register
    director = login(database, "directeur", "Regenboog-directeur")
    areas = {i.area for i in DashboardService(database, director).overview(TODAY, now=now).attention}
    assert "bewaartermijnen" in areas
    database.dispose()


def test_refresh_recomputes_one_area_and_reuses_the_rest(tmp_path: Path, demo_copy) -> None:
    from typing import Any

    from sqlalchemy import event

    from ibp_desktop.store.models import Pupil

    location = demo_copy(TODAY)
    database = open_location(location)
    service = DashboardService(database, login(database, "directeur", "Regenboog-directeur"))
    before = service.overview(TODAY)
    with database.transaction() as session:
        pupil = session.query(Pupil).filter(Pupil.last_name == "Yılmaz").one()
        pupil.date_of_birth = date(2010, 12, 20)
        pupil.deregistered_on = None
    sql: list[str] = []

    def grab(*args: Any) -> None:
        sql.append(args[2])

    event.listen(database.engine, "before_cursor_execute", grab)
    after_incidents = service.refresh(before, "incidenten", TODAY)
    event.remove(database.engine, "before_cursor_execute", grab)
    # Only the incident register was read again: the pupils' area is reused as it was.
    assert not any("consent_decisions" in s or "retention" in s for s in sql)
    assert after_incidents.attention == before.attention
    assert after_incidents.schools == before.schools

    after_pupils = service.refresh(after_incidents, "leerlingen", TODAY)
    whole = service.overview(TODAY)
    assert any("Şükrü Yılmaz wordt 16 op 20-12-2026" in i.text for i in after_pupils.attention)
    assert sorted(after_pupils.attention, key=repr) == sorted(whole.attention, key=repr)
    assert after_pupils.schools == whole.schools
    # A page the Overzicht knows nothing about: everything again.
    assert service.refresh(before, "onbekend", TODAY).attention == whole.attention
    database.dispose()


def test_warm_up_before_login_compiles_the_overzicht_queries_and_writes_nothing(demo_copy) -> None:
    from sqlalchemy import func, select

    from ibp_desktop.services.dashboard.overview import warm_up
    from ibp_desktop.store.models import AuditEntry

    location = demo_copy(TODAY)
    database = open_location(location)
    with database.transaction() as session:
        entries = session.scalar(select(func.count(AuditEntry.id)))
    cache = database.engine._compiled_cache
    assert cache is not None
    before = len(cache)
    warm_up(database, TODAY)
    warmed = len(cache)
    assert warmed - before > 30  # the Overzicht's queries, compiled before anyone logged in
    director = login(database, "directeur", "Regenboog-directeur")
    after_login = len(cache)
    DashboardService(database, director).overview(TODAY)
    assert len(cache) - after_login <= 3  # the first Overzicht finds (almost) all of them compiled
    with database.transaction() as session:
        assert session.scalar(select(func.count(AuditEntry.id))) == entries + 1  # only the login's entry
    database.dispose()
