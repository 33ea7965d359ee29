"""The demo school "OBS De Regenboog": fictitious pupils and one account per role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ibp_desktop.core.roles import ROLE_LABELS, Role
from ibp_desktop.security import audit
from ibp_desktop.services.accounts.users import create_user_row
from ibp_desktop.services.database.connection import open_location
from ibp_desktop.services.database.setup import NewSchool, initialise
from ibp_desktop.services.demo.accountability import add_demo_accountability
from ibp_desktop.services.demo.data import DemoPupil, demo_pupils
from ibp_desktop.services.demo.policy import add_demo_policy
from ibp_desktop.services.demo.retention import add_demo_retention
from ibp_desktop.services.location import Location, is_demo_location
from ibp_desktop.store.database import Database
from ibp_desktop.store.models import Group, Pupil

DEMO_SCHOOL = "OBS De Regenboog"
DEMO_BRIN = "99ZZ"  # "99" is not issued by DUO: no real school has this code
DEMO_BOARD = "Stichting Samen Wijs (demo)"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    password: str
    board_level: bool = False  # the demo board's security officer manages every account

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("administratie", "Fatima El Amrani", Role.ADMINISTRATION, "Regenboog-administratie"),
    DemoAccount("directeur", "Joost van den Heuvel", Role.DIRECTOR, "Regenboog-directeur"),
    DemoAccount("security", "Petra Jansen", Role.SECURITY_OFFICER, "Regenboog-security", True),
    DemoAccount("fg", "Karin de Boer", Role.DPO, "Regenboog-fg"),
    DemoAccount("bestuur", "Hans Visser", Role.BOARD, "Regenboog-bestuur"),
    DemoAccount("ict", "Kevin Bakker", Role.ICT, "Regenboog-ict"),
)


@dataclass(frozen=True)
class DemoResult:
    location: Location
    created: bool
    pupils: int


def is_demo(location: Location) -> bool:
    return is_demo_location(location)


def create_demo(location: Location, today: date) -> DemoResult:
    """Create the demo database, or reuse the one already there."""
    if location.db_path.exists():
        return DemoResult(location, created=False, pupils=0)
    first, *others = DEMO_ACCOUNTS
    result = initialise(
        location,
        NewSchool(
            DEMO_BOARD,
            DEMO_SCHOOL,
            DEMO_BRIN,
            first.username,
            first.full_name,
            first.password,
            frozenset({first.role}),
            board_level=False,
        ),
        demo=True,
    )
    database = open_location(location)
    try:
        pupils = demo_pupils(today)
        _fill_demo(database, result.school_id, result.user_id, others, pupils)
        _fill_demo_consent(database, result.school_id, result.user_id, today)
        _fill_demo_registers(database, result.school_id, today)
        add_demo_accountability(database, result.school_id, today)
        _fill_demo_incidents(database, result.school_id, today)
        add_demo_retention(database, result.school_id, result.user_id, today)
        add_demo_policy(database, result.school_id, today)
        _fill_demo_staff(database, result.school_id, today)
    finally:
        database.dispose()
    return DemoResult(location, created=True, pupils=len(pupils))


def _fill_demo(
    database: Database, school_id: int, creator_id: int, accounts: list[DemoAccount], pupils: list[DemoPupil]
) -> None:
    with database.transaction() as session:
        # The demo set-up made these accounts, not a person: otherwise the first account would count as
        # their creator and the four-eyes rule (services/role_ties.py) would block the demo's own run.
        actor = audit.SYSTEM_ACTOR
        for account in accounts:
            user = create_user_row(
                session,
                account.username,
                account.full_name,
                account.password,
                frozenset({account.role}),
                frozenset({school_id}),
                must_change_password=False,
                board_level=account.board_level,
            )
            audit.record(
                session,
                actor,
                "user_added",
                "user",
                user.id,
                after={"username": user.username, "roles": [account.role.value]},
            )
        groups = _groups(pupils, school_id)
        session.add_all(groups.values())
        session.flush()
        session.add_all(
            Pupil(
                school_id=school_id,
                pupil_number=p.pupil_number,
                first_name=p.first_name,
                infix=p.infix,
                last_name=p.last_name,
                date_of_birth=p.date_of_birth,
                group_id=groups[p.group_name].id,
                enrolled_on=p.enrolled_on,
                deregistered_on=p.deregistered_on,
            )
            for p in pupils
        )
        audit.record(
            session,
            actor,
            "pupils_imported",
            "school",
            school_id,
            school_id=school_id,
            after={"pupils": len(pupils), "source": "demo"},
        )


def _groups(pupils: list[DemoPupil], school_id: int) -> dict[str, Group]:
    names = sorted({p.group_name for p in pupils}, key=_group_order)
    return {name: Group(school_id=school_id, name=name, sort_order=i) for i, name in enumerate(names)}


def _group_order(name: str) -> tuple[int, str]:
    digits = "".join(ch for ch in name.split("/")[0] if ch.isdigit())
    return (int(digits) if digits else 99, name)


def _fill_demo_incidents(database: Database, school_id: int, today: date) -> None:
    """Incidents at every stage; one breach discovered 30 hours ago, so the 72-hour clock runs."""
    from datetime import datetime

    from ibp_desktop.core.incidents.rules import AMSTERDAM
    from ibp_desktop.services.demo.incidents import add_demo_incidents

    now = datetime.combine(today, datetime.now(AMSTERDAM).time(), AMSTERDAM)
    with database.transaction() as session:
        count = add_demo_incidents(session, school_id, now)
        audit.record(
            session,
            audit.SYSTEM_ACTOR,
            "incidents_imported",
            "school",
            school_id,
            school_id=school_id,
            after={"incidents": count, "source": "demo"},
        )


def _fill_demo_consent(database: Database, school_id: int, user_id: int, today: date) -> None:
    """Consent forms for most pupils, a few refusals, withdrawals and conflicts, and a running campaign."""
    from ibp_desktop.services.demo.consent import add_demo_consent

    add_demo_consent(database, school_id, user_id, today)


def _fill_demo_staff(database: Database, school_id: int, today: date) -> None:
    from ibp_desktop.services.demo.staff import add_demo_staff

    add_demo_staff(database, school_id, today)


def _fill_demo_registers(database: Database, school_id: int, today: date) -> None:
    """Requests (one overdue, one extended, one answered), suppliers with agreements, a few actions."""
    from ibp_desktop.services.demo.registers import add_demo_registers

    add_demo_registers(database, school_id, today)
