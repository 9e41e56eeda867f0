"""PESEL numbers: the birth date and sex written in one, and building valid ones.

Validation itself is python-stdnum's job (``kis_xl.workbook.values.parse_pesel`` reports a
bad number as a cell problem); reading the date and sex of a valid number is the rules' and
the documents' business; building one is the inverse, which stdnum does not offer: encode a
birth date and sex into a number with a correct check digit (the demo club, samples, tests).
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


def pesel_birth_date(pesel: str) -> date:
    from stdnum.pl import pesel as stdnum_pesel

    result: date = stdnum_pesel.get_birth_date(pesel)
    return result


def pesel_sex(pesel: str) -> str:
    """'K' or 'M', as in the workbook's sex column."""
    from stdnum.pl import pesel as stdnum_pesel

    return "K" if stdnum_pesel.get_gender(pesel) == "F" else "M"
