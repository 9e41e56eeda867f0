"""Outcome indicators by participant category (pure logic, no files).

The annual report to the voivode (art. 18a ust. 6 pkt 2 ustawy o zatrudnieniu
socjalnym) asks, per category of art. 1 ust. 2: how many took part, how many
achieved social and professional reintegration effects, and how many were
employed after completing. Staff also want completed vs dropped out and
outcomes by type (seed 003: treatment started, legal matters settled, jobs).

Definitions (README "Rezultaty" repeats them for users):

* **Scope.** Participants whose participation (start date up to end date,
  open = still taking part) overlaps the period: the reporting year when
  given, else everything up to ``today``. A person without a start date has
  not started and is left out (counted in ``not_started``).
* **Category** is the primary one ("Kategoria"); each person counts once, so
  category rows add up to the total. "Kategoria dodatkowa" is shown apart.
* **Status** on ``as_of`` = min(period end, today): still taking part;
  completed (end reason "ukończenie programu" or "podjęcie zatrudnienia" –
  leaving for a job is the programme's success); dropped out ("rezygnacja",
  "skreślenie z listy"); ended for another or no reason.
* **An outcome counts** for its participant when dated from their start date
  up to N months after their end date (N = settings
  ``employment_window_months``; still taking part = up to today), and not
  after ``today``. Others are reported and left out.
* **Social effect**: treatment started, legal matters settled, other outcome.
  **Professional effect**: any employment form or raised qualifications.
* **Employed after completing**: completed participants with an employment
  outcome dated from their start up to N months after their end (a job found
  during the programme counts: it is why many finish). While those N months
  have not passed and no job is recorded, the person is "observation
  pending", not a failure.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kis_xl.domain import vocab
from kis_xl.domain.dates import add_months
from kis_xl.domain.finding_types.outcomes import (
    END_REASON_MISSING,
    OUTCOME_IN_FUTURE,
    OUTCOME_OUTSIDE_PARTICIPATION,
)
from kis_xl.domain.findings import Finding
from kis_xl.domain.model import Club, Outcome, Participant

SOCIAL_OUTCOMES = frozenset({"treatment", "legal", "other"})
PROFESSIONAL_OUTCOMES = vocab.EMPLOYMENT_OUTCOMES | {"qualification"}
COMPLETED_REASONS = frozenset({"completed", "employed"})
DROPPED_REASONS = frozenset({"resigned", "removed"})
NO_CATEGORY = "(bez kategorii)"

ACTIVE = "w trakcie"
COMPLETED = "ukończył(a)"
DROPPED = "przerwał(a)"
ENDED_OTHER = "zakończył(a) z innego powodu"



@dataclass(frozen=True, slots=True)
class Period:
    start: date | None
    """None = from the beginning."""
    end: date
    year: int | None = None

    def overlaps(self, p: Participant) -> bool:
        if p.start_date is None or p.start_date > self.end:
            return False
        return self.start is None or p.end_date is None or p.end_date >= self.start


def period_for(year: int | None, today: date) -> Period:
    if year is None:
        return Period(None, today)
    return Period(date(year, 1, 1), date(year, 12, 31), year)


@dataclass(slots=True)
class ParticipantOutcome:
    id: str
    row: int
    category: str
    category_2: str | None
    status: str
    end_reason_code: str | None
    outcomes: list[Outcome] = field(default_factory=list)
    employed_after_completion: bool = False
    observation_pending: bool = False

    @property
    def codes(self) -> set[str]:
        return {_code(o) for o in self.outcomes}

    @property
    def social(self) -> bool:
        return bool(self.codes & SOCIAL_OUTCOMES)

    @property
    def professional(self) -> bool:
        return bool(self.codes & PROFESSIONAL_OUTCOMES)

    @property
    def employed(self) -> bool:
        return bool(self.codes & vocab.EMPLOYMENT_OUTCOMES)


@dataclass(slots=True)
class CategoryOutcome:
    category: str
    code: str
    participants: int = 0
    active: int = 0
    completed: int = 0
    dropped_out: int = 0
    ended_other: int = 0
    with_effect: int = 0
    with_social_effect: int = 0
    with_professional_effect: int = 0
    employed: int = 0
    employed_after_completion: int = 0
    observation_pending: int = 0
    secondary: int = 0
    """People whose *additional* category is this one (not added to the totals)."""
    outcomes_by_type: Counter[str] = field(default_factory=Counter)

    def add(self, p: ParticipantOutcome) -> None:
        self.participants += 1
        self.active += p.status == ACTIVE
        self.completed += p.status == COMPLETED
        self.dropped_out += p.status == DROPPED
        self.ended_other += p.status == ENDED_OTHER
        self.with_effect += bool(p.outcomes)
        self.with_social_effect += p.social
        self.with_professional_effect += p.professional
        self.employed += p.employed
        self.employed_after_completion += p.employed_after_completion
        self.observation_pending += p.observation_pending
        self.outcomes_by_type.update(o.type for o in p.outcomes if o.type)


@dataclass(slots=True)
class TypeOutcome:
    type: str
    code: str
    employment: bool
    outcomes: int = 0
    participants: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    """Category -> outcomes of this type."""


@dataclass(slots=True)
class OutcomeReport:
    today: date
    as_of: date
    period: Period
    window_months: int
    participants: list[ParticipantOutcome]
    by_category: list[CategoryOutcome]
    totals: CategoryOutcome
    by_type: list[TypeOutcome]
    findings: list[Finding]
    not_started: int
    """Participants left out because they have no start date (or start after the period)."""
    outcomes_elsewhere: int
    """Outcomes of people outside the period's scope (they belong to another period)."""


def _code(o: Outcome) -> str:
    return vocab.OUTCOMES.code_of(o.type) if o.type else ""


def _end_code(p: Participant) -> str | None:
    return vocab.END_REASONS.code_of(p.end_reason) if p.end_reason else None


def _status(p: Participant, as_of: date) -> str:
    if p.end_date is None or p.end_date > as_of:
        return ACTIVE
    code = _end_code(p)
    if code in COMPLETED_REASONS:
        return COMPLETED
    if code in DROPPED_REASONS:
        return DROPPED
    return ENDED_OTHER


def _day(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def compute_outcomes(club: Club, *, today: date, year: int | None = None,
                     only: Collection[str] | None = None) -> OutcomeReport:
    """Indicators for the period (``year`` or settings' reporting year; None = all time).

    ``only``: the IDs that may count (the annual report passes the people the check
    admits); others are left out as if they had not started."""
    year = year if year is not None else club.settings.reporting_year
    period = period_for(year, today)
    as_of = min(period.end, today)
    window = club.settings.employment_window_months
    findings: list[Finding] = []
    scope: dict[str, ParticipantOutcome] = {}
    people = {p.id: p for p in club.participants}
    not_started = 0
    for p in club.participants:
        if only is not None and p.id not in only:
            continue
        if not period.overlaps(p):
            not_started += p.start_date is None or p.start_date > period.end
            continue
        status = _status(p, as_of)
        if status == ENDED_OTHER and p.end_reason is None and p.end_date is not None:
            findings.append(END_REASON_MISSING(
                sheet_key="participants", row=p.row, column_key="end_reason",
                participant=p.id, day=_day(p.end_date)))
        scope[p.id] = ParticipantOutcome(
            id=p.id, row=p.row, category=p.category or NO_CATEGORY, category_2=p.category_2,
            status=status, end_reason_code=_end_code(p),
        )
    elsewhere = _attach_outcomes(club, scope, people=people, today=today, window=window,
                                 findings=findings)
    for po in scope.values():
        p = people[po.id]
        if po.status != COMPLETED or p.end_date is None:
            continue
        po.employed_after_completion = po.employed
        po.observation_pending = not po.employed and add_months(p.end_date, window) > today
    categories = _categories(club, scope.values())
    totals = CategoryOutcome("Razem", "")
    for po in scope.values():
        totals.add(po)
    return OutcomeReport(
        today=today, as_of=as_of, period=period, window_months=window,
        participants=list(scope.values()), by_category=categories, totals=totals,
        by_type=_types(scope.values()), findings=findings, not_started=not_started,
        outcomes_elsewhere=elsewhere,
    )


def _attach_outcomes(
    club: Club, scope: dict[str, ParticipantOutcome], *, people: dict[str, Participant],
    today: date, window: int, findings: list[Finding],
) -> int:
    """Give each participant in scope the outcomes that count; returns those out of scope."""
    elsewhere = 0
    for o in club.outcomes:
        po = scope.get(o.participant)
        if o.date is None or o.type is None:
            continue  # unreadable or missing: the reader reported it
        if po is None:
            elsewhere += o.participant in people
            continue
        where: dict[str, Any] = {"sheet_key": "outcomes", "row": o.row, "column_key": "date",
                                 "participant": o.participant}
        if o.date > today:
            findings.append(OUTCOME_IN_FUTURE(**where, type=o.type, day=_day(o.date),
                                              today=_day(today)))
            continue
        p = people[o.participant]
        start = p.start_date
        assert start is not None  # in scope means started
        last = add_months(p.end_date, window) if p.end_date else today
        if not start <= o.date <= last:
            until = (f"do {_day(last)}, tj. {window} mies. po zakończeniu" if p.end_date
                     else "do dziś")
            findings.append(OUTCOME_OUTSIDE_PARTICIPATION(
                **where, type=o.type, day=_day(o.date),
                window=f"od {_day(start)} {until}"))
            continue
        po.outcomes.append(o)
    return elsewhere


def _categories(club: Club, people: Iterable[ParticipantOutcome]) -> list[CategoryOutcome]:
    """One row per statutory category (all eight, even empty), then the club's own ones."""
    rows: dict[str, CategoryOutcome] = {
        t.value: CategoryOutcome(t.value, t.code) for t in vocab.CATEGORIES.terms
    }
    for extra in club.club_terms.get(vocab.CATEGORIES.key, []):
        rows.setdefault(extra, CategoryOutcome(extra, ""))
    items = list(people)
    for po in items:
        rows.setdefault(po.category, CategoryOutcome(po.category, "")).add(po)
    for po in items:
        if po.category_2 and po.category_2 != po.category:
            rows.setdefault(po.category_2, CategoryOutcome(po.category_2, "")).secondary += 1
    return list(rows.values())


def _types(people: Iterable[ParticipantOutcome]) -> list[TypeOutcome]:
    rows = {
        t.value: TypeOutcome(t.value, t.code, t.code in vocab.EMPLOYMENT_OUTCOMES)
        for t in vocab.OUTCOMES.terms
    }
    who: dict[str, set[str]] = defaultdict(set)
    for po in people:
        for o in po.outcomes:
            if o.type is None:
                continue
            row = rows[o.type]
            row.outcomes += 1
            row.by_category[po.category] += 1
            who[o.type].add(po.id)
    for t, ids in who.items():
        rows[t].participants = len(ids)
    return list(rows.values())
