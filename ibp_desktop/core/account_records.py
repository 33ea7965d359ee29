"""Plain records of account creations and role changes, for the FG (report and Overzicht)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class AccountChange:
    """One account creation or role change: who did it to whom, and the roles before and after it."""

    at: datetime
    what: str  # "Nieuw account" or "Rollen gewijzigd"
    by: str  # user name of who did it
    account: str  # user name of the account
    roles_before: str
    roles_after: str
