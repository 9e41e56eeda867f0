"""The file sink keeps everything it does not own, byte for byte where it can."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from kis_xl.sinks.xlsx.file_sink import FileSink
from tests.ooxml_checks import (
    MAIN,
    RELS,
    TYPES,
    problems,
    read_parts,
    sheet_parts,
    write_parts,
)
from tests.rich_workbook import (
    INJECTED,
    N_PARTICIPANTS,
    PANEL,
    PARTICIPANTS,
    STATUS_COL,
    build_rich,
)
from tests.write_plans import CHECK, HOURS, LOG, STATUS_VALUES, Clock, full_plan

SHEET1 = "xl/worksheets/sheet1.xml"
OWNED = {
    SHEET1,  # the participants sheet: only its status column
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "[Content_Types].xml",
    "xl/styles.xml",
}


@pytest.fixture
def written(tmp_path: Path) -> tuple[dict[str, bytes], dict[str, bytes], Path]:
    path = build_rich(tmp_path / "klub.xlsx")
    before = read_parts(path)
    FileSink(path, user="tester", clock=Clock()).apply(full_plan())
    return before, read_parts(path), path


def c14n(el: etree._Element) -> bytes:
    return etree.tostring(el, method="c14n")


def test_fixture_is_consistent_and_really_carries_what_openpyxl_drops(tmp_path: Path) -> None:
    path = build_rich(tmp_path / "klub.xlsx")
    assert problems(path) == []
    parts = read_parts(path)
    assert b"x14:sparklineGroups" in parts[SHEET1]
    assert b"x14:slicerCaches" in parts["xl/workbook.xml"]
    from openpyxl import load_workbook

    resaved = io.BytesIO()
    with pytest.warns(UserWarning, match="will be removed"):
        load_workbook(path).save(resaved)
    lost = set(INJECTED) - set(zipfile.ZipFile(resaved).namelist())
    assert lost, "openpyxl keeps everything: the fixture proves nothing"


def test_consistency_checker_finds_orphans_and_dangling_rels(tmp_path: Path) -> None:
    path = build_rich(tmp_path / "klub.xlsx")
    parts = read_parts(path)
    parts["xl/media/lost.png"] = b"png"
    del parts["xl/ctrlProps/ctrlProp1.xml"]
    broken = tmp_path / "broken.xlsx"
    write_parts(broken, parts)
    found = "\n".join(problems(broken))
    assert "orphan part: xl/media/lost.png" in found
    assert "missing xl/ctrlProps/ctrlProp1.xml" in found


def test_parts_not_owned_come_out_byte_identical(written) -> None:
    before, after, _ = written
    for name, data in before.items():
        if name in OWNED or name == "xl/calcChain.xml":
            continue
        assert name in after, f"{name} was dropped"
        assert after[name] == data, f"{name} changed"
    assert set(INJECTED) <= set(after)


def test_package_is_consistent_after_write(written) -> None:
    _, after, path = written
    assert problems(path) == []
    assert list(sheet_parts(after)) == [PARTICIPANTS, "Obecności", PANEL, CHECK, HOURS, LOG]


def test_participants_sheet_keeps_all_but_its_status_cells(written) -> None:
    before, after, _ = written

    def without_status(data: bytes) -> etree._Element:
        root = etree.fromstring(data)
        root.remove(root.find(f"{{{MAIN}}}dimension"))
        for c in list(root.iter(f"{{{MAIN}}}c")):
            col = "".join(ch for ch in c.get("r") if ch.isalpha())
            if col == "D" and c.get("r") != "D1":
                c.getparent().remove(c)
        return root

    assert c14n(without_status(after[SHEET1])) == c14n(without_status(before[SHEET1]))
    text = after[SHEET1].decode()
    assert 'mc:Ignorable="x14ac"' in text
    assert "x14ac:dyDescent" in text
    assert "<x14:sparkline>" in text
    assert "<legacyDrawing" in text and "<tableParts" in text
    assert "<dataValidations" in text and "<conditionalFormatting" in text


def test_status_cells_keep_their_style(written) -> None:
    before, after, _ = written

    def styles(data: bytes) -> dict[str, str | None]:
        root = etree.fromstring(data)
        return {
            c.get("r"): c.get("s") for c in root.iter(f"{{{MAIN}}}c") if c.get("r")[0] == "D"
        }

    assert styles(after[SHEET1]) == styles(before[SHEET1])


def test_workbook_xml_changes_only_in_owned_places(written) -> None:
    before, after, _ = written

    def without_owned(data: bytes) -> etree._Element:
        root = etree.fromstring(data)
        for sheet in list(root.iter(f"{{{MAIN}}}sheet")):
            if sheet.get("name") in (CHECK, HOURS, LOG):
                sheet.getparent().remove(sheet)
        root.find(f"{{{MAIN}}}calcPr").attrib.pop("fullCalcOnLoad", None)
        return root

    assert c14n(without_owned(after["xl/workbook.xml"])) == c14n(
        without_owned(before["xl/workbook.xml"])
    )
    assert b"x14:slicerCaches" in after["xl/workbook.xml"]
    assert b"<pivotCaches>" in after["xl/workbook.xml"]


def test_styles_are_only_appended(written) -> None:
    before, after, _ = written
    old, new = etree.fromstring(before["xl/styles.xml"]), etree.fromstring(after["xl/styles.xml"])
    grew = False
    for child in old:
        twin = new.find(child.tag)
        assert twin is not None, f"{child.tag} dropped"
        if child.tag.endswith(("numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs")):
            kept = [c14n(c) for c in twin][: len(child)]
            assert kept == [c14n(c) for c in child], f"{child.tag} was rewritten"
            assert int(twin.get("count")) == len(twin)
            grew |= len(twin) > len(child)
        else:
            assert c14n(twin) == c14n(child)
    assert grew


def test_relationships_and_content_types_only_grow(written) -> None:
    before, after, _ = written

    def entries(data: bytes, ns: str) -> set[bytes]:
        return {c14n(el) for el in etree.fromstring(data) if el.tag.startswith(f"{{{ns}}}")}

    old_rels = entries(before["xl/_rels/workbook.xml.rels"], RELS)
    new_rels = entries(after["xl/_rels/workbook.xml.rels"], RELS)
    assert {r for r in old_rels if b"calcChain" not in r} <= new_rels
    old_types = entries(before["[Content_Types].xml"], TYPES)
    new_types = entries(after["[Content_Types].xml"], TYPES)
    assert {t for t in old_types if b"calcChain" not in t} <= new_types


def test_stale_calc_chain_is_dropped_and_recalculation_requested(written) -> None:
    before, after, _ = written
    assert "xl/calcChain.xml" in before
    assert "xl/calcChain.xml" not in after
    assert b"calcChain" not in after["xl/_rels/workbook.xml.rels"]
    assert b"calcChain" not in after["[Content_Types].xml"]
    calc = etree.fromstring(after["xl/workbook.xml"]).find(f"{{{MAIN}}}calcPr")
    assert calc.get("fullCalcOnLoad") == "1"


def test_status_values_read_back_by_openpyxl_and_calamine(written) -> None:
    _, _, path = written
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    with pytest.warns(UserWarning):
        ws = load_workbook(path)[PARTICIPANTS]
    got = {r: ws.cell(row=r, column=STATUS_COL).value for r in range(2, N_PARTICIPANTS + 2)}
    expected = {r: STATUS_VALUES.get(r) for r in range(2, N_PARTICIPANTS + 2)}
    assert got == expected
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(PARTICIPANTS).to_python()
    got_calamine = {r: rows[r - 1][STATUS_COL - 1] or None for r in range(2, N_PARTICIPANTS + 2)}
    assert got_calamine == expected
    assert rows[1][:3] == ["U001", "Nazwisko 1", "bezdomność"]


def test_attendance_sheet_member_is_copied_compressed_as_it_was(written, tmp_path) -> None:
    """The big sheet's compressed bytes are copied, not inflated and deflated again."""
    _, _, path = written
    source = tmp_path / "source.xlsx"
    build_rich(source)
    name = "xl/worksheets/sheet2.xml"
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(path) as b:
        ia, ib = a.getinfo(name), b.getinfo(name)
        assert (ia.CRC, ia.compress_size, ia.compress_type) == (
            ib.CRC, ib.compress_size, ib.compress_type,
        )
