"""Working days in the Netherlands: a deadline that ends on a Saturday, Sunday or public holiday moves to
the next working day (Regulation (EEC, Euratom) 1182/71 art. 3(4), which applies to the AVG's periods;
the Dutch Algemene termijnenwet art. 1 and 3 do the same and name the holidays).

Holidays (Algemene termijnenwet art. 3): Nieuwjaarsdag, tweede Paasdag, Koningsdag (27 April, or 26 April
when the 27th is a Sunday), Bevrijdingsdag (5 May), Hemelvaartsdag, tweede Pinksterdag, eerste and tweede
Kerstdag. Easter from dateutil's Western Easter computation.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter

SATURDAY = 5


@lru_cache(maxsize=64)
def public_holidays(year: int) -> dict[date, str]:
    easter_sunday = easter(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:
        kings_day = date(year, 4, 26)
    return {
        date(year, 1, 1): "Nieuwjaarsdag",
        easter_sunday + timedelta(days=1): "Tweede Paasdag",
        kings_day: "Koningsdag",
        date(year, 5, 5): "Bevrijdingsdag",
        easter_sunday + timedelta(days=39): "Hemelvaartsdag",
        easter_sunday + timedelta(days=50): "Tweede Pinksterdag",
        date(year, 12, 25): "Eerste Kerstdag",
        date(year, 12, 26): "Tweede Kerstdag",
    }


def why_not_working(day: date) -> str | None:
    """The holiday's name, "zaterdag" or "zondag"; None on a working day."""
    holiday = public_holidays(day.year).get(day)
    if holiday is not None:
        return holiday
    if day.weekday() == SATURDAY:
        return "zaterdag"
    if day.weekday() == SATURDAY + 1:
        return "zondag"
    return None


def next_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while why_not_working(day) is not None:
        day += timedelta(days=1)
    return day
