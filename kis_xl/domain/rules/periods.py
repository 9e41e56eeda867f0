"""Date arithmetic the rules share: calendar months, age, unions of registration periods.

Periods are inclusive on both ends (a PUP registration "from 1.03 to 31.03"
lasts 31 days), because that is how offices write them. An open end (``None``)
means "still running".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from kis_xl.domain.dates import add_months

Period = tuple[date, date | None]
"""(first day, last day or None = still running)."""

ONE_DAY = timedelta(days=1)

__all__ = ["DAYS_PER_MONTH", "ONE_DAY", "Period", "add_months", "age_on", "calendar_length",
           "clip", "days_within", "months_between", "overlaps", "subtract", "union"]

DAYS_PER_MONTH = 30
"""Art. 114 Kodeksu cywilnego: where a period in months need not be continuous, a month
counts as thirty days (used only for the leftover days of separate spells)."""


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


def clip(merged: Iterable[tuple[date, date]], lo: date, hi: date) -> list[tuple[date, date]]:
    """The parts of already merged periods that fall between ``lo`` and ``hi`` (inclusive)."""
    out = []
    for a, b in merged:
        first, last = max(a, lo), min(b, hi)
        if first <= last:
            out.append((first, last))
    return out


def subtract(
    merged: Iterable[tuple[date, date]], holes: Iterable[tuple[date, date]]
) -> list[tuple[date, date]]:
    """Already merged periods without the days of ``holes`` (e.g. periods of a staż)."""
    out = list(merged)
    for h_lo, h_hi in holes:
        rest: list[tuple[date, date]] = []
        for a, b in out:
            if h_hi < a or b < h_lo:
                rest.append((a, b))
                continue
            if a < h_lo:
                rest.append((a, h_lo - ONE_DAY))
            if h_hi < b:
                rest.append((h_hi + ONE_DAY, b))
        out = rest
    return out


def calendar_length(spells: Iterable[tuple[date, date]]) -> tuple[int, int]:
    """Total length of separate spells as (calendar months, days), both ends counted.

    Each spell counts its completed calendar months (1.02.2024–31.01.2025 is exactly 12,
    although it has 366 days) and the days left over; the leftover days of all spells
    are added up and every 30 of them make one more month (art. 114 Kodeksu cywilnego).
    """
    months = days = 0
    for a, b in spells:
        m = months_between(a, b)
        months += m
        days += (b - add_months(a, m)).days + 1
    extra, days = divmod(days, DAYS_PER_MONTH)
    return months + extra, days


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
