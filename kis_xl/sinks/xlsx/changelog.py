"""The change log sheet ("Dziennik zmian"): one row per write, earlier rows kept.

The log is a generated sheet like the others (rebuilt on every write), so its
earlier rows are read back from the workbook first. A supervisor reading it
sees when, which OS user, which command and what was written.
"""

from __future__ import annotations

import getpass
import io
from datetime import datetime
from typing import Any

from kis_xl.domain.text import fold, plural
from kis_xl.plan.errors import WorkbookUnreadable
from kis_xl.plan.sheetspec import Block, Col, GeneratedSheet
from kis_xl.sinks.xlsx.layout import DATETIME_FORMAT
from kis_xl.workbook.schema import sheet

SHEET = sheet("changelog")
COLUMNS = [
    Col("Data i godzina", 17, DATETIME_FORMAT),
    Col("Użytkownik", 16),
    Col("Polecenie", 30, wrap=True),
    Col("Co zapisano", 90, wrap=True),
]


def current_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name in the environment or passwd
        return "nieznany"


def read_rows(data: bytes, sheet_name: str) -> list[list[Any]]:
    """Rows of an existing log in the package ``data`` (below its header row)."""
    from python_calamine import CalamineError, CalamineWorkbook  # lazy: only when a log exists

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grid = book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
    except CalamineError as exc:
        raise WorkbookUnreadable(
            f"Nie można odczytać arkusza „{sheet_name}” ({exc}): skoroszyt może być uszkodzony. "
            "Otwórz go w Excelu i zapisz ponownie. Nic nie zostało zmienione."
        ) from exc
    return log_rows(grid)


def log_rows(grid: list[list[Any]]) -> list[list[Any]]:
    """Entries of a log sheet given as rows of cell values from A1 (any sink's reading)."""
    header = fold(COLUMNS[0].header)
    out: list[list[Any]] = []
    started = False
    for row in grid:
        cells = [None if v == "" else v for v in row[: len(COLUMNS)]]
        if not started:
            started = bool(cells) and fold(cells[0]) == header
            continue
        if all(v is None for v in cells):
            break
        out.append(cells + [None] * (len(COLUMNS) - len(cells)))
    return out


def log_sheet(rows: list[list[Any]]) -> GeneratedSheet:
    return GeneratedSheet(
        key=SHEET.key,
        name=SHEET.name,
        title="Dziennik zmian",
        subtitle="Każdy zapis programu kis-xl do tego skoroszytu (najnowszy na dole): kto, "
        "kiedy, jakim poleceniem i co zmienił. Arkusze wyników są przy każdym zapisie "
        "tworzone od nowa; dane wpisane przez pracowników zmienia tylko polecenie, które to "
        "tu podaje (np. dopisanie spotkania, kolumny statusu).",
        blocks=[Block("Zapisy", COLUMNS, rows)],
        kept=True,
    )


def entry(when: datetime, user: str, command: str, what: str) -> list[Any]:
    return [when.replace(microsecond=0), user, command, what]


def describe(summary: str, sheets: list[str], columns: list[str],
             appended: dict[str, int] | None = None) -> str:
    """What a write changed, for a supervisor; ``appended`` = rows added per user sheet."""
    parts = [summary.strip()] if summary.strip() else []
    if appended:
        rows = ", ".join(f"„{s}” ({n} {plural(n, 'wiersz', 'wiersze', 'wierszy')})"
                         for s, n in appended.items())
        where = "arkusza" if len(appended) == 1 else "arkuszy"
        parts.append(f"Dopisano na końcu {where}: {rows}.")
    if sheets:
        label = "Utworzono od nowa arkusz" if len(sheets) == 1 else "Utworzono od nowa arkusze"
        parts.append(f"{label} " + ", ".join(f"„{s}”" for s in sheets) + ".")
    if columns:
        label = "Wpisano kolumnę" if len(columns) == 1 else "Wpisano kolumny"
        parts.append(f"{label} " + ", ".join(f"„{c}”" for c in columns) + ".")
    return " ".join(parts)
