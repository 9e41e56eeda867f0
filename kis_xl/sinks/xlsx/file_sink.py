"""FileSink: apply a ``WritePlan`` to a closed .xlsx on disk without losing anything.

The workbook is never loaded and saved by openpyxl (that drops shapes, form
controls, slicers, sparklines, pivot caches, images…). Instead the package is
edited part by part: generated sheets are rendered in a scratch workbook and
transplanted, status columns are written into the one sheet that holds them,
and every other part is copied byte for byte. Around it runs the safety
protocol of ``safety``: refuse when the file is open, write a temp file, back
the old file up and replace it atomically. What any write may touch (only
sheets marked as generated, one new change log row) is ``write_policy``'s,
shared with the Excel sink.

Importing this module is cheap (no openpyxl): a ribbon click starts a fresh
Python process.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kis_xl.plan.errors import WorkbookUnreadable
from kis_xl.plan.writeback import ColumnUpdate, WritePlan, WriteResult
from kis_xl.sinks import write_policy
from kis_xl.sinks.xlsx import changelog, ooxml, safety
from kis_xl.sinks.xlsx.container import compound_file_message
from kis_xl.sinks.xlsx.package import Package, PackageError
from kis_xl.sinks.xlsx.render import BaseFont, render_parts
from kis_xl.sinks.xlsx.styles import StyleMerger, default_font
from kis_xl.sinks.xlsx.transplant import transplant_sheets
from kis_xl.sinks.xlsx.workbook import StrictFormat, Workbook

_CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
_REL_STYLES = ooxml.REL + "styles"
_MINIMAL_STYLES = (
    f'<styleSheet xmlns="{ooxml.MAIN}"><fonts count="1"><font><sz val="11"/>'
    '<name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/>'
    '</fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border>'
    '<left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles '
    'count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
).encode()


class FileSink:
    """Writes plans into the workbook at ``path`` (which must be closed in Excel)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        keep_backups: int = 10,
        user: str | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.path = Path(path)
        self.keep_backups = keep_backups
        self.user = user
        self.clock = clock or datetime.now

    def apply(self, plan: WritePlan) -> WriteResult:
        path = self.path.resolve()
        when = self.clock()
        _ensure_file(path)
        safety.remove_stale_temp_files(path.parent)
        safety.ensure_unlocked(path)
        read_as = path.stat()
        data = path.read_bytes()
        pkg, book = _open(path, data)

        write = write_policy.check_write(
            plan, lambda name: _existing_sheet(book, name), when=when, user=self.user)
        earlier = changelog.read_rows(data, write.log_name) if write.log_exists else []

        styles = StyleMerger(_styles_root(pkg, book))
        columns = write_columns(pkg, book, styles, plan.columns) if plan.columns else []
        if plan.appends:
            from kis_xl.sinks.xlsx.append_rows import append_rows

            for append in plan.appends:
                append_rows(pkg, book, styles, append)
        sheets = write.generated_sheets(earlier, columns)
        font = default_font(styles.target)
        rendered, direct = render_parts(sheets, command=plan.command, when=when,
                                        font=BaseFont(*font) if font else BaseFont())
        scratch = Package(rendered)
        styles.source = scratch.xml(Workbook(scratch).styles_part() or "xl/styles.xml")
        transplant_sheets(pkg, book, scratch, styles, direct=direct)
        if styles.changed:
            pkg.mark(book.styles_part() or "")
        if plan.columns or write.replacing:
            book.drop_calc_chain()
        if plan.columns or plan.appends or any(s.entry for s in plan.sheets):
            book.force_full_calc()  # a register's totals are formulas without cached values

        def backup() -> Path | None:
            return safety.backup(path, data, when) if self.keep_backups > 0 else None

        try:
            copy = safety.replace_atomically(path, pkg.save, read_as, backup)
        except PackageError as exc:
            raise WorkbookUnreadable(_damaged(path, exc)) from exc
        if copy is not None:
            safety.prune_backups(path, self.keep_backups)
        return write.result(workbook=path.name, location=str(path), columns=columns, backup=copy)


def write_columns(
    pkg: Package, book: Workbook, styles: StyleMerger, updates: list[ColumnUpdate]
) -> list[str]:
    """``cells.write_columns``, imported only by a write with status columns."""
    from kis_xl.sinks.xlsx.cells import write_columns as write

    return write(pkg, book, styles, updates)


def _ensure_file(path: Path) -> None:
    if not path.is_file():
        raise WorkbookUnreadable(f"Nie znaleziono skoroszytu „{path}”.")


def _open(path: Path, data: bytes) -> tuple[Package, Workbook]:
    specific = compound_file_message(path.name, data)
    if specific is not None:
        raise WorkbookUnreadable(specific)
    try:
        pkg = Package(data)
        return pkg, Workbook(pkg)
    except StrictFormat as exc:
        raise WorkbookUnreadable(
            f"Skoroszyt „{path.name}” jest zapisany jako „Ścisły arkusz Open XML”. Zapisz go w "
            "Excelu jako „Skoroszyt programu Excel (*.xlsx)” i uruchom polecenie ponownie."
        ) from exc
    except (PackageError, KeyError) as exc:
        raise WorkbookUnreadable(
            f"Plik „{path.name}” nie jest skoroszytem .xlsx albo jest uszkodzony ({exc})."
        ) from exc


def _damaged(path: Path, exc: Exception) -> str:
    return (
        f"Skoroszyt „{path.name}” jest uszkodzony ({exc}) i nie można go bezpiecznie zapisać. "
        "Otwórz go w Excelu i zapisz ponownie. Nic nie zostało zmienione."
    )


def _existing_sheet(book: Workbook, name: str) -> write_policy.ExistingSheet | None:
    entry = book.find(name)
    if entry is None:
        return None
    text = book.first_cell_text(entry.part) if entry.kind == "worksheet" else None
    return write_policy.ExistingSheet(entry.name, text)


def _styles_root(pkg: Package, book: Workbook) -> ooxml.Element:
    part = book.styles_part()
    if part is None:  # rare: a package written without styles; give it the minimal one
        part = pkg.unused_name("xl", "styles", "xml")
        pkg.put(part, _MINIMAL_STYLES, _CT_STYLES)
        book.rels.add(_REL_STYLES, part)
    return pkg.xml(part)

