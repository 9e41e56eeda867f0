"""What the benchmarks share: the median of repeated runs and one big office's workbook.

The workbook is ``kis-xl demo --skala N`` (``kis_xl.demo.club.build_club_data``), the one
big-club builder of the product: at N=100 a year of a big office, 2,000 participants
(a quarter with one problem each), the demo's programme, 10,000 meetings in four daily
slots for ten cohorts and 100,000 attendance rows (about 80 % present). ``TODAY`` is the
day the benchmarks run "on".
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kis_xl.demo.club import write_demo_workbook  # noqa: E402

TODAY = date(2025, 12, 19)
"""The day the benchmarks run "on"; the club's meetings end the working day before."""


def median_of(runs: int, fn: Callable[[], object], reset: Callable[[], object] | None = None
              ) -> float:
    """Median wall time of ``fn`` in seconds; ``reset`` runs untimed before each run."""
    times = []
    for _ in range(runs):
        if reset is not None:
            reset()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def write_big_club(path: Path, scale: int = 100) -> Path:
    """Write the big office's workbook (``kis-xl demo --skala scale``) and say so."""
    t0 = time.perf_counter()
    write_demo_workbook(path, TODAY, scale)
    print(f"built {path.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s "
          f"(--skala {scale})")
    return path


def big_office_args() -> Any:
    """Command-line options of the big office (``--runs``, ``--skala``)."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skala", type=int, default=100)
    return parser.parse_args()


def big_office_copy(tmp: Path, args: Any) -> tuple[Path, Path]:
    """The big office written once (original) and a copy to write into (work)."""
    import shutil

    original = write_big_club(tmp / "klub_orig.xlsx", args.skala)
    work = tmp / "klub.xlsx"
    shutil.copy(original, work)
    return original, work
