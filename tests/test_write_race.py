"""Concurrent kis_xl writers on one workbook: no write that reports success is lost.

Two or three real CLI commands of different kinds (check, hours, meeting add) are
started together on one file, round after round, each in its own process. Every
one either refuses (the usual Polish message, exit code 2) or reports "Zapisano",
and then its write is in the file and in the change log exactly once. Each
worker imports the program before the round starts and waits for one signal,
so the writes meet at the final check-and-swap, where a lost update happens.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from openpyxl import load_workbook

from tests.test_meeting_add import club_file

WORKER = r"""
import os, sys, time
from pathlib import Path
go = Path(sys.argv[1])
import kis_xl.fronts.launch as launch
import kis_xl.workbook.reader, kis_xl.sinks.xlsx.file_sink, kis_xl.actions.check
import kis_xl.actions.hours, kis_xl.actions.meeting
from kis_xl.sinks.xlsx.render import import_openpyxl
import_openpyxl()
Path(f"{go}.{os.getpid()}").touch()
while not go.exists():
    time.sleep(0.0005)
sys.argv = ["kis-xl", *sys.argv[2:]]
launch.main()
"""

ROUNDS = [
    ("check", "check"), ("check", "hours"), ("meeting", "check"), ("hours", "meeting"),
    ("check", "hours", "meeting"), ("check", "check", "hours"), ("meeting", "meeting"),
    ("hours", "hours", "check"),
    *[("check", "check")] * 5,  # the same work finishes together: the likeliest collision
]
FIRST_DAY = date(2025, 3, 11)


def command(kind: str, workbook: Path, day: date) -> list[str]:
    if kind == "meeting":
        return ["meeting", "add", "--activity", "Z03", "--date", f"{day:%d.%m.%Y}",
                "--start", "10:00", "--end", "12:00", str(workbook)]
    return [kind, str(workbook)]


def start(workbook: Path, go: Path, kind: str, user: str, day: date) -> subprocess.Popen[str]:
    env = {**os.environ, "LOGNAME": user, "USER": user, "USERNAME": user}
    return subprocess.Popen([sys.executable, "-c", WORKER, str(go), *command(kind, workbook, day)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def run_round(workbook: Path, n: int, kinds: tuple[str, ...]) -> dict[str, tuple[str, date]]:
    """Start the writers together; returns user -> (kind, meeting day) of those that wrote."""
    go = workbook.with_name(f"go-{n}")
    writers = {}
    for i, kind in enumerate(kinds):
        user = f"r{n}w{i}{kind}"
        day = FIRST_DAY + timedelta(days=n * 3 + i)
        writers[user] = (kind, day, start(workbook, go, kind, user, day))
    deadline = time.monotonic() + 60
    while len(list(workbook.parent.glob(f"go-{n}.*"))) < len(kinds):
        assert time.monotonic() < deadline, "workers did not start"
        time.sleep(0.005)
    go.touch()
    wrote = {}
    for user, (kind, day, proc) in writers.items():
        out, err = proc.communicate(timeout=120)
        assert "Traceback" not in err, err
        if "Zapisano" in out:
            assert proc.returncode in (0, 1), (out, err)
            wrote[user] = (kind, day)
        else:
            assert proc.returncode == 2 and "Nic nie zostało zmienione" in err, (out, err)
    return wrote


def test_every_reported_write_is_in_the_file_exactly_once(tmp_path: Path) -> None:
    workbook = club_file(tmp_path)
    reported: dict[str, tuple[str, date]] = {}
    for n, kinds in enumerate(ROUNDS):
        wrote = run_round(workbook, n, kinds)
        assert wrote, f"round {n} {kinds}: the first writer to get the lock writes"
        reported.update(wrote)
    book = load_workbook(workbook, read_only=True)
    log_users = [row[1] for row in book["Dziennik zmian"].iter_rows(values_only=True)]
    meeting_days = [row[1] for row in book["Spotkania"].iter_rows(values_only=True)]
    lost = [user for user in reported if log_users.count(user) != 1]
    assert lost == [], f"reported writes missing from the change log: {lost}"
    unreported = [u for u in log_users if isinstance(u, str) and u[:1] == "r" and u not in reported]
    assert unreported == []
    added = sorted(day for kind, day in reported.values() if kind == "meeting")
    found = sorted(d.date() for d in meeting_days if hasattr(d, "date") and d.date() >= FIRST_DAY)
    assert found == added, "every reported meeting is on „Spotkania” exactly once"
    assert not list(tmp_path.glob(".~kis-zapis.*")), "no lock is left behind"
