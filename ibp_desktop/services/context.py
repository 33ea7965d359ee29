"""What every service shares: the logged-in actor, permission checks, one transaction, the audit log."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ibp_desktop.core.errors import NotFoundError, PermissionDeniedError
from ibp_desktop.core.roles import BOARD_WIDE_ROLES, ROLE_LABELS, Permission, Role, permissions_of
from ibp_desktop.security import audit
from ibp_desktop.store.database import Database
from ibp_desktop.store.models import School, User

PERMISSION_DENIED = (
    "U heeft geen rechten om dit te doen ({what}). Vraag het de security officer van uw school."
)


@dataclass(frozen=True)
class Actor:
    """The logged-in user as services see it; re-checked against the database on every call."""

    user_id: int
    username: str
    full_name: str
    roles: frozenset[Role]
    school_ids: frozenset[int]
    board_level: bool = False  # works for the whole board: sees every school, manages every account

    def can(self, permission: Permission) -> bool:
        return permission in permissions_of(self.roles)

    @property
    def role_labels(self) -> list[str]:
        return [ROLE_LABELS[role] for role in sorted(self.roles)]

    @property
    def audit_actor(self) -> audit.AuditActor:
        return audit.AuditActor(user_id=self.user_id, username=self.username)


def is_board_level(user: User) -> bool:
    """A board account: marked so, or holding a role that sees every school (FG, bestuurder)."""
    return bool(user.board_level) or any(Role(r.role) in BOARD_WIDE_ROLES for r in user.roles)


def actor_from_user(session: Session, user: User) -> Actor:
    roles = frozenset(Role(r.role) for r in user.roles)
    board_level = is_board_level(user)
    if board_level:
        school_ids = frozenset(session.scalars(select(School.id)).all())
    else:
        school_ids = frozenset(s.school_id for s in user.schools)
    return Actor(user.id, user.username, user.full_name, roles, school_ids, board_level)


class OfOneSchool(Protocol):
    """A stored record that belongs to one school (incident, request, complaint, ...)."""

    @property
    def school_id(self) -> int: ...


SchoolRecord = TypeVar("SchoolRecord", bound=OfOneSchool)


class Work:
    """One unit of work inside a service call: the session, the fresh actor and the audit writer."""

    def __init__(self, session: Session, actor: Actor) -> None:
        self.session = session
        self.actor = actor

    def audit(
        self,
        action: str,
        entity: str,
        entity_id: object,
        *,
        before: Mapping[str, Any] | None = None,
        after: Mapping[str, Any] | None = None,
        school_id: int | None = None,
    ) -> None:
        audit.record(
            self.session,
            self.actor.audit_actor,
            action,
            entity,
            entity_id,
            before=before,
            after=after,
            school_id=school_id,
        )

    def require_school(self, school_id: int) -> None:
        if school_id not in self.actor.school_ids:
            raise PermissionDeniedError("U heeft geen toegang tot de gegevens van deze school.")

    def school_record(self, kind: type[SchoolRecord], record_id: int, missing: str) -> SchoolRecord:
        """The record ``record_id`` of ``kind``, of one of the user's schools: NotFoundError with the
        area's Dutch ``missing`` when it no longer exists (someone removed it), PermissionDeniedError when
        it belongs to another school."""
        record = self.session.get(kind, record_id)
        if record is None:
            raise NotFoundError(missing)
        self.require_school(record.school_id)
        return record


class Service:
    """Base of every area service. Public methods use ``self._work(permission)``."""

    def __init__(self, database: Database, actor: Actor) -> None:
        self.database = database
        self.actor = actor

    @contextmanager
    def _work(self, permission: Permission, *, school_id: int | None = None) -> Iterator[Work]:
        with self.database.transaction() as session:
            fresh = self._fresh_actor(session)
            if not fresh.can(permission):
                raise PermissionDeniedError(PERMISSION_DENIED.format(what=_permission_text(permission)))
            work = Work(session, fresh)
            if school_id is not None:
                work.require_school(school_id)
            yield work

    def _check_permission(self, permission: Permission) -> None:
        """Only the permission check, for work that runs in its own transactions (e.g. a backup)."""
        with self._work(permission):
            pass

    def _fresh_actor(self, session: Session) -> Actor:
        # Roles may have changed since login (the security officer took one away): read them again.
        user = session.get(User, self.actor.user_id)
        if user is None or not user.active:
            raise PermissionDeniedError(
                "Uw account is uitgeschakeld. Neem contact op met de security officer."
            )
        return actor_from_user(session, user)


_PERMISSION_TEXTS: dict[Permission, str] = {
    Permission.MANAGE_USERS: "accounts beheren",
    Permission.MANAGE_SCHOOLS: "scholen beheren",
    Permission.MANAGE_SETTINGS: "instellingen wijzigen",
    Permission.VIEW_AUDIT_LOG: "het logboek bekijken",
    Permission.VIEW_PUPILS: "leerlingen bekijken",
    Permission.IMPORT_PUPILS: "leerlingen importeren",
    Permission.VIEW_DASHBOARD: "het overzicht bekijken",
    Permission.VIEW_RETENTION: "bewaartermijnen bekijken",
    Permission.PROPOSE_RETENTION_RUN: "opruimrondes voorstellen en uitvoeren",
    Permission.APPROVE_RETENTION_RUN: "opruimrondes goedkeuren",
    Permission.EDIT_RETENTION_SCHEDULE: "bewaartermijnen wijzigen",
    Permission.VIEW_REQUESTS: "verzoeken van betrokkenen bekijken",
    Permission.MANAGE_REQUESTS: "verzoeken van betrokkenen vastleggen",
    Permission.VIEW_PROCESSORS: "verwerkersovereenkomsten bekijken",
    Permission.MANAGE_PROCESSORS: "verwerkersovereenkomsten beheren",
    Permission.MANAGE_ACTIONS: "het plan van aanpak bijwerken",
    Permission.VIEW_PROCESSING: "het verwerkingsregister bekijken",
    Permission.MANAGE_PROCESSING: "het verwerkingsregister bijwerken",
    Permission.VIEW_DPIAS: "DPIA's bekijken",
    Permission.MANAGE_DPIAS: "DPIA's uitvoeren en vastleggen",
    Permission.VIEW_COMPLAINTS: "klachten bekijken",
    Permission.MANAGE_COMPLAINTS: "klachten vastleggen en afhandelen",
    Permission.ADVISE: "advies of een opmerking toevoegen",
    Permission.VIEW_REPORTS: "rapportages bekijken",
    Permission.MANAGE_POLICY: "beleidsdocumenten en de jaarkalender beheren",
    Permission.ADOPT_ANNUAL_REPORT: "het jaarverslag vaststellen",
    Permission.RECORD_CONSENT: "toestemmingen vastleggen",
    Permission.MANAGE_CONSENT_FORMS: "het toestemmingsformulier en de doelen beheren",
    Permission.PRINT_CONSENT: "toestemmingsoverzichten en formulieren afdrukken",
    Permission.REPORT_INCIDENT: "een incident melden",
    Permission.VIEW_INCIDENTS: "het incidentenregister bekijken",
    Permission.MANAGE_INCIDENTS: "incidenten en datalekken behandelen",
    Permission.VIEW_STAFF: "het personeelsoverzicht bekijken",
    Permission.MANAGE_STAFF: "personeel, bewustwording en gedragsregels vastleggen",
}


def _permission_text(permission: Permission) -> str:
    return _PERMISSION_TEXTS.get(permission, "dit doen")  # every permission has a text (a test checks)
