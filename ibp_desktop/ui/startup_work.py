"""The start-up's work off the GUI thread (run through ui/ops.py by ui/app.py): open the database, log in
and read what the first window needs, the demo's accounts for the login dialog. Standard library only at
import: the login dialog must not wait for SQLAlchemy."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ibp_desktop.services.context import Actor
    from ibp_desktop.services.database.connection import Location
    from ibp_desktop.store.database import Database
    from ibp_desktop.ui.context import StartData


def looks_like_demo(location: Location) -> bool:
    from ibp_desktop.services.location import is_demo_location  # standard library only

    return is_demo_location(location)


def open_database(
    location: Location,
    recovery_key: str | None = None,
    read_only: bool = False,
    server_password: str | None = None,
) -> Database:
    """Background: load the storage stack and open the database (migrating it when due)."""
    from ibp_desktop.services.accounts import auth  # noqa: F401 - warm the import the login needs next
    from ibp_desktop.services.database.connection import open_location

    return open_location(
        location, recovery_key=recovery_key or None, read_only=read_only, server_password=server_password
    )


def log_in(database: Database, username: str, password: str) -> tuple[Actor, StartData | None]:
    """The password check and what the first window needs, read while Argon2id checks the password
    (issue 17: after Enter only the check remains); None instead when a new password must be chosen
    first."""
    from ibp_desktop.services.accounts.auth import login_and_read

    return login_and_read(database, username, password, lambda actor: read_start_today(database, actor))


def read_start_today(database: Database, actor: Actor) -> StartData:
    from datetime import date

    from ibp_desktop.ui.context import read_start

    return read_start(database, actor, date.today())


def demo_accounts() -> list[tuple[str, str, str]]:
    from ibp_desktop.services.demo.school import DEMO_ACCOUNTS

    return [(a.username, a.password, a.role_label) for a in DEMO_ACCOUNTS]
