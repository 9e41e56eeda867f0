"""``kis-xl exchange`` / ribbon "Bilans wymiany": the time bank's balances per member.

Computes ``kis_xl.domain.exchange`` on the club and turns it into the generated sheet
"Bilans wymiany": hours each member gave and received with the balance, hours
per service, and the findings about the ledger's entries.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kis_xl.actions.base import ActionResult
from kis_xl.actions.findings_block import findings_block
from kis_xl.domain.exchange import ExchangeReport, compute_exchange
from kis_xl.domain.findings import Finding, locate
from kis_xl.domain.hours import hours
from kis_xl.domain.model import Club
from kis_xl.domain.text import plural
from kis_xl.plan.sheetspec import (
    HOURS_FORMAT,
    INT_FORMAT,
    Block,
    Col,
    GeneratedSheet,
    Link,
    Mark,
)
from kis_xl.plan.writeback import WritePlan
from kis_xl.workbook import schema

COMMAND = "kis-xl exchange"
FINDINGS_NOTE = (
    "Problemy we wpisach arkusza „Wymiana usług”. Kliknij adres w kolumnie „Miejsce”, aby "
    "przejść do komórki; po poprawieniu danych policz bilans ponownie."
)


def exchange_action(club: Club, *, today: date | None = None) -> ActionResult:
    """Ribbon/CLI action: balances of the service exchange and the "Bilans wymiany" sheet."""
    today = today or date.today()
    report = compute_exchange(club)
    findings = locate([*club.findings, *report.findings], club.names)
    n = len(report.members)
    summary = [
        f"Wymiana usług: {report.counted} "
        f"{plural(report.counted, 'usługa', 'usługi', 'usług')}, {_h(report.total_minutes)} h, "
        f"{n} {plural(n, 'uczestnik', 'uczestników', 'uczestników')}.",
    ]
    if report.skipped:
        summary.append(f"Pominięto {report.skipped} "
                       f"{plural(report.skipped, 'wpis', 'wpisy', 'wpisów')} "
                       "(zob. tabelę „Ustalenia” w arkuszu „Bilans wymiany”).")
    return ActionResult(
        command=COMMAND,
        findings=findings,
        payload=exchange_payload(report, today),
        summary=summary,
        plan=WritePlan(COMMAND, f"Policzono bilans wymiany usług. {' '.join(summary)}",
                       sheets=[exchange_sheet(club, report, findings, today)]),
    )


def exchange_payload(report: ExchangeReport, today: date) -> dict[str, Any]:
    """The public JSON of ``kis-xl exchange --json`` (README documents it), findings excluded."""
    return {
        "today": today.isoformat(),
        "members": [
            {"id": m.id, "given_hours": hours(m.given_minutes),
             "received_hours": hours(m.received_minutes),
             "balance_hours": hours(m.balance_minutes), "entries": m.entries}
            for m in report.members
        ],
        "services": [
            {"service": s.service, "entries": s.entries, "hours": hours(s.minutes)}
            for s in report.services
        ],
        "totals": {"entries": report.counted, "skipped": report.skipped,
                   "hours": hours(report.total_minutes)},
    }


def exchange_sheet(club: Club, report: ExchangeReport, findings: list[Finding],
                   today: date) -> GeneratedSheet:
    spec = schema.sheet("exchange_results")
    return GeneratedSheet(
        key=spec.key,
        name=spec.name,
        title="Wymiana usług (bank czasu) – bilans uczestników",
        subtitle=f"Stan na {today:%d.%m.%Y}. Godzina za godzinę, bez względu na rodzaj usługi.",
        blocks=[_members_block(club, report), _services_block(report),
                findings_block(club, findings, note=FINDINGS_NOTE)],
    )


def _members_block(club: Club, report: ExchangeReport) -> Block:
    layout = club.layouts.get("participants")
    rows: list[list[Any]] = []
    marks: list[Mark | None] = []
    links: dict[tuple[int, int], Link] = {}
    for i, m in enumerate(report.members):
        balance = m.balance_minutes
        rows.append([m.id, hours(m.given_minutes), hours(m.received_minutes), hours(balance),
                     m.entries,
                     "więcej otrzymał" if balance < 0 else ("więcej dał" if balance else None)])
        marks.append("muted" if balance < 0 else None)
        cell = layout.cell("id", m.row) if layout else None
        if layout and cell:
            links[(i, 0)] = Link(layout.name, cell)
    given = sum(m.given_minutes for m in report.members)
    received = sum(m.received_minutes for m in report.members)
    rows.append(["Razem", hours(given), hours(received), hours(given - received),
                 report.counted, None])
    marks.append("total")
    skipped = (f" Pominięto {report.skipped} "
               f"{plural(report.skipped, 'wpis', 'wpisy', 'wpisów')} (zob. „Ustalenia”)."
               if report.skipped else "")
    return Block(
        "Saldo uczestników",
        [Col("ID uczestnika", 13), Col("Dał (h)", 10, HOURS_FORMAT),
         Col("Otrzymał (h)", 11, HOURS_FORMAT), Col("Saldo (h)", 10, HOURS_FORMAT),
         Col("Liczba usług", 10, INT_FORMAT), Col("Uwagi", 16)],
        rows, links=links, marks=marks,
        note="Saldo = godziny dane − godziny otrzymane; razem zawsze 0 (każda godzina ma "
             "dającego i otrzymującego). Liczba usług = wpisy, w których uczestnik dał "
             "albo otrzymał usługę. Nazwiska: kliknij ID." + skipped,
    )


def _services_block(report: ExchangeReport) -> Block:
    rows: list[list[Any]] = [[s.service, s.entries, hours(s.minutes)] for s in report.services]
    rows.append(["Razem", report.counted, hours(report.total_minutes)])
    return Block(
        "Usługi według godzin",
        [Col("Usługa", 30, wrap=True), Col("Liczba wpisów", 10, INT_FORMAT),
         Col("Godziny", 10, HOURS_FORMAT)],
        rows, marks=[*([None] * len(report.services)), "total"],
        note="Usługi o tej samej nazwie (bez względu na wielkość liter) liczone razem.",
    )


def _h(minutes: int) -> str:
    return f"{hours(minutes):g}".replace(".", ",")
