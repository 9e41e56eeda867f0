"""Outcome indicators by category: a hand-computed club, the findings, the sheet, the CLI."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kis_xl.actions.outcomes import outcomes_action, outcomes_sheet
from kis_xl.domain.dates import add_months
from kis_xl.domain.findings import Finding
from kis_xl.domain.model import Club, Outcome, Participant
from kis_xl.domain.outcomes import COMPLETED, DROPPED, compute_outcomes
from tests.builders import write_club
from tests.office import convert, pdf_text
from tests.test_hours import kis

TODAY = date(2026, 3, 15)
CLUB_CATEGORY = "matki samotnie wychowujące dzieci"
CAT = {
    "1": "osoby bezdomne realizujące indywidualny program wychodzenia z bezdomności",
    "2": "osoby uzależnione od alkoholu",
    "4": "osoby z zaburzeniami psychicznymi",
    "5": "osoby długotrwale bezrobotne",
    "6": "osoby zwalniane z zakładów karnych, mające trudności w integracji ze środowiskiem",
    "8": "osoby niepełnosprawne",
}


def p(pid: str, cat: str, start: date | None, end: date | None = None,
      reason: str | None = None, *, row: int = 2, **extra: Any) -> Participant:
    return Participant(row=row, id=pid, category=CAT.get(cat, cat), start_date=start,
                       end_date=end, end_reason=reason, **extra)


def o(pid: str, day: date, kind: str, row: int = 2) -> Outcome:
    return Outcome(row=row, participant=pid, date=day, type=kind)


def hand_club() -> Club:
    """P1 completed and got a job a month later; P2 dropped out after starting treatment;
    P3 still takes part (legal + qualification); P4 completed in December, its 3-month
    window still open; P5 belongs to 2024; P6 ended without a reason; P7 never started;
    P8 left for public works (a completion)."""
    people = [
        p("P1", "5", date(2025, 2, 1), date(2025, 10, 31), "ukończenie programu"),
        p("P2", "5", date(2025, 3, 1), date(2025, 6, 30), "rezygnacja"),
        p("P3", "2", date(2025, 5, 1)),
        p("P4", "2", date(2025, 1, 10), date(2025, 12, 20), "ukończenie programu"),
        p("P5", "8", date(2024, 3, 1), date(2024, 12, 31), "ukończenie programu"),
        p("P6", CLUB_CATEGORY, date(2025, 6, 1), date(2025, 9, 30)),
        p("P7", "4", None),
        p("P8", "6", date(2025, 4, 1), date(2025, 7, 31), "podjęcie zatrudnienia",
          category_2=CAT["2"]),
    ]
    for i, person in enumerate(people, start=2):
        person.row = i
    outcomes = [
        o("P1", date(2025, 12, 1), "zatrudnienie na otwartym rynku pracy"),
        o("P2", date(2025, 5, 10), "podjęcie leczenia"),
        o("P3", date(2025, 8, 1), "uregulowanie spraw prawnych"),
        o("P3", date(2025, 9, 1), "podniesienie kwalifikacji"),
        o("P5", date(2025, 1, 15), "zatrudnienie na otwartym rynku pracy"),
        o("P8", date(2025, 7, 25), "roboty publiczne"),
        o("P3", date(2025, 4, 1), "inny rezultat"),  # before P3 started
        o("P1", date(2026, 4, 1), "zatrudnienie wspierane"),  # in the future
        o("P2", date(2025, 11, 15), "uregulowanie spraw prawnych"),  # > 3 months after end
    ]
    for i, outcome in enumerate(outcomes, start=2):
        outcome.row = i
    club = Club(participants=people, outcomes=outcomes)
    club.club_terms = {"kategorie": [CLUB_CATEGORY]}
    club.settings.reporting_year = 2025
    return club


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def test_hand_computed_year() -> None:
    r = compute_outcomes(hand_club(), today=TODAY)
    t = r.totals
    assert (r.period.year, r.as_of, r.window_months) == (2025, date(2025, 12, 31), 3)
    assert (t.participants, t.active, t.completed, t.dropped_out, t.ended_other) == (
        6, 1, 3, 1, 1)
    assert (t.with_effect, t.with_social_effect, t.with_professional_effect) == (4, 2, 3)
    assert (t.employed, t.employed_after_completion, t.observation_pending) == (2, 2, 1)
    assert (r.not_started, r.outcomes_elsewhere) == (1, 1)
    rows = {c.category: c for c in r.by_category}
    assert [c.code for c in r.by_category] == ["1", "2", "3", "4", "5", "6", "7", "8", ""]
    five = rows[CAT["5"]]
    assert (five.participants, five.completed, five.dropped_out,
            five.employed_after_completion) == (2, 1, 1, 1)
    assert dict(five.outcomes_by_type) == {"zatrudnienie na otwartym rynku pracy": 1,
                                           "podjęcie leczenia": 1}
    assert (rows[CAT["2"]].participants, rows[CAT["2"]].secondary) == (2, 1)
    assert rows[CLUB_CATEGORY].ended_other == 1 and rows[CAT["8"]].participants == 0
    assert sum(c.participants for c in r.by_category) == t.participants
    types = {x.type: x for x in r.by_type}
    assert types["roboty publiczne"].employment and not types["podjęcie leczenia"].employment
    assert types["uregulowanie spraw prawnych"].outcomes == 1
    assert types["zatrudnienie na otwartym rynku pracy"].by_category == {CAT["5"]: 1}
    status = {po.id: po.status for po in r.participants}
    assert status["P8"] == COMPLETED and status["P2"] == DROPPED
    assert sorted(codes(r.findings)) == ["end-reason-missing", "outcome-in-future",
                                         "outcome-outside-participation",
                                         "outcome-outside-participation"]


def test_findings_point_at_rows_and_say_what_to_do() -> None:
    r = compute_outcomes(hand_club(), today=TODAY)
    by_code: dict[str, list[Finding]] = {}
    for f in r.findings:
        by_code.setdefault(f.code, []).append(f)
    missing = by_code["end-reason-missing"][0]
    assert (missing.sheet, missing.row, missing.participant) == ("Uczestnicy", 7, "P6")
    assert missing.basis and "18a" in missing.basis
    before, after = by_code["outcome-outside-participation"]
    assert (before.sheet, before.row, before.column) == ("Rezultaty", 8, "Data")
    assert "od 01.05.2025 do dziś" in before.message
    assert "do 30.09.2025, tj. 3 mies. po zakończeniu" in after.message
    assert by_code["outcome-in-future"][0].severity == "info"


def test_quiet_when_everything_is_in_order() -> None:
    club = Club(participants=[p("P1", "5", date(2025, 2, 1), date(2025, 10, 31),
                                "ukończenie programu")],
                outcomes=[o("P1", date(2025, 10, 1), "podniesienie kwalifikacji")])
    assert compute_outcomes(club, today=TODAY).findings == []


def test_employment_window_comes_from_settings() -> None:
    club = hand_club()
    club.settings.employment_window_months = 1
    r = compute_outcomes(club, today=TODAY)
    assert r.totals.employed_after_completion == 1  # P1's job came after one month
    assert "outcome-outside-participation" in codes(r.findings)
    assert r.totals.observation_pending == 0


def test_all_time_when_no_year_is_set() -> None:
    club = hand_club()
    club.settings.reporting_year = None
    r = compute_outcomes(club, today=TODAY)
    assert r.period.start is None and r.as_of == TODAY
    assert r.totals.participants == 7 and r.outcomes_elsewhere == 0  # P5 is in now
    assert compute_outcomes(club, today=TODAY, year=2024).totals.participants == 1


def test_add_months_clips_to_the_end_of_the_month() -> None:
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert add_months(date(2025, 10, 31), 3) == date(2026, 1, 31)


def test_one_month_arithmetic_for_rules_outcomes_and_demo() -> None:
    """Participation limits, the employment window and the demo's planned ends count alike."""
    from kis_xl.demo import club as demo
    from kis_xl.domain import outcomes
    from kis_xl.domain.rules import periods

    assert outcomes.add_months is periods.add_months is demo.add_months is add_months


def test_sheet_totals_match_the_rows_and_the_list_under_them() -> None:
    club = hand_club()
    r = compute_outcomes(club, today=TODAY)
    sheet = outcomes_sheet(club, r)
    assert (sheet.key, sheet.name) == ("outcome_results", "Wynik rezultatów")
    status, effects, types, people, found = sheet.blocks
    for block in (status, effects):
        body, total = block.rows[:-1], block.rows[-1]
        assert total[0] == "Razem" and block.marks and block.marks[-1] == "total"
        for col in range(1, 6):
            assert total[col] == sum(row[col] for row in body)
    assert status.rows[1][0] == f"2. {CAT['2']}"
    assert effects.rows[-1][6:8] == [2, 1]
    assert types.rows[-1][2] == sum(row[2] for row in types.rows[:-1]) == 5
    assert [c.header for c in types.columns][4:] == ["kat. 2", "kat. 5", "kat. 6", "kat. K1"]
    # the club's own category is not one of art. 1 ust. 2: it names its own basis (§ 8)
    assert status.rows[-2][0] == (
        f"K1. {CLUB_CATEGORY} (dopisana przez klub – rozszerzenie katalogu, § 8 regulaminu "
        "klubu)")
    assert effects.rows[-2][0] == status.rows[-2][0]
    assert status.columns[0].header == effects.columns[0].header == (
        "Kategoria (nr – art. 1 ust. 2 ustawy; K – dopisana przez klub)")
    assert len(people.rows) == 6
    assert people.rows[0] == ["P1", "5", COMPLETED, "tak", "zatrudnienie na otwartym rynku pracy"]
    assert sheet.charts[0].block == 2
    assert found.title == "Ustalenia"
    assert sorted(row[-1] for row in found.rows) == sorted(
        f.code for f in [*club.findings, *r.findings])
    assert found.rows and found.rows[0][1] == "ostrzeżenie"  # no errors: warnings come first


def test_json_shape() -> None:
    result = outcomes_action(hand_club(), today=TODAY)
    data = json.loads(json.dumps(result.json()))
    assert set(data) >= {"by_category", "totals", "outcomes_by_type", "period", "findings"}
    first = data["by_category"][0]
    assert set(first) >= {"category", "code", "participants", "completed", "dropped_out",
                          "with_social_effect", "with_professional_effect",
                          "employed_after_completion", "outcomes_by_type"}
    assert data["period"] == {"year": 2025, "from": "2025-01-01", "to": "2025-12-31",
                              "status_as_of": "2025-12-31"}
    assert data["totals"]["employed_after_completion"] == 2
    assert result.summary[0].startswith("Rok 2025: 6 uczestników")


def file_club(tmp_path: Path) -> Path:
    return write_club(
        tmp_path / "klub.xlsx",
        settings={"reporting_year": 2025, "employment_window_months": 3},
        participants=[
            {"id": "U001", "last_name": "Nowak", "first_name": "Anna", "category": "5",
             "start_date": date(2025, 2, 1), "end_date": date(2025, 10, 31),
             "end_reason": "ukończenie programu"},
            {"id": "U002", "last_name": "Lis", "first_name": "Jan", "category": "alkohol",
             "start_date": date(2025, 3, 1)},
        ],
        outcomes=[
            {"participant": "U001", "date": date(2025, 11, 20), "type": "praca"},
            {"participant": "U002", "date": "10.05.2025", "type": "leczenie odwykowe"},
        ],
    )


def test_cli_json_and_year_option(tmp_path: Path) -> None:
    path = file_club(tmp_path)
    out = kis("outcomes", str(path), "--json", "--no-write")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["totals"]["participants"] == 2
    assert data["totals"]["employed_after_completion"] == 1
    assert data["totals"]["with_social_effect"] == 1
    other = json.loads(kis("outcomes", str(path), "--json", "--no-write", "--rok", "2024").stdout)
    assert other["totals"]["participants"] == 0 and other["period"]["year"] == 2024


@pytest.mark.parametrize("year", ["0", "25", "100000"])
def test_cli_year_out_of_range_is_a_polish_message(tmp_path: Path, year: str) -> None:
    path = file_club(tmp_path)
    out = kis("outcomes", str(path), "--no-write", "--rok", year)
    assert out.returncode == 2, out.stderr
    assert f"Rok {year} jest poza zakresem 2000–2099" in out.stderr
    assert "nieoczekiwany" not in out.stderr


def test_cli_writes_the_sheet(tmp_path: Path) -> None:
    import openpyxl

    path = file_club(tmp_path)
    out = kis("outcomes", str(path))
    assert out.returncode == 0 and "Rok 2025: 2 uczestników" in out.stdout
    ws = openpyxl.load_workbook(path)["Wynik rezultatów"]
    texts = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert "Uczestnicy według kategorii i statusu" in texts
    assert "5. osoby długotrwale bezrobotne" in texts
    with zipfile.ZipFile(path) as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())


@pytest.mark.libreoffice
def test_outcomes_sheet_opens_in_libreoffice(tmp_path: Path) -> None:
    path = file_club(tmp_path)
    assert kis("outcomes", str(path)).returncode == 0
    text = pdf_text(convert(path, "pdf", tmp_path / "pdf"))
    assert "Efekty reintegracji" in text
