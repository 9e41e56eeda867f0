"""Findings are located by schema keys; the workbook's own names are put in at the edge.

Code compares sheet and column *keys*; what a person reads (the sheet name, the header as
typed, the message naming them) comes from ``findings.locate`` with the names the reader
found in this workbook, falling back to the schema's.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from kis_xl.actions.base import run_on_file
from kis_xl.actions.check import check
from kis_xl.actions.hours import hours_action
from kis_xl.actions.registry import USER_ACTIONS, Needs
from kis_xl.domain.finding_types.reading import REQUIRED_MISSING
from kis_xl.domain.finding_types.rules import THERAPY_END_MISSING
from kis_xl.domain.findings import Finding, Names, Ref, column_keys, locate
from kis_xl.workbook import schema
from kis_xl.workbook.reader import read_workbook
from tests.builders import write_club

TODAY = date(2026, 11, 23)

# The participants sheet and three of its headers, spelled the way a user might retype them
# (the reader finds sheets and headers whatever their case and surrounding spaces).
SHEET = "UCZESTNICY "
HEADERS = {
    "contract_date": "data podpisania KONTRAKTU socjalnego",
    "therapy_end": "DATA ZAKOŃCZENIA TERAPII",
    "therapy_completed": "terapia ukończona",
}
ATTENDANCE_SHEET = "obecności"
STATUS_HEADER = "OBECNOŚĆ"


def _respelled(path: Path) -> Path:
    write_club(
        path,
        settings={"rule_profile": "regulamin 2006"},  # alcohol: therapy must have ended
        participants=[{"id": "U001", "last_name": "Kowalska", "first_name": "Anna",
                       "category": "alkohol", "start_date": date(2025, 3, 1),
                       "therapy_completed": "tak"}],
        activities=[{"id": "G", "name": "Psychoedukacja", "type": "edukacyjne",
                     "form": "grupowe", "specialist": "psycholog", "planned_meetings": 10,
                     "hours_per_meeting": 2}],
        enrolments=[{"participant": "U001", "activity": "G"}],
        meetings=[{"id": "M1", "date": date(2025, 3, 4), "activity": "G", "hours": 2,
                   "start": time(10), "end": time(12)}],
        attendance=[{"meeting": "M1", "participant": "U001", "status": None}],
    )
    wb = load_workbook(path)
    for title, new, headers in (("Uczestnicy", SHEET, HEADERS),
                                ("Obecności", ATTENDANCE_SHEET, {"status": STATUS_HEADER})):
        ws = wb[title]
        ws.title = "tymczasowa"  # openpyxl refuses a case-only rename
        ws.title = new
        for key, header in headers.items():
            default = schema.sheet(schema.find_sheet(new).key).column(key).header  # type: ignore[union-attr]
            cell = next(c for c in ws[1] if c.value == default)
            cell.value = header
    wb.save(path)
    return path


def test_findings_show_the_users_spelling_and_carry_the_schema_keys(tmp_path: Path) -> None:
    path = _respelled(tmp_path / "klub.xlsx")
    result = run_on_file(path, check, write=False)
    found = {f.code: f for f in result.findings}
    contract = found["contract-missing"]
    assert (contract.sheet_key, contract.column_key) == ("participants", "contract_date")
    assert (contract.sheet, contract.column) == (SHEET, HEADERS["contract_date"])
    therapy = found["therapy-end-missing"]
    assert (therapy.sheet_key, therapy.column_key) == ("participants", "therapy_end")
    assert therapy.column == HEADERS["therapy_end"]
    # another column named inside the message is the user's spelling too
    assert f"w kolumnie „{HEADERS['therapy_completed']}”" in therapy.message
    assert "Terapia ukończona" not in therapy.message
    # the findings sheet of "Wynik kontroli" says the same, and links into the renamed sheet
    assert result.plan is not None
    [sheet] = result.plan.sheets
    block = sheet.blocks[-1]
    titles = [c.header for c in block.columns]
    row = next(r for r in block.rows if r[titles.index("Kod")] == "contract-missing")
    assert (row[titles.index("Arkusz")], row[titles.index("Kolumna")]) == (
        SHEET, HEADERS["contract_date"])
    contract_col = read_workbook(path).layouts["participants"].cell("contract_date", 2)
    assert any(link.sheet == SHEET and link.cell == contract_col
               for link in block.links.values())


def test_hours_findings_name_the_renamed_attendance_column(tmp_path: Path) -> None:
    path = _respelled(tmp_path / "klub.xlsx")
    result = run_on_file(path, hours_action, write=False)
    [todo] = [f for f in result.findings if f.code == "attendance-status-missing"]
    assert (todo.sheet_key, todo.column_key) == ("attendance", "status")
    assert (todo.sheet, todo.column) == (ATTENDANCE_SHEET, STATUS_HEADER)
    assert f"Uzupełnij kolumnę „{STATUS_HEADER}”" in todo.message


def test_the_json_of_check_keeps_its_fields_and_shows_the_users_names(tmp_path: Path) -> None:
    path = _respelled(tmp_path / "klub.xlsx")
    out = subprocess.run([sys.executable, "-m", "kis_xl", "check", str(path), "--json",
                          "--no-write"], capture_output=True, text=True, check=False)
    data = json.loads(out.stdout)
    contract = next(f for f in data["findings"] if f["code"] == "contract-missing")
    assert (contract["sheet"], contract["column"]) == (SHEET, HEADERS["contract_date"])
    assert set(contract) == {"code", "severity", "sheet", "row", "column", "participant",
                             "message", "basis", "overridden"}


def test_locate_is_the_one_place_keys_become_names() -> None:
    missing = THERAPY_END_MISSING(sheet_key="participants", row=2, column_key="therapy_end",
                                  participant="U1", category="x",
                                  completed_column=Ref("participants", "therapy_completed"))
    # made in the core: the schema's names
    assert (missing.sheet, missing.column) == ("Uczestnicy", "Data zakończenia terapii")
    assert "„Terapia ukończona”" in missing.message
    names = Names({"participants": "Moi ludzie"},
                  {"participants": {"therapy_end": "Koniec terapii",
                                    "therapy_completed": "Ukończona?"}})
    [named] = locate([missing], names)
    assert (named.sheet, named.column, named.row) == ("Moi ludzie", "Koniec terapii", 2)
    assert (named.sheet_key, named.column_key) == ("participants", "therapy_end")
    assert "„Ukończona?”" in named.message and "Terapia ukończona" not in named.message
    assert named == locate([named], names)[0]  # idempotent
    # settings: a setting's key names its row label
    setting = REQUIRED_MISSING(sheet_key="settings", row=4, column_key="club_name")
    assert setting.column == schema.SETTINGS_BY_KEY["club_name"].label
    outside = Finding("x", setting.severity, "Poza skoroszytem.")
    assert locate([outside], names) == [outside]


# --------------------------------------------------------------- every action, demo club


def _options(spec: Any, club: Any, tmp: Path) -> dict[str, Any]:
    options: dict[str, Any] = dict(spec.options)
    if spec.needs is Needs.PARTICIPANT_ROWS:
        # someone who has ended (a certificate is for them only)
        options["ids"] = [next(p.id for p in club.participants if p.end_date)]
    elif spec.needs is Needs.MEETING_ROWS:
        options["ids"] = [club.meetings[-1].id]
    elif spec.needs is Needs.ACTIVITY_AND_DATE:
        options["activity"] = next(a.id for a in club.activities if a.is_group)
        options["day"] = TODAY
    elif spec.needs is Needs.ACTIVITY_AND_MONTH:
        options.update(activity="Z03", month=f"{TODAY:%m.%Y}")
    elif spec.needs is Needs.REGISTER_SHEET:  # the register the build made, on the sheet
        import functools

        from kis_xl.actions.register import register_action

        build = functools.partial(register_action, activity="Z03", month=f"{TODAY:%m.%Y}",
                                  today=TODAY)
        options["sheet"] = run_on_file(club.source, build).payload["register"]["sheet"]
    if spec.target.startswith(("kis_xl.actions.docs:documents", "kis_xl.actions.report:")):
        options["out_dir"] = tmp / spec.name
    if spec.name == "report":
        options.update(eml=False, open_draft=False)
    return options


@pytest.fixture(scope="module")
def demo_findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Finding]]:
    from kis_xl.demo.club import write_demo_workbook

    tmp = tmp_path_factory.mktemp("keys")
    book = write_demo_workbook(tmp / "klub_demo.xlsx", TODAY)
    out: dict[str, list[Finding]] = {}
    for spec in USER_ACTIONS:
        club = read_workbook(book, sheets=spec.sheets)
        result = spec.load()(club, today=TODAY, **_options(spec, club, tmp))
        out[spec.name] = result.findings
    return out


def test_every_finding_of_every_action_is_located_by_schema_keys(
    demo_findings: dict[str, list[Finding]],
) -> None:
    located = 0
    for action, findings in demo_findings.items():
        for f in findings:
            if f.row is None and f.sheet is None:
                continue  # about the workbook as a whole
            where = f"{action}: {f.code} {f.sheet!r} {f.row} {f.column!r}"
            assert f.sheet_key in schema.BY_KEY, where
            if f.column is not None:
                assert f.column_key in column_keys(f.sheet_key), where
            located += 1
    assert located >= 20  # the demo club has deliberate mistakes in several sheets
    codes = {f.code for findings in demo_findings.values() for f in findings}
    assert set(demo_findings) == {a.name for a in USER_ACTIONS}
    assert len(codes) >= 5
