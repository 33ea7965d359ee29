"""A board-sized data set for the benchmarks: 12 schools x 400 pupils, 3 school years of consent history,
500 incidents, 200 data-subject requests and 5,000 retention items, in one encrypted database.

    from board_data import BoardSpec, board_data
    data = board_data()            # builds once, then reuses /tmp/ibp-board-data/<key>/
    database = open_location(data.location)

Deterministic: every choice comes from ``random.Random(spec.seed)`` and the pupils from the demo generator
(``core.demo_data``, its Dutch and international name pools). Dates are relative to ``today``, which is
part of the cache key together with the spec and the schema revision, so a cached set is at most a day
old and always matches the program's schema. Set-up, forms and schedules go through the real services;
the bulk (groups, pupils, decisions, incidents, requests, items) is inserted through the real models with
``session.execute(insert(Model), rows)`` in one transaction, with ids assigned here so rows can refer to
each other without a round trip. The database uses the fixed demo key (it is all invented), so it opens
with ``open_location`` on a machine without an OS keyring. Accounts: ``beheer`` (every school role, all
schools), ``bestuur`` (board: reads all schools) and ``directeur`` (director of the first school; the
same password as in the demo school, so bench_startup's child can log in to this data set too).
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from ibp_desktop.core.consent.school_year import SchoolYear, school_year_of
from ibp_desktop.core.incidents.rules import Decision, IncidentStatus, IncidentType, TimelineKind
from ibp_desktop.core.requests import Outcome, Relation, Right, deadline
from ibp_desktop.core.roles import Role
from ibp_desktop.security import audit
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.accounts.users import create_user_row
from ibp_desktop.services.consent.decisions import ConsentService
from ibp_desktop.services.database.connection import Location, open_location
from ibp_desktop.services.database.setup import NewSchool, initialise
from ibp_desktop.services.demo.data import GROUP_NAMES, demo_pupils
from ibp_desktop.services.retention.schedule import RetentionService
from ibp_desktop.store.consent_models import ConsentCampaign, ConsentDecision
from ibp_desktop.store.database import Database
from ibp_desktop.store.incident_models import Incident, IncidentTimelineEntry
from ibp_desktop.store.models import Base, Group, Pupil, School, UserSchool
from ibp_desktop.store.request_models import SubjectRequest
from ibp_desktop.store.retention_models import RetentionItem
from ibp_desktop.store.schema import HEAD_REVISION

GENERATOR_VERSION = 2  # raise when the generator changes what it makes: old caches are then ignored
CACHE_ROOT = Path("/tmp/ibp-board-data")
ADMIN = ("beheer", "Bestuursbureau-beheer")
BOARD_USER = ("bestuur", "Regenboog-bestuur")
# The board's FG: reads every school, pupils and consent included (the board role sees figures only).
FG_USER = ("fg-bestuur", "Regenboog-fg-bestuur")
DIRECTOR = ("directeur", "Regenboog-directeur")
TOWNS = (
    "Zwolle",
    "Deventer",
    "Kampen",
    "Raalte",
    "Dalfsen",
    "Ommen",
    "Hattem",
    "Heino",
    "Olst",
    "Wijhe",
    "Zalk",
    "Wapenveld",
    "Genemuiden",
    "Hasselt",
    "Staphorst",
    "Nieuwleusen",
)
KINDS = (
    "OBS De Regenboog",
    "CBS De Wegwijzer",
    "OBS Het Kompas",
    "De Vlieger",
    "IKC De Linde",
    "OBS De Klimop",
    "CBS Het Anker",
    "De Sterrenwachter",
)
GIVERS = (("Moeder", "guardian_1"), ("Vader", "guardian_2"), ("Verzorger", "guardian_1"))
CHANNELS = ("paper", "parent_app", "email")
ITEM_TEXTS = {
    "financiele_administratie": "Jaarrekening en bonnen {year}",
    "personeelsdossier": "Personeelsdossier vertrokken leerkracht ({year})",
    "loonbelastingverklaring": "Loonbelastingverklaringen {year}",
    "salarisgegevens": "Salarisstroken {year} bij de salarisverwerker",
    "sollicitaties": "Sollicitaties vacature groep {group} ({year})",
    "camerabeelden": "Camerabeelden ingang, week {week} {year}",
    "lesvideo_coaching": "Lesvideo coaching groep {group} ({year})",
    "archiefwet": "Notulen MR {year}",
}


@dataclass(frozen=True)
class BoardSpec:
    schools: int = 12
    pupils: int = 400  # enrolled per school; the demo generator adds those who left
    years: int = 3  # school years of consent history, this one included
    incidents: int = 500
    requests: int = 200
    retention_items: int = 5_000
    seed: int = 2026


@dataclass(frozen=True)
class BoardData:
    location: Location
    spec: BoardSpec
    today: date
    school_ids: list[int]
    counts: dict[str, int] = field(default_factory=dict)
    build_seconds: float | None = None  # None: taken from the cache

    @property
    def key(self) -> str:
        return self.location.data_dir.parent.name


def cache_key(spec: BoardSpec, today: date) -> str:
    text = json.dumps([asdict(spec), today.isoformat(), HEAD_REVISION, GENERATOR_VERSION])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def board_data(
    spec: BoardSpec | None = None,
    today: date | None = None,
    *,
    root: Path = CACHE_ROOT,
    rebuild: bool = False,
) -> BoardData:
    """The data set for ``spec``, from the cache under ``root`` or freshly built (then cached)."""
    spec = spec or BoardSpec()
    today = today or date.today()
    folder = root / cache_key(spec, today)
    marker = folder / "board.json"
    location = Location(data_dir=folder / "data")
    if marker.exists() and location.db_path.exists() and not rebuild:
        saved = json.loads(marker.read_text(encoding="utf-8"))
        return BoardData(location, spec, today, saved["school_ids"], saved["counts"])
    shutil.rmtree(folder, ignore_errors=True)  # a half-built set (interrupted run) is never reused
    folder.mkdir(parents=True)
    start = time.perf_counter()
    school_ids, counts = build(location, spec, today)
    seconds = time.perf_counter() - start
    marker.write_text(json.dumps({"school_ids": school_ids, "counts": counts}), encoding="utf-8")
    return BoardData(location, spec, today, school_ids, counts, seconds)


def build(location: Location, spec: BoardSpec, today: date) -> tuple[list[int], dict[str, int]]:
    rng = random.Random(spec.seed)
    names = [f"{KINDS[i % len(KINDS)]} {TOWNS[i % len(TOWNS)]}" for i in range(spec.schools)]
    first = initialise(
        location, NewSchool("Stichting Bench Samen Leren", names[0], "90AA", ADMIN[0], "Bestuursbureau",
                            ADMIN[1]), demo=True)  # fmt: skip
    database = open_location(location)
    try:
        school_ids = _schools_and_accounts(database, first.school_id, first.user_id, names)
        actor = login(database, *ADMIN)
        forms = {sid: ConsentService(database, actor).current_form(sid) for sid in school_ids}
        for sid in school_ids:
            RetentionService(database, actor).schedule(sid)  # installs the default schedule
        with database.transaction() as session:
            rows = _Rows(_next_ids(session), rng, today, spec)
            for sid in school_ids:
                form = forms[sid]
                rows.school(sid, form.id, [p.purpose_id for p in form.purposes])
            rows.incidents(school_ids)
            rows.requests(school_ids)
            rows.retention_items(school_ids)
            counts = rows.insert(session)
            audit.record(session, actor.audit_actor, "benchmark_data_added", "board", 1, after=counts)
    finally:
        database.dispose()
    return school_ids, counts


def _schools_and_accounts(database: Database, first_id: int, admin_id: int, names: list[str]) -> list[int]:
    with database.transaction() as session:
        board_id = session.scalar(select(School.board_id).where(School.id == first_id))
        schools = [School(board_id=board_id, name=name, brin=f"{90 + i // 26}{chr(65 + i % 26)}A")
                   for i, name in enumerate(names[1:], start=1)]  # fmt: skip
        session.add_all(schools)
        session.flush()
        ids = [first_id, *(s.id for s in schools)]
        session.add_all(UserSchool(user_id=admin_id, school_id=sid) for sid in ids[1:])
        create_user_row(session, BOARD_USER[0], "Hans Visser", BOARD_USER[1], frozenset({Role.BOARD}),
                        frozenset(ids), must_change_password=False)  # fmt: skip
        create_user_row(session, DIRECTOR[0], "Joost van den Heuvel", DIRECTOR[1], frozenset({Role.DIRECTOR}),
                        frozenset({first_id}), must_change_password=False)  # fmt: skip
        create_user_row(session, FG_USER[0], "Łucja Wiśniewska", FG_USER[1], frozenset({Role.DPO}),
                        frozenset(ids), must_change_password=False)  # fmt: skip
    return ids


def _next_ids(session: Any) -> dict[type[Base], int]:
    models = (Group, Pupil, ConsentCampaign, ConsentDecision, Incident, IncidentTimelineEntry,
              SubjectRequest, RetentionItem)  # fmt: skip
    return {m: (session.scalar(select(func.max(m.id))) or 0) + 1 for m in models}


class _Rows:
    """Collects plain row dicts per model, with ids given here, then inserts them in bulk."""

    def __init__(self, next_ids: dict[type[Base], int], rng: random.Random, today: date, spec: BoardSpec):
        self.ids, self.rng, self.today, self.spec = next_ids, rng, today, spec
        self.rows: dict[type[Base], list[dict[str, Any]]] = {m: [] for m in next_ids}
        self.pupils_of: dict[int, list[int]] = {}
        self.now = datetime.combine(today, datetime.min.time(), UTC) + timedelta(hours=9)

    def add(self, model: type[Base], **values: Any) -> int:
        row_id = self.ids[model]
        self.ids[model] += 1
        self.rows[model].append({"id": row_id, **values})
        return row_id

    def insert(self, session: Any) -> dict[str, int]:
        for model, rows in self.rows.items():  # parents before children: the dict keeps that order
            for start in range(0, len(rows), 20_000):
                session.execute(insert(model), rows[start : start + 20_000])
        return {model.__tablename__: len(rows) for model, rows in self.rows.items()}

    # Pupils and consent -------------------------------------------------------------------------

    def school(self, school_id: int, form_id: int, purpose_ids: list[int]) -> None:
        pupils = demo_pupils(self.today, count=self.spec.pupils, seed=self.spec.seed + school_id)
        groups = {name: self.add(Group, school_id=school_id, name=name, sort_order=order)
                  for order, name in enumerate(GROUP_NAMES)}  # fmt: skip
        this_year = school_year_of(self.today)
        years = [SchoolYear(this_year.start_year - back) for back in range(self.spec.years)]
        campaigns = {y.label: self._campaign(school_id, form_id, y) for y in years}
        ids = []
        for p in pupils:
            pupil_id = self.add(
                Pupil, school_id=school_id, pupil_number=p.pupil_number, first_name=p.first_name,
                infix=p.infix, last_name=p.last_name, date_of_birth=p.date_of_birth,
                group_id=groups[p.group_name] if p.deregistered_on is None else None,
                enrolled_on=p.enrolled_on, deregistered_on=p.deregistered_on, version=1,
            )  # fmt: skip
            ids.append(pupil_id)
            for year in years:
                if p.enrolled_on <= year.ends_on and (p.deregistered_on or year.ends_on) >= year.starts_on:
                    self._answers(pupil_id, purpose_ids, form_id, year, campaigns[year.label], this_year)
        self.pupils_of[school_id] = ids

    def _campaign(self, school_id: int, form_id: int, year: SchoolYear) -> int:
        started = datetime(year.start_year, 8, 25, 8, 0, tzinfo=UTC)
        return self.add(
            ConsentCampaign,
            school_id=school_id,
            school_year=year.label,
            form_version_id=form_id,
            deadline=date(year.start_year, 10, 1),
            started_at=started,
            started_by_user_id=None,
        )

    def _answers(self, pupil_id: int, purposes: list[int], form_id: int, year: SchoolYear, campaign: int,
                 this_year: SchoolYear) -> None:  # fmt: skip
        rng = self.rng
        current = year == this_year
        if rng.random() > (0.8 if current else 0.93):  # no form returned (yet)
            return
        given = min(self.today, year.starts_on + timedelta(days=rng.randint(25, 70)))
        who, relation = rng.choice(GIVERS)
        base = {"pupil_id": pupil_id, "school_year": year.label, "form_version_id": form_id,
                "campaign_id": campaign, "given_by": who, "relation": relation,
                "channel": rng.choice(CHANNELS),
                "given_on": given, "follow_up": "", "recorded_by_user_id": None,
                "recorded_at": datetime.combine(given, datetime.min.time(), UTC)}  # fmt: skip
        for purpose_id in purposes:
            granted = rng.random() < 0.86
            self.add(ConsentDecision, purpose_id=purpose_id, granted=granted, withdrawal=False, **base)
            if granted and rng.random() < 0.01 and given < self.today:  # withdrawn later that year
                later = min(self.today, given + timedelta(days=rng.randint(1, 120)))
                self.add(ConsentDecision, **{**base, "given_on": later}, purpose_id=purpose_id, granted=False,
                         withdrawal=True)  # fmt: skip

    # Registers ------------------------------------------------------------------------------------

    def incidents(self, school_ids: list[int]) -> None:
        rng = self.rng
        numbers: dict[int, dict[int, int]] = {sid: {} for sid in school_ids}
        for n in range(self.spec.incidents):
            sid = rng.choice(school_ids)
            # Two breaches whose 72-hour clock runs, so the Overzicht has something urgent to show.
            hours_ago = 10 + 20 * n if n < 2 else rng.randint(30, self.spec.years * 365 * 24)
            discovered = self.now - timedelta(hours=hours_ago)
            seq = numbers[sid][discovered.year] = numbers[sid].get(discovered.year, 0) + 1
            old = self.now - discovered > timedelta(days=45)
            status = IncidentStatus.CLOSED if old else rng.choice(list(IncidentStatus))
            if n < 2:
                status = IncidentStatus.ASSESSING
            breach = n < 2 or rng.random() < 0.3
            decision = None if n < 2 else Decision.NOTIFY_AP if breach else Decision.NOT_REPORTABLE
            notified = (
                discovered + timedelta(hours=rng.randint(4, 90)) if decision is Decision.NOTIFY_AP else None
            )
            closed = (
                discovered + timedelta(days=rng.randint(3, 40)) if status is IncidentStatus.CLOSED else None
            )
            incident_id = self.add(
                Incident, school_id=sid, number=f"{discovered.year}-{seq:03d}", status=status.value,
                title=f"Incident {n + 1}: {rng.choice(list(IncidentType)).value.replace('_', ' ')}",
                description="Verzonnen incident voor de snelheidsmeting.",
                incident_type=rng.choice(list(IncidentType)).value, discovered_at=discovered,
                reported_at=discovered + timedelta(hours=1), reported_by_name="Petra Jansen",
                natures="read" if breach else "", data_kinds="name_address,email" if breach else "",
                records_approx=rng.randint(1, 400) if breach else None, people_groups="pupils,parents",
                decision=decision.value if decision else None, preliminary_notified_at=notified,
                ap_reference=f"AP-{rng.randint(100000, 999999)}" if notified else "",
                closed_at=closed, closed_by_name="Petra Jansen" if closed else "", version=1,
            )  # fmt: skip
            for step in range(rng.randint(1, 4)):
                kind = TimelineKind.REPORTED if step == 0 else rng.choice(list(TimelineKind))
                at = discovered + timedelta(hours=step)
                self.add(IncidentTimelineEntry, incident_id=incident_id, at=at,
                         kind=kind.value, author_id=None, author_name="Petra Jansen",
                         text=f"Stap {step + 1} van de afhandeling.")  # fmt: skip

    def requests(self, school_ids: list[int]) -> None:
        rng = self.rng
        numbers: dict[int, dict[int, int]] = {sid: {} for sid in school_ids}
        for _ in range(self.spec.requests):
            sid = rng.choice(school_ids)
            received = self.today - timedelta(days=rng.randint(0, self.spec.years * 365))
            seq = numbers[sid][received.year] = numbers[sid].get(received.year, 0) + 1
            answered = received + timedelta(days=rng.randint(3, 40))
            done = answered <= self.today and rng.random() < 0.95
            self.add(
                SubjectRequest, school_id=sid, number=f"{received.year}-{seq:03d}", received_on=received,
                requester_name="Łucja Wiśniewska", relation=rng.choice(list(Relation)).value,
                pupil_id=rng.choice(self.pupils_of[sid]) if rng.random() < 0.6 else None,
                right=rng.choice(list(Right)).value, id_check="Legitimatiebewijs getoond",
                deadline_on=deadline(received), answered_on=answered if done else None,
                outcome=rng.choice(list(Outcome)).value if done else None, created_at=self.now, version=1,
            )  # fmt: skip

    def retention_items(self, school_ids: list[int]) -> None:
        rng, categories = self.rng, list(ITEM_TEXTS)
        systems = {"salarisgegevens": "processor", "camerabeelden": "processor", "lesvideo_coaching": "other"}
        for _ in range(self.spec.retention_items):
            category = rng.choice(categories)
            event = self.today - timedelta(days=rng.randint(0, 10 * 365))
            text = ITEM_TEXTS[category].format(
                year=event.year, group=rng.randint(1, 8), week=rng.randint(1, 52)
            )
            self.add(
                RetentionItem, school_id=rng.choice(school_ids), category=category, description=text,
                event_date=event, system=systems.get(category, "paper"),
                hold_reason="Lopend geschil" if rng.random() < 0.01 else "", hold_incident_id=None,
                registered_at=self.now, registered_by_name="Fatima El Amrani", done_run_id=None, version=1,
            )  # fmt: skip
