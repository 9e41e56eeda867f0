"""The empty club workbook that ``kis-xl init`` writes (and ``workbook/`` ships).

Built from the schema so it can never disagree with the reader: one Excel
Table per sheet with a frozen header, widths, date and text formats, dropdowns
fed by named ranges on the lists sheet, and input messages on the columns
people get wrong. This is the only place that writes a workbook with openpyxl
from scratch; user workbooks are never round-tripped through openpyxl.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kis_xl.domain import vocab
from kis_xl.domain.text import column_letter
from kis_xl.plan.sheetspec import DATE_FORMAT, TEXT_FORMAT
from kis_xl.workbook import schema
from kis_xl.workbook.schema import ColType, Column, SheetKind

VALIDATION_ROWS = 5000
"""Dropdowns and formats cover this many rows below the header (tables may grow past it)."""

HEADER_FILL = "1F4E78"
OWNED_FILL = "7F7F7F"
EXTENSIBLE_FILL = "2E75B6"
_STATUS_FILLS = {
    "kwalifikuje się": "C6EFCE",
    "nie kwalifikuje się": "FFC7CE",
    "braki w dokumentacji": "FFEB9C",
    "decyzja koordynatora": "DDEBF7",
}
_FORMATS = {
    ColType.DATE: DATE_FORMAT,
    ColType.TIME: "hh:mm",
    ColType.NUMBER: "0.0#",
    ColType.INTEGER: "0",
    ColType.PERCENT: "0%",
    ColType.PESEL: TEXT_FORMAT,
    ColType.PHONE: TEXT_FORMAT,
    ColType.ID: TEXT_FORMAT,
    ColType.REF: TEXT_FORMAT,
}


def build_template(club_name: str | None = None) -> Any:
    """An openpyxl Workbook with every schema sheet, ready to save."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for spec in schema.SHEETS:
        if spec.kind is SheetKind.SETTINGS:
            _settings_sheet(wb, spec, club_name)
        elif spec.kind is SheetKind.DATA:
            _data_sheet(wb, spec)
        elif spec.kind is SheetKind.LISTS:
            _lists_sheet(wb, spec)
    _defined_names(wb)
    for spec in schema.SHEETS:
        if spec.name in wb.sheetnames:
            _print_setup(wb[spec.name], spec)
    wb.active = 0
    wb.properties.creator = "kis-xl"
    wb.properties.title = club_name or "Klub Integracji Społecznej"
    wb.properties.language = "pl-PL"
    return wb


def write_template(path: Path, club_name: str | None = None) -> None:
    wb = build_template(club_name)
    wb.save(path)


def fill_workbook(
    wb: Any,
    settings: Mapping[str, Any] | None = None,
    sheets: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
) -> Any:
    """Type settings (by key) and rows (sheet key -> [{column key: value}]) into a template.

    Used to build the demo club and test workbooks exactly as a user would have
    filled the template, tables extended over the typed rows.
    """
    ws = wb[schema.sheet("settings").name]
    for r, setting in enumerate(schema.SETTINGS, start=2):
        if settings and setting.key in settings:
            ws.cell(row=r, column=2, value=settings[setting.key])
    lists = wb[schema.sheet("lists").name]
    for key, rows in (sheets or {}).items():
        if key == "lists":
            _append_list_values(lists, rows)
            continue
        spec = schema.sheet(key)
        ws = wb[spec.name]
        index = {c.key: i for i, c in enumerate(spec.columns, start=1)}
        derived = [(i, derived_formula(spec, c), _FORMATS.get(c.type))
                   for i, c in enumerate(spec.columns, start=1) if c.derived]
        n = 0
        for n, row in enumerate(rows, start=1):
            for col_key, value in row.items():
                cell = ws.cell(row=1 + n, column=index[col_key], value=value)
                fmt = _FORMATS.get(spec.column(col_key).type)
                if fmt:
                    cell.number_format = fmt
            for i, formula, fmt in derived:  # as Excel fills a table's calculated column
                cell = ws.cell(row=1 + n, column=i, value=formula)
                if fmt:
                    cell.number_format = fmt
        ws.tables[spec.table_name].ref = f"A1:{column_letter(len(spec.columns))}{max(2, 1 + n)}"
    return wb


def _append_list_values(ws: Any, rows: Iterable[Mapping[str, Any]]) -> None:
    """Club additions to extensible lists: rows of {vocabulary key: value}."""
    for row in rows:
        for key, value in row.items():
            col = [v.key for v in vocab.ALL].index(key) + 1
            r = 2
            while ws.cell(row=r, column=col).value not in (None, ""):
                r += 1
            ws.cell(row=r, column=col, value=value).number_format = TEXT_FORMAT


PRINT_TITLE_COLUMNS = {"participants": 3}
"""Columns repeated on every printed page of a sheet printed several pages wide
(participants: ID, surname, first name), beside the header row repeated on each page."""


def _print_setup(ws: Any, spec: schema.Sheet) -> None:
    """A4 landscape, header row on every page, gridlines: printable as is.

    Fitted to as few pages wide as keep the text at 8 pt or larger (one page for most
    sheets; "Uczestnicy" with its 29 columns runs several, ID and name on each).
    """
    from kis_xl.sinks.xlsx.layout import pages_wide

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    # Lists are side by side: no column labels the others.
    repeated = PRINT_TITLE_COLUMNS.get(spec.key, 0 if spec.kind is SheetKind.LISTS else 1)
    widths = {i: c.width for i, c in enumerate(spec.columns, start=1)}
    if not widths:  # settings and lists: the widths the sheet was given
        widths = {i: ws.column_dimensions[column_letter(i)].width or 8.43
                  for i in range(1, ws.max_column + 1)}
    pages = pages_wide(widths, repeated)
    ws.page_setup.fitToWidth = pages
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    if pages > 1 and repeated:
        ws.print_title_cols = f"A:{column_letter(repeated)}"
    ws.print_options.gridLines = True


def _header_style(cell: Any, fill: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    cell.font = Font(bold=True, color="FFFFFF")
    cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
    cell.alignment = Alignment(wrap_text=True, vertical="center")


def _add_table(ws: Any, name: str, ncols: int, nrows: int) -> None:
    from openpyxl.worksheet.table import Table, TableStyleInfo

    ref = f"A1:{column_letter(ncols)}{max(nrows, 2)}"
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)


def _validation(col: Column) -> Any | None:
    """Dropdown for list columns, a warning check for dates, an input message for hard ones."""
    from openpyxl.worksheet.datavalidation import DataValidation

    prompt = col.help[:255] if col.help else None
    if col.ref == "participants":  # "U001 – Mazur Aleksandra"; a typed ID is fine too
        dv = DataValidation(type="list", formula1=f"={PEOPLE_RANGE}", allow_blank=True)
        dv.errorStyle = "information"
        dv.errorTitle = "Uczestnik spoza listy"
        dv.error = "Nie ma takiego uczestnika w arkuszu „Uczestnicy”: sprawdź ID."
    elif col.vocab and not col.multi:
        dv = DataValidation(type="list", formula1=f"={vocab.BY_KEY[col.vocab].range_name}",
                            allow_blank=True)
        dv.error = "Wybierz wartość z listy rozwijanej (listy są w arkuszu „Listy”)."
        dv.errorTitle = "Wartość spoza listy"
        dv.errorStyle = "warning"
    elif col.type is ColType.DATE:
        dv = DataValidation(type="date", operator="between", formula1="3654", formula2="73051",
                            allow_blank=True)
        dv.error = "Wpisz datę w formacie dd.mm.rrrr, np. 05.03.2025."
        dv.errorTitle = "To nie jest data"
        dv.errorStyle = "warning"
    elif prompt:
        dv = DataValidation(allow_blank=True)
    else:
        return None
    dv.showErrorMessage = dv.type is not None
    if prompt:
        dv.promptTitle = col.header[:32]
        dv.prompt = prompt
        dv.showInputMessage = True
    return dv


def derived_formula(spec: schema.Sheet, col: Column) -> str:
    """The table formula of a derived column: the name (date, activity) the row's ID names.

    Structured references ("this row" of the sheet's table, whole columns of the looked-up
    sheet's table) keep it right wherever rows are added or columns moved, in Excel and in
    LibreOffice; an ID picked as "U001 – Mazur Aleksandra" is looked up by "U001". Empty
    when the ID is empty, "?" when nothing has that ID.
    """
    assert col.derived is not None
    kind, source = col.derived
    here = f"{spec.table_name}[[#This Row],[{spec.column(source).header}]]"

    def column(key: str, name: str) -> str:
        return f"{schema.sheet(key).table_name}[{schema.sheet(key).column(name).header}]"

    def lookup(value: str, key: str, name: str, by: str = "id") -> str:
        return f"INDEX({column(key, name)},MATCH({value},{column(key, by)},0))"

    if kind == "participant_name":
        pid = f'LEFT({here},FIND(" ",{here}&" ")-1)'
        found = (f'{lookup(pid, "participants", "last_name")}&" "&'
                 f'{lookup(pid, "participants", "first_name")}')
    elif kind == "meeting_date":
        found = lookup(here, "meetings", "date")
    elif kind == "meeting_activity":
        activity = lookup(here, "meetings", "activity")
        found = f'{activity}&" "&{lookup(activity, "activities", "name")}'
    else:  # activity_name
        found = lookup(here, "activities", "name")
    return f'=IF({here}="","",IFERROR({found},"?"))'


def _data_sheet(wb: Any, spec: schema.Sheet) -> None:
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill

    ws = wb.create_sheet(spec.name)
    for i, col in enumerate(spec.columns, start=1):
        cell = ws.cell(row=1, column=i, value=col.header)
        _header_style(cell, OWNED_FILL if col.owned or col.derived else HEADER_FILL)
        letter = column_letter(i)
        ws.column_dimensions[letter].width = col.width
        fmt = _FORMATS.get(col.type)
        if fmt:
            ws.column_dimensions[letter].number_format = fmt
            for row in range(2, 3):
                ws.cell(row=row, column=i).number_format = fmt
        if col.derived:
            ws.cell(row=2, column=i, value=derived_formula(spec, col))
            ws.cell(row=2, column=i).data_type = "f"
        dv = (_codes_validation() if (spec.key, col.key) == ("decisions", "code")
              else _validation(col))
        if dv is not None:
            dv.add(f"{letter}2:{letter}{VALIDATION_ROWS + 1}")
            ws.add_data_validation(dv)
        if col.key == "status" and col.owned:
            for text, color in _STATUS_FILLS.items():
                ws.conditional_formatting.add(
                    f"{letter}2:{letter}{VALIDATION_ROWS + 1}",
                    CellIsRule(operator="equal", formula=[f'"{text}"'],
                               fill=PatternFill("solid", start_color=color, end_color=color)),
                )
    ws.row_dimensions[1].height = 45
    frozen = 4 if spec.key == "participants" else 1
    ws.freeze_panes = ws.cell(row=2, column=frozen)
    _add_table(ws, spec.table_name, len(spec.columns), 2)
    _calculated_columns(ws.tables[spec.table_name], spec)


def _calculated_columns(table: Any, spec: schema.Sheet) -> None:
    """Derived columns as the table's calculated columns: Excel fills a row added to the
    table with the formula by itself (``append_rows`` does the same for kis_xl's rows)."""
    from openpyxl.worksheet.table import TableFormula

    if not any(c.derived for c in spec.columns):
        return
    table._initialise_columns()
    for column, col in zip(table.tableColumns, spec.columns, strict=False):
        column.name = col.header
        if col.derived:
            column.calculatedColumnFormula = TableFormula(
                attr_text=derived_formula(spec, col).removeprefix("="))


def _settings_sheet(wb: Any, spec: schema.Sheet, club_name: str | None) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(spec.name)
    # A real header row: the reader finds the settings by it, like every other sheet's.
    for i, header in enumerate(schema.SETTINGS_HEADERS, start=1):
        _header_style(ws.cell(row=1, column=i, value=header), HEADER_FILL)
    for r, setting in enumerate(schema.SETTINGS, start=2):
        label = ws.cell(row=r, column=1, value=setting.label)
        label.font = Font(bold=setting.required)
        value: Any = setting.default
        if setting.key == "club_name" and club_name:
            value = club_name
        cell = ws.cell(row=r, column=2, value=value)
        if setting.type is ColType.DATE:
            cell.number_format = DATE_FORMAT
        elif setting.type is ColType.PERCENT:
            cell.number_format = "0%"
        elif setting.type in (ColType.PHONE, ColType.TEXT):
            cell.number_format = TEXT_FORMAT
        help_text = setting.help + (" (wymagane)" if setting.required else "")
        note = ws.cell(row=r, column=3, value=help_text.strip() or None)
        note.alignment = Alignment(wrap_text=True, vertical="top")
        if setting.vocab:
            from openpyxl.worksheet.datavalidation import DataValidation

            dv = DataValidation(type="list", allow_blank=False,
                                formula1=f"={vocab.BY_KEY[setting.vocab].range_name}")
            dv.error = "Wybierz wartość z listy."
            dv.add(cell.coordinate)
            ws.add_data_validation(dv)
    for i, col in enumerate(schema.SETTINGS_COLUMNS, start=1):
        ws.column_dimensions[column_letter(i)].width = col.width
    ws.freeze_panes = "A2"
    _add_table(ws, spec.table_name, 3, len(schema.SETTINGS) + 1)


def _lists_sheet(wb: Any, spec: schema.Sheet) -> None:
    from openpyxl.comments import Comment

    ws = wb.create_sheet(spec.name)
    for i, voc in enumerate(vocab.ALL, start=1):
        cell = ws.cell(row=1, column=i, value=voc.label)
        _header_style(cell, EXTENSIBLE_FILL if voc.extensible else HEADER_FILL)
        note = ("Możesz dopisywać własne wartości na dole tej listy (bez pustych wierszy)."
                if voc.extensible else
                "Lista stała: program zna znaczenie tych wartości. Nie dopisuj nowych.")
        if voc.help:
            note = voc.help + " " + note
        cell.comment = Comment(note, "kis-xl", width=300, height=120)
        for r, value in enumerate(voc.values, start=2):
            ws.cell(row=r, column=i, value=value).number_format = TEXT_FORMAT
        ws.column_dimensions[column_letter(i)].width = max(16, min(48, max(
            len(v) for v in voc.values) + 2))
    _codes_list(ws)
    _people_list(ws)
    ws.freeze_panes = "A2"


PEOPLE_RANGE = "lista_uczestnikow"
PEOPLE_HEADER = "Uczestnicy (do list rozwijanych)"
PEOPLE_ROWS = 2000
"""Rows of the people's list: the participants a dropdown of an ID column offers."""


def _people_column() -> int:
    """Column of "U001 – Mazur Aleksandra" on the lists sheet: after the codes and a gap."""
    return _codes_column() + 3


def _people_list(ws: Any) -> None:
    """"U001 – Mazur Aleksandra" for each row of "Uczestnicy", by formula (it follows the
    sheet); the dropdowns of participant ID columns offer it, the reader takes the ID."""
    from openpyxl.comments import Comment

    col = _people_column()
    cell = ws.cell(row=1, column=col, value=PEOPLE_HEADER)
    _header_style(cell, OWNED_FILL)
    cell.comment = Comment("Wypełnia formuła z arkusza „Uczestnicy”: nie zmieniaj.", "kis-xl",
                           width=300, height=60)
    people = schema.sheet("participants")

    def column(key: str) -> str:
        return f"{people.table_name}[{people.column(key).header}]"

    for r in range(2, PEOPLE_ROWS + 2):
        n = r - 1

        def at(key: str, n: int = n) -> str:
            return f"INDEX({column(key)},{n})"

        ws.cell(row=r, column=col, value=(
            f'=IFERROR(IF({at("id")}="","",{at("id")}&" – "&{at("last_name")}&" "&'
            f'{at("first_name")}),"")'))
    ws.column_dimensions[column_letter(col)].width = 32


CODES_RANGE = "lista_kody_ustalen"
CODES_HEADERS = ("Kod ustalenia", "Nazwa ustalenia")
CODES_NOTE = (
    "Kody ustaleń kontroli, które koordynator może uchylić decyzją (lista rozwijana w kolumnie "
    "„Kod ustalenia” arkusza „Decyzje koordynatora”). Lista stała: tworzy ją program."
)


def _codes_column() -> int:
    """Column of the finding codes on the lists sheet: after the vocabularies and a gap."""
    return len(vocab.ALL) + 2


def _codes_list(ws: Any) -> None:
    """The finding codes a decision may name, with their Polish titles beside them."""
    from openpyxl.comments import Comment

    from kis_xl.domain.rules.overrides import overridable_codes

    first = _codes_column()
    for i, header in enumerate(CODES_HEADERS):
        cell = ws.cell(row=1, column=first + i, value=header)
        _header_style(cell, HEADER_FILL)
    ws.cell(row=1, column=first).comment = Comment(CODES_NOTE, "kis-xl", width=300, height=120)
    codes = overridable_codes()
    for r, (code, title) in enumerate(codes, start=2):
        ws.cell(row=r, column=first, value=code).number_format = TEXT_FORMAT
        ws.cell(row=r, column=first + 1, value=title).number_format = TEXT_FORMAT
    ws.column_dimensions[column_letter(first)].width = max(len(c) for c, _ in codes) + 2
    ws.column_dimensions[column_letter(first + 1)].width = min(
        60, max(len(t) for _, t in codes) + 2)


def _codes_validation() -> Any:
    """Dropdown of the finding codes for the code column of "Decyzje koordynatora"."""
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = column_letter(_codes_column())
    lists = schema.sheet("lists").name
    dv = DataValidation(type="list", formula1=f"={CODES_RANGE}", allow_blank=True)
    dv.error = ("Tego kodu nie ma na liście ustaleń, które można uchylić. Wybierz kod z listy "
                "albo skopiuj go z kolumny „Kod” arkusza „Wynik kontroli”.")
    dv.errorTitle = "Nieznany kod ustalenia"
    dv.errorStyle = "warning"
    dv.promptTitle = "Kod ustalenia"
    dv.prompt = (f"Wybierz kod z listy; jego nazwa jest obok kodu w arkuszu „{lists}” "
                 f"(kolumny {letter}–{column_letter(_codes_column() + 1)}). Pusty = decyzja "
                 "obejmuje wszystkie ustalenia uczestnika.")
    dv.showInputMessage = True
    dv.showErrorMessage = True
    return dv


def _defined_names(wb: Any) -> None:
    """Growing dropdown sources: OFFSET/COUNTA picks up values the club appends to a list."""
    from openpyxl.workbook.defined_name import DefinedName

    sheet = schema.sheet("lists").name
    for i, voc in enumerate(vocab.ALL, start=1):
        letter = column_letter(i)
        ref = (f"OFFSET('{sheet}'!${letter}$2,0,0,"
               f"MAX(1,COUNTA('{sheet}'!${letter}:${letter})-1),1)")
        wb.defined_names[voc.range_name] = DefinedName(voc.range_name, attr_text=ref)
    letter = column_letter(_codes_column())
    ref = (f"OFFSET('{sheet}'!${letter}$2,0,0,"
           f"MAX(1,COUNTA('{sheet}'!${letter}:${letter})-1),1)")
    wb.defined_names[CODES_RANGE] = DefinedName(CODES_RANGE, attr_text=ref)
    letter = column_letter(_people_column())
    people = schema.sheet("participants").name
    ref = (f"OFFSET('{sheet}'!${letter}$2,0,0,"
           f"MAX(1,COUNTA('{people}'!$A:$A)-1),1)")
    wb.defined_names[PEOPLE_RANGE] = DefinedName(PEOPLE_RANGE, attr_text=ref)
