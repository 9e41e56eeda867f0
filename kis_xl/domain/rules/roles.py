"""People in several roles: who runs what on the timetable, and on what basis.

A person running an activity of "Harmonogram" must be staff with a basis of employment
("Kadra"), a volunteer with an agreement ("Wolontariusze", art. 44 of the act on public
benefit activity and volunteering), or a partner's person (the slot names the partner,
or the person is a partner's contact). Staff "na porozumieniu wolontariackim" need a
volunteer row with the agreement's date. One person cannot run two overlapping slots.
Names are matched as words in any order, without titles ("mec.", "dr") or remarks in
brackets ("(wolontariuszka)"). These findings are about the club, never a participant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kis_xl.domain import vocab
from kis_xl.domain.finding_types.club_week import (
    STAFF_VOLUNTEER_AGREEMENT_MISSING,
    TIMETABLE_LEADER_DOUBLE_BOOKED,
    TIMETABLE_LEADER_UNKNOWN,
    TIMETABLE_LEADER_WITHOUT_BASIS,
)
from kis_xl.domain.findings import Finding
from kis_xl.domain.model import Club, TimetableSlot, Volunteer
from kis_xl.domain.rules.base import Ctx
from kis_xl.domain.rules.club_week import minutes, valid_slot
from kis_xl.domain.text import fold
from kis_xl.domain.volunteers import longer_than_30_days

VOLUNTEER_BASIS = vocab.EMPLOYMENT_BASES.term("porozumienie wolontariackie").value
VOLUNTEER_PARTNER = vocab.PARTNER_TYPES.term("wolontariusz").value
_TITLES = frozenset({"mec", "dr", "mgr", "prof", "hab", "inz", "lek", "r", "pr", "adw"})
_BRACKETS = re.compile(r"\([^)]*\)")

Key = frozenset[str]


def person_key(name: str | None) -> Key:
    """Words of a name in any order, without titles and remarks in brackets."""
    words = fold(_BRACKETS.sub(" ", name or "")).split()
    return frozenset(w for w in words if w not in _TITLES)


def check(ctx: Ctx) -> Iterator[Finding]:
    club = ctx.club
    volunteers = _volunteers_with_agreement(club)
    yield from _staff(ctx, volunteers)
    if not club.timetable:
        return
    staff = {person_key(s.name): s for s in club.staff if s.name}
    partners = {fold(p.name): p for p in club.partners}
    contacts = {person_key(p.contact_person) for p in club.partners
                if p.contact_person and p.type != VOLUNTEER_PARTNER}
    known_volunteers = {person_key(v.full_name): v for v in club.volunteers if v.full_name}
    for slot in club.timetable:
        key = person_key(slot.leader)
        partner = partners.get(fold(slot.partner)) if slot.partner else None
        if not key or (partner is not None and partner.type != VOLUNTEER_PARTNER):
            continue
        where = _where(ctx, slot)
        if partner is not None and key not in volunteers:
            # a volunteer is no partner: art. 44 wants an agreement on "Wolontariusze"
            yield TIMETABLE_LEADER_WITHOUT_BASIS(**where, why=(
                f"zajęcia przypisano partnerowi „{partner.name}” typu „{VOLUNTEER_PARTNER}”, "
                "a wolontariusza z porozumieniem nie ma w arkuszu „Wolontariusze” – wpisz "
                "go tam (porozumienie wolontariackie) i wyczyść „Partnera prowadzącego”"))
            continue
        if partner is not None or key in contacts:
            continue
        member = staff.get(key)
        volunteer = known_volunteers.get(key)
        if member is not None and member.basis and member.basis != VOLUNTEER_BASIS:
            continue
        if volunteer is not None and key in volunteers:
            continue
        if member is None and volunteer is None:
            yield TIMETABLE_LEADER_UNKNOWN(**where)
            continue
        if volunteer is not None:
            why = ("wolontariusz bez pisemnego porozumienia (arkusz „Wolontariusze”, kolumna "
                   "„Data zawarcia porozumienia”)")
        elif member is not None and member.basis == VOLUNTEER_BASIS:
            why = ("w „Kadrze” z podstawą „porozumienie wolontariackie”, ale bez porozumienia "
                   "w arkuszu „Wolontariusze”")
        else:
            why = "w „Kadrze” bez podstawy zatrudnienia – uzupełnij kolumnę „Podstawa zatrudnienia”"
        yield TIMETABLE_LEADER_WITHOUT_BASIS(**where, why=why)
    yield from _double_booked(ctx, club.timetable)


def _volunteers_with_agreement(club: Club) -> set[Key]:
    """Volunteers whose agreement is recorded (or whose work needs no written one)."""
    def covered(v: Volunteer) -> bool:
        return v.agreement_date is not None or not longer_than_30_days(v)

    return {person_key(v.full_name) for v in club.volunteers if v.full_name and covered(v)}


def _staff(ctx: Ctx, volunteers: set[Key]) -> Iterator[Finding]:
    for s in ctx.club.staff:
        if s.basis == VOLUNTEER_BASIS and person_key(s.name) not in volunteers:
            yield STAFF_VOLUNTEER_AGREEMENT_MISSING(**ctx.where("staff", s.row, "basis", None),
                                                    name=s.name)


def _double_booked(ctx: Ctx, slots: list[TimetableSlot]) -> Iterator[Finding]:
    """Each later slot that overlaps an earlier one of the same person on the same day."""
    valid = [s for s in slots if valid_slot(s) and person_key(s.leader)]
    for i, slot in enumerate(valid):
        for earlier in valid[:i]:
            if (earlier.weekday == slot.weekday
                    and person_key(earlier.leader) == person_key(slot.leader)
                    and _overlap(earlier, slot)):
                yield TIMETABLE_LEADER_DOUBLE_BOOKED(
                    **_where(ctx, slot), place=slot.place or "bez miejsca",
                    other=earlier.name or "", other_row=earlier.row,
                    other_place=earlier.place or "bez miejsca")
                break


def _overlap(a: TimetableSlot, b: TimetableSlot) -> bool:
    assert a.start and a.end and b.start and b.end
    return minutes(a.start) < minutes(b.end) and minutes(b.start) < minutes(a.end)


def _where(ctx: Ctx, slot: TimetableSlot) -> dict[str, Any]:
    return {**ctx.where("timetable", slot.row, "leader", None), "leader": slot.leader,
            "name": slot.name or "", "day": slot.weekday or "",
            "start": slot.start.strftime("%H:%M") if slot.start else "",
            "end": slot.end.strftime("%H:%M") if slot.end else ""}
