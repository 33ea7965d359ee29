"""Dutch formatting for the screen: numbers, dates, times; and temporary passwords."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: easy to read aloud


def number(value: int) -> str:
    """1234567 -> 1.234.567"""
    return f"{value:,}".replace(",", ".")


def local(moment: datetime) -> datetime:
    """A stored UTC moment (naive means UTC) in Dutch local time."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(AMSTERDAM)


def date_time(moment: datetime | None, empty: str = "nooit") -> str:
    """28-11-2026 14:05, in Europe/Amsterdam."""
    if moment is None:
        return empty
    return f"{local(moment):%d-%m-%Y %H:%M}"


def temporary_password() -> str:
    """Three groups of four easy-to-read characters, e.g. 'kq7m-x3pa-9ztd' (14 characters)."""
    groups = ("".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(4)) for _ in range(3))
    return "-".join(groups)
