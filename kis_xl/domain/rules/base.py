"""What every rule module shares: the run context and the two kinds of errors.

An error either says the person may not take part (*eligibility*: status "nie
kwalifikuje się") or that something is missing or wrong in the records
(*documentation*: status "braki w dokumentacji"). The kind is declared once,
with the finding type (``kis_xl.domain.finding_types.rules``), so the status logic never
guesses from messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kis_xl.domain.model import Club, Participant
from kis_xl.domain.rules.profiles import Profile


def fmt(day: date | None) -> str:
    """A date as Polish offices write it."""
    return day.strftime("%d.%m.%Y") if day else "—"


@dataclass
class Ctx:
    """One run of the rules over one club, on one day, under one profile."""

    club: Club
    profile: Profile
    today: date
    reader_cells: set[tuple[str, int, str]] = field(default_factory=set)
    """(sheet key, row, column key) of cells the reader already reported (unreadable or empty
    required): rules do not report such a cell again as merely "missing"."""

    @classmethod
    def build(cls, club: Club, profile: Profile, today: date) -> Ctx:
        cells = {
            (f.sheet_key, f.row, f.column_key)
            for f in club.findings
            if f.sheet_key is not None and f.row is not None and f.column_key is not None
        }
        return cls(club, profile, today, cells)

    def at(self, p: Participant, column_key: str | None = None) -> dict[str, Any]:
        """Location of a finding about participant ``p`` (and one of their cells)."""
        return self.where("participants", p.row, column_key, p.id)

    def where(
        self, sheet_key: str, row: int, column_key: str | None, participant: str | None
    ) -> dict[str, Any]:
        """Location of a finding by schema keys (``findings.locate`` names it for people)."""
        return {
            "row": row,
            "participant": participant,
            "sheet_key": sheet_key,
            "column_key": column_key,
        }

    def reported(self, sheet_key: str, row: int, column_key: str) -> bool:
        """The reader already has a finding on this cell (unreadable, or empty but required)."""
        return (sheet_key, row, column_key) in self.reader_cells

    def blank(self, p: Participant, column_key: str) -> bool:
        """The participant's cell is empty and nobody has said so yet."""
        return getattr(p, column_key) in (None, (), "") and not self.reported(
            "participants", p.row, column_key
        )

