"""One status per participant row, derived from the findings that concern it.

Only findings about the participant's own records count: their row of the
participants sheet (including what the reader could not read there) and their
PUP registration periods. Attendance or outcome problems do not change
whether someone may take part. Rows the reader could not turn into a
participant (e.g. a repeated ID) still get a status, so nothing is silently
left blank.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kis_xl.domain import vocab
from kis_xl.domain.finding_types.rules import ELIGIBILITY_CODES
from kis_xl.domain.findings import Finding, Severity
from kis_xl.domain.model import Decision, Participant
from kis_xl.domain.rules.base import Ctx, fmt

ELIGIBLE = vocab.ELIGIBILITY_STATUSES.term("kwalifikuje się").value
INELIGIBLE = vocab.ELIGIBILITY_STATUSES.term("nie kwalifikuje się").value
INCOMPLETE = vocab.ELIGIBILITY_STATUSES.term("braki w dokumentacji").value
DECIDED = vocab.ELIGIBILITY_STATUSES.term("decyzja koordynatora").value

REASON_LIMIT = 250
TO_COMPLETE = "do uzupełnienia lub poprawienia: "
"""Lead of the reason next to "braki w dokumentacji" (the titles themselves say "Brak …")."""


@dataclass(frozen=True, slots=True)
class ParticipantStatus:
    row: int
    participant: str | None
    status: str
    """A value of ``vocab.ELIGIBILITY_STATUSES`` (Polish, written into the workbook)."""
    reason: str
    refused: bool = False
    """The coordinator refused admission ("nie dopuszczam"): status "decyzja koordynatora",
    but documents that presuppose admission treat the person as not admitted."""

    @property
    def admitted(self) -> bool:
        """May take part: eligible, or let in by a coordinator's decision."""
        return self.status == ELIGIBLE or (self.status == DECIDED and not self.refused)

    @property
    def code(self) -> str:
        """Stable English code of the status (JSON)."""
        return vocab.ELIGIBILITY_STATUSES.code_of(self.status)

    def to_dict(self) -> dict[str, object]:
        return {"participant": self.participant, "row": self.row, "status": self.status,
                "status_code": self.code, "reason": self.reason}


class Owners:
    """Which participant row a finding belongs to (for status and for coordinator decisions)."""

    def __init__(self, ctx: Ctx) -> None:
        layout = ctx.club.layouts.get("participants")
        self.header_row = layout.header_row if layout else 0
        self.row_of: dict[str, int] = {}
        for p in ctx.club.participants:
            self.row_of.setdefault(p.id, p.row)
        self.pid_of = {row: pid for pid, row in self.row_of.items()}

    def row(self, f: Finding) -> int | None:
        sheet = f.sheet_key
        if sheet == "participants":
            return f.row if f.row is not None and f.row > self.header_row else None
        if sheet == "pup_periods" and f.participant is not None:
            return self.row_of.get(f.participant)
        return None


def assess(
    ctx: Ctx, findings: Iterable[Finding], owners: Owners, refusals: dict[str, Decision]
) -> list[ParticipantStatus]:
    by_row: dict[int, list[Finding]] = defaultdict(list)
    for f in findings:
        row = owners.row(f)
        if row is not None:
            by_row[row].append(f)
    out = [
        _status(ctx, p, by_row.get(p.row, []), refusals.get(p.id))
        for p in ctx.club.participants
    ]
    known = {p.row for p in ctx.club.participants}
    for row in sorted(set(by_row) - known):
        found = by_row[row]
        pid = next((f.participant for f in found if f.participant), None)
        out.append(ParticipantStatus(row, pid, INCOMPLETE, _reason(TO_COMPLETE, found)))
    return out


def _status(
    ctx: Ctx, p: Participant, found: list[Finding], refusal: Decision | None
) -> ParticipantStatus:
    row, pid = p.row, p.id
    if refusal is not None:
        return ParticipantStatus(row, pid, DECIDED, _clip(
            f"nie dopuszczono – {refusal.decided_by}, {fmt(refusal.decided_on)}: "
            f"{refusal.justification}"), refused=True)
    open_errors = [f for f in found if f.severity is Severity.ERROR and f.override is None]
    barring = [f for f in open_errors if f.code in ELIGIBILITY_CODES]
    if barring:
        return ParticipantStatus(row, pid, INELIGIBLE, _reason("", barring, with_basis=True))
    if open_errors:
        return ParticipantStatus(row, pid, INCOMPLETE, _reason(TO_COMPLETE, open_errors))
    overridden = [f for f in found if f.severity is Severity.ERROR and f.override is not None]
    if overridden:
        o = overridden[0].override
        assert o is not None
        return ParticipantStatus(row, pid, DECIDED, _clip(
            f"dopuszczono mimo ustaleń ({_titles(overridden)}) – {o.by}, {fmt(o.on)}: "
            f"{o.justification}"))
    text = f"spełnia warunki ({ctx.profile.key}), kategoria: {p.category}"
    warnings = [f for f in found if f.severity is Severity.WARNING and f.override is None]
    if warnings:
        text += f"; do sprawdzenia: {_titles(warnings)}"
    return ParticipantStatus(row, pid, ELIGIBLE, _clip(text))


def _titles(found: Iterable[Finding], *, with_basis: bool = False) -> str:
    from kis_xl.domain.finding_types import catalog  # lazy: the whole catalogue

    types = catalog()
    parts: dict[str, None] = {}
    for f in found:
        ftype = types.get(f.code)
        title = _lower_first(ftype.title) if ftype else f.code
        if with_basis and f.basis:
            title += f" ({_short_basis(f.basis)})"
        parts[title] = None
    return "; ".join(parts)


def _lower_first(title: str) -> str:
    """Titles are capitalised for lists; inside a sentence "brak kontraktu", but "PESEL …"."""
    return title[:1].lower() + title[1:] if title[1:2].islower() else title


def _short_basis(basis: str) -> str:
    """The main provision only: the reason column is short, the findings sheet has it all."""
    return re.split(r" w zw\. z |; | \(", basis, maxsplit=1)[0]


def _reason(prefix: str, found: Iterable[Finding], *, with_basis: bool = False) -> str:
    return _clip(prefix + _titles(found, with_basis=with_basis))


def _clip(text: str) -> str:
    return text if len(text) <= REASON_LIMIT else text[: REASON_LIMIT - 1].rstrip() + "…"
