"""Generated sheets: rendered, marked, transplanted, replaced in place, logged."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from kis_xl.plan.sheetspec import GENERATED_MARK, Block, Chart, Col, GeneratedSheet
from kis_xl.plan.writeback import WritePlan
from kis_xl.sinks.xlsx import layout
from kis_xl.sinks.xlsx.file_sink import FileSink
from kis_xl.sinks.xlsx.package import Package
from kis_xl.sinks.xlsx.render import BaseFont, render
from kis_xl.sinks.xlsx.styles import StyleMerger
from kis_xl.sinks.xlsx.transplant import transplant_sheets
from kis_xl.sinks.xlsx.workbook import Workbook
from tests.ooxml_checks import (
    MAIN,
    R,
    problems,
    read_parts,
    rels_of,
    sheet_parts,
    write_parts,
)
from tests.rich_workbook import PARTICIPANTS, build_base, build_rich
from tests.write_plans import CHECK, HOURS, LOG, Clock, check_sheet, full_plan, hours_sheet


def load(path: Path):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    return load_workbook(path)


def chart_parts(parts: dict[str, bytes]) -> list[str]:
    return sorted(n for n in parts if n.startswith("xl/charts/"))


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return build_base(tmp_path / "klub.xlsx")


def test_generated_sheet_is_marked_and_laid_out(base: Path) -> None:
    FileSink(base, clock=Clock()).apply(full_plan())
    ws = load(base)[CHECK]
    a1 = ws["A1"].value
    assert a1.startswith(GENERATED_MARK)
    assert "kis-xl check" in a1 and "05.03.2025 09:31" in a1
    where = layout.layout(check_sheet())
    block = where.blocks[0]
    assert ws.cell(row=where.title_row, column=1).value == "Wynik kontroli"
    assert ws.cell(row=block.title_row, column=1).value == "Ustalenia"
    assert [c.value for c in ws[block.header_row]] == ["ID uczestnika", "Waga", "Opis"]
    assert ws.cell(row=block.header_row, column=1).font.b
    first = ws.cell(row=block.first_row, column=1)
    assert first.value == "U001"
    assert first.hyperlink.location == f"'{PARTICIPANTS}'!A2"
    assert first.hyperlink.target is None
    fills = [ws.cell(row=block.first_row + i, column=2).fill.fgColor.rgb for i in (0, 1)]
    assert fills == ["FF" + layout.MARK_FILLS["error"], "FF" + layout.MARK_FILLS["warning"]]
    assert ws.sheet_properties.tabColor.rgb == "FF" + layout.TAB_COLOR
    assert ws.column_dimensions["C"].width == 50
    assert int(ws.page_setup.paperSize) == layout.PAPER_A4, "Polish offices print on A4"


def test_wrapped_text_gets_its_row_height(base: Path) -> None:
    text = "Uzupełnij datę podpisania kontraktu socjalnego w arkuszu uczestników. " * 4
    spec = GeneratedSheet("check_results", CHECK, "Wynik kontroli", [
        Block("Ustalenia", [Col("Waga", 12), Col("Opis", 30, wrap=True)], [["błąd", text]]),
    ])
    FileSink(base).apply(WritePlan("kis-xl check", "test", sheets=[spec]))
    ws = load(base)[CHECK]
    row = layout.layout(spec).blocks[0].first_row
    lines = layout.text_lines(text, 30)
    assert lines > 1
    assert ws.row_dimensions[row].height == lines * layout.LINE_HEIGHT_PT
    assert ws.cell(row=row, column=2).alignment.wrap_text
    assert ws.cell(row=row, column=1).alignment.vertical == "top"


def test_hyperlinks_need_no_relationship(base: Path) -> None:
    FileSink(base).apply(full_plan())
    parts = read_parts(base)
    part = sheet_parts(parts)[CHECK]
    assert b"<hyperlink " in parts[part]
    assert all("hyperlink" not in t for t, _, _ in rels_of(parts, part).values())


def test_hours_sheet_has_formats_totals_and_native_charts(base: Path) -> None:
    FileSink(base).apply(full_plan())
    ws = load(base)[HOURS]
    block = layout.layout(hours_sheet()).blocks[0]
    assert ws.cell(row=block.first_row, column=1).number_format == "dd.mm.yyyy"
    assert ws.cell(row=block.first_row, column=2).number_format == "0.0"
    assert ws.cell(row=block.last_row, column=1).value == "Razem"
    assert ws.cell(row=block.last_row, column=2).font.b
    assert ws.cell(row=block.last_row, column=2).value == 100
    parts = read_parts(base)
    charts = chart_parts(parts)
    assert len(charts) == 2
    xml = b"".join(parts[c] for c in charts).decode()
    values = f"'{HOURS}'!$B${block.first_row}:$B${block.last_row - 1}"
    assert values in xml, "values come from the block, the totals row left out"
    assert f"<f>'{HOURS}'!B{block.header_row}</f>" in xml, "series named by the header"
    assert "<lineChart>" in xml and "<barChart>" in xml
    assert '<formatCode>0</formatCode>' in xml or 'formatCode="0"' in xml, "whole-hour axis"


def test_charts_survive_an_openpyxl_load(base: Path) -> None:
    FileSink(base).apply(full_plan())
    assert len(load(base)[HOURS]._charts) == 2


def test_new_generated_sheets_go_after_the_users_sheets(tmp_path: Path) -> None:
    path = build_rich(tmp_path / "klub.xlsx")
    FileSink(path).apply(full_plan())
    names = list(sheet_parts(read_parts(path)))
    assert names[-3:] == [CHECK, HOURS, LOG]
    assert names[:3] == [PARTICIPANTS, "Obecności", "Panel"]


def test_replacing_keeps_position_id_and_styles_size_and_leaves_no_orphans(tmp_path: Path) -> None:
    path = build_rich(tmp_path / "klub.xlsx")
    sink = FileSink(path, clock=Clock())
    sizes, identities = [], []
    for _ in range(3):
        sink.apply(full_plan())
        parts = read_parts(path)
        sizes.append(len(parts["xl/styles.xml"]))
        book = etree.fromstring(parts["xl/workbook.xml"])
        identities.append([
            (s.get("name"), s.get("sheetId"), s.get(f"{{{R}}}id"))
            for s in book.iter(f"{{{MAIN}}}sheet")
        ])
        assert problems(path) == []
        assert len(chart_parts(parts)) == 2
        assert len([n for n in parts if n.startswith("xl/drawings/drawing")]) == 2  # Panel + hours
    assert sizes[0] == sizes[1] == sizes[2]
    assert identities[0] == identities[1] == identities[2]


def test_fewer_charts_next_time_leave_no_chart_parts_behind(base: Path) -> None:
    sink = FileSink(base)
    sink.apply(full_plan())
    sink.apply(WritePlan(command="kis-xl hours", summary="", sheets=[hours_sheet(charts=1)]))
    assert len(chart_parts(read_parts(base))) == 1
    sink.apply(WritePlan(command="kis-xl hours", summary="", sheets=[hours_sheet(charts=0)]))
    parts = read_parts(base)
    assert chart_parts(parts) == []
    assert not [n for n in parts if n.startswith("xl/drawings/drawing")]
    assert problems(base) == []


def test_a_sheet_the_user_moved_stays_where_they_put_it(base: Path) -> None:
    sink = FileSink(base)
    sink.apply(full_plan())
    parts = read_parts(base)
    book = etree.fromstring(parts["xl/workbook.xml"])
    sheets = book.find(f"{{{MAIN}}}sheets")
    hours = next(s for s in sheets if s.get("name") == HOURS)
    sheets.remove(hours)
    sheets.insert(0, hours)
    parts["xl/workbook.xml"] = etree.tostring(book, xml_declaration=True, encoding="UTF-8")
    write_parts(base, parts)
    sink.apply(full_plan())
    assert next(iter(sheet_parts(read_parts(base)))) == HOURS
    assert load(base).worksheets[0]["A1"].value.startswith(GENERATED_MARK)


def test_the_active_generated_sheet_stays_selected_and_no_other_is(base: Path) -> None:
    sink = FileSink(base)
    sink.apply(full_plan())
    parts = read_parts(base)
    part = sheet_parts(parts)[HOURS]
    parts[part] = parts[part].replace(b"<sheetView ", b'<sheetView tabSelected="1" ')
    write_parts(base, parts)
    sink.apply(full_plan())
    parts = read_parts(base)
    selected = [name for name, p in sheet_parts(parts).items() if b'tabSelected="1"' in parts[p]]
    assert selected == [HOURS]


def test_change_log_grows_and_keeps_earlier_rows(base: Path) -> None:
    clock = Clock()
    FileSink(base, user="anna.nowak", clock=clock).apply(full_plan())
    FileSink(base, user="jan.kowalski", clock=clock).apply(
        WritePlan(command="kis-xl hours", summary="Policzono godziny.", sheets=[hours_sheet()])
    )
    ws = load(base)[LOG]
    header_row = next(r for r in range(1, 20) if ws.cell(row=r, column=1).value == "Data i godzina")
    headers = [c.value for c in ws[header_row]]
    assert headers == ["Data i godzina", "Użytkownik", "Polecenie", "Co zapisano"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=header_row + 1)]
    assert len(rows) == 2
    assert rows[0][:3] == [datetime(2025, 3, 5, 9, 31), "anna.nowak", "kis-xl check"]
    assert rows[0][3].startswith("Sprawdzono 8 uczestników.")
    assert "„Wynik kontroli”" in rows[0][3] and "„Uczestnicy: Status kontroli”" in rows[0][3]
    assert rows[1][:3] == [datetime(2025, 3, 5, 9, 32), "jan.kowalski", "kis-xl hours"]
    assert rows[1][3] == "Policzono godziny. Utworzono od nowa arkusz „Wynik godzin”."
    assert ws["A1"].value.startswith(GENERATED_MARK)
    assert "zachowuje wcześniejsze" in ws["A1"].value and "zastępowany" not in ws["A1"].value


def test_change_log_without_a_user_names_the_os_user(base: Path) -> None:
    import getpass

    FileSink(base).apply(WritePlan(command="kis-xl check", summary="x"))
    ws = load(base)[LOG]
    assert getpass.getuser() in [c.value for c in ws[ws.max_row]]


def test_empty_block_says_so_and_draws_no_chart(base: Path) -> None:
    sheet = GeneratedSheet(
        "hours_results", HOURS, "Godziny", [Block("Nic", [Col("A"), Col("B")], [])],
        charts=[Chart("bar", "Pusto", 0, 0, (1,))],
    )
    FileSink(base).apply(WritePlan(command="kis-xl hours", summary="", sheets=[sheet]))
    ws = load(base)[HOURS]
    block = layout.layout(sheet).blocks[0]
    assert ws.cell(row=block.first_row, column=1).value == layout.EMPTY_BLOCK_TEXT
    assert chart_parts(read_parts(base)) == []


def test_text_that_looks_like_a_formula_stays_text(base: Path) -> None:
    sheet = GeneratedSheet("check_results", CHECK, "x", [Block("b", [Col("a")], [["=1+1"]])])
    FileSink(base).apply(WritePlan(command="kis-xl check", summary="", sheets=[sheet]))
    part = sheet_parts(read_parts(base))[CHECK]
    xml = read_parts(base)[part]
    assert b"<f>" not in xml and b"=1+1" in xml


def test_generated_fonts_follow_the_users_default_font(base: Path) -> None:
    parts = read_parts(base)
    styles = parts["xl/styles.xml"].decode()
    styles = re.sub(r'<name val="Calibri"/>', '<name val="Arial"/>', styles, count=1)
    styles = re.sub(r'<sz val="11"/>', '<sz val="10"/>', styles, count=1)
    parts["xl/styles.xml"] = styles.encode()
    write_parts(base, parts)
    FileSink(base).apply(full_plan())
    ws = load(base)[CHECK]
    header = ws.cell(row=layout.layout(check_sheet()).blocks[0].header_row, column=1).font
    assert (header.name, header.sz, header.b) == ("Arial", 10, True)


def test_transplant_inlines_shared_strings_and_drops_tab_selection(base: Path) -> None:
    """Scratch sheets written with shared strings and a selected tab come out inline, unselected."""
    scratch_bytes = render([check_sheet()], command="kis-xl check", when=datetime(2025, 1, 2),
                           font=BaseFont())
    with zipfile.ZipFile(io.BytesIO(scratch_bytes)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace("<sheetView ", '<sheetView tabSelected="1" ')
    sheet = re.sub(
        r'<c r="A2" s="(\d+)" t="inlineStr"><is><t>[^<]*</t></is></c>',
        r'<c r="A2" s="\1" t="s"><v>1</v></c>', sheet,
    )
    assert 't="s"' in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="{MAIN}" count="2" uniqueCount="2"><si><t>inny</t></si>'
        '<si><r><t>Wynik </t></r><r><t>kontroli</t></r></si></sst>'
    ).encode()
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    scratch = Package(out.getvalue())
    target = Package(base.read_bytes())
    book = Workbook(target)
    styles = StyleMerger(target.xml("xl/styles.xml"), scratch.xml("xl/styles.xml"))
    transplant_sheets(target, book, scratch, styles)
    entry = book.find(CHECK)
    assert entry is not None
    xml = target.read(entry.part).decode()
    assert "tabSelected" not in xml
    assert '<c r="A2"' in xml and "<t>Wynik kontroli</t>" in xml and 't="s"' not in xml


def test_bar_charts_read_top_down_in_table_order() -> None:
    rows = [[f"Z{i:02}", float(i)] for i in range(1, 4)]
    spec = GeneratedSheet("hours_results", HOURS, "Godziny", [
        Block("Zajęcia", [Col("Zajęcia", 20), Col("Plan godzin", 10)], rows),
    ], charts=[Chart("bar", "Plan", 0, 0, (1,))])
    data = render([spec], command="kis-xl hours", when=datetime(2025, 3, 5), font=BaseFont())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read(next(n for n in z.namelist() if n.startswith("xl/charts/"))).decode()
    assert '<c:orientation val="maxMin"/>' in xml or 'orientation val="maxMin"' in xml
    assert 'crosses val="max"' in xml, "value axis stays under the bars"


def _rendered(spec: GeneratedSheet):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    data = render([spec], command="kis-xl outcomes", when=datetime(2025, 3, 5), font=BaseFont())
    return load_workbook(io.BytesIO(data))[spec.name]


def test_number_headers_are_right_aligned_over_their_numbers() -> None:
    spec = GeneratedSheet("outcome_results", "Wynik rezultatów", "Rezultaty", [
        Block("Uczestnicy", [Col("Kategoria", 30), Col("Uczestnicy", 11, "0"),
                             Col("Ukończyli", 10, "0")], [["kat. 1", 3, 1], ["Razem", 3, 1]]),
    ])
    ws = _rendered(spec)
    header = layout.layout(spec).blocks[0].header_row
    aligned = [ws.cell(row=header, column=c).alignment.horizontal for c in (1, 2, 3)]
    assert aligned == [None, "right", "right"]


def test_charts_below_the_tables_and_print_setup_follows_the_width() -> None:
    rows = [[f"Z{i:02}", float(i)] for i in range(1, 4)]
    narrow = GeneratedSheet("hours_results", HOURS, "Godziny", [
        Block("Zajęcia", [Col("Zajęcia", 20), Col("Plan godzin", 10)], rows),
        Block("Dalej", [Col("Zajęcia", 20)], [["x"]]),
    ], charts=[Chart("column", "Plan", 0, 0, (1,))])
    ws = _rendered(narrow)
    where = layout.layout(narrow)
    [chart] = ws._charts
    marker = chart.anchor._from
    assert (marker.col, marker.row + 1) == (0, where.blocks[0].last_row + 2)
    assert where.blocks[1].title_row > marker.row + 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_cols is None
    wide = GeneratedSheet("hours_results", HOURS, "Godziny", [
        Block("Szeroki", [Col(f"K{i}", 20) for i in range(14)], [list(range(14))])])
    ws = _rendered(wide)
    assert ws.page_setup.fitToWidth == 2 and ws.print_title_cols == "$A:$A"


def test_a_sheet_printed_over_several_pages_repeats_column_a(base: Path) -> None:
    wide = GeneratedSheet("check_results", CHECK, "Wynik kontroli", [
        Block("Szeroki", [Col(f"K{i}", 20) for i in range(14)], [list(range(14))])])
    FileSink(base).apply(WritePlan("kis-xl check", "test", sheets=[wide]))
    ws = load(base)[CHECK]
    assert ws.print_title_cols == "$A:$A" and ws.page_setup.fitToWidth == 2
    narrow = GeneratedSheet("check_results", CHECK, "Wynik kontroli", [
        Block("Wąski", [Col("K", 20)], [["x"]])])
    FileSink(base).apply(WritePlan("kis-xl check", "test", sheets=[narrow]))
    wb = load(base)
    assert wb[CHECK].print_title_cols is None, "a narrower result drops the old titles"
    assert wb[CHECK].page_setup.fitToWidth == 1
    with zipfile.ZipFile(base) as z:
        assert z.read("xl/workbook.xml").count(b"_xlnm.Print_Titles") == 0


def test_block_note_wraps_across_the_table_in_merged_cells() -> None:
    note = "Plan: grupowe = spotkania × godziny na spotkanie; indywidualne = godziny. " * 3
    spec = GeneratedSheet("hours_results", HOURS, "Godziny", [
        Block("Zajęcia", [Col("Zajęcia", 20), Col("Plan godzin", 10)], [["Z01", 1.0]],
              note=note)])
    ws = _rendered(spec)
    row = layout.layout(spec).blocks[0].note_row
    assert f"A{row}:B{row}" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.cell(row=row, column=1).alignment.wrap_text
