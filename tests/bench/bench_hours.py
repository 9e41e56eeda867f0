"""Benchmark of ``kis-xl hours`` / ``outcomes`` / ``meeting add`` on a big office's workbook.

    python tests/bench/bench_hours.py [--runs 5] [--participants 2000] [--meetings 10000]
                                      [--attendance 100000]

Run by hand, never in CI. Builds, from the real template, a club with
``--participants`` participants, the seed 002 programme (13 activities, two
of them with enrolments), ``--meetings`` meetings over a year (group and
individual, with start and end times) and ``--attendance`` attendance rows
(about 80 % present, some with their own hours). Prints the median of:

- ``read``: ``read_workbook`` of the sheets the hours action reads;
- ``compute``: ``compute_hours`` on the read club (every sum, rate and finding);
- ``action``: the hours action (compute + the result sheet + JSON payload);
- ``write``: ``FileSink.apply`` of its plan (render with two charts, transplant);
- ``outcomes``: read + ``outcomes`` action on the participants and outcomes sheets;
- ``meeting add``: read + plan + append one meeting with its group to the big sheets;
- ``cli hours --no-write`` / ``cli hours``: the whole command in a fresh process.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kis_xl import vocab  # noqa: E402
from kis_xl.actions.base import run_on_file  # noqa: E402
from kis_xl.actions.hours import hours_action  # noqa: E402
from kis_xl.actions.meeting import SHEETS as MEETING_SHEETS  # noqa: E402
from kis_xl.actions.meeting import add_meeting  # noqa: E402
from kis_xl.actions.outcomes import outcomes_action  # noqa: E402
from kis_xl.actions.registry import get  # noqa: E402
from kis_xl.demo import PROGRAMME  # noqa: E402
from kis_xl.hours import compute_hours  # noqa: E402
from kis_xl.reader import read_workbook  # noqa: E402
from kis_xl.xlsx.file_sink import FileSink  # noqa: E402
from tests.builders import write_club  # noqa: E402

TODAY = date(2026, 1, 15)
FIRST_DAY = date(2025, 1, 2)
CATEGORIES = vocab.CATEGORIES.values
HOURS_SHEETS = get("hours").sheets
OUTCOME_SHEETS = get("outcomes").sheets


def workdays(n: int) -> list[date]:
    days: list[date] = []
    d = FIRST_DAY
    while len(days) < n:
        if d.weekday() < 5:
            days.append(d)
        d += timedelta(days=1)
    return days


SLOTS = (clock(8), clock(10, 30), clock(13), clock(15, 30))
"""Two-hour meetings in four daily slots: one cohort never sits in two rooms at once."""
COHORTS = 10


def build(path: Path, participants: int, meetings: int, attendance: int) -> None:
    """A year of a big office: cohorts meet in fixed slots, everyone within their dates."""
    people = []
    for i in range(1, participants + 1):
        start = FIRST_DAY - timedelta(days=i % 90)
        row: dict[str, Any] = {"id": f"U{i:04}", "last_name": f"Nazwisko{i}",
                               "first_name": "Anna", "category": CATEGORIES[i % 8],
                               "start_date": start}
        if i % 5 == 0:
            row["end_date"] = start + timedelta(days=365 + i % 20)
            row["end_reason"] = ("ukończenie programu", "rezygnacja")[i % 2]
        people.append(row)
    activities = [
        {"id": aid, "name": name, "type": typ, "form": form, "specialist": spec,
         "planned_meetings": m, "hours_per_meeting": hpm, "hours_per_person": hpp,
         "planned_persons": n}
        for aid, name, typ, form, spec, m, hpm, hpp, n in PROGRAMME
    ]
    groups = [a["id"] for a in activities if a["form"] == "grupowe"]
    singles = [a["id"] for a in activities if a["form"] == "indywidualne"]
    cohorts = [people[c::COHORTS] for c in range(COHORTS)]
    enrolments = [{"participant": p["id"], "activity": aid}
                  for k, p in enumerate(people) for aid in ("Z11", "Z12") if k % 3 == 0]
    per_day = len(SLOTS) * COHORTS
    days = workdays(-(-meetings // per_day))
    meeting_rows, members = [], []
    for m in range(meetings):
        day, j = divmod(m, per_day)
        slot, cohort = SLOTS[j % len(SLOTS)], j // len(SLOTS)
        single = j % 5 == 0
        aid = singles[m % len(singles)] if single else groups[m % len(groups)]
        meeting_rows.append({"id": f"S{m + 1:05}", "date": days[day], "start": slot,
                             "end": clock(slot.hour + 2, slot.minute), "activity": aid})
        members.append((single, cohorts[cohort], day * 7 + j))
    n_groups = sum(1 for single, _, _ in members if not single)
    group_rows, extra = divmod(attendance - (meetings - n_groups), max(1, n_groups))
    rows: list[dict[str, Any]] = []
    g = 0
    for (single, cohort, offset), meeting in zip(members, meeting_rows, strict=True):
        count = 1 if single else group_rows + (g < extra)
        g += not single
        for k in range(count):
            status = "obecny" if (offset + k) % 5 else ("nieobecny", "usprawiedliwiony")[k % 2]
            person = cohort[(offset + k) % len(cohort)]
            row = {"meeting": meeting["id"], "participant": person["id"], "status": status}
            if (offset + k) % 17 == 0:
                row["hours"] = 1.5
            rows.append(row)
    outcomes = [{"participant": p["id"], "date": p["start_date"] + timedelta(days=120),
                 "type": vocab.OUTCOMES.values[k % 11]} for k, p in enumerate(people[::3])]
    write_club(path, settings={"reporting_year": 2025}, participants=people,
               activities=activities, enrolments=enrolments, meetings=meeting_rows,
               attendance=rows, outcomes=outcomes)


def median_of(runs: int, fn: Callable[[], object], reset: Callable[[], object] | None = None
              ) -> float:
    times = []
    for _ in range(runs):
        if reset is not None:
            reset()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--attendance", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kis-bench-hours-") as tmp:
        original = Path(tmp) / "klub_orig.xlsx"
        t0 = time.perf_counter()
        build(original, args.participants, args.meetings, args.attendance)
        print(f"built {original.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s "
              f"({args.participants} participants, {args.meetings} meetings, "
              f"{args.attendance} attendance rows)")
        work = Path(tmp) / "klub.xlsx"
        shutil.copy(original, work)
        club = read_workbook(work, sheets=HOURS_SHEETS)
        report = compute_hours(club, today=TODAY)
        print(f"{len(club.attendance)} attendance rows read, {len(report.findings)} findings, "
              f"{report.participant_minutes / 60:.0f} participant hours, "
              f"{report.delivered_minutes / 60:.0f} delivered hours")
        result = hours_action(club, today=TODAY)
        assert result.plan is not None
        plan = result.plan
        sink = FileSink(work, keep_backups=0)
        add = functools.partial(add_meeting, activity="Z03", day=date(2025, 12, 1),
                                start=clock(10), end=clock(13, 30))
        cli = [sys.executable, "-m", "kis_xl", "hours", str(work)]
        measures: dict[str, tuple[Callable[[], object], Callable[[], object] | None]] = {
            "read": (lambda: read_workbook(work, sheets=HOURS_SHEETS), None),
            "compute": (lambda: compute_hours(club, today=TODAY), None),
            "action": (lambda: hours_action(club, today=TODAY), None),
            "write": (lambda: sink.apply(plan), None),
            "outcomes": (lambda: outcomes_action(read_workbook(work, sheets=OUTCOME_SHEETS),
                                                 today=TODAY), None),
            "meeting add": (lambda: run_on_file(work, add, sheets=MEETING_SHEETS),
                            lambda: shutil.copy(original, work)),
            "cli hours --no-write": (lambda: subprocess.run([*cli, "--no-write"], check=False,
                                                            capture_output=True), None),
            "cli hours": (lambda: subprocess.run(cli, check=False, capture_output=True), None),
        }
        for name, (fn, reset) in measures.items():
            print(f"{name:>21}: median {median_of(args.runs, fn, reset):.3f} s "
                  f"over {args.runs} runs")


if __name__ == "__main__":
    main()
