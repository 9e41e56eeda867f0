"""Whether the participant records can be trusted: identity, proof, RODO, plausible dates.

The reader has already rejected unreadable cells (invalid PESEL, dates that
are not dates, values off the lists); these checks look across cells and rows:
PESEL against the typed birth date and sex, the same person twice, dates of
things that cannot have happened yet.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from kis_xl.domain import pesel
from kis_xl.domain.finding_types.rules import (
    BIRTH_UNKNOWN,
    CONSENT_MISSING,
    DATE_IN_FUTURE,
    DUPLICATE_PESEL,
    PESEL_BIRTH_MISMATCH,
    PESEL_SEX_MISMATCH,
    PROOF_MISSING,
    PUP_PERIOD_REVERSED,
    REPEAT_PARTICIPATION,
    RODO_INFO_MISSING,
)
from kis_xl.domain.findings import Finding
from kis_xl.domain.model import Participant
from kis_xl.domain.rules.base import Ctx, fmt
from kis_xl.domain.rules.periods import overlaps
from kis_xl.domain.rules.profiles import CONSENT_SETTING, consent_basis

PAST_EVENTS = (
    "birth_date", "therapy_end", "rodo_info_date", "consent_date", "application_date",
    "interview_date", "contract_date", "end_date", "certificate_date",
)
"""Participant dates that record something that has happened (start and planned end may be
ahead: admission can be planned)."""


def check(ctx: Ctx) -> Iterator[Finding]:
    first_by_pesel: dict[str, list[Participant]] = {}
    consent = consent_basis(ctx.club.settings)
    for p in ctx.club.participants:
        yield from _identity(ctx, p)
        if p.pesel:
            earlier = first_by_pesel.setdefault(p.pesel, [])
            yield from _duplicates(ctx, p, earlier)
            earlier.append(p)
        if p.category is not None and ctx.blank(p, "proof_document"):
            yield PROOF_MISSING(**ctx.at(p, "proof_document"), category=p.category)
        if ctx.blank(p, "rodo_info_date"):
            yield RODO_INFO_MISSING(**ctx.at(p, "rodo_info_date"))
        if consent is not None and ctx.blank(p, "consent_date"):
            yield CONSENT_MISSING(**ctx.at(p, "consent_date"), setting=CONSENT_SETTING,
                                  basis=consent)
        for key in PAST_EVENTS:
            yield from _future(ctx, "participants", p.row, key, pid=p.id, day=getattr(p, key))
    for period in ctx.club.pup_periods:
        pid = period.participant or None
        for key in ("registered_from", "registered_to"):
            yield from _future(ctx, "pup_periods", period.row, key, pid=pid,
                               day=getattr(period, key))
        lo, hi = period.registered_from, period.registered_to
        if lo is not None and hi is not None and hi < lo:
            yield PUP_PERIOD_REVERSED(**ctx.where("pup_periods", period.row, "registered_to", pid),
                                      start=fmt(lo), end=fmt(hi))
    for decision in ctx.club.decisions:
        yield from _future(ctx, "decisions", decision.row, "decided_on",
                           pid=decision.participant or None, day=decision.decided_on)


def _identity(ctx: Ctx, p: Participant) -> Iterator[Finding]:
    if p.pesel is None:
        if ctx.blank(p, "pesel") and ctx.blank(p, "birth_date"):
            yield BIRTH_UNKNOWN(**ctx.at(p, "pesel"))
        return
    if p.birth_date is not None:
        from_pesel = pesel.pesel_birth_date(p.pesel)
        if from_pesel != p.birth_date:
            yield PESEL_BIRTH_MISMATCH(**ctx.at(p, "birth_date"), typed=fmt(p.birth_date),
                                       from_pesel=fmt(from_pesel))
    if p.sex is not None:
        sex = pesel.pesel_sex(p.pesel)
        if sex != p.sex:
            yield PESEL_SEX_MISMATCH(**ctx.at(p, "sex"), typed=p.sex, from_pesel=sex)


def _span(p: Participant) -> tuple[date | None, date | None]:
    return p.start_date, p.end_date if p.end_date is not None else p.planned_end


def _duplicates(ctx: Ctx, p: Participant, earlier: list[Participant]) -> Iterator[Finding]:
    for other in earlier:
        if overlaps(_span(p), _span(other)):
            yield DUPLICATE_PESEL(**ctx.at(p, "pesel"), pesel=p.pesel, other=other.id,
                                  other_row=other.row)
            return
    if earlier:
        last = earlier[-1]
        lo, hi = _span(last)
        yield REPEAT_PARTICIPATION(**ctx.at(p, "pesel"), pesel=p.pesel, other=last.id,
                                   other_row=last.row, period=f"{fmt(lo)}–{fmt(hi)}")


def _future(
    ctx: Ctx, sheet_key: str, row: int, column_key: str, *, pid: str | None, day: date | None
) -> Iterator[Finding]:
    if day is not None and day > ctx.today:
        yield DATE_IN_FUTURE(**ctx.where(sheet_key, row, column_key, pid), day=fmt(day),
                             today=fmt(ctx.today))
