"""The coordinator's recorded decisions (sheet "Decyzje koordynatora").

"dopuszczam mimo ustaleń" sets findings aside: all of the participant's
findings, or only those with the code named in the decision. Overridden
findings stay in every list, marked with who decided and when; they no longer
count as errors. "nie dopuszczam" refuses the participant whatever the
findings say. A decision without justification, author or date is not applied
(the coordinator's accountability is the point of recording it), and a later
decision supersedes an earlier opposite one. Nothing is dropped silently:
every decision that is not applied, or applies to nothing, is itself a finding.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from kis_xl.domain import vocab
from kis_xl.domain.finding_types.decisions import (
    ADMISSION_REFUSED,
    DECISION_INCOMPLETE,
    DECISION_SUPERSEDED,
    DECISION_UNKNOWN_CODE,
    DECISION_UNMATCHED,
)
from kis_xl.domain.findings import Finding, Override, Ref, Severity
from kis_xl.domain.model import Decision
from kis_xl.domain.rules.base import Ctx, fmt
from kis_xl.domain.rules.status import Owners

ADMIT = vocab.DECISIONS.term("dopuszczam mimo ustaleń").value
REFUSE = vocab.DECISIONS.term("nie dopuszczam").value


_REQUIRED = ("decision", "justification", "decided_by", "decided_on")


@dataclass
class Outcome:
    findings: list[Finding]
    """All findings, with overrides applied, followed by the findings about decisions."""
    refusals: dict[str, Decision] = field(default_factory=dict)
    """Participant ID -> the decision that refuses them."""


def apply(ctx: Ctx, findings: list[Finding], owners: Owners) -> Outcome:
    notes: list[Finding] = []
    valid = dict(_valid_decisions(ctx, notes))
    refusals: dict[str, Decision] = {}
    admits: dict[str, list[Decision]] = {}
    for pid, decisions in valid.items():
        decisions.sort(key=lambda d: (d.decided_on or date.min, d.row))
        last = decisions[-1]
        if last.decision == REFUSE:
            superseded, winner = decisions[:-1], last
            refusals[pid] = last
            notes.append(ADMISSION_REFUSED(**_where(ctx, last), by=last.decided_by,
                                           on=fmt(last.decided_on),
                                           justification=last.justification))
        else:
            cut = max((i for i, d in enumerate(decisions) if d.decision == REFUSE), default=-1)
            superseded, winner = decisions[: cut + 1], decisions[cut + 1]
            admits[pid] = decisions[cut + 1:]
        notes.extend(
            DECISION_SUPERSEDED(**_where(ctx, d), on=fmt(d.decided_on),
                                later=fmt(winner.decided_on), later_row=winner.row)
            for d in superseded
        )
    used: set[int] = set()
    out = [_override(f, owners, admits, used) for f in findings]
    for decisions in admits.values():
        for d in decisions:
            if d.row not in used:
                what = (f"ustaleń o kodzie „{_code(d)}”" if _code(d)
                        else "wszystkich ustaleń uczestnika")
                notes.append(DECISION_UNMATCHED(**_where(ctx, d), on=fmt(d.decided_on), what=what))
    return Outcome(out + notes, refusals)


def _valid_decisions(ctx: Ctx, notes: list[Finding]) -> Iterator[tuple[str, list[Decision]]]:
    by_pid: dict[str, list[Decision]] = defaultdict(list)
    known = {p.id for p in ctx.club.participants}
    from kis_xl.domain.finding_types import catalog  # lazy: the whole catalogue

    codes = catalog()
    for d in ctx.club.decisions:
        if not d.participant or d.participant not in known:
            continue  # the reader reported the empty or unknown participant ID
        missing = tuple(Ref("decisions", key) for key in _REQUIRED if not getattr(d, key))
        if missing:
            notes.append(DECISION_INCOMPLETE(**_where(ctx, d), missing=missing))
            continue
        if _code(d) and _code(d) not in codes:
            notes.append(DECISION_UNKNOWN_CODE(**_where(ctx, d, "code"), code=d.code))
            continue
        by_pid[d.participant].append(d)
    yield from by_pid.items()


def _override(
    f: Finding, owners: Owners, admits: dict[str, list[Decision]], used: set[int]
) -> Finding:
    row = owners.row(f)
    pid = owners.pid_of.get(row) if row is not None else None
    for d in admits.get(pid or "", ()):
        if not _code(d) or _code(d) == f.code:
            used.add(d.row)
            assert d.decision and d.justification
            return replace(f, override=Override(d.decision, d.justification, d.decided_by,
                                                d.decided_on))
    return f


NOT_OVERRIDABLE_MODULES = frozenset({"overrides", "evaluate", "club_week"})
"""Rule modules whose findings are about decisions, settings or the club (its week and
partners), not a participant."""


def overridable_codes() -> list[tuple[str, str]]:
    """(code, Polish title) of every rule finding a coordinator's decision may set aside.

    Built from the finding types the rule modules declare (so a new rule's code is
    listed without anyone typing it in): errors and warnings about participants,
    sorted by code. Information findings block nothing and need no decision.
    """
    import importlib
    import pkgutil
    from pathlib import Path

    from kis_xl.domain.findings import FindingType

    found: dict[str, str] = {}
    # the rule modules beside this one, found on disk: naming the package would close a circle
    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if info.name in NOT_OVERRIDABLE_MODULES:
            continue
        module = importlib.import_module(f"{__package__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, FindingType) and value.severity is not Severity.INFO:
                found.setdefault(value.code, value.title)
    return sorted(found.items())


def _code(d: Decision) -> str:
    """The finding code a decision names, as typed ("Excluded-Benefit " works too)."""
    return (d.code or "").strip().lower()


def _where(ctx: Ctx, d: Decision, column: str | None = None) -> dict[str, Any]:
    return ctx.where("decisions", d.row, column, d.participant or None)
