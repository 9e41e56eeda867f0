"""The fast paths give the same results as the plain ones (the benchmarks are in tests/bench)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kis_xl.actions.base import run_on_file
from kis_xl.actions.check import check
from kis_xl.actions.hours import hours_action
from kis_xl.actions.registry import get
from kis_xl.demo import write_demo_workbook

TODAY = date(2026, 11, 23)


def _small_big_club(tmp_path: Path) -> Path:
    return write_demo_workbook(tmp_path / "klub.xlsx", TODAY, 3)


def test_check_leaves_meetings_and_attendance_to_hours(tmp_path: Path) -> None:
    """A click on "Sprawdź uczestników" does not parse the big registers; their data
    problems are reported by "Policz godziny", which reads them anyway."""
    from openpyxl import load_workbook

    path = _small_big_club(tmp_path)
    wb = load_workbook(path)
    wb["Obecności"]["C2"] = "byłam"
    wb["Spotkania"]["B2"] = "wczoraj"
    wb.save(path)
    checked = run_on_file(path, lambda c: check(c, today=TODAY), write=False,
                          sheets=get("check").sheets)
    assert not {f.sheet for f in checked.findings} & {"Obecności", "Spotkania"}
    assert any(f.sheet == "Uczestnicy" for f in checked.findings)
    hours = run_on_file(path, lambda c: hours_action(c, today=TODAY), write=False,
                        sheets=get("hours").sheets)
    assert {("Obecności", 2), ("Spotkania", 2)} <= {(f.sheet, f.row) for f in hours.findings}
