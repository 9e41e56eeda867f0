"""Reading a several-year workbook: 2,000 participants, 10,000 meetings, 100,000 attendance rows.

Run by hand: ``python tests/bench/bench_read.py``. Prints medians; never used in CI.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kis_xl.pesel import make_pesel
from kis_xl.reader import read_workbook
from kis_xl.template import build_template, fill_workbook

PARTICIPANTS, MEETINGS, ATTENDANCE = 2000, 10000, 100_000


def big_workbook(path: Path) -> Path:
    start = date(2021, 1, 4)
    participants = [
        {"id": f"U{i:04d}", "last_name": f"Nazwisko{i}", "first_name": "Anna",
         "pesel": make_pesel(date(1960 + i % 45, 1 + i % 12, 1 + i % 28), "K", i),
         "category": "osoby długotrwale bezrobotne", "start_date": start,
         "contract_date": start, "benefits": "brak"}
        for i in range(PARTICIPANTS)
    ]
    activities = [{"id": "Z01", "name": "Psychoedukacja", "type": "terapeutyczne",
                   "form": "grupowe", "specialist": "psycholog", "planned_meetings": 24,
                   "hours_per_meeting": 3.5}]
    meetings = [{"id": f"S{i:05d}", "date": start + timedelta(days=i % 1500),
                 "activity": "Z01", "hours": 2} for i in range(MEETINGS)]
    statuses = ("obecny", "obecny", "obecny", "nieobecny", "usprawiedliwiony")
    attendance = [{"meeting": f"S{i // 10:05d}", "participant": f"U{i % PARTICIPANTS:04d}",
                   "status": statuses[i % 5]} for i in range(ATTENDANCE)]
    wb = fill_workbook(build_template("KIS duży"), {"operator": "OPS", "club_city": "X",
                                                      "coordinator": "K"},
                       {"participants": participants, "activities": activities,
                        "meetings": meetings, "attendance": attendance})
    wb.save(path)
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        path = big_workbook(Path(tmp) / "duzy.xlsx")
        print(f"built {path.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s")
        for label, sheets in (("all sheets", None), ("participants only", {"participants"})):
            times = []
            for _ in range(5):
                t0 = time.perf_counter()
                club = read_workbook(path, sheets=sheets)
                times.append(time.perf_counter() - t0)
            print(f"read {label}: median {statistics.median(times):.2f} s "
                  f"({len(club.participants)} participants, {len(club.attendance)} attendance, "
                  f"{len(club.findings)} findings)")


if __name__ == "__main__":
    main()
