"""Command-line values are converted without pydantic, exactly as typer converts them.

(A wrong number's Polish message: tests/test_cli.py::test_usage_errors_are_polish; that a
command imports no pydantic: tests/test_speed.py::test_a_click_imports_no_heavy_package.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SAMPLES = ["2025", "-3", "+7", "3.5", "3,5", "abc", "", " 12", "1_000", "klub.xlsx",
           "folder/klub nr 2.xlsx", "~/klub.xlsx", "-"]


def _parameters() -> list[Any]:
    from kis_xl.fronts.cli import build

    found: list[Any] = []

    def walk(command: Any) -> None:
        found.extend(getattr(command, "params", []))
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(build())
    return found


def test_every_plain_value_equals_typers_own_conversion() -> None:
    """For every parameter of every command, each sample the plain conversion takes gives
    what typer's pydantic conversion gives; the rest is left to typer."""
    from typer._click.exceptions import BadParameter
    from typer._coercion import build_runtime_param

    from kis_xl.fronts.cli_values import _TYPER, is_plain, plain_value

    params = [p for p in _parameters() if hasattr(p, "type_descriptor")]
    plain = [p for p in params if is_plain(p.type_descriptor)]
    kinds = {p.type_descriptor.annotation for p in plain}
    assert {Path, str, int, bool} <= kinds, kinds  # the CLI's path, text, --rok and flags
    taken = 0
    for param in plain:
        descriptor = param.type_descriptor
        typer_own = build_runtime_param(descriptor)
        for sample in SAMPLES:
            ours = plain_value(descriptor.annotation, descriptor.parameter_info, sample,
                               param, None)
            if ours is _TYPER:
                continue
            taken += 1
            try:
                expected = typer_own._coerce_value(sample, param=param, ctx=None)
            except BadParameter:
                pytest.fail(f"{param.name}: {sample!r} passes our conversion, not typer's")
            assert (ours, type(ours)) == (expected, type(expected)), (param.name, sample)
    assert taken > 20

