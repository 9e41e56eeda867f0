"""Write kis_xl's status column into a user's sheet by editing only that column.

The sheet XML is edited in place with lxml: other cells, conditional
formats, validations, ``x14ac`` attributes, extLst… are never rebuilt. Every
cell kis_xl writes keeps the style the user gave it. When the column does not
exist yet it is added right after the header row's last used cell, and an
Excel Table on that header row grows by that column. A column that exists in
a sheet ``column_text`` can read safely is written into the sheet's text
instead (the same cells, without parsing megabytes of a big participants'
sheet); this tree editor is the reference it is tested against.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Collection
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from lxml import etree

from kis_xl.domain.text import fold
from kis_xl.plan.errors import WorkbookConflict
from kis_xl.plan.sheetspec import DATE_FORMAT
from kis_xl.plan.writeback import ColumnUpdate
from kis_xl.sinks import write_policy
from kis_xl.sinks.xlsx import column_text, ooxml
from kis_xl.sinks.xlsx.column_text import excel_serial
from kis_xl.sinks.xlsx.layout import DATETIME_FORMAT
from kis_xl.sinks.xlsx.ooxml import XML_NS, Element, q
from kis_xl.sinks.xlsx.package import Package
from kis_xl.sinks.xlsx.refs import (
    cell_ref,
    column_letter,
    column_number,
    parse_cell,
    parse_range,
    range_ref,
)
from kis_xl.sinks.xlsx.styles import StyleMerger
from kis_xl.sinks.xlsx.workbook import Workbook

# CT_Worksheet children in schema order (for inserting <cols>).
_SHEET_ORDER = (
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState",
    "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting",
    "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter",
    "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags",
    "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects",
    "controls", "webPublishItems", "tableParts", "extLst",
)
_VALUE_CHILDREN = (q("f"), q("v"), q("is"))
_DIGITS = "0123456789"
_C, _V, _IS, _T, _EXT = q("c"), q("v"), q("is"), q("t"), q("extLst")
_COLUMN_NUMBERS: dict[str, int] = {}


def column_of(cell: Element) -> int:
    """1-based column of a cell from its ``r`` (numbered by ``CellGrid``), memoised by letters."""
    letters = cell.get("r").rstrip(_DIGITS)
    n = _COLUMN_NUMBERS.get(letters)
    if n is None:
        n = _COLUMN_NUMBERS[letters] = column_number(letters)
    return n


_CELLS_STARTING = etree.XPath("m:row/m:c[starts-with(@r, $prefix)]",
                              namespaces={"m": ooxml.MAIN})


class CellGrid:
    """Row and cell lookup over ``<sheetData>``; omitted ``r`` attributes are filled in first."""

    def __init__(self, sheet_data: Element) -> None:
        self.data = sheet_data
        self.rows: dict[int, Element] = {}
        prev = 0
        for row in sheet_data.iterchildren(q("row")):
            r = row.get("r")
            if r is None:
                r = str(prev + 1)
                row.set("r", r)
            prev = int(r)
            self.rows[prev] = row
        self.numbers = sorted(self.rows)
        for row in sheet_data.xpath("./m:row[m:c[not(@r)]]", namespaces={"m": ooxml.MAIN}):
            _number_cells(row)

    def row(self, n: int, *, create: bool) -> Element | None:
        row = self.rows.get(n)
        if row is None and create:
            row = ooxml.sub(self.data, "row")
            row.set("r", str(n))
            i = bisect.bisect(self.numbers, n)
            if i < len(self.numbers):
                self.rows[self.numbers[i]].addprevious(row)
            self.rows[n] = row
            self.numbers.insert(i, n)
        return row

    def cell(self, n: int, col: int, *, create: bool) -> Element | None:
        """The cell of row ``n`` in column ``col``; with ``create``, added in column order.

        The row is scanned from its end: a status column is nearly always the last one, so
        the cell (or the one it goes after) is found at once even in a wide row.
        """
        row = self.row(n, create=create)
        if row is None:
            return None
        after = None
        for c in row.iterchildren(_C, reversed=True):
            at = column_of(c)
            if at == col:
                return c
            if at < col:
                after = c
                break
        if not create:
            return None
        new = row.makeelement(_C, {"r": cell_ref(n, col)})
        if after is not None:
            after.addnext(new)
        else:
            first = next(row.iterchildren(_C), None)
            if first is not None:
                first.addprevious(new)
            else:
                row.append(new)
        _widen_spans(row, col)
        return new

    def column_cells(self, col: int) -> dict[int, Element]:
        """Existing cells of one column by row number, in one pass (no per-row lookups)."""
        letters = column_letter(col)
        n = len(letters)
        # XPath narrows tens of thousands of cells to this column's (and "AB…" for "A")
        candidates = _CELLS_STARTING(self.data, prefix=letters)
        return {
            int(r[n:]): c for c in candidates if (r := c.get("r"))[n:n + 1].isdigit()
        }

    def last_used_col(self, n: int) -> int:
        row = self.rows.get(n)
        if row is None:
            return 0
        used = [parse_cell(c.get("r"))[1] for c in row.iterchildren(q("c")) if has_value(c)]
        return max(used, default=0)


def _number_cells(row: Element) -> None:
    """Give every cell of ``row`` its ``r`` (optional in the format: then cells follow in order)."""
    n = int(row.get("r"))
    prev = 0
    for c in row.iterchildren(q("c")):
        ref = c.get("r")
        prev = parse_cell(ref)[1] if ref else prev + 1
        c.set("r", cell_ref(n, prev))


def write_columns(
    pkg: Package, workbook: Workbook, styles: StyleMerger, updates: list[ColumnUpdate]
) -> list[str]:
    """Apply every ``ColumnUpdate`` of a plan; columns of one sheet share its parsed grid."""
    grids: dict[str, CellGrid] = {}
    return [write_column(pkg, workbook, styles, update, grids=grids) for update in updates]


def write_column(
    pkg: Package, workbook: Workbook, styles: StyleMerger, update: ColumnUpdate,
    *, grids: dict[str, CellGrid] | None = None,
) -> str:
    """Apply one ``ColumnUpdate``; returns "Arkusz: Nagłówek" for the change log.

    ``grids`` (sheet part -> grid) lets several columns of one sheet share its row index.
    """
    entry = workbook.find(update.sheet)
    if entry is None or entry.kind != "worksheet":
        raise write_policy.no_sheet_for_column(update)
    if _written_as_text(pkg, workbook, styles, update, entry.part):
        return f"{entry.name}: {update.header}"
    root = pkg.xml(entry.part)
    grid = grids.get(entry.part) if grids is not None else None
    if grid is None:
        sheet_data = root.find(q("sheetData"))
        if sheet_data is None:
            sheet_data = ooxml.sub(root, "sheetData")
        grid = CellGrid(sheet_data)
        if grids is not None:
            grids[entry.part] = grid
    last_row = max([update.last_row, *update.values])
    col = _status_column(
        pkg, workbook, entry.part, root, grid, update=update, last_row=last_row
    )
    _check_formulas(grid, update, col)
    date1904 = workbook.date1904
    # rows whose cell is cleared when it exists (stale values of deleted participants) and
    # rows with a value; each row is looked at once, from its end
    rows = {n for n in grid.rows if update.header_row < n <= update.last_row}
    rows.update(n for n in update.values if n > update.header_row)
    values = update.values
    for n in sorted(rows):
        value = values.get(n)
        cell = grid.cell(n, col, create=value is not None)
        if cell is not None:
            set_value(cell, value, styles, date1904)
    grow_dimension(root, update.header_row, col, last_row)
    pkg.mark(entry.part)
    return f"{entry.name}: {update.header}"


def _written_as_text(
    pkg: Package, workbook: Workbook, styles: StyleMerger, update: ColumnUpdate, part: str
) -> bool:
    """Write an existing column into the sheet's text (``column_text``) when it can be read so.

    Not when the sheet is already a tree (an earlier edit of this write) or the column is
    new; the header is checked on the header row parsed alone. False: nothing was written.
    """
    if update.column is None or pkg.is_parsed(part):
        return False
    data = pkg.read(part)
    header_xml = column_text.header_row_xml(data, update.header_row)
    if header_xml is None:
        return False
    try:
        header_sheet = ooxml.parse(header_xml)
    except etree.XMLSyntaxError:
        return False
    header = CellGrid(header_sheet.find(q("sheetData"))).cell(
        update.header_row, update.column, create=False)
    if header is None or fold(workbook.cell_text(header)) != fold(update.header):
        return False  # the tree editor says what is wrong
    edited = column_text.edit_column(data, update, update.column, styles, workbook.date1904)
    if edited is None:
        return False
    pkg.put(part, edited)
    return True


def _status_column(
    pkg: Package, workbook: Workbook, part: str, root: Element, grid: CellGrid,
    *, update: ColumnUpdate, last_row: int,
) -> int:
    wanted = fold(update.header)
    if update.column is not None:
        header = grid.cell(update.header_row, update.column, create=False)
        found = workbook.cell_text(header) if header is not None else None
        if fold(found) != wanted:
            raise write_policy.status_header_moved(
                update, cell_ref(update.header_row, update.column), found)
        return update.column
    for c in _row_cells(grid, update.header_row):
        if fold(workbook.cell_text(c)) == wanted:
            return parse_cell(c.get("r"))[1]
    last = grid.last_used_col(update.header_row)
    col = last + 1
    table = _table_with_header(pkg, part, update.header_row, last)
    if any(
        update.header_row <= n <= last_row and has_value(c)
        for n, c in grid.column_cells(col).items()
    ):
        raise write_policy.status_column_taken(update, column_letter(col))
    header = grid.cell(update.header_row, col, create=True)
    assert header is not None
    left = grid.cell(update.header_row, last, create=False) if last else None
    if left is not None and left.get("s") is not None:
        header.set("s", left.get("s"))
    _set_text(header, update.header)
    if table is not None:
        _extend_table(pkg, table, update.header)
    _ensure_width(root, col, max(12.0, len(update.header) + 2.0))
    return col


def _row_cells(grid: CellGrid, n: int) -> list[Element]:
    row = grid.rows.get(n)
    return [] if row is None else list(row.iterchildren(q("c")))


def _table_with_header(pkg: Package, part: str, header_row: int, last_col: int) -> str | None:
    """The table part whose header row is ``header_row`` and whose last column is ``last_col``."""
    for table in pkg.related(part, "table"):
        root = pkg.xml(table)
        r1, _, _, c2 = parse_range(root.get("ref", "A1"))
        if root.get("headerRowCount", "1") != "0" and r1 == header_row and c2 == last_col:
            return table
    return None


def _extend_table(pkg: Package, table: str, header: str) -> None:
    root = pkg.xml(table)
    r1, c1, r2, c2 = parse_range(root.get("ref"))
    root.set("ref", range_ref(r1, c1, r2, c2 + 1))
    auto = root.find(q("autoFilter"))
    if auto is not None and auto.get("ref"):
        a1, b1, a2, b2 = parse_range(auto.get("ref"))
        auto.set("ref", range_ref(a1, b1, a2, b2 + 1))
    columns = root.find(q("tableColumns"))
    ids = [int(c.get("id", "0")) for c in columns.iterchildren(q("tableColumn"))]
    new = columns.makeelement(q("tableColumn"), {"id": str(max(ids, default=0) + 1)})
    new.set("name", header)
    columns.append(new)
    columns.set("count", str(len(ids) + 1))
    pkg.mark(table)


def _check_formulas(grid: CellGrid, update: ColumnUpdate, col: int) -> None:
    """Refuse to overwrite a formula that other cells share (it would break them)."""
    rewritten = set(range(update.header_row + 1, update.last_row + 1)) | set(update.values)
    for f in grid.data.iter(q("f")):
        if not f.get("ref"):
            continue
        row, at = parse_cell(f.getparent().get("r"))
        r1, c1, r2, c2 = parse_range(f.get("ref"))
        if at != col or row not in rewritten:
            continue
        if c1 != col or c2 != col or not set(range(r1, r2 + 1)) <= rewritten:
            raise WorkbookConflict(
                f"Kolumna „{update.header}” w arkuszu „{update.sheet}” zawiera formułę "
                f"({cell_ref(row, col)}), z której korzystają inne komórki. Usuń ją albo zmień "
                "nazwę kolumny. Nic nie zostało zmienione."
            )


def set_value(cell: Element, value: Any, styles: StyleMerger, date1904: bool) -> None:
    """Replace the cell's value, keeping its style; None empties it (an unstyled cell goes)."""
    for child in list(cell):
        if child.tag in _VALUE_CHILDREN:
            cell.remove(child)
    attrib = cell.attrib
    for attr in ("t", "cm", "vm"):
        attrib.pop(attr, None)
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        if cell.get("s") is None:
            cell.getparent().remove(cell)
    elif isinstance(value, str):
        _set_text(cell, value)
    elif isinstance(value, bool):
        cell.set("t", "b")
        _add_child(cell, _V).text = "1" if value else "0"
    elif isinstance(value, Decimal):
        _add_child(cell, _V).text = repr(float(value))
    elif isinstance(value, int | float):
        _add_child(cell, _V).text = str(value)
    elif isinstance(value, date | time):
        _add_child(cell, _V).text = repr(excel_serial(value, date1904=date1904))
        style = int(cell.get("s", "0"))
        if not styles.is_date_xf(style) and not isinstance(value, time):
            fmt = DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT
            cell.set("s", str(styles.with_number_format(style, fmt)))
    else:
        _set_text(cell, str(value))


def _set_text(cell: Element, text: str) -> None:
    cell.set("t", "inlineStr")
    t = etree.SubElement(_add_child(cell, _IS), _T)
    t.text = text
    if text != text.strip() or "\n" in text:
        t.set(f"{{{XML_NS}}}space", "preserve")


def _add_child(cell: Element, tag: str) -> Element:
    """Value children go before a cell's ``extLst``."""
    ext = cell.find(_EXT) if len(cell) else None
    if ext is not None:
        new = cell.makeelement(tag, {})
        ext.addprevious(new)
        return new
    return etree.SubElement(cell, tag)


def has_value(cell: Element) -> bool:
    return any(child.tag in _VALUE_CHILDREN for child in cell)


def _widen_spans(row: Element, col: int) -> None:
    spans = row.get("spans")
    if not spans:
        return
    bounds = [int(x) for part in spans.split() for x in part.split(":") if x.isdigit()]
    if bounds and not min(bounds) <= col <= max(bounds):
        row.set("spans", f"{min([*bounds, col])}:{max([*bounds, col])}")


def last_filled_row(grid: CellGrid, header_row: int, calculated: Collection[int] = ()
                    ) -> int:
    """The last row (at or below the header) with a value; styled blank rows do not count,
    nor the formulas of ``calculated`` columns (a table's blank row still has them)."""
    for n in reversed(grid.numbers):
        if n <= header_row:
            break
        if any(has_value(c) and (not calculated or column_of(c) not in calculated)
               for c in grid.rows[n].iterchildren(q("c"))):
            return n
    return header_row


def grow_dimension(root: Element, header_row: int, col: int, last_row: int) -> None:
    dim = root.find(q("dimension"))
    if dim is None:
        return
    try:
        r1, c1, r2, c2 = parse_range(dim.get("ref", "A1"))
    except ValueError:
        return
    dim.set(
        "ref", range_ref(min(r1, header_row), min(c1, col), max(r2, last_row), max(c2, col))
    )


def _ensure_width(root: Element, col: int, width: float) -> None:
    cols = root.find(q("cols"))
    if cols is None:
        cols = root.makeelement(q("cols"), {})
        ooxml.insert_in_order(root, cols, _SHEET_ORDER)
    later = None
    for c in cols.iterchildren(q("col")):
        lo, hi = int(c.get("min", "0")), int(c.get("max", "0"))
        if lo <= col <= hi:
            return
        if lo > col and later is None:
            later = c
    new = cols.makeelement(
        q("col"), {"min": str(col), "max": str(col), "width": f"{width:g}", "customWidth": "1"}
    )
    if later is not None:
        later.addprevious(new)
    else:
        cols.append(new)
