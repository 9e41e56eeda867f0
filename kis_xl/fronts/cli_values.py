"""Command-line values without pydantic: every ``kis-xl`` process starts 0.2–0.3 s sooner.

Typer 0.29 converts each value the user typed (the workbook's path, ``--rok 2025``, a flag)
through a pydantic ``TypeAdapter``; importing pydantic and building the adapter is
about a quarter of a whole ``kis-xl hours`` on a big club, for turning a string into a
``Path``. ``install`` gives typer's parameters a plain conversion for the kinds of
value kis_xl's commands take (a path, text, a whole number, a number, a flag) and leaves
every other annotation (choices, dates, files, constrained numbers, custom parsers), and
any value the plain conversion does not recognise, to typer's own. Paths still go
through typer's ``coerce_cli_path``, so its checks are unchanged.
typer is pinned to a minor version in pyproject.toml because this hooks its internals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_PLAIN_NUMBERS = (int, float)
_WHOLE = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
_TYPER = object()
"""``plain_value``'s answer for a value only typer's own conversion should judge."""


def install() -> None:
    import typer.core
    from typer import _coercion

    @dataclass(frozen=True)
    class PlainRuntimeParam(_coercion.RuntimeParam):
        """What typer's adapter would return for a path, text or plain number, without it."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            out = plain_value(self.annotation, self.parameter_info, value, param, ctx)
            if out is _TYPER:
                typer_own = _coercion.build_runtime_param(param.type_descriptor)
                return typer_own._coerce_value(value, param=param, ctx=ctx)
            return out

    original = typer.core._TyperParameter.get_runtime_param

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None and is_plain(self.type_descriptor):
            descriptor = self.type_descriptor
            self._runtime_param = PlainRuntimeParam(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)
        return original(self)

    typer.core._TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]


def is_plain(descriptor: Any) -> bool:
    """Whether a parameter's value converts without pydantic exactly as typer would."""
    info = descriptor.parameter_info
    annotation = descriptor.annotation
    if descriptor.file_annotation is not None or info.parser is not None:
        return False
    if annotation is str or annotation is bool:
        return True
    if annotation in _PLAIN_NUMBERS:
        return info.min is None and info.max is None and not info.clamp
    return isinstance(annotation, type) and issubclass(annotation, Path) and (
        info.path_type is None or info.path_type is annotation)


def plain_value(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
    """The converted value, or ``_TYPER`` when typer's own conversion must decide (an
    unusual value, or a wrong one: then typer's error is the one shown)."""
    if annotation is str or annotation is bool:
        return value if type(value) is annotation else _TYPER
    if annotation is int:
        return int(value) if isinstance(value, str) and _WHOLE.fullmatch(value) else _TYPER
    if annotation is float:
        return float(value) if isinstance(value, str) and _DECIMAL.fullmatch(value) else _TYPER
    if not isinstance(value, str):
        return _TYPER
    from typer._param_types import coerce_cli_path

    return coerce_cli_path(annotation(value), info, path_type=annotation, param=param, ctx=ctx)
