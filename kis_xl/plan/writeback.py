"""What an action asks to be written back into the user's workbook.

An action never touches a file: it returns a ``WritePlan``; a sink applies it.
The plan names only what kis_xl owns: whole generated sheets (replaced on
every run) and its own status columns in user sheets (values by Excel row),
plus rows the user explicitly asked to add (``RowAppend``, appended only).
Everything else in the workbook is the user's and must come out unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from kis_xl.plan.sheetspec import GeneratedSheet


@dataclass
class ColumnUpdate:
    sheet: str
    """Actual name of the user's sheet in the workbook."""
    header_row: int
    """Excel row number of the header row."""
    header: str
    """Header text, used when the column has to be created."""
    column: int | None
    """1-based column index when the column exists, None to append it after the last header."""
    values: dict[int, Any]
    """Excel row -> value; rows between the header and the last data row not listed are cleared."""
    last_row: int = 0
    """Last data row of the sheet (so stale values of deleted participants are cleared);
    0: only the rows in ``values`` are written, every other cell stays as it is (the
    certificate's issue date in the user's own column, ``actions.docs.certificate_plan``)."""


@dataclass
class RowAppend:
    """New rows at the end of a user's data sheet (``kis-xl meeting add``).

    The only case where kis_xl writes into user sheets beyond its status
    columns: rows the user asked for, appended after the last filled row;
    the sheet's Excel Table grows to hold them and existing cells are never
    touched.
    """

    sheet: str
    """Actual name of the user's sheet in the workbook."""
    header_row: int
    headers: dict[int, str]
    """1-based column -> header text expected there (checked again before writing)."""
    rows: list[dict[int, Any]]
    """Each new row: 1-based column -> value."""


@dataclass
class WritePlan:
    command: str
    """The command as the user would type it, e.g. ``kis-xl check``."""
    summary: str
    """Polish, one line: what was written (goes to the change log)."""
    sheets: list[GeneratedSheet] = field(default_factory=list)
    columns: list[ColumnUpdate] = field(default_factory=list)
    appends: list[RowAppend] = field(default_factory=list)


@dataclass
class WriteResult:
    """What a sink wrote, whether into a file on disk or into the workbook open in Excel."""

    workbook: str
    """The workbook as the user knows it: its file name (Excel shows the same in the title)."""
    location: str
    """Where it is: the full path of the file written (links resolved), or Excel's full name."""
    sheets: list[str]
    """Generated sheets replaced or created, the change log last."""
    columns: list[str]
    """Headers of the status columns written into user sheets."""
    backup: Path | None = None
    """The copy of the workbook as it was before the write, when the sink made one."""
    appended: dict[str, int] = field(default_factory=dict)
    """Rows added at the end of user sheets, by sheet (``kis-xl meeting add``)."""


class Sink(Protocol):
    def apply(self, plan: WritePlan) -> WriteResult: ...
