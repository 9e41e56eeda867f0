"""``kis-xl demo``: build the demo club and run every action on it.

This is README's "main job": one command that shows on a realistic club what
the tool does, leaving every result (the workbook with its result sheets,
the documents) in one folder. The folder is marked so that a second run may
replace a previous demo but never anything else.
"""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kis_xl.actions.base import ActionResult, run_on_file
from kis_xl.errors import KisError
from kis_xl.text import plural

MARKER = ".kis-demo"


@dataclass
class DemoReport:
    workbook: Path
    results: list[ActionResult] = field(default_factory=list)
    documents: list[Path] = field(default_factory=list)
    report: list[Path] = field(default_factory=list)
    """The package for the supervisor (``kis-xl report --eml``)."""


Progress = Callable[[str], None]


def run_demo(folder: Path, *, today: date | None = None, pdf: bool = False,
             progress: Progress | None = None, scale: int = 1) -> DemoReport:
    """Build the demo club (``scale`` times larger: ``kis-xl demo --skala``) and run every
    workbook action on it; documents only for the bundled club (scale 1)."""
    from kis_xl.actions.registry import ACTIONS
    from kis_xl.demo import DEMO_FILE, write_demo_workbook

    today = today or date.today()
    say = progress or (lambda _msg: None)
    _prepare(folder)
    workbook = write_demo_workbook(folder / DEMO_FILE, today, scale)
    say(f"Utworzono skoroszyt klubu demonstracyjnego: {workbook}")
    report = DemoReport(workbook)
    report.results.append(_add_todays_group_meeting(workbook, today))
    say("Dodaj spotkanie: " + report.results[-1].summary[0])
    for spec in ACTIONS:
        action = functools.partial(spec.load(), today=today)
        result = run_on_file(workbook, action, sheets=spec.sheets)
        report.results.append(result)
        say(f"{spec.label}: " + (result.summary[0] if result.summary else "gotowe"))
    if scale == 1:
        report.documents = _documents(workbook, folder, today, pdf, say)
        report.report = _report_package(workbook, folder, today, say)
    else:
        say("Dokumenty: przy --skala większej niż 1 demo ich nie tworzy (użyj „kis-xl docs”).")
    return report


def _report_package(workbook: Path, folder: Path, today: date, say: Progress) -> list[Path]:
    """The annual report and the package for the supervisor, with the e-mail draft (the full
    workbook is not encrypted here: that needs a password the user types)."""
    from kis_xl.actions.report import report_action
    from kis_xl.reader import read_workbook

    result = report_action(read_workbook(workbook), today=today, eml=True,
                           out_dir=folder / "sprawozdanie")
    say("Wyślij do nadzoru: " + result.summary[0])
    return [Path(p) for p in result.payload["files"]]


def _add_todays_group_meeting(workbook: Path, today: date) -> ActionResult:
    """Register the group at the latest Monday's psychoeducation, as staff would after class
    (``kis-xl meeting add``): the meeting row plus one attendance row per member."""
    from datetime import time, timedelta

    from kis_xl.actions.meeting import add_meeting
    from kis_xl.calendar_pl import holiday_name

    day = today
    while day.weekday() != 0 or holiday_name(day):
        day -= timedelta(days=1)
    action = functools.partial(add_meeting, activity="Z03", day=day, start=time(10),
                               end=time(13, 30), today=today)
    return run_on_file(workbook, action)


def _documents(workbook: Path, folder: Path, today: date, pdf: bool,
               say: Progress) -> list[Path]:
    """Every document kind with the defaults of ``kis-xl docs``: kontrakt and zaświadczenie
    not for people the check rejects, zaświadczenie only for those whose participation
    ended, attendance lists for the meetings planned from today on (one file to print)."""
    from kis_xl.documents.kinds import KINDS, Subject
    from kis_xl.documents.render import DocumentsError, render_batch
    from kis_xl.reader import read_workbook

    club = read_workbook(workbook)
    out = folder / "dokumenty"
    paths: list[Path] = []
    for kind in KINDS:
        combined = kind.subject is Subject.MEETING
        try:
            result = render_batch(club, kind, out_dir=out, pdf=pdf, combined=combined,
                                  today=today)
        except DocumentsError as exc:  # e.g. no meeting planned from today (holidays)
            say(f"{kind.title}: {exc}")
            continue
        paths += result.files
        if result.skipped:
            n = len(result.skipped)
            who = ", ".join(pid for pid, _ in result.skipped)
            say(f"{kind.title}: pominięto {n} {plural(n, 'osobę', 'osoby', 'osób')} ({who})")
    files = plural(len(paths), "plik", "pliki", "plików")
    say(f"Dokumenty: {len(paths)} {files} w folderze {out}")
    return paths


def _prepare(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise KisError(f"„{folder}” jest plikiem, a nie folderem. Podaj folder na demo.")
    if folder.exists() and any(folder.iterdir()):
        if not (folder / MARKER).exists():
            raise KisError(
                f"Folder „{folder}” nie jest pusty. Podaj pusty lub nowy folder – demo nie "
                "nadpisuje cudzych plików."
            )
        for child in folder.iterdir():
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(
        "Folder utworzony przez kis-xl demo; kolejne uruchomienie zastąpi jego zawartość.\n",
        encoding="utf-8",
    )
