"""``kis-xl check`` / ribbon "Sprawdź uczestników": eligibility, admission and data checks.

Reads nothing and writes nothing itself: it takes the club the front read,
runs the rules as of ``today`` and returns the findings, a JSON payload, a
Polish summary and a plan (the sheet "Wynik kontroli" plus the status
columns of the participants sheet).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kis_xl.actions.base import ActionResult
from kis_xl.domain.findings import locate, summarize
from kis_xl.domain.model import Club
from kis_xl.plan.writeback import WritePlan

COMMAND = "kis-xl check"


def check(club: Club, *, today: date | None = None) -> ActionResult:
    """Check every participant and the workbook's data; statuses and findings to write back."""
    from kis_xl.actions import check_report
    from kis_xl.domain import vocab
    from kis_xl.domain.rules import evaluate

    day = today or date.today()
    ev = evaluate(club, today=day)
    ev.findings = locate(ev.findings, club.names)  # the workbook's own names, from here on
    statuses = ev.status_counts()
    severities = summarize(ev.findings)
    admitted = sum(s.admitted for s in ev.statuses)  # whom the annual report counts
    payload: dict[str, Any] = {
        "command": "check",
        "profile": ev.profile.key,
        "today": day.isoformat(),
        "participants": [s.to_dict() for s in ev.statuses],
        "summary": {"profile": ev.profile.key, "participants": len(ev.statuses),
                    "statuses": statuses, "admitted": admitted},
    }
    status_text = ", ".join(
        f"{t.value}: {statuses[t.code]}" for t in vocab.ELIGIBILITY_STATUSES.terms
    )
    findings_text = (
        f"{_count(severities['errors'], 'błąd', 'błędy', 'błędów')}, "
        f"{_count(severities['warnings'], 'ostrzeżenie', 'ostrzeżenia', 'ostrzeżeń')}, "
        f"{_count(severities['infos'], 'informacja', 'informacje', 'informacji')}, "
        f"uchylone decyzją koordynatora: {severities['overridden']}"
    )
    lines = [
        f"Uczestnicy: {len(ev.statuses)} – {status_text}. Przyjęci do klubu (kwalifikuje się "
        f"albo dopuszczeni decyzją koordynatora): {admitted}.",
        f"Ustalenia: {findings_text}.",
        f"Profil reguł: {ev.profile.key} – {ev.profile.title}; stan na "
        f"{day.strftime('%d.%m.%Y')}.",
    ]
    plan = WritePlan(
        command=COMMAND,
        summary=f"Kontrola uczestników ({ev.profile.key}): {status_text}; {findings_text}.",
        sheets=[check_report.results_sheet(club, ev)],
        columns=check_report.status_columns(club, ev),
    )
    return ActionResult("check", ev.findings, payload, lines, plan)


def _count(n: int, one: str, few: str, many: str) -> str:
    """"1 błąd", "3 błędy", "5 błędów", "22 błędy" (Polish plural forms)."""
    from kis_xl.domain.text import plural

    return f"{n} {plural(n, one, few, many)}"
