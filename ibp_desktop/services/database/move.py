"""Move one school's own database (the file on its PC) onto the board's server.

Everything is copied in one server transaction: the school, its accounts (a name the server already has
is renamed and reported, never merged), every record and file kept in the database, and the audit log,
appended to the server's chain. The counts are compared table by table before the commit. Afterwards the
file is marked as moved: it opens read-only, as the school's own copy. A dry run does all of it and rolls
the server back.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from ibp_desktop.core.errors import BadInputError, IbpError, PermissionDeniedError
from ibp_desktop.core.roles import BOARD_WIDE_ROLES, ROLE_LABELS, Permission, Role
from ibp_desktop.security import audit
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.database.moved import MOVED_SETTING, moved_marker
from ibp_desktop.store.database import Database
from ibp_desktop.store.models import AuditEntry, Board, School, Setting, User, UserRole, UserSchool
from ibp_desktop.store.row_copy import CopyError, IdMap, copy_rows
from ibp_desktop.store.schema import metadata

logger = logging.getLogger(__name__)

# Copied by hand (they need judgement) or not at all (the server keeps its own settings).
_BY_HAND = {"boards", "schools", "users", "user_roles", "user_schools", "settings", "audit_log"}


@dataclass(frozen=True)
class TableCount:
    table: str
    local: int
    server: int

    @property
    def ok(self) -> bool:
        return self.local == self.server


@dataclass(frozen=True)
class AccountMove:
    local_name: str
    server_name: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class MoveReport:
    school_name: str
    brin: str
    dry_run: bool
    counts: tuple[TableCount, ...]
    accounts: tuple[AccountMove, ...]
    audit_local: int
    audit_copied: int
    unresolved: int  # references to records destroyed earlier (kept empty on the server)
    board_rows: tuple[tuple[str, int], ...] = ()  # the file's board-wide rows, now the school's own

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.counts) and self.audit_local == self.audit_copied


# Dutch words for the tables people know; the others are shown by their technical name.
TABLE_LABELS = {
    "schools": "school",
    "users": "accounts",
    "pupils": "leerlingen",
    "groups": "groepen",
    "consent_decisions": "toestemmingen",
    "consent_scans": "gescande toestemmingsformulieren",
    "incidents": "incidenten en datalekken",
    "subject_requests": "verzoeken van betrokkenen",
    "processor_agreements": "verwerkersovereenkomsten",
    "retention_items": "bewaaritems",
    "retention_runs": "opruimrondes",
    "policy_documents": "beleidsdocumenten",
    "policy_versions": "versies van beleidsdocumenten",
    "adopted_reports": "vastgestelde jaarverslagen",
    "suppliers": "leveranciers",
    "supplier_products": "producten van leveranciers",
    "product_schools": "producten per school",
    "access_systems": "systemen",
    "access_grants": "toegangsrechten",
    "access_reviews": "toegangscontroles",
    "access_review_lines": "regels van toegangscontroles",
    "access_checklists": "checklists in en uit dienst",
    "access_checklist_items": "regels van die checklists",
    "staff_members": "medewerkers",
    "actions": "acties (plan van aanpak)",
    "consent_form_versions": "toestemmingsformulieren",
    "consent_purposes": "doelen van beeldgebruik",
    "consent_form_purposes": "doelen per formulier",
    "consent_campaigns": "toestemmingsrondes",
    "ibp_tasks": "taken van de jaarkalender",
    "ibp_task_done": "afgevinkte taken",
    "incident_timeline": "tijdlijnregels van incidenten",
    "retention_rules": "bewaartermijnen",
    "retention_run_lines": "regels van opruimrondes",
    "retention_pupil_flags": "bewaarmarkeringen van leerlingen",
    "subject_request_remarks": "opmerkingen bij verzoeken",
}


def report_lines(report: MoveReport, seconds: float) -> list[str]:
    """The report of a move (or a dry run) as Dutch lines, for the command line and Beheer."""
    head = "Proefdraai" if report.dry_run else "Verhuisd"
    lines = [
        f"{head}: {report.school_name} ({report.brin}) naar de server, in {seconds:.1f} s.",
        "Aantallen (bestand = server):",
    ]
    for count in report.counts:
        if count.local or count.server:
            mark = "OK  " if count.ok else "FOUT"
            name = TABLE_LABELS.get(count.table, count.table)
            lines.append(f"  {mark} {name:<34} {count.local:>7} = {count.server:<7}")
    name = "logboekregels (achteraan op server)"
    lines.append(f"  OK   {name:<34} {report.audit_local:>7} = {report.audit_copied}")
    lines.append("Accounts:")
    for account in report.accounts:
        lines.append(
            f"  {account.local_name:<16} -> {account.server_name:<20} {'; '.join(account.notes)}".rstrip()
        )
    if report.board_rows:
        moved = ", ".join(f"{n} {TABLE_LABELS.get(t, t)}" for t, n in report.board_rows)
        lines.append(
            f"Wat in het bestand voor het hele bestuur gold ({moved}), hoort op de server bij deze school."
        )
    if report.unresolved:
        lines.append(
            f"{report.unresolved} verwijzingen in opruimrondes naar al vernietigde gegevens zijn op de "
            "server leeg gelaten."
        )
    if report.dry_run:
        lines.append("Proefdraai: er is niets veranderd, niet op de server en niet in het bestand.")
    else:
        lines.append(
            "Het bestand is gemarkeerd als verhuisd: het opent voortaan alleen om te bekijken, als eigen "
            "kopie van de school. Geef de mensen van de school het adres van de server."
        )
    return lines


class _DryRun(Exception):
    """Raised inside the server transaction to roll a dry run back."""

    def __init__(self, report: MoveReport) -> None:
        super().__init__("dry run")
        self.report = report


class MoveService(Service):
    """Runs on the server database, for a board account that may manage schools."""

    def move_school(self, local: Database, *, server_label: str, dry_run: bool = False) -> MoveReport:
        if local.read_only or moved_marker(local) is not None:
            raise BadInputError("Deze database is al naar de server verhuisd. Er is niets veranderd.")
        try:
            with local.transaction() as source, self._work(Permission.MANAGE_SCHOOLS) as work:
                if not work.actor.board_level:
                    raise PermissionDeniedError(
                        "Alleen een account van het bestuur kan een school naar de server verhuizen."
                    )
                report = _Move(source, work, dry_run).run()
                if dry_run:
                    raise _DryRun(report)
        except _DryRun as done:
            return done.report
        _mark_moved(local, report, server_label, self.actor.username)
        logger.info(
            "school moved to server: %d tables, %d audit entries", len(report.counts), report.audit_copied
        )
        return report


class _Move:
    def __init__(self, source: Session, work: Work, dry_run: bool) -> None:
        self.source = source
        self.target = work.session
        self.work = work
        self.dry_run = dry_run
        self.ids = IdMap()

    def run(self) -> MoveReport:
        school = self._the_school()
        chain = audit.verify_chain(self.source)
        if not chain.intact:
            raise BadInputError(
                "Het logboek in dit bestand is niet meer intact (zie 'ibp-desktop check'). Zo'n bestand "
                "verhuist niet naar de server. Er is niets veranderd."
            )
        new_school = self._copy_school(school)
        accounts = self._copy_accounts(school.brin)
        self.work.audit(
            "school_move_started",
            "school",
            new_school.id,
            school_id=new_school.id,
            after={
                "brin": school.brin,
                "local_entries": chain.entries,
                "local_last_hash": audit.last_hash(self.source),
            },
        )
        try:
            copied = copy_rows(self.source, self.target, metadata, _BY_HAND, self.ids)
        except CopyError as error:
            logger.warning("move: dangling reference in %s", error)
            raise IbpError(
                "In het bestand verwijst een gegeven naar iets dat er niet meer is. Er is niets verhuisd. "
                "Controleer het bestand met 'ibp-desktop check'."
            ) from None
        self._copy_school_settings(school.id, new_school.id)
        audit_copied = self._copy_audit_log()
        counts = self._counts(copied)
        report = MoveReport(
            school.name,
            school.brin,
            self.dry_run,
            counts,
            accounts,
            chain.entries,
            audit_copied,
            self.ids.unresolved,
            tuple(sorted(self.ids.board_rows.items())),
        )
        if not report.ok:
            raise IbpError("De aantallen op de server kloppen niet met het bestand. Er is niets verhuisd.")
        after = {"counts": {c.table: c.server for c in counts if c.server}, "audit_entries": audit_copied}
        self.work.audit("school_moved_in", "school", new_school.id, school_id=new_school.id, after=after)
        return report

    def _the_school(self) -> School:
        schools = self.source.scalars(select(School)).all()
        if len(schools) != 1:
            raise BadInputError(
                f"Dit bestand heeft {len(schools)} scholen; alleen de database van één school kan verhuizen."
            )
        school = schools[0]
        if self.target.scalars(select(School.id).where(School.brin == school.brin)).first() is not None:
            raise BadInputError(
                f"Op de server staat al een school met BRIN-code {school.brin}. Er is niets veranderd."
            )
        return school

    def _copy_school(self, school: School) -> School:
        board_id = self.target.scalars(select(Board.id).order_by(Board.id)).first()
        if board_id is None:
            raise BadInputError(
                "De server heeft nog geen bestuur. Richt hem eerst in met 'ibp-desktop init'."
            )
        for local_board in self.source.scalars(select(Board.id)):
            self.ids.add("boards", local_board, board_id)
        row = School(board_id=board_id, name=school.name, brin=school.brin, created_at=school.created_at)
        self.target.add(row)
        self.target.flush()
        self.ids.add("schools", school.id, row.id)
        self.ids.board_rows_to_school = row.id
        return row

    def _copy_school_settings(self, old_id: int, new_id: int) -> None:
        """Settings of the school itself (key "name:<school id>", e.g. the year calendar was seeded)."""
        suffix = f":{old_id}"
        for setting in self.source.scalars(select(Setting).where(Setting.key.endswith(suffix))):
            key = setting.key[: -len(suffix)] + f":{new_id}"
            if self.target.get(Setting, key) is None:
                self.target.add(Setting(key=key, value=setting.value))
        self.target.flush()

    def _copy_accounts(self, brin: str) -> tuple[AccountMove, ...]:
        taken = set(self.target.scalars(select(User.username)))
        moves = []
        school_id = next(iter(self.ids.tables["schools"].values()))
        for user in self.source.scalars(select(User).order_by(User.id)):
            name, notes = _free_name(user.username, brin, taken)
            roles = {Role(r.role) for r in user.roles}
            dropped = roles & BOARD_WIDE_ROLES
            kept = roles - dropped
            if dropped:
                labels = ", ".join(ROLE_LABELS[r] for r in sorted(dropped))
                notes.append(f"rol {labels} vervalt: die hoort op de server bij het bestuur")
            active = user.active and bool(kept)
            if user.active and not active:
                notes.append("uitgeschakeld: het account heeft geen andere rol")
            row = User(
                username=name,
                full_name=user.full_name,
                password_hash=user.password_hash,  # people keep their password
                active=active,
                must_change_password=user.must_change_password,
                created_at=user.created_at,
                last_login_at=user.last_login_at,
                board_level=False,  # on the server the account works for its own school only
                roles=[UserRole(role=r.value) for r in sorted(kept)],
                schools=[UserSchool(school_id=school_id)],
            )
            self.target.add(row)
            self.target.flush()
            self.ids.add("users", user.id, row.id)
            taken.add(name)
            moves.append(AccountMove(user.username, name, tuple(notes)))
        return tuple(moves)

    def _copy_audit_log(self) -> int:
        entries = []
        for entry in self.source.scalars(select(AuditEntry).order_by(AuditEntry.id)):
            entries.append(
                audit.CopiedEntry(
                    entry,
                    self.ids.tables.get("users", {}).get(entry.user_id),
                    self.ids.tables.get("schools", {}).get(entry.school_id),
                    _entity_id(self.ids, entry.entity, entry.entity_id),
                )
            )
        audit.append_copied(self.target, entries)
        return len(entries)

    def _counts(self, copied: dict[str, int]) -> tuple[TableCount, ...]:
        result = [
            TableCount("schools", 1, self._present(metadata.tables["schools"], "schools")),
            TableCount(
                "users",
                len(self.ids.tables.get("users", {})),
                self._present(metadata.tables["users"], "users"),
            ),
        ]
        for name, local in copied.items():
            result.append(TableCount(name, local, self._present(metadata.tables[name], name)))
        return tuple(result)

    def _present(self, table: Table, name: str) -> int:
        """Rows of this school on the server, found again by their new ids (or a link's first key)."""
        keys = list(table.primary_key.columns)
        column, into = keys[0], name
        if column.foreign_keys:
            into = next(iter(column.foreign_keys)).column.table.name
        wanted = list(self.ids.tables.get(into, {}).values())
        found = 0
        for start in range(0, len(wanted), 1000):
            chunk = wanted[start : start + 1000]
            found += int(
                self.target.scalar(select(func.count()).select_from(table).where(column.in_(chunk))) or 0
            )
        return found


def _free_name(name: str, brin: str, taken: set[str]) -> tuple[str, list[str]]:
    if name not in taken:
        return name, []
    base = f"{name[:34]}-{brin.lower()}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}{number}", number + 1
    return candidate, [f"de naam '{name}' bestond al op de server; dit account heet nu '{candidate}'"]


def _entity_id(ids: IdMap, entity: str, entity_id: str) -> str:
    for table in (entity, f"{entity}s", f"{entity}es"):
        if table in ids.tables and entity_id.isdigit():
            new = ids.tables[table].get(int(entity_id))
            return entity_id if new is None else str(new)
    return entity_id


def _mark_moved(local: Database, report: MoveReport, server_label: str, username: str) -> None:
    marker = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "server": server_label,
        "brin": report.brin,
        "by": username,
    }
    with local.transaction() as session:
        session.merge(Setting(key=MOVED_SETTING, value=json.dumps(marker)))
        audit.record(
            session,
            audit.AuditActor(None, username),
            "school_moved_to_server",
            "school",
            report.brin,
            after={"server": server_label, "audit_entries": report.audit_copied},
        )
