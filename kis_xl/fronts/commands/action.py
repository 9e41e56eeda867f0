"""Commands generated from the action registry: ``kis-xl check``, ``hours``, ``outcomes``…

An entry whose ``command`` is ``generated`` has the common shape
``kis-xl <name> PLIK [options] [--json] [--no-write]``: read the sheets the entry
reads, run its action on the whole club with the entry's fixed options and the
command's options, show the result (exit 1 on errors), write the plan back. Its
name, help, option names, placeholders and help texts all come from the entry,
so a new entry of this shape is a new command without any code here.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kis_xl.fronts.cli_run import guarded, show

if TYPE_CHECKING:
    from kis_xl.actions.registry import ActionSpec, Command, Option


def register(app: typer.Typer, spec: ActionSpec) -> None:
    """Add ``kis-xl <spec.command.name>`` to ``app``."""
    command = spec.command
    if command is None or not command.generated:
        raise ValueError(f"{spec.name}: the registry entry has no generated command")
    if " " in command.name:
        raise ValueError(f"{spec.name}: a generated command is one word, not {command.name!r}")

    def run(**values: Any) -> None:
        def body() -> None:
            import functools

            from kis_xl.actions import registry
            from kis_xl.actions.base import run_on_file

            options = dict(spec.options)
            for option in command.options:
                value = values[option.param]
                if option.check is not None:
                    registry.load(option.check)(value)
                options[option.keyword] = value
            action = functools.partial(spec.load(), **options)
            result = run_on_file(values["plik"], action, write=not values["no_write"],
                                 sheets=spec.sheets)
            show(result, as_json=values["as_json"], findings_first=command.findings_first)

        guarded(body)

    run.__signature__ = inspect.Signature(_parameters(command))  # type: ignore[attr-defined]
    run.__name__ = f"{spec.name}_cmd"
    app.command(command.name, help=command.help)(run)


def _parameters(command: Command) -> list[inspect.Parameter]:
    """``PLIK``, the entry's options, ``--json``, ``--no-write``: what typer reads off a
    function's signature, built from the entry."""
    keyword = inspect.Parameter.KEYWORD_ONLY
    params = [inspect.Parameter("plik", keyword, annotation=Annotated[
        Path, typer.Argument(help=command.file_help)])]
    params += [_option(option) for option in command.options]
    params.append(inspect.Parameter("as_json", keyword, default=False, annotation=Annotated[
        bool, typer.Option("--json", help=command.json_help)]))
    params.append(inspect.Parameter("no_write", keyword, default=False, annotation=Annotated[
        bool, typer.Option("--no-write", help=command.no_write_help)]))
    return params


def _option(option: Option) -> inspect.Parameter:
    flag = option.type is bool
    kind: Any = bool if flag else option.type | None
    default = bool(option.default) if flag else option.default
    info = typer.Option(option.flag, metavar=option.metavar, help=option.help)
    return inspect.Parameter(option.param, inspect.Parameter.KEYWORD_ONLY,
                             default=default, annotation=Annotated[kind, info])
