"""The big registers parsed by calamine in a second thread while Python does other work.

calamine parses a sheet without holding Python's lock. On two cores the 100,000 rows of
"Obecności" in a big office (half a second of parsing) are parsed while the main thread
starts the program, reads the participants and parses the programme; the reader waits
for a register only when it gets to it. A command can start the reading the moment it
knows the file (``start``, before typer and the action are even imported); the reader
then takes over the sheets already under way (``take``) if the file is still the same.

Threads are daemons: a command that stops early (a usage error) does not wait for them.
Time the main thread would spend waiting for a register goes to ``while_waiting`` tasks
(an action that will write back imports openpyxl then).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

KEYS = ("meetings", "attendance")
"""The registers read ahead, by schema key, in the order the reader gets to them."""

Load = Callable[[], Any]
"""Returns a sheet's rows (calamine's ``to_python``), or raises what calamine raised."""

_STARTED: dict[tuple[str, int, int], dict[str, Load]] = {}
_WAITING: list[Callable[[], object]] = []


@contextmanager
def while_waiting(task: Callable[[], object]) -> Iterator[None]:
    """Run ``task`` (once) if, inside this block, a register is not parsed yet when the
    reader gets to it, instead of only waiting; a task is work done later anyway."""
    _WAITING.append(task)
    try:
        yield
    finally:
        if task in _WAITING:
            _WAITING.remove(task)


def _run_waiting_tasks() -> None:
    while _WAITING:
        task = _WAITING.pop(0)
        try:
            task()
        except Exception:  # only a head start: the work is done again later, and fails there
            continue


def start(path: Path, keys: Sequence[str]) -> None:
    """Start reading the sheets of ``path`` with these schema keys, if it is worth it."""
    if cores() < 2 or not keys:
        return
    try:
        signature = _signature(path)
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(path))
    except Exception:  # the reader reports it properly, in Polish
        return
    names = names_of(book.sheet_names, keys)
    if names:
        _STARTED[signature] = in_thread(book, names)


def take(path: Path, sheet_names: Sequence[str], keys: Sequence[str],
         open_book: Callable[[], Any]) -> dict[str, Load]:
    """Loaders of the sheets with these keys: those ``start`` began on this very file,
    else begun now on a handle of their own (``open_book``); none on a single core."""
    try:
        started = _STARTED.pop(_signature(path), None)
    except OSError:
        started = None
    if started is not None:
        return started
    names = names_of(sheet_names, keys)
    if not names or cores() < 2:
        return {}
    return in_thread(open_book(), names)


def in_thread(book: Any, names: Sequence[str]) -> dict[str, Load]:
    """One daemon thread loading ``names`` in order from ``book`` (a handle of its own:
    calamine lets one thread at a time use a handle)."""
    results: dict[str, tuple[bool, Any]] = {}
    ready = {name: threading.Event() for name in names}

    def work() -> None:
        for name in names:
            try:
                results[name] = (True, book.get_sheet_by_name(name).to_python(
                    skip_empty_area=False))
            except Exception as exc:  # handed over to the reader below
                results[name] = (False, exc)
            ready[name].set()

    def loader(name: str) -> Load:
        def load() -> Any:
            if not ready[name].is_set():
                _run_waiting_tasks()
            ready[name].wait()
            ok, value = results[name]
            if not ok:
                raise value
            return value

        return load

    threading.Thread(target=work, name="kis-read-ahead", daemon=True).start()
    return {name: loader(name) for name in names}


def names_of(sheet_names: Sequence[str], keys: Sequence[str]) -> list[str]:
    """The file's names of the sheets with these schema keys (those it has), in key order."""
    from kis_xl.workbook.schema import sheets_by_key

    found = sheets_by_key(sheet_names)
    return [found[k] for k in keys if k in found]


def cores() -> int:
    """The cores this process may run on (also what documents render with)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)


def _signature(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
