"""The fast paths give the same results as the plain ones (the benchmarks are in tests/bench)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kis_xl.actions.base import run_on_file
from kis_xl.actions.check import check
from kis_xl.actions.hours import hours_action
from kis_xl.actions.registry import get
from kis_xl.demo.club import write_demo_workbook

TODAY = date(2026, 11, 23)


def _small_big_club(tmp_path: Path) -> Path:
    return write_demo_workbook(tmp_path / "klub.xlsx", TODAY, 3)


def test_check_leaves_meetings_and_attendance_to_hours(tmp_path: Path) -> None:
    """A click on "Sprawdź uczestników" does not parse the big registers; their data
    problems are reported by "Policz godziny", which reads them anyway."""
    from openpyxl import load_workbook

    path = _small_big_club(tmp_path)
    wb = load_workbook(path)
    wb["Obecności"]["C2"] = "byłam"
    wb["Spotkania"]["B2"] = "wczoraj"
    wb.save(path)
    checked = run_on_file(path, lambda c: check(c, today=TODAY), write=False,
                          sheets=get("check").sheets)
    assert not {f.sheet for f in checked.findings} & {"Obecności", "Spotkania"}
    assert any(f.sheet == "Uczestnicy" for f in checked.findings)
    hours = run_on_file(path, lambda c: hours_action(c, today=TODAY), write=False,
                        sheets=get("hours").sheets)
    assert {("Obecności", 2), ("Spotkania", 2)} <= {(f.sheet, f.row) for f in hours.findings}


def _members(path: Path) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_documents_on_every_core_equal_the_plain_serial_rendering(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big batch renders in worker processes, each template cleaned and compiled once;
    every file has the same parts, byte for byte, as a template loaded afresh per document."""
    import io

    from docxtpl import DocxTemplate

    from kis_xl.documents import render
    from kis_xl.documents.contexts import ClubData
    from kis_xl.documents.environment import environment
    from kis_xl.documents.kinds import BY_KEY
    from kis_xl.workbook import read_ahead
    from kis_xl.workbook.reader import read_workbook

    club = read_workbook(_small_big_club(tmp_path))
    ids = [p.id for p in club.participants[:30]]
    monkeypatch.setattr(render, "PARALLEL_FROM", 4)
    assert (render.worker_count(len(ids)) > 1) == (read_ahead.cores() > 1)
    parallel = render.render_documents(club, "kontrakt", ids, tmp_path / "p", today=TODAY,
                                       force=True)
    monkeypatch.setattr(render, "PARALLEL_FROM", 10**9)
    serial = render.render_documents(club, "kontrakt", ids, tmp_path / "s", today=TODAY,
                                     force=True)
    assert [p.name for p in parallel] == [p.name for p in serial]
    assert len(parallel) == len(ids)
    for a, b in zip(parallel, serial, strict=True):
        assert _members(a) == _members(b), a.name
    kind = BY_KEY["kontrakt"]
    data = ClubData(club, TODAY)
    blob = render.choose_template(kind.template, None, None).path.read_bytes()
    for p, path in list(zip(club.participants, parallel, strict=False))[::10]:
        plain = DocxTemplate(io.BytesIO(blob))
        plain.render(kind.build(data, p), jinja_env=environment(), autoescape=True)
        render.merge_abbreviation_periods(plain.docx)
        render.tie_single_letter_words(plain.docx)
        plain.save(str(tmp_path / "plain.docx"))
        assert _members(tmp_path / "plain.docx") == _members(path), path.name


def _spoiled_big_club(tmp_path: Path) -> Path:
    """The big club with the slips real registers have, in the big sheets too."""
    from openpyxl import load_workbook

    path = _small_big_club(tmp_path)
    wb = load_workbook(path)
    att, meetings, people = wb["Obecności"], wb["Spotkania"], wb["Uczestnicy"]
    att["C2"], att["C3"], att["D4"], att["A5"] = "byłam", " ", "dwie", None
    att["B6"], att["B7"], att["C8"] = "U999", "  u001 ", "Obecny"
    meetings["B2"], meetings["C3"], meetings["A4"] = "wczoraj", "po południu", "S0005"
    people["A3"], people["D4"] = people["A2"].value, 12345
    wb.save(path)
    return path


def test_fast_reading_equals_the_plain_loop(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Every record and every finding (text, place, order) as the plain row loop reads them,
    and the same check, hours and outcomes results."""
    from openpyxl import load_workbook

    from kis_xl.actions.outcomes import outcomes_action
    from kis_xl.domain.model import RECORD_TYPES
    from kis_xl.workbook import reader

    path = _spoiled_big_club(tmp_path)
    wb = load_workbook(path)
    att, meetings, people = wb["Obecności"], wb["Spotkania"], wb["Uczestnicy"]
    # the column reader's own edge cases: a slip repeated (each row gets its finding), a
    # whitespace key, a row with only an optional cell, a number where an ID goes, an ID
    # typed three times (in two spellings), a blank row in the middle of the register
    att["C20"] = att["C21"] = att["C22"] = "byłam"
    att["A23"], att["D24"], att["B25"], att["E26"] = "  ", 2.5, 7.0, "uwaga"
    att["A24"] = att["B24"] = att["C24"] = None
    for col in "ABCDE":
        att[f"{col}30"] = None
    att["B31"], att["B32"] = 1, True
    # value rules: a negative and a too long attendance, a formula error, typed in Polish
    att["D40"], att["D41"], att["D42"], att["D43"] = -1, 30, "#DZIEL/0!", -1
    meetings["A10"] = meetings["A11"].value
    meetings["A12"] = str(meetings["A11"].value).lower() + " "
    people["A10"] = people["A11"].value
    people["E12"] = "  "
    wb.save(path)
    results = []
    for fast in (True, False):
        monkeypatch.setattr(reader, "FAST", fast)
        club = reader.read_workbook(path)
        runs = [action(club, today=TODAY).json() for action in (check, hours_action,
                                                                outcomes_action)]
        results.append((club, [f.to_dict() for f in club.findings], runs))
    (fast_club, fast_findings, fast_runs), (plain_club, plain_findings, plain_runs) = results
    assert len(fast_club.attendance) > 1000
    assert {f["sheet"] for f in plain_findings} >= {"Obecności", "Spotkania", "Uczestnicy"}
    assert fast_findings == plain_findings
    for key in RECORD_TYPES:
        assert getattr(fast_club, key) == getattr(plain_club, key), key
    assert fast_club.layouts == plain_club.layouts
    assert fast_runs == plain_runs


def test_check_on_its_sheets_equals_check_on_the_whole_workbook(tmp_path: Path) -> None:
    """Reading fewer sheets changes nothing but the big registers' data findings."""
    from kis_xl.workbook.reader import read_workbook

    path = _spoiled_big_club(tmp_path)
    whole = check(read_workbook(path), today=TODAY).json()
    split = check(read_workbook(path, sheets=get("check").sheets), today=TODAY).json()
    assert split["participants"] == whole["participants"]
    big = {"Obecności", "Spotkania"}
    assert split["findings"] == [f for f in whole["findings"] if f.get("sheet") not in big]
    assert len(split["findings"]) < len(whole["findings"])


def test_check_reads_every_data_sheet_but_the_two_big_registers() -> None:
    """A sheet added to the schema is checked unless it is left out here on purpose:
    the self-help sheets were once missed, and `kis-xl check` stayed silent about them."""
    from kis_xl.actions.registry import CHECK_SHEETS
    from kis_xl.workbook import schema

    data = {s.key for s in schema.SHEETS if s.kind == schema.SheetKind.DATA}
    assert set(CHECK_SHEETS) == data - {"meetings", "attendance"}


@pytest.mark.parametrize("options", [["--no-write"], []])
def test_a_click_imports_no_heavy_package(tmp_path: Path, options: list[str]) -> None:
    """`kis-xl hours` on a club meeting over two years, with and without write-back, imports
    neither pandas nor numpy (which openpyxl would pull in) nor the holidays package (which
    imports every country's calendar) nor pydantic (which typer 0.29 imports, 0.2-0.3 s, to
    turn the workbook's name into a path: ``fronts/cli_values.py``)."""
    import subprocess
    import sys

    path = _small_big_club(tmp_path)
    probe = (
        "import sys\n"
        "from kis_xl.fronts.launch import main\n"
        "try:\n"
        f"    sys.argv = ['kis-xl', 'hours', {str(path)!r}, '--json', *{options!r}]\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('pandas', 'numpy', 'holidays', 'pydantic')"
        " if m in sys.modules),"
        " file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=False)
    assert proc.stderr.strip().splitlines()[-1] == "[]", proc.stderr
    if not options:
        from kis_xl.workbook import schema
        from kis_xl.workbook.reader import open_grids

        assert schema.sheet("hours_results").name in open_grids(path)


def test_hours_equal_a_straightforward_count_on_a_sample(tmp_path: Path) -> None:
    """compute_hours (flat dictionaries, bisection, rows corrected afterwards) gives each
    participant of the spoiled big club the hours, presences and expected meetings that a
    participant × meeting loop over the README rules gives."""
    from kis_xl.domain.hours import MAX_MEETING_HOURS, compute_hours, meeting_minutes, to_minutes
    from kis_xl.workbook.reader import read_workbook

    club = read_workbook(_spoiled_big_club(tmp_path), sheets=get("hours").sheets)
    report = compute_hours(club, today=TODAY)
    forms = {a.id: a.form for a in club.activities}
    counted = {m.id: m for m in reversed(club.meetings)
               if m.date is not None and m.date <= TODAY and m.activity in forms}
    enrolled = {e.activity for e in club.enrolments if e.activity}
    first: dict[tuple[str, str], object] = {}
    for att in club.attendance:
        who = club.participant(att.participant)
        if att.meeting not in counted or who is None:
            continue
        day = counted[att.meeting].date
        if who.start_date is not None and not (
                who.start_date <= day <= (who.end_date or date.max)):  # type: ignore[operator]
            continue  # outside the participation period: counted nowhere
        first.setdefault((att.meeting, att.participant), att)
    straight = {}
    for p in club.participants:
        rows = {mid: att for (mid, pid), att in first.items() if pid == p.id}
        present = [att for att in rows.values() if att.status == "obecny"]
        minutes = 0
        for att in present:
            if att.hours is None:
                minutes += meeting_minutes(counted[att.meeting]) or 0
            elif 0 < att.hours <= MAX_MEETING_HOURS:
                minutes += to_minutes(att.hours)
        by_rule = {
            m.id for m in counted.values()
            if forms[m.activity] != "indywidualne" and p.active_on(m.date)
            and (m.activity not in enrolled or any(
                e.participant == p.id and e.activity == m.activity
                and (e.date_from or date.min) <= m.date <= (e.date_to or date.max)
                for e in club.enrolments))
        }
        filled = {mid for mid, att in rows.items() if att.status is not None}
        unfilled = set(rows) - filled
        straight[p.id] = (minutes, len(present), len((by_rule | filled) - unfilled))
    ours = {ph.id: (ph.minutes_total, ph.present, ph.expected) for ph in report.participants}
    assert sum(v[1] for v in straight.values()) > 1000
    assert ours == straight


def test_an_action_on_a_file_runs_with_the_cyclic_collector_paused(tmp_path: Path) -> None:
    """The hours action's 100,000 keys would be rescanned by the collector again and again;
    it is paused for the action (read, compute, write) and running again afterwards."""
    import gc

    seen = []

    def action(club: object) -> object:
        seen.append(gc.isenabled())
        return hours_action(club, today=TODAY)  # type: ignore[arg-type]

    assert gc.isenabled()
    run_on_file(_small_big_club(tmp_path), action, write=False, sheets=get("hours").sheets)
    assert seen == [False]
    assert gc.isenabled()
