"""``kis_xl.fronts.excel``: what a ribbon click runs, driven with a stand-in for Excel.

The stand-in (``FakeHost``) answers the few questions the front asks of Excel
(selection, a date prompt) and records what it is told (the message box, the
folder to open); the open workbook is an openpyxl workbook in memory loaded
from a real file (``tests/openpyxl_book``), the actions are the real ones.
tests/test_xlwings_sink.py compares what it writes with the CLI. Nothing here
proves anything about Excel itself.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from kis_xl.demo.club import write_demo_workbook
from kis_xl.fronts import excel
from kis_xl.sinks.open_book import read_open_book
from kis_xl.workbook.reader import read_workbook
from tests.openpyxl_book import OpenpyxlBook

TODAY = date(2025, 6, 16)


@dataclass
class FakeHost:
    """The front's ``Host``; the open workbook is an ``OpenpyxlBook`` (tests/openpyxl_book)."""

    path: Path | None
    sheet: str = ""
    rows: list[int] = field(default_factory=list)
    answer: str | None = None
    messages: list[tuple[str, bool]] = field(default_factory=list)
    prompts: list[tuple[str, str]] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    open_book: OpenpyxlBook | None = None
    autosave: bool = False
    confirm_answer: bool = True
    confirms: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.open_book is None:
            self.open_book = (OpenpyxlBook(self.path) if self.path is not None
                              else OpenpyxlBook(None, Workbook()))

    @property
    def calls(self) -> list[str]:
        assert self.open_book is not None
        return self.open_book.calls

    def book(self) -> OpenpyxlBook:
        assert self.open_book is not None
        return self.open_book

    def selection(self) -> tuple[str, list[int]]:
        return self.sheet, self.rows

    def ask(self, prompt: str, default: str) -> str | None:
        self.prompts.append((prompt, default))
        return self.answer

    def message(self, text: str, *, error: bool = False) -> None:
        self.messages.append((text, error))

    def open_folder(self, folder: Path) -> None:
        self.folders.append(folder)

    def autosave_on(self) -> bool:
        return self.autosave

    def confirm(self, text: str) -> bool:
        self.confirms.append(text)
        return self.confirm_answer


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo_workbook(tmp_path_factory.mktemp("demo") / "klub.xlsx", TODAY)


@pytest.fixture
def book(demo_book: Path, tmp_path: Path) -> Path:
    target = tmp_path / "klub.xlsx"
    target.write_bytes(demo_book.read_bytes())
    return target


def test_import_loads_no_heavy_library() -> None:
    """A click starts a fresh Python: the front's import must stay light.

    Time is measured by hand (tests/bench, ``python -X importtime``), never asserted here; what
    a test can pin is the cause of slowness: no heavy library is imported with the module.
    """
    heavy = ("xlwings", "openpyxl", "pandas", "numpy", "docxtpl", "docx", "lxml",
             "python_calamine", "babel", "typer", "rich", "holidays", "stdnum", "jinja2")
    code = ("import sys; import kis_xl.fronts.excel; "
            f"print(' '.join(m for m in {heavy!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == []


def test_check_writes_into_the_open_workbook_and_never_saves_it(book: Path) -> None:
    saved = book.read_bytes()
    host = FakeHost(book)
    outcome = excel.run_action("check", host, today=TODAY)
    assert outcome.result is not None and outcome.result.written is not None
    assert "Wynik kontroli" in host.book().wb.sheetnames
    assert book.read_bytes() == saved  # the file is the user's to save
    assert "Wynik kontroli" not in load_workbook(book, read_only=True).sheetnames
    text, error = host.messages[-1]
    assert text.startswith("Sprawdź uczestników:") and "Zapisano w skoroszycie" in text
    assert text.endswith(excel.SAVE_HINT) and "Kopia zapasowa: klub_" in text
    assert error == (not outcome.ok)
    assert (book.parent / excel.LOG_NAME).read_text(encoding="utf-8").count("action check") == 1


def test_contracts_for_the_selected_participant_rows(book: Path) -> None:
    host = FakeHost(book, sheet="Uczestnicy", rows=[3, 4])
    outcome = excel.run_action("docs_contract", host, today=TODAY)
    assert outcome.ok, host.messages
    files = sorted((book.parent / "dokumenty").glob("*.docx"))
    assert len(files) == 2
    assert host.calls == []  # documents never touch the workbook
    assert host.folders == [(book.parent / "dokumenty").resolve()]
    assert "Utworzono 2 dokumenty „Kontrakt socjalny”" in host.messages[-1][0]
    assert excel.SAVE_HINT not in host.messages[-1][0]


def test_selection_outside_the_table_means_everyone(book: Path) -> None:
    host = FakeHost(book, sheet="Program", rows=[3])
    excel.run_action("docs_certificate", host, today=TODAY)
    club = read_workbook(book)
    files = list((book.parent / "dokumenty").glob("*.docx"))
    assert 0 < len(files) <= len(club.participants)
    assert len(files) > 2


def test_attendance_list_for_the_selected_meeting_row(book: Path) -> None:
    host = FakeHost(book, sheet="Spotkania", rows=[2])
    outcome = excel.run_action("docs_attendance", host, today=TODAY)
    assert outcome.ok, host.messages
    files = list((book.parent / "dokumenty").glob("*.docx"))
    assert len(files) == 1


def test_new_meeting_for_the_selected_programme_row_asks_the_date(book: Path) -> None:
    before = len(read_workbook(book).meetings)
    host = FakeHost(book, sheet="Program", rows=[4], answer="17.06.2025")
    host.book().activate("Program")
    outcome = excel.run_action("meeting_add", host, today=TODAY)
    assert host.prompts == [("Data spotkania zajęć Z03 (dd.mm.rrrr):", "16.06.2025")]
    assert host.book().active_sheet() == "Program"  # only the change log was replaced
    assert outcome.result is not None and outcome.result.written is not None, host.messages
    club = read_open_book(host.book())
    assert len(club.meetings) == before + 1
    assert club.meetings[-1].activity == "Z03" and club.meetings[-1].date == date(2025, 6, 17)


def test_new_meeting_cancelled_or_without_a_programme_row(book: Path) -> None:
    host = FakeHost(book, sheet="Program", rows=[4], answer=None)
    outcome = excel.run_action("meeting_add", host, today=TODAY)
    assert outcome.ok and host.messages == [] and host.calls == []
    host = FakeHost(book, sheet="Uczestnicy", rows=[4])
    outcome = excel.run_action("meeting_add", host, today=TODAY)
    assert not outcome.ok and host.prompts == []
    assert "Zaznacz jeden wiersz zajęć w arkuszu „Program”" in host.messages[-1][0]
    host = FakeHost(book, sheet="Program", rows=[4], answer="32.13.2025")
    outcome = excel.run_action("meeting_add", host, today=TODAY)
    assert "Nie rozpoznano daty „32.13.2025”" in host.messages[-1][0]


def test_register_built_for_the_programme_row_ticked_and_saved_into_the_open_book(
    book: Path,
) -> None:
    host = FakeHost(book, sheet="Program", rows=[4], answer="05.2025")
    outcome = excel.run_action("register", host, today=TODAY)
    assert host.prompts == [("Miesiąc dziennika zajęć Z03 (mm.rrrr):", "06.2025")]
    assert outcome.ok, host.messages
    name = "Dziennik Z03 05.2025"
    ws = host.book().wb[name]
    assert ws.data_validations.dataValidation  # the dropdowns came along
    header = next(r for r in range(1, ws.max_row + 1)
                  if ws.cell(r, 1).value == "Nazwisko i imię")
    pid, col = next((ws.cell(r, 2).value, c) for r in range(header + 1, ws.max_row + 1)
                    for c in range(3, ws.max_column)
                    if ws.cell(r, c).value == "obecny")
    mid = str(ws.cell(header, col).value).split("\n")[1]
    ws.cell(next(r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, 2).value == pid),
            col).value = "usprawiedliwiony"  # the user picks another mark
    host.sheet, host.rows = name, [header + 1]
    outcome = excel.run_action("register_save", host, today=TODAY)
    assert outcome.ok, host.messages
    assert "zmieniono 1" in host.messages[-1][0]
    club = read_open_book(host.book())
    [att] = [a for a in club.attendance if (a.meeting, a.participant) == (mid, pid)]
    assert att.status == "usprawiedliwiony"


def test_register_save_on_another_sheet_says_what_to_do(book: Path) -> None:
    host = FakeHost(book, sheet="Uczestnicy", rows=[2])
    outcome = excel.run_action("register_save", host, today=TODAY)
    assert not outcome.ok
    assert "Nie ma arkusza „Uczestnicy” z dziennikiem obecności" in host.messages[-1][0]


def test_templates_check_runs_without_a_selection(book: Path) -> None:
    host = FakeHost(book)
    outcome = excel.run_action("templates_check", host, today=TODAY)
    assert outcome.ok, host.messages
    assert "Szablony w folderze" in host.messages[-1][0]


def test_unsaved_workbook_and_unknown_button_get_polish_messages(book: Path) -> None:
    host = FakeHost(None)
    outcome = excel.run_action("check", host, today=TODAY)
    assert not outcome.ok and "Zapisz najpierw skoroszyt" in host.messages[-1][0]
    assert host.calls == []
    host = FakeHost(book)
    outcome = excel.run_action("nie_ma", host, today=TODAY)
    assert not outcome.ok and "Nieznany przycisk „nie_ma”" in host.messages[-1][0]


def test_unexpected_error_goes_to_the_log_not_to_the_user(book: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import kis_xl.actions.check as check_module

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(check_module, "check", broken)
    host = FakeHost(book)
    outcome = excel.run_action("check", host, today=TODAY)
    text, error = host.messages[-1]
    assert error and not outcome.ok
    assert "nieoczekiwany błąd" in text and excel.LOG_NAME in text
    assert "Traceback" not in text and "boom" not in text
    log = (book.parent / excel.LOG_NAME).read_text(encoding="utf-8")
    assert "Traceback" in log and "ZeroDivisionError: boom" in log


def test_a_failing_message_box_does_not_raise(book: Path) -> None:
    class Mute(FakeHost):
        def message(self, text: str, *, error: bool = False) -> None:
            raise RuntimeError("no Excel")

    outcome = excel.run_action("nie_ma", Mute(book), today=TODAY)
    assert not outcome.ok


def test_autosave_is_announced_before_the_first_write(book: Path) -> None:
    """With AutoSave on, a write is saved at once: the user is told before it and may stop."""
    host = FakeHost(book, autosave=True, confirm_answer=False)
    outcome = excel.run_action("check", host, today=TODAY)
    assert outcome.ok and host.calls == [] and host.messages == []  # cancelled: nothing written
    assert host.confirms == [excel.AUTOSAVE_WARNING]
    assert "„Zamknij bez zapisywania” tego nie cofnie" in excel.AUTOSAVE_WARNING
    host = FakeHost(book, autosave=True)
    outcome = excel.run_action("check", host, today=TODAY)
    assert outcome.result is not None and outcome.result.written is not None
    text = host.messages[-1][0]
    assert text.endswith(excel.AUTOSAVE_HINT) and excel.SAVE_HINT not in text
    host = FakeHost(book, autosave=True)
    excel.run_action("docs_regulations", host, today=TODAY)
    assert host.confirms == []  # nothing to write, nothing to announce


def test_rows_of_excel_addresses() -> None:
    assert excel.rows_of("$A$2:$C$4,$B$7") == [2, 3, 4, 7]
    assert excel.rows_of("$5:$3") == [3, 4, 5]
    assert excel.rows_of("$A:$C") == []
    assert excel.rows_of("B9") == [9]


def test_without_excel_the_click_still_ends_in_a_message_not_a_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``run_action`` with no host builds the xlwings one: when that fails, it is logged."""

    class NoExcel:
        def __init__(self) -> None:
            raise RuntimeError("no Excel here")

    monkeypatch.setattr(excel, "XlwingsHost", NoExcel)
    outcome = excel.run_action("check")
    assert not outcome.ok and "nieoczekiwany błąd" in outcome.message
