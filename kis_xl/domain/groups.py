"""The club's groups and who is expected at their meetings (pure logic).

Seed 000: a self-help club works in self-help, support, therapeutic and
educational groups, each started and led by an animator. An activity of
"Program" run for a group (its column "Grupa (ID)") expects the group's
members at its group meetings, exactly as if each member were enrolled in
the activity for the time of their membership. So the groups feed the one
rule ``kis_xl.domain.hours`` already has (``expected_members``, the attendance
rate, ``kis-xl meeting add`` and the printed attendance lists): the reader
adds these derived enrolments to ``Club.enrolments``; their ``row`` is the
membership's row in "Członkowie grup".
"""

from __future__ import annotations

from collections import defaultdict

from kis_xl.domain.finding_types.self_help import GROUP_WITHOUT_MEMBERS
from kis_xl.domain.findings import Finding
from kis_xl.domain.model import Club, Enrolment, GroupMember


def group_enrolments(club: Club) -> list[Enrolment]:
    """One enrolment per membership of a group and activity run for that group."""
    members: dict[str, list[GroupMember]] = defaultdict(list)
    for m in club.group_members:
        if m.group and m.participant:
            members[m.group].append(m)
    out: list[Enrolment] = []
    for activity in club.activities:
        for m in members.get(activity.group or "", ()):
            out.append(Enrolment(row=m.row, participant=m.participant, activity=activity.id,
                                 date_from=m.date_from, date_to=m.date_to))
    return out


def sheet_enrolments(club: Club) -> list[Enrolment]:
    """The rows of "Zapisy na zajęcia" alone, without those the reader derived from groups."""
    derived = {(e.row, e.participant, e.activity, e.date_from, e.date_to)
               for e in group_enrolments(club)}
    return [e for e in club.enrolments
            if (e.row, e.participant, e.activity, e.date_from, e.date_to) not in derived]


def groups_of(club: Club, participant: str) -> list[str]:
    """IDs of the groups ``participant`` belongs to (any time), in the order of "Grupy"."""
    mine = {m.group for m in club.group_members if m.participant == participant}
    return [g.id for g in club.groups if g.id in mine]


def group_findings(club: Club) -> list[Finding]:
    """Activities run for a group nobody belongs to (they would expect everyone)."""
    if "group_members" not in club.layouts and not club.group_members:
        return []  # the sheet was not read: nothing to say about its members
    with_members = {m.group for m in club.group_members if m.participant}
    return [
        GROUP_WITHOUT_MEMBERS(row=a.row, activity=a.id,
                              group=a.group, sheet_key="activities", column_key="group")
        for a in club.activities
        if a.group and a.group not in with_members
    ]
