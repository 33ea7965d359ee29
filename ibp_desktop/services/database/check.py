"""`ibp-desktop check`: is the database whole, is its schema current, is the audit chain intact?"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, text

from ibp_desktop.security.audit import head, verify_chain
from ibp_desktop.store.database import Database
from ibp_desktop.store.migrate import current_revision
from ibp_desktop.store.revisions import HEAD_REVISION


@dataclass(frozen=True)
class CheckReport:
    findings: list[str] = field(default_factory=list)  # what is fine, in plain Dutch
    problems: list[str] = field(default_factory=list)  # what is wrong and what to do
    warnings: list[str] = field(default_factory=list)  # not wrong yet, but needs someone's attention

    @property
    def ok(self) -> bool:
        return not self.problems


def run_check(database: Database) -> CheckReport:
    findings: list[str] = []
    problems: list[str] = []
    with database.engine.connect() as connection:
        if database.is_sqlite:
            _sqlite_integrity(connection, findings, problems)
        revision = current_revision(connection)
    if revision == HEAD_REVISION:
        findings.append(f"Databaseschema is actueel ({revision}).")
    else:
        problems.append(
            f"Databaseschema is {revision or 'leeg'}, verwacht {HEAD_REVISION}. "
            "Start het programma om bij te werken."
        )
    with database.transaction() as session:
        chain = verify_chain(session)
        latest = head(session)
    if chain.intact:
        findings.append(f"Logboek: alle {chain.entries} regels zijn onveranderd (hashketen klopt).")
        findings.append(f"Logboek: laatste {latest.short()}.")
    else:
        problems.append(
            f"Logboek: de hashketen is verbroken ({len(chain.problems)} probleem/problemen). Iemand heeft "
            "het logboek buiten het programma om veranderd. Meld dit als beveiligingsincident."
        )
        problems.extend("  " + p for p in chain.problems)
    _anchor_state(database, problems)
    warnings: list[str] = []
    _anchor_kept(database, findings, warnings)
    if database.is_sqlite:
        _backup_state(database, findings, warnings)
        _backup_anchor_state(database, problems)
    return CheckReport(findings, problems, warnings)


def _anchor_kept(database: Database, findings: list[str], warnings: list[str]) -> None:
    from ibp_desktop.security.audit_anchor import load_anchor

    if database.audit_anchor_account is None:
        return
    if load_anchor(database.audit_anchor_account) is not None:
        findings.append("Logboek: klopt met de laatste regel die deze computer buiten de database bewaart.")
    else:
        warnings.append(
            "Deze computer heeft geen veilige sleutelbewaarplaats voor het logboek: het logboek wordt alleen "
            "vergeleken met de laatste back-up. Maak dus regelmatig een back-up."
        )


def _anchor_state(database: Database, problems: list[str]) -> None:
    if database.audit_problems:
        problems.append(
            "Logboek: het klopt niet met wat deze computer buiten de database bewaart. Iemand heeft het "
            "logboek buiten het programma om veranderd. Meld dit als beveiligingsincident en zet zo nodig "
            "een back-up terug."
        )
        problems.extend("  " + p for p in database.audit_problems)


def _backup_anchor_state(database: Database, problems: list[str]) -> None:
    """The last backup's sidecar is a second anchor, also on another PC or with an emptied keyring."""
    from pathlib import Path

    from ibp_desktop.security.audit import compare_anchor
    from ibp_desktop.services.database.backup import last_backup, sidecar_head

    last = last_backup(database)
    head = sidecar_head(Path(last.path)) if last is not None else None
    if last is None or head is None:
        return
    with database.transaction() as session:
        found = compare_anchor(session, head)
    if found:
        problems.append(
            f"Logboek: het klopt niet met de laatste back-up ({last.path}). Meld dit als "
            "beveiligingsincident."
        )
        problems.extend("  " + p for p in found)


def _backup_state(database: Database, findings: list[str], warnings: list[str]) -> None:
    from ibp_desktop.services.database.backup import last_backup
    from ibp_desktop.store.types import utc_now

    last = last_backup(database)
    if last is None:
        warnings.append("Er is nog nooit een back-up gemaakt. Maak er een met 'ibp-desktop backup'.")
        return
    when = _format_when(last.at)
    if last.is_stale(utc_now()):
        warnings.append(f"De laatste back-up is van {when}, langer dan 7 dagen geleden ({last.path}).")
    else:
        findings.append(f"Laatste goede back-up: {when} ({last.path}).")


def _format_when(moment: datetime) -> str:
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%d-%m-%Y %H:%M")


def _sqlite_integrity(connection: Connection, findings: list[str], problems: list[str]) -> None:
    result = [str(r[0]) for r in connection.execute(text("PRAGMA integrity_check"))]
    if result == ["ok"]:
        findings.append("SQLite-integriteitscontrole: in orde.")
    else:
        problems.append("SQLite-integriteitscontrole: de database is beschadigd. Zet een back-up terug.")
        problems.extend("  " + line for line in result[:20])
    cipher = [str(r[0]) for r in connection.execute(text("PRAGMA cipher_integrity_check"))]
    if cipher:
        problems.append(
            "SQLCipher-controle: pagina's van het versleutelde bestand zijn beschadigd of veranderd."
        )
        problems.extend("  " + line for line in cipher[:20])
    else:
        findings.append("SQLCipher-controle: alle versleutelde pagina's zijn onbeschadigd.")
