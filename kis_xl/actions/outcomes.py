"""``kis-xl outcomes`` / ribbon "Rezultaty": outcome indicators by category.

Computes ``kis_xl.domain.outcomes`` and writes "Wynik rezultatów": participants by
category and status, reintegration effects by category (what art. 18a ust. 6
pkt 2 asks for the annual report), outcomes by type and category, and the
per-participant list the totals are made of, so every number is traceable.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kis_xl.actions.base import ActionResult
from kis_xl.actions.findings_block import findings_block
from kis_xl.domain.findings import Finding, locate
from kis_xl.domain.model import Club
from kis_xl.domain.outcomes import (
    NO_CATEGORY,
    CategoryOutcome,
    OutcomeReport,
    ParticipantOutcome,
    compute_outcomes,
)
from kis_xl.domain.text import plural
from kis_xl.plan.sheetspec import INT_FORMAT, Block, Chart, Col, GeneratedSheet, Link, Mark
from kis_xl.plan.writeback import WritePlan
from kis_xl.workbook import schema

COMMAND = "kis-xl outcomes"
BASIS = "art. 18a ust. 6 pkt 2 ustawy o zatrudnieniu socjalnym"
CATEGORY_HEADER = "Kategoria (nr – art. 1 ust. 2 ustawy; K – dopisana przez klub)"
EXTENSION_BASIS = "dopisana przez klub – rozszerzenie katalogu, § 8 regulaminu klubu"
FINDINGS_NOTE = (
    "Problemy znalezione przy odczycie skoroszytu i liczeniu rezultatów (np. rezultat poza "
    "okresem udziału, brak powodu zakończenia). Kliknij adres w kolumnie „Miejsce”, aby "
    "przejść do komórki; po poprawieniu danych policz rezultaty ponownie."
)


def check_year(year: int | None) -> None:
    """``kis-xl outcomes --rok``: a year the "Ustawienia" sheet would accept, or none."""
    from kis_xl.plan.errors import KisError

    bounds = next(s.bounds for s in schema.SETTINGS if s.key == "reporting_year")
    if year is not None and bounds is not None and not bounds[0] <= year <= bounds[1]:
        raise KisError(f"Rok {year} jest poza zakresem {bounds[0]}–{bounds[1]}. Podaj "
                       "rok sprawozdawczy, np. --rok 2025.")


def outcomes_action(
    club: Club, *, today: date | None = None, year: int | None = None
) -> ActionResult:
    """Ribbon/CLI action: indicators for ``year`` (default: settings' reporting year)."""
    today = today or date.today()
    report = compute_outcomes(club, today=today, year=year)
    findings = locate([*club.findings, *report.findings], club.names)
    sheet = outcomes_sheet(club, report, findings)
    t = report.totals
    command = COMMAND if year is None else f"{COMMAND} --rok {year}"
    headline = (
        f"{_period_text(report)}: {t.participants} "
        f"{plural(t.participants, 'uczestnik', 'uczestników', 'uczestników')}, "
        f"ukończyło {t.completed}, przerwało {t.dropped_out}, z efektem reintegracji "
        f"{t.with_effect}, zatrudnionych po ukończeniu {t.employed_after_completion}."
    )
    return ActionResult(
        command=command,
        findings=findings,
        payload=outcomes_payload(report),
        summary=[headline],
        plan=WritePlan(command, f"Policzono rezultaty. {headline}", sheets=[sheet]),
    )


def _counts(c: CategoryOutcome) -> dict[str, Any]:
    return {
        "participants": c.participants,
        "active": c.active,
        "completed": c.completed,
        "dropped_out": c.dropped_out,
        "ended_other": c.ended_other,
        "with_effect": c.with_effect,
        "with_social_effect": c.with_social_effect,
        "with_professional_effect": c.with_professional_effect,
        "employed": c.employed,
        "employed_after_completion": c.employed_after_completion,
        "observation_pending": c.observation_pending,
        "outcomes_by_type": dict(sorted(c.outcomes_by_type.items())),
    }


def outcomes_payload(report: OutcomeReport) -> dict[str, Any]:
    """The public JSON of ``kis-xl outcomes --json`` (README documents it), findings excluded."""
    p = report.period
    return {
        "today": report.today.isoformat(),
        "period": {
            "year": p.year,
            "from": p.start.isoformat() if p.start else None,
            "to": p.end.isoformat(),
            "status_as_of": report.as_of.isoformat(),
        },
        "employment_window_months": report.window_months,
        "by_category": [
            {"category": c.category, "code": c.code or None, **_counts(c),
             "secondary": c.secondary}
            for c in report.by_category
        ],
        "totals": _counts(report.totals),
        "outcomes_by_type": [
            {"type": t.type, "code": t.code, "employment": t.employment,
             "outcomes": t.outcomes, "participants": t.participants}
            for t in report.by_type
        ],
        "participants": [
            {"id": po.id, "category": po.category, "status": po.status,
             "outcomes": [o.type for o in po.outcomes],
             "employed_after_completion": po.employed_after_completion,
             "observation_pending": po.observation_pending}
            for po in report.participants
        ],
        "not_started": report.not_started,
    }


# ----------------------------------------------------------------------------- sheet


def outcomes_sheet(
    club: Club, report: OutcomeReport, findings: list[Finding] | None = None
) -> GeneratedSheet:
    """The sheet; ``findings`` (default: the reader's and the report's) are listed at its end."""
    spec = schema.sheet("outcome_results")
    if findings is None:
        findings = [*club.findings, *report.findings]
    codes = _codes(report)
    return GeneratedSheet(
        key=spec.key,
        name=spec.name,
        title="Rezultaty uczestników według kategorii",
        subtitle=f"{_period_text(report)}; status na {report.as_of:%d.%m.%Y}; zatrudnienie po "
                 f"ukończeniu liczone do {report.window_months} mies. po zakończeniu udziału.",
        blocks=[
            _status_block(report, codes),
            _effects_block(report, codes),
            _types_block(report, codes),
            _people_block(club, report, codes),
            findings_block(club, findings, note=FINDINGS_NOTE),
        ],
        charts=[Chart("bar", "Rezultaty według rodzaju", block=2, category_col=0,
                      value_cols=(2,), skip_last_row=True)],
    )


def _codes(report: OutcomeReport) -> dict[str, str]:
    """Short label per category: its number in art. 1 ust. 2, K1, K2… for the club's own.

    The types table and the list of people use the short label, so their
    columns stay narrow; the tables above spell it out once.
    """
    out: dict[str, str] = {}
    own = 0
    for c in report.by_category:
        if c.code:
            out[c.category] = c.code
        elif c.category == NO_CATEGORY:
            out[c.category] = "–"
        else:
            own += 1
            out[c.category] = f"K{own}"
    return out


def _category_label(c: CategoryOutcome, codes: dict[str, str]) -> str:
    """"5. osoby długotrwale bezrobotne" (art. 1 ust. 2 pkt 5); the club's own categories
    name their basis, the club's extension of the catalogue, not art. 1 ust. 2."""
    code = codes.get(c.category)
    if code and code.startswith("K"):
        return f"{code}. {c.category} ({EXTENSION_BASIS})"
    return f"{code}. {c.category}" if code else c.category


def _with_totals(report: OutcomeReport) -> list[CategoryOutcome]:
    return [*report.by_category, report.totals]


def _marks(n: int) -> list[Mark | None]:
    return [*([None] * n), "total"]


def _status_block(report: OutcomeReport, codes: dict[str, str]) -> Block:
    columns = [Col(CATEGORY_HEADER, 44, wrap=True), Col("Uczestnicy", 11, INT_FORMAT),
               Col("W trakcie", 10, INT_FORMAT), Col("Ukończyli", 10, INT_FORMAT),
               Col("Przerwali", 10, INT_FORMAT), Col("Zakończyli z innego powodu", 13,
                                                     INT_FORMAT),
               Col("Jako dodatkowa (poza sumą)", 13, INT_FORMAT)]
    rows: list[list[Any]] = [
        [_category_label(c, codes), c.participants, c.active, c.completed, c.dropped_out,
         c.ended_other, c.secondary if c is not report.totals else None]
        for c in _with_totals(report)
    ]
    note = ("Każdy uczestnik liczony raz, według kategorii głównej. Ukończyli = powód "
            "„ukończenie programu” lub „podjęcie zatrudnienia”; przerwali = „rezygnacja” lub "
            "„skreślenie z listy”.")
    if report.not_started:
        n = report.not_started
        note += (f" Pominięto {n} {plural(n, 'osobę', 'osoby', 'osób')} bez rozpoczętego "
                 "udziału w okresie.")
    return Block("Uczestnicy według kategorii i statusu", columns, rows,
                 marks=_marks(len(report.by_category)), note=note)


def _effects_block(report: OutcomeReport, codes: dict[str, str]) -> Block:
    n = report.window_months
    columns = [Col(CATEGORY_HEADER, 44, wrap=True), Col("Uczestnicy", 11, INT_FORMAT),
               Col("Efekt społeczny", 12, INT_FORMAT),
               Col("Efekt zawodowy", 12, INT_FORMAT),
               Col("Jakikolwiek efekt", 12, INT_FORMAT),
               Col("Zatrudnieni (każda forma)", 12, INT_FORMAT),
               Col(f"Zatrudnieni po ukończeniu (≤ {n} mies.)", 14, INT_FORMAT),
               Col("Obserwacja trwa", 11, INT_FORMAT)]
    rows: list[list[Any]] = [
        [_category_label(c, codes), c.participants, c.with_social_effect,
         c.with_professional_effect, c.with_effect, c.employed, c.employed_after_completion,
         c.observation_pending]
        for c in _with_totals(report)
    ]
    return Block(
        f"Efekty reintegracji według kategorii ({BASIS})", columns, rows,
        marks=_marks(len(report.by_category)),
        note="Liczba osób (nie rezultatów). Społeczna: podjęcie leczenia, uregulowanie spraw "
             "prawnych, inny rezultat; zawodowa: każda forma zatrudnienia i podniesienie "
             f"kwalifikacji. Po ukończeniu: zatrudnienie od rozpoczęcia udziału do {n} mies. "
             "po ukończeniu; „obserwacja trwa” – ten okres jeszcze nie minął.",
    )


def _types_block(report: OutcomeReport, codes: dict[str, str]) -> Block:
    cats = [c for c in report.by_category if c.participants]
    columns = [Col("Rodzaj rezultatu", 36, wrap=True), Col("Zatrudnienie", 12),
               Col("Rezultaty", 10, INT_FORMAT), Col("Osoby", 8, INT_FORMAT)]
    columns += [Col(f"kat. {codes[c.category]}", 8, INT_FORMAT) for c in cats]
    rows: list[list[Any]] = [
        [t.type, "tak" if t.employment else "nie", t.outcomes, t.participants,
         *(t.by_category.get(c.category, 0) for c in cats)]
        for t in report.by_type
    ]
    rows.append(["Razem", None, sum(t.outcomes for t in report.by_type), None,
                 *(sum(t.by_category.get(c.category, 0) for t in report.by_type) for c in cats)])
    return Block("Rezultaty według rodzaju i kategorii", columns, rows,
                 marks=_marks(len(report.by_type)),
                 note="Liczba rezultatów (jedna osoba może mieć kilka); kolumny „kat.” – "
                      "kategorie z tabeli wyżej. Liczą się rezultaty od rozpoczęcia udziału "
                      f"do {report.window_months} mies. po zakończeniu.")


def _people_block(club: Club, report: OutcomeReport, codes: dict[str, str]) -> Block:
    # The results text comes last, where it may run on over the empty cells to its right.
    columns = [Col("ID uczestnika", 13), Col("Kat.", 8), Col("Status", 14),
               Col("Zatrudniony po ukończeniu", 12), Col("Rezultaty", 12)]
    layout = club.layouts.get("participants")
    rows: list[list[Any]] = []
    links: dict[tuple[int, int], Link] = {}
    for i, po in enumerate(report.participants):
        rows.append([po.id, codes.get(po.category, po.category), po.status,
                     _employed_text(po),
                     "; ".join(o.type for o in po.outcomes if o.type) or None])
        cell = layout.cell("id", po.row) if layout else None
        if layout and cell:
            links[(i, 0)] = Link(layout.name, cell)
    return Block("Uczestnicy i ich rezultaty (podstawa sum)", columns, rows, links=links,
                 note="Z tej listy policzono tabele powyżej; „Kat.” – numer kategorii jak "
                      "w pierwszej tabeli.")


def _employed_text(po: ParticipantOutcome) -> str | None:
    if po.employed_after_completion:
        return "tak"
    if po.observation_pending:
        return "obserwacja trwa"
    return "nie" if po.status.startswith("ukończ") else None


def _period_text(report: OutcomeReport) -> str:
    if report.period.year is not None:
        return f"Rok {report.period.year}"
    return f"Cały okres do {report.period.end:%d.%m.%Y}"
