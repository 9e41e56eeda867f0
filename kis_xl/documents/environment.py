"""The Jinja environment every template is rendered in: sandboxed, escaping, Polish.

A template is a Word file that may arrive by e-mail, so it is code we do not
trust: it runs in Jinja's ``SandboxedEnvironment`` and any attempt to reach
Python internals (``{{ ''.__class__ }}``) stops the rendering with a message
instead of quietly printing nothing. Autoescaping keeps the document's XML
intact whatever the data holds ("Kowalski & Syn <Zakład>"). Unknown names and
missing values print as a dotted line to fill in by hand (``BlankUndefined``
and ``finalize``); dates, numbers and times get their Polish form by default,
and filters with Polish names give the other forms.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from jinja2 import ChainableUndefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from kis_xl.documents import formatting as fmt

_LINE_BREAK = Markup('</w:t><w:br/><w:t xml:space="preserve">')
"""A line break inside the text run a tag stands in (a multi-line cell of the workbook)."""


class BlankUndefined(ChainableUndefined):
    """A name the data does not have: prints a line to fill in, iterates as empty."""

    __slots__ = ()

    def __str__(self) -> str:
        return fmt.BLANK

    def __html__(self) -> str:
        return fmt.BLANK


class UnsafeTemplate(SecurityError):
    """The template tried to reach something the sandbox forbids."""

    def __init__(self, attribute: str, owner: str) -> None:
        super().__init__(f"access to attribute {attribute!r} of {owner!r} object is unsafe")
        self.attribute = attribute
        self.owner = owner


class DocumentSandbox(SandboxedEnvironment):
    """Refuses unsafe attribute access outright instead of rendering it as blank.

    It also remembers compiled sources: docxtpl compiles the same document XML again for
    every document of a batch, which was a third of the time of a batch of certificates.
    """

    _MAX_CACHED = 64

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._compiled: dict[str, Any] = {}

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        raise UnsafeTemplate(attribute, type(obj).__name__)

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)
            if len(self._compiled) >= self._MAX_CACHED:
                self._compiled.pop(next(iter(self._compiled)))
            self._compiled[source] = template
        return template


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if isinstance(value, BlankUndefined):
        return fmt.BLANK
    text = fmt.display(value)
    if "\n" in text:
        return _LINE_BREAK.join(escape(line) for line in text.split("\n"))
    return text


def _missing(value: Any) -> bool:
    return (
        value is None
        or isinstance(value, BlankUndefined)
        or (isinstance(value, str) and not value.strip())
    )


def _or(value: Any, alternative: Any = "") -> Any:
    """``{{ osoba.telefon|lub("brak") }}`` — text to print instead of a dotted line.

    ``lub("")`` prints nothing at all (an empty cell on a form), so a text alternative is
    passed on already escaped and is not turned into a dotted line again.
    """
    if not _missing(value):
        return value
    return escape(alternative) if isinstance(alternative, str) else alternative


def _long_date(value: Any) -> str:
    return fmt.long_date(value) if isinstance(value, date) else fmt.BLANK


def _short_date(value: Any) -> str:
    return fmt.short_date(value if isinstance(value, date) else None)


def _number(value: Any, decimals: int = 2) -> str:
    return fmt.number(value, decimals) if isinstance(value, int | float) else fmt.BLANK


def _hours(value: Any) -> str:
    if not isinstance(value, int | float):
        return fmt.BLANK
    return fmt.counted(value, "godzina", "godziny", "godzin")


def _counted(value: Any, one: str, few: str, many: str) -> str:
    """``{{ n|odmiana("spotkanie", "spotkania", "spotkań") }}`` → "24 spotkania"."""
    if not isinstance(value, int | float):
        return fmt.BLANK
    return fmt.counted(value, one, few, many)


def _gender(person: Any, masculine: str, feminine: str) -> str:
    """``{{ osoba|rodzaj("wziął", "wzięła") }}`` — the form agreeing with the person."""
    sex = person.get("plec") if isinstance(person, Mapping) else None
    return fmt.gendered(sex if isinstance(sex, str) else None, masculine, feminine)


def _tick(value: Any) -> str:
    """☒ for true, ☐ for false: a box on a printed form."""
    return "☒" if value and not isinstance(value, BlankUndefined) else "☐"


FILTERS: dict[str, Any] = {
    "data": _long_date,
    "data_krotka": _short_date,
    "liczba": _number,
    "godziny": _hours,
    "odmiana": _counted,
    "rodzaj": _gender,
    "lub": _or,
    "znak": _tick,
}
"""Filters with Polish names that templates may use (documented in README)."""

GLOBALS: dict[str, Any] = {"linia": fmt.blank_line}


@lru_cache(maxsize=1)
def environment() -> DocumentSandbox:
    """The one rendering environment (sandboxed, autoescaping, blank for missing values)."""
    env = DocumentSandbox(
        autoescape=True,
        undefined=BlankUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    return env
