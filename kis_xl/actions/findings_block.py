"""The list of findings on a result sheet, each with a link to the cell it is about.

Staff who click a ribbon button never see the command line, so every result
sheet lists the findings of its own run: "Wynik kontroli" with the
coordinator's decisions, "Wynik godzin" and "Wynik rezultatów" with what
their counting skipped or doubted (a note such as "Pominięto 1 powtórzoną
obecność" must lead somewhere the user can click).
"""

from __future__ import annotations

from kis_xl.domain.findings import Finding, Severity, locate
from kis_xl.domain.model import Club
from kis_xl.plan.sheetspec import Block, Col, Link, Mark

SEVERITY_MARKS: dict[Severity, Mark] = {
    Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info",
}
SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
TITLE = "Ustalenia"


class FindingTargets:
    """The workbook cell a finding is about (for its hyperlink)."""

    def __init__(self, club: Club) -> None:
        self.layouts = club.layouts

    def link(self, f: Finding) -> Link | None:
        if f.sheet is None or f.row is None:
            return None  # a missing sheet, or the workbook as a whole: nowhere to go
        layout = self.layouts.get(f.sheet_key) if f.sheet_key else None
        if layout is not None and layout.key == "settings":
            # Any finding about a setting is about its value (the label is the row's name).
            return Link(layout.name, layout.cell("value", f.row) or f"A{f.row}")
        if layout is not None:
            key = f.column_key
            return Link(layout.name, (layout.cell(key, f.row) if key else None) or f"A{f.row}")
        return Link(f.sheet, f"A{f.row}")


def findings_block(club: Club, findings: list[Finding], *, note: str) -> Block:
    """Errors first, then warnings and information; the cell address is a hyperlink.

    The description comes first: on "Wynik godzin" and "Wynik rezultatów" column A
    is the wide one (activity and category names), so the text wraps in a wide cell.
    """
    ordered = sorted(locate(findings, club.names),
                     key=lambda f: (SEVERITY_RANK[f.severity], f.sheet or "", f.row or 0))
    targets = FindingTargets(club)
    rows: list[list[object]] = []
    marks: list[Mark | None] = []
    links: dict[tuple[int, int], Link] = {}
    for i, f in enumerate(ordered):
        link = targets.link(f)
        if link is not None:
            links[(i, 3)] = link
        where = f"{f.sheet}, wiersz {f.row}" if f.sheet and f.row else f.sheet
        rows.append([f.message, f.severity.label, f.participant, where, f.basis, f.code])
        marks.append(SEVERITY_MARKS[f.severity])
    return Block(
        title=TITLE,
        columns=[Col("Opis", 38, wrap=True), Col("Waga", 12), Col("Uczestnik", 11),
                 Col("Miejsce", 16, wrap=True), Col("Podstawa", 15, wrap=True), Col("Kod", 15)],
        rows=rows, marks=marks, links=links, note=note,
    )
