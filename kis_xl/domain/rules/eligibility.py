"""Who may take part: category (art. 1 ust. 2 / § 7), excluding benefits (art. 1 ust. 3 / § 9), age.

A person qualifies through *any* of their recorded categories: when one
category is met, the problems of the other are reported as warnings only.
Long-term unemployment is computed from the registration periods of the sheet
"Rejestracja w PUP", never taken on trust from the category cell.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from kis_xl.domain import pesel, vocab
from kis_xl.domain.finding_types.rules import (
    BENEFIT_KIS_EXCEPTION,
    BENEFITS_CONTRADICTORY,
    BENEFITS_MISSING,
    CATEGORY_EXTENDED,
    CATEGORY_MISSING,
    CATEGORY_OUTSIDE_PROFILE,
    EXCLUDED_BENEFIT,
    NOT_LONG_TERM_UNEMPLOYED,
    PUP_PERIODS_MISSING,
    THERAPY_END_MISSING,
    THERAPY_NOT_COMPLETED,
    THERAPY_NOT_FINISHED,
    UNDER_AGE,
)
from kis_xl.domain.findings import Finding, Ref, Severity
from kis_xl.domain.model import Participant
from kis_xl.domain.rules.base import Ctx, fmt
from kis_xl.domain.rules.periods import (
    ONE_DAY,
    Period,
    add_months,
    age_on,
    calendar_length,
    clip,
    days_within,
    months_between,
    subtract,
)
from kis_xl.domain.rules.periods import union as union_periods
from kis_xl.domain.rules.profiles import LAW_2025, NO_BENEFIT, CategoryRule, Unemployment
from kis_xl.domain.text import plural

NO = vocab.YES_NO.term("nie").value
REGISTRATION = "registration"
SECOND_CATEGORY_NOTE = " Uczestnik spełnia jednak warunki innej wpisanej kategorii."
ADULT_AGE = 18


def check(ctx: Ctx) -> Iterator[Finding]:
    periods = _pup_periods(ctx)
    for p in ctx.club.participants:
        yield from _categories(ctx, p, periods.get(p.id, []))
        yield from _benefits(ctx, p)
        yield from _age(ctx, p)


def birth_date(p: Participant) -> date | None:
    """Birth date from the PESEL (authoritative) or, without one, as typed."""
    return pesel.pesel_birth_date(p.pesel) if p.pesel else p.birth_date


@dataclass(frozen=True, slots=True)
class PupSpell:
    """One usable row of the PUP sheet: a registration, or a staż within one."""

    start: date
    end: date | None
    kind: str = REGISTRATION

    @property
    def period(self) -> Period:
        return self.start, self.end


def _pup_periods(ctx: Ctx) -> dict[str, list[PupSpell]]:
    """Usable registration periods per participant (reversed or unreadable ones are reported
    elsewhere and left out)."""
    out: dict[str, list[PupSpell]] = defaultdict(list)
    for period in ctx.club.pup_periods:
        lo, hi = period.registered_from, period.registered_to
        if lo is not None and (hi is None or hi >= lo):
            kind = vocab.PUP_PERIOD_KINDS.code_of(period.kind) if period.kind else REGISTRATION
            out[period.participant].append(PupSpell(lo, hi, kind))
    return out


def _categories(ctx: Ctx, p: Participant, periods: list[PupSpell]) -> Iterator[Finding]:
    if p.category is None and ctx.blank(p, "category"):
        yield CATEGORY_MISSING(**ctx.at(p, "category"))
    results: list[tuple[list[Finding], bool]] = []
    for key in ("category", "category_2"):
        value = getattr(p, key)
        if value is None or (key == "category_2" and value == p.category):
            continue
        found = list(_category(ctx, p, key, value, periods))
        results.append((found, not any(f.severity is Severity.ERROR for f in found)))
    met = any(ok for _, ok in results)
    for found, ok in results:
        for f in found:
            if met and not ok and f.severity is Severity.ERROR:
                yield replace(f, severity=Severity.WARNING,
                              message=f.message + SECOND_CATEGORY_NOTE)
            else:
                yield f


def _category(
    ctx: Ctx, p: Participant, key: str, value: str, periods: list[PupSpell]
) -> Iterator[Finding]:
    rule = ctx.profile.category(value)
    if rule is None and value in vocab.CATEGORIES.values:
        act_rule = LAW_2025.category(value)
        yield CATEGORY_OUTSIDE_PROFILE(
            **ctx.at(p, key), category=value, catalogue=ctx.profile.catalogue,
            act_basis=act_rule.basis.split(" w zw. z ")[0] if act_rule else LAW_2025.catalogue,
            basis=ctx.profile.extension_basis)
        return
    if rule is None:
        yield CATEGORY_EXTENDED(**ctx.at(p, key), category=value,
                                catalogue=ctx.profile.catalogue,
                                basis=ctx.profile.extension_basis)
        return
    if rule.needs_therapy_end:
        yield from _therapy(ctx, p, rule)
    if rule.unemployment is not None:
        yield from _unemployment(ctx, p, key, rule, need=rule.unemployment, periods=periods)


def _therapy(ctx: Ctx, p: Participant, rule: CategoryRule) -> Iterator[Finding]:
    if p.therapy_completed == NO:
        yield THERAPY_NOT_FINISHED(**ctx.at(p, "therapy_completed"), category=rule.wording,
                                   basis=rule.basis)
        return
    if p.therapy_end is None:
        if ctx.blank(p, "therapy_end"):
            yield THERAPY_END_MISSING(**ctx.at(p, "therapy_end"), category=rule.wording,
                                      completed_column=Ref("participants", "therapy_completed"),
                                      basis=rule.basis)
    elif p.start_date is not None and p.therapy_end > p.start_date:
        yield THERAPY_NOT_COMPLETED(**ctx.at(p, "therapy_end"), category=rule.wording,
                                    therapy_end=fmt(p.therapy_end), start=fmt(p.start_date),
                                    basis=rule.basis)


def _unemployment(
    ctx: Ctx, p: Participant, key: str, rule: CategoryRule, *, need: Unemployment,
    periods: list[PupSpell],
) -> Iterator[Finding]:
    start = p.start_date
    if start is None:
        return  # no admission date: reported by the admission rules, nothing to measure
    common: dict[str, Any] = {"category": rule.wording, "requirement": need.wording,
              "pup_sheet": Ref("pup_periods"), "basis": rule.basis}
    if not periods:
        yield PUP_PERIODS_MISSING(**ctx.at(p, key), **common)
        return
    met, detail = long_term_unemployed(periods, start, need)
    if not met:
        yield NOT_LONG_TERM_UNEMPLOYED(**ctx.at(p, key), detail=detail, **common)


def long_term_unemployed(
    periods: list[PupSpell], admission: date, need: Unemployment
) -> tuple[bool, str]:
    """Whether registration periods meet ``need`` on the day of admission, and the facts (Polish).

    Lengths are calendar months and days (``calendar_length``). Cumulative rules count
    registration in the window of ``need.window_months`` before admission (an open period
    counts up to the day before); the uninterrupted rule needs one registration running
    up to admission. Any row (a staż too) shows that the person was registered; the days
    of rows of ``need.excluded_kinds`` (staż) are taken out of the count.
    """
    day_before = admission - ONE_DAY
    problems: list[str] = []
    if need.registered_at_admission and not any(
        s.start <= admission and (s.end is None or s.end >= admission) for s in periods
    ):
        problems.append(f"w dniu przyjęcia ({fmt(admission)}) uczestnik nie był zarejestrowany "
                        "jako bezrobotny")
    if need.window_months is not None:
        lo = add_months(admission, -need.window_months)
        merged = union_periods((s.period for s in periods), open_until=day_before)
        note = ""
        if need.excluded_kinds:
            holes = union_periods(_excluded_spells(periods, need), open_until=day_before)
            excluded = days_within(holes, lo, day_before)
            merged = subtract(merged, holes)
            if excluded:
                note = f" (bez {_days(excluded)} stażu lub przygotowania zawodowego dorosłych)"
        months, days = calendar_length(clip(merged, lo, day_before))
        met = (months, days) > (need.months, 0) if need.more_than else months >= need.months
        if not met:
            problems.append(f"łącznie {_months(months)} i {_days(days)} rejestracji w okresie "
                            f"{fmt(lo)}–{fmt(day_before)}{note}")
        return not problems, "; ".join(problems) or _enough(months, days, lo, day_before)
    merged = union_periods((s.period for s in periods), open_until=admission)
    stretch = next((a for a, b in merged if a <= day_before <= b), None)
    if stretch is None:
        return False, problems[0] if problems else (
            f"w dniu przyjęcia ({fmt(admission)}) uczestnik nie był zarejestrowany")
    months = months_between(stretch, day_before)
    if not (months > need.months if need.more_than else months >= need.months):
        problems.append(f"nieprzerwana rejestracja od {fmt(stretch)} do przyjęcia, tj. "
                        f"{months} pełnych miesięcy")
    return not problems, "; ".join(problems)


def _excluded_spells(periods: list[PupSpell], need: Unemployment) -> Iterator[Period]:
    """The parts of staż-like rows that do not count, each cut at its kind's last day."""
    until = dict(need.excluded_kinds)
    for s in periods:
        if s.kind not in until:
            continue
        last = until[s.kind]
        if last is None:
            yield s.period
        elif s.start <= last:
            yield s.start, last if s.end is None else min(s.end, last)


def _months(n: int) -> str:
    return f"{n} {plural(n, 'miesiąc', 'miesiące', 'miesięcy')}"


def _days(n: int) -> str:
    return f"{n} {plural(n, 'dzień', 'dni', 'dni')}"


def _enough(months: int, days: int, lo: date, hi: date) -> str:
    return f"łącznie {_months(months)} i {_days(days)} rejestracji w okresie {fmt(lo)}–{fmt(hi)}"


def _benefits(ctx: Ctx, p: Participant) -> Iterator[Finding]:
    if not p.benefits:
        if ctx.blank(p, "benefits"):
            yield BENEFITS_MISSING(**ctx.at(p, "benefits"))
        return
    others = [b for b in dict.fromkeys(p.benefits) if b != NO_BENEFIT]
    if others and NO_BENEFIT in p.benefits:
        yield BENEFITS_CONTRADICTORY(**ctx.at(p, "benefits"), benefits=", ".join(others))
    for benefit in others:
        ex = ctx.profile.exclusion(benefit)
        if ex is None:
            continue
        if ex.kis_exception is not None:
            yield BENEFIT_KIS_EXCEPTION(**ctx.at(p, "benefits"), benefit=benefit,
                                        excluded=ex.basis, basis=ex.kis_exception)
        else:
            yield EXCLUDED_BENEFIT(**ctx.at(p, "benefits"), benefit=benefit, basis=ex.basis)


def _age(ctx: Ctx, p: Participant) -> Iterator[Finding]:
    birth = birth_date(p)
    if p.start_date is None or birth is None:
        return
    age = age_on(birth, p.start_date)
    if age < ADULT_AGE:
        column = "pesel" if p.pesel else "birth_date"
        yield UNDER_AGE(**ctx.at(p, column), start=fmt(p.start_date), age=age, birth=fmt(birth))
