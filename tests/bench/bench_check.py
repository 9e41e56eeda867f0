"""Benchmark of ``kis-xl check`` on a big office's workbook (run by hand, never in CI).

    python tests/bench/bench_check.py [--runs 5] [--skala 100]

Builds the big office's workbook of ``tests/bench/common.py`` (``check``
reads every sheet, so the big attendance sheet is part of its cost). Prints
the median of:

- ``read``: ``read_workbook`` of the whole file;
- ``rules``: ``evaluate`` (every rule, overrides, statuses) on the read club;
- ``action``: the ``check`` action (rules + results sheet + status columns);
- ``write``: ``FileSink.apply`` of the action's plan (backup, render, status columns);
- ``cli --no-write`` / ``cli``: the whole command in a fresh process, as a ribbon click.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kis_xl.actions.check import check
from kis_xl.domain.rules import evaluate
from kis_xl.sinks.xlsx.file_sink import FileSink
from kis_xl.workbook.reader import read_workbook
from tests.bench.common import TODAY, big_office_args, big_office_copy, median_of


def main() -> None:
    args = big_office_args()
    with tempfile.TemporaryDirectory(prefix="kis-bench-check-") as tmp:
        _, work = big_office_copy(Path(tmp), args)
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
