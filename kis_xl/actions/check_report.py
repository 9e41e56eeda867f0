"""What ``check`` writes back: the sheet "Wynik kontroli" and the two status columns.

Kept apart from the rules (which know nothing of sheets) and from the action
(which only wires things together), so tests can inspect the description of
the results sheet without a file.
"""

from __future__ import annotations

from kis_xl.actions.findings_block import SEVERITY_MARKS, SEVERITY_RANK, FindingTargets
from kis_xl.domain import vocab
from kis_xl.domain.findings import Finding, locate, summarize
from kis_xl.domain.model import Club
from kis_xl.domain.rules import Evaluation
from kis_xl.plan.sheetspec import INT_FORMAT, Block, Col, GeneratedSheet, Link, Mark
from kis_xl.plan.writeback import ColumnUpdate
from kis_xl.workbook import schema

SHEET = schema.sheet("check_results")

STATUS_MEANING = {
    "eligible": "spełnia warunki uczestnictwa; brak błędów",
    "ineligible": "nie spełnia warunku uczestnictwa (kategoria, świadczenie, wiek, okres)",
    "incomplete": "brakuje dokumentu lub danych albo dane są błędne – do uzupełnienia",
    "override": "o dopuszczeniu lub niedopuszczeniu zdecydował koordynator (z uzasadnieniem)",
}
_STATUS_MARKS: dict[str, Mark] = {
    "eligible": "ok", "ineligible": "error", "incomplete": "warning", "override": "info",
}
_LINK_COLUMN = 3
"""Index of the "Komórka" column in the findings block."""


def results_sheet(club: Club, ev: Evaluation) -> GeneratedSheet:
    counts = summarize(ev.findings)
    subtitle = (
        f"Profil reguł: {ev.profile.key} – {ev.profile.title} · stan na "
        f"{ev.today.strftime('%d.%m.%Y')} · błędy: {counts['errors']}, ostrzeżenia: "
        f"{counts['warnings']}, informacje: {counts['infos']}, uchylone decyzją koordynatora: "
        f"{counts['overridden']}"
    )
    return GeneratedSheet(
        key=SHEET.key, name=SHEET.name, title="Wynik kontroli uczestników i danych",
        subtitle=subtitle, blocks=[_status_block(ev), _findings_block(club, ev.findings)],
    )


def _status_block(ev: Evaluation) -> Block:
    counts = ev.status_counts()
    rows: list[list[object]] = []
    marks: list[Mark | None] = []
    for term in vocab.ELIGIBILITY_STATUSES.terms:
        rows.append([term.value, counts[term.code], STATUS_MEANING[term.code]])
        marks.append(_STATUS_MARKS[term.code])
    rows.append(["Razem", sum(counts.values()), ""])
    marks.append("total")
    return Block(
        title="Statusy uczestników",
        columns=[Col("Status kwalifikacji", 24), Col("Liczba uczestników", 12, INT_FORMAT),
                 Col("Znaczenie", 70, wrap=True)],
        rows=rows, marks=marks,
        note="Status i jego uzasadnienie są też wpisane w arkuszu uczestników, w kolumnach "
        "„Status kwalifikacji” i „Uzasadnienie statusu”.",
    )


def _findings_block(club: Club, findings: list[Finding]) -> Block:
    ordered = sorted(locate(findings, club.names),
                     key=lambda f: (f.override is not None, SEVERITY_RANK[f.severity]))
    targets = FindingTargets(club)
    rows: list[list[object]] = []
    marks: list[Mark | None] = []
    links: dict[tuple[int, int], Link] = {}
    for i, f in enumerate(ordered):
        link = targets.link(f)
        if link is not None:
            links[(i, _LINK_COLUMN)] = link
        o = f.override
        rows.append([
            f.severity.label, f.participant, f.message, link.cell if link else None, f.basis,
            f.sheet, f.row, f.column, f.code,
            o.decision if o else None, o.by if o else None, o.on if o else None,
        ])
        marks.append("muted" if o else SEVERITY_MARKS[f.severity])
    return Block(
        title="Ustalenia",
        columns=[
            # Opis shares column C with the status block's "Znaczenie" (both wide);
            # where exactly (sheet, row, column, code) follows what and why.
            Col("Waga", 12), Col("Uczestnik", 11), Col("Opis", 70, wrap=True), Col("Komórka", 9),
            Col("Podstawa", 36, wrap=True), Col("Arkusz", 16), Col("Wiersz", 8, INT_FORMAT),
            Col("Kolumna", 22, wrap=True), Col("Kod", 24), Col("Uchylone decyzją", 18, wrap=True),
            Col("Kto zdecydował", 16, wrap=True), Col("Data decyzji", 12),
        ],
        rows=rows, marks=marks, links=links,
        note="Kliknij adres w kolumnie „Komórka”, aby przejść do miejsca ustalenia. Ustalenia "
        "uchylone decyzją koordynatora zostają na liście (szary tekst) i nie są liczone jako "
        "błędy. Aby uchylić ustalenie, wpisz jego kod w arkuszu „Decyzje koordynatora”. Dane "
        "arkuszy „Spotkania” i „Obecności” sprawdza „Policz godziny” (arkusz „Wynik godzin”).",
    )


def status_columns(club: Club, ev: Evaluation) -> list[ColumnUpdate]:
    """The participants sheet's status and reason columns, one value per participant row."""
    layout = club.layouts.get("participants")
    if layout is None:
        return []
    spec = schema.sheet("participants")
    out = []
    for key, attr in (("status", "status"), ("status_reason", "reason")):
        out.append(ColumnUpdate(
            sheet=layout.name, header_row=layout.header_row,
            header=layout.headers.get(key, spec.column(key).header),
            column=layout.columns.get(key),
            values={s.row: getattr(s, attr) for s in ev.statuses},
            last_row=layout.last_row,
        ))
    return out
