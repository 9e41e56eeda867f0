"""``kis_xl.fronts.output``: one wording of an action's result for the CLI and the message box.

The texts are pinned line by line here (they were the CLI's and the ribbon's
before this module existed); the end-to-end tests below check that the real
commands and a ribbon click print exactly what the module says.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from kis_xl.actions.base import ActionResult, run_on_file
from kis_xl.actions.check import check
from kis_xl.actions.hours import hours_action
from kis_xl.demo.club import write_demo_workbook
from kis_xl.domain.findings import Finding, Override, Severity
from kis_xl.fronts import excel
from kis_xl.fronts.output import console_lines, findings_lines, message_box
from kis_xl.plan.writeback import WritePlan, WriteResult
from tests.test_excel_front import FakeHost

TODAY = date(2025, 6, 16)
ERROR = Finding("required-missing", Severity.ERROR, "Pole „Nazwisko” jest wymagane.",
                sheet="Uczestnicy", row=7, column="Nazwisko", participant="U007")
WARNING = Finding("consent-missing", Severity.WARNING, "Brak zgody.", basis="art. 6 RODO")
OVERRIDDEN = Finding("excluded-benefit", Severity.ERROR, "Ma prawo do emerytury.",
                     sheet="Uczestnicy", row=3,
                     override=Override("dopuszczam mimo ustaleń", "wygasa", "Anna Nowak",
                                       date(2025, 3, 1)))
PLAN = WritePlan("kis-xl check", "Kontrola.")
WRITTEN = WriteResult("klub.xlsx", "/dom/klub.xlsx", ["Wynik kontroli", "Dziennik zmian"],
                      ["Uczestnicy: Status kwalifikacji"],
                      Path("/dom/.kis-kopie/klub_2025-06-16_10-00-00.xlsx"))


def result(*, written: WriteResult | None = WRITTEN, findings: list[Finding] | None = None,
           plan: WritePlan | None = PLAN) -> ActionResult:
    found = [OVERRIDDEN, WARNING, ERROR] if findings is None else findings
    return ActionResult("check", found, {}, ["Uczestnicy: 9.", "Ustalenia: 1 błąd."], plan,
                        written)


def test_console_lines_summary_findings_write_and_backup() -> None:
    assert console_lines(result()) == [
        "Uczestnicy: 9.",
        "Ustalenia: 1 błąd.",
        "[BŁĄD] arkusz „Uczestnicy”, wiersz 7, kolumna „Nazwisko”: Pole „Nazwisko” jest "
        "wymagane.",
        "[OSTRZEŻENIE] Brak zgody. Podstawa: art. 6 RODO.",
        "[UCHYLONE (błąd)] arkusz „Uczestnicy”, wiersz 3: Ma prawo do emerytury.",
        "Zapisano w skoroszycie „klub.xlsx”: arkusz „Wynik kontroli”, arkusz „Dziennik zmian”, "
        "kolumna „Uczestnicy: Status kwalifikacji”.",
        "Kopia zapasowa: /dom/.kis-kopie/klub_2025-06-16_10-00-00.xlsx",
    ]


def test_console_lines_findings_first_and_nothing_written() -> None:
    lines = console_lines(result(written=None), findings_first=True)
    assert lines[0].startswith("[BŁĄD]") and lines[3:] == [
        "Uczestnicy: 9.", "Ustalenia: 1 błąd.", "Nic nie zapisano (opcja --no-write)."]
    assert console_lines(result(written=None, plan=None, findings=[]))[-1] == "Ustalenia: 1 błąd."


def test_findings_beyond_the_limit_are_counted() -> None:
    many = [Finding("invalid-date", Severity.ERROR, f"Zła data {i}.", sheet="Spotkania", row=i)
            for i in range(2, 55)]
    lines = findings_lines(many)
    assert len(lines) == 51 and lines[49].endswith("Zła data 51.")
    assert lines[-1] == ("… oraz 3 kolejne ustalenia (pełna lista: opcja --json lub tabela "
                         "„Ustalenia” w arkuszu wyników).")


def test_message_box_lists_first_open_errors_and_the_backup_name() -> None:
    errors = [Finding("invalid-date", Severity.ERROR, f"Zła data {i}.") for i in range(7)]
    text = message_box("Sprawdź uczestników", result(findings=[OVERRIDDEN, *errors]),
                       max_lines=25, overflow="…")
    assert text.split("\n") == [
        "Sprawdź uczestników:", "Uczestnicy: 9.", "Ustalenia: 1 błąd.", "",
        "Błędy do poprawienia (pierwsze):",
        *(f"• Zła data {i}." for i in range(5)),
        "Zapisano w skoroszycie: arkusz „Wynik kontroli”, arkusz „Dziennik zmian”, kolumna "
        "„Uczestnicy: Status kwalifikacji”.",
        "Kopia zapasowa: klub_2025-06-16_10-00-00.xlsx",
    ]
    short = message_box("X", result(), max_lines=3, overflow="… (pełny opis w pliku)")
    assert short.split("\n") == ["X:", "Uczestnicy: 9.", "Ustalenia: 1 błąd.",
                                 "… (pełny opis w pliku)"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo_workbook(tmp_path_factory.mktemp("output") / "klub.xlsx", TODAY)


@pytest.mark.parametrize(("command", "action", "findings_first"),
                         [("check", check, True), ("hours", hours_action, False)])
def test_the_cli_prints_what_the_output_module_says(
    demo: Path, command: str, action: object, findings_first: bool
) -> None:
    done = subprocess.run([sys.executable, "-m", "kis_xl", command, str(demo), "--no-write"],
                          capture_output=True, text=True, check=False)
    assert "Traceback" not in done.stderr
    # the CLI runs with the real today: compare with the same action on the same day
    expected = console_lines(run_on_file(demo, action, write=False),  # type: ignore[arg-type]
                             findings_first=findings_first)
    assert done.stdout.splitlines() == expected


def test_the_ribbon_shows_what_the_output_module_says(demo: Path, tmp_path: Path) -> None:
    book = tmp_path / "klub.xlsx"
    book.write_bytes(demo.read_bytes())
    host = FakeHost(book)
    outcome = excel.run_action("check", host, today=TODAY)
    assert outcome.result is not None
    assert host.messages[-1][0] == message_box(
        "Sprawdź uczestników", outcome.result, max_lines=25,
        overflow="… (pełny opis w pliku kis-xl.log)", after_write=excel.SAVE_HINT)
