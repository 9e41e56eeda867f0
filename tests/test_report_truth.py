"""What the report states is true: who counts, staff as the act asks, and the publication
version in which small counts are hidden and no hidden count can be worked out.

The solver here is written apart from ``kis_xl.report.publication``: it reads the
published .xlsx (or table), writes down every linear equality a reader can see
(each column of the categories table adds up to its "Razem" cell), puts the
system in reduced row echelon form over the rationals and reports each hidden
cell that the equalities pin down. It must find none.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kis_xl.actions.report import report_action
from kis_xl.report.publication import HIDDEN, PublishedTable, suppress
from kis_xl.workbook.reader import read_workbook
from tests.test_report import TODAY, YEAR, small_club

Equation = tuple[dict[Any, int], int]
"""(unknown -> coefficient, constant): Σ coefficient·unknown = constant."""


def column_equations(rows: list[list[Any]], columns: range, key: Any) -> list[Equation]:
    """Rows above the last add up to the last row, column by column; "x" is unknown."""
    out: list[Equation] = []
    for ci in columns:
        unknowns: dict[Any, int] = {}
        constant = 0
        for ri, row in enumerate(rows):
            sign = -1 if ri == len(rows) - 1 else 1
            if row[ci] == HIDDEN:
                unknowns[(key, ri, ci)] = sign
            else:
                constant -= sign * int(row[ci])
        out.append((unknowns, constant))
    return out


def derivable(equations: list[Equation]) -> set[Any]:
    """Unknowns fixed by the equations (a row of the RREF with a single non-zero)."""
    names = sorted({u for eq, _ in equations for u in eq}, key=str)
    index = {u: i for i, u in enumerate(names)}
    matrix = []
    for eq, constant in equations:
        row = [Fraction(0)] * (len(names) + 1)
        for u, c in eq.items():
            row[index[u]] = Fraction(c)
        row[-1] = Fraction(constant)
        matrix.append(row)
    pivot_row = 0
    for col in range(len(names)):
        pivot = next((r for r in range(pivot_row, len(matrix)) if matrix[r][col] != 0), None)
        if pivot is None:
            continue
        matrix[pivot_row], matrix[pivot] = matrix[pivot], matrix[pivot_row]
        lead = matrix[pivot_row][col]
        matrix[pivot_row] = [v / lead for v in matrix[pivot_row]]
        for r in range(len(matrix)):
            if r != pivot_row and matrix[r][col] != 0:
                factor = matrix[r][col]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[pivot_row],
                                                            strict=True)]
        pivot_row += 1
    found = set()
    for row in matrix:
        nonzero = [i for i, v in enumerate(row[:-1]) if v != 0]
        if len(nonzero) == 1:
            found.add(names[nonzero[0]])
    return found


def test_the_solver_finds_a_cell_hidden_alone() -> None:
    """The solver is not blind: one hidden cell in a column with its total is found."""
    rows = [["a", 5, 1], ["b", HIDDEN, HIDDEN], ["Razem", 7, HIDDEN]]
    assert derivable(column_equations(rows, range(1, 3), "t")) == {("t", 1, 1)}


def _blocks(path: Path) -> dict[str, list[list[Any]]]:
    """Header text of each table's first column -> its rows (header row excluded)."""
    from openpyxl import load_workbook

    ws = load_workbook(path).active
    assert ws is not None
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    out: dict[str, list[list[Any]]] = {}
    for i, row in enumerate(grid):
        if row[0] in ("Kategoria", "Zajęcia", "Rodzaj rezultatu"):
            body = []
            for nxt in grid[i + 1:]:
                if nxt[0] is None or (nxt[1] is None and nxt[0] != "Razem"):
                    break
                body.append(nxt)
            out[row[0]] = body
    return out


def test_publication_version_hides_small_counts_and_nothing_can_be_solved(
        tmp_path: Path) -> None:
    club = read_workbook(small_club(tmp_path / "k.xlsx"))
    result = report_action(club, year=YEAR, today=TODAY, out_dir=tmp_path / "out",
                           pseudonymised=False, publication=True)
    files = [Path(f) for f in result.payload["files"]]
    [public] = [f for f in files if f.name.endswith("wersja do publikacji.xlsx")]
    tables = _blocks(public)
    cats = tables["Kategoria"]
    width = len(cats[0])
    assert cats[-1][0].startswith("Razem")
    values = [v for row in cats for v in row[1:]]
    assert HIDDEN in values and not [v for v in values if v in (1, 2)]  # 2, 2, 1 people
    assert cats[-1][1] == 5  # the total of 5 people says nothing about the hidden three
    equations = column_equations(cats, range(1, width), "kategorie")
    assert derivable(equations) == set()
    effects = tables["Rodzaj rezultatu"]
    assert effects and all(row[1] == HIDDEN for row in effects if row[2] == HIDDEN)
    assert not [row for row in tables["Zajęcia"] if row[4] in (1, 2)]
    # the true report beside it keeps every number
    from openpyxl import load_workbook

    [data] = [f for f in files if f.name.endswith("dane.xlsx")]
    kept = {r[0]: r[1] for r in load_workbook(data)["Dane"].iter_rows(values_only=True)}
    assert kept["uczestnicy.5.uczestnicy"] == 2 and kept["uczestnicy.K1.uczestnicy"] == 1


def test_no_publication_version_unless_asked(tmp_path: Path) -> None:
    club = read_workbook(small_club(tmp_path / "k.xlsx"))
    result = report_action(club, year=YEAR, today=TODAY, out_dir=tmp_path / "out",
                           pseudonymised=False)
    assert not [f for f in result.payload["files"] if "publikacji" in f]
    on = read_workbook(small_club(tmp_path / "on.xlsx", report_publication="tak"))
    result = report_action(on, year=YEAR, today=TODAY, out_dir=tmp_path / "on",
                           pseudonymised=False)
    assert [f for f in result.payload["files"] if "publikacji" in f]


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 7).flatmap(lambda n: st.lists(
    st.lists(st.integers(0, 6), min_size=4, max_size=4), min_size=n, max_size=n)))
def test_no_hidden_cell_is_ever_derivable(matrix: list[list[int]]) -> None:
    """Any categories table: after suppression no column equality pins a hidden cell, and
    no count of 1 or 2 people is shown."""
    rows: list[list[Any]] = [[f"k{i}", *r] for i, r in enumerate(matrix)]
    rows.append(["Razem", *(sum(col) for col in zip(*matrix, strict=True))])
    table = PublishedTable("t", ["k", "a", "b", "c", "d"], rows, people={1, 2, 3, 4},
                           column_totals=True)
    hidden = suppress([table])
    shown = [list(r) for r in rows]
    for _, ri, ci in hidden:
        shown[ri][ci] = HIDDEN
    assert not [v for r in shown for v in r[1:] if v in (1, 2)]
    assert derivable(column_equations(shown, range(1, 5), "t")) == set()


# ----------------------------------------------------------------------------- staff


def test_staff_counts_each_person_once_and_weights_fte_by_months(tmp_path: Path) -> None:
    """Art. 18a ust. 6 pkt 1: one person with two contract rows counts once; FTE only for
    employees, weighted by the part of the year worked; a volunteer and civil-law
    contractors are not employees."""
    from datetime import date

    from kis_xl.report.staff import CIVIL, EMPLOYEES, VOLUNTEERS
    from kis_xl.report.totals import compute_report

    staff = [
        {"name": "Anna Nowak", "role": "koordynator", "fte": 1.0, "basis": "umowa o pracę",
         "date_to": date(2025, 6, 30)},
        {"name": "anna nowak", "role": "koordynator", "fte": 0.5, "basis": "umowa o pracę",
         "date_from": date(2025, 7, 1)},  # the same person, a second contract
        {"name": "Ewa Lis", "role": "psycholog", "fte": 0.25, "basis": "umowa zlecenia"},
        {"name": "Ewa Lis", "role": "psycholog", "fte": 0.25, "basis": "umowa zlecenia",
         "date_from": date(2025, 9, 1)},
        {"name": "Jan Dobry", "role": "animator", "fte": 0.0,
         "basis": "porozumienie wolontariackie"},
        {"name": "Piotr Mały", "role": "trener", "fte": 1.0, "basis": "umowa o pracę",
         "date_from": date(2025, 10, 1)},  # a quarter of the year
    ]
    from tests.builders import write_club

    club = read_workbook(write_club(tmp_path / "s.xlsx", staff=staff,
                                    settings={"operator_regon": "250401231"}))
    t = compute_report(club, year=YEAR, today=TODAY)
    st_ = t.staff
    assert (st_.people, st_.employees) == (4, 2)
    groups = {g.group: (g.people, g.fte) for g in st_.by_group}
    # Anna: 1.0 × 181/365 + 0.5 × 184/365 = 0.748; Piotr: 1.0 × 92/365 = 0.252
    assert groups[EMPLOYEES] == (2, 1.0)
    assert groups[CIVIL] == (1, None) and groups[VOLUNTEERS] == (1, None)
    roles = {(r.role, r.group): (r.people, r.fte) for r in st_.by_role}
    assert roles[("koordynator", EMPLOYEES)] == (1, 0.75)
    assert roles[("psycholog", CIVIL)] == (1, None)


# ----------------------------------------------------------------------------- who counts


def test_incomplete_documentation_is_counted_apart_with_a_finding(tmp_path: Path) -> None:
    """U005 took part without a social contract ("braki w dokumentacji"): not in a category,
    counted apart, a finding on his row; his attendance is not in the hours."""
    from kis_xl.domain.model import Attendance
    from kis_xl.report.totals import compute_report
    from tests.test_report import ALCOHOL

    club = read_workbook(small_club(tmp_path / "k.xlsx"))
    u005 = next(p for p in club.participants if p.id == "U005")
    u005.contract_date = None
    club.attendance.append(Attendance(row=99, meeting="S3", participant="U005",
                                      status="obecny"))
    t = compute_report(club, year=YEAR, today=TODAY)
    assert (t.participants.participants, t.scope.incomplete, t.scope.rejected) == (4, 1, 1)
    assert {c.category: c.participants for c in t.categories}[ALCOHOL] == 1  # U003 only
    found = {(f.code, f.participant): f for f in t.findings}
    f = found[("report-documentation-incomplete", "U005")]
    assert (f.sheet_key, f.row) == ("participants", u005.row)
    assert "przed wysłaniem" in f.message
    left = found[("attendance-not-admitted", "U005")]
    assert (left.sheet_key, left.row) == ("attendance", 99) and "(1 h)" in left.message
    assert (t.participant_hours, t.delivered_hours) == (8.0, 5.0)  # his 1 h is left out


def test_dane_says_when_and_which_register_entry_and_sums_skip_text(tmp_path: Path) -> None:
    """The supervisor's summary needs the time a report was made and the club's register
    number and date; a KRS or register number that looks numeric is never summed."""
    from datetime import datetime

    from kis_xl.report.summary import read_report, summarise

    folder = tmp_path / "zbior"
    folder.mkdir()
    for n, regon in ((1, "250401231"), (2, "471012343")):
        club = read_workbook(small_club(
            tmp_path / f"k{n}.xlsx", club_name=f"KIS {n}", operator_krs="0000123456",
            operator_regon=regon,
            kis_register_number=f"{n}0", kis_register_date=datetime(2024, 3, n)))
        result = report_action(club, year=YEAR, today=TODAY, out_dir=tmp_path / f"o{n}",
                               pseudonymised=False)
        [dane] = [Path(f) for f in result.payload["files"] if f.endswith("dane.xlsx")]
        (folder / f"k{n}.xlsx").write_bytes(dane.read_bytes())
    one = read_report(folder / "k1.xlsx")
    made = datetime.strptime(one["utworzono"], "%Y-%m-%d %H:%M:%S")
    assert abs((datetime.now() - made).total_seconds()) < 600
    assert (one["nr_rejestru"], one["data_wpisu"], one["krs"]) == ("10", "2024-03-01",
                                                                    "0000123456")
    totals = summarise(folder).totals()
    assert "krs" not in totals.columns and "nr_rejestru" not in totals.columns
    assert totals.at[YEAR, "uczestnicy.razem.uczestnicy"] == 10
