"""Status columns: written by Excel row into the user's sheet, nothing else of it touched."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from kis_xl.plan.errors import WorkbookConflict
from kis_xl.plan.writeback import ColumnUpdate, WritePlan
from kis_xl.sinks.xlsx.file_sink import FileSink
from tests.ooxml_checks import MAIN, problems, read_parts, write_parts
from tests.rich_workbook import (
    N_PARTICIPANTS,
    PARTICIPANTS,
    STATUS_COL,
    STATUS_HEADER,
    build_base,
)
from tests.write_plans import status_update

LAST = N_PARTICIPANTS + 1


def apply(path: Path, *updates: ColumnUpdate) -> None:
    FileSink(path).apply(WritePlan(command="kis-xl check", summary="", columns=list(updates)))


def sheet(path: Path, name: str = PARTICIPANTS):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    return load_workbook(path)[name]


def column(path: Path, col: int, name: str = PARTICIPANTS) -> dict[int, Any]:
    ws = sheet(path, name)
    return {r: ws.cell(row=r, column=col).value for r in range(1, ws.max_row + 1)}


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return build_base(tmp_path / "klub.xlsx")


def test_values_land_by_row_and_unlisted_rows_are_cleared(base: Path) -> None:
    ws_before = sheet(base)
    ws_before_fill = ws_before.cell(row=3, column=STATUS_COL).fill.fgColor.rgb
    apply(base, status_update({2: "OK", 4: "błąd"}))
    got = column(base, STATUS_COL)
    assert got[1] == STATUS_HEADER
    assert got[2] == "OK" and got[4] == "błąd"
    assert all(got[r] is None for r in range(5, LAST + 1)) and got[3] is None
    ws = sheet(base)
    assert ws.cell(row=3, column=STATUS_COL).fill.fgColor.rgb == ws_before_fill, "style kept"
    assert ws.cell(row=2, column=STATUS_COL).font.i, "style kept on written cells"
    assert ws.cell(row=2, column=2).value == "Nazwisko 1"


def test_rows_below_last_row_are_not_cleared(base: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(base)
    wb[PARTICIPANTS].cell(row=LAST + 5, column=STATUS_COL, value="notatka pod tabelą")
    wb.save(base)
    apply(base, status_update({2: "OK"}))
    assert column(base, STATUS_COL)[LAST + 5] == "notatka pod tabelą"


def test_values_of_every_type(base: Path) -> None:
    values = {2: "tekst", 3: 7, 4: 2.5, 5: True, 6: date(2025, 3, 5),
              7: datetime(2025, 3, 5, 14, 30), 8: None, 9: "=SUMA(A1)"}
    apply(base, status_update(values))
    got = column(base, STATUS_COL)
    assert [got[r] for r in range(2, 10)] == [
        "tekst", 7, 2.5, True, datetime(2025, 3, 5), datetime(2025, 3, 5, 14, 30), None,
        "=SUMA(A1)",
    ]
    ws = sheet(base)
    assert ws.cell(row=6, column=STATUS_COL).number_format == "dd.mm.yyyy"
    assert ws.cell(row=6, column=STATUS_COL).font.i, "the date format is added to the cell's style"
    assert ws.cell(row=9, column=STATUS_COL).data_type == "s", "formula-like text stays text"


def test_dates_in_a_1904_workbook(base: Path) -> None:
    parts = read_parts(base)
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"<workbookPr/>", b'<workbookPr date1904="1"/>'
    )
    write_parts(base, parts)
    apply(base, status_update({2: date(2025, 3, 5)}))
    xml = read_parts(base)["xl/worksheets/sheet1.xml"].decode()
    serial = re.search(r'<c r="D2"[^>]*><v>([^<]+)</v>', xml)
    assert serial is not None
    assert float(serial.group(1)) == (date(2025, 3, 5) - date(1904, 1, 1)).days


def test_new_column_extends_the_excel_table(base: Path) -> None:
    update = ColumnUpdate(PARTICIPANTS, 1, "Kwalifikacja", None, {2: "tak", LAST: "nie"},
                          last_row=LAST)
    apply(base, update)
    ws = sheet(base)
    table = ws.tables["t_participants"]
    assert table.ref == f"A1:F{LAST}"
    assert table.autoFilter.ref == f"A1:F{LAST}"
    names = [c.name for c in table.tableColumns]
    assert names[-1] == "Kwalifikacja" and len(names) == 6
    ids = [c.id for c in table.tableColumns]
    assert len(set(ids)) == 6
    assert ws["F1"].value == "Kwalifikacja" and ws["F2"].value == "tak"
    assert ws[f"F{LAST}"].value == "nie"
    assert ws["F1"].style_id == ws["E1"].style_id
    root = etree.fromstring(read_parts(base)["xl/worksheets/sheet1.xml"])
    dim = root.find(f"{{{MAIN}}}dimension")
    assert dim.get("ref") == f"A1:F{LAST}"
    assert problems(base) == []


def test_second_run_finds_the_column_it_created(base: Path) -> None:
    update = ColumnUpdate(PARTICIPANTS, 1, "Kwalifikacja", None, {2: "tak"}, last_row=LAST)
    apply(base, update)
    apply(base, ColumnUpdate(PARTICIPANTS, 1, "KWALIFIKACJA ", None, {3: "nie"}, last_row=LAST))
    ws = sheet(base)
    assert ws.tables["t_participants"].ref == f"A1:F{LAST}"
    assert ws["F2"].value is None and ws["F3"].value == "nie" and ws["G1"].value is None


def test_new_column_on_a_sheet_without_table(base: Path) -> None:
    apply(base, ColumnUpdate("Obecności", 1, "Uwagi programu", None, {2: "sprawdź"}, last_row=4))
    ws = sheet(base, "Obecności")
    assert ws["D1"].value == "Uwagi programu" and ws["D2"].value == "sprawdź"
    assert ws.column_dimensions["D"].width >= len("Uwagi programu")
    assert ws["A2"].value == datetime(2025, 1, 1)


def test_cells_next_to_the_table_block_a_new_column(base: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(base)
    wb[PARTICIPANTS]["F4"] = "moja notatka"
    wb.save(base)
    before = base.read_bytes()
    with pytest.raises(WorkbookConflict, match="nie jest pusta"):
        apply(base, ColumnUpdate(PARTICIPANTS, 1, "Kwalifikacja", None, {2: "x"}, last_row=LAST))
    assert base.read_bytes() == before


def test_a_moved_column_is_not_overwritten(base: Path) -> None:
    before = base.read_bytes()
    wrong = ColumnUpdate(PARTICIPANTS, 1, STATUS_HEADER, 2, {2: "OK"}, last_row=LAST)
    with pytest.raises(WorkbookConflict, match="Nazwisko"):
        apply(base, wrong)
    assert base.read_bytes() == before


def test_missing_sheet_is_a_conflict(base: Path) -> None:
    with pytest.raises(WorkbookConflict, match="nie ma arkusza „Uczestnicy 2024”"):
        apply(base, ColumnUpdate("Uczestnicy 2024", 1, "Status", None, {}, last_row=3))


def test_a_shared_formula_in_the_column_is_not_broken(base: Path) -> None:
    parts = read_parts(base)
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    xml = re.sub(
        r'<c r="D2"([^>]*)>.*?</c>',
        r'<c r="D2"\1><f t="shared" ref="D2:D20" si="0">B2</f><v>0</v></c>', xml, count=1,
    )
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    write_parts(base, parts)
    before = base.read_bytes()
    with pytest.raises(WorkbookConflict, match="formułę"):
        apply(base, status_update())
    assert base.read_bytes() == before


def test_sheet_written_without_row_and_cell_references(base: Path) -> None:
    """``r`` is optional in SpreadsheetML; positions then follow from order."""
    parts = read_parts(base)
    xml = parts["xl/worksheets/sheet2.xml"].decode()
    xml = re.sub(r' r="[A-Z]+\d+"', "", xml)
    xml = re.sub(r'<row r="\d+"', "<row", xml)
    parts["xl/worksheets/sheet2.xml"] = xml.encode()
    write_parts(base, parts)
    apply(base, ColumnUpdate("Obecności", 1, "Obecność", 3, {3: "nieobecny"}, last_row=3))
    got = column(base, 3, "Obecności")
    assert got[1] == "Obecność" and got[2] is None and got[3] == "nieobecny" and got[4] == "obecny"
    assert sheet(base, "Obecności")["B3"].value == "U002"


def test_values_for_rows_that_do_not_exist_yet(base: Path) -> None:
    apply(base, status_update({LAST + 2: "nowy", 2: "OK"}))
    got = column(base, STATUS_COL)
    assert got[LAST + 2] == "nowy" and got[2] == "OK"
    rows = [int(r.get("r")) for r in etree.fromstring(
        read_parts(base)["xl/worksheets/sheet1.xml"]).iter(f"{{{MAIN}}}row")]
    assert rows == sorted(rows)
