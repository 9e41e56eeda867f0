"""Whether admission followed the procedure: application, interview, contract, dates, duration.

§ 13 (written application), § 14 (family interview and social contract before
participation starts; art. 18 ust. 4 makes the contract a condition), § 15 or
the club's setting (maximum duration), art. 18 ust. 5a (certificate after the
end). A start date in the future is allowed: admission may be planned ahead.
Whether an ended participation records its reason is the outcomes report's
concern (``kis_xl.domain.outcomes``), not admission's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kis_xl.domain.finding_types.rules import (
    APPLICATION_LATE,
    APPLICATION_MISSING,
    CERTIFICATE_BEFORE_END,
    CERTIFICATE_LATE,
    CERTIFICATE_OVERDUE,
    CERTIFICATE_WITHOUT_END,
    CONTRACT_BACKDATED,
    CONTRACT_LATE,
    CONTRACT_MISSING,
    END_BEFORE_START,
    END_OVERDUE,
    INTERVIEW_LATE,
    INTERVIEW_MISSING,
    PARTICIPATION_TOO_LONG,
    PLANNED_END_TOO_LATE,
    START_MISSING,
)
from kis_xl.domain.findings import Finding, FindingType
from kis_xl.domain.model import Participant
from kis_xl.domain.rules.base import Ctx, fmt
from kis_xl.domain.rules.periods import ONE_DAY, add_months, months_between

CERTIFICATE_DAYS_SETTING = "Termin wydania zaświadczenia (dni)"

_STEPS: tuple[tuple[str, FindingType, FindingType], ...] = (
    ("application_date", APPLICATION_MISSING, APPLICATION_LATE),
    ("interview_date", INTERVIEW_MISSING, INTERVIEW_LATE),
    ("contract_date", CONTRACT_MISSING, CONTRACT_LATE),
)


def check(ctx: Ctx) -> Iterator[Finding]:
    max_months = ctx.profile.effective_max_months(ctx.club.settings)
    for p in ctx.club.participants:
        yield from _procedure(ctx, p)
        if p.start_date is not None:
            yield from _order(ctx, p)
            yield from _duration(ctx, p, max_months)
        yield from _ending(ctx, p)


def _procedure(ctx: Ctx, p: Participant) -> Iterator[Finding]:
    start = p.start_date
    if start is None and ctx.blank(p, "start_date"):
        yield START_MISSING(**ctx.at(p, "start_date"))
    bases = {
        "application_date": ctx.profile.application_basis,
        "interview_date": ctx.profile.interview(ctx.club.settings),
        "contract_date": ctx.profile.contract_basis,
    }
    for key, missing, late in _STEPS:
        day = getattr(p, key)
        basis = bases[key]
        if basis is None:
            continue  # not required by the rules in force (the club's setting)
        if day is None:
            if ctx.blank(p, key):
                yield missing(**ctx.at(p, key), basis=basis)
        elif start is not None and day > start:
            yield late(**ctx.at(p, key), date=fmt(day), start=fmt(start), basis=basis)
    if p.contract_from is not None and p.contract_date is not None \
            and p.contract_from < p.contract_date:
        yield CONTRACT_BACKDATED(**ctx.at(p, "contract_from"), signed=fmt(p.contract_date),
                                 start=fmt(p.contract_from), basis=bases["contract_date"])


def _order(ctx: Ctx, p: Participant) -> Iterator[Finding]:
    assert p.start_date is not None
    for key in ("end_date", "planned_end"):
        day = getattr(p, key)
        if day is not None and day < p.start_date:
            where = ctx.at(p, key)
            yield END_BEFORE_START(**where, end=fmt(day), start=fmt(p.start_date))


def _duration(ctx: Ctx, p: Participant, max_months: int) -> Iterator[Finding]:
    start = p.start_date
    assert start is not None
    limit = add_months(start, max_months) - ONE_DAY
    basis = ctx.profile.duration_basis
    if p.planned_end is not None and p.planned_end > limit:
        yield PLANNED_END_TOO_LATE(**ctx.at(p, "planned_end"), end=fmt(p.planned_end),
                                   start=fmt(start), max=max_months, limit=fmt(limit),
                                   basis=basis)
    if ctx.reported("participants", p.row, "end_date"):
        return  # the end date is unreadable: the reader said so, nothing to measure
    end = p.end_date if p.end_date is not None else (ctx.today if start <= ctx.today else None)
    if end is not None and end > limit:
        yield PARTICIPATION_TOO_LONG(
            **ctx.at(p, "end_date"), state="trwało" if p.end_date else "trwa", start=fmt(start),
            end=fmt(end), months=months_between(start, end), max=max_months, limit=fmt(limit),
            basis=basis,
        )
    elif p.end_date is None and p.planned_end is not None and start <= p.planned_end < ctx.today:
        yield END_OVERDUE(**ctx.at(p, "end_date"), planned=fmt(p.planned_end))


def _ending(ctx: Ctx, p: Participant) -> Iterator[Finding]:
    basis = ctx.profile.certificate_basis
    limit = ctx.club.settings.certificate_days
    late: dict[str, Any] = {"limit": limit, "setting": CERTIFICATE_DAYS_SETTING, "basis": basis}
    if p.certificate_date is None:
        if p.end_date is not None and (ctx.today - p.end_date).days > limit:
            yield CERTIFICATE_OVERDUE(**ctx.at(p, "certificate_date"), end=fmt(p.end_date),
                                      days=(ctx.today - p.end_date).days, **late)
        return
    if p.end_date is None:
        if ctx.blank(p, "end_date"):
            yield CERTIFICATE_WITHOUT_END(**ctx.at(p, "certificate_date"),
                                          date=fmt(p.certificate_date), basis=basis)
    elif p.certificate_date < p.end_date:
        yield CERTIFICATE_BEFORE_END(**ctx.at(p, "certificate_date"),
                                     date=fmt(p.certificate_date), end=fmt(p.end_date),
                                     basis=basis)
    elif (p.certificate_date - p.end_date).days > limit:
        yield CERTIFICATE_LATE(**ctx.at(p, "certificate_date"), date=fmt(p.certificate_date),
                               end=fmt(p.end_date), days=(p.certificate_date - p.end_date).days,
                               **late)
