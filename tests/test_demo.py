"""The demo club is realistic, and `kis-xl demo` runs every action on it end to end."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kis_xl.actions.registry import ACTIONS
from kis_xl.demo.club import build_club_data, build_demo_data, half_year
from kis_xl.domain import vocab
from kis_xl.domain.pesel import pesel_birth_date, pesel_sex
from kis_xl.plan.sheetspec import GENERATED_MARK
from kis_xl.workbook.reader import read_workbook
from tests.office import convert

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "klub"
    result = subprocess.run(
        [sys.executable, "-m", "kis_xl", "demo", str(folder), "--dzis", "23.11.2026"],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return folder


def test_half_year_is_the_six_full_months_before_today() -> None:
    assert half_year(TODAY) == (date(2026, 5, 1), date(2026, 10, 31))
    assert half_year(date(2026, 3, 2)) == (date(2025, 9, 1), date(2026, 2, 28))


def test_participants_cover_every_category_both_sexes_and_young_people() -> None:
    _, sheets = build_demo_data(TODAY)
    people = sheets["participants"]
    assert len(people) >= 20
    categories = {p["category"] for p in people}
    assert set(vocab.CATEGORIES.values) <= categories
    assert categories - set(vocab.CATEGORIES.values), "a club-added category is used"
    pesels = [str(p["pesel"]).zfill(11) for p in people]
    assert {pesel_sex(p) for p in pesels} == {"K", "M"}
    assert sum(2000 <= pesel_birth_date(p).year <= 2009 for p in pesels) >= 4
    assert len(set(pesels)) == len(pesels)


def test_programme_is_seed_002_with_exactly_its_hours() -> None:
    _, sheets = build_demo_data(TODAY)
    per_role: dict[str, float] = defaultdict(float)
    for a in sheets["activities"]:
        hours = (a["planned_meetings"] * a["hours_per_meeting"] if a["form"] == "grupowe"
                 else a["hours_per_person"] * a["planned_persons"])
        per_role[a["specialist"]] += hours
    assert per_role["psycholog"] == 182
    assert per_role["pracownik socjalny"] == 129
    assert per_role["doradca zawodowy"] + per_role["doradca zawodowy / pośrednik pracy"] == 70
    assert per_role["eksperci ZUS, bank, US"] + per_role["trener"] == 36
    assert per_role["prawnik"] == 4
    assert len(sheets["activities"]) == 13


def test_partners_and_outcomes_follow_the_seeds() -> None:
    _, sheets = build_demo_data(TODAY)
    names = " ".join(p["name"] for p in sheets["partners"])
    for partner in ("Powiatowy Urząd Pracy", "Urząd Miejski", "Zakład Ubezpieczeń Społecznych",
                    "Urząd Skarbowy", "PKO BP", "Terapii Uzależnień"):
        assert partner in names
    kinds = [o["type"] for o in sheets["outcomes"]]
    assert kinds.count("podjęcie leczenia") == 3
    assert kinds.count("uregulowanie spraw prawnych") == 4
    assert sum(vocab.OUTCOMES.code_of(k) in vocab.EMPLOYMENT_OUTCOMES for k in kinds) >= 3


def test_demo_is_the_same_club_for_the_same_day() -> None:
    assert build_demo_data(TODAY) == build_demo_data(TODAY)


def test_demo_workbook_reads_cleanly_but_for_planted_slips(demo_dir: Path) -> None:
    club = read_workbook(demo_dir / "klub_demo.xlsx")
    assert len(club.participants) >= 20
    assert len(club.meetings) > 100 and len(club.attendance) > 1000
    reading = {f.code for f in club.findings}
    assert reading <= {"pesel-recovered"}, reading


def test_demo_runs_every_registered_action(demo_dir: Path) -> None:
    wb = load_workbook(demo_dir / "klub_demo.xlsx")
    log = wb["Dziennik zmian"] if ACTIONS else None
    for spec in ACTIONS:
        assert log is not None
        assert any(spec.name in str(c.value) or "kis-xl" in str(c.value)
                   for row in log.iter_rows() for c in row)
    for name in wb.sheetnames:
        if name.startswith("Wynik"):
            assert str(wb[name]["A1"].value).startswith(GENERATED_MARK)
    # the month's register of the meeting the demo added, made and saved back
    [register] = [name for name in wb.sheetnames if name.startswith("Dziennik Z03 ")]
    assert str(wb[register]["A1"].value).startswith(GENERATED_MARK)
    said = [str(row[-1]) for row in log.iter_rows(values_only=True)] if log else []
    assert any(f"Zapisano dziennik „{register}”" in line for line in said), said


def test_demo_refuses_a_folder_with_other_files(tmp_path: Path) -> None:
    (tmp_path / "moje.txt").write_text("ważne")
    result = subprocess.run([sys.executable, "-m", "kis_xl", "demo", str(tmp_path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "nie jest pusty" in result.stderr
    assert (tmp_path / "moje.txt").read_text() == "ważne"


@pytest.mark.libreoffice
def test_libreoffice_opens_the_demo_workbook(demo_dir: Path, tmp_path: Path) -> None:
    pdf = convert(demo_dir / "klub_demo.xlsx", "pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    resaved = convert(demo_dir / "klub_demo.xlsx", "xlsx:Calc MS Excel 2007 XML",
                      tmp_path / "xlsx")
    club = read_workbook(resaved)
    assert len(club.participants) >= 20


def test_demo_produces_the_report_package(demo_dir: Path) -> None:
    names = sorted(p.name for p in (demo_dir / "sprawozdanie").iterdir())
    assert any(n.endswith(".docx") for n in names)
    assert any(n.endswith("dane.xlsx") for n in names)
    assert not any("pseudonimizowana" in n for n in names)  # only encrypted: no password
    assert any(n.endswith(".eml") for n in names)
    assert any(n.endswith("wersja do publikacji.xlsx") for n in names)


def _docx_numbers(path: Path) -> set[float]:
    """Every number printed in the document (cells and paragraphs read one by one, so that
    neighbouring cells never run together; thousands are grouped by a no-break space)."""
    from docx import Document

    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    texts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    found = set()
    for text in texts:
        for token in re.findall(r"\d+(?:\u00a0\d{3})*(?:,\d+)?", text):
            found.add(round(float(token.replace("\u00a0", "").replace(",", ".")), 2))
    return found


def test_demo_report_counts_the_admitted_people_in_true_numbers(demo_dir: Path) -> None:
    """Issue 16: the report's participants are those `check` admits; the rejected are
    apart; no "<3" anywhere; every figure of the .xlsx is in the .docx."""
    from kis_xl.actions.check import check

    folder = demo_dir / "sprawozdanie"
    [xlsx] = folder.glob("* - dane.xlsx")
    [docx] = list(folder.glob("Sprawozdanie KIS *.docx"))
    wb = load_workbook(xlsx)
    data = {r[0]: r[1] for r in wb["Dane"].iter_rows(min_row=2, values_only=True)}
    checked = check(read_workbook(demo_dir / "klub_demo.xlsx"), today=TODAY).payload
    assert data["uczestnicy.razem.uczestnicy"] == checked["summary"]["admitted"] == 15
    assert data["nieprzyjeci.osoby"] == checked["summary"]["statuses"]["ineligible"] == 4
    assert data["braki_dokumentacji.osoby"] == checked["summary"]["statuses"]["incomplete"]
    assert sum(v for k, v in data.items() if re.fullmatch(r"uczestnicy\.[^.]+\.uczestnicy", k)
               and not k.startswith("uczestnicy.razem")) == 15
    cells = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [v for v in cells if isinstance(v, str) and "<3" in v]
    from docx import Document

    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "<3" not in text and "Wojewoda Łódzki" in text
    printed = _docx_numbers(docx)
    shown = [c.value for row in wb["Sprawozdanie"].iter_rows() for c in row]
    shown += [v for k, v in data.items() if k != "wersja"]  # the data format is no figure
    figures = {round(float(v), 2) for v in shown
               if isinstance(v, int | float) and not isinstance(v, bool)}
    assert figures and figures - printed == set()


def test_demo_club_trades_services_with_one_planted_slip() -> None:
    from kis_xl.domain.exchange import compute_exchange
    from kis_xl.domain.model import Club, Exchange, Participant

    _, sheets = build_demo_data(TODAY)
    assert len(sheets["exchanges"]) >= 10
    club = Club(
        participants=[Participant(row=i, id=p["id"], start_date=p["start_date"],
                                  end_date=p.get("end_date"))
                      for i, p in enumerate(sheets["participants"], start=2)],
        exchanges=[Exchange(row=i, **e) for i, e in enumerate(sheets["exchanges"], start=2)],
    )
    report = compute_exchange(club)
    assert [f.code for f in report.findings] == ["exchange-member-not-active"]
    assert report.counted == len(sheets["exchanges"]) and len(report.members) >= 8


def test_demo_club_has_groups_with_animators_and_members() -> None:
    _, sheets = build_demo_data(TODAY)
    groups = {g["id"]: g for g in sheets["groups"]}
    assert {g["type"] for g in groups.values()} >= {"grupa wsparcia", "grupa edukacyjna",
                                                      "grupa samopomocowa"}
    assert all(g["animator"] for g in groups.values())
    run_for = {a["id"]: a["group"] for a in sheets["activities"] if a.get("group")}
    assert run_for == {"Z05": "G01", "Z12": "G02"}
    members = {(m["group"], m["participant"]) for m in sheets["group_members"]}
    enrolled = {e["participant"] for e in sheets["enrolments"] if e["activity"] == "Z12"}
    assert {p for g, p in members if g == "G02"} == enrolled
    assert any(g == "G03" for g, _ in members)


def test_demo_club_has_volunteers_one_without_a_written_agreement() -> None:
    from kis_xl.domain.model import Club, Volunteer
    from kis_xl.domain.volunteers import volunteer_findings

    _, sheets = build_demo_data(TODAY)
    scopes = " ".join(v["scope"] for v in sheets["volunteers"])
    assert "angielskiego" in scopes and "korepetycje" in scopes
    assert all(v["hours"] > 0 for v in sheets["volunteers"])
    club = Club(volunteers=[Volunteer(row=i, **v)
                            for i, v in enumerate(sheets["volunteers"], start=2)])
    assert [(f.code, f.row) for f in volunteer_findings(club)] == [
        ("volunteer-agreement-missing", 4)]


def test_scale_one_is_the_bundled_demo_club() -> None:
    assert build_club_data(TODAY, 1) == build_demo_data(TODAY)


def test_larger_scale_grows_linearly_and_is_deterministic() -> None:
    from kis_xl.demo.club import BIG_UNIT

    sizes = {}
    for n in (10, 20):
        settings, sheets = build_club_data(TODAY, n)
        assert (settings, sheets) == build_club_data(TODAY, n)
        sizes[n] = {k: len(v) for k, v in sheets.items()}
        assert (sizes[n]["participants"], sizes[n]["meetings"], sizes[n]["attendance"]) == \
            tuple(n * k for k in BIG_UNIT)
        ids = [p["id"] for p in sheets["participants"]]
        assert len(set(ids)) == len(ids)
        assert len({str(p["pesel"]) for p in sheets["participants"]}) == len(ids)
        pairs = [(a["meeting"], a["participant"]) for a in sheets["attendance"]]
        assert len(set(pairs)) == len(pairs), "nobody is listed twice at one meeting"
        assert max(m["date"] for m in sheets["meetings"]) < TODAY
    for key in ("outcomes", "enrolments", "pup_periods"):
        assert 1.8 <= sizes[20][key] / sizes[10][key] <= 2.2, key


def test_cli_demo_scale_builds_a_big_club_and_runs_every_action(tmp_path: Path) -> None:
    folder = tmp_path / "duzy"
    result = subprocess.run(
        [sys.executable, "-m", "kis_xl", "demo", str(folder), "--dzis", "23.11.2026",
         "--skala", "10"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    club = read_workbook(folder / "klub_demo.xlsx")
    assert len(club.participants) == 200
    assert len(club.attendance) >= 10_000
    # built, meeting, register built and saved, the workbook actions, docs, done, the buttons
    assert len(result.stdout.splitlines()) == 2 + 2 + len(ACTIONS) + 3
    assert "kis-xl calc install" in result.stdout.splitlines()[-1]
    assert "Sprawdź uczestników: Uczestnicy: 200" in result.stdout
    # realistic like the small demo: a plan of the office's size, the club's week, a time bank
    share = re.search(r"zrealizowano [\d ,]+ h z planu [\d ,]+ h \(([\d,]+)%\)", result.stdout)
    assert share and 10 <= float(share[1].replace(",", ".")) <= 150, result.stdout
    assert "punkt informacyjny czynny 6 h" in result.stdout
    assert club.volunteers and len(club.exchanges) == 20


def test_demo_runs_the_registry_demo_list_in_its_order(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from kis_xl.actions import registry
    from kis_xl.demo.run import run_demo

    monkeypatch.setattr(registry, "DEMO", ("docs_regulations", "outcomes"))
    said: list[str] = []
    report = run_demo(tmp_path / "klub", today=TODAY, progress=said.append)
    assert [line.split(":")[0] for line in said[1:]] == ["Regulamin", "Rezultaty", "Dokumenty"]
    assert [p.name for p in report.documents] == ["Regulamin KIS.docx"]
    sheets = load_workbook(report.workbook, read_only=True).sheetnames
    assert "Wynik rezultatów" in sheets
    assert "Wynik kontroli" not in sheets and "Wynik godzin" not in sheets
    assert report.report == [] and not (tmp_path / "klub" / "sprawozdanie").exists()


def test_registry_demo_list_holds_every_workbook_action_and_document_button() -> None:
    from kis_xl.actions.registry import DEMO, USER_ACTIONS, get

    assert len(DEMO) == len(set(DEMO))
    assert [n for n in DEMO if get(n).demo] == [a.name for a in ACTIONS]
    assert DEMO[0] == "meeting_add" and DEMO[-1] == "report"
    for spec in USER_ACTIONS:
        if dict(spec.options).get("kind"):
            assert spec.name in DEMO, spec.name
    for name in DEMO:
        spec = get(name)
        assert spec.demo or spec.demo_options, f"{name}: the demo cannot run it without options"


def test_demo_registers_and_lists_hold_only_admitted_people_and_roles_agree(
        demo_dir: Path) -> None:
    """Issue 17: nobody the check does not admit is enrolled, in a group or on an attendance
    row (so no attendance list asks them to sign); everyone running a slot has a basis."""
    from kis_xl.domain.rules import evaluate

    club = read_workbook(demo_dir / "klub_demo.xlsx")
    ev = evaluate(club, today=TODAY)
    admitted = ev.admitted()
    not_admitted = {s.participant for s in ev.statuses} - admitted
    assert {"U004", "U005", "U012", "U021"} <= not_admitted
    on_registers = ({e.participant for e in club.enrolments}
                    | {m.participant for m in club.group_members}
                    | {a.participant for a in club.attendance})
    assert on_registers and on_registers <= admitted, on_registers & not_admitted
    codes = {f.code for f in ev.findings}
    assert not codes & {"enrolled-not-admitted", "group-member-not-admitted",
                        "timetable-leader-unknown", "timetable-leader-without-basis",
                        "timetable-leader-double-booked", "staff-volunteer-agreement-missing",
                        "volunteer-register-check-missing", "certificate-overdue"}
    kids = [v for v in club.volunteers if v.works_with_minors == "tak"]
    assert [v.id for v in kids] == ["W01", "W02"]
    assert all(v.register_check_date and v.date_from and v.register_check_date <= v.date_from
               for v in kids)
