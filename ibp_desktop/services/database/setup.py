"""First run: create the encrypted database, the board, the first school and the first account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.roles import FIRST_ACCOUNT_ROLES, Role
from ibp_desktop.core.validation import normalise_brin
from ibp_desktop.security import audit, keys
from ibp_desktop.services.accounts.users import create_user_row
from ibp_desktop.services.database.connection import DatabaseInfo, Location, open_location, write_info
from ibp_desktop.store.database import Database, open_sqlcipher
from ibp_desktop.store.migrate import ensure_schema
from ibp_desktop.store.models import Board, School


@dataclass(frozen=True)
class NewSchool:
    board_name: str
    school_name: str
    brin: str
    username: str
    full_name: str
    password: str
    roles: frozenset[Role] = FIRST_ACCOUNT_ROLES
    board_level: bool = True  # the first account works for the whole board, also for later schools


@dataclass(frozen=True)
class SetupResult:
    recovery_key: str  # empty for a server database: the server has its own protection
    key_in_keyring: bool
    school_id: int
    user_id: int
    location: Location


def initialise(
    location: Location, school: NewSchool, *, demo: bool = False, server_password: str | None = None
) -> SetupResult:
    """Create a new database at ``location``; refuses to touch an existing one."""
    _validate(school)
    if location.is_server:
        return _initialise_server(location, school, server_password)
    if location.db_path.exists():
        raise BadInputError(
            f"In {location.data_dir} staat al een database. Kies een andere map; er is niets veranderd."
        )
    info = DatabaseInfo.new(demo=demo)
    key = keys.DEMO_KEY if demo else keys.new_database_key()
    write_info(location, info)
    try:
        database = open_sqlcipher(location.db_path, key)
        try:
            ensure_schema(database)
            school_id, user_id = _fill(database, school)
        finally:
            database.dispose()
    except BaseException:
        location.db_path.unlink(missing_ok=True)  # no half-made database left behind
        location.info_path.unlink(missing_ok=True)
        raise
    stored = not demo and keys.store_database_key(info.database_id, key)
    return SetupResult(keys.format_recovery_key(key), stored, school_id, user_id, location)


def _initialise_server(location: Location, school: NewSchool, server_password: str | None) -> SetupResult:
    database = open_location(location, server_password=server_password or None)
    try:
        with database.engine.connect() as connection:
            if connection.execute(select(School.id).limit(1)).first() is not None:
                raise BadInputError(
                    "Deze databaseserver heeft al scholen. Voeg een school toe met 'ibp-desktop schools add' "
                    "of in Beheer, ingelogd met een account van het bestuur."
                )
        school_id, user_id = _fill(database, school)
    finally:
        database.dispose()
    return SetupResult("", False, school_id, user_id, location)


def _validate(school: NewSchool) -> None:
    if not school.school_name.strip():
        raise BadInputError("Vul de naam van de school in.")
    try:
        normalise_brin(school.brin)
    except ValueError as error:
        raise BadInputError(str(error)) from error


def _fill(database: Database, school: NewSchool) -> tuple[int, int]:
    with database.transaction() as session:
        board = Board(name=school.board_name.strip() or school.school_name.strip())
        session.add(board)
        session.flush()
        row = School(board_id=board.id, name=school.school_name.strip(), brin=normalise_brin(school.brin))
        session.add(row)
        session.flush()
        user = create_user_row(
            session,
            school.username,
            school.full_name,
            school.password,
            school.roles,
            frozenset({row.id}),
            must_change_password=False,
            board_level=school.board_level,
        )
        actor = audit.AuditActor(user.id, user.username)
        audit.record(session, actor, "database_created", "board", board.id, after={"board": board.name})
        audit.record(
            session,
            actor,
            "school_added",
            "school",
            row.id,
            school_id=row.id,
            after={"name": row.name, "brin": row.brin},
        )
        audit.record(
            session,
            actor,
            "user_added",
            "user",
            user.id,
            after={"username": user.username, "roles": sorted(r.value for r in school.roles)},
        )
        return row.id, user.id


def recovery_key_pdf(school_name: str, brin: str, recovery_key: str, created_by: str, database_label: str,
                     created_at: datetime | None = None) -> bytes:
    """The recovery-key sheet for the school safe, printed right after set-up (the GUI's wizard and
    `ibp-desktop init --recovery-pdf` both make it here). No permission check: only the person who just
    set up the database holds the key, and the sheet holds nothing but what they pass in."""
    from ibp_desktop.reports.recovery_key import RecoveryKeySheet, render_recovery_key_pdf

    sheet = RecoveryKeySheet(school_name, brin, recovery_key, created_at or datetime.now(UTC), created_by,
                             database_label)
    return render_recovery_key_pdf(sheet)
