"""Benchmark of ``kis-xl hours`` / ``outcomes`` / ``meeting add`` on a big office's workbook.

    python tests/bench/bench_hours.py [--runs 5] [--skala 100]

Run by hand, never in CI. Builds the big office's workbook of
``tests/bench/common.py`` (``kis-xl demo --skala``). Prints the median of:

- ``read``: ``read_workbook`` of the sheets the hours action reads;
- ``compute``: ``compute_hours`` on the read club (every sum, rate and finding);
- ``action``: the hours action (compute + the result sheet + JSON payload);
- ``write``: ``FileSink.apply`` of its plan (render with two charts, transplant);
- ``outcomes``: read + ``outcomes`` action on the participants and outcomes sheets;
- ``meeting add``: read + plan + append one meeting with its group to the big sheets;
- ``cli hours --no-write`` / ``cli hours``: the whole command in a fresh process.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kis_xl.actions.base import run_on_file
from kis_xl.actions.hours import hours_action
from kis_xl.actions.meeting import SHEETS as MEETING_SHEETS
from kis_xl.actions.meeting import add_meeting
from kis_xl.actions.outcomes import outcomes_action
from kis_xl.actions.registry import get
from kis_xl.domain.hours import compute_hours
from kis_xl.sinks.xlsx.file_sink import FileSink
from kis_xl.workbook.reader import read_workbook
from tests.bench.common import TODAY, big_office_args, big_office_copy, median_of

HOURS_SHEETS = get("hours").sheets
OUTCOME_SHEETS = get("outcomes").sheets


def main() -> None:
    args = big_office_args()
    with tempfile.TemporaryDirectory(prefix="kis-bench-hours-") as tmp:
        original, work = big_office_copy(Path(tmp), args)
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
