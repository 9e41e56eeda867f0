"""The register of issued certificates (art. 18 ust. 5a): which number a certificate carries.

A certificate confirming the end of participation is an official paper: its number is a
register number ("3/2026": the third of the year of issue), kept in the sheet "Rejestr
zaświadczeń" with the date and the person, not the participant's ID. A person already in
the register keeps the number and the date written there, so a reprint is the same paper;
a new one gets the next free number of its year. Pure: the action writes the new rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from kis_xl.domain.model import CertificateEntry, Participant

_NUMBER = re.compile(r"^\s*(\d+)\s*/\s*(\d{4})\s*$")


@dataclass(frozen=True, slots=True)
class Issue:
    participant: str
    number: str
    date: date
    new: bool
    """Not yet in the register: a row to add, and the issue date to write back."""


def issue_certificates(register: Iterable[CertificateEntry], people: Sequence[Participant],
                       today: date) -> dict[str, Issue]:
    """Participant ID -> the number and date of their certificate, in ``people``'s order;
    new numbers follow the dates of issue.

    The date of a new certificate is the participant's "Data wydania zaświadczenia" when
    the coordinator wrote one, else ``today``; its number is one more than the highest
    "N/RRRR" of that year in the register (numbers written another way are kept, never
    reused, and do not count).
    """
    known: dict[str, CertificateEntry] = {}
    highest: dict[int, int] = {}
    for entry in register:
        found = _NUMBER.match(entry.number or "")
        if found:
            year = int(found[2])
            highest[year] = max(highest.get(year, 0), int(found[1]))
        if entry.participant and entry.number and entry.participant not in known:
            known[entry.participant] = entry
    out: dict[str, Issue] = {}
    new: list[tuple[date, int, Participant]] = []
    for i, p in enumerate(people):
        found_entry = known.get(p.id)
        if found_entry is not None:
            out[p.id] = Issue(p.id, found_entry.number.strip(),
                              found_entry.date or p.certificate_date or today, new=False)
        else:
            new.append((p.certificate_date or today, i, p))
    for day, _, p in sorted(new, key=lambda x: x[:2]):  # numbers follow the dates of issue
        highest[day.year] = highest.get(day.year, 0) + 1
        out[p.id] = Issue(p.id, f"{highest[day.year]}/{day.year}", day, new=True)
    return {p.id: out[p.id] for p in people}
