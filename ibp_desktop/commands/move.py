"""`move-to-server`: copy one school's own database onto the board's PostgreSQL server."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from ibp_desktop.commands import common

# Dutch words for the tables people know; the others are shown by their technical name.
TABLE_LABELS = {
    "schools": "school",
    "users": "accounts",
    "pupils": "leerlingen",
    "groups": "groepen",
    "consent_decisions": "toestemmingen",
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


def add_commands(commands: Any, exports: Any) -> None:
    move = commands.add_parser(
        "move-to-server", help="copy one school's database file onto the board's PostgreSQL server"
    )
    move.add_argument("--data-dir", required=True, help="the folder with the school's database file")
    move.add_argument("--database-url", required=True, help="the board's server, postgresql+psycopg://...")
    move.add_argument("--user", required=True, help="a board account on the server (IBP_DESKTOP_PASSWORD)")
    move.add_argument("--dry-run", action="store_true", help="show what would happen; change nothing")
    move.set_defaults(handler=_cmd_move)


def _cmd_move(args: argparse.Namespace) -> int:
    from ibp_desktop.services.auth import login
    from ibp_desktop.services.connection import server_account
    from ibp_desktop.services.location import Location
    from ibp_desktop.services.move import MoveService

    local = common.open_database(Location(data_dir=Path(args.data_dir)))
    try:
        server = common.open_database(Location(data_dir=Path(args.data_dir), database_url=args.database_url))
        try:
            actor = login(
                server, args.user, common.secret(common.PASSWORD_ENV, f"Wachtwoord voor {args.user}: ")
            )
            started = time.perf_counter()
            report = MoveService(server, actor).move_school(
                local, server_label=server_account(args.database_url), dry_run=args.dry_run
            )
            seconds = time.perf_counter() - started
        finally:
            server.dispose()
    finally:
        local.dispose()
    _print_report(report, seconds)
    return common.EXIT_OK


def _print_report(report: Any, seconds: float) -> None:
    head = "Proefdraai" if report.dry_run else "Verhuisd"
    print(f"{head}: {report.school_name} ({report.brin}) naar de server, in {seconds:.1f} s.")
    print("Aantallen (bestand = server):")
    for count in report.counts:
        if count.local or count.server:
            mark = "OK  " if count.ok else "FOUT"
            name = TABLE_LABELS.get(count.table, count.table)
            print(f"  {mark} {name:<34} {count.local:>7} = {count.server:<7}")
    name = "logboekregels (achteraan op server)"
    print(f"  OK   {name:<34} {report.audit_local:>7} = {report.audit_copied}")
    print("Accounts:")
    for account in report.accounts:
        notes = "; ".join(account.notes)
        print(f"  {account.local_name:<16} -> {account.server_name:<20} {notes}")
    if report.unresolved:
        print(
            f"{report.unresolved} verwijzingen in opruimrondes naar al vernietigde gegevens zijn op de "
            "server leeg gelaten."
        )
    if report.dry_run:
        print("Proefdraai: er is niets veranderd, niet op de server en niet in het bestand.")
    else:
        print(
            "Het bestand is gemarkeerd als verhuisd: het opent voortaan alleen om te bekijken, als eigen "
            "kopie van de school. Geef de mensen van de school het adres van de server."
        )
