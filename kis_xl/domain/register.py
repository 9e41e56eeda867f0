"""The monthly attendance register ("Dziennik obecności"): who, which meetings, what marks.

Clubs keep attendance the way schools and day centres do: a sheet per activity
and month, people down the side, meeting dates across the top, a mark in each
cell. This module is the register's logic on plain data: which people and
meetings it shows (``build_register``), what it recorded about itself so a
later save can tell what changed where (``state_code``, ``fingerprint``), and
how the marks a user ticked become attendance (``merge``): a three-way merge
of the state when the register was built, the grid as ticked and "Obecności"
as it is now. A cell the user changed in the register wins; a cell left as it
was keeps what "Obecności" says now; nothing is cleared unless asked.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from kis_xl.domain.finding_types.register import (
    REGISTER_BAD_MARK,
    REGISTER_CLEARED,
    REGISTER_CONFLICT,
    REGISTER_NO_MEETING,
    REGISTER_NOT_ENROLLED,
    REGISTER_STALE,
    REGISTER_UNKNOWN_PARTICIPANT,
)
from kis_xl.domain.findings import Finding
from kis_xl.domain.hours import expected_members
from kis_xl.domain.model import Activity, Attendance, Club, Meeting, Participant
from kis_xl.domain.text import fold

CODES: dict[str, str] = {"obecny": "o", "nieobecny": "n", "usprawiedliwiony": "u"}
"""One letter per mark in the state a register records about itself; other marks are "?"."""
EMPTY = "-"
UNKNOWN = "?"


@dataclass
class Register:
    """One activity's month: the people and meetings of the grid and the marks recorded."""

    activity: Activity
    year: int
    month: int
    meetings: list[Meeting]
    people: list[Participant]
    rows: dict[tuple[str, str], Attendance]
    """(meeting, participant) -> the first attendance row (the one hours count)."""
    expected: dict[str, set[str]]
    """Meeting -> participants expected there (enrolled, taking part that day)."""
    fingerprint: str

    @property
    def label(self) -> str:
        return f"{self.month:02d}.{self.year}"

    def mark(self, meeting: str, participant: str) -> str | None:
        row = self.rows.get((meeting, participant))
        return row.status if row is not None else None

    def state(self, participant: str) -> str:
        """The person's marks in meeting order, one letter each (``CODES``, ``EMPTY``)."""
        return "".join(code(self.mark(m.id, participant)) for m in self.meetings)


def code(status: str | None) -> str:
    return EMPTY if status is None else CODES.get(status, UNKNOWN)


def month_days(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1)


def build_register(
    club: Club, activity: Activity, year: int, month: int, *,
    listed: Callable[[Meeting], list[Participant]] | None = None,
    admitted: Callable[[str], bool] | None = None,
) -> Register:
    """The register of ``activity`` in the month: its meetings and, down the side, whom the
    attendance list of each meeting names (``listed``: the documents' rule, so paper and
    register agree; default: those expected there and those already recorded), by surname.

    A mark may be saved for anyone expected at the meeting (``expected_members``, less those
    ``admitted`` turns away) or already recorded there.
    """
    first, last = month_days(year, month)
    meetings = sorted((m for m in club.meetings if m.activity == activity.id
                       and m.date is not None and first <= m.date <= last),
                      key=lambda m: (m.date or first, m.start or datetime.min.time(), m.id))
    ids = {m.id for m in meetings}
    rows: dict[tuple[str, str], Attendance] = {}
    for att in club.attendance:
        if att.meeting in ids:
            rows.setdefault((att.meeting, att.participant), att)
    enrolments = [e for e in club.enrolments if e.activity == activity.id]

    @functools.cache
    def expected_on(day: date) -> frozenset[str]:
        return frozenset(p.id for p in expected_members(club, activity.id, day, enrolments)
                         if admitted is None or admitted(p.id))

    recorded: dict[str, set[str]] = {m.id: set() for m in meetings}
    for mid, pid in rows:
        recorded[mid].add(pid)
    expected = {m.id: recorded[m.id] | expected_on(m.date or first) for m in meetings}
    wanted: set[str]
    if listed is not None:
        wanted = {p.id for m in meetings for p in listed(m)}
    else:
        wanted = set().union(*expected.values())
    if not meetings:  # nothing held yet: those enrolled during the month, to plan the sheet
        wanted = set(expected_on(first) | expected_on(last))
    people = sorted((p for p in club.participants if p.id in wanted),
                    key=lambda p: (fold(p.last_name), fold(p.first_name), p.id))
    return Register(activity, year, month, meetings, people, rows, expected,
                    fingerprint(attendance_of(club.attendance, ids)))


Row = tuple[str, str, str | None, float | None]
"""What a fingerprint covers of an attendance row: meeting, participant, mark, hours."""


def fingerprint(rows: Iterable[Row]) -> str:
    """A short digest of attendance rows: a register records it for its meetings, and a save
    compares it with "Obecności" as it is then (edited in between or not)."""
    seen = sorted((m, p, s or "", h if h is not None else -1.0) for m, p, s, h in rows)
    return hashlib.sha256(repr(seen).encode()).hexdigest()[:16]


def attendance_of(rows: Iterable[Attendance], meetings: set[str]) -> list[Row]:
    return [(a.meeting, a.participant, a.status, a.hours) for a in rows if a.meeting in meetings]


# ------------------------------------------------------------------ what the sheet held


@dataclass
class GridRow:
    row: int
    """Excel row of the person in the register sheet."""
    participant: str
    """ID as typed (``U001`` or ``U001 – Mazur Aleksandra``), already tidied."""
    state: str | None
    """The person's marks when the register was built (None: a row the user added)."""
    cells: dict[int, Any] = field(default_factory=dict)
    """Excel column -> value of each meeting column."""


@dataclass
class GridColumn:
    col: int
    letter: str
    header: Any


@dataclass
class RegisterGrid:
    """What a register sheet holds, as read back from the workbook."""

    sheet: str
    activity: str
    month: str
    meetings: list[str]
    """Meeting IDs in the order of the state letters (the columns when it was built)."""
    fingerprint: str
    columns: list[GridColumn]
    rows: list[GridRow]


_ID_TOKEN = re.compile(r"\b([A-Za-z]{1,4}\d{1,8})\b")
_DAY = re.compile(r"\b(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?")


def header_meeting(header: Any, activity: str, meetings: list[Meeting],
                   club: Club, year: int) -> tuple[Meeting | None, str]:
    """The meeting a column stands for, or None and how the header named it (for a finding).

    The register writes "03.12 śr · S0186 · 2 h"; a column the user adds may say just a
    date ("17.12", which Excel may turn into a date) or a meeting ID.
    """
    day: date | None = None
    if isinstance(header, datetime | date):
        day = header.date() if isinstance(header, datetime) else header
        text = f"{day:%d.%m.%Y}"
    else:
        text = str(header or "").strip()
    ident = _ID_TOKEN.search(text) if day is None else None
    if ident is not None:
        mid = ident.group(1).upper()
        meeting = club.meeting(mid)
        if meeting is None or meeting.activity != activity:
            return None, f"o ID {mid}"
        return meeting, ""
    if day is None and (found := _DAY.search(text)) is not None:
        try:
            day = date(int(found.group(3) or year), int(found.group(2)), int(found.group(1)))
        except ValueError:
            day = None
    if day is None:
        return None, "o takiej dacie lub ID"
    same = [m for m in meetings if m.date == day]
    same = same or [m for m in club.meetings if m.activity == activity and m.date == day]
    if len(same) == 1:
        return same[0], ""
    return None, f"w dniu {day:%d.%m.%Y}" if not same else f"jednego w dniu {day:%d.%m.%Y}"


# ------------------------------------------------------------------ merge


@dataclass(frozen=True, slots=True)
class Change:
    kind: Literal["new", "changed", "cleared"]
    meeting: str
    participant: str
    old: str | None
    new: str | None
    row: int | None
    """Row of "Obecności" to change (None: a new row is appended)."""
    cell: str


@dataclass
class Merged:
    changes: list[Change]
    findings: list[Finding]
    marks: dict[tuple[str, str], str | None]
    """(meeting, participant) -> the mark after the save, for the register rebuilt."""


def merge(club: Club, register: Register, grid: RegisterGrid, *, clear: bool,
          allowed: list[str], match: Callable[[Any], str | None]) -> Merged:
    """The changes the grid asks for, the findings that stop some of them, the marks after.

    ``match(text)``: the canonical mark for what was typed (aliases such as "x" or "ob"),
    None when it is not on the list ``allowed``.
    """
    work = _Merge(club, register, grid, clear=clear, allowed=allowed, match=match)
    for row in grid.rows:
        work.person(row)
    if grid.fingerprint != register.fingerprint:
        differ = sum(1 for p in register.people for r in grid.rows
                     if r.participant == p.id and r.state is not None
                     and r.state != register.state(p.id))
        work.findings.append(REGISTER_STALE(
            sheet=grid.sheet, changed=f"osób z innymi wpisami niż przy tworzeniu: {differ}"
            if differ else "zmiany poza osobami dziennika"))
    return Merged(work.changes, work.findings, work.marks)


class _Merge:
    """One save's three-way merge, a row of the grid at a time."""

    def __init__(self, club: Club, register: Register, grid: RegisterGrid, *, clear: bool,
                 allowed: list[str], match: Callable[[Any], str | None]) -> None:
        self.club, self.grid, self.clear = club, grid, clear
        self.allowed, self.match = allowed, match
        self.activity = register.activity.id
        self.findings: list[Finding] = []
        self.changes: list[Change] = []
        self.columns = self._columns(register)
        ids = {m.id for m in self.columns.values()}
        self.expected = dict(register.expected)
        for mid in ids - self.expected.keys():
            m = club.meeting(mid)
            day = m.date if m is not None else None
            self.expected[mid] = ({p.id for p in expected_members(club, self.activity, day)}
                                  if day is not None else set())
        self.rows = _first_rows(club.attendance, ids)
        self.marks: dict[tuple[str, str], str | None] = {
            key: att.status for key, att in self.rows.items()}
        self.position = {mid: i for i, mid in enumerate(grid.meetings)}
        self.letters = {c.col: c.letter for c in grid.columns}

    def _columns(self, register: Register) -> dict[int, Meeting]:
        columns: dict[int, Meeting] = {}
        for column in self.grid.columns:
            marked = [r for r in self.grid.rows if _filled(r.cells.get(column.col))]
            meeting, what = header_meeting(column.header, self.activity, register.meetings,
                                           self.club, register.year)
            if meeting is not None:
                columns[column.col] = meeting
            elif marked:
                self.findings.append(REGISTER_NO_MEETING(
                    sheet=self.grid.sheet, row=marked[0].row, column=column.letter,
                    cell=f"{column.letter}{marked[0].row}", header=_said(column.header),
                    activity=self.activity, what=what))
        return columns

    def _where(self, row: GridRow, col: int) -> dict[str, Any]:
        letter = self.letters[col]
        return {"sheet": self.grid.sheet, "row": row.row, "column": letter,
                "participant": row.participant, "cell": f"{letter}{row.row}"}

    def person(self, row: GridRow) -> None:
        """One person's row: written whole, or (a stranger's mark) not at all."""
        filled = [c for c, v in row.cells.items() if c in self.columns and _filled(v)]
        pid = row.participant
        if self.club.participant(pid) is None:
            if filled:
                self.findings.append(REGISTER_UNKNOWN_PARTICIPANT(**self._where(row,
                                                                               min(filled))))
            return
        stray = [c for c in filled if pid not in self.expected[self.columns[c].id]
                 and (self.columns[c].id, pid) not in self.rows]
        if stray:
            m = self.columns[min(stray)]
            self.findings.append(REGISTER_NOT_ENROLLED(
                **self._where(row, min(stray)), activity=self.activity,
                day=f"{m.date:%d.%m.%Y}" if m.date else "?"))
            return
        for col, meeting in self.columns.items():
            self.cell(row, col, meeting)

    def cell(self, row: GridRow, col: int, meeting: Meeting) -> None:
        where = self._where(row, col)
        raw = row.cells.get(col)
        mark = self.match(raw) if _filled(raw) else None
        if _filled(raw) and mark is None:
            self.findings.append(REGISTER_BAD_MARK(**where, value=_said(raw),
                                                   allowed=", ".join(self.allowed)))
            return
        key = (meeting.id, row.participant)
        at = self.rows.get(key)
        current = at.status if at is not None else None
        i = self.position.get(meeting.id)
        was = row.state[i] if row.state is not None and i is not None \
            and i < len(row.state) else UNKNOWN
        # "Obecności" holds another mark than when the register was built
        changed_there = was not in (UNKNOWN, code(current))
        if mark is not None and at is None:
            self._change(Change("new", meeting.id, row.participant, None, mark, None,
                                where["cell"]))
        elif mark is not None and at is not None and mark != current:
            if changed_there and code(mark) == was:
                return  # left as it was in the register, changed on "Obecności": that wins
            if changed_there:
                self.findings.append(REGISTER_CONFLICT(
                    **where, att_row=at.row, meeting=meeting.id, was=_status_of(was),
                    current=current or "", mark=mark))
            self._change(Change("changed", meeting.id, row.participant, current, mark, at.row,
                                where["cell"]))
        elif mark is None and at is not None and current is not None and was != EMPTY:
            if self.clear:
                self._change(Change("cleared", meeting.id, row.participant, current, None,
                                    at.row, where["cell"]))
            else:
                self.findings.append(REGISTER_CLEARED(**where, att_row=at.row,
                                                      meeting=meeting.id, status=current))

    def _change(self, change: Change) -> None:
        self.changes.append(change)
        self.marks[(change.meeting, change.participant)] = change.new


def _first_rows(rows: Iterable[Attendance], meetings: set[str]
                ) -> dict[tuple[str, str], Attendance]:
    out: dict[tuple[str, str], Attendance] = {}
    for att in rows:
        if att.meeting in meetings:
            out.setdefault((att.meeting, att.participant), att)
    return out


def _status_of(letter: str) -> str:
    for status, c in CODES.items():
        if c == letter:
            return status
    return ""


def _filled(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def _said(value: Any) -> str:
    if isinstance(value, datetime | date):
        return f"{value:%d.%m.%Y}"
    return " ".join(str(value or "").split())


def after_save(rows: Iterable[Attendance], changes: Iterable[Change], meetings: Iterable[str]
               ) -> str:
    """The fingerprint "Obecności" will have once ``changes`` are written."""
    changes = list(changes)
    by_row = {c.row: c.new for c in changes if c.row is not None}
    ids = set(meetings)
    tuples = [(m, p, by_row.get(a.row, s), h)
              for a in rows if a.meeting in ids for m, p, s, h in attendance_of([a], ids)]
    tuples += [(c.meeting, c.participant, c.new, None) for c in changes
               if c.row is None and c.meeting in ids]
    return fingerprint(tuples)


def marks_of(register: Register, marks: Mapping[tuple[str, str], str | None]) -> None:
    """Put the marks after a save into the register rebuilt from the club as it was read."""
    for (mid, pid), status in marks.items():
        att = register.rows.get((mid, pid))
        if att is None:
            register.rows[(mid, pid)] = Attendance(0, mid, pid, status)
        elif att.status != status:
            register.rows[(mid, pid)] = Attendance(att.row, mid, pid, status, att.hours,
                                                   att.notes)
