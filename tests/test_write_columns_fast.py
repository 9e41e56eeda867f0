"""The status-column writer against the plain one it replaced, part by part.

``cells.write_columns`` looks each row up once, from its end, and shares one row index
between the columns of a sheet. ``_reference_write_column`` below is the editor as it was
before (every existing cell of the column found first, a new cell placed by scanning the
row from its start): on sheets with cells left and right of the status column, gaps,
styled empty cells and values of every type, both must write the same package.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kis_xl.plan.sheetspec import DATE_FORMAT
from kis_xl.plan.writeback import ColumnUpdate, WritePlan
from kis_xl.sinks.xlsx import cells, file_sink, ooxml
from kis_xl.sinks.xlsx.layout import DATETIME_FORMAT
from kis_xl.sinks.xlsx.ooxml import XML_NS, Element, q
from kis_xl.sinks.xlsx.package import Package
from kis_xl.sinks.xlsx.refs import cell_ref, column_number
from kis_xl.sinks.xlsx.styles import StyleMerger
from kis_xl.sinks.xlsx.workbook import Workbook
from tests.ooxml_checks import read_parts

SHEET = "Rzadki"
WHEN = datetime(2025, 3, 4, 5, 6, 7)


def _reference_cell(grid: cells.CellGrid, n: int, col: int, *, create: bool) -> Element | None:
    row = grid.row(n, create=create)
    if row is None:
        return None
    for c in row.iterchildren(q("c")):
        at = column_number(c.get("r").rstrip("0123456789"))
        if at == col:
            return c
        if at > col:
            if not create:
                return None
            new = c.makeelement(q("c"), {"r": cell_ref(n, col)})
            c.addprevious(new)
            cells._widen_spans(row, col)
            return new
    if not create:
        return None
    new = ooxml.sub(row, "c")
    new.set("r", cell_ref(n, col))
    cells._widen_spans(row, col)
    return new


def _reference_set_value(cell: Element, value: Any, styles: StyleMerger, date1904: bool) -> None:
    for child in list(cell):
        if child.tag in (q("f"), q("v"), q("is")):
            cell.remove(child)
    for attr in ("t", "cm", "vm"):
        cell.attrib.pop(attr, None)

    def child(local: str) -> Element:
        new = cell.makeelement(q(local), {})
        ext = cell.find(q("extLst"))
        if ext is not None:
            ext.addprevious(new)
        else:
            cell.append(new)
        return new

    def text(value: str) -> None:
        cell.set("t", "inlineStr")
        t = ooxml.sub(child("is"), "t")
        t.text = value
        if value != value.strip() or "\n" in value:
            t.set(f"{{{XML_NS}}}space", "preserve")

    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        if cell.get("s") is None:
            cell.getparent().remove(cell)
    elif isinstance(value, str):
        text(value)
    elif isinstance(value, bool):
        cell.set("t", "b")
        child("v").text = "1" if value else "0"
    elif isinstance(value, Decimal):
        child("v").text = repr(float(value))
    elif isinstance(value, int | float):
        child("v").text = str(value)
    elif isinstance(value, date | time):
        child("v").text = repr(cells.excel_serial(value, date1904=date1904))
        style = int(cell.get("s", "0"))
        if not styles.is_date_xf(style) and not isinstance(value, time):
            fmt = DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT
            cell.set("s", str(styles.with_number_format(style, fmt)))
    else:
        text(str(value))


def _reference_write_column(
    pkg: Package, workbook: Workbook, styles: StyleMerger, update: ColumnUpdate
) -> str:
    entry = workbook.find(update.sheet)
    assert entry is not None
    root = pkg.xml(entry.part)
    grid = cells.CellGrid(root.find(q("sheetData")))
    last_row = max([update.last_row, *update.values])
    col = cells._status_column(pkg, workbook, entry.part, root, grid, update=update,
                               last_row=last_row)
    cells._check_formulas(grid, update, col)
    existing = {n: c for n, row in grid.rows.items() for c in row.iterchildren(q("c"))
                if column_number(c.get("r").rstrip("0123456789")) == col}
    for n, cell in existing.items():
        if update.header_row < n <= update.last_row and n not in update.values:
            _reference_set_value(cell, None, styles, workbook.date1904)
    for n, value in sorted(update.values.items()):
        if n <= update.header_row:
            continue
        cell = existing.get(n)
        if cell is None:
            cell = _reference_cell(grid, n, col, create=value is not None)
        if cell is not None:
            _reference_set_value(cell, value, styles, workbook.date1904)
    cells.grow_dimension(root, update.header_row, col, last_row)
    pkg.mark(entry.part)
    return f"{entry.name}: {update.header}"


def _sparse_book(path: Path) -> Path:
    """Cells with gaps on both sides of columns C and E, styled empty cells, missing rows."""
    from openpyxl import Workbook as OpenpyxlWorkbook
    from openpyxl.styles import Font, PatternFill

    wb = OpenpyxlWorkbook()
    ws = wb.active
    ws.title = SHEET
    for col, header in enumerate(["ID", "Nazwisko", "Status", "Uwagi", "Wynik", "", "Inne"], 1):
        if header:
            ws.cell(row=1, column=col, value=header)
    fill = PatternFill("solid", start_color="FFFFEEAA", end_color="FFFFEEAA")
    for r in range(2, 40):
        if r % 9 == 0:
            continue  # a missing row
        ws.cell(row=r, column=1, value=f"U{r:03}")
        if r % 2:
            ws.cell(row=r, column=2, value=f"Nazwisko {r}")
        if r % 3 == 0 or r % 6 == 1:  # rows 7, 13… get no value: their old one goes
            ws.cell(row=r, column=3, value="stary").fill = fill if r % 4 == 1 else PatternFill()
        elif r % 5 == 0:
            ws.cell(row=r, column=3).fill = fill  # styled, empty
        if r % 4 == 0:
            ws.cell(row=r, column=5, value=r * 1.5).font = Font(italic=True)
        if r % 7 == 0:
            ws.cell(row=r, column=7, value="x")
    wb.save(path)
    return path


_VALUES: list[Any] = [
    "OK", " z odstępem", "dwa\nwiersze", True, False, 7, 2.5, Decimal("1.25"),
    date(2025, 1, 31), datetime(2025, 1, 31, 8, 30), time(9, 15), None, math.nan, "",
]


def _updates() -> list[ColumnUpdate]:
    def values(offset: int, rows: range) -> dict[int, Any]:
        return {r: _VALUES[(r + offset) % len(_VALUES)] for r in rows if r % 6 != 1}

    return [
        ColumnUpdate(SHEET, 1, "Status", 3, values(0, range(2, 44)), last_row=37),
        ColumnUpdate(SHEET, 1, "Wynik", 5, values(3, range(2, 30)), last_row=39),
        ColumnUpdate(SHEET, 1, "Nowa kolumna", None, values(5, range(2, 47)), last_row=41),
        ColumnUpdate(SHEET, 1, "Druga nowa", None, {5: "a", 50: "b", 12: None}, last_row=20),
    ]


def _written(path: Path, monkeypatch: pytest.MonkeyPatch, *, reference: bool) -> dict[str, bytes]:
    with monkeypatch.context() as patch:
        if reference:
            patch.setattr(file_sink, "write_columns", lambda pkg, book, styles, updates: [
                _reference_write_column(pkg, book, styles, u) for u in updates])
        file_sink.FileSink(path, keep_backups=0, clock=lambda: WHEN).apply(
            WritePlan(command="kis-xl check", summary="", columns=_updates()))
    return read_parts(path)


def test_fast_status_columns_write_what_the_plain_editor_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _sparse_book(tmp_path / "a.xlsx").read_bytes()
    (tmp_path / "b.xlsx").write_bytes(data)
    fast = _written(tmp_path / "a.xlsx", monkeypatch, reference=False)
    plain = _written(tmp_path / "b.xlsx", monkeypatch, reference=True)
    assert fast.keys() == plain.keys()
    for name in fast:
        assert fast[name] == plain[name], name
    assert b"Nowa kolumna" in fast["xl/worksheets/sheet1.xml"]


def test_the_comparison_sees_a_cell_written_out_of_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The test above can fail: a writer that appends new cells at a row's end differs."""
    data = _sparse_book(tmp_path / "a.xlsx").read_bytes()
    (tmp_path / "b.xlsx").write_bytes(data)
    plain = _written(tmp_path / "b.xlsx", monkeypatch, reference=True)

    def appending(self: cells.CellGrid, n: int, col: int, *, create: bool) -> Element | None:
        row = self.row(n, create=create)
        if row is None:
            return None
        for c in row.iterchildren(q("c")):
            if cells.column_of(c) == col:
                return c
        if not create:
            return None
        new = ooxml.sub(row, "c")
        new.set("r", cell_ref(n, col))
        return new

    monkeypatch.setattr(cells.CellGrid, "cell", appending)
    wrong = _written(tmp_path / "a.xlsx", monkeypatch, reference=False)
    assert wrong["xl/worksheets/sheet1.xml"] != plain["xl/worksheets/sheet1.xml"]


def _c14n(data: bytes) -> bytes:
    from lxml import etree

    return bytes(etree.tostring(etree.fromstring(data), method="c14n"))


def _existing_columns(updates: list[ColumnUpdate]) -> list[ColumnUpdate]:
    return [u for u in updates if u.column is not None]


def _written_with(path: Path, updates: list[ColumnUpdate], monkeypatch: pytest.MonkeyPatch,
                  *, text: bool) -> tuple[dict[str, bytes], int]:
    """The package after ``updates``, by the text editor or the tree (reference) editor."""
    from kis_xl.sinks.xlsx import column_text

    edits = []
    original = column_text.edit_column

    def counted(*args: Any, **kwargs: Any) -> bytes | None:
        out = original(*args, **kwargs)
        edits.append(out is not None)
        return out

    with monkeypatch.context() as patch:
        patch.setattr(column_text, "edit_column", counted)
        if not text:
            patch.setattr(file_sink, "write_columns", lambda pkg, book, styles, ups: [
                _reference_write_column(pkg, book, styles, u) for u in ups])
        file_sink.FileSink(path, keep_backups=0, clock=lambda: WHEN).apply(
            WritePlan(command="kis-xl check", summary="", columns=updates))
    return read_parts(path), sum(edits)


def _assert_same(text: dict[str, bytes], tree: dict[str, bytes]) -> None:
    assert text.keys() == tree.keys()
    for name, data in text.items():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            assert _c14n(data) == _c14n(tree[name]), name
        else:
            assert data == tree[name], name


def test_status_columns_written_as_text_equal_the_tree_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Existing columns go through ``column_text``: the sheet means what the tree edit wrote."""
    import re

    from tests.ooxml_checks import write_parts

    parts = read_parts(_sparse_book(tmp_path / "a.xlsx"))
    sheet = parts["xl/worksheets/sheet1.xml"]  # spans as Excel writes them, some too narrow
    parts["xl/worksheets/sheet1.xml"] = re.sub(
        rb'<row r="(\d+)"', lambda m: m.group(0) + (b' spans="1:2"' if int(m.group(1)) % 2
                                                    else b' spans="1:7"'), sheet)
    data = write_parts(tmp_path / "a.xlsx", parts).read_bytes()
    (tmp_path / "b.xlsx").write_bytes(data)
    updates = _existing_columns(_updates())
    for u in updates:  # rows beyond the sheet's would send the text editor to the tree
        u.values = {r: v for r, v in u.values.items() if r <= 39 and r % 9}
    text, edits = _written_with(tmp_path / "a.xlsx", updates, monkeypatch, text=True)
    tree, _ = _written_with(tmp_path / "b.xlsx", updates, monkeypatch, text=False)
    assert edits == 2, "both columns written as text"
    _assert_same(text, tree)


def test_status_column_as_text_on_the_rich_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Excel-like participants sheet (table, validations, styles), values of every type."""
    from tests.rich_workbook import N_PARTICIPANTS, build_base
    from tests.write_plans import status_update

    data = build_base(tmp_path / "a.xlsx").read_bytes()
    (tmp_path / "b.xlsx").write_bytes(data)
    values = {r: _VALUES[r % len(_VALUES)] for r in range(2, N_PARTICIPANTS + 2) if r % 5}
    updates = [status_update(values)]
    text, edits = _written_with(tmp_path / "a.xlsx", updates, monkeypatch, text=True)
    tree, _ = _written_with(tmp_path / "b.xlsx", updates, monkeypatch, text=False)
    assert edits == 1
    _assert_same(text, tree)


def test_the_text_comparison_sees_a_wrong_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The comparisons above can fail: a text editor that loses one value differs."""
    from kis_xl.sinks.xlsx import column_text

    data = _sparse_book(tmp_path / "a.xlsx").read_bytes()
    (tmp_path / "b.xlsx").write_bytes(data)
    updates = _existing_columns(_updates())
    for u in updates:
        u.values = {r: v for r, v in u.values.items() if r <= 39 and r % 9}
    tree, _ = _written_with(tmp_path / "b.xlsx", updates, monkeypatch, text=False)
    cell = column_text._cell

    def losing(attrs: bytes, value: Any, styles: StyleMerger, date1904: bool) -> bytes | None:
        return cell(attrs, None if value == "OK" else value, styles, date1904)

    monkeypatch.setattr(column_text, "_cell", losing)
    text, edits = _written_with(tmp_path / "a.xlsx", updates, monkeypatch, text=True)
    assert edits == 2
    with pytest.raises(AssertionError):
        _assert_same(text, tree)


def test_a_second_run_as_text_equals_the_tree_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cells the first run wrote (inline strings, dates with a new format) are rewritten."""
    from tests.rich_workbook import N_PARTICIPANTS, build_base
    from tests.write_plans import status_update

    data = build_base(tmp_path / "a.xlsx").read_bytes()
    (tmp_path / "b.xlsx").write_bytes(data)
    rows = range(2, N_PARTICIPANTS + 2)
    first = {r: _VALUES[r % len(_VALUES)] for r in rows}
    second = {r: _VALUES[(r * 7) % len(_VALUES)] for r in rows if r % 3}
    edits = 0
    for values in (first, second):
        text, n = _written_with(tmp_path / "a.xlsx", [status_update(values)], monkeypatch,
                                text=True)
        tree, _ = _written_with(tmp_path / "b.xlsx", [status_update(values)], monkeypatch,
                                text=False)
        edits += n
        _assert_same(text, tree)
        # the next run starts from the same sheet both ways
        (tmp_path / "b.xlsx").write_bytes((tmp_path / "a.xlsx").read_bytes())
    assert edits == 2


@pytest.mark.parametrize("unreadable", [
    b'<?xml version="1.0" encoding="ISO-8859-2"?>',  # new text would be UTF-8
    b"<!-- komentarz -->",
    b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
])
def test_sheets_the_text_editor_cannot_read_go_to_the_tree(unreadable: bytes) -> None:
    from kis_xl.sinks.xlsx import column_text

    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="' + main + b'">'
             b'<dimension ref="A1:B2"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Status'
             b'</t></is></c></row><row r="2"><c r="A2"/></row></sheetData></worksheet>')
    update = ColumnUpdate(SHEET, 1, "Status", 1, {2: "OK"}, last_row=2)
    styles = StyleMerger(ooxml.parse(b'<styleSheet xmlns="' + main + b'"/>'))
    assert column_text.edit_column(sheet, update, 1, styles, False) is not None
    if unreadable.startswith(b"<?xml"):
        spoiled = unreadable + sheet[sheet.index(b"?>") + 2:]
    elif unreadable.startswith(b"<!--"):
        spoiled = sheet.replace(b"<sheetData>", unreadable + b"<sheetData>")
    else:
        spoiled = (sheet.replace(b'<worksheet xmlns="' + main + b'">', unreadable)
                   .replace(b"</worksheet>", b"</x:worksheet>"))
    assert column_text.edit_column(spoiled, update, 1, styles, False) is None


def test_check_writes_the_participants_sheet_without_parsing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check` on a demo club writes its two status columns as text: the participants' sheet
    (megabytes in a big club) is never parsed into a tree, only its header row."""
    from kis_xl.actions.base import run_on_file
    from kis_xl.actions.registry import get
    from kis_xl.demo.club import write_demo_workbook
    from kis_xl.workbook import schema

    path = write_demo_workbook(tmp_path / "klub.xlsx", date(2026, 11, 23), 1)
    parsed: list[str] = []
    xml = Package.xml

    def spied(self: Package, part: str) -> Element:
        parsed.append(part)
        return xml(self, part)

    monkeypatch.setattr(Package, "xml", spied)
    spec = get("check")
    fn = spec.load()
    result = run_on_file(path, lambda c: fn(c, today=date(2026, 11, 23)), sheets=spec.sheets)
    assert result.plan is not None and result.plan.columns
    assert result.written is not None and len(result.written.columns) == 2
    book = Workbook(Package(path.read_bytes()))
    entry = book.find(schema.sheet("participants").name)
    assert entry is not None
    assert entry.part not in parsed


def test_a_write_without_status_columns_loads_no_column_editor(tmp_path: Path) -> None:
    """`hours` and `outcomes` write only result sheets: a ribbon click neither compiles nor
    imports the status-column and row-append editors."""
    import subprocess
    import sys

    from tests.rich_workbook import build_base

    path = build_base(tmp_path / "klub.xlsx")
    probe = (
        "import sys\n"
        "from kis_xl.plan.writeback import WritePlan\n"
        "from kis_xl.sinks.xlsx.file_sink import FileSink\n"
        "from tests.write_plans import hours_sheet\n"
        f"FileSink({str(path)!r}).apply(WritePlan('kis-xl hours', '', [hours_sheet()]))\n"
        "print(sorted(m for m in sys.modules if m.endswith(('.cells', '.append_rows',"
        " '.column_text'))), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=False, cwd=Path(__file__).resolve().parents[1])
    assert proc.stderr.strip().splitlines()[-1] == "[]", proc.stderr


def test_listed_rows_are_found_by_their_tag_as_every_row_walked_finds_them() -> None:
    """An update of listed rows only (the register's changed marks) finds them by their
    ``<row r="N"`` tag, without walking every row; a row whose tag starts otherwise sends
    it to the walk, and both write the same sheet."""
    from kis_xl.sinks.xlsx import column_text

    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>'
                    % (n, n) for n in range(2, 40))
    sheet = (b'<worksheet xmlns="' + main + b'"><dimension ref="A1:A39"/><sheetData>'
             b'<row r="1"><c r="A1" t="inlineStr"><is><t>Status</t></is></c></row>' + rows
             + b'<row r="40"/></sheetData></worksheet>')
    values: dict[int, Any] = {3: "OK", 17: None, 23: "błąd", 40: "OK"}
    listed = ColumnUpdate(SHEET, 1, "Status", 1, values, last_row=1)
    walked = ColumnUpdate(SHEET, 1, "Status", 1, values, last_row=0)
    styles = StyleMerger(ooxml.parse(b'<styleSheet xmlns="' + main + b'"/>'))
    found = column_text.edit_column(sheet, listed, 1, styles, False)
    assert found is not None and found == column_text.edit_column(sheet, walked, 1, styles,
                                                                   False)
    assert b'<row r="40"><c r="A40" t="inlineStr"><is><t>OK</t>' in found
    assert b'<row r="17"></row>' in found and b"<t>b\xc5\x82\xc4\x85d</t>" in found
    assert column_text._listed_rows(sheet, 0, len(sheet), [3, 17]) is not None
    other = sheet.replace(b'<row r="23">', b'<row spans="1:1" r="23">')
    assert column_text._listed_rows(other, 0, len(other), [3, 23]) is None
    assert column_text.edit_column(other, listed, 1, styles, False) == column_text.edit_column(
        other, walked, 1, styles, False)
