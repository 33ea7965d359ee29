"""Which backups to keep: the newest of each of the last 7 days, 4 weeks and 12 months that have one.

A grandfather-father-son scheme, as a pure function over the backups' timestamps, so the rule can be
tested without files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class RotationPolicy:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


def _newest_per_period(
    moments: list[datetime], period: Callable[[datetime], object], count: int
) -> set[datetime]:
    kept: set[datetime] = set()
    seen: list[object] = []
    for moment in moments:  # newest first
        key = period(moment)
        if key in seen:
            continue
        if len(seen) == count:
            break
        seen.append(key)
        kept.add(moment)
    return kept


def backups_to_keep(moments: Iterable[datetime], policy: RotationPolicy = RotationPolicy()) -> set[datetime]:
    """The timestamps to keep; everything else may be deleted. The newest backup is always kept."""
    ordered = sorted(set(moments), reverse=True)
    if not ordered:
        return set()
    keep = {ordered[0]}
    keep |= _newest_per_period(ordered, lambda m: m.date(), policy.daily)
    keep |= _newest_per_period(ordered, lambda m: m.isocalendar()[:2], policy.weekly)
    keep |= _newest_per_period(ordered, lambda m: (m.year, m.month), policy.monthly)
    return keep
