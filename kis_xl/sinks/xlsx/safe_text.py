"""Values written into an output workbook are data, never formulas.

Every writer of a new workbook (result sheets, the annual report's totals, the
pseudonymised copy, the many-clubs summary) puts its cells through ``put``:
text that starts with ``=``, ``+``, ``-`` or ``@`` (what Excel would take for a
formula, e.g. ``=HYPERLINK("http://…")`` typed into a participant's note) is
stored as a text cell, characters XML forbids are dropped, and text longer
than Excel's cell limit is cut. openpyxl is never imported here.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_START = ("=", "+", "-", "@")
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_TEXT = 32767


def clean_text(text: str) -> str:
    return ILLEGAL.sub("", text)[:MAX_TEXT]


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def put(ws: Any, row: int, col: int, value: Any) -> Any:
    """Write ``value`` into an openpyxl worksheet cell as data; returns the cell."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = clean_text(value)
        cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
    else:
        cell.value = value
    return cell
