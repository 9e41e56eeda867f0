"""Turning what people type into cells into typed values.

Office workbooks are messy: dates arrive as real dates, as Excel serial
numbers or as text in several spellings; hours as "3,5"; a PESEL typed into a
General cell loses its leading zero. Each parser accepts all reasonable forms
and raises ``CellProblem`` (carrying the finding type and message parameters)
for the rest, so the reader can turn it into a located finding.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from typing import Any

from kis_xl.domain.finding_types.reading import (
    DATE_OUT_OF_RANGE,
    INVALID_DATE,
    INVALID_EMAIL,
    INVALID_INTEGER,
    INVALID_NUMBER,
    INVALID_PERCENT,
    INVALID_PESEL,
    INVALID_TIME,
)
from kis_xl.domain.findings import FindingType
from kis_xl.domain.text import fold


class CellProblem(Exception):
    """A cell that cannot be read; the reader adds sheet, row and column."""

    def __init__(self, ftype: FindingType, **params: Any) -> None:
        super().__init__(ftype.code)
        self.ftype = ftype
        self.params = params


_EXCEL_EPOCH = date(1899, 12, 30)
_EPOCH_1904 = date(1904, 1, 1)
_DAYS_1900_TO_1904 = (_EPOCH_1904 - _EXCEL_EPOCH).days  # 1462
_MIN_SERIAL = 3654  # 1910-01-01: smaller numbers in a date column are typos, not dates
_MAX_SERIAL = 73051  # 2099-12-31
FIRST_DATE = date(1910, 1, 1)
LAST_DATE = date(2099, 12, 31)
"""Dates the workbook accepts (the template's date validation, serials 3654–73051). A date
typed outside them ("31.12.9999" for "open-ended", "05.03.0025") is a typo, and later
arithmetic (end + 3 months) could not even represent it."""

_MONTHS = {
    "stycznia": 1, "styczen": 1, "lutego": 2, "luty": 2, "marca": 3, "marzec": 3,
    "kwietnia": 4, "kwiecien": 4, "maja": 5, "maj": 5, "czerwca": 6, "czerwiec": 6,
    "lipca": 7, "lipiec": 7, "sierpnia": 8, "sierpien": 8, "wrzesnia": 9, "wrzesien": 9,
    "pazdziernika": 10, "pazdziernik": 10, "listopada": 11, "listopad": 11,
    "grudnia": 12, "grudzien": 12,
}
_DMY = re.compile(r"^(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{2}|\d{4})$")
_YMD = re.compile(r"^(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})$")
_WORDS = re.compile(r"^(\d{1,2}) ([a-z]+) (\d{4})$")


def display(raw: Any) -> str:
    """How a raw cell value is quoted back in a message."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.strftime("%d.%m.%Y %H:%M")
    if isinstance(raw, date):
        return raw.strftime("%d.%m.%Y")
    return str(raw).strip()


def from_serial(serial: float, *, date1904: bool = False) -> date:
    """The date of an Excel serial number; ``date1904`` for workbooks in the 1904 date system
    (Excel for Mac's old default), whose serials count from 1.01.1904."""
    return (_EPOCH_1904 if date1904 else _EXCEL_EPOCH) + timedelta(days=int(serial))


def parse_date(raw: Any, *, date1904: bool = False) -> date:
    """A date from a date cell, a serial number or text; ``date1904`` as in ``from_serial``.

    Date-formatted cells arrive as dates (the file reader converts them in either
    system); only raw numbers in a General or Number cell need the workbook's system.
    """
    day = _parse_date(raw, date1904)
    if not FIRST_DATE <= day <= LAST_DATE:
        raise CellProblem(DATE_OUT_OF_RANGE, value=display(raw), first=display(FIRST_DATE),
                          last=display(LAST_DATE))
    return day


def _parse_date(raw: Any, date1904: bool) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, bool):
        raise CellProblem(INVALID_DATE, value=display(raw))
    if isinstance(raw, int | float):
        as_1900 = raw + _DAYS_1900_TO_1904 if date1904 else raw
        if _MIN_SERIAL <= as_1900 <= _MAX_SERIAL:
            return from_serial(raw, date1904=date1904)
        raise CellProblem(INVALID_DATE, value=display(raw))
    return _parse_date_text(str(raw).strip(), date1904)


def _parse_date_text(text: str, date1904: bool) -> date:
    cleaned = re.sub(r"\s*(r\.?|rok)$", "", text.lower()).strip()
    cleaned = re.sub(r"\s+", " ", cleaned)
    if len(cleaned) >= 19 and cleaned[10] in " t" and _YMD.match(cleaned[:10]):
        cleaned = cleaned[:10]  # "2025-03-05 00:00:00" from a pasted export
    try:
        if m := _DMY.match(cleaned):
            d, mth, y = (int(g) for g in m.groups())
            if len(m.group(3)) == 2:
                y += 2000 if y <= (date.today().year % 100) + 5 else 1900
            return date(y, mth, d)
        if m := _YMD.match(cleaned):
            y, mth, d = (int(g) for g in m.groups())
            return date(y, mth, d)
        if m := _WORDS.match(fold(cleaned)):
            month = _MONTHS.get(m.group(2))
            if month:
                return date(int(m.group(3)), month, int(m.group(1)))
        if cleaned.isdigit() and len(cleaned) == 5:
            return _parse_date(int(cleaned), date1904)
    except ValueError:
        pass
    raise CellProblem(INVALID_DATE, value=text)


_TIME = re.compile(r"^(\d{1,2})(?:[:.,](\d{2}))?(?:[:.](\d{2}))?$")


def parse_time(raw: Any) -> time:
    if isinstance(raw, time):
        return raw.replace(microsecond=0)
    if isinstance(raw, datetime):
        return raw.time().replace(microsecond=0)
    if isinstance(raw, timedelta):
        secs = int(raw.total_seconds())
        if 0 <= secs < 86400:
            return time(secs // 3600, secs % 3600 // 60)
        raise CellProblem(INVALID_TIME, value=str(raw))
    if isinstance(raw, bool):
        raise CellProblem(INVALID_TIME, value=display(raw))
    if isinstance(raw, int | float):
        if 0 <= raw < 1:  # Excel stores times as a fraction of a day
            minutes = round(raw * 24 * 60)
            return time(minutes // 60 % 24, minutes % 60)
        if (isinstance(raw, int) or raw.is_integer()) and 0 <= raw <= 23:
            return time(int(raw), 0)
        raise CellProblem(INVALID_TIME, value=display(raw))
    text = str(raw).strip().lower().removeprefix("godz.").removeprefix("godz").strip()
    text = text.removesuffix("h").strip()
    if m := _TIME.match(text):
        h, mi = int(m.group(1)), int(m.group(2) or 0)
        if h == 24 and mi == 0:
            return time(23, 59)
        if 0 <= h <= 23 and 0 <= mi <= 59:
            return time(h, mi)
    raise CellProblem(INVALID_TIME, value=str(raw).strip())


_NUM_NOISE = re.compile(r"(godz\.?|godzin[ay]?|h|zł|zl|pln|osób|osob|os\.)$")


def parse_number(raw: Any) -> float:
    """A finite number: Python's float() also takes "nan", "inf" and "1e400", which no one
    means in a cell and which break every sum and rounding after them."""
    value = _parse_number(raw)
    if not math.isfinite(value):
        raise CellProblem(INVALID_NUMBER, value=display(raw))
    return value


def _parse_number(raw: Any) -> float:
    if isinstance(raw, bool):
        raise CellProblem(INVALID_NUMBER, value=display(raw))
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, timedelta):  # a duration typed as 3:30
        return raw.total_seconds() / 3600
    if isinstance(raw, time):
        return raw.hour + raw.minute / 60
    text = str(raw).strip()
    s = _NUM_NOISE.sub("", text.lower()).strip()
    s = s.replace("\u00a0", "").replace(" ", "").replace("'", "")
    if "," in s and "." in s:
        s = s.replace(".", "") if s.rfind(",") > s.rfind(".") else s.replace(",", "")
    s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        raise CellProblem(INVALID_NUMBER, value=text) from None


def parse_integer(raw: Any) -> int:
    try:
        value = parse_number(raw)
    except CellProblem:
        raise CellProblem(INVALID_INTEGER, value=display(raw)) from None
    if not value.is_integer():
        raise CellProblem(INVALID_INTEGER, value=display(raw))
    return int(value)


def parse_percent(raw: Any) -> float:
    """A share between 0 and 1; "80%", "80", 0.8 and "0,8" all mean 80%."""
    text = str(raw).strip() if isinstance(raw, str) else None
    try:
        value = parse_number(text.rstrip("%").strip() if text else raw)
    except CellProblem:
        raise CellProblem(INVALID_PERCENT, value=display(raw)) from None
    if (text and text.endswith("%")) or value > 1:
        value /= 100
    if not 0 <= value <= 1:
        raise CellProblem(INVALID_PERCENT, value=display(raw))
    return value


def parse_id(raw: Any) -> str:
    """Identifiers compare case-insensitively: "u001" and "U001 " are one person.

    A value picked from a dropdown that names the person ("U001 – Mazur Aleksandra") is
    the ID before the dash.
    """
    if raw.__class__ is str and raw.isalnum():  # no space to tidy (the common case)
        return raw.upper()
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw)
    named = _NAMED_ID.match(text)
    if named is not None:
        text = named.group(1)
    return re.sub(r"\s+", " ", text.strip()).upper()


_NAMED_ID = re.compile(r"^\s*(\S+)\s+[–—-]\s")
"""An ID followed by a spaced dash and a name, as the ID dropdowns offer it."""


def parse_text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.strftime("%d.%m.%Y %H:%M") if raw.time() != time() else raw.strftime("%d.%m.%Y")
    if isinstance(raw, date):
        return raw.strftime("%d.%m.%Y")
    return str(raw).strip()


def parse_phone(raw: Any) -> str:
    return parse_text(raw)


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def parse_email(raw: Any) -> str:
    text = parse_text(raw)
    if not _EMAIL.match(text):
        raise CellProblem(INVALID_EMAIL, value=text)
    return text


def parse_pesel(raw: Any) -> tuple[str, bool]:
    """Return (PESEL, recovered) where recovered means a lost leading zero was restored."""
    from stdnum.exceptions import ValidationError
    from stdnum.pl import pesel as stdnum_pesel

    recovered = False
    if isinstance(raw, bool):
        raise CellProblem(INVALID_PESEL, value=display(raw), reason="to nie jest numer")
    if isinstance(raw, int | float):
        if isinstance(raw, float) and not raw.is_integer():
            raise CellProblem(INVALID_PESEL, value=display(raw), reason="to nie jest numer")
        digits = str(int(raw))
        if len(digits) < 11:
            digits = digits.zfill(11)
            recovered = True
    else:
        digits = re.sub(r"[\s\-]", "", str(raw).strip())
        if digits.isdigit() and len(digits) == 10:
            digits = "0" + digits
            recovered = True
    try:
        stdnum_pesel.validate(digits)
    except ValidationError as exc:
        reason = _PESEL_REASONS.get(type(exc).__name__, "błędna cyfra kontrolna lub data")
        shown = display(raw)
        raise CellProblem(INVALID_PESEL, value=shown, reason=reason) from None
    return digits, recovered


_PESEL_REASONS = {
    "InvalidLength": "PESEL ma 11 cyfr",
    "InvalidFormat": "PESEL składa się wyłącznie z cyfr",
    "InvalidChecksum": "błędna cyfra kontrolna",
    "InvalidComponent": "zapisana w nim data urodzenia nie istnieje",
}


__all__ = [
    "CellProblem",
    "display",
    "parse_date",
    "parse_email",
    "parse_id",
    "parse_integer",
    "parse_number",
    "parse_percent",
    "parse_pesel",
    "parse_phone",
    "parse_text",
    "parse_time",
]
