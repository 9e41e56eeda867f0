"""What every action returns, and how an action runs against a workbook file.

An action is a function from a ``Club`` (already read) to an ``ActionResult``:
findings, a JSON payload, a few Polish summary lines and optionally a
``WritePlan``. Running it against a file (read, compute, write back unless
``--no-write``) is the same for every action, so it lives here once; the
ribbon will do the same against the open workbook with another sink.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kis_xl.domain.findings import Finding, has_errors, summarize
from kis_xl.domain.model import Club
from kis_xl.plan.writeback import Sink, WritePlan, WriteResult


@dataclass
class ActionResult:
    command: str
    findings: list[Finding] = field(default_factory=list)
    payload: dict[str, Any] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)
    """Polish lines for the console / message box."""
    plan: WritePlan | None = None
    written: WriteResult | None = None

    @property
    def exit_code(self) -> int:
        return 1 if has_errors(self.findings) else 0

    def json(self) -> dict[str, Any]:
        out = dict(self.payload)
        out["findings"] = [f.to_dict() for f in self.findings]
        out.setdefault("summary", {}).update(summarize(self.findings))
        return out


Action = Callable[[Club], ActionResult]


def run_on_file(
    path: Path,
    action: Action,
    *,
    write: bool = True,
    sheets: Collection[str] | None = None,
    sink: Sink | None = None,
) -> ActionResult:
    """Read ``path``, run ``action``, and write its plan back (backup + atomic replace)."""
    from kis_xl.workbook import read_ahead
    from kis_xl.workbook.reader import read_workbook

    with collector_paused():
        head_start = (read_ahead.while_waiting(_prepare_file_sink) if write and sink is None
                      else nullcontext())
        with head_start:
            club = read_workbook(path, sheets=sheets)
        result = action(club)
        if write and result.plan is not None:
            if sink is None:
                from kis_xl.sinks.xlsx.file_sink import FileSink

                sink = FileSink(path)
            result.written = sink.apply(result.plan)
    return result


def _prepare_file_sink() -> None:
    """The write-back's imports (openpyxl among them: a quarter of a second), done while
    the reader would only wait for calamine to parse a big register."""
    from kis_xl.sinks.xlsx.render import import_openpyxl

    import_openpyxl()
    import kis_xl.sinks.xlsx.file_sink  # noqa: F401


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run one action with the cyclic garbage collector paused; it runs once, at the end.

    100,000 attendance rows make as many records, and the hours action builds about as
    many keys and tuples: the collector would rescan them all again and again (a quarter
    of the hours action) although they form no cycles.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
