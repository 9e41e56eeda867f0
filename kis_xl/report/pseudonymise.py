"""A pseudonymised copy of the club's workbook, for the supervisor to review in Excel.

The copy is a NEW workbook built from a positive list (``schema.SHARED_COLUMNS``,
``SHARED_SETTINGS``, ``SHARED_WHOLE_SHEETS``): only the values of the sheets and
columns declared safe to share are written, nothing else of the user's file is carried
over – no document or custom properties, headers and footers, comments, hyperlinks,
validations, defined names, charts and their caches, pivot caches, external links,
formulas (cached values only) or sheets outside that list. A person's ID becomes a
pseudonym drawn afresh for every copy (``P-…`` for participants, ``W-…`` for
volunteers); the key linking pseudonyms to IDs is returned to the caller, who keeps it in
the office. "Wynik godzin" and "Wynik rezultatów" are recomputed from the copy's own data
by the same actions as ``kis-xl hours`` / ``outcomes``; other generated sheets are left
out. The scanner (``kis_xl.report.scanner``) checks the result before it leaves.

Pseudonymised data are still personal data (RODO motyw 26) and the copy keeps the art. 9
categories: it leaves the office encrypted, to the supervisor of the club only.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from kis_xl.domain.model import Club, SheetLayout
from kis_xl.workbook import schema

DATE_FORMAT = "DD.MM.YYYY"
TIME_FORMAT = "HH:MM"
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_KIND = {"participants": "P", "volunteers": "W"}
"""Sheet whose ID is a person's -> pseudonym prefix; references follow their sheet."""


@dataclass
class Pseudonyms:
    """The copy's pseudonyms of people's IDs: drawn at random, unique in the copy."""

    by_id: dict[tuple[str, str], str] = field(default_factory=dict)

    def of(self, kind: str, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        key = (kind, str(value).strip())
        if key not in self.by_id:
            used = set(self.by_id.values())
            while True:
                code = f"{_KIND[kind]}-" + "".join(secrets.choice(_ALPHABET) for _ in range(5))
                if code not in used:
                    break
            self.by_id[key] = code
        return self.by_id[key]

    def key_rows(self) -> list[tuple[str, str, str]]:
        """(sheet, ID, pseudonym) for the office's key file."""
        names = {"participants": "Uczestnicy", "volunteers": "Wolontariusze"}
        return [(names[k], i, p) for (k, i), p in sorted(self.by_id.items())]


def _person_kind(sheet_key: str, column_key: str) -> str:
    """Whose pseudonym a "pseudonym" column holds: its own sheet's ID, or the referenced."""
    spec = schema.sheet(sheet_key).column(column_key)
    if spec.ref:
        return spec.ref
    return sheet_key


def build_copy(club: Club, source: Path, target: Path) -> Pseudonyms:
    """Write the copy (result sheets not yet recomputed) to ``target``."""
    from openpyxl import Workbook, load_workbook

    pseudonyms = Pseudonyms()
    src = load_workbook(source, read_only=True, data_only=True)
    wb = Workbook()
    wb.remove(wb.active)
    try:
        _settings_sheet(wb, club)
        for key, layout in club.layouts.items():
            if key in schema.SHARED_COLUMNS and layout.name in src.sheetnames:
                _data_sheet(wb, src[layout.name], key, layout, pseudonyms)
        for key in schema.SHARED_WHOLE_SHEETS:
            name = club.sheet_names.get(key) or schema.sheet(key).name
            if name in src.sheetnames:
                _values_sheet(wb, src[name])
    finally:
        src.close()
    props = wb.properties
    props.creator = props.lastModifiedBy = "kis-xl"
    props.title = "Kopia pseudonimizowana"
    props.created = props.modified = datetime(2000, 1, 1)  # no trace of when or by whom
    wb.save(target)
    return pseudonyms


def _settings_sheet(wb: Any, club: Club) -> None:
    from kis_xl.sinks.xlsx.safe_text import put

    ws = wb.create_sheet(club.sheet_names.get("settings") or schema.sheet("settings").name)
    for col, header in enumerate(schema.SETTINGS_HEADERS[:2], start=1):
        put(ws, 1, col, header)
    row = 2
    for key in schema.SHARED_SETTINGS:
        value = getattr(club.settings, key, None)
        if value is None or value == "":
            continue
        put(ws, row, 1, schema.SETTINGS_BY_KEY[key].label)
        _put_value(ws, row, 2, value)
        row += 1


def _data_sheet(wb: Any, src: Any, key: str, layout: SheetLayout,
                pseudonyms: Pseudonyms) -> None:
    from kis_xl.sinks.xlsx.safe_text import put

    shared = [(c, how) for c, how in schema.SHARED_COLUMNS[key].items() if c in layout.columns]
    ws = wb.create_sheet(layout.name)
    for col, (column_key, _) in enumerate(shared, start=1):
        put(ws, 1, col, layout.headers.get(column_key) or schema.sheet(key).column(
            column_key).header)
    kinds = {c: _person_kind(key, c) for c, how in shared if how == schema.PSEUDONYM}
    out_row = 2
    for values in _rows(src, layout):
        picked = [values.get(layout.columns[c]) for c, _ in shared]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in picked):
            continue
        for col, ((column_key, how), value) in enumerate(zip(shared, picked, strict=True),
                                                         start=1):
            if how == schema.PSEUDONYM:
                id_column = "id" if key in _KIND else column_key
                person = values.get(layout.columns.get(id_column, 0), value)
                _put_value(ws, out_row, col, pseudonyms.of(kinds[column_key], person))
            else:
                _put_value(ws, out_row, col, value)
        out_row += 1


def _rows(src: Any, layout: SheetLayout) -> Iterator[dict[int, Any]]:
    """The data rows below the header: 1-based column -> cached value."""
    for row in src.iter_rows(min_row=layout.header_row + 1, max_row=max(
            layout.last_row, layout.header_row + 1), values_only=True):
        yield {i: v for i, v in enumerate(row, start=1) if v is not None}


def _values_sheet(wb: Any, src: Any) -> None:
    """A vocabulary sheet, value by value (no formatting, validations or names)."""
    ws = wb.create_sheet(src.title)
    for r, row in enumerate(src.iter_rows(values_only=True), start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                _put_value(ws, r, c, value)


def _put_value(ws: Any, row: int, col: int, value: Any) -> None:
    from kis_xl.sinks.xlsx.safe_text import put

    if isinstance(value, tuple):
        value = "; ".join(str(v) for v in value)
    cell = put(ws, row, col, value)
    if isinstance(value, datetime | date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, time):
        cell.number_format = TIME_FORMAT


def write_key(pseudonyms: Pseudonyms, folder: Path, stem: str, when: datetime) -> Path:
    """The key (sheet, ID, pseudonym) as CSV in the office, beside the workbook."""
    import csv

    target = folder / "klucze kopii pseudonimizowanych"
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{stem} - klucz kopii {when:%Y-%m-%d %H.%M.%S}.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(["Arkusz", "ID", "Pseudonim w kopii"])
        writer.writerows(pseudonyms.key_rows())
    return path
