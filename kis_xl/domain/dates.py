"""Calendar-month arithmetic, kept once for rules, outcomes and the demo club.

"12 months from 31.01" is how the act, the regulamin and social workers count
participation and observation periods; ``timedelta`` knows only days. Kept
apart from ``kis_xl.domain.rules`` so that the outcomes action does not import every
rule module (each ribbon click is a fresh process).
"""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later (or earlier); 31.01 + 1 -> 28/29.02."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year = day.year + years
    month = month0 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
