"""Hours and attendance against the programme plan (pure logic, no files).

What staff ask of the programme (seed 002, section 5): how many hours each
participant received, how much of each activity's plan was delivered, what
each specialist role delivered, month by month, and who is falling behind.

Counting rules (README "Godziny i frekwencja" repeats them for users):

* **Meeting hours** come from the meeting's "Liczba godzin" cell when it is
  filled, else from its start and end times. Hours are kept in whole
  minutes so that every sum below adds up exactly.
* **Participant hours**: an attendance row counts only with status
  "obecny" ("usprawiedliwiony" is *not* present); it counts the row's own
  "Liczba godzin" when given (the person left early), else the meeting's
  hours. Group and individual meetings count in full for each participant
  present.
* **Delivered hours of an activity** (the specialist's side, comparable to
  the plan): a *group* meeting counts once, whoever came; an *individual*
  meeting counts per participant present (the plan says "3 h × 15 osób").
* **Planned hours**: group = planned meetings × hours per meeting;
  individual = hours per person × planned persons.
* **Attendance rate** = meetings attended ÷ meetings the participant was
  expected at. A participant is expected at a counted meeting when they
  have an attendance row for it (any status), or when it is a *group*
  meeting, they take part on that day (``Participant.active_on``) and either
  the activity has no enrolments at all (then it is meant for everyone) or
  one of their enrolments in it ("Zapisy na zajęcia", blank dates = open)
  covers the day. Individual meetings are expected only from attendance
  rows: they are booked per person.
* **Outside the participation period** (before the start date or after the end
  date) an attendance row is flagged and *not* counted: the hours sheet, the
  certificate (which confirms hours of the period it names) and the annual
  report count the same rows, so a person's hours agree in all three.
* Only meetings with a date up to ``today`` and a known activity are counted;
  attendance rows pointing at unknown meetings or participants are left out
  (the reader already reports them as ``unknown-reference``), so that
  Σ participants = Σ activities' participant hours = Σ months = total.

Nothing here raises on user data: every doubtful row becomes a ``Finding``.

Why one module: the counting rules below are one algorithm (``compute_hours`` and its
``_Tally``) with the records it returns; the rules must be read together to add up
exactly, and README repeats them from here.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from kis_xl.domain import vocab
from kis_xl.domain.calendar_pl import non_working_reason
from kis_xl.domain.finding_types.hours import (
    ACTIVITY_PLAN_INCOMPLETE,
    ATTENDANCE_BELOW_THRESHOLD,
    ATTENDANCE_DUPLICATE,
    ATTENDANCE_HOURS_ABSURD,
    ATTENDANCE_HOURS_EXCEED,
    ATTENDANCE_OUTSIDE_PARTICIPATION,
    ATTENDANCE_OVERLAP,
    ATTENDANCE_STATUS_MISSING,
    MEETING_END_BEFORE_START,
    MEETING_HOURS_ABSURD,
    MEETING_IN_FUTURE,
    MEETING_ON_HOLIDAY,
    MEETING_WITHOUT_HOURS,
    MORE_HOURS_FINDINGS,
)
from kis_xl.domain.findings import Finding, FindingType, Ref
from kis_xl.domain.model import Activity, Attendance, Club, Enrolment, Meeting, Participant
from kis_xl.domain.text import plural

MAX_MEETING_HOURS = 12.0
"""More than this in one meeting (or one person's attendance) is a typo, not a long day."""
MAX_FINDINGS_PER_CODE = 100
"""Row-level findings of one kind beyond this are summarised (100,000 attendance rows)."""
PRESENT = "obecny"
NO_TYPE = "nieokreślony"
"""Bucket for hours of an activity whose type could not be read."""
NO_SPECIALIST = "(nie podano)"
TYPES: tuple[str, ...] = tuple(vocab.ACTIVITY_TYPES.values)

_ATT = "attendance"
_MEET = "meetings"
_MISSING: Any = object()



# ----------------------------------------------------------------------------- results


@dataclass(slots=True)
class ParticipantHours:
    id: str
    name: str
    row: int
    minutes_by_type: dict[str, int] = field(default_factory=dict)
    minutes_by_activity: dict[str, int] = field(default_factory=dict)
    expected: int = 0
    present: int = 0
    below_threshold: bool = False

    @property
    def minutes_total(self) -> int:
        return sum(self.minutes_by_type.values())

    @property
    def hours_total(self) -> float:
        return hours(self.minutes_total)

    @property
    def attendance_rate(self) -> float | None:
        return self.present / self.expected if self.expected else None

    def hours_by_type(self) -> dict[str, float]:
        """Every activity type (zeros included), plus ``nieokreślony`` when it has hours."""
        out = {t: hours(self.minutes_by_type.get(t, 0)) for t in TYPES}
        if self.minutes_by_type.get(NO_TYPE):
            out[NO_TYPE] = hours(self.minutes_by_type[NO_TYPE])
        return out


class _PlanVsDelivered:
    """Plan and delivery in hours, for an activity and for a specialist role alike."""

    __slots__ = ()
    planned_minutes: int | None
    delivered_minutes: int

    @property
    def planned_hours(self) -> float | None:
        return None if self.planned_minutes is None else hours(self.planned_minutes)

    @property
    def delivered_hours(self) -> float:
        return hours(self.delivered_minutes)

    @property
    def completion(self) -> float | None:
        return share(self.delivered_minutes, self.planned_minutes)


@dataclass(slots=True)
class ActivityHours(_PlanVsDelivered):
    id: str
    name: str
    type: str | None
    form: str | None
    specialist: str
    row: int
    planned_minutes: int | None
    delivered_minutes: int = 0
    """Specialist's side: a group meeting once, an individual meeting per person present."""
    participant_minutes: int = 0
    """Σ over participants present (a group meeting of 8 people counts 8 times)."""
    meetings: int = 0

    @property
    def participant_hours(self) -> float:
        return hours(self.participant_minutes)


@dataclass(slots=True)
class SpecialistHours(_PlanVsDelivered):
    role: str
    planned_minutes: int | None = None
    delivered_minutes: int = 0
    activities: int = 0


@dataclass(slots=True)
class MonthHours:
    month: str
    """"2025-03"."""
    meetings: int = 0
    delivered_minutes: int = 0
    participant_minutes: int = 0

    @property
    def label(self) -> str:
        year, month = self.month.split("-")
        return f"{MONTH_NAMES[int(month) - 1]} {year}"


@dataclass(slots=True)
class HoursReport:
    today: date
    threshold: float
    participants: list[ParticipantHours]
    activities: list[ActivityHours]
    specialists: list[SpecialistHours]
    months: list[MonthHours]
    findings: list[Finding]
    skipped: dict[str, int]
    """Why rows were left out of the sums -> how many (for the traceability notes)."""

    @property
    def participant_minutes(self) -> int:
        return sum(p.minutes_total for p in self.participants)

    @property
    def delivered_minutes(self) -> int:
        return sum(a.delivered_minutes for a in self.activities)

    @property
    def planned_minutes(self) -> int:
        return sum(a.planned_minutes or 0 for a in self.activities)


MONTH_NAMES = (
    "styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień",
    "wrzesień", "październik", "listopad", "grudzień",
)


def hours(minutes: int) -> float:
    """Minutes as hours rounded to 0.01 (what reports show and JSON carries)."""
    return round(minutes / 60, 2)


def percent(value: float) -> str:
    """79,7% – one decimal with a decimal comma, whole numbers without it (80%)."""
    text = f"{value * 100:.1f}".removesuffix(".0").replace(".", ",")
    return f"{text}%"


def share(part: int, whole: int | None) -> float | None:
    return part / whole if whole else None


def to_minutes(value: float) -> int:
    return round(value * 60)


# ----------------------------------------------------------------------------- plan


def planned_minutes(activity: Activity) -> int | None:
    """Planned hours of one activity in minutes; None when the plan is incomplete."""
    if activity.form == "grupowe":
        if activity.planned_meetings is None or activity.hours_per_meeting is None:
            return None
        return to_minutes(activity.planned_meetings * activity.hours_per_meeting)
    if activity.form == "indywidualne":
        if activity.hours_per_person is None or activity.planned_persons is None:
            return None
        return to_minutes(activity.hours_per_person * activity.planned_persons)
    return None


def _plan_gaps(activity: Activity) -> list[str]:
    if activity.form == "grupowe":
        pairs = (("planned_meetings", "liczby spotkań"), ("hours_per_meeting",
                                                          "godzin na spotkanie"))
    elif activity.form == "indywidualne":
        pairs = (("hours_per_person", "godzin na osobę"), ("planned_persons", "liczby osób"))
    else:
        return []
    return [label for key, label in pairs if getattr(activity, key) is None]


# ----------------------------------------------------------------------------- collecting


class _Findings:
    """Findings with a per-code cap, so a systematic error does not drown the result."""

    def __init__(self, club: Club) -> None:
        self.club = club
        self.items: list[Finding] = []
        self.counts: dict[str, int] = defaultdict(int)

    def where(self, sheet_key: str, column_key: str | None, row: int | None) -> dict[str, Any]:
        """A location by schema keys (``findings.locate`` names it for people)."""
        return {"sheet_key": sheet_key, "row": row, "column_key": column_key}

    def add(self, finding: Finding) -> None:
        self.counts[finding.code] += 1
        if self.counts[finding.code] <= MAX_FINDINGS_PER_CODE:
            self.items.append(finding)

    def room(self, ftype: FindingType) -> bool:
        """Count one more finding of this kind; True while it should still be listed.

        Hot loops ask first and build the message only then (``keep``).
        """
        self.counts[ftype.code] += 1
        return self.counts[ftype.code] <= MAX_FINDINGS_PER_CODE

    def keep(self, finding: Finding) -> None:
        self.items.append(finding)

    def close(self) -> list[Finding]:
        for code, n in self.counts.items():
            if n > MAX_FINDINGS_PER_CODE:
                self.items.append(MORE_HOURS_FINDINGS(count=n - MAX_FINDINGS_PER_CODE, code=code))
        return self.items


def _day(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def _hm(t: time) -> str:
    return f"{t.hour}:{t.minute:02d}"


def _num(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _period(p: Participant) -> str:
    if p.start_date is None:
        return "brak daty rozpoczęcia udziału"
    end = _day(p.end_date) if p.end_date else "nadal"
    return f"{_day(p.start_date)} – {end}"


def _minutes_between(start: time, end: time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


@dataclass(slots=True)
class _CountedMeeting:
    meeting: Meeting
    day: date
    activity: ActivityHours
    group: bool
    minutes: int
    """0 when the meeting's hours are missing or unusable (reported)."""
    month: MonthHours
    span: tuple[int, int] | None
    """Start and end as minutes of the day, when both are known (for overlaps)."""


def meeting_minutes(meeting: Meeting, out: _Findings | None = None) -> int | None:
    """Length of a meeting in minutes, or None when unknown or impossible (reported to ``out``)."""
    hours_ = meeting.hours
    span: int | None = None
    if meeting.start is not None and meeting.end is not None:
        span = _minutes_between(meeting.start, meeting.end)
        if span <= 0:
            if out is not None:
                effect = "" if hours_ is not None else " Godziny tego spotkania nie są liczone."
                out.add(MEETING_END_BEFORE_START(
                    **out.where(_MEET, "end", meeting.row), meeting=meeting.id,
                    start=_hm(meeting.start), end=_hm(meeting.end), effect=effect))
            span = None
    if hours_ is not None:
        column = "hours"
    elif span is not None:
        hours_ = span / 60
        column = "end"
    else:
        if out is not None and not (meeting.start and meeting.end):
            missing = ("godziny zakończenia ani liczby godzin" if meeting.start else
                       "godziny rozpoczęcia ani liczby godzin" if meeting.end else
                       "godzin rozpoczęcia i zakończenia ani liczby godzin")
            out.add(MEETING_WITHOUT_HOURS(**out.where(_MEET, "hours", meeting.row),
                                          meeting=meeting.id, what=missing))
        return None
    if not 0 < hours_ <= MAX_MEETING_HOURS:
        if out is not None:
            out.add(MEETING_HOURS_ABSURD(**out.where(_MEET, column, meeting.row),
                                         meeting=meeting.id, hours=_num(round(hours_, 2)),
                                         limit=_num(MAX_MEETING_HOURS)))
        return None
    return to_minutes(hours_)


# ----------------------------------------------------------------------------- main


def compute_hours(club: Club, *, today: date) -> HoursReport:
    """Every number of the hours sheet, with the findings met on the way."""
    tally = _Tally(club, today)
    tally.count_meetings()
    tally.count_attendance()
    tally.count_expected()
    for finding in unfilled_attendance(club, today=today):
        tally.out.add(finding)
    threshold = club.settings.attendance_threshold
    out = tally.out
    for ph in tally.people.values():
        rate = ph.attendance_rate
        if rate is not None and rate < threshold:
            ph.below_threshold = True
            out.add(ATTENDANCE_BELOW_THRESHOLD(
                **out.where("participants", "id", ph.row), participant=ph.id,
                rate=percent(rate), present=ph.present, expected=ph.expected,
                threshold=percent(threshold)))
    return HoursReport(
        today=today,
        threshold=threshold,
        participants=list(tally.people.values()),
        activities=list(tally.activities.values()),
        specialists=_specialists(tally.activities.values()),
        months=[tally.months[k] for k in sorted(tally.months)],
        findings=out.close(),
        skipped=dict(tally.skipped),
    )


def _activities(records: Iterable[Activity], out: _Findings) -> dict[str, ActivityHours]:
    result: dict[str, ActivityHours] = {}
    for a in records:
        planned = planned_minutes(a)
        gaps = _plan_gaps(a)
        if gaps:
            out.add(ACTIVITY_PLAN_INCOMPLETE(
                **out.where("activities", "planned_meetings" if a.form == "grupowe"
                            else "hours_per_person", a.row),
                activity=a.id, form=a.form, missing=" ani ".join(gaps)))
        result[a.id] = ActivityHours(
            id=a.id, name=a.name or a.id, type=a.type, form=a.form,
            specialist=a.specialist or NO_SPECIALIST, row=a.row, planned_minutes=planned,
        )
    return result


class _Tally:
    """One pass over meetings, one over attendance, then the expected meetings."""

    def __init__(self, club: Club, today: date) -> None:
        self.club = club
        self.today = today
        self.out = _Findings(club)
        self.skipped: dict[str, int] = defaultdict(int)
        self.people = {p.id: ParticipantHours(p.id, p.full_name, p.row)
                       for p in club.participants}
        self.by_pid = {p.id: p for p in club.participants}
        self.activities = _activities(club.activities, self.out)
        self.months: dict[str, MonthHours] = {}
        self.counted: dict[str, _CountedMeeting] = {}
        self.rows: dict[tuple[str, str], int] = {}
        """(meeting, participant) -> first attendance row, for counted meetings (any status)."""
        self.unfilled: set[tuple[str, str]] = set()
        """(meeting, participant) whose attendance status is still empty: not expected yet."""

    def count_meetings(self) -> None:
        out = self.out
        forms = {a.id: a.form for a in self.club.activities}
        reasons: dict[date, str | None] = {}  # 10,000 meetings fall on a few hundred days
        for m in self.club.meetings:
            if m.date is None:
                self.skipped["meeting_no_date"] += 1
                continue
            if m.date > self.today:
                if out.room(MEETING_IN_FUTURE):
                    out.keep(MEETING_IN_FUTURE(**out.where(_MEET, "date", m.row), meeting=m.id,
                                               day=_day(m.date), today=_day(self.today)))
                self.skipped["meeting_future"] += 1
                continue
            reason = reasons.get(m.date, _MISSING)
            if reason is _MISSING:
                reason = reasons[m.date] = non_working_reason(m.date)
            if reason is not None and out.room(MEETING_ON_HOLIDAY):
                out.keep(MEETING_ON_HOLIDAY(**out.where(_MEET, "date", m.row), meeting=m.id,
                                            day=_day(m.date), reason=reason))
            minutes = meeting_minutes(m, out) or 0
            activity = self.activities.get(m.activity or "")
            if activity is None:
                self.skipped["meeting_no_activity"] += 1
                continue
            key = f"{m.date.year:04d}-{m.date.month:02d}"
            month = self.months.get(key) or self.months.setdefault(key, MonthHours(key))
            group = forms.get(activity.id) != "indywidualne"
            activity.meetings += 1
            month.meetings += 1
            if group:
                activity.delivered_minutes += minutes
                month.delivered_minutes += minutes
            span = None
            if m.start is not None and m.end is not None:
                span = (m.start.hour * 60 + m.start.minute, m.end.hour * 60 + m.end.minute)
            self.counted[m.id] = _CountedMeeting(m, m.date, activity, group, minutes, month,
                                                 span)

    def count_attendance(self) -> None:
        """Credit present hours to the participant, activity and month.

        The loop runs once per attendance row (100,000 in a big office), so it
        only adds to two flat dictionaries; totals are spread out afterwards.
        """
        out, counted, people = self.out, self.counted, self.people
        windows = {p.id: (p.start_date, p.end_date or date.max) for p in self.club.participants}
        known_meetings = {m.id for m in self.club.meetings}
        seen, skipped = self.rows, self.skipped
        by_activity: dict[tuple[str, str], int] = defaultdict(int)
        by_meeting: dict[str, int] = defaultdict(int)
        spans: dict[tuple[str, date], list[tuple[int, int, Attendance, Meeting]]] = (
            defaultdict(list))
        unfilled = self.unfilled
        for att in self.club.attendance:
            pid, mid = att.participant, att.meeting
            cm = counted.get(mid)
            ph = people.get(pid)
            if ph is None or cm is None:
                if ph is None or mid not in known_meetings:
                    skipped["attendance_unknown_reference"] += 1
                else:
                    skipped["attendance_uncounted_meeting"] += 1
                continue
            row, key, day = att.row, (mid, pid), cm.day
            start, end = windows[pid]
            if start is not None and not start <= day <= end:
                if out.room(ATTENDANCE_OUTSIDE_PARTICIPATION):
                    out.keep(ATTENDANCE_OUTSIDE_PARTICIPATION(
                        **out.where(_ATT, "meeting", row), participant=pid, meeting=mid,
                        day=_day(day), period=_period(self.by_pid[pid])))
                skipped["attendance_outside_participation"] += 1
                continue
            first = seen.setdefault(key, row)
            if first != row:
                if out.room(ATTENDANCE_DUPLICATE):
                    out.keep(ATTENDANCE_DUPLICATE(**out.where(_ATT, "participant", row),
                                                  participant=pid, meeting=mid, first=first))
                skipped["attendance_duplicate"] += 1
                continue
            status = att.status
            if status != PRESENT:
                if status is None:
                    unfilled.add(key)
                continue
            ph.present += 1
            minutes = cm.minutes if att.hours is None else _attendance_minutes(att, cm, out)
            if not minutes:
                continue
            by_activity[(pid, cm.activity.id)] += minutes
            by_meeting[mid] += minutes
            if cm.span is not None:
                spans[(pid, day)].append((*cm.span, att, cm.meeting))
        self._spread(by_activity, by_meeting)
        _overlaps(spans, out)

    def _spread(self, by_activity: dict[tuple[str, str], int], by_meeting: dict[str, int]) -> None:
        """Per-(participant, activity) and per-meeting sums into every total they feed."""
        for (pid, aid), minutes in by_activity.items():
            ph = self.people[pid]
            ph.minutes_by_activity[aid] = minutes
            bucket = self.activities[aid].type or NO_TYPE
            ph.minutes_by_type[bucket] = ph.minutes_by_type.get(bucket, 0) + minutes
        for mid, minutes in by_meeting.items():
            cm = self.counted[mid]
            cm.activity.participant_minutes += minutes
            cm.month.participant_minutes += minutes
            if not cm.group:
                cm.activity.delivered_minutes += minutes
                cm.month.delivered_minutes += minutes

    def count_expected(self) -> None:
        """Meetings each participant was expected at (the module docstring defines it).

        Counted with sorted dates and bisection rather than participant × meeting
        loops: 2,000 participants and 10,000 meetings stay fast.
        """
        group_dates: dict[str, list[date]] = defaultdict(list)
        for cm in self.counted.values():
            if cm.group:
                group_dates[cm.activity.id].append(cm.day)
        for days in group_dates.values():
            days.sort()
        windows: dict[str, dict[str, list[tuple[date, date]]]] = defaultdict(dict)
        enrolled: set[str] = set()
        for e in self.club.enrolments:
            if not e.activity:
                continue
            enrolled.add(e.activity)  # even a mistyped person makes it an enrolment activity
            if e.participant not in self.by_pid:
                continue
            span = (e.date_from or date.min, e.date_to or date.max)
            windows[e.participant].setdefault(e.activity, []).append(span)
        open_dates = sorted(
            d for aid, days in group_dates.items() if aid not in enrolled for d in days
        )
        owns = {pid: {aid: _merge(spans) for aid, spans in acts.items()}
                for pid, acts in windows.items()}
        for pid, ph in self.people.items():
            p = self.by_pid[pid]
            expected = 0
            if p.start_date is not None:
                lo, hi = p.start_date, p.end_date or date.max
                expected += _count_between(open_dates, lo, hi)
                for aid, spans in owns.get(pid, {}).items():
                    for a, b in spans:
                        expected += _count_between(group_dates.get(aid, []), max(a, lo),
                                                   min(b, hi))
            ph.expected = expected
        self._correct_by_rows(owns, enrolled)

    def _correct_by_rows(self, owns: dict[str, dict[str, list[tuple[date, date]]]],
                         enrolled: set[str]) -> None:
        """Attendance rows add meetings the rule did not count; unfilled ones take them out."""
        no_enrolments: dict[str, list[tuple[date, date]]] = {}
        counted, by_pid, people, unfilled = self.counted, self.by_pid, self.people, self.unfilled
        # Participant.active_on, inlined: the loop runs once per attendance row (100,000)
        taking_part = {p.id: (p.start_date, p.end_date or date.max)
                       for p in self.club.participants if p.start_date is not None}
        for key in self.rows:  # 100,000 rows: _expected_by_rule only for enrolment activities
            mid, pid = key
            cm = counted[mid]
            if not cm.group:
                by_rule = False
            elif cm.activity.id in enrolled:
                by_rule = _expected_by_rule(cm, by_pid[pid], owns.get(pid, no_enrolments),
                                            enrolled)
            else:
                span = taking_part.get(pid)
                by_rule = span is not None and span[0] <= cm.day <= span[1]
            if key in unfilled:  # status not filled in yet: not in the rate
                if by_rule:
                    people[pid].expected -= 1
            elif not by_rule:
                people[pid].expected += 1


def unfilled_attendance(club: Club, *, today: date) -> list[Finding]:
    """One warning per meeting (dated up to ``today``) with attendance rows of empty status.

    An empty "Obecność" is a valid state (``kis-xl meeting add`` leaves it so until the
    signed list comes back); ``kis-xl hours`` and ``kis-xl check`` both remind staff.
    """
    dates = {m.id: m.date for m in club.meetings}
    rows: dict[str, list[int]] = {}
    for att in club.attendance:
        if att.status is not None:
            continue
        day = dates.get(att.meeting)
        if day is None or day > today:
            continue
        rows.setdefault(att.meeting, []).append(att.row)
    out: list[Finding] = []
    for mid, found in rows.items():
        day = dates[mid]
        assert day is not None
        n = len(found)
        out.append(ATTENDANCE_STATUS_MISSING(
            sheet_key=_ATT, row=found[0], column_key="status", meeting=mid, day=_day(day),
            count=n, rows_word=plural(n, "wiersz", "wiersze", "wierszy"),
            where=_row_span(found), column_name=Ref(_ATT, "status")))
    return out


def _row_span(rows: list[int]) -> str:
    """"wiersz 7", "wiersze 7–25" (contiguous) or "wiersze 7, 9, 12" (a few, then "…")."""
    if len(rows) == 1:
        return f"wiersz {rows[0]}"
    ordered = sorted(rows)
    if ordered[-1] - ordered[0] == len(ordered) - 1:
        return f"wiersze {ordered[0]}–{ordered[-1]}"
    shown = ", ".join(str(r) for r in ordered[:5])
    return f"wiersze {shown}{', …' if len(ordered) > 5 else ''}"


def _attendance_minutes(att: Attendance, cm: _CountedMeeting, out: _Findings) -> int | None:
    """Minutes one present person is credited with; None when their own hours are impossible."""
    if att.hours is None:
        return cm.minutes
    own = att.hours
    if not 0 < own <= MAX_MEETING_HOURS:
        if out.room(ATTENDANCE_HOURS_ABSURD):
            out.keep(ATTENDANCE_HOURS_ABSURD(**out.where(_ATT, "hours", att.row),
                                             participant=att.participant, hours=_num(own),
                                             limit=_num(MAX_MEETING_HOURS)))
        return None
    minutes = to_minutes(own)
    if cm.minutes and minutes > cm.minutes and out.room(ATTENDANCE_HOURS_EXCEED):
        out.keep(ATTENDANCE_HOURS_EXCEED(**out.where(_ATT, "hours", att.row),
                                         participant=att.participant, hours=_num(own),
                                         meeting=cm.meeting.id,
                                         meeting_hours=_num(hours(cm.minutes))))
    return minutes


def _count_between(days: list[date], lo: date, hi: date) -> int:
    """How many of the sorted ``days`` fall within [lo, hi]."""
    return bisect_right(days, hi) - bisect_left(days, lo) if lo <= hi else 0


def _expected_by_rule(
    cm: _CountedMeeting, p: Participant, own: dict[str, list[tuple[date, date]]],
    enrolled: set[str],
) -> bool:
    """Rule (b) of the module docstring, for one meeting (attendance rows add the rest)."""
    if not cm.group or not p.active_on(cm.day):
        return False
    aid = cm.activity.id
    if aid not in enrolled:
        return True
    return any(a <= cm.day <= b for a, b in own.get(aid, ()))


def _overlaps(
    spans: dict[tuple[str, date], list[tuple[int, int, Attendance, Meeting]]], out: _Findings
) -> None:
    """Same person present at two meetings whose times overlap on one day."""
    for (pid, day), items in spans.items():
        if len(items) < 2:
            continue
        items.sort(key=lambda s: (s[0], s[1]))
        reach_end, reach_meeting = items[0][1], items[0][3]
        for start, end, att, meeting in items[1:]:
            if start < reach_end and out.room(ATTENDANCE_OVERLAP):
                out.keep(ATTENDANCE_OVERLAP(
                    **out.where(_ATT, "meeting", att.row), participant=pid, day=_day(day),
                    meeting=meeting.id, span=_span(meeting), other=reach_meeting.id,
                    other_span=_span(reach_meeting)))
            if end > reach_end:
                reach_end, reach_meeting = end, meeting


def _span(m: Meeting) -> str:
    assert m.start is not None and m.end is not None
    return f"{_hm(m.start)}–{_hm(m.end)}"


def expected_members(
    club: Club, activity: str, day: date, enrolments: Iterable[Enrolment] | None = None
) -> list[Participant]:
    """Who is expected at a group meeting of ``activity`` on ``day`` (rule (b) above).

    ``kis-xl meeting add`` and the printed attendance list name exactly these
    people; ``_expected_by_rule`` is the same rule for one person, used when
    counting attendance rates. ``enrolments``: the activity's enrolments when the
    caller has them indexed (a batch of lists), else they are looked up here.
    """
    if enrolments is None:
        enrolments = [e for e in club.enrolments if e.activity == activity]
    else:
        enrolments = list(enrolments)
    if not enrolments:
        return [p for p in club.participants if p.active_on(day)]
    ids = {e.participant for e in enrolments
           if (e.date_from or date.min) <= day <= (e.date_to or date.max)}
    return [p for p in club.participants if p.id in ids and p.active_on(day)]


def _merge(spans: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Overlapping enrolment periods of one person in one activity count once."""
    merged: list[tuple[date, date]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _specialists(activities: Iterable[ActivityHours]) -> list[SpecialistHours]:
    roles: dict[str, SpecialistHours] = {}
    for a in activities:
        s = roles.get(a.specialist) or roles.setdefault(a.specialist, SpecialistHours(a.specialist))
        s.activities += 1
        s.delivered_minutes += a.delivered_minutes
        if a.planned_minutes is not None:
            s.planned_minutes = (s.planned_minutes or 0) + a.planned_minutes
    return list(roles.values())
