"""Who made whom: account creations and role changes, read back from the audit log.

Four eyes only work when the second pair is independent: a clean-up run may not be approved by an account
that its proposer created or gave a role in the last 30 days (otherwise one person could make a second
director account and approve their own run). The FG sees every such change (report and Overzicht).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ibp_desktop.core.account_records import AccountChange
from ibp_desktop.core.errors import DutiesNotApartError
from ibp_desktop.core.incidents.rules import format_day
from ibp_desktop.core.roles import ROLE_CHANGE_COOLING_DAYS, ROLE_LABELS, Role
from ibp_desktop.services.dashboard.attention import AttentionItem
from ibp_desktop.store.models import AuditEntry, User

ACCOUNT_ACTIONS = ("user_added", "user_roles_changed")
ACTION_WORDS = {"user_added": "Nieuw account", "user_roles_changed": "Rollen gewijzigd"}


def _roles_text(view: object) -> str:
    if not isinstance(view, dict):
        return ""
    codes = view.get("roles") or []
    return ", ".join(ROLE_LABELS[Role(c)] for c in codes if c in {r.value for r in Role})


def account_changes(session: Session, since: datetime, until: datetime | None = None) -> list[AccountChange]:
    """Every new account and role change from ``since`` (up to ``until``), oldest first."""
    query = select(AuditEntry).where(AuditEntry.action.in_(ACCOUNT_ACTIONS), AuditEntry.at >= since)
    if until is not None:
        query = query.where(AuditEntry.at <= until)
    entries = session.scalars(query.order_by(AuditEntry.id)).all()
    names = {u.id: u.username for u in session.scalars(select(User))}
    changes = []
    for entry in entries:
        details = json.loads(entry.details or "{}")
        account = (
            names.get(int(entry.entity_id), f"account {entry.entity_id}") if entry.entity_id.isdigit() else ""
        )
        changes.append(
            AccountChange(
                entry.at,
                ACTION_WORDS[entry.action],
                entry.username,
                account,
                _roles_text(details.get("before")),
                _roles_text(details.get("after")),
            )
        )
    return changes


def check_independent_approver(
    session: Session, proposer_id: int | None, approver_id: int, now: datetime
) -> None:
    """Refuse when the proposer created the approver's account or changed its roles in the last 30 days."""
    if proposer_id is None:
        return
    since = now - timedelta(days=ROLE_CHANGE_COOLING_DAYS)
    tie = session.scalars(
        select(AuditEntry.at)
        .where(
            AuditEntry.action.in_(ACCOUNT_ACTIONS),
            AuditEntry.user_id == proposer_id,
            AuditEntry.entity == "user",
            AuditEntry.entity_id == str(approver_id),
            AuditEntry.at >= since,
        )
        .limit(1)
    ).first()
    if tie is not None:
        raise DutiesNotApartError(
            f"Uw account is op {tie:%d-%m-%Y} aangemaakt of van rol veranderd door degene die deze "
            f"opruimronde voorstelde. Binnen {ROLE_CHANGE_COOLING_DAYS} dagen daarna mag u die ronde niet "
            "goedkeuren: dan kijken er niet echt twee mensen onafhankelijk naar. Vraag een andere directeur."
        )


FG_OVERVIEW_DAYS = 30


def fg_account_items(session: Session, roles: frozenset[Role], now: datetime) -> list[AttentionItem]:
    """On the FG's Overzicht: every new account and role change of the last 30 days, one line each."""
    if Role.DPO not in roles:
        return []
    items = []
    for change in account_changes(session, now - timedelta(days=FG_OVERVIEW_DAYS)):
        roles_text = change.roles_after or "geen"
        if change.roles_before:
            roles_text = f"{change.roles_before} → {roles_text}"
        items.append(
            AttentionItem(
                f"{change.what} op {format_day(change.at)}: {change.account} ({roles_text}), "
                f"door {change.by}.",
                "beheer",
                "info",
            )
        )
    return items
