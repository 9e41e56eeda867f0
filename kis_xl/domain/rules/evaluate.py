"""Run every rule over a club: findings (reader's and rules'), decisions applied, statuses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from kis_xl.domain import vocab
from kis_xl.domain.exchange import exchange_findings
from kis_xl.domain.finding_types.decisions import MAX_MONTHS_ABOVE_RULES
from kis_xl.domain.findings import Finding
from kis_xl.domain.groups import group_findings
from kis_xl.domain.hours import unfilled_attendance
from kis_xl.domain.model import Club
from kis_xl.domain.rules import (
    admission,
    club_week,
    data_quality,
    eligibility,
    overrides,
    registers,
    roles,
)
from kis_xl.domain.rules.base import Ctx
from kis_xl.domain.rules.profiles import Profile, for_settings
from kis_xl.domain.rules.status import Owners, ParticipantStatus, assess
from kis_xl.domain.volunteers import volunteer_findings
from kis_xl.workbook import schema


@dataclass
class Evaluation:
    profile: Profile
    today: date
    findings: list[Finding]
    """Reading findings and rule findings, overrides applied, in workbook order."""
    statuses: list[ParticipantStatus]

    def admitted(self) -> set[str]:
        """IDs of the participants who may take part: eligible, or let in by the coordinator."""
        return {s.participant for s in self.statuses if s.admitted and s.participant}

    def status_counts(self) -> dict[str, int]:
        """Participants per status code, every status present (zeros included)."""
        counts = Counter(s.code for s in self.statuses)
        return {t.code: counts[t.code] for t in vocab.ELIGIBILITY_STATUSES.terms}


def evaluate(club: Club, *, today: date) -> Evaluation:
    """Check every participant of ``club`` as of ``today`` under the club's rule profile."""
    profile = for_settings(club.settings)
    ctx = Ctx.build(club, profile, today)
    found = [
        *club.findings,
        *_settings(ctx),
        *eligibility.check(ctx),
        *admission.check(ctx),
        *data_quality.check(ctx),
        *unfilled_attendance(club, today=today),
        *club_week.check(ctx),
        *roles.check(ctx),  # who runs the timetable's activities, on what basis
        *exchange_findings(club),  # the time bank's ledger; never about eligibility
        *group_findings(club),
        *volunteer_findings(club),
    ]
    owners = Owners(ctx)
    outcome = overrides.apply(ctx, found, owners)
    statuses = assess(ctx, outcome.findings, owners, outcome.refusals)
    statuses.sort(key=lambda s: s.row)
    # who is on a register of enrolments or a group, though not admitted: needs the statuses
    found_after = [*outcome.findings, *registers.not_admitted(club, statuses)]
    return Evaluation(profile, today, in_workbook_order(club, found_after), statuses)


def _settings(ctx: Ctx) -> Iterator[Finding]:
    settings, profile = ctx.club.settings, ctx.profile
    if profile.max_months is not None and settings.max_months > profile.max_months:
        yield MAX_MONTHS_ABOVE_RULES(
            sheet_key="settings", row=settings.rows.get("max_months"),
            column_key="value", setting=settings.max_months,
            profile=profile.key, limit=profile.max_months, basis=profile.duration_basis,
        )


def in_workbook_order(club: Club, findings: list[Finding]) -> list[Finding]:
    """Sheet by sheet in the order of the workbook format, then row by row, column by column."""
    sheet_rank = {spec.key: i for i, spec in enumerate(schema.SHEETS)}
    column_rank = {
        (layout.key, key): column
        for layout in club.layouts.values()
        for key, column in layout.columns.items()
    }

    def key(f: Finding) -> tuple[int, int, int]:
        return (
            sheet_rank.get(f.sheet_key or "", -1 if f.sheet_key is None else len(sheet_rank)),
            f.row or 0,
            column_rank.get((f.sheet_key or "", f.column_key or ""), 0),
        )

    return sorted(findings, key=key)
