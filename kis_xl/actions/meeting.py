"""``kis-xl meeting add``: register a meeting and its whole group at once.

Staff enter a meeting the way they hold it: one row in "Spotkania" and one
attendance row per member of the activity with the status left empty, filled
in from the signed attendance list afterwards (an auditor must not find
attendance written before anyone signed). ``present=True`` (``--obecni``)
prefills "obecny" for clubs that enter the meeting after it, list in hand.
Members are the participants expected at a group meeting of that activity
on that day (``kis_xl.domain.hours.expected_members``: enrolled if the activity has
enrolments, else everyone taking part that day); for individual activities
the participants are named with
``--uczestnik``. Only admitted participants are enrolled (status "kwalifikuje się" or a
coordinator's decision to admit, computed by the same check as "Sprawdź uczestników"):
nobody the check does not admit is asked to sign, and those left out are named. The
function is ready for a ribbon form: it takes a read
``Club`` and returns an ``ActionResult`` whose plan appends the rows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from kis_xl.actions.base import ActionResult
from kis_xl.domain.calendar_pl import non_working_reason
from kis_xl.domain.finding_types.hours import MEETING_ON_HOLIDAY
from kis_xl.domain.finding_types.meeting import (
    MEETING_NO_HOURS,
    MEETING_NO_MEMBERS,
    MEETING_NOT_ADMITTED,
    MEETING_SAME_DAY,
    PARTICIPANT_NOT_ACTIVE,
)
from kis_xl.domain.findings import Finding, locate
from kis_xl.domain.hours import PRESENT, expected_members
from kis_xl.domain.model import Activity, Club, SheetLayout
from kis_xl.domain.text import nearest, plural
from kis_xl.plan.errors import KisError
from kis_xl.plan.writeback import RowAppend, WritePlan
from kis_xl.workbook import schema

SHEETS = ("participants", "pup_periods", "decisions", "activities", "enrolments", "meetings",
          "attendance", "group_members")
"""What the action reads: the registers, and what the participants' statuses rest on."""
DEFAULT_PREFIX = "S"
DEFAULT_WIDTH = 4



@dataclass(frozen=True, slots=True)
class NewMeeting:
    id: str
    day: date
    activity: str
    start: time | None
    end: time | None
    hours: float | None
    participants: tuple[str, ...]


def add_meeting(
    club: Club,
    *,
    activity: str,
    day: date,
    start: time | None = None,
    end: time | None = None,
    participants: list[str] | None = None,
    present: bool = False,
    today: date | None = None,
) -> ActionResult:
    """Plan the new meeting row and its attendance rows (status empty, or "obecny")."""
    meetings, attendance = sheet_layout(club, "meetings"), sheet_layout(club, "attendance")
    act = find_activity(club, activity)
    if (start is None) != (end is None):
        raise KisError("Podaj obie godziny spotkania: --start i --end (albo żadnej).")
    if start is not None and end is not None and end <= start:
        raise KisError(f"Godzina zakończenia ({end:%H:%M}) musi być późniejsza niż godzina "
                       f"rozpoczęcia ({start:%H:%M}).")
    findings: list[Finding] = []
    mid = next_meeting_id(club)
    where: dict[str, Any] = {"sheet_key": "meetings", "row": meetings.last_row + 1,
                             "column_key": "date"}
    reason = non_working_reason(day)
    if reason is not None:
        findings.append(MEETING_ON_HOLIDAY(**where, meeting=mid, day=f"{day:%d.%m.%Y}",
                                           reason=reason))
    for other in club.meetings:
        if other.activity == act.id and other.date == day:
            findings.append(MEETING_SAME_DAY(**where, activity=act.id, other=other.id,
                                             day=f"{day:%d.%m.%Y}", meeting=mid))
            break
    people = _participants(club, act, day, participants, findings=findings, where=where)
    people = _admitted_only(club, people, today or date.today(), findings=findings,
                            where=where)
    hours = act.hours_per_meeting if start is None and act.is_group else None
    if start is None and hours is None:
        findings.append(MEETING_NO_HOURS(**where, meeting=mid, activity=act.id))
    new = NewMeeting(mid, day, act.id, start, end, hours, tuple(people))
    meeting_row = row_cells(meetings, {"id": mid, "date": day, "start": start, "end": end,
                                  "activity": act.id, "hours": hours, "leader": act.leader})
    status = PRESENT if present else None
    attendance_rows = [row_cells(attendance, {"meeting": mid, "participant": pid, "status": status})
                       for pid in people]
    appends = [RowAppend(meetings.name, meetings.header_row, row_headers(meetings, meeting_row),
                         [meeting_row])]
    if attendance_rows:
        appends.append(RowAppend(attendance.name, attendance.header_row,
                                 row_headers(attendance, attendance_rows[0]), attendance_rows))
    rows_word = plural(len(people), "wiersz", "wiersze", "wierszy")
    filled = "(„obecny”)" if present else "(do uzupełnienia)"
    what = (f"spotkanie {mid} zajęć {act.id} ({act.name or act.id}) w dniu {day:%d.%m.%Y} i "
            f"{len(people)} {rows_word} obecności {filled}")
    command = f"kis-xl meeting add --activity {act.id} --date {day:%d.%m.%Y}"
    if start is not None and end is not None:
        command += f" --start {start:%H:%M} --end {end:%H:%M}"
    if present:
        command += " --obecni"
    todo = ("Zmień obecność osób nieobecnych na „nieobecny” lub „usprawiedliwiony” w arkuszu "
            "„Obecności”." if present else
            "Po spotkaniu wpisz w kolumnie „Obecność” arkusza „Obecności” stan z podpisanej "
            "listy obecności (obecny, nieobecny, usprawiedliwiony); puste wiersze nie liczą się "
            "jako obecność.")
    todo += (f" Najwygodniej w dzienniku miesiąca: zaznacz wiersz {act.id} w arkuszu „Program”, "
             f"kliknij „Dziennik obecności” (kis-xl dziennik PLIK --zajecia {act.id} --miesiac "
             f"{day:%m.%Y}), zaznacz obecność w kolumnie {day:%d.%m} i kliknij „Zapisz "
             "dziennik”.")
    return ActionResult(
        command=command,
        findings=locate(findings, club.names),
        payload={"meeting": _payload(new)},
        summary=[f"Nowe {what}.", todo],
        plan=WritePlan(command, f"Dodano {what}.", appends=appends),
    )


def _payload(m: NewMeeting) -> dict[str, Any]:
    return {
        "id": m.id,
        "date": m.day.isoformat(),
        "activity": m.activity,
        "start": m.start.strftime("%H:%M") if m.start else None,
        "end": m.end.strftime("%H:%M") if m.end else None,
        "hours": m.hours,
        "participants": list(m.participants),
    }


def sheet_layout(club: Club, key: str) -> SheetLayout:
    """The sheet's layout with every column rows are appended to (else a Polish message);
    shared by the actions that append rows: meeting add, the register, the certificates."""
    layout = club.layouts.get(key)
    spec = schema.sheet(key)
    if layout is None:
        raise KisError(f"Nie znaleziono arkusza „{spec.name}” z nagłówkami kolumn. Przywróć go "
                       "(np. skopiuj z nowego skoroszytu: kis-xl init) i spróbuj ponownie.")
    for col in spec.columns:
        if col.required and col.key not in layout.columns:
            raise KisError(f"W arkuszu „{layout.name}” brakuje kolumny „{col.header}”. Dodaj ją "
                           "w wierszu nagłówków i spróbuj ponownie.")
    return layout


def find_activity(club: Club, aid: str) -> Activity:
    from kis_xl.workbook.values import parse_id

    act = club.activity(parse_id(aid))
    if act is None:
        known = [a.id for a in club.activities]
        near = nearest(aid, known)
        hint = f" Czy chodziło o „{near[0]}”?" if near else ""
        listed = ", ".join(known[:20]) or f"brak zajęć w arkuszu „{club.names.sheet('activities')}”"
        raise KisError(f"Nie ma zajęć o ID „{aid}”.{hint} Dostępne: {listed}.")
    return act


def _participants(
    club: Club, act: Activity, day: date, given: list[str] | None, *, findings: list[Finding],
    where: dict[str, Any],
) -> list[str]:
    from kis_xl.workbook.values import parse_id

    if not given:
        people = [p.id for p in expected_members(club, act.id, day)] if act.is_group else []
        if not people:
            findings.append(MEETING_NO_MEMBERS(**where, activity=act.id, day=f"{day:%d.%m.%Y}"))
        return people
    out: list[str] = []
    for raw in given:
        pid = parse_id(raw)
        person = club.participant(pid)
        if person is None:
            raise KisError(f"Nie ma uczestnika o ID „{raw}” w arkuszu "
                           f"„{club.names.sheet('participants')}”.")
        if not person.active_on(day):
            findings.append(PARTICIPANT_NOT_ACTIVE(**where, participant=pid,
                                                   day=f"{day:%d.%m.%Y}"))
        if pid not in out:
            out.append(pid)
    return out


def _admitted_only(
    club: Club, people: list[str], today: date, *, findings: list[Finding],
    where: dict[str, Any],
) -> list[str]:
    """Those of ``people`` the check admits; the others are left out and named."""
    if not people:
        return people
    from kis_xl.domain.rules import evaluate

    admitted = evaluate(club, today=today).admitted()
    left_out = [pid for pid in people if pid not in admitted]
    if left_out:
        findings.append(MEETING_NOT_ADMITTED(**where, people=", ".join(left_out)))
    return [pid for pid in people if pid in admitted]


def row_cells(layout: SheetLayout, values: dict[str, Any]) -> dict[int, Any]:
    """Column index -> value for the columns the sheet has (optional ones may be missing)."""
    return {layout.columns[k]: v for k, v in values.items()
            if v is not None and k in layout.columns}


def row_headers(layout: SheetLayout, row: dict[int, Any]) -> dict[int, str]:
    by_index = {i: layout.headers[k] for k, i in layout.columns.items()}
    return {i: by_index[i] for i in row}


_ID = re.compile(r"^([A-Z]*)(\d+)$")


def next_meeting_id(club: Club) -> str:
    """Next free meeting ID in the pattern the club uses (S0001, S0002… by default).

    The prefix and width are the most common ones among existing IDs; the
    number is one more than the highest. IDs that attendance rows already
    point to (a meeting row deleted or not yet typed) are never reused, so
    stray rows cannot suddenly attach to the new meeting.
    """
    used = {m.id for m in club.meetings} | {a.meeting for a in club.attendance}
    shapes: Counter[tuple[str, int]] = Counter()
    highest: dict[str, int] = {}
    for mid in used:
        m = _ID.match(mid)
        if m is None:
            continue
        prefix, digits = m.group(1), m.group(2)
        shapes[(prefix, len(digits))] += 1
        highest[prefix] = max(highest.get(prefix, 0), int(digits))
    prefix, width = shapes.most_common(1)[0][0] if shapes else (DEFAULT_PREFIX, DEFAULT_WIDTH)
    n = highest.get(prefix, 0) + 1
    while f"{prefix}{n:0{width}d}" in used:
        n += 1
    return f"{prefix}{n:0{width}d}"
