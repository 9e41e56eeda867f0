"""Hours, plan vs delivered and attendance: hand-computed clubs, properties, findings, files."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kis_xl.actions.hours import hours_action, hours_sheet
from kis_xl.domain.calendar_pl import holiday_name, non_working_reason
from kis_xl.domain.findings import Finding
from kis_xl.domain.hours import (
    HoursReport,
    compute_hours,
    expected_members,
    planned_minutes,
)
from kis_xl.domain.model import Activity, Attendance, Club, Enrolment, Meeting, Participant
from kis_xl.plan.sheetspec import Link
from tests.builders import write_club
from tests.office import convert

TODAY = date(2025, 4, 30)


def person(pid: str, start: date | None = date(2025, 3, 1), end: date | None = None,
           row: int = 2) -> Participant:
    return Participant(row=row, id=pid, first_name="Jan", last_name=pid, start_date=start,
                       end_date=end)


def group(aid: str, meetings: int | None = 4, hpm: float | None = 3.5, *,
          type_: str = "terapeutyczne", specialist: str = "psycholog") -> Activity:
    return Activity(row=2, id=aid, name=f"Zajęcia {aid}", type=type_, form="grupowe",
                    specialist=specialist, planned_meetings=meetings, hours_per_meeting=hpm)


def individual(aid: str, hpp: float | None = 2, persons: int | None = 2, *,
               type_: str = "poradnictwo", specialist: str = "prawnik") -> Activity:
    return Activity(row=3, id=aid, name=f"Zajęcia {aid}", type=type_, form="indywidualne",
                    specialist=specialist, hours_per_person=hpp, planned_persons=persons)


def meeting(mid: str, day: date, activity: str, start: time | None = time(10),
            end: time | None = time(13, 30), *, hours: float | None = None,
            row: int = 2) -> Meeting:
    return Meeting(row=row, id=mid, date=day, start=start, end=end, activity=activity,
                   hours=hours)


def att(mid: str, pid: str, status: str | None = "obecny", hours: float | None = None,
        row: int = 2) -> Attendance:
    return Attendance(row=row, meeting=mid, participant=pid, status=status, hours=hours)


def numbered(items: list[Any]) -> list[Any]:
    """Give records distinct Excel rows (findings point at them)."""
    for i, item in enumerate(items, start=2):
        item.row = i
    return items


def hand_club() -> Club:
    """The club of the module's hand computation (see test_hand_computed_club)."""
    return Club(
        participants=numbered([person("U1"), person("U2", end=date(2025, 3, 31)),
                               person("U3", start=date(2025, 4, 1))]),
        activities=[group("G1"), individual("I1")],
        meetings=numbered([
            meeting("M1", date(2025, 3, 4), "G1"),
            meeting("M2", date(2025, 3, 11), "G1"),
            meeting("M3", date(2025, 4, 1), "G1", start=None, end=None, hours=3),
            meeting("M4", date(2025, 3, 12), "I1", time(12), time(14)),
            meeting("M5", date(2025, 4, 2), "I1", time(12), time(13)),
        ]),
        attendance=numbered([
            att("M1", "U1"), att("M1", "U2"),
            att("M2", "U1", "nieobecny"), att("M2", "U2", "usprawiedliwiony"),
            att("M3", "U1", hours=2), att("M3", "U3"),
            att("M4", "U1"), att("M5", "U3"),
        ]),
    )


def by_id(report: HoursReport) -> dict[str, Any]:
    out: dict[str, Any] = {p.id: p for p in report.participants}
    out.update({a.id: a for a in report.activities})
    return out


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


# ----------------------------------------------------------------------------- numbers


def test_hand_computed_club() -> None:
    """U1: 3.5 (M1) + 2 (own hours at M3) + 2 (M4) = 7.5 h; 3 of 4 expected meetings.
    U2: 3.5 h; expected M1, M2 (ended 31.03); excused is not present -> 50 %.
    U3: 3 + 1 = 4 h; expected M3 and the individual M5 -> 100 %.
    G1 delivered once per meeting 3.5 + 3.5 + 3 = 10 h of a 4 × 3.5 = 14 h plan; I1 delivered
    per person 2 + 1 = 3 h of 2 h × 2 = 4 h."""
    r = compute_hours(hand_club(), today=TODAY)
    x = by_id(r)
    assert (x["U1"].hours_total, x["U2"].hours_total, x["U3"].hours_total) == (7.5, 3.5, 4.0)
    assert x["U1"].hours_by_type() == {"terapeutyczne": 5.5, "zatrudnieniowe": 0.0,
                                       "samopomocowe": 0.0, "edukacyjne": 0.0,
                                       "poradnictwo": 2.0}
    assert (x["U1"].present, x["U1"].expected) == (3, 4)
    assert (x["U2"].present, x["U2"].expected) == (1, 2)
    assert (x["U3"].present, x["U3"].expected) == (2, 2)
    assert x["U1"].attendance_rate == 0.75 and x["U3"].attendance_rate == 1.0
    assert [p.below_threshold for p in r.participants] == [True, True, False]
    g1, i1 = x["G1"], x["I1"]
    assert (g1.planned_hours, g1.delivered_hours, g1.participant_hours, g1.meetings) == (
        14.0, 10.0, 12.0, 3)
    assert (i1.planned_hours, i1.delivered_hours, i1.participant_hours, i1.meetings) == (
        4.0, 3.0, 3.0, 2)
    assert [(s.role, s.planned_hours, s.delivered_hours) for s in r.specialists] == [
        ("psycholog", 14.0, 10.0), ("prawnik", 4.0, 3.0)]
    assert [(m.month, m.meetings, m.delivered_minutes / 60, m.participant_minutes / 60)
            for m in r.months] == [("2025-03", 3, 9.0, 9.0), ("2025-04", 2, 4.0, 6.0)]
    assert r.months[0].label == "marzec 2025"
    assert r.participant_minutes == 15 * 60
    assert codes(r.findings) == ["attendance-below-threshold"] * 2


SEED_002 = [
    # (specialist, activity, form, meetings, hours/meeting, hours/person, persons) – seed 002 §5
    ("psycholog", "diagnoza osobowościowa", "indywidualne", None, None, 4, 15),
    ("psycholog", "badanie preferencji zawodowych", "indywidualne", None, None, 2, 15),
    ("psycholog", "psychoedukacja", "grupowe", 24, 3.5, None, None),
    ("psycholog", "profilaktyka uzależnień", "grupowe", 4, 2, None, None),
    ("pracownik socjalny", "samopomocowe grupy wsparcia", "grupowe", 24, 2, None, None),
    ("pracownik socjalny", "grupa samokształceniowa", "grupowe", 12, 3, None, None),
    ("pracownik socjalny", "kontrakt socjalny", "indywidualne", None, None, 3, 15),
    ("doradca zawodowy / pośrednik pracy", "warsztat aktywnego poszukiwania pracy", "grupowe",
     1, 5, None, None),
    ("doradca zawodowy", "warsztaty doradztwa zawodowego", "grupowe", 5, 4, None, None),
    ("doradca zawodowy", "indywidualne plany zawodowe", "indywidualne", None, None, 3, 15),
    ("eksperci ZUS, bank, US", "zasady prowadzenia działalności gospodarczej", "grupowe",
     2, 3, None, None),
    ("trener", "obsługa komputera i internetu", "grupowe", 6, 5, None, None),
    # "konsultacje z prawnikiem (2 x 2 godz.)": modelled as individual, 2 h × 2 persons.
    ("prawnik", "konsultacje prawne", "indywidualne", None, None, 2, 2),
]


def _seed_totals(activities: list[Activity]) -> dict[str, float | None]:
    report = compute_hours(Club(activities=activities), today=TODAY)
    return {s.role: s.planned_hours for s in report.specialists}


def test_seed_002_plan_reproduces_its_specialist_hours() -> None:
    activities = [
        Activity(row=i, id=f"Z{i:02d}", name=name, type="terapeutyczne", form=form,
                 specialist=spec, planned_meetings=m, hours_per_meeting=hpm,
                 hours_per_person=hpp, planned_persons=n)
        for i, (spec, name, form, m, hpm, hpp, n) in enumerate(SEED_002, start=2)
    ]
    t = _seed_totals(activities)
    assert t["psycholog"] == 182
    assert t["pracownik socjalny"] == 129
    assert t["doradca zawodowy / pośrednik pracy"] + t["doradca zawodowy"] == 70  # type: ignore[operator]
    assert t["eksperci ZUS, bank, US"] + t["trener"] == 36  # type: ignore[operator]
    assert t["prawnik"] == 4
    assert sum(v or 0 for v in t.values()) == 421


def test_demo_programme_is_seed_002() -> None:
    from kis_xl.demo.club import PROGRAMME

    activities = [
        Activity(row=i, id=aid, name=name, type=typ, form=form, specialist=spec,
                 planned_meetings=m, hours_per_meeting=hpm, hours_per_person=hpp,
                 planned_persons=n)
        for i, (aid, name, typ, form, spec, m, hpm, hpp, n) in enumerate(PROGRAMME, start=2)
    ]
    seed = [
        Activity(row=0, id=f"X{i}", form=form, specialist=spec, planned_meetings=m,
                 hours_per_meeting=hpm, hours_per_person=hpp, planned_persons=n)
        for i, (spec, _name, form, m, hpm, hpp, n) in enumerate(SEED_002)
    ]
    assert _seed_totals(activities) == _seed_totals(seed)
    assert sorted(planned_minutes(a) or 0 for a in activities) == sorted(
        planned_minutes(a) or 0 for a in seed)


def test_planned_hours_need_the_numbers_of_their_form() -> None:
    assert planned_minutes(group("G", 24, 3.5)) == 84 * 60
    assert planned_minutes(individual("I", 3, 15)) == 45 * 60
    assert planned_minutes(group("G", None, 3.5)) is None
    assert planned_minutes(individual("I", 3, None)) is None
    assert planned_minutes(Activity(row=2, id="X", form=None, planned_meetings=2,
                                    hours_per_meeting=2)) is None


def test_group_meeting_counts_once_for_the_specialist_and_fully_for_each_person() -> None:
    club = Club(participants=numbered([person(f"U{i}") for i in range(5)]),
                activities=[group("G")], meetings=[meeting("M", date(2025, 3, 4), "G")],
                attendance=numbered([att("M", f"U{i}") for i in range(5)]))
    r = compute_hours(club, today=TODAY)
    assert r.activities[0].delivered_hours == 3.5
    assert r.activities[0].participant_hours == 5 * 3.5
    assert all(p.hours_total == 3.5 for p in r.participants)


def test_explicit_hours_cell_wins_over_times_and_decimal_comma_is_read(tmp_path: Path) -> None:
    path = write_club(
        tmp_path / "k.xlsx",
        participants=[{"id": "U1", "last_name": "A", "first_name": "B", "category": "5",
                       "start_date": date(2025, 3, 1)}],
        activities=[{"id": "G", "name": "G", "type": "edukacyjne", "form": "grupowe",
                     "specialist": "trener", "planned_meetings": 2, "hours_per_meeting": "2,5"}],
        meetings=[{"id": "M1", "date": "4.03.2025", "start": "10:00", "end": "12:00",
                   "activity": "G", "hours": "1,5"}],
        attendance=[{"meeting": "M1", "participant": "U1", "status": "obecny"}],
    )
    from kis_xl.workbook.reader import read_workbook

    r = compute_hours(read_workbook(path), today=TODAY)
    assert r.participants[0].hours_total == 1.5
    assert r.activities[0].planned_hours == 5.0


# ----------------------------------------------------------------------------- attendance rate


def test_enrolments_limit_who_is_expected_and_their_dates_count() -> None:
    club = Club(
        participants=numbered([person("U1"), person("U2")]),
        activities=[group("G")],
        enrolments=[Enrolment(row=2, participant="U1", activity="G",
                              date_from=date(2025, 3, 10))],
        meetings=numbered([meeting("M1", date(2025, 3, 4), "G"),
                           meeting("M2", date(2025, 3, 11), "G")]),
        attendance=numbered([att("M2", "U1")]),
    )
    x = by_id(compute_hours(club, today=TODAY))
    assert (x["U1"].present, x["U1"].expected) == (1, 1)  # M1 is before the enrolment
    assert x["U2"].expected == 0 and x["U2"].attendance_rate is None
    assert [p.id for p in expected_members(club, "G", date(2025, 3, 11))] == ["U1"]
    assert expected_members(club, "G", date(2025, 3, 4)) == []


def test_an_attended_meeting_is_always_expected_so_the_rate_never_exceeds_one() -> None:
    club = Club(participants=numbered([person("U1"), person("U2")]),
                activities=[group("G")],
                enrolments=[Enrolment(row=2, participant="U1", activity="G")],
                meetings=[meeting("M1", date(2025, 3, 4), "G")],
                attendance=numbered([att("M1", "U1"), att("M1", "U2")]))
    x = by_id(compute_hours(club, today=TODAY))
    assert (x["U2"].present, x["U2"].expected, x["U2"].attendance_rate) == (1, 1, 1.0)


def test_overlapping_enrolments_of_one_person_count_each_meeting_once() -> None:
    club = Club(participants=[person("U1")], activities=[group("G")],
                enrolments=[Enrolment(row=2, participant="U1", activity="G"),
                            Enrolment(row=3, participant="U1", activity="G",
                                      date_from=date(2025, 3, 1), date_to=date(2025, 3, 31))],
                meetings=numbered([meeting("M1", date(2025, 3, 4), "G"),
                                   meeting("M2", date(2025, 4, 8), "G")]))
    assert compute_hours(club, today=TODAY).participants[0].expected == 2


def test_individual_meetings_are_expected_only_from_attendance_rows() -> None:
    club = Club(participants=numbered([person("U1"), person("U2")]), activities=[individual("I")],
                meetings=[meeting("M1", date(2025, 3, 4), "I")],
                attendance=[att("M1", "U1", "nieobecny")])
    x = by_id(compute_hours(club, today=TODAY))
    assert (x["U1"].expected, x["U1"].present) == (1, 0)
    assert x["U2"].expected == 0
    assert x["I"].delivered_hours == 0  # nobody came: no specialist hours for an individual one


def test_rates_show_one_decimal_so_just_below_the_threshold_does_not_read_as_it() -> None:
    from kis_xl.domain.hours import percent

    assert (percent(0.7973), percent(0.8), percent(1.0), percent(0.125)) == (
        "79,7%", "80%", "100%", "12,5%")
    club = Club(participants=[person("U1")], activities=[group("G")],
                meetings=numbered([meeting(f"M{i}", date(2025, 3, 3 + i), "G")
                                   for i in range(5)]),
                attendance=numbered([att(f"M{i}", "U1", "obecny" if i else "nieobecny")
                                     for i in range(5)]))
    club.settings.attendance_threshold = 0.85
    f = compute_hours(club, today=TODAY).findings[0]
    assert "wynosi 80% (4 z 5 spotkań), poniżej progu klubu 85%" in f.message
    sheet = hours_sheet(club, compute_hours(club, today=TODAY))
    assert sheet.blocks[0].columns[-2].number_format == "0.0%"
    plan_columns = [c for b in sheet.blocks[1:3] for c in b.columns if c.header == "% planu"]
    assert [c.number_format for c in plan_columns] == ["0.0%", "0.0%"], "as the CLI: 94,4%"


def test_threshold_comes_from_settings_and_flags_below_only() -> None:
    club = hand_club()
    club.settings.attendance_threshold = 0.5
    r = compute_hours(club, today=TODAY)
    assert [p.below_threshold for p in r.participants] == [False, False, False]
    assert "attendance-below-threshold" not in codes(r.findings)


# ----------------------------------------------------------------------------- findings


def one(report: HoursReport, code: str) -> Finding:
    hits = [f for f in report.findings if f.code == code]
    assert len(hits) == 1, codes(report.findings)
    return hits[0]


def base(**extra: Any) -> Club:
    club = Club(participants=numbered([person("U1"), person("U2")]),
                activities=[group("G"), individual("I")])
    club.settings.attendance_threshold = 0  # the threshold has its own tests
    for key, value in extra.items():
        setattr(club, key, value)
    return club


@pytest.mark.parametrize(("day", "reason"), [
    (date(2025, 3, 9), "niedziela"),
    (date(2025, 5, 1), "święto: Święto Państwowe"),
    (date(2025, 4, 20), "święto: Niedziela Wielkanocna"),
    (date(2025, 12, 24), "święto: Wigilia Bożego Narodzenia"),
])
def test_meeting_on_sunday_or_holiday(day: date, reason: str) -> None:
    r = compute_hours(base(meetings=[meeting("M", day, "G")]), today=date(2025, 12, 31))
    f = one(r, "meeting-on-holiday")
    assert reason in f.message and (f.sheet, f.row, f.column) == ("Spotkania", 2, "Data")
    assert non_working_reason(day) == reason


def test_meeting_on_a_working_saturday_or_weekday_is_quiet() -> None:
    for day in (date(2025, 3, 8), date(2025, 3, 10), date(2025, 11, 10)):
        r = compute_hours(base(meetings=[meeting("M", day, "G")]), today=date(2025, 12, 31))
        assert r.findings == []
    assert holiday_name(date(2025, 11, 11)) == "Narodowe Święto Niepodległości"


def test_empty_status_is_not_yet_filled_one_warning_per_meeting() -> None:
    club = base(
        participants=numbered([person("U1"), person("U2"), person("U3")]),
        meetings=numbered([meeting("M1", date(2025, 3, 4), "G"),
                           meeting("M2", date(2025, 3, 11), "G"),
                           meeting("M3", date(2025, 5, 20), "G")]),
        attendance=numbered([att("M1", "U1"), att("M1", "U2"), att("M1", "U3"),
                             att("M2", "U1"), att("M2", "U2", None), att("M2", "U3", None),
                             att("M3", "U1", None)]),
    )
    r = compute_hours(club, today=TODAY)
    people = by_id(r)
    # U1 present at both; U2/U3 present at M1 and not yet filled at M2 (not in the rate).
    assert [(people[p].present, people[p].expected) for p in ("U1", "U2", "U3")] == [
        (2, 2), (1, 1), (1, 1)]
    assert people["U2"].attendance_rate == 1.0
    assert people["U2"].hours_total == 3.5
    [todo] = [f for f in r.findings if f.code == "attendance-status-missing"]  # M3: future
    assert (todo.sheet, todo.row, todo.column, todo.severity) == (
        "Obecności", 6, "Obecność", "warning")
    assert todo.message.startswith("Spotkanie M2 (11.03.2025): 2 wiersze bez wpisanej "
                                   "obecności (wiersze 6–7). Uzupełnij kolumnę „Obecność” "
                                   "według podpisanej listy obecności.")


def test_check_reports_empty_status_too() -> None:
    from kis_xl.domain.rules import evaluate

    club = base(participants=numbered([person("U1")]),
                meetings=numbered([meeting("M1", date(2025, 3, 4), "G")]),
                attendance=numbered([att("M1", "U1", None)]))
    found = [f for f in evaluate(club, today=TODAY).findings
             if f.code == "attendance-status-missing"]
    assert [(f.row, f.severity) for f in found] == [(2, "warning")]


def test_meeting_without_hours_is_reported_and_counts_zero() -> None:
    r = compute_hours(base(meetings=[meeting("M", date(2025, 3, 4), "G", start=time(10),
                                             end=None)],
                           attendance=[att("M", "U1")]), today=TODAY)
    f = one(r, "meeting-without-hours")
    assert "godziny zakończenia" in f.message and f.column == "Liczba godzin"
    assert r.participants[0].hours_total == 0 and r.participants[0].present == 1


def test_meeting_end_before_start() -> None:
    bad = meeting("M", date(2025, 3, 4), "G", start=time(13), end=time(10))
    r = compute_hours(base(meetings=[bad], attendance=[att("M", "U1")]), today=TODAY)
    assert "nie są liczone" in one(r, "meeting-end-before-start").message
    assert r.participants[0].hours_total == 0
    bad.hours = 2.0  # the hours cell still gives the length, the times are still wrong
    r = compute_hours(base(meetings=[bad], attendance=[att("M", "U1")]), today=TODAY)
    assert "nie są liczone" not in one(r, "meeting-end-before-start").message
    assert r.participants[0].hours_total == 2


@pytest.mark.parametrize("hours", [-1.0, 0.0, 12.5, 35.0])
def test_absurd_meeting_hours_are_not_counted(hours: float) -> None:
    r = compute_hours(base(meetings=[meeting("M", date(2025, 3, 4), "G", hours=hours)],
                           attendance=[att("M", "U1")]), today=TODAY)
    assert one(r, "meeting-hours-absurd").column == "Liczba godzin"
    assert r.participants[0].hours_total == 0 and r.activities[0].delivered_hours == 0


def test_twelve_hours_and_a_normal_meeting_are_accepted() -> None:
    r = compute_hours(base(meetings=[meeting("M", date(2025, 3, 4), "G", hours=12),
                                     meeting("N", date(2025, 3, 5), "G")]), today=TODAY)
    assert r.findings == [] and r.activities[0].delivered_hours == 15.5


def test_meeting_in_future_is_left_out() -> None:
    r = compute_hours(base(meetings=[meeting("M", date(2025, 5, 6), "G")],
                           attendance=[att("M", "U1")]), today=TODAY)
    assert one(r, "meeting-in-future").severity == "info"
    assert r.participants[0].hours_total == 0 and r.participants[0].expected == 0
    assert r.skipped == {"meeting_future": 1, "attendance_uncounted_meeting": 1}


def test_same_person_twice_in_one_meeting() -> None:
    r = compute_hours(base(meetings=[meeting("M", date(2025, 3, 4), "G")],
                           attendance=numbered([att("M", "U1"), att("M", "U2"),
                                                att("M", "U1", "nieobecny")])), today=TODAY)
    f = one(r, "attendance-duplicate")
    assert (f.row, f.participant) == (4, "U1") and "wierszu 2" in f.message
    assert r.participants[0].hours_total == 3.5 and r.participants[0].present == 1


def test_attendance_outside_participation_dates() -> None:
    club = base(meetings=numbered([meeting("A", date(2025, 2, 25), "G"),
                                   meeting("B", date(2025, 3, 4), "G")]),
                attendance=numbered([att("A", "U1"), att("B", "U1")]))
    r = compute_hours(club, today=TODAY)
    f = one(r, "attendance-outside-participation")
    assert (f.sheet, f.row, f.participant) == ("Obecności", 2, "U1")
    assert "01.03.2025 – nadal" in f.message
    assert r.participants[0].hours_total == 3.5  # reported and left out of the hours
    assert r.participants[0].present == 1 and r.skipped["attendance_outside_participation"] == 1
    club.participants[0].start_date = None  # no start date: nothing to compare with
    assert "attendance-outside-participation" not in codes(
        compute_hours(club, today=TODAY).findings)


def test_overlapping_meetings_of_one_person() -> None:
    club = base(meetings=numbered([meeting("A", date(2025, 3, 4), "G", time(10), time(12)),
                                   meeting("B", date(2025, 3, 4), "I", time(11), time(13)),
                                   meeting("C", date(2025, 3, 4), "G", time(13), time(14))]),
                attendance=numbered([att("A", "U1"), att("B", "U1"), att("C", "U1"),
                                     att("B", "U2")]))
    f = one(compute_hours(club, today=TODAY), "attendance-overlap")
    assert f.row == 3 and "B (11:00–13:00)" in f.message and "A (10:00–12:00)" in f.message


def test_back_to_back_or_absent_meetings_do_not_overlap() -> None:
    club = base(meetings=numbered([meeting("A", date(2025, 3, 4), "G", time(10), time(12)),
                                   meeting("B", date(2025, 3, 4), "I", time(12), time(13)),
                                   meeting("C", date(2025, 3, 4), "G", time(10), time(11))]),
                attendance=numbered([att("A", "U1"), att("B", "U1"), att("C", "U1", "nieobecny")]))
    assert compute_hours(club, today=TODAY).findings == []


def test_attendance_hours_absurd_or_longer_than_the_meeting() -> None:
    club = base(meetings=[meeting("M", date(2025, 3, 4), "G")],
                attendance=numbered([att("M", "U1", hours=-2), att("M", "U2", hours=5)]))
    r = compute_hours(club, today=TODAY)
    assert one(r, "attendance-hours-absurd").participant == "U1"
    exceed = one(r, "attendance-hours-exceed-meeting")
    assert exceed.participant == "U2" and "3,5 h" in exceed.message
    x = by_id(r)
    assert (x["U1"].hours_total, x["U1"].present, x["U2"].hours_total) == (0, 1, 5)


def test_incomplete_plan_is_reported_once_per_activity() -> None:
    club = Club(activities=[group("G", None, None), individual("I", 2, None), group("OK")])
    r = compute_hours(club, today=TODAY)
    assert codes(r.findings) == ["activity-plan-incomplete"] * 2
    g, i = r.findings
    assert "liczby spotkań ani godzin na spotkanie" in g.message
    assert g.column == "Planowana liczba spotkań"
    assert "nie mają liczby osób" in i.message and i.column == "Godziny na osobę"
    assert by_id(r)["G"].planned_hours is None and by_id(r)["G"].completion is None


def test_row_findings_are_capped_per_code() -> None:
    people = numbered([person(f"U{i}") for i in range(150)])
    club = Club(participants=people, activities=[group("G")],
                meetings=[meeting("M", date(2025, 2, 4), "G")],
                attendance=numbered([att("M", p.id) for p in people]))
    r = compute_hours(club, today=TODAY)
    assert codes(r.findings).count("attendance-outside-participation") == 100
    more = one(r, "more-hours-findings")
    assert "50" in more.message and "attendance-outside-participation" in more.message


def test_unknown_references_are_reported_once_by_the_reader_and_left_out(
    tmp_path: Path,
) -> None:
    from kis_xl.workbook.reader import read_workbook

    path = write_club(
        tmp_path / "k.xlsx",
        participants=[{"id": "U1", "last_name": "A", "first_name": "B", "category": "5",
                       "start_date": date(2025, 3, 1)}],
        activities=[{"id": "G", "name": "G", "type": "edukacyjne", "form": "grupowe",
                     "specialist": "trener", "planned_meetings": 1, "hours_per_meeting": 2}],
        meetings=[{"id": "M1", "date": date(2025, 3, 4), "start": time(10), "end": time(12),
                   "activity": "G"}],
        attendance=[{"meeting": "M1", "participant": "U1", "status": "obecny"},
                    {"meeting": "M1", "participant": "U999", "status": "obecny"},
                    {"meeting": "M77", "participant": "U1", "status": "obecny"}],
    )
    result = hours_action(read_workbook(path), today=TODAY)
    unknown = [f for f in result.findings if f.code == "unknown-reference"]
    assert sorted(f.row or 0 for f in unknown) == [3, 4]
    assert len([f for f in result.findings if "U999" in f.message]) == 1
    assert result.payload["totals"]["participant_hours"] == 2.0
    sheet = hours_sheet(read_workbook(path), compute_hours(read_workbook(path), today=TODAY))
    assert "2 obecności z nieznanym spotkaniem lub uczestnikiem" in (sheet.blocks[0].note or "")


# ----------------------------------------------------------------------------- properties


DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 6, 30))


@st.composite
def clubs(draw: st.DrawFn) -> Club:
    n_people = draw(st.integers(1, 6))
    participants = []
    for i in range(n_people):
        start = draw(st.none() | DAYS)
        end = draw(st.none() | DAYS) if start else None
        participants.append(Participant(row=i + 2, id=f"U{i}", start_date=start,
                                        end_date=end if end and end >= start else None))
    activities = []
    for i in range(draw(st.integers(1, 4))):
        form = draw(st.sampled_from(["grupowe", "indywidualne"]))
        activities.append(Activity(
            row=i + 2, id=f"A{i}", type=draw(st.sampled_from(
                ["terapeutyczne", "edukacyjne", "poradnictwo", None])),
            form=form, specialist=draw(st.sampled_from(["psycholog", "trener", None])),
            planned_meetings=draw(st.none() | st.integers(1, 30)), hours_per_meeting=2,
            hours_per_person=3, planned_persons=draw(st.none() | st.integers(1, 15))))
    aids = [a.id for a in activities] + ["BRAK"]
    meetings = []
    for i in range(draw(st.integers(0, 10))):
        start = draw(st.none() | st.times(min_value=time(8), max_value=time(16)).map(
            lambda t: t.replace(second=0, microsecond=0)))
        span = draw(st.integers(-30, 300))
        end = None
        if start is not None and draw(st.booleans()):
            minutes = min(start.hour * 60 + start.minute + span, 23 * 60)
            end = time(minutes // 60, minutes % 60)
        meetings.append(Meeting(row=i + 2, id=f"M{i}", date=draw(DAYS), start=start, end=end,
                                activity=draw(st.sampled_from(aids)),
                                hours=draw(st.none() | st.sampled_from([1.5, 2.0, 14.0]))))
    mids = [m.id for m in meetings] + ["M99"]
    pids = [p.id for p in participants] + ["U99"]
    attendance = [
        Attendance(row=i + 2, meeting=draw(st.sampled_from(mids)),
                   participant=draw(st.sampled_from(pids)),
                   status=draw(st.sampled_from(["obecny", "nieobecny", "usprawiedliwiony",
                                                None])),
                   hours=draw(st.none() | st.sampled_from([0.5, 1.0, 20.0])))
        for i in range(draw(st.integers(0, 40)))
    ]
    enrolments = [
        Enrolment(row=i + 2, participant=draw(st.sampled_from(pids)),
                  activity=draw(st.sampled_from(aids)), date_from=draw(st.none() | DAYS),
                  date_to=draw(st.none() | DAYS))
        for i in range(draw(st.integers(0, 5)))
    ]
    return Club(participants=participants, activities=activities, meetings=meetings,
                attendance=attendance, enrolments=enrolments)


PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(clubs())
def test_sums_agree_everywhere(club: Club) -> None:
    r = compute_hours(club, today=date(2025, 5, 15))
    total = r.participant_minutes
    assert total == sum(a.participant_minutes for a in r.activities)
    assert total == sum(m.participant_minutes for m in r.months)
    assert total == sum(sum(p.minutes_by_activity.values()) for p in r.participants)
    for p in r.participants:
        assert round(sum(p.hours_by_type().values()), 2) == pytest.approx(p.hours_total)
        assert 0 <= p.present <= p.expected
    delivered = r.delivered_minutes
    assert delivered == sum(s.delivered_minutes for s in r.specialists)
    assert delivered == sum(m.delivered_minutes for m in r.months)
    for a in r.activities:
        if a.form == "indywidualne":
            assert a.delivered_minutes == a.participant_minutes


@PROPERTY
@given(clubs(), st.data())
def test_another_person_at_a_group_meeting_adds_only_their_own_hours(
    club: Club, data: st.DataObject
) -> None:
    groups = {a.id for a in club.activities if a.form == "grupowe"}
    candidates = [m for m in club.meetings if m.activity in groups and m.date
                  and m.date <= date(2025, 5, 15)]
    if not candidates:
        return
    m = data.draw(st.sampled_from(candidates))
    before = compute_hours(club, today=date(2025, 5, 15))
    newcomer = Participant(row=99, id="NEW", start_date=date(2025, 1, 1))
    club.participants.append(newcomer)
    club.attendance.append(Attendance(row=999, meeting=m.id, participant="NEW",
                                      status="obecny"))
    after = compute_hours(club, today=date(2025, 5, 15))
    assert after.delivered_minutes == before.delivered_minutes
    gained = after.participant_minutes - before.participant_minutes
    assert gained == next(p for p in after.participants if p.id == "NEW").minutes_total


@PROPERTY
@given(clubs())
def test_expected_meetings_match_the_documented_rule(club: Club) -> None:
    """Brute force over meetings with ``expected_members`` and attendance rows."""
    today = date(2025, 5, 15)
    r = compute_hours(club, today=today)
    forms = {a.id: a.form for a in club.activities}
    first_ids: dict[str, Meeting] = {}
    for m in club.meetings:
        first_ids.setdefault(m.id, m)
    counted = [m for m in first_ids.values()
               if m.date and m.date <= today and m.activity in forms]
    people = {p.id: p for p in club.participants}
    day = {m.id: m.date for m in counted}
    first_status: dict[tuple[str, str], str | None] = {}
    for a in club.attendance:
        q = people.get(a.participant)
        when = day.get(a.meeting)
        if q is None or when is None:
            continue
        if q.start_date is not None and not q.start_date <= when <= (q.end_date or date.max):
            continue  # outside the participation period: counted nowhere
        first_status.setdefault((a.meeting, a.participant), a.status)
    for p in r.participants:
        expected = 0
        for m in counted:
            assert m.date is not None and m.activity is not None
            key = (m.id, p.id)
            if key in first_status and first_status[key] is None:
                continue  # status not filled in yet: left out of the rate
            by_rule = forms[m.activity] != "indywidualne" and any(
                q.id == p.id for q in expected_members(club, m.activity, m.date))
            expected += by_rule or key in first_status
        assert p.expected == expected, p.id


# ----------------------------------------------------------------------------- sheet, JSON


def test_sheet_blocks_totals_and_charts() -> None:
    club = hand_club()
    r = compute_hours(club, today=TODAY)
    sheet = hours_sheet(club, r)
    assert (sheet.key, sheet.name) == ("hours_results", "Wynik godzin")
    people, acts, specs, months, found = sheet.blocks
    assert people.rows[-1][:2] == ["Razem", 15.0]
    assert people.rows[0][:7] == ["U1", 7.5, 5.5, 0.0, 0.0, 0.0, 2.0]
    assert people.marks == ["warning", "warning", None, "total"]
    assert people.rows[0][-1] == "poniżej progu (80%)"
    assert people.rows[-1][-2] == pytest.approx(6 / 8)
    assert acts.rows[0][:5] == ["G1 Zajęcia G1", "terapeutyczne", "grupowe", "psycholog", 14.0]
    assert acts.rows[-1][4:7] == [18.0, 13.0, pytest.approx(13 / 18, abs=1e-4)]
    assert specs.rows[-1][2:4] == [18.0, 13.0]
    assert [row[0] for row in months.rows] == ["marzec 2025", "kwiecień 2025 (w toku)",
                                                "Razem"]
    assert months.rows[-1][1:] == [5, 13.0, 15.0]
    assert all(b.note for b in sheet.blocks)
    assert found.title == "Ustalenia"
    assert [row[-1] for row in found.rows] == [f.code for f in r.findings]
    assert found.rows[0][1:4] == ["ostrzeżenie", "U1", "Uczestnicy, wiersz 2"]
    assert found.links[(0, 3)] == Link("Uczestnicy", "A2")
    kinds = [(c.kind, c.block, c.value_cols, c.skip_last_row) for c in sheet.charts]
    assert kinds == [("bar", 1, (4, 5), True), ("column", 3, (2,), True)], (
        "one monthly chart: participants' hours told the same story")


def test_running_month_is_marked_in_progress_in_the_table_and_chart() -> None:
    club = hand_club()
    months = hours_sheet(club, compute_hours(club, today=date(2025, 4, 15))).blocks[3]
    assert [row[0] for row in months.rows] == ["marzec 2025", "kwiecień 2025 (w toku)", "Razem"]
    assert months.marks == [None, "muted", "total"]
    assert "(w toku)" in (months.note or "")
    done = hours_sheet(club, compute_hours(club, today=TODAY)).blocks[3]  # 30 April: still on
    assert done.rows[1][0] == "kwiecień 2025 (w toku)"
    later = hours_sheet(club, compute_hours(club, today=date(2025, 5, 2))).blocks[3]
    assert [row[0] for row in later.rows] == ["marzec 2025", "kwiecień 2025", "Razem"]


def test_hours_sheet_tables_print_one_page_wide_at_a_readable_size() -> None:
    from kis_xl.sinks.xlsx import layout

    club = hand_club()
    where = layout.layout(hours_sheet(club, compute_hours(club, today=TODAY)))
    assert where.pages_wide == 1
    scale = layout.PRINT_WIDTH_PT / layout.width_pt(where.widths)
    assert 11 * min(1.0, scale) >= layout.MIN_PRINT_PT
    for c in where.charts:  # under the table they draw, inside the printed width
        drawn, after = where.blocks[c.spec.block], where.blocks[c.spec.block + 1]
        assert c.anchor_col == 1
        assert drawn.last_row < c.anchor_row and c.anchor_row + c.rows <= after.title_row


def test_json_shape_is_the_documented_one() -> None:
    result = hours_action(hand_club(), today=TODAY)
    data = json.loads(json.dumps(result.json()))
    assert set(data) >= {"participants", "activities", "specialists", "months", "findings"}
    p = data["participants"][0]
    assert set(p) >= {"id", "hours_total", "hours_by_type", "attendance_rate"}
    assert (p["id"], p["hours_total"], p["attendance_rate"]) == ("U1", 7.5, 0.75)
    a = data["activities"][0]
    assert set(a) >= {"id", "name", "specialist", "planned_hours", "delivered_hours"}
    assert data["specialists"][1] == {"role": "prawnik", "planned_hours": 4.0,
                                      "delivered_hours": 3.0}
    assert data["months"][1] == {"month": "2025-04", "meetings": 2, "delivered_hours": 4.0,
                                 "participant_hours": 6.0}
    assert data["findings"][0]["code"] == "attendance-below-threshold"
    assert result.exit_code == 0


# ----------------------------------------------------------------------------- files, CLI


def file_club(tmp_path: Path) -> Path:
    return write_club(
        tmp_path / "klub.xlsx",
        participants=[
            {"id": "U001", "last_name": "Nowak", "first_name": "Anna", "category": "5",
             "start_date": date(2025, 3, 1)},
            {"id": "U002", "last_name": "Lis", "first_name": "Jan", "category": "2",
             "start_date": date(2025, 3, 1), "end_date": date(2025, 3, 31)},
        ],
        activities=[
            {"id": "Z01", "name": "Psychoedukacja", "type": "terapeutyczne", "form": "grupowe",
             "specialist": "psycholog", "planned_meetings": 24, "hours_per_meeting": 3.5},
            {"id": "Z02", "name": "Konsultacje prawne", "type": "poradnictwo",
             "form": "indywidualne", "specialist": "prawnik", "hours_per_person": 2,
             "planned_persons": 2},
        ],
        meetings=[
            {"id": "S0001", "date": date(2025, 3, 3), "start": time(10), "end": time(13, 30),
             "activity": "Z01"},
            {"id": "S0002", "date": date(2025, 4, 7), "start": time(10), "end": time(13, 30),
             "activity": "Z01"},
            {"id": "S0003", "date": date(2025, 3, 9), "start": time(12), "end": time(14),
             "activity": "Z02"},
        ],
        attendance=[
            {"meeting": "S0001", "participant": "U001", "status": "obecny"},
            {"meeting": "S0001", "participant": "U002", "status": "obecny"},
            {"meeting": "S0002", "participant": "U001", "status": "obecny"},
            {"meeting": "S0003", "participant": "U002", "status": "obecny"},
            {"meeting": "S0003", "participant": "U002", "status": "obecny"},
        ],
    )


def kis(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kis_xl", *args], capture_output=True,
                          text=True, check=False)


def test_cli_json_without_writing(tmp_path: Path) -> None:
    path = file_club(tmp_path)
    before = path.read_bytes()
    out = kis("hours", str(path), "--json", "--no-write")
    assert out.returncode == 1, out.stderr  # the duplicate attendance row is an error
    data = json.loads(out.stdout)
    assert [p["hours_total"] for p in data["participants"]] == [7.0, 5.5]
    assert data["activities"][0]["delivered_hours"] == 7.0
    assert data["activities"][1]["delivered_hours"] == 2.0
    assert sorted(f["code"] for f in data["findings"]) == [
        "attendance-duplicate", "meeting-on-holiday"]
    assert path.read_bytes() == before


def test_cli_writes_the_sheet_with_native_charts(tmp_path: Path) -> None:
    import openpyxl

    path = file_club(tmp_path)
    out = kis("hours", str(path))
    assert out.returncode == 1 and "Godziny uczestników: 12,5 h" in out.stdout
    assert "[BŁĄD] arkusz „Obecności”, wiersz 6" in out.stdout
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 2
        xml = b"".join(z.read(n) for n in charts).decode()
        assert "barChart" in xml and "Wynik godzin" in xml
        assert "Zrealizowane godziny zajęć w kolejnych miesiącach" in xml
    wb = openpyxl.load_workbook(path)
    ws = wb["Wynik godzin"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}
    assert "Godziny i frekwencja uczestników" in cells
    assert ws["A1"].value.startswith("Arkusz generowany przez kis-xl")
    link = cells["U001"].hyperlink
    assert link is not None and link.location == "'Uczestnicy'!A2"
    assert "Wynik godzin" in wb.sheetnames and "Dziennik zmian" in wb.sheetnames
    assert len(ws._charts) == 2  # openpyxl keeps the charts it loaded only in _charts


@pytest.mark.libreoffice
def test_written_hours_sheet_opens_in_libreoffice(tmp_path: Path) -> None:
    from tests.office import pdf_text

    path = file_club(tmp_path)
    assert kis("hours", str(path)).returncode == 1
    pdf = convert(path, "pdf", tmp_path / "pdf")
    text = pdf_text(pdf)
    assert "Godziny i frekwencja uczestników" in text and "Realizacja planu" in text
    resaved = convert(path, "xlsx", tmp_path / "resaved")
    with zipfile.ZipFile(resaved) as z:
        assert any(n.startswith("xl/charts/") for n in z.namelist())


def test_own_holiday_table_equals_the_holidays_package() -> None:
    """The statutory days computed in calendar_pl (to keep the 0.6 s import of every
    country's calendar off a click) are the package's, name for name, in every year."""
    import holidays

    from kis_xl.domain import calendar_pl

    assert range(2011, 2100) == calendar_pl.OWN_YEARS
    for year in calendar_pl.OWN_YEARS:
        theirs = holidays.country_holidays("PL", years=year, language="pl")
        assert calendar_pl._statutory(year) == {d: str(n) for d, n in sorted(theirs.items())}, year
