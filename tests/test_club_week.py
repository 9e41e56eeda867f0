"""The club's week and partners (issue 11): information-point hours, partner agreements,
and that none of it touches a participant's status."""

from __future__ import annotations

import json
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from kis_xl.domain.model import Club, Partner, TimetableSlot
from kis_xl.domain.rules import evaluate
from kis_xl.domain.rules.club_week import info_point, partner_slots
from kis_xl.domain.rules.overrides import overridable_codes
from tests.builders import write_club
from tests.test_check_cli import kis
from tests.test_check_rules import TODAY, person, status

INFO = "dyżur punktu informacyjnego"


def slot(day: str, t0: tuple[int, int], t1: tuple[int, int], kind: str | None = INFO,
         row: int = 2, **more: str) -> TimetableSlot:
    return TimetableSlot(row=row, weekday=day, start=time(*t0), end=time(*t1), kind=kind,
                         name=more.pop("name", "Punkt informacyjny"), **more)


def codes(c: Club, today: date = TODAY) -> list[str]:
    return [f.code for f in evaluate(c, today=today).findings
            if f.sheet in ("Harmonogram", "Partnerzy")]


def week(*slots: TimetableSlot, partners: tuple[Partner, ...] = ()) -> Club:
    c = Club()
    c.participants = [person()]
    c.timetable = list(slots)
    c.partners = list(partners)
    return c


SEED_000 = (slot("poniedziałek", (8, 0), (10, 0)), slot("środa", (16, 0), (18, 0)),
            slot("piątek", (8, 0), (10, 0)))


# --------------------------------------------------------------------------- information point


def test_six_hours_before_and_after_noon_is_enough() -> None:
    assert codes(week(*SEED_000)) == []
    point = info_point(list(SEED_000))
    assert (point.minutes, point.morning, point.afternoon, point.ok) == (360, 240, 120, True)


def test_five_and_a_half_hours_is_too_short_and_cites_the_model() -> None:
    c = week(slot("poniedziałek", (8, 0), (10, 0)), slot("środa", (16, 0), (17, 30)),
             slot("piątek", (8, 0), (10, 0)))
    found = [f for f in evaluate(c, today=TODAY).findings if f.code == "info-point-too-short"]
    assert len(found) == 1
    f = found[0]
    assert "5,5 h" in f.message and "6 h" in f.message
    assert f.sheet == "Harmonogram" and f.column == "Rodzaj wpisu" and f.participant is None
    assert "minimum 6 godzin tygodniowo" in (f.basis or "")
    assert "nie przepis ustawy" in (f.basis or "")


def test_only_mornings_lack_the_afternoon() -> None:
    c = week(slot("poniedziałek", (8, 0), (11, 0)), slot("wtorek", (8, 0), (11, 0)))
    assert codes(c) == ["info-point-no-afternoon"]


def test_only_afternoons_lack_the_morning() -> None:
    c = week(slot("poniedziałek", (12, 0), (15, 0)), slot("wtorek", (15, 0), (18, 0)))
    assert codes(c) == ["info-point-no-morning"]


def test_a_duty_across_noon_counts_on_both_sides() -> None:
    c = week(slot("poniedziałek", (10, 0), (16, 0)))
    assert codes(c) == []
    point = info_point(c.timetable)
    assert (point.morning, point.afternoon) == (120, 240)


def test_overlapping_duties_count_once() -> None:
    c = week(*SEED_000, slot("poniedziałek", (9, 0), (10, 0), row=5))
    assert info_point(c.timetable).minutes == 360
    short = week(slot("poniedziałek", (8, 0), (12, 0)), slot("poniedziałek", (9, 0), (13, 0)),
                 slot("wtorek", (14, 0), (15, 0)))
    assert info_point(short.timetable).minutes == 6 * 60
    short.timetable.append(slot("poniedziałek", (8, 0), (12, 0), row=9))
    assert codes(short) == []


def test_classes_do_not_count_as_information_point() -> None:
    c = week(*(slot(s.weekday or "", (8, 0), (10, 0), kind=None) for s in SEED_000),
             slot("wtorek", (8, 0), (16, 0), kind="zajęcia"))
    assert codes(c) == ["info-point-too-short"]


def test_an_empty_timetable_is_not_checked() -> None:
    assert codes(week()) == []


def test_a_reversed_slot_is_an_error_and_not_counted() -> None:
    c = week(*SEED_000, slot("czwartek", (12, 0), (11, 0), row=7, name="Dyżur"))
    found = codes(c)
    assert found == ["timetable-slot-reversed"]
    assert info_point(c.timetable).minutes == 360


# --------------------------------------------------------------------------- partners


def partner(end: date | None, start: date | None = date(2024, 1, 2), row: int = 2,
            name: str = "Stowarzyszenie Razem") -> Partner:
    return Partner(row=row, name=name, type="organizacja pozarządowa", agreement_date=start,
                   agreement_end=end)


@pytest.mark.parametrize(("days", "code"), [
    (-1, "partner-agreement-expired"), (0, "partner-agreement-expiring"),
    (30, "partner-agreement-expiring"), (31, None),
])
def test_agreement_warning_30_days_ahead_and_after_expiry(days: int, code: str | None) -> None:
    c = week(partners=(partner(TODAY + timedelta(days=days)),))
    assert codes(c) == ([code] if code else [])


def test_expiring_message_counts_the_days_in_polish() -> None:
    c = week(partners=(partner(TODAY + timedelta(days=1)), partner(TODAY + timedelta(days=3),
                                                                   row=3, name="B")))
    messages = [f.message for f in evaluate(c, today=TODAY).findings
                if f.code == "partner-agreement-expiring"]
    assert "został 1 dzień" in messages[0] and "zostały 3 dni" in messages[1]


def test_indefinite_agreement_gets_no_warning() -> None:
    assert codes(week(partners=(partner(None),))) == []


def test_agreement_ending_before_it_was_signed_is_an_error() -> None:
    c = week(partners=(partner(date(2023, 5, 1), start=date(2024, 1, 2)),))
    assert codes(c) == ["partner-agreement-end-before-start"]


def test_expired_partner_still_in_the_timetable_is_named() -> None:
    p = partner(TODAY - timedelta(days=10))
    c = week(slot("czwartek", (14, 30), (16, 30), kind=None, name="Porady prawne",
                  partner="stowarzyszenie razem"), partners=(p,))
    assert partner_slots(c, p)[0].name == "Porady prawne"
    f = next(f for f in evaluate(c, today=TODAY).findings
             if f.code == "partner-agreement-expired")
    assert "Porady prawne" in f.message


def test_timetable_names_an_unknown_partner() -> None:
    c = week(*SEED_000, slot("czwartek", (17, 0), (18, 0), kind=None, row=6,
                             partner="Fundacja Nieznana"), partners=(partner(None),))
    assert codes(c) == ["timetable-unknown-partner"]


def test_club_findings_never_change_a_participants_status() -> None:
    quiet = evaluate(week(), today=TODAY)
    noisy = week(slot("poniedziałek", (8, 0), (9, 0)),
                 partners=(partner(TODAY - timedelta(days=3)),
                           partner(TODAY + timedelta(days=3), row=3, name="B")))
    ev = evaluate(noisy, today=TODAY)
    assert {"info-point-too-short", "partner-agreement-expired",
            "partner-agreement-expiring"} <= {f.code for f in ev.findings}
    assert status(ev) == status(quiet) == "kwalifikuje się"
    assert ev.statuses[0].reason == quiet.statuses[0].reason


def test_a_participant_decision_cannot_set_club_findings_aside() -> None:
    listed = {code for code, _ in overridable_codes()}
    assert not listed & {"info-point-too-short", "partner-agreement-expiring",
                         "partner-agreement-expired", "timetable-unknown-partner"}


# --------------------------------------------------------------------------- through the CLI


def test_check_cli_reads_the_new_columns_and_reports(tmp_path: Path) -> None:
    path = write_club(
        tmp_path / "k.xlsx",
        timetable=[
            {"weekday": "pon", "start": time(8), "end": time(10), "kind": "punkt informacyjny",
             "name": "Punkt informacyjny"},
            {"weekday": "śr", "start": time(16), "end": time(17), "kind": INFO,
             "name": "Punkt informacyjny"},
        ],
        partners=[{"name": "PUP w Testowie", "type": "powiatowy urząd pracy",
                   "agreement_date": date(2024, 1, 1),
                   "agreement_end": date.today() + timedelta(days=21)}],
    )
    result = kis("check", str(path), "--no-write", "--json")
    data = json.loads(result.stdout)
    found = {f["code"]: f for f in data["findings"]}
    assert "3 h" in found["info-point-too-short"]["message"]
    assert found["partner-agreement-expiring"]["row"] == 2
    assert found["partner-agreement-expiring"]["column"] == "Porozumienie ważne do"
    assert "info-point-no-morning" not in found and "info-point-no-afternoon" not in found


# --------------------------------------------------------------------------- demo and document


@pytest.fixture(scope="module")
def demo_club(tmp_path_factory: pytest.TempPathFactory) -> Club:
    from kis_xl.demo.club import write_demo_workbook
    from kis_xl.workbook.reader import read_workbook

    path = write_demo_workbook(tmp_path_factory.mktemp("demo") / "klub.xlsx", DEMO_TODAY)
    return read_workbook(path)


DEMO_TODAY = date(2026, 3, 16)


def test_demo_week_is_like_seed_001_and_one_agreement_expires(demo_club: Club) -> None:
    ev = evaluate(demo_club, today=DEMO_TODAY)
    club_codes = [f.code for f in ev.findings
                  if f.sheet in ("Harmonogram", "Partnerzy", "Kadra")]
    assert club_codes == ["partner-agreement-expiring"]  # everyone running a slot has a basis
    assert info_point(demo_club.timetable).ok
    week_of = {(s.weekday, s.start, s.name) for s in demo_club.timetable}
    for day, start, name in [
        ("piątek", time(15), "Grupa samopomocowa rodzin z dziećmi z niepełnosprawnościami"),
        ("wtorek", time(16), "Spotkanie Klubu Seniora „Jesień”"),
        ("środa", time(17), "Język angielski dla dzieci i dorosłych"),
        ("czwartek", time(17), "Język angielski dla dzieci i dorosłych"),
        ("czwartek", time(14, 30), "Punkt Informacji Prawnej i Obywatelskiej"),
        ("wtorek", time(18), "Gimnastyka ogólnorozwojowa i spacer"),
    ]:
        assert (day, start, name) in week_of
    run_by = {s.partner for s in demo_club.timetable if s.partner}
    assert run_by <= {p.name for p in demo_club.partners} and len(run_by) == 2
    # English is run by volunteer W01 (with her agreement), not by a "partner" volunteer
    english = {s.leader for s in demo_club.timetable if s.name and "angielski" in s.name}
    assert english == {"Katarzyna Sobczak"}
    assert not any(p.type == "wolontariusz" for p in demo_club.partners)


def test_timetable_document_context_orders_the_week(demo_club: Club) -> None:
    from kis_xl.documents.contexts import ClubData, timetable_context

    club = Club(participants=[], activities=demo_club.activities,
                partners=demo_club.partners,
                timetable=list(reversed(demo_club.timetable)))
    context = timetable_context(ClubData(club, DEMO_TODAY))
    rows = context["wpisy"]
    days = [r["dzien_tygodnia"] for r in rows]
    assert days == sorted(days, key=["poniedziałek", "wtorek", "środa", "czwartek",
                                     "piątek"].index)
    assert [r["dzien"] for r in rows[:3]] == ["poniedziałek", "", "wtorek"]
    assert rows[1]["prowadzacy"] == "Marta Zielińska"  # from the programme (Z03)
    point = context["punkt_informacyjny"]
    assert point["godziny"] == 6 and point["spelnia_zalecenie"] is True
    assert [d["dzien"] for d in point["dyzury"]] == ["poniedziałek", "środa", "piątek"]
    legal = next(p for p in context["partnerzy"] if p["rodzaj"] == "organizacja pozarządowa")
    assert legal["zajecia"] == ["Punkt Informacji Prawnej i Obywatelskiej"]
    assert {p["stan_porozumienia"] for p in context["partnerzy"]} == {"obowiązuje", "wygasa"}


@pytest.mark.libreoffice
def test_timetable_document_opens_in_libreoffice_landscape(demo_club: Club,
                                                           tmp_path: Path) -> None:
    import re
    import subprocess

    from kis_xl.documents.render import render_documents
    from tests.office import convert, pdf_text, require_soffice

    require_soffice()
    [path] = render_documents(demo_club, "harmonogram", None, tmp_path, today=DEMO_TODAY)
    pdf = convert(path, "pdf", tmp_path / "pdf")
    text = " ".join(pdf_text(pdf).split())
    assert "HARMONOGRAM ZAJĘĆ W TYGODNIU" in text
    assert "Punkt informacyjny Klubu jest czynny 6 godzin w tygodniu" in text
    assert "poniedziałek 8:00–10:00" in text
    assert "……" not in text.split("Punkt informacyjny Klubu")[0]  # no dotted empty days
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=False).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    if size is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    assert float(size.group(1)) > float(size.group(2))  # landscape


# --------------------------------------------------------------------------- the printable sheet


def test_timetable_command_writes_the_sheet(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from kis_xl.demo.club import write_demo_workbook

    path = write_demo_workbook(tmp_path / "klub.xlsx", date.today())
    result = kis("timetable", str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["info_point"] == {"hours": 6, "morning_hours": 4, "afternoon_hours": 2,
                                  "ok": True}
    states = [p["agreement_state"] for p in data["partners"]]
    assert states.count("wygasa") == 1 and set(states) == {"wygasa", "obowiązuje"}
    assert [f["code"] for f in data["findings"]
            if f["sheet"] == "Partnerzy"] == ["partner-agreement-expiring"]
    ws = load_workbook(path)["Harmonogram tygodnia"]
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "Tydzień klubu" in cells and "Partnerzy klubu" in cells
    assert "Punkt informacyjny klubu" in cells and "wygasa" in " ".join(cells)
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    day_cells = [c.value for c in ws["A"] if c.value in ("poniedziałek", "wtorek")]
    assert day_cells == ["poniedziałek", "wtorek"]  # each day named once


def test_timetable_sheet_without_timetable_says_the_recommendation_is_unmet() -> None:
    from kis_xl.actions.timetable import timetable_action

    result = timetable_action(week(partners=(partner(TODAY - timedelta(days=1)),)),
                              today=TODAY)
    assert result.plan is not None
    sheet = result.plan.sheets[0]
    info = next(b for b in sheet.blocks if b.title == "Punkt informacyjny")
    assert info.rows[-1][0] == "niespełnione" and info.marks == [None, None, None, "warning"]
    partners = next(b for b in sheet.blocks if b.title == "Partnerzy klubu")
    assert partners.marks == ["warning"] and partners.rows[0][1].startswith("wygasło")
    assert "niezgodnie z zaleceniem" in result.summary[0]


# ---------------------------------------------------------------- people in several roles


def _staffed(*slots: TimetableSlot) -> Club:
    from kis_xl.domain.model import StaffMember, Volunteer

    c = week(*slots, partners=(
        Partner(2, "Klub Seniora", type="inny klub lub centrum", contact_person="Henryk Sikora"),
        Partner(3, "Ewa Kowalczyk (wolontariuszka)", type="wolontariusz",
                contact_person="Ewa Kowalczyk")))
    c.staff = [StaffMember(2, "Marta Zielińska", basis="umowa zlecenia"),
               StaffMember(3, "Katarzyna Dudek", basis="porozumienie wolontariackie"),
               StaffMember(4, "Jan Lewandowski", basis="umowa zlecenia")]
    c.volunteers = [Volunteer(2, "W01", last_name="Sobczak", first_name="Katarzyna",
                              scope="angielski", date_from=date(2025, 3, 1),
                              agreement_date=date(2025, 2, 20))]
    return c


def test_a_timetable_leader_must_be_staff_a_volunteer_or_a_partners_person() -> None:
    ok = _staffed(
        slot("poniedziałek", (10, 0), (12, 0), "zajęcia", leader="Marta Zielińska"),
        slot("wtorek", (10, 0), (12, 0), "zajęcia", row=3, leader="mec. Jan Lewandowski"),
        slot("środa", (17, 0), (18, 0), "zajęcia", row=4, leader="Sobczak Katarzyna"),
        slot("wtorek", (16, 0), (19, 0), "zajęcia", row=5, leader="Henryk Sikora",
             partner="Klub Seniora"))
    assert [f.code for f in evaluate(ok, today=TODAY).findings
            if f.code.startswith(("timetable-leader", "staff-"))] == [
        "staff-volunteer-agreement-missing"]  # Dudek: staff "on a volunteer agreement"
    bad = _staffed(
        slot("poniedziałek", (8, 0), (10, 0), leader="Katarzyna Dudek"),
        slot("środa", (17, 0), (18, 0), "zajęcia", row=3, leader="Ewa Kowalczyk",
             partner="Ewa Kowalczyk (wolontariuszka)"),
        slot("czwartek", (9, 0), (12, 0), "zajęcia", row=4, leader="Anna Obca"))
    ev = evaluate(bad, today=TODAY)
    found = {(f.code, f.row) for f in ev.findings if f.code.startswith("timetable-leader")}
    assert found == {("timetable-leader-without-basis", 2),
                     ("timetable-leader-without-basis", 3),
                     ("timetable-leader-unknown", 4)}
    kowalczyk = next(f for f in ev.findings if f.code == "timetable-leader-without-basis"
                     and f.row == 3)
    assert "„Wolontariusze”" in kowalczyk.message and kowalczyk.column == "Prowadzący"
    staff = next(f for f in ev.findings if f.code == "staff-volunteer-agreement-missing")
    assert (staff.sheet, staff.row, staff.column) == ("Kadra", 3, "Podstawa zatrudnienia")
    assert status(ev) == "kwalifikuje się"  # the club's paperwork, not the participant's


def test_one_person_cannot_run_two_slots_at_once() -> None:
    c = _staffed(
        slot("środa", (17, 0), (18, 0), "zajęcia", name="Angielski", leader="Katarzyna Sobczak",
             place="sala nr 2"),
        slot("środa", (17, 30), (19, 0), "zajęcia", row=3, name="Korepetycje",
             leader="Sobczak Katarzyna", place="sala KIS"),
        slot("środa", (18, 0), (19, 0), "zajęcia", row=4, name="Gimnastyka",
             leader="Marta Zielińska"))
    [f] = [f for f in evaluate(c, today=TODAY).findings
           if f.code == "timetable-leader-double-booked"]
    assert f.row == 3 and "wiersz 2" in f.message and "sala nr 2" in f.message
