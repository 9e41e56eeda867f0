"""Document actions for the ribbon: render one kind of Word document, check the templates.

Thin wrappers over ``kis_xl.documents`` (the same code ``kis-xl docs`` and
``kis-xl templates check`` run) that return an ``ActionResult`` with Polish
summary lines, so every ribbon button is handled the same way. They write
files beside the workbook; the workbook itself only for certificates, whose numbers go to
the register "Rejestr zaświadczeń" and whose dates to the participants' rows
(``certificate_plan``, applied by the sinks: backup, atomic replace, change log).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kis_xl.actions.base import ActionResult
from kis_xl.domain.findings import locate
from kis_xl.domain.model import Club

if TYPE_CHECKING:
    from kis_xl.documents.checker import CheckResult
    from kis_xl.domain.certificates import Issue
    from kis_xl.plan.writeback import WritePlan


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
    plan, notes = certificate_plan(club, result.issued)
    lines += [f"Uwaga: {note}" for note in notes]
    return ActionResult(f"docs {result.kind.key}", locate(club.findings, club.names),
                        result.json(), lines, plan=plan)


def certificate_plan(club: Club, issued: Sequence[Issue]) -> tuple[WritePlan | None, list[str]]:
    """The write-back of new certificates: a row each in "Rejestr zaświadczeń" (number,
    date, person) and the date in the participant's empty "Data wydania zaświadczenia".

    Only cells that are empty and read without a problem get the date (a cell the reader
    could not understand is the user's to fix, never overwritten). Without the register
    sheet nothing is written and a note says how to add it.
    """
    from kis_xl.actions.meeting import row_cells, row_headers
    from kis_xl.documents.formatting import counted
    from kis_xl.plan.writeback import ColumnUpdate, RowAppend, WritePlan

    if not issued:
        return None, []
    register = club.layouts.get("certificates")
    if register is None:
        return None, ["skoroszyt nie ma arkusza „Rejestr zaświadczeń”, więc numerów "
                      "zaświadczeń nie zapisano: dodaj arkusz (kis-xl init tworzy go w nowym "
                      "skoroszycie, kis-xl schema pokazuje jego kolumny) i utwórz zaświadczenia "
                      "ponownie – dostaną te same numery."]
    people = {p.id: p for p in club.participants}
    rows = [row_cells(register, {"number": x.number, "date": x.date, "participant": x.participant,
                            "name": people[x.participant].full_name or None})
            for x in issued]
    plan = WritePlan(
        "kis-xl docs zaswiadczenie",
        f"Rejestr zaświadczeń: {counted(len(rows), 'nowy wpis', 'nowe wpisy', 'nowych wpisów')} "
        f"({_numbers(issued)}) i daty wydania w arkuszu „Uczestnicy”.",
        appends=[RowAppend(register.name, register.header_row, row_headers(register, rows[0]),
                           rows)])
    layout = club.layouts.get("participants")
    column = layout.columns.get("certificate_date") if layout else None
    if layout is not None and column is not None:
        unreadable = {f.row for f in club.findings if f.sheet_key == "participants"
                      and f.column_key == "certificate_date"}
        values: dict[int, Any] = {
            people[x.participant].row: x.date for x in issued
            if people[x.participant].certificate_date is None
            and people[x.participant].row not in unreadable}
        if values:
            # last_row 0: only the listed cells are written, no other row is cleared
            plan.columns.append(ColumnUpdate(layout.name, layout.header_row,
                                             layout.headers["certificate_date"], column,
                                             values, last_row=0))
    return plan, []


def _numbers(issued: Sequence[Issue]) -> str:
    """"1/2026, 2/2026" – or the first and the last of a long batch."""
    numbers = [x.number for x in issued]
    return ", ".join(numbers) if len(numbers) <= 5 else f"{numbers[0]} … {numbers[-1]}"


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
    from kis_xl.documents.checker import check_templates
    from kis_xl.documents.locate import user_templates_dir
    from kis_xl.plan.errors import KisError

    del today  # templates do not depend on the day
    folder = user_templates_dir(club.settings.templates_dir, club.source)
    if folder is not None and not folder.is_dir():
        raise KisError(f"Nie ma folderu szablonów „{folder}” (arkusz „Ustawienia”). Popraw "
                       "ścieżkę albo usuń ją, aby używać szablonów programu.")
    result = check_templates(folder)
    return ActionResult("templates check", [], result.to_dict(),
                        report_lines(result, own=folder is not None))


def report_lines(result: CheckResult, own: bool) -> list[str]:
    """The templates check in words, for the console and the ribbon alike."""
    lines = [f"Szablony w folderze: {result.folder}"]
    if not result.reports:
        lines.append("Brak plików .docx w tym folderze.")
    for report in result.reports:
        kind = f" ({report.kind.key})" if report.kind else ""
        if report.ok:
            lines.append(f"✓ {report.file.name}{kind}: bez problemów")
            continue
        lines.append(f"✗ {report.file.name}{kind}: problemy – {len(report.findings)}")
        for f in report.findings:
            where = f" akapit „{f.paragraph}”:" if f.paragraph else ""
            lines.append(f"   [{f.severity.label.upper()}]{where} {f.message}")
    if own and result.missing:
        lines.append("Brak w tym folderze (program użyje szablonów wbudowanych): "
                     + ", ".join(result.missing))
    from kis_xl.documents.formatting import counted

    problems = sum(len(r.findings) for r in result.reports)
    lines.append("Wynik: bez problemów." if not problems else
                 f"Wynik: {counted(problems, 'problem', 'problemy', 'problemów')} do "
                 "poprawienia w Wordzie.")
    return lines
