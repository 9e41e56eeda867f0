"""The service exchange (time bank) of a self-help club: balances per member (pure logic).

Seed 000 lists "wymiana usług (barter)" among the club's basic forms of work:
members do things for each other and an hour given is worth an hour received,
whatever the service. Each row of "Wymiana usług" moves ``hours`` from the
receiver's account to the giver's, so over all members the hours given equal
the hours received and the balances add up to zero.

Counting rules (README "Wymiana usług" repeats them for users):

* An entry counts when both sides are known participants, they are two
  different people and its hours are more than 0 and at most
  ``MAX_HOURS`` (one entry is one service on one day).
* Entries naming an unknown participant are left out (the reader reports
  them as ``unknown-reference``), as are rows missing a side or the hours
  (``required-missing``); entries with the same person on both sides or
  with impossible hours are left out with their own finding.
* An entry outside a side's participation period (``Participant.active_on``)
  still counts, with a warning: the ledger records what happened.

Hours are kept in whole minutes so that the sums add up exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kis_xl.domain.finding_types.self_help import (
    EXCHANGE_HOURS_INVALID,
    EXCHANGE_MEMBER_NOT_ACTIVE,
    EXCHANGE_SAME_MEMBER,
)
from kis_xl.domain.findings import Finding
from kis_xl.domain.model import Club, Exchange, Participant

MAX_HOURS = 12
"""Longest service one entry may record (a working day and a half would be a typing error)."""
_SHEET = "exchanges"


@dataclass(slots=True)
class MemberBalance:
    id: str
    row: int
    """Row of the participant in "Uczestnicy" (for the link)."""
    given_minutes: int = 0
    received_minutes: int = 0
    entries: int = 0

    @property
    def balance_minutes(self) -> int:
        """Hours given minus hours received: above zero the club owes the member time."""
        return self.given_minutes - self.received_minutes


@dataclass(slots=True)
class ServiceTotal:
    service: str
    entries: int = 0
    minutes: int = 0


@dataclass
class ExchangeReport:
    members: list[MemberBalance] = field(default_factory=list)
    """Members with at least one counted entry, in the order of "Uczestnicy"."""
    services: list[ServiceTotal] = field(default_factory=list)
    """Services by hours exchanged, most first."""
    findings: list[Finding] = field(default_factory=list)
    counted: int = 0
    skipped: int = 0
    """Entries not counted (unknown member, a side or the hours missing, invalid)."""

    @property
    def total_minutes(self) -> int:
        return sum(m.given_minutes for m in self.members)


def compute_exchange(club: Club) -> ExchangeReport:
    """Balances of every member of the exchange and the findings about its entries."""
    report = ExchangeReport()
    known = {p.id: p for p in club.participants}
    balances: dict[str, MemberBalance] = {}
    services: dict[str, ServiceTotal] = {}
    for entry in club.exchanges:
        found = list(_entry_findings(club, entry, known))
        report.findings.extend(found)
        if not _countable(entry, known, found):
            report.skipped += 1
            continue
        assert entry.giver is not None and entry.receiver is not None
        assert entry.hours is not None
        minutes = round(entry.hours * 60)
        for pid, given in ((entry.giver, True), (entry.receiver, False)):
            member = balances.get(pid)
            if member is None:
                member = balances[pid] = MemberBalance(pid, known[pid].row)
            member.entries += 1
            if given:
                member.given_minutes += minutes
            else:
                member.received_minutes += minutes
        name = (entry.service or "").strip() or "(bez nazwy)"
        total = services.setdefault(name.casefold(), ServiceTotal(name))
        total.entries += 1
        total.minutes += minutes
        report.counted += 1
    report.members = sorted(balances.values(), key=lambda m: m.row)
    report.services = sorted(services.values(), key=lambda s: (-s.minutes, s.service))
    return report


def exchange_findings(club: Club) -> list[Finding]:
    """The findings alone (``kis-xl check`` reports them beside the eligibility rules)."""
    return compute_exchange(club).findings


def _countable(entry: Exchange, known: dict[str, Participant], found: list[Finding]) -> bool:
    if entry.giver not in known or entry.receiver not in known or entry.hours is None:
        return False
    return not any(f.code in (EXCHANGE_SAME_MEMBER.code, EXCHANGE_HOURS_INVALID.code)
                   for f in found)


def _entry_findings(club: Club, entry: Exchange, known: dict[str, Participant]) -> list[Finding]:
    day = entry.date.strftime("%d.%m.%Y") if entry.date else "bez daty"
    service = entry.service or "(bez nazwy)"
    out: list[Finding] = []
    if entry.giver and entry.giver == entry.receiver:
        out.append(EXCHANGE_SAME_MEMBER(
            row=entry.row, participant=entry.giver,
            service=service, day=day, sheet_key=_SHEET, column_key="receiver"))
    if entry.hours is not None and not 0 < entry.hours <= MAX_HOURS:
        out.append(EXCHANGE_HOURS_INVALID(
            row=entry.row, participant=entry.giver,
            service=service, day=day, hours=f"{entry.hours:g}".replace(".", ","),
            limit=MAX_HOURS, sheet_key=_SHEET, column_key="hours"))
    if entry.date is not None and not out:
        for key, role in (("giver", "daje usługę"), ("receiver", "otrzymuje usługę")):
            pid = getattr(entry, key)
            person = known.get(pid) if pid else None
            if person is not None and not person.active_on(entry.date):
                out.append(EXCHANGE_MEMBER_NOT_ACTIVE(
                    row=entry.row, participant=pid,
                    role=role, day=day, sheet_key=_SHEET, column_key=key))
    return out
