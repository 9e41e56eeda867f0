"""No workbook content makes an action raise: odd data always ends as findings.

Hypothesis builds workbooks from the real schema (every sheet, a random
subset of its columns in any order) and fills them with what offices do type:
values from the dropdowns, IDs that do or do not exist, dates at month ends
and leap days, dates out of range, serial numbers, times, text in number
columns, huge and negative numbers. Each workbook goes through the reader,
every registered action and every document context builder. Found this way:
"31.12.9999" as an end date, a reporting year 25, 100,000 months, "inf" hours.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kis_xl.actions.registry import ACTIONS
from kis_xl.documents.contexts import ClubData
from kis_xl.documents.kinds import KINDS, subject_records
from kis_xl.domain import vocab
from kis_xl.workbook import schema
from kis_xl.workbook.reader import read_grids
from kis_xl.workbook.schema import ColType, SheetKind

TODAY = date(2025, 6, 30)
IDS = ["U1", "U2", "u1 ", "S1", "S2", "Z1", "Z2", "X9", 1, 1.0]
DATES = [date(2025, 1, 31), date(2024, 2, 29), date(2025, 2, 28), date(2025, 12, 31),
         date(2025, 12, 25), date(2025, 6, 29), datetime(2025, 3, 1, 9, 30),
         "29.02.2025", "31.04.2025", "31.12.9999", "01.01.0001", "5.03.25", "2025-03-05",
         45721, 45721.5, 100_000, -1, 0]
NUMBERS = [0, -1, 0.5, 3.5, "3,5", 12.01, 1e9, 10**15, "inf", "nan", "-0", "1 234,5"]
TIMES = [time(9), time(23, 59), time(0), 0.375, 1.5, "9:30", "24:00", "25:00", -0.1]
GARBAGE = [None, "", " ", "?", "brak", "tak", "#N/D!", True, False, "\n", "ą" * 300]


def _choices(key: str | None) -> list[Any]:
    if key is None:
        return []
    voc = vocab.BY_KEY[key]
    return [*voc.values, *(t.code for t in voc.terms if t.code), "własna wartość",
            f"{voc.values[0]}; coś"]


def _cell_values(col: schema.Column) -> st.SearchStrategy[Any]:
    typed: dict[ColType, list[Any]] = {
        ColType.ID: IDS, ColType.REF: IDS, ColType.DATE: DATES, ColType.TIME: TIMES,
        ColType.NUMBER: NUMBERS, ColType.INTEGER: NUMBERS, ColType.PERCENT: NUMBERS,
        ColType.CHOICE: _choices(col.vocab),
    }
    own = typed.get(col.type, ["Anna", "Nowak", "ul. Rynek 1"])
    return st.sampled_from(own + GARBAGE + DATES[:3] + NUMBERS[:3])


@st.composite
def _sheet(draw: st.DrawFn, spec: schema.Sheet) -> list[list[Any]]:
    columns = draw(st.lists(st.sampled_from(spec.columns), min_size=1, unique=True))
    rows = draw(st.lists(st.tuples(*(_cell_values(c) for c in columns)), max_size=6))
    return [[c.header for c in columns], *(list(r) for r in rows)]


@st.composite
def _settings(draw: st.DrawFn) -> list[list[Any]]:
    rows: list[list[Any]] = [list(schema.SETTINGS_HEADERS[:2])]
    for s in schema.SETTINGS:
        if draw(st.booleans()):
            column = schema.Column(s.key, s.label, s.type, vocab=s.vocab)
            rows.append([s.label, draw(_cell_values(column))])
    return rows


@st.composite
def garbage_workbooks(draw: st.DrawFn) -> dict[str, list[list[Any]]]:
    grids: dict[str, list[list[Any]]] = {
        schema.sheet("settings").name: draw(_settings()),
        schema.sheet("lists").name: [
            [vocab.CATEGORIES.label, vocab.SPECIALISTS.label],
            ["moja kategoria", "terapeuta zajęciowy"],
        ],
    }
    for spec in schema.SHEETS:
        if spec.kind is SheetKind.DATA and draw(st.integers(0, 9)):  # now and then missing
            grids[spec.name] = draw(_sheet(spec))
    return grids


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(garbage_workbooks())
def test_actions_and_documents_never_raise_on_garbage(grids: dict[str, Any]) -> None:
    for spec in ACTIONS:
        club = read_grids(grids, sheets=spec.sheets)
        result = spec.load()(club, today=TODAY)
        assert result.plan is not None
        result.json()
        for f in result.findings:
            assert f.message and "{" not in f.message, f
    club = read_grids(grids)
    data = ClubData(club, TODAY)
    for kind in KINDS:
        for subject in subject_records(club, kind.subject):  # volunteers too
            kind.build(data, subject)


def _header(sheet: str, *keys: str) -> list[str]:
    spec = schema.sheet(sheet)
    return [spec.column(k).header for k in keys]


def test_the_crashes_found_so_far_are_findings() -> None:
    """Cases that once raised (in month arithmetic and in rounding), kept as a fixed example."""
    grids = {
        "Ustawienia": [["Ustawienie", "Wartość"], ["Rok sprawozdawczy", 25],
                       ["Maksymalny okres uczestnictwa (miesiące)", 100_000]],
        "Uczestnicy": [
            _header("participants", "id", "last_name", "first_name", "start_date", "end_date",
                    "end_reason"),
            ["U1", "Nowak", "Anna", "1.03.2025", "31.12.9999", "ukończenie programu"]],
        "Program": [
            _header("activities", "id", "name", "form", "planned_meetings",
                    "hours_per_meeting"),
            ["Z1", "Trening", "grupowe", 4, "inf"]],
    }
    codes = set()
    for spec in ACTIONS:
        club = read_grids(grids, sheets=spec.sheets)
        codes |= {f.code for f in spec.load()(club, today=TODAY).findings}
    assert {"date-out-of-range", "setting-out-of-range", "invalid-number"} <= codes
