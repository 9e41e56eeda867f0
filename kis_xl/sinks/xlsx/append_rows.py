"""Append rows to a user's data sheet by editing only the rows it adds.

``kis-xl meeting add`` registers a meeting and its attendance list: the one
place where kis_xl adds *data* to the user's sheets. Like the status column
editor (``cells``), it works on the sheet XML in place: existing rows are
never rewritten, so formatting, validations, comments and extLst content stay.
New rows go right after the last row that holds a value (blank styled rows
of the Excel Table are filled first); each new cell takes the style the
sheet already has there, else the style of the row above, else the column's
default, so the rows look typed in. The Excel Table on the header row grows
to cover them (its ``ref`` and autoFilter), and Excel styles and filters
them as its own.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from lxml import etree

from kis_xl.domain.text import fold
from kis_xl.plan.errors import WorkbookConflict
from kis_xl.plan.sheetspec import Formula
from kis_xl.plan.writeback import RowAppend
from kis_xl.sinks import write_policy
from kis_xl.sinks.xlsx.cells import (
    CellGrid,
    grow_dimension,
    last_filled_row,
    set_value,
)
from kis_xl.sinks.xlsx.ooxml import Element, q
from kis_xl.sinks.xlsx.package import Package
from kis_xl.sinks.xlsx.refs import parse_range, range_ref
from kis_xl.sinks.xlsx.styles import StyleMerger
from kis_xl.sinks.xlsx.workbook import Workbook

TIME_FORMAT = "hh:mm"
_UNCHANGED = "Nic nie zostało zmienione."


AS_TEXT = True
"""Append into the sheet's text (``rows_text``) when it can be read so; False: always the
tree (the reference the text path is tested against)."""


def append_rows(pkg: Package, workbook: Workbook, styles: StyleMerger, append: RowAppend) -> str:
    """Apply one ``RowAppend``; returns "Arkusz: +N" for the change log."""
    entry = workbook.find(append.sheet)
    if entry is None or entry.kind != "worksheet":
        raise write_policy.no_sheet_for_rows(append)
    if AS_TEXT and not pkg.is_parsed(entry.part):
        from kis_xl.sinks.xlsx.rows_text import append_as_text

        table = table_on(pkg, entry.part, append.header_row)
        calculated = calculated_columns(pkg, table) if table is not None else {}
        if append_as_text(pkg, entry.part, append.header_row, calculated, lambda root:
                          append_into(pkg, workbook, styles, append, part=entry.part,
                                      root=root)):
            return f"{entry.name}: +{len(append.rows)}"
    root = pkg.xml(entry.part)
    append_into(pkg, workbook, styles, append, part=entry.part, root=root)
    pkg.mark(entry.part)
    return f"{entry.name}: +{len(append.rows)}"


def append_into(pkg: Package, workbook: Workbook, styles: StyleMerger, append: RowAppend,
                *, part: str, root: Element) -> None:
    """The rows of ``append`` written into ``root``: the whole sheet, or (``rows_text``) a
    sheet of its header row, its ``dimension`` and ``cols`` and the rows from its last
    filled row on, which is all this edit reads or changes."""
    sheet_data = root.find(q("sheetData"))
    if sheet_data is None:
        raise WorkbookConflict(f"Arkusz „{append.sheet}” jest pusty (brak nagłówków). "
                               + _UNCHANGED)
    grid = CellGrid(sheet_data)
    _check_headers(workbook, grid, append)
    table = table_on(pkg, part, append.header_row)
    formulas = calculated_columns(pkg, table, grid) if table is not None else {}
    first = last_filled_row(grid, append.header_row, formulas) + 1
    last = first + len(append.rows) - 1
    if table is not None:
        _grow_table(pkg, table, append.sheet, last)
    template = first - 1 if first - 1 > append.header_row else None
    col_styles = _column_styles(root)
    for offset, given in enumerate(append.rows):
        n = first + offset
        row = grid.row(n, create=True)
        assert row is not None  # create=True always yields a row
        _copy_row_format(grid, template, row)
        values: dict[int, Any] = {**{c: Formula(f) for c, f in formulas.items()}, **given}
        for col, value in sorted(values.items()):
            cell = grid.cell(n, col, create=True)
            assert cell is not None
            if cell.get("s") is None:
                style = _style_of(grid, template, col) or col_styles.get(col)
                if style is not None:
                    cell.set("s", style)
            if isinstance(value, Formula):
                _set_formula(cell, value.text)
                continue
            set_value(cell, value, styles, workbook.date1904)
            if isinstance(value, time) and not styles.is_date_xf(int(cell.get("s", "0"))):
                cell.set("s", str(styles.with_number_format(int(cell.get("s", "0")),
                                                            TIME_FORMAT)))
    cols = [c for values in append.rows for c in values]
    if cols:
        grow_dimension(root, append.header_row, min(cols), last)
        grow_dimension(root, append.header_row, max(cols), last)


def _check_headers(workbook: Workbook, grid: CellGrid, append: RowAppend) -> None:
    """The columns must still be where the reader found them (the file may have changed)."""
    for col, header in append.headers.items():
        cell = grid.cell(append.header_row, col, create=False)
        found = workbook.cell_text(cell) if cell is not None else None
        if fold(found) != fold(header):
            raise write_policy.append_header_moved(append, header)


def table_on(pkg: Package, part: str, header_row: int) -> str | None:
    """The Excel Table whose header row is the sheet's header row, if any."""
    for table in pkg.related(part, "table"):
        tree = pkg.xml(table)
        r1, _, _, _ = parse_range(tree.get("ref", "A1"))
        if tree.get("headerRowCount", "1") != "0" and r1 == header_row:
            return table
    return None


def _grow_table(pkg: Package, table: str, sheet: str, last: int) -> None:
    tree = pkg.xml(table)
    if tree.get("totalsRowCount", "0") not in ("0", ""):
        raise write_policy.table_has_totals(sheet)
    r1, c1, r2, c2 = parse_range(tree.get("ref"))
    if last <= r2:
        return
    tree.set("ref", range_ref(r1, c1, last, c2))
    auto = tree.find(q("autoFilter"))
    if auto is not None and auto.get("ref"):
        a1, b1, _, b2 = parse_range(auto.get("ref"))
        auto.set("ref", range_ref(a1, b1, last, b2))
    pkg.mark(table)


def calculated_columns(pkg: Package, table: str, grid: CellGrid | None = None
                       ) -> dict[int, str]:
    """Sheet column -> formula of the table's calculated columns (a name beside an ID):
    a row added in Excel gets it by itself, so a row added here gets it too.

    LibreOffice saves a table without its calculated columns (only the cells keep the
    formulas): then, given the sheet's ``grid``, a column whose last table row holds a
    formula about its own row (``[#This Row]``, right in any row) counts as one."""
    tree = pkg.xml(table)
    r1, c1, r2, c2 = parse_range(tree.get("ref"))
    columns = tree.find(q("tableColumns"))
    out: dict[int, str] = {}
    for i, column in enumerate(columns.iterchildren(q("tableColumn"))
                               if columns is not None else ()):
        formula = column.find(q("calculatedColumnFormula"))
        if formula is not None and formula.text and formula.get("array") not in ("1", "true"):
            out[c1 + i] = formula.text
    if out or r2 <= r1 or grid is None:
        return out
    for col in range(c1, c2 + 1):
        cell = grid.cell(r2, col, create=False)
        f = cell.find(q("f")) if cell is not None else None
        if (f is not None and f.text and f.get("t") in (None, "normal")
                and "[#this row]" in f.text.casefold()):
            out[col] = f.text
    return out


def _set_formula(cell: Element, text: str) -> None:
    """A formula without a cached value: Excel and LibreOffice compute it on opening."""
    for child in list(cell):
        if child.tag in (q("f"), q("v"), q("is")):
            cell.remove(child)
    cell.attrib.pop("t", None)
    etree.SubElement(cell, q("f")).text = text


def _copy_row_format(grid: CellGrid, template: int | None, row: Element) -> None:
    source = grid.rows.get(template) if template is not None else None
    if source is None or row.get("s") is not None:
        return
    for attr in ("s", "customFormat"):
        if source.get(attr) is not None:
            row.set(attr, source.get(attr))


def _style_of(grid: CellGrid, template: int | None, col: int) -> str | None:
    if template is None:
        return None
    cell = grid.cell(template, col, create=False)
    return None if cell is None else cell.get("s")


def _column_styles(root: Element) -> dict[int, str]:
    """Default style per column from ``<cols>`` (what Excel gives a cell typed into it)."""
    out: dict[int, str] = {}
    cols = root.find(q("cols"))
    if cols is None:
        return out
    for c in cols.iterchildren(q("col")):
        style = c.get("style")
        if style is None:
            continue
        for col in range(int(c.get("min", "0")), min(int(c.get("max", "0")), 16384) + 1):
            out[col] = style
    return out

