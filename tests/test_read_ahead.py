"""The big registers are parsed by calamine in a second thread while the other sheets are
read; the club comes out exactly as a read one sheet after another gives it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kis_xl.actions.errors import WorkbookUnreadable
from kis_xl.actions.registry import get
from kis_xl.demo.club import write_demo_workbook
from kis_xl.workbook import reader

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
    monkeypatch.setattr(reader, "_cores", lambda: 2)
    ahead = _everything(big_club, sheets)
    monkeypatch.setattr(reader, "_cores", lambda: 1)
    plain = _everything(big_club, sheets)
    assert ahead == plain
    if action != "check":
        assert len(ahead[2]) > 1000 and ahead[4]


def test_the_registers_load_in_another_thread(big_club: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    from concurrent.futures import Future

    monkeypatch.setattr(reader, "_cores", lambda: 2)
    threads: dict[str, str] = {}
    real = reader.open_grids

    def spy(path: Path, *, ahead: Any = ()) -> Any:
        grids = real(path, ahead=ahead)
        for name, source in grids.items():
            if isinstance(getattr(source, "__self__", None), Future):
                source()  # wait for it: the thread has finished its work
                threads[name] = "ahead"
            else:
                threads.setdefault(name, threading.current_thread().name)
        return grids

    monkeypatch.setattr(reader, "open_grids", spy)
    reader.read_workbook(big_club, sheets=get("hours").sheets)
    assert threads["Obecności"] == threads["Spotkania"] == "ahead"
    assert threads["Uczestnicy"] == threading.current_thread().name
    threads.clear()
    reader.read_workbook(big_club, sheets=get("check").sheets)  # check needs neither
    assert "ahead" not in threads.values()


def test_a_sheet_failing_in_the_other_thread_is_the_usual_message(
        big_club: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from python_calamine import CalamineWorkbook

    monkeypatch.setattr(reader, "_cores", lambda: 2)
    handles: list[Any] = []
    original = CalamineWorkbook.from_path

    class Broken:
        def __init__(self, book: Any) -> None:
            self.book = book
            self.sheet_names = book.sheet_names

        def get_sheet_by_name(self, name: str) -> Any:
            if name == "Obecności" and len(handles) > 1:  # the second handle: read-ahead
                raise ValueError("uszkodzony arkusz")
            return self.book.get_sheet_by_name(name)

    def from_path(path: str) -> Any:
        handles.append(Broken(original(path)))
        return handles[-1]

    monkeypatch.setattr(CalamineWorkbook, "from_path", staticmethod(from_path))
    with pytest.raises(WorkbookUnreadable,
                       match=r"Nie można odczytać arkusza „Obecności”.*uszkodzony arkusz"):
        reader.read_workbook(big_club, sheets=get("hours").sheets)
    assert len(handles) == 2
