"""Polish formatting of values printed in documents.

Documents are read and signed by people: dates are written out with the
month in the genitive ("5 marca 2025 r."), numbers use a decimal comma,
a PESEL stays text with its leading zeros, and anything the workbook does
not know becomes a visible line to fill in by hand — never "None".
Month names and plural forms come from babel (CLDR data), not from a table
of our own.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from kis_xl.domain import text

BLANK = "……………………"
"""What a missing value prints as: a dotted line to fill in by hand."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


NBSP = "\u00a0"
_SINGLE_LETTER = re.compile(r"(?<![\w\u00ad.'’-])[wzoiauWZOIAU] ")
"""A one-letter word (w, z, o, i, a, u) followed by a space; not the end of a longer word
("art. 1 ust. 3a ") nor an abbreviation's letter."""


def single_letter_spaces(text: str) -> list[int]:
    """Positions of the spaces after standalone one-letter words in ``text``."""
    return [m.end() - 1 for m in _SINGLE_LETTER.finditer(text)]


def tie_single_letters(text: str) -> str:
    """"klub w Testowie" → "klub w\u00a0Testowie": a one-letter word never ends a line.

    Polish typography keeps the conjunctions and prepositions w, z, o, i, a, u with the
    next word; a no-break space instead of the space does it in Word and LibreOffice.
    """
    chars = list(text)
    for i in single_letter_spaces(text):
        chars[i] = NBSP
    return "".join(chars)


_JOURNAL = re.compile(
    r"Dz\.\s?U\.\s?(?:z\s)?(\d{4})(?:\sr\.)?,?\s(?:[Nn]r\s(\d+),?\s)?poz\.\s?(\d+)")


def journal_citation(text: str) -> str:
    """"Dz.U. 2025 poz. 83" → "Dz. U. z 2025 r. poz. 83", the form official documents cite
    (before 2012 with the issue: "Dz. U. z 2010 r. Nr 218, poz. 1439")."""
    def cite(m: re.Match[str]) -> str:
        issue = f"Nr {m[2]}, " if m[2] else ""
        return f"Dz. U. z {m[1]} r. {issue}poz. {m[3]}"

    return _JOURNAL.sub(cite, text)


_POSTAL_CODE = re.compile(r"(?<![\d-])(\d{2})-(\d{3})(?![\d-])")
NON_BREAKING_HYPHEN = "\u2011"


def line_ties(text: str) -> dict[int, str]:
    """Where ``text`` must not break a line, and the character that holds it there.

    After a one-letter word: a no-break space (``single_letter_spaces``). In a postal
    code: a non-breaking hyphen, "98‑400" never splits into "98-" / "400" (Word and
    LibreOffice both honour U+2011); phone numbers and ISO dates are left alone.
    """
    ties = dict.fromkeys(single_letter_spaces(text), NBSP)
    ties.update(dict.fromkeys((m.end(1) for m in _POSTAL_CODE.finditer(text)),
                              NON_BREAKING_HYPHEN))
    return ties


def blank_line(length: int = 6) -> str:
    """A dotted line of ``length`` ellipses (for templates that want a longer one)."""
    return "…" * max(1, min(int(length), 60))


def clean_text(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (they would make Word refuse the file)."""
    return _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def long_date(value: date | None) -> str:
    """5 marca 2025 r. — the form used in Polish letters and certificates.

    No-break spaces tie the day to the month and "r." to the year, so a line
    never ends with a lone day ("do 1 / października") nor starts with "r."
    (Polish typography; both happened in printed documents).
    """
    if value is None:
        return BLANK
    from babel.dates import format_date

    if isinstance(value, datetime):
        value = value.date()
    day_month_year = format_date(value, "d MMMM y", locale="pl").replace(" ", "\u00a0", 1)
    return f"{day_month_year}\u00a0r."


SHORT_BLANK = "……………"
"""A missing short date: as wide as "05.03.2025", so it fits the narrow date columns of a
table instead of wrapping onto a second line there."""


def short_date(value: date | None) -> str:
    """05.03.2025 — for tables, where the long form does not fit."""
    if value is None:
        return SHORT_BLANK
    return value.strftime("%d.%m.%Y")


def clock(value: time | None) -> str:
    """9:30 — hour without a leading zero, as Polish timetables write it."""
    if value is None:
        return BLANK
    return f"{value.hour}:{value.minute:02d}"


def number(value: float | int | None, decimals: int = 2) -> str:
    """3,5 / 84 / 1 234,5 — decimal comma, no trailing zeros."""
    if value is None:
        return BLANK
    return text.number(value, decimals)


plural = text.plural
"""The Polish form for a count (1 spotkanie, 2 spotkania, 5 spotkań, 3,5 godziny)."""


def counted(count: float | int | None, one: str, few: str, many: str) -> str:
    """"24 spotkania", "15 osób", "3,5 godziny" — a number with its noun."""
    if count is None:
        return BLANK
    return f"{number(count)} {plural(count, one, few, many)}"


def gendered(sex: str | None, masculine: str, feminine: str) -> str:
    """The form agreeing with the person; both forms when the sex is unknown."""
    if sex == "K":
        return feminine
    if sex == "M":
        return masculine
    return f"{masculine}/{feminine}"


def display(value: Any) -> str:
    """Default text of any context value (the environment's ``finalize`` uses it)."""
    if value is None:
        return BLANK
    if isinstance(value, bool):
        return "tak" if value else "nie"
    if isinstance(value, datetime | date):
        return long_date(value)
    if isinstance(value, time):
        return clock(value)
    if isinstance(value, float):
        return number(value)
    if isinstance(value, str):
        text = clean_text(value)
        return text if text.strip() else BLANK
    return clean_text(str(value))
