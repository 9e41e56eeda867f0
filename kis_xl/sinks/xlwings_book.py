"""``OpenBook`` over xlwings: the workbook open in Excel, one or two xlwings calls per method.

Kept deliberately thin: every decision (what to write, where, which checks)
is made in ``xlwings_sink`` and tested there with a stand-in; what is here can
only be tested in Excel. Written against xlwings' documented API (cross
platform) except where noted (``api`` = Excel's COM object model on Windows).
None of it has been run in Excel on the machine it was written on (Linux):
see the README checklist for office IT.
"""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from kis_xl.sinks.open_book import Grid, TableInfo

_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


class XlwingsBook:
    """A ``xlwings.Book`` seen as an ``OpenBook``."""

    def __init__(self, book: Any) -> None:
        self._book = book

    @property
    def name(self) -> str:
        return str(self._book.name)

    @property
    def fullname(self) -> str:
        return str(self._book.fullname)

    @property
    def path(self) -> Path | None:
        full = self.fullname
        if "://" in full:
            return None
        path = Path(full)
        if not path.is_absolute() or path.suffix.lower() not in _WORKBOOK_SUFFIXES:
            return None  # a new book ("Zeszyt1") or one saved in another format
        return path

    def date1904(self) -> bool:
        try:
            return bool(self._book.api.Date1904)
        except AttributeError:  # macOS (appscript): no such property by this name
            return False

    def sheet_names(self) -> list[str]:
        names = [str(s.name) for s in self._book.sheets]  # worksheets
        if sys.platform == "win32":  # chart sheets are sheets too (a name clash matters)
            names += [str(c.Name) for c in self._book.api.Charts]
        return names

    def _sheet(self, sheet: str) -> Any:
        return self._book.sheets[sheet]

    def first_cell(self, sheet: str) -> Any:
        if sheet not in [str(s.name) for s in self._book.sheets]:
            return None  # a chart sheet
        return self._sheet(sheet).range("A1").options(err_to_str=True).value

    def used_values(self, sheet: str) -> tuple[int, int, Grid]:
        used = self._sheet(sheet).used_range
        values = used.options(ndim=2, err_to_str=True).value
        return int(used.row), int(used.column), [list(r) for r in values]

    def number_formats(self, sheet: str, row: int, col: int, rows: int, cols: int) -> Grid:
        """One call when the block shares a format (Excel answers None when it is mixed);
        else the block is halved until each part shares one: a few calls per change of
        format, not one per cell."""
        ws = self._sheet(sheet)
        out: Grid = [[None] * cols for _ in range(rows)]

        def fill(top: int, left: int, bottom: int, right: int) -> None:
            same = ws.range((top, left), (bottom, right)).number_format
            if same or (top == bottom and left == right):
                for r in range(top, bottom + 1):
                    out[r - row][left - col:right - col + 1] = [str(same)] * (right - left + 1)
            elif bottom > top:
                middle = (top + bottom) // 2
                fill(top, left, middle, right)
                fill(middle + 1, left, bottom, right)
            else:
                middle = (left + right) // 2
                fill(top, left, bottom, middle)
                fill(top, middle + 1, bottom, right)

        fill(row, col, row + rows - 1, col + cols - 1)
        return out

    def write(self, sheet: str, row: int, col: int, values: Grid) -> None:
        self._sheet(sheet).range((row, col)).value = values

    def set_number_format(self, sheet: str, row: int, col: int, code: str, *,
                          rows: int = 1, cols: int = 1) -> None:
        ws = self._sheet(sheet)
        ws.range((row, col), (row + rows - 1, col + cols - 1)).number_format = code

    def set_column_width(self, sheet: str, col: int, width: float) -> None:
        self._sheet(sheet).range((1, col)).column_width = width

    def tables(self, sheet: str) -> list[TableInfo]:
        out = []
        for table in self._sheet(sheet).tables:
            area = table.range
            out.append(TableInfo(
                str(table.name), int(area.row), int(area.column),
                int(area.last_cell.row), int(area.last_cell.column),
                header=bool(table.show_headers), totals=bool(table.show_totals)))
        return out

    def resize_table(self, sheet: str, table: str, last_row: int, last_col: int) -> None:
        ws = self._sheet(sheet)
        found = ws.tables[table]
        top = found.range
        found.resize(ws.range((top.row, top.column), (last_row, last_col)))

    def default_font(self) -> tuple[str, float] | None:
        try:
            font = self._book.api.Styles("Normal").Font
            return str(font.Name), float(font.Size)
        except Exception:  # macOS or an odd Normal style: the renderer's default
            return None

    def copy_sheets_in(self, source: Path, placements: list[tuple[str, str | None]]
                       ) -> list[str]:
        app = self._book.app
        updating, alerts = app.screen_updating, app.display_alerts
        app.screen_updating = False  # no flashing scratch window
        app.display_alerts = False  # no "name already exists" question: the sink renames
        scratch = app.books.open(str(source), update_links=False, read_only=True)
        try:
            names = []
            for sheet, before in placements:
                if before is not None:
                    copy = scratch.sheets[sheet].copy(before=self._book.sheets[before])
                else:
                    copy = scratch.sheets[sheet].copy(after=self._book.sheets[-1])
                names.append(str(copy.name))
            return names
        finally:
            scratch.close()
            self._book.activate()
            app.screen_updating, app.display_alerts = updating, alerts

    def delete_sheet(self, sheet: str) -> None:
        self._sheet(sheet).delete()  # xlwings turns Excel's "are you sure?" off for this

    def rename_sheet(self, sheet: str, new_name: str) -> None:
        self._sheet(sheet).name = new_name

    def active_sheet(self) -> str:
        return str(self._book.sheets.active.name)

    def activate(self, sheet: str) -> None:
        self._sheet(sheet).activate()

    def writing(self) -> AbstractContextManager[object]:
        # xlwings' App.properties sets both and restores both in a ``finally``
        return self._book.app.properties(  # type: ignore[no-any-return]
            screen_updating=False, calculation="manual")

    def save_copy(self, target: Path) -> None:
        if sys.platform == "win32":
            self._book.api.SaveCopyAs(str(target))
            return
        # macOS: Excel's AppleScript has no "save copy"; the copy is the file as last saved.
        import shutil

        source = self.path
        if source is None:
            raise OSError("the workbook has no file to copy")
        shutil.copy2(source, target)
