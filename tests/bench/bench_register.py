"""Benchmark of ``kis-xl dziennik`` (the monthly attendance register) on a big office.

    python tests/bench/bench_register.py [--runs 5] [--skala 100]

Run by hand, never in CI. Builds the big office's workbook of ``tests/bench/common.py``
and picks its busiest activity-month (the most attendance rows). Prints the median of
whole processes, each with its ratio to the floor measured in the same run:

- ``floor``: a process that only reads every sheet with python-calamine (as ``tests.bench``);
- ``dziennik``: the register built and written into the workbook;
- ``dziennik --zapisz``: that register saved back with one mark in five changed (the
  workbook restored to the built register before each run);
- ``dziennik --zapisz, one meeting``: saved back with one meeting's column ticked (the
  daily routine: the signed list of one meeting transcribed).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kis_xl.workbook.reader import read_workbook
from tests.bench.common import big_office_args, big_office_copy
from tests.bench.run import FLOOR, median_process, run_process


def busiest(path: Path) -> tuple[str, str]:
    club = read_workbook(path, sheets=("activities", "meetings", "attendance"))
    month = {m.id: (m.activity, f"{m.date:%m.%Y}") for m in club.meetings if m.date}
    counts = Counter(month[a.meeting] for a in club.attendance if a.meeting in month)
    (activity, label), rows = counts.most_common(1)[0]
    print(f"busiest: {activity} {label}, {rows} attendance rows")
    return activity, label


def tick(path: Path, sheet: str, *, column: int | None = None) -> int:
    """Change one mark in five (or mark everyone in one ``column``), as a user would in
    Excel (openpyxl saves the file)."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Nazwisko i imię")
    changed = 0
    for r in range(header + 1, ws.max_row + 1):
        if ws.cell(r, 1).value == "Razem obecnych":
            break
        for c in range(3, ws.max_column + 1):
            if ws.cell(header, c).value == "Obecności":
                break
            if (c == column) if column is not None else (r + c) % 5 == 0:
                ws.cell(r, c).value = "nieobecny" if ws.cell(r, c).value == "obecny" else "obecny"
                changed += 1
    wb.save(path)
    return changed


def main() -> None:
    args = big_office_args()
    with tempfile.TemporaryDirectory(prefix="kis-bench-register-") as tmp:
        original, work = big_office_copy(Path(tmp), args)
        activity, month = busiest(original)
        build = [sys.executable, "-m", "kis_xl", "dziennik", str(work), "--zajecia", activity,
                 "--miesiac", month]
        ticked = Path(tmp) / "ticked.xlsx"
        shutil.copy(original, ticked)
        run_process([*build[:4], str(ticked), *build[5:]])
        print(f"ticked {tick(ticked, f'Dziennik {activity} {month}')} cells")
        daily = Path(tmp) / "daily.xlsx"
        shutil.copy(original, daily)
        run_process([*build[:4], str(daily), *build[5:]])
        print(f"ticked {tick(daily, f'Dziennik {activity} {month}', column=3)} cells of one "
              "meeting")
        floor, _ = median_process([sys.executable, "-c", FLOOR, str(original)], args.runs)
        built, _ = median_process(build, args.runs, lambda: shutil.copy(original, work))
        saved, _ = median_process([*build, "--zapisz"], args.runs,
                                  lambda: shutil.copy(ticked, work))
        one, _ = median_process([*build, "--zapisz"], args.runs,
                                lambda: shutil.copy(daily, work))
        for name, seconds in (("floor: calamine reads every sheet", floor),
                              ("dziennik", built), ("dziennik --zapisz", saved),
                              ("dziennik --zapisz, one meeting", one)):
            print(f"{name:>34}: median {seconds:.3f} s = {seconds / floor:.2f}x the floor "
                  f"({args.runs} runs)")


if __name__ == "__main__":
    main()
