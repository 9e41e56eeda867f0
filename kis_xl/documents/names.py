"""Safe, readable file names for produced documents, never overwriting anything.

Names keep Polish letters ("Zaświadczenie U001 Wiśniewska Zofia.docx"):
Windows, macOS and Linux file systems store them fine and staff find their
documents by surname. What cannot be in a Windows file name is replaced —
path separators, ``<>:"|?*``, control characters, trailing dots and spaces,
and device names such as ``CON`` or ``LPT1``. A name already taken gets a
suffix " (2)", " (3)"… as Windows Explorer does; nothing is overwritten.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from pathlib import Path

MAX_STEM = 100
"""Keeps full paths well under Windows' 260 characters in ordinary folders."""

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_SPACES = re.compile(r"\s+")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
             *(f"LPT{i}" for i in range(10)), "CONIN$", "CONOUT$"}


def safe_stem(*parts: str | None, fallback: str = "dokument") -> str:
    """A file name stem from ``parts`` (joined by spaces), safe on Windows."""
    text = " ".join(p for p in parts if p and p.strip())
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)  # tabs and line breaks from a cell become spaces
    text = _FORBIDDEN.sub("_", text).strip(" .")
    if len(text) > MAX_STEM:
        text = text[:MAX_STEM].rstrip(" .")
    if not text:
        text = fallback
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = "_" + text
    return text


def unique_stem(folder: Path, stem: str, suffixes: Iterable[str],
                taken: Collection[str] = ()) -> str:
    """``stem`` or ``stem (2)``… such that no ``stem + suffix`` exists in ``folder``.

    ``taken`` holds stems already chosen in this batch (compared case-insensitively,
    as Windows does) so that two documents of one run never collide either.
    """
    suffixes = tuple(suffixes)
    lowered = {t.casefold() for t in taken}
    candidate = stem
    n = 1
    while candidate.casefold() in lowered or any(
        (folder / f"{candidate}{s}").exists() for s in suffixes
    ):
        n += 1
        candidate = f"{stem} ({n})"
    return candidate
