"""Benchmark of the file sink on a big office's workbook (run by hand, never in CI).

    python tests/bench/bench_write.py [--runs 5] [--participants 2000] [--attendance 100000]

Builds a workbook with an Excel Table of participants and a big attendance
sheet, then applies, several times, a plan with one status column and two
generated sheets (findings with links, hours with two charts). Prints the
median of each measurement:

- ``apply``: the whole FileSink.apply (lock check, backup, render, transplant,
  status column, temp file, fsync, replace); once more with a status column
  on the big attendance sheet, the one case where that sheet must be rewritten;
- ``copy raw``: writing the package with untouched members copied as their
  compressed bytes (what the sink does);
- ``copy recompress``: the same package rewritten with zipfile, which inflates
  and deflates every member again (the alternative the sink avoids);
- ``openpyxl load+save``: the round trip the sink must never do (for scale);
- ``fresh process``: starting Python, with and without importing the file
  sink (a ribbon click pays both).
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kis_xl.plan.sheetspec import Block, Chart, Col, GeneratedSheet, Link  # noqa: E402
from kis_xl.plan.writeback import ColumnUpdate, WritePlan  # noqa: E402
from kis_xl.sinks.xlsx.file_sink import FileSink  # noqa: E402
from kis_xl.sinks.xlsx.package import Package  # noqa: E402

PARTICIPANTS = "Uczestnicy"
ATTENDANCE = "Obecności"


def build(path: Path, participants: int, attendance: int) -> None:
    from openpyxl import Workbook
    from openpyxl.worksheet.filters import AutoFilter
    from openpyxl.worksheet.table import Table, TableColumn

    headers = ["ID uczestnika", "Nazwisko", "Imię", "PESEL", "Kategoria", "Status kontroli"]
    warnings.filterwarnings("ignore", "In write-only mode", UserWarning)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(PARTICIPANTS)
    ws.append(headers)
    for i in range(1, participants + 1):
        ws.append([f"U{i:04}", f"Nazwisko{i}", "Anna", f"{80010112345 + i:011d}",
                   "długotrwale bezrobotni", "stary"])
    ref = f"A1:F{participants + 1}"
    ws.add_table(Table(
        displayName="t_participants", ref=ref, autoFilter=AutoFilter(ref=ref),
        tableColumns=[TableColumn(id=i, name=h) for i, h in enumerate(headers, start=1)],
    ))
    att = wb.create_sheet(ATTENDANCE)
    att.append(["ID spotkania", "Data", "ID uczestnika", "Obecność", "Godziny"])
    start = date(2020, 1, 1)
    for i in range(attendance):
        att.append([
            f"S{i // 12:05}", start + timedelta(days=i // 60), f"U{1 + i % participants:04}",
            "obecny" if i % 7 else "nieobecny", 2.5,
        ])
    wb.save(path)


def plan(participants: int) -> WritePlan:
    findings = [[f"U{i:04}", "błąd", f"Brak dokumentu w wierszu {i + 1}"] for i in range(1, 501)]
    check = GeneratedSheet(
        "check_results", "Wynik kontroli", "Wynik kontroli",
        [Block("Ustalenia", [Col("ID", 10), Col("Waga", 10), Col("Opis", 60)], findings,
               links={(i, 0): Link(PARTICIPANTS, f"A{i + 2}") for i in range(len(findings))},
               marks=["error"] * len(findings))],
    )
    months = [[date(2024, m, 1), 100.0 + m, 120.0] for m in range(1, 13)]
    hours = GeneratedSheet(
        "hours_results", "Wynik godzin", "Godziny",
        [Block("Miesiące", [Col("Miesiąc", 12, "dd.mm.yyyy"), Col("Godziny"), Col("Plan")],
               months)],
        charts=[Chart("column", "Godziny", 0, 0, (1, 2)), Chart("line", "Plan", 0, 0, (2,))],
    )
    status = ColumnUpdate(
        PARTICIPANTS, 1, "Status kontroli", 6,
        {r: ("OK" if r % 3 else "błąd") for r in range(2, participants + 2)},
        last_row=participants + 1,
    )
    return WritePlan("kis-xl check", "Benchmark.", [check, hours], [status])


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def recompress(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(
        io.BytesIO(), "w", zipfile.ZIP_DEFLATED
    ) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))


def openpyxl_round_trip(path: Path) -> None:
    from openpyxl import load_workbook

    load_workbook(path).save(io.BytesIO())


def fresh_process(code: str) -> Callable[[], None]:
    def run() -> None:
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--attendance", type=int, default=100_000)
    parser.add_argument("--skip-openpyxl", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kis-bench-") as tmp:
        base = Path(tmp) / "klub.xlsx"
        t0 = time.perf_counter()
        build(base, args.participants, args.attendance)
        print(f"built {base.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s "
              f"({args.participants} participants, {args.attendance} attendance rows)")
        work = Path(tmp) / "praca.xlsx"
        shutil.copy(base, work)
        clock = iter(datetime(2025, 1, 1) + timedelta(minutes=i) for i in range(10_000))
        sink = FileSink(work, user="bench", clock=lambda: next(clock))
        the_plan = plan(args.participants)
        rows = {
            "apply (first run: sheets added)": timed(
                lambda: (shutil.copy(base, work), sink.apply(the_plan)), 1
            ),
            "apply (next runs: sheets replaced)": timed(lambda: sink.apply(the_plan), args.runs),
        }
        big = WritePlan("kis-xl hours", "Benchmark.", columns=[ColumnUpdate(
            ATTENDANCE, 1, "Uwagi programu", None,
            dict.fromkeys(range(2, args.attendance + 2, 50), "sprawdź"),
            last_row=args.attendance + 1,
        )])
        rows["apply (status column on the big sheet)"] = timed(lambda: sink.apply(big), args.runs)
        data = work.read_bytes()
        rows["copy raw (package save)"] = timed(lambda: Package(data).save(io.BytesIO()), args.runs)
        rows["copy recompress (zipfile)"] = timed(lambda: recompress(data), args.runs)
        if not args.skip_openpyxl:
            rows["openpyxl load+save (avoided)"] = timed(lambda: openpyxl_round_trip(base), 1)
        rows["fresh process, no import (baseline)"] = timed(fresh_process("pass"), args.runs)
        rows["fresh process importing file_sink"] = timed(
            fresh_process("import kis_xl.sinks.xlsx.file_sink"), args.runs
        )
        width = max(len(k) for k in rows)
        for name, times in rows.items():
            print(f"{name:<{width}}  median {statistics.median(times) * 1000:8.1f} ms  "
                  f"(n={len(times)}, min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})")


if __name__ == "__main__":
    main()
