"""Build club workbooks in code, the way a user would have filled the template.

``write_club`` starts from the real template (so tests exercise the real
sheet layout) and types rows in by column key; tests then run the real
reader, actions and CLI on the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kis_xl.domain.pesel import make_pesel
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


LONG_STAY = {"max_months": 60}
"""Settings for clubs whose people the check runs on with the computer's date (``meeting add``
asks whom the check admits): a long maximum keeps a 2025 participation from running out."""


def admitted_participant(pid: str, start: date = date(2025, 3, 1), end: date | None = None,
                         **changes: Any) -> dict[str, Any]:
    """A participant the check admits (homeless on a programme, every paper in place)."""
    signed = date(2025, 2, 20)
    n = int(pid[1:])
    row: dict[str, Any] = {
        "id": pid, "last_name": f"Nazwisko{pid}", "first_name": "Anna",
        "pesel": make_pesel(date(1980, 1, 1) + timedelta(days=n), "K", n), "sex": "K",
        "category": "bezdomni", "proof_document": "zaświadczenie OPS", "benefits": "brak",
        "rodo_info_date": signed, "application_date": signed, "interview_date": signed,
        "contract_date": signed, "start_date": start, "end_date": end,
        "end_reason": "ukończenie programu" if end else None,
        "planned_end": date(2029, 12, 31)}
    row.update(changes)
    return row
