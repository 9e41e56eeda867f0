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
from typing import TYPE_CHECKING, Any

from kis_xl.actions.base import ActionResult, run_on_file
from kis_xl.domain.text import plural
from kis_xl.plan.errors import KisError

if TYPE_CHECKING:
    from kis_xl.actions.registry import ActionSpec

MARKER = ".kis-demo"


@dataclass
class DemoReport:
    workbook: Path
    results: list[ActionResult] = field(default_factory=list)
    documents: list[Path] = field(default_factory=list)
    report: list[Path] = field(default_factory=list)
    """The package for the supervisor (``kis-xl report --eml``)."""


Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoRun:
    """What the demo's options for an entry may depend on (``ActionSpec.demo_options``)."""

    today: date
    folder: Path
    workbook: Path
    pdf: bool = False
    scale: int = 1


def run_demo(folder: Path, *, today: date | None = None, pdf: bool = False,
             progress: Progress | None = None, scale: int = 1) -> DemoReport:
    """Build the demo club (``scale`` times larger: ``kis-xl demo --skala``) and run the
    registry's ``DEMO`` entries on it in order; documents only for the bundled club (scale 1)."""
    from kis_xl.actions import registry
    from kis_xl.demo.club import DEMO_FILE, write_demo_workbook
    from kis_xl.documents.render import DocumentsError

    today = today or date.today()
    say = progress or (lambda _msg: None)
    _prepare(folder)
    workbook = write_demo_workbook(folder / DEMO_FILE, today, scale)
    say(f"Utworzono skoroszyt klubu demonstracyjnego: {workbook}")
    report = DemoReport(workbook)
    run = DemoRun(today, folder, workbook, pdf, scale)
    left_out = False
    for spec in (registry.get(name) for name in registry.DEMO):
        options = {"today": today}
        if spec.demo_options is not None:
            extra = registry.load(spec.demo_options)(run, spec)
            if extra is None:
                left_out = True
                continue
            options.update(extra)
        try:
            result = run_on_file(workbook, functools.partial(spec.load(), **options),
                                 sheets=spec.sheets)
        except DocumentsError as exc:  # e.g. no meeting planned from today (holidays)
            say(f"{spec.label}: {exc.message}")
            continue
        report.results.append(result)
        say(f"{spec.label}: " + (result.summary[0] if result.summary else "gotowe"))
        say_more = result.summary[1:] if spec.command and spec.command.name == "docs" else []
        for line in say_more:
            say(f"{spec.label}: {line}")
        files = [Path(p) for p in result.payload.get("files", [])]
        if spec.command is not None and spec.command.name == "report":
            report.report += files
        else:
            report.documents += files
    if report.documents:
        n = len(report.documents)
        say(f"Dokumenty: {n} {plural(n, 'plik', 'pliki', 'plików')} w folderze "
            f"{folder / 'dokumenty'}")
    if left_out:
        say("Dokumenty: przy --skala większej niż 1 demo ich nie tworzy (użyj „kis-xl docs”).")
    return report


def meeting_options(run: DemoRun, spec: ActionSpec) -> dict[str, Any]:
    """Register the group at the latest Monday's psychoeducation, as staff would after class
    (``kis-xl meeting add``): the meeting row plus one attendance row per member."""
    from datetime import time

    del spec
    return {"activity": "Z03", "day": _meeting_day(run), "start": time(10), "end": time(13, 30)}


def _meeting_day(run: DemoRun) -> date:
    """The latest Monday that is not a holiday: the demo's new meeting."""
    from datetime import timedelta

    from kis_xl.domain.calendar_pl import holiday_name

    day = run.today
    while day.weekday() != 0 or holiday_name(day):
        day -= timedelta(days=1)
    return day


def register_options(run: DemoRun, spec: ActionSpec) -> dict[str, Any]:
    """The month's attendance register of the psychoeducation group just met
    (``kis-xl dziennik``)."""
    return {**dict(spec.options), "activity": "Z03", "month": f"{_meeting_day(run):%m.%Y}"}


def register_save_options(run: DemoRun, spec: ActionSpec) -> dict[str, Any]:
    """The same register saved back (``kis-xl dziennik --zapisz``), as staff would after
    ticking it."""
    return register_options(run, spec)


def documents_options(run: DemoRun, spec: ActionSpec) -> dict[str, Any] | None:
    """Each document kind with the defaults of ``kis-xl docs`` (kontrakt and zaświadczenie
    not for people the check rejects, zaświadczenie only for those whose participation ended,
    attendance lists for the meetings planned from today on, in one file to print), in the
    folder "dokumenty"; none for the big club."""
    from kis_xl.documents.kinds import BY_KEY, Subject

    if run.scale > 1:
        return None
    kind = BY_KEY[dict(spec.options)["kind"]]
    return {**dict(spec.options), "out_dir": run.folder / "dokumenty", "pdf": run.pdf,
            "combined": kind.subject is Subject.MEETING}


def report_options(run: DemoRun, spec: ActionSpec) -> dict[str, Any] | None:
    """The annual report and the package for the supervisor with the e-mail draft and the
    publication version, in the folder "sprawozdanie" (not opened; the full workbook is not
    encrypted here: that needs a password the user types); none for the big club."""
    if run.scale > 1:
        return None
    return {**dict(spec.options), "eml": True, "open_draft": False, "publication": True,
            "out_dir": run.folder / "sprawozdanie"}


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
