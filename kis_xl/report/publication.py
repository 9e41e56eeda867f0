"""The publication version of the report: small counts hidden so that none can be derived.

The report to the voivode carries true numbers (the act asks the operator for
them). A club that publishes its results (a website, a council session) asks
for this separate file instead: the tables of people (III: categories ×
measures with the "Razem" row; IV: activities and effects) where

* **primary suppression** hides every count of people from 1 to ``SMALL - 1``
  (``SMALL`` = 3): so few people can be recognised, and a category is often
  health data (art. 9 RODO);
* **neighbouring cells** that give a hidden count away are hidden with it: the
  number of outcomes beside a hidden number of people (1 outcome means 1
  person);
* **complementary suppression**: every published equality (a column of the
  categories table adds up to its "Razem" cell) with exactly one hidden cell
  gets a second one – the smallest visible cell of that column, else the
  total – until no equality has exactly one; one equation in two unknowns
  cannot be solved.

Hidden cells print "x" (not "<3": a complementary cell may be large). Only
these tables go into the file: flows, staff and money have further totals
that would need their own equalities, and they are not about small groups of
participants anyway – they stay in the report to the voivode.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kis_xl.report.totals import SMALL, ReportTotals
from kis_xl.report.workbook import retitle

HIDDEN = "x"
PUBLICATION_SHEET = "Do publikacji"

Cell = tuple[int, int, int]
"""(table, row, column) of a value (column 0 is the label)."""


@dataclass(slots=True)
class PublishedTable:
    title: str
    headers: list[str]
    rows: list[list[Any]]
    people: set[int]
    """Columns that count people (primary suppression applies to them)."""
    linked: dict[int, int] = field(default_factory=dict)
    """Column -> the people column that, hidden, hides it too (outcomes beside people)."""
    column_totals: bool = False
    """The last row is the sum of the rows above, column by column."""


def published_tables(t: ReportTotals) -> list[PublishedTable]:
    """The tables of people in true numbers, with what the suppression needs to know."""
    from kis_xl.report.workbook import MEASURES, category_rows

    cats = PublishedTable(
        "III. Uczestnicy według kategorii (art. 1 ust. 2 ustawy) i efekty reintegracji",
        ["Kategoria", *(label for _, label in MEASURES)],
        [[label if key == "razem" else f"{key}. {label}", *values]
         for key, label, values in category_rows(t)],
        people=set(range(1, len(MEASURES) + 1)), column_totals=True)
    activities = PublishedTable(
        "IV. Zajęcia zrealizowane w klubie",
        ["Zajęcia", "Forma", "Spotkania", "Godziny zajęć", "Uczestnicy"],
        [[a.name, a.form, a.meetings, a.delivered_hours, a.participants]
         for a in t.activities],
        people={4})
    effects = PublishedTable(
        "Efekty zajęć – rezultaty uczestników według rodzaju",
        ["Rodzaj rezultatu", "Rezultaty", "Osoby"],
        [[e.type, e.outcomes, e.participants] for e in t.effects],
        people={2}, linked={1: 2})
    return [cats, activities, effects]


def suppress(tables: list[PublishedTable]) -> set[Cell]:
    """The cells to hide: primary, linked, then complementary until every equality has
    none or at least two hidden cells."""
    hidden: set[Cell] = set()
    for ti, table in enumerate(tables):
        for ri, row in enumerate(table.rows):
            for ci in table.people:
                if isinstance(row[ci], int) and 0 < row[ci] < SMALL:
                    hidden.add((ti, ri, ci))
    changed = True
    while changed:
        changed = False
        for ti, table in enumerate(tables):
            for ri in range(len(table.rows)):
                for ci, people in table.linked.items():
                    if (ti, ri, people) in hidden and (ti, ri, ci) not in hidden:
                        hidden.add((ti, ri, ci))
                        changed = True
            if table.column_totals:
                changed |= _complement_columns(ti, table, hidden)
    return hidden


def _complement_columns(ti: int, table: PublishedTable, hidden: set[Cell]) -> bool:
    changed = False
    last = len(table.rows) - 1
    for ci in table.people:
        column = [(ti, ri, ci) for ri in range(last + 1)]
        if sum(c in hidden for c in column) != 1:
            continue
        visible = [c for c in column[:-1] if c not in hidden]
        pick = min(visible, key=lambda c: (table.rows[c[1]][ci] == 0, table.rows[c[1]][ci]),
                   default=column[-1])
        hidden.add(pick)
        changed = True
    return changed


def publication_rows(t: ReportTotals) -> list[PublishedTable]:
    """The tables as published: hidden cells replaced by ``HIDDEN``."""
    tables = published_tables(t)
    hidden = suppress(tables)
    for ti, ri, ci in hidden:
        tables[ti].rows[ri][ci] = HIDDEN
    return tables


def publication_workbook(t: ReportTotals, *, when: datetime) -> bytes:
    """The .xlsx of the publication version: one sheet, the tables of people."""
    from kis_xl.plan.sheetspec import Block, Col, GeneratedSheet, Mark
    from kis_xl.sinks.xlsx.render import BaseFont, render

    blocks = []
    note: str | None = (f"„{HIDDEN}” – liczba ukryta: liczba osób od 1 do {SMALL - 1} albo "
                        "liczba ukryta dodatkowo, aby ukrytej nie dało się obliczyć z sumy.")
    for table in publication_rows(t):
        cols = [Col(table.headers[0], 44, wrap=True), *(Col(h, 12) for h in table.headers[1:])]
        marks: list[Mark | None] | None = (
            [*([None] * (len(table.rows) - 1)), "total"] if table.column_totals else None)
        blocks.append(Block(table.title, cols, table.rows, marks=marks, note=note))
        note = None
    sheet = GeneratedSheet(
        key="report_publication", name=PUBLICATION_SHEET,
        title=f"Sprawozdanie klubu integracji społecznej za rok {t.year} – wersja do "
              f"publikacji ({t.general['club_name'] or ''})",
        subtitle="Małe liczby osób ukryte (RODO); pełne sprawozdanie trafia do wojewody.",
        blocks=blocks)
    return retitle(render([sheet], command="kis-xl report", when=when, font=BaseFont()),
                   PUBLICATION_SHEET, f"Plik utworzony przez kis-xl report {when:%d.%m.%Y %H:%M}. "
                   "Wersja do publikacji: małe liczby osób ukryte; bez danych osobowych.")
