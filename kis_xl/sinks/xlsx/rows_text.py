"""New rows written into the text of a user's sheet, without parsing the whole sheet.

"Obecności" of a big club is 100,000 rows; ``kis-xl meeting add`` and the register's
save add a few hundred after its last row. Parsed into a tree, edited and serialised
again the sheet costs most of the write. An append reads and changes only the header
row (its headers are checked), the last filled row (the new rows take its format), the
blank rows after it (a table's styled rows, filled first), ``<cols>`` (column styles)
and ``<dimension>``. Here those alone are cut from the text into a small sheet with
the root's namespaces, the tree editor (``append_rows.append_into``) edits that sheet,
and its rows and dimension are put back into the text; every other byte stays as it
was. So the rows are exactly the tree editor's: the same cells, styles and calculated
columns' formulas. The text path takes only sheets ``column_text`` reads safely, with
every row it cuts (and the one before them) numbered and in ascending order, and a
``<dimension>`` and ``<cols>`` it can find whole; for anything else ``append_as_text``
returns False and the tree editor runs on the whole sheet (``append_rows.AS_TEXT =
False`` always runs it: the reference the text path is tested against).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from lxml import etree

from kis_xl.sinks.xlsx import column_text, ooxml
from kis_xl.sinks.xlsx.cells import CellGrid, last_filled_row
from kis_xl.sinks.xlsx.ooxml import Element, q
from kis_xl.sinks.xlsx.package import Package

_COLS = re.compile(rb"<cols>.*?</cols>|<cols/>", re.S)
_CLOSE = b"</sheetData></worksheet>"


def append_as_text(pkg: Package, part: str, header_row: int, calculated: Collection[int],
                   edit: Callable[[Element], None]) -> bool:
    """Run ``edit`` (the tree editor) on the part of the sheet an append touches and put
    the result into the sheet's text; False: nothing was done, edit the whole tree.

    ``calculated``: the table's calculated columns (their formulas fill no row).
    """
    data = pkg.read(part)
    cut = _cut(data, header_row, calculated)
    if cut is None:
        return False
    try:
        small = ooxml.parse(cut.sheet)
    except etree.XMLSyntaxError:
        return False
    edit(small)
    sheet_data = small.find(q("sheetData"))
    header = sheet_data[0]  # new rows go after the header: it stays first
    sheet_data.text = header.tail
    sheet_data.remove(header)
    rows = etree.tostring(sheet_data)
    rows = rows[rows.index(b">") + 1 : rows.rindex(b"</")] if not rows.endswith(b"/>") else b""
    view = memoryview(data)  # the untouched text is copied once, by the join
    head: list[bytes | memoryview] = [view[: cut.tail]]
    dimension = column_text.DIMENSION.search(data, 0, cut.tail)
    if dimension is not None:
        ref = small.find(q("dimension")).get("ref").encode()
        head = [view[: dimension.start(1)], ref, view[dimension.end(1) : cut.tail]]
    pkg.put(part, b"".join([*head, rows, view[cut.end :]]))
    return True


class _Cut:
    """A small sheet of what an append touches, and where its rows lie in the text."""

    def __init__(self, sheet: bytes, tail: int, end: int) -> None:
        self.sheet = sheet
        self.tail = tail
        """Where the cut rows after the header start (the end of ``<sheetData>`` if none)."""
        self.end = end
        """Where ``<sheetData>``'s content ends."""


def _cut(data: bytes, header_row: int, calculated: Collection[int]) -> _Cut | None:
    body = column_text.sheet_data_span(data)
    root = column_text.ROOT.search(data, 0, 2000)
    if body is None or root is None:
        return None
    start, end = body
    before = data[:start]
    dimension = column_text.DIMENSION.search(before)
    cols = _COLS.search(before)
    if (dimension is None and b"<dimension" in before) or (cols is None and b"<cols" in before):
        return None
    header = _header(data, start, end, header_row)
    if header is None:
        return None
    tail = _tail(data, root.group(0), (header[1], end), header_row, calculated)
    if tail is None:
        return None
    sheet = (root.group(0) + (dimension.group(0) if dimension else b"")
             + (cols.group(0) if cols else b"") + b"<sheetData>" + data[header[0] : header[1]]
             + data[tail:end] + _CLOSE)
    return _Cut(sheet, tail, end)


def _header(data: bytes, start: int, end: int, header_row: int) -> tuple[int, int] | None:
    """Where the header row starts and ends; None: not there, or rows not numbered."""
    for row_start, row_end, attrs, _ in column_text.sheet_rows(data, start, end):
        number = column_text.ROW_NUMBER.search(attrs)
        if number is None or int(number.group(1)) > header_row:
            return None
        if int(number.group(1)) == header_row:
            return row_start, row_end
    return None


def _tail(data: bytes, root: bytes, span: tuple[int, int], header_row: int,
          calculated: Collection[int]) -> int | None:
    """Where the last filled row after the header starts (with the blank rows after it,
    all that an append reads); the end of ``span`` (the header row's end, the end of
    ``<sheetData>``'s content) when no row follows the header. None: rows out of order
    or not numbered."""
    after, limit = span
    below = None
    while (pos := data.rfind(b"<row", after, limit)) >= 0:
        tag_end = data.find(b">", pos, limit)
        if tag_end < 0 or data[pos + 4 : pos + 5] not in column_text.AFTER_NAME:
            return None
        number = column_text.ROW_NUMBER.search(data, pos + 4, tag_end)
        if number is None:
            return None
        n = int(number.group(1))
        if n <= header_row or (below is not None and n >= below):
            return None
        try:
            row = ooxml.parse(root + b"<sheetData>" + data[pos:limit] + _CLOSE)
        except etree.XMLSyntaxError:
            return None
        limit, below = pos, n
        if last_filled_row(CellGrid(row.find(q("sheetData"))), 0, calculated):
            before = data.rfind(b"<row", after, pos)
            number = column_text.ROW_NUMBER.search(data, before, pos) if before >= 0 else None
            if before >= 0 and (number is None or int(number.group(1)) >= n):
                return None  # the row before the cut must come before it
            break
    return limit
