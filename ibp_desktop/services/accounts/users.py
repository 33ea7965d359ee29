"""Accounts: the security officer adds, disables, resets and changes roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from ibp_desktop.core.errors import BadInputError, NotFoundError, PermissionDeniedError, StaleEditError
from ibp_desktop.core.roles import BOARD_WIDE_ROLES, ROLE_LABELS, Permission, Role, role_conflict
from ibp_desktop.core.validation import check_password_strength, normalise_username
from ibp_desktop.security.passwords import hash_password
from ibp_desktop.services.context import Actor, Service, Work, is_board_level
from ibp_desktop.store.models import School, User, UserRole, UserSchool

BOARD_LABEL = "Heel het bestuur"
OUT_OF_SCOPE = (
    "Dit account hoort (ook) bij een school of bij het bestuur waarvoor u geen accounts beheert. Vraag "
    "het de security officer van het bestuur."
)
STALE_USER = (
    "Iemand anders heeft dit account net gewijzigd. Er is niets opgeslagen. Laad de gegevens opnieuw en "
    "probeer het nog eens."
)


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    full_name: str
    roles: tuple[Role, ...]
    school_names: tuple[str, ...]
    active: bool
    must_change_password: bool
    last_login_at: datetime | None
    version: int = 0  # pass back as expected_version: a save over someone else's change is refused
    school_ids: tuple[int, ...] = ()
    board_level: bool = False  # the account works for the whole board

    @property
    def school_text(self) -> str:
        return BOARD_LABEL if self.board_level else ", ".join(self.school_names)

    @property
    def role_text(self) -> str:
        return ", ".join(ROLE_LABELS[r] for r in self.roles)


def _valid_username(text: str) -> str:
    try:
        return normalise_username(text)
    except ValueError as error:
        raise BadInputError(str(error)) from error


def _valid_password(password: str) -> None:
    try:
        check_password_strength(password)
    except ValueError as error:
        raise BadInputError(str(error)) from error


def check_role_combination(roles: frozenset[Role]) -> None:
    """Refuse roles that must stay apart (AVG art. 38(6): the FG decides nothing)."""
    problem = role_conflict(roles)
    if problem:
        raise BadInputError(problem + " Er is niets opgeslagen.")


def check_not_own_roles(actor_id: int, user_id: int) -> None:
    """Nobody changes their own roles: another manager of accounts does it, so two people see it."""
    if actor_id == user_id:
        raise BadInputError(
            "U kunt uw eigen rollen niet wijzigen. Vraag een andere security officer om dit te doen. "
            "Er is niets opgeslagen."
        )


def _to_info(user: User, school_names: dict[int, str]) -> UserInfo:
    board_level = is_board_level(user)
    return UserInfo(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        roles=tuple(sorted(Role(r.role) for r in user.roles)),
        school_names=tuple(sorted(school_names[s.school_id] for s in user.schools)),
        active=user.active,
        must_change_password=user.must_change_password,
        last_login_at=user.last_login_at,
        version=user.version,
        school_ids=tuple(sorted(s.school_id for s in user.schools)),
        board_level=board_level,
    )


def in_scope(actor: Actor, user: User) -> bool:
    """May this actor see and manage this account? A board account: every account. A school account: only
    accounts of its own schools (all of them), never a board account."""
    if actor.board_level:
        return True
    if is_board_level(user):
        return False
    schools = {s.school_id for s in user.schools}
    return bool(schools) and schools <= actor.school_ids


def check_grant(
    actor: Actor, added_roles: frozenset[Role], added_schools: frozenset[int], board: bool
) -> None:
    """Nobody gives an account more than they hold: schools they work for, roles they have themselves
    (a board account may give every role), board-wide access only from a board account."""
    if added_schools - actor.school_ids:
        raise BadInputError("U kunt alleen toegang geven tot scholen waar u zelf toegang toe heeft.")
    if board and not actor.board_level:
        raise BadInputError(
            "Alleen een account van het bestuur kan een account voor heel het bestuur maken of wijzigen. "
            "De rollen FG en bestuurder horen bij het bestuur."
        )
    missing = added_roles - actor.roles
    if missing and not actor.board_level:
        names = ", ".join(ROLE_LABELS[r] for r in sorted(missing))
        raise BadInputError(f"U kunt geen rol geven die u zelf niet heeft: {names}.")


def create_user_row(
    session: Session,
    username: str,
    full_name: str,
    password: str,
    roles: frozenset[Role],
    school_ids: frozenset[int],
    *,
    must_change_password: bool,
    board_level: bool = False,
) -> User:
    """Insert a validated account; used by the service and by first-run set-up (no actor yet)."""
    name = _valid_username(username)
    _valid_password(password)
    if not full_name.strip():
        raise BadInputError("Vul de volledige naam van de gebruiker in.")
    if not roles:
        raise BadInputError("Geef de gebruiker minstens één rol.")
    check_role_combination(roles)
    if session.scalars(select(User.id).where(User.username == name)).first() is not None:
        raise BadInputError(f"De gebruikersnaam '{name}' bestaat al. Kies een andere.")
    user = User(
        username=name,
        full_name=full_name.strip(),
        password_hash=hash_password(password),
        must_change_password=must_change_password,
        board_level=board_level or bool(roles & BOARD_WIDE_ROLES),
        roles=[UserRole(role=r.value) for r in sorted(roles)],
        schools=[UserSchool(school_id=s) for s in sorted(school_ids)],
    )
    session.add(user)
    session.flush()
    return user


def _check_not_above(actor: Actor, user: User) -> None:
    # Whoever can reset a password can log in as that account: only for accounts with no more rights.
    above = frozenset(Role(r.role) for r in user.roles) - actor.roles
    if above and not actor.board_level:
        names = ", ".join(ROLE_LABELS[r] for r in sorted(above))
        raise PermissionDeniedError(
            f"Dit account heeft een rol die u zelf niet heeft ({names}). Een account van het bestuur kan "
            "dit wel doen."
        )


class UserService(Service):
    def list_users(self) -> list[UserInfo]:
        with self._work(Permission.MANAGE_USERS) as work:
            names = self._school_names(work.session)
            users = work.session.scalars(select(User).order_by(User.full_name)).all()
            return [_to_info(u, names) for u in users if in_scope(work.actor, u)]

    def add_user(
        self,
        username: str,
        full_name: str,
        password: str,
        roles: frozenset[Role],
        school_ids: frozenset[int] | None = None,
        *,
        board_level: bool = False,
    ) -> UserInfo:
        """A new account for named schools (default: the creator's own) or for the whole board; it must
        choose its own password at first login."""
        with self._work(Permission.MANAGE_USERS) as work:
            board = board_level or bool(roles & BOARD_WIDE_ROLES)
            schools = frozenset() if board_level else self._requested_schools(work.actor, school_ids)
            check_grant(work.actor, roles, schools, board)
            if not board and not schools:
                raise BadInputError("Kies minstens één school, of 'heel het bestuur'.")
            user = create_user_row(
                work.session,
                username,
                full_name,
                password,
                roles,
                schools,
                must_change_password=True,
                board_level=board,
            )
            work.audit("user_added", "user", user.id, after=self._audit_view(user))
            return _to_info(user, self._school_names(work.session))

    def set_active(self, user_id: int, active: bool, expected_version: int | None = None) -> UserInfo:
        with self._work(Permission.MANAGE_USERS) as work:
            user = self._get(work, user_id, expected_version)
            if active:
                _check_not_above(work.actor, user)
            if not active and user.id == work.actor.user_id:
                raise BadInputError("U kunt uw eigen account niet uitschakelen.")
            before = self._audit_view(user)
            user.active = active
            if not active:
                self._keep_a_security_officer(work.session)
            self._save(work.session, user)
            work.audit(
                "user_enabled" if active else "user_disabled",
                "user",
                user.id,
                before=before,
                after=self._audit_view(user),
            )
            return _to_info(user, self._school_names(work.session))

    def reset_password(
        self, user_id: int, new_password: str, expected_version: int | None = None
    ) -> UserInfo:
        """A temporary password the user must change at the next login."""
        _valid_password(new_password)
        with self._work(Permission.MANAGE_USERS) as work:
            user = self._get(work, user_id, expected_version)
            _check_not_above(work.actor, user)
            user.password_hash = hash_password(new_password)
            user.must_change_password = True
            self._save(work.session, user)
            work.audit("password_reset", "user", user.id)
            return _to_info(user, self._school_names(work.session))

    def set_roles(
        self,
        user_id: int,
        roles: frozenset[Role],
        school_ids: frozenset[int] | None = None,
        expected_version: int | None = None,
        *,
        board_level: bool | None = None,
    ) -> UserInfo:
        """New roles; ``school_ids`` (named schools) or ``board_level=True`` also changes where the
        account works; ``None`` keeps that as it is."""
        if not roles:
            raise BadInputError("Geef de gebruiker minstens één rol.")
        check_role_combination(roles)
        with self._work(Permission.MANAGE_USERS) as work:
            check_not_own_roles(work.actor.user_id, user_id)
            user = self._get(work, user_id, expected_version)
            before = self._audit_view(user)
            old_roles = frozenset(Role(r.role) for r in user.roles)
            old_schools = frozenset(s.school_id for s in user.schools)
            was_board = is_board_level(user)
            board = user.board_level if board_level is None else board_level
            board = board or bool(roles & BOARD_WIDE_ROLES)
            schools = frozenset() if board else old_schools if school_ids is None else school_ids
            check_grant(work.actor, roles - old_roles, schools - old_schools, board and not was_board)
            if not board and not schools:
                raise BadInputError("Kies minstens één school, of 'heel het bestuur'.")
            user.roles = [UserRole(role=r.value) for r in sorted(roles)]
            user.schools = [UserSchool(school_id=s) for s in sorted(schools)]
            user.board_level = board
            self._save(work.session, user)
            self._keep_a_security_officer(work.session)
            work.audit("user_roles_changed", "user", user.id, before=before, after=self._audit_view(user))
            return _to_info(user, self._school_names(work.session))

    @staticmethod
    def _get(work: Work, user_id: int, expected_version: int | None = None) -> User:
        user = work.session.get(User, user_id)
        if user is None:
            raise NotFoundError("Deze gebruiker bestaat niet (meer).")
        if not in_scope(work.actor, user):
            raise PermissionDeniedError(OUT_OF_SCOPE)
        if expected_version is not None and user.version != expected_version:
            raise StaleEditError(STALE_USER)
        return user

    @staticmethod
    def _save(session: Session, user: User) -> None:
        # Roles and schools live in their own tables: touch the account row too, so that its version
        # goes up and a second program's save over this one is refused (on PostgreSQL at the UPDATE).
        flag_modified(user, "full_name")
        try:
            session.flush()
        except StaleDataError as error:
            raise StaleEditError(STALE_USER) from error

    @staticmethod
    def _school_names(session: Session) -> dict[int, str]:
        return {s.id: s.name for s in session.scalars(select(School))}

    @staticmethod
    def _requested_schools(actor: Actor, requested: frozenset[int] | None) -> frozenset[int]:
        return actor.school_ids if requested is None else requested

    @staticmethod
    def _keep_a_security_officer(session: Session) -> None:
        # Without an active security officer nobody can manage accounts any more: refuse that.
        session.flush()
        remaining = session.scalars(
            select(User.id)
            .join(UserRole)
            .where(User.active.is_(True), UserRole.role == Role.SECURITY_OFFICER.value)
        ).first()
        if remaining is None:
            raise BadInputError(
                "Er moet altijd minstens één actieve security officer zijn, anders kan niemand meer "
                "accounts beheren. Geef eerst iemand anders die rol."
            )

    @staticmethod
    def _audit_view(user: User) -> dict[str, object]:
        return {
            "username": user.username,
            "full_name": user.full_name,
            "roles": sorted(r.role for r in user.roles),
            "schools": sorted(s.school_id for s in user.schools),
            "board_level": bool(user.board_level),
            "active": user.active,
        }
