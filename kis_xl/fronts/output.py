"""An action's result in Polish words, the same for every front.

Pure: an ``ActionResult`` in, lines of text out. The CLI commands (``check``,
``hours``, ``outcomes``, ``meeting add``) print ``console_lines``; a ribbon
click shows ``message_box`` in Excel. Both say the same things in the same
words: the summary, the findings, what was written into the workbook and where
the backup is. The message box is shorter (the first errors only, the backup's
file name only) because it has to fit on the screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from kis_xl.domain.findings import Finding, Severity

if TYPE_CHECKING:
    from kis_xl.actions.base import ActionResult
    from kis_xl.plan.writeback import WriteResult

FINDINGS_LIMIT = 50
"""Findings printed by a command; the rest are counted (full list: --json, result sheet)."""
BOX_ERRORS = 5
"""Errors listed in the message box."""

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def console_lines(result: ActionResult, *, findings_first: bool = False) -> list[str]:
    """What a command prints: summary and findings (in the command's order), then the write."""
    found = findings_lines(result.findings)
    lines = [*found, *result.summary] if findings_first else [*result.summary, *found]
    written = result.written
    if written is not None:
        lines.append(f"Zapisano w skoroszycie „{written.workbook}”: {', '.join(_what(written))}.")
        if written.backup is not None:
            lines.append(f"Kopia zapasowa: {written.backup}")
    elif result.plan is not None:
        lines.append("Nic nie zapisano (opcja --no-write).")
    return lines


def findings_lines(findings: Iterable[Finding], limit: int = FINDINGS_LIMIT) -> list[str]:
    """Findings as lines an office worker can act on: where, what, on what basis.

    Open errors first, then warnings and information, overridden ones last; beyond
    ``limit`` one line says how many more there are and where to see them all.
    """
    items = sorted(findings, key=lambda f: (f.override is not None,
                                            _SEVERITY_ORDER[f.severity],
                                            f.sheet or "", f.row or 0))
    lines = [finding_line(f) for f in items[:limit]]
    if len(items) > limit:
        from kis_xl.domain.text import plural

        rest = len(items) - limit
        more = plural(rest, "kolejne ustalenie", "kolejne ustalenia", "kolejnych ustaleń")
        lines.append(f"… oraz {rest} {more} (pełna lista: opcja --json lub tabela „Ustalenia” "
                     "w arkuszu wyników).")
    return lines


def finding_line(f: Finding) -> str:
    """``[BŁĄD] arkusz „…”, wiersz 7, kolumna „…”: message Podstawa: basis.``"""
    where = f.location
    tag = f.severity.label.upper()
    if f.override is not None:
        tag = f"UCHYLONE ({f.severity.label})"
    line = f"[{tag}] {where}: {f.message}" if where else f"[{tag}] {f.message}"
    if f.basis:
        line += f" Podstawa: {f.basis}."
    return line


def message_box(title: str, result: ActionResult, *, max_lines: int, overflow: str,
                after_write: str | None = None) -> str:
    """The text of the message box after a ribbon click.

    ``title`` heads it (the button's label); beyond ``max_lines`` lines the text is cut
    and ends with ``overflow`` (where the full account is). ``after_write`` closes the
    text whenever something was written, never cut off (the open workbook is not saved
    by the program: the user must be told to save it).
    """
    lines = [f"{title}:", *result.summary]
    errors = [f for f in result.findings if f.severity == "error" and f.override is None]
    if errors:
        lines.append("")
        lines.append("Błędy do poprawienia (pierwsze):")
        lines += [f"• {f.location + ': ' if f.location else ''}{f.message}"
                  for f in errors[:BOX_ERRORS]]
    written = result.written
    if written is not None:
        what = _what(written)
        if what:
            lines.append(f"Zapisano w skoroszycie: {', '.join(what)}.")
        if written.backup is not None:
            lines.append(f"Kopia zapasowa: {written.backup.name}")
    if len(lines) > max_lines:
        lines = [*lines[:max_lines], overflow]
    if written is not None and after_write:
        lines.append(after_write)
    return "\n".join(lines)


def _what(written: WriteResult) -> list[str]:
    """What a write changed: rows added to user sheets, generated sheets, then status columns
    of user sheets."""
    from kis_xl.domain.text import plural

    return [*(f"arkusz „{s}” (dopisano {n} {plural(n, 'wiersz', 'wiersze', 'wierszy')})"
              for s, n in written.appended.items()),
            *(f"arkusz „{s}”" for s in written.sheets),
            *(f"kolumna „{c}”" for c in written.columns)]
