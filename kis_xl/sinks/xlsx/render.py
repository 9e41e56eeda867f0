"""Render generated sheets with openpyxl into a scratch workbook (never the user's file).

The scratch workbook exists only to let openpyxl produce correct SpreadsheetML
for cells, styles, hyperlinks and native charts; ``transplant`` then moves its
sheets into the user's package. openpyxl is imported here, lazily, so that
importing the file sink stays cheap for a ribbon click.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from operator import itemgetter
from typing import Any, Protocol

from kis_xl.plan.sheetspec import DATE_FORMAT, Choice, Formula, GeneratedSheet, Mark
from kis_xl.sinks.xlsx import layout as lay
from kis_xl.sinks.xlsx.refs import cell_ref, column_letter, location
from kis_xl.sinks.xlsx.safe_text import MAX_TEXT, clean_text, put


def import_openpyxl() -> None:
    """Import openpyxl without numpy, unless something imported numpy already.

    openpyxl imports numpy whenever it is installed (pandas brings it) only to accept numpy
    scalars as cell values; the generated sheets hold Python values, and numpy would cost a
    write-back 0.1-0.4 s. Code writing pandas results converts them to Python values first
    (``report.summary``), so it works whichever imported openpyxl first.
    """
    import sys

    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes `import numpy` fail
    try:
        import openpyxl  # noqa: F401
    finally:
        if "numpy" in sys.modules and sys.modules["numpy"] is None:
            del sys.modules["numpy"]


@dataclass(frozen=True, slots=True)
class BaseFont:
    """The user's default font (font 0 of their styles), so result sheets match their workbook."""

    name: str = "Calibri"
    size: float = 11.0


def render(
    sheets: list[GeneratedSheet], *, command: str, when: datetime, font: BaseFont,
    direct: bool = True,
) -> bytes:
    """An .xlsx (bytes) holding exactly ``sheets``, in order.

    With ``direct`` (the default) the data cells of the tables, nearly all the cells of a
    big club's result sheet, do not become openpyxl cells: ``direct_cells`` writes their
    XML as openpyxl would and splices it into the sheets openpyxl saved (titles, headers,
    styles, merges, widths, charts). ``direct=False`` is the plain openpyxl path, kept as
    the reference the tests compare the direct one with.
    """
    data, spliced = render_parts(sheets, command=command, when=when, font=font, direct=direct)
    if not spliced:
        return data
    return splice_package(data, spliced)


def render_parts(
    sheets: list[GeneratedSheet], *, command: str, when: datetime, font: BaseFont,
    direct: bool = True,
) -> tuple[bytes, dict[str, DirectCells]]:
    """openpyxl's .xlsx of ``sheets`` and, by sheet part, the direct cells not yet in it.

    ``render`` splices them in; the file sink hands them to ``transplant_sheets``, which
    splices them while it re-indexes the styles (a big sheet's text is then gone through
    once, and the scratch package is not written twice).
    """
    import_openpyxl()
    from openpyxl import Workbook  # lazy: keeps `import file_sink` cheap

    wb = Workbook()
    wb.remove(wb.active)
    look = _Look(font)
    spliced: dict[str, DirectCells] = {}
    for index, spec in enumerate(sheets, start=1):
        if len(spec.name) > 31 or set(spec.name) & set("[]:*?/\\"):
            raise ValueError(f"Excel refuses the sheet name {spec.name!r}")
        ws = wb.create_sheet(spec.name)
        marker = lay.marker_text(command, when, kept=spec.kept, entry=spec.entry)
        cells = DirectCells(ws, look) if direct else None
        _render_sheet(ws, spec, lay.layout(spec), look, marker, cells=cells)
        if cells is not None and cells.any():
            cells.fix_dimension()
            spliced[f"xl/worksheets/sheet{index}.xml"] = cells
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), spliced


class _Look:
    """openpyxl style objects built once per render from the shared palette in ``layout``."""

    def __init__(self, base: BaseFont) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        def font(**kw: Any) -> Any:
            kw.setdefault("size", base.size)
            return Font(name=base.name, **kw)

        def fill(rgb: str) -> Any:
            return PatternFill("solid", start_color="FF" + rgb, end_color="FF" + rgb)

        thin = Side(style="thin", color="FFBFBFBF")
        self.marker = font(italic=True, color="FF" + lay.MUTED_COLOR)
        self.title = font(bold=True, size=base.size + lay.TITLE_SIZE_STEP)
        self.subtitle = font(italic=True)
        self.block_title = font(bold=True, size=base.size + lay.BLOCK_TITLE_SIZE_STEP)
        self.note = font(italic=True, color="FF" + lay.MUTED_COLOR)
        self.header = font(bold=True)
        self.header_fill = fill(lay.HEADER_FILL)
        self.header_border = Border(bottom=thin)
        self.header_align = Alignment(wrap_text=True, vertical="center")
        self.header_align_number = Alignment(wrap_text=True, vertical="center",
                                             horizontal="right")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")
        self.size = base.size
        self.link = font(color="FF" + lay.LINK_COLOR, underline="single")
        self.muted = font(color="FF" + lay.MUTED_COLOR)
        self.total = font(bold=True)
        self.total_border = Border(top=thin)
        self.fills = {mark: fill(rgb) for mark, rgb in lay.MARK_FILLS.items()}
        self._data_styles: dict[tuple[Any, ...], Any] = {}

    def style_data_cell(self, cell: Any, fmt: str | None, align: str | None,
                        mark: Mark | None, *, link: bool) -> None:
        """Number format, alignment, mark and link font of one data cell.

        openpyxl hashes every font, fill and border it is handed to find its index
        (1.5 s for the 55,000 cells of a 2,000-participant check). Data cells have a
        handful of looks: the first cell of each look registers it, the others copy
        that cell's style indexes (``_style``, as openpyxl's own sheet copy does).
        """
        from copy import copy

        key = (fmt, align, mark, link)
        known = self._data_styles.get(key)
        if known is not None:
            cell._style = copy(known)
            return
        if fmt:
            cell.number_format = fmt
        if align is not None:
            cell.alignment = self.wrap if align == "wrap" else self.top
        _mark(cell, mark, self)
        if link:
            cell.font = self.link
        self._data_styles[key] = copy(cell._style)


def _render_sheet(ws: Any, spec: GeneratedSheet, where: lay.SheetLayout, look: _Look,
                  marker: str, *, cells: DirectCells | None = None) -> None:
    ws.sheet_properties.tabColor = "FF" + lay.TAB_COLOR
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = lay.PAPER_A4
    ws.page_setup.fitToWidth = where.pages_wide
    ws.page_setup.fitToHeight = 1 if spec.entry else 0  # a register: the month on one page
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if where.print_title_cols:  # several pages wide: the labels' column on each
        ws.print_title_cols = where.print_title_cols
    _put(ws, where.mark_row, 1, marker).font = look.marker
    _put(ws, where.title_row, 1, spec.title).font = look.title
    if where.subtitle_row is not None:
        _put(ws, where.subtitle_row, 1, spec.subtitle).font = look.subtitle
    for block, placed in zip(spec.blocks, where.blocks, strict=True):
        _render_block(ws, block, placed, look, where.row_lines, cells=cells)
    for col, width in where.widths.items():
        ws.column_dimensions[column_letter(col)].width = width
    for block, placed in zip(spec.blocks, where.blocks, strict=True):
        for i, column in enumerate(block.columns):
            if column.hidden:
                ws.column_dimensions[column_letter(placed.first_col + i)].hidden = True
    for choice in spec.choices:
        _dropdown(ws, choice, where.blocks[choice.block])
    line = lay.LINE_HEIGHT_PT * look.size / 11.0
    for row, lines in where.row_lines.items():
        if cells is not None:  # openpyxl's row dimensions cost more than the cells
            cells.heights[row] = round(lines * line, 1)
        else:
            ws.row_dimensions[row].height = round(lines * line, 1)
    for chart in where.charts:
        ws.add_chart(_chart(ws, chart), cell_ref(chart.anchor_row, chart.anchor_col))


def _render_block(ws: Any, block: Any, placed: lay.BlockLayout, look: _Look,
                  row_lines: dict[int, int], *, cells: DirectCells | None = None
                  ) -> None:
    from openpyxl.worksheet.hyperlink import Hyperlink

    _put(ws, placed.title_row, 1, block.title).font = look.block_title
    if placed.note_row is not None:
        note = _put(ws, placed.note_row, 1, block.note)
        note.font, note.alignment = look.note, look.wrap
        if placed.last_col > placed.first_col:  # wrapped across the table, not beyond it
            ws.merge_cells(start_row=placed.note_row, start_column=placed.first_col,
                           end_row=placed.note_row, end_column=placed.last_col)
    for i, col in enumerate(block.columns):
        cell = _put(ws, placed.header_row, placed.first_col + i, col.header)
        cell.font, cell.fill = look.header, look.header_fill
        cell.border = look.header_border
        cell.alignment = (look.header_align_number if i in placed.numeric_cols
                          else look.header_align)
    if placed.empty:
        _put(ws, placed.first_row, placed.first_col, lay.EMPTY_BLOCK_TEXT).font = look.muted
        return
    marks: list[Mark | None] = list(block.marks or [])
    links = block.links
    columns = [(ci, col.number_format, col.wrap) for ci, col in enumerate(block.columns)]
    for ri, values in enumerate(block.rows):
        mark = marks[ri] if ri < len(marks) else None
        n = len(values)
        for ci, number_format, wrap in columns:
            row, column = placed.cell(ri, ci)
            value = values[ci] if ci < n else None
            if isinstance(value, Formula):
                cell = ws.cell(row=row, column=column, value=value.at(row, placed.first_row))
                look.style_data_cell(cell, number_format, None, mark, link=False)
                continue
            fmt = number_format or (None if type(value) is str else _default_format(value))
            # next to a wrapped cell: read from the top
            align = "wrap" if wrap else "top" if row in row_lines else None
            link = links.get((ri, ci)) if links else None
            target = location(link.sheet, link.cell) if link is not None else None
            if cells is not None and cells.add(row, column, value, (fmt, align, mark, target)):
                continue
            cell = _put(ws, row, column, value)
            look.style_data_cell(cell, fmt, align, mark, link=link is not None)
            if target is not None:
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=target)
                if cells is not None:  # one <hyperlinks> list, written with the direct ones
                    cells.link(row, column, target)
                    cell._hyperlink = None


def _dropdown(ws: Any, choice: Choice, placed: lay.BlockLayout) -> None:
    """A list validation over the choice's cells: Excel and LibreOffice show a dropdown."""
    from openpyxl.worksheet.datavalidation import DataValidation

    r1, c1 = placed.cell(choice.rows[0], choice.columns[0])
    r2, c2 = placed.cell(choice.rows[1], choice.columns[1])
    if r2 < r1 or c2 < c1:
        return
    listed = ",".join(choice.values)
    check = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True,
                           showErrorMessage=True, errorStyle="warning",
                           errorTitle="Obecność", error="Wybierz wartość z listy: " + listed,
                           promptTitle="Obecność", prompt=listed, showInputMessage=True)
    check.add(f"{cell_ref(r1, c1)}:{cell_ref(r2, c2)}")
    ws.add_data_validation(check)


def _mark(cell: Any, mark: Mark | None, look: _Look) -> None:
    if mark is None:
        return
    if mark in look.fills:
        cell.fill = look.fills[mark]
    elif mark == "muted":
        cell.font = look.muted
    elif mark == "total":
        cell.font, cell.border = look.total, look.total_border


def _put(ws: Any, row: int, col: int, value: Any) -> Any:
    """Write a value as data: text that looks like a formula stays text, illegal characters go."""
    return put(ws, row, col, value)


def _default_format(value: Any) -> str | None:
    if isinstance(value, datetime):
        return lay.DATETIME_FORMAT
    if isinstance(value, date):
        return DATE_FORMAT
    if isinstance(value, time):
        return "hh:mm"
    return None


def _chart(ws: Any, placed: lay.ChartLayout) -> Any:
    from openpyxl.chart import BarChart, LineChart, Reference

    spec = placed.spec
    chart: Any = LineChart() if spec.kind == "line" else BarChart()
    if spec.kind != "line":
        chart.type = "bar" if spec.kind == "bar" else "col"
    chart.title = spec.title
    chart.width, chart.height = lay.CHART_WIDTH_CM, placed.height_cm
    for col in placed.value_cols:
        data = Reference(ws, min_col=col, min_row=placed.header_row, max_row=placed.last_row)
        chart.add_data(data, titles_from_data=True)
    chart.set_categories(
        Reference(ws, min_col=placed.category_col, min_row=placed.first_row,
                  max_row=placed.last_row)
    )
    if spec.kind == "bar":
        # Excel draws the first category at the bottom; reversed, the bars read top-down
        # in the order of the table, and the value axis stays below them.
        chart.x_axis.scaling.orientation = "maxMin"
        chart.y_axis.crosses = "max"
    chart.y_axis.number_format = "0"  # whole numbers on the axis: 20, 40 (not 20.0, 40.0)
    if spec.y_title:
        chart.y_axis.title = spec.y_title
    if spec.x_title:
        chart.x_axis.title = spec.x_title
    # openpyxl 3.1 leaves <c:delete> unset and recent Excel then hides both axes.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if len(placed.value_cols) == 1:
        chart.legend = None
    else:
        chart.legend.position = "b"
    return chart


_DIRECT_TYPES = (str, bool, int, float, datetime, date, time)
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
_AFTER_HYPERLINKS = ("<printOptions", "<pageMargins", "<pageSetup", "<headerFooter",
                     "<rowBreaks", "<colBreaks", "<customProperties", "<cellWatches",
                     "<ignoredErrors", "<smartTags", "<drawing", "<legacyDrawing",
                     "<picture", "<oleObjects", "<controls", "<webPublishItems",
                     "<tableParts", "<extLst", "</worksheet>")
_ROW = re.compile(r'<row r="(\d+)"([^>]*?)(?:/>|>(.*?)</row>)', re.S)
_CELL = re.compile(r'<c r="([A-Z]+)\d+"[^>]*?(?:/>|>.*?</c>)', re.S)


class DirectCells:
    """Data cells of one sheet written as SpreadsheetML text, exactly as openpyxl writes them.

    A result sheet of a big club holds tens of thousands of table cells; as openpyxl
    cells they cost over a second to create and save. Their looks are few: each look's
    style is registered once through openpyxl (a detached cell styled as the plain path
    styles it, so the style indexes are openpyxl's own) and every cell is then one
    string. Values of other types (Decimal, timedelta, NaN, aware datetimes) return
    False from ``add`` and take the plain path.
    """

    def __init__(self, ws: Any, look: _Look) -> None:
        from openpyxl.utils.datetime import to_excel

        self.ws = ws
        self.look = look
        self._to_excel = to_excel
        self._epoch = ws.parent.epoch
        self._styles: dict[tuple[Any, ...], str] = {}
        self.rows: dict[int, list[tuple[int, str, str, str]]] = {}
        """Row -> cells as (column, ``<c r="A1"``, style attribute, the rest of the XML)."""
        self.heights: dict[int, float] = {}
        """Row -> height in points, written as openpyxl writes a row dimension."""
        self.links: list[tuple[int, int, str]] = []
        self._letters: dict[int, str] = {}
        self._min_row = self._min_col = 1 << 30
        self._max_row = self._max_col = 0

    def any(self) -> bool:
        return bool(self.rows or self.links or self.heights)

    def add(self, row: int, col: int, value: Any,
            look: tuple[str | None, str | None, Mark | None, str | None]) -> bool:
        """Write the cell directly; False when its value must take the plain openpyxl path."""
        if type(value) is not str and value is not None:  # text, the usual, needs no checks
            if not isinstance(value, _DIRECT_TYPES):
                return False
            if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
                return False
            if isinstance(value, (datetime, time)) and value.tzinfo is not None:
                return False
        fmt, align, mark, target = look
        if target is not None and value is None:  # openpyxl shows the link's target then
            return False
        key = (fmt, align, mark, target is not None)
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = self._register(value, key)
        letters = self._letters.get(col)
        if letters is None:
            letters = self._letters[col] = column_letter(col)
        text = self._xml(style, value)
        if text is not None:
            cells = self.rows.get(row)
            if cells is None:
                cells = self.rows[row] = []
            cells.append((col, f'<c r="{letters}{row}"', style, text))
        else:  # not written, but a cell openpyxl would count in the sheet's dimension
            self._extend(row, col)
        if target is not None:
            self.link(row, col, target)
        return True

    def link(self, row: int, col: int, target: str) -> None:
        self.links.append((row, col, target))

    def _register(self, value: Any, key: tuple[Any, ...]) -> str:
        from openpyxl.cell.cell import Cell

        cell = Cell(self.ws, row=1, column=1)
        if isinstance(value, str):
            cell.value, cell.data_type = clean_text(value), "s"
        else:
            cell.value = value
        fmt, align, mark, link = key
        self.look.style_data_cell(cell, fmt, align, mark, link=link)
        if not cell.has_style:
            return ""
        return f' s="{self.ws.parent._cell_styles.add(cell._style)}"'

    def _xml(self, style: str, value: Any) -> str | None:
        """A cell's XML after ``<c r="A1"`` and its ``style`` attribute; None: no cell."""
        if (type(value) is str and value and len(value) <= MAX_TEXT and value.isprintable()
                and value.strip() == value):
            return (' t="inlineStr"><is><t>'
                    f"{_escaped(value)}</t></is></c>")  # the usual text
        if value is None:
            return ' t="n"/>' if style else None
        if isinstance(value, str):
            text = clean_text(value)
            if not text:
                return ' t="inlineStr"/>'
            space = ' xml:space="preserve"' if text != text.strip() else ""
            return (f' t="inlineStr"><is><t{space}>'
                    f"{_escaped(text)}</t></is></c>")
        if isinstance(value, bool):
            return f' t="b"><v>{int(value)}</v></c>'
        if isinstance(value, (date, time)):
            value = self._to_excel(value, self._epoch)
        return f' t="n"><v>{value:.16g}</v></c>'

    def _extend(self, row: int, col: int) -> None:
        self._min_row, self._max_row = min(self._min_row, row), max(self._max_row, row)
        self._min_col, self._max_col = min(self._min_col, col), max(self._max_col, col)

    def fix_dimension(self) -> None:
        """openpyxl's <dimension> spans its own cells; make it span the direct ones too."""
        for row, col in self.ws._cells:
            self._extend(row, col)
        for row, cells in self.rows.items():
            self._extend(row, min(c[0] for c in cells))
            self._extend(row, max(c[0] for c in cells))
        if self._max_row == 0:
            return
        ref = (f"{column_letter(self._min_col)}{self._min_row}:"
               f"{column_letter(self._max_col)}{self._max_row}")
        self.ws.calculate_dimension = lambda: ref

    def splice(self, sheet_xml: str, restyle: Restyle | None = None) -> str:
        """The sheet openpyxl wrote with the direct cells (and their links) merged in.

        With ``restyle`` the style indexes are re-indexed on the way, in document order:
        the rows and openpyxl's cells through ``restyle.cells``, the direct cells' style
        attributes through ``restyle.style``, the text around ``<sheetData>`` through
        ``restyle.outside`` (so a big sheet is not searched by a regex again).
        """
        restyle = restyle or _SAME
        start = sheet_xml.index("<sheetData")
        end = sheet_xml.index("</sheetData>") if "</sheetData>" in sheet_xml else -1
        if end < 0:  # <sheetData/>
            end = start + len("<sheetData/>")
            body = ""
        else:
            body = sheet_xml[sheet_xml.index(">", start) + 1 : end]
            end += len("</sheetData>")
        data = self._sheet_data(self._merged_rows(body), restyle)
        xml = restyle.outside(sheet_xml[:start]) + data + restyle.outside(sheet_xml[end:])
        if self.links:
            if "<hyperlinks>" in xml:
                raise ValueError("openpyxl wrote hyperlinks of its own")
            links = "".join(
                f'<hyperlink ref="{column_letter(c)}{r}" location="{t.translate(_ATTR_ESCAPES)}"/>'
                for r, c, t in sorted(self.links)
            )
            at = min(i for i in (xml.find(tag) for tag in _AFTER_HYPERLINKS) if i >= 0)
            xml = f"{xml[:at]}<hyperlinks>{links}</hyperlinks>{xml[at:]}"
        return xml

    def _merged_rows(self, body: str) -> dict[int, tuple[str, list[tuple[int, str, str, str]]]]:
        """Row -> (attributes, cells): openpyxl's (whole, no style, no tail), direct, heights."""
        rows: dict[int, tuple[str, list[tuple[int, str, str, str]]]] = {}
        for match in _ROW.finditer(body):
            cells = [(column_index(c.group(1)), c.group(0), "", "")
                     for c in _CELL.finditer(match.group(3) or "")]
            rows[int(match.group(1))] = (match.group(2), cells)
        for row, direct in self.rows.items():
            attrs, cells = rows.get(row, ("", []))
            rows[row] = (attrs, cells + direct)
        for row, height in self.heights.items():
            attrs, cells = rows.get(row, ("", []))
            rows[row] = (f'{attrs} ht="{height:.16g}" customHeight="1"', cells)
        return rows

    @staticmethod
    def _sheet_data(rows: dict[int, tuple[str, list[tuple[int, str, str, str]]]],
                    restyle: Restyle) -> str:
        out = ["<sheetData>"]
        styles: dict[str, str] = {}
        for row in sorted(rows):
            attrs, cells = rows[row]
            tag = restyle.cells(f'<row r="{row}"{attrs}>')
            if not cells:
                out.append(f"{tag[:-1]}/>")
                continue
            cells.sort(key=_COLUMN)
            out.append(tag)
            for _, head, style, tail in cells:
                if not tail:  # a cell openpyxl wrote
                    out.append(restyle.cells(head))
                elif style:
                    mapped = styles.get(style)
                    if mapped is None:  # first use, in document order
                        mapped = styles[style] = restyle.style(style)
                    out.append(head + mapped + tail)
                else:
                    out.append(head + tail)
            out.append("</row>")
        out.append("</sheetData>")
        return "".join(out)


_COLUMN = itemgetter(0)


class Restyle(Protocol):
    """Re-indexes the style references of a sheet's XML text (``transplant``)."""

    def cells(self, text: str) -> str: ...
    def style(self, attribute: str) -> str: ...
    def outside(self, text: str) -> str: ...


class _Unchanged:
    def cells(self, text: str) -> str:
        return text

    def style(self, attribute: str) -> str:
        return attribute

    def outside(self, text: str) -> str:
        return text


_SAME = _Unchanged()


def _escaped(text: str) -> str:
    """Text escaped as openpyxl escapes a cell's text (``str.translate`` with a table is
    many times slower: it looks every character up in a dict)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def splice_package(data: bytes, sheets: dict[str, DirectCells]) -> bytes:
    """``data`` (openpyxl's scratch .xlsx) with the direct cells spliced into their sheets."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(
        out, "w", zipfile.ZIP_STORED  # a scratch package read once: not worth deflating
    ) as dst:
        for info in src.infolist():
            content = src.read(info)
            cells = sheets.get(info.filename)
            if cells is not None:
                content = cells.splice(content.decode("utf-8")).encode("utf-8")
            dst.writestr(info.filename, content)
    return out.getvalue()
