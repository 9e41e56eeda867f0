"""The first steps of a ``kis-xl`` process: start reading the workbook, then run the CLI.

A command on a club's workbook (``kis-xl hours PLIK …``) names the file before typer and
the action are imported; a big office's attendance register takes calamine half a
second to parse, which can run on a second core during that start-up
(``kis_xl.workbook.read_ahead``). Only what is certain is read ahead: the registry
entries of the command (by name) must read the registers, and the argument after the
command must be an existing .xlsx file; anything else just runs the CLI.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main() -> None:
    read_ahead_for(sys.argv[1:])
    from kis_xl.fronts.cli import main as cli_main

    cli_main()


def read_ahead_for(args: Sequence[str]) -> list[str]:
    """Start reading the registers the command's actions need; returns their schema keys."""
    from pathlib import Path

    if len(args) < 2 or not args[0].isidentifier() or args[1].startswith("-"):
        return []
    path = Path(args[1])
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not path.is_file():
        return []
    from kis_xl.actions.registry import USER_ACTIONS
    from kis_xl.workbook import read_ahead

    specs = [s for s in USER_ACTIONS
             if s.command is not None and s.command.name == args[0]]
    keys = [k for k in read_ahead.KEYS
            if any(s.sheets is None or k in s.sheets for s in specs)]
    read_ahead.start(path, keys)
    return keys
