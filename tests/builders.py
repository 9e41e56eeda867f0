"""Build club workbooks in code, the way a user would have filled the template.

``write_club`` starts from the real template (so tests exercise the real
sheet layout) and types rows in by column key; tests then run the real
reader, actions and CLI on the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kis_xl import schema
from kis_xl.template import build_template
from kis_xl.text import column_letter

BASE_SETTINGS: dict[str, Any] = {
    "club_name": "Klub Integracji Społecznej w Testowie",
    "operator": "Miejski Ośrodek Pomocy Społecznej w Testowie",
    "club_city": "Testów",
    "coordinator": "Anna Nowak",
}


def write_club(
    path: Path,
    *,
    settings: Mapping[str, Any] | None = None,
    **sheets: Iterable[Mapping[str, Any]],
) -> Path:
    """Write a workbook: ``settings`` by setting key, sheets by schema key -> rows of {key: value}."""
    wb = build_template()
    values = {**BASE_SETTINGS, **(settings or {})}
    ws = wb[schema.sheet("settings").name]
    for r, setting in enumerate(schema.SETTINGS, start=2):
        if setting.key in values:
            ws.cell(row=r, column=2, value=values[setting.key])
    for key, rows in sheets.items():
        spec = schema.sheet(key)
        ws = wb[spec.name]
        index = {c.key: i for i, c in enumerate(spec.columns, start=1)}
        n = 0
        for n, row in enumerate(rows, start=1):
            for col_key, value in row.items():
                ws.cell(row=1 + n, column=index[col_key], value=value)
        table = ws.tables[spec.table_name]
        table.ref = f"A1:{column_letter(len(spec.columns))}{max(2, 1 + n)}"
    wb.save(path)
    return path
