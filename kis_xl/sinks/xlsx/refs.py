"""A1 cell references <-> (row, column) numbers.

Pure and tiny on purpose: the layout (shared with the future xlwings sink),
the status-column editor and the renderer all speak in 1-based numbers and
only convert at the edge.
"""

from __future__ import annotations

import re

_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def column_letter(col: int) -> str:
    """1 -> "A", 27 -> "AA"."""
    if col < 1:
        raise ValueError(f"column must be >= 1, got {col}")
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def column_number(letters: str) -> int:
    """"A" -> 1, "aa" -> 27."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def cell_ref(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"


def parse_cell(ref: str) -> tuple[int, int]:
    """"B7" -> (7, 2); ``$`` anchors are accepted."""
    m = _CELL.match(ref.strip())
    if not m:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(m.group(2)), column_number(m.group(1))


def parse_range(ref: str) -> tuple[int, int, int, int]:
    """"A1:C9" -> (first_row, first_col, last_row, last_col); a single cell is a 1x1 range."""
    first, _, last = ref.partition(":")
    r1, c1 = parse_cell(first)
    r2, c2 = parse_cell(last) if last else (r1, c1)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def range_ref(first_row: int, first_col: int, last_row: int, last_col: int) -> str:
    a, b = cell_ref(first_row, first_col), cell_ref(last_row, last_col)
    return a if a == b else f"{a}:{b}"


def quote_sheet(name: str) -> str:
    """Sheet name as a formula/location prefix: ``'Wynik kontroli'`` (quotes doubled inside)."""
    return "'" + name.replace("'", "''") + "'"


def location(sheet: str, cell: str) -> str:
    """Target of an in-workbook hyperlink, e.g. ``'Uczestnicy'!D5``."""
    return f"{quote_sheet(sheet)}!{cell}"
