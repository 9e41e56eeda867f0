"""``kis-xl meeting add``: the new rows, the validation, and rows appended without damage."""

from __future__ import annotations

import functools
import json
import zipfile
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from kis_xl.actions.base import ActionResult, run_on_file
from kis_xl.actions.meeting import SHEETS, add_meeting, next_meeting_id
from kis_xl.domain.hours import compute_hours
from kis_xl.domain.model import Attendance, Club, Meeting
from kis_xl.plan.errors import KisError, WorkbookConflict, WorkbookLocked
from kis_xl.plan.writeback import RowAppend, WritePlan
from kis_xl.sinks.xlsx.file_sink import FileSink
from kis_xl.workbook.reader import read_workbook
from tests.builders import LONG_STAY, admitted_participant, write_club
from tests.office import convert
from tests.test_hours import kis

MONDAY = date(2025, 3, 10)


ACTIVITIES = [
    {"id": "Z03", "name": "Psychoedukacja", "type": "terapeutyczne", "form": "grupowe",
     "specialist": "psycholog", "planned_meetings": 24, "hours_per_meeting": 3.5,
     "leader": "Marta Zielińska"},
    {"id": "Z11", "name": "Działalność gospodarcza", "type": "edukacyjne", "form": "grupowe",
     "specialist": "trener", "planned_meetings": 2, "hours_per_meeting": 3},
    {"id": "Z13", "name": "Konsultacje prawne", "type": "poradnictwo", "form": "indywidualne",
     "specialist": "prawnik", "hours_per_person": 2, "planned_persons": 2},
]


def club_file(tmp_path: Path, *, meetings: bool = True, **extra: Any) -> Path:
    sheets: dict[str, Any] = {
        "participants": [admitted_participant("U001"), admitted_participant("U002"),
                         admitted_participant("U003", end=date(2025, 3, 5)),
                         admitted_participant("U004", start=date(2025, 4, 1))],
        "activities": ACTIVITIES,
        "enrolments": [{"participant": "U002", "activity": "Z11"}],
    }
    if meetings:
        sheets["meetings"] = [
            {"id": "S0001", "date": date(2025, 3, 3), "start": time(10), "end": time(13, 30),
             "activity": "Z03", "place": "sala KIS"},
            {"id": "S0002", "date": date(2025, 3, 4), "start": time(10), "end": time(12),
             "activity": "Z11"},
        ]
        sheets["attendance"] = [
            {"meeting": "S0001", "participant": "U001", "status": "obecny"},
            {"meeting": "S0001", "participant": "U002", "status": "nieobecny"},
            {"meeting": "S0001", "participant": "U003", "status": "obecny"},
            {"meeting": "S0002", "participant": "U002", "status": "obecny"},
        ]
    sheets.update(extra)
    return write_club(tmp_path / "klub.xlsx", settings=LONG_STAY, **sheets)


def plan_for(path: Path, **options: Any) -> ActionResult:
    return add_meeting(read_workbook(path, sheets=SHEETS), **options)


def apply(path: Path, **options: Any) -> ActionResult:
    action = functools.partial(add_meeting, **options)
    return run_on_file(path, action, sheets=SHEETS)


# ----------------------------------------------------------------------------- the plan


def test_next_meeting_id_continues_the_clubs_pattern() -> None:
    def club(meetings: list[str], attendance: tuple[str, ...] = ()) -> Club:
        return Club(meetings=[Meeting(row=i, id=m) for i, m in enumerate(meetings, start=2)],
                    attendance=[Attendance(row=2, meeting=m, participant="U1")
                                for m in attendance])

    assert next_meeting_id(club([])) == "S0001"
    assert next_meeting_id(club(["S0001", "S0012", "S0003"])) == "S0013"
    assert next_meeting_id(club(["S0001"], ("S0002", "S0003"))) == "S0004"
    assert next_meeting_id(club(["M001", "M002", "S0009", "M010"])) == "M011"
    assert next_meeting_id(club(["SPOTKANIE A", "2025/1"])) == "S0001"


def test_group_meeting_lists_everyone_taking_part_that_day(tmp_path: Path) -> None:
    result = plan_for(club_file(tmp_path), activity="z03", day=MONDAY, start=time(10),
                      end=time(13, 30))
    assert result.payload["meeting"] == {
        "id": "S0003", "date": "2025-03-10", "activity": "Z03", "start": "10:00",
        "end": "13:30", "hours": None, "participants": ["U001", "U002"]}
    assert result.plan is not None
    meetings, attendance = result.plan.appends
    assert (meetings.sheet, meetings.header_row) == ("Spotkania", 1)
    assert meetings.rows == [{1: "S0003", 2: MONDAY, 3: time(10), 4: time(13, 30), 5: "Z03",
                              7: "Marta Zielińska"}]
    assert meetings.headers[2] == "Data" and meetings.headers[7] == "Prowadzący"
    # Nobody has signed the list yet: the status stays empty until staff copy it in.
    assert attendance.rows == [{1: "S0003", 2: "U001"}, {1: "S0003", 2: "U002"}]
    assert result.findings == []
    assert "2 wiersze obecności (do uzupełnienia)" in result.summary[0]
    assert "podpisanej listy obecności" in result.summary[1]


def test_obecni_option_prefills_present(tmp_path: Path) -> None:
    result = plan_for(club_file(tmp_path), activity="Z03", day=MONDAY, start=time(10),
                      end=time(13, 30), present=True)
    assert result.plan is not None
    assert result.plan.appends[1].rows == [{1: "S0003", 2: "U001", 3: "obecny"},
                                           {1: "S0003", 2: "U002", 3: "obecny"}]
    assert result.command.endswith("--obecni")
    assert "(„obecny”)" in result.summary[0]


def test_cli_obecni_flag_is_documented_and_prefills(tmp_path: Path) -> None:
    import subprocess
    import sys

    helped = subprocess.run([sys.executable, "-m", "kis_xl", "meeting", "add", "--help"],
                            capture_output=True, text=True, check=False)
    assert "--obecni" in helped.stdout
    path = club_file(tmp_path)
    ran = subprocess.run([sys.executable, "-m", "kis_xl", "meeting", "add", str(path),
                          "--activity", "Z03", "--date", "10.03.2025", "--obecni"],
                         capture_output=True, text=True, check=False)
    assert ran.returncode in (0, 1), ran.stderr
    club = read_workbook(path)
    assert [a.status for a in club.attendance if a.meeting == "S0003"] == ["obecny", "obecny"]


def test_enrolments_choose_the_group(tmp_path: Path) -> None:
    result = plan_for(club_file(tmp_path), activity="Z11", day=MONDAY)
    assert result.payload["meeting"]["participants"] == ["U002"]
    assert result.payload["meeting"]["hours"] == 3  # from the plan, no times given


def test_individual_activity_needs_named_participants(tmp_path: Path) -> None:
    path = club_file(tmp_path)
    alone = plan_for(path, activity="Z13", day=MONDAY)
    assert [f.code for f in alone.findings] == ["meeting-no-members",
                                               "meeting-added-without-hours"]
    assert alone.plan is not None and len(alone.plan.appends) == 1
    named = plan_for(path, activity="Z13", day=MONDAY, start=time(12), end=time(14),
                     participants=["u004", "U001", "U001"])
    assert named.payload["meeting"]["participants"] == ["U004", "U001"]
    f = named.findings[0]
    assert (f.code, f.participant) == ("meeting-participant-not-active", "U004")


def test_sunday_holiday_and_second_meeting_the_same_day_are_warned(tmp_path: Path) -> None:
    path = club_file(tmp_path)
    sunday = plan_for(path, activity="Z03", day=date(2025, 3, 9))
    f = sunday.findings[0]
    assert (f.code, f.sheet, f.row) == ("meeting-on-holiday", "Spotkania", 4)
    assert "niedziela" in f.message
    assert "Święto Narodowe Trzeciego Maja" in plan_for(
        path, activity="Z03", day=date(2025, 5, 3)).findings[0].message
    again = plan_for(path, activity="Z03", day=date(2025, 3, 3))
    assert [f.code for f in again.findings] == ["meeting-same-day"]
    assert "S0001" in again.findings[0].message


@pytest.mark.parametrize(("options", "message"), [
    ({"activity": "Z31"}, "Nie ma zajęć o ID „Z31”. Czy chodziło o „Z13”?"),
    ({"activity": "Z03", "start": time(10)}, "Podaj obie godziny"),
    ({"activity": "Z03", "start": time(12), "end": time(10)}, "musi być późniejsza"),
    ({"activity": "Z13", "participants": ["U999"]}, "Nie ma uczestnika o ID „U999”"),
])
def test_wrong_input_is_a_polish_message(tmp_path: Path, options: dict[str, Any],
                                         message: str) -> None:
    with pytest.raises(KisError, match=message):
        plan_for(club_file(tmp_path), day=MONDAY, **options)


def test_missing_sheet_is_a_polish_message(tmp_path: Path) -> None:
    import openpyxl

    path = club_file(tmp_path)
    wb = openpyxl.load_workbook(path)
    del wb["Obecności"]
    wb.save(path)
    with pytest.raises(KisError, match="Nie znaleziono arkusza „Obecności”"):
        plan_for(path, activity="Z03", day=MONDAY)


# ----------------------------------------------------------------------------- the file


def test_rows_are_appended_and_read_back(tmp_path: Path) -> None:
    path = club_file(tmp_path)
    before = compute_hours(read_workbook(path), today=date(2025, 3, 31))
    result = apply(path, activity="Z03", day=MONDAY, start=time(10), end=time(13, 30))
    assert result.written is not None and result.written.backup is not None
    club = read_workbook(path)
    new = club.meeting("S0003")
    assert new is not None and (new.row, new.date, new.start, new.end, new.leader) == (
        4, MONDAY, time(10), time(13, 30), "Marta Zielińska")
    rows = [(a.row, a.meeting, a.participant, a.status) for a in club.attendance[-2:]]
    assert rows == [(6, "S0003", "U001", None), (7, "S0003", "U002", None)]
    assert club.findings == []  # an empty status is a valid "not yet filled" state
    after = compute_hours(club, today=date(2025, 3, 31))
    # Not present until filled in: no hours, and the meeting is left out of the rate.
    assert after.participant_minutes == before.participant_minutes
    assert [(p.expected, p.present) for p in after.participants[:2]] == [
        (p.expected, p.present) for p in before.participants[:2]]
    [todo] = [f for f in after.findings if f.code == "attendance-status-missing"]
    assert (todo.sheet, todo.row, todo.column, todo.severity) == (
        "Obecności", 6, "Obecność", "warning")
    assert "S0003" in todo.message and "wiersze 6–7" in todo.message
    assert "podpisanej listy obecności" in todo.message
    filled = apply(path, activity="Z03", day=date(2025, 3, 11), start=time(10),
                   end=time(13, 30), present=True)
    assert filled.written is not None
    again = compute_hours(read_workbook(path), today=date(2025, 3, 31))
    assert again.participant_minutes - before.participant_minutes == 2 * 210


def test_table_grows_and_new_cells_look_typed_in(tmp_path: Path) -> None:
    import openpyxl

    path = club_file(tmp_path)
    apply(path, activity="Z03", day=MONDAY, start=time(10), end=time(13, 30))
    wb = openpyxl.load_workbook(path)
    ws = wb["Spotkania"]
    assert ws.tables["t_meetings"].ref == "A1:J4"
    assert ws.tables["t_meetings"].autoFilter.ref == "A1:J4"
    assert wb["Obecności"].tables["t_attendance"].ref == "A1:H7"
    # the new rows get the names beside the IDs, as a row added in Excel gets them
    att = wb["Obecności"]
    assert [att[f"F{r}"].value for r in (6, 7)] == [att["F2"].value] * 2
    assert str(att["F7"].value).startswith('=IF(t_attendance[[#This Row],[ID uczestnika]]')
    assert ws["J4"].value == ws["J2"].value and str(ws["J4"].value).startswith("=IF(")
    assert ws["B4"].number_format == "dd.mm.yyyy" and ws["C4"].number_format == "hh:mm"
    assert ws["A4"].number_format == ws["A3"].number_format == "@"
    assert ws["H2"].value == "sala KIS" and ws["H4"].value is None
    log = wb["Dziennik zmian"]
    logged = [row for row in log.iter_rows(values_only=True) if row[2]]
    assert "Dodano spotkanie S0003" in str(logged[-1][3])
    assert str(logged[-1][3]).endswith(
        "Dopisano na końcu arkuszy: „Spotkania” (1 wiersz), „Obecności” (2 wiersze)."), \
        "a supervisor sees that user sheets got rows"


def test_other_sheets_stay_byte_identical(tmp_path: Path) -> None:
    path = club_file(tmp_path)
    with zipfile.ZipFile(path) as z:
        before = {n: z.read(n) for n in z.namelist()}
    apply(path, activity="Z03", day=MONDAY, start=time(10), end=time(13, 30))
    with zipfile.ZipFile(path) as z:
        after = {n: z.read(n) for n in z.namelist()}
    changed = {n for n in before if after.get(n) != before[n]}
    # the two sheets, their tables, the workbook (calc flag, log sheet), styles, types, rels
    assert changed <= {"xl/worksheets/sheet6.xml", "xl/worksheets/sheet7.xml",
                       "xl/tables/table6.xml", "xl/tables/table7.xml", "xl/workbook.xml",
                       "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml",
                       "docProps/app.xml"}, changed
    assert "xl/worksheets/sheet2.xml" not in changed  # Uczestnicy


def test_blank_table_rows_are_filled_first(tmp_path: Path) -> None:
    import openpyxl

    path = club_file(tmp_path, meetings=False)
    apply(path, activity="Z03", day=MONDAY, start=time(10), end=time(13, 30))
    wb = openpyxl.load_workbook(path)
    assert wb["Spotkania"]["A2"].value == "S0001"
    assert wb["Spotkania"].tables["t_meetings"].ref == "A1:J2"
    assert wb["Spotkania"]["B2"].number_format == "dd.mm.yyyy"
    assert [wb["Obecności"][f"B{r}"].value for r in (2, 3, 4)] == ["U001", "U002", None]
    assert wb["Obecności"]["B3"].number_format == "@"  # no row above: the column's style
    assert wb["Obecności"].tables["t_attendance"].ref == "A1:H3"


def test_new_row_takes_the_style_of_the_row_above(tmp_path: Path) -> None:
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    path = club_file(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Spotkania"]
    ws["E3"].fill = PatternFill("solid", start_color="FFFFFF00", end_color="FFFFFF00")
    ws["E3"].font = Font(bold=True)
    ws["K1"] = "Uwagi koordynatora"  # the user's own column beside the table
    ws["K3"] = "do sprawdzenia"
    wb.save(path)
    apply(path, activity="Z03", day=MONDAY)
    ws = openpyxl.load_workbook(path)["Spotkania"]
    assert ws["E4"].value == "Z03" and ws["E4"].fill.start_color.rgb == "FFFFFF00"
    assert ws["E4"].font.bold
    assert ws["F4"].value == 3.5  # hours from the plan
    assert (ws["K3"].value, ws["K4"].value) == ("do sprawdzenia", None)


def test_open_workbook_is_refused_and_untouched(tmp_path: Path) -> None:
    path = club_file(tmp_path)
    (tmp_path / "~$klub.xlsx").write_bytes(b"lock")
    before = path.read_bytes()
    with pytest.raises(WorkbookLocked):
        apply(path, activity="Z03", day=MONDAY)
    assert path.read_bytes() == before


def test_changed_header_since_reading_is_refused(tmp_path: Path) -> None:
    path = club_file(tmp_path)
    before = path.read_bytes()
    plan = WritePlan("test", "test", appends=[
        RowAppend("Spotkania", 1, {1: "ID spotkania", 2: "Godzina"}, [{1: "S9", 2: "x"}])])
    with pytest.raises(WorkbookConflict, match="nie ma już kolumny „Godzina”"):
        FileSink(path).apply(plan)
    assert path.read_bytes() == before


def test_table_with_a_totals_row_is_refused(tmp_path: Path) -> None:
    import openpyxl

    path = club_file(tmp_path)
    wb = openpyxl.load_workbook(path)
    table = wb["Spotkania"].tables["t_meetings"]
    table.totalsRowCount = 1
    wb.save(path)
    before = path.read_bytes()
    with pytest.raises(WorkbookConflict, match="wiersz sumy"):
        apply(path, activity="Z03", day=MONDAY)
    assert path.read_bytes() == before


# ----------------------------------------------------------------------------- CLI, office


def test_cli_adds_and_reports(tmp_path: Path) -> None:
    path = club_file(tmp_path)
    dry = kis("meeting", "add", str(path), "--activity", "Z03", "--date", "10.03.2025",
              "--no-write", "--json")
    assert dry.returncode == 0, dry.stderr
    assert json.loads(dry.stdout)["meeting"]["id"] == "S0003"
    assert read_workbook(path).meeting("S0003") is None
    out = kis("meeting", "add", str(path), "--activity", "Z03", "--date", "10.03.2025",
              "--start", "10:00", "--end", "13:30")
    assert out.returncode == 0, out.stderr
    assert "Nowe spotkanie S0003 zajęć Z03" in out.stdout and "Kopia zapasowa" in out.stdout
    assert read_workbook(path).meeting("S0003") is not None


@pytest.mark.parametrize(("args", "message"), [
    (["--activity", "Z03", "--date", "31.02.2025"], "Nieprawidłowa data „31.02.2025”"),
    (["--activity", "Z03", "--date", "10.03.2025", "--start", "25:00", "--end", "26:00"],
     "Nieprawidłowa godzina „25:00”"),
    (["--activity", "X", "--date", "10.03.2025"], "Nie ma zajęć o ID „X”"),
])
def test_cli_wrong_input(tmp_path: Path, args: list[str], message: str) -> None:
    path = club_file(tmp_path)
    out = kis("meeting", "add", str(path), *args)
    assert out.returncode == 2 and message in out.stderr and "Traceback" not in out.stderr


@pytest.mark.libreoffice
def test_appended_workbook_opens_in_libreoffice(tmp_path: Path) -> None:
    import openpyxl

    path = club_file(tmp_path)
    apply(path, activity="Z03", day=MONDAY, start=time(10), end=time(13, 30))
    resaved = convert(path, "xlsx", tmp_path / "lo")
    wb = openpyxl.load_workbook(resaved)
    assert wb["Spotkania"]["A4"].value == "S0003"
    assert [wb["Obecności"][f"B{r}"].value for r in (6, 7)] == ["U001", "U002"]


# ------------------------------------------------------------ only admitted people sign (issue 17)


def _with_not_admitted(tmp_path: Path) -> Path:
    """U005 has the right to a pension (not eligible), U006 lacks the contract (incomplete
    papers), U007 lacks it too but the coordinator let her in; all three are enrolled."""
    people = [admitted_participant("U001"),
              admitted_participant("U005", benefits="emerytura"),
              admitted_participant("U006", contract_date=None),
              admitted_participant("U007", contract_date=None)]
    decision = {"participant": "U007", "code": "", "decision": "dopuszczam mimo ustaleń",
                "justification": "kontrakt w trakcie podpisywania", "decided_by": "Anna Nowak",
                "decided_on": date(2025, 3, 1)}
    return club_file(tmp_path, meetings=False, participants=people, decisions=[decision],
                     enrolments=[{"participant": pid, "activity": "Z11"}
                                 for pid in ("U001", "U005", "U006", "U007")],
                     groups=[{"id": "G01", "name": "Grupa wsparcia"}],
                     group_members=[{"group": "G01", "participant": pid}
                                    for pid in ("U001", "U005")])


def test_meeting_add_enrols_only_admitted_participants(tmp_path: Path) -> None:
    path = _with_not_admitted(tmp_path)
    result = plan_for(path, activity="Z11", day=MONDAY)
    assert result.payload["meeting"]["participants"] == ["U001", "U007"]
    [f] = [f for f in result.findings if f.code == "meeting-participant-not-admitted"]
    assert "U005, U006" in f.message and f.sheet == "Spotkania"
    named = plan_for(path, activity="Z13", day=MONDAY, start=time(12), end=time(14),
                     participants=["U005", "U001"])
    assert named.payload["meeting"]["participants"] == ["U001"]
    assert apply(path, activity="Z11", day=MONDAY).plan is not None
    club = read_workbook(path)
    assert sorted(a.participant for a in club.attendance) == ["U001", "U007"]


def test_check_reports_not_admitted_people_on_enrolments_and_groups(tmp_path: Path) -> None:
    from kis_xl.domain.rules import evaluate

    ev = evaluate(read_workbook(_with_not_admitted(tmp_path)), today=MONDAY)
    found = {(f.code, f.participant, f.sheet, f.row) for f in ev.findings
             if f.code.endswith("-not-admitted")}
    assert found == {
        ("enrolled-not-admitted", "U005", "Zapisy na zajęcia", 3),
        ("enrolled-not-admitted", "U006", "Zapisy na zajęcia", 4),
        ("group-member-not-admitted", "U005", "Członkowie grup", 3),
    }
    f = next(f for f in ev.findings if f.code == "group-member-not-admitted")
    assert "nie kwalifikuje się" in f.message and "G01" in f.message


def _as_libreoffice_saves(path: Path) -> None:
    """Drop the tables' calculated columns, as LibreOffice does when it saves a workbook
    (the cells keep their formulas)."""
    import re

    with zipfile.ZipFile(path) as old:
        parts = {info: old.read(info) for info in old.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in parts.items():
            new.writestr(info, re.sub(
                rb"<calculatedColumnFormula[^>]*>.*?</calculatedColumnFormula>", b"", data,
                flags=re.S) if info.filename.startswith("xl/tables/") else data)


def test_rows_added_after_libreoffice_saved_the_workbook_get_the_names(
        tmp_path: Path) -> None:
    import openpyxl

    path = club_file(tmp_path)
    _as_libreoffice_saves(path)
    assert b"calculatedColumnFormula" not in b"".join(
        zipfile.ZipFile(path).read(n) for n in zipfile.ZipFile(path).namelist()
        if n.startswith("xl/tables/"))
    apply(path, activity="Z03", day=MONDAY, start=time(10), end=time(13, 30))
    wb = openpyxl.load_workbook(path)
    ws, att = wb["Spotkania"], wb["Obecności"]
    assert ws["J4"].value == ws["J2"].value and str(ws["J4"].value).startswith("=IF(")
    assert [att[f"{c}{r}"].value for r in (6, 7) for c in "FGH"] == [
        att[f"{c}2"].value for c in "FGH"] * 2
    assert str(att["F7"].value).startswith('=IF(t_attendance[[#This Row],[ID uczestnika]]')
