"""Volunteers: the written agreement for work longer than 30 days, the period's dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from kis_xl.domain.rules import evaluate
from kis_xl.domain.volunteers import volunteer_findings
from kis_xl.workbook.reader import read_workbook
from tests.builders import write_club

START = date(2025, 3, 1)


def volunteer(vid: str, **extra: Any) -> dict[str, Any]:
    return {"id": vid, "last_name": "Sobczak", "first_name": "Katarzyna",
            "scope": "zajęcia z języka angielskiego", "date_from": START, **extra}


def findings(tmp_path: Path, *rows: dict[str, Any]) -> list[tuple[str, int]]:
    path = write_club(tmp_path / "klub.xlsx",
                      participants=[{"id": "U001", "last_name": "Nowak", "first_name": "Jan",
                                     "category": "5", "start_date": START}],
                      volunteers=list(rows))
    return [(f.code, f.row or 0) for f in volunteer_findings(read_workbook(path))]


def test_agreement_missing_for_work_longer_than_30_days(tmp_path: Path) -> None:
    assert findings(
        tmp_path,
        volunteer("W01"),  # open-ended: longer than 30 days
        volunteer("W02", date_to=date(2025, 3, 31)),  # 31 days
        volunteer("W03", date_to=date(2025, 3, 30)),  # 30 days: no written form needed
        volunteer("W04", agreement_date=date(2025, 2, 25)),
    ) == [("volunteer-agreement-missing", 2), ("volunteer-agreement-missing", 3)]


def test_agreement_missing_message_names_the_act_and_the_column(tmp_path: Path) -> None:
    path = write_club(tmp_path / "klub.xlsx", volunteers=[volunteer("W01")])
    [f] = volunteer_findings(read_workbook(path))
    assert f.basis is not None and "24 kwietnia 2003" in f.basis and "art. 44" in f.basis
    assert "Data zawarcia porozumienia" in f.message and "W01 (Katarzyna Sobczak)" in f.message
    assert (f.sheet, f.column) == ("Wolontariusze", "Data zawarcia porozumienia")


def test_end_before_start_is_an_error(tmp_path: Path) -> None:
    assert findings(tmp_path, volunteer("W01", date_to=date(2025, 2, 1))) == [
        ("volunteer-period-invalid", 2)]
    assert findings(tmp_path, volunteer("W01", date_to=START,
                                        agreement_date=START)) == []


def test_check_reports_volunteer_findings_and_statuses_stay(tmp_path: Path) -> None:
    base = write_club(tmp_path / "a.xlsx",
                      participants=[{"id": "U001", "last_name": "Nowak", "first_name": "Jan",
                                     "category": "5", "start_date": START}])
    with_volunteer = write_club(tmp_path / "b.xlsx",
                                participants=[{"id": "U001", "last_name": "Nowak",
                                               "first_name": "Jan", "category": "5",
                                               "start_date": START}],
                                volunteers=[volunteer("W01")])
    a = evaluate(read_workbook(base), today=date(2025, 4, 1))
    b = evaluate(read_workbook(with_volunteer), today=date(2025, 4, 1))
    assert "volunteer-agreement-missing" in {f.code for f in b.findings}
    assert "volunteer-agreement-missing" not in {f.code for f in a.findings}
    assert [s.to_dict() for s in a.statuses] == [s.to_dict() for s in b.statuses]


# ------------------------------------------------------------ backdated papers, minors (issue 17)


def test_agreement_signed_more_than_30_days_after_the_work_began_is_a_warning(
        tmp_path: Path) -> None:
    """Demo W03: work since 31.08, agreement 07.12 – three months without the written form."""
    assert findings(
        tmp_path,
        volunteer("W01", date_from=date(2025, 8, 31), agreement_date=date(2025, 12, 7)),
        volunteer("W02", agreement_date=date(2025, 3, 31)),  # 30 days after: tolerated
        volunteer("W03", agreement_date=date(2025, 2, 20)),
    ) == [("volunteer-agreement-late", 2)]
    path = write_club(tmp_path / "k.xlsx", volunteers=[
        volunteer("W01", date_from=date(2025, 8, 31), agreement_date=date(2025, 12, 7))])
    [f] = volunteer_findings(read_workbook(path))
    assert "31.08.2025" in f.message and "07.12.2025" in f.message and "98 dni" in f.message
    assert f.basis is not None and "ust. 1 i 4" in f.basis


def test_work_with_minors_needs_a_register_check_before_it_starts(tmp_path: Path) -> None:
    kids = {"works_with_minors": "tak", "agreement_date": date(2025, 2, 20)}
    assert findings(
        tmp_path,
        volunteer("W01", **kids),
        volunteer("W02", **kids, register_check_date=date(2025, 2, 21)),
        volunteer("W03", **kids, register_check_date=date(2025, 2, 21),
                  register_check_result="brak w Rejestrze"),
        volunteer("W04", **kids, register_check_date=date(2025, 3, 5),
                  register_check_result="brak w Rejestrze"),
        volunteer("W05", **kids, register_check_date=date(2025, 2, 21),
                  register_check_result="figuruje w Rejestrze"),
        volunteer("W06", agreement_date=date(2025, 2, 20), works_with_minors="nie"),
    ) == [("volunteer-register-check-missing", 2), ("volunteer-register-check-missing", 3),
          ("volunteer-register-check-late", 5), ("volunteer-in-register", 6)]
    path = write_club(tmp_path / "k.xlsx", volunteers=[volunteer("W01", **kids)])
    [f] = evaluate(read_workbook(path), today=date(2025, 9, 1)).findings[-1:]
    assert (f.code, f.severity.value, f.column) == (
        "volunteer-register-check-missing", "error", "Data sprawdzenia w Rejestrze")
    assert f.basis is not None and "art. 21 ust. 1" in f.basis and "13 maja 2016" in f.basis
