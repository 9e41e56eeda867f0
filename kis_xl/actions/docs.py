"""Document actions for the ribbon: render one kind of Word document, check the templates.

Thin wrappers over ``kis_xl.documents`` (the same code ``kis-xl docs`` and
``kis-xl templates check`` run) that return an ``ActionResult`` with Polish
summary lines, so every ribbon button is handled the same way. They write
files beside the workbook, never the workbook itself (no plan).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from kis_xl.actions.base import ActionResult
from kis_xl.domain.findings import locate
from kis_xl.domain.model import Club


def documents_action(club: Club, *, kind: str, ids: Sequence[str] | None = None,
                     today: date | None = None, out_dir: Path | None = None,
                     pdf: bool = False, combined: bool = False) -> ActionResult:
    """Render documents of ``kind`` for ``ids`` (None = every participant / meeting /
    volunteer); ``combined``: in one file to print, ``pdf``: PDF copies too (``kis-xl demo
    --pdf``). The summary names whom ``select_for_issue`` skipped and why: a ribbon user has
    no console to read it from."""
    from kis_xl.documents.formatting import counted
    from kis_xl.documents.render import render_batch

    result = render_batch(club, kind, ids=list(ids) if ids else None, out_dir=out_dir,
                          today=today, pdf=pdf, combined=combined)
    folder = result.files[0].parent if result.files else out_dir
    lines = [f"Utworzono {counted(result.count, 'dokument', 'dokumenty', 'dokumentów')} "
             f"„{result.kind.title}” w folderze {folder}."]
    if result.skipped:
        lines.append(_skipped_line(result.skipped))
    lines += [f"Uwaga: {note}" for note in result.notes]
    return ActionResult(f"docs {result.kind.key}", locate(club.findings, club.names),
                        result.json(), lines)


def _skipped_line(skipped: Sequence[tuple[str, str]], shown: int = 5) -> str:
    """"Pominięto 19 osób: U001, …, U006 i jeszcze 10 (uczestnictwo trwa …); U004 (…)." —
    grouped by reason, a few IDs each, so that the ribbon's message box stays readable for
    a big club (the CLI lists every skipped person with the reason)."""
    from kis_xl.documents.formatting import counted

    by_reason: dict[str, list[str]] = {}
    for rid, reason in skipped:
        by_reason.setdefault(reason, []).append(rid)
    parts = []
    for reason, ids in by_reason.items():
        more = f" i jeszcze {len(ids) - shown}" if len(ids) > shown else ""
        parts.append(f"{', '.join(ids[:shown])}{more} ({reason})")
    return (f"Pominięto {counted(len(skipped), 'osobę', 'osoby', 'osób')}: "
            + "; ".join(parts) + ".")


def templates_action(club: Club, *, today: date | None = None) -> ActionResult:
    """Check the club's own templates folder (from "Ustawienia"), else the bundled templates."""
    from kis_xl.actions.errors import KisError
    from kis_xl.documents.checker import check_templates
    from kis_xl.documents.locate import user_templates_dir
    from kis_xl.fronts.commands.templates import report_lines

    del today  # templates do not depend on the day
    folder = user_templates_dir(club.settings.templates_dir, club.source)
    if folder is not None and not folder.is_dir():
        raise KisError(f"Nie ma folderu szablonów „{folder}” (arkusz „Ustawienia”). Popraw "
                       "ścieżkę albo usuń ją, aby używać szablonów programu.")
    result = check_templates(folder)
    return ActionResult("templates check", [], result.to_dict(),
                        report_lines(result, own=folder is not None))
