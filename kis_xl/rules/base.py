"""What every rule module shares: the run context and the two kinds of errors.

An error either says the person may not take part (*eligibility*: status "nie
kwalifikuje się") or that something is missing or wrong in the records
(*documentation*: status "braki w dokumentacji"). The kind is declared once,
with the finding type (``kis_xl.finding_types.rules``), so the status logic never
guesses from messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kis_xl import schema
from kis_xl.model import Club, Participant
from kis_xl.rules.profiles import Profile


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
    """(sheet, row, column header) of cells the reader already reported (unreadable or empty
    required): rules do not report such a cell again as merely "missing"."""

    @classmethod
    def build(cls, club: Club, profile: Profile, today: date) -> Ctx:
        cells = {
            (f.sheet, f.row, f.column)
            for f in club.findings
            if f.sheet is not None and f.row is not None and f.column is not None
        }
        return cls(club, profile, today, cells)

    def sheet_name(self, key: str) -> str:
        layout = self.club.layouts.get(key)
        return layout.name if layout else schema.sheet(key).name

    def header(self, sheet_key: str, column_key: str) -> str:
        layout = self.club.layouts.get(sheet_key)
        if layout is not None and column_key in layout.headers:
            return layout.headers[column_key]
        return schema.sheet(sheet_key).column(column_key).header

    def at(self, p: Participant, column_key: str | None = None) -> dict[str, Any]:
        """Location of a finding about participant ``p`` (and one of their cells)."""
        return self.where("participants", p.row, column_key, p.id)

    def where(
        self, sheet_key: str, row: int, column_key: str | None, participant: str | None
    ) -> dict[str, Any]:
        """Location of a finding: the schema keys, and the names the user sees in the workbook."""
        return {
            "sheet": self.sheet_name(sheet_key),
            "row": row,
            "column": self.header(sheet_key, column_key) if column_key else None,
            "participant": participant,
            "sheet_key": sheet_key,
            "column_key": column_key,
        }

    def reported(self, sheet_key: str, row: int, column_key: str) -> bool:
        """The reader already has a finding on this cell (unreadable, or empty but required)."""
        key = (self.sheet_name(sheet_key), row, self.header(sheet_key, column_key))
        return key in self.reader_cells

    def blank(self, p: Participant, column_key: str) -> bool:
        """The participant's cell is empty and nobody has said so yet."""
        return getattr(p, column_key) in (None, (), "") and not self.reported(
            "participants", p.row, column_key
        )

