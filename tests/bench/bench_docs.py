"""Benchmark of ``kis-xl docs`` (run by hand, never in CI).

    python tests/bench/bench_docs.py [--runs 3] [--participants 300] [--attendance 100000]

Builds a club in code (``--participants`` people, 300 group meetings, attendance
rows spread over them) and prints the median of:

- ``contexts``: the certificate context for every participant (hours from
  100,000 attendance rows computed once per batch);
- ``render N``: N certificates rendered and saved, one file each (per document too);
- ``combined N``: N attendance lists in one print file;
- ``pdf 20``: 20 certificates converted in one LibreOffice run (when installed).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kis_xl.documents.contexts import ClubData, certificate_context  # noqa: E402
from kis_xl.documents.pdf import find_soffice  # noqa: E402
from kis_xl.documents.render import render_documents  # noqa: E402
from kis_xl.documents.sample import sample_club  # noqa: E402
from kis_xl.domain.model import Attendance, Club, Meeting, Participant  # noqa: E402
from kis_xl.domain.pesel import make_pesel  # noqa: E402
from tests.bench.common import median_of  # noqa: E402

TODAY = date(2026, 6, 30)


def big_club(people: int, rows: int) -> Club:
    club = sample_club()
    club.participants = [
        Participant(i + 2, f"U{i:04}", last_name=f"Nazwisko{i}", first_name="Anna",
                    pesel=make_pesel(date(1970, 1, 1) + timedelta(days=i * 11), "KM"[i % 2],
                                     i % 500),
                    start_date=date(2025, 1, 1), category="osoby długotrwale bezrobotne")
        for i in range(people)
    ]
    club.meetings = [
        Meeting(i + 2, f"S{i:04}", date=date(2025, 1, 1) + timedelta(days=i % 500),
                start=clock(9, 0), end=clock(12, 30), activity="Z01")
        for i in range(300)
    ]
    club.attendance = [
        Attendance(i + 2, f"S{i % 300:04}", f"U{(i // 300) % people:04}", status="obecny")
        for i in range(rows)
    ]
    return club


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--attendance", type=int, default=100_000)
    parser.add_argument("--docs", type=int, default=100)
    args = parser.parse_args()
    club = big_club(args.participants, args.attendance)
    ids = [p.id for p in club.participants[: args.docs]]
    meetings = [m.id for m in club.meetings[: args.docs]]

    def contexts() -> None:
        data = ClubData(club, TODAY)
        for p in club.participants:
            certificate_context(data, p)

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        results = {
            "contexts": median_of(args.runs, contexts),
            f"render {len(ids)}": median_of(args.runs, lambda: render_documents(
                club, "zaswiadczenie", ids, out / "a", today=TODAY)),
            f"combined {len(meetings)}": median_of(args.runs, lambda: render_documents(
                club, "lista", meetings, out / "b", combined=True, today=TODAY)),
        }
        if find_soffice():
            results["pdf 20"] = median_of(1, lambda: render_documents(
                club, "zaswiadczenie", ids[:20], out / "c", pdf=True, today=TODAY))
    for name, seconds in results.items():
        print(f"{name:>14}: {seconds:7.3f} s")
    print(f"{'per document':>14}: {results[f'render {len(ids)}'] / len(ids) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
