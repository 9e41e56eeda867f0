"""The list of workbook actions, kept once.

The CLI documents them, ``kis-xl demo`` runs them in order on the demo club,
and the Excel ribbon (built later from this list) shows one button per action
with the action name in the button's ``tag``. Functions are named by import
path so that listing the actions imports nothing heavy.

An action function takes a ``Club`` and keyword options (at least
``today: date | None``, so that runs are reproducible) and returns an
``ActionResult`` whose ``plan`` the front writes back (unless ``--no-write``).
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


ACTIONS: tuple[ActionSpec, ...] = (
    # One entry per workbook action, in the order the demo runs them.
    ActionSpec(
        "check", "Sprawdź uczestników",
        "Sprawdza, czy uczestnicy mogą brać udział w klubie i czy przyjęcie udokumentowano; "
        "wpisuje statusy i tworzy arkusz „Wynik kontroli”.",
        "kis_xl.actions.check:check",
    ),
    ActionSpec(
        "hours", "Policz godziny",
        "Liczy godziny uczestników, realizację planu według zajęć, specjalistów i miesięcy oraz "
        "frekwencję; tworzy arkusz „Wynik godzin” z wykresami.",
        "kis_xl.actions.hours:hours_action",
        ("participants", "activities", "enrolments", "meetings", "attendance"),
    ),
    ActionSpec(
        "outcomes", "Rezultaty",
        "Liczy uczestników, ukończenia, efekty reintegracji i zatrudnienie po ukończeniu "
        "według kategorii (art. 18a ust. 6 pkt 2); tworzy arkusz „Wynik rezultatów”.",
        "kis_xl.actions.outcomes:outcomes_action",
        ("participants", "outcomes"),
    ),
)


def get(name: str) -> ActionSpec:
    for a in ACTIONS:
        if a.name == name:
            return a
    raise KeyError(name)
