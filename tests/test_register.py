"""``kis-xl dziennik``: the monthly attendance register, ticked as a user would and saved back."""

from __future__ import annotations

import json
import zipfile
from datetime import date, time
from pathlib import Path
from typing import Any

import openpyxl

from tests.builders import LONG_STAY, admitted_participant, write_club
from tests.office import convert
from tests.test_hours import kis

SHEET = "Dziennik Z03 11.2026"
BUILD = ("--zajecia", "Z03", "--miesiac", "11.2026")


def person(pid: str, last: str, start: date = date(2026, 10, 1)) -> dict[str, Any]:
    """A participant the check admits: only admitted people are put on a register."""
    return admitted_participant(pid, start, last_name=last)


def club(tmp_path: Path) -> Path:
    """Z03 in November: S0001 (2 h), S0002 (3 h) recorded, S0003 (2 h) not yet; U006 joins
    on 20.11 (expected only at S0003); U007 is enrolled on another activity only."""
    people = [person("U001", "Adamska"), person("U002", "Bąk"), person("U003", "Cieślak"),
              person("U004", "Dudek"), person("U005", "Ewert"),
              person("U006", "Fijał", date(2026, 11, 20)), person("U007", "Gołąb")]
    return write_club(
        tmp_path / "klub.xlsx",
        settings=LONG_STAY,
        participants=people,
        activities=[
            {"id": "Z03", "name": "Psychoedukacja", "type": "terapeutyczne", "form": "grupowe",
             "specialist": "psycholog", "planned_meetings": 8, "hours_per_meeting": 2},
            {"id": "Z11", "name": "Komputer", "type": "edukacyjne", "form": "grupowe",
             "specialist": "trener", "planned_meetings": 8, "hours_per_meeting": 2},
        ],
        enrolments=[*({"participant": f"U00{i}", "activity": "Z03"} for i in range(1, 7)),
                    {"participant": "U007", "activity": "Z11"}],
        meetings=[
            {"id": "S0000", "date": date(2026, 10, 28), "start": time(10), "end": time(12),
             "activity": "Z03"},
            {"id": "S0001", "date": date(2026, 11, 4), "start": time(10), "end": time(12),
             "activity": "Z03"},
            {"id": "S0002", "date": date(2026, 11, 18), "start": time(10), "end": time(13),
             "activity": "Z03"},
            {"id": "S0003", "date": date(2026, 11, 23), "start": time(10), "end": time(12),
             "activity": "Z03"},
        ],
        attendance=[
            {"meeting": "S0001", "participant": "U001", "status": "obecny"},
            {"meeting": "S0001", "participant": "U002", "status": "nieobecny"},
            {"meeting": "S0001", "participant": "U003", "status": "obecny"},
            {"meeting": "S0001", "participant": "U004", "status": "obecny"},
            {"meeting": "S0001", "participant": "U005"},
            {"meeting": "S0002", "participant": "U001", "status": "obecny"},
            {"meeting": "S0002", "participant": "U002", "status": "obecny"},
            {"meeting": "S0002", "participant": "U003", "status": "obecny"},
            {"meeting": "S0002", "participant": "U004", "status": "usprawiedliwiony"},
        ],
    )


def grid(path: Path, sheet: str = SHEET) -> tuple[Any, dict[str, int], dict[str, int]]:
    """The register sheet (openpyxl), its rows by participant ID and columns by meeting ID."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Nazwisko i imię")
    end = next(r for r in range(header, ws.max_row + 1) if ws.cell(r, 1).value == "Razem obecnych")
    rows = {ws.cell(r, 2).value: r for r in range(header + 1, end) if ws.cell(r, 2).value}
    cols = {str(ws.cell(header, c).value).split("\n")[1]: c
            for c in range(3, ws.max_column + 1)
            if "\n" in str(ws.cell(header, c).value or "")}
    return wb, rows, cols


def attendance(path: Path) -> dict[tuple[str, str], list[str | None]]:
    ws = openpyxl.load_workbook(path)["Obecności"]
    out: dict[tuple[str, str], list[str | None]] = {}
    for m, p, s, *_ in ws.iter_rows(min_row=2, values_only=True):
        if m:
            out.setdefault((m, p), []).append(s)
    return out


def built_and_ticked(tmp_path: Path, marks: dict[tuple[str, str], str | None]
                     ) -> tuple[Path, dict[str, int], dict[str, int]]:
    """The club with its November register built and ``marks`` ((participant, meeting) ->
    value) typed into it, saved as Excel would."""
    path = club(tmp_path)
    run(str(path), *BUILD)
    wb, rows, cols = grid(path)
    for (pid, mid), value in marks.items():
        wb[SHEET].cell(rows[pid], cols[mid]).value = value
    wb.save(path)
    return path, rows, cols


def run(*args: str) -> Any:
    out = kis("dziennik", *args)
    assert out.returncode in (0, 1), out.stderr
    return out


def test_register_shows_the_month_and_what_is_recorded(tmp_path: Path) -> None:
    path = club(tmp_path)
    out = run(str(path), *BUILD)
    assert out.returncode == 0, out.stdout + out.stderr
    wb, rows, cols = grid(path)
    ws = wb[SHEET]
    assert list(rows) == ["U001", "U002", "U003", "U004", "U005", "U006"]  # by surname
    assert list(cols) == ["S0001", "S0002", "S0003"]  # October's S0000 is not this month
    header = rows["U001"] - 1
    assert ws.cell(header, cols["S0002"]).value == "18.11 śr\nS0002\n3 h"
    assert ws.cell(rows["U002"], cols["S0001"]).value == "nieobecny"
    assert ws.cell(rows["U004"], cols["S0002"]).value == "usprawiedliwiony"
    assert ws.cell(rows["U005"], cols["S0001"]).value is None
    assert ws.cell(rows["U001"], 1).value == "Adamska Anna"
    # a dropdown over exactly the marks, totals as formulas, one landscape page
    [check] = ws.data_validations.dataValidation
    assert check.formula1 == '"obecny,usprawiedliwiony,nieobecny"'
    first, last = rows["U001"], rows["U006"]
    assert str(check.sqref) == f"C{first}:E{last}"
    count = ws.cell(first, cols["S0003"] + 1).value
    assert count == f'=COUNTIF(C{first}:E{first},"obecny")'
    assert ws.cell(last + 1, 1).value == "Razem obecnych"
    assert ws.cell(last + 1, cols["S0001"]).value == f'=COUNTIF(C{first}:C{last},"obecny")'
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToHeight == 1
    assert ws.page_setup.paperSize == 9
    hidden = cols["S0003"] + 3
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(hidden)].hidden
    assert ws.cell(rows["U004"], hidden).value == "ou-"
    assert "Zapisz dziennik" in ws["A1"].value


def test_ticked_register_saved_back(tmp_path: Path) -> None:
    path = club(tmp_path)
    run(str(path), *BUILD)
    wb, rows, cols = grid(path)
    ws = wb[SHEET]

    def tick(pid: str, mid: str, value: str | None) -> None:
        ws.cell(rows[pid], cols[mid]).value = value

    tick("U005", "S0003", "obecny")  # new row
    tick("U005", "S0001", "obecny")  # the row "Nowe spotkanie" left empty
    tick("U002", "S0001", "obecny")  # changed
    tick("U003", "S0001", None)  # cleared: reported, kept
    tick("U006", "S0003", "x")  # an alias of "obecny", a new row
    tick("U004", "S0001", "usprawiedliwiony")  # also changed on "Obecności" (below)
    # a person not enrolled, typed in a row inserted above the totals
    ws.insert_rows(rows["U006"] + 1)
    ws.cell(rows["U006"] + 1, 1).value = "Gołąb Anna"
    ws.cell(rows["U006"] + 1, 2).value = "U007 – Gołąb Anna"
    ws.cell(rows["U006"] + 1, cols["S0001"]).value = "obecny"
    # a date with no meeting, in a column inserted before the totals
    extra = cols["S0003"] + 1
    ws.insert_cols(extra)
    ws.cell(rows["U001"] - 1, extra).value = "25.11"
    ws.cell(rows["U001"], extra).value = "obecny"
    # meanwhile someone edits "Obecności": U004 at S0002 (left as is in the register) and
    # U004 at S0001 (changed in the register too)
    att = wb["Obecności"]
    for r in range(2, att.max_row + 1):
        key = (att.cell(r, 1).value, att.cell(r, 2).value)
        if key == ("S0002", "U004"):
            att.cell(r, 3).value = "obecny"
        if key == ("S0001", "U004"):
            att.cell(r, 3).value = "nieobecny"
    wb.copy_worksheet(ws).title = "Dziennik Z03 11.2026 (2)"  # a second register
    wb.save(path)

    out = run(str(path), *BUILD, "--zapisz", "--json")
    assert out.returncode == 1  # the skipped places are errors
    data = json.loads(out.stdout)
    codes = sorted(f["code"] for f in data["findings"])
    assert codes == ["register-cleared", "register-conflict", "register-no-meeting",
                     "register-not-enrolled", "register-stale", "register-twice"]
    where = {f["code"]: (f["sheet"], f["row"], f["column"]) for f in data["findings"]}
    assert where["register-not-enrolled"] == (SHEET, rows["U006"] + 1, "C")
    assert where["register-no-meeting"] == (SHEET, rows["U001"],
                                            openpyxl.utils.get_column_letter(extra))
    assert where["register-cleared"] == (SHEET, rows["U003"], "C")
    assert attendance(path) == {
        ("S0001", "U001"): ["obecny"], ("S0001", "U002"): ["obecny"],
        ("S0001", "U003"): ["obecny"],  # cleared in the register, kept
        ("S0001", "U004"): ["usprawiedliwiony"],  # changed in both: the register wins
        ("S0001", "U005"): ["obecny"],
        ("S0002", "U001"): ["obecny"], ("S0002", "U002"): ["obecny"],
        ("S0002", "U003"): ["obecny"],
        ("S0002", "U004"): ["obecny"],  # changed only on "Obecności": that wins
        ("S0003", "U005"): ["obecny"], ("S0003", "U006"): ["obecny"],
    }
    hours = json.loads(kis("hours", str(path), "--json", "--no-write").stdout)
    assert {p["id"]: p["hours_total"] for p in hours["participants"]} == {
        "U001": 5.0, "U002": 5.0, "U003": 5.0, "U004": 3.0, "U005": 4.0, "U006": 2.0,
        "U007": 0.0}
    # the register is rebuilt from what was saved, the change log says what changed
    wb, rows, cols = grid(path)
    assert wb[SHEET].cell(rows["U006"], cols["S0003"]).value == "obecny"
    assert "U007" not in rows
    log = wb["Dziennik zmian"]
    last = [c.value for c in log[log.max_row]]
    said = " ".join(str(v) for v in last)
    assert "dodano 2, zmieniono 3, wyczyszczono 0" in said
    assert "U002 S0001: nieobecny → obecny" in said
    assert list(tmp_path.joinpath(".kis-kopie").iterdir())  # backup first


def test_cleared_mark_cleared_only_when_confirmed(tmp_path: Path) -> None:
    path, _, _ = built_and_ticked(tmp_path, {("U003", "S0001"): None})
    out = run(str(path), *BUILD, "--zapisz", "--wyczysc")
    assert out.returncode == 0, out.stdout
    assert attendance(path)[("S0001", "U003")] == [None]  # emptied, the row stays
    assert "wyczyszczono 1 wpis" in out.stdout


def test_build_refuses_to_drop_unsaved_marks(tmp_path: Path) -> None:
    path, _, _ = built_and_ticked(tmp_path, {("U005", "S0003"): "obecny"})
    before = path.read_bytes()
    out = kis("dziennik", str(path), *BUILD)
    assert out.returncode != 0
    assert "niezapisanych" in out.stdout + out.stderr and "--nadpisz" in out.stdout + out.stderr
    assert path.read_bytes() == before
    assert run(str(path), *BUILD, "--nadpisz").returncode == 0
    wb, rows, cols = grid(path)
    assert wb[SHEET].cell(rows["U005"], cols["S0003"]).value is None


def test_register_opens_in_libreoffice_and_survives_its_round_trip(tmp_path: Path) -> None:
    path, rows, cols = built_and_ticked(tmp_path, {("U005", "S0003"): "obecny"})
    again = convert(path, "xlsx", tmp_path / "lo")
    computed = openpyxl.load_workbook(again, data_only=True)[SHEET]
    total_row = rows["U006"] + 1
    assert computed.cell(total_row, cols["S0001"]).value == 3  # U001, U003, U004
    assert computed.cell(rows["U002"], cols["S0003"] + 2).value == 3  # hours: S0002 only
    kept = openpyxl.load_workbook(again)[SHEET]
    assert kept.data_validations.dataValidation  # the dropdown survives
    out = run(str(again), *BUILD, "--zapisz", "--json")
    data = json.loads(out.stdout)
    assert [c["cell"] for c in data["changes"]] == [
        f"{openpyxl.utils.get_column_letter(cols['S0003'])}{rows['U005']}"]
    assert [f["code"] for f in data["findings"]] == []
    with zipfile.ZipFile(again) as z:
        assert z.testzip() is None


def test_meeting_add_leads_to_the_register_which_lists_whom_the_paper_list_names(
    tmp_path: Path,
) -> None:
    from kis_xl.documents.render import render_documents
    from kis_xl.workbook.reader import read_workbook
    from tests.test_docs import docx_text

    # U008 is enrolled, but the coordinator refused to admit her: neither list names her
    path = write_club(
        tmp_path / "klub.xlsx", settings=LONG_STAY,
        participants=[person("U001", "Adamska"), person("U008", "Hoża")],
        activities=[{"id": "Z03", "name": "Psychoedukacja", "type": "terapeutyczne",
                     "form": "grupowe", "specialist": "psycholog", "planned_meetings": 8,
                     "hours_per_meeting": 2}],
        enrolments=[{"participant": "U001", "activity": "Z03"},
                    {"participant": "U008", "activity": "Z03"}],
        decisions=[{"participant": "U008", "decision": "nie dopuszczam",
                    "justification": "brak miejsc", "decided_by": "Anna Nowak",
                    "decided_on": date(2026, 10, 1)}],
        meetings=[{"id": "S0001", "date": date(2026, 11, 4), "start": time(10),
                   "end": time(12), "activity": "Z03"}],
    )
    run(str(path), *BUILD)
    _, rows, cols = grid(path)
    assert list(cols) == ["S0001"]
    [doc] = render_documents(read_workbook(path), "lista", ["S0001"], tmp_path / "docs",
                             today=date(2026, 11, 4))
    listed = docx_text(doc)
    assert list(rows) == ["U001"]
    assert "Adamska" in listed and "Hoża" not in listed
    # "Nowe spotkanie" says where to tick
    out = kis("meeting", "add", str(path), "--activity", "Z03", "--date", "18.11.2026",
              "--start", "10:00", "--end", "12:00")
    assert "Dziennik obecności" in out.stdout and "--miesiac 11.2026" in out.stdout
    assert "kolumnie 18.11" in out.stdout
