"""The totals of the annual report to the voivode (pure logic, no files).

Art. 18a ust. 6 ustawy o zatrudnieniu socjalnym names four parts: staff
(number, working time, basis of employment); participants by art. 1 ust. 2
category with the number who achieved social and professional reintegration
effects, including employment after completing; activities carried out and
their effects; the settlement of grants for the previous year. No regulation
sets a form for it, so the report follows the CIS report model (Dz.U. 2017
poz. 97): general data, staff, participants by group, services, finances.

One source of truth: participants and effects come from
``kis_xl.domain.outcomes.compute_outcomes`` (what ``kis-xl outcomes`` shows), hours
from ``kis_xl.domain.hours.compute_hours`` (what ``kis-xl hours`` shows) run on the
year's meetings. Nothing is recounted here; this module only selects the
year's rows and groups them. No names, no PESEL: only counts.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kis_xl.domain.finding_types.report import (
    REPORT_DATA_MISSING,
    REPORT_NO_GRANTS,
    REPORT_NO_STAFF,
)
from kis_xl.domain.findings import Finding, Ref
from kis_xl.domain.hours import HoursReport, compute_hours, hours
from kis_xl.domain.model import Club, Grant, StaffMember
from kis_xl.domain.outcomes import NO_CATEGORY, CategoryOutcome, OutcomeReport, compute_outcomes
from kis_xl.workbook.text import fold

SMALL = 3
"""Counts of people from 1 to SMALL - 1 are shown as "<3" when suppression is on."""
SUPPRESSED = f"<{SMALL}"
NO_BASIS = "(nie podano)"

_GENERAL = (
    ("club_name", "Dane ogólne"), ("operator", "Dane ogólne"),
    ("operator_regon", "Dane ogólne"), ("operator_address", "Dane ogólne"),
    ("club_city", "Dane ogólne"), ("voivode_office", "Dane ogólne"),
)


@dataclass(slots=True)
class StaffBasis:
    basis: str
    people: int = 0
    fte: float = 0.0


@dataclass(slots=True)
class StaffRole:
    role: str
    basis: str
    people: int = 0
    fte: float = 0.0


@dataclass(slots=True)
class StaffTotals:
    people: int = 0
    fte: float = 0.0
    by_basis: list[StaffBasis] = field(default_factory=list)
    by_role: list[StaffRole] = field(default_factory=list)


@dataclass(slots=True)
class ActivityTotals:
    id: str
    name: str
    type: str | None
    form: str | None
    meetings: int
    delivered_hours: float
    participant_hours: float
    participants: int
    """People with at least one attended meeting of the activity in the year."""


@dataclass(slots=True)
class EffectTotals:
    type: str
    employment: bool
    outcomes: int
    participants: int


@dataclass(slots=True)
class GrantTotals:
    rows: list[Grant] = field(default_factory=list)
    granted: float = 0.0
    spent: float = 0.0
    returned: float = 0.0


@dataclass(slots=True)
class ReportTotals:
    year: int
    today: date
    general: dict[str, Any]
    staff: StaffTotals
    categories: list[CategoryOutcome]
    """The eight categories of art. 1 ust. 2, in the act's order (empty ones too)."""
    extensions: list[CategoryOutcome]
    """The club's own categories (§ 8 of its rules) and "(bez kategorii)", shown apart."""
    participants: CategoryOutcome
    """Totals row: every participant once (categories + extensions add up to it)."""
    activities: list[ActivityTotals]
    meetings: int
    delivered_hours: float
    participant_hours: float
    effects: list[EffectTotals]
    grants: GrantTotals
    window_months: int
    suppress: bool
    findings: list[Finding]
    outcomes: OutcomeReport = dataclasses.field(repr=False)
    hours: HoursReport = dataclasses.field(repr=False)

    @property
    def period_end(self) -> date:
        """31 December, or ``today`` while the year runs: the data cover no more than that,
        and a report printed in November must not claim the whole year. (A year that has
        not begun keeps 31 December: nothing is counted either way.)"""
        first, last = date(self.year, 1, 1), date(self.year, 12, 31)
        return self.today if first <= self.today < last else last

    @property
    def year_running(self) -> bool:
        return self.period_end < date(self.year, 12, 31)

    def count(self, n: int) -> int | str:
        """A count of people as published: "<3" for 1–2 when suppression is on."""
        return SUPPRESSED if self.suppress and 0 < n < SMALL else n


def default_year(club: Club, today: date) -> int:
    """The settings' reporting year, else the previous calendar year (due by 31 March)."""
    return club.settings.reporting_year or today.year - 1


def compute_report(club: Club, *, year: int, today: date) -> ReportTotals:
    """Every number of the annual report for ``year``."""
    findings: list[Finding] = []
    outcome = compute_outcomes(club, today=today, year=year)
    hrs = _year_hours(club, year, today)
    categories = [c for c in outcome.by_category if c.code]
    extensions = [c for c in outcome.by_category
                  if not c.code and (c.participants or c.category != NO_CATEGORY)]
    return ReportTotals(
        year=year, today=today,
        general=_general(club, findings),
        staff=_staff(club, year, findings),
        categories=categories,
        extensions=extensions,
        participants=outcome.totals,
        activities=_activities(hrs),
        meetings=sum(a.meetings for a in hrs.activities),
        delivered_hours=hours(hrs.delivered_minutes),
        participant_hours=hours(hrs.participant_minutes),
        effects=[EffectTotals(t.type, t.employment, t.outcomes, t.participants)
                 for t in outcome.by_type],
        grants=_grants(club, year, findings),
        window_months=outcome.window_months,
        suppress=club.settings.report_suppress_small != "nie",
        findings=findings,
        outcomes=outcome,
        hours=hrs,
    )


def _year_hours(club: Club, year: int, today: date) -> HoursReport:
    """``compute_hours`` on the year's meetings only (attendance of other years drops out)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    meetings = [m for m in club.meetings if m.date is not None and first <= m.date <= last]
    kept = {m.id for m in meetings}
    year_club = dataclasses.replace(
        club, meetings=meetings,
        attendance=[a for a in club.attendance if a.meeting in kept],
        findings=[],
    )
    year_club.__dict__.pop("_indexes", None)
    return compute_hours(year_club, today=min(today, last))


def _general(club: Club, findings: list[Finding]) -> dict[str, Any]:
    s = club.settings
    for key, part in _GENERAL:
        if not getattr(s, key):
            findings.append(REPORT_DATA_MISSING(sheet_key="settings", row=s.rows.get(key),
                                                column_key="value",
                                                setting=Ref("settings", key), part=part))
    town = " ".join(x for x in (s.club_postal_code, s.club_city) if x)
    return {
        "club_name": s.club_name,
        "operator": s.operator,
        "regon": s.operator_regon,
        "operator_address": s.operator_address,
        "krs": s.operator_krs,
        "kis_register_number": s.kis_register_number,
        "kis_register_date": s.kis_register_date,
        "club_address": ", ".join(x for x in (s.club_address, town) if x) or None,
        "created_date": s.created_date,
        "activity_start": s.activity_start,
        "coordinator": s.coordinator,
        "voivode_office": s.voivode_office,
        "phone": s.club_phone,
        "email": s.club_email,
    }


def _works_in(member: StaffMember, year: int) -> bool:
    first, last = date(year, 1, 1), date(year, 12, 31)
    if member.date_from is not None and member.date_from > last:
        return False
    return member.date_to is None or member.date_to >= first


def _staff(club: Club, year: int, findings: list[Finding]) -> StaffTotals:
    rows = [m for m in club.staff if _works_in(m, year)]
    out = StaffTotals(people=len({fold(m.name) for m in rows}),
                      fte=round(sum(m.fte or 0.0 for m in rows), 2))
    bases: dict[str, StaffBasis] = {}
    roles: dict[tuple[str, str], StaffRole] = {}
    for m in rows:
        basis = m.basis or NO_BASIS
        b = bases.setdefault(basis, StaffBasis(basis))
        b.people += 1
        b.fte = round(b.fte + (m.fte or 0.0), 2)
        r = roles.setdefault((m.role or NO_BASIS, basis), StaffRole(m.role or NO_BASIS, basis))
        r.people += 1
        r.fte = round(r.fte + (m.fte or 0.0), 2)
    out.by_basis = list(bases.values())
    out.by_role = list(roles.values())
    if not rows:
        findings.append(REPORT_NO_STAFF(sheet_key="staff", year=year))
    return out


def _activities(report: HoursReport) -> list[ActivityTotals]:
    people: Counter[str] = Counter()
    for p in report.participants:
        for aid, minutes in p.minutes_by_activity.items():
            people[aid] += minutes > 0
    return [
        ActivityTotals(a.id, a.name, a.type, a.form, a.meetings, a.delivered_hours,
                       a.participant_hours, people[a.id])
        for a in report.activities
        if a.meetings
    ]


def _grants(club: Club, year: int, findings: list[Finding]) -> GrantTotals:
    rows = [g for g in club.grants if g.year == year]
    if not rows:
        findings.append(REPORT_NO_GRANTS(sheet_key="grants", year=year))
    return GrantTotals(
        rows=rows,
        granted=round(sum(g.granted or 0.0 for g in rows), 2),
        spent=round(sum(g.spent or 0.0 for g in rows), 2),
        returned=round(sum(g.returned or 0.0 for g in rows), 2),
    )
