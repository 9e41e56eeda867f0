"""XlwingsSink: apply a ``WritePlan`` to the workbook open in Excel.

The same plan the CLI writes into a file (``FileSink``) is written here into
the open workbook through ``OpenBook`` (a handful of xlwings calls), with the
same rules (``write_policy``: only sheets marked as generated are replaced,
a user's sheet under such a name stops the write, one change log row per
write, a user sheet that changed since it was read stops it too, with the
same Polish messages) and the same results:

- status columns (``ColumnUpdate``): values by Excel row, stale rows up to the
  sheet's last data row cleared, the header added after the last header when
  the column is new (an Excel Table on that header row grows by the column);
- appended rows (``RowAppend``, e.g. a new meeting): after the last filled row;
  cells without a number format take the one of the row above. Excel may grow
  a Table by itself when a value lands right below (or beside) it, but that
  is AutoExpansion, an AutoCorrect option a user can turn off, documented for
  typing rather than for macros; so the sink resizes the Table on the header
  row itself (``ListObject.Resize``) before writing the rows into it, and for a
  new status column right after writing its header (a Table never grows twice:
  the resize is to an absolute size). A Table with a totals row is refused as
  in the file sink. Fonts, fills and borders of the new rows come from the
  Table's style (or the cells' existing formats), not copied from the row
  above as the file sink does;
- generated sheets (and the change log): rendered by the file sink's renderer
  into a scratch .xlsx, then Excel copies each sheet in (``Worksheet.Copy``),
  so they look the same and keep their charts. A sheet being replaced: the
  new copy goes right before it, the old one is deleted, the copy takes its
  name; new sheets go after the last sheet (as the file sink appends them).
  Unlike the file sink, formulas of the user that point into a replaced
  result sheet become #ADR! (#REF!): Excel deletes the old sheet.

Before the first change, Excel saves a copy of the open workbook (unsaved
changes included, ``SaveCopyAs``) into ``.kis-kopie`` beside it, named and
rotated as the file sink's backups. The workbook itself is never saved: the
user decides (and can still close it without saving). Every check runs before
the backup and before any write, so a refused write changes nothing and leaves
no copy.

Text: ``Range.Value`` parses text as if typed (``=…`` would become a formula,
``0012`` a number, ``1/2`` a date), so a text Excel could take for something
else gets a leading apostrophe, which Excel keeps as the cell's prefix, not its
value. Into a cell formatted as text (``@``: the ID columns of "Spotkania" and
"Obecności") nothing is parsed and an apostrophe would stay part of the value
("'S001" would no longer match "S001"): text goes there as it is.

The writes run inside ``OpenBook.writing`` (Excel: no screen redraw, manual
calculation), which gives Excel its settings back on every path.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from kis_xl.domain.text import fold, is_blank
from kis_xl.plan.errors import KisError, WriteInterrupted
from kis_xl.plan.sheetspec import DATE_FORMAT, TEXT_FORMAT
from kis_xl.plan.writeback import ColumnUpdate, RowAppend, WritePlan, WriteResult
from kis_xl.sinks import write_policy
from kis_xl.sinks.open_book import OpenBook, TableInfo, grid_from_a1
from kis_xl.sinks.xlsx import changelog, safety
from kis_xl.sinks.xlsx.layout import DATETIME_FORMAT

GENERAL = "General"
TIME_FORMAT = "hh:mm"
_UNCHANGED = "Nic nie zostało zmienione."
NOT_SAVED = ("Skoroszyt nie jest jeszcze zapisany jako plik. Zapisz go (Plik › Zapisz jako, "
             "„Skoroszyt programu Excel (*.xlsx)”), a potem kliknij przycisk ponownie. "
             + _UNCHANGED)


class XlwingsSink:
    """Writes plans into the workbook open in Excel (``book``); never saves it."""

    def __init__(
        self,
        book: OpenBook,
        *,
        keep_backups: int = 10,
        user: str | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.book = book
        self.keep_backups = keep_backups
        self.user = user
        self.clock = clock or datetime.now

    def apply(self, plan: WritePlan) -> WriteResult:
        book = self.book
        path = book.path
        if path is None:
            raise KisError(NOT_SAVED)
        when = self.clock()
        names = book.sheet_names()

        def find(name: str) -> write_policy.ExistingSheet | None:
            actual = _find(names, name)
            if actual is None:
                return None
            a1 = book.first_cell(actual)
            return write_policy.ExistingSheet(actual, a1 if isinstance(a1, str) else None)

        write = write_policy.check_write(plan, find, when=when, user=self.user)
        log = find(write.log_name)
        earlier = changelog.log_rows(grid_from_a1(book, log.name)) if log is not None else []
        columns = [_ColumnWrite.prepare(book, names, update) for update in plan.columns]
        appends = [_RowsWrite.prepare(book, names, append) for append in plan.appends]
        labels = [c.label for c in columns]
        sheets = write.generated_sheets(earlier, labels)
        replaced = {s.name: find(s.name) for s in sheets}
        from kis_xl.sinks.xlsx.render import BaseFont, render

        font = book.default_font()
        scratch = render(sheets, command=plan.command, when=when,
                         font=BaseFont(*font) if font else BaseFont())

        copy = self._backup(path, when)
        step = "kolumny statusu"
        try:
            with book.writing():
                for column in columns:
                    column.apply(book)
                step = "dopisywanie wierszy"
                for rows in appends:
                    rows.apply(book)
                step = "arkusze wyników"
                _replace_sheets(book, scratch, [
                    (name, old.name if old is not None else None)
                    for name, old in replaced.items()
                ], show=plan.sheets[0].name if plan.sheets else None)
        except Exception as exc:
            raise WriteInterrupted(_interrupted(book.name, step, copy)) from exc
        if copy is not None:
            safety.prune_backups(path, self.keep_backups)
        return write.result(workbook=book.name, location=book.fullname, columns=labels,
                            backup=copy)

    def _backup(self, path: Path, when: datetime) -> Path | None:
        if self.keep_backups <= 0:
            return None
        try:
            target = safety.backup_target(path, when)
            self.book.save_copy(target)
        except Exception as exc:
            folder = path.parent / safety.BACKUP_DIR
            raise KisError(
                f"Nie można zapisać kopii zapasowej skoroszytu w folderze „{folder}” ({exc}). "
                f"Sprawdź, czy masz prawo zapisu w folderze skoroszytu. {_UNCHANGED}") from exc
        return target


def _interrupted(name: str, step: str, copy: Path | None) -> str:
    restore = (f" albo otwórz kopię sprzed zmian „{copy.name}” z folderu „{safety.BACKUP_DIR}” "
               "obok skoroszytu" if copy is not None else "")
    return (f"Zapis wyników do skoroszytu „{name}” przerwał się ({step}): część wyników mogła "
            "zostać wpisana. Zamknij skoroszyt bez zapisywania" + restore
            + " i kliknij przycisk ponownie. Szczegóły zapisano w pliku kis-xl.log obok "
            "skoroszytu.")


def _find(names: list[str], name: str) -> str | None:
    wanted = name.casefold()
    return next((n for n in names if n.casefold() == wanted), None)


class _Cells:
    """A sheet's used range as read once, looked up by Excel row and column."""

    def __init__(self, book: OpenBook, sheet: str) -> None:
        self.row, self.col, self.grid = book.used_values(sheet)

    def get(self, row: int, col: int) -> Any:
        r, c = row - self.row, col - self.col
        if 0 <= r < len(self.grid) and 0 <= c < len(self.grid[r]):
            return self.grid[r][c]
        return None

    def last_used_col(self, row: int) -> int:
        r = row - self.row
        if not 0 <= r < len(self.grid):
            return 0
        used = [self.col + c for c, v in enumerate(self.grid[r]) if not is_blank(v)]
        return max(used, default=0)

    def last_filled_row(self, header_row: int) -> int:
        for r in range(len(self.grid) - 1, -1, -1):
            n = self.row + r
            if n <= header_row:
                break
            if any(not is_blank(v) for v in self.grid[r]):
                return n
        return header_row


@dataclass
class _ColumnWrite:
    sheet: str
    label: str
    header: str | None
    """Header text to write (a new column), else None."""
    header_row: int
    col: int
    values: dict[int, Any]
    """Excel row -> value to put (None clears)."""
    header_format: str | None = None
    table: TableInfo | None = None
    width: float | None = None
    formats: dict[int, str] = field(default_factory=dict)
    """Excel row -> number format a date needs (the cell shows no date yet)."""
    cell_formats: dict[int, str] = field(default_factory=dict)
    """Excel row -> the cell's number format, where a text's way in depends on it."""

    @classmethod
    def prepare(cls, book: OpenBook, names: list[str], update: ColumnUpdate) -> _ColumnWrite:
        sheet = _find(names, update.sheet)
        if sheet is None:
            raise write_policy.no_sheet_for_column(update)
        cells = _Cells(book, sheet)
        new = cls(sheet, f"{sheet}: {update.header}", None, update.header_row, 0, {})
        new.col = new.locate(book, cells, update)
        col = new.col
        values: dict[int, Any] = {}
        for n in range(update.header_row + 1, update.last_row + 1):
            if not is_blank(cells.get(n, col)):
                values[n] = None  # stale: a row the plan no longer lists
        for n, value in update.values.items():
            if n > update.header_row:
                values[n] = value
        asks = [n for n, v in values.items() if isinstance(v, date) or _may_be_parsed(v)]
        now = _formats_of(book, sheet, col, asks)
        formats = {n: _format_for(values[n], now[n]) for n in asks
                   if _format_for(values[n], now[n]) != now[n]}
        new.values, new.formats, new.cell_formats = values, formats, now
        return new

    def locate(self, book: OpenBook, cells: _Cells, update: ColumnUpdate) -> int:
        """The status column: where the plan says, else by header, else a new one."""
        wanted = fold(update.header)
        if update.column is not None:
            found = cells.get(update.header_row, update.column)
            if fold(found) != wanted:
                raise write_policy.status_header_moved(
                    update, _ref(update.header_row, update.column), _text(found))
            return update.column
        for c in range(cells.col, cells.col + _width(cells, update.header_row)):
            if fold(cells.get(update.header_row, c)) == wanted:
                return c
        last = cells.last_used_col(update.header_row)
        col = last + 1
        last_row = max([update.last_row, *update.values])
        if any(not is_blank(cells.get(n, col)) for n in range(update.header_row, last_row + 1)):
            raise write_policy.status_column_taken(update, _letter(col))
        self.header = update.header
        if last:
            fmt = book.number_formats(self.sheet, update.header_row, last, 1, 1)[0][0]
            self.header_format = fmt if fmt != GENERAL else None
        self.table = next((t for t in book.tables(self.sheet)
                           if t.header and t.first_row == update.header_row
                           and t.last_col == last), None)
        self.width = max(12.0, len(update.header) + 2.0)
        return col

    def apply(self, book: OpenBook) -> None:
        if self.header is not None:
            book.write(self.sheet, self.header_row, self.col,
                       [[_cell_value(self.header, self.header_format or GENERAL)]])
            if self.header_format is not None:
                book.set_number_format(self.sheet, self.header_row, self.col, self.header_format)
            if self.table is not None:
                book.resize_table(self.sheet, self.table.name, self.table.last_row, self.col)
            if self.width is not None:
                book.set_column_width(self.sheet, self.col, self.width)
        for n, code in self.formats.items():
            book.set_number_format(self.sheet, n, self.col, code)
        _write_cells(book, self.sheet, {(n, self.col): v for n, v in self.values.items()},
                     {(n, self.col): f for n, f in self.cell_formats.items()})


@dataclass
class _RowsWrite:
    sheet: str
    cells: dict[tuple[int, int], Any]
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    table: TableInfo | None = None
    last_row: int = 0
    cell_formats: dict[tuple[int, int], str] = field(default_factory=dict)
    """The number format each cell has when its value goes in."""

    @classmethod
    def prepare(cls, book: OpenBook, names: list[str], append: RowAppend) -> _RowsWrite:
        sheet = _find(names, append.sheet)
        if sheet is None:
            raise write_policy.no_sheet_for_rows(append)
        grid = _Cells(book, sheet)
        for col, header in append.headers.items():
            found = grid.get(append.header_row, col)
            if fold(found) != fold(header):
                raise write_policy.append_header_moved(append, header)
        first = grid.last_filled_row(append.header_row) + 1
        last = first + len(append.rows) - 1
        table = next((t for t in book.tables(sheet)
                      if t.header and t.first_row == append.header_row), None)
        if table is not None and table.totals:
            raise write_policy.table_has_totals(append.sheet)
        cells = {(first + i, col): value
                 for i, row in enumerate(append.rows) for col, value in row.items()}
        formats: dict[tuple[int, int], str] = {}
        effective: dict[tuple[int, int], str] = {}
        template = first - 1 if first - 1 > append.header_row else None
        if cells:  # two reads: the new rows' block and the row above, across the columns
            left, right = min(c for _, c in cells), max(c for _, c in cells)
            now = book.number_formats(sheet, first, left, last - first + 1, right - left + 1)
            above = (book.number_formats(sheet, template, left, 1, right - left + 1)[0]
                     if template is not None else [GENERAL] * (right - left + 1))
        for n, col in sorted(cells, key=lambda cell: (cell[1], cell[0])):
            was = now[n - first][col - left]
            fmt = above[col - left] if was == GENERAL else was
            wanted = _format_for(cells[n, col], fmt)
            effective[n, col] = wanted
            if wanted != was:
                formats[n, col] = wanted
        grow = table if table is not None and last > table.last_row else None
        return cls(sheet, cells, formats, grow, last, effective)

    def apply(self, book: OpenBook) -> None:
        if self.table is not None:
            book.resize_table(self.sheet, self.table.name, self.last_row, self.table.last_col)
        for (n, col), code in self.formats.items():
            book.set_number_format(self.sheet, n, col, code)
        _write_cells(book, self.sheet, self.cells, self.cell_formats)


def _format_for(value: Any, fmt: str) -> str:
    """The number format a cell needs to show ``value`` (as ``cells.set_value`` decides)."""
    from kis_xl.sinks.xlsx.styles import _looks_like_date

    if isinstance(value, date | time) and (fmt == GENERAL or not _looks_like_date(fmt)):
        if isinstance(value, time):
            return TIME_FORMAT
        return DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT
    return fmt


def _write_cells(book: OpenBook, sheet: str, cells: dict[tuple[int, int], Any],
                 formats: dict[tuple[int, int], str]) -> None:
    """Write cells column by column, one call per run of consecutive rows; ``formats``:
    the number format of a cell (General where not given) that decides how text goes in."""
    for col, top, run in _runs(cells):
        book.write(sheet, top, col, [[_cell_value(cells[n, col], formats.get((n, col),
                                                                             GENERAL))]
                                     for n in run])


def _runs(cells: dict[tuple[int, int], Any]) -> Iterator[tuple[int, int, list[int]]]:
    """(column, first row, the rows) of each run of consecutive rows of a column."""
    by_col: dict[int, list[int]] = {}
    for n, col in cells:
        by_col.setdefault(col, []).append(n)
    for col, rows in sorted(by_col.items()):
        rows.sort()
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or rows[i] != rows[i - 1] + 1:
                yield col, rows[start], rows[start:i]
                start = i


def _cell_value(value: Any, fmt: str) -> Any:
    """A value as ``Range.Value`` must get it, into a cell of number format ``fmt``, to
    store what the file sink stores."""
    if isinstance(value, str):
        if not value:
            return None
        if fmt == TEXT_FORMAT or not _may_be_parsed(value):
            return value
        return "'" + value
    if isinstance(value, time):
        return (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    if isinstance(value, float) and not math.isfinite(value):  # empty, as in the file sink
        return None
    if isinstance(value, Decimal):  # COM takes floats (the file sink writes the float too)
        return float(value)
    return value


_WORDS = frozenset({"true", "false", "prawda", "fałsz"})
"""Excel's logical values (English and Polish), which a typed word becomes."""


def _may_be_parsed(value: Any) -> bool:
    """Excel could take this text, typed into a General cell, for something else: a formula
    (``= + - @``), a number, date, time, percentage or fraction (any digit), a logical value
    or an error (``#``), or a leading apostrophe it would swallow. Erring towards yes costs
    only an apostrophe prefix that Excel does not store as part of the value."""
    if not isinstance(value, str) or not value:
        return False
    if value.lstrip()[:1] in ("=", "+", "-", "@", "'", "#"):
        return True
    return any(ch.isdigit() for ch in value) or value.strip().casefold() in _WORDS


def _formats_of(book: OpenBook, sheet: str, col: int, rows: list[int]) -> dict[int, str]:
    """The number formats of some cells of a column: one read of the block they span."""
    if not rows:
        return {}
    top, bottom = min(rows), max(rows)
    block = book.number_formats(sheet, top, col, bottom - top + 1, 1)
    return {n: block[n - top][0] for n in rows}


def _replace_sheets(book: OpenBook, scratch: bytes, placements: list[tuple[str, str | None]],
                    *, show: str | None) -> None:
    active = book.active_sheet()
    with tempfile.TemporaryDirectory(prefix="kis-") as folder:
        # A unique name: Excel cannot open two workbooks of the same name at once.
        source = Path(folder) / f"kis-wyniki-{Path(folder).name[-8:]}.xlsx"
        source.write_bytes(scratch)
        copies = book.copy_sheets_in(source, placements)
    for (name, old), copy in zip(placements, copies, strict=True):
        if old is not None:
            book.delete_sheet(old)
        if copy != name:
            book.rename_sheet(copy, name)
    target = show or active
    if target in book.sheet_names():
        book.activate(target)


def _width(cells: _Cells, row: int) -> int:
    r = row - cells.row
    return len(cells.grid[r]) if 0 <= r < len(cells.grid) else 0


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _letter(col: int) -> str:
    from kis_xl.domain.text import column_letter

    return column_letter(col)


def _ref(row: int, col: int) -> str:
    return f"{_letter(col)}{row}"

