"""``kis-xl timetable`` / ribbon "Harmonogram tygodnia": the club's week as a print-ready sheet.

Reads the sheets "Harmonogram" and "Partnerzy", runs the same checks as ``kis-xl check``
(``kis_xl.domain.rules.club_week``: information point, partner agreements) and plans the generated
sheet "Harmonogram tygodnia": the week by day and hour (for the notice board), the
information point's hours against the recommended 6 h, and the partners with their
agreements and the activities they run. The Word version is ``kis-xl docs PLIK harmonogram``.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from kis_xl.actions.base import ActionResult
from kis_xl.actions.findings_block import findings_block
from kis_xl.documents.contexts import timetable_rows
from kis_xl.domain.finding_types.club_week import INFO_POINT_BASIS
from kis_xl.domain.findings import Finding, locate
from kis_xl.domain.model import Club
from kis_xl.domain.rules import club_week
from kis_xl.domain.rules.base import Ctx, fmt
from kis_xl.domain.rules.profiles import for_settings
from kis_xl.domain.text import plural
from kis_xl.plan.sheetspec import DATE_FORMAT, Block, Col, GeneratedSheet, Link, Mark
from kis_xl.plan.writeback import WritePlan
from kis_xl.workbook import schema

COMMAND = "kis-xl timetable"
FINDINGS_NOTE = (
    "Problemy harmonogramu i porozumień z partnerami (te same co w kontroli). Kliknij adres "
    "w kolumnie „Miejsce”, aby przejść do komórki."
)
_STATE_MARKS: dict[str, Mark] = {club_week.EXPIRING: "warning", club_week.EXPIRED: "warning",
                                 "błędne daty": "error"}


def timetable_action(club: Club, *, today: date | None = None) -> ActionResult:
    """Ribbon/CLI action: check the week and the partners, plan "Harmonogram tygodnia"."""
    today = today or date.today()
    ctx = Ctx.build(club, for_settings(club.settings), today)
    findings = locate([*club.findings, *club_week.check(ctx)], club.names)
    point = club_week.info_point(club.timetable)
    states = [club_week.agreement_state(p, today).state for p in club.partners]
    expiring = sum(s in (club_week.EXPIRING, club_week.EXPIRED) for s in states)
    verdict = "zgodnie z zaleceniem" if point.ok else "niezgodnie z zaleceniem"
    n = len(club.timetable)
    summary = [
        f"Harmonogram: {n} {plural(n, 'wpis', 'wpisy', 'wpisów')}; punkt informacyjny czynny "
        f"{_h(point.minutes)} h tygodniowo ({verdict}: co najmniej 6 h, przed i po południu).",
        f"Partnerzy: {len(club.partners)}; porozumienia wygasające w ciągu "
        f"{club_week.EXPIRY_WARNING_DAYS} dni lub wygasłe: {expiring}.",
    ]
    payload = {
        "today": today.isoformat(),
        "slots": [
            {"row": r.row, "weekday": r.day, "start": _t(r.start), "end": _t(r.end),
             "name": r.name, "kind": r.kind, "leader": r.leader, "place": r.place,
             "group": r.group, "partner": r.partner}
            for r in timetable_rows(club)
        ],
        "info_point": {"hours": point.hours, "morning_hours": round(point.morning / 60, 2),
                       "afternoon_hours": round(point.afternoon / 60, 2), "ok": point.ok},
        "partners": [
            {"row": p.row, "name": p.name, "type": p.type,
             "agreement_date": p.agreement_date.isoformat() if p.agreement_date else None,
             "agreement_end": p.agreement_end.isoformat() if p.agreement_end else None,
             "agreement_state": state,
             "activities": sorted({s.name for s in club_week.partner_slots(club, p) if s.name})}
            for p, state in zip(club.partners, states, strict=True)
        ],
    }
    sheet = timetable_sheet(club, today, findings)
    return ActionResult(
        command=COMMAND, findings=findings, payload=payload, summary=summary,
        plan=WritePlan(COMMAND, f"Zestawiono harmonogram tygodnia. {' '.join(summary)}",
                       sheets=[sheet]),
    )


def timetable_sheet(club: Club, today: date, findings: list[Finding]) -> GeneratedSheet:
    spec = schema.sheet("timetable_results")
    blocks = [_week_block(club), _info_point_block(club), _partners_block(club, today)]
    if findings:
        blocks.append(findings_block(club, findings, note=FINDINGS_NOTE))
    return GeneratedSheet(
        key=spec.key, name=spec.name,
        title=f"Harmonogram zajęć w tygodniu – {club.settings.club_name or 'klub'}",
        subtitle=f"Stan na {today:%d.%m.%Y}. Do wydruku na tablicę ogłoszeń; dane z arkuszy "
                 "„Harmonogram” i „Partnerzy”.",
        blocks=blocks,
    )


def _link(club: Club, sheet_key: str, column_key: str, row: int) -> Link | None:
    layout = club.layouts.get(sheet_key)
    cell = layout.cell(column_key, row) if layout else None
    return Link(layout.name, cell) if layout and cell else None


def _week_block(club: Club) -> Block:
    rows: list[list[Any]] = []
    marks: list[Mark | None] = []
    links: dict[tuple[int, int], Link] = {}
    for i, r in enumerate(timetable_rows(club)):
        hours = f"{_t(r.start)}–{_t(r.end)}" if r.start and r.end else None
        rows.append([r.day if r.first else None, hours, r.name, r.kind, r.leader, r.place,
                     r.group, r.partner])
        marks.append("info" if r.info_point else None)
        # the link sits on the hours: LibreOffice shows a linked cell as one unwrapped field
        link = _link(club, "timetable", "start", r.row)
        if link:
            links[(i, 1)] = link
    return Block(
        "Tydzień klubu",
        [Col("Dzień", 14), Col("Godziny", 12), Col("Zajęcia lub dyżur", 34, wrap=True),
         Col("Rodzaj", 16, wrap=True), Col("Prowadzący", 20, wrap=True),
         Col("Miejsce", 22, wrap=True), Col("Grupa", 20, wrap=True),
         Col("Partner prowadzący", 24, wrap=True)],
        rows, links, marks,
        note="Dyżury punktu informacyjnego są wyróżnione. Kliknij godziny, aby przejść do "
             "wiersza arkusza „Harmonogram”.",
    )


def _info_point_block(club: Club) -> Block:
    point = club_week.info_point(club.timetable)
    verdict = "spełnione" if point.ok else "niespełnione"
    return Block(
        "Punkt informacyjny",
        [Col("Wartość", 14), Col("Co", 12)],
        [[_h(point.minutes), "godzin dyżurów w tygodniu"],
         [_h(point.morning), "w tym przed 12:00"],
         [_h(point.afternoon), "w tym od 12:00"],
         [verdict, "zalecenie: co najmniej 6 h tygodniowo, przed i po południu"]],
        marks=[None, None, None, "ok" if point.ok else "warning"],
        note=f"Podstawa: {INFO_POINT_BASIS}.",
    )


def _partners_block(club: Club, today: date) -> Block:
    rows: list[list[Any]] = []
    marks: list[Mark | None] = []
    for p in club.partners:
        state = club_week.agreement_state(p, today)
        text = state.state
        if state.state == club_week.EXPIRING:
            text = f"wygasa {fmt(p.agreement_end)}"
        elif state.state == club_week.EXPIRED:
            text = f"wygasło {fmt(p.agreement_end)}"
        runs = sorted({s.name for s in club_week.partner_slots(club, p) if s.name})
        contact = ", ".join(x for x in (p.contact_person, p.phone, p.email) if x) or None
        rows.append([p.agreement_end, text, p.name, p.type, contact, p.scope,
                     "; ".join(runs) or None])
        marks.append(_STATE_MARKS.get(state.state))
    return Block(
        "Partnerzy klubu",
        [Col("Porozumienie do", 14, DATE_FORMAT), Col("Stan", 12, wrap=True),
         Col("Partner", 34, wrap=True), Col("Rodzaj", 16, wrap=True),
         Col("Kontakt", 20, wrap=True), Col("Zakres współpracy", 22, wrap=True),
         Col("Prowadzone zajęcia", 20, wrap=True)],
        rows, marks=marks,
        note=f"Ostrzeżenie {club_week.EXPIRY_WARNING_DAYS} dni przed końcem porozumienia "
             "i po jego upływie; puste „Porozumienie do” = bezterminowe.",
    )


def _t(t: time | None) -> str | None:
    return f"{t.hour}:{t.minute:02d}" if t is not None else None


def _h(minutes: int) -> str:
    return f"{round(minutes / 60, 2):g}".replace(".", ",")
