"""``kis-xl zestawienie``: the supervising office's summary of many clubs' reports.

Reads only the "Dane" sheet of the report files (``kis-xl report``'s
``… - dane.xlsx``: totals, no personal data) found in one folder, and writes
one workbook: a row per club and year, totals per year and category, the
remarks (a club reported twice for a year; category rows that do not add up to
the club's total) and, given a list of expected clubs, those whose report is
missing. Cells "<3" (small counts hidden by the club) are not added: a total
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

from kis_xl.actions.errors import KisError
from kis_xl.report.totals import SMALL, SUPPRESSED
from kis_xl.report.workbook import DATA_SHEET, FORMAT_ID, MEASURES, TEXT_KEYS
from kis_xl.workbook.text import fold

if TYPE_CHECKING:
    import pandas as pd

PREFIX = "uczestnicy."
TOTAL_KEY = "razem"
ID_COLUMNS = ("plik", "klub", "regon", "podmiot", "rok")
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


@dataclass
class Summary:
    clubs: pd.DataFrame
    """A row per report file: identity, then every value of its "Dane" sheet."""
    labels: dict[str, str]
    """Data key -> Polish description (from the files)."""
    remarks: list[tuple[str, str, str]] = field(default_factory=list)
    """(file, club, Polish remark)."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(file, why) for files in the folder that are not report files."""
    missing: list[str] = field(default_factory=list)
    """Expected clubs with no report (for the years found)."""

    def totals(self) -> pd.DataFrame:
        """Per year: the sum of every numeric key over the clubs (duplicates counted once,
        the last file by name wins); "<3" cells are counted apart as ``ukryte:<key>``."""
        import pandas as pd

        df = self.clubs.drop_duplicates(subset=["_key", "rok"], keep="last")
        keys = [c for c in df.columns
                if c not in ID_COLUMNS and c not in TEXT_KEYS and not c.startswith("_")]
        numeric = df[keys].apply(pd.to_numeric, errors="coerce")
        sums = numeric.groupby(df["rok"]).sum(min_count=1)
        hidden = (df[keys] == SUPPRESSED).groupby(df["rok"]).sum()
        hidden = hidden.loc[:, hidden.any()].add_prefix("ukryte:")
        sums.insert(0, "klubow", df.groupby("rok").size())
        return sums.join(hidden)


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
    if isinstance(values.get("rok"), float):
        values["rok"] = int(values["rok"])
    values["_labels"] = labels
    return values


def _club_key(values: dict[str, Any]) -> str:
    regon = str(values.get("regon") or "").strip()
    return regon if regon else "nazwa:" + fold(str(values.get("klub") or ""))


def summarise(folder: Path, expected: Path | None = None) -> Summary:
    import pandas as pd

    if not folder.is_dir():
        raise SummaryError(f"Nie ma folderu „{folder}”. Podaj folder z plikami sprawozdań.")
    records: list[dict[str, Any]] = []
    labels: dict[str, str] = {}
    skipped: list[tuple[str, str]] = []
    for path in sorted(folder.glob("*.xlsx")):
        if path.name.startswith(("~$", ".~")):
            continue
        try:
            values = read_report(path)
        except SummaryError as exc:
            skipped.append((path.name, exc.message))
            continue
        for key, label in values.pop("_labels").items():
            if label:
                labels.setdefault(key, str(label))
        values["plik"] = path.name
        values["_key"] = _club_key(values)
        records.append(values)
    if not records:
        raise SummaryError(f"W folderze „{folder}” nie ma plików sprawozdań kis-xl (arkusz "
                           f"„{DATA_SHEET}”). Zapisz tam pliki „… - dane.xlsx” z klubów.")
    clubs = pd.DataFrame.from_records(records)
    front = [c for c in ID_COLUMNS if c in clubs.columns]
    rest = [c for c in clubs.columns if c not in front and c not in ("format", "wersja")]
    clubs = clubs[front + rest]
    summary = Summary(clubs=clubs, labels=labels, skipped=skipped)
    _duplicates(summary)
    _inconsistent(summary)
    if expected is not None:
        summary.missing = _missing(clubs, expected)
    return summary


def _duplicates(summary: Summary) -> None:
    df = summary.clubs
    counts = df.groupby(["_key", "rok"])["plik"].transform("count")
    for _, row in df[counts > 1].iterrows():
        others = [f for f in df[(df["_key"] == row["_key"]) & (df["rok"] == row["rok"])]["plik"]
                  if f != row["plik"]]
        summary.remarks.append((row["plik"], str(row["klub"]),
                                f"sprawozdanie za rok {row['rok']} złożone więcej niż raz "
                                f"(także: {', '.join(others)}); w sumach liczy się tylko "
                                "ostatni plik według nazwy"))


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
            summary.remarks.append((df.at[i, "plik"], str(df.at[i, "klub"]),
                                    f"niezgodne sumy: „{label}” – razem {_plain(total[i]):g}, "
                                    f"a suma kategorii {expect}"))


def _missing(clubs: pd.DataFrame, expected: Path) -> list[str]:
    """Expected clubs (one a line: REGON or name; .txt/.csv) without a report file."""
    try:
        lines = expected.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise SummaryError(f"Nie można odczytać listy klubów „{expected}”: "
                           f"{exc.strerror}.") from None
    regons = {str(r).strip() for r in clubs["regon"].dropna()} if "regon" in clubs else set()
    names = {fold(str(n)) for n in clubs["klub"].dropna()} if "klub" in clubs else set()
    missing = []
    for line in lines:
        entry = line.split(";")[0].split("\t")[0].strip()
        if not entry or entry.startswith("#"):
            continue
        if entry in regons or fold(entry) in names:
            continue
        missing.append(line.strip())
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
               "rok": "Rok", "ukrywanie": "Małe liczby ukryte"}
    for col, key in enumerate(columns, start=1):
        put(ws, 1, col, headers.get(key) or summary.labels.get(key) or key).font = bold
    flagged = {f for f, _, _ in summary.remarks}
    for r, values in enumerate(df[columns].to_numpy(dtype=object).tolist(), start=2):
        for col, value in enumerate(values, start=1):
            if value is not None and not _is_nan(value):
                put(ws, r, col, value)
        if values[0] in flagged:
            put(ws, r, len(columns) + 1, "zob. „Uwagi”")
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
    for col, h in enumerate(("Plik", "Klub", "Uwaga"), start=1):
        put(remarks, 1, col, h).font = bold
    rows = [*summary.remarks, *((f, "", f"pominięto: {why}") for f, why in summary.skipped)]
    for r, values in enumerate(rows, start=2):
        for col, v in enumerate(values, start=1):
            put(remarks, r, col, v)
    if summary.missing:
        miss = wb.create_sheet("Brakujące")
        put(miss, 1, 1, "Klub bez sprawozdania (z listy oczekiwanych)").font = bold
        for r, line in enumerate(summary.missing, start=2):
            put(miss, r, 1, line)


def _is_nan(value: Any) -> bool:
    import math

    return isinstance(value, float) and math.isnan(value)


def _plain(value: Any) -> Any:
    """numpy scalars -> Python numbers (openpyxl writes those)."""
    item = getattr(value, "item", None)
    return item() if callable(item) else value
