"""What ``kis-xl zestawienie`` refuses to add up: values of a report file that are not
numbers (a word typed over a count, a negative amount) and totals that cannot all be true
at once (more employed after completion than completed, hours without meetings, more
spent than granted).

Plain data in, Polish descriptions out: the summary marks the club's row and leaves the
report out of the sums rather than adding it quietly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kis_xl.report.totals import SUPPRESSED

NUMERIC_PREFIXES = ("uczestnicy.", "kadra.", "zajecia.", "dotacje.")
_NUMBER_TEXT = re.compile(r"^[+-]?\d+(?:[ \u00a0]\d{3})*(?:[.,]\d+)?$")
_CENT = 0.005

_PER_CATEGORY: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("ukonczyli",), "uczestnicy", "ukończyli ≤ uczestnicy"),
    (("przerwali",), "uczestnicy", "przerwali ≤ uczestnicy"),
    (("ukonczyli", "przerwali"), "uczestnicy", "ukończyli + przerwali ≤ uczestnicy"),
    (("efekt",), "uczestnicy", "z efektem ≤ uczestnicy"),
    (("efekt_spoleczny",), "efekt", "z efektem społecznym ≤ z jakimkolwiek efektem"),
    (("efekt_zawodowy",), "efekt", "z efektem zawodowym ≤ z jakimkolwiek efektem"),
    (("zatrudnieni_po_ukonczeniu",), "ukonczyli", "zatrudnieni po ukończeniu ≤ ukończyli"),
)
"""(measures added up, the measure they cannot exceed, the rule in Polish) in one row."""
_OVERALL: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("dotacje.wykorzystana",), "dotacje.przyznana", "wykorzystana ≤ przyznana"),
    (("dotacje.wykorzystana", "dotacje.zwrocona"), "dotacje.przyznana",
     "wykorzystana + zwrócona ≤ przyznana"),
)


def is_numeric_key(key: str) -> bool:
    return key.startswith(NUMERIC_PREFIXES)


def clean_number(key: str, value: Any) -> tuple[Any, str | None]:
    """(the value to sum, why it cannot be summed or None) for one numeric key.

    Numbers typed as text ("12", "48 000,50") count as the number; "<3" stays (a hidden
    small count, only in the participants' tables); words and negative numbers do not.
    """
    if value is None or isinstance(value, bool):
        return value, None if value is None else "to nie jest liczba"
    if isinstance(value, str):
        text = value.strip()
        if text == SUPPRESSED and key.startswith("uczestnicy."):
            return text, None
        if not _NUMBER_TEXT.match(text):
            return value, "to nie jest liczba"
        number = float(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))
        value = int(number) if number.is_integer() else number
    if not isinstance(value, int | float):
        return value, "to nie jest liczba"
    if value < 0:
        return value, "liczba ujemna"
    return value, None


def impossible(values: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(rule, the values that break it) for every cross-check a report fails."""
    categories = sorted({k.split(".")[1] for k in values
                         if k.startswith("uczestnicy.") and k.count(".") == 2})
    for cat in categories:
        def get(measure: str, cat: str = cat) -> Any:
            return values.get(f"uczestnicy.{cat}.{measure}")

        where = "razem" if cat == "razem" else f"kategoria {cat}"
        for parts, limit, rule in _PER_CATEGORY:
            broken = _exceeds([get(p) for p in parts], get(limit))
            if broken:
                yield f"{where}: {rule}", broken
    meetings, hours = _get(values, "zajecia.spotkania"), _get(values, "zajecia.godziny")
    if meetings is not None and hours is not None and (meetings > 0) != (hours > 0):
        yield ("godziny zajęć > 0 dokładnie wtedy, gdy spotkania > 0",
               f"spotkania {_show(meetings)}, godziny {_show(hours)}")
    person_hours = _get(values, "zajecia.godziny_uczestnikow")
    if person_hours is not None and hours is not None and person_hours > 0 and hours <= 0:
        yield ("godziny uczestników tylko wtedy, gdy są godziny zajęć",
               f"godziny uczestników {_show(person_hours)}, godziny zajęć {_show(hours)}")
    people, fte = _get(values, "kadra.osoby"), _get(values, "kadra.etaty")
    if people is not None and fte is not None and fte > 0 and people <= 0:
        yield "etaty tylko wtedy, gdy kadra ma osoby", f"osoby {_show(people)}, etaty {_show(fte)}"
    for parts, limit, rule in _OVERALL:
        broken = _exceeds([values.get(p) for p in parts], values.get(limit), slack=_CENT)
        if broken:
            yield f"dotacje: {rule}", broken


def _exceeds(parts: list[Any], limit: Any, *, slack: float = 0.0) -> str | None:
    """The values as text when ``sum(parts) > limit``; None when fine or not all known."""
    if not all(_num(p) for p in parts) or not _num(limit):
        return None
    if sum(parts) <= limit + slack:
        return None
    return " + ".join(_show(p) for p in parts) + f" > {_show(limit)}"


def _get(values: dict[str, Any], key: str) -> float | None:
    value = values.get(key)
    return value if _num(value) else None


def _num(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _show(value: Any) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(round(value, 2)).replace(".", ",")
    return str(value)
