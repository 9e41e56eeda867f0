"""The workbook open in Excel or LibreOffice Calc, as the few calls kis_xl makes to it.

``OpenBook`` is the whole surface between kis_xl and a live workbook, the
contract the Excel front and the Calc front share: reading a sheet's values,
writing a block of values and number formats, growing an Excel Table,
copying a sheet in from a scratch file, deleting and renaming sheets, saving
a copy. ``XlwingsBook`` (``kis_xl.sinks.xlwings_book``) implements it with
xlwings for Excel, ``UnoBook`` (``kis_xl.sinks.uno_book``) over UNO for Calc
(tested end to end in a headless LibreOffice, tests/test_calc_front.py); the
tests implement it over an openpyxl workbook (tests/openpyxl_book.py).
Everything else (what to write where, the rules every write obeys) is plain
Python in ``kis_xl.sinks.xlwings_sink`` and ``kis_xl.sinks.write_policy``.

Values cross this boundary as Excel's COM hands them over: numbers are floats,
date and time cells datetimes (a time alone is a datetime on 30.12.1899),
empty cells None. The reader accepts these the same as the grids python-calamine
reads from a file, so ``read_open_book`` yields the same ``Club`` as
``read_workbook`` on the saved file.

Every call is a round trip to Excel (COM on Windows, Apple events on macOS),
a few milliseconds each: a click reads each sheet once (``ReadOnce`` wraps the
book for one click and answers repeated reads from what it already read) and
writes in blocks, inside ``writing`` (no screen redraw, no recalculation
between the blocks).

Importing this module is cheap (it runs on every ribbon click).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from kis_xl.domain.model import Club

Grid = list[list[Any]]


@dataclass(frozen=True, slots=True)
class TableInfo:
    """An Excel Table (ListObject) of a sheet; rows and columns are 1-based, inclusive."""

    name: str
    first_row: int
    first_col: int
    last_row: int
    last_col: int
    header: bool = True
    """The table has a header row (its first row)."""
    totals: bool = False
    """The table has a totals row (its last row)."""


class OpenBook(Protocol):
    """The workbook open in Excel or Calc: the only calls the fronts and the sink make to it.

    Rows and columns are 1-based, as Excel numbers them; sheets are named as the office
    shows them. Number formats are English codes (Excel's ``Range.NumberFormat``), whatever
    the language of the office."""

    @property
    def name(self) -> str:
        """The workbook's name as Excel shows it (``klub.xlsx``)."""

    @property
    def fullname(self) -> str:
        """Excel's full name of the workbook (a path, a URL, or the name of a new book)."""

    @property
    def path(self) -> Path | None:
        """The workbook's file on disk; None when it was never saved (or lives at a URL)."""

    def date1904(self) -> bool:
        """The workbook counts dates from 1904 (bare serial numbers must be read so)."""

    def sheet_names(self) -> list[str]:
        """Every sheet (worksheets and chart sheets), in tab order."""

    def first_cell(self, sheet: str) -> Any:
        """The value of A1 of a worksheet; None for a chart sheet."""

    def used_values(self, sheet: str) -> tuple[int, int, Grid]:
        """The used range's top-left cell (row, column) and its values, row by row."""

    def number_formats(self, sheet: str, row: int, col: int, rows: int, cols: int) -> Grid:
        """Number format codes (English, as ``Range.NumberFormat``) of a block of cells."""

    def write(self, sheet: str, row: int, col: int, values: Grid) -> None:
        """Put a block of values with its top-left cell at (row, col); None empties a cell.

        Values go in as Excel's ``Range.Value`` takes them: text is parsed as if typed
        (a leading apostrophe keeps it text), dates and datetimes become date serials.
        The sink always writes text with the apostrophe, so a host that never parses
        text (Calc's ``setDataArray``) stores the same after dropping it.
        """

    def set_number_format(self, sheet: str, row: int, col: int, code: str, *,
                          rows: int = 1, cols: int = 1) -> None:
        """Give a block of cells the number format ``code`` (English, e.g. ``dd.mm.yyyy``)."""

    def set_column_width(self, sheet: str, col: int, width: float) -> None:
        """Column width in characters of the default font (Excel's ``ColumnWidth``)."""

    def tables(self, sheet: str) -> list[TableInfo]:
        """The sheet's Excel Tables (in Calc: the database ranges of the same names)."""

    def resize_table(self, sheet: str, table: str, last_row: int, last_col: int) -> None:
        """Let the table end at (last_row, last_col); its top-left corner stays."""

    def default_font(self) -> tuple[str, float] | None:
        """Name and size of the workbook's default (Normal style) font."""

    def copy_sheets_in(self, source: Path, placements: list[tuple[str, str | None]]
                       ) -> list[str]:
        """Copy sheets of the workbook file ``source`` into this workbook.

        ``placements``: (sheet of ``source``, sheet of this workbook to put it before, or
        None for after the last sheet). Returns the names the copies got (Excel adds
        " (2)" when the name is taken).
        """

    def delete_sheet(self, sheet: str) -> None:
        """Delete a sheet without asking the user."""

    def rename_sheet(self, sheet: str, new_name: str) -> None: ...

    def active_sheet(self) -> str:
        """The name of the sheet the user sees."""

    def activate(self, sheet: str) -> None:
        """Show ``sheet`` (the first result sheet after a write)."""

    def save_copy(self, target: Path) -> None:
        """Save the workbook as it is open (unsaved changes included) under ``target``;
        the open workbook keeps its own name and unsaved state (``SaveCopyAs``; Calc copies
        the file when nothing is unsaved, else exports a copy)."""

    def writing(self) -> AbstractContextManager[object]:
        """A block of writes: the application neither redraws nor recalculates inside it
        (Excel: ``ScreenUpdating`` off, ``Calculation`` manual) and gets its own settings
        back on leaving it, when a write failed too. Added for issue 18; a book with nothing
        to switch off returns ``contextlib.nullcontext()``."""


class ReadOnce:
    """An ``OpenBook`` for one click: each sheet's values, the sheet names, the tables and
    the workbook's names are read from Excel once and then answered from memory.

    The reader and the sink ask for the same sheet (the check's "Uczestnicy": the reader,
    then once per status column); Excel cannot change the workbook under a click (it waits
    for the macro), so only the click's own changes make what was read stale: every call
    that changes the workbook forgets it all."""

    def __init__(self, book: OpenBook) -> None:
        self.book = book
        self._memo: dict[tuple[str, str], Any] = {}

    def _once(self, key: tuple[str, str], read: Callable[[], Any]) -> Any:
        if key not in self._memo:
            self._memo[key] = read()
        return self._memo[key]

    def _changed(self) -> None:
        names = {k: v for k, v in self._memo.items() if k[0] == "book"}
        self._memo = names  # the workbook's name and path stay what they were

    @property
    def name(self) -> str:
        return str(self._once(("book", "name"), lambda: self.book.name))

    @property
    def fullname(self) -> str:
        return str(self._once(("book", "fullname"), lambda: self.book.fullname))

    @property
    def path(self) -> Path | None:
        path: Path | None = self._once(("book", "path"), lambda: self.book.path)
        return path

    def date1904(self) -> bool:
        return bool(self._once(("book", "date1904"), self.book.date1904))

    def sheet_names(self) -> list[str]:
        return list(self._once(("names", ""), self.book.sheet_names))

    def first_cell(self, sheet: str) -> Any:
        used = self._memo.get(("used", sheet))
        if used is not None:  # A1 is in what was read (or outside the used range: empty)
            row, col, grid = used
            return grid[0][0] if (row, col) == (1, 1) and grid and grid[0] else None
        return self._once(("a1", sheet), lambda: self.book.first_cell(sheet))

    def used_values(self, sheet: str) -> tuple[int, int, Grid]:
        used: tuple[int, int, Grid] = self._once(("used", sheet),
                                                 lambda: self.book.used_values(sheet))
        return used

    def number_formats(self, sheet: str, row: int, col: int, rows: int, cols: int) -> Grid:
        return self.book.number_formats(sheet, row, col, rows, cols)

    def tables(self, sheet: str) -> list[TableInfo]:
        return list(self._once(("tables", sheet), lambda: self.book.tables(sheet)))

    def default_font(self) -> tuple[str, float] | None:
        font: tuple[str, float] | None = self._once(("book", "font"), self.book.default_font)
        return font

    def active_sheet(self) -> str:
        return self.book.active_sheet()

    def write(self, sheet: str, row: int, col: int, values: Grid) -> None:
        self._changed()
        self.book.write(sheet, row, col, values)

    def set_number_format(self, sheet: str, row: int, col: int, code: str, *,
                          rows: int = 1, cols: int = 1) -> None:
        self.book.set_number_format(sheet, row, col, code, rows=rows, cols=cols)

    def set_column_width(self, sheet: str, col: int, width: float) -> None:
        self.book.set_column_width(sheet, col, width)

    def resize_table(self, sheet: str, table: str, last_row: int, last_col: int) -> None:
        self._changed()
        self.book.resize_table(sheet, table, last_row, last_col)

    def copy_sheets_in(self, source: Path, placements: list[tuple[str, str | None]]
                       ) -> list[str]:
        self._changed()
        return self.book.copy_sheets_in(source, placements)

    def delete_sheet(self, sheet: str) -> None:
        self._changed()
        self.book.delete_sheet(sheet)

    def rename_sheet(self, sheet: str, new_name: str) -> None:
        self._changed()
        self.book.rename_sheet(sheet, new_name)

    def activate(self, sheet: str) -> None:
        self.book.activate(sheet)

    def save_copy(self, target: Path) -> None:
        self.book.save_copy(target)

    def writing(self) -> AbstractContextManager[object]:
        return self.book.writing()


def open_grids(book: OpenBook) -> dict[str, Callable[[], Grid]]:
    """Lazy grids from A1 of every sheet, as ``reader.open_grids`` gives them for a file."""

    def loader(name: str) -> Callable[[], Grid]:
        return lambda: grid_from_a1(book, name)

    return {name: loader(name) for name in book.sheet_names()}


def grid_from_a1(book: OpenBook, sheet: str) -> Grid:
    """The sheet's values from A1 (rows and columns before the used range are empty)."""
    row, col, values = book.used_values(sheet)
    pad = [None] * (col - 1)
    grid: Grid = [[] for _ in range(row - 1)]
    grid += [[*pad, *cells] for cells in values]
    return grid


def read_open_book(book: OpenBook, *, sheets: Collection[str] | None = None) -> Club:
    """The club as the open workbook holds it now (unsaved changes included)."""
    from kis_xl.workbook.reader import read_grids

    club = read_grids(open_grids(book), sheets=sheets, date1904=book.date1904())
    club.source = book.path
    return club
