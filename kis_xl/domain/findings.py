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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
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
    """Schema key of the sheet (``kis_xl.workbook.schema``): what code compares. ``sheet`` is
    only its name for people: the schema's until ``locate`` puts the workbook's own spelling in."""
    column_key: str | None = None
    """Schema key of the column (on the settings sheet: the setting's key; on the lists sheet:
    the list's key); ``column`` is its header for people, filled like ``sheet``."""
    params: tuple[tuple[str, Any], ...] = field(default=(), compare=False, repr=False)
    """What the message template was filled with, so ``locate`` can say it again with the
    workbook's own names."""

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
        """A finding located by schema keys (``sheet_key``, ``column_key``, ``row``).

        ``sheet``/``column`` default to the schema's names of the keys; ``locate`` replaces
        them (and the message) with the workbook's own spelling where results leave the core.
        Values of ``params`` may be ``Ref``s (another sheet or column named in the message).
        """
        if sheet is None and sheet_key is not None:
            sheet = SCHEMA_NAMES.sheet(sheet_key)
        if column is None and sheet_key is not None and column_key is not None:
            column = SCHEMA_NAMES.column(sheet_key, column_key)
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            message=self.render(SCHEMA_NAMES, sheet=sheet, row=row, column=column,
                                participant=participant, params=params),
            sheet=sheet,
            row=row,
            column=column,
            participant=participant,
            basis=basis if basis is not None else self.basis,
            sheet_key=sheet_key,
            column_key=column_key,
            params=tuple(params.items()),
        )

    def render(self, names: Names, *, sheet: str | None, row: int | None, column: str | None,
               participant: str | None, params: Mapping[str, Any]) -> str:
        named = {k: _named(names, v) for k, v in params.items()}
        return self.template.format(
            sheet=sheet, row=row, column=column, participant=participant, **named
        )


def _named(names: Names, value: Any) -> Any:
    """A ``Ref`` (or a tuple of them, said as a list) as named in the workbook."""
    if isinstance(value, Ref):
        return names.of(value)
    if isinstance(value, tuple) and value and all(isinstance(v, Ref) for v in value):
        return ", ".join(names.of(v) for v in value)
    return value


def _has_refs(params: tuple[tuple[str, Any], ...]) -> bool:
    return any(_named(SCHEMA_NAMES, v) is not v for _, v in params)


@dataclass(frozen=True, slots=True)
class Ref:
    """A sheet (and column) named inside a message, by schema keys; ``locate`` names it."""

    sheet_key: str
    column_key: str | None = None

    def __format__(self, spec: str) -> str:
        return format(SCHEMA_NAMES.of(self), spec)


@dataclass(frozen=True)
class Names:
    """Schema keys -> names for people: the workbook's own spelling, else the schema's.

    ``sheets``: sheet key -> sheet name as in the workbook; ``headers``: sheet key ->
    column key -> header as typed (the reader's ``SheetLayout``s have both).
    """

    sheets: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def sheet(self, key: str) -> str:
        from kis_xl.workbook import schema

        name = self.sheets.get(key)
        if name:
            return name
        spec = schema.BY_KEY.get(key)
        return spec.name if spec is not None else key

    def column(self, sheet_key: str, column_key: str) -> str:
        header = self.headers.get(sheet_key, {}).get(column_key)
        if header:
            return header
        return _schema_header(sheet_key, column_key)

    def of(self, ref: Ref) -> str:
        if ref.column_key is None:
            return self.sheet(ref.sheet_key)
        return self.column(ref.sheet_key, ref.column_key)


def _schema_header(sheet_key: str, column_key: str) -> str:
    from kis_xl.domain import vocab
    from kis_xl.workbook import schema

    if sheet_key == "settings":
        setting = schema.SETTINGS_BY_KEY.get(column_key)
        if setting is not None:
            return setting.label
        for c in schema.SETTINGS_COLUMNS:
            if c.key == column_key:
                return c.header
    elif sheet_key == "lists" and column_key in vocab.BY_KEY:
        return vocab.BY_KEY[column_key].label
    spec = schema.BY_KEY.get(sheet_key)
    if spec is not None:
        for c in spec.columns:
            if c.key == column_key:
                return c.header
    return column_key


def column_keys(sheet_key: str) -> set[str]:
    """Every column key a finding on ``sheet_key`` may carry (for checks and tests)."""
    from kis_xl.domain import vocab
    from kis_xl.workbook import schema

    if sheet_key == "settings":
        return set(schema.SETTINGS_BY_KEY) | {c.key for c in schema.SETTINGS_COLUMNS}
    if sheet_key == "lists":
        return set(vocab.BY_KEY)
    return {c.key for c in schema.sheet(sheet_key).columns}


SCHEMA_NAMES = Names()
"""The schema's own names (a workbook spelled exactly like the template)."""


def locate(findings: Iterable[Finding], names: Names) -> list[Finding]:
    """Findings named the way this workbook spells its sheets and headers.

    The one place where schema keys become the user's names: fronts and result sheets show
    what this returns. A finding without ``sheet_key`` (not about a workbook place) is kept.
    """
    out = []
    for f in findings:
        if f.sheet_key is None:
            out.append(f)
            continue
        sheet = names.sheet(f.sheet_key)
        column = names.column(f.sheet_key, f.column_key) if f.column_key else f.column
        refs = _has_refs(f.params)
        if sheet == f.sheet and column == f.column and not refs:
            out.append(f)
            continue
        ftype = _CATALOG.get(f.code)
        message = f.message
        if ftype is not None:
            message = ftype.render(names, sheet=sheet, row=f.row, column=column,
                                   participant=f.participant, params=dict(f.params))
        out.append(replace(f, sheet=sheet, column=column, message=message))
    return out


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


def declared() -> dict[str, FindingType]:
    """The finding types declared so far (``kis_xl.domain.finding_types.catalog()``: all)."""
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
