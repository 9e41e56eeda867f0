"""The write policy every sink obeys, exercised without any file (as the Excel sink will)."""

from __future__ import annotations

from datetime import datetime

import pytest

from kis_xl.plan.errors import WorkbookConflict
from kis_xl.plan.sheetspec import GENERATED_MARK
from kis_xl.plan.writeback import RowAppend, WritePlan
from kis_xl.sinks.write_policy import CheckedWrite, ExistingSheet, check_write
from tests.write_plans import CHECK, LOG, check_sheet

WHEN = datetime(2025, 3, 5, 9, 31, 12, 345)


def workbook(**sheets: str | None) -> dict[str, ExistingSheet]:
    """Sheets by name (any case) -> their A1 text."""
    return {name.casefold(): ExistingSheet(name, a1) for name, a1 in sheets.items()}


def check(plan: WritePlan, book: dict[str, ExistingSheet]) -> CheckedWrite:
    return check_write(plan, lambda name: book.get(name.casefold()), when=WHEN, user="anna")


def test_users_sheet_under_a_generated_name_is_refused_in_any_case() -> None:
    plan = WritePlan(command="kis-xl check", summary="", sheets=[check_sheet()])
    with pytest.raises(WorkbookConflict) as err:
        check(plan, workbook(**{CHECK.upper(): "Moje notatki"}))
    assert CHECK.upper() in err.value.message and "Nic nie zostało zmienione" in err.value.message
    with pytest.raises(WorkbookConflict):
        check(plan, workbook(**{LOG: None}))  # an empty A1 is not our mark either


def test_marked_sheets_are_replaced_and_the_log_is_extended() -> None:
    plan = WritePlan(command="kis-xl check", summary="Sprawdzono 3 uczestników.",
                     sheets=[check_sheet()],
                     appends=[RowAppend("Spotkania", 1, {1: "ID spotkania"}, [{1: "S9"}])])
    mark = f"{GENERATED_MARK} – nie wpisuj tu niczego"
    write = check(plan, workbook(**{CHECK: mark, LOG: mark}))
    assert write.replacing and write.log_exists
    assert write.sheet_names == [CHECK, LOG]
    earlier = [[datetime(2025, 3, 1), "jan", "kis-xl hours", "Utworzono od nowa arkusz."]]
    *_, log = write.generated_sheets(earlier, ["Status kwalifikacji"])
    (block,) = log.blocks
    assert block.rows[0] == earlier[0]
    when, user, command, what = block.rows[1]
    assert (when, user, command) == (WHEN.replace(microsecond=0), "anna", "kis-xl check")
    assert what.startswith("Sprawdzono 3 uczestników.")
    assert "„Spotkania” (1 wiersz)" in what and f"„{CHECK}”" in what
    assert "„Status kwalifikacji”" in what


def test_a_new_workbook_replaces_nothing_and_the_result_names_no_file() -> None:
    write = check(WritePlan(command="kis-xl hours", summary=""), workbook())
    assert not write.replacing and not write.log_exists
    result = write.result(workbook="Klub", location="https://example.org/Klub.xlsx", columns=[])
    assert (result.workbook, result.sheets, result.backup) == ("Klub", [LOG], None)


def test_a_plan_naming_a_sheet_twice_is_a_bug() -> None:
    plan = WritePlan(command="kis-xl check", summary="", sheets=[check_sheet(), check_sheet()])
    with pytest.raises(ValueError, match="duplicate"):
        check(plan, workbook())
