"""What every write into a user's workbook must obey, whichever sink carries it out.

A sink puts a ``WritePlan`` into a workbook: ``FileSink`` into a closed .xlsx
on disk, ``XlwingsSink`` into the workbook open in Excel. How they write
differs; what they may write does not, and lives here once:

- a plan names each generated sheet once (and never the change log, which
  every write extends);
- a sheet is replaced only when it is marked as generated (``GENERATED_MARK``
  in A1); a user's own sheet under such a name stops the write before anything
  is changed;
- every write adds one row to the change log ("Dziennik zmian"), keeping the
  earlier ones;
- status columns and appended rows stop (before anything is written) when the
  user's sheet no longer looks as it did when it was read: the messages are
  at the end of this module.

The sink describes the workbook through ``ExistingSheet`` (what is there under
a name, and what A1 says) and hands back the log's earlier rows as a grid; this
module needs no file and no openpyxl.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from kis_xl.plan.errors import WorkbookConflict
from kis_xl.plan.sheetspec import GENERATED_MARK, GeneratedSheet
from kis_xl.plan.writeback import ColumnUpdate, RowAppend, WritePlan, WriteResult
from kis_xl.sinks.xlsx import changelog


@dataclass(frozen=True, slots=True)
class ExistingSheet:
    """A sheet the workbook already has under a name the plan writes."""

    name: str
    """Its name as spelled in the workbook (names are compared ignoring case, as Excel does)."""
    first_cell: str | None
    """Text of A1; None when A1 is empty, not text, or the sheet is not a worksheet."""

    @property
    def generated(self) -> bool:
        return self.first_cell is not None and self.first_cell.startswith(GENERATED_MARK)


FindSheet = Callable[[str], ExistingSheet | None]
"""The sink's look-up: the sheet of the workbook with this name (any case), or None."""


@dataclass
class CheckedWrite:
    """A plan found safe to write into one workbook, with what the write must add."""

    plan: WritePlan
    when: datetime
    user: str
    replacing: bool
    """Some sheet of the plan (or the change log) exists and is replaced."""
    log_exists: bool
    """The workbook has a change log whose rows must be kept (``log_rows``)."""

    @property
    def log_name(self) -> str:
        return changelog.SHEET.name

    @property
    def sheet_names(self) -> list[str]:
        """Every sheet the write replaces or creates: the plan's, then the change log."""
        return [*(s.name for s in self.plan.sheets), self.log_name]

    def log_entry(self, columns: list[str]) -> list[Any]:
        """The change log row of this write; ``columns`` = headers of the columns written."""
        plan = self.plan
        return changelog.entry(
            self.when, self.user, plan.command,
            changelog.describe(plan.summary, [s.name for s in plan.sheets], columns,
                               {a.sheet: len(a.rows) for a in plan.appends}),
        )

    def generated_sheets(
        self, earlier: list[list[Any]], columns: list[str],
    ) -> list[GeneratedSheet]:
        """The plan's sheets and the change log: ``earlier`` rows plus this write's."""
        return [*self.plan.sheets, changelog.log_sheet([*earlier, self.log_entry(columns)])]

    def result(
        self, *, workbook: str, location: str, columns: list[str], backup: Path | None = None,
    ) -> WriteResult:
        return WriteResult(workbook=workbook, location=location, sheets=self.sheet_names,
                           columns=columns, backup=backup,
                           appended={a.sheet: len(a.rows) for a in self.plan.appends})


def check_write(
    plan: WritePlan, find: FindSheet, *, when: datetime, user: str | None = None,
) -> CheckedWrite:
    """Refuse a plan that would overwrite a user's sheet; nothing is written before this.

    Raises ``ValueError`` for a malformed plan (a bug, not user data) and
    ``WorkbookConflict`` when a sheet to be replaced is not marked as generated.
    """
    log_name = changelog.SHEET.name
    names = [s.name for s in plan.sheets]
    if len({n.casefold() for n in [*names, log_name]}) != len(names) + 1:
        raise ValueError(f"duplicate generated sheet names in plan: {names}")
    found = [sheet for sheet in map(find, [*names, log_name]) if sheet is not None]
    for sheet in found:
        if not sheet.generated:
            raise WorkbookConflict(
                f"Skoroszyt ma już arkusz „{sheet.name}”, którego nie utworzył kis-xl (w komórce "
                f"A1 nie ma napisu „{GENERATED_MARK}”). Program zapisuje w nim swoje wyniki i "
                "nie nadpisze Twoich danych: zmień nazwę tego arkusza i uruchom polecenie "
                "ponownie. Nic nie zostało zmienione."
            )
    return CheckedWrite(
        plan=plan, when=when, user=user or changelog.current_user(), replacing=bool(found),
        log_exists=find(log_name) is not None,
    )


# -- user sheets: what stops a status column or appended rows (both sinks raise these) --------
_UNCHANGED = "Nic nie zostało zmienione."


def no_sheet_for_column(update: ColumnUpdate) -> WorkbookConflict:
    return WorkbookConflict(
        f"Nie można zapisać kolumny „{update.header}”: w skoroszycie nie ma arkusza "
        f"„{update.sheet}”. {_UNCHANGED}"
    )


def status_header_moved(update: ColumnUpdate, ref: str, found: str | None) -> WorkbookConflict:
    """The column the reader found holds another header now (the sheet changed since)."""
    return WorkbookConflict(
        f"W arkuszu „{update.sheet}” kolumna {ref} "
        f"ma nagłówek „{found or ''}”, a nie „{update.header}”: arkusz zmienił się od "
        f"odczytu. Uruchom polecenie jeszcze raz. {_UNCHANGED}"
    )


def status_column_taken(update: ColumnUpdate, letter: str) -> WorkbookConflict:
    """A new status column goes after the last header: that column must be empty."""
    return WorkbookConflict(
        f"Nie można dodać kolumny „{update.header}” w arkuszu „{update.sheet}”: kolumna "
        f"{letter} obok nagłówków nie jest pusta. Przenieś te dane albo dopisz nagłówek sam. "
        + _UNCHANGED
    )


def no_sheet_for_rows(append: RowAppend) -> WorkbookConflict:
    return WorkbookConflict(
        f"Nie można dopisać wierszy: w skoroszycie nie ma arkusza „{append.sheet}”. " + _UNCHANGED
    )


def append_header_moved(append: RowAppend, header: str) -> WorkbookConflict:
    """A column the rows are written into is no longer where the reader found it."""
    return WorkbookConflict(
        f"W arkuszu „{append.sheet}” w wierszu {append.header_row} nie ma już kolumny "
        f"„{header}” tam, gdzie była przy odczycie: arkusz zmienił się. Uruchom "
        "polecenie jeszcze raz. " + _UNCHANGED
    )


def table_has_totals(sheet: str) -> WorkbookConflict:
    """Rows cannot be appended under an Excel Table's totals row."""
    return WorkbookConflict(
        f"Tabela w arkuszu „{sheet}” ma wiersz sumy, pod którym nie można dopisać danych. "
        "Wyłącz wiersz sumy (Projekt tabeli › Wiersz sumy) i spróbuj ponownie. " + _UNCHANGED
    )
