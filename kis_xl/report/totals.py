"""The totals of the annual report to the voivode (pure logic, no files).

Art. 18a ust. 6 ustawy o zatrudnieniu socjalnym names four parts: staff
(number, working time, basis of employment); participants by art. 1 ust. 2
category with the number who achieved social and professional reintegration
effects, including employment after completing; activities carried out and
their effects; the settlement of grants for the previous year. No regulation
sets a form for it, so the report follows the CIS report model (Dz.U. 2017
poz. 97): general data, staff, participants by group, services, finances.

One source of truth: who counts is ``kis_xl.report.scope`` (admitted by
``kis-xl check`` and taking part in the year; the rejected and the incomplete
apart), participants and effects come from
``kis_xl.domain.outcomes.compute_outcomes`` on those people (what ``kis-xl
outcomes`` shows), hours from ``kis_xl.domain.hours.compute_hours`` (what
``kis-xl hours`` shows) run on the year's meetings and those people's
attendance. Nothing is recounted here; this module only selects the year's rows
and groups them. No names, no PESEL: only counts, and every count is true (the
publication version, ``kis_xl.report.publication``, hides small ones apart).
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
from kis_xl.domain.hours import HoursReport, hours
from kis_xl.domain.model import Club, Grant
from kis_xl.domain.outcomes import (
    ACTIVE,
    COMPLETED,
    DROPPED,
    ENDED_OTHER,
    NO_CATEGORY,
    CategoryOutcome,
    OutcomeReport,
    Period,
    compute_outcomes,
    period_for,
)
from kis_xl.domain.text import fold
from kis_xl.report.scope import Scope, report_scope, year_hours
from kis_xl.report.staff import StaffTotals, staff_totals

SMALL = 3
"""Counts of people from 1 to SMALL - 1 are hidden in the publication version."""
SUPPRESSED = f"<{SMALL}"
"""How reports of data format 1 marked a hidden count (``kis-xl zestawienie`` reads them)."""
NO_BASIS = "(nie podano)"

_GENERAL = (
    ("club_name", "Dane ogólne"), ("operator", "Dane ogólne"),
    ("operator_regon", "Dane ogólne"), ("operator_address", "Dane ogólne"),
    ("club_city", "Dane ogólne"), ("voivode_office", "Dane ogólne"),
)


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
class Flows:
    """How people moved through the club in the period (CIS report model: flows)."""

    new: int = 0
    """Started in the period."""
    continuing: int = 0
    """Started before the period."""
    ended: int = 0
    completed: int = 0
    dropped_out: int = 0
    ended_other: int = 0
    active_at_end: int = 0


@dataclass(slots=True)
class Reintegration:
    """People covered by social / professional reintegration: present at least once at an
    activity of that kind in the period (``REINTEGRATION`` says which types are which)."""

    social: int = 0
    professional: int = 0


@dataclass(slots=True)
class CostSource:
    source: str
    granted: float = 0.0
    spent: float = 0.0


@dataclass(slots=True)
class GrantTotals:
    rows: list[Grant] = field(default_factory=list)
    granted: float = 0.0
    spent: float = 0.0
    returned: float = 0.0
    by_source: list[CostSource] = field(default_factory=list)
    """Costs by source of funding (own funds, grants, EU…), one row per "Źródło dotacji"."""


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
    findings: list[Finding]
    scope: Scope
    """The rejected and the incomplete, counted apart from the participants."""
    flows: Flows
    reintegration: Reintegration
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


def default_year(club: Club, today: date) -> int:
    """The settings' reporting year, else the previous calendar year (due by 31 March)."""
    return club.settings.reporting_year or today.year - 1


def compute_report(club: Club, *, year: int, today: date) -> ReportTotals:
    """Every number of the annual report for ``year``."""
    from kis_xl.domain.rules import evaluate

    findings: list[Finding] = []
    period = period_for(year, today)
    # as the check saw it at the end of the period: a person admitted in 2025 who stays past
    # the maximum period in 2026 took part in 2025 all the same
    statuses = evaluate(club, today=min(today, period.end)).statuses
    scope = report_scope(club, statuses, period)
    outcome = compute_outcomes(club, today=today, year=year, only=scope.admitted)
    counted = {p.id for p in outcome.participants}
    hrs, not_admitted = year_hours(club, period, today, counted, statuses)
    categories = [c for c in outcome.by_category if c.code]
    extensions = [c for c in outcome.by_category
                  if not c.code and (c.participants or c.category != NO_CATEGORY)]
    first = date(year, 1, 1)
    staff = staff_totals(club.staff, first, max(first, min(today, date(year, 12, 31))))
    if not staff.people:
        findings.append(REPORT_NO_STAFF(sheet_key="staff", year=year))
    return ReportTotals(
        year=year, today=today,
        general=_general(club, findings),
        staff=staff,
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
        findings=[*scope.findings, *not_admitted, *findings],
        scope=scope,
        flows=_flows(club, outcome, period),
        reintegration=_reintegration(hrs),
        outcomes=outcome,
        hours=hrs,
    )


REINTEGRATION = {"zatrudnieniowe": "professional"}
"""Activity type -> kind of reintegration; every other type is social (art. 2 pkt 5 and 6
ustawy: social = roles in the community, professional = the ability to work; our reading:
"zatrudnieniowe" is the professional one, "edukacyjne" a social one)."""


def _reintegration(report: HoursReport) -> Reintegration:
    out = Reintegration()
    for p in report.participants:
        kinds = {REINTEGRATION.get(t, "social") for t, m in p.minutes_by_type.items() if m > 0}
        out.social += "social" in kinds
        out.professional += "professional" in kinds
    return out


def _flows(club: Club, outcome: OutcomeReport, period: Period) -> Flows:
    starts = {p.id: p.start_date for p in club.participants}
    out = Flows()
    for po in outcome.participants:
        start = starts[po.id]
        before = period.start is not None and start is not None and start < period.start
        out.continuing += before
        out.new += not before
        out.active_at_end += po.status == ACTIVE
        out.completed += po.status == COMPLETED
        out.dropped_out += po.status == DROPPED
        out.ended_other += po.status == ENDED_OTHER
    out.ended = out.completed + out.dropped_out + out.ended_other
    return out


def voivode(office: str | None) -> str:
    """"Wojewoda Łódzki" from "Łódzki Urząd Wojewódzki w Łodzi": the voivode receives the
    report, the office only holds the register; "Wojewoda" alone when the name does not say."""
    words = (office or "").split()
    if len(words) >= 3 and fold(" ".join(words[1:3])) == "urzad wojewodzki":
        return f"Wojewoda {words[0]}"
    return "Wojewoda"


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
        "club_address": ", ".join(x for x in (s.club_address, town) if x) or None,
        "created_date": s.created_date,
        "activity_start": s.activity_start,
        "coordinator": s.coordinator,
        "voivode_office": s.voivode_office,
        "phone": s.club_phone,
        "email": s.club_email,
        "operator_type": s.operator_type,
        "register_number": s.kis_register_number,
        "register_date": s.kis_register_date,
        "voivode": voivode(s.voivode_office),
        "plan": s.report_plan,
    }


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
    sources: dict[str, CostSource] = {}
    for g in rows:
        c = sources.setdefault(fold(g.source), CostSource(g.source or NO_BASIS))
        c.granted = round(c.granted + (g.granted or 0.0), 2)
        c.spent = round(c.spent + (g.spent or 0.0), 2)
    return GrantTotals(
        rows=rows,
        granted=round(sum(g.granted or 0.0 for g in rows), 2),
        spent=round(sum(g.spent or 0.0 for g in rows), 2),
        returned=round(sum(g.returned or 0.0 for g in rows), 2),
        by_source=list(sources.values()),
    )
