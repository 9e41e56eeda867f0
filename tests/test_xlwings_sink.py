"""The Excel front writes into the open workbook what the CLI writes into the file.

Every registry action runs twice on copies of the demo workbook: through
``kis_xl.fronts.excel.run_action`` with the open workbook stood in by an openpyxl
workbook in memory (``tests/openpyxl_book``, the only mocked layer: the few
xlwings calls), and through the real CLI (``python -m kis_xl …``) on the file.
The two workbooks must then hold the same status columns, generated sheets
(names, values, number formats, charts), appended rows, Excel Tables and
change log entry (apart from its time), and the same documents.

The actions read "today" from the clock (the CLI has no date option for
check/hours/outcomes), so the demo here is built for the real today.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from kis_xl.actions.registry import USER_ACTIONS, ActionSpec
from kis_xl.demo.club import write_demo_workbook
from kis_xl.fronts import excel
from kis_xl.plan.errors import KisError, WorkbookConflict
from kis_xl.plan.sheetspec import GENERATED_MARK
from kis_xl.plan.writeback import ColumnUpdate, RowAppend, WritePlan
from kis_xl.sinks.open_book import read_open_book
from kis_xl.sinks.xlsx import safety
from kis_xl.sinks.xlsx.file_sink import FileSink
from kis_xl.sinks.xlwings_sink import NOT_SAVED, XlwingsSink
from kis_xl.workbook.reader import read_workbook
from tests.openpyxl_book import OpenpyxlBook
from tests.test_excel_front import FakeHost

TODAY = date.today()
LOG = "Dziennik zmian"
_STAMP = re.compile(r"\d\d\.\d\d\.\d{4} \d\d:\d\d")


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo_workbook(tmp_path_factory.mktemp("demo") / "klub.xlsx", TODAY)


def _copy(demo: Path, folder: Path) -> Path:
    folder.mkdir()
    target = folder / "klub.xlsx"
    target.write_bytes(demo.read_bytes())
    return target


def kis(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kis_xl", *args], capture_output=True,
                          text=True, check=False)


@dataclass
class Click:
    """What the user selects before clicking, and the same request on the command line."""

    sheet: str = ""
    rows: tuple[int, ...] = ()
    answer: str | None = None
    before: tuple[str, ...] = ()
    """A command run on the workbook first (``{}`` = its path), e.g. the register to save."""

    def cli(self, spec: ActionSpec, path: Path) -> list[str]:
        options = dict(spec.options)
        if spec.name == "meeting_add":
            club = read_workbook(path)
            activity = next(a.id for a in club.activities if a.row in self.rows)
            return ["meeting", "add", str(path), "--activity", activity, "--date",
                    str(self.answer)]
        if spec.name == "register":
            club = read_workbook(path)
            activity = next(a.id for a in club.activities if a.row in self.rows)
            return ["dziennik", str(path), "--zajecia", activity, "--miesiac", str(self.answer)]
        if spec.name == "register_save":
            return ["dziennik", str(path), "--arkusz", self.sheet, "--zapisz"]
        if spec.name == "templates_check":
            return ["templates", "check"]
        if spec.name == "report":
            return ["report", str(path), "--eml"]
        if "kind" in options:
            args = ["docs", str(path), str(options["kind"]), "--data", f"{TODAY:%d.%m.%Y}"]
            club = read_workbook(path)
            records = {"Spotkania": club.meetings, "Uczestnicy": club.participants,
                       "Wolontariusze": club.volunteers}
            for r in records.get(self.sheet, []):  # a selection elsewhere means everyone
                if r.row in self.rows:
                    args += ["--id", r.id]
            return args
        return [spec.name, str(path)]


CLICKS = {
    "meeting_add": Click("Program", (4,), f"{TODAY:%d.%m.%Y}"),
    "register": Click("Program", (4,), f"{TODAY:%m.%Y}"),
    "register_save": Click(f"Dziennik Z03 {TODAY:%m.%Y}", (8,), before=(
        "dziennik", "{}", "--zajecia", "Z03", "--miesiac", f"{TODAY:%m.%Y}")),
    "docs_contract": Click("Uczestnicy", (3, 4)),
    "docs_application": Click("Uczestnicy", (5,)),
    "docs_certificate": Click("Program", (3,)),  # everyone (who may get one)
    "docs_attendance": Click("Spotkania", (2, 3)),
    "docs_volunteer_agreement": Click("Wolontariusze", (2, 4)),
    "docs_volunteer_certificate": Click("Program", (3,)),  # outside its table: everyone
}
WRITERS = {"check", "hours", "outcomes", "meeting_add", "timetable", "exchange",
           "docs_certificate",  # the certificate register and the issue dates
           "register", "register_save"}


def test_every_registry_action_is_compared() -> None:
    """A new ribbon action must be added here (and so be compared with its CLI run)."""
    names = {a.name for a in USER_ACTIONS}
    assert WRITERS | set(CLICKS) | {"docs_regulations", "docs_programme",
                                    "docs_timetable", "docs_register", "templates_check",
                                    "report"} == names


def _snapshot(path: Path) -> dict[str, Any]:
    """What must agree: sheet order; per sheet its cells (value, number format), tables,
    merged cells, charts; for generated sheets also column widths. Times of the write are
    masked (A1 of generated sheets, the change log's first column)."""
    wb = load_workbook(path)
    out: dict[str, Any] = {"sheets": wb.sheetnames}
    for ws in wb.worksheets:
        a1 = ws["A1"].value
        generated = isinstance(a1, str) and a1.startswith(GENERATED_MARK)
        cells: dict[str, Any] = {}
        for row in ws.iter_rows():
            for c in row:
                value = c.value
                if value is None:
                    continue
                if isinstance(value, int | float) and not isinstance(value, bool):
                    value = float(value)
                if generated and c.coordinate == "A1":
                    value = _STAMP.sub("<czas>", value)
                if ws.title == LOG and c.column == 1 and isinstance(value, datetime):
                    value = "<czas>"
                cells[c.coordinate] = (value, c.number_format)
        sheet: dict[str, Any] = {
            "cells": cells,
            "tables": {t.name: t.ref for t in ws.tables.values()},
            "merged": sorted(str(m) for m in ws.merged_cells.ranges),
            "charts": len(ws._charts),
        }
        if generated:
            sheet["widths"] = {k: d.width for k, d in ws.column_dimensions.items() if d.width}
            sheet["chart_kinds"] = sorted(type(ch).__name__ for ch in ws._charts)
        out[ws.title] = sheet
    return out


def _diff(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """Readable differences (first few) between two snapshots."""
    if a["sheets"] != b["sheets"]:
        return [f"sheets {a['sheets']} != {b['sheets']}"]
    out = []
    for name in a["sheets"]:
        if name not in a:  # a chart sheet: not compared
            continue
        for key in a[name]:
            if key == "cells":
                ca, cb = a[name]["cells"], b[name]["cells"]
                for ref in sorted(set(ca) | set(cb)):
                    if ca.get(ref) != cb.get(ref):
                        out.append(f"{name}!{ref}: excel {ca.get(ref)!r} != cli {cb.get(ref)!r}")
            elif a[name][key] != b[name][key]:
                out.append(f"{name} {key}: excel {a[name][key]!r} != cli {b[name][key]!r}")
    return out[:15]


@pytest.mark.parametrize("spec", USER_ACTIONS, ids=lambda s: s.name)
def test_the_excel_front_writes_what_the_cli_writes(spec: ActionSpec, demo_book: Path,
                                                     tmp_path: Path) -> None:
    click = CLICKS.get(spec.name, Click())
    if click.before:
        prepared = _copy(demo_book, tmp_path / "before")
        assert kis(*(arg.format(prepared) for arg in click.before)).returncode == 0
        demo_book = prepared
        shutil.rmtree(prepared.parent / safety.BACKUP_DIR)
    in_excel = _copy(demo_book, tmp_path / "excel")
    on_disk = _copy(demo_book, tmp_path / "cli")
    host = FakeHost(in_excel, sheet=click.sheet, rows=list(click.rows), answer=click.answer)
    outcome = excel.run_action(spec.name, host, today=TODAY)
    text = host.messages[-1][0]
    assert "Traceback" not in text and "nieoczekiwany" not in text, text
    done = kis(*click.cli(spec, on_disk))
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr

    after = tmp_path / "excel-open.xlsx"  # the open workbook as it would be saved
    host.book().wb.save(after)
    written = outcome.result.written if outcome.result is not None else None
    if spec.name in WRITERS:
        assert written is not None, text
        assert written.backup is not None
        assert [p.name for p in safety.backups(in_excel)] == [written.backup.name]
        assert host.calls[0].startswith("save_copy ")
        assert excel.SAVE_HINT in text
        log = load_workbook(after)[LOG]
        assert log.max_row > 3  # header and one entry at least
    else:
        # an action that copies the workbook file gets a snapshot of the open book, no more
        snapshots = [f"save_copy {in_excel.name}"] if spec.snapshot else []
        assert written is None and host.calls == snapshots
        assert not (in_excel.parent / safety.BACKUP_DIR).exists()
    assert in_excel.read_bytes() == demo_book.read_bytes()  # never saved by the program
    if spec.name not in WRITERS and spec.name != "templates_check":
        assert on_disk.read_bytes() == demo_book.read_bytes()

    difference = _diff(_snapshot(after), _snapshot(on_disk if spec.name in WRITERS
                                                   else demo_book))
    assert difference == []

    docs_excel = sorted(p.name for p in (in_excel.parent / "dokumenty").glob("*"))
    docs_cli = sorted(p.name for p in (on_disk.parent / "dokumenty").glob("*"))
    assert docs_excel == docs_cli
    if "kind" in dict(spec.options):  # a document kind
        assert docs_excel and host.folders == [(in_excel.parent / "dokumenty").resolve()]
    package_excel = sorted(p.relative_to(in_excel.parent).as_posix()
                           for p in in_excel.parent.glob("sprawozdanie_*/*"))
    package_cli = sorted(p.relative_to(on_disk.parent).as_posix()
                         for p in on_disk.parent.glob("sprawozdanie_*/*"))
    assert package_excel == package_cli
    assert bool(package_excel) == (spec.name == "report")


def test_replacing_sheets_and_growing_the_log_matches_the_cli(demo_book: Path,
                                                             tmp_path: Path) -> None:
    """Two checks and an hours count: generated sheets replaced in place, log of three rows."""
    in_excel = _copy(demo_book, tmp_path / "excel")
    on_disk = _copy(demo_book, tmp_path / "cli")
    host = FakeHost(in_excel)
    for tag in ("check", "hours", "check"):
        excel.run_action(tag, host, today=TODAY)
        assert kis(tag, str(on_disk)).returncode in (0, 1)
    after = tmp_path / "excel-open.xlsx"
    host.book().wb.save(after)
    assert _diff(_snapshot(after), _snapshot(on_disk)) == []
    names = host.book().wb.sheetnames
    assert names.index("Wynik kontroli") < names.index("Wynik godzin")
    assert host.book().active_sheet() == "Wynik kontroli"  # the results are shown
    log = [row for row in load_workbook(after)[LOG].iter_rows(values_only=True)
           if isinstance(row[0], datetime)]
    assert [r[2] for r in log] == ["kis-xl check", "kis-xl hours", "kis-xl check"]
    assert len(safety.backups(in_excel)) == 3
    deleted = [c for c in host.calls if c.startswith("delete ")]
    assert "delete Wynik kontroli" in deleted and f"delete {LOG}" in deleted


def test_the_open_workbook_is_read_not_the_saved_file(demo_book: Path, tmp_path: Path) -> None:
    path = _copy(demo_book, tmp_path / "excel")
    book = OpenpyxlBook(path)
    from_file = read_workbook(path)
    from_book = read_open_book(book)
    for key in ("participants", "activities", "enrolments", "meetings", "attendance",
                "outcomes", "settings", "lists", "layouts"):
        assert getattr(from_book, key) == getattr(from_file, key), key
    assert [(f.code, f.sheet, f.row) for f in from_book.findings] == [
        (f.code, f.sheet, f.row) for f in from_file.findings]
    assert from_book.source == path

    layout = from_file.layouts["participants"]
    last = from_file.participants[-1]
    ws = book.wb[layout.name]
    for col in range(1, ws.max_column + 1):  # the user deleted the last participant, unsaved
        ws.cell(last.row, col).value = None
    assert [p.id for p in read_open_book(book).participants] == [
        p.id for p in from_file.participants[:-1]]


def test_backup_is_the_open_state_and_comes_before_any_write(demo_book: Path,
                                                             tmp_path: Path) -> None:
    path = _copy(demo_book, tmp_path / "excel")
    host = FakeHost(path)
    ws = host.book().wb["Uczestnicy"]
    ws["A1"].comment = None
    marker = "zmiana niezapisana"
    ws.cell(ws.max_row + 5, 30).value = marker  # typed in, not saved
    outcome = excel.run_action("check", host, today=TODAY)
    assert outcome.result is not None and outcome.result.written is not None
    copy = outcome.result.written.backup
    assert copy is not None and copy.parent == path.parent / safety.BACKUP_DIR
    assert copy.name.startswith("klub_") and copy.suffix == ".xlsx"
    assert host.calls[0] == f"save_copy {copy.name}"
    assert all(not c.startswith("save_copy") for c in host.calls[1:])
    saved = load_workbook(copy)
    assert marker in [c.value for row in saved["Uczestnicy"].iter_rows() for c in row]
    assert "Wynik kontroli" not in saved.sheetnames  # taken before the results went in


def test_backups_rotate_like_the_file_sink(demo_book: Path, tmp_path: Path) -> None:
    path = _copy(demo_book, tmp_path / "excel")
    book = OpenpyxlBook(path)
    plan = WritePlan("kis-xl test", "Próba.")
    stamps = iter(datetime(2025, 6, 16, 10, m) for m in range(10))
    sink = XlwingsSink(book, keep_backups=2, user="anna", clock=lambda: next(stamps))
    for _ in range(3):
        sink.apply(plan)
    assert [p.name for p in safety.backups(path)] == [
        "klub_2025-06-16_10-01-00.xlsx", "klub_2025-06-16_10-02-00.xlsx"]


def test_a_user_sheet_with_a_result_name_is_refused_as_by_the_cli(demo_book: Path,
                                                                  tmp_path: Path) -> None:
    in_excel = _copy(demo_book, tmp_path / "excel")
    on_disk = _copy(demo_book, tmp_path / "cli")
    wb = load_workbook(on_disk)
    wb.create_sheet("WYNIK KONTROLI")["A1"] = "moje notatki"
    wb.save(on_disk)
    host = FakeHost(in_excel)
    host.book().wb.create_sheet("WYNIK KONTROLI")["A1"] = "moje notatki"
    outcome = excel.run_action("check", host, today=TODAY)
    done = kis("check", str(on_disk))
    message = host.messages[-1][0]
    assert not outcome.ok and host.messages[-1][1]
    assert "Skoroszyt ma już arkusz „WYNIK KONTROLI”" in message
    assert message in " ".join(done.stderr.split())  # the CLI wraps its lines
    assert host.calls == []  # refused before the backup and before any write
    assert not (in_excel.parent / safety.BACKUP_DIR).exists()


def test_an_unsaved_new_workbook_gets_a_polish_message() -> None:
    book = OpenpyxlBook(None, load_workbook_new())
    with pytest.raises(KisError) as caught:
        XlwingsSink(book).apply(WritePlan("kis-xl check", "Próba."))
    assert caught.value.message == NOT_SAVED and book.calls == []
    host = FakeHost(None)
    outcome = excel.run_action("hours", host, today=TODAY)
    assert not outcome.ok and "Zapisz najpierw skoroszyt klubu jako plik .xlsx" in outcome.message


def load_workbook_new() -> Any:
    from openpyxl import Workbook

    return Workbook()


def test_a_failure_half_way_is_a_polish_message_and_a_log_entry(demo_book: Path,
                                                                tmp_path: Path) -> None:
    class Broken(OpenpyxlBook):
        def copy_sheets_in(self, source: Path, placements: list[tuple[str, str | None]]
                           ) -> list[str]:
            raise RuntimeError("(-2147352567, 'Wystąpił wyjątek.', None)")

    path = _copy(demo_book, tmp_path / "excel")
    host = FakeHost(path, open_book=Broken(path))
    outcome = excel.run_action("check", host, today=TODAY)
    text, error = host.messages[-1]
    assert error and not outcome.ok
    assert "przerwał się (arkusze wyników)" in text and "Zamknij skoroszyt bez zapisywania" in text
    backup = safety.backups(path)
    assert len(backup) == 1 and backup[0].name in text
    assert "Traceback" not in text and "-2147352567" not in text
    log = (path.parent / excel.LOG_NAME).read_text(encoding="utf-8")
    assert "Traceback" in log and "-2147352567" in log


def test_text_is_written_as_text_and_dates_and_times_get_formats(demo_book: Path,
                                                                tmp_path: Path) -> None:
    """``Range.Value`` would turn "=1+1" into a formula and "0012" into 12: the sink keeps
    text; dates and times get the formats the file sink gives them."""
    from datetime import time

    from openpyxl.utils import get_column_letter

    path = _copy(demo_book, tmp_path / "excel")
    club = read_workbook(path)
    people = club.layouts["participants"]
    meetings = club.layouts["meetings"]
    wb = load_workbook(path)  # no column formats: the formats must come from the row above
    for key in ("date", "start"):
        wb[meetings.name].column_dimensions[get_column_letter(meetings.columns[key])
                                            ].number_format = "General"
    wb.save(path)
    copy = _copy(path, tmp_path / "cli")
    rows = {p.row: v for p, v in zip(club.participants,
                                     ["=1+1", "0012", date(2025, 6, 1), "  spacje  "],
                                     strict=False)}
    plan = WritePlan("kis-xl test", "Próba.", columns=[
        ColumnUpdate(people.name, people.header_row, "Uwagi programu", None, rows,
                     people.last_row)], appends=[
        RowAppend(meetings.name, meetings.header_row,
                  {meetings.columns[k]: meetings.headers[k] for k in ("id", "date", "start")},
                  [{meetings.columns["id"]: "S999", meetings.columns["date"]: date(2025, 6, 2),
                    meetings.columns["start"]: time(10, 30)}])])
    book = OpenpyxlBook(path)
    when = datetime(2025, 6, 16, 12, 0)
    XlwingsSink(book, user="anna", clock=lambda: when).apply(plan)
    FileSink(copy, user="anna", clock=lambda: when).apply(plan)
    after = tmp_path / "open.xlsx"
    book.wb.save(after)
    assert _diff(_snapshot(after), _snapshot(copy)) == []
    ws = load_workbook(after)[people.name]
    texts = [c.value for row in ws.iter_rows() for c in row if c.value in ("=1+1", "0012")]
    assert sorted(texts) == ["0012", "=1+1"]


def test_a_table_with_a_totals_row_is_refused_before_anything_is_written(
        demo_book: Path, tmp_path: Path) -> None:
    path = _copy(demo_book, tmp_path / "excel")
    host = FakeHost(path, sheet="Program", rows=[4], answer=f"{TODAY:%d.%m.%Y}")
    for table in host.book().wb["Spotkania"].tables.values():
        table.totalsRowCount = 1
    outcome = excel.run_action("meeting_add", host, today=TODAY)
    assert not outcome.ok and "ma wiersz sumy" in outcome.message
    assert host.calls == []


def test_a_changed_user_sheet_is_refused_with_the_file_sinks_message(
        demo_book: Path, tmp_path: Path) -> None:
    path = _copy(demo_book, tmp_path / "excel")
    book = OpenpyxlBook(path)
    club = read_open_book(book)
    layout = club.layouts["participants"]
    plans = [
        WritePlan("kis-xl test", "Próba.", columns=[
            ColumnUpdate(layout.name, layout.header_row, "Status programu", 2, {}, 0)]),
        WritePlan("kis-xl test", "Próba.", columns=[
            ColumnUpdate("Nie ma", 1, "Status programu", None, {}, 0)]),
        WritePlan("kis-xl test", "Próba.", appends=[
            RowAppend(layout.name, layout.header_row, {1: "Nie ten nagłówek"}, [{1: "x"}])]),
    ]
    for plan in plans:
        with pytest.raises(WorkbookConflict) as in_excel:
            XlwingsSink(book).apply(plan)
        with pytest.raises(WorkbookConflict) as on_disk:
            FileSink(path).apply(plan)
        assert in_excel.value.message == on_disk.value.message
    assert book.calls == []
    assert not (path.parent / safety.BACKUP_DIR).exists()


def test_a_1904_workbook_reads_bare_serials_as_from_the_file(demo_book: Path,
                                                             tmp_path: Path) -> None:
    """A date typed into a General cell is a bare number; in a 1904 workbook it means
    another day. The open book reports its date system as the file does."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    path = _copy(demo_book, tmp_path / "excel")
    layout = read_workbook(path).layouts["participants"]
    wb = load_workbook(path)
    wb.epoch = CALENDAR_MAC_1904
    cell = wb[layout.name].cell(layout.header_row + 1, layout.columns["application_date"])
    cell.value, cell.number_format = 44000, "General"
    wb.save(path)
    from_file = read_workbook(path)
    from_book = read_open_book(OpenpyxlBook(path))
    assert from_file.participants[0].application_date == date(2024, 6, 19)  # 1900: 2020-06-18
    assert from_book.participants == from_file.participants


def test_the_xlwings_adapter_calls_only_what_the_pinned_xlwings_has() -> None:
    """``XlwingsBook`` cannot run without Excel; at least every xlwings name it uses exists in
    the pinned version (a typo or an API change fails here, not on a user's click)."""
    import importlib
    import inspect

    import xlwings.main as xw

    used = {
        xw.Book: ["name", "fullname", "sheets", "app", "api", "activate"],
        xw.Sheet: ["name", "range", "used_range", "tables", "copy", "delete", "activate",
                   "book"],
        xw.Sheets: ["active"],
        xw.Range: ["options", "value", "row", "column", "last_cell", "number_format",
                   "column_width"],
        xw.Table: ["name", "range", "resize", "show_headers", "show_totals"],
        xw.App: ["books", "screen_updating", "display_alerts", "alert", "selection", "api",
                 "properties", "calculation"],
    }
    for cls, names in used.items():
        missing = [n for n in names if not hasattr(cls, n)]
        assert missing == [], cls
    params = inspect.signature(xw.Books.open).parameters
    assert {"update_links", "read_only"} <= set(params)
    assert {"before", "after"} <= set(inspect.signature(xw.Sheet.copy).parameters)
    source = inspect.getsource(importlib.import_module("kis_xl.sinks.xlwings_book"))
    assert "err_to_str=True" in source and "ndim=2" in source


# --- text cells, round trips and Excel's settings while writing (issue 18) ----------------


def test_text_cells_get_text_as_it_is_and_general_cells_an_apostrophe_only_when_needed(
        demo_book: Path, tmp_path: Path) -> None:
    """Excel keeps an apostrophe written into a text (``@``) cell as part of the value, so
    the meeting IDs of "Spotkania" and "Obecności" go in as they are; a General cell gets
    one only for what Excel would parse (the stand-in shows Excel's text-cell behaviour)."""
    from kis_xl.sinks.xlwings_sink import _cell_value

    assert _cell_value("S0186", "@") == "S0186" and _cell_value("=1+1", "@") == "=1+1"
    assert _cell_value("tak", "General") == "tak"
    assert _cell_value("zgoda RODO", "General") == "zgoda RODO"
    for parsed in ("0012", "=1+1", "-x", "1/2", "PRAWDA", "#N/D", "'cytat", " 12"):
        assert _cell_value(parsed, "General") == "'" + parsed, parsed

    path = _copy(demo_book, tmp_path / "excel")
    host = FakeHost(path, sheet="Program", rows=[4], answer=f"{TODAY:%d.%m.%Y}")
    outcome = excel.run_action("meeting_add", host, today=TODAY)
    assert outcome.ok, host.messages
    club = read_open_book(host.book())
    new = club.meetings[-1]
    assert not new.id.startswith("'")
    ids = {a.meeting for a in club.attendance}
    assert new.id in ids  # attendance still matches its meeting
    ws = host.book().wb[club.layouts["meetings"].name]
    cell = ws.cell(new.row, club.layouts["meetings"].columns["id"])
    assert cell.number_format == "@" and cell.value == new.id


def _trips(host: FakeHost) -> int:
    return sum(n for name, n in host.book().trips.items() if " " not in name)


# Raised on purpose: check 33 -> 34 reads "Rejestr zaświadczeń" (the certificate register);
# meeting_add 36 -> 38 reads "Rejestracja w PUP" and "Decyzje koordynatora" (only people the
# check admits are enrolled). Each of those sheets once.
@pytest.mark.parametrize("tag, budget", [("check", 34), ("hours", 21), ("meeting_add", 38)])
def test_a_click_reads_each_sheet_once_within_a_budget_of_round_trips(
        tag: str, budget: int, demo_book: Path, tmp_path: Path) -> None:
    """Every ``OpenBook`` call is a round trip to Excel (COM). The budget is today's count on
    the demo: a change that adds round trips fails here (raise the budget only on purpose).
    A bigger club costs no more calls: values and formats are read in blocks."""
    click = CLICKS.get(tag, Click())
    counts = []
    for scale, name in ((1, "demo"), (3, "big")):
        if scale > 1:
            (tmp_path / name).mkdir()
            path = write_demo_workbook(tmp_path / name / "klub.xlsx", TODAY, scale)
        else:
            path = _copy(demo_book, tmp_path / name)
        host = FakeHost(path, sheet=click.sheet, rows=list(click.rows), answer=click.answer)
        outcome = excel.run_action(tag, host, today=TODAY)
        assert outcome.result is not None and outcome.result.written is not None, host.messages
        reads = {k: n for k, n in host.book().trips.items() if k.startswith("used_values ")}
        assert set(reads.values()) == {1}, reads  # each sheet once per click
        counts.append(_trips(host))
    assert counts[0] <= budget, counts
    assert counts[1] == counts[0]


def test_excel_gets_its_settings_back_after_a_write_and_after_a_failed_one(
        demo_book: Path, tmp_path: Path) -> None:
    class Broken(OpenpyxlBook):
        def copy_sheets_in(self, source: Path, placements: list[tuple[str, str | None]]
                           ) -> list[str]:
            raise RuntimeError("COM error")

    for book_class in (OpenpyxlBook, Broken):
        path = _copy(demo_book, tmp_path / book_class.__name__)
        host = FakeHost(path, open_book=book_class(path))
        excel.run_action("check", host, today=TODAY)
        calls = host.calls
        assert calls.count("writing on") == calls.count("writing off") == 1
        first_write = next(i for i, c in enumerate(calls) if c.startswith("write "))
        assert calls.index("writing on") < first_write
        assert calls[-1] == "writing off" or calls.index("writing off") > first_write
        assert calls.index("writing on") > calls.index(next(c for c in calls
                                                            if c.startswith("save_copy")))


def test_number_formats_of_a_mixed_block_take_few_calls() -> None:
    """``XlwingsBook.number_formats`` halves a mixed block (Excel answers None for it)."""
    from kis_xl.sinks.xlwings_book import XlwingsBook

    formats = {r: ("@" if r < 400 else "General") for r in range(1, 1001)}
    asked: list[tuple[int, int]] = []

    class Range:
        def __init__(self, top: int, bottom: int) -> None:
            found = {formats[r] for r in range(top, bottom + 1)}
            asked.append((top, bottom))
            self.number_format = found.pop() if len(found) == 1 else None

    class Sheet:
        def range(self, first: tuple[int, int], last: tuple[int, int]) -> Range:
            return Range(first[0], last[0])

    class Book:
        def __init__(self) -> None:
            self.sheets = {"S": Sheet()}

    got = XlwingsBook(Book()).number_formats("S", 1, 2, 1000, 1)
    assert [row[0] for row in got] == [formats[r] for r in range(1, 1001)]
    assert len(asked) < 30
