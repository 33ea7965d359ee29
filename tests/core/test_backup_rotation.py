from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ibp_desktop.core.backup_rotation import backups_to_keep


def test_a_year_of_daily_backups_keeps_7_days_4_weeks_12_months() -> None:
    end = datetime(2026, 11, 28, 17, 0, tzinfo=UTC)
    moments = [end - timedelta(days=d) for d in range(400)]
    kept = backups_to_keep(moments)
    assert all(end - timedelta(days=d) in kept for d in range(7))
    assert len(kept) <= 7 + 4 + 12
    assert len({(m.year, m.month) for m in kept}) == 12
    assert min(kept) > end - timedelta(days=366)


def test_two_backups_on_one_day_keep_the_newest() -> None:
    morning = datetime(2026, 11, 28, 8, tzinfo=UTC)
    evening = morning + timedelta(hours=9)
    assert backups_to_keep([morning, evening]) == {evening}


@given(st.lists(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)), max_size=60))
def test_the_newest_is_always_kept_and_never_more_than_23(moments: list[datetime]) -> None:
    kept = backups_to_keep(moments)
    if moments:
        assert max(moments) in kept
    assert len(kept) <= 23
    assert kept <= set(moments)
