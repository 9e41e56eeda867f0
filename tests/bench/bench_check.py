"""Benchmark of ``kis-xl check`` on a big office's workbook (run by hand, never in CI).

    python tests/bench/bench_check.py [--runs 5] [--participants 2000] [--attendance 100000]

Builds, from the real template, a club with ``--participants`` participants
(about a third with problems of every kind, PUP periods for the long-term
unemployed, a few coordinator decisions) and ``--attendance`` attendance rows
(``check`` reads every sheet, so a big attendance sheet is part of its cost).
Prints the median of:

- ``read``: ``read_workbook`` of the whole file;
- ``rules``: ``evaluate`` (every rule, overrides, statuses) on the read club;
- ``action``: the ``check`` action (rules + results sheet + status columns);
- ``write``: ``FileSink.apply`` of the action's plan (backup, render, status columns);
- ``cli --no-write`` / ``cli``: the whole command in a fresh process, as a ribbon click.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kis_xl import vocab  # noqa: E402
from kis_xl.actions.check import check  # noqa: E402
from kis_xl.pesel import make_pesel  # noqa: E402
from kis_xl.reader import read_workbook  # noqa: E402
from kis_xl.rules import evaluate  # noqa: E402
from kis_xl.xlsx.file_sink import FileSink  # noqa: E402
from tests.builders import write_club  # noqa: E402

TODAY = date(2026, 6, 30)
CATEGORIES = vocab.CATEGORIES.values


def participant(i: int) -> dict[str, Any]:
    start = date(2025, 9, 1) + timedelta(days=i % 200)
    row: dict[str, Any] = {
        "id": f"U{i:04}", "last_name": f"Nazwisko{i}", "first_name": "Anna",
        "pesel": make_pesel(date(1960, 1, 1) + timedelta(days=i * 7), "KM"[i % 2], i % 500),
        "category": CATEGORIES[i % len(CATEGORIES)], "proof_document": f"dokument {i}",
        "benefits": "brak", "consent_date": start - timedelta(days=20),
        "application_date": start - timedelta(days=20),
        "interview_date": start - timedelta(days=10), "contract_date": start,
        "start_date": start, "planned_end": start + timedelta(days=300),
    }
    problem = i % 12
    if problem == 1:
        row["benefits"] = "emerytura"
    elif problem == 2:
        row["contract_date"] = None
    elif problem == 3:
        row["category"] = "ktoś spoza listy"
    elif problem == 4:
        row["consent_date"] = TODAY + timedelta(days=40)
    elif problem == 5:
        row["end_date"] = start - timedelta(days=3)
    elif problem == 6:
        row["last_name"] = None
    return row


def build(path: Path, participants: int, attendance: int) -> None:
    people = [participant(i) for i in range(1, participants + 1)]
    unemployed = [p for p in people if p["category"] == CATEGORIES[4]]
    pup = [{"participant": p["id"], "registered_from": p["start_date"] - timedelta(days=400 + j)}
           for j, p in enumerate(unemployed)]
    decisions = [{"participant": p["id"], "decision": "dopuszczam mimo ustaleń",
                  "justification": "uzasadnienie", "decided_by": "Anna Nowak",
                  "decided_on": date(2025, 9, 1)} for p in people[1::120]]
    meetings = [{"id": f"S{m:05}", "date": date(2025, 9, 1) + timedelta(days=m % 300),
                 "activity": "Z01"} for m in range(max(1, attendance // 12))]
    rows = [{"meeting": f"S{k // 12:05}", "participant": f"U{1 + k % participants:04}",
             "status": "obecny"} for k in range(attendance)]
    write_club(path, settings={"reporting_year": 2025}, participants=people, pup_periods=pup,
               decisions=decisions, activities=[{"id": "Z01", "name": "Grupa wsparcia",
                                                 "type": "samopomocowe", "form": "grupowe",
                                                 "specialist": "psycholog"}],
               meetings=meetings, attendance=rows)


def median_of(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--attendance", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kis-bench-check-") as tmp:
        original = Path(tmp) / "klub_orig.xlsx"
        t0 = time.perf_counter()
        build(original, args.participants, args.attendance)
        print(f"built {original.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s "
              f"({args.participants} participants, {args.attendance} attendance rows)")
        work = Path(tmp) / "klub.xlsx"
        shutil.copy(original, work)
        club = read_workbook(work)
        ev = evaluate(club, today=TODAY)
        print(f"{len(ev.findings)} findings; statuses {ev.status_counts()}")
        result = check(club, today=TODAY)
        assert result.plan is not None
        plan = result.plan
        sink = FileSink(work, keep_backups=0)
        cli = [sys.executable, "-m", "kis_xl", "check", str(work)]
        measures = {
            "read": lambda: read_workbook(work),
            "rules": lambda: evaluate(club, today=TODAY),
            "action": lambda: check(club, today=TODAY),
            "write": lambda: sink.apply(plan),
            "cli --no-write": lambda: subprocess.run([*cli, "--no-write"], check=False,
                                                     capture_output=True),
            "cli": lambda: subprocess.run(cli, check=False, capture_output=True),
        }
        for name, fn in measures.items():
            print(f"{name:>15}: median {median_of(args.runs, fn):.3f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
