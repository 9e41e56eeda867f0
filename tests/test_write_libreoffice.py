"""A real spreadsheet application opens what the file sink wrote."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kis_xl.plan.sheetspec import GENERATED_MARK
from kis_xl.plan.writeback import ColumnUpdate, WritePlan
from kis_xl.sinks.xlsx.file_sink import FileSink
from tests.office import convert, pdf_text
from tests.ooxml_checks import problems
from tests.rich_workbook import N_PARTICIPANTS, PARTICIPANTS, build_rich
from tests.write_plans import CHECK, HOURS, LOG, Clock, full_plan

pytestmark = pytest.mark.libreoffice


def load(path: Path):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    return load_workbook(path)


@pytest.fixture
def written(tmp_path: Path) -> Path:
    path = build_rich(tmp_path / "klub.xlsx")
    FileSink(path, clock=Clock()).apply(full_plan())
    FileSink(path, clock=Clock()).apply(
        WritePlan(
            command="kis-xl check",
            summary="Dodano kolumnę.",
            columns=[ColumnUpdate(PARTICIPANTS, 1, "Kwalifikacja", None, {2: "tak"},
                                  last_row=N_PARTICIPANTS + 1)],
        )
    )
    return path


def test_libreoffice_reads_the_written_workbook(written: Path, tmp_path: Path) -> None:
    resaved = convert(written, "xlsx", tmp_path / "lo")
    wb = load(resaved)
    assert wb.sheetnames == [PARTICIPANTS, "Obecności", "Panel", CHECK, HOURS, LOG]
    ws = wb[PARTICIPANTS]
    assert ws["D2"].value == "OK" and ws["D3"].value == "błąd: brak PESEL"
    assert ws["F1"].value == "Kwalifikacja" and ws["F2"].value == "tak"
    assert wb[CHECK]["A1"].value.startswith(GENERATED_MARK)
    assert wb[HOURS]["B6"].value == 10


def test_libreoffice_prints_the_written_workbook(written: Path, tmp_path: Path) -> None:
    pdf = convert(written, "pdf", tmp_path / "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None and os.environ.get("KIS_REQUIRE_LIBREOFFICE") != "1":
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot read the PDF's text")
    text = pdf_text(pdf)
    assert "Wynik kontroli" in text
    assert "Dziennik zmian" in text


def test_a_workbook_resaved_by_an_office_suite_can_be_written_again(
    written: Path, tmp_path: Path
) -> None:
    """After a re-save the generated sheets hold shared strings; they are still recognised."""
    resaved = convert(written, "xlsx", tmp_path / "lo")
    target = tmp_path / "again.xlsx"
    shutil.copy(resaved, target)
    FileSink(target, clock=Clock()).apply(full_plan())
    assert problems(target) == []
    wb = load(target)
    assert wb.sheetnames[-3:] == [CHECK, HOURS, LOG]
    assert len(wb.sheetnames) == 6
    log = wb[LOG]
    commands = [c.value for c in log["C"] if c.value == "kis-xl check"]
    assert len(commands) == 3, "the two earlier log rows survived the office suite's re-save"
    assert len(wb[HOURS]._charts) == 2
    convert(target, "pdf", tmp_path / "pdf2")
