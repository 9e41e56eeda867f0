"""``kis-xl dziennik``: the monthly attendance register of one activity, and saving it back.

Building writes a sheet "Dziennik Z03 12.2026" (people down the side, the month's
meetings across the top, a dropdown in every cell, totals as formulas, one A4
landscape page) showing what "Obecności" already records. Below the grid the
sheet keeps what it was built from (activity, month, meetings, a fingerprint
of their attendance rows) and, in a hidden column, each person's marks as they
were: a save (``--zapisz``) can then tell a mark the user changed in the
register from one changed on "Obecności" in between (``domain.register.merge``).
A save changes the status of existing attendance rows, appends rows for new
marks, deletes nothing, and rebuilds the register from the result.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kis_xl.actions.base import ActionResult
from kis_xl.actions.meeting import find_activity, row_cells, row_headers, sheet_layout
from kis_xl.domain import vocab
from kis_xl.domain.finding_types.register import REGISTER_TWICE
from kis_xl.domain.findings import Finding, locate
from kis_xl.domain.hours import PRESENT, meeting_minutes
from kis_xl.domain.model import Activity, Club
from kis_xl.domain.register import (
    Change,
    GridColumn,
    GridRow,
    Register,
    RegisterGrid,
    after_save,
    build_register,
    marks_of,
    merge,
)
from kis_xl.domain.text import column_letter, fold, number, plural
from kis_xl.plan.errors import KisError
from kis_xl.plan.sheetspec import (
    HOURS_FORMAT,
    INT_FORMAT,
    Block,
    Choice,
    Col,
    Formula,
    GeneratedSheet,
)
from kis_xl.plan.writeback import ColumnUpdate, RowAppend, WritePlan

SHEETS = None
"""The register reads every sheet: whom it lists, like the attendance list, depends on the
check's verdict (rejected and refused people are not invited)."""
NAME_HEADER = "Nazwisko i imię"
ID_HEADER = "ID uczestnika"
COUNT_HEADER = "Obecności"
HOURS_HEADER = "Godziny"
STATE_HEADER = "Stan przy utworzeniu"
TOTAL_LABEL = "Razem obecnych"
KEYS = {"activity": "Zajęcia", "month": "Miesiąc", "meetings": "Spotkania",
        "fingerprint": "Odcisk „Obecności”"}
"""Labels of the rows below the grid that say what the register was built from."""
MONTHS = ("styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień",
          "wrzesień", "październik", "listopad", "grudzień")
WEEKDAYS = ("pn", "wt", "śr", "czw", "pt", "sob", "nd")
_MONTH = re.compile(r"^\s*(\d{1,2})\s*[./-]\s*(\d{4})\s*$|^\s*(\d{4})\s*[./-]\s*(\d{1,2})\s*$")


def parse_month(text: str) -> tuple[int, int]:
    """``12.2026`` (or ``2026-12``) -> (2026, 12); a Polish message otherwise."""
    found = _MONTH.match(text or "")
    if found is not None:
        month = int(found.group(1) or found.group(4))
        year = int(found.group(2) or found.group(3))
        if 1 <= month <= 12:
            return year, month
    raise KisError(f"Nieprawidłowy miesiąc „{text}”. Podaj go jako mm.rrrr, np. 12.2026.")


def sheet_name(activity: str, year: int, month: int) -> str:
    """The register's sheet: "Dziennik Z03 12.2026" (Excel allows 31 characters)."""
    return f"Dziennik {activity[:14]} {month:02d}.{year}"


def command_of(activity: str, year: int, month: int, *, save: bool = False,
               clear: bool = False) -> str:
    text = f"kis-xl dziennik --zajecia {activity} --miesiac {month:02d}.{year}"
    return text + (" --zapisz" if save else "") + (" --wyczysc" if clear else "")


def register_action(
    club: Club,
    *,
    activity: str | None = None,
    month: str | None = None,
    save: bool = False,
    clear: bool = False,
    replace: bool = False,
    sheet: str | None = None,
    source: Path | None = None,
    today: date | None = None,
) -> ActionResult:
    """Build the register of ``activity`` and ``month`` (mm.rrrr), or save it (``save``).

    ``sheet``: the register sheet to save (the ribbon passes the active sheet; default the
    one named after the activity and month). ``source``: the workbook file the register is
    read from (the ribbon's copy of the open workbook; default the file the club was read
    from). ``replace``: build over a register whose marks were not saved.
    """
    path = source or club.source
    grids = _register_grids(path)
    if sheet is not None:
        grid = _grid(grids, sheet)
        activity, month = activity or grid.activity, month or grid.month
    if not activity or not month:
        raise KisError("Podaj zajęcia i miesiąc dziennika, np. --zajecia Z03 --miesiac "
                       "12.2026.")
    act = find_activity(club, activity)
    year, mon = parse_month(month)
    name = sheet or sheet_name(act.id, year, mon)
    register = _register(club, act, year, mon, today or date.today())
    if save:
        return _save(club, register, _grid(grids, name), grids, clear=clear)
    if not replace and _find(grids, name) is not None:
        old = _grid(grids, name)
        pending = merge(club, register, old, clear=False, allowed=_allowed(club),
                        match=_matcher(club)).changes
        if pending:
            raise KisError(
                f"Arkusz „{old.sheet}” ma {len(pending)} niezapisanych "
                f"{plural(len(pending), 'zmianę', 'zmiany', 'zmian')} (np. komórka "
                f"{pending[0].cell}). Zapisz je najpierw (przycisk „Zapisz dziennik”, "
                f"{command_of(act.id, year, mon, save=True)}) albo utwórz dziennik od nowa "
                "z opcją --nadpisz (niezapisane znaki przepadną). Nic nie zostało zmienione.")
    command = command_of(act.id, year, mon)
    built = register_sheet(register, name, command, _allowed(club))
    people, meetings = len(register.people), len(register.meetings)
    what = (f"dziennik obecności „{name}”: {people} "
            f"{plural(people, 'osoba', 'osoby', 'osób')}, {meetings} "
            f"{plural(meetings, 'spotkanie', 'spotkania', 'spotkań')}")
    return ActionResult(
        command=command,
        findings=locate(club.findings, club.names),
        payload={"register": _payload(register, name)},
        summary=[f"Utworzono {what}.",
                 f"Wybierz obecność w komórkach arkusza „{name}” i kliknij „Zapisz dziennik” "
                 f"({command_of(act.id, year, mon, save=True)})."],
        plan=WritePlan(command, f"Utworzono {what}.", sheets=[built]),
    )


def _register(club: Club, act: Activity, year: int, month: int, today: date) -> Register:
    """The register with the people the attendance lists of its meetings name (the
    documents' rule: recorded, else expected and not turned away by the check)."""
    from kis_xl.documents.contexts import ClubData, expected_participants, not_admitted

    data = ClubData(club, today)
    turned_away = {p.id for p in club.participants if not_admitted(data, p.id)}
    return build_register(club, act, year, month,
                          listed=lambda m: expected_participants(data, m),
                          admitted=lambda pid: pid not in turned_away)


def _save(club: Club, register: Register, grid: RegisterGrid,
          grids: dict[str, Any], *, clear: bool) -> ActionResult:
    act = register.activity
    if grid.activity != act.id or grid.month != register.label:
        raise KisError(f"Arkusz „{grid.sheet}” jest dziennikiem zajęć {grid.activity} za "
                       f"{grid.month}, a nie {act.id} za {register.label}.")
    merged = merge(club, register, grid, clear=clear, allowed=_allowed(club),
                   match=_matcher(club))
    findings: list[Finding] = [*merged.findings, *_twins(grids, grid)]
    command = command_of(act.id, register.year, register.month, save=True, clear=clear)
    plan = _plan(club, merged.changes, command)
    ids = {m.id for m in register.meetings}
    marks_of(register, merged.marks)
    register.fingerprint = after_save(club.attendance, merged.changes, ids)
    plan.sheets.append(register_sheet(register, grid.sheet,
                                      command_of(act.id, register.year, register.month),
                                      _allowed(club)))
    counts = {k: sum(c.kind == k for c in merged.changes) for k in ("new", "changed",
                                                                       "cleared")}
    done = (f"dodano {counts['new']}, zmieniono {counts['changed']}, wyczyszczono "
            f"{counts['cleared']} {plural(counts['cleared'], 'wpis', 'wpisy', 'wpisów')}")
    skipped = sum(f.severity == "error" for f in findings)
    summary = [f"Zapisano dziennik „{grid.sheet}” w arkuszu „{club.names.sheet('attendance')}”: "
               f"{done}."]
    if skipped:
        summary.append(f"Pominięto {skipped} {plural(skipped, 'miejsce', 'miejsca', 'miejsc')} "
                       "z błędami (lista poniżej): popraw je w dzienniku i zapisz ponownie.")
    plan.summary = " ".join([*summary, *_details(merged.changes)])
    return ActionResult(
        command=command,
        findings=locate([*club.findings, *findings], club.names),
        payload={"register": _payload(register, grid.sheet),
                 "changes": [_change(c) for c in merged.changes]},
        summary=summary,
        plan=plan,
    )


def _plan(club: Club, changes: list[Change], command: str) -> WritePlan:
    """Changed marks into the status column (only their rows), new marks as new rows."""
    attendance = sheet_layout(club, "attendance")
    plan = WritePlan(command, "")
    changed = {c.row: c.new for c in changes if c.row is not None}
    if changed:
        plan.columns.append(ColumnUpdate(
            attendance.name, attendance.header_row, attendance.headers["status"],
            attendance.columns["status"], changed, last_row=attendance.header_row))
    rows = [row_cells(attendance, {"meeting": c.meeting, "participant": c.participant,
                              "status": c.new}) for c in changes if c.row is None]
    if rows:
        plan.appends.append(RowAppend(attendance.name, attendance.header_row,
                                      row_headers(attendance, rows[0]), rows))
    return plan


def _details(changes: list[Change], limit: int = 40) -> list[str]:
    """The change log's account of each mark written (the first ``limit``)."""
    if not changes:
        return []
    said = [f"{c.participant} {c.meeting}: {c.old or 'puste'} → {c.new or 'puste'}"
            for c in changes[:limit]]
    more = f" i {len(changes) - limit} innych" if len(changes) > limit else ""
    return [f"Zmiany: {'; '.join(said)}{more}."]


def _change(c: Change) -> dict[str, Any]:
    return {"kind": c.kind, "meeting": c.meeting, "participant": c.participant,
            "old": c.old, "new": c.new, "attendance_row": c.row, "cell": c.cell}


def _payload(register: Register, name: str) -> dict[str, Any]:
    return {
        "sheet": name,
        "activity": register.activity.id,
        "month": register.label,
        "meetings": [{"id": m.id, "date": m.date.isoformat() if m.date else None}
                     for m in register.meetings],
        "participants": [p.id for p in register.people],
        "marks": {f"{mid}/{pid}": att.status for (mid, pid), att in register.rows.items()
                  if att.status is not None},
    }


def _allowed(club: Club) -> list[str]:
    values = list(vocab.BY_KEY["obecnosc"].values)
    return [*values, *(v for v in club.club_terms.get("obecnosc", []) if v not in values)]


def _matcher(club: Club) -> Any:
    terms = vocab.BY_KEY["obecnosc"]
    extra = club.club_terms.get("obecnosc", [])
    return lambda raw: terms.match(raw, extra)


# ------------------------------------------------------------------ the sheet


def register_sheet(register: Register, name: str, command: str,
                   allowed: list[str]) -> GeneratedSheet:
    """The register as a generated sheet the user ticks (``GeneratedSheet.entry``)."""
    act = register.activity
    meetings = register.meetings
    hours = [(meeting_minutes(m) or 0) / 60 for m in meetings]
    first, last = 2, 2 + len(meetings) - 1  # indexes in the block: columns C…

    def letter(index: int) -> str:
        return column_letter(index + 1)

    span = f"{letter(first)}{{row}}:{letter(last)}{{row}}"
    sums = "+".join(f'({letter(first + i)}{{row}}="{PRESENT}")*{h:g}'
                    for i, h in enumerate(hours) if h)
    count = Formula(f'=COUNTIF({span},"{PRESENT}")') if meetings else 0
    total = Formula("=" + sums) if sums else 0
    columns = [Col(NAME_HEADER, 26), Col(ID_HEADER, 10)]
    columns += [Col(_header(m, h), 9) for m, h in zip(meetings, hours, strict=True)]
    columns += [Col(COUNT_HEADER, 10, INT_FORMAT), Col(HOURS_HEADER, 9, HOURS_FORMAT),
                Col(STATE_HEADER, 8, hidden=True)]
    rows: list[list[Any]] = []
    for p in register.people:
        marks: list[Any] = [register.mark(m.id, p.id) for m in meetings]
        rows.append([f"{p.last_name or ''} {p.first_name or ''}".strip() or p.id, p.id, *marks,
                     count, total, register.state(p.id)])
    totals: list[Any] = [TOTAL_LABEL, None]
    for i in range(len(meetings) + 2):
        col = letter(first + i)
        totals.append(Formula(f'=COUNTIF({col}{{first}}:{col}{{above}},"{PRESENT}")')
                      if i < len(meetings) else Formula(f"=SUM({col}{{first}}:{col}{{above}})"))
    if rows:
        rows.append([*totals, None])
    grid = Block(f"Obecności – {MONTHS[register.month - 1]} {register.year}", columns, rows,
                 marks=[*([None] * (len(rows) - 1)), "total"] if rows else None)
    about = Block(
        "Dane dziennika", [Col("Dane dziennika", 26), Col("Wartość", 10)],
        [[KEYS["activity"], act.id], [KEYS["month"], register.label],
         [KEYS["meetings"], " ".join(m.id for m in meetings)],
         [KEYS["fingerprint"], register.fingerprint]],
        note="Program odczytuje te dane przy zapisie dziennika: nie zmieniaj ich.")
    choices = ([Choice(0, (first, last), (0, len(register.people) - 1), tuple(allowed))]
               if meetings and register.people else [])
    leader = f" · prowadzący: {act.leader}" if act.leader else ""
    return GeneratedSheet(
        "register", name, f"Dziennik obecności – {act.id} {act.name or ''}".strip(),
        [grid, about],
        subtitle=f"{MONTHS[register.month - 1].capitalize()} {register.year}{leader}. "
                 f"W komórkach wybierz: {', '.join(allowed)}.",
        entry=f"przycisk „Zapisz dziennik” ({command} --zapisz)",
        choices=choices,
    )


def _header(m: Any, hours: float) -> str:
    day = m.date
    said = f"{number(hours)} h" if hours else "? h"
    return f"{day:%d.%m} {WEEKDAYS[day.weekday()]}\n{m.id}\n{said}"


# ------------------------------------------------------------------ reading it back


def _register_grids(path: Path | None) -> dict[str, Any]:
    """Lazy grids of the register sheets of the workbook file (none without a file)."""
    if path is None:
        return {}
    from kis_xl.workbook.reader import open_grids

    return {n: g for n, g in open_grids(Path(path)).items() if fold(n).startswith("dziennik ")}


def _find(grids: dict[str, Any], name: str) -> str | None:
    return next((n for n in grids if fold(n) == fold(name)), None)


def _grid(grids: dict[str, Any], name: str) -> RegisterGrid:
    found = _find(grids, name)
    if found is None:
        raise KisError(f"Nie ma arkusza „{name}” z dziennikiem obecności. Utwórz go przyciskiem "
                       "„Dziennik obecności” (kis-xl dziennik PLIK --zajecia … --miesiac …).")
    grid = read_register(found, grids[found]())
    if grid is None:
        raise KisError(f"Arkusz „{found}” nie jest dziennikiem obecności utworzonym przez "
                       f"program (brak tabeli „{NAME_HEADER}” i danych dziennika pod nią). "
                       "Utwórz dziennik przyciskiem „Dziennik obecności”.")
    return grid


def read_register(name: str, rows: list[list[Any]]) -> RegisterGrid | None:
    """What a register sheet holds (grid, its hidden states, what it was built from)."""
    from kis_xl.workbook.values import parse_id

    def at(r: int, c: int) -> Any:
        row = rows[r] if r < len(rows) else []
        return row[c] if c < len(row) else None

    header = next((r for r in range(len(rows)) if fold(at(r, 0)) == fold(NAME_HEADER)
                   and fold(at(r, 1)) == fold(ID_HEADER)), None)
    about = {fold(at(r, 0)): at(r, 1) for r in range(len(rows))}
    facts = {k: about.get(fold(label)) for k, label in KEYS.items()}
    if header is None or not facts["activity"] or not facts["month"]:
        return None
    heads = rows[header]
    end = next((c for c in range(2, len(heads)) if fold(heads[c]) == fold(COUNT_HEADER)),
               len(heads))
    state = next((c for c in range(end, len(heads)) if fold(heads[c]) == fold(STATE_HEADER)),
                 None)
    columns = [GridColumn(c + 1, column_letter(c + 1), heads[c]) for c in range(2, end)]
    people: list[GridRow] = []
    for r in range(header + 1, len(rows)):
        label, ident = at(r, 0), at(r, 1)
        if fold(label) == fold(TOTAL_LABEL) or (not fold(label) and not fold(ident)):
            break
        if not fold(ident):
            continue
        said = at(r, state) if state is not None else None
        people.append(GridRow(r + 1, parse_id(str(ident).split()[0]),
                              str(said) if said not in (None, "") else None,
                              {c + 1: at(r, c) for c in range(2, end)}))
    return RegisterGrid(name, parse_id(facts["activity"]), _month_text(facts["month"]),
                        str(facts["meetings"] or "").split(), str(facts["fingerprint"] or ""),
                        columns, people)


def _month_text(value: Any) -> str:
    if isinstance(value, datetime | date):  # Excel may read "12.2026" as a date
        return f"{value:%m.%Y}"
    return str(value).strip()


def _twins(grids: dict[str, Any], grid: RegisterGrid) -> list[Finding]:
    """Other register sheets of the same activity and month (a copied sheet, say)."""
    out = []
    for other, load in grids.items():
        if fold(other) == fold(grid.sheet):
            continue
        twin = read_register(other, load())
        if twin is not None and (twin.activity, twin.month) == (grid.activity, grid.month):
            out.append(REGISTER_TWICE(sheet=grid.sheet, other=other, activity=grid.activity,
                                      month=grid.month))
    return out
