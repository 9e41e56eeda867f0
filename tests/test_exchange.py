"""The service exchange (time bank): balances, findings, `kis-xl check` and `kis-xl exchange`."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from kis_xl.actions.base import run_on_file
from kis_xl.actions.exchange import exchange_action
from kis_xl.domain.exchange import compute_exchange
from kis_xl.domain.rules import evaluate
from kis_xl.plan.sheetspec import GENERATED_MARK
from kis_xl.workbook.reader import read_workbook
from tests.builders import write_club

DAY = date(2025, 3, 10)


def participant(pid: str, start: date = date(2025, 3, 1), end: date | None = None
                ) -> dict[str, Any]:
    return {"id": pid, "last_name": f"Nazwisko{pid}", "first_name": "Anna", "category": "5",
            "start_date": start, "end_date": end}


def entry(giver: str, receiver: str, hours: float, service: str = "strzyżenie",
          day: date = DAY) -> dict[str, Any]:
    return {"date": day, "giver": giver, "receiver": receiver, "service": service,
            "hours": hours}


def club(tmp_path: Path, *entries: dict[str, Any]) -> Path:
    return write_club(
        tmp_path / "klub.xlsx",
        participants=[participant("U001"), participant("U002"), participant("U003"),
                      participant("U004", end=date(2025, 3, 5))],
        exchanges=list(entries),
    )


def codes(path: Path) -> list[str]:
    return [f.code for f in compute_exchange(read_workbook(path)).findings]


def test_balances_add_up_to_zero_and_hours_are_per_member(tmp_path: Path) -> None:
    path = club(tmp_path, entry("U001", "U002", 2), entry("U002", "U003", 1.5, "zakupy"),
                entry("U003", "U001", 0.5), entry("U001", "U003", 1.25, "Strzyżenie"))
    report = compute_exchange(read_workbook(path))
    assert report.findings == []
    got = {m.id: (m.given_minutes, m.received_minutes, m.balance_minutes, m.entries)
           for m in report.members}
    assert got == {"U001": (195, 30, 165, 3), "U002": (90, 120, -30, 2),
                   "U003": (30, 165, -135, 3)}
    assert sum(m.balance_minutes for m in report.members) == 0
    assert report.counted == 4 and report.skipped == 0 and report.total_minutes == 315
    services = [(s.service, s.entries, s.minutes) for s in report.services]
    assert services == [("strzyżenie", 3, 225), ("zakupy", 1, 90)]


def test_same_member_on_both_sides_is_an_error_and_not_counted(tmp_path: Path) -> None:
    path = club(tmp_path, entry("U001", "U001", 2), entry("U001", "U002", 1))
    report = compute_exchange(read_workbook(path))
    [f] = report.findings
    assert f.code == "exchange-same-member" and f.row == 2 and f.sheet == "Wymiana usług"
    assert f.column == "Kto otrzymał (ID uczestnika)" and "U001" in f.message
    assert report.counted == 1 and report.skipped == 1
    assert {m.id: m.balance_minutes for m in report.members} == {"U001": 60, "U002": -60}


def test_impossible_hours_are_an_error_and_not_counted(tmp_path: Path) -> None:
    path = club(tmp_path, entry("U001", "U002", 0), entry("U001", "U002", 20),
                entry("U001", "U002", 12), entry("U001", "U002", 0.25))
    report = compute_exchange(read_workbook(path))
    assert [(f.code, f.row) for f in report.findings] == [
        ("exchange-hours-invalid", 2), ("exchange-hours-invalid", 3)]
    assert "20 h" in report.findings[1].message
    assert report.counted == 2 and report.total_minutes == 12 * 60 + 15


def test_unknown_member_is_reported_and_left_out_of_the_balances(tmp_path: Path) -> None:
    path = club(tmp_path, entry("U001", "U999", 2), entry("U001", "U002", 1))
    c = read_workbook(path)
    unknown = [f for f in c.findings if f.code == "unknown-reference"]
    assert [(f.sheet, f.row, f.column) for f in unknown] == [
        ("Wymiana usług", 2, "Kto otrzymał (ID uczestnika)")]
    report = compute_exchange(c)
    assert report.counted == 1 and report.skipped == 1
    assert [m.id for m in report.members] == ["U001", "U002"]
    clean = club(tmp_path, entry("U001", "U003", 2))
    assert not [f for f in read_workbook(clean).findings if f.code == "unknown-reference"]


def test_a_side_outside_participation_is_a_warning_but_counts(tmp_path: Path) -> None:
    path = club(tmp_path, entry("U004", "U001", 2), entry("U001", "U002", 1))
    report = compute_exchange(read_workbook(path))
    [f] = report.findings
    assert (f.code, f.row, f.participant, f.severity) == (
        "exchange-member-not-active", 2, "U004", "warning")
    assert report.counted == 2
    before = club(tmp_path, entry("U001", "U002", 1, day=date(2025, 2, 27)))
    assert codes(before) == ["exchange-member-not-active"] * 2
    assert codes(club(tmp_path, entry("U004", "U001", 2, day=date(2025, 3, 4)))) == []


def test_check_reports_ledger_findings_without_touching_eligibility(tmp_path: Path) -> None:
    good = club(tmp_path, entry("U001", "U002", 1))
    statuses = {s.participant: s.status
                for s in evaluate(read_workbook(good), today=DAY).statuses}
    bad = club(tmp_path, entry("U001", "U001", 1), entry("U002", "U003", 30),
               entry("U004", "U001", 1))
    ev = evaluate(read_workbook(bad), today=DAY)
    found = {f.code for f in ev.findings}
    assert {"exchange-same-member", "exchange-hours-invalid",
            "exchange-member-not-active"} <= found
    assert {s.participant: s.status for s in ev.statuses} == statuses


def test_exchange_command_writes_the_balance_sheet_and_json(tmp_path: Path) -> None:
    path = club(tmp_path, entry("U001", "U002", 2), entry("U002", "U001", 0.5),
                entry("U003", "U003", 1))
    result = subprocess.run(
        [sys.executable, "-m", "kis_xl", "exchange", str(path), "--json"],
        capture_output=True, text=True, check=False)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1  # the same-member entry is an error
    data = json.loads(result.stdout)
    assert data["members"] == [
        {"id": "U001", "given_hours": 2.0, "received_hours": 0.5, "balance_hours": 1.5,
         "entries": 2},
        {"id": "U002", "given_hours": 0.5, "received_hours": 2.0, "balance_hours": -1.5,
         "entries": 2},
    ]
    assert data["totals"] == {"entries": 2, "skipped": 1, "hours": 2.5}
    assert [f["code"] for f in data["findings"]] == ["exchange-same-member"]
    ws = load_workbook(path)["Bilans wymiany"]
    assert str(ws["A1"].value).startswith(GENERATED_MARK)
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    assert ["U001", 2.0, 0.5, 1.5, 2, "więcej dał"] in [r[:6] for r in cells]
    assert ["Razem", 2.5, 2.5, 0.0, 2] in [r[:5] for r in cells]
    assert [r[1:6] for r in cells if r[5] == "exchange-same-member"] == [
        ["błąd", "U003", "Wymiana usług, wiersz 4", None, "exchange-same-member"]]


def test_exchange_action_without_a_ledger_is_empty_not_broken(tmp_path: Path) -> None:
    path = club(tmp_path)
    result = run_on_file(path, exchange_action)
    assert result.payload["members"] == [] and result.exit_code == 0
    assert "0 usług" in result.summary[0]
