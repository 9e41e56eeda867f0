"""The ``kis-xl`` command line: a thin front over ``kis_xl.actions``.

Commands parse arguments, call one action and show its result; the only
logic here is turning expected failures (``KisError``) into a Polish message
and an exit code. The commands of the common shape (read, run, show, write
back) are generated from the action registry (``kis_xl/fronts/commands/action.py``);
each other command lives in ``kis_xl/fronts/commands/<name>.py`` with a
``register(app)`` function, so commands are added without editing each other.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kis_xl import __version__
from kis_xl.fronts.cli_run import STATE, err

if TYPE_CHECKING:
    from kis_xl.actions.registry import ActionSpec

COMMANDS = (
    "init",
    "schema",
    "demo",
    "check",
    "docs",
    "hours",
    "outcomes",
    "report",
    "timetable",  # selfhelp-a
    "exchange",  # self-help (issue 11, part B)
    "dziennik",  # the monthly attendance register (issue 20)
    "templates",
    "meeting",
    "addin",
    "calc",
)
"""The commands in the order ``kis-xl --help`` lists them. A name is either a command the
action registry generates (``Command.generated``: check, hours, outcomes…) or a module
``kis_xl/fronts/commands/<name>.py`` whose ``register(app)`` adds hand-written commands. A
generated command not listed here still exists: it is listed last."""

HELP = ("Klub Integracji Społecznej w Excelu: uczestnicy, kwalifikacja, godziny, rezultaty i "
        "dokumenty z jednego skoroszytu.")

def _version(value: bool) -> None:
    if value:
        typer.echo(f"kis-xl {__version__}")
        raise typer.Exit()


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
    STATE["debug"] = debug


def make_app(actions: Sequence[ActionSpec] | None = None, only: str | None = None
             ) -> typer.Typer:
    """The ``kis-xl`` application: the hand-written commands and one generated command per
    registry entry of the common shape (``actions``: the registry's ``USER_ACTIONS``).

    ``only``: the one command to be run, when the caller knows it (``main``): the others
    are neither imported nor built, a twentieth of a second of every ``kis-xl`` process;
    a name that does not turn out to be a command gets the whole application.
    """
    from kis_xl.actions import registry
    from kis_xl.fronts.commands import action

    app = typer.Typer(
        name="kis-xl",
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_main)
    def generated_in(entries: Sequence[ActionSpec]) -> dict[str, ActionSpec]:
        return {a.command.name: a for a in entries
                if a.command is not None and a.command.generated}

    generated = generated_in(registry.USER_ACTIONS if actions is None else actions)
    hand_written = set(COMMANDS) - set(generated_in(registry.USER_ACTIONS))
    if only is not None:
        if only in generated:
            action.register(app, generated[only])
            return app
        if only in hand_written:
            importlib.import_module(f"kis_xl.fronts.commands.{only}").register(app)
            if only in _names(app):
                return app
        return make_app(actions)
    for name in COMMANDS:
        if name in generated:
            action.register(app, generated.pop(name))
        elif name in hand_written:
            importlib.import_module(f"kis_xl.fronts.commands.{name}").register(app)
    for spec in generated.values():
        action.register(app, spec)
    return app


def _names(app: typer.Typer) -> set[str | None]:
    return ({c.name for c in app.registered_commands}
            | {g.name or (g.typer_instance.info.name if g.typer_instance else None)
               for g in app.registered_groups})


def build(actions: Sequence[ActionSpec] | None = None, only: str | None = None) -> Any:
    """The click command of ``make_app`` with Polish usage and placeholders (what ``main``
    runs; tests invoke it with ``typer.testing.CliRunner``)."""
    from kis_xl.fronts import cli_polish, cli_values

    cli_polish.install()
    cli_values.install()
    command = typer.main.get_command(make_app(actions, only))
    cli_polish.translate_metavars(command)
    return command


def main() -> None:
    requested = sys.argv[1] if len(sys.argv) > 1 else ""
    command = build(only=requested if requested.isidentifier() else None)
    if sys.platform == "win32":  # Polish characters in the Windows console
        for stream in (sys.stdout, sys.stderr):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(encoding="utf-8")
    sys.exit(_run(command))


def _run(command: Any) -> int:
    """Run the click command ourselves so usage errors come out in Polish."""
    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    from kis_xl.fronts.cli_polish import usage_error_message

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
