"""The report's totals as an .xlsx: a readable sheet and a machine-readable one.

"Sprawozdanie" shows the same tables as the Word report (rendered like every
result sheet, so formula-looking text stays text); "Dane" holds one value a
row under a stable key (``uczestnicy.5.efekt``), which is what the supervising
office's ``kis-xl zestawienie`` reads from many clubs' files. Both carry the
same published numbers: with suppression on, 1 and 2 are "<3" in both.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from kis_xl.actions.sheetspec import INT_FORMAT, Block, Col, GeneratedSheet
from kis_xl.report.document import extension_codes, money
from kis_xl.report.totals import ReportTotals

FORMAT_ID = "kis-xl-sprawozdanie"
FORMAT_VERSION = 1
DATA_SHEET = "Dane"
REPORT_SHEET = "Sprawozdanie"
MEASURES: tuple[tuple[str, str], ...] = (
    ("uczestnicy", "Uczestnicy"),
    ("ukonczyli", "Ukończyli"),
    ("przerwali", "Przerwali"),
    ("efekt_spoleczny", "Efekt społeczny"),
    ("efekt_zawodowy", "Efekt zawodowy"),
    ("efekt", "Jakikolwiek efekt"),
    ("zatrudnieni_po_ukonczeniu", "Zatrudnieni po ukończeniu"),
)
MONEY_FORMAT = "#,##0.00"
HOURS_FORMAT = "0.##"


def _measures(t: ReportTotals, c: Any, *, true: bool = False) -> list[int | str]:
    values = [c.participants, c.completed, c.dropped_out, c.with_social_effect,
              c.with_professional_effect, c.with_effect, c.employed_after_completion]
    return values if true else [t.count(v) for v in values]


def category_rows(t: ReportTotals) -> list[tuple[str, str, list[int | str]]]:
    """(key, label, published values) per category, the club's own ones, then "razem"."""
    rows = [(c.code, c.category, _measures(t, c)) for c in t.categories]
    for c, nr in zip(t.extensions, extension_codes(t), strict=True):
        key = "bez" if nr == "–" else nr
        label = c.category if nr == "–" else f"{c.category} (dopisana przez klub, § 8)"
        rows.append((key, label, _measures(t, c)))
    rows.append(("razem", "Razem (każdy uczestnik raz)", _measures(t, t.participants, true=True)))
    return rows


def data_rows(t: ReportTotals, *, made_at: datetime | None = None
              ) -> list[tuple[str, Any, str]]:
    """(key, value, Polish description) – the "Dane" sheet.

    ``made_at`` (when the file was made, ISO text) and the register number and date of
    entry let ``kis-xl zestawienie`` tell clubs and corrected reports apart.
    """
    g = t.general
    entered = g.get("kis_register_date")
    rows: list[tuple[str, Any, str]] = [
        ("format", FORMAT_ID, "Rodzaj pliku (nie zmieniaj)"),
        ("wersja", FORMAT_VERSION, "Wersja układu danych"),
        ("rok", t.year, "Rok sprawozdawczy"),
        *([("made_at", f"{made_at:%Y-%m-%dT%H:%M:%S}", "Data i godzina sporządzenia pliku")]
          if made_at is not None else []),
        ("klub", g["club_name"], "Nazwa klubu"),
        ("kis_register_number", g.get("kis_register_number"),
         "Numer w rejestrze wojewody (KIS)"),
        ("kis_register_date", f"{entered:%Y-%m-%d}" if entered else None,
         "Data wpisu do rejestru"),
        ("podmiot", g["operator"], "Podmiot prowadzący"),
        ("regon", g["regon"], "REGON podmiotu prowadzącego"),
        ("adres_klubu", g["club_address"], "Adres klubu"),
        ("urzad_wojewodzki", g["voivode_office"], "Urząd wojewódzki"),
        ("ukrywanie", "tak" if t.suppress else "nie", "Liczby 1–2 ukryte jako „<3”"),
        ("kadra.osoby", t.staff.people, "Kadra: liczba osób"),
        ("kadra.etaty", t.staff.fte, "Kadra: łączny wymiar etatu"),
    ]
    for key, label, values in category_rows(t):
        for (measure, mlabel), value in zip(MEASURES, values, strict=True):
            rows.append((f"uczestnicy.{key}.{measure}", value, f"{label}: {mlabel}"))
    rows += [
        ("zajecia.spotkania", t.meetings, "Zajęcia: liczba spotkań"),
        ("zajecia.godziny", t.delivered_hours, "Zajęcia: godziny zajęć"),
        ("zajecia.godziny_uczestnikow", t.participant_hours, "Zajęcia: godziny uczestników"),
        ("dotacje.przyznana", t.grants.granted, "Dotacje: kwota przyznana (zł)"),
        ("dotacje.wykorzystana", t.grants.spent, "Dotacje: kwota wykorzystana (zł)"),
        ("dotacje.zwrocona", t.grants.returned, "Dotacje: kwota zwrócona (zł)"),
    ]
    return rows


def report_sheet(t: ReportTotals) -> GeneratedSheet:
    g = t.general
    general = Block("I. Dane ogólne", [Col("Pole", 44), Col("Wartość", 26, wrap=True)], [
        ["Nazwa klubu", g["club_name"]], ["Podmiot prowadzący", g["operator"]],
        ["REGON podmiotu prowadzącego", g["regon"]],
        ["Adres podmiotu prowadzącego", g["operator_address"]],
        ["Adres klubu", g["club_address"]], ["Data utworzenia klubu", g["created_date"]],
        ["Data rozpoczęcia działalności", g["activity_start"]],
        ["Osoba kierująca klubem", g["coordinator"]],
        ["Okres sprawozdawczy", f"01.01.{t.year} – {t.period_end:%d.%m.%Y}"
                                + (" (rok w toku)" if t.year_running else "")],
    ])
    staff = Block("II. Kadra klubu", [Col("Funkcja", 44),
                                      Col("Podstawa zatrudnienia", 26, wrap=True),
                                      Col("Liczba osób", 11, INT_FORMAT),
                                      Col("Wymiar etatu", 11, HOURS_FORMAT)],
                  [[r.role, r.basis, r.people, r.fte] for r in t.staff.by_role]
                  + [["Razem", None, t.staff.people, t.staff.fte]],
                  marks=[*([None] * len(t.staff.by_role)), "total"])
    cats = category_rows(t)
    people = Block(
        "III. Uczestnicy według kategorii (art. 1 ust. 2 ustawy) i efekty reintegracji",
        [Col("Kategoria (nr – art. 1 ust. 2; K – dopisana przez klub)", 44, wrap=True),
         *(Col(label, 12, INT_FORMAT) for _, label in MEASURES)],
        [[label if key == "razem" else f"{key}. {label}", *values]
         for key, label, values in cats],
        marks=[*([None] * (len(cats) - 1)), "total"],
        note="Liczby osób; każdy uczestnik raz, według kategorii głównej. Kategorie K – "
             "dopisane przez klub (§ 8 regulaminu), poza art. 1 ust. 2."
             + (" „<3” – liczba 1 lub 2 ukryta (RODO); wiersz „Razem” podaje prawdziwe sumy."
                if t.suppress else ""),
    )
    activities = Block(
        "IV. Zajęcia zrealizowane w klubie",
        [Col("Zajęcia", 44, wrap=True), Col("Forma", 14), Col("Spotkania", 11, INT_FORMAT),
         Col("Godziny zajęć", 11, HOURS_FORMAT), Col("Godziny uczestników", 12, HOURS_FORMAT),
         Col("Uczestnicy", 11, INT_FORMAT)],
        [[a.name, a.form, a.meetings, a.delivered_hours, a.participant_hours,
          t.count(a.participants)] for a in t.activities]
        + [["Razem", None, t.meetings, t.delivered_hours, t.participant_hours, None]],
        marks=[*([None] * len(t.activities)), "total"],
    )
    effects = Block(
        "Efekty zajęć – rezultaty uczestników według rodzaju",
        [Col("Rodzaj rezultatu", 44, wrap=True), Col("Rezultaty", 11, INT_FORMAT),
         Col("Osoby", 11, INT_FORMAT)],
        [[e.type, e.outcomes, t.count(e.participants)] for e in t.effects],
    )
    grants = Block(
        f"V. Rozliczenie dotacji za rok {t.year}",
        [Col("Źródło dotacji", 44, wrap=True), Col("Przeznaczenie", 26, wrap=True),
         Col("Przyznana (zł)", 13, MONEY_FORMAT), Col("Wykorzystana (zł)", 13, MONEY_FORMAT),
         Col("Zwrócona (zł)", 13, MONEY_FORMAT), Col("Data rozliczenia", 13)],
        [[x.source, x.purpose, x.granted, x.spent, x.returned, x.settled_on]
         for x in t.grants.rows]
        + [["Razem", None, t.grants.granted, t.grants.spent, t.grants.returned, None]],
        marks=[*([None] * len(t.grants.rows)), "total"],
        note=f"Razem: przyznano {money(t.grants.granted)} zł, wykorzystano "
             f"{money(t.grants.spent)} zł, zwrócono {money(t.grants.returned)} zł.",
    )
    return GeneratedSheet(
        key="report", name=REPORT_SHEET,
        title=f"Sprawozdanie z działalności klubu integracji społecznej za rok {t.year}",
        subtitle="art. 18a ust. 6 ustawy o zatrudnieniu socjalnym; układ wzorowany na "
                 "sprawozdaniu CIS (Dz. U. z 2017 r. poz. 97). Bez danych osobowych.",
        blocks=[general, staff, people, activities, effects, grants],
    )


def report_workbook(t: ReportTotals, *, when: datetime) -> bytes:
    """The .xlsx bytes: "Sprawozdanie" then "Dane"."""
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    from kis_xl.sinks.xlsx.render import BaseFont, render
    from kis_xl.sinks.xlsx.safe_text import put

    blob = render([report_sheet(t)], command="kis-xl report", when=when, font=BaseFont())
    wb = load_workbook(io.BytesIO(blob))
    # a file of its own, not a result sheet of the workbook: say what it is instead
    put(wb[REPORT_SHEET], 1, 1, f"Plik utworzony przez kis-xl report {when:%d.%m.%Y %H:%M}. "
        "Dane zbiorcze, bez danych osobowych; arkusz „Dane” czyta kis-xl zestawienie.")
    ws = wb.create_sheet(DATA_SHEET)
    for col, header in enumerate(("Klucz", "Wartość", "Opis"), start=1):
        put(ws, 1, col, header).font = Font(bold=True)
    for r, (key, value, label) in enumerate(data_rows(t, made_at=when), start=2):
        put(ws, r, 1, key)
        put(ws, r, 2, value)
        put(ws, r, 3, label)
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 60
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
