"""``kis-xl hours`` / ribbon "Policz godziny": hours, plan vs delivered, attendance.

Computes ``kis_xl.domain.hours`` on the club and turns it into the generated sheet
"Wynik godzin" (blocks per participant, activity, specialist role and month,
with two native charts) and the public JSON of ``kis-xl hours --json``.
Every number on the sheet comes with a note saying how it was counted, and
totals rows add up the rows above them, so a supervisor can trace each sum.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kis_xl.actions.base import ActionResult
from kis_xl.actions.findings_block import findings_block
from kis_xl.domain.findings import Finding, locate
from kis_xl.domain.hours import (
    NO_TYPE,
    TYPES,
    HoursReport,
    compute_hours,
    hours,
    percent,
    share,
)
from kis_xl.domain.model import Club
from kis_xl.domain.text import plural
from kis_xl.plan.sheetspec import (
    HOURS_FORMAT,
    INT_FORMAT,
    Block,
    Chart,
    Col,
    GeneratedSheet,
    Link,
    Mark,
)
from kis_xl.plan.writeback import WritePlan
from kis_xl.workbook import schema

COMMAND = "kis-xl hours"
IN_PROGRESS = "(w toku)"
"""Label suffix of the current month: it is still running, its low total is not a collapse."""
BELOW = "poniżej progu"
FINDINGS_NOTE = (
    "Problemy znalezione przy odczycie skoroszytu i liczeniu godzin. Kliknij adres w kolumnie "
    "„Miejsce”, aby przejść do komórki; po poprawieniu danych policz godziny ponownie."
)
RATE_FORMAT = "0.0%"
"""One decimal: 79.7 % must not look like the 80 % threshold it is below, and "% planu"
shows the 94,4 % the command line reports (not a rounded 94 %)."""


def hours_action(club: Club, *, today: date | None = None) -> ActionResult:
    """Ribbon/CLI action: compute hours and plan the "Wynik godzin" sheet."""
    today = today or date.today()
    report = compute_hours(club, today=today)
    findings = locate([*club.findings, *report.findings], club.names)
    sheet = hours_sheet(club, report, findings)
    planned, delivered = report.planned_minutes, report.delivered_minutes
    below = sum(p.below_threshold for p in report.participants)
    summary = [
        f"Godziny uczestników: {_h(report.participant_minutes)} h; zrealizowano "
        f"{_h(delivered)} h z planu {_h(planned)} h ({_pct(share(delivered, planned))}).",
        f"Frekwencja poniżej progu {percent(report.threshold)}: {below} "
        f"{plural(below, 'uczestnik', 'uczestników', 'uczestników')}.",
    ]
    return ActionResult(
        command=COMMAND,
        findings=findings,
        payload=hours_payload(report),
        summary=summary,
        plan=WritePlan(COMMAND, f"Policzono godziny i frekwencję. {' '.join(summary)}",
                       sheets=[sheet]),
    )


def hours_payload(report: HoursReport) -> dict[str, Any]:
    """The public JSON of ``kis-xl hours --json`` (README documents it), findings excluded."""
    return {
        "today": report.today.isoformat(),
        "attendance_threshold": report.threshold,
        "participants": [
            {
                "id": p.id,
                "hours_total": p.hours_total,
                "hours_by_type": p.hours_by_type(),
                "attendance_rate": _round(p.attendance_rate),
                "expected_meetings": p.expected,
                "present_meetings": p.present,
                "below_threshold": p.below_threshold,
            }
            for p in report.participants
        ],
        "activities": [
            {
                "id": a.id,
                "name": a.name,
                "type": a.type,
                "form": a.form,
                "specialist": a.specialist,
                "planned_hours": a.planned_hours,
                "delivered_hours": a.delivered_hours,
                "participant_hours": a.participant_hours,
                "meetings": a.meetings,
            }
            for a in report.activities
        ],
        "specialists": [
            {"role": s.role, "planned_hours": s.planned_hours,
             "delivered_hours": s.delivered_hours}
            for s in report.specialists
        ],
        "months": [
            {"month": m.month, "meetings": m.meetings,
             "delivered_hours": hours(m.delivered_minutes),
             "participant_hours": hours(m.participant_minutes)}
            for m in report.months
        ],
        "totals": {
            "participant_hours": hours(report.participant_minutes),
            "planned_hours": hours(report.planned_minutes),
            "delivered_hours": hours(report.delivered_minutes),
        },
    }


# ----------------------------------------------------------------------------- sheet


def hours_sheet(
    club: Club, report: HoursReport, findings: list[Finding] | None = None
) -> GeneratedSheet:
    """The sheet; ``findings`` (default: the reader's and the report's) are listed at its end."""
    spec = schema.sheet("hours_results")
    if findings is None:
        findings = [*club.findings, *report.findings]
    return GeneratedSheet(
        key=spec.key,
        name=spec.name,
        title="Godziny zajęć, realizacja programu i frekwencja",
        subtitle=f"Stan na {report.today:%d.%m.%Y}. Próg frekwencji klubu: "
                 f"{percent(report.threshold)}.",
        blocks=[
            _participants_block(club, report),
            _activities_block(club, report),
            _specialists_block(report),
            _months_block(report),
            findings_block(club, findings, note=FINDINGS_NOTE),
        ],
        charts=[
            Chart("bar", "Plan i realizacja godzin według zajęć", block=1, category_col=0,
                  value_cols=(4, 5), y_title="godziny", skip_last_row=True),
            # One monthly chart: participants' hours follow the specialists' (a group
            # meeting times its attendance), so a second chart told the same story.
            Chart("column", "Zrealizowane godziny zajęć w kolejnych miesiącach", block=3,
                  category_col=0, value_cols=(2,), y_title="godziny", skip_last_row=True),
        ],
    )


def _link(club: Club, sheet_key: str, row: int) -> Link | None:
    layout = club.layouts.get(sheet_key)
    cell = layout.cell("id", row) if layout else None
    return Link(layout.name, cell) if layout and cell else None


def _participants_block(club: Club, report: HoursReport) -> Block:
    types = list(TYPES)
    if any(p.minutes_by_type.get(NO_TYPE) for p in report.participants):
        types.append(NO_TYPE)
    columns = [Col("ID uczestnika", 13), Col("Razem godzin", 12, HOURS_FORMAT)]
    # 14 wide (bold "zatrudnieniowe" fits): the tables then print one A4 page wide at 8 pt or more.
    columns += [Col(t, 14, HOURS_FORMAT) for t in types]
    columns += [Col("Spotkania oczekiwane", 11, INT_FORMAT), Col("Obecności", 11, INT_FORMAT),
                Col("Frekwencja", 11, RATE_FORMAT), Col("Uwagi", 16)]
    rows: list[list[Any]] = []
    marks: list[Mark | None] = []
    links: dict[tuple[int, int], Link] = {}
    for i, p in enumerate(report.participants):
        rows.append([
            p.id, hours(p.minutes_total),
            *(hours(p.minutes_by_type.get(t, 0)) for t in types),
            p.expected, p.present, _round(p.attendance_rate),
            f"{BELOW} ({percent(report.threshold)})" if p.below_threshold else
            ("brak spotkań" if not p.expected else None),
        ])
        marks.append("warning" if p.below_threshold else None)
        link = _link(club, "participants", p.row)
        if link:
            links[(i, 0)] = link
    expected = sum(p.expected for p in report.participants)
    present = sum(p.present for p in report.participants)
    rows.append([
        "Razem", hours(report.participant_minutes),
        *(hours(sum(p.minutes_by_type.get(t, 0) for p in report.participants)) for t in types),
        expected, present, _round(share(present, expected)), None,
    ])
    marks.append("total")
    return Block(
        "Godziny i frekwencja uczestników",
        columns, rows, links=links, marks=marks,
        note="Liczą się obecności „obecny” (usprawiedliwiony = nieobecny): godziny spotkania "
             "albo godziny wpisane przy obecności. Frekwencja = obecności ÷ spotkania, na "
             "które uczestnik był oczekiwany (zapisy na zajęcia, okres uczestnictwa, wpisy "
             "w Obecnościach). Nazwiska: kliknij ID." + _skipped_note(report),
    )


def _activities_block(club: Club, report: HoursReport) -> Block:
    # The name shares column A with the other blocks' labels, so columns B… stay narrow.
    columns = [Col("Zajęcia (ID i nazwa)", 38, wrap=True), Col("Rodzaj", 14), Col("Forma", 12),
               Col("Specjalista", 18, wrap=True), Col("Plan godzin", 10, HOURS_FORMAT),
               Col("Zrealizowano godzin", 12, HOURS_FORMAT),
               Col("% planu", 9, RATE_FORMAT), Col("Spotkania", 10, INT_FORMAT),
               Col("Godziny uczestników", 12, HOURS_FORMAT)]
    rows: list[list[Any]] = []
    links: dict[tuple[int, int], Link] = {}
    marks: list[Mark | None] = []
    for i, a in enumerate(report.activities):
        rows.append([f"{a.id} {a.name}" if a.name != a.id else a.id, a.type, a.form,
                     a.specialist, a.planned_hours,
                     a.delivered_hours, _round(a.completion), a.meetings, a.participant_hours])
        marks.append("muted" if not a.meetings else None)
        link = _link(club, "activities", a.row)
        if link:
            links[(i, 0)] = link
    planned, delivered = report.planned_minutes, report.delivered_minutes
    rows.append(["Razem", None, None, None, hours(planned), hours(delivered),
                 _round(share(delivered, planned)),
                 sum(a.meetings for a in report.activities),
                 hours(sum(a.participant_minutes for a in report.activities))])
    marks.append("total")
    return Block(
        "Realizacja planu według zajęć",
        columns, rows, links=links, marks=marks,
        note="Plan: grupowe = spotkania × godziny na spotkanie; indywidualne = godziny na "
             "osobę × liczba osób. Zrealizowano: spotkanie grupowe liczy się raz, "
             "indywidualne – za każdego obecnego. Godziny uczestników = suma godzin obecnych.",
    )


def _specialists_block(report: HoursReport) -> Block:
    columns = [Col("Specjalista", 30, wrap=True), Col("Liczba zajęć", 10, INT_FORMAT),
               Col("Plan godzin", 10, HOURS_FORMAT), Col("Zrealizowano godzin", 12, HOURS_FORMAT),
               Col("% planu", 9, RATE_FORMAT)]
    rows: list[list[Any]] = [
        [s.role, s.activities, s.planned_hours, s.delivered_hours, _round(s.completion)]
        for s in report.specialists
    ]
    planned, delivered = report.planned_minutes, report.delivered_minutes
    rows.append(["Razem", len(report.activities), hours(planned), hours(delivered),
                 _round(share(delivered, planned))])
    return Block("Realizacja według specjalistów", columns, rows,
                 marks=_total_last(len(report.specialists)),
                 note="Suma zajęć prowadzonych przez daną rolę (tabela wyżej).")


def _months_block(report: HoursReport) -> Block:
    columns = [Col("Miesiąc", 18), Col("Spotkania", 10, INT_FORMAT),
               Col("Godziny specjalistów", 12, HOURS_FORMAT),
               Col("Godziny uczestników", 12, HOURS_FORMAT)]
    running = f"{report.today:%Y-%m}"
    rows: list[list[Any]] = [
        [f"{m.label} {IN_PROGRESS}" if m.month == running else m.label, m.meetings,
         hours(m.delivered_minutes), hours(m.participant_minutes)]
        for m in report.months
    ]
    marks: list[Mark | None] = ["muted" if m.month == running else None for m in report.months]
    rows.append(["Razem", sum(m.meetings for m in report.months),
                 hours(sum(m.delivered_minutes for m in report.months)),
                 hours(sum(m.participant_minutes for m in report.months))])
    return Block("Godziny według miesięcy", columns, rows, marks=[*marks, "total"],
                 note="Godziny specjalistów liczone jak „Zrealizowano”, godziny uczestników "
                      "jak w pierwszej tabeli; miesiąc według daty spotkania. Miesiąc "
                      f"„{IN_PROGRESS}” jeszcze trwa: liczone są spotkania do dziś.")


_SKIP_LABELS = {
    # Accusative after "Pominięto" (1 / 2–4 / 5+): "Pominięto 1 powtórzoną obecność".
    "meeting_no_date": ("spotkanie bez daty", "spotkania bez daty", "spotkań bez daty"),
    "meeting_future": ("spotkanie z przyszłą datą", "spotkania z przyszłą datą",
                       "spotkań z przyszłą datą"),
    "meeting_no_activity": ("spotkanie bez poprawnego ID zajęć",
                            "spotkania bez poprawnego ID zajęć",
                            "spotkań bez poprawnego ID zajęć"),
    "attendance_unknown_reference": ("obecność z nieznanym spotkaniem lub uczestnikiem",
                                     "obecności z nieznanym spotkaniem lub uczestnikiem",
                                     "obecności z nieznanym spotkaniem lub uczestnikiem"),
    "attendance_uncounted_meeting": ("obecność na niepoliczonym spotkaniu",
                                     "obecności na niepoliczonych spotkaniach",
                                     "obecności na niepoliczonych spotkaniach"),
    "attendance_duplicate": ("powtórzoną obecność", "powtórzone obecności",
                             "powtórzonych obecności"),
    "attendance_outside_participation": ("obecność poza okresem uczestnictwa",
                                         "obecności poza okresem uczestnictwa",
                                         "obecności poza okresem uczestnictwa"),
}


def _skipped_note(report: HoursReport) -> str:
    parts = []
    for key, n in report.skipped.items():
        if n:
            forms = _SKIP_LABELS.get(key, (key, key, key))
            parts.append(f"{n} {plural(n, *forms)}")
    if not parts:
        return ""
    return f" Pominięto {', '.join(parts)} (zob. tabelę „Ustalenia” na końcu arkusza)."


def _total_last(n: int) -> list[Mark | None]:
    """Marks of a block with ``n`` plain rows followed by its totals row."""
    return [*([None] * n), "total"]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _h(minutes: int) -> str:
    return f"{hours(minutes):g}".replace(".", ",")


def _pct(value: float | None) -> str:
    return "brak planu" if value is None else percent(value)
