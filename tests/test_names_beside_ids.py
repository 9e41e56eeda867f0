"""Names beside IDs: read-only formula columns on the register sheets, and IDs picked by name."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import openpyxl

from kis_xl.workbook import schema
from kis_xl.workbook.reader import read_workbook
from tests.builders import write_club
from tests.office import convert

DERIVED = {
    "attendance": ["participant_name", "meeting_date", "meeting_activity"],
    "enrolments": ["participant_name"],
    "group_members": ["participant_name"],
    "meetings": ["activity_name"],
    "exchanges": ["giver_name", "receiver_name"],
    "decisions": ["participant_name"],
}


def club(tmp_path: Path) -> Path:
    people = [{"id": "U001", "last_name": "Mazur", "first_name": "Aleksandra", "category": "5",
               "start_date": date(2026, 10, 1)},
              {"id": "U002", "last_name": "Nowak", "first_name": "Ewa", "category": "5",
               "start_date": date(2026, 10, 1)}]
    return write_club(
        tmp_path / "klub.xlsx",
        participants=people,
        activities=[{"id": "Z03", "name": "Psychoedukacja", "type": "terapeutyczne",
                     "form": "grupowe", "specialist": "psycholog"}],
        enrolments=[{"participant": "U001", "activity": "Z03"},
                    {"participant": "U002 – Nowak Ewa", "activity": "Z03"}],  # picked by name
        meetings=[{"id": "S0001", "date": date(2026, 11, 4), "start": time(10), "end": time(12),
                   "activity": "Z03"}],
        attendance=[{"meeting": "S0001", "participant": "U002", "status": "obecny"},
                    {"meeting": "S0001", "participant": "U009", "status": "obecny"}],
        exchanges=[{"date": date(2026, 11, 5), "giver": "U001", "receiver": "U002",
                    "service": "zakupy", "hours": 1}],
    )


def test_schema_marks_the_derived_columns_as_not_shareable() -> None:
    found = {s.key: [c.key for c in s.columns if c.derived] for s in schema.SHEETS
             if any(c.derived for c in s.columns)}
    assert found == DERIVED
    [att] = [s for s in schema.as_json()["sheets"] if s["key"] == "attendance"]
    name = next(c for c in att["columns"] if c["key"] == "participant_name")
    assert (name["header"], name["derived"], name["shareable"]) == (
        "Nazwisko i imię", True, False)


def test_names_are_table_formulas_that_libreoffice_computes_and_keeps(tmp_path: Path) -> None:
    path = club(tmp_path)
    wb = openpyxl.load_workbook(path)
    table = wb["Obecności"].tables["t_attendance"]
    calculated = [c.name for c in table.tableColumns if c.calculatedColumnFormula is not None]
    assert calculated == ["Nazwisko i imię", "Data spotkania", "Zajęcia"]
    again = convert(path, "xlsx", tmp_path / "lo")
    values = openpyxl.load_workbook(again, data_only=True)

    def row(sheet: str, n: int = 2) -> list[object]:
        return [c.value for c in values[sheet][n]]

    name, day, activity = row("Obecności")[5:8]
    assert (name, activity) == ("Nowak Ewa", "Z03 Psychoedukacja")
    assert day is not None and day.date() == date(2026, 11, 4)  # type: ignore[attr-defined]
    assert row("Obecności", 3)[5] == "?"  # an ID nobody has
    assert row("Zapisy na zajęcia")[4] == "Mazur Aleksandra"
    assert row("Zapisy na zajęcia", 3)[4] == "Nowak Ewa"  # "U002 – Nowak Ewa" looked up
    assert row("Spotkania")[9] == "Psychoedukacja"
    assert row("Wymiana usług")[6:8] == ["Mazur Aleksandra", "Nowak Ewa"]
    # the formulas survive LibreOffice's save, and the reader reads the file as before
    kept = openpyxl.load_workbook(again)["Obecności"]["F2"].value
    assert str(kept).startswith("=IF(")
    before, after = read_workbook(path), read_workbook(again)
    assert [(a.meeting, a.participant, a.status) for a in after.attendance] == [
        (a.meeting, a.participant, a.status) for a in before.attendance]
    assert [(e.participant, e.activity) for e in after.enrolments] == [
        ("U001", "Z03"), ("U002", "Z03")]


def test_reader_ignores_the_names_and_takes_the_id_of_a_named_pick(tmp_path: Path) -> None:
    path = club(tmp_path)
    read = read_workbook(path)
    assert [e.participant for e in read.enrolments] == ["U001", "U002"]
    assert "participant_name" not in read.layouts["attendance"].columns
    assert not [f for f in read.findings if f.sheet_key == "enrolments"]


def test_id_dropdowns_offer_the_name_beside_the_id(tmp_path: Path) -> None:
    path = club(tmp_path)
    again = convert(path, "xlsx", tmp_path / "lo")
    lists = openpyxl.load_workbook(again, data_only=True)["Listy"]
    header = next(c for c in lists[1] if c.value == "Uczestnicy (do list rozwijanych)")
    offered = [lists.cell(r, header.column).value for r in (2, 3, 4)]
    assert offered[:2] == ["U001 – Mazur Aleksandra", "U002 – Nowak Ewa"]
    assert offered[2] in (None, "")
    wb = openpyxl.load_workbook(path)
    checks = [dv for dv in wb["Zapisy na zajęcia"].data_validations.dataValidation
              if dv.formula1 == "=lista_uczestnikow"]
    assert [str(dv.sqref).split(":")[0] for dv in checks] == ["A2"]
    assert "lista_uczestnikow" in wb.defined_names
