"""Who the annual report counts: one definition of "participant" (pure logic, no files).

A participant of the report is a person ``kis-xl check`` admits (status
"kwalifikuje się", or "decyzja koordynatora" letting them in) whose
participation overlaps the period. Everyone else the club recorded for the
period is counted apart, never inside a category of art. 1 ust. 2:

* **rejected** ("zgłoszeni, nieprzyjęci"): status "nie kwalifikuje się" or the
  coordinator refused; shown as a number with the reasons in aggregate (the
  titles of the barring findings, never a person's details);
* **incomplete documentation** ("braki w dokumentacji"): the person took part
  but is not admitted yet; counted apart, each with a finding
  (``report-documentation-incomplete``) to resolve before sending.

Attendance of anybody who is not a participant of the report is left out of
the reported hours and flagged (``attendance-not-admitted``).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from kis_xl.domain.finding_types.report import (
    ATTENDANCE_NOT_ADMITTED,
    REPORT_DOCUMENTATION_INCOMPLETE,
)
from kis_xl.domain.findings import Finding
from kis_xl.domain.hours import HoursReport, compute_hours
from kis_xl.domain.model import Attendance, Club, Meeting, Participant
from kis_xl.domain.outcomes import Period
from kis_xl.domain.rules.status import INCOMPLETE, ParticipantStatus
from kis_xl.domain.text import number, plural

REFUSED = "odmowa dopuszczenia (decyzja koordynatora)"
NO_STATUS = "brak statusu kontroli"


@dataclass(slots=True)
class Scope:
    admitted: set[str]
    """IDs the check admits (any period; the outcomes narrow them to the period)."""
    rejected: int = 0
    """People recorded for the period whom the check rejects ("zgłoszeni, nieprzyjęci")."""
    reasons: list[tuple[str, int]] = field(default_factory=list)
    """(reason, people) for the rejected, most frequent first; a person may have several."""
    incomplete: int = 0
    """People who took part in the period with status "braki w dokumentacji"."""
    findings: list[Finding] = field(default_factory=list)


def _touches(p: Participant, period: Period) -> bool:
    """Took part in the period, or (never started) applied in it."""
    if period.overlaps(p):
        return True
    applied = p.application_date
    return (p.start_date is None and applied is not None and applied <= period.end
            and (period.start is None or applied >= period.start))


def report_scope(club: Club, statuses: list[ParticipantStatus], period: Period) -> Scope:
    """Split the period's people into admitted, rejected and incomplete."""
    by_id = {s.participant: s for s in reversed(statuses) if s.participant is not None}
    scope = Scope(admitted={pid for pid, s in by_id.items() if s.admitted})
    reasons: Counter[str] = Counter()
    for p in club.participants:
        s = by_id.get(p.id)
        if s is None or s.admitted or not _touches(p, period):
            continue
        if s.status == INCOMPLETE:
            if period.overlaps(p):
                scope.incomplete += 1
                scope.findings.append(REPORT_DOCUMENTATION_INCOMPLETE(
                    sheet_key="participants", row=p.row, column_key="status",
                    participant=p.id, year=period.year or ""))
            continue
        scope.rejected += 1
        if s.refused:
            reasons[REFUSED] += 1
        else:
            reasons.update(dict.fromkeys(_reason_parts(s.reason), 1))
    scope.reasons = sorted(reasons.items(), key=lambda x: (-x[1], x[0]))
    return scope


def _reason_parts(reason: str) -> list[str]:
    """The titles of the barring findings (``status._reason`` joins them with "; ")."""
    return [part.strip() for part in reason.split("; ") if part.strip()] or [NO_STATUS]


def year_hours(club: Club, period: Period, today: date, counted: set[str],
               statuses: list[ParticipantStatus]) -> tuple[HoursReport, list[Finding]]:
    """``compute_hours`` on the period's meetings and the attendance of ``counted`` people;
    each other person with present hours in the period gets ``attendance-not-admitted``."""
    start = period.start or date.min
    meetings = [m for m in club.meetings if m.date is not None and start <= m.date <= period.end]
    kept = {m.id for m in meetings}
    rows = [a for a in club.attendance if a.meeting in kept]
    ours = [a for a in rows if a.participant in counted]
    others = [a for a in rows if a.participant not in counted]
    report = compute_hours(_with(club, meetings, ours), today=min(today, period.end))
    findings: list[Finding] = []
    if others:
        status = {s.participant: s.status for s in statuses if s.participant is not None}
        first: dict[str, int] = {}
        for a in others:
            first.setdefault(a.participant, a.row)
        left = compute_hours(_with(club, meetings, others), today=min(today, period.end))
        for ph in left.participants:
            if ph.present == 0 or ph.id not in status:
                continue
            findings.append(ATTENDANCE_NOT_ADMITTED(
                sheet_key="attendance", row=first[ph.id], column_key="participant",
                participant=ph.id, year=period.year or "", count=ph.present,
                rows_word=plural(ph.present, "wiersz", "wiersze", "wierszy"),
                hours=number(ph.hours_total), status=status[ph.id]))
    return report, findings


def _with(club: Club, meetings: list[Meeting], attendance: list[Attendance]) -> Club:
    out = dataclasses.replace(club, meetings=meetings, attendance=attendance, findings=[])
    out.__dict__.pop("_indexes", None)
    return out
