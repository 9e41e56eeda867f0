"""The staff part of the annual report, as art. 18a ust. 6 pkt 1 asks (pure logic).

"Liczba osób, wymiar czasu pracy, podstawa zatrudnienia": the act separates
people by the basis of their work, so the report does too, in three groups
(our reading of the vocabulary "Podstawy zatrudnienia"):

* **employees** – "umowa o pracę", "powierzenie obowiązków (zakres czynności)"
  (an employee of the operator given the club's duties): they have a working
  time, so an FTE;
* **civil-law contracts** – "umowa zlecenia", "umowa o dzieło": people only,
  no FTE (a contract of mandate has no working time);
* **volunteers and unpaid cooperation** – "porozumienie wolontariackie",
  "współpraca nieodpłatna": people only;
* anything else ("inna", empty) is its own group, so nothing is silently lost.

A person (same name, compared case- and accent-insensitively) counts once per
group and once in the total, however many contract rows they have. The FTE
of a year is weighted by the part of the period worked: 1.0 FTE from July to
December is 0.5 FTE of the year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kis_xl.domain.model import StaffMember
from kis_xl.domain.text import fold

EMPLOYEES = "pracownicy (umowa o pracę, powierzenie obowiązków)"
CIVIL = "umowy cywilnoprawne (zlecenie, dzieło)"
VOLUNTEERS = "wolontariusze i współpraca nieodpłatna"
OTHER = "inna lub nie podano"
GROUPS = (EMPLOYEES, CIVIL, VOLUNTEERS, OTHER)
_BASES = {fold(basis): group for basis, group in (
    ("umowa o pracę", EMPLOYEES), ("powierzenie obowiązków (zakres czynności)", EMPLOYEES),
    ("umowa zlecenia", CIVIL), ("umowa o dzieło", CIVIL),
    ("porozumienie wolontariackie", VOLUNTEERS), ("współpraca nieodpłatna", VOLUNTEERS),
)}


@dataclass(slots=True)
class StaffGroup:
    group: str
    people: int = 0
    fte: float | None = None
    """Employees only: FTE weighted by the part of the period worked."""


@dataclass(slots=True)
class StaffRole:
    role: str
    group: str
    people: int = 0
    fte: float | None = None


@dataclass(slots=True)
class StaffTotals:
    people: int = 0
    """Every person once, whatever the group."""
    employees: int = 0
    fte: float = 0.0
    """Employees' FTE of the period."""
    by_group: list[StaffGroup] = field(default_factory=list)
    by_role: list[StaffRole] = field(default_factory=list)


def group_of(basis: str | None) -> str:
    return _BASES.get(fold(basis), OTHER)


def _days(first: date, last: date) -> int:
    return max(0, (last - first).days + 1)


def weighted_fte(m: StaffMember, first: date, last: date) -> float:
    """The row's FTE times the share of the period (first..last) it covers."""
    start = max(first, m.date_from or first)
    end = min(last, m.date_to or last)
    return (m.fte or 0.0) * _days(start, end) / _days(first, last)


def works_in(m: StaffMember, first: date, last: date) -> bool:
    if m.date_from is not None and m.date_from > last:
        return False
    return m.date_to is None or m.date_to >= first


def staff_totals(staff: list[StaffMember], first: date, last: date) -> StaffTotals:
    rows = [m for m in staff if works_in(m, first, last)]
    people: dict[str, set[str]] = {g: set() for g in GROUPS}
    fte: dict[str, float] = {}
    roles: dict[tuple[str, str], set[str]] = {}
    role_fte: dict[tuple[str, str], float] = {}
    for m in rows:
        g, who = group_of(m.basis), fold(m.name)
        people[g].add(who)
        key = (m.role or OTHER, g)
        roles.setdefault(key, set()).add(who)
        if g == EMPLOYEES:
            share = weighted_fte(m, first, last)
            fte[who] = fte.get(who, 0.0) + share
            role_fte[key] = role_fte.get(key, 0.0) + share
    out = StaffTotals(people=len(set().union(*people.values())),
                      employees=len(people[EMPLOYEES]), fte=round(sum(fte.values()), 2))
    out.by_group = [StaffGroup(g, len(people[g]), out.fte if g == EMPLOYEES else None)
                    for g in GROUPS if people[g] or g == EMPLOYEES]
    out.by_role = [StaffRole(role, g, len(who),
                             round(role_fte.get((role, g), 0.0), 2) if g == EMPLOYEES else None)
                   for (role, g), who in roles.items()]
    return out
