"""A pseudonymised copy of the club's workbook, for the supervisor to review in Excel.

The copy is a new file (the user's workbook is only read), so it is built with
openpyxl from the user's file rather than by package surgery: the sheets, their
tables, validation lists and formatting stay; the columns found by header
(``club.layouts``, the reader's) that identify a person are emptied, the
participant's surname is replaced by the participant's ID, and free text is
removed. Then the result sheets are recomputed on the copy by the same actions
as ``kis-xl hours`` / ``outcomes`` (their per-person lists then show IDs only).
"Wynik kontroli" is left out: its messages may quote a PESEL or a name, and a
check of a copy without PESELs would report every person. Sheets outside the
workbook's design are left out too: nothing says what they hold.

Pseudonymised data are still personal data (RODO motyw 26): the copy goes to
the supervisor of the club only, not to the public.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import Any

from kis_xl.domain.model import SheetLayout
from kis_xl.workbook import schema

PARTICIPANT_ID_AS_NAME = "last_name"
CLEARED: dict[str, tuple[str, ...]] = {
    "participants": ("first_name", "pesel", "birth_date", "street", "postal_code", "city",
                     "phone", "email", "notes", "status_reason"),
    "pup_periods": ("notes",),
    "meetings": ("topic",),
    "attendance": ("notes",),
    "outcomes": ("description", "institution"),
    "contracts": ("text",),
    "decisions": ("justification",),
    "staff": ("phone", "email"),
}
"""Sheet key -> column keys emptied in the copy (identities, contact data, free text)."""
MARKED = {"participants": ("proof_document",)}
"""Columns whose text may name a diagnosis or an institution: only "(podano)" stays."""
DROPPED_GENERATED = ("check_results",)
RECOMPUTED = ("hours", "outcomes")


def pseudonymise_workbook(source: Path, target: Path) -> list[str]:
    """Write the pseudonymised copy (result sheets not yet recomputed); returns Polish notes."""
    from openpyxl import load_workbook

    from kis_xl.workbook.reader import read_workbook

    club = read_workbook(source)
    wb = load_workbook(source)
    notes: list[str] = []
    dropped: list[str] = []
    for ws in list(wb.worksheets):
        spec = schema.find_sheet(ws.title)
        if spec is None or spec.key in DROPPED_GENERATED:
            dropped.append(ws.title)
            wb.remove(ws)
    for key, layout in club.layouts.items():
        if layout.name in wb.sheetnames:
            _clear(wb[layout.name], key, layout)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if getattr(cell, "comment", None) is not None:
                    cell.comment = None
    props = wb.properties
    props.creator = props.lastModifiedBy = "kis-xl"
    props.title = "Kopia pseudonimizowana"
    wb.save(target)
    if dropped:
        notes.append("W kopii pseudonimizowanej pominięto arkusze: "
                     + ", ".join(f"„{n}”" for n in dropped)
                     + " (mogą zawierać dane osobowe; wyniki kontroli powstają z pełnych "
                     "danych).")
    return notes


def _clear(ws: Any, key: str, layout: SheetLayout) -> None:
    """Empty the identifying and free-text columns of one sheet; IDs stand for surnames."""
    cols = layout.columns
    id_col = cols.get("id") if key == "participants" else None
    name_col = cols.get(PARTICIPANT_ID_AS_NAME) if key == "participants" else None
    cleared = [cols[c] for c in CLEARED.get(key, ()) if c in cols]
    marked = [cols[c] for c in MARKED.get(key, ()) if c in cols]
    for row in range(layout.header_row + 1, ws.max_row + 1):
        for col in cleared:
            ws.cell(row=row, column=col).value = None
        for col in marked:
            cell = ws.cell(row=row, column=col)
            if cell.value not in (None, ""):
                cell.value = "(podano)"
        if id_col and name_col:
            ws.cell(row=row, column=name_col).value = _text(ws.cell(row=row, column=id_col).value)


def _text(value: Any) -> Any:
    from kis_xl.sinks.xlsx.safe_text import clean_text

    return clean_text(value) if isinstance(value, str) else value


def pseudonymised_copy(source: Path, target: Path, *, today: date) -> list[str]:
    """The copy with "Wynik godzin" and "Wynik rezultatów" recomputed on it."""
    from kis_xl.actions import registry
    from kis_xl.actions.base import run_on_file
    from kis_xl.sinks.xlsx.file_sink import FileSink
    from kis_xl.sinks.xlsx.safety import BACKUP_DIR, backups

    notes = pseudonymise_workbook(source, target)
    for name in RECOMPUTED:
        spec = registry.get(name)
        action = functools.partial(spec.load(), today=today)
        run_on_file(target, action, sheets=spec.sheets, sink=FileSink(target, user="kis-xl"))
    for old in backups(target):  # the copy's own backups: not the user's, not wanted
        old.unlink(missing_ok=True)
    folder = target.parent / BACKUP_DIR
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
    return notes
