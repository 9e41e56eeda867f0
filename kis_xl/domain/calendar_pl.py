"""Polish non-working days: Sundays and statutory public holidays.

A club meeting dated on a Sunday or a public holiday (ustawa o dniach wolnych
od pracy) is usually a typo in the date, so hours and ``meeting add`` warn
about it. Holidays come from the ``holidays`` package (which follows the law,
e.g. Christmas Eve is a holiday from 2025), imported only when a date is
actually checked and cached per year: a ribbon click starts a fresh process. Years from
2011 on are computed here (``OWN_YEARS``), equal to the package's table (a test).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

SUNDAY = 6


OWN_YEARS = range(2011, 2100)
"""Years whose holidays are computed here: from 2011 (Epiphany a holiday again) to the last
date the workbook accepts, with Christmas Eve from 2025. Importing ``holidays`` costs a
ribbon click 0.1 s, and looking a country up imports all 200 of them (0.5 s more); a test
keeps these years equal to the package's table."""


@cache
def _holidays_of(year: int) -> dict[date, str]:
    if year in OWN_YEARS:
        return _statutory(year)
    import holidays

    calendar = holidays.country_holidays("PL", years=year, language="pl")
    return {day: str(name) for day, name in calendar.items()}


def easter(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous algorithm of 1876)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _statutory(year: int) -> dict[date, str]:
    """The days of art. 1 of ustawa o dniach wolnych od pracy (Christmas Eve from 2025)."""
    sunday = easter(year)
    days = {
        date(year, 1, 1): "Nowy Rok",
        date(year, 1, 6): "Święto Trzech Króli",
        sunday: "Niedziela Wielkanocna",
        sunday + timedelta(days=1): "Poniedziałek Wielkanocny",
        date(year, 5, 1): "Święto Państwowe",
        date(year, 5, 3): "Święto Narodowe Trzeciego Maja",
        sunday + timedelta(days=49): "Zielone Świątki",
        sunday + timedelta(days=60): "Dzień Bożego Ciała",
        date(year, 8, 15): "Wniebowzięcie Najświętszej Marii Panny",
        date(year, 11, 1): "Uroczystość Wszystkich Świętych",
        date(year, 11, 11): "Narodowe Święto Niepodległości",
        date(year, 12, 25): "Boże Narodzenie (pierwszy dzień)",
        date(year, 12, 26): "Boże Narodzenie (drugi dzień)",
    }
    if year == 2018:  # a one-off act of 2018 on the centenary of independence
        days[date(2018, 11, 12)] = "Narodowe Święto Niepodległości - 100-lecie"
    if year >= 2025:
        days[date(year, 12, 24)] = "Wigilia Bożego Narodzenia"
    return dict(sorted(days.items()))


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
