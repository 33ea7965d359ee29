"""The 72-hour clock (daylight-saving aware), incident numbers and the pupil-name nudge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from ibp_desktop.core.incidents.rules import (
    ClockLevel,
    Decision,
    Nature,
    clock_status,
    format_moment,
    join_codes,
    names_in_text,
    next_number,
    notification_deadline,
    parse_codes,
)

AMS = ZoneInfo("Europe/Amsterdam")


def ams(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=AMS)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("discovered", "deadline_local"),
    [
        # Summer time starts on 29-03-2026: the deadline is 72 real hours, so 11:00 local.
        (ams(2026, 3, 28, 10, 0), "31-03-2026 11:00"),
        # Winter time starts on 25-10-2026: one hour is lived twice, so 09:00 local.
        (ams(2026, 10, 24, 10, 0), "27-10-2026 09:00"),
        # No change in between: the same clock time three days later.
        (ams(2026, 6, 1, 14, 5), "04-06-2026 14:05"),
        # Discovered in the hour that happens twice (02:30 winter time, after the change).
        (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "28-10-2026 02:30"),
    ],
)
def test_deadline_is_72_real_hours_shown_in_amsterdam(discovered: datetime, deadline_local: str) -> None:
    deadline = notification_deadline(discovered)
    assert deadline - discovered == timedelta(hours=72)
    assert format_moment(deadline) == deadline_local


def test_naive_moments_are_refused() -> None:
    with pytest.raises(ValueError):
        notification_deadline(datetime(2026, 3, 28, 10, 0))


DISCOVERED = ams(2026, 3, 28, 10, 0)  # deadline 31-03-2026 11:00 local (09:00 UTC)


@pytest.mark.parametrize(
    ("now", "text", "level"),
    [
        (ams(2026, 3, 28, 10, 0), "Nog 72 uur", ClockLevel.RUNNING),
        (ams(2026, 3, 30, 10, 0), "Nog 25 uur", ClockLevel.RUNNING),
        (ams(2026, 3, 30, 11, 30), "Nog 23 uur", ClockLevel.AMBER),
        (ams(2026, 3, 31, 5, 59), "Nog 5 uur", ClockLevel.AMBER),
        (ams(2026, 3, 31, 10, 20), "Nog 40 minuten", ClockLevel.AMBER),
        (ams(2026, 3, 31, 11, 0), "Te laat", ClockLevel.RED),
        (ams(2026, 3, 31, 14, 0), "Te laat (3 uur)", ClockLevel.RED),
        (ams(2026, 4, 5, 11, 0), "Te laat (5 dagen)", ClockLevel.RED),
    ],
)
def test_clock_in_words_and_level(now: datetime, text: str, level: ClockLevel) -> None:
    status = clock_status(DISCOVERED, now)
    assert (status.text, status.level) == (text, level)


def test_clock_after_notification_and_when_not_reportable() -> None:
    late = ams(2026, 4, 5, 11, 0)
    in_time = clock_status(DISCOVERED, late, notified_at=ams(2026, 3, 31, 10, 59))
    assert (in_time.text, in_time.level) == ("Gemeld binnen 72 uur", ClockLevel.DONE)
    too_late = clock_status(DISCOVERED, late, notified_at=ams(2026, 3, 31, 11, 1))
    assert (too_late.text, too_late.level) == ("Te laat gemeld", ClockLevel.LATE_DONE)
    none = clock_status(DISCOVERED, late, decision=Decision.NOT_REPORTABLE)
    assert (none.text, none.level) == ("Niet meldplichtig", ClockLevel.NONE)
    # A decision to notify does not stop the clock: only a notification does.
    assert clock_status(DISCOVERED, late, decision=Decision.NOTIFY_AP).level is ClockLevel.RED


def test_numbers_follow_the_year_and_keep_imported_ones_apart() -> None:
    assert next_number(2026, []) == "2026-001"
    assert next_number(2026, ["2026-001", "2026-009", "2025-044", "DL-12", "2026/3"]) == "2026-010"
    assert next_number(2027, ["2026-120"]) == "2027-001"
    assert next_number(2026, ["2026-1234"]) == "2026-1235"


def test_codes_round_trip_in_enum_order() -> None:
    stored = join_codes([Nature.STOLEN_LOST, Nature.READ, Nature.READ])
    assert stored == "read,stolen_lost"
    assert parse_codes(Nature, stored) == (Nature.READ, Nature.STOLEN_LOST)
    assert parse_codes(Nature, "") == ()


PUPILS = [
    ("Şükrü", "", "Yılmaz"),
    ("Anne-Fleur", "van der", "Berg-de Vries"),
    ("Daan", "de", "Jong"),
    ("Nguyễn", "Văn", "An"),
]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("De map van sukru yilmaz lag bij de printer.", ["Şükrü Yılmaz"]),
        (
            "Mail over Anne-Fleur van der Berg-de Vries naar de verkeerde ouder.",
            ["Anne-Fleur van der Berg-de Vries"],
        ),
        ("Daan Jong, groep 5, en DAAN DE JONG", ["Daan de Jong"]),
        ("Een leerling van groep 5 (Daan) heeft de USB-stick gevonden.", []),
        ("Jong geleerd, oud gedaan; Daniel de Jonge", []),
        ("", []),
    ],
)
def test_pupil_names_in_free_text(text: str, found: list[str]) -> None:
    assert names_in_text(text, PUPILS) == found
