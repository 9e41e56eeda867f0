"""A stand-in for the workbook open in Excel: ``OpenBook`` over an openpyxl workbook in memory.

The only mocked layer of the Excel front's tests. It models what the Excel
calls do, as far as the sink depends on it:

- ``used_values`` hands values over as COM does: numbers as floats, dates and
  times as datetimes (a time on 30.12.1899), formulas as their (here: unknown)
  result, None;
- ``write`` parses text as ``Range.Value`` does (a number-looking text becomes
  a number, ``=…`` a formula) unless it starts with an apostrophe, and gives a
  General cell that receives a date Excel's short date format; a cell formatted
  as text (``@``) takes text as it comes, a leading apostrophe included (Excel
  keeps it there as part of the value, so "'S001" would no longer be "S001");
- ``writing`` (screen updating off, manual calculation) is recorded on entry
  and on exit, so tests can tell it is restored on every path;
- ``copy_sheets_in`` (``Worksheet.Copy`` from another workbook) copies cells with
  values and styles, column widths, row heights, merged cells, hyperlinks,
  sheet and page setup and charts, naming the copy "X (2)" when X is taken;
- ``save_copy`` writes the workbook as it is in memory (unsaved changes included).

Every call that changes something is recorded in ``calls`` (in order), so tests
can tell that the backup came first; every call at all (a COM round trip, or more
than one for xlwings' ``number_formats`` of a mixed block) is counted in ``trips``
by method name, so tests can hold a click to a budget of round trips.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.table import TableColumn

from kis_xl.sinks.open_book import Grid, TableInfo

EXCEL_SHORT_DATE = "mm-dd-yy"
"""openpyxl's code for Excel's built-in format 14 (the locale's short date)."""
_COM_EPOCH = datetime(1899, 12, 30)


class OpenpyxlBook:
    def __init__(self, path: Path | None, wb: Workbook | None = None) -> None:
        self._path = path
        self.wb = wb if wb is not None else load_workbook(path)
        self.calls: list[str] = []
        self.trips: Counter[str] = Counter()

    # -- what the workbook is -------------------------------------------------------
    @property
    def name(self) -> str:
        self.trips["name"] += 1
        return self._path.name if self._path is not None else "Zeszyt1"

    @property
    def fullname(self) -> str:
        self.trips["fullname"] += 1
        return str(self._path) if self._path is not None else "Zeszyt1"

    @property
    def path(self) -> Path | None:
        self.trips["path"] += 1
        return self._path

    def date1904(self) -> bool:
        self.trips["date1904"] += 1
        return bool(self.wb.epoch != _COM_EPOCH and self.wb.epoch.year == 1904)

    def sheet_names(self) -> list[str]:
        self.trips["sheet_names"] += 1
        return list(self.wb.sheetnames)

    # -- reading ----------------------------------------------------------------------
    def first_cell(self, sheet: str) -> Any:
        self.trips["first_cell"] += 1
        ws = self.wb[sheet]
        return None if not hasattr(ws, "iter_rows") else _com(ws["A1"])

    def used_values(self, sheet: str) -> tuple[int, int, Grid]:
        self.trips["used_values"] += 1
        self.trips[f"used_values {sheet}"] += 1
        ws = self.wb[sheet]
        rows = ws.iter_rows(min_row=ws.min_row, max_row=ws.max_row, min_col=ws.min_column,
                            max_col=ws.max_column)
        return ws.min_row, ws.min_column, [[_com(c) for c in row] for row in rows]

    def number_formats(self, sheet: str, row: int, col: int, rows: int, cols: int) -> Grid:
        """A cell never written shows its column's format (Excel applies it to new cells)."""
        self.trips["number_formats"] += 1
        ws = self.wb[sheet]
        out = []
        for r in range(row, row + rows):
            line = []
            for c in range(col, col + cols):
                cell = ws._cells.get((r, c))
                if cell is not None and cell.has_style:
                    line.append(cell.number_format)
                    continue
                dim = ws.column_dimensions.get(get_column_letter(c))
                line.append(dim.number_format if dim is not None and dim.has_style
                            else "General")
            out.append(line)
        return out

    def tables(self, sheet: str) -> list[TableInfo]:
        self.trips["tables"] += 1
        out = []
        for t in self.wb[sheet].tables.values():
            c1, r1, c2, r2 = range_boundaries(t.ref)
            out.append(TableInfo(t.name, r1, c1, r2, c2, header=t.headerRowCount != 0,
                                 totals=bool(t.totalsRowCount)))
        return out

    def default_font(self) -> tuple[str, float] | None:
        self.trips["default_font"] += 1
        font = self.wb._fonts[0]
        return (font.name, float(font.sz)) if font.name and font.sz else None

    def active_sheet(self) -> str:
        self.trips["active_sheet"] += 1
        return str(self.wb.active.title)

    # -- changing ---------------------------------------------------------------------
    def write(self, sheet: str, row: int, col: int, values: Grid) -> None:
        self.trips["write"] += 1
        self.calls.append(f"write {sheet}!{get_column_letter(col)}{row}")
        ws = self.wb[sheet]
        for r, cells in enumerate(values):
            for c, value in enumerate(cells):
                known = ws._cells.get((row + r, col + c))
                cell = ws.cell(row + r, col + c)
                dim = ws.column_dimensions.get(get_column_letter(col + c))
                if (known is None or not known.has_style) and dim is not None and dim.has_style:
                    cell._style = copy.copy(dim._style)  # Excel: a new cell takes its column's
                _typed_in(cell, value)

    def set_number_format(self, sheet: str, row: int, col: int, code: str, *,
                          rows: int = 1, cols: int = 1) -> None:
        self.trips["set_number_format"] += 1
        self.calls.append(f"format {sheet}!{get_column_letter(col)}{row}")
        ws = self.wb[sheet]
        for r in range(row, row + rows):
            for c in range(col, col + cols):
                ws.cell(r, c).number_format = code

    def set_column_width(self, sheet: str, col: int, width: float) -> None:
        self.trips["set_column_width"] += 1
        self.calls.append(f"width {sheet}!{get_column_letter(col)}")
        self.wb[sheet].column_dimensions[get_column_letter(col)].width = width

    def resize_table(self, sheet: str, table: str, last_row: int, last_col: int) -> None:
        """``ListObject.Resize``: new columns are named after their header cells."""
        self.trips["resize_table"] += 1
        self.calls.append(f"resize {sheet}!{table}")
        ws = self.wb[sheet]
        t = ws.tables[table]
        c1, r1, _, r2 = range_boundaries(t.ref)
        for i, tc in enumerate(t.tableColumns):  # Excel fills calculated columns down
            if tc.calculatedColumnFormula is not None:
                for r in range(r2 + 1, last_row + 1):  # with the format of the row above
                    ws.cell(r, c1 + i).value = "=" + tc.calculatedColumnFormula.attr_text
                    ws.cell(r, c1 + i).number_format = ws.cell(r2, c1 + i).number_format
        ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(last_col)}{last_row}"
        t.ref = ref
        if t.autoFilter is not None:
            t.autoFilter.ref = ref
        names = [tc.name for tc in t.tableColumns]
        for c in range(c1 + len(names), last_col + 1):
            t.tableColumns.append(TableColumn(id=len(t.tableColumns) + 1,
                                              name=str(ws.cell(r1, c).value)))

    def copy_sheets_in(self, source: Path, placements: list[tuple[str, str | None]]
                       ) -> list[str]:
        self.trips["copy_sheets_in"] += 1
        self.calls.append("copy " + ", ".join(name for name, _ in placements))
        scratch = load_workbook(source)
        names = []
        for sheet, before in placements:
            name = sheet
            n = 2
            while name.casefold() in (s.casefold() for s in self.wb.sheetnames):
                name = f"{sheet} ({n})"
                n += 1
            index = self.wb.sheetnames.index(before) if before else len(self.wb.sheetnames)
            _copy_sheet(scratch[sheet], self.wb.create_sheet(name, index))
            self.wb.active = index
            names.append(name)
        return names

    def delete_sheet(self, sheet: str) -> None:
        self.trips["delete_sheet"] += 1
        self.calls.append(f"delete {sheet}")
        self.wb.remove(self.wb[sheet])

    def rename_sheet(self, sheet: str, new_name: str) -> None:
        self.trips["rename_sheet"] += 1
        self.calls.append(f"rename {sheet} -> {new_name}")
        self.wb[sheet].title = new_name

    def activate(self, sheet: str) -> None:
        self.trips["activate"] += 1
        self.wb.active = self.wb.sheetnames.index(sheet)

    @contextmanager
    def writing(self) -> Iterator[None]:
        """``App.properties(screen_updating=False, calculation="manual")``."""
        self.trips["writing"] += 2  # set both, and restore both
        self.calls.append("writing on")
        try:
            yield
        finally:
            self.calls.append("writing off")

    def save_copy(self, target: Path) -> None:
        self.trips["save_copy"] += 1
        self.calls.append(f"save_copy {target.name}")
        self.wb.save(target)


def _com(cell: Any) -> Any:
    """A cell's value as xlwings hands it over from COM."""
    value = cell.value
    if cell.data_type == "f":
        return None  # openpyxl-written files carry no cached results (calamine reads none)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, time):
        return datetime.combine(_COM_EPOCH.date(), value)
    if value == "":
        return None
    return value


def _typed_in(cell: Any, value: Any) -> None:
    """``Range.Value = value`` on one cell."""
    if isinstance(value, str):
        if cell.number_format == "@":  # a text cell: nothing is parsed, nothing stripped
            cell.value = value
            cell.data_type = "s"
            return
        if value.startswith("'"):
            cell.value = value[1:]
            cell.data_type = "s"
            return
        if value.startswith("="):
            raise AssertionError(f"text written as a formula: {value!r}")
        try:
            cell.value = float(value.replace(",", "."))
            return
        except ValueError:
            cell.value = value
            return
    if isinstance(value, time):
        raise TypeError("COM cannot take a datetime.time")  # pywin32 refuses it
    if isinstance(value, date):
        stamp = value if isinstance(value, datetime) else datetime(value.year, value.month,
                                                                   value.day)
        cell.value = stamp
        if cell.number_format == "General":
            cell.number_format = EXCEL_SHORT_DATE
        return
    if isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    cell.value = value


def _copy_sheet(src: Any, dst: Any) -> None:
    """``Worksheet.Copy`` into another workbook, as far as openpyxl can hold it."""
    for row in src.iter_rows():
        for c in row:
            if c.value is None and not c.has_style:
                continue
            t = dst.cell(c.row, c.column)
            t.value = c.value
            if c.data_type == "s" and isinstance(c.value, str):
                t.data_type = "s"
            if c.has_style:
                t.font = copy.copy(c.font)
                t.fill = copy.copy(c.fill)
                t.border = copy.copy(c.border)
                t.alignment = copy.copy(c.alignment)
                t.number_format = c.number_format
                t.protection = copy.copy(c.protection)
            if c.hyperlink is not None:
                t.hyperlink = copy.copy(c.hyperlink)
    for key, dim in src.column_dimensions.items():
        dst.column_dimensions[key].width = dim.width
    for key, dim in src.row_dimensions.items():
        if dim.height is not None:
            dst.row_dimensions[key].height = dim.height
    for merged in src.merged_cells.ranges:
        dst.merge_cells(str(merged))
    _copy_checks_and_hidden_columns(src, dst)
    dst.sheet_properties.tabColor = copy.copy(src.sheet_properties.tabColor)
    dst.sheet_properties.pageSetUpPr = copy.copy(src.sheet_properties.pageSetUpPr)
    dst.page_setup.orientation = src.page_setup.orientation
    dst.page_setup.paperSize = src.page_setup.paperSize
    dst.page_setup.fitToWidth = src.page_setup.fitToWidth
    dst.page_setup.fitToHeight = src.page_setup.fitToHeight
    dst.freeze_panes = src.freeze_panes
    for chart in src._charts:
        dst._charts.append(copy.deepcopy(chart))


def _copy_checks_and_hidden_columns(src: Any, dst: Any) -> None:
    """What else ``Worksheet.Copy`` carries: a register's dropdowns and hidden column."""
    for check in src.data_validations.dataValidation:
        dst.add_data_validation(copy.copy(check))
    for key, dim in src.column_dimensions.items():
        if dim.hidden:
            dst.column_dimensions[key].hidden = True
