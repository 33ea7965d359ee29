"""The Overzicht page: real figures and the things that need someone today."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ibp_desktop.core.consent.names import display_name
from ibp_desktop.core.consent.school_year import school_year_of, sixteenth_birthday
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.accountability.complaints import complaint_attention
from ibp_desktop.services.accountability.dpia import dpia_attention
from ibp_desktop.services.accountability.processing import processing_attention
from ibp_desktop.services.accounts.role_ties import fg_account_items
from ibp_desktop.services.actions.register import action_attention
from ibp_desktop.services.context import Actor, Service
from ibp_desktop.services.dashboard.areas import backup_items, breach_items, consent_items
from ibp_desktop.services.dashboard.attention import AttentionItem
from ibp_desktop.services.incidents.breach_attention import informing_items
from ibp_desktop.services.policy.attention import policy_attention
from ibp_desktop.services.processors.register import processor_attention
from ibp_desktop.services.requests.register import request_attention
from ibp_desktop.services.retention.attention import retention_attention
from ibp_desktop.services.staff.attention import AREA as STAFF_AREA
from ibp_desktop.services.staff.attention import staff_attention
from ibp_desktop.store.database import Database
from ibp_desktop.store.models import Group, Pupil, School, User
from ibp_desktop.store.types import utc_now

__all__ = ["AttentionItem", "Dashboard", "DashboardService", "SchoolFigures", "warm_up"]

_log = logging.getLogger(__name__)

SIXTEEN_WARNING_DAYS = 60


@dataclass(frozen=True)
class SchoolFigures:
    school_id: int
    school_name: str
    pupils_enrolled: int
    groups: int
    deregistered_this_year: int


@dataclass(frozen=True)
class Dashboard:
    school_year: str
    schools: list[SchoolFigures]
    active_accounts: int | None  # only for those who manage accounts
    attention: list[AttentionItem] = field(default_factory=list)

    @property
    def pupils_enrolled(self) -> int:
        return sum(s.pupils_enrolled for s in self.schools)


class DashboardService(Service):
    def overview(self, today: date, now: datetime | None = None) -> Dashboard:
        with self._work(Permission.VIEW_DASHBOARD) as work:
            session, actor = work.session, work.actor
            year = school_year_of(today)
            figures = _school_figures(session, actor, year.starts_on)
            accounts = _active_accounts(session, actor)
            attention: list[AttentionItem] = []
            for area in AREAS:
                attention += _collect(area, session, actor, today, now or utc_now())
        if actor.can(Permission.MANAGE_SETTINGS):
            attention += backup_items(self.database, now or utc_now())
        return Dashboard(year.label, figures, accounts, _in_order(attention))

    def refresh(self, dashboard: Dashboard, area: str, today: date, now: datetime | None = None) -> Dashboard:
        """The Overzicht again after a change in one area (a page key such as "incidenten"): only that
        area's figures and items are computed again, the rest is reused. An area the Overzicht does
        not know, or a new school year, gives the whole Overzicht again."""
        year = school_year_of(today)
        if area not in AREAS or year.label != dashboard.school_year:
            return self.overview(today, now)
        with self._work(Permission.VIEW_DASHBOARD) as work:
            session, actor = work.session, work.actor
            fresh = _collect(area, session, actor, today, now or utc_now())
            figures = (
                _school_figures(session, actor, year.starts_on) if area == "leerlingen" else dashboard.schools
            )
            accounts = _active_accounts(session, actor) if area == "beheer" else dashboard.active_accounts
        if area == "beheer" and actor.can(Permission.MANAGE_SETTINGS):
            fresh += backup_items(self.database, now or utc_now())
        kept = [item for item in dashboard.attention if item.area != area]
        return Dashboard(year.label, figures, accounts, _in_order(kept + fresh))


def warm_up(database: Database, today: date) -> None:
    """Before anyone logs in (while the password is typed): configure the ORM mappers and run every
    query of the Overzicht once for one school, so that SQLAlchemy has compiled and cached them and
    the first Overzicht after login costs only its own figures. Reads only; the results are dropped,
    nothing is shown or logged, and errors are left to the real Overzicht."""
    from sqlalchemy.orm import configure_mappers

    from ibp_desktop.core.roles import Role

    configure_mappers()
    session = database.sessions()
    try:
        school_id = session.scalar(select(School.id).order_by(School.id).limit(1))
        if school_id is None:
            return
        everything = Actor(0, "", "", frozenset(Role), frozenset({school_id}))
        _school_figures(session, everything, school_year_of(today).starts_on)
        _active_accounts(session, everything)
        for area in AREAS:
            _collect(area, session, everything, today, utc_now())
    except Exception as error:  # a warm-up only: the Overzicht itself reports what is wrong
        _log.info("Overzicht warm-up skipped: %s", type(error).__name__)
    finally:
        session.rollback()
        session.close()


def _school_figures(session: Session, actor: Actor, year_start: date) -> list[SchoolFigures]:
    schools = session.scalars(
        select(School).where(School.id.in_(actor.school_ids)).order_by(School.name)
    ).all()
    return [_figures(session, s, year_start) for s in schools]


def _active_accounts(session: Session, actor: Actor) -> int | None:
    if not actor.can(Permission.MANAGE_USERS):
        return None
    return session.scalar(select(func.count(User.id)).where(User.active.is_(True))) or 0


def _collect(area: str, session: Session, actor: Actor, today: date, now: datetime) -> list[AttentionItem]:
    """The items of one area (all of them carry ``area`` as their page key), within the unit of work."""
    items: list[AttentionItem] = []
    for permission, collect in AREAS[area]:
        if actor.can(permission):
            items += collect(session, actor, today, now)
    return items


# Each register area gives (text, level) pairs; the page to open is the area key.
_REGISTER_AREAS = (
    ("verzoeken", Permission.VIEW_REQUESTS, request_attention),
    ("verwerkers", Permission.VIEW_PROCESSORS, processor_attention),
    ("verwerkingen", Permission.VIEW_PROCESSING, processing_attention),
    ("dpias", Permission.VIEW_DPIAS, dpia_attention),
    ("klachten", Permission.VIEW_COMPLAINTS, complaint_attention),
    ("acties", Permission.VIEW_REPORTS, action_attention),
)
_SEVERITY = {"red": "urgent", "amber": "warning", "ok": "info"}


def _in_order(items: list[AttentionItem]) -> list[AttentionItem]:
    """Most pressing first; within a level by area in the order of AREAS, so a refreshed area lands
    where a whole new Overzicht would put it."""
    areas = {key: index for index, key in enumerate(AREAS)}
    return _urgent_first(sorted(items, key=lambda item: areas.get(item.area, len(areas))))


def _urgent_first(items: list[AttentionItem]) -> list[AttentionItem]:
    """By consequence: a running 72-hour clock (area "incidenten") before everything else."""
    order = {"urgent": 0, "warning": 1, "info": 2}
    return sorted(items, key=lambda item: (order.get(item.severity, 3), item.area != "incidenten"))


def _figures(session: Session, school: School, year_start: date) -> SchoolFigures:
    of_school = Pupil.school_id == school.id
    enrolled = session.scalar(select(func.count(Pupil.id)).where(of_school, Pupil.deregistered_on.is_(None)))
    groups = session.scalar(select(func.count(Group.id)).where(Group.school_id == school.id))
    left = session.scalar(select(func.count(Pupil.id)).where(of_school, Pupil.deregistered_on >= year_start))
    return SchoolFigures(school.id, school.name, enrolled or 0, groups or 0, left or 0)


def _temporary_passwords(session: Session) -> list[AttentionItem]:
    waiting = session.scalar(
        select(func.count(User.id)).where(User.active.is_(True), User.must_change_password.is_(True))
    )
    if not waiting:
        return []
    noun = "account heeft" if waiting == 1 else "accounts hebben"
    return [AttentionItem(f"{waiting} {noun} nog een tijdelijk wachtwoord.", "beheer")]


def _turning_sixteen(session: Session, school_ids: frozenset[int], today: date) -> list[AttentionItem]:
    """Pupils who turn 16 soon or just did: from 16 the pupil decides on image consent (DOMAIN.md 1)."""
    window = timedelta(days=SIXTEEN_WARNING_DAYS)
    born_before = today + window - relativedelta(years=16)
    born_after = today - window - relativedelta(years=16)
    pupils = session.scalars(
        select(Pupil)
        .where(
            Pupil.school_id.in_(school_ids),
            Pupil.deregistered_on.is_(None),
            Pupil.date_of_birth <= born_before,
            Pupil.date_of_birth >= born_after - timedelta(days=1),
        )
        .order_by(Pupil.date_of_birth)
    ).all()
    items = []
    for pupil in pupils:
        birthday = sixteenth_birthday(pupil.date_of_birth)
        name = display_name(pupil.first_name, pupil.infix, pupil.last_name)
        when = (
            f"is op {birthday:%d-%m-%Y} 16 geworden"
            if birthday <= today
            else f"wordt 16 op {birthday:%d-%m-%Y}"
        )
        items.append(
            AttentionItem(
                f"{name} {when}. Vanaf 16 jaar beslist de leerling zelf over toestemming "
                "voor beeldmateriaal.",
                "leerlingen",
                "warning",
            )
        )
    return items


Collector = Callable[[Session, Actor, date, datetime], list[AttentionItem]]


def _register_area(area: str) -> Collector:
    collect = next(c for key, _permission, c in _REGISTER_AREAS if key == area)

    def items(session: Session, actor: Actor, today: date, _now: datetime) -> list[AttentionItem]:
        pairs = collect(session, actor.school_ids, today)
        return [AttentionItem(text, area, _SEVERITY[level.value]) for text, level in pairs]

    return items


# Per page key, what the Overzicht computes for it (in this order), each behind the permission that
# shows it. The backup line ("beheer") is read from the file system, outside the unit of work.
AREAS: dict[str, tuple[tuple[Permission, Collector], ...]] = {
    "beheer": (
        (Permission.MANAGE_USERS, lambda s, a, t, n: _temporary_passwords(s)),
        # new accounts and role changes for the FG (the function looks at the roles itself)
        (Permission.VIEW_DASHBOARD, lambda s, a, t, n: fg_account_items(s, a.roles, n)),
    ),
    "incidenten": (
        (Permission.VIEW_INCIDENTS, lambda s, a, t, n: breach_items(s, a.school_ids, n)),
        (Permission.VIEW_INCIDENTS, lambda s, a, t, n: informing_items(s, a)),
    ),
    "leerlingen": (
        (Permission.VIEW_PUPILS, lambda s, a, t, n: consent_items(s, a.school_ids, t)),
        (Permission.VIEW_PUPILS, lambda s, a, t, n: _turning_sixteen(s, a.school_ids, t)),
    ),
    "bewaartermijnen": (
        (Permission.VIEW_RETENTION, lambda s, a, t, n: retention_attention(s, a.school_ids, t)),
    ),
    **{area: ((permission, _register_area(area)),) for area, permission, _c in _REGISTER_AREAS},
    "documenten": ((Permission.VIEW_REPORTS, lambda s, a, t, n: policy_attention(s, a, t)),),
    STAFF_AREA: ((Permission.VIEW_STAFF, lambda s, a, t, n: staff_attention(s, a, t)),),
}
