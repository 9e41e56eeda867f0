"""Self-help groups: members of a group are expected at the meetings of its activities."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

from kis_xl.actions.base import run_on_file
from kis_xl.actions.hours import hours_action
from kis_xl.actions.meeting import SHEETS, add_meeting
from kis_xl.domain.groups import group_findings, groups_of
from kis_xl.domain.hours import compute_hours
from kis_xl.domain.rules import evaluate
from kis_xl.workbook.reader import read_workbook
from tests.builders import LONG_STAY, admitted_participant, write_club

MONDAY = date(2025, 3, 10)


def participant(pid: str, start: date = date(2025, 3, 1)) -> dict[str, Any]:
    return admitted_participant(pid, start)


def club_file(tmp_path: Path, *, group: str | None = "G01",
              members: list[dict[str, Any]] | None = None) -> Path:
    if members is None:
        members = [{"group": "G01", "participant": "U001"},
                   {"group": "G01", "participant": "U003", "date_from": date(2025, 3, 5)},
                   {"group": "G02", "participant": "U002"}]
    return write_club(
        tmp_path / "klub.xlsx", settings=LONG_STAY,
        participants=[participant("U001"), participant("U002"), participant("U003"),
                      participant("U004")],
        activities=[{"id": "Z05", "name": "Samopomocowa grupa wsparcia", "type":
                     "terapeutyczne", "form": "grupowe", "specialist": "psycholog",
                     "planned_meetings": 10, "hours_per_meeting": 2, "group": group}],
        groups=[{"id": "G01", "name": "Grupa wsparcia „Razem”", "type": "grupa wsparcia",
                 "animator": "Ewa Malinowska"},
                {"id": "G02", "name": "Grupa edukacyjna", "type": "grupa edukacyjna",
                 "animator": "Jan Kos"}],
        group_members=members,
        meetings=[{"id": "S0001", "date": date(2025, 3, 3), "start": time(10),
                   "end": time(12), "activity": "Z05"},
                  {"id": "S0002", "date": MONDAY, "start": time(10), "end": time(12),
                   "activity": "Z05"}],
        attendance=[{"meeting": "S0001", "participant": "U001", "status": "obecny"},
                    {"meeting": "S0002", "participant": "U001", "status": "obecny"},
                    {"meeting": "S0002", "participant": "U003", "status": "nieobecny"}],
    )


def test_meeting_add_lists_the_members_of_the_activitys_group(tmp_path: Path) -> None:
    club = read_workbook(club_file(tmp_path), sheets=SHEETS)
    result = add_meeting(club, activity="Z05", day=date(2025, 3, 17), start=time(10),
                         end=time(12))
    assert result.payload["meeting"]["participants"] == ["U001", "U003"]
    before_u003_joined = add_meeting(club, activity="Z05", day=date(2025, 3, 4))
    assert before_u003_joined.payload["meeting"]["participants"] == ["U001"]


def test_without_a_group_everyone_is_expected(tmp_path: Path) -> None:
    club = read_workbook(club_file(tmp_path, group=None), sheets=SHEETS)
    result = add_meeting(club, activity="Z05", day=date(2025, 3, 17))
    assert result.payload["meeting"]["participants"] == ["U001", "U002", "U003", "U004"]


def test_attendance_rate_counts_group_meetings_of_members_only(tmp_path: Path) -> None:
    report = compute_hours(read_workbook(club_file(tmp_path)), today=date(2025, 3, 31))
    expected = {p.id: (p.expected, p.present) for p in report.participants}
    assert expected == {"U001": (2, 2), "U002": (0, 0), "U003": (1, 0), "U004": (0, 0)}
    # the "hours" action reads the sheets it needs, group members included
    result = run_on_file(club_file(tmp_path), hours_action, write=False,
                         sheets=("participants", "activities", "enrolments", "meetings",
                                 "attendance", "group_members"))
    assert {p["id"]: p["expected_meetings"] for p in result.payload["participants"]} == {
        "U001": 2, "U002": 0, "U003": 1, "U004": 0}


def test_activity_for_a_group_without_members_is_a_warning(tmp_path: Path) -> None:
    path = club_file(tmp_path, members=[{"group": "G02", "participant": "U002"}])
    [f] = group_findings(read_workbook(path))
    assert (f.code, f.sheet, f.row, f.column) == (
        "group-without-members", "Program", 2, "Grupa (ID)")
    assert "G01" in f.message and "Z05" in f.message
    codes = {x.code for x in evaluate(read_workbook(path), today=MONDAY).findings}
    assert "group-without-members" in codes
    assert group_findings(read_workbook(club_file(tmp_path))) == []


def test_unknown_group_is_reported_by_the_reader(tmp_path: Path) -> None:
    path = club_file(tmp_path, group="G09")
    club = read_workbook(path)
    unknown = [(f.sheet, f.row, f.column) for f in club.findings
               if f.code == "unknown-reference"]
    assert unknown == [("Program", 2, "Grupa (ID)")]


def test_groups_of_a_participant(tmp_path: Path) -> None:
    club = read_workbook(club_file(tmp_path))
    assert groups_of(club, "U001") == ["G01"] and groups_of(club, "U002") == ["G02"]
    assert groups_of(club, "U004") == []
