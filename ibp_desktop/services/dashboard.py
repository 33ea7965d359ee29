"""The Overzicht page: real figures and the things that need someone today."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ibp_desktop.core.names import display_name
from ibp_desktop.core.roles import Permission
from ibp_desktop.core.school_year import school_year_of, sixteenth_birthday
from ibp_desktop.services.actions import action_attention
from ibp_desktop.services.attention import AttentionItem
from ibp_desktop.services.breach_attention import informing_items
from ibp_desktop.services.context import Actor, Service
from ibp_desktop.services.dashboard_areas import backup_items, breach_items, consent_items
from ibp_desktop.services.policy_attention import policy_attention
from ibp_desktop.services.processors import processor_attention
from ibp_desktop.services.requests import request_attention
from ibp_desktop.services.retention_attention import retention_attention
from ibp_desktop.services.role_ties import fg_account_items
from ibp_desktop.store.models import Group, Pupil, School, User
from ibp_desktop.store.types import utc_now

__all__ = ["AttentionItem", "Dashboard", "DashboardService", "SchoolFigures"]

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
            schools = session.scalars(
                select(School).where(School.id.in_(actor.school_ids)).order_by(School.name)
            ).all()
            figures = [_figures(session, s, year.starts_on) for s in schools]
            attention: list[AttentionItem] = []
            accounts: int | None = None
            if actor.can(Permission.MANAGE_USERS):
                accounts = session.scalar(select(func.count(User.id)).where(User.active.is_(True))) or 0
                attention += _temporary_passwords(session)
            if actor.can(Permission.VIEW_INCIDENTS):
                attention += breach_items(session, actor.school_ids, now or utc_now())
                attention += informing_items(session, actor)
            if actor.can(Permission.VIEW_PUPILS):
                attention += consent_items(session, actor.school_ids, today)
                attention += _turning_sixteen(session, actor.school_ids, today)
            if actor.can(Permission.VIEW_RETENTION):
                attention += retention_attention(session, actor.school_ids, today)
            attention += _register_items(session, actor, today)
            attention += fg_account_items(session, actor.roles, now or utc_now())
            attention += policy_attention(session, actor, today) if actor.can(Permission.VIEW_REPORTS) else []
        if actor.can(Permission.MANAGE_SETTINGS):
            attention += backup_items(self.database, now or utc_now())
        return Dashboard(year.label, figures, accounts, _urgent_first(attention))


# Each register area gives (text, level) pairs; the page to open is the area key.
_REGISTER_AREAS = (
    ("verzoeken", Permission.VIEW_REQUESTS, request_attention),
    ("verwerkers", Permission.VIEW_PROCESSORS, processor_attention),
    ("acties", Permission.VIEW_REPORTS, action_attention),
)
_SEVERITY = {"red": "urgent", "amber": "warning", "ok": "info"}


def _urgent_first(items: list[AttentionItem]) -> list[AttentionItem]:
    """By consequence: a running 72-hour clock (area "incidenten") before everything else."""
    order = {"urgent": 0, "warning": 1, "info": 2}
    return sorted(items, key=lambda item: (order.get(item.severity, 3), item.area != "incidenten"))


def _register_items(session: Session, actor: Actor, today: date) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    for area, permission, collect in _REGISTER_AREAS:
        if actor.can(permission):
            pairs = collect(session, actor.school_ids, today)
            items += [AttentionItem(text, area, _SEVERITY[level.value]) for text, level in pairs]
    return items


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
