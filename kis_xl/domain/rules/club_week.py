"""The club's week and its partners: information-point hours and partner agreements.

Pure: works on the club's records, returns findings and plain summaries that the
timetable sheet and documents reuse.

Information point (seed 000, the Klub Samopomocy model): open at least 6 hours a week,
partly before noon and partly after noon. Slots of the sheet "Harmonogram" whose
"Rodzaj wpisu" is "dyżur punktu informacyjnego" count; overlapping slots on one day count
once. "Before noon" is any time before 12:00, "after noon" any time from 12:00 (our
reading: the model gives only the examples 8–10 and 16–18). The check runs only when the
timetable has rows: an empty sheet says nothing about the club's hours.

Partners: an agreement whose last day ("Porozumienie ważne do") is within
``EXPIRY_WARNING_DAYS`` days, or has passed, gets a warning on the partners sheet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from kis_xl.domain import vocab
from kis_xl.domain.finding_types.club_week import (
    INFO_POINT_NO_AFTERNOON,
    INFO_POINT_NO_MORNING,
    INFO_POINT_TOO_SHORT,
    PARTNER_AGREEMENT_EXPIRED,
    PARTNER_AGREEMENT_EXPIRING,
    PARTNER_AGREEMENT_REVERSED,
    TIMETABLE_SLOT_REVERSED,
    TIMETABLE_UNKNOWN_PARTNER,
)
from kis_xl.domain.findings import Finding, Ref
from kis_xl.domain.model import Club, Partner, TimetableSlot
from kis_xl.domain.rules.base import Ctx, fmt
from kis_xl.domain.text import fold, plural

INFO_POINT = vocab.TIMETABLE_KINDS.term("dyżur punktu informacyjnego").value
ACTIVITY = vocab.TIMETABLE_KINDS.term("zajęcia").value
INFO_POINT_MIN_MINUTES = 6 * 60
NOON = 12 * 60
EXPIRY_WARNING_DAYS = 30


def minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def valid_slot(slot: TimetableSlot) -> bool:
    """A slot with a day and hours that make sense (start before end)."""
    return (slot.weekday is not None and slot.start is not None and slot.end is not None
            and minutes(slot.end) > minutes(slot.start))


def slot_kind(slot: TimetableSlot) -> str:
    """What a slot is; an empty "Rodzaj wpisu" means a class."""
    return slot.kind or ACTIVITY


@dataclass(frozen=True, slots=True)
class InfoPoint:
    """The information point's week, as the timetable has it."""

    minutes: int
    morning: int
    """Minutes before 12:00."""
    afternoon: int
    """Minutes from 12:00."""
    slots: int

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)

    @property
    def enough(self) -> bool:
        return self.minutes >= INFO_POINT_MIN_MINUTES

    @property
    def ok(self) -> bool:
        return self.enough and self.morning > 0 and self.afternoon > 0


def info_point(slots: list[TimetableSlot]) -> InfoPoint:
    """Hours of the information point a week; overlapping duty slots of a day count once."""
    by_day: dict[str, list[tuple[int, int]]] = {}
    count = 0
    for slot in slots:
        if slot_kind(slot) != INFO_POINT or not valid_slot(slot):
            continue
        assert slot.weekday and slot.start and slot.end
        count += 1
        by_day.setdefault(slot.weekday, []).append((minutes(slot.start), minutes(slot.end)))
    total = morning = afternoon = 0
    for spans in by_day.values():
        for lo, hi in _union(spans):
            total += hi - lo
            morning += max(0, min(hi, NOON) - lo)
            afternoon += max(0, hi - max(lo, NOON))
    return InfoPoint(total, morning, afternoon, count)


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


@dataclass(frozen=True, slots=True)
class AgreementState:
    state: str
    """"bezterminowe", "brak dat", "obowiązuje", "wygasa", "wygasło" or "błędne daty"."""
    days_left: int | None = None


EXPIRING = "wygasa"
EXPIRED = "wygasło"


def agreement_state(p: Partner, today: date) -> AgreementState:
    end, start = p.agreement_end, p.agreement_date
    if end is not None and start is not None and end < start:
        return AgreementState("błędne daty")
    if end is None:
        return AgreementState("bezterminowe" if start is not None else "brak dat")
    left = (end - today).days
    if left < 0:
        return AgreementState(EXPIRED, left)
    if left <= EXPIRY_WARNING_DAYS:
        return AgreementState(EXPIRING, left)
    return AgreementState("obowiązuje", left)


def partner_slots(club: Club, p: Partner) -> list[TimetableSlot]:
    """The timetable slots a partner runs ("Partner prowadzący" equal to its name)."""
    key = fold(p.name)
    return [s for s in club.timetable if s.partner and fold(s.partner) == key]


def check(ctx: Ctx) -> Iterator[Finding]:
    yield from _timetable(ctx)
    yield from _partners(ctx)


def _timetable(ctx: Ctx) -> Iterator[Finding]:
    club = ctx.club
    known = {fold(p.name) for p in club.partners}
    for slot in club.timetable:
        if (slot.start is not None and slot.end is not None
                and minutes(slot.end) <= minutes(slot.start)):
            yield TIMETABLE_SLOT_REVERSED(**ctx.where("timetable", slot.row, "end", None),
                                          name=slot.name or "", start=slot.start.strftime("%H:%M"),
                                          end=slot.end.strftime("%H:%M"))
        if slot.partner and fold(slot.partner) not in known:
            yield TIMETABLE_UNKNOWN_PARTNER(
                **ctx.where("timetable", slot.row, "partner", None), partner=slot.partner,
                partners_sheet=Ref("partners"))
    if not club.timetable:
        return
    week = info_point(club.timetable)
    where: dict[str, Any] = {"sheet_key": "timetable", "column_key": "kind"}
    if not week.enough:
        yield INFO_POINT_TOO_SHORT(**where, hours=_hours(week.minutes),
                                   minimum=_hours(INFO_POINT_MIN_MINUTES), kind=INFO_POINT)
    if week.slots and not week.morning:
        yield INFO_POINT_NO_MORNING(**where)
    if week.slots and not week.afternoon:
        yield INFO_POINT_NO_AFTERNOON(**where)


def _left(days: int) -> str:
    """"to ostatni dzień", "został 1 dzień", "zostały 3 dni", "zostało 12 dni"."""
    if days == 0:
        return "to ostatni dzień"
    verb = plural(days, "został", "zostały", "zostało")
    return f"{verb} {days} {'dzień' if days == 1 else 'dni'}"


def _hours(m: int) -> str:
    """"6", "5,5" (Polish decimal comma)."""
    value = round(m / 60, 2)
    return f"{value:g}".replace(".", ",")


def _partners(ctx: Ctx) -> Iterator[Finding]:
    club = ctx.club
    for p in club.partners:
        state = agreement_state(p, ctx.today)
        if state.state == "błędne daty":
            yield PARTNER_AGREEMENT_REVERSED(**ctx.where("partners", p.row, "agreement_end", None),
                                             partner=p.name, start=fmt(p.agreement_date),
                                             end=fmt(p.agreement_end))
        elif state.state == EXPIRING:
            yield PARTNER_AGREEMENT_EXPIRING(**ctx.where("partners", p.row, "agreement_end", None),
                                             partner=p.name, end=fmt(p.agreement_end),
                                             left=_left(state.days_left or 0))
        elif state.state == EXPIRED:
            runs = partner_slots(club, p)
            text = (f", a partner nadal prowadzi zajęcia w harmonogramie: "
                    f"{', '.join(sorted({s.name or '' for s in runs}))}" if runs else "")
            yield PARTNER_AGREEMENT_EXPIRED(**ctx.where("partners", p.row, "agreement_end", None),
                                            partner=p.name, end=fmt(p.agreement_end), runs=text)
