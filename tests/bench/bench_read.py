"""Reading a big office's workbook: 2,000 participants, 10,000 meetings, 100,000 attendance rows.

Run by hand: ``python tests/bench/bench_read.py [--runs 5]``. Prints medians; never used in CI.
The workbook is the one of ``tests/bench/common.py``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kis_xl.workbook.reader import read_workbook
from tests.bench.common import median_of, write_big_club


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = write_big_club(Path(tmp) / "duzy.xlsx")
        for label, sheets in (("all sheets", None), ("participants only", {"participants"})):
            club = read_workbook(path, sheets=sheets)
            seconds = median_of(args.runs, lambda sheets=sheets: read_workbook(path, sheets=sheets))
            print(f"read {label}: median {seconds:.2f} s "
                  f"({len(club.participants)} participants, {len(club.attendance)} attendance, "
                  f"{len(club.findings)} findings)")


if __name__ == "__main__":
    main()
