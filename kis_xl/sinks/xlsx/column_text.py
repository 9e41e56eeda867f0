"""A status column written into the text of a user's sheet, without parsing the sheet.

The participants' sheet of a big club is megabytes of XML; parsed into a tree,
edited and serialised again it costs most of a check's write-back, for two
columns of cells. Here the cells of the column are found by regular
expressions in the text of ``<sheetData>`` and only they are rewritten, as
``cells.set_value`` rewrites them in a tree (the same attributes kept, the same
value children). The text path takes only sheets it can read safely: the main
namespace as the default one, no DTD, comments or CDATA, every row and cell
numbered, no cell with an ``extLst``, no shared formula, a ``<dimension>`` of
one ``ref``, rows for every value, a column that exists, UTF-8. For anything else
``edit_column`` returns None and the tree editor (``cells.write_column``) runs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, NamedTuple

from kis_xl.plan.sheetspec import DATE_FORMAT
from kis_xl.plan.writeback import ColumnUpdate
from kis_xl.sinks.xlsx import ooxml
from kis_xl.sinks.xlsx.layout import DATETIME_FORMAT
from kis_xl.sinks.xlsx.refs import cell_ref, column_number, parse_range, range_ref
from kis_xl.sinks.xlsx.styles import StyleMerger

ROOT = re.compile(rb"<worksheet\b[^>]*>")
_ENCODING = re.compile(rb"""encoding=["']([A-Za-z0-9._-]+)["']""")
_DEFAULT_MAIN = f'xmlns="{ooxml.MAIN}"'.encode()
_CELL = re.compile(rb"<c\b([^>]*?)(/>|>(.*?)</c>)", re.S)
ROW_NUMBER = re.compile(rb'\sr="(\d+)"')
_CELL_REF = re.compile(rb'\sr="([A-Z]{1,3})(\d+)"')
_STYLE = re.compile(rb'\ss="(\d+)"')
_VALUE_ATTRS = re.compile(rb'\s(?:t|cm|vm)="[^"]*"')
_SHARED_FORMULA = re.compile(rb"<f\s[^>]*\sref=")
"""A shared formula's master (or an array formula): one regex pass over a big sheet."""
_UNSAFE = re.compile(rb"<[!?]")
_AFTER_C = (b" ", b">", b"/")
AFTER_NAME = (b" ", b">", b"/", b"\t", b"\n", b"\r")
_SPANS = re.compile(rb'\sspans="([^"]*)"')
DIMENSION = re.compile(rb'<dimension ref="([A-Z0-9:]+)"/>')
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def edit_column(
    data: bytes, update: ColumnUpdate, col: int, styles: StyleMerger, date1904: bool
) -> bytes | None:
    """``data`` (a sheet's XML) with ``update`` written into column ``col``; None: use a tree."""
    body = sheet_data_span(data)
    if body is None:
        return None
    start, end = body
    dimension = DIMENSION.search(data, 0, start)
    if dimension is None or _SHARED_FORMULA.search(data, start, end):
        return None
    values = update.values
    wanted = {n for n in values if n > update.header_row and values[n] is not None}
    view = memoryview(data)  # the text between edited rows is joined once, not copied twice
    out: list[bytes | memoryview] = []
    at = start
    listed = (_listed_rows(data, start, end, sorted(n for n in values if n > update.header_row))
              if update.last_row <= update.header_row else None)
    for row_start, row_end, attrs, content in listed or sheet_rows(data, start, end):
        number = ROW_NUMBER.search(attrs)
        if number is None:
            return None
        n = int(number.group(1))
        if n <= update.header_row or (n > update.last_row and n not in values):
            continue
        wanted.discard(n)
        edited = _edited_row(_Row(data[row_start:row_end], attrs, content, n), col,
                             values.get(n), styles=styles, date1904=date1904)
        if edited is None:
            return None
        out += [view[at:row_start], edited]
        at = row_end
    if wanted:  # a value for a row the sheet does not have
        return None
    out.append(view[at:end])
    try:
        r1, c1, r2, c2 = parse_range(dimension.group(1).decode())
    except ValueError:
        return None
    last_row = max([update.last_row, *values])
    grown = range_ref(min(r1, update.header_row), min(c1, col), max(r2, last_row), max(c2, col))
    return b"".join([view[:dimension.start(1)], grown.encode(), view[dimension.end(1):start],
                     *out, view[end:]])


def _listed_rows(data: bytes, start: int, end: int, numbers: list[int]
                 ) -> list[tuple[int, int, bytes, bytes | None]] | None:
    """The rows numbered ``numbers`` (ascending) as ``sheet_rows`` yields them, found by
    their start tag as Excel and openpyxl write it (``r`` first), without walking the
    100,000 rows of a big attendance sheet to change a few hundred; None: one is not found
    so (``sheet_rows`` then reads every row)."""
    out: list[tuple[int, int, bytes, bytes | None]] = []
    pos = start
    for n in numbers:
        at = data.find(b'<row r="%d"' % n, pos, end)
        tag_end = data.find(b">", at, end) if at >= 0 else -1
        if tag_end < 0:
            return None
        if data[tag_end - 1 : tag_end] == b"/":
            out.append((at, tag_end + 1, data[at + 4 : tag_end - 1], None))
            pos = tag_end + 1
            continue
        close = data.find(b"</row>", tag_end, end)
        if close < 0:
            return None
        out.append((at, close + 6, data[at + 4 : tag_end], data[tag_end + 1 : close]))
        pos = close + 6
    return out


def sheet_data_span(data: bytes, *, whole: bool = True) -> tuple[int, int] | None:
    """Where the content of ``<sheetData>`` starts and ends, in a sheet read safely as text.

    ``whole``: the whole sheet is checked for comments, CDATA and processing instructions
    (one regex pass; without it only a DTD before the root is refused: for a part cut out
    and parsed by lxml)."""
    root = ROOT.search(data, 0, 2000)
    if root is None or _DEFAULT_MAIN not in root.group(0):
        return None
    encoding = _ENCODING.search(data, 0, root.start())
    if encoding is not None and encoding.group(1).lower() not in (b"utf-8", b"utf8"):
        return None  # the new cells are written in UTF-8
    if data.find(b"<!", 0, root.start()) >= 0 or (whole and _UNSAFE.search(data, root.end())):
        return None  # a DTD, comments, CDATA, processing instructions
    start = data.find(b"<sheetData>")
    end = data.rfind(b"</sheetData>")
    if start < 0 or end < start:
        return None
    return start + len(b"<sheetData>"), end


def sheet_rows(data: bytes, start: int, end: int) -> Iterator[tuple[int, int, bytes, bytes | None]]:
    """Rows as (start, end, attributes, content or None for ``<row …/>``)."""
    pos = data.find(b"<row", start, end)
    while pos >= 0:
        tag_end = data.find(b">", pos, end)
        if tag_end < 0:
            return
        if data[pos + 4 : pos + 5] not in AFTER_NAME:
            pos = data.find(b"<row", tag_end, end)
            continue
        if data[tag_end - 1 : tag_end] == b"/":
            yield pos, tag_end + 1, data[pos + 4 : tag_end - 1], None
            pos = data.find(b"<row", tag_end + 1, end)
            continue
        close = data.find(b"</row>", tag_end, end)
        if close < 0:
            return
        yield pos, close + 6, data[pos + 4 : tag_end], data[tag_end + 1 : close]
        pos = data.find(b"<row", close + 6, end)


def header_row_xml(data: bytes, header_row: int) -> bytes | None:
    """The header row alone as a sheet (the root's namespaces kept), to be parsed; None: no row."""
    body = sheet_data_span(data, whole=False)  # the row is parsed; edit_column checks all
    root = ROOT.search(data, 0, 2000)
    if body is None or root is None:
        return None
    for row_start, row_end, attrs, _ in sheet_rows(data, *body):
        number = ROW_NUMBER.search(attrs)
        if number is None:
            return None
        if int(number.group(1)) == header_row:
            return (root.group(0) + b"<sheetData>" + data[row_start:row_end]
                    + b"</sheetData></worksheet>")
    return None


class _Row(NamedTuple):
    whole: bytes
    attrs: bytes
    content: bytes | None
    """None for ``<row …/>``."""
    n: int


def _edited_row(row: _Row, col: int, value: Any, *, styles: StyleMerger,
                date1904: bool) -> bytes | None:
    """The row with its cell in ``col`` set to ``value``; None: use a tree."""
    attrs, content, n = row.attrs, row.content, row.n
    if b"'" in attrs:
        return None  # attributes quoted otherwise than Excel quotes them
    if content is None:  # <row …/>: no cells
        if value is None:
            return row.whole
        return _row(attrs, col, _new_cell(n, col, value, styles, date1904))
    first = None  # the start of the leftmost cell seen
    pos = content.rfind(b"<c")
    while pos >= 0:  # from the row's end: a status column is nearly always the last one
        if content[pos + 2 : pos + 3] not in _AFTER_C:
            pos = content.rfind(b"<c", 0, pos)
            continue
        cell = _CELL.match(content, pos)
        ref = _CELL_REF.search(cell.group(1)) if cell is not None else None
        if cell is None or ref is None or int(ref.group(2)) != n:
            return None
        at = column_number(ref.group(1).decode())
        if at == col:
            new = _replaced(cell, value, styles, date1904)
            if new is None:
                return None
            return b"<row" + attrs + b">" + content[:pos] + new + content[cell.end():] + b"</row>"
        if at < col:
            first = cell.end()  # the new cell goes right after this one
            break
        first = pos
        pos = content.rfind(b"<c", 0, pos)
    if value is None:
        return row.whole
    if first is None and content.strip():
        return None  # no cell read, yet something in the row
    at = first or 0
    return _row(attrs, col, content[:at] + _new_cell(n, col, value, styles, date1904)
                + content[at:])


def _replaced(cell: re.Match[bytes], value: Any, styles: StyleMerger,
              date1904: bool) -> bytes | None:
    if b"'" in cell.group(1) or (cell.group(3) is not None and b"<extLst" in cell.group(3)):
        return None
    return _cell(cell.group(1), value, styles, date1904)


def _row(attrs: bytes, col: int, content: bytes) -> bytes:
    """A row that got a new cell in ``col``: its ``spans`` widened as ``cells`` widens them."""
    spans = _SPANS.search(attrs)
    if spans is not None and spans.group(1):
        bounds = [int(x) for part in spans.group(1).split() for x in part.split(b":")
                  if x.isdigit()]
        if bounds and not min(bounds) <= col <= max(bounds):
            new = f' spans="{min([*bounds, col])}:{max([*bounds, col])}"'.encode()
            attrs = attrs[:spans.start()] + new + attrs[spans.end():]
    return b"<row" + attrs + b">" + content + b"</row>"


def _new_cell(n: int, col: int, value: Any, styles: StyleMerger, date1904: bool) -> bytes:
    new = _cell(f' r="{cell_ref(n, col)}"'.encode(), value, styles, date1904)
    assert new is not None  # a new cell has no value to keep
    return new


def _cell(attrs: bytes, value: Any, styles: StyleMerger, date1904: bool) -> bytes | None:
    """The cell ``cells.set_value`` makes of a cell with ``attrs`` (b"" when it goes)."""
    attrs = _VALUE_ATTRS.sub(b"", attrs).rstrip()
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return b"<c" + attrs + b"/>" if _STYLE.search(attrs) else b""
    if isinstance(value, str):
        return _text_cell(attrs, value)
    if isinstance(value, bool):
        return b"<c" + attrs + b' t="b"><v>' + (b"1" if value else b"0") + b"</v></c>"
    if isinstance(value, Decimal):
        return b"<c" + attrs + b"><v>" + repr(float(value)).encode() + b"</v></c>"
    if isinstance(value, int | float):
        return b"<c" + attrs + b"><v>" + str(value).encode() + b"</v></c>"
    if isinstance(value, date | time):
        style = _STYLE.search(attrs)
        s = int(style.group(1)) if style else 0
        if not styles.is_date_xf(s) and not isinstance(value, time):
            fmt = DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT
            new = f' s="{styles.with_number_format(s, fmt)}"'.encode()
            attrs = (attrs[:style.start()] + new + attrs[style.end():]) if style else attrs + new
        serial = repr(excel_serial(value, date1904=date1904)).encode()
        return b"<c" + attrs + b"><v>" + serial + b"</v></c>"
    return _text_cell(attrs, str(value))


def _text_cell(attrs: bytes, text: str) -> bytes | None:
    if _ILLEGAL.search(text):
        return None  # the tree editor refuses it with lxml's own error
    space = b' xml:space="preserve"' if text != text.strip() or "\n" in text else b""
    escaped = (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
               .replace("\r", "&#13;"))
    return (b"<c" + attrs + b' t="inlineStr"><is><t' + space + b">" + escaped.encode("utf-8")
            + b"</t></is></c>")


def excel_serial(value: date | time, *, date1904: bool = False) -> float:
    """Excel's serial number of a date/time (1900 system unless the workbook uses 1904)."""
    if isinstance(value, time):
        return (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    epoch = datetime(1904, 1, 1) if date1904 else datetime(1899, 12, 30)
    moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
    delta = moment.replace(tzinfo=None) - epoch
    days = delta.days + delta.seconds / 86400
    return int(days) if days == int(days) else days
