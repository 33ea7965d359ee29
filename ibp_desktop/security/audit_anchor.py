"""The audit log's anchor outside the database: the latest entry number and hash, kept in the OS
keyring beside the database key (and, for a restore in progress, the head that is about to arrive).

Whoever can rewrite the database file cannot also rewrite this PC's keyring entry, so a log that is
cut short, wiped or recomputed shows at the next start and in `ibp-desktop check`. The anchor also
remembers the last good backup, so that a damaged database can name it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from ibp_desktop.security.audit import AuditHead

ANCHOR_SERVICE = "IBP Desktop logboek"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Anchor:
    head: AuditHead | None
    pending: AuditHead | None = None  # a restore switches to this head; either is then fine
    last_backup: str | None = None


def load_anchor(account: str) -> Anchor | None:
    """The anchor, or None when there is none yet or no trusted keyring (nothing to compare)."""
    from ibp_desktop.security.keys import trusted_keyring

    try:
        stored = trusted_keyring().get_password(ANCHOR_SERVICE, account)
    except Exception as error:  # no keyring on this machine: the demo school, a server session
        log.info("audit anchor not readable: %s", type(error).__name__)
        return None
    if not stored:
        return None
    try:
        data = json.loads(stored)
        return Anchor(_head(data.get("head")), _head(data.get("pending")), data.get("last_backup"))
    except (ValueError, TypeError, AttributeError, KeyError):
        log.warning("audit anchor unreadable")
        return Anchor(head=AuditHead(1, "onleesbaar"))  # someone changed it: compare fails visibly


def save_anchor(
    account: str,
    head: AuditHead | None = None,
    *,
    pending: AuditHead | None = None,
    last_backup: str | None = None,
) -> bool:
    """Update the anchor; fields given as None keep their stored value (pending is cleared)."""
    from ibp_desktop.security.keys import trusted_keyring

    previous = load_anchor(account) or Anchor(head=None)
    data = {
        "head": _plain(head or previous.head),
        "pending": _plain(pending),
        "last_backup": last_backup or previous.last_backup,
    }
    try:
        trusted_keyring().set_password(ANCHOR_SERVICE, account, json.dumps(data))
    except Exception as error:
        log.info("audit anchor not saved: %s", type(error).__name__)
        return False
    return True


def _head(value: object) -> AuditHead | None:
    if not isinstance(value, dict):
        return None
    return AuditHead(int(value["seq"]), str(value["hash"]))


def _plain(head: AuditHead | None) -> dict[str, object] | None:
    return None if head is None else {"seq": head.seq, "hash": head.entry_hash}
