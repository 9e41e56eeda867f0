"""The reader copes with what users really do to a workbook, and never raises on it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from kis_xl.domain.pesel import make_pesel
from kis_xl.domain.text import column_letter, fold
from kis_xl.plan.errors import WorkbookUnreadable
from kis_xl.workbook.reader import read_grids, read_workbook
from tests.builders import write_club

PESEL_2003 = make_pesel(date(2003, 4, 5), "K", 7)


def problems(club: Any) -> list[Any]:
    """Findings other than the note that a sheet these small grids leave out is missing."""
    return [f for f in club.findings if f.code != "optional-sheet-missing"]


def codes(club: Any) -> list[str]:
    return [f.code for f in problems(club)]


def grids(**sheets: list[list[Any]]) -> dict[str, list[list[Any]]]:
    base = {
        "Ustawienia": [["Ustawienie", "Wartość"], ["Nazwa klubu", "KIS"],
                       ["Podmiot prowadzący", "OPS"], ["Miejscowość klubu", "Klucze"],
                       ["Koordynator klubu", "A. Nowak"]],
        "Listy": [["Kategorie uczestników"], ["osoby uzależnione od alkoholu"]],
        "Uczestnicy": [["ID uczestnika", "Nazwisko", "Imię", "Kategoria"]],
    }
    base.update(sheets)
    return base


def test_columns_in_any_order_case_spaces_and_without_diacritics() -> None:
    club = read_grids(grids(Uczestnicy=[
        ["  kategoria ", "IMIE", "nazwisko", "Id uczestnika", "Data rozpoczecia udzialu"],
        ["alkohol", "Anna", "Nowak", "u001", "5.03.2025"],
    ]))
    (p,) = club.participants
    assert (p.id, p.first_name, p.last_name) == ("U001", "Anna", "Nowak")
    assert p.category == "osoby uzależnione od alkoholu"
    assert p.start_date == date(2025, 3, 5)
    assert "missing-column" not in codes(club)


def test_extra_columns_title_rows_and_blank_rows_are_tolerated() -> None:
    club = read_grids(grids(Uczestnicy=[
        ["Lista uczestników KIS 2025"],
        [],
        ["ID uczestnika", "Moja notatka", "Nazwisko", "Imię", "Kategoria"],
        ["U1", "cokolwiek", "Nowak", "Anna", "alkohol"],
        ["", "", "", "", ""],
        [None, "tylko notatka"],
        ["U2", None, "Kowal", "Jan", "2"],
    ]))
    assert [(p.id, p.row) for p in club.participants] == [("U1", 4), ("U2", 7)]
    assert club.layouts["participants"].header_row == 3


def test_dates_serials_and_numbers_with_comma() -> None:
    club = read_grids(grids(Spotkania=[
        ["ID spotkania", "Data", "ID zajęć", "Liczba godzin", "Godzina rozpoczęcia"],
        ["S1", 45721, "Z1", "3,5", "9.30"],
        ["S2", "2025-03-06", "Z1", 2, 0.5],
    ], Program=[["ID zajęć", "Nazwa zajęć", "Rodzaj zajęć", "Forma", "Specjalista"],
                ["Z1", "Psychoedukacja", "terapeutyczne", "grupowe", "psycholog"]]))
    m1, m2 = club.meetings
    assert (m1.date, m1.hours, m1.start.hour, m1.start.minute) == (date(2025, 3, 5), 3.5, 9, 30)
    assert (m2.date, m2.hours, m2.start.hour) == (date(2025, 3, 6), 2.0, 12)
    assert problems(club) == []


def test_pesel_stored_as_number_is_recovered_with_a_warning() -> None:
    club = read_grids(grids(Uczestnicy=[
        ["ID uczestnika", "Nazwisko", "Imię", "PESEL", "Kategoria"],
        ["U1", "Nowak", "Anna", int(PESEL_2003), "alkohol"],
    ]))
    assert club.participants[0].pesel == PESEL_2003
    (f,) = problems(club)
    assert (f.code, f.severity, f.sheet, f.row, f.column) == (
        "pesel-recovered", "warning", "Uczestnicy", 2, "PESEL")
    assert PESEL_2003 in f.message


def test_unreadable_cells_become_located_findings() -> None:
    club = read_grids(grids(Uczestnicy=[
        ["ID uczestnika", "Nazwisko", "Imię", "Kategoria", "Data wniosku o przyjęcie", "PESEL"],
        ["U1", "Nowak", "Anna", "astronauci", "31.02.2025", "12345"],
    ]))
    found = {(f.code, f.row, f.column, f.participant) for f in problems(club)}
    assert ("invalid-choice", 2, "Kategoria", "U1") in found
    assert ("invalid-date", 2, "Data wniosku o przyjęcie", "U1") in found
    assert ("invalid-pesel", 2, "PESEL", "U1") in found
    p = club.participants[0]
    assert p.category is None and p.application_date is None and p.pesel is None
    for f in problems(club):
        assert f.message and f.sheet == "Uczestnicy"


def test_suggestion_for_a_near_miss_in_a_list() -> None:
    club = read_grids(grids(Obecności=[
        ["ID spotkania", "ID uczestnika", "Obecność"], ["S1", "U1", "obecy"]]))
    f = next(f for f in club.findings if f.code == "invalid-choice")
    assert "„obecny”" in f.message


def test_missing_sheet_and_missing_required_column_are_one_finding_each() -> None:
    g = grids(Uczestnicy=[["ID uczestnika", "Imię"], ["U1", "Anna"]])
    del g["Listy"]
    club = read_grids(g)
    missing = [f for f in club.findings if f.code == "missing-column"]
    assert {f.column for f in missing} == {"Nazwisko", "Kategoria"}
    assert all(f.row == 1 for f in missing)
    assert [f.sheet for f in club.findings if f.code == "missing-sheet"] == ["Listy"]


def test_header_not_found() -> None:
    club = read_grids(grids(Uczestnicy=[["coś"], ["zupełnie", "innego"]]))
    assert "header-not-found" in codes(club)
    assert club.participants == []


def test_duplicate_ids_and_dangling_references() -> None:
    club = read_grids(grids(
        Uczestnicy=[["ID uczestnika", "Nazwisko", "Imię", "Kategoria"],
                    ["U1", "A", "B", "alkohol"], ["u1", "C", "D", "alkohol"]],
        Obecności=[["ID spotkania", "ID uczestnika", "Obecność"], ["S9", "U7", "obecny"]],
        Spotkania=[["ID spotkania", "Data", "ID zajęć"]],
    ))
    dup = next(f for f in club.findings if f.code == "duplicate-id")
    assert (dup.row, dup.participant) == (3, "U1") and "wierszu 2" in dup.message
    refs = sorted((f.column, f.participant) for f in club.findings
                  if f.code == "unknown-reference")
    assert refs == [("ID spotkania", "U7"), ("ID uczestnika", "U7")]


def test_club_extends_an_open_list_but_not_a_fixed_one() -> None:
    club = read_grids(grids(
        Listy=[["Kategorie uczestników", "Obecność"],
               ["osoby uzależnione od alkoholu", "obecny"],
               ["matki samotnie wychowujące dzieci", "spóźniony"]],
        Uczestnicy=[["ID uczestnika", "Nazwisko", "Imię", "Kategoria"],
                    ["U1", "A", "B", "Matki samotnie wychowujace dzieci"]],
    ))
    assert club.participants[0].category == "matki samotnie wychowujące dzieci"
    assert club.club_terms == {"kategorie": ["matki samotnie wychowujące dzieci"]}
    (f,) = [f for f in club.findings if f.code == "list-value-unsupported"]
    assert (f.sheet, f.row, f.column) == ("Listy", 3, "Obecność")


def test_multi_value_benefits() -> None:
    club = read_grids(grids(Uczestnicy=[
        ["ID uczestnika", "Nazwisko", "Imię", "Kategoria", "Prawo do świadczeń"],
        ["U1", "A", "B", "alkohol", "emerytura; renta socjalna"]]))
    assert club.participants[0].benefits == ("emerytura", "renta socjalna")


def test_every_row_with_a_partly_unknown_multi_value_gets_its_finding() -> None:
    """The parser caches repeated cells; a cell read with a finding must not be cached."""
    rows = [["U1", "A", "B", "alkohol", "emerytura; bzdura"],
            ["U2", "C", "D", "alkohol", "emerytura; bzdura"],
            ["U3", "E", "F", "alkohol", "emerytura; bzdura"]]
    club = read_grids(grids(Uczestnicy=[
        ["ID uczestnika", "Nazwisko", "Imię", "Kategoria", "Prawo do świadczeń"], *rows]))
    assert [p.benefits for p in club.participants] == [("emerytura",)] * 3
    found = [(f.row, f.participant) for f in club.findings if f.code == "invalid-choice"]
    assert found == [(2, "U1"), (3, "U2"), (4, "U3")]


def test_settings_with_defaults_and_bad_values() -> None:
    g = grids()
    g["Ustawienia"] += [["Próg frekwencji", "75%"], ["Maksymalny okres uczestnictwa (miesiące)",
                                                      "dwanaście"]]
    club = read_grids(g)
    assert club.settings.attendance_threshold == 0.75
    assert club.settings.max_months == 12
    bad = next(f for f in club.findings if f.code == "invalid-integer")
    assert (bad.sheet, bad.row, bad.column) == ("Ustawienia", 7, "Wartość")


@pytest.mark.parametrize(("label", "raw", "key", "kept"), [
    ("Maksymalny okres uczestnictwa (miesiące)", 100_000, "max_months", 12),
    ("Maksymalny okres uczestnictwa (miesiące)", 0, "max_months", 12),
    ("Okres obserwacji zatrudnienia po zakończeniu (miesiące)", -1, "employment_window_months", 3),
    ("Rok sprawozdawczy", "25", "reporting_year", None),
    ("Rok sprawozdawczy", 10_000, "reporting_year", None),
])
def test_number_settings_out_of_range_keep_the_default(
    label: str, raw: object, key: str, kept: object
) -> None:
    """A year 25 or 100,000 months would break every date computed from them."""
    g = grids()
    g["Ustawienia"].append([label, raw])
    club = read_grids(g)
    assert getattr(club.settings, key) == kept
    bad = next(f for f in club.findings if f.code == "setting-out-of-range")
    assert (bad.sheet, bad.row, bad.column) == ("Ustawienia", 6, "Wartość")
    assert label in bad.message


def test_number_settings_within_range_are_taken() -> None:
    g = grids()
    g["Ustawienia"] += [["Maksymalny okres uczestnictwa (miesiące)", 18],
                        ["Rok sprawozdawczy", 2025]]
    club = read_grids(g)
    assert (club.settings.max_months, club.settings.reporting_year) == (18, 2025)
    assert "setting-out-of-range" not in codes(club)


SETTINGS_ROWS = [["Nazwa klubu", "KIS"], ["Podmiot prowadzący", "OPS"],
                 ["Miejscowość klubu", "Klucze"], ["Koordynator klubu", "A. Nowak"],
                 ["Profil reguł", "regulamin 2006"],
                 ["Maksymalny okres uczestnictwa (miesiące)", "dziewięć"]]


def _arranged(order: list[str], header: bool = True) -> list[list[Any]]:
    """The settings sheet with its columns in ``order`` (``lp`` = the user's own column)."""
    cells = {"ustawienie": 0, "wartosc": 1}
    rows: list[list[Any]] = [order] if header else []
    for n, row in enumerate(SETTINGS_ROWS, start=1):
        rows.append([row[cells[fold(c)]] if fold(c) in cells else (n if c == "Lp." else "…")
                     for c in order])
    return rows


@pytest.mark.parametrize("order", [
    ["Wartość", "Ustawienie"],
    ["Opis", "Wartość", "Ustawienie"],
    ["Lp.", "Ustawienie", "Wartość", "Opis"],
    ["Lp.", "WARTOSC ", "ustawienie", "Moje uwagi"],
], ids=["swapped", "reversed", "lp-inserted", "lp-and-other-spelling"])
def test_settings_are_read_by_header_in_any_column_order(order: list[str]) -> None:
    """A club on "regulamin 2006" must not be checked under the default profile."""
    club = read_grids(grids(Ustawienia=_arranged(order)))
    s = club.settings
    assert (s.club_name, s.operator, s.club_city, s.coordinator, s.rule_profile) == (
        "KIS", "OPS", "Klucze", "A. Nowak", "regulamin 2006")
    (bad,) = problems(club)  # only the unreadable number, located in the value column
    value_col = next(i for i, c in enumerate(order, start=1) if fold(c) == "wartosc")
    assert (bad.code, bad.row, bad.column) == ("invalid-integer", 7, order[value_col - 1].strip())
    assert club.layouts["settings"].cell("value", bad.row) == f"{column_letter(value_col)}7"
    assert s.rows["rule_profile"] == 6


def test_settings_below_a_title_row_are_found() -> None:
    club = read_grids(grids(Ustawienia=[["Ustawienia klubu 2025"], [],
                                        *_arranged(["Ustawienie", "Wartość"])]))
    assert club.settings.rule_profile == "regulamin 2006"
    assert club.settings.rows["club_name"] == 4
    assert codes(club) == ["invalid-integer"]


def test_settings_without_a_header_in_the_old_layout_are_read_with_a_warning() -> None:
    club = read_grids(grids(Ustawienia=_arranged(["Ustawienie", "Wartość", "Opis"],
                                                 header=False)))
    assert club.settings.rule_profile == "regulamin 2006"
    assert club.settings.rows["club_name"] == 1
    warning = next(f for f in club.findings if f.code == "settings-header-missing")
    assert warning.severity == "warning" and warning.sheet == "Ustawienia"
    assert "„Ustawienie”" in warning.message and "„Wartość”" in warning.message
    assert sorted(codes(club)) == ["invalid-integer", "settings-header-missing"]


@pytest.mark.parametrize("rows", [
    _arranged(["Wartość", "Ustawienie"], header=False),
    _arranged(["Lp.", "Ustawienie", "Wartość"], header=False),
    [["Ustawienie", "Dane"], *SETTINGS_ROWS],
    [],
], ids=["swapped-no-header", "lp-no-header", "value-header-renamed", "empty"])
def test_settings_that_cannot_be_located_are_one_error_not_silent_defaults(
    rows: list[list[Any]],
) -> None:
    club = read_grids(grids(Ustawienia=rows))
    (f,) = problems(club)
    assert (f.code, f.severity, f.sheet) == ("settings-unreadable", "error", "Ustawienia")
    assert "ustawa 2025" in f.message and "„Wartość”" in f.message
    assert "settings" not in club.layouts


def test_settings_findings_link_to_the_value_column_found_by_header() -> None:
    from kis_xl.actions.findings_block import FindingTargets

    club = read_grids(grids(Ustawienia=_arranged(["Lp.", "Wartość", "Ustawienie"])))
    (bad,) = problems(club)
    link = FindingTargets(club).link(bad)
    assert link is not None and (link.sheet, link.cell) == ("Ustawienia", "B7")


def test_settings_sheet_with_an_inserted_column_in_a_real_file(tmp_path: Path) -> None:
    path = write_club(tmp_path / "klub.xlsx", settings={"rule_profile": "regulamin 2006"})
    wb = load_workbook(path)
    ws = wb["Ustawienia"]
    ws.insert_cols(1)
    ws["A1"] = "Lp."
    wb.save(path)
    club = read_workbook(path)
    assert club.settings.rule_profile == "regulamin 2006"
    assert club.settings.club_name
    assert club.findings == []


def test_too_many_identical_problems_are_summarised() -> None:
    rows: list[list[Any]] = [["ID spotkania", "ID uczestnika", "Obecność"]]
    rows += [["S1", "U1", "???"] for _ in range(250)]
    club = read_grids(grids(Obecności=rows))
    assert codes(club).count("invalid-choice") == 100
    (more,) = [f for f in club.findings
               if f.code == "more-findings" and "invalid-choice" in f.message]
    assert "150" in more.message


def test_reads_a_real_file_made_from_the_template(tmp_path: Path) -> None:
    path = write_club(tmp_path / "klub.xlsx", participants=[
        {"id": "U001", "last_name": "Kowalska", "first_name": "Anna", "pesel": PESEL_2003,
         "category": "alkohol", "start_date": date(2025, 3, 1)}])
    club = read_workbook(path)
    assert club.findings == []
    assert club.participants[0].pesel == PESEL_2003
    assert club.source == path
    assert club.layouts["participants"].cell("pesel", 2) == "D2"


def test_sheets_renamed_with_other_case_are_found(tmp_path: Path) -> None:
    path = write_club(tmp_path / "klub.xlsx", participants=[
        {"id": "U1", "last_name": "A", "first_name": "B", "category": "alkohol"}])
    wb = load_workbook(path)
    wb["Uczestnicy"].title = "UCZESTNICY "
    wb["Obecności"].title = "obecnosci"
    wb.create_sheet("Moje notatki")["A1"] = "notatki użytkownika"
    wb.save(path)
    club = read_workbook(path)
    assert [p.id for p in club.participants] == ["U1"]
    assert "missing-sheet" not in codes(club) and "optional-sheet-missing" not in codes(club)


@pytest.mark.parametrize("date1904", [False, True])
def test_bare_serials_follow_the_workbooks_date_system(tmp_path: Path, date1904: bool) -> None:
    """Excel for Mac's 1904 system: a date typed into a General cell is a serial from 1904."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, to_excel

    path = write_club(tmp_path / "klub.xlsx", participants=[
        {"id": "U1", "last_name": "A", "first_name": "B", "category": "alkohol",
         "application_date": date(2025, 2, 20)}])
    wb = load_workbook(path)
    if date1904:
        wb.epoch = CALENDAR_MAC_1904
    ws = wb["Uczestnicy"]
    column = next(c.column for c in ws[1] if c.value == "Data rozpoczęcia udziału")
    cell = ws.cell(2, column, int(to_excel(date(2025, 3, 5), wb.epoch)))
    cell.number_format = "General"
    wb.save(path)
    p = read_workbook(path).participants[0]
    assert p.start_date == date(2025, 3, 5)
    assert p.application_date == date(2025, 2, 20)  # a date-formatted cell, either system


def test_read_only_selected_sheets(tmp_path: Path) -> None:
    path = write_club(tmp_path / "klub.xlsx", participants=[
        {"id": "U1", "last_name": "A", "first_name": "B", "category": "alkohol"}],
        attendance=[{"meeting": "S1", "participant": "U1", "status": "obecny"}])
    club = read_workbook(path, sheets={"participants"})
    # Settings and lists are always read (every action needs them); of the data sheets
    # only the selected one is.
    assert set(club.layouts) - {"settings", "lists"} == {"participants"}
    assert club.participants and not club.attendance


@pytest.mark.parametrize("content", [b"not a zip", b""])
def test_broken_file_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "zepsuty.xlsx"
    path.write_bytes(content)
    with pytest.raises(WorkbookUnreadable) as info:
        read_workbook(path)
    assert "zepsuty.xlsx" in info.value.message


def test_encrypted_workbook_is_named_as_such(tmp_path: Path) -> None:
    msoffcrypto = pytest.importorskip("msoffcrypto")
    plain = write_club(tmp_path / "jawny.xlsx")
    encrypted = tmp_path / "tajny.xlsx"
    with open(plain, "rb") as src, open(encrypted, "wb") as out:
        msoffcrypto.OfficeFile(src).encrypt("haslo", out)
    with pytest.raises(WorkbookUnreadable) as info:
        read_workbook(encrypted)
    message = info.value.message
    assert "„tajny.xlsx” jest zaszyfrowany hasłem" in message and "Zdejmij hasło" in message
    assert "uszkodzony" not in message and ".xls" not in message.replace(".xlsx", "")


@pytest.mark.libreoffice
def test_real_xls_renamed_to_xlsx_is_named_as_such(tmp_path: Path) -> None:
    from tests.office import convert

    xls = convert(write_club(tmp_path / "stary.xlsx"), "xls", tmp_path / "out")
    renamed = xls.rename(tmp_path / "przemianowany.xlsx")
    with pytest.raises(WorkbookUnreadable) as info:
        read_workbook(renamed)
    message = info.value.message
    assert "„przemianowany.xlsx” jest w starym formacie .xls" in message
    assert "Skoroszyt programu Excel (*.xlsx)" in message
    assert "zaszyfrowany" not in message and "uszkodzony" not in message


def test_wrong_extension_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(WorkbookUnreadable, match="Nie znaleziono"):
        read_workbook(tmp_path / "brak.xlsx")
    (tmp_path / "stary.xls").write_bytes(b"x")
    with pytest.raises(WorkbookUnreadable, match=r"\.xlsx"):
        read_workbook(tmp_path / "stary.xls")


cell_values = st.one_of(st.none(), st.text(max_size=12), st.integers(-10**6, 10**12),
                        st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                        st.dates(), st.datetimes(), st.times())


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cell_values, min_size=0, max_size=8), max_size=6))
def test_reader_never_raises_on_garbage(rows: list[list[Any]]) -> None:
    header = ["ID uczestnika", "Nazwisko", "Imię", "PESEL", "Kategoria", "Data urodzenia",
              "Prawo do świadczeń", "Telefon"]
    g = grids(Uczestnicy=[header, *rows],
              Obecności=[["ID spotkania", "ID uczestnika", "Obecność", "Liczba godzin"], *rows],
              Spotkania=[["ID spotkania", "Data", "Godzina rozpoczęcia", "ID zajęć"], *rows])
    club = read_grids(g)
    for f in club.findings:
        assert f.sheet and f.message


# -- one set of value rules on every sheet: sign and range, period order, formula errors -------
def _both_paths(monkeypatch: pytest.MonkeyPatch, read: Any) -> Any:
    """Read with the fast column reader and with the plain row loop; both must agree."""
    from kis_xl.workbook import reader

    found = []
    for fast in (True, False):
        monkeypatch.setattr(reader, "FAST", fast)
        club = read()
        found.append([(f.code, f.sheet, f.row, f.column, f.message) for f in problems(club)])
    assert found[0] == found[1]
    return club


def _located(club: Any, code: str) -> list[tuple[str | None, int | None, str | None]]:
    return [(f.sheet, f.row, f.column) for f in club.findings if f.code == code]


def test_negative_hours_fte_amounts_and_plans_are_findings(
        monkeypatch: pytest.MonkeyPatch) -> None:
    club = _both_paths(monkeypatch, lambda: read_grids(grids(
        Wolontariusze=[["ID wolontariusza", "Nazwisko", "Imię", "Zakres świadczeń", "Od",
                        "Przepracowane godziny", "Godziny tygodniowo (plan)"],
                       ["W01", "Nowak", "Ewa", "korepetycje", date(2025, 1, 1), -5, 2],
                       ["W02", "Lis", "Jan", "angielski", date(2025, 1, 1), 40, 200]],
        Kadra=[["Imię i nazwisko", "Funkcja", "Wymiar etatu"],
               ["Anna Nowak", "psycholog", -0.5], ["Jan Lis", "psycholog", "0,5"]],
        Dotacje=[["Rok", "Źródło dotacji", "Kwota przyznana", "Kwota wykorzystana"],
                 [2025, "Urząd Wojewódzki", -48000, 1000], [20265, "Gmina", 100, 50]],
        Program=[["ID zajęć", "Nazwa zajęć", "Rodzaj zajęć", "Forma", "Specjalista",
                  "Planowana liczba spotkań", "Godziny na spotkanie"],
                 ["Z01", "Trening", "edukacyjne", "grupowe", "trener", -10, -1]],
    )))
    assert _located(club, "value-out-of-range") == [
        ("Program", 2, "Planowana liczba spotkań"), ("Program", 2, "Godziny na spotkanie"),
        ("Kadra", 2, "Wymiar etatu"), ("Dotacje", 2, "Kwota przyznana"),
        ("Dotacje", 3, "Rok"), ("Wolontariusze", 2, "Przepracowane godziny"),
        ("Wolontariusze", 3, "Godziny tygodniowo (plan)"),
    ]
    negative = next(f for f in club.findings if f.column == "Przepracowane godziny")
    assert "-5" in negative.message and "nie może być ujemna" in negative.message
    assert "od 0 do 168" in next(f for f in club.findings if f.row == 3 and
                                 f.sheet == "Wolontariusze").message
    assert club.volunteers[0].hours is None and club.volunteers[1].hours == 40
    assert [s.fte for s in club.staff] == [None, 0.5]
    assert club.grants[0].granted is None and club.grants[0].spent == 1000
    assert club.activities[0].planned_meetings is None


def test_periods_ending_before_they_start_are_findings_on_every_sheet(
        monkeypatch: pytest.MonkeyPatch) -> None:
    march, may = date(2025, 3, 1), date(2025, 5, 1)
    club = _both_paths(monkeypatch, lambda: read_grids(grids(
        Uczestnicy=[["ID uczestnika", "Nazwisko", "Imię", "Kategoria"],
                    ["U001", "Nowak", "Anna", "osoby uzależnione od alkoholu"]],
        Program=[["ID zajęć", "Nazwa zajęć", "Rodzaj zajęć", "Forma", "Specjalista"],
                 ["Z01", "Trening", "edukacyjne", "grupowe", "trener"]],
        Grupy=[["ID grupy", "Nazwa grupy", "Rodzaj grupy", "Animator", "Od", "Do"],
               ["G01", "Wsparcie", "wsparcia", "Ewa Lis", may, march],
               ["G02", "Nauka", "wsparcia", "Ewa Lis", march, may]],
        **{"Członkowie grup": [["ID grupy", "ID uczestnika", "Od", "Do"],
                               ["G01", "U001", may, march]],
           "Zapisy na zajęcia": [["ID uczestnika", "ID zajęć", "Od", "Do"],
                                 ["U001", "Z01", march, march], ["U001", "Z01", may, march]]},
        Kadra=[["Imię i nazwisko", "Funkcja", "Od", "Do"],
               ["Anna Nowak", "psycholog", may, march]],
    )))
    assert _located(club, "period-end-before-start") == [
        ("Zapisy na zajęcia", 3, "Do"), ("Kadra", 2, "Do"), ("Grupy", 2, "Do"),
        ("Członkowie grup", 2, "Do"),
    ]
    f = next(f for f in club.findings if f.code == "period-end-before-start")
    assert "01.03.2025" in f.message and "01.05.2025" in f.message and "„Od”" in f.message
    assert f.participant == "U001" and f.severity.value == "error"


_ERRORS = ["#REF!", "#DZIEL/0!", "#N/D!", "#ARG!", "#DIV/0!", "#N/A", "#VALUE!"]


def test_formula_errors_delivered_as_text_are_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    """As openpyxl and Excel (xlwings ``err_to_str``) hand them over, and as typed in Polish."""
    rows = [["ID zajęć", "Nazwa zajęć", "Rodzaj zajęć", "Forma", "Specjalista",
             "Planowana liczba spotkań", "Godziny na spotkanie", "Prowadzący"]]
    rows += [[f"Z0{i}", "Trening", "edukacyjne", "grupowe", "trener", 10, error, "Ewa"]
             for i, error in enumerate(_ERRORS, start=1)]
    rows += [["Z09", "Trening", "edukacyjne", "grupowe", "trener", 10, 2, "#NAZWA?"]]
    club = _both_paths(monkeypatch, lambda: read_grids(grids(Program=rows)))
    assert [(f.row, f.column) for f in club.findings if f.code == "formula-error"] == [
        *((i, "Godziny na spotkanie") for i in range(2, 2 + len(_ERRORS))), (9, "Prowadzący")]
    assert "„#DZIEL/0!”" in problems(club)[1].message
    assert [a.hours_per_meeting for a in club.activities] == [None] * len(_ERRORS) + [2]
    assert club.activities[-1].leader is None


def _with_cached_errors(path: Path, sheet: str, cells: dict[str, str]) -> None:
    """Turn cells of ``sheet`` into formula cells whose cached result is an error, as Excel
    saves them (``t="e"``: calamine reads such a cell as empty)."""
    import re
    import zipfile

    from kis_xl.workbook.cell_errors import sheet_parts

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
        part = sheet_parts(z)[sheet]
    xml = parts[part].decode()
    for ref, error in cells.items():
        xml, n = re.subn(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)',
                         f'<c r="{ref}" t="e"><f>Z99*2</f><v>{error}</v></c>', xml, count=1)
        assert n == 1, ref
    parts[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_formula_errors_cached_in_a_file_are_findings_not_empty_cells(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = [{"id": f"Z0{i}", "name": "Trening", "type": "edukacyjne", "form": "grupowe",
             "specialist": "trener", "planned_meetings": 10, "hours_per_meeting": 3}
            for i in range(1, 4)]
    path = write_club(tmp_path / "klub.xlsx", activities=plan)
    header = [c.value for c in load_workbook(path)["Program"][1]]
    letter = column_letter(header.index("Godziny na spotkanie") + 1)
    _with_cached_errors(path, "Program", {f"{letter}3": "#REF!", f"{letter}4": "#DIV/0!"})
    club = _both_paths(monkeypatch, lambda: read_workbook(path))
    assert [(f.row, f.column, f.code) for f in club.findings if f.sheet == "Program"] == [
        (3, "Godziny na spotkanie", "formula-error"), (4, "Godziny na spotkanie", "formula-error")]
    assert "#REF!" in next(f.message for f in club.findings if f.code == "formula-error")
    assert [a.hours_per_meeting for a in club.activities] == [3, None, None]
