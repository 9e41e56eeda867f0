"""Polish non-working days: Sundays and statutory public holidays.

A club meeting dated on a Sunday or a public holiday (ustawa o dniach wolnych
od pracy) is usually a typo in the date, so hours and ``meeting add`` warn
about it. Holidays come from the ``holidays`` package (which follows the law,
e.g. Christmas Eve is a holiday from 2025), imported only when a date is
actually checked and cached per year: a ribbon click starts a fresh process.
"""

from __future__ import annotations

from datetime import date
from functools import cache

SUNDAY = 6


@cache
def _holidays_of(year: int) -> dict[date, str]:
    import holidays

    calendar = holidays.country_holidays("PL", years=year, language="pl")
    return {day: str(name) for day, name in calendar.items()}


def holiday_name(day: date) -> str | None:
    """Polish name of the public holiday on ``day``, or None on an ordinary day."""
    return _holidays_of(day.year).get(day)


def non_working_reason(day: date) -> str | None:
    """Why ``day`` is not a working day, in Polish ("niedziela", "święto: Nowy Rok"), or None.

    A holiday wins over Sunday, so Easter Sunday is reported by its name.
    """
    name = holiday_name(day)
    if name is not None:
        return f"święto: {name}"
    if day.weekday() == SUNDAY:
        return "niedziela"
    return None
