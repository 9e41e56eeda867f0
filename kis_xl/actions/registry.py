"""The list of workbook actions, kept once.

The CLI documents them, ``kis-xl demo`` runs them in order on the demo club,
and the Excel ribbon (built later from this list) shows one button per
action with the action name in the button's ``tag``. Functions are named by
import path so that listing the actions imports nothing heavy.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str
    """Stable identifier, used as the ribbon button tag."""
    label: str
    """Polish button label."""
    tip: str
    """Polish one-line description (ribbon screentip, help)."""
    target: str
    """``module:function`` taking a Club (and keyword options) and returning ActionResult."""
    sheets: tuple[str, ...] | None = None
    """Schema sheets the action reads (None = all); fewer sheets = faster clicks."""

    def load(self) -> Any:
        module, _, function = self.target.partition(":")
        return getattr(importlib.import_module(module), function)


ACTIONS: list[ActionSpec] = []


def register(spec: ActionSpec) -> ActionSpec:
    if any(a.name == spec.name for a in ACTIONS):
        raise ValueError(f"duplicate action {spec.name!r}")
    ACTIONS.append(spec)
    return spec


def get(name: str) -> ActionSpec:
    for a in ACTIONS:
        if a.name == name:
            return a
    raise KeyError(name)
