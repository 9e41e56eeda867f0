"""Date arithmetic the rules share: calendar months, age, unions of registration periods.

Periods are inclusive on both ends (a PUP registration "from 1.03 to 31.03"
lasts 31 days), because that is how offices write them. An open end (``None``)
means "still running".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from kis_xl.dates import add_months

Period = tuple[date, date | None]
"""(first day, last day or None = still running)."""

ONE_DAY = timedelta(days=1)

__all__ = ["ONE_DAY", "Period", "add_months", "age_on", "days_within", "months_between",
           "overlaps", "union"]


def age_on(birth: date, day: date) -> int:
    """Completed years on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def months_between(start: date, end: date) -> int:
    """Completed calendar months from ``start`` to ``end``, both days counted.

    1.03.2023–28.02.2025 is 24 months: the 24th month ends the day before 1.03.2025.
    """
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    while months > 0 and add_months(start, months) > end + ONE_DAY:
        months -= 1
    return max(months, 0)


def union(periods: Iterable[Period], *, open_until: date) -> list[tuple[date, date]]:
    """Merge overlapping or touching periods; open ones run until ``open_until``."""
    closed = sorted(
        (lo, hi if hi is not None else open_until)
        for lo, hi in periods
        if (hi is None and lo <= open_until) or (hi is not None and lo <= hi)
    )
    merged: list[tuple[date, date]] = []
    for lo, hi in closed:
        if merged and lo <= merged[-1][1] + ONE_DAY:
            if hi > merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


def days_within(merged: Iterable[tuple[date, date]], lo: date, hi: date) -> int:
    """Days of already merged periods that fall between ``lo`` and ``hi`` (inclusive)."""
    total = 0
    for a, b in merged:
        first, last = max(a, lo), min(b, hi)
        if first <= last:
            total += (last - first).days + 1
    return total


def overlaps(a: tuple[date | None, date | None], b: tuple[date | None, date | None]) -> bool:
    """Whether two periods share a day; an unknown start counts as overlapping (cannot tell)."""
    (a_lo, a_hi), (b_lo, b_hi) = a, b
    if a_lo is None or b_lo is None:
        return True
    return (a_hi is None or b_lo <= a_hi) and (b_hi is None or a_lo <= b_hi)
