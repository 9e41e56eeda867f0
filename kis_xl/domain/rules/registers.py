"""Who stands on a register of the club without being admitted to it.

Only admitted participants (status "kwalifikuje się", or let in by a coordinator's
decision) are put on a signature list: ``kis-xl meeting add`` and the printed
attendance list leave everyone else out. A row of "Zapisy na zajęcia" or "Członkowie
grup" naming someone not admitted would otherwise invite them again and again, so
each such row is a warning on its own sheet. These findings never change a status.
"""

from __future__ import annotations

from collections.abc import Iterable

from kis_xl.domain.finding_types.rules import ENROLLED_NOT_ADMITTED, GROUP_MEMBER_NOT_ADMITTED
from kis_xl.domain.findings import Finding
from kis_xl.domain.groups import sheet_enrolments
from kis_xl.domain.model import Club
from kis_xl.domain.rules.status import ParticipantStatus


def not_admitted(club: Club, statuses: Iterable[ParticipantStatus]) -> list[Finding]:
    """One warning per enrolment or group membership of someone the check does not admit."""
    status_of = {s.participant: s for s in statuses if s.participant}
    out: list[Finding] = []

    def barred(pid: str) -> ParticipantStatus | None:
        s = status_of.get(pid)
        return s if s is not None and not s.admitted else None

    for e in sheet_enrolments(club):
        s = barred(e.participant)
        if s is not None:
            out.append(ENROLLED_NOT_ADMITTED(
                sheet_key="enrolments", row=e.row, column_key="participant",
                participant=e.participant, activity=e.activity, status=s.status))
    for m in club.group_members:
        s = barred(m.participant) if m.participant else None
        if s is not None:
            out.append(GROUP_MEMBER_NOT_ADMITTED(
                sheet_key="group_members", row=m.row, column_key="participant",
                participant=m.participant, group=m.group, status=s.status))
    return out
