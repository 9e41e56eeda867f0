"""The template: built from the schema, committed under workbook/, accepted by LibreOffice."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kis_xl.domain import vocab
from kis_xl.workbook import schema
from kis_xl.workbook.reader import read_workbook
from kis_xl.workbook.schema import ColType, SheetKind
from tests.office import convert

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "workbook" / "szablon_klubu.xlsx"


def run_init(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kis_xl", "init", str(path), *extra],
                          capture_output=True, text=True, check=False)


def test_committed_template_is_what_init_produces(tmp_path: Path) -> None:
    fresh = tmp_path / "nowy.xlsx"
    assert run_init(fresh).returncode == 0
    with zipfile.ZipFile(COMMITTED) as old, zipfile.ZipFile(fresh) as new:
        assert sorted(old.namelist()) == sorted(new.namelist())
        for name in old.namelist():
            if name == "docProps/core.xml":  # creation time differs by design
                continue
            assert old.read(name) == new.read(name), (
                f"{name} differs: run `kis-xl init workbook/szablon_klubu.xlsx --nadpisz`")


def test_every_schema_sheet_is_a_table_with_the_schema_headers() -> None:
    wb = load_workbook(COMMITTED)
    for spec in schema.SHEETS:
        if spec.kind is SheetKind.GENERATED:
            assert spec.name not in wb.sheetnames
            continue
        ws = wb[spec.name]
        assert ws.freeze_panes is not None
        if spec.kind is SheetKind.DATA:
            table = ws.tables[spec.table_name]
            assert [c.name for c in table.tableColumns] == [c.header for c in spec.columns]
            assert [ws.cell(1, i + 1).value for i in range(len(spec.columns))] == [
                c.header for c in spec.columns]


def test_formats_dropdowns_and_input_messages() -> None:
    wb = load_workbook(COMMITTED)
    ws = wb["Uczestnicy"]
    spec = schema.sheet("participants")
    letter = {c.key: chr(65 + i) for i, c in enumerate(spec.columns)}
    assert ws.column_dimensions[letter["pesel"]].number_format == "@"
    assert ws.column_dimensions[letter["phone"]].number_format == "@"
    assert ws.column_dimensions[letter["start_date"]].number_format == "dd.mm.yyyy"
    category_ranges = {str(dv.sqref) for dv in ws.data_validations.dataValidation
                       if dv.formula1 == "=lista_kategorie"}
    assert f"{letter['category']}2:{letter['category']}5001" in category_ranges
    assert any(dv.prompt and "11 cyfr" in dv.prompt for dv in ws.data_validations.dataValidation)
    for voc in vocab.ALL:
        assert voc.range_name in wb.defined_names
    assert ws.conditional_formatting, "status column is highlighted"


def test_every_choice_column_has_a_dropdown() -> None:
    wb = load_workbook(COMMITTED)
    for spec in schema.SHEETS:
        if spec.kind is not SheetKind.DATA:
            continue
        formulas = {dv.formula1 for dv in wb[spec.name].data_validations.dataValidation}
        for col in spec.columns:
            if col.type is ColType.CHOICE and not col.multi:
                assert f"=lista_{col.vocab}" in formulas, (spec.name, col.header)


def test_lists_sheet_holds_every_vocabulary() -> None:
    ws = load_workbook(COMMITTED)["Listy"]
    for i, voc in enumerate(vocab.ALL, start=1):
        assert ws.cell(1, i).value == voc.label
        assert [ws.cell(r, i).value for r in range(2, len(voc.values) + 2)] == voc.values


def test_init_with_club_name_and_refusals(tmp_path: Path) -> None:
    path = tmp_path / "klub.xlsx"
    assert run_init(path, "--klub", "KIS w Kluczach").returncode == 0
    assert read_workbook(path).settings.club_name == "KIS w Kluczach"
    again = run_init(path)
    assert again.returncode == 2
    assert "już istnieje" in again.stderr and "Traceback" not in again.stderr
    assert run_init(path, "--nadpisz").returncode == 0
    bad = run_init(tmp_path / "klub.txt")
    assert bad.returncode == 2 and ".xlsx" in bad.stderr


def test_fresh_template_reads_with_only_the_settings_to_fill(tmp_path: Path) -> None:
    club = read_workbook(COMMITTED)
    assert {f.code for f in club.findings} == {"required-missing"}
    assert {f.column for f in club.findings} == {"Nazwa klubu", "Podmiot prowadzący",
                                                 "Miejscowość klubu", "Koordynator klubu"}
    assert all(f.sheet == "Ustawienia" and f.row for f in club.findings)


@pytest.mark.libreoffice
def test_libreoffice_opens_the_template(tmp_path: Path) -> None:
    pdf = convert(COMMITTED, "pdf", tmp_path / "pdf")
    assert pdf.stat().st_size > 1000 and pdf.read_bytes().startswith(b"%PDF")
    resaved = convert(COMMITTED, "xlsx:Calc MS Excel 2007 XML", tmp_path / "xlsx")
    wb = load_workbook(resaved)
    assert [s.name for s in schema.SHEETS if s.kind is not SheetKind.GENERATED] == wb.sheetnames
    club = read_workbook(resaved)
    assert not [f for f in club.findings if f.code in ("header-not-found", "missing-column",
                                                        "missing-sheet")]


def test_participants_print_several_pages_wide_with_id_and_name_on_each() -> None:
    from kis_xl.sinks.xlsx.layout import MIN_PRINT_PT, PRINT_WIDTH_PT, width_pt

    wb = load_workbook(COMMITTED)
    ws = wb["Uczestnicy"]
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    pages = ws.page_setup.fitToWidth
    assert pages > 1, "29 columns on one page print at about 3 pt"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    assert ws.print_title_cols == "$A:$C" and ws.print_title_rows == "$1:$1"
    assert [ws.cell(1, c).value for c in (1, 2, 3)] == ["ID uczestnika", "Nazwisko", "Imię"]
    assert ws.print_options.gridLines
    spec = schema.sheet("participants")
    widths = {i: c.width for i, c in enumerate(spec.columns, start=1)}
    titles = width_pt({i: w for i, w in widths.items() if i <= 3})
    per_page = titles + (width_pt(widths) - titles) / pages
    assert 11 * PRINT_WIDTH_PT / per_page >= MIN_PRINT_PT, "readable: 8 pt or more"
    assert wb["Obecności"].page_setup.fitToWidth == 1
    lists = wb["Listy"]  # side by side lists: several pages, no column repeated
    assert lists.page_setup.fitToWidth > 1 and lists.print_title_cols is None


def test_decision_codes_are_a_dropdown_fed_by_the_rules_catalogue() -> None:
    from kis_xl.domain.findings import FindingType, Severity
    from kis_xl.domain.rules import admission, data_quality, eligibility
    from kis_xl.domain.rules.overrides import overridable_codes

    wb = load_workbook(COMMITTED)
    lists = wb["Listy"]
    header = {lists.cell(1, c).value: c for c in range(1, lists.max_column + 1)}
    code_col = header["Kod ustalenia"]
    assert header["Nazwa ustalenia"] == code_col + 1
    listed = [(lists.cell(r, code_col).value, lists.cell(r, code_col + 1).value)
              for r in range(2, lists.max_row + 1) if lists.cell(r, code_col).value]
    assert listed == overridable_codes()
    codes = dict(listed)
    for module in (eligibility, admission, data_quality):  # every rule a decision may set aside
        for value in vars(module).values():
            if isinstance(value, FindingType) and value.severity is not Severity.INFO:
                assert codes[value.code] == value.title
    assert "excluded-benefit" in codes and "decision-incomplete" not in codes
    assert "category-extended" not in codes, "information blocks nothing: no decision needed"
    assert "lista_kody_ustalen" in wb.defined_names
    ws = wb["Decyzje koordynatora"]
    letter = chr(64 + [c.key for c in schema.sheet("decisions").columns].index("code") + 1)
    [dv] = [dv for dv in ws.data_validations.dataValidation
            if dv.formula1 == "=lista_kody_ustalen"]
    assert str(dv.sqref) == f"{letter}2:{letter}5001"
    assert dv.errorStyle == "warning", "a code copied from 'Wynik kontroli' is still accepted"
    assert dv.prompt and "Listy" in dv.prompt and len(dv.prompt) <= 255


def test_decisions_apply_with_or_without_the_codes_list(tmp_path: Path) -> None:
    """A code picked from the dropdown is applied; a workbook made before the list works too."""
    from datetime import date

    from kis_xl.domain.rules import evaluate
    from tests.builders import write_club

    person = {"id": "U001", "last_name": "Nowak", "first_name": "Jan", "pesel": "85010112345",
              "category": "1", "start_date": date(2025, 3, 1), "consent_date": None}
    decision = {"participant": "U001", "code": "rodo-info-missing",
                "decision": "dopuszczam mimo ustaleń",
                "justification": "Informację przekazano ustnie, pisemna w drodze",
                "decided_by": "Koordynator", "decided_on": date(2025, 3, 2)}
    path = write_club(tmp_path / "klub.xlsx", participants=[person], decisions=[decision])
    old = load_workbook(path)
    lists = old["Listy"]
    col = [lists.cell(1, c).value for c in range(1, lists.max_column + 1)].index(
        "Kod ustalenia") + 1
    lists.delete_cols(col, 2)
    del old.defined_names["lista_kody_ustalen"]
    old.save(tmp_path / "stary.xlsx")
    for workbook in (path, tmp_path / "stary.xlsx"):
        club = read_workbook(workbook)
        assert not [f for f in club.findings if f.sheet == "Listy"]
        found = [f for f in evaluate(club, today=date(2025, 4, 1)).findings
                 if f.code == "rodo-info-missing"]
        assert found and all(f.override is not None for f in found), workbook.name
