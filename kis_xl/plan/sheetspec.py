"""A neutral description of a generated result sheet.

Actions describe *what* to show (titled blocks of rows, per-row marks, links
to the cell a finding is about, charts over a block); sinks decide *how*: the
file sink renders it with openpyxl and transplants it into the user's package,
the Excel sink (ribbon) will write it through xlwings. Keeping the description
free of openpyxl lets pure code build it and tests inspect it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Mark = Literal["error", "warning", "info", "ok", "muted", "total"]

DATE_FORMAT = "dd.mm.yyyy"
HOURS_FORMAT = "0.0"
PERCENT_FORMAT = "0%"
INT_FORMAT = "0"
TEXT_FORMAT = "@"

GENERATED_MARK = "Arkusz generowany przez kis-xl"
"""Cell A1 of every sheet kis_xl generates starts with this: only such a sheet is ever replaced."""


@dataclass(frozen=True, slots=True)
class Col:
    header: str
    width: float = 14
    number_format: str | None = None
    wrap: bool = False
    """Long text wraps inside the column and the row grows. Without it the text runs on
    over the empty cells to its right (fine for a block's last column), and a filled
    neighbour cuts it off: Excel does not grow rows by itself when it opens a file."""
    hidden: bool = False
    """The column is hidden (and not printed): data the program reads back, not people."""


@dataclass(frozen=True, slots=True)
class Formula:
    """A cell formula that Excel keeps up to date while the user types (a register's totals).

    ``text`` may name rows only through ``{row}`` (the cell's own row), ``{first}`` (the
    block's first data row) and ``{above}`` (the row above the cell): where a block lands
    is the sink's business. Columns are fixed: a block starts in column A.
    """

    text: str

    def at(self, row: int, first: int) -> str:
        return self.text.format(row=row, first=first, above=row - 1)


@dataclass(frozen=True, slots=True)
class Choice:
    """A dropdown (list validation) over data cells of a block: a register's marks."""

    block: int
    columns: tuple[int, int]
    """First and last column index (in ``Block.columns``), inclusive."""
    rows: tuple[int, int]
    """First and last row index (in ``Block.rows``), inclusive."""
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """An in-workbook hyperlink target, e.g. Link("Uczestnicy", "D5")."""

    sheet: str
    cell: str


@dataclass
class Block:
    title: str
    columns: list[Col]
    rows: list[list[Any]]
    links: dict[tuple[int, int], Link] = field(default_factory=dict)
    """(row index in ``rows``, column index) -> target cell."""
    marks: list[Mark | None] | None = None
    """Per-row highlight, same length as ``rows``."""
    note: str | None = None
    """One line under the title (e.g. how numbers were counted)."""


@dataclass(frozen=True, slots=True)
class Chart:
    kind: Literal["bar", "column", "line"]
    title: str
    block: int
    category_col: int
    value_cols: tuple[int, ...]
    y_title: str | None = None
    x_title: str | None = None
    skip_last_row: bool = False
    """Leave a totals row out of the chart."""


@dataclass
class GeneratedSheet:
    key: str
    """Schema key of the generated sheet (``schema.SHEETS`` kind GENERATED)."""
    name: str
    title: str
    blocks: list[Block]
    subtitle: str | None = None
    charts: list[Chart] = field(default_factory=list)
    kept: bool = False
    """The sheet keeps its earlier rows (the change log): A1 must not say it is replaced."""
    entry: str | None = None
    """The user types into this sheet (a register) and saves it with this command: A1 says
    so instead of "do not type here", the print fits one page and formulas are recalculated."""
    choices: list[Choice] = field(default_factory=list)
