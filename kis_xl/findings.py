"""Findings: every problem kis_xl reports, in one shape.

Modelled on frictionless-py errors: each kind of finding is a ``FindingType``
with a stable ``code`` (part of the public JSON interface, documented in
README), a default severity, a Polish message template that says what to do,
and optionally the legal provision it rests on. Code that detects a problem
*returns* findings; nothing is raised for user data, so one run shows every
problem at once (like pandera's lazy validation).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """Polish name shown to users."""
        return _SEVERITY_LABELS[self]


_SEVERITY_LABELS = {
    Severity.ERROR: "błąd",
    Severity.WARNING: "ostrzeżenie",
    Severity.INFO: "informacja",
}


@dataclass(frozen=True, slots=True)
class Override:
    """A coordinator's recorded decision that sets a finding aside (kept visible, never deleted)."""

    decision: str
    justification: str
    by: str | None = None
    on: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "decision": self.decision,
            "justification": self.justification,
            "by": self.by,
            "on": self.on.isoformat() if self.on else None,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    participant: str | None = None
    basis: str | None = None
    override: Override | None = None
    sheet_key: str | None = None
    """Schema key of the sheet (``kis_xl.schema``); ``sheet`` is its name as the workbook has it.
    Set by the rules (``Ctx.where``); other findings carry the names only (for now)."""
    column_key: str | None = None
    """Schema key of the column; ``column`` is its header as typed in the workbook."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "participant": self.participant,
            "message": self.message,
            "basis": self.basis,
            "overridden": self.override.to_dict() if self.override else None,
        }

    @property
    def location(self) -> str:
        """Where to look, in the words an office worker uses."""
        parts = []
        if self.sheet:
            parts.append(f"arkusz „{self.sheet}”")
        if self.row:
            parts.append(f"wiersz {self.row}")
        if self.column:
            parts.append(f"kolumna „{self.column}”")
        return ", ".join(parts)

    def at(self, **where: Any) -> Finding:
        """Copy with a (more precise) location."""
        return replace(self, **where)


@dataclass(frozen=True, slots=True)
class FindingType:
    code: str
    severity: Severity
    title: str
    template: str
    basis: str | None = None

    def __call__(
        self,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        participant: str | None = None,
        basis: str | None = None,
        severity: Severity | None = None,
        sheet_key: str | None = None,
        column_key: str | None = None,
        **params: Any,
    ) -> Finding:
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            message=self.template.format(
                sheet=sheet, row=row, column=column, participant=participant, **params
            ),
            sheet=sheet,
            row=row,
            column=column,
            participant=participant,
            basis=basis if basis is not None else self.basis,
            sheet_key=sheet_key,
            column_key=column_key,
        )


_CATALOG: dict[str, FindingType] = {}


def finding_type(
    code: str, severity: Severity, title: str, template: str, basis: str | None = None
) -> FindingType:
    """Declare a kind of finding once; codes are unique across the package."""
    if code in _CATALOG:
        raise ValueError(f"duplicate finding code {code!r}")
    ft = FindingType(code, severity, title, template, basis)
    _CATALOG[code] = ft
    return ft


def catalog() -> dict[str, FindingType]:
    """Every finding type of the package, whatever has been imported so far.

    All of them are declared in ``kis_xl.finding_types`` (plain data, cheap to load).
    """
    import kis_xl.finding_types  # noqa: F401  (declares every finding type)

    return dict(_CATALOG)


def summarize(findings: Iterable[Finding]) -> dict[str, int]:
    """Counts per severity, overridden ones counted apart (they no longer block)."""
    counts: Counter[str] = Counter()
    for f in findings:
        if f.override is not None:
            counts["overridden"] += 1
        else:
            counts[str(f.severity)] += 1
    return {
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
        "overridden": counts["overridden"],
    }


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR and f.override is None for f in findings)
