"""Reading a club workbook into typed records, tolerant of what users do.

The reader works on *grids* (rows of raw cell values from A1), so the same
code serves a file on disk (python-calamine, fast enough for 100,000
attendance rows) and the workbook open in Excel (``open_book.read_open_book``:
xlwings hands over the same kind of grid). Columns are found by header; every cell that cannot
be read becomes a located finding. Nothing here raises on user data: only an
unreadable *file* is an exception (``WorkbookUnreadable``).

Why one module: reading is one pass over the grids with one context (``_Ctx``) that
collects findings, layouts and cached parsers; the fast column path and the slow per-cell
path must stay side by side so they give the same records and findings
(``tests/test_speed.py`` guards the fast one).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter
from pathlib import Path
from typing import Any

from kis_xl.domain import vocab
from kis_xl.domain.finding_types.reading import (
    DUPLICATE_COLUMN,
    DUPLICATE_ID,
    FORMULA_ERROR,
    HEADER_NOT_FOUND,
    INVALID_CHOICE,
    INVALID_EMAIL,
    LIST_VALUE_UNSUPPORTED,
    MISSING_COLUMN,
    MISSING_SHEET,
    MORE_FINDINGS,
    OPTIONAL_SHEET_MISSING,
    PERIOD_END_BEFORE_START,
    PESEL_RECOVERED,
    REQUIRED_MISSING,
    SETTING_OUT_OF_RANGE,
    SETTINGS_HEADER_MISSING,
    SETTINGS_UNREADABLE,
    UNKNOWN_REFERENCE,
    VALUE_OUT_OF_RANGE,
)
from kis_xl.domain.findings import Finding, Severity
from kis_xl.domain.model import RECORD_TYPES, Club, Settings, SheetLayout
from kis_xl.domain.text import column_letter, fold, is_blank, nearest
from kis_xl.plan.errors import WorkbookUnreadable
from kis_xl.workbook import cell_errors, read_ahead, schema, values
from kis_xl.workbook.schema import ColType, Column, Sheet, SheetKind

Grid = list[list[Any]]
GridSource = Grid | Callable[[], Grid]


HEADER_SEARCH_ROWS = 15
MAX_FINDINGS_PER_COLUMN = 100
"""A sheet with 100,000 attendance rows and a wrong column would otherwise
drown the findings sheet; the rest is counted in one summary finding."""


@dataclass
class _Ctx:
    club: Club
    findings: list[Finding]
    counts: dict[tuple[str, str, str], int]
    reported: int = 0
    """Findings added so far (listed or only counted)."""
    date1904: bool = False
    _column_keys: dict[tuple[str, str], str | None] = field(default_factory=dict)

    def add(self, finding: Finding) -> None:
        self.reported += 1
        key = (finding.sheet or "", finding.column or "", finding.code)
        n = self.counts.get(key, 0) + 1
        self.counts[key] = n
        if n <= MAX_FINDINGS_PER_COLUMN:
            self.findings.append(self.keyed(finding))

    def flush_overflow(self) -> None:
        for (sheet, column, code), n in self.counts.items():
            if n > MAX_FINDINGS_PER_COLUMN:
                self.findings.append(self.keyed(
                    MORE_FINDINGS(sheet=sheet or None, column=column or None,
                                  count=n - MAX_FINDINGS_PER_COLUMN, code=code)
                ))

    def keyed(self, f: Finding) -> Finding:
        """The schema keys of the sheet and header a reading finding names as read.

        The reader meets the workbook's own names; everything after it compares keys
        (``findings.locate`` turns keys back into these names for people).
        """
        if f.sheet is None or f.sheet_key is not None:
            return f
        sheet_key = next((k for k, name in self.club.sheet_names.items() if name == f.sheet),
                         None)
        if sheet_key is None:
            spec = schema.find_sheet(f.sheet)
            sheet_key = spec.key if spec is not None else None
        if sheet_key is None:
            return f
        column_key = self.column_key(sheet_key, f.column) if f.column else None
        return replace(f, sheet_key=sheet_key, column_key=column_key)

    def column_key(self, sheet_key: str, header: str) -> str | None:
        cached = self._column_keys.get((sheet_key, header), _MISS)
        if cached is not _MISS:
            return cached  # type: ignore[return-value]
        layout = self.club.layouts.get(sheet_key)
        key = next((k for k, h in layout.headers.items() if h == header), None) if layout \
            else None
        if key is None:
            folded = fold(header)
            if sheet_key == "settings":
                known = {fold(s.label): s.key for s in schema.SETTINGS}
                known.update({k: c.key for k, c in _spellings(schema.SETTINGS_COLUMNS).items()})
            elif sheet_key == "lists":
                known = {fold(v.label): v.key for v in vocab.ALL}
            else:
                known = {k: c.key for k, c in _spellings(schema.sheet(sheet_key).columns).items()}
            key = known.get(folded)
        self._column_keys[(sheet_key, header)] = key
        return key


# --------------------------------------------------------------------------- sources


def read_workbook(path: Path | str, *, sheets: Collection[str] | None = None) -> Club:
    """Read the club from an .xlsx file. ``sheets`` limits reading to these schema keys."""
    path = Path(path)
    grids = open_grids(path, ahead=[k for k in read_ahead.KEYS if sheets is None or k in sheets])
    club = read_grids(grids, sheets=sheets, date1904=uses_1904_dates(path))
    club.source = path
    return club


_DATE1904 = re.compile(
    rb"<(?:[\w.-]+:)?workbookPr\b[^>]*?\bdate1904\s*=\s*[\"'](?:1|true)[\"']")
_OFFICE_DOCUMENT = re.compile(
    rb"<(?:[\w.-]+:)?Relationship\b[^>]*?Type=\"[^\"]*/officeDocument\"[^>]*?/?>")
_TARGET = re.compile(rb"\bTarget=\"/?([^\"]+)\"")


def uses_1904_dates(path: Path) -> bool:
    """Whether the workbook counts date serials from 1904 (``workbookPr date1904``).

    Read from the small workbook part only: the grids carry date-formatted cells
    already converted, but a date typed into a General cell is a bare serial number.
    """
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            part = "xl/workbook.xml"
            rels = _OFFICE_DOCUMENT.search(z.read("_rels/.rels"))
            target = _TARGET.search(rels.group(0)) if rels else None
            if target is not None:
                part = target.group(1).decode()
            return _DATE1904.search(z.read(part)) is not None
    except (KeyError, OSError, zipfile.BadZipFile, UnicodeDecodeError):
        return False  # calamine has already read the file; assume Excel's default


def open_grids(path: Path, *, ahead: Sequence[str] = ()) -> dict[str, GridSource]:
    """Lazy grids of every sheet of the file, loaded only when the reader asks for them.

    ``ahead``: schema keys of sheets to load at once in another thread, in this order
    (``kis_xl.workbook.read_ahead``).
    """
    if not path.exists():
        raise WorkbookUnreadable(f"Nie znaleziono pliku „{path}”. Sprawdź nazwę i folder.")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise WorkbookUnreadable(
            f"Plik „{path.name}” nie jest skoroszytem .xlsx. Otwórz go w Excelu i zapisz jako "
            "„Skoroszyt programu Excel (*.xlsx)”."
        )
    import zipfile

    if not zipfile.is_zipfile(path):
        from kis_xl.sinks.xlsx.container import not_a_package_message

        raise WorkbookUnreadable(not_a_package_message(path))
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several unrelated types for broken files
        raise WorkbookUnreadable(
            f"Nie można odczytać skoroszytu „{path.name}”: plik jest uszkodzony ({exc}). "
            "Przywróć kopię zapasową z folderu .kis-kopie."
        ) from exc

    with_errors = cell_errors.Restorer(path)  # calamine reads a formula error as ""

    def loader(name: str, load: Callable[[], Grid] | None = None) -> Callable[[], Grid]:
        def read() -> Grid:
            try:
                rows: Grid = (load() if load is not None else
                              book.get_sheet_by_name(name).to_python(skip_empty_area=False))
            except Exception as exc:
                raise WorkbookUnreadable(
                    f"Nie można odczytać arkusza „{name}” ze skoroszytu „{path.name}” ({exc})."
                ) from exc
            return with_errors(name, rows)

        return read

    grids: dict[str, GridSource] = {name: loader(name) for name in book.sheet_names}
    if ahead:
        early = read_ahead.take(path, book.sheet_names, ahead,
                                lambda: CalamineWorkbook.from_path(str(path)))
        with_errors.ahead(early)
        grids.update({name: loader(name, load) for name, load in early.items()
                      if name in grids})
    return grids


# --------------------------------------------------------------------------- reading


def read_grids(
    grids: Mapping[str, GridSource], *, sheets: Collection[str] | None = None,
    date1904: bool = False,
) -> Club:
    """Build a ``Club`` from raw grids keyed by sheet name.

    ``date1904``: bare numbers in date columns are serials of the 1904 date system.
    """
    import gc

    # Reading creates ~10 objects per attendance row; the cyclic collector would
    # rescan them repeatedly (a third of the read time) although none can form a cycle.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _read_grids(grids, sheets, date1904)
    finally:
        if enabled:
            gc.enable()


def _read_grids(
    grids: Mapping[str, GridSource], sheets: Collection[str] | None, date1904: bool
) -> Club:
    club = Club()
    ctx = _Ctx(club, club.findings, {}, date1904=date1904)
    found = schema.sheets_by_key(grids)
    club.sheet_names = found

    wanted = [
        s for s in schema.SHEETS
        if s.kind is not SheetKind.GENERATED
        and (sheets is None or s.key in sheets or s.kind is not SheetKind.DATA)
    ]
    for spec in wanted:
        if spec.key not in found:
            ftype = MISSING_SHEET if spec.required else OPTIONAL_SHEET_MISSING
            ctx.add(ftype(sheet=spec.name))

    def grid(key: str) -> Grid | None:
        name = found.get(key)
        if name is None:
            return None
        src = grids[name]
        return src() if callable(src) else src

    lists_grid = grid("lists")
    if lists_grid is not None:
        _read_lists(ctx, found["lists"], lists_grid)
    settings_grid = grid("settings")
    if settings_grid is not None:
        club.settings = _read_settings(ctx, found["settings"], settings_grid)
    for spec in wanted:
        if spec.kind is SheetKind.DATA:
            g = grid(spec.key)
            if g is not None:
                _read_data_sheet(ctx, spec, found[spec.key], g)
    _check_references(ctx)
    if club.group_members:
        # self-help groups (issue 11): members of a group are enrolled in its activities
        from kis_xl.domain.groups import group_enrolments

        club.enrolments.extend(group_enrolments(club))
    ctx.flush_overflow()
    return club


def _read_lists(ctx: _Ctx, name: str, grid: Grid) -> None:
    labels = {fold(v.label): v for v in vocab.ALL}
    header_row, mapping = _find_header(grid, labels)
    if header_row is None:
        ctx.add(HEADER_NOT_FOUND(sheet=name, example=vocab.CATEGORIES.label,
                                 rows=HEADER_SEARCH_ROWS))
        return
    for col, voc in mapping.items():
        found: list[str] = []
        for r in range(header_row, len(grid)):
            raw = grid[r][col] if col < len(grid[r]) else None
            if is_blank(raw):
                continue
            text = values.parse_text(raw)
            canonical = voc.match(text)
            if canonical is not None:
                found.append(canonical)
            elif voc.extensible:
                found.append(text)
                ctx.club.club_terms.setdefault(voc.key, []).append(text)
            else:
                ctx.add(LIST_VALUE_UNSUPPORTED(sheet=name, row=r + 1, column=voc.label,
                                               value=text, list=voc.label))
        ctx.club.lists[voc.key] = found


def _read_settings(ctx: _Ctx, name: str, grid: Grid) -> Settings:
    settings = Settings()
    layout = _locate_settings(ctx, name, grid)
    if layout is None:
        return settings  # one finding says the sheet was not read and defaults are used
    ctx.club.layouts["settings"] = layout
    by_label: dict[str, schema.Setting] = {}
    for s in schema.SETTINGS:
        by_label[fold(s.label)] = s
        by_label[fold(s.key)] = s
    label_at, value_at = layout.columns["label"] - 1, layout.columns["value"] - 1
    value_header = layout.headers["value"]
    seen: set[str] = set()
    for r in range(layout.header_row, len(grid)):
        row = grid[r]
        label = row[label_at] if label_at < len(row) else None
        if is_blank(label):
            continue
        setting = by_label.get(fold(label))
        if setting is None or setting.key in seen:
            continue
        seen.add(setting.key)
        settings.rows[setting.key] = r + 1
        raw = row[value_at] if value_at < len(row) else None
        if is_blank(raw):
            continue
        column = Column(setting.key, setting.label, setting.type, vocab=setting.vocab)
        value = _parse_cell(ctx, column, raw, sheet=name, row=r + 1,
                            header=value_header, participant=None)
        if value is not None and setting.bounds is not None:
            low, high = setting.bounds
            if not low <= value <= high:
                default = setting.default
                used = (f"przyjmuje wartość domyślną {values.display(default)}"
                        if default is not None else "traktuje je jak puste")
                ctx.add(SETTING_OUT_OF_RANGE(
                    sheet=name, row=r + 1, column=value_header,
                    setting=setting.label, value=values.display(raw), low=low, high=high,
                    used=used))
                value = None
        if value is not None:
            setattr(settings, setting.key, value)
    for setting in schema.SETTINGS:
        if setting.required and getattr(settings, setting.key) in (None, ""):
            row_no = settings.rows.get(setting.key)
            ctx.add(REQUIRED_MISSING(sheet=name, row=row_no, column=setting.label,
                                     severity=Severity.ERROR))
    return settings


def _locate_settings(ctx: _Ctx, name: str, grid: Grid) -> SheetLayout | None:
    """Columns of the settings sheet by header, like every other sheet.

    A sheet without a header row is read as names in A and values in B only when
    that is the one way to read it (known setting names stand in column A and in
    no other column), with a warning; otherwise one error says that nothing was
    read, so no setting silently falls back to its default.
    """
    label_header, value_header = schema.SETTINGS_HEADERS[:2]
    header_row, mapping = _find_header(grid, _spellings(schema.SETTINGS_COLUMNS))
    if header_row is not None and {c.key for c in mapping.values()} & {"label", "value"}:
        columns, headers = _map_columns(ctx, name, grid, header_row, mapping)
        missing = [c.header for c in schema.SETTINGS_COLUMNS
                   if c.required and c.key not in columns]
        if missing:
            ctx.add(_settings_unreadable(
                name, header_row,
                f"w wierszu nagłówków (wiersz {header_row}) brakuje kolumny „{missing[0]}”"))
            return None
        return SheetLayout("settings", name, header_row, columns, headers,
                           _last_filled_row(grid, header_row))
    label_columns = {
        c for row in grid for c, cell in enumerate(row)
        if isinstance(cell, str) and _is_setting_label(cell)
    }
    if label_columns == {0}:
        ctx.add(SETTINGS_HEADER_MISSING(sheet=name, label=label_header, value=value_header))
        return SheetLayout("settings", name, 0, {"label": 1, "value": 2},
                           {"label": label_header, "value": value_header},
                           _last_filled_row(grid, 0))
    ctx.add(_settings_unreadable(
        name, None,
        f"w pierwszych {HEADER_SEARCH_ROWS} wierszach nie ma wiersza nagłówków z kolumnami "
        f"„{label_header}” i „{value_header}”"))
    return None


def _settings_unreadable(sheet: str, row: int | None, reason: str) -> Finding:
    label, value = schema.SETTINGS_HEADERS[:2]
    defaults = schema.SETTINGS_BY_KEY
    return SETTINGS_UNREADABLE(
        sheet=sheet, row=row, reason=reason, label=label, value=value,
        profile=defaults["rule_profile"].default, months=defaults["max_months"].default)


_SETTING_LABELS = frozenset(fold(s.label) for s in schema.SETTINGS) | frozenset(
    fold(s.key) for s in schema.SETTINGS)


def _is_setting_label(cell: str) -> bool:
    return fold(cell) in _SETTING_LABELS


def _last_filled_row(grid: Grid, header_row: int) -> int:
    for r in range(len(grid) - 1, header_row - 1, -1):
        if any(not is_blank(v) for v in grid[r]):
            return r + 1
    return header_row


def _find_header(grid: Grid, known: Mapping[str, Any]) -> tuple[int | None, dict[int, Any]]:
    """The row (1-based) among the first rows that matches most known headers."""
    best_row: int | None = None
    best: dict[int, Any] = {}
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        mapping = {}
        for c, cell in enumerate(row):
            if isinstance(cell, str):
                hit = known.get(fold(cell))
                if hit is not None:
                    mapping[c] = hit
        if len(mapping) > len(best):
            best_row, best = r + 1, mapping
    return best_row, best


def _read_data_sheet(ctx: _Ctx, spec: Sheet, name: str, grid: Grid) -> None:
    layout = _locate_columns(ctx, spec, name, grid)
    if layout is None:
        return
    ctx.club.layouts[spec.key] = layout
    record_type = RECORD_TYPES[spec.key]
    parsers = [
        (c, layout.columns[c.key] - 1, layout.headers[c.key], _cached_parser(ctx, c, name))
        for c in spec.columns
        if not c.owned and c.key in layout.columns
    ]
    pid_index = next(
        (i for c, i, _, _ in parsers
         if c.ref == "participants" or (spec.key == "participants" and c.key == "id")),
        None,
    )
    periods = [(c.key, c.not_before, layout.headers[c.not_before]) for c in spec.columns
               if c.not_before is not None and c.key in layout.columns
               and c.not_before in layout.columns]
    job = _Rows(name, layout, parsers, pid_index, spec.columns[0], record_type,
                getattr(ctx.club, spec.key), _required_fields(record_type), periods)
    (_column_rows if FAST else _plain_rows)(ctx, job, grid)


@dataclass
class _Rows:
    """One data sheet being read row by row."""

    name: str
    layout: SheetLayout
    parsers: list[tuple[Column, int, str, ParseFn]]
    pid_index: int | None
    key_col: Column
    record_type: type[Any]
    out: list[Any]
    placeholders: list[tuple[str, Any]]
    periods: list[tuple[str, str, str]]
    """(end key, start key, start header as typed) of each declared period (``not_before``)."""
    seen_ids: dict[str, int] = field(default_factory=dict)
    pid_cache: dict[Any, str] = field(default_factory=dict)


_BLANK = object()
"""A blank cell in a column the row cannot do without (required, or the row's key)."""


def _column_rows(ctx: _Ctx, job: _Rows, grid: Grid) -> None:
    """Read a sheet column by column (100,000 attendance rows in a big office).

    Each distinct cell of a column is parsed once, quietly. A row whose cells all read
    without a finding, with its required cells and its key filled and its ID not
    repeated, is built straight from the parsed columns; every other row goes through
    the row loop (``_fast_rows``) at its place, so records and findings come out exactly
    as the row loop alone gives them, in the same order (tests/test_speed.py).
    """
    layout, key_col = job.layout, job.key_col
    first, n = layout.header_row, max(0, layout.last_row - layout.header_row)
    keys = [c.key for c, _, _, _ in job.parsers]
    if key_col.key not in keys or n == 0:
        _fast_rows(ctx, job, grid)
        return
    body = grid[first:first + n]
    defaults = _field_defaults(job.record_type)
    quiet = _Ctx(ctx.club, [], {}, date1904=ctx.date1904)
    special = bytearray(n)
    short = min(map(len, body))
    parsed: dict[str, list[Any]] = {}
    for c, idx, header, parse in job.parsers:
        raws = (list(map(itemgetter(idx), body)) if idx < short
                else [row[idx] if idx < len(row) else None for row in body])
        strict = (c.required and not c.blank_ok) or c is key_col
        values, odd = _parse_column(quiet, c, raws, parse.cache,  # type: ignore[attr-defined]
                                    blank=_BLANK if strict else defaults[c.key],
                                    sheet=job.name, header=header)
        if odd:
            for i, v in enumerate(values):
                if v is _MISS or v is _BLANK:
                    special[i] = 1
        parsed[c.key] = values
    if key_col.type is ColType.ID:
        _mark_repeated(parsed[key_col.key], special)
    for end_key, start_key, _ in job.periods:
        _mark_reversed(parsed[end_key], parsed[start_key], special)
    import dataclasses
    from itertools import repeat

    columns: list[Any] = [
        parsed[f.name] if f.name in parsed else repeat(defaults[f.name])
        for f in dataclasses.fields(job.record_type) if f.name != "row"
    ]
    record_type, out = job.record_type, job.out
    start = 0
    for stop in [*(i for i, flag in enumerate(special) if flag), n]:
        if start < stop:
            out.extend(map(record_type, range(first + start + 1, first + stop + 1),
                           *(c[start:stop] if c.__class__ is list else c for c in columns)))
        if stop < n:
            _fast_rows(ctx, job, grid, (first + stop,))
        start = stop + 1


def _mark_repeated(ids: list[Any], special: bytearray) -> None:
    """A repeated ID is reported at its later rows: every row of such an ID takes the row
    loop, which keeps the first and reports the others."""
    counts: dict[Any, int] = {}
    for v in ids:
        counts[v] = counts.get(v, 0) + 1
    repeated = {v for v, k in counts.items() if k > 1}
    if repeated:
        for i, v in enumerate(ids):
            if v in repeated:
                special[i] = 1


def _mark_reversed(ends: list[Any], starts: list[Any], special: bytearray) -> None:
    """Rows whose period ends before it starts take the row loop, which reports them."""
    for i, (end, start) in enumerate(zip(ends, starts, strict=True)):
        if end.__class__ is not object and start.__class__ is not object and \
                end is not None and start is not None and end < start:
            special[i] = 1


def _check_periods(ctx: _Ctx, job: _Rows, kwargs: dict[str, Any], pid: str | None) -> None:
    """One finding per declared period of the row that ends before it starts."""
    for end_key, start_key, start_header in job.periods:
        end, start = kwargs.get(end_key), kwargs.get(start_key)
        if end is not None and start is not None and end < start:
            ctx.add(PERIOD_END_BEFORE_START(
                sheet=job.name, row=kwargs["row"], column=job.layout.headers[end_key],
                participant=pid, end=values.display(end), start=values.display(start),
                start_column=start_header))


def _parse_column(quiet: _Ctx, col: Column, raws: list[Any], cache: dict[Any, Any], *,
                  blank: Any, sheet: str, header: str) -> tuple[list[Any], bool]:
    """The parsed values of one column, and whether any is ``_MISS`` or ``_BLANK``.

    A blank cell reads as ``blank``; a cell that is worth a finding (or reads as nothing)
    as ``_MISS``, left for the row loop to parse again with its finding. Keys are the
    row loop's: a string is itself, anything else is paired with its type (1, 1.0, True).
    Each distinct value is parsed once; a column whose values cannot be confused as
    dictionary keys (no 1 beside 1.0 or True, no NaN) is mapped without a Python loop
    over its 100,000 cells.
    """
    distinct = dict.fromkeys(raws)
    kinds = set(map(type, raws))  # not of ``distinct``: it has kept 1 and dropped True
    numeric = kinds & _NUMBER_TYPES
    if len(numeric) > 1 or (float in numeric and any(v != v for v in distinct)):  # noqa: PLR0124
        return _parse_column_keyed(quiet, col, raws, cache, blank=blank, sheet=sheet,
                                   header=header)
    lookup, odd = _parse_distinct(quiet, col, ((raw, raw) for raw in distinct), cache,
                                  blank=blank, sheet=sheet, header=header)
    return list(map(lookup.__getitem__, raws)), odd


_NUMBER_TYPES = frozenset({int, float, bool})
"""Types whose values can be equal across types (1 == 1.0 == True) as dictionary keys."""


def _parse_column_keyed(quiet: _Ctx, col: Column, raws: list[Any], cache: dict[Any, Any], *,
                        blank: Any, sheet: str, header: str) -> tuple[list[Any], bool]:
    """``_parse_column`` for a column mixing 1, 1.0 and True, or holding NaN: every cell
    keyed by its type too."""
    ks = [raw if raw.__class__ is str else (raw.__class__, raw) for raw in raws]
    # reversed: every key keeps its first raw value, the one the row loop parses first
    firsts = dict(zip(reversed(ks), reversed(raws), strict=True))
    lookup, odd = _parse_distinct(quiet, col, firsts.items(), cache, blank=blank,
                                  sheet=sheet, header=header)
    get = lookup.get
    return [get(k, _MISS) for k in ks], odd


def _parse_distinct(quiet: _Ctx, col: Column, pairs: Iterable[tuple[Any, Any]],
                    cache: dict[Any, Any], *, blank: Any, sheet: str, header: str
                    ) -> tuple[dict[Any, Any], bool]:
    """Each distinct (lookup key, raw value) of a column parsed once: the lookup, and
    whether any value is ``_MISS`` (worth a finding, NaN) or ``_BLANK``."""
    lookup: dict[Any, Any] = {}
    odd = False
    for key, raw in pairs:
        if raw is None or raw == "" or (raw.__class__ is str and raw.isspace()):
            lookup[key] = blank
            odd = odd or blank is _BLANK
            continue
        if raw != raw:  # noqa: PLR0124  # NaN: not equal to itself, no dictionary finds it
            lookup[key] = _MISS
            odd = True
            continue
        k = raw if raw.__class__ is str else (raw.__class__, raw)
        value = cache.get(k, _MISS)
        if value is _MISS:
            before = quiet.reported
            value = _parse_cell(quiet, col, raw, sheet=sheet, row=0, header=header,
                                participant=None)
            if value is None or quiet.reported != before:
                lookup[key] = _MISS
                odd = True
                continue
            cache[k] = value
        lookup[key] = value
    return lookup, odd


def _field_defaults(record_type: type[Any]) -> dict[str, Any]:
    """What a record field holds when its cell is blank: its default, or the placeholder of
    a field without one (``_required_fields``)."""
    import dataclasses

    placeholders = dict(_required_fields(record_type))
    return {
        f.name: f.default if f.default is not dataclasses.MISSING else placeholders.get(f.name)
        for f in dataclasses.fields(record_type)
    }


def _fast_rows(ctx: _Ctx, job: _Rows, grid: Grid, rows: Iterable[int] | None = None) -> None:
    """The row loop (every row of the sheet, or only ``rows``: 0-based grid indexes)."""
    layout, key_col = job.layout, job.key_col
    pid_index, pid_cache, seen_ids = job.pid_index, job.pid_cache, job.seen_ids
    placeholders, record_type, out = job.placeholders, job.record_type, job.out
    # The loop below runs once per row of a sheet that may hold 100,000 attendance rows:
    # a cell seen before is a dictionary hit (``_cached_parser``), blank tests are inlined,
    # and the row's participant is looked up only for a finding.
    fast = [(c.key, i, parse.cache, parse) for c, i, _, parse in job.parsers]  # type: ignore[attr-defined]
    required = [(i, header) for c, i, header, _ in job.parsers if c.required and not c.blank_ok]
    n_parsers = len(job.parsers)
    miss = _MISS
    for r in range(layout.header_row, layout.last_row) if rows is None else rows:
        row = grid[r]
        width = len(row)
        kwargs: dict[str, Any] = {}
        misses: list[tuple[str, int, ParseFn, Any]] = []
        filled = 0
        for key, idx, cache, parse in fast:
            if idx >= width:
                continue
            raw = row[idx]
            if raw is None or raw == "" or (raw.__class__ is str and raw.isspace()):
                continue
            filled += 1
            value = cache.get(raw if raw.__class__ is str else (raw.__class__, raw), miss)
            if value is miss:
                misses.append((key, idx, parse, raw))
            else:
                kwargs[key] = value
        if not filled:
            continue  # blank, or only the user's own columns filled in
        excel_row = r + 1
        if filled < n_parsers or misses:
            _slow_cells(ctx, job, row, excel_row, misses=misses, kwargs=kwargs,
                        required=required if filled < n_parsers else [])
        kwargs["row"] = excel_row
        if job.periods:
            _check_periods(ctx, job, kwargs, _participant_of(row, pid_index, pid_cache))
        if key_col.type is ColType.ID or key_col.key not in kwargs:
            pid = _participant_of(row, pid_index, pid_cache)
            if not _has_usable_key(ctx, key_col, kwargs, seen_ids=seen_ids, layout=layout,
                                   pid=pid):
                continue
        for field_name, placeholder in placeholders:
            kwargs.setdefault(field_name, placeholder)
        out.append(record_type(**kwargs))


def _slow_cells(ctx: _Ctx, job: _Rows, row: list[Any], excel_row: int, *,
                required: list[tuple[int, str]], misses: list[tuple[str, int, ParseFn, Any]],
                kwargs: dict[str, Any]) -> None:
    """A row's findings: required cells left blank, then cells not read before, in order."""
    pid = _participant_of(row, job.pid_index, job.pid_cache)
    for idx, header in required:
        if idx >= len(row) or is_blank(row[idx]):
            ctx.add(REQUIRED_MISSING(sheet=job.name, row=excel_row, column=header,
                                     participant=pid))
    for key, _idx, parse, raw in misses:
        value = parse(raw, excel_row, job.layout.headers[key], pid)
        if value is not None:
            kwargs[key] = value


FAST = True
"""Read rows with the fast loop; False runs the plain one (tests compare the two)."""


def _plain_rows(ctx: _Ctx, job: _Rows, grid: Grid) -> None:
    """The plain row loop: every cell parsed afresh, in column order."""
    name, layout, key_col, parsers = job.name, job.layout, job.key_col, job.parsers
    for r in range(layout.header_row, layout.last_row):
        row = grid[r]
        width = len(row)
        cells = [
            (col, header, parse, raw)
            for col, idx, header, parse in parsers
            if idx < width and not is_blank(raw := row[idx])
        ]
        if not cells:
            continue
        excel_row = r + 1
        pid = _participant_of(row, job.pid_index, job.pid_cache)
        kwargs: dict[str, Any] = {"row": excel_row}
        present = {c.key for c, _, _, _ in cells}
        for col, _, header, _ in parsers:
            if col.required and not col.blank_ok and col.key not in present:
                ctx.add(REQUIRED_MISSING(sheet=name, row=excel_row, column=header,
                                         participant=pid))
        for col, header, _, raw in cells:
            value = _parse_cell(ctx, col, raw, sheet=name, row=excel_row, header=header,
                                participant=pid)
            if value is not None:
                kwargs[col.key] = value
        _check_periods(ctx, job, kwargs, pid)
        if not _has_usable_key(ctx, key_col, kwargs, seen_ids=job.seen_ids, layout=layout,
                               pid=pid):
            continue
        for field_name, placeholder in job.placeholders:
            kwargs.setdefault(field_name, placeholder)
        job.out.append(job.record_type(**kwargs))


def _spellings(columns: Iterable[Column]) -> dict[str, Column]:
    """Every accepted spelling of the columns' headers (folded) -> its column."""
    known: dict[str, Column] = {}
    for col in columns:
        if col.derived:  # the workbook's formula (a name beside an ID): not data
            continue
        for spelling in (col.header, *col.aliases):
            known.setdefault(fold(spelling), col)
    return known


def _map_columns(ctx: _Ctx, name: str, grid: Grid, header_row: int,
                 mapping: Mapping[int, Column]) -> tuple[dict[str, int], dict[str, str]]:
    """Schema key -> 1-based column and the header as typed; a column found twice is
    reported and its second copy ignored."""
    header_cells = grid[header_row - 1]
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    for c, col in sorted(mapping.items()):
        if col.key in columns:
            ctx.add(DUPLICATE_COLUMN(sheet=name, row=header_row, column=col.header,
                                     first=column_letter(columns[col.key]),
                                     second=column_letter(c + 1)))
            continue
        columns[col.key] = c + 1
        headers[col.key] = str(header_cells[c]).strip()
    return columns, headers


def _locate_columns(ctx: _Ctx, spec: Sheet, name: str, grid: Grid) -> SheetLayout | None:
    """Find the header row and map schema columns to workbook columns by header text."""
    header_row, mapping = _find_header(grid, _spellings(spec.columns))
    if header_row is None:
        ctx.add(HEADER_NOT_FOUND(sheet=name, example=spec.columns[0].header,
                                 rows=HEADER_SEARCH_ROWS))
        return None
    columns, headers = _map_columns(ctx, name, grid, header_row, mapping)
    for col in spec.columns:
        if col.required and col.key not in columns:
            ctx.add(MISSING_COLUMN(sheet=name, row=header_row, column=col.header))
    return SheetLayout(spec.key, name, header_row, columns, headers,
                       _last_filled_row(grid, header_row))


def _has_usable_key(
    ctx: _Ctx, key_col: Column, kwargs: dict[str, Any], *, seen_ids: dict[str, int],
    layout: SheetLayout, pid: str | None,
) -> bool:
    """Rows need their first column: an ID (placeholder if unreadable, unique) or a reference."""
    row = kwargs["row"]
    key_value = kwargs.get(key_col.key)
    if key_value is None:
        if key_col.type is not ColType.ID:
            return False  # e.g. attendance without a participant: reported, unusable
        kwargs[key_col.key] = f"(wiersz {row})"
        return True
    if key_col.type is ColType.ID:
        first = seen_ids.setdefault(key_value, row)
        if first != row:
            ctx.add(DUPLICATE_ID(sheet=layout.name, row=row, column=layout.headers[key_col.key],
                                 participant=pid, value=key_value, first=first))
            return False
    return True


def _participant_of(row: list[Any], index: int | None, cache: dict[Any, str]) -> str | None:
    """The participant a row is about (for findings), parsed once per distinct raw ID."""
    if index is None or index >= len(row):
        return None
    raw = row[index]
    if raw is None or raw == "":
        return None
    pid = cache.get(raw)
    if pid is None:
        pid = cache[raw] = values.parse_id(raw)
    return pid


def _required_fields(record_type: type[Any]) -> list[tuple[str, Any]]:
    """Fields without default, with the placeholder used when their cell was unreadable."""
    import dataclasses

    return [
        (f.name, None if f.name in ("year", "weekday") else "")
        for f in dataclasses.fields(record_type)
        if f.default is dataclasses.MISSING and f.name != "row"
    ]


ParseFn = Callable[[Any, int, str, str | None], Any]
_MISS = object()


def _cached_parser(ctx: _Ctx, col: Column, sheet: str) -> ParseFn:
    """Parser for one column; repeated raw values (statuses, IDs, dates, hours) are parsed
    once: every parser is a function of the cell alone.

    Only values read without a finding are cached: "emerytura; xyz" reads as
    ("emerytura",) *and* a finding about "xyz", which every row that has it must get.
    Values are keyed with their type, so 1, 1.0 and True stay apart.
    """
    cache: dict[Any, Any] = {}

    def parse(raw: Any, row: int, header: str, pid: str | None) -> Any:
        key = raw if raw.__class__ is str else (raw.__class__, raw)
        hit = cache.get(key, _MISS)
        if hit is not _MISS:
            return hit
        before = ctx.reported
        value = _parse_cell(ctx, col, raw, sheet=sheet, row=row, header=header, participant=pid)
        if value is not None and ctx.reported == before:
            cache[key] = value
        return value

    parse.cache = cache  # type: ignore[attr-defined]  # read directly by the row loop
    return parse


_SPLIT = re.compile(r"[;\n,]+")


_SIMPLE_PARSERS: dict[ColType, Callable[[Any], Any]] = {
    ColType.TEXT: values.parse_text,
    ColType.ID: values.parse_id,
    ColType.REF: values.parse_id,
    ColType.TIME: values.parse_time,
    ColType.NUMBER: values.parse_number,
    ColType.INTEGER: values.parse_integer,
    ColType.PERCENT: values.parse_percent,
    ColType.PHONE: values.parse_phone,
    ColType.EMAIL: values.parse_email,
}


def _parse_cell(
    ctx: _Ctx, col: Column, raw: Any, *, sheet: str, row: int, header: str,
    participant: str | None,
) -> Any:
    """Typed value of one non-blank cell, or None after adding a located finding."""
    where: dict[str, Any] = {
        "sheet": sheet, "row": row, "column": header, "participant": participant,
    }
    if cell_errors.is_error(raw):
        ctx.add(FORMULA_ERROR(**where, value=raw.strip()))
        return None
    if col.type is ColType.CHOICE:
        return _parse_choice(ctx, col, raw, where)
    try:
        if col.type is ColType.PESEL:
            pesel, recovered = values.parse_pesel(raw)
            if recovered:
                ctx.add(PESEL_RECOVERED(**where, value=values.display(raw), pesel=pesel))
            return pesel
        if col.type is ColType.DATE:
            return values.parse_date(raw, date1904=ctx.date1904)
        value = _SIMPLE_PARSERS[col.type](raw)
        if (col.minimum is not None and value < col.minimum) or (
                col.maximum is not None and value > col.maximum):
            ctx.add(VALUE_OUT_OF_RANGE(**where, value=values.display(raw),
                                       allowed=_allowed(col.minimum, col.maximum)))
            return None
        return value
    except values.CellProblem as problem:
        ctx.add(problem.ftype(**where, **problem.params))
        if problem.ftype is INVALID_EMAIL:
            return values.parse_text(raw)  # keep it: a typo in an address is not fatal
    return None


def _allowed(low: float | None, high: float | None) -> str:
    """The range of a column in words, for ``value-out-of-range``."""
    def n(x: float) -> str:
        return values.display(x).replace(".", ",")

    if low is not None and high is not None:
        return f"dozwolone są liczby od {n(low)} do {n(high)}"
    if low is not None:
        return "liczba nie może być ujemna" if low == 0 else f"najmniej {n(low)}"
    assert high is not None
    return f"najwyżej {n(high)}"


def _parse_choice(ctx: _Ctx, col: Column, raw: Any, where: dict[str, Any]) -> Any:
    assert col.vocab is not None
    voc = vocab.BY_KEY[col.vocab]
    extra = ctx.club.club_terms.get(voc.key, ())
    text = values.parse_text(raw)
    parts = [p.strip() for p in _SPLIT.split(text)] if col.multi else [text]
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        hit = voc.match(part, extra)
        if hit is None:
            near = nearest(part, voc.values + list(extra))
            hint = f" Czy chodziło o „{near[0]}”?" if near else ""
            extend = (" albo dopisz nową wartość do listy w arkuszu „Listy”"
                      if voc.extensible else "")
            ctx.add(INVALID_CHOICE(**where, value=part, list=voc.label, hint=hint,
                                   extend=extend))
            continue
        out.append(hit)
    if col.multi:
        return tuple(out) if out else None
    return out[0] if out else None


_REF_TARGET_KEY = {"participants": "id", "activities": "id", "meetings": "id"}


def _check_references(ctx: _Ctx) -> None:
    """Every ID typed in a referencing column must exist in the sheet it points to."""
    club = ctx.club
    for spec in schema.SHEETS:
        if spec.kind is not SheetKind.DATA or spec.key not in club.layouts:
            continue
        layout = club.layouts[spec.key]
        for col in spec.columns:
            if col.type is not ColType.REF or col.ref not in club.layouts:
                continue
            known = {r.id for r in getattr(club, col.ref)}
            target = club.layouts[col.ref].name
            header = layout.headers.get(col.key, col.header)
            for rec in getattr(club, spec.key):
                value = getattr(rec, col.key)
                if value and value not in known:
                    pid = value if col.ref == "participants" else getattr(
                        rec, "participant", None)
                    ctx.add(UNKNOWN_REFERENCE(sheet=layout.name, row=rec.row, column=header,
                                              participant=pid or None, value=value,
                                              target=target))


def records_by_sheet(club: Club) -> Iterable[tuple[str, list[Any]]]:
    for key in RECORD_TYPES:
        yield key, getattr(club, key)
