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
from kis_xl.domain.hours import compute_hours
from kis_xl.domain.outcomes import compute_outcomes
from kis_xl.domain.pesel import make_pesel
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


def small_club(path: Path, sheets: dict[str, list[dict[str, Any]]] | None = None,
               **settings: Any) -> Path:
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
        **(sheets or {}),
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
    from kis_xl.plan.errors import KisError

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


PASSWORD = "Bardzo-Tajne-Haslo-2025"


def _decrypted_copy(workbook: Path, tmp_path: Path, **options: Any) -> Path:
    """The pseudonymised copy of the package (made with a password), decrypted."""
    from kis_xl.report.encrypt import decrypt_bytes, is_encrypted

    copy = _package(workbook, tmp_path, password=PASSWORD, **options)["kopia"]
    assert is_encrypted(copy)  # art. 9 categories: never plain
    plain = tmp_path / "kopia-odszyfrowana.xlsx"
    plain.write_bytes(decrypt_bytes(copy, PASSWORD))
    return plain


def test_pseudonymised_copy_keeps_structure_without_identities(workbook: Path,
                                                                tmp_path: Path) -> None:
    from openpyxl import load_workbook

    copy = _decrypted_copy(workbook, tmp_path)
    cells = _xlsx_cells(copy)
    values = " ".join(str(c.value) for c in cells)
    for s in [*personal_strings(), *(p[0] for p in PEOPLE)]:  # nor the club's own IDs
        assert s not in values, s
    assert not [c for c in cells if c.data_type == "f"]
    names = [c for c in cells if c.value == FORMULA]  # the activity name, in the recomputed
    assert names and all(c.data_type == "s" for c in names)  # "Wynik godzin" too
    wb = load_workbook(copy)
    assert "Wynik kontroli" not in wb.sheetnames
    assert {"Uczestnicy", "Obecności", "Spotkania", "Program", "Ustawienia", "Wynik godzin",
            "Wynik rezultatów"} <= set(wb.sheetnames)
    headers = {c.value for c in wb["Uczestnicy"][1]}
    assert {"ID uczestnika", "Kategoria", "Data rozpoczęcia udziału"} <= headers
    assert not {"Imię", "PESEL", "Uwagi", "Telefon", "Ulica i numer"} & headers
    club = read_workbook(copy)
    pseudonyms = [p.id for p in club.participants]
    assert all(re.fullmatch(r"P-[A-Z2-9]{5}", p) for p in pseudonyms)
    assert len(set(pseudonyms)) == len(PEOPLE)
    assert [p.last_name for p in club.participants] == pseudonyms
    assert all(p.pesel is None and p.first_name is None for p in club.participants)
    t = compute_report(club, year=YEAR, today=TODAY)  # the copy has no PESEL: not admitted
    assert t.participants.participants + t.scope.incomplete + t.scope.rejected == 6
    assert {a.participant for a in club.attendance} <= set(pseudonyms)
    hours_sheet = " ".join(str(c.value) for c in wb["Wynik godzin"]["A"] if c.value)
    assert pseudonyms[0] in hours_sheet
    assert read_workbook(workbook).participants[0].last_name == "Wiśniewska"  # untouched
    again = _decrypted_copy(workbook, tmp_path / "again")
    assert not set(pseudonyms) & {p.id for p in read_workbook(again).participants}  # per copy
    keys = list((workbook.parent / "klucze kopii pseudonimizowanych").glob("*.csv"))
    assert len(keys) == 2  # the key stays in the office, beside the workbook
    key_text = keys[0].read_text(encoding="utf-8-sig")
    assert "U001" in key_text and "P-" in key_text
    for f in tmp_path.joinpath("out").rglob("*"):
        assert "klucz" not in f.name


def test_no_copy_without_a_password_nor_when_the_supervisor_wants_totals_only(
        workbook: Path, tmp_path: Path) -> None:
    result = report_action(read_workbook(workbook), year=YEAR, today=TODAY,
                           out_dir=tmp_path / "a")
    names = [Path(f).name for f in result.payload["files"]]
    assert not [n for n in names if "pseudonimizowana" in n]
    assert any("art. 9 RODO" in line and "--szyfruj" in line for line in result.summary)
    totals_only = small_club(tmp_path / "t.xlsx", supervisor_totals_only="tak")
    result = report_action(read_workbook(totals_only), year=YEAR, today=TODAY,
                           out_dir=tmp_path / "b", password=PASSWORD)
    names = [Path(f).name for f in result.payload["files"]]
    assert not [n for n in names if "pseudonimizowana" in n]
    assert "t - zaszyfrowany.xlsx" in names


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
        if f.is_file() and f not in (secret, files["kopia"]):
            data = f.read_bytes()
            assert password.encode() not in data, f
            if f.suffix in (".docx", ".xlsx"):
                with zipfile.ZipFile(f) as z:
                    assert not any(password.encode() in z.read(n) for n in z.namelist())


def test_eml_draft_parses_and_carries_the_files(workbook: Path, tmp_path: Path) -> None:
    from email import message_from_bytes
    from email.policy import default

    files = _package(workbook, tmp_path, eml=True, password=PASSWORD)
    msg = message_from_bytes(files["eml"].read_bytes(), policy=default)
    assert msg["X-Unsent"] == "1"
    assert msg["To"] == "nadzor@example.pl"
    assert msg["Subject"].startswith("Sprawozdanie z działalności KIS za rok 2025")
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None and "innym kanałem" in body.get_content()
    text = " ".join(body.get_content().split())
    assert "bez numerów PESEL" not in text  # the old promise nobody had checked
    assert (f"sprawdził każdą część plików: „{files['dane'].name}”, „{files['docx'].name}”, "
            f"„{files['kopia'].name}” i nie znalazł") in text
    assert f"Zaszyfrowane hasłem: „{files['kopia'].name}”, „{files['szyfr'].name}”" in text
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
    remarks = {(r.file, r.text.split(":")[0].split(" (")[0]) for r in summary.remarks}
    assert ("klub1.xlsx", "sprawozdanie za rok 2025 złożone więcej niż raz") in remarks
    assert ("klub1-poprawka.xlsx", "sprawozdanie za rok 2025 złożone więcej niż raz") in remarks
    assert ("klub2.xlsx", "niezgodne sumy") in remarks
    assert summary.skipped and summary.skipped[0][0] == "notatki.xlsx"
    assert summary.missing == [("999999999; KIS w Zapomnianie", YEAR)]
    assert summary.totals().at[YEAR, "klubow"] == 3  # the repeated report counted once
    target = tmp_path / "z.xlsx"
    write_summary(summary, target)
    formula = [c for c in _xlsx_cells(target) if c.value == FORMULA]
    assert formula and all(c.data_type == "s" for c in formula)
    assert "Brakujące" in load_workbook(target).sheetnames


def _edit_data(path: Path, **values: Any) -> Path:
    """Change values of a report file's "Dane" sheet as a person would in Excel."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    for row in wb["Dane"].iter_rows(min_row=2):
        key = str(row[0].value).replace(".", "__")
        if key in values:
            row[1].value = values[key]
    wb.save(path)
    return path


def _report_of(tmp_path: Path, name: str, **settings: Any) -> Path:
    club = read_workbook(small_club(tmp_path / f"{name}-wb.xlsx", **settings))
    return _package_of(club, tmp_path / f"out-{name}")["dane"]


def test_report_file_carries_register_entry_and_when_it_was_made(tmp_path: Path) -> None:
    from kis_xl.report.summary import read_report

    data = read_report(_report_of(tmp_path, "a", kis_register_number="KIS/12/2024",
                                  kis_register_date=date(2024, 3, 15)))
    assert data["nr_rejestru"] == "KIS/12/2024"
    assert data["data_wpisu"] == "2024-03-15"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", data["utworzono"])


def test_summary_counts_two_clubs_of_one_operator(tmp_path: Path) -> None:
    from kis_xl.report.summary import summarise

    folder = tmp_path / "zbior"
    folder.mkdir()
    for n, extra in enumerate(({"kis_register_number": "KIS/1/2020"},
                               {"kis_register_number": "KIS/2/2021"},
                               {}, {}), start=1):  # the last two: no register number
        src = _report_of(tmp_path, f"c{n}", operator="Gmina Testów",
                         operator_regon="250401231", club_name=f"KIS nr {n}", **extra)
        (folder / f"klub{n}.xlsx").write_bytes(src.read_bytes())
    summary = summarise(folder)
    totals = summary.totals()
    assert totals.at[YEAR, "klubow"] == 4
    from kis_xl.report.summary import read_report

    one = read_report(folder / "klub1.xlsx")["uczestnicy.razem.uczestnicy"]
    assert one > 0
    assert totals.at[YEAR, "uczestnicy.razem.uczestnicy"] == 4 * one
    assert not [r for r in summary.remarks if r.code == "summary-duplicate"]


def test_a_corrected_report_replaces_the_earlier_one_whatever_its_name(tmp_path: Path
                                                                       ) -> None:
    from kis_xl.report.summary import summarise

    folder = tmp_path / "zbior"
    folder.mkdir()
    src = _report_of(tmp_path, "k", kis_register_number="KIS/7/2019")
    first = _edit_data(folder / "z-pierwsze.xlsx", utworzono="2026-02-01 09:00:00") if (
        folder.joinpath("z-pierwsze.xlsx").write_bytes(src.read_bytes())) else None
    fixed = folder / "a-poprawka.xlsx"  # sorts first by name, but made later
    fixed.write_bytes(src.read_bytes())
    _edit_data(fixed, utworzono="2026-03-01 09:00:00", zajecia__spotkania=4,
               zajecia__godziny=9)
    summary = summarise(folder)
    assert summary.totals().at[YEAR, "zajecia.spotkania"] == 4
    assert summary.totals().at[YEAR, "klubow"] == 1
    texts = {r.file: r.text for r in summary.remarks if r.code == "summary-duplicate"}
    assert first is not None and "nowszy plik „a-poprawka.xlsx”" in texts["z-pierwsze.xlsx"]
    assert "ten plik – najnowszy" in texts["a-poprawka.xlsx"]


def test_missing_clubs_are_per_year(tmp_path: Path) -> None:
    from kis_xl.report.summary import summarise

    folder = tmp_path / "zbior"
    folder.mkdir()
    both = _report_of(tmp_path, "a", kis_register_number="KIS/1/2020", club_name="KIS A")
    (folder / "a2025.xlsx").write_bytes(both.read_bytes())
    _edit_data(folder / "a2025.xlsx")
    later = folder / "a2026.xlsx"
    later.write_bytes(both.read_bytes())
    _edit_data(later, rok=2026)
    only = _report_of(tmp_path, "b", kis_register_number="KIS/2/2020", club_name="KIS B",
                      operator_regon="471012343")
    (folder / "b2025.xlsx").write_bytes(only.read_bytes())
    expected = tmp_path / "kluby.txt"
    expected.write_text("KIS/1/2020\nKIS/2/2020; KIS B\n", encoding="utf-8")
    assert summarise(folder, expected).missing == [("KIS/2/2020; KIS B", 2026)]
    result = kis("zestawienie", str(folder), "--oczekiwane", str(expected))
    assert result.returncode == 0, result.stderr
    assert "Brak sprawozdań klubów: KIS/2/2020; KIS B (rok 2026)" in result.stdout


def test_impossible_and_hand_edited_reports_are_flagged_and_left_out_of_the_sums(
        tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from kis_xl.report.summary import summarise, write_summary

    folder = tmp_path / "zbior"
    folder.mkdir()
    for n in range(1, 5):
        src = _report_of(tmp_path, f"c{n}", kis_register_number=f"KIS/{n}/2020",
                         club_name=f"KIS nr {n}")
        (folder / f"klub{n}.xlsx").write_bytes(src.read_bytes())
    _edit_data(folder / "klub2.xlsx", uczestnicy__razem__zatrudnieni_po_ukonczeniu=41,
               zajecia__spotkania=0, zajecia__godziny=371)
    _edit_data(folder / "klub3.xlsx", dotacje__wykorzystana=99_999_999)
    _edit_data(folder / "klub4.xlsx", kadra__osoby=-5, zajecia__spotkania="sto")
    summary = summarise(folder)
    by_file: dict[str, list[str]] = {}
    for r in summary.remarks:
        by_file.setdefault(r.file, []).append(f"{r.code} {r.text}")
    assert "klub1.xlsx" not in by_file
    two = " ".join(by_file["klub2.xlsx"])
    assert "zatrudnieni po ukończeniu ≤ ukończyli (41 > 1)" in two
    assert "godziny zajęć > 0 dokładnie wtedy, gdy spotkania > 0" in two
    assert "wykorzystana ≤ przyznana (99999999 > 45000)" in " ".join(by_file["klub3.xlsx"])
    four = by_file["klub4.xlsx"]
    assert any("summary-bad-value" in t and "„kadra.osoby”" in t and "„-5”" in t
               and "ujemna" in t for t in four)
    assert any("„zajecia.spotkania”" in t and "„sto”" in t and "to nie jest liczba" in t
               for t in four)
    totals = summary.totals()
    assert totals.at[YEAR, "klubow"] == 1 and totals.at[YEAR, "pominiete"] == 3
    assert totals.at[YEAR, "zajecia.spotkania"] == 3  # klub1 only, nothing of "sto" or -5
    target = tmp_path / "z.xlsx"
    write_summary(summary, target)
    ws = load_workbook(target)["Zestawienie"]
    marks = {row[0].value: row[-1].value for row in ws.iter_rows(min_row=2)}
    assert marks["klub4.xlsx"] == "pominięty w sumach – zob. „Uwagi”"
    assert marks["klub1.xlsx"] is None
    result = kis("zestawienie", str(folder))
    assert result.returncode == 0, result.stderr
    assert "klub4.xlsx (KIS nr 4): pole „zajecia.spotkania”" in result.stdout


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
            "Sprawozdanie KIS 2025 - wiadomość.eml"} == names  # nothing needing a password
    # no password asked, no write-back; the copies come from a snapshot of the open book
    assert host.prompts == []
    assert host.calls == [c for c in host.calls if c.startswith("save_copy")] and host.calls
    assert workbook.read_bytes() == before
    assert "Pełny skoroszyt nie został dołączony" in host.messages[0][0]
    assert "Bez kopii pseudonimizowanej" in host.messages[0][0]


@pytest.mark.libreoffice
def test_report_files_open_in_libreoffice(workbook: Path, tmp_path: Path) -> None:
    from tests.office import convert, pdf_text

    files = _package(workbook, tmp_path)
    files["kopia"] = _decrypted_copy(workbook, tmp_path / "c")
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

    from kis_xl.plan.errors import KisError
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
    assert len(list(msg.iter_attachments())) == 2  # docx, dane (no copy without a password)
    assert b"smtp-sekret" not in msg.as_bytes()
    ini = tmp_path / "smtp.ini"
    ini.write_text("[smtp]\nhost = poczta.example.pl\ntls = ssl\n", encoding="utf-8")
    assert (load_config(ini, env={}).host, load_config(ini, env={}).port) == (
        "poczta.example.pl", 465)


def test_ribbon_package_holds_unsaved_changes_of_the_open_workbook(workbook: Path) -> None:
    """The totals come from the open workbook, unsaved changes included."""
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
    data = workbook.parent / "sprawozdanie_2025" / "Sprawozdanie KIS 2025 - dane.xlsx"
    names = [cell.value for line in load_workbook(data, read_only=True)["Sprawozdanie"]
             .iter_rows() for cell in line]
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


# ----------------------------------------------------------------------------- --szyfruj


def test_szyfruj_without_a_terminal_points_to_the_password_file(workbook: Path,
                                                                 tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "kis_xl", "report", str(workbook), "--rok",
                             "2025", "--out", str(tmp_path / "o"), "--szyfruj"],
                            capture_output=True, text=True, check=False,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "--haslo-z-pliku" in result.stderr and "terminala" in result.stderr
    assert "Warning" not in result.stderr and "echo" not in result.stderr
    assert not (tmp_path / "o").exists()
    secret = tmp_path / "h.txt"
    secret.write_text("Bardzo-Tajne-Haslo-2025\n", encoding="utf-8")
    both = kis("report", str(workbook), "--szyfruj", "--haslo-z-pliku", str(secret))
    assert both.returncode == 2 and "wykluczają się" in both.stderr


def _in_terminal(args: list[str], answers: list[tuple[str, str]]) -> tuple[int, str]:
    """Run the CLI with a pseudo-terminal as its controlling terminal; type each answer
    once its prompt is shown (earlier typing would be flushed by getpass)."""
    import os
    import pty
    import select
    import sys
    import time

    pid, fd = pty.fork()
    if pid == 0:  # the child: the pty is its terminal
        os.execv(sys.executable, [sys.executable, "-m", "kis_xl", *args])
    output = b""
    pending = list(answers)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if not select.select([fd], [], [], 0.5)[0]:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if pending and pending[0][0].encode() in output:  # its prompt is up: getpass reads
            os.write(fd, (pending.pop(0)[1] + "\n").encode())
    if time.monotonic() >= deadline:  # still asking: stop it (the test then fails)
        import signal

        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode(errors="replace")


def test_szyfruj_with_two_different_entries_answers_in_polish(workbook: Path,
                                                              tmp_path: Path) -> None:
    code, out = _in_terminal(["report", str(workbook), "--rok", "2025", "--out",
                              str(tmp_path / "o"), "--szyfruj"],
                             [("Hasło do zaszyfrowania skoroszytu:",
                               "Bardzo-Tajne-Haslo-2025"),
                              ("Powtórz hasło:", "Inne-Haslo-2025-xx")])
    assert code == 2, out
    assert "Powtórz hasło" in out and "hasła różnią się" in out
    assert "Repeat" not in out and "Error" not in out
    assert not (tmp_path / "o").exists()


# ----------------------------------------------------------------------------- the gate

VOLUNTEER = {"id": "W01", "last_name": "Przybylska", "first_name": "Honorata",
             "pesel": make_pesel(date(1995, 4, 12), "K", 3), "address": "ul. Cicha 12, Testów",
             "phone": "511 222 333", "scope": "korepetycje", "date_from": date(2025, 1, 1)}
PARTNER = {"name": "Poradnia Leczenia Uzależnień", "contact_person": "Wiesław Gołębiowski",
           "phone": "604 555 666", "email": "w.golebiowski@example.com"}


def _poisoned(path: Path) -> tuple[Path, dict[str, str]]:
    """A club workbook with people's identities typed into every place a person can type
    (besides the columns that hold them); returns it and place -> the poison put there."""
    from openpyxl import load_workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.comments import Comment
    from openpyxl.packaging.custom import StringProperty
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    small_club(path, sheets={"volunteers": [VOLUNTEER], "partners": [PARTNER]})
    wb = load_workbook(path)
    zofia, _, tym, _, kaz, jad = (f"{p[2]} {p[1]}" for p in PEOPLE[:6])
    poison = {"właściwości dokumentu": zofia, "właściwości niestandardowe": PEOPLE[1][3],
              "nagłówek": PEOPLE[1][1], "walidacja": f"{PEOPLE[2][1]},{PEOPLE[3][1]}",
              "nazwa zdefiniowana": f"{PEOPLE[4][1]} 600 100 200", "filtr": PEOPLE[5][1],
              "wykres": PEOPLE[6][1], "komentarz": "zadzwonić do p. Przybylskiej: 511 222 333",
              "hiperłącze": "mailto:w.golebiowski@example.com",
              "wolny tekst": f"rozmowa z {kaz}, PESEL {PEOPLE[4][3]}",
              "arkusz spoza wzoru": f"{jad}, ul. Lipowa 3/5, 07.01.2003"}
    wb.properties.creator = poison["właściwości dokumentu"]
    wb.properties.keywords = tym
    wb.custom_doc_props.append(StringProperty(name="Sprawa", value=poison[
        "właściwości niestandardowe"]))
    people = wb["Uczestnicy"]
    people.oddHeader.center.text = poison["nagłówek"]
    people.oddFooter.left.text = PEOPLE[3][1]
    dv = DataValidation(type="list", formula1=f'"{poison["walidacja"]}"')
    dv.add("AZ2:AZ50")
    wb["Program"].add_data_validation(dv)
    wb.defined_names["osoba"] = DefinedName("osoba", attr_text=f'"{poison["nazwa zdefiniowana"]}"')
    meetings = wb["Spotkania"]
    meetings.auto_filter.ref = "A1:I5"
    meetings.auto_filter.add_filter_column(0, [poison["filtr"]])
    chart = BarChart()
    chart.title = poison["wykres"]
    chart.add_data(Reference(meetings, min_col=6, min_row=1, max_row=5), titles_from_data=True)
    meetings.add_chart(chart, "M2")
    meetings["B2"].comment = Comment(poison["komentarz"], "Anna Nowak")
    meetings["A3"].hyperlink = poison["hiperłącze"]
    header = [c.value for c in meetings[1]]
    meetings.cell(row=2, column=header.index("Temat") + 1).value = poison["wolny tekst"]
    wb.create_sheet("Notatki koordynatora")["B4"] = poison["arkusz spoza wzoru"]
    wb.save(path)
    return path, poison


def _parts(path: Path) -> dict[str, str]:
    """Every part of a zip package (or the file itself) as folded text."""
    from kis_xl.domain.text import fold

    data = path.read_bytes()
    if not zipfile.is_zipfile(path):
        return {path.name: fold(data.decode("utf-8", errors="replace"))}
    with zipfile.ZipFile(path) as z:
        return {n: fold(z.read(n).decode("utf-8", errors="replace")) for n in z.namelist()}


def test_a_poisoned_workbook_leaves_no_identity_and_the_scanner_sees_every_poison(
        tmp_path: Path) -> None:
    from email import message_from_bytes
    from email.policy import default

    from kis_xl.domain.text import fold
    from kis_xl.report.scanner import identities, scan_file

    workbook, poison = _poisoned(tmp_path / "klub.xlsx")
    club = read_workbook(workbook)
    source_hits = scan_file(workbook.name, workbook.read_bytes(), identities(club))
    where = " | ".join(h.where for h in source_hits)
    for place in ("docProps/core.xml", "docProps/custom.xml", "wykres (część xl/charts/",
                  "komentarze (część xl/comments", "nazwy zdefiniowane skoroszytu",
                  "arkusz „Uczestnicy” (nagłówek", "arkusz „Program” (nagłówek",
                  "arkusz „Spotkania” (nagłówek",
                  "arkusz „Spotkania”, komórka", "arkusz „Notatki koordynatora”, komórka B4",
                  "arkusz „Wolontariusze”, komórka", "arkusz „Partnerzy”, komórka"):
        assert place in where, place  # the scanner is not blind
    assert {"numer PESEL", "numer telefonu", "adres e-mail", "data urodzenia osoby z arkusza "
            "klubu", "adres osoby z arkusza klubu"} <= {h.what for h in source_hits}

    files = _package(workbook, tmp_path, password=PASSWORD, eml=True)
    plain = [files["docx"], files["dane"], _decrypted_copy(workbook, tmp_path / "c")]
    msg = message_from_bytes(files["eml"].read_bytes(), policy=default)
    body = tmp_path / "body.txt"
    body.write_text(str(msg.get_body(preferencelist=("plain",)).get_content()) + "\n"
                    + f"{msg['Subject']}\n{msg['To']}\n{msg['From']}", encoding="utf-8")
    plain.append(body)
    ids = identities(club)
    assert scan_file(files["eml"].name, files["eml"].read_bytes(), ids) == []
    strings = [fold(v) for v in poison.values() if not v.startswith("mailto")]
    strings += [fold(x) for p in PEOPLE for x in (p[1], p[3])]
    strings += [fold(x) for x in (VOLUNTEER["last_name"], VOLUNTEER["pesel"], "Cicha 12",
                                  PARTNER["contact_person"], "511 222 333", "604 555 666")]
    strings += ["golebiowski example com", "600 100 200", "07 01 2003", "lipowa 3 5"]
    for path in plain:
        assert scan_file(path.name, path.read_bytes(), ids) == [], path.name
        for part, text in _parts(path).items():
            for s in strings:
                assert f" {s} " not in f" {text} ", (path.name, part, s)


def test_one_identity_in_a_shared_place_and_nothing_is_written(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from kis_xl.actions.report import ReportError

    path = small_club(tmp_path / "klub.xlsx")
    wb = load_workbook(path)
    grants = wb["Dotacje"]
    header = [c.value for c in grants[1]]
    grants.cell(row=3, column=header.index("Przeznaczenie") + 1).value = (
        f"zwrot dla {PEOPLE[0][2]} {PEOPLE[0][1]}")
    wb.save(path)
    out = tmp_path / "out"
    with pytest.raises(ReportError) as caught:
        report_action(read_workbook(path), year=YEAR, today=TODAY, out_dir=out,
                      password=PASSWORD, eml=True)
    message = caught.value.message
    assert message.startswith("Nic nie zapisano")
    assert ("plik „klub - kopia pseudonimizowana 2025.xlsx”, arkusz „Dotacje”, komórka C3: "
            "nazwisko osoby") in message
    assert PEOPLE[0][1] not in message  # says where, never the value
    assert not out.exists()
    assert not (tmp_path / "klucze kopii pseudonimizowanych").exists()
    result = kis("report", str(path), "--rok", "2025", "--out", str(out))
    assert result.returncode == 1 and "Nic nie zapisano" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_the_demo_package_passes_the_scanner(tmp_path: Path) -> None:
    from kis_xl.demo.club import write_demo_workbook
    from kis_xl.report.encrypt import decrypt_bytes
    from kis_xl.report.scanner import identities, scan_file

    path = write_demo_workbook(tmp_path / "demo.xlsx", date(2026, 3, 16))
    club = read_workbook(path)
    result = report_action(club, year=2025, today=date(2026, 3, 16), out_dir=tmp_path / "o",
                           password=PASSWORD, eml=True)
    files = [Path(f) for f in result.payload["files"]]
    assert len(result.payload["verified"]) == 3  # the report, its data, the copy
    ids = identities(club)
    assert len(ids.names) > 20 and ids.pesels
    for f in files:
        data = f.read_bytes()
        if "pseudonimizowana" in f.name:
            data = decrypt_bytes(f, PASSWORD)
        if not f.name.endswith("zaszyfrowany.xlsx"):
            assert scan_file(f.name, data, ids) == [], f.name
    assert scan_file(path.name, path.read_bytes(), ids)  # the demo workbook itself has people


def test_a_surname_that_is_a_word_of_the_report_does_not_stop_it(tmp_path: Path) -> None:
    """Mr Kadra may take part: the report's heading "Kadra" is not his name; his full name
    or a PESEL would still be found."""
    from openpyxl import load_workbook

    from kis_xl.actions.report import ReportError

    path = small_club(tmp_path / "klub.xlsx")
    wb = load_workbook(path)
    ws = wb["Uczestnicy"]
    header = [c.value for c in ws[1]]
    ws.cell(row=2, column=header.index("Nazwisko") + 1).value = "Kadra"
    wb.save(path)
    report_action(read_workbook(path), year=YEAR, today=TODAY, out_dir=tmp_path / "a")
    grants = wb["Dotacje"]
    header = [c.value for c in grants[1]]
    grants.cell(row=2, column=header.index("Przeznaczenie") + 1).value = "dla Zofii: Zofia Kadra"
    wb.save(path)
    with pytest.raises(ReportError, match="arkusz „Sprawozdanie”"):
        report_action(read_workbook(path), year=YEAR, today=TODAY, out_dir=tmp_path / "b")
