"""``kis-xl zestawienie``: the supervising office's summary of many clubs' reports.

Reads only the "Dane" sheet of the report files (``kis-xl report``'s
``… - dane.xlsx``: totals, no personal data) found in one folder, and writes
one workbook: a row per club and year, totals per year and category, the
remarks (a club reported twice for a year; category rows that do not add up to
the club's total; words or negative numbers typed into a file; totals that
cannot all be true) and, given a list of expected clubs, those whose report is
missing for a year.

A club is its entry in the voivode's register (number and date of entry,
art. 18a), or, in files without it, its name with the operator's REGON: one
gmina may run two clubs, so the REGON alone never identifies a club. Of several
reports of one club for one year the newest ("utworzono") counts, whatever the
files are called. Cells "<3" (small counts hidden by the club) are not added: a total
that contains them says how many were hidden, and the consistency check then
allows 1–2 for each.

pandas does the grouping and the sums (imported here only, never on a ribbon
click); python-calamine reads the one sheet of each file, which keeps a
voivodeship's few hundred files to a few seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kis_xl.domain.finding_types.report import (
    SUMMARY_BAD_VALUE,
    SUMMARY_DUPLICATE,
    SUMMARY_IMPOSSIBLE,
    SUMMARY_INCONSISTENT,
)
from kis_xl.domain.findings import FindingType
from kis_xl.domain.text import fold
from kis_xl.plan.errors import KisError
from kis_xl.report.summary_checks import clean_number, impossible, is_numeric_key
from kis_xl.report.totals import SMALL, SUPPRESSED
from kis_xl.report.workbook import DATA_SHEET, FORMAT_ID, MEASURES, TEXT_KEYS

if TYPE_CHECKING:
    import pandas as pd

PREFIX = "uczestnicy."
TOTAL_KEY = "razem"
ID_COLUMNS = ("plik", "klub", "nr_rejestru", "data_wpisu", "regon", "podmiot",
              "rok", "utworzono")
NUMBER_KEYS = ("kadra.osoby", "kadra.etaty", "zajecia.spotkania", "zajecia.godziny",
               "zajecia.godziny_uczestnikow", "dotacje.przyznana", "dotacje.wykorzystana",
               "dotacje.zwrocona")
LABELS = {
    "kadra.osoby": "Kadra – osoby", "kadra.etaty": "Kadra – etaty",
    "zajecia.spotkania": "Spotkania", "zajecia.godziny": "Godziny zajęć",
    "zajecia.godziny_uczestnikow": "Godziny uczestników",
    "dotacje.przyznana": "Dotacje przyznane (zł)", "dotacje.wykorzystana":
    "Dotacje wykorzystane (zł)", "dotacje.zwrocona": "Dotacje zwrócone (zł)",
}


class SummaryError(KisError):
    exit_code = 2


@dataclass(frozen=True)
class Remark:
    """One finding about one report file (codes declared in ``finding_types.report``)."""

    file: str
    club: str
    text: str
    code: str


def _remark(file: str, club: Any, kind: FindingType, **params: Any) -> Remark:
    return Remark(file, str(club), kind.template.format(**params), kind.code)


@dataclass
class Summary:
    clubs: pd.DataFrame
    """A row per report file: identity, then every value of its "Dane" sheet."""
    labels: dict[str, str]
    """Data key -> Polish description (from the files)."""
    remarks: list[Remark] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(file, why) for files in the folder that are not report files."""
    missing: list[tuple[str, int]] = field(default_factory=list)
    """(expected club's line, year) for each year found in the folder with no report."""

    def counted(self) -> pd.DataFrame:
        """The reports that go into the sums: the newest of each club and year, without
        those with values that cannot be summed or totals that cannot be true."""
        df = self.clubs
        return df[df["_newest"] & ~df["_excluded"]]

    def totals(self) -> pd.DataFrame:
        """Per year: the sum of every numeric key over the counted reports; "<3" cells are
        counted apart as ``ukryte:<key>``; left-out reports as ``pominiete``."""
        import pandas as pd

        df = self.counted()
        keys = [c for c in df.columns
                if c not in ID_COLUMNS and c not in TEXT_KEYS and not c.startswith("_")]
        numeric = df[keys].apply(pd.to_numeric, errors="coerce")
        sums = numeric.groupby(df["rok"]).sum(min_count=1)
        hidden = (df[keys] == SUPPRESSED).groupby(df["rok"]).sum()
        hidden = hidden.loc[:, hidden.any()].add_prefix("ukryte:")
        sums.insert(0, "klubow", df.groupby("rok").size())
        out = sums.join(hidden)
        left_out = self.clubs[self.clubs["_newest"] & self.clubs["_excluded"]]
        if len(left_out):
            out["pominiete"] = left_out.groupby("rok").size()
            out["pominiete"] = out["pominiete"].fillna(0).astype(int)
        return out


def read_report(path: Path) -> dict[str, Any]:
    """The key -> value pairs of one report file's "Dane" sheet; KisError when it is not one.

    python-calamine reads only that sheet (openpyxl took ~0.1 s a file: styles, all sheets).
    """
    import zipfile

    from python_calamine import CalamineWorkbook

    if not zipfile.is_zipfile(path):
        raise SummaryError("to nie jest skoroszyt .xlsx (może zaszyfrowany lub uszkodzony)")
    try:
        book = CalamineWorkbook.from_path(str(path))
        if DATA_SHEET not in book.sheet_names:
            raise SummaryError(f"brak arkusza „{DATA_SHEET}” – to nie jest plik sprawozdania")
        rows = book.get_sheet_by_name(DATA_SHEET).to_python()
    except SummaryError:
        raise
    except Exception as exc:  # calamine raises several unrelated types for broken files
        raise SummaryError(f"nie da się odczytać ({type(exc).__name__})") from None
    values: dict[str, Any] = {}
    labels: dict[str, Any] = {}
    for row in rows[1:]:
        if row and isinstance(row[0], str) and row[0]:
            value = row[1] if len(row) > 1 else None
            if isinstance(value, float) and value.is_integer() and not row[0].startswith(
                    ("dotacje.", "kadra.etaty", "zajecia.godziny")):
                value = int(value)
            values[row[0]] = None if value == "" else value
            labels[row[0]] = row[2] if len(row) > 2 else None
    if values.get("format") != FORMAT_ID:
        raise SummaryError("arkusz „Dane” nie pochodzi z kis-xl report")
    year = values.get("rok")
    if (isinstance(year, float) and year.is_integer()) or (
            isinstance(year, str) and year.strip().isdigit()):
        values["rok"] = int(year)
    values["_labels"] = labels
    return values


def _text(value: Any) -> str:
    """A cell as text; a date typed over an ISO text is the same date."""
    from datetime import date, datetime

    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _club_key(values: dict[str, Any]) -> str:
    """The register entry (number and date of entry), else club name + operator's REGON."""
    number = _text(values.get("nr_rejestru"))
    if number:
        return f"rejestr:{fold(number)}|{_text(values.get('data_wpisu'))}"
    return f"nazwa:{fold(_text(values.get('klub')))}|regon:{_text(values.get('regon'))}"


def _checked(values: dict[str, Any], labels: dict[str, Any], file: str) -> list[Remark]:
    """Numbers typed as text become numbers; words and negative numbers become remarks
    (and leave the value out); totals that cannot be true become remarks."""
    remarks = []
    for key in [k for k in values if is_numeric_key(k)]:
        value, why = clean_number(key, values[key])
        if why is None:
            values[key] = value
            continue
        remarks.append(_remark(file, values.get("klub"), SUMMARY_BAD_VALUE, key=key,
                               label=labels.get(key) or key, value=values[key], why=why))
        values[key] = None
    for rule, broken in impossible(values):
        remarks.append(_remark(file, values.get("klub"), SUMMARY_IMPOSSIBLE, rule=rule,
                               values=broken))
    return remarks


def summarise(folder: Path, expected: Path | None = None) -> Summary:
    import pandas as pd

    if not folder.is_dir():
        raise SummaryError(f"Nie ma folderu „{folder}”. Podaj folder z plikami sprawozdań.")
    records: list[dict[str, Any]] = []
    labels: dict[str, str] = {}
    skipped: list[tuple[str, str]] = []
    remarks: list[Remark] = []
    for path in sorted(folder.glob("*.xlsx")):
        if path.name.startswith(("~$", ".~")):
            continue
        try:
            values = read_report(path)
        except SummaryError as exc:
            skipped.append((path.name, exc.message))
            continue
        file_labels = values.pop("_labels")
        for key, label in file_labels.items():
            if label:
                labels.setdefault(key, str(label))
        if not isinstance(values.get("rok"), int):
            skipped.append((path.name, f"rok sprawozdawczy „{values.get('rok')}” nie jest "
                                       "liczbą"))
            continue
        values["plik"] = path.name
        values["_key"] = _club_key(values)
        found = _checked(values, file_labels, path.name)
        values["_excluded"] = bool(found)
        remarks += found
        records.append(values)
    if not records:
        raise SummaryError(f"W folderze „{folder}” nie ma plików sprawozdań kis-xl (arkusz "
                           f"„{DATA_SHEET}”). Zapisz tam pliki „… - dane.xlsx” z klubów.")
    clubs = pd.DataFrame.from_records(records)
    front = [c for c in ID_COLUMNS if c in clubs.columns]
    rest = [c for c in clubs.columns if c not in front and c not in ("format", "wersja")]
    clubs = clubs[front + rest]
    clubs["_made"] = (clubs["utworzono"].map(_text) if "utworzono" in clubs
                      else "")
    order = clubs.sort_values(["_made", "plik"]).index
    clubs["_newest"] = False
    clubs.loc[clubs.loc[order].drop_duplicates(subset=["_key", "rok"], keep="last").index,
              "_newest"] = True
    summary = Summary(clubs=clubs, labels=labels, skipped=skipped, remarks=remarks)
    _duplicates(summary)
    _inconsistent(summary)
    if expected is not None:
        summary.missing = _missing(clubs, expected)
    return summary


def _duplicates(summary: Summary) -> None:
    """Several reports of one club for one year: the newest counts (by "utworzono"; a file
    without it is older than any with it; then the file name)."""
    df = summary.clubs
    counts = df.groupby(["_key", "rok"])["plik"].transform("count")
    for _, row in df[counts > 1].iterrows():
        same = df[(df["_key"] == row["_key"]) & (df["rok"] == row["rok"])]
        others = [f for f in same["plik"] if f != row["plik"]]
        newest = same[same["_newest"]].iloc[0]
        when = f" (sporządzony {newest['_made'].replace('T', ' ')})" if newest["_made"] else ""
        which = ("w sumach liczy się ten plik – najnowszy" + when if row["_newest"] else
                 f"w sumach liczy się nowszy plik „{newest['plik']}”{when}")
        summary.remarks.append(_remark(row["plik"], row["klub"], SUMMARY_DUPLICATE,
                                       year=row["rok"], others=", ".join(others), which=which))


def _inconsistent(summary: Summary) -> None:
    """Categories (art. 1 ust. 2 and the club's own) must add up to the club's total row;
    each hidden "<3" cell stands for 1 or 2."""
    import pandas as pd

    df = summary.clubs
    for measure, label in MEASURES:
        total_col = f"{PREFIX}{TOTAL_KEY}.{measure}"
        if total_col not in df.columns:
            continue
        cols = [c for c in df.columns if c.startswith(PREFIX) and c.endswith("." + measure)
                and c != total_col]
        cells = df[cols]
        known = cells.apply(pd.to_numeric, errors="coerce").sum(axis=1)
        hidden = (cells == SUPPRESSED).sum(axis=1)
        total = pd.to_numeric(df[total_col], errors="coerce")
        low, high = known + hidden, known + (SMALL - 1) * hidden
        bad = total.notna() & ((total < low) | (total > high))
        for i in df.index[bad]:
            expect = str(int(known[i])) if not hidden[i] else f"{int(low[i])}–{int(high[i])}"
            summary.remarks.append(_remark(df.at[i, "plik"], df.at[i, "klub"],
                                           SUMMARY_INCONSISTENT, label=label,
                                           total=f"{_plain(total[i]):g}", expected=expect))


_LIST_HEADERS = frozenset({"regon", "nazwa", "nazwa klubu", "klub", "numer w rejestrze"})
"""A header row of the list (Excel users head their columns) is not a club."""


def _missing(clubs: pd.DataFrame, expected: Path) -> list[tuple[str, int]]:
    """Expected clubs (one a line: register number, REGON or name; .txt/.csv in any Windows
    encoding, or .xlsx: one a row) without a report for a year, for every year found in the
    folder."""
    from kis_xl.report.windows_text import read_lines

    lines = read_lines(expected, "lista klubów")
    years = sorted({int(y) for y in clubs["rok"]})
    reported: dict[int, set[str]] = {year: set() for year in years}
    for _, row in clubs.iterrows():
        names = {fold(_text(row.get(k))) for k in ("nr_rejestru", "regon", "klub")}
        reported[int(row["rok"])] |= names - {""}
    missing = []
    for line in lines:
        entry = line.split(";")[0].split("\t")[0].strip()
        if not entry or entry.startswith("#") or fold(entry) in _LIST_HEADERS:
            continue
        missing += [(line.strip(), year) for year in years if fold(entry) not in reported[year]]
    return missing


def write_summary(summary: Summary, target: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from kis_xl.sinks.xlsx.safe_text import put

    bold = Font(bold=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "Zestawienie"
    df = summary.clubs
    columns = [c for c in df.columns if not c.startswith("_")]
    headers = {"plik": "Plik", "klub": "Klub", "regon": "REGON", "podmiot": "Podmiot",
               "rok": "Rok", "ukrywanie": "Małe liczby ukryte",
               "nr_rejestru": "Nr w rejestrze", "data_wpisu": "Data wpisu",
               "utworzono": "Sporządzono"}
    for col, key in enumerate(columns, start=1):
        put(ws, 1, col, headers.get(key) or summary.labels.get(key) or key).font = bold
    flagged = {r.file for r in summary.remarks}
    left_out = set(df.loc[df["_excluded"] | ~df["_newest"], "plik"])
    for r, values in enumerate(df[columns].to_numpy(dtype=object).tolist(), start=2):
        for col, value in enumerate(values, start=1):
            if value is not None and not _is_nan(value):
                put(ws, r, col, value)
        if values[0] in flagged:
            put(ws, r, len(columns) + 1, "pominięty w sumach – zob. „Uwagi”"
                if values[0] in left_out else "zob. „Uwagi”")
    put(ws, 1, len(columns) + 1, "Uwagi").font = bold
    ws.freeze_panes = "C2"
    _sums_sheet(wb.create_sheet("Sumy"), summary, bold)
    _remarks_sheets(wb, summary, bold)
    try:
        wb.save(target)
    except OSError as exc:
        raise SummaryError(f"Nie można zapisać „{target}”: {exc.strerror}. Zamknij plik, "
                           "jeśli jest otwarty.") from None


def _sums_sheet(sums: Any, summary: Summary, bold: Any) -> None:
    from kis_xl.sinks.xlsx.safe_text import put

    table = summary.totals()
    put(sums, 1, 1, "Wielkość").font = bold
    for c, year in enumerate(table.index, start=2):
        put(sums, 1, c, f"Rok {year}").font = bold
    for r, key in enumerate(table.columns, start=2):
        name = ("Liczba klubów" if key == "klubow" else
                "Sprawozdania pominięte w sumach (błędy – zob. „Uwagi”)" if key == "pominiete"
                else
                f"Ukryte („<3”) – {summary.labels.get(key[7:], key[7:])}"
                if key.startswith("ukryte:") else summary.labels.get(key, LABELS.get(key, key)))
        put(sums, r, 1, name)
        for c, year in enumerate(table.index, start=2):
            value = table.at[year, key]
            put(sums, r, c, None if _is_nan(value) else _plain(value))
    sums.column_dimensions["A"].width = 70


def _remarks_sheets(wb: Any, summary: Summary, bold: Any) -> None:
    from kis_xl.sinks.xlsx.safe_text import put

    remarks = wb.create_sheet("Uwagi")
    for col, h in enumerate(("Plik", "Klub", "Uwaga", "Kod"), start=1):
        put(remarks, 1, col, h).font = bold
    rows = [*((r.file, r.club, r.text, r.code) for r in summary.remarks),
            *((f, "", f"pominięto: {why}", "") for f, why in summary.skipped)]
    for r, values in enumerate(rows, start=2):
        for col, v in enumerate(values, start=1):
            put(remarks, r, col, v)
    if summary.missing:
        miss = wb.create_sheet("Brakujące")
        put(miss, 1, 1, "Klub bez sprawozdania (z listy oczekiwanych)").font = bold
        put(miss, 1, 2, "Rok").font = bold
        for r, (line, year) in enumerate(summary.missing, start=2):
            put(miss, r, 1, line)
            put(miss, r, 2, year)


def _is_nan(value: Any) -> bool:
    import math

    return isinstance(value, float) and math.isnan(value)


def _plain(value: Any) -> Any:
    """numpy scalars -> Python numbers (openpyxl writes those)."""
    item = getattr(value, "item", None)
    return item() if callable(item) else value
