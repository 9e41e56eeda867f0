"""Small text files made by Windows tools: the password file, the SMTP settings, the list of
clubs expected to report.

Files made by Windows tools are the normal case for these users, not an exception:
Notepad saves "Unicode" as UTF-16 with a byte order mark, "UTF-8" with or without one,
"ANSI" in the Polish code page cp1250; Excel on a Polish Windows saves "CSV (rozdzielany
przecinkami)" in cp1250 with semicolons, "Tekst Unicode" as UTF-16, and people hand over
the .xlsx itself. ``decode`` reads every one of them (a BOM decides; else strict UTF-8,
which cp1250 text with Polish letters never passes; else cp1250), ``read_lines`` also
takes a workbook where a list is expected. Anything else is a Polish message naming the
file, never a ``UnicodeDecodeError``.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from kis_xl.plan.errors import KisError

ENCODINGS = "UTF-8 (z BOM lub bez), UTF-16 („Unicode” Notatnika, z BOM) i Windows-1250 (ANSI)"
"""What ``decode`` accepts, for messages and the README."""


class TextFileError(KisError):
    """A text file that cannot be read (missing, unreadable, or not text)."""


def decode(data: bytes, name: str) -> str:
    """The text of ``data`` (a file called ``name``), whatever Windows tool wrote it."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8):].decode("utf-8")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
        if len(data) >= 4 and data[1::2].count(0) * 2 >= len(data) // 2:
            return data.decode("utf-16-le")  # UTF-16 without a BOM (mostly ASCII text)
    except UnicodeDecodeError:
        raise _not_text(name) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1250")
    except UnicodeDecodeError:
        raise _not_text(name) from None
    if "\0" in text:
        raise _not_text(name)
    return text


def read_text(path: Path, what: str) -> str:
    """The text of the file ``path``; ``what`` names it in a message ("plik z hasłem")."""
    return decode(_read(path, what), path.name)


def read_lines(path: Path, what: str) -> list[str]:
    """Non-empty lines of a list: a text or CSV file, or the first sheet of a workbook (the
    filled cells of a row joined by "; ", as a CSV line)."""
    data = _read(path, what)
    if data.startswith(b"PK\x03\x04"):
        return _workbook_lines(path, what)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TextFileError(
            f"Plik „{path.name}” ({what}) jest w starym formacie Excela (.xls) albo "
            "zaszyfrowany. Zapisz go w Excelu jako „Skoroszyt programu Excel (*.xlsx)” albo "
            "„CSV (rozdzielany przecinkami)” i podaj ponownie."
        )
    return [line for line in decode(data, path.name).splitlines() if line.strip()]


def _workbook_lines(path: Path, what: str) -> list[str]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        rows = book.get_sheet_by_index(0).to_python(skip_empty_area=True)
    except Exception as exc:  # calamine raises several unrelated types for broken files
        raise TextFileError(f"Nie można odczytać skoroszytu „{path.name}” ({what}): {exc}. "
                            "Zapisz go w Excelu ponownie albo podaj plik .csv lub .txt.") from None
    lines = ["; ".join(_cell(v) for v in row if _cell(v)) for row in rows]
    return [line for line in lines if line]


def _cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a REGON typed into a number cell
    return str(value).strip() if value is not None else ""


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TextFileError(
            f"Nie można odczytać pliku „{path}” ({what}): {exc.strerror or exc}.") from None


def _not_text(name: str) -> TextFileError:
    return TextFileError(
        f"Plik „{name}” nie jest plikiem tekstowym w żadnym z kodowań, które program rozpoznaje "
        f"({ENCODINGS}). Otwórz go w Notatniku i zapisz jako UTF-8."
    )
