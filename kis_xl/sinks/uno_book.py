"""``OpenBook`` over UNO: the spreadsheet open in LibreOffice Calc.

Runs inside LibreOffice's own Python (the script provider of the KIS
extension, ``kis_xl.fronts.calc``), where ``uno`` is importable; nothing here
imports it at module level, so the module can be imported (and type-checked)
anywhere. Kept as thin as ``XlwingsBook``: every decision is made in
``xlwings_sink`` (which writes into any ``OpenBook``).

What Calc does differently from Excel, and how it is bridged here:

- values come from ``getDataArray``: numbers (dates and times included) as
  floats, text as str, an empty cell as "" (handed over as None); the reader
  reads date serials the same as datetimes;
- an Excel Table arrives as a database range of the same name: ``tables`` and
  ``resize_table`` work on those (LibreOffice loses the table's style when it
  saves the file as .xlsx: the README says so); a database range has no calculated
  columns, so ``resize_table`` gives the new rows the ``[#This Row]`` formulas of the
  old last row itself (the names beside IDs);
- number formats are keys into the document's format list: codes are read and
  written as their English (en-US) form whatever the user interface language;
- ``save_copy``: when the document has no unsaved changes the file itself is
  copied (fast); otherwise the document is exported (``storeToURL``), which
  leaves its own location and modified state alone.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from kis_xl.sinks.open_book import Grid, TableInfo

_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
XLSX_FILTER = "Calc MS Excel 2007 XML"
_NULL_DATE = datetime(1899, 12, 30)
_THIS_ROW = "[#this row]"


def _uno() -> Any:
    import uno

    return uno


def _struct(name: str, **fields: Any) -> Any:
    value = _uno().createUnoStruct(name)
    for key, field in fields.items():
        setattr(value, key, field)
    return value


def _props(**values: Any) -> tuple[Any, ...]:
    return tuple(_struct("com.sun.star.beans.PropertyValue", Name=k, Value=v)
                 for k, v in values.items())


def _en_us() -> Any:
    return _struct("com.sun.star.lang.Locale", Language="en", Country="US")


class UnoBook:
    """A Calc spreadsheet document (``XSpreadsheetDocument``) seen as an ``OpenBook``."""

    def __init__(self, doc: Any, *, show: bool = True) -> None:
        self._doc = doc
        self._show = show
        """Switch the sheet on screen when asked (``activate``); False in a headless office,
        where switching away from or to a sheet with new charts crashed it now and then."""

    # -- what the document is ------------------------------------------------------------
    @property
    def name(self) -> str:
        path = self.path
        if path is not None:
            return path.name
        return str(self._doc.getTitle())

    @property
    def fullname(self) -> str:
        path = self.path
        return str(path) if path is not None else str(self._doc.getURL() or self.name)

    @property
    def path(self) -> Path | None:
        url = str(self._doc.getURL())
        if not url.startswith("file:"):
            return None  # never saved, or opened from a web address
        path = Path(_uno().fileUrlToSystemPath(url))
        return path if path.suffix.lower() in _WORKBOOK_SUFFIXES else None

    def date1904(self) -> bool:
        null = self._doc.NullDate
        return bool(null.Year == 1904)

    def _null_date(self) -> datetime:
        null = self._doc.NullDate
        return datetime(null.Year, null.Month, null.Day)

    def sheet_names(self) -> list[str]:
        return [str(n) for n in self._doc.Sheets.getElementNames()]

    def _sheet(self, sheet: str) -> Any:
        return self._doc.Sheets.getByName(sheet)

    # -- reading --------------------------------------------------------------------------
    def first_cell(self, sheet: str) -> Any:
        return _value(self._sheet(sheet).getCellByPosition(0, 0).getDataArray()[0][0])

    def used_values(self, sheet: str) -> tuple[int, int, Grid]:
        cursor = self._sheet(sheet).createCursor()
        cursor.gotoStartOfUsedArea(False)
        cursor.gotoEndOfUsedArea(True)
        area = cursor.getRangeAddress()
        values = [[_value(v) for v in row] for row in cursor.getDataArray()]
        return area.StartRow + 1, area.StartColumn + 1, values

    def _range(self, sheet: str, row: int, col: int, rows: int, cols: int) -> Any:
        return self._sheet(sheet).getCellRangeByPosition(col - 1, row - 1, col + cols - 2,
                                                         row + rows - 2)

    def number_formats(self, sheet: str, row: int, col: int, rows: int, cols: int) -> Grid:
        block = self._range(sheet, row, col, rows, cols)
        codes: dict[int, str] = {}
        out: Grid = []
        for r in range(rows):
            line = []
            for c in range(cols):
                key = int(block.getCellByPosition(c, r).NumberFormat)
                if key not in codes:
                    codes[key] = self._code(key)
                line.append(codes[key])
            out.append(line)
        return out

    def _code(self, key: int) -> str:
        """The English code of a format key (a built-in format of another locale maps to
        its en-US twin; the standard format is "General", as Excel names it)."""
        formats = self._doc.getNumberFormats()
        english = formats.getFormatForLocale(key, _en_us())
        code = str(formats.getByKey(english).FormatString)
        return "General" if code.casefold() in ("general", "standard") else code

    # -- writing --------------------------------------------------------------------------
    def write(self, sheet: str, row: int, col: int, values: Grid) -> None:
        width = max((len(r) for r in values), default=0)
        if not values or not width:
            return
        null = self._null_date()
        data = tuple(tuple(_data(v, null) for v in r) + ("",) * (width - len(r))
                     for r in values)
        self._range(sheet, row, col, len(values), width).setDataArray(data)

    def set_number_format(self, sheet: str, row: int, col: int, code: str, *,
                          rows: int = 1, cols: int = 1) -> None:
        formats = self._doc.getNumberFormats()
        locale = _en_us()
        key = formats.queryKey(code, locale, False)
        if key == -1:
            key = formats.addNew(code, locale)
        self._range(sheet, row, col, rows, cols).NumberFormat = key

    def set_column_width(self, sheet: str, col: int, width: float) -> None:
        # Excel's width is in characters of the default font; about 0.2 cm per character
        column = self._sheet(sheet).getColumns().getByIndex(col - 1)
        column.Width = int(width * 200)  # 1/100 mm

    def tables(self, sheet: str) -> list[TableInfo]:
        index = self.sheet_names().index(sheet)
        out = []
        ranges = self._doc.DatabaseRanges
        for name in ranges.getElementNames():
            found = ranges.getByName(name)
            area = found.getDataArea()
            if area.Sheet != index or str(name).startswith("__Anonymous_Sheet_DB__"):
                continue
            out.append(TableInfo(
                str(name), area.StartRow + 1, area.StartColumn + 1, area.EndRow + 1,
                area.EndColumn + 1, header=bool(found.ContainsHeader),
                totals=bool(_property(found, "TotalsRow", False))))
        return out

    def resize_table(self, sheet: str, table: str, last_row: int, last_col: int) -> None:
        found = self._doc.DatabaseRanges.getByName(table)
        area = found.getDataArea()
        old_last = area.EndRow
        area.EndRow, area.EndColumn = last_row - 1, last_col - 1
        found.setDataArea(area)
        if area.EndRow > old_last > area.StartRow:
            self._extend_calculated_columns(sheet, area, old_last)

    def _extend_calculated_columns(self, sheet: str, area: Any, old_last: int) -> None:
        """Give the table's new rows the formulas of its calculated columns (a name beside
        an ID), as Excel does when a table grows: a database range has no calculated
        columns, so a column whose last row holds a formula about its own row
        (``[#This Row]``, which stays right in any row) gets the same text in the new rows.
        LibreOffice saves it back as the same structured reference Excel wrote."""
        ws = self._sheet(sheet)
        last = ws.getCellRangeByPosition(area.StartColumn, old_last, area.EndColumn, old_last)
        rows = area.EndRow - old_last
        for offset, text in enumerate(last.getFormulaArray()[0]):
            if not (text.startswith("=") and _THIS_ROW in text.casefold()):
                continue
            col = area.StartColumn + offset
            ws.getCellRangeByPosition(col, old_last + 1, col, area.EndRow).setFormulaArray(
                ((text,),) * rows)

    def default_font(self) -> tuple[str, float] | None:
        try:
            style = self._doc.StyleFamilies.getByName("CellStyles").getByName("Default")
            return str(style.CharFontName), float(style.CharHeight)
        except Exception:  # an odd document: the renderer's default
            return None

    def copy_sheets_in(self, source: Path, placements: list[tuple[str, str | None]]
                       ) -> list[str]:
        uno = _uno()
        desktop = self._doc.getCurrentController().getFrame().getCreator()
        scratch = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(str(source)), "_blank", 0,
            _props(Hidden=True, ReadOnly=True))
        try:
            sheets = self._doc.Sheets
            names = []
            for sheet, before in placements:
                position = (self.sheet_names().index(before) if before is not None
                            else sheets.getCount())
                index = sheets.importSheet(scratch, sheet, position)
                names.append(str(sheets.getByIndex(index).getName()))
            return names
        finally:
            scratch.close(True)

    def delete_sheet(self, sheet: str) -> None:
        self._doc.Sheets.removeByName(sheet)

    def rename_sheet(self, sheet: str, new_name: str) -> None:
        self._sheet(sheet).setName(new_name)

    def active_sheet(self) -> str:
        return str(self._doc.getCurrentController().getActiveSheet().getName())

    def activate(self, sheet: str) -> None:
        if self._show:
            self._doc.getCurrentController().setActiveSheet(self._sheet(sheet))

    def save_copy(self, target: Path) -> None:
        path = self.path
        if path is not None and not self._doc.isModified() and path.is_file():
            shutil.copy2(path, target)  # the file is what the user sees: no export needed
            return
        self._doc.storeToURL(_uno().systemPathToFileUrl(str(target)),
                             _props(FilterName=XLSX_FILTER))

    def writing(self) -> AbstractContextManager[object]:
        return _writing(self._doc)


@contextmanager
def _writing(doc: Any) -> Iterator[None]:
    """Calc's ``ScreenUpdating``/``Calculation``: no redraw (``lockControllers``) and no
    automatic recalculation inside a block of writes, both given back on leaving it (a
    failed write too); turning it back on recalculates what the writes made dirty."""
    auto = bool(doc.isAutomaticCalculationEnabled())
    doc.lockControllers()
    doc.enableAutomaticCalculation(False)
    try:
        yield None
    finally:
        doc.enableAutomaticCalculation(auto)
        doc.unlockControllers()


def _value(raw: Any) -> Any:
    """A cell as ``getDataArray`` gives it, as COM would: an empty cell is None."""
    return None if raw == "" else raw


def _property(obj: Any, name: str, default: Any) -> Any:
    try:
        return obj.getPropertyValue(name)
    except Exception:  # an older LibreOffice without the property
        return default


def _data(value: Any, null: datetime) -> Any:
    """A cell's content as ``setDataArray`` takes it: a number (a date is its serial in the
    document's date system) or text, stored as it is (never parsed as typed: the apostrophe
    with which the sink keeps text text for Excel is dropped); "" empties the cell."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (value - null) / timedelta(days=1)
    if isinstance(value, date):
        return float((value - null.date()).days)
    if isinstance(value, time):
        return (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    if isinstance(value, bool | int | float):
        return float(value)
    text = str(value)
    return text[1:] if text.startswith("'") else text
