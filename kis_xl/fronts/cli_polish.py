"""Polish for what typer prints by itself: usage line, help texts, usage errors.

Typer 0.29 vendors its own click with English strings and no gettext
catalogue, so three narrow hooks are used: typer's own ``_`` (section titles),
a help formatter with a Polish usage prefix, and ``usage_error_message`` that
the CLI's ``main`` calls instead of letting typer print an English error.
typer is pinned to a minor version in pyproject.toml because of this module.
"""

from __future__ import annotations

from typing import Any

_PL = {
    "Options": "Opcje",
    "Arguments": "Argumenty",
    "Commands": "Polecenia",
    "required": "wymagane",
    "default: {default}": "domyślnie: {default}",
    "Missing command.": "Nie podano polecenia.",
    "No such command {name!r}.": "Nie ma polecenia {name!r}.",
    "Aborted!": "Przerwano.",
    "(dynamic)": "(zmienne)",
    "env var: {var}": "zmienna środowiskowa: {var}",
}
HELP_TEXT = "Pokaż tę pomoc i zakończ."
_EXPECTED = {"<int>": "podaj liczbę całkowitą, np. 2025.",
             "<float>": "podaj liczbę, np. 3,5."}
"""What to type instead, for values typer itself refuses (its own message is English)."""
_KIND = {"argument": "argumentu", "option": "opcji", "parameter": "parametru"}


def _gettext(message: str) -> str:
    return _PL.get(message, message)


def install() -> None:
    import typer.core
    from typer._click import core as click_core
    from typer._click import formatting

    setattr(typer.core, "_", _gettext)  # noqa: B010 (typer does not export `_`)

    class PolishHelpFormatter(formatting.HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, "Użycie: " if prefix is None else prefix)

    click_core.Context.formatter_class = PolishHelpFormatter

    original = click_core.Command.get_help_option

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original(self, ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    click_core.Command.get_help_option = get_help_option  # type: ignore[method-assign]


_TYPE_METAVARS = {"<str>": "TEKST", "<int>": "LICZBA", "<float>": "LICZBA",
                  "<path>": "ŚCIEŻKA", "<list[str]>": "TEKST"}
"""Placeholders for options that name none: typer would print its English type names."""


def translate_metavars(command: Any) -> None:
    """Polish placeholders in usage and help, on the command and all its subcommands.

    Typer prints a required argument as ``{plik}`` followed by ``<path>`` and an
    option as ``--rok <int>``; an office worker reads ``PLIK`` and ``--rok LICZBA``.
    The list of commands shows each one's first paragraph whole: click cuts it at
    the first full stop, which in Polish is often an abbreviation ("(art.").
    """
    command.options_metavar = "[OPCJE]"
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = "POLECENIE [ARGUMENTY]..."
    for param in getattr(command, "params", []):
        if param.param_type_name == "argument":
            _plain_argument(param)
        elif param.metavar is None and not getattr(param, "is_flag", False):
            param.metavar = _TYPE_METAVARS.get(param.display_type(None), "WARTOŚĆ")
    for sub in getattr(command, "commands", {}).values():
        if not getattr(sub, "short_help", None) and getattr(sub, "help", None):
            sub.short_help = " ".join(sub.help.strip().split("\n\n")[0].split())
        translate_metavars(sub)


def _plain_argument(param: Any) -> None:
    name = param.metavar or param.name.upper()
    param.metavar = name
    usage = name if param.required else f"[{name}]"
    # Instance attributes shadow typer's methods: no "{…}" in usage, no "<path>" in help.
    param._usage_display_name = lambda: usage
    param.display_type_rich = lambda ctx: None


def usage_error_message(exc: Any) -> str:
    """Polish text for a typer usage error (missing argument, unknown option, bad value)."""
    kind = type(exc).__name__
    param = getattr(exc, "param", None)
    name = getattr(param, "name", None) if param is not None else None
    if kind == "MissingParameter":
        param_type = str(getattr(exc, "param_type", None) or getattr(param, "param_type_name", ""))
        label = name or "?"
        return f"Brak {_KIND.get(param_type, 'parametru')} „{label}”."
    if kind == "NoSuchOption":
        msg = f"Nie ma opcji {exc.option_name}."
        if exc.possibilities:
            msg += " Czy chodziło o: " + ", ".join(sorted(exc.possibilities)) + "?"
        return msg
    if kind == "BadParameter":
        where = f" „{name}”" if name else ""
        expected = _EXPECTED.get(param.display_type(None) if param is not None else "")
        return f"Nieprawidłowa wartość{where}: {expected or exc.message}"
    message = str(getattr(exc, "message", exc))
    # typer appends its suggestion of a command in English (typer.core.resolve_command)
    message, hint, suggestion = message.partition(". Did you mean ")
    return _gettext(message if message.endswith(".") else f"{message}.") + (
        f" Czy chodziło o: {suggestion}" if hint else "")
