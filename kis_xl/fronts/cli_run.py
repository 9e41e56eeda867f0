"""How a command body runs and speaks: expected failures become a Polish message and an exit
code, never a traceback; results are printed as words (``kis_xl.fronts.output``) or JSON.

The hand-written commands (``kis_xl/fronts/commands/``) and the generated ones import this;
``kis_xl.fronts.cli`` builds the app from them and sets ``STATE`` from its ``--debug`` option
(kept apart from ``cli`` so a command never imports the module that imports it).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from kis_xl.fronts.output import console_lines
from kis_xl.plan.errors import KisError

if TYPE_CHECKING:
    from kis_xl.actions.base import ActionResult

STATE = {"debug": False}
"""``--debug``: let exceptions through with their traceback."""

T = TypeVar("T")


def guarded(fn: Callable[[], T]) -> T:
    """Run a command body; expected failures become a Polish message, never a traceback."""
    try:
        return fn()
    except KisError as exc:
        if STATE["debug"]:
            raise
        err(exc.message)
        raise typer.Exit(exc.exit_code) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except Exception as exc:
        if STATE["debug"]:
            raise
        err(
            "Wystąpił nieoczekiwany błąd programu: "
            f"{type(exc).__name__}: {exc}. Uruchom polecenie ponownie z opcją --debug i "
            "przekaż wynik osobie odpowiedzialnej za program."
        )
        raise typer.Exit(3) from None


def err(message: str) -> None:
    typer.echo(message, err=True)


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def show(result: ActionResult, *, as_json: bool, findings_first: bool = False) -> None:
    """Print an action's result (words from ``kis_xl.fronts.output``, or JSON); exit 1 on errors."""
    if as_json:
        print_json(result.json())
    else:
        for line in console_lines(result, findings_first=findings_first):
            typer.echo(line)
    if result.exit_code:
        raise typer.Exit(result.exit_code)
