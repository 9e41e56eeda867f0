"""Formula errors cached in cells (``#REF!``, ``#DZIEL/0!`` …), which must never read as empty.

A formula whose result is an error is stored in the file as an error cell (``t="e"``,
its value in English: ``#DIV/0!``). openpyxl and Excel through xlwings
(``err_to_str``) hand it over as that text; a Polish Excel shows it as ``#DZIEL/0!``
and people paste or type that. python-calamine, which reads files for speed, hands
an error cell over as ``""``, the same as a blank cell: "Program" then silently sums
a plan without the broken row. ``restore`` puts the error text back into a grid from
the sheet's XML, so the reader reports it like any other unreadable cell.

The XML is only searched (one pass over the inflated bytes), not parsed; a sheet without
error cells costs its inflation (0.04 s of CPU for 100,000 attendance rows, in a thread
beside the parse for the big registers: ``Restorer.ahead``).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

TEXTS = frozenset({
    # as stored in the file (and as openpyxl and xlwings deliver them)
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
    "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#BUSY!",
    # as a Polish Excel shows them (typed or pasted as text)
    "#ZERO!", "#DZIEL/0!", "#ARG!", "#ADR!", "#NAZWA?", "#LICZBA!", "#N/D!",
    "#POBIERANIE_DANYCH", "#PRZELANIE!", "#OBLICZ!", "#POLE!", "#ZABLOKOWANE!",
    "#POŁĄCZ!", "#NIEZNANE!", "#ZAJĘTE!",
})


def is_error(raw: Any) -> bool:
    """Whether a cell value is a formula error as some reader delivers it."""
    return raw.__class__ is str and raw.strip().upper() in TEXTS


_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTR = re.compile(rb"""\b([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REL = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_ERROR_CELL = re.compile(
    rb"<(?:\w+:)?c\b(?=[^>]*\bt=[\"']e[\"'])[^>]*?\br=[\"']([A-Z]+)(\d+)[\"'][^>]*>"
    rb"(?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>", re.S)
_MARK = b't="e"'
_MARK_ALT = b"t='e'"


def _attrs(tag: bytes) -> dict[str, str]:
    """Attributes by local name (``r:id`` is ``id``, ``sheetId`` stays apart)."""
    return {m.group(1).decode().rpartition(":")[2]:
            (m.group(2) if m.group(2) is not None else m.group(3) or b"").decode()
            for m in _ATTR.finditer(tag)}


def sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the package (from the workbook part and its rels)."""
    import posixpath

    try:
        names = {n.lower(): n for n in book.namelist()}
        workbook = book.read(names.get("xl/workbook.xml", "xl/workbook.xml"))
        rels = book.read(names.get("xl/_rels/workbook.xml.rels", "xl/_rels/workbook.xml.rels"))
    except (KeyError, OSError, zipfile.BadZipFile):
        return {}
    targets = {}
    for tag in _REL.findall(rels):
        a = _attrs(tag)
        target = a.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join("xl", target))
        targets[a.get("Id", "")] = names.get(part.lower(), part)
    out = {}
    for tag in _SHEET.findall(workbook):
        a = _attrs(tag)
        if "name" in a and a.get("id") in targets:
            out[_unescape(a["name"])] = targets[a["id"]]
    return out


def _unescape(text: str) -> str:
    from html import unescape

    return unescape(text)


def errors_in(book: zipfile.ZipFile, part: str) -> list[tuple[int, int, str]]:
    """(row, column, error text), 0-based, of every error cell of one sheet part."""
    try:
        if not _has_error_cell(book, part):
            return []
        data = book.read(part)
    except (KeyError, OSError, zipfile.BadZipFile, zlib.error):
        return []
    return [(int(row) - 1, _column(letters) - 1, text.decode().strip())
            for letters, row, text in _ERROR_CELL.findall(data)]


def _has_error_cell(book: zipfile.ZipFile, part: str) -> bool:
    """Whether the part has an error cell: inflated and searched a megabyte at a time (a
    third faster than the whole 20 MB of a big register at once, and no copy of it kept)."""
    tail = b""
    with book.open(part) as stream:
        while chunk := stream.read(1 << 20):
            if _MARK in chunk or _MARK_ALT in chunk:
                return True
            edge = tail + chunk[:8]
            if _MARK in edge or _MARK_ALT in edge:
                return True
            tail = chunk[-8:]
    return False


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def restore(grid: list[list[Any]], errors: list[tuple[int, int, str]]) -> list[list[Any]]:
    """Put each error text into ``grid`` where the reader got ``""`` or None for it."""
    for r, c, text in errors:
        if r >= len(grid):
            grid.extend([] for _ in range(r + 1 - len(grid)))
        row = grid[r]
        if c >= len(row):
            row.extend([""] * (c + 1 - len(row)))
        if row[c] in ("", None):
            row[c] = text or "#N/A"
    return grid


class Restorer:
    """``restore`` for the sheets of the file ``path``, by sheet name.

    The parts are found once, when first needed. ``ahead`` starts the search of some
    sheets (the big registers) in a thread at once: inflating 100,000 attendance rows
    (20 MB of XML, a tenth of a second) runs without Python's lock beside the parse.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._parts: dict[str, str] | None = None
        self._ahead: dict[str, Callable[[], list[tuple[int, int, str]]]] = {}

    def errors(self, name: str) -> list[tuple[int, int, str]]:
        try:
            with zipfile.ZipFile(self.path) as book:
                if self._parts is None:
                    self._parts = sheet_parts(book)
                part = self._parts.get(name)
                return errors_in(book, part) if part else []
        except (OSError, zipfile.BadZipFile):
            return []

    def ahead(self, names: Iterable[str]) -> None:
        import threading

        for name in names:
            found: list[list[tuple[int, int, str]]] = []
            thread = threading.Thread(target=lambda n=name, out=found: out.append(
                self.errors(n)), name="kis-cell-errors", daemon=True)
            thread.start()

            def result(thread: threading.Thread = thread,
                       found: list[list[tuple[int, int, str]]] = found
                       ) -> list[tuple[int, int, str]]:
                thread.join()
                return found[0] if found else []

            self._ahead[name] = result

    def __call__(self, name: str, grid: list[list[Any]]) -> list[list[Any]]:
        early = self._ahead.pop(name, None)
        return restore(grid, early() if early is not None else self.errors(name))
