"""Volunteers of the club: the checks of their records (pure logic).

Under art. 44 of the act of 24 April 2003 on public benefit activity and
volunteering the club (as "korzystający") agrees with a volunteer the scope,
manner and time of the work and a termination clause; when the work lasts
longer than 30 days the agreement is in writing. A volunteer working for an
open-ended period counts as longer than 30 days. These findings are about
the club's paperwork, never about a participant's eligibility.
"""

from __future__ import annotations

from datetime import date

from kis_xl.domain.finding_types.self_help import (
    VOLUNTEER_AGREEMENT_MISSING,
    VOLUNTEER_PERIOD_INVALID,
)
from kis_xl.domain.findings import Finding
from kis_xl.domain.model import Club, Volunteer

WRITTEN_AFTER_DAYS = 30
"""An agreement for work lasting longer than this many days must be written."""


def longer_than_30_days(v: Volunteer) -> bool:
    """Whether the work lasts (or is planned to last) longer than 30 days."""
    if v.date_from is None:
        return False
    if v.date_to is None:
        return True  # open-ended
    return (v.date_to - v.date_from).days + 1 > WRITTEN_AFTER_DAYS


def volunteer_findings(club: Club) -> list[Finding]:
    out: list[Finding] = []
    for v in club.volunteers:
        who = f"{v.id} ({v.full_name})" if v.full_name else v.id
        if v.date_from and v.date_to and v.date_to < v.date_from:
            out.append(VOLUNTEER_PERIOD_INVALID(
                row=v.row, volunteer=who,
                start=_d(v.date_from), end=_d(v.date_to), sheet_key="volunteers",
                column_key="date_to"))
            continue
        if v.agreement_date is None and longer_than_30_days(v):
            assert v.date_from is not None
            period = (f"od {_d(v.date_from)} do {_d(v.date_to)}" if v.date_to
                      else f"od {_d(v.date_from)}, bez daty zakończenia")
            out.append(VOLUNTEER_AGREEMENT_MISSING(
                row=v.row, volunteer=who,
                period=period, sheet_key="volunteers", column_key="agreement_date"))
    return out


def _d(day: date) -> str:
    return day.strftime("%d.%m.%Y")
