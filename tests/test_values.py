"""Cell parsers accept what office staff really type, and reject the rest with a code."""

from __future__ import annotations

import contextlib
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kis_xl.domain.pesel import make_pesel, pesel_birth_date, pesel_sex
from kis_xl.workbook import values
from kis_xl.workbook.values import CellProblem


@pytest.mark.parametrize(
    "raw",
    ["5.03.2025", "05.03.2025", "2025-03-05", "5-3-2025", "5/3/2025", "5.03.25",
     "5 marca 2025 r.", "5.03.2025 r.", "2025-03-05 00:00:00", 45721, 45721.0, "45721",
     date(2025, 3, 5), datetime(2025, 3, 5, 14, 30)],
)
def test_dates_in_every_common_spelling(raw: object) -> None:
    assert values.parse_date(raw) == date(2025, 3, 5)


@pytest.mark.parametrize("raw", [44259, 44259.0, "44259"])
def test_serials_of_the_1904_date_system(raw: object) -> None:
    assert values.parse_date(raw, date1904=True) == date(2025, 3, 5)
    assert values.parse_date(raw) == date(2025, 3, 5) - timedelta(days=1462)


@pytest.mark.parametrize("raw", ["31.02.2025", "wczoraj", "2025", 12, "1.13.2025", True])
def test_impossible_dates_are_problems(raw: object) -> None:
    with pytest.raises(CellProblem) as info:
        values.parse_date(raw)
    assert info.value.ftype.code == "invalid-date"


@pytest.mark.parametrize("raw", ["31.12.9999", "05.03.0025", "1.01.1909", "2100-01-01",
                                 date(9999, 12, 31), datetime(1900, 1, 1)])
def test_dates_outside_the_workbook_range_are_problems(raw: object) -> None:
    """Date arithmetic (end + N months) must never meet a year it cannot represent."""
    with pytest.raises(CellProblem) as info:
        values.parse_date(raw)
    assert info.value.ftype.code == "date-out-of-range"
    assert values.parse_date("1.01.1910") == values.FIRST_DATE
    assert values.parse_date("31.12.2099") == values.LAST_DATE


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("9:30", time(9, 30)), ("9.30", time(9, 30)), ("17", time(17)), (0.375, time(9)),
     (time(8, 15), time(8, 15)), ("godz. 10:00", time(10)), (timedelta(hours=13), time(13))],
)
def test_times(raw: object, expected: time) -> None:
    assert values.parse_time(raw) == expected


def test_bad_time() -> None:
    with pytest.raises(CellProblem) as info:
        values.parse_time("25:00")
    assert info.value.ftype.code == "invalid-time"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("3,5", 3.5), ("3.5", 3.5), (" 2 ", 2.0), ("1 234,50 zł", 1234.5), ("1.234,5", 1234.5),
     ("3,5 h", 3.5), ("4 godz.", 4.0), (7, 7.0)],
)
def test_numbers_with_decimal_comma(raw: object, expected: float) -> None:
    assert values.parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["nan", "inf", "-Infinity", "1e400", float("nan"),
                                 float("inf")])
def test_words_python_reads_as_floats_are_not_numbers(raw: object) -> None:
    """float("inf") would reach the hours plan and crash its rounding."""
    for parse in (values.parse_number, values.parse_integer, values.parse_percent):
        with pytest.raises(CellProblem):
            parse(raw)
    with pytest.raises(CellProblem) as info:
        values.parse_number(raw)
    assert info.value.ftype.code == "invalid-number"


def test_integer_rejects_fraction() -> None:
    with pytest.raises(CellProblem) as info:
        values.parse_integer("2,5")
    assert info.value.ftype.code == "invalid-integer"


@pytest.mark.parametrize(("raw", "expected"), [("80%", 0.8), (80, 0.8), (0.75, 0.75),
                                              ("0,9", 0.9)])
def test_percent(raw: object, expected: float) -> None:
    assert values.parse_percent(raw) == pytest.approx(expected)


def test_pesel_as_text_is_kept() -> None:
    pesel = make_pesel(date(2003, 4, 5), "K", 7)
    assert values.parse_pesel(pesel) == (pesel, False)
    assert pesel_birth_date(pesel) == date(2003, 4, 5)
    assert pesel_sex(pesel) == "K"


def test_pesel_typed_as_number_is_recovered() -> None:
    pesel = make_pesel(date(2000, 12, 1), "M", 3)
    assert pesel.startswith("00")
    assert values.parse_pesel(int(pesel)) == (pesel, True)
    assert values.parse_pesel(float(int(pesel))) == (pesel, True)


def test_pesel_with_bad_check_digit() -> None:
    pesel = make_pesel(date(1980, 1, 1), "K", 1)
    broken = pesel[:-1] + str((int(pesel[-1]) + 1) % 10)
    with pytest.raises(CellProblem) as info:
        values.parse_pesel(broken)
    assert info.value.params["reason"] == "błędna cyfra kontrolna"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(["K", "M"]), st.integers(0, 4999))
def test_make_pesel_round_trips(birth: date, sex: str, serial: int) -> None:
    pesel = make_pesel(birth, sex, serial)
    assert values.parse_pesel(pesel)[0] == pesel
    assert pesel_birth_date(pesel) == birth
    assert pesel_sex(pesel) == sex


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=True), st.booleans(),
                 st.dates(), st.datetimes(), st.times()))
def test_parsers_raise_only_cell_problems(raw: object) -> None:
    for parse in (values.parse_date, values.parse_time, values.parse_number,
                  values.parse_integer, values.parse_percent, values.parse_pesel,
                  values.parse_email):
        with contextlib.suppress(CellProblem):
            parse(raw)


def test_polish_plural_forms_and_numbers_come_from_cldr() -> None:
    from kis_xl.domain.text import number, plural

    forms = [f"{n} {plural(n, 'wiersz', 'wiersze', 'wierszy')}"
             for n in (0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 104, 112, 1000)]
    assert forms == ["0 wierszy", "1 wiersz", "2 wiersze", "4 wiersze", "5 wierszy",
                     "11 wierszy", "12 wierszy", "14 wierszy", "21 wierszy", "22 wiersze",
                     "104 wiersze", "112 wierszy", "1000 wierszy"]
    assert plural(3.5, "godzina", "godziny", "godzin") == "godziny"
    assert [number(v) for v in (3.5, 84, 1234.5, 2 / 3)] == ["3,5", "84", "1\xa0234,5", "0,67"]


def test_an_absurd_number_still_prints() -> None:
    """10^18 hours × 10^18 persons (found by the garbage-workbook fuzz) once crashed babel."""
    from kis_xl.domain.text import number

    assert number(1e36).replace("\xa0", "") == "1" + "0" * 36
    assert number(1.5e300).replace("\xa0", "").startswith("15")
