"""Where everything of a generated sheet lands, and how it looks — without openpyxl.

The file sink renders this with openpyxl; the future xlwings sink (the
workbook open in Excel) will paint the same rows and cells through COM. Both
read the coordinates and colours from here, so a result sheet looks the same
whichever way it was written.

Rows of a sheet, top to bottom: the generated-sheet mark (row 1), the title,
the optional subtitle, a blank row, then each block: its title, its optional
note, the header row, the data rows (or one "no rows" line) and a blank row.
A block's charts come right below it, in column A, one under the other, before
the next block: beside the tables they made the printed page so wide that
fitting it to the paper shrank the tables to about 5 pt. Below, they stay
within the tables' width, so the sheet prints on A4 at a readable size.

Printing: landscape A4, fitted to as few pages wide as keep the text at
``MIN_PRINT_PT`` (8 pt for an 11 pt font) or larger: one page for most sheets;
when it takes more, column A (the labels: ID, name) is repeated on each.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from kis_xl.plan.sheetspec import (
    GENERATED_MARK,
    HOURS_FORMAT,
    INT_FORMAT,
    PERCENT_FORMAT,
    Block,
    Chart,
    GeneratedSheet,
    Mark,
)

CHART_WIDTH_CM = 16.0
CHART_HEIGHT_CM = 7.5
CHART_ROWS = 17
"""Rows a chart of CHART_HEIGHT_CM covers at the default row height, plus one row of gap."""
ROW_HEIGHT_CM = 0.53
"""Excel's default row height (15 pt)."""
BAR_CM_PER_CATEGORY = 0.45
"""Horizontal bar charts grow with their categories, else Excel shows every other label."""
NUMBER_FORMATS = frozenset({HOURS_FORMAT, INT_FORMAT, PERCENT_FORMAT, "0.0%", "0.00"})
LINE_HEIGHT_PT = 15.0
"""Height of one line of text at the default 11 pt font (Excel's default row height)."""
CHARS_PER_WIDTH = 1.2
"""Characters of ordinary text per unit of column width (a width unit is one digit;
letters are narrower on average, bold headers a little wider)."""
BOLD_WIDTH_FACTOR = 0.85
"""Bold header text takes more room: "Jako dodatkowa (poza sumą)" needs three lines at 13."""
PAPER_A4 = 9
"""SpreadsheetML paper size code of A4: offices in Poland print on A4, not US Letter."""
PRINT_WIDTH_PT = 734.0
"""Printable width of landscape A4 (297 mm) inside Excel's default 0.75" side margins."""
MIN_PRINT_PT = 8.0
"""Smallest font a printed table may shrink to and still be read."""
BASE_FONT_PT = 11.0

TAB_COLOR = "7F7F7F"
"""Grey tab: the sheet is the program's, not the user's."""
HEADER_FILL = "D9E1F2"
LINK_COLOR = "0563C1"
MUTED_COLOR = "7F7F7F"
MARK_FILLS: dict[Mark, str] = {
    "error": "FFC7CE",
    "warning": "FCE4D6",
    "ok": "C6EFCE",
    "info": "DDEBF7",
}
"""Background of a data row per mark; ``muted`` (grey text) and ``total`` (bold) are font-only."""

TITLE_SIZE_STEP = 4
BLOCK_TITLE_SIZE_STEP = 1
"""Points added to the workbook's default font size for the sheet title and block titles."""

EMPTY_BLOCK_TEXT = "Brak pozycji."
DATETIME_FORMAT = "dd.mm.yyyy hh:mm"


def marker_text(command: str, when: datetime, *, kept: bool = False,
                entry: str | None = None) -> str:
    """Text of A1: the mark the sinks look for, the command and when it ran.

    A ``kept`` sheet (the change log) grows by a row per write; telling a
    supervisor it "is replaced on every run" would make them fear lost history.
    An ``entry`` sheet (a register) is where the user types: A1 says how to save it.
    """
    if entry:
        return (
            f"{GENERATED_MARK} · polecenie: {command} · {when:%d.%m.%Y %H:%M}. "
            f"Wpisz obecności w tabeli i zapisz je: {entry}."
        )
    if kept:
        return (
            f"{GENERATED_MARK} · ostatni zapis: {command} · {when:%d.%m.%Y %H:%M}. "
            "Program dopisuje tu wiersz przy każdym zapisie i zachowuje wcześniejsze: "
            "nie zmieniaj tego arkusza."
        )
    return (
        f"{GENERATED_MARK} · polecenie: {command} · {when:%d.%m.%Y %H:%M}. "
        "Arkusz jest zastępowany przy każdym uruchomieniu: nie wpisuj tu danych."
    )


@dataclass(frozen=True, slots=True)
class BlockLayout:
    index: int
    title_row: int
    note_row: int | None
    header_row: int
    first_row: int
    """First data row; with no data rows it holds the "no rows" line."""
    last_row: int
    """Last data row (== first_row - 1 when the block has no rows)."""
    first_col: int
    last_col: int
    numeric_cols: frozenset[int] = frozenset()
    """Indexes (in ``Block.columns``) of number columns: their headers are right-aligned,
    over the numbers, not left where they read as the next column's."""

    def cell(self, row_index: int, col_index: int) -> tuple[int, int]:
        """Sheet (row, column) of ``rows[row_index][col_index]``."""
        return self.first_row + row_index, self.first_col + col_index

    @property
    def empty(self) -> bool:
        return self.last_row < self.first_row


@dataclass(frozen=True, slots=True)
class ChartLayout:
    spec: Chart
    anchor_row: int
    anchor_col: int
    header_row: int
    first_row: int
    last_row: int
    category_col: int
    value_cols: tuple[int, ...]
    height_cm: float = CHART_HEIGHT_CM
    rows: int = CHART_ROWS
    """Rows the chart covers, plus one row of gap: the next chart starts below."""


@dataclass(frozen=True, slots=True)
class SheetLayout:
    mark_row: int
    title_row: int
    subtitle_row: int | None
    blocks: tuple[BlockLayout, ...]
    charts: tuple[ChartLayout, ...]
    widths: dict[int, float]
    """Column number -> width in characters."""
    row_lines: dict[int, int] = field(default_factory=dict)
    """Sheet row -> lines of text, for rows taller than one line (wrapped headers and
    ``Col.wrap`` cells). Neither Excel nor LibreOffice grows a row when opening a file,
    so the sinks set the height: ``row_lines × LINE_HEIGHT_PT`` at an 11 pt font."""
    pages_wide: int = 1
    """Print fitted to this many pages wide (the fewest that keep the text readable)."""
    print_title_cols: str | None = None
    """Columns repeated on every printed page ("A:A"), when the sheet runs several pages."""


def layout(sheet: GeneratedSheet) -> SheetLayout:
    row = 2
    title_row = row
    subtitle_row = None
    if sheet.subtitle:
        row += 1
        subtitle_row = row
    row += 2
    for chart in sheet.charts:
        if not 0 <= chart.block < len(sheet.blocks):
            raise ValueError(f"chart {chart.title!r} refers to missing block {chart.block}")
    blocks: list[BlockLayout] = []
    charts: list[ChartLayout] = []
    for i, block in enumerate(sheet.blocks):
        placed = _place_block(i, block, row)
        blocks.append(placed)
        row = max(placed.last_row, placed.first_row) + 2
        for spec in sheet.charts:
            if spec.block == i:
                drawn = _place_chart(spec, placed, row)
                if drawn is not None:
                    charts.append(drawn)
                    row += drawn.rows
    widths = _widths(sheet.blocks)
    pages = pages_wide(widths)
    return SheetLayout(
        mark_row=1,
        title_row=title_row,
        subtitle_row=subtitle_row,
        blocks=tuple(blocks),
        charts=tuple(charts),
        widths=widths,
        row_lines=_row_lines(sheet.blocks, blocks, widths),
        pages_wide=pages,
        print_title_cols=None if pages == 1 else "A:A",
    )


def width_pt(widths: dict[int, float]) -> float:
    """Printed width of the columns at 100 % and an 11 pt font (a width unit is one digit,
    7 px, plus 5 px of padding per column; 1 px = 0.75 pt)."""
    return sum((7 * w + 5) * 0.75 for w in widths.values())


def pages_wide(widths: dict[int, float], repeated: int = 1) -> int:
    """Fewest landscape A4 pages wide on which the columns print at ``MIN_PRINT_PT`` or more.

    From the second page on, the first ``repeated`` columns (print titles) are printed
    again and take their share of every page.
    """
    readable = PRINT_WIDTH_PT * BASE_FONT_PT / MIN_PRINT_PT
    total = width_pt(widths)
    if total <= readable:
        return 1
    titles = width_pt({c: w for c, w in widths.items() if c <= repeated})
    return 1 + math.ceil((total - readable) / max(readable - titles, 1.0))


def _numeric_cols(block: Block) -> frozenset[int]:
    """Columns holding numbers: a number format, or only numbers in the rows."""
    out = set()
    for i, col in enumerate(block.columns):
        if col.number_format in NUMBER_FORMATS:
            out.add(i)
            continue
        cells = [r[i] for r in block.rows if i < len(r) and r[i] is not None]
        if cells and all(isinstance(v, int | float) and not isinstance(v, bool)
                         for v in cells):
            out.add(i)
    return frozenset(out)


def _place_block(index: int, block: Block, row: int) -> BlockLayout:
    title_row = row
    note_row = row + 1 if block.note else None
    header_row = (note_row or title_row) + 1
    first_row = header_row + 1
    return BlockLayout(
        index=index,
        title_row=title_row,
        note_row=note_row,
        header_row=header_row,
        first_row=first_row,
        last_row=first_row + len(block.rows) - 1,
        first_col=1,
        last_col=max(len(block.columns), 1),
        numeric_cols=_numeric_cols(block),
    )


def _place_chart(spec: Chart, b: BlockLayout, anchor: int) -> ChartLayout | None:
    """The chart of block ``b`` at row ``anchor`` in column A; None when it has nothing to draw."""
    width = b.last_col - b.first_col + 1
    if not all(0 <= c < width for c in (spec.category_col, *spec.value_cols)):
        raise ValueError(f"chart {spec.title!r} refers to a column outside block {spec.block}")
    last = b.last_row - 1 if spec.skip_last_row else b.last_row
    if last < b.first_row:
        return None
    height = CHART_HEIGHT_CM
    if spec.kind == "bar":
        bars = (last - b.first_row + 1) * len(spec.value_cols)
        height = max(CHART_HEIGHT_CM, 3.0 + BAR_CM_PER_CATEGORY * bars)
    rows = max(CHART_ROWS, math.ceil(height / ROW_HEIGHT_CM) + 1)
    return ChartLayout(
        spec=spec,
        anchor_row=anchor,
        anchor_col=1,
        header_row=b.header_row,
        first_row=b.first_row,
        last_row=last,
        category_col=b.first_col + spec.category_col,
        value_cols=tuple(b.first_col + c for c in spec.value_cols),
        height_cm=height,
        rows=rows,
    )


def _widths(blocks: list[Block]) -> dict[int, float]:
    """Printed column widths; a hidden column takes no room on paper."""
    widths: dict[int, float] = {}
    for block in blocks:
        for i, col in enumerate(block.columns, start=1):
            widths[i] = max(widths.get(i, 0.0), 0.0 if col.hidden else col.width)
    return widths


def text_lines(text: str, width: float) -> int:
    """Lines ``text`` takes in a column ``width`` wide, wrapped at spaces like Excel does."""
    per_line = max(1, int(width * CHARS_PER_WIDTH))
    if len(text) <= per_line and "\n" not in text:  # most cells: it fits, one line
        return 1
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split():
            if used and used + 1 + len(word) <= per_line:
                used += 1 + len(word)
                continue
            if used:
                lines += 1
            breaks = (len(word) - 1) // per_line  # a word longer than a line is broken
            lines += breaks
            used = len(word) - breaks * per_line
    return lines


def _row_lines(specs: list[Block], placed: list[BlockLayout],
               widths: dict[int, float]) -> dict[int, int]:
    out: dict[int, int] = {}

    def grow(row: int, text: object, col: int, factor: float = 1.0) -> None:
        if isinstance(text, str) and text:
            n = text_lines(text, widths.get(col, 8.43) * factor)
            if n > out.get(row, 1):
                out[row] = n

    for spec, where in zip(specs, placed, strict=True):
        if spec.note and where.note_row is not None:
            # The note wraps across the block's columns: left to run on to the right it
            # widened the printed page past the tables and shrank them.
            span = sum(widths.get(c, 8.43) for c in range(where.first_col, where.last_col + 1))
            n = text_lines(spec.note, span)
            if n > 1:
                out[where.note_row] = n
        for i, col in enumerate(spec.columns):
            grow(where.header_row, col.header, where.first_col + i, BOLD_WIDTH_FACTOR)
        wrapping = [i for i, col in enumerate(spec.columns) if col.wrap]
        for r, values in enumerate(spec.rows):
            for i in wrapping:
                if i < len(values):
                    row, column = where.cell(r, i)
                    grow(row, values[i], column)
    return out
