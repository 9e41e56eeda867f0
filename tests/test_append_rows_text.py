"""Rows appended into the sheet's text (``rows_text``) against the tree editor, part by part.

``kis-xl meeting add`` and the register's save append rows to "Obecności" (100,000 rows
in a big club) without parsing it: only the header row, the last filled row and the
blank rows after it are cut out, edited as a tree and put back. On the template's sheets
(Excel Tables, calculated columns beside the IDs, styles, shared strings from openpyxl
and inline strings of rows kis_xl added before), the package must mean what the tree
editor (``append_rows.AS_TEXT = False``) wrote: sheets equal as canonical XML, every
other part byte for byte.
"""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from kis_xl.actions.base import run_on_file
from kis_xl.actions.register import register_action
from kis_xl.plan.writeback import WritePlan
from kis_xl.sinks.xlsx import append_rows, rows_text
from kis_xl.sinks.xlsx.file_sink import FileSink
from kis_xl.sinks.xlsx.ooxml import Element, q
from kis_xl.sinks.xlsx.package import Package
from kis_xl.sinks.xlsx.workbook import Workbook
from tests.ooxml_checks import read_parts, write_parts
from tests.test_meeting_add import MONDAY, club_file, plan_for
from tests.test_register import SHEET, built_and_ticked, grid
from tests.test_write_columns_fast import _assert_same

WHEN = datetime(2026, 11, 30, 16, 5)
Spoil = Callable[[Element], None]


def _meeting_plan(path: Path, day: date = MONDAY) -> WritePlan:
    result = plan_for(path, activity="Z03", day=day, start=time(10), end=time(13, 30))
    assert result.plan is not None and result.plan.appends
    return result.plan


def _written(path: Path, plan: WritePlan | Callable[[FileSink], Any],
             monkeypatch: pytest.MonkeyPatch, *, text: bool, spoil: Spoil | None = None
             ) -> tuple[dict[str, bytes], list[str], list[str]]:
    """The package after the write, the sheets appended as text and the parts parsed."""
    as_text: list[str] = []
    parsed: list[str] = []
    original, xml = rows_text.append_as_text, Package.xml

    def counted(pkg: Package, part: str, header_row: int, calculated: Any,
                edit: Callable[[Element], None]) -> bool:
        def edited(root: Element) -> None:
            edit(root)
            if spoil is not None:
                spoil(root)

        done = original(pkg, part, header_row, calculated, edited)
        if done:
            as_text.append(part)
        return done

    def spied(self: Package, part: str) -> Element:
        parsed.append(part)
        return xml(self, part)

    with monkeypatch.context() as patch:
        patch.setattr(rows_text, "append_as_text", counted)
        patch.setattr(Package, "xml", spied)
        patch.setattr(append_rows, "AS_TEXT", text)
        sink = FileSink(path, keep_backups=0, clock=lambda: WHEN)
        if isinstance(plan, WritePlan):
            sink.apply(plan)
        else:
            plan(sink)
    return read_parts(path), as_text, parsed


def _copies(path: Path) -> tuple[Path, Path]:
    tree = path.with_name("drzewo.xlsx")
    shutil.copy(path, tree)
    return path, tree


def _part(path: Path, sheet: str) -> str:
    entry = Workbook(Package(path.read_bytes())).find(sheet)
    assert entry is not None
    return entry.part


@pytest.mark.parametrize("meetings", [True, False], ids=["after-rows", "blank-table-rows"])
def test_meeting_rows_appended_as_text_equal_the_tree_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, meetings: bool
) -> None:
    """Both sheets of ``meeting add``: dates, times, text, calculated columns' formulas; a
    second meeting appended after rows kis_xl wrote (inline strings) as well."""
    text_path, tree_path = _copies(club_file(tmp_path, meetings=meetings))
    attendance = _part(text_path, "Obecności")
    for day in (MONDAY, date(2025, 3, 11)):
        plan = _meeting_plan(text_path, day)
        text, as_text, parsed = _written(text_path, plan, monkeypatch, text=True)
        tree, tree_text, _ = _written(tree_path, plan, monkeypatch, text=False)
        assert len(as_text) == 2 and not tree_text, "both sheets appended as text"
        assert attendance not in parsed, "the attendance sheet is never parsed whole"
        _assert_same(text, tree)
    ws = openpyxl.load_workbook(text_path)["Obecności"]
    assert str(ws["F3"].value).startswith("=IF(t_attendance[[#This Row]"), \
        "the names beside the IDs carry the table's formula"


def test_register_saved_as_text_equals_the_tree_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The register's save: changed marks (status column as text) and new rows on the same
    sheet, then a second save of new marks appended after those rows."""
    path, _, _ = built_and_ticked(tmp_path, {
        ("U005", "S0003"): "obecny", ("U005", "S0001"): "obecny",
        ("U002", "S0001"): "obecny", ("U006", "S0003"): "x"})
    text_path, tree_path = _copies(path)
    attendance = _part(text_path, "Obecności")
    save = functools.partial(register_action, activity="Z03", month="11.2026", save=True)

    def saved(target: Path) -> Callable[[FileSink], Any]:
        return lambda sink: run_on_file(target, save, sink=sink)

    text, as_text, parsed = _written(text_path, saved(text_path), monkeypatch, text=True)
    tree, _, _ = _written(tree_path, saved(tree_path), monkeypatch, text=False)
    assert as_text == [attendance] and attendance not in parsed
    _assert_same(text, tree)
    wb, rows, cols = grid(text_path)  # a second tick after the first save
    blank = next(wb[SHEET].cell(r, c) for r in rows.values() for c in cols.values()
                 if wb[SHEET].cell(r, c).value is None)
    blank.value = "usprawiedliwiony"
    wb.save(text_path)
    shutil.copy(text_path, tree_path)
    text, as_text, _ = _written(text_path, saved(text_path), monkeypatch, text=True)
    tree, _, _ = _written(tree_path, saved(tree_path), monkeypatch, text=False)
    assert as_text == [attendance]
    _assert_same(text, tree)


def _lose_last_cell(root: Element) -> None:
    row = root.find(q("sheetData"))[-1]
    row.remove(row[-1])


def _change_a_value(root: Element) -> None:
    for t in root.iter(q("t")):
        t.text = (t.text or "") + "?"


@pytest.mark.parametrize("spoil", [_lose_last_cell, _change_a_value], ids=["lost", "wrong"])
def test_the_comparison_sees_a_lost_or_wrong_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spoil: Spoil
) -> None:
    """A text path that dropped a cell or wrote a wrong value would not pass the tests above."""
    text_path, tree_path = _copies(club_file(tmp_path))
    plan = _meeting_plan(text_path)
    text, _, _ = _written(text_path, plan, monkeypatch, text=True, spoil=spoil)
    tree, _, _ = _written(tree_path, plan, monkeypatch, text=False)
    with pytest.raises(AssertionError):
        _assert_same(text, tree)


def _spoiled(path: Path, how: Callable[[bytes], bytes]) -> Path:
    part = _part(path, "Obecności")
    parts = read_parts(path)
    parts[part] = how(parts[part])
    return write_parts(path, parts)


@pytest.mark.parametrize("how", [
    lambda s: s.replace(b"<sheetData>", b"<sheetData><!-- uwaga -->", 1),
    lambda s: s.replace(b'<row r="5"', b"<row", 1),
    lambda s: s.replace(b'<row r="5"', b'<row r="2"', 1),
    lambda s: s.replace(b"<dimension ", b"<dimension x='1' ", 1),
], ids=["comment", "row-without-number", "rows-out-of-order", "dimension-unread"])
def test_sheets_the_text_path_cannot_read_go_to_the_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: Callable[[bytes], bytes]
) -> None:
    path = club_file(tmp_path)
    plan = _meeting_plan(path)
    text_path, tree_path = _copies(_spoiled(path, how))
    attendance = _part(text_path, "Obecności")
    text, as_text, parsed = _written(text_path, plan, monkeypatch, text=True)
    tree, _, _ = _written(tree_path, plan, monkeypatch, text=False)
    assert attendance not in as_text and attendance in parsed
    _assert_same(text, tree)
