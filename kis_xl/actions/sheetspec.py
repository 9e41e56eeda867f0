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


@dataclass(frozen=True, slots=True)
class Col:
    header: str
    width: float = 14
    number_format: str | None = None
    wrap: bool = False
    """Long text wraps inside the column and the row grows. Without it the text runs on
    over the empty cells to its right (fine for a block's last column), and a filled
    neighbour cuts it off: Excel does not grow rows by itself when it opens a file."""


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
