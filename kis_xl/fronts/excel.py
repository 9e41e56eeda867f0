"""The Excel front: what a click on the KIS ribbon runs.

The add-in's VBA callback starts ``python -c "from kis_xl.fronts.excel import
run_action; run_action('<tag>')"`` (xlwings ``RunPython``), so this module's
import is on every click's path: it imports only the standard library and
the light registry; xlwings and everything heavy are imported inside
functions.

Everything Excel-specific goes through ``Host`` (the open workbook as an
``OpenBook``, the selection, a date prompt, a message box, opening a folder).
``XlwingsHost`` implements it with xlwings; tests drive ``run_action`` with a
stand-in. The data is read from the open workbook (unsaved changes included)
and results are written into it by ``XlwingsSink`` (after a backup copy in
``.kis-kopie``); the workbook is never saved by the program: the message box
asks the user to save it. Documents go to the folder beside the workbook,
which is then opened. None of this has been run in Excel here (Linux): see
the README checklist for office IT.

A click never shows a traceback: expected problems (``KisError``) become a
Polish message box, anything else a short Polish message naming the log
file ``kis-xl.log`` beside the workbook, where the details are written.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kis_xl.actions.registry import Needs, get

if TYPE_CHECKING:
    from kis_xl.actions.base import ActionResult
    from kis_xl.actions.registry import ActionSpec
    from kis_xl.domain.model import Activity, Club
    from kis_xl.sinks.open_book import OpenBook

TITLE = "KIS"
LOG_NAME = "kis-xl.log"
_MAX_LINES = 25


class Host(Protocol):
    """The few things the front asks of the office: Excel (``XlwingsHost``) or LibreOffice
    Calc (``kis_xl.fronts.calc.host.UnoHost``)."""

    def book(self) -> OpenBook:
        """The workbook the click came from, as it is open now."""

    def selection(self) -> tuple[str, list[int]]:
        """The selected sheet's name and the selected Excel row numbers."""

    def ask(self, prompt: str, default: str) -> str | None:
        """A one-line answer (None when cancelled)."""

    def message(self, text: str, *, error: bool = False) -> None: ...

    def open_folder(self, folder: Path) -> None:
        """Show the folder (Explorer / Finder) where documents were written."""

    def autosave_on(self) -> bool:
        """OneDrive/SharePoint AutoSave is on for the workbook: every change is saved at once."""

    def confirm(self, text: str) -> bool:
        """An OK/Cancel question; True for OK."""


SAVE_HINT = "Zapisz skoroszyt, aby zachować wyniki (program go nie zapisuje)."
AUTOSAVE_HINT = ("Autozapis jest włączony: wyniki są już zapisane w pliku. Aby je cofnąć, "
                 "otwórz kopię zapasową z folderu „.kis-kopie” obok skoroszytu.")
AUTOSAVE_WARNING = (
    "Dla tego skoroszytu jest włączony Autozapis (OneDrive/SharePoint): to, co program wpisze, "
    "zostanie od razu zapisane w pliku, a „Zamknij bez zapisywania” tego nie cofnie. Przed "
    "zmianą program zapisze kopię zapasową w folderze „.kis-kopie” obok skoroszytu – z niej "
    "można wrócić do stanu sprzed kliknięcia. Kliknij OK, aby wpisać wyniki, albo Anuluj.")


class Cancelled(Exception):
    """The user cancelled a prompt: nothing to do, nothing to say."""


@dataclass
class Outcome:
    """What a click did (returned for tests and the log)."""

    tag: str
    ok: bool
    message: str
    result: ActionResult | None = None


def run_action(tag: str, host: Host | None = None, *, today: date | None = None) -> Outcome:
    """Run the registry action ``tag`` for the workbook open in Excel; never raises."""
    log = _logger(None)
    try:
        if host is None:
            host = XlwingsHost()
        from kis_xl.sinks.open_book import ReadOnce

        book: OpenBook = ReadOnce(host.book())  # each sheet read once per click
        path = book.path
        if path is not None:
            log = _logger(path.parent / LOG_NAME)
        log.info("action %s on %s", tag, path or book.fullname)
        from kis_xl.actions.base import collector_paused

        with collector_paused():
            outcome = _run(tag, host, book, today or date.today(), log)
    except Cancelled:
        return Outcome(tag, True, "")
    except Exception as exc:
        outcome = _failure(tag, exc, log)
    log.info("result %s: %s", "ok" if outcome.ok else "error", outcome.message)
    try:
        if host is not None:
            host.message(outcome.message, error=not outcome.ok)
    except Exception:  # a broken message box must not raise into VBA either
        log.exception("message box failed")
    return outcome


def _failure(tag: str, exc: BaseException, log: logging.Logger) -> Outcome:
    from kis_xl.plan.errors import KisError

    if isinstance(exc, KisError):
        # a write stopped half-way keeps the cause (the xlwings error) for whoever reads the log
        log.info("stopped: %s", exc.message, exc_info=exc if exc.__cause__ else None)
        return Outcome(tag, False, exc.message)
    log.error("unexpected error", exc_info=exc)
    return Outcome(tag, False,
                   "Wystąpił nieoczekiwany błąd programu "
                   f"({type(exc).__name__}). Szczegóły zapisano w pliku {LOG_NAME} obok "
                   "skoroszytu – przekaż go osobie odpowiedzialnej za program.")


def _run(tag: str, host: Host, book: OpenBook, today: date, log: logging.Logger) -> Outcome:
    from kis_xl.plan.errors import KisError

    try:
        spec = get(tag)
    except KeyError:
        raise KisError(f"Nieznany przycisk „{tag}”. Dodatek KIS nie pasuje do zainstalowanego "
                       "programu kis_xl – zainstaluj dodatek ponownie (kis-xl addin install)."
                       ) from None
    if book.path is None:
        raise KisError("Zapisz najpierw skoroszyt klubu jako plik .xlsx, a potem kliknij "
                       f"„{spec.label}” ponownie.")
    sheet, rows = host.selection()
    from kis_xl.sinks.open_book import read_open_book

    club = read_open_book(book, sheets=spec.sheets)  # what the user sees, saved or not
    options: dict[str, Any] = dict(spec.options)
    options.update(_inputs(spec, club, host, sheet=sheet, rows=rows, today=today))
    if spec.snapshot:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="kis-") as folder:
            snapshot = Path(folder) / book.path.name
            book.save_copy(snapshot)  # the open workbook as the user sees it, saved or not
            result: ActionResult = spec.load()(club, today=today, source=snapshot, **options)
    else:
        result = spec.load()(club, today=today, **options)
    autosave = False
    if result.plan is not None:
        from kis_xl.sinks.xlwings_sink import XlwingsSink

        autosave = host.autosave_on()
        if autosave and not host.confirm(AUTOSAVE_WARNING):  # before the first write
            raise Cancelled
        result.written = XlwingsSink(book).apply(result.plan)
    text = _message(spec, result, AUTOSAVE_HINT if autosave else SAVE_HINT)
    files = result.payload.get("files") or []
    if files:
        try:
            host.open_folder(Path(files[0]).parent)
        except Exception:  # the documents are there; a folder window is a convenience
            log.exception("opening the documents folder failed")
    return Outcome(tag, not result.exit_code, text, result)


def _inputs(spec: ActionSpec, club: Club, host: Host, *, sheet: str, rows: list[int],
            today: date) -> dict[str, Any]:
    """What the action needs from the user: selected rows' IDs, an activity and a date."""
    from kis_xl.workbook import schema

    def on(key: str) -> bool:
        found = schema.find_sheet(sheet)
        return found is not None and found.key == key

    if spec.needs is Needs.PARTICIPANT_ROWS:
        ids = [p.id for p in club.participants if on("participants") and p.row in rows]
        return {"ids": ids or None}
    if spec.needs is Needs.MEETING_ROWS:
        ids = [m.id for m in club.meetings if on("meetings") and m.row in rows]
        return {"ids": ids or None}
    if spec.needs is Needs.VOLUNTEER_ROWS:
        ids = [v.id for v in club.volunteers if on("volunteers") and v.row in rows]
        return {"ids": ids or None}
    if spec.needs is Needs.ACTIVITY_AND_DATE:
        return _activity_and_day(club, host, rows if on("activities") else [], today)
    if spec.needs is Needs.ACTIVITY_AND_MONTH:
        return _activity_and_month(club, host, rows if on("activities") else [], today)
    if spec.needs is Needs.REGISTER_SHEET:
        return {"sheet": sheet}
    return {}


def _chosen_activity(club: Club, rows: list[int], button: str) -> Activity:
    """The one activity whose row of "Program" is selected."""
    from kis_xl.plan.errors import KisError
    from kis_xl.workbook import schema

    chosen = [a for a in club.activities if a.row in rows]
    title = schema.sheet("activities").name
    if len(chosen) != 1:
        raise KisError(f"Zaznacz jeden wiersz zajęć w arkuszu „{title}” (kliknij dowolną "
                       f"komórkę w tym wierszu), a potem kliknij „{button}”.")
    return chosen[0]


def _activity_and_month(club: Club, host: Host, rows: list[int], today: date
                        ) -> dict[str, Any]:
    activity = _chosen_activity(club, rows, "Dziennik obecności")
    answer = host.ask(f"Miesiąc dziennika zajęć {activity.id} (mm.rrrr):", f"{today:%m.%Y}")
    if answer is None or not answer.strip():
        raise Cancelled
    return {"activity": activity.id, "month": answer.strip()}


def _activity_and_day(club: Club, host: Host, rows: list[int], today: date) -> dict[str, Any]:
    from kis_xl.plan.errors import KisError
    from kis_xl.workbook.values import CellProblem, parse_date

    activity = _chosen_activity(club, rows, "Nowe spotkanie")
    prompt = f"Data spotkania zajęć {activity.id} (dd.mm.rrrr):"
    answer = host.ask(prompt, today.strftime("%d.%m.%Y"))
    if answer is None or not answer.strip():
        raise Cancelled
    try:
        day = parse_date(answer.strip())
    except CellProblem:
        raise KisError(f"Nie rozpoznano daty „{answer}”. Podaj ją jako dd.mm.rrrr, np. "
                       f"{today.strftime('%d.%m.%Y')}.") from None
    return {"activity": activity.id, "day": day}


def _message(spec: ActionSpec, result: ActionResult, after_write: str) -> str:
    from kis_xl.fronts.output import message_box

    return message_box(spec.label, result, max_lines=_MAX_LINES,
                       overflow=f"… (pełny opis w pliku {LOG_NAME})", after_write=after_write)


def rows_of(address: str) -> list[int]:
    """Excel rows of an address such as ``$A$2:$C$4,$B$7`` or ``$3:$5`` (sorted, unique)."""
    import re

    rows: set[int] = set()
    for area in address.replace("$", "").split(","):
        ends = [re.sub(r"^[A-Za-z]+", "", end) for end in area.split(":")]
        if not all(e.isdigit() for e in ends):  # whole columns (A:C): no row chosen
            continue
        first, last = int(ends[0]), int(ends[-1])
        rows.update(range(min(first, last), max(first, last) + 1))
    return sorted(rows)


def _logger(path: Path | None) -> logging.Logger:
    log = logging.getLogger("kis_xl.fronts.excel")
    log.setLevel(logging.INFO)
    log.propagate = False
    for old in list(log.handlers):
        log.removeHandler(old)
        old.close()
    if path is not None:
        try:
            handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
        except OSError:  # read-only folder: no log rather than no action
            handler = logging.NullHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
    else:
        log.addHandler(logging.NullHandler())
    return log


class XlwingsHost:
    """``Host`` over xlwings: the workbook that called ``RunPython``, or (``active=True``,
    ``kis-xl addin run``) the active workbook of the running Excel, for a Python started
    outside Excel where Defender's ASR rule stops Excel from starting one."""

    def __init__(self, *, active: bool = False) -> None:
        import xlwings as xw

        if active:
            from kis_xl.plan.errors import KisError

            app = xw.apps.active
            if app is None or not app.books:
                raise KisError("Excel nie jest uruchomiony albo nie ma otwartego skoroszytu. "
                               "Otwórz skoroszyt klubu w Excelu, kliknij w nim i uruchom "
                               "polecenie ponownie.")
            self._book = app.books.active
        else:
            self._book = xw.Book.caller()
        self._app = self._book.app
        if "://" in str(self._book.fullname):
            from kis_xl.plan.errors import KisError

            raise KisError("Skoroszyt jest otwarty z OneDrive lub SharePoint (adres internetowy). "
                           "Otwórz go z folderu na dysku (zsynchronizowanego), a potem kliknij "
                           "przycisk ponownie.")

    def book(self) -> OpenBook:
        from kis_xl.sinks.xlwings_book import XlwingsBook

        return XlwingsBook(self._book)

    def selection(self) -> tuple[str, list[int]]:
        selection = self._app.selection
        if selection is None:
            return "", []
        return str(selection.sheet.name), rows_of(str(selection.address))

    def ask(self, prompt: str, default: str) -> str | None:
        import sys

        if sys.platform != "win32":  # no input box through xlwings on macOS: use the default
            return default
        answer = self._app.api.InputBox(prompt, TITLE, default)
        return None if answer is False or answer == "" else str(answer)

    def message(self, text: str, *, error: bool = False) -> None:
        self._app.alert(text, title=TITLE, mode="critical" if error else "info")

    def autosave_on(self) -> bool:
        try:
            return bool(self._book.api.AutoSaveOn)  # Excel for Microsoft 365 on Windows
        except Exception:  # older Excel, macOS: no AutoSave property
            return False

    def confirm(self, text: str) -> bool:
        return self._app.alert(text, title=TITLE, buttons="ok_cancel", mode="info") == "ok"

    def open_folder(self, folder: Path) -> None:
        import os
        import subprocess
        import sys

        if sys.platform == "win32":
            os.startfile(folder)  # type: ignore[attr-defined,unused-ignore]
        elif sys.platform == "darwin":
            subprocess.run(["open", str(folder)], check=False)
