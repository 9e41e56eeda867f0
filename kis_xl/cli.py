"""The ``kis-xl`` command line: a thin front over ``kis_xl.actions``.

Commands parse arguments, call one action and show its result; the only
logic here is turning expected failures (``KisError``) into a Polish message
and an exit code. Each command lives in ``kis_xl/commands/<name>.py`` with a
``register(app)`` function, so commands are added without editing each other.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from kis_xl import __version__
from kis_xl.errors import KisError
from kis_xl.output import console_lines

if TYPE_CHECKING:
    from kis_xl.actions.base import ActionResult

COMMAND_MODULES = (
    "init",
    "schema",
    "demo",
    "check",
    "docs",
    "templates",
    "hours",
    "meeting",
    "report",
    "addin",
    "timetable",  # selfhelp-a
    "exchange",  # self-help (issue 11, part B)
)

app = typer.Typer(
    name="kis-xl",
    help="Klub Integracji Społecznej w Excelu: uczestnicy, kwalifikacja, godziny, "
    "rezultaty i dokumenty z jednego skoroszytu.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kis-xl {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Pokaż szczegóły techniczne błędów.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True,
                     help="Pokaż wersję programu."),
    ] = False,
) -> None:
    _state["debug"] = debug


T = TypeVar("T")


def guarded(fn: Callable[[], T]) -> T:
    """Run a command body; expected failures become a Polish message, never a traceback."""
    try:
        return fn()
    except KisError as exc:
        if _state["debug"]:
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
        if _state["debug"]:
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
    """Print an action's result (words from ``kis_xl.output``, or JSON); exit 1 on errors."""
    if as_json:
        print_json(result.json())
    else:
        for line in console_lines(result, findings_first=findings_first):
            typer.echo(line)
    if result.exit_code:
        raise typer.Exit(result.exit_code)


def main() -> None:
    from kis_xl import cli_polish

    for name in COMMAND_MODULES:
        module = importlib.import_module(f"kis_xl.commands.{name}")
        module.register(app)
    if sys.platform == "win32":  # Polish characters in the Windows console
        for stream in (sys.stdout, sys.stderr):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(encoding="utf-8")
    cli_polish.install()
    command = typer.main.get_command(app)
    cli_polish.translate_metavars(command)
    sys.exit(_run(command))


def _run(command: Any) -> int:
    """Run the click command ourselves so usage errors come out in Polish."""
    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    from kis_xl.cli_polish import usage_error_message

    try:
        rv = command.main(prog_name="kis-xl", standalone_mode=False)
    except NoArgsIsHelpError as exc:
        if exc.ctx is not None:
            typer.echo(exc.ctx.get_help())
        return 0
    except UsageError as exc:
        if exc.ctx is not None:
            err(exc.ctx.get_usage())
            err(f"Pomoc: {exc.ctx.command_path} -h")
        err(f"Błąd: {usage_error_message(exc)}")
        return 2
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        err("Przerwano.")
        return 1
    return int(rv) if isinstance(rv, int) else 0
