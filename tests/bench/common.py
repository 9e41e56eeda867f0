"""What the benchmarks share: the median of repeated runs and one big office's workbook.

The workbook is a year of a big office, built from the real template: 2,000
participants (admission data, PESELs, about a third with problems of every
kind the check reports, PUP periods for the long-term unemployed, a few
coordinator decisions), the seed 002 programme (13 activities, two with
enrolments), 10,000 meetings in four daily slots for ten cohorts (nobody sits
in two rooms at once) and 100,000 attendance rows (about 80 % present, some
with their own hours). Everyone takes part for at most 12 months, so the
hours come out realistic and the check's findings are the injected ones.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kis_xl import vocab  # noqa: E402
from kis_xl.dates import add_months  # noqa: E402
from kis_xl.demo import PROGRAMME  # noqa: E402
from kis_xl.pesel import make_pesel  # noqa: E402
from tests.builders import write_club  # noqa: E402

FIRST_DAY = date(2025, 1, 2)
"""The first meeting; everyone starts in the fortnight before it."""
TODAY = date(2025, 12, 19)
"""The day the benchmarks run "on": the last meetings of the year, nobody over 12 months."""
CATEGORIES = vocab.CATEGORIES.values
SLOTS = (clock(8), clock(10, 30), clock(13), clock(15, 30))
"""Two-hour meetings in four daily slots: one cohort never sits in two rooms at once."""
COHORTS = 10


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


def participant(i: int) -> dict[str, Any]:
    """Participant ``i`` (from 1): complete admission papers, one problem in every 12th case."""
    start = FIRST_DAY - timedelta(days=i % 14)
    row: dict[str, Any] = {
        "id": f"U{i:04}", "last_name": f"Nazwisko{i}", "first_name": "Anna",
        "pesel": make_pesel(date(1960, 1, 1) + timedelta(days=i * 7), "KM"[i % 2], i % 500),
        "category": CATEGORIES[i % len(CATEGORIES)], "proof_document": f"dokument {i}",
        "benefits": "brak", "consent_date": start - timedelta(days=20),
        "application_date": start - timedelta(days=20),
        "interview_date": start - timedelta(days=10), "contract_date": start,
        "start_date": start, "planned_end": add_months(start, 12) - timedelta(days=1),
    }
    if i % 5 == 0:  # ended this week, after the year's last meetings
        row["end_date"] = TODAY
        row["end_reason"] = ("ukończenie programu", "rezygnacja")[i % 2]
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


def workdays(n: int) -> list[date]:
    days: list[date] = []
    d = FIRST_DAY
    while len(days) < n:
        if d.weekday() < 5:
            days.append(d)
        d += timedelta(days=1)
    return days


def big_club(participants: int, meetings: int, attendance: int) -> dict[str, Any]:
    """The workbook's content for ``write_club``: settings and rows by sheet key."""
    people = [participant(i) for i in range(1, participants + 1)]
    unemployed = [p for p in people if p["category"] == CATEGORIES[4]]
    pup = [{"participant": p["id"], "registered_from": p["start_date"] - timedelta(days=400 + j)}
           for j, p in enumerate(unemployed)]
    decisions = [{"participant": p["id"], "decision": "dopuszczam mimo ustaleń",
                  "justification": "uzasadnienie", "decided_by": "Anna Nowak",
                  "decided_on": FIRST_DAY} for p in people[1::120]]
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
    return {
        "settings": {"reporting_year": 2025}, "participants": people, "pup_periods": pup,
        "decisions": decisions, "activities": activities, "enrolments": enrolments,
        "meetings": meeting_rows, "attendance": rows, "outcomes": outcomes,
    }


def write_big_club(path: Path, participants: int = 2000, meetings: int = 10_000,
                   attendance: int = 100_000) -> Path:
    """Write the big office's workbook (about a minute for the defaults) and say so."""
    t0 = time.perf_counter()
    write_club(path, **big_club(participants, meetings, attendance))
    print(f"built {path.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s "
          f"({participants} participants, {meetings} meetings, {attendance} attendance rows)")
    return path


def big_office_args() -> Any:
    """Command-line sizes of the big office (``--runs``, ``--participants``, …)."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--attendance", type=int, default=100_000)
    return parser.parse_args()


def big_office_copy(tmp: Path, args: Any) -> tuple[Path, Path]:
    """The big office written once (original) and a copy to write into (work)."""
    import shutil

    original = write_big_club(tmp / "klub_orig.xlsx", args.participants, args.meetings,
                              args.attendance)
    work = tmp / "klub.xlsx"
    shutil.copy(original, work)
    return original, work
