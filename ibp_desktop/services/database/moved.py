"""Whether this file's school moved to the board's server (then the file opens for viewing only).

Apart from move.py, which loads every model for the copy: opening the database asks this every time.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from ibp_desktop.store.database import Database
from ibp_desktop.store.models import Setting

MOVED_SETTING = "moved_to_server"


def moved_marker(database: Database) -> dict[str, Any] | None:
    """What the file says about its move to a server, or None when it was not moved."""
    with database.engine.connect() as connection:
        value = connection.execute(select(Setting.value).where(Setting.key == MOVED_SETTING)).scalar()
    return json.loads(value) if value else None
