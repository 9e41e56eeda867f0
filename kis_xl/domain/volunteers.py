"""Volunteers of the club: the checks of their records (pure logic).

Under art. 44 of the act of 24 April 2003 on public benefit activity and
volunteering the club (as "korzystający") agrees with a volunteer the scope,
manner and time of the work and a termination clause; when the work lasts
longer than 30 days the agreement is in writing. A volunteer working for an
open-ended period counts as longer than 30 days. These findings are about
the club's paperwork, never about a participant's eligibility. An agreement dated more
than 30 days after the work began is a warning: the document carries its real date.

Work with minors (art. 21 ust. 1 of the act of 13 May 2016 on counteracting sexual crime
threats and protecting minors): before a volunteer is admitted to work with children the
organiser checks them in the Register of Sexual Offenders. The sheet records whether the
work involves minors and the check (date, result); a missing check is an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from kis_xl.domain import vocab
from kis_xl.domain.finding_types.self_help import (
    VOLUNTEER_AGREEMENT_LATE,
    VOLUNTEER_AGREEMENT_MISSING,
    VOLUNTEER_IN_REGISTER,
    VOLUNTEER_PERIOD_INVALID,
    VOLUNTEER_REGISTER_CHECK_LATE,
    VOLUNTEER_REGISTER_CHECK_MISSING,
)
from kis_xl.domain.findings import Finding
from kis_xl.domain.model import Club, Volunteer

YES = vocab.YES_NO.term("tak").value
LISTED = vocab.REGISTER_CHECK_RESULTS.term("figuruje w Rejestrze").value

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
        elif (v.agreement_date is not None and v.date_from is not None
              and longer_than_30_days(v)
              and (v.agreement_date - v.date_from).days > WRITTEN_AFTER_DAYS):
            out.append(VOLUNTEER_AGREEMENT_LATE(
                row=v.row, volunteer=who, start=_d(v.date_from), signed=_d(v.agreement_date),
                days=(v.agreement_date - v.date_from).days, sheet_key="volunteers",
                column_key="agreement_date"))
        out.extend(_minors(v, who))
    return out


def _minors(v: Volunteer, who: str) -> Iterator[Finding]:
    """The Register check of a volunteer who works with minors (art. 21 ust. 1)."""
    if v.works_with_minors != YES:
        return
    where: dict[str, Any] = {"row": v.row, "volunteer": who, "sheet_key": "volunteers"}
    if v.register_check_date is None or v.register_check_result is None:
        blank = "register_check_date" if v.register_check_date is None else \
            "register_check_result"
        what = ("daty ani wyniku sprawdzenia w Rejestrze"
                if v.register_check_date is None and v.register_check_result is None
                else "daty sprawdzenia w Rejestrze" if v.register_check_date is None
                else "wyniku sprawdzenia w Rejestrze")
        yield VOLUNTEER_REGISTER_CHECK_MISSING(**where, what=what, column_key=blank)
        return
    if v.register_check_result == LISTED:
        yield VOLUNTEER_IN_REGISTER(**where, column_key="register_check_result")
    elif v.date_from is not None and v.register_check_date > v.date_from:
        yield VOLUNTEER_REGISTER_CHECK_LATE(**where, checked=_d(v.register_check_date),
                                            start=_d(v.date_from),
                                            column_key="register_check_date")


def _d(day: date) -> str:
    return day.strftime("%d.%m.%Y")
