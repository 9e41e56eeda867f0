"""The direct writing of table cells gives the same sheets as openpyxl cell by cell.

``render`` writes the data cells of result tables as text (``DirectCells``) and lets
openpyxl write the rest; ``render(direct=False)`` is the plain openpyxl path. Both are
opened with openpyxl and compared cell by cell: value, type, number format, font, fill,
border, alignment, hyperlink, and per sheet merges, column widths, row heights, print
settings and charts.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kis_xl.actions.base import run_on_file
from kis_xl.actions.registry import get
from kis_xl.demo.club import write_demo_workbook
from kis_xl.plan.sheetspec import Block, Chart, Col, GeneratedSheet, Link
from kis_xl.sinks.xlsx.render import BaseFont, render

WHEN = datetime(2025, 3, 5, 9, 31)
TODAY = date(2026, 11, 23)


def _cell_facts(cell: Any) -> tuple[Any, ...]:
    link = cell.hyperlink
    return (
        cell.value, cell.data_type, cell.number_format, repr(cell.font), repr(cell.fill),
        repr(cell.border), repr(cell.alignment), repr(cell.protection),
        (link.ref, link.location, link.target, link.display) if link is not None else None,
    )


def _sheet_facts(ws: Any) -> dict[str, Any]:
    return {
        "dimension": ws.dimensions,
        "merges": sorted(str(r) for r in ws.merged_cells.ranges),
        "widths": {k: (d.width, d.customWidth) for k, d in ws.column_dimensions.items()},
        "heights": {k: (d.height, d.customHeight) for k, d in ws.row_dimensions.items()},
        "tab": repr(ws.sheet_properties.tabColor),
        "page": repr(ws.page_setup),
        "fit": repr(ws.sheet_properties.pageSetUpPr),
        "print_titles": ws.print_title_cols,
        "charts": [
            (type(c).__name__, repr(c.anchor._from), [repr(s.val) for s in c.series])
            for c in ws._charts
        ],
        "links": sorted((h.ref, h.location) for h in ws._hyperlinks),
    }


def assert_same_workbooks(plain: bytes, direct: bytes) -> int:
    """Every sheet of ``direct`` equals the same sheet of ``plain``; returns the cells compared."""
    from openpyxl import load_workbook

    a, b = load_workbook(io.BytesIO(plain)), load_workbook(io.BytesIO(direct))
    assert a.sheetnames == b.sheetnames
    compared = 0
    for name in a.sheetnames:
        wa, wb = a[name], b[name]
        assert _sheet_facts(wa) == _sheet_facts(wb), name
        cells_a = {k: _cell_facts(c) for k, c in wa._cells.items()}
        cells_b = {k: _cell_facts(c) for k, c in wb._cells.items()}
        assert cells_a.keys() == cells_b.keys(), name
        for key, facts in cells_a.items():
            assert cells_b[key] == facts, (name, key)
        compared += len(cells_a)
    return compared


def tricky_sheet() -> GeneratedSheet:
    """Every kind of value, look, link and mark the renderer handles, in two blocks."""
    values: list[list[Any]] = [
        ["  spacje wokół ", 1, 2.5, True, date(2025, 1, 31), "a & b < c > d \"q\""],
        ["=SUMA(A1)", -3, 1e-7, False, datetime(2025, 2, 1, 13, 45), "wiersz\r\ndrugi"],
        ["+48 600", 10**15, 123456789.123, None, time(8, 30), "\x01nielegalny\x0b"],
        ["", 0, float("nan"), Decimal("1.25"), timedelta(hours=5), "zażółć gęślą jaźń"],
        ["@x", None, 3.0, 7, date(1900, 2, 1), None],
        ["krótki"],
        ["x" * 40000, None, None, None, None, "niełamliwa\u00a0spacja\ttab"],
    ]
    links = {(i, 0): Link("Uczestnicy 'stare' & nowe", f"A{i + 2}") for i in range(4)}
    links[(2, 5)] = Link("Obecności", "C7")
    first = Block(
        "Tabela z pułapkami",
        [Col("Tekst", 20), Col("Liczba", number_format="0"), Col("Ułamek", number_format="0.00"),
         Col("Tak/nie"), Col("Data"), Col("Uwagi", 40, wrap=True)],
        values, links=links, marks=["error", "warning", "muted", "total", None, "ok", "info"],
        note="Notatka pod tytułem, długa na tyle, by się zawinęła w kilku kolumnach tabeli.",
    )
    months = [[date(2024, m, 1), 100.0 + m, 120] for m in range(1, 13)] + [["Razem", 1278.0, 1440]]
    second = Block("Miesiące", [Col("Miesiąc", 12, "mm.yyyy"), Col("Godziny"), Col("Plan")],
                   months, marks=[None] * 12 + ["total"])
    empty = Block("Pusta tabela", [Col("A"), Col("B")], [])
    return GeneratedSheet(
        "hours_results", "Wynik próbny", "Wynik próbny", [first, second, empty],
        subtitle="Podtytuł",
        charts=[Chart("column", "Godziny", 1, 0, (1, 2), skip_last_row=True),
                Chart("bar", "Plan", 1, 0, (2,), y_title="h", x_title="miesiąc")],
    )


def test_direct_cells_equal_openpyxl_cells_on_tricky_values() -> None:
    sheets = [tricky_sheet()]
    plain = render(sheets, command="kis-xl hours", when=WHEN, font=BaseFont("Arial", 10),
                   direct=False)
    direct = render(sheets, command="kis-xl hours", when=WHEN, font=BaseFont("Arial", 10))
    assert plain != direct  # the two paths really differ in how they write
    assert assert_same_workbooks(plain, direct) > 80


def test_the_comparison_notices_a_dropped_style_or_link() -> None:
    """The check above is not blind: a lost style index or hyperlink fails it."""
    import re
    import zipfile

    sheets = [tricky_sheet()]
    plain = render(sheets, command="kis-xl hours", when=WHEN, font=BaseFont(), direct=False)
    direct = render(sheets, command="kis-xl hours", when=WHEN, font=BaseFont())

    def spoiled(edit: Any) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(direct)) as src, zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                data = src.read(info)
                if info.filename == "xl/worksheets/sheet1.xml":
                    data = edit(data.decode()).encode()
                dst.writestr(info.filename, data)
        return out.getvalue()

    for edit in (
        lambda x: re.sub(r'(<c r="B10") s="\d+"', r"\1", x, count=1),
        lambda x: re.sub(r"<hyperlink [^>]*/>", "", x, count=1),
        lambda x: x.replace("<v>2.5</v>", "<v>2.6</v>", 1),
    ):
        with pytest.raises(AssertionError):
            assert_same_workbooks(plain, spoiled(edit))


@pytest.mark.parametrize("command", ["check", "hours", "outcomes"])
def test_direct_cells_equal_openpyxl_cells_on_a_club(tmp_path: Path, command: str) -> None:
    """The result sheets of a demo club (three times the demo) come out the same both ways."""
    path = write_demo_workbook(tmp_path / "klub.xlsx", TODAY, 3)
    action = get(command)
    fn = action.load()
    result = run_on_file(path, lambda c: fn(c, today=TODAY), write=False, sheets=action.sheets)
    assert result.plan is not None and result.plan.sheets
    sheets = result.plan.sheets
    plain = render(sheets, command=f"kis-xl {command}", when=WHEN, font=BaseFont(),
                   direct=False)
    direct = render(sheets, command=f"kis-xl {command}", when=WHEN, font=BaseFont())
    assert assert_same_workbooks(plain, direct) > 200


@pytest.mark.parametrize("selected", [False, True])
def test_transplant_as_text_equals_transplant_as_tree(tmp_path: Path, selected: bool) -> None:
    """Result sheets edited as text (styles re-indexed, tab selection) equal the tree edit."""
    from lxml import etree

    from kis_xl.sinks.xlsx.package import Package
    from kis_xl.sinks.xlsx.styles import StyleMerger
    from kis_xl.sinks.xlsx.transplant import transplant_sheets
    from kis_xl.sinks.xlsx.workbook import Workbook
    from tests.rich_workbook import build_base

    base = build_base(tmp_path / "klub.xlsx").read_bytes()
    sheet = tricky_sheet()
    scratch_bytes = render([sheet], command="kis-xl hours", when=WHEN, font=BaseFont())
    if selected:  # an earlier result sheet of that name is the selected tab
        earlier = Package(base)
        book = Workbook(earlier)
        styles = StyleMerger(earlier.xml(book.styles_part() or ""))
        scratch = Package(scratch_bytes)
        styles.source = scratch.xml(Workbook(scratch).styles_part() or "")
        transplant_sheets(earlier, book, scratch, styles)
        part = book.find(sheet.name)
        assert part is not None
        text = earlier.read(part.part).replace(b"<sheetView ", b'<sheetView tabSelected="1" ')
        earlier.put(part.part, text)
        out = io.BytesIO()
        earlier.save(out)
        base = out.getvalue()

    def transplanted(as_text: bool) -> tuple[bytes, bytes]:
        pkg = Package(base)
        book = Workbook(pkg)
        styles = StyleMerger(pkg.xml(book.styles_part() or ""))
        scratch = Package(scratch_bytes)
        styles.source = scratch.xml(Workbook(scratch).styles_part() or "")
        transplant_sheets(pkg, book, scratch, styles, as_text=as_text)
        entry = book.find(sheet.name)
        assert entry is not None
        c14n = etree.tostring(etree.fromstring(pkg.read(entry.part)), method="c14n")
        return c14n, etree.tostring(styles.target, method="c14n")

    as_text, as_tree = transplanted(True), transplanted(False)
    assert as_text == as_tree
    assert (b'tabSelected="1"' in as_text[0]) is selected


def _transplanted(base: bytes, sheets: list[GeneratedSheet], *, spliced_first: bool,
                  selected: bool = False) -> dict[str, bytes]:
    """``base`` with ``sheets`` transplanted, every part of the package (unzipped)."""
    import zipfile

    from kis_xl.sinks.xlsx.package import Package
    from kis_xl.sinks.xlsx.render import render_parts
    from kis_xl.sinks.xlsx.styles import StyleMerger
    from kis_xl.sinks.xlsx.transplant import transplant_sheets
    from kis_xl.sinks.xlsx.workbook import Workbook

    pkg = Package(base)
    book = Workbook(pkg)
    styles = StyleMerger(pkg.xml(book.styles_part() or ""))
    if spliced_first:  # as before: render() splices, the transplant re-indexes the whole text
        scratch, direct = Package(render(sheets, command="kis-xl x", when=WHEN,
                                         font=BaseFont())), None
    else:
        data, direct = render_parts(sheets, command="kis-xl x", when=WHEN, font=BaseFont())
        scratch = Package(data)
    styles.source = scratch.xml(Workbook(scratch).styles_part() or "")
    if selected:  # the first result sheet replaces a selected tab
        for sheet in scratch.xml("xl/workbook.xml").iter("{*}sheet"):
            book.add_sheet(sheet.get("name"))
            entry = book.find(sheet.get("name"))
            assert entry is not None
            pkg.put(entry.part, (
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b'<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>'
                b"<sheetData/></worksheet>"))
            break
    transplant_sheets(pkg, book, scratch, styles, direct=direct)
    if styles.changed:
        pkg.mark(book.styles_part() or "")
    out = io.BytesIO()
    pkg.save(out)
    with zipfile.ZipFile(out) as z:
        return {name: z.read(name) for name in z.namelist()}


@pytest.mark.parametrize("selected", [False, True])
def test_cells_spliced_in_the_transplant_equal_cells_spliced_before(
    tmp_path: Path, selected: bool
) -> None:
    """The file sink splices direct cells while re-indexing styles: same package, byte for byte."""
    from tests.rich_workbook import build_base

    base = build_base(tmp_path / "klub.xlsx").read_bytes()
    sheets = [tricky_sheet(), GeneratedSheet("check_results", "Wynik kontroli", "Kontrola",
                                             [Block("Pusta", [Col("A")], [])])]
    before = _transplanted(base, sheets, spliced_first=True, selected=selected)
    now = _transplanted(base, sheets, spliced_first=False, selected=selected)
    assert before.keys() == now.keys()
    for name in before:
        assert now[name] == before[name], name
    assert any(b'ht="30" customHeight="1"' in now[name] for name in now)


@pytest.mark.parametrize("command", ["check", "hours", "outcomes"])
def test_cells_spliced_in_the_transplant_on_a_club(tmp_path: Path, command: str) -> None:
    path = write_demo_workbook(tmp_path / "klub.xlsx", TODAY, 1)
    action = get(command)
    fn = action.load()
    result = run_on_file(path, lambda c: fn(c, today=TODAY), write=False, sheets=action.sheets)
    assert result.plan is not None
    base = path.read_bytes()
    before = _transplanted(base, result.plan.sheets, spliced_first=True)
    now = _transplanted(base, result.plan.sheets, spliced_first=False)
    assert before == now


def test_the_splice_comparison_sees_a_style_not_reindexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The comparison above can fail: direct cells keeping the scratch style index differ."""
    from kis_xl.sinks.xlsx import transplant
    from tests.rich_workbook import build_base

    base = build_base(tmp_path / "klub.xlsx").read_bytes()
    before = _transplanted(base, [tricky_sheet()], spliced_first=True)
    monkeypatch.setattr(transplant._TextRestyle, "style", lambda self, attribute: attribute)
    now = _transplanted(base, [tricky_sheet()], spliced_first=False)
    assert now != before
