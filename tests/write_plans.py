"""Write plans as the actions will produce them, for the file sink tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from kis_xl.plan.sheetspec import (
    DATE_FORMAT,
    HOURS_FORMAT,
    Block,
    Chart,
    Col,
    GeneratedSheet,
    Link,
)
from kis_xl.plan.writeback import ColumnUpdate, WritePlan
from tests.rich_workbook import N_PARTICIPANTS, PARTICIPANTS, STATUS_COL, STATUS_HEADER

CHECK = "Wynik kontroli"
HOURS = "Wynik godzin"
LOG = "Dziennik zmian"


def check_sheet(n: int = 3) -> GeneratedSheet:
    rows: list[list[Any]] = [
        [f"U{i:03}", "błąd" if i % 2 else "ostrzeżenie", f"Brak PESEL w wierszu {i + 1}"]
        for i in range(1, n + 1)
    ]
    return GeneratedSheet(
        key="check_results",
        name=CHECK,
        title="Wynik kontroli",
        subtitle="Wszystkie ustalenia z odnośnikami do komórek.",
        blocks=[
            Block(
                "Ustalenia",
                [Col("ID uczestnika", 12), Col("Waga", 12), Col("Opis", 50)],
                rows,
                links={(i, 0): Link(PARTICIPANTS, f"A{i + 2}") for i in range(n)},
                marks=["error" if i % 2 == 0 else "warning" for i in range(n)],
                note="Kliknij ID, aby przejść do wiersza.",
            )
        ],
    )


def hours_sheet(months: int = 4, charts: int = 2) -> GeneratedSheet:
    rows: list[list[Any]] = [
        [datetime(2025, m, 1).date(), 10.0 * m, 12.0 * m] for m in range(1, months + 1)
    ]
    rows.append(["Razem", sum(r[1] for r in rows), sum(r[2] for r in rows)])
    specs = [
        Chart("column", "Godziny w miesiącach", 0, 0, (1, 2), y_title="godziny",
              skip_last_row=True),
        Chart("line", "Plan", 0, 0, (2,), skip_last_row=True),
    ]
    return GeneratedSheet(
        key="hours_results",
        name=HOURS,
        title="Godziny zajęć",
        blocks=[
            Block(
                "Godziny w miesiącach",
                [Col("Miesiąc", 12, DATE_FORMAT), Col("Zrealizowane", 14, HOURS_FORMAT),
                 Col("Plan", 10, HOURS_FORMAT)],
                rows,
                marks=[None] * months + ["total"],
            ),
            Block("Uwagi", [Col("Uwaga", 40)], [["Liczone wg obecności."]], marks=["muted"]),
        ],
        charts=specs[:charts],
    )


STATUS_VALUES: dict[int, Any] = {2: "OK", 3: "błąd: brak PESEL", 5: "ostrzeżenie"}


def status_update(values: dict[int, Any] | None = None) -> ColumnUpdate:
    return ColumnUpdate(
        sheet=PARTICIPANTS,
        header_row=1,
        header=STATUS_HEADER,
        column=STATUS_COL,
        values=dict(STATUS_VALUES if values is None else values),
        last_row=N_PARTICIPANTS + 1,
    )


def full_plan() -> WritePlan:
    return WritePlan(
        command="kis-xl check",
        summary="Sprawdzono 8 uczestników.",
        sheets=[check_sheet(), hours_sheet()],
        columns=[status_update()],
    )


class Clock:
    """A clock that moves one minute per call: distinct backup names and log rows."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2025, 3, 5, 9, 30)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now
