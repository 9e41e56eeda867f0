"""`kis-xl check` end to end: a real workbook, the real CLI, the file written back.

Dates are relative to the real today, because the CLI checks "dates in the
future" and "participation too long" against the clock of the machine.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import kis_xl
from kis_xl.actions import registry
from kis_xl.actions.base import run_on_file
from kis_xl.actions.check import check
from kis_xl.actions.check_report import status_columns
from kis_xl.domain.finding_types import catalog
from kis_xl.domain.findings import FindingType
from kis_xl.domain.pesel import make_pesel
from kis_xl.domain.rules import evaluate
from kis_xl.plan.sheetspec import GENERATED_MARK
from kis_xl.workbook import schema
from kis_xl.workbook.reader import read_workbook
from tests.builders import write_club
from tests.office import convert

ROOT = Path(__file__).resolve().parents[1]
TODAY = date.today()
START = TODAY - timedelta(days=60)
BEFORE = START - timedelta(days=20)
CLUB_CATEGORY = "matki samotnie wychowujące dzieci"


def kis(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kis_xl", *args], capture_output=True,
                          text=True, check=False)


def person(pid: str, serial: int, **changes: Any) -> dict[str, Any]:
    row = {
        "id": pid, "last_name": "Kowalska", "first_name": "Anna",
        "pesel": make_pesel(date(1980, 1, 1) + timedelta(days=serial * 97), "K", serial),
        "sex": "K", "category": "bezdomni", "proof_document": "zaświadczenie OPS",
        "benefits": "brak", "rodo_info_date": BEFORE, "application_date": BEFORE,
        "interview_date": BEFORE, "contract_date": BEFORE, "start_date": START,
        "planned_end": START + timedelta(days=300),
    }
    row.update(changes)
    return row


PEOPLE = [
    person("U001", 1),
    person("U002", 2, benefits="emerytura"),
    person("U003", 3, contract_date=None),
    person("U004", 4, category="ufoludki"),
    person("U005", 5, rodo_info_date=TODAY + timedelta(days=30)),
    person("U006", 6, end_date=START - timedelta(days=5), end_reason="rezygnacja"),
    person("U007", 7, last_name=None),
    person("U008", 8, benefits="zasiłek przedemerytalny"),
    person("U009", 9, category=CLUB_CATEGORY),
]
ROW = {p["id"]: i for i, p in enumerate(PEOPLE, start=2)}
STATUS_COLUMN = [c.key for c in schema.sheet("participants").columns].index("status") + 1
DECISIONS = [{"participant": "U008", "decision": "dopuszczam mimo ustaleń",
              "justification": "prawo do zasiłku wygasa w przyszłym miesiącu",
              "decided_by": "Anna Nowak", "decided_on": START}]
EXPECTED = {
    "U001": "kwalifikuje się",
    "U002": "nie kwalifikuje się",
    "U003": "braki w dokumentacji",
    "U004": "braki w dokumentacji",
    "U005": "braki w dokumentacji",
    "U006": "braki w dokumentacji",
    "U007": "braki w dokumentacji",
    "U008": "decyzja koordynatora",
    "U009": "kwalifikuje się",
}


@pytest.fixture(scope="module")
def mixed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("check") / "klub.xlsx"
    return write_club(path, participants=PEOPLE, decisions=DECISIONS,
                      lists=[{"kategorie": CLUB_CATEGORY}])


@pytest.fixture
def mixed(mixed_template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(mixed_template, tmp_path / "klub.xlsx"))


def statuses_in(path: Path) -> dict[str, tuple[str, str]]:
    ws = load_workbook(path)["Uczestnicy"]
    headers = [c.value for c in ws[1]]
    i_status = headers.index("Status kwalifikacji")
    i_reason = headers.index("Uzasadnienie statusu")
    return {row[0]: (row[i_status], row[i_reason])
            for row in ws.iter_rows(min_row=2, values_only=True) if row[0]}


def findings_rows(path: Path) -> list[dict[str, Any]]:
    """The findings block of "Wynik kontroli", as dicts by header, with each row's link."""
    ws = load_workbook(path)["Wynik kontroli"]
    header_row = next(r for r in range(1, 40) if ws.cell(r, 1).value == "Waga")
    headers = [c.value for c in ws[header_row]]
    out = []
    for r in range(header_row + 1, ws.max_row + 1):
        values = {h: ws.cell(r, i + 1).value for i, h in enumerate(headers) if h}
        if not values.get("Kod"):
            continue
        link = ws.cell(r, headers.index("Komórka") + 1).hyperlink
        values["link"] = link.location if link is not None else None
        out.append(values)
    return out


# --------------------------------------------------------------------------- the CLI


def test_check_writes_statuses_into_the_right_rows(mixed: Path) -> None:
    result = kis("check", str(mixed))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "Uczestnicy: 9 – kwalifikuje się: 2, nie kwalifikuje się: 1, braki w dokumentacji: " \
           "5, decyzja koordynatora: 1." in result.stdout
    written = statuses_in(mixed)
    assert {pid: s for pid, (s, _) in written.items()} == EXPECTED
    assert "art. 1 ust. 3 pkt 7" in written["U002"][1]
    assert written["U003"][1] == "do uzupełnienia lub poprawienia: brak kontraktu socjalnego"
    assert "Anna Nowak" in written["U008"][1]


def test_results_sheet_lists_findings_with_links_to_their_cells(mixed: Path) -> None:
    assert kis("check", str(mixed)).returncode == 1
    rows = findings_rows(mixed)
    by_code = {(r["Kod"], r["Uczestnik"]): r for r in rows}
    benefit = by_code[("excluded-benefit", "U002")]
    assert benefit["Waga"] == "błąd" and benefit["Wiersz"] == ROW["U002"]
    assert benefit["Podstawa"] == "art. 1 ust. 3 pkt 7 ustawy o zatrudnieniu socjalnym"
    assert benefit["link"] == f"'Uczestnicy'!Q{ROW['U002']}"
    overridden = by_code[("excluded-benefit", "U008")]
    assert overridden["Kto zdecydował"] == "Anna Nowak"
    assert overridden["Uchylone decyzją"] == "dopuszczam mimo ustaleń"
    assert rows.index(overridden) > rows.index(benefit)  # overridden ones at the end
    assert by_code[("category-extended", "U009")]["Waga"] == "informacja"
    assert all(r["link"] for r in rows if r["Wiersz"])
    wb = load_workbook(mixed)
    assert wb.sheetnames.count("Wynik kontroli") == 1
    assert str(wb["Wynik kontroli"]["A1"].value).startswith(GENERATED_MARK)


@pytest.mark.parametrize(
    ("pid", "code", "column"),
    [
        ("U004", "invalid-choice", "Kategoria"),
        ("U005", "event-date-in-future", "Data przekazania informacji RODO (art. 13)"),
        ("U006", "participation-end-before-start", "Data zakończenia udziału"),
        ("U007", "required-missing", "Nazwisko"),
        ("U003", "contract-missing", "Data podpisania kontraktu socjalnego"),
    ],
)
def test_bad_input_gives_located_findings(mixed: Path, pid: str, code: str, column: str) -> None:
    result = kis("check", str(mixed), "--json", "--no-write")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    found = [f for f in json.loads(result.stdout)["findings"]
             if f["code"] == code and f["participant"] == pid]
    assert len(found) == 1, found
    f = found[0]
    assert (f["sheet"], f["row"], f["column"]) == ("Uczestnicy", ROW[pid], column)
    assert f["message"] and f["severity"] == "error"


def test_a_decision_may_name_any_finding_code_not_only_those_check_produces(
    tmp_path: Path,
) -> None:
    """`check` runs in a fresh process that never imports hours or outcomes; the coordinator's
    decision about an attendance finding must still be recognised as naming a real code."""
    decided = {**DECISIONS[0], "participant": "U001", "code": "attendance-below-threshold"}
    path = write_club(tmp_path / "klub.xlsx", participants=[PEOPLE[0]], decisions=[decided])
    data = json.loads(kis("check", str(path), "--json", "--no-write").stdout)
    codes = [f["code"] for f in data["findings"]]
    assert "decision-unknown-code" not in codes
    assert "decision-unmatched" in codes  # a known code; `check` simply has no such finding


def test_the_catalogue_is_complete_whatever_was_imported() -> None:
    everything = set(_declaring_modules()) | set(catalog())
    fresh = subprocess.run(
        [sys.executable, "-c",
         "from kis_xl.domain.finding_types import catalog; print('\\n'.join(sorted(catalog())))"],
        capture_output=True, text=True, check=True)
    late = {code: where for code, where in _declaring_modules().items()
            if code not in set(fresh.stdout.split())}
    assert set(fresh.stdout.split()) == everything, (
        "these finding types are declared outside kis_xl.domain.finding_types, so the catalogue "
        f"lacks them until their module is imported (code: module); move them there: {late}"
    )


def test_json_shape(mixed: Path) -> None:
    data = json.loads(kis("check", str(mixed), "--json", "--no-write").stdout)
    assert {"findings", "summary", "participants", "profile", "today"} <= set(data)
    for f in data["findings"]:
        assert set(f) == {"code", "severity", "sheet", "row", "column", "participant",
                          "message", "basis", "overridden"}
        assert f["severity"] in ("error", "warning", "info")
    summary = data["summary"]
    assert summary["statuses"] == {"eligible": 2, "ineligible": 1, "incomplete": 5,
                                   "override": 1}
    assert summary["participants"] == 9 and summary["profile"] == "ustawa 2025"
    assert summary["errors"] == sum(f["severity"] == "error" and not f["overridden"]
                                    for f in data["findings"])
    assert summary["overridden"] == sum(bool(f["overridden"]) for f in data["findings"])
    assert {"warnings", "infos"} <= set(summary)
    u8 = next(p for p in data["participants"] if p["participant"] == "U008")
    assert u8 == {"participant": "U008", "row": ROW["U008"], "status": "decyzja koordynatora",
                  "status_code": "override", "reason": u8["reason"]}
    overridden = next(f for f in data["findings"] if f["overridden"])
    assert overridden["overridden"]["by"] == "Anna Nowak"
    assert overridden["overridden"]["on"] == START.isoformat()


@pytest.mark.parametrize("extra", [(), ("--json",)])
def test_no_write_leaves_the_file_byte_identical(mixed: Path, extra: tuple[str, ...]) -> None:
    before = mixed.read_bytes()
    result = kis("check", str(mixed), "--no-write", *extra)
    assert result.returncode == 1
    assert mixed.read_bytes() == before
    assert not (mixed.parent / ".kis-kopie").exists()


def test_clean_club_exits_0(tmp_path: Path) -> None:
    path = write_club(tmp_path / "klub.xlsx", participants=[person("U001", 1)])
    result = kis("check", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 błędów" in result.stdout and "Zapisano" in result.stdout
    assert statuses_in(path)["U001"][0] == "kwalifikuje się"


def test_2006_statute_profile_from_the_settings(tmp_path: Path) -> None:
    path = write_club(tmp_path / "klub.xlsx", settings={"rule_profile": "regulamin 2006"},
                      participants=[person("U001", 1, benefits="renta socjalna")])
    data = json.loads(kis("check", str(path), "--json").stdout)
    assert data["profile"] == "regulamin 2006"
    f = next(f for f in data["findings"] if f["code"] == "excluded-benefit")
    assert f["basis"] == "§ 9 regulaminu"
    assert statuses_in(path)["U001"][0] == "nie kwalifikuje się"


def test_club_settings_and_new_columns_are_read_from_the_workbook(tmp_path: Path) -> None:
    """Consent and interview come from the club's settings; therapy and PUP kinds from rows."""
    addict = person("U001", 1, category="alkohol", therapy_completed="nie",
                    interview_date=None)
    unemployed = person("U002", 2, category="długotrwale bezrobotni", interview_date=None)
    pup = [{"participant": "U002", "registered_from": START - timedelta(days=700)},
           {"participant": "U002", "registered_from": START - timedelta(days=300),
            "registered_to": START - timedelta(days=100), "kind": "staż"}]
    path = write_club(tmp_path / "klub.xlsx", participants=[addict, unemployed],
                      pup_periods=pup, settings={
                          "rule_profile": "regulamin 2006", "consent_required": "tak",
                          "interview_required": "nie"})
    club = read_workbook(path)
    assert (club.settings.consent_required, club.settings.interview_required) == ("tak", "nie")
    assert [p.kind for p in club.pup_periods] == [None, "staż"]
    ev = evaluate(club, today=TODAY)
    codes = {(f.participant, f.code) for f in ev.findings}
    assert ("U001", "therapy-not-finished") in codes
    assert {("U001", "consent-missing"), ("U002", "consent-missing")} <= codes  # "tak"
    assert ("U001", "interview-missing") in codes  # the 2006 statute: § 14, whatever the setting
    by_pid = {s.participant: s.status for s in ev.statuses}
    assert by_pid["U001"] == "nie kwalifikuje się"

    law = write_club(tmp_path / "ustawa.xlsx", participants=[addict, unemployed],
                     pup_periods=pup, settings={"interview_required": "nie"})
    ev = evaluate(read_workbook(law), today=TODAY)
    assert [f.code for f in ev.findings if f.sheet == "Uczestnicy"] == []
    assert {s.status for s in ev.statuses} == {"kwalifikuje się"}


def test_missing_participants_sheet_is_one_finding(tmp_path: Path) -> None:
    path = write_club(tmp_path / "klub.xlsx", participants=[person("U001", 1)])
    wb = load_workbook(path)
    del wb["Uczestnicy"]
    wb.save(path)
    result = kis("check", str(path), "--json")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert [f["code"] for f in data["findings"]] == ["missing-sheet"]
    assert data["summary"]["participants"] == 0
    assert "Wynik kontroli" in load_workbook(path).sheetnames


@pytest.mark.parametrize("content", [b"to nie jest skoroszyt", None])
def test_unreadable_or_missing_file_exits_2(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "klub.xlsx"
    if content is not None:
        path.write_bytes(content)
    result = kis("check", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "klub.xlsx" in result.stderr


def test_second_run_replaces_results_and_keeps_user_data(mixed: Path) -> None:
    assert kis("check", str(mixed)).returncode == 1
    first = findings_rows(mixed)
    assert kis("check", str(mixed)).returncode == 1
    assert len(findings_rows(mixed)) == len(first)
    wb = load_workbook(mixed)
    assert wb.sheetnames.count("Wynik kontroli") == 1
    assert wb["Uczestnicy"]["B3"].value == "Kowalska"
    assert len(list((mixed.parent / ".kis-kopie").iterdir())) == 2


# --------------------------------------------------------------------------- in process


def test_registry_entry_runs_the_action() -> None:
    spec = registry.get("check")
    assert spec.label == "Sprawdź uczestników" and spec.load() is check


def test_action_with_a_fixed_day_and_the_plan_it_returns(mixed: Path) -> None:
    result = run_on_file(mixed, lambda club: check(club, today=date(2030, 1, 1)), write=False)
    assert result.plan is not None and result.written is None
    assert [s.name for s in result.plan.sheets] == ["Wynik kontroli"]
    status, reason = result.plan.columns
    assert (status.sheet, status.header, status.column) == ("Uczestnicy", "Status kwalifikacji",
                                                            STATUS_COLUMN)
    assert reason.column == STATUS_COLUMN + 1 and set(status.values) == set(ROW.values())
    assert result.payload["today"] == "2030-01-01"
    assert any(f.code == "participation-too-long" for f in result.findings)


def test_status_columns_are_appended_when_the_user_removed_them(mixed: Path) -> None:
    club = read_workbook(mixed)
    layout = club.layouts["participants"]
    for key in ("status", "status_reason"):
        layout.columns.pop(key)
        layout.headers.pop(key)
    updates = status_columns(club, evaluate(club, today=TODAY))
    assert [(u.header, u.column) for u in updates] == [
        ("Status kwalifikacji", None), ("Uzasadnienie statusu", None)]


@pytest.mark.libreoffice
def test_checked_workbook_opens_in_libreoffice(mixed: Path, tmp_path: Path) -> None:
    assert kis("check", str(mixed)).returncode == 1
    resaved = convert(mixed, "xlsx", tmp_path / "lo")
    wb = load_workbook(resaved)
    assert "Wynik kontroli" in wb.sheetnames
    assert wb["Uczestnicy"].cell(ROW["U002"], STATUS_COLUMN).value == "nie kwalifikuje się"


# --------------------------------------------------------------------------- README


def _declaring_modules() -> dict[str, str]:
    """Import every kis_xl module (so every finding type is declared): code -> module."""
    where: dict[str, str] = {}
    for info in pkgutil.walk_packages(kis_xl.__path__, "kis_xl."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, FindingType):
                where.setdefault(value.code, info.name)
    return where


def test_every_finding_code_is_documented_in_readme() -> None:
    where = _declaring_modules()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`", readme))
    missing = {code: where.get(code, "?") for code in sorted(set(catalog()) - documented)}
    assert not missing, (
        "README does not list these finding codes (code: declaring module); document each in "
        f"the README section of its area, as `code` in a table row: {missing}"
    )


def test_readme_documents_the_check_json() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section:check -->")[1].split("<!-- /section:check -->")[0]
    for key in ("findings", "summary", "statuses", "participants", "overridden", "basis",
                "kis-xl check", "--no-write", "--json"):
        assert key in section, key


def test_settings_findings_link_to_the_value_even_in_a_renamed_sheet(tmp_path: Path) -> None:
    path = write_club(tmp_path / "klub.xlsx", settings={"operator": None})
    wb = load_workbook(path)
    wb["Ustawienia"].title = "tymczasowa"  # openpyxl refuses a case-only rename
    wb["tymczasowa"].title = "USTAWIENIA"
    wb.save(path)
    result = run_on_file(path, check, write=False)
    assert result.plan is not None
    links = [link for sheet in result.plan.sheets for block in sheet.blocks
             for link in block.links.values()]
    operator_row = next(i for i, s in enumerate(schema.SETTINGS, start=2)
                        if s.key == "operator")
    assert any(link.sheet == "USTAWIENIA" and link.cell == f"B{operator_row}" for link in links)
