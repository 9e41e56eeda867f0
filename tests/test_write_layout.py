"""The pure layout of generated sheets (shared by the file sink and the future Excel sink)."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kis_xl.plan.sheetspec import GENERATED_MARK, Block, Chart, Col, GeneratedSheet
from kis_xl.sinks.xlsx import layout
from kis_xl.sinks.xlsx.refs import (
    column_letter,
    column_number,
    location,
    parse_cell,
    parse_range,
    range_ref,
)


def block(n_rows: int, n_cols: int = 2, note: str | None = None) -> Block:
    return Block(
        f"Blok {n_rows}",
        [Col(f"K{i}", width=10 + i) for i in range(n_cols)],
        [[r, r * 2][:n_cols] + [None] * max(0, n_cols - 2) for r in range(n_rows)],
        note=note,
    )


def sheet(*blocks: Block, charts: list[Chart] | None = None, subtitle: str | None = None):
    return GeneratedSheet("check_results", "Wynik", "Tytuł", list(blocks), subtitle=subtitle,
                          charts=charts or [])


def test_rows_of_a_sheet_top_to_bottom() -> None:
    where = layout.layout(sheet(block(3), block(0, note="Jak liczono"), subtitle="Podtytuł"))
    assert (where.mark_row, where.title_row, where.subtitle_row) == (1, 2, 3)
    first, second = where.blocks
    assert (first.title_row, first.note_row, first.header_row) == (5, None, 6)
    assert (first.first_row, first.last_row) == (7, 9)
    assert first.cell(2, 1) == (9, 2)
    assert (second.title_row, second.note_row, second.header_row) == (11, 12, 13)
    assert second.empty and second.first_row == 14 and second.last_row == 13


def test_without_subtitle_the_first_block_moves_up() -> None:
    where = layout.layout(sheet(block(1)))
    assert where.subtitle_row is None and where.blocks[0].title_row == 4


def test_charts_sit_below_their_block_in_column_a_and_push_the_next_block_down() -> None:
    charts = [
        Chart("column", "A", 0, 0, (1,)),
        Chart("line", "B", 0, 0, (1,), skip_last_row=True),
        Chart("bar", "C", 1, 0, (2,)),
        Chart("bar", "pusty", 2, 0, (1,)),
    ]
    where = layout.layout(sheet(block(4), block(30, 4), block(0), charts=charts))
    a, b, c = where.charts
    first, second, third = where.blocks
    # Beside the tables, charts made the printed page so wide the tables shrank to 5 pt.
    assert a.anchor_col == b.anchor_col == c.anchor_col == 1
    assert a.anchor_row == first.last_row + 2
    assert b.anchor_row == a.anchor_row + a.rows == a.anchor_row + layout.CHART_ROWS
    assert second.title_row == b.anchor_row + b.rows
    assert c.anchor_row == second.last_row + 2 and third.title_row == c.anchor_row + c.rows
    assert c.height_cm > layout.CHART_HEIGHT_CM and c.rows > layout.CHART_ROWS, (
        "30 bars need a taller chart")
    assert b.last_row == first.last_row - 1
    assert c.value_cols == (3,) and c.category_col == 1
    assert [ch.spec.title for ch in where.charts] == ["A", "B", "C"], "empty block: no chart"


def test_print_fits_the_fewest_pages_wide_that_keep_the_text_readable() -> None:
    narrow = layout.layout(sheet(Block("B", [Col("K", 20)] * 8, [])))
    assert narrow.pages_wide == 1 and narrow.print_title_cols is None
    wide = layout.layout(sheet(Block("B", [Col("K", 20)] * 12, [])))
    assert wide.pages_wide == 2 and wide.print_title_cols == "A:A"
    # Fitted to landscape A4, an 11 pt font shrinks to no less than 8 pt.
    for where in (narrow, wide):
        per_page = layout.width_pt(where.widths) / where.pages_wide
        assert 11 * min(1.0, layout.PRINT_WIDTH_PT / per_page) >= layout.MIN_PRINT_PT
        fewer = layout.width_pt(where.widths) / max(1, where.pages_wide - 1)
        assert where.pages_wide == 1 or 11 * layout.PRINT_WIDTH_PT / fewer < 8


def test_number_columns_are_known_so_their_headers_sit_over_the_numbers() -> None:
    b = Block("B", [Col("Nazwa", 20), Col("Liczba", 10), Col("Godziny", 10, "0.0"),
                    Col("Mieszane", 10), Col("Pusta", 10, "0")],
              [["a", 1, None, 2, None], ["Razem", 3, 1.5, "x", None]])
    assert layout.layout(sheet(b)).blocks[0].numeric_cols == frozenset({1, 2, 4})


def test_chart_referring_to_a_missing_block_or_column_is_a_bug() -> None:
    with pytest.raises(ValueError, match="missing block"):
        layout.layout(sheet(block(2), charts=[Chart("bar", "x", 1, 0, (1,))]))
    with pytest.raises(ValueError, match="outside block"):
        layout.layout(sheet(block(2), charts=[Chart("bar", "x", 0, 0, (2,))]))


def test_column_widths_take_the_widest_block() -> None:
    where = layout.layout(sheet(block(1, 2), block(1, 4)))
    assert where.widths == {1: 10, 2: 11, 3: 12, 4: 13}


def test_marker_text() -> None:
    text = layout.marker_text("kis-xl hours", datetime(2025, 3, 5, 8, 7))
    assert text.startswith(GENERATED_MARK)
    assert "kis-xl hours" in text and "05.03.2025 08:07" in text
    assert "zastępowany przy każdym uruchomieniu" in text
    kept = layout.marker_text("kis-xl hours", datetime(2025, 3, 5, 8, 7), kept=True)
    assert kept.startswith(GENERATED_MARK) and "zastępowany" not in kept
    assert "dopisuje tu wiersz" in kept


blocks_strategy = st.lists(
    st.builds(
        block,
        st.integers(0, 40),
        st.integers(1, 6),
        st.one_of(st.none(), st.just("notatka")),
    ),
    min_size=1, max_size=6,
)


@given(blocks_strategy, st.data())
def test_blocks_and_charts_never_overlap(blocks: list[Block], data: st.DataObject) -> None:
    charts = [
        Chart("column", f"w{i}", b, 0, (0,))
        for i, b in enumerate(data.draw(st.lists(st.integers(0, len(blocks) - 1), max_size=5)))
    ]
    where = layout.layout(sheet(*blocks, charts=charts))
    used: list[int] = []
    for placed in where.blocks:
        rows = list(range(placed.title_row, max(placed.last_row, placed.first_row) + 1))
        assert not set(rows) & set(used)
        assert min(rows) > max(used, default=where.title_row)
        used += rows
    charts_rows = [set(range(c.anchor_row, c.anchor_row + c.rows)) for c in where.charts]
    for i, rows in enumerate(charts_rows):
        assert not rows & set(used), "a chart never covers a block"
        assert all(not rows & other for other in charts_rows[i + 1:])
    assert all(c.anchor_col == 1 for c in where.charts)


@given(st.integers(1, 16384))
def test_column_letters_round_trip(n: int) -> None:
    assert column_number(column_letter(n)) == n


def test_references() -> None:
    assert column_letter(1) == "A" and column_letter(27) == "AA" and column_letter(16384) == "XFD"
    assert parse_cell("$B$7") == (7, 2)
    assert parse_range("C9:A1") == (1, 1, 9, 3)
    assert parse_range("D4") == (4, 4, 4, 4)
    assert range_ref(1, 1, 1, 1) == "A1" and range_ref(1, 1, 9, 3) == "A1:C9"
    assert location("Klub O'Brien", "D5") == "'Klub O''Brien'!D5"
    with pytest.raises(ValueError):
        parse_cell("Uczestnicy")


def test_text_lines_wrap_at_spaces_and_break_long_words() -> None:
    per_line = int(10 * layout.CHARS_PER_WIDTH)
    assert layout.text_lines("krótko", 10) == 1
    assert layout.text_lines("a " * per_line, 10) == 2
    assert layout.text_lines("x" * (2 * per_line + 1), 10) == 3
    assert layout.text_lines("pierwsza\ndruga", 40) == 2


def test_wrapped_cells_and_long_headers_make_rows_taller() -> None:
    long = "słowo " * 40
    b = Block("Ustalenia", [Col("Kod", 8), Col("Opis", 20, wrap=True),
                            Col("Uwagi bez zawijania", 10)],
              [["x", long, long], ["y", "krótko", long]])
    where = layout.layout(sheet(b))
    placed = where.blocks[0]
    assert where.row_lines[placed.header_row] == layout.text_lines("Uwagi bez zawijania", 10) > 1
    assert where.row_lines[placed.first_row] == layout.text_lines(long, 20) > 1
    assert placed.first_row + 1 not in where.row_lines, "only Col.wrap cells grow a data row"


def test_bold_headers_and_notes_get_the_lines_they_print_on() -> None:
    note = "Każdy uczestnik liczony raz, według kategorii głównej. " * 3
    b = Block("B", [Col("Kategoria", 20), Col("Jako dodatkowa (poza sumą)", 13)], [["a", 1]],
              note=note)
    where = layout.layout(sheet(b))
    placed = where.blocks[0]
    assert where.row_lines[placed.header_row] == 3, "bold text wraps sooner than plain"
    assert where.row_lines[placed.note_row] == layout.text_lines(note, 33) > 1, (
        "the note wraps within the table, not past its right edge")
