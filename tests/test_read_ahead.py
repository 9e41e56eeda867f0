"""The big registers are parsed by calamine in a second thread while the other sheets are
read; the club comes out exactly as a read one sheet after another gives it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kis_xl.actions.registry import get
from kis_xl.demo.club import write_demo_workbook
from kis_xl.plan.errors import WorkbookUnreadable
from kis_xl.workbook import read_ahead, reader

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def big_club(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from openpyxl import load_workbook

    path = write_demo_workbook(tmp_path_factory.mktemp("ahead") / "klub.xlsx", TODAY, 3)
    wb = load_workbook(path)
    att, meetings = wb["Obecności"], wb["Spotkania"]
    att["C2"], att["B6"], att["D4"] = "byłam", "U999", "dwie"  # findings in both registers
    meetings["B2"], meetings["A4"] = "wczoraj", "S0005"
    wb.save(path)
    return path


def _everything(path: Path, sheets: Any) -> Any:
    club = reader.read_workbook(path, sheets=sheets)
    return (club.participants, club.meetings, club.attendance, club.enrolments,
            [f.to_dict() for f in club.findings], club.sheet_names, club.layouts)


@pytest.mark.parametrize("action", ["hours", "check", None])
def test_reading_ahead_gives_the_club_a_plain_read_gives(
        big_club: Path, action: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    sheets = get(action).sheets if action else None
    monkeypatch.setattr(read_ahead, "cores", lambda: 2)
    ahead = _everything(big_club, sheets)
    monkeypatch.setattr(read_ahead, "cores", lambda: 1)
    plain = _everything(big_club, sheets)
    assert ahead == plain
    if action != "check":
        assert len(ahead[2]) > 1000 and ahead[4]


class Recording:
    """A calamine workbook handle that notes which thread parses which sheet."""

    def __init__(self, book: Any, seen: list[tuple[str, str]], fail: str | None) -> None:
        self.book, self.seen, self.fail = book, seen, fail
        self.sheet_names = book.sheet_names

    def get_sheet_by_name(self, name: str) -> Any:
        import threading

        thread = threading.current_thread().name
        self.seen.append((name, thread))
        if name == self.fail and thread != "MainThread":
            raise ValueError("uszkodzony arkusz")
        return self.book.get_sheet_by_name(name)


def _recording(monkeypatch: pytest.MonkeyPatch, fail: str | None = None
               ) -> list[tuple[str, str]]:
    from python_calamine import CalamineWorkbook

    seen: list[tuple[str, str]] = []
    original = CalamineWorkbook.from_path
    monkeypatch.setattr(CalamineWorkbook, "from_path",
                        staticmethod(lambda path: Recording(original(path), seen, fail)))
    return seen


def test_the_registers_load_in_another_thread(big_club: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_ahead, "cores", lambda: 2)
    seen = _recording(monkeypatch)
    reader.read_workbook(big_club, sheets=get("hours").sheets)
    threads = dict(seen)
    assert threads["Obecności"] == threads["Spotkania"] == "kis-read-ahead"
    assert threads["Uczestnicy"] == "MainThread"
    seen.clear()
    reader.read_workbook(big_club, sheets=get("check").sheets)  # check needs neither
    assert {t for _, t in seen} == {"MainThread"}
    monkeypatch.setattr(read_ahead, "cores", lambda: 1)
    seen.clear()
    reader.read_workbook(big_club, sheets=get("hours").sheets)
    assert {t for _, t in seen} == {"MainThread"}


def test_a_sheet_failing_in_the_other_thread_is_the_usual_message(
        big_club: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_ahead, "cores", lambda: 2)
    seen = _recording(monkeypatch, fail="Obecności")
    with pytest.raises(WorkbookUnreadable,
                       match=r"Nie można odczytać arkusza „Obecności”.*uszkodzony arkusz"):
        reader.read_workbook(big_club, sheets=get("hours").sheets)
    assert ("Obecności", "kis-read-ahead") in seen


def test_a_command_starts_reading_before_the_cli_is_imported(
        big_club: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`kis-xl hours PLIK` has the registers parsed during the start-up; the reader takes
    them over once (the same file), and a changed file is read afresh."""
    import shutil

    from kis_xl.fronts.launch import read_ahead_for

    monkeypatch.setattr(read_ahead, "cores", lambda: 2)
    seen = _recording(monkeypatch)
    path = tmp_path / "klub.xlsx"
    shutil.copy(big_club, path)
    assert read_ahead_for(["check", str(path)]) == []  # check reads neither register
    assert read_ahead_for(["hours", str(tmp_path / "brak.xlsx")]) == []
    assert read_ahead_for(["--debug", "hours", str(path)]) == []
    assert not seen
    assert read_ahead_for(["hours", str(path), "--json"]) == ["meetings", "attendance"]
    club = reader.read_workbook(path, sheets=get("hours").sheets)
    opened = [name for name, _ in seen]
    assert opened.count("Obecności") == opened.count("Spotkania") == 1  # not read twice
    assert club.attendance == reader.read_workbook(big_club, sheets=get("hours").sheets
                                                   ).attendance
    assert read_ahead_for(["hours", str(path)]) == ["meetings", "attendance"]
    from openpyxl import load_workbook

    wb = load_workbook(path)  # the file changes between the start and the reading
    wb["Obecności"]["A3"] = "S99999"
    wb.save(path)
    club = reader.read_workbook(path, sheets=get("hours").sheets)
    assert [a.meeting for a in club.attendance if a.row == 3] == ["S99999"]


def test_the_wait_for_a_register_does_work_that_comes_later(
        big_club: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While calamine still parses "Obecności", the main thread runs the tasks it was
    given (the write-back's imports); a failing task costs nothing; outside the block no
    task is left over."""
    import threading
    import time

    monkeypatch.setattr(read_ahead, "cores", lambda: 2)
    from python_calamine import CalamineWorkbook

    original = CalamineWorkbook.from_path
    done = threading.Event()

    class Slow(Recording):
        def get_sheet_by_name(self, name: str) -> Any:
            if threading.current_thread().name != "MainThread":
                done.wait(5)  # the register is ready only once the task has run
            return super().get_sheet_by_name(name)

    monkeypatch.setattr(CalamineWorkbook, "from_path",
                        staticmethod(lambda path: Slow(original(path), [], None)))
    ran: list[str] = []

    def task() -> None:
        ran.append(threading.current_thread().name)
        time.sleep(0.05)
        done.set()

    def failing() -> None:
        raise ImportError("brak modułu")

    with read_ahead.while_waiting(failing), read_ahead.while_waiting(task):
        club = reader.read_workbook(big_club, sheets=get("hours").sheets)
    assert ran == ["MainThread"] and club.attendance
    with read_ahead.while_waiting(task):
        pass
    assert not read_ahead._WAITING
