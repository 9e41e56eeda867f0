"""Building valid PESEL numbers (for the demo club and for tests).

Validation itself is python-stdnum's job; this is the inverse, which stdnum
does not offer: encode a birth date and sex into a number with a correct
check digit.
"""

from __future__ import annotations

from datetime import date

_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
_CENTURY_OFFSET = {18: 80, 19: 0, 20: 20, 21: 40, 22: 60}


def make_pesel(birth: date, sex: str, serial: int = 0) -> str:
    """PESEL for ``birth`` and ``sex`` ('K'/'M'); ``serial`` (0-499) varies the number."""
    month = birth.month + _CENTURY_OFFSET[birth.year // 100]
    sex_digit = (serial % 5) * 2 + (1 if sex.upper() == "M" else 0)
    body = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial // 5 % 1000:03d}{sex_digit}"
    check = (10 - sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 10) % 10
    return body + str(check)
