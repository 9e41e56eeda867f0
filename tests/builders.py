"""Build club workbooks in code, the way a user would have filled the template.

``write_club`` starts from the real template (so tests exercise the real
sheet layout) and types rows in by column key; tests then run the real
reader, actions and CLI on the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kis_xl.workbook.template import build_template, fill_workbook

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
    """Write a workbook: ``settings`` by setting key, sheets by schema key -> rows of {key: value}.

    ``lists=[{"kategorie": "matki samotnie wychowujące dzieci"}]`` appends club values to lists.
    """
    wb = fill_workbook(build_template(), {**BASE_SETTINGS, **(settings or {})}, sheets)
    wb.save(path)
    return path
