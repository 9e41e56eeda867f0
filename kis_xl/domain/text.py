"""Tolerant text matching for what office staff type.

Headers, sheet names and dropdown values are compared after folding: case,
Polish diacritics (including ``ł`` which Unicode does not decompose),
punctuation and repeated spaces do not matter. People type "Imie", "IMIĘ " or
"imię" for the same column and all must work.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_EXTRA = str.maketrans({"ł": "l", "Ł": "l", "ß": "ss"})


def fold(text: object) -> str:
    """Return a comparison key: lower case ASCII words separated by single spaces."""
    if text is None:
        return ""
    s = str(text).translate(_EXTRA)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    return _NON_ALNUM.sub(" ", s).strip()


def is_blank(value: object) -> bool:
    """Empty cells arrive as None or '' depending on the source; whitespace counts as empty."""
    return value is None or (isinstance(value, str) and not value.strip())


def nearest(word: str, candidates: list[str], limit: int = 3) -> list[str]:
    """Closest candidates to ``word`` (folded comparison), for "did you mean" hints."""
    import difflib

    folded = {fold(c): c for c in candidates}
    hits = difflib.get_close_matches(fold(word), list(folded), n=limit, cutoff=0.5)
    return [folded[h] for h in hits]


def column_letter(index: int) -> str:
    """1 -> A, 28 -> AB (Excel column names)."""
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@lru_cache(maxsize=1)
def _polish() -> Any:
    from babel import Locale  # lazy: CLDR data is loaded only when a count is worded

    return Locale.parse("pl")


def plural(count: float, one: str, few: str, many: str) -> str:
    """The Polish form for ``count``, by CLDR's plural rules (babel).

    1 wiersz, 2 wiersze, 5 wierszy, 22 wiersze, 12 wierszy; 3,5 godziny. CLDR's
    "other" class of Polish holds the fractions, which take the same form as
    "few" (3,5 godziny, 1,5 osoby).
    """
    form = _polish().plural_form(count)
    if form == "one":
        return one
    if form == "many":
        return many
    return few


def number(value: float, decimals: int = 2) -> str:
    """3,5 / 84 / 1 234,5 — Polish decimal comma and digit grouping (babel), no trailing zeros.

    Babel rounds in the current decimal context, whose default 28 digits an
    absurd plan (10^18 hours × 10^18 persons, a typo an office can make) exceeds;
    a context wide enough for any float keeps such a value printable, so the
    document shows the typo instead of the action crashing on it.
    """
    from decimal import localcontext

    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    with localcontext() as wide:
        wide.prec = 400  # a float's largest value has 309 integer digits
        return str(format_decimal(round(float(value), decimals), format=pattern, locale="pl"))
