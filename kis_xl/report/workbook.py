"""The report's totals as an .xlsx: a readable sheet and a machine-readable one.

"Sprawozdanie" shows the same tables as the Word report (rendered like every
result sheet, so formula-looking text stays text); "Dane" holds one value a
row under a stable key (``uczestnicy.5.efekt``), which is what the supervising
office's ``kis-xl zestawienie`` reads from many clubs' files. Both carry the
true numbers; the publication version (``kis_xl.report.publication``) is a
file of its own. "Dane" says when the file was made (``utworzono``) and the
club's register number and date of entry, so the supervisor's summary can tell
clubs apart and take the newest report of a club and year.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from kis_xl.plan.sheetspec import INT_FORMAT, Block, Col, GeneratedSheet
from kis_xl.report.document import extension_codes, money
from kis_xl.report.staff import CIVIL, EMPLOYEES, OTHER, VOLUNTEERS
from kis_xl.report.totals import ReportTotals

FORMAT_ID = "kis-xl-sprawozdanie"
FORMAT_VERSION = 2
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
TEXT_KEYS = frozenset({
    "format", "klub", "podmiot", "regon", "adres_klubu", "urzad_wojewodzki", "utworzono",
    "nr_rejestru", "data_wpisu", "rodzaj_podmiotu", "krs", "telefon_klubu", "email_klubu",
    "ukrywanie",
})
"""Keys of "Dane" that are text, never summed (a KRS or register number may look numeric)."""
MONEY_FORMAT = "#,##0.00"
HOURS_FORMAT = "0.##"


def _measures(c: Any) -> list[int]:
    return [c.participants, c.completed, c.dropped_out, c.with_social_effect,
            c.with_professional_effect, c.with_effect, c.employed_after_completion]


def category_rows(t: ReportTotals) -> list[tuple[str, str, list[int]]]:
    """(key, label, values) per category, the club's own ones, then "razem"."""
    rows = [(c.code, c.category, _measures(c)) for c in t.categories]
    for c, nr in zip(t.extensions, extension_codes(t), strict=True):
        key = "bez" if nr == "–" else nr
        label = c.category if nr == "–" else f"{c.category} (dopisana przez klub, § 8)"
        rows.append((key, label, _measures(c)))
    rows.append(("razem", "Razem (każdy uczestnik raz)", _measures(t.participants)))
    return rows


def _day(d: date | None) -> str | None:
    return d.isoformat() if d else None


def data_rows(t: ReportTotals, when: datetime | None = None) -> list[tuple[str, Any, str]]:
    """(key, value, Polish description) – the "Dane" sheet (``when``: the file's time)."""
    g, st, f, sc = t.general, t.staff, t.flows, t.scope
    groups = {x.group: x.people for x in st.by_group}
    rows: list[tuple[str, Any, str]] = [
        ("format", FORMAT_ID, "Rodzaj pliku (nie zmieniaj)"),
        ("wersja", FORMAT_VERSION, "Wersja układu danych"),
        ("rok", t.year, "Rok sprawozdawczy"),
        ("utworzono", f"{when:%Y-%m-%d %H:%M:%S}" if when else None,
         "Data i godzina utworzenia pliku (RRRR-MM-DD GG:MM:SS; nowszy plik zastępuje starszy)"),
        ("klub", g["club_name"], "Nazwa klubu"),
        ("nr_rejestru", g["register_number"], "Numer w rejestrze klubów integracji społecznej"),
        ("data_wpisu", _day(g["register_date"]), "Data wpisu do rejestru (RRRR-MM-DD)"),
        ("podmiot", g["operator"], "Podmiot prowadzący"),
        ("rodzaj_podmiotu", g["operator_type"], "Rodzaj podmiotu prowadzącego"),
        ("regon", g["regon"], "REGON podmiotu prowadzącego"),
        ("krs", g["krs"], "Numer KRS podmiotu prowadzącego"),
        ("adres_klubu", g["club_address"], "Adres klubu"),
        ("telefon_klubu", g["phone"], "Telefon klubu"),
        ("email_klubu", g["email"], "E-mail klubu"),
        ("urzad_wojewodzki", g["voivode_office"], "Urząd wojewódzki"),
        ("kadra.osoby", st.people, "Kadra: liczba osób (każda raz)"),
        ("kadra.pracownicy", st.employees, f"Kadra: {EMPLOYEES}"),
        ("kadra.etaty", st.fte, "Kadra: etaty pracowników ważone miesiącami pracy w roku"),
        ("kadra.umowy_cywilnoprawne", groups.get(CIVIL, 0), f"Kadra: {CIVIL}"),
        ("kadra.wolontariusze", groups.get(VOLUNTEERS, 0), f"Kadra: {VOLUNTEERS}"),
        ("kadra.inne", groups.get(OTHER, 0), f"Kadra: {OTHER}"),
    ]
    for key, label, values in category_rows(t):
        for (measure, mlabel), value in zip(MEASURES, values, strict=True):
            rows.append((f"uczestnicy.{key}.{measure}", value, f"{label}: {mlabel}"))
    rows += [
        ("nieprzyjeci.osoby", sc.rejected, "Zgłoszeni, nieprzyjęci (poza kategoriami)"),
        ("braki_dokumentacji.osoby", sc.incomplete,
         "Uczestniczący z brakami w dokumentacji (poza kategoriami)"),
        ("przeplywy.nowi", f.new, "Przepływy: rozpoczęli udział w roku"),
        ("przeplywy.kontynuujacy", f.continuing, "Przepływy: kontynuujący z lat poprzednich"),
        ("przeplywy.zakonczyli", f.ended, "Przepływy: zakończyli udział w roku"),
        ("przeplywy.ukonczyli", f.completed, "Przepływy: w tym ukończyli"),
        ("przeplywy.przerwali", f.dropped_out, "Przepływy: w tym przerwali"),
        ("przeplywy.inny_powod", f.ended_other, "Przepływy: w tym z innego powodu"),
        ("przeplywy.w_trakcie", f.active_at_end, "Przepływy: uczestniczą na koniec okresu"),
        ("reintegracja.spoleczna", t.reintegration.social, "Objęci reintegracją społeczną"),
        ("reintegracja.zawodowa", t.reintegration.professional,
         "Objęci reintegracją zawodową"),
        ("zajecia.spotkania", t.meetings, "Zajęcia: liczba spotkań"),
        ("zajecia.godziny", t.delivered_hours, "Zajęcia: godziny zajęć"),
        ("zajecia.godziny_uczestnikow", t.participant_hours, "Zajęcia: godziny uczestników"),
        ("dotacje.przyznana", t.grants.granted, "Dotacje: kwota przyznana (zł)"),
        ("dotacje.wykorzystana", t.grants.spent, "Dotacje: kwota wykorzystana (zł)"),
        ("dotacje.zwrocona", t.grants.returned, "Dotacje: kwota zwrócona (zł)"),
    ]
    return rows


def _general_block(t: ReportTotals) -> Block:
    g = t.general
    return Block("I. Dane ogólne", [Col("Pole", 44), Col("Wartość", 26, wrap=True)], [
        ["Adresat", g["voivode"]],
        ["Nazwa klubu", g["club_name"]],
        ["Numer w rejestrze klubów integracji społecznej", g["register_number"]],
        ["Data wpisu do rejestru", g["register_date"]],
        ["Podmiot prowadzący", g["operator"]],
        ["Rodzaj podmiotu prowadzącego", g["operator_type"]],
        ["REGON podmiotu prowadzącego", g["regon"]],
        ["Numer KRS podmiotu prowadzącego", g["krs"]],
        ["Adres podmiotu prowadzącego", g["operator_address"]],
        ["Adres klubu", g["club_address"]], ["Telefon klubu", g["phone"]],
        ["E-mail klubu", g["email"]], ["Data utworzenia klubu", g["created_date"]],
        ["Data rozpoczęcia działalności", g["activity_start"]],
        ["Osoba kierująca klubem", g["coordinator"]],
        ["Okres sprawozdawczy", f"01.01.{t.year} – {t.period_end:%d.%m.%Y}"
                                + (" (rok w toku)" if t.year_running else "")],
    ])


def _staff_blocks(t: ReportTotals) -> list[Block]:
    st = t.staff
    groups = Block(
        "II. Kadra klubu według podstawy zatrudnienia",
        [Col("Podstawa", 44, wrap=True), Col("Liczba osób", 11, INT_FORMAT),
         Col("Etaty (ważone miesiącami)", 13, HOURS_FORMAT)],
        [[x.group, x.people, x.fte] for x in st.by_group]
        + [["Razem (każda osoba raz)", st.people, st.fte]],
        marks=[*([None] * len(st.by_group)), "total"],
        note="Etaty tylko pracowników: wymiar etatu × część roku przepracowana w klubie. "
             "Osoba z kilkoma umowami liczona raz.")
    roles = Block(
        "Kadra według funkcji",
        [Col("Funkcja", 44, wrap=True), Col("Podstawa", 26, wrap=True),
         Col("Liczba osób", 11, INT_FORMAT), Col("Etaty", 11, HOURS_FORMAT)],
        [[r.role, r.group, r.people, r.fte] for r in st.by_role])
    return [groups, roles]


def _people_blocks(t: ReportTotals) -> list[Block]:
    cats = category_rows(t)
    sc, f, r = t.scope, t.flows, t.reintegration
    people = Block(
        "III. Uczestnicy według kategorii (art. 1 ust. 2 ustawy) i efekty reintegracji",
        [Col("Kategoria (nr – art. 1 ust. 2; K – dopisana przez klub)", 44, wrap=True),
         *(Col(label, 12, INT_FORMAT) for _, label in MEASURES)],
        [[label if key == "razem" else f"{key}. {label}", *values]
         for key, label, values in cats],
        marks=[*([None] * (len(cats) - 1)), "total"],
        note="Uczestnicy: osoby przyjęte do klubu (kontrola: „kwalifikuje się” albo "
             "dopuszczone decyzją koordynatora), biorące udział w roku; każda raz, według "
             "kategorii głównej. Kategorie K – dopisane przez klub (§ 8 regulaminu).")
    apart = Block(
        "Poza kategoriami: zgłoszeni, nieprzyjęci i uczestniczący z brakami w dokumentacji",
        [Col("Pozycja", 44, wrap=True), Col("Liczba osób", 11, INT_FORMAT)],
        [["Zgłoszeni, nieprzyjęci", sc.rejected],
         *([f"– powód: {reason}", n] for reason, n in sc.reasons),
         ["Uczestniczący z brakami w dokumentacji", sc.incomplete]],
        note="Osoba nieprzyjęta może mieć kilka powodów.")
    flows = Block(
        "Przepływy uczestników w roku i reintegracja",
        [Col("Pozycja", 44, wrap=True), Col("Liczba osób", 11, INT_FORMAT)],
        [["Rozpoczęli udział w roku", f.new], ["Kontynuujący z lat poprzednich", f.continuing],
         ["Zakończyli udział w roku", f.ended], ["– ukończyli", f.completed],
         ["– przerwali", f.dropped_out], ["– z innego powodu", f.ended_other],
         ["Uczestniczą na koniec okresu", f.active_at_end],
         ["Objęci reintegracją społeczną", r.social],
         ["Objęci reintegracją zawodową", r.professional]])
    return [people, apart, flows]


def _activity_blocks(t: ReportTotals) -> list[Block]:
    activities = Block(
        "IV. Zajęcia zrealizowane w klubie",
        [Col("Zajęcia", 44, wrap=True), Col("Forma", 14), Col("Spotkania", 11, INT_FORMAT),
         Col("Godziny zajęć", 11, HOURS_FORMAT), Col("Godziny uczestników", 12, HOURS_FORMAT),
         Col("Uczestnicy", 11, INT_FORMAT)],
        [[a.name, a.form, a.meetings, a.delivered_hours, a.participant_hours,
          a.participants] for a in t.activities]
        + [["Razem", None, t.meetings, t.delivered_hours, t.participant_hours, None]],
        marks=[*([None] * len(t.activities)), "total"],
    )
    effects = Block(
        "Efekty zajęć – rezultaty uczestników według rodzaju",
        [Col("Rodzaj rezultatu", 44, wrap=True), Col("Rezultaty", 11, INT_FORMAT),
         Col("Osoby", 11, INT_FORMAT)],
        [[e.type, e.outcomes, e.participants] for e in t.effects],
    )
    return [activities, effects]


def _money_blocks(t: ReportTotals) -> list[Block]:
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
    costs = Block(
        "Koszty działalności według źródła finansowania",
        [Col("Źródło finansowania", 44, wrap=True), Col("Przyznana (zł)", 13, MONEY_FORMAT),
         Col("Wykorzystana (zł)", 13, MONEY_FORMAT)],
        [[c.source, c.granted, c.spent] for c in t.grants.by_source])
    plan = Block("VI. Plan działalności na rok bieżący", [Col("Plan", 90, wrap=True)],
                 [[t.general["plan"] or "(nie podano – ustawienie „Plan działalności na rok "
                                        "bieżący (sprawozdanie)”)"]])
    return [grants, costs, plan]


def report_sheet(t: ReportTotals) -> GeneratedSheet:
    return GeneratedSheet(
        key="report", name=REPORT_SHEET,
        title=f"Sprawozdanie z działalności klubu integracji społecznej za rok {t.year}",
        subtitle="art. 18a ust. 6 ustawy o zatrudnieniu socjalnym; układ wzorowany na "
                 "sprawozdaniu CIS (Dz. U. z 2017 r. poz. 97). Bez danych osobowych.",
        blocks=[_general_block(t), *_staff_blocks(t), *_people_blocks(t),
                *_activity_blocks(t), *_money_blocks(t)],
    )


def report_workbook(t: ReportTotals, *, when: datetime) -> bytes:
    """The .xlsx bytes: "Sprawozdanie" then "Dane"."""
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    from kis_xl.sinks.xlsx.render import BaseFont, render
    from kis_xl.sinks.xlsx.safe_text import put

    blob = render([report_sheet(t)], command="kis-xl report", when=when, font=BaseFont())
    wb = load_workbook(io.BytesIO(blob))
    _say_what_it_is(wb, REPORT_SHEET, f"Plik utworzony przez kis-xl report "
                    f"{when:%d.%m.%Y %H:%M}. Dane zbiorcze, bez danych osobowych; arkusz "
                    "„Dane” czyta kis-xl zestawienie.")
    ws = wb.create_sheet(DATA_SHEET)
    for col, header in enumerate(("Klucz", "Wartość", "Opis"), start=1):
        put(ws, 1, col, header).font = Font(bold=True)
    for r, (key, value, label) in enumerate(data_rows(t, when), start=2):
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


def _say_what_it_is(wb: Any, sheet: str, text: str) -> None:
    """A file of its own, not a result sheet of the workbook: the first line says so
    instead of the result sheets' "do not type here"."""
    from kis_xl.sinks.xlsx.safe_text import put

    put(wb[sheet], 1, 1, text)


def retitle(blob: bytes, sheet: str, text: str) -> bytes:
    """``blob`` (an .xlsx) with ``_say_what_it_is`` applied."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(blob))
    _say_what_it_is(wb, sheet, text)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
