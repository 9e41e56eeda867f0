"""The annual report: hand-computed totals, one source of truth, no personal data in the
outputs, formula-looking text stays text, the CLI."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any, ClassVar

import pytest

from kis_xl.actions.report import report_action
from kis_xl.demo.pesel import make_pesel
from kis_xl.domain.hours import compute_hours
from kis_xl.domain.outcomes import compute_outcomes
from kis_xl.fronts.commands import report as report_cmd
from kis_xl.report.staff import CIVIL, EMPLOYEES
from kis_xl.report.totals import SUPPRESSED, compute_report
from kis_xl.workbook.reader import read_workbook
from tests.builders import write_club
from tests.test_hours import kis

TODAY = date(2026, 2, 20)
YEAR = 2025
FORMULA = '=HYPERLINK("http://x")'
ALCOHOL = "osoby uzależnione od alkoholu"
UNEMPLOYED = "osoby długotrwale bezrobotne"
CLUB_CATEGORY = "matki samotnie wychowujące dzieci"

PEOPLE = [
    # id, last, first, PESEL, category, start, end, reason
    ("U001", "Wiśniewska", "Zofia", make_pesel(date(2003, 1, 7), "K", 7), UNEMPLOYED,
     date(2025, 2, 1), date(2025, 10, 31), "ukończenie programu"),
    ("U002", "Kowalczyk", "Bartłomiej", make_pesel(date(1985, 1, 15), "M", 7), UNEMPLOYED,
     date(2025, 3, 1), date(2025, 6, 30), "rezygnacja"),
    ("U003", "Zawadzki", "Tymoteusz", make_pesel(date(1979, 2, 3), "M", 7), ALCOHOL,
     date(2025, 5, 1), None, None),
    ("U004", "Szczepańska", "Genowefa", make_pesel(date(1990, 5, 26), "K", 7), ALCOHOL,
     date(2025, 1, 10), None, None),
    ("U005", "Dąbrowski", "Kazimierz", make_pesel(date(1970, 7, 7), "M", 7), ALCOHOL,
     date(2025, 4, 1), None, None),
    ("U006", "Pietrzak", "Jadwiga", make_pesel(date(1988, 8, 8), "K", 7), CLUB_CATEGORY,
     date(2025, 6, 1), None, None),
    ("U007", "Wróblewski", "Eugeniusz", make_pesel(date(1966, 6, 6), "M", 7), UNEMPLOYED,
     date(2024, 1, 1), date(2024, 12, 31), "ukończenie programu"),  # the year before
]


def participants() -> list[dict[str, Any]]:
    """Documented so that ``check`` admits them, except U004 (a pension bars taking part)."""
    return [
        {"id": pid, "last_name": last, "first_name": first, "pesel": pesel, "category": cat,
         "start_date": start, "end_date": end, "end_reason": reason,
         "street": "ul. Lipowa 3/5", "phone": "600 100 200", "city": "Testów",
         "proof_document": "zaświadczenie OPS",
         "benefits": "emerytura" if pid == "U004" else "brak",
         "rodo_info_date": start - timedelta(days=20),
         "application_date": start - timedelta(days=20),
         "interview_date": start - timedelta(days=20),
         "contract_date": start - timedelta(days=20),
         "notes": FORMULA if pid == "U003" else "pije od lat, leczenie w poradni"}
        for pid, last, first, pesel, cat, start, end, reason in PEOPLE
    ]


def pup_periods() -> list[dict[str, Any]]:
    """Long-term unemployment (art. 1 ust. 2 pkt 5) of the unemployed ones."""
    return [{"participant": pid, "registered_from": start - timedelta(days=800)}
            for pid, _, _, _, cat, start, *_ in PEOPLE if cat == UNEMPLOYED]


def _as_text(path: Path) -> Path:
    """Cells typed as text that start with "=" (what Excel keeps after an apostrophe): the
    builder's openpyxl would otherwise have stored them as formulas."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == FORMULA:
                    cell.data_type = "s"
    wb.save(path)
    return path


def small_club(path: Path, **settings: Any) -> Path:
    meetings = [
        {"id": "S1", "date": date(2025, 3, 3), "start": time(9), "end": time(12),
         "activity": "Z1"},
        {"id": "S2", "date": date(2025, 3, 10), "start": time(9), "end": time(11),
         "activity": "Z1"},
        {"id": "S3", "date": date(2025, 4, 2), "start": time(10), "end": time(11),
         "activity": "Z2"},
        {"id": "S0", "date": date(2024, 11, 4), "start": time(9), "end": time(12),
         "activity": "Z1"},  # the year before
    ]
    attendance = [
        {"meeting": "S1", "participant": "U001", "status": "obecny"},
        {"meeting": "S1", "participant": "U002", "status": "obecny"},
        {"meeting": "S2", "participant": "U001", "status": "obecny"},
        {"meeting": "S3", "participant": "U004", "status": "obecny"},
        {"meeting": "S0", "participant": "U007", "status": "obecny"},
    ]
    return _as_text(write_club(
        path,
        settings={"operator_regon": "250401231", "operator_address": "ul. Rynek 1, Testów",
                  "voivode_office": "Łódzki Urząd Wojewódzki w Łodzi",
                  "supervisor_email": "nadzor@example.pl", **settings},
        lists=[{"kategorie": CLUB_CATEGORY}],
        participants=participants(),
        pup_periods=pup_periods(),
        activities=[
            {"id": "Z1", "name": FORMULA, "type": "zatrudnieniowe",
             "form": "grupowe", "specialist": "doradca zawodowy", "planned_meetings": 10,
             "hours_per_meeting": 3},
            {"id": "Z2", "name": "Konsultacje", "type": "terapeutyczne",
             "form": "indywidualne", "specialist": "psycholog", "hours_per_person": 2,
             "planned_persons": 5},
        ],
        meetings=meetings,
        attendance=attendance,
        outcomes=[
            {"participant": "U001", "date": date(2025, 11, 20),
             "type": "zatrudnienie na otwartym rynku pracy"},
            {"participant": "U003", "date": date(2025, 7, 1), "type": "podjęcie leczenia"},
            {"participant": "U004", "date": date(2025, 8, 1), "type": "podjęcie leczenia"},
            {"participant": "U005", "date": date(2025, 9, 1), "type": "podjęcie leczenia"},
        ],
        staff=[
            {"name": "Anna Nowak", "role": "koordynator", "fte": 1.0, "basis": "umowa o pracę"},
            {"name": "Ewa Lis", "role": "psycholog", "fte": 0.25, "basis": "umowa zlecenia",
             "date_from": date(2025, 3, 1)},
            {"name": "Jan Stary", "role": "psycholog", "fte": 0.5, "basis": "umowa zlecenia",
             "date_to": date(2024, 12, 31)},  # left before the year
        ],
        grants=[
            {"year": 2025, "source": "Dotacja celowa z budżetu wojewody",
             "purpose": "Prowadzenie klubu", "granted": 40000, "spent": 39000.5,
             "returned": 999.5},
            {"year": 2025, "source": "Budżet gminy", "granted": 5000, "spent": 5000},
            {"year": 2024, "source": "Dotacja celowa z budżetu wojewody", "granted": 30000,
             "spent": 30000},
        ],
    ))


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return small_club(tmp_path / "klub.xlsx")


def test_totals_equal_hand_computed_values(workbook: Path) -> None:
    t = compute_report(read_workbook(workbook), year=YEAR, today=TODAY)
    assert (t.staff.people, t.staff.employees, t.staff.fte) == (2, 1, 1.0)
    assert {(g.group, g.people, g.fte) for g in t.staff.by_group} == {
        (EMPLOYEES, 1, 1.0), (CIVIL, 1, None)}
    cats = {c.category: c for c in t.categories}
    assert [c.code for c in t.categories] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert (cats[UNEMPLOYED].participants, cats[UNEMPLOYED].completed,
            cats[UNEMPLOYED].dropped_out, cats[UNEMPLOYED].employed_after_completion) == (
        2, 1, 1, 1)
    # U004 ("nie kwalifikuje się": a pension) is not among the participants
    assert (cats[ALCOHOL].participants, cats[ALCOHOL].with_social_effect) == (2, 2)
    assert [(c.category, c.participants) for c in t.extensions] == [(CLUB_CATEGORY, 1)]
    assert (t.participants.participants, t.participants.with_effect) == (5, 3)
    assert (t.scope.rejected, t.scope.incomplete) == (1, 0)
    [(reason, n)] = t.scope.reasons
    assert n == 1 and "art. 1 ust. 3" in reason
    # U004's individual hour (S3) is neither delivered nor a participant's hour
    assert (t.meetings, t.delivered_hours, t.participant_hours) == (3, 5.0, 8.0)
    by_id = {a.id: a for a in t.activities}
    assert (by_id["Z1"].meetings, by_id["Z1"].delivered_hours, by_id["Z1"].participants) == (
        2, 5.0, 2)
    assert (by_id["Z2"].participants, by_id["Z2"].participant_hours) == (0, 0)
    assert (t.grants.granted, t.grants.spent, t.grants.returned) == (45000, 44000.5, 999.5)
    assert [(c.source, c.granted, c.spent) for c in t.grants.by_source] == [
        ("Dotacja celowa z budżetu wojewody", 40000, 39000.5), ("Budżet gminy", 5000, 5000)]
    assert (t.flows.new, t.flows.continuing, t.flows.ended, t.flows.completed,
            t.flows.dropped_out, t.flows.active_at_end) == (5, 0, 2, 1, 1, 3)
    # Z1 "zatrudnieniowe" is professional reintegration; nobody admitted attended Z2
    assert (t.reintegration.social, t.reintegration.professional) == (0, 2)
    [found] = t.findings
    assert (found.code, found.participant, found.sheet) == (
        "attendance-not-admitted", "U004", "Obecności")
    assert "1 wiersz obecności (1 h)" in found.message and "nie kwalifikuje się" in found.message


def test_each_total_is_the_count_of_its_rows(workbook: Path) -> None:
    """One source of truth: the report's numbers are those of `check`, `outcomes` and
    `hours`, and each equals a count of the workbook rows it stands for."""
    from kis_xl.domain.rules import evaluate

    club = read_workbook(workbook)
    t = compute_report(club, year=YEAR, today=TODAY)
    first, last = date(YEAR, 1, 1), date(YEAR, 12, 31)
    admitted = {s.participant for s in evaluate(club, today=TODAY).statuses if s.admitted}
    in_year = [p for p in club.participants if p.start_date and p.start_date <= last
               and (p.end_date is None or p.end_date >= first) and p.id in admitted]
    assert t.participants.participants == len(in_year) == 5
    assert sum(c.participants for c in [*t.categories, *t.extensions]) == len(in_year)
    for c in t.categories:
        assert c.participants == sum(p.category == c.category for p in in_year)
    meetings = [m for m in club.meetings if m.date and first <= m.date <= last]
    assert t.meetings == len(meetings)
    assert t.grants.granted == sum(g.granted or 0 for g in club.grants if g.year == YEAR)
    outcome = compute_outcomes(club, today=TODAY, year=YEAR, only=admitted)
    assert t.participants == outcome.totals
    assert [c.participants for c in t.categories] == [
        c.participants for c in outcome.by_category if c.code]
    # the hours sheet's computation on the year's meetings: the admitted people's hours
    sheet = compute_hours(dataclasses.replace(club, meetings=meetings), today=TODAY)
    assert t.participant_hours == sum(p.hours_total for p in sheet.participants
                                      if p.id in admitted)


def test_missing_report_data_are_located_findings(tmp_path: Path) -> None:
    path = write_club(tmp_path / "k.xlsx", participants=participants()[:1])
    t = compute_report(read_workbook(path), year=YEAR, today=TODAY)
    missing = [f for f in t.findings if f.code == "report-data-missing"]
    assert {f.message.split("„")[2].split("”")[0] for f in missing} >= {
        "REGON podmiotu prowadzącego", "Urząd wojewódzki (sprawozdanie roczne)"}
    assert all(f.sheet == "Ustawienia" and f.row for f in missing)
    assert {"report-no-staff", "report-no-grants"} <= {f.code for f in t.findings}


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/"))
    return re.sub(r"<[^>]+>", "", xml)


def _xlsx_cells(path: Path) -> list[Any]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.value is not None]


def personal_strings() -> list[str]:
    out = []
    for _pid, last, first, pesel, *_ in PEOPLE:
        out += [last, first, pesel]
    return [*out, "ul. Lipowa", "600 100 200", "pije od lat"]


def test_outputs_carry_no_personal_data_and_formulas_stay_text(workbook: Path,
                                                                tmp_path: Path) -> None:
    result = report_action(read_workbook(workbook), year=YEAR, today=TODAY,
                           out_dir=tmp_path / "out")
    files = [Path(f) for f in result.payload["files"]]
    docx = next(f for f in files if f.suffix == ".docx")
    xlsx = next(f for f in files if f.name.endswith("dane.xlsx"))
    text = _docx_text(docx)
    cells = _xlsx_cells(xlsx)
    values = " ".join(str(c.value) for c in cells)
    for s in personal_strings():
        assert s not in text and s not in values, s
    assert FORMULA in text  # the activity name, printed as text
    formula_cells = [c for c in cells if c.value == FORMULA]
    assert formula_cells and all(c.data_type == "s" for c in formula_cells)
    assert not [c for c in cells if c.data_type == "f"]
    assert "Zatrudnieni po ukończeniu" in values and "REGON" in values


def test_cli_report_writes_the_package(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "paczka"
    result = kis("report", str(workbook), "--rok", "2025", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert "Sprawozdanie KIS 2025.docx" in names
    assert "Sprawozdanie KIS 2025 - dane.xlsx" in names
    assert "Sprawozdanie za rok 2025: 5 uczestników" in result.stdout


def test_password_never_comes_from_the_command_line(tmp_path: Path) -> None:
    """Only a file or a hidden prompt: no option takes the password itself."""
    options = set(re.findall(r"--[a-z-]+", kis("report", "-h").stdout))
    assert {"--haslo-z-pliku", "--szyfruj"} <= options
    assert not {"--haslo", "--password", "--pass"} & options
    short = tmp_path / "h.txt"
    short.write_text("krótkie\n", encoding="utf-8")
    from kis_xl.actions.errors import KisError

    with pytest.raises(KisError):
        report_cmd.read_password(short, ask=False)
    good = tmp_path / "g.txt"
    good.write_text("Bardzo-Tajne-Haslo-2025\nignored\n", encoding="utf-8")
    assert report_cmd.read_password(good, ask=False) == "Bardzo-Tajne-Haslo-2025"


def _package(workbook: Path, tmp_path: Path, **options: Any) -> dict[str, Path]:
    result = report_action(read_workbook(workbook), year=YEAR, today=TODAY,
                           out_dir=tmp_path / "out", **options)
    files = [Path(f) for f in result.payload["files"]]
    kinds = {"docx": ".docx", "dane": "dane.xlsx", "kopia": "pseudonimizowana 2025.xlsx",
             "szyfr": "zaszyfrowany.xlsx", "eml": ".eml"}
    return {k: f for k, end in kinds.items() for f in files if f.name.endswith(end)}


def test_pseudonymised_copy_keeps_structure_without_identities(workbook: Path,
                                                                tmp_path: Path) -> None:
    from openpyxl import load_workbook

    copy = _package(workbook, tmp_path)["kopia"]
    cells = _xlsx_cells(copy)
    values = " ".join(str(c.value) for c in cells)
    for s in personal_strings():
        assert s not in values, s
    assert not [c for c in cells if c.data_type == "f" and "HYPERLINK" in str(c.value)]
    names = [c for c in cells if c.value == FORMULA]  # the activity name, in the recomputed
    assert names and all(c.data_type == "s" for c in names)  # "Wynik godzin" too
    in_hours = [c for c in cells if c.parent.title == "Wynik godzin" and "HYPERLINK" in str(
        c.value)]
    assert in_hours and all(c.data_type == "s" for c in in_hours)
    original = load_workbook(workbook).sheetnames
    wb = load_workbook(copy)
    assert [n for n in original if n in wb.sheetnames] == [
        n for n in original if n != "Wynik kontroli"]
    assert {"Wynik godzin", "Wynik rezultatów"} <= set(wb.sheetnames)  # recomputed on it
    club = read_workbook(copy)
    assert [p.last_name for p in club.participants] == [p[0] for p in PEOPLE]
    assert all(p.pesel is None and p.first_name is None for p in club.participants)
    t = compute_report(club, year=YEAR, today=TODAY)  # the copy has no PESEL: not admitted
    assert t.participants.participants + t.scope.incomplete + t.scope.rejected == 6
    hours_sheet = " ".join(str(c.value) for c in wb["Wynik godzin"]["A"] if c.value)
    assert "U001" in hours_sheet
    assert read_workbook(workbook).participants[0].last_name == "Wiśniewska"  # untouched


def test_encrypted_workbook_opens_with_the_password_only(workbook: Path,
                                                         tmp_path: Path) -> None:
    import msoffcrypto.exceptions

    from kis_xl.report.encrypt import decrypt_bytes, is_encrypted

    password = "Bardzo-Tajne-Haslo-2025"
    files = _package(workbook, tmp_path, password=password, eml=True)
    secret = files["szyfr"]
    assert is_encrypted(secret) and not is_encrypted(workbook)
    assert decrypt_bytes(secret, password) == workbook.read_bytes()
    with pytest.raises(msoffcrypto.exceptions.InvalidKeyError):
        decrypt_bytes(secret, "zle-haslo-123")
    for f in tmp_path.joinpath("out").rglob("*"):  # nowhere in the package, nor the draft
        if f.is_file() and f != secret:
            data = f.read_bytes()
            assert password.encode() not in data, f
            if f.suffix in (".docx", ".xlsx"):
                with zipfile.ZipFile(f) as z:
                    assert not any(password.encode() in z.read(n) for n in z.namelist())


def test_eml_draft_parses_and_carries_the_files(workbook: Path, tmp_path: Path) -> None:
    from email import message_from_bytes
    from email.policy import default

    files = _package(workbook, tmp_path, eml=True, password="Bardzo-Tajne-Haslo-2025")
    msg = message_from_bytes(files["eml"].read_bytes(), policy=default)
    assert msg["X-Unsent"] == "1"
    assert msg["To"] == "nadzor@example.pl"
    assert msg["Subject"].startswith("Sprawozdanie z działalności KIS za rok 2025")
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None and "innym kanałem" in body.get_content()
    attached = {a.get_filename(): a.get_payload(decode=True) for a in msg.iter_attachments()}
    assert set(attached) == {files[k].name for k in ("docx", "dane", "kopia", "szyfr")}
    assert attached[files["dane"].name] == files["dane"].read_bytes()


# ----------------------------------------------------------------------------- zestawienie


def _club_reports(tmp_path: Path) -> list[Path]:
    """Three clubs' report files (the third as data format 1 wrote it: its 2 hidden)."""
    folder = tmp_path / "zbior"
    folder.mkdir()
    files = []
    for n, regon in enumerate(("250401231", "471012343", "012345675"), start=1):
        path = small_club(tmp_path / f"k{n}.xlsx", operator_regon=regon,
                          club_name=f"KIS nr {n}")
        club = read_workbook(path)
        if n == 2:  # a different club: one participant fewer
            club.participants = club.participants[1:]
        files.append(_package_of(club, tmp_path / f"out{n}")["dane"])
        if n == 3:
            _hide_as_format_1(files[-1], "uczestnicy.5.uczestnicy")
        target = folder / f"klub{n}.xlsx"
        target.write_bytes(files[-1].read_bytes())
    return sorted(folder.glob("*.xlsx"))


def _hide_as_format_1(path: Path, key: str) -> None:
    """What a report of data format 1 (small counts hidden by default) held in "Dane"."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    for row in wb["Dane"].iter_rows(min_row=2):
        if row[0].value == key:
            row[1].value = SUPPRESSED
    wb.save(path)


def _package_of(club: Any, out: Path) -> dict[str, Path]:
    result = report_action(club, year=YEAR, today=TODAY, out_dir=out, pseudonymised=False)
    return {"dane": next(Path(f) for f in result.payload["files"] if f.endswith("dane.xlsx"))}


def test_summary_of_three_clubs_is_the_sum_of_their_totals(tmp_path: Path) -> None:
    from kis_xl.report.summary import read_report, summarise, write_summary

    files = _club_reports(tmp_path)
    reports = [read_report(f) for f in files]
    summary = summarise(files[0].parent)
    totals = summary.totals()
    for key in ("uczestnicy.razem.uczestnicy", "uczestnicy.razem.efekt", "kadra.osoby",
                "zajecia.godziny", "dotacje.przyznana", "uczestnicy.5.uczestnicy"):
        known = [r[key] for r in reports if isinstance(r[key], int | float)]
        assert totals.at[YEAR, key] == sum(known), key
    assert totals.at[YEAR, "uczestnicy.razem.uczestnicy"] == 5 + 4 + 5
    assert totals.at[YEAR, "ukryte:uczestnicy.5.uczestnicy"] == 1  # club 3 hid its 2
    assert totals.at[YEAR, "klubow"] == 3
    assert summary.remarks == []
    target = tmp_path / "zestawienie.xlsx"
    write_summary(summary, target)
    cells = _xlsx_cells(target)
    assert sum(1 for c in cells if c.value == "KIS nr 2") == 1
    for s in personal_strings():
        assert s not in " ".join(str(c.value) for c in cells)


def test_summary_flags_twice_reported_inconsistent_and_missing_clubs(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from kis_xl.report.summary import summarise, write_summary

    files = _club_reports(tmp_path)
    folder = files[0].parent
    (folder / "klub1-poprawka.xlsx").write_bytes(files[0].read_bytes())  # the same club again
    wb = load_workbook(files[1])
    ws = wb["Dane"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "uczestnicy.2.uczestnicy":
            row[1].value += 1  # the categories no longer add up to the total
        if row[0].value == "klub":
            row[1].value = FORMULA  # a club name that looks like a formula (as text)
            row[1].data_type = "s"
    wb.save(files[1])
    (folder / "notatki.xlsx").write_bytes(load_workbook_bytes())
    expected = tmp_path / "kluby.txt"
    expected.write_text("250401231\n471012343\n999999999; KIS w Zapomnianie\n", encoding="utf-8")
    summary = summarise(folder, expected)
    remarks = {(f, r.split(":")[0].split(" (")[0]) for f, _, r in summary.remarks}
    assert ("klub1.xlsx", "sprawozdanie za rok 2025 złożone więcej niż raz") in remarks
    assert ("klub1-poprawka.xlsx", "sprawozdanie za rok 2025 złożone więcej niż raz") in remarks
    assert ("klub2.xlsx", "niezgodne sumy") in remarks
    assert summary.skipped and summary.skipped[0][0] == "notatki.xlsx"
    assert summary.missing == ["999999999; KIS w Zapomnianie"]
    assert summary.totals().at[YEAR, "klubow"] == 3  # the repeated report counted once
    target = tmp_path / "z.xlsx"
    write_summary(summary, target)
    formula = [c for c in _xlsx_cells(target) if c.value == FORMULA]
    assert formula and all(c.data_type == "s" for c in formula)
    assert "Brakujące" in load_workbook(target).sheetnames


def load_workbook_bytes() -> bytes:
    import io

    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def test_summary_cli(tmp_path: Path) -> None:
    folder = _club_reports(tmp_path)[0].parent
    result = kis("zestawienie", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Zestawiono 3 plików" in result.stdout
    assert (folder / "zestawienie.xlsx").is_file()
    empty = tmp_path / "pusty"
    empty.mkdir()
    bad = kis("zestawienie", str(empty))
    assert bad.returncode == 2 and "nie ma plików sprawozdań" in bad.stderr


# ----------------------------------------------------------------------------- ribbon, office


def test_ribbon_button_builds_the_package_without_writing_the_workbook(workbook: Path) -> None:
    from kis_xl.fronts import excel
    from tests.test_excel_front import FakeHost

    before = workbook.read_bytes()
    host = FakeHost(workbook)
    outcome = excel.run_action("report", host, today=TODAY)
    assert outcome.ok, outcome.message
    folder = workbook.parent / "sprawozdanie_2025"  # settings' year empty: the previous year
    names = {p.name for p in folder.iterdir()}
    assert {"Sprawozdanie KIS 2025.docx", "Sprawozdanie KIS 2025 - dane.xlsx",
            "Sprawozdanie KIS 2025 - wiadomość.eml",
            "klub - kopia pseudonimizowana 2025.xlsx"} == names  # nothing encrypted
    # no password asked, no write-back; the copies come from a snapshot of the open book
    assert host.prompts == []
    assert host.calls == [c for c in host.calls if c.startswith("save_copy")] and host.calls
    assert workbook.read_bytes() == before
    assert "Pełny skoroszyt nie został dołączony" in host.messages[0][0]


@pytest.mark.libreoffice
def test_report_files_open_in_libreoffice(workbook: Path, tmp_path: Path) -> None:
    from tests.office import convert, pdf_text

    files = _package(workbook, tmp_path)
    for key in ("docx", "dane", "kopia"):
        pdf = convert(files[key], "pdf", tmp_path / f"pdf-{key}")
        text = pdf_text(pdf)
        assert "Zofia" not in text and "Wiśniewska" not in text
        if key != "kopia":
            assert "REGON" in text and "250401231" in text


# ----------------------------------------------------------------------------- SMTP


class FakeSMTP:
    sent: ClassVar[list[Any]] = []
    calls: ClassVar[list[str]] = []

    def __init__(self, host: str, port: int, timeout: float = 0) -> None:
        FakeSMTP.calls.append(f"connect {host}:{port}")

    def __enter__(self) -> FakeSMTP:
        return self

    def __exit__(self, *exc: object) -> None:
        FakeSMTP.calls.append("quit")

    def starttls(self, context: Any = None) -> None:
        FakeSMTP.calls.append("starttls")

    def login(self, user: str, password: str) -> None:
        FakeSMTP.calls.append(f"login {user}")

    def send_message(self, msg: Any) -> None:
        FakeSMTP.sent.append(msg)


def test_smtp_is_off_by_default_and_sends_from_environment_settings(
        workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import smtplib

    from kis_xl.actions.errors import KisError
    from kis_xl.report.smtp import load_config

    with pytest.raises(KisError, match="KIS_SMTP_HOST"):
        load_config(env={})
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    FakeSMTP.sent, FakeSMTP.calls = [], []
    _package(workbook, tmp_path / "a", eml=True)
    assert FakeSMTP.sent == []  # a draft only, unless asked
    config = load_config(env={"KIS_SMTP_HOST": "smtp.example.pl", "KIS_SMTP_USER": "kis",
                              "KIS_SMTP_PASSWORD": "smtp-sekret"})
    _package(workbook, tmp_path / "b", eml=True, smtp=config)
    assert FakeSMTP.calls == ["connect smtp.example.pl:587", "starttls", "login kis", "quit"]
    [msg] = FakeSMTP.sent
    assert msg["X-Unsent"] is None and msg["To"] == "nadzor@example.pl"
    assert len(list(msg.iter_attachments())) == 3  # docx, dane, kopia (no .eml in itself)
    assert b"smtp-sekret" not in msg.as_bytes()
    ini = tmp_path / "smtp.ini"
    ini.write_text("[smtp]\nhost = poczta.example.pl\ntls = ssl\n", encoding="utf-8")
    assert (load_config(ini, env={}).host, load_config(ini, env={}).port) == (
        "poczta.example.pl", 465)


def test_ribbon_package_holds_unsaved_changes_of_the_open_workbook(workbook: Path) -> None:
    """The totals come from the open workbook; the pseudonymised copy must too."""
    from openpyxl import load_workbook

    from kis_xl.fronts import excel
    from tests.test_excel_front import FakeHost

    host = FakeHost(workbook)
    book = host.book()
    program = next(n for n in book.sheet_names() if n == "Program")
    row, col, values = book.used_values(program)
    header = [str(v) for v in values[0]]
    name_col = col + header.index("Nazwa zajęć")
    book.write(program, row + 1, name_col, [["Zajęcia zmienione, niezapisane"]])
    outcome = excel.run_action("report", host, today=TODAY)
    assert outcome.ok, outcome.message
    [copy] = (workbook.parent / "sprawozdanie_2025").glob("* - kopia pseudonimizowana *.xlsx")
    names = [cell.value for line in load_workbook(copy, read_only=True)["Program"].iter_rows()
             for cell in line]
    assert "Zajęcia zmienione, niezapisane" in names


def test_a_report_of_the_running_year_says_how_far_its_data_go(workbook: Path,
                                                                tmp_path: Path) -> None:
    """Printed on 20 February 2026, a report for 2026 covers 1 January – 20 February and
    says so; the finished year 2025 covers the whole year."""
    def period(year: int, out: str) -> tuple[str, str]:
        result = report_action(read_workbook(workbook), year=year, today=TODAY,
                               out_dir=tmp_path / out)
        files = [Path(f) for f in result.payload["files"]]
        docx = next(f for f in files if f.suffix == ".docx")
        data = next(f for f in files if f.name.endswith("dane.xlsx"))
        text = _docx_text(docx)
        cells = [c.value for c in _xlsx_cells(data)]
        row = cells[cells.index("Okres sprawozdawczy") + 1]
        return text[text.index("Okres sprawozdawczy"):][:90], str(row)

    doc, sheet = period(2026, "running")
    assert "01.01.2026 – 20.02.2026 (rok w\xa0toku: dane na ten dzień)" in doc
    assert sheet == "01.01.2026 – 20.02.2026 (rok w toku)"
    doc, sheet = period(2025, "finished")
    assert "01.01.2025 – 31.12.2025" in doc and "w toku" not in doc
    assert sheet == "01.01.2025 – 31.12.2025"
