"""Findings of the annual report to the voivode (``kis-xl report``)."""

from __future__ import annotations

from kis_xl.domain.findings import Severity, finding_type

BASIS = "art. 18a ust. 6 ustawy o zatrudnieniu socjalnym"

# ------------------------------------------------------------ kis_xl.report.totals

REPORT_DATA_MISSING = finding_type(
    "report-data-missing", Severity.WARNING, "Brak danych do sprawozdania",
    "W arkuszu „Ustawienia” brak ustawienia „{setting}” – jest potrzebne w części „{part}” "
    "sprawozdania dla wojewody. Uzupełnij je; do tego czasu pole w sprawozdaniu zostaje puste.",
    basis=BASIS,
)
REPORT_NO_GRANTS = finding_type(
    "report-no-grants", Severity.INFO, "Brak dotacji za rok sprawozdania",
    "Arkusz „Dotacje” nie ma wiersza za rok {year}: część „Rozliczenie dotacji” sprawozdania "
    "będzie pusta. Jeśli klub otrzymał dotację, dopisz ją.",
    basis=BASIS,
)
REPORT_NO_STAFF = finding_type(
    "report-no-staff", Severity.WARNING, "Brak kadry w roku sprawozdania",
    "Arkusz „Kadra” nie ma osoby pracującej w klubie w roku {year} (kolumny „Od” i „Do”): "
    "część „Kadra” sprawozdania będzie pusta. Uzupełnij arkusz „Kadra”.",
    basis=BASIS,
)

REPORT_DOCUMENTATION_INCOMPLETE = finding_type(
    "report-documentation-incomplete", Severity.WARNING,
    "Uczestnik z brakami w dokumentacji poza kategoriami sprawozdania",
    "{participant} brał(a) udział w klubie w roku {year}, ale kontrola uczestników daje status "
    "„braki w dokumentacji”: sprawozdanie liczy tę osobę osobno („uczestniczący z brakami w "
    "dokumentacji”), nie w kategoriach, a jej obecności nie wlicza do godzin. Uzupełnij "
    "dokumentację (kis-xl check pokaże, czego brakuje) i utwórz sprawozdanie ponownie przed "
    "wysłaniem.",
    basis=BASIS,
)
ATTENDANCE_NOT_ADMITTED = finding_type(
    "attendance-not-admitted", Severity.WARNING, "Obecności osoby nieprzyjętej do klubu",
    "{participant} ma w roku {year} {count} {rows_word} obecności ({hours} h), a kontrola "
    "uczestników daje status „{status}”: osoba nie jest uczestnikiem klubu, więc sprawozdanie "
    "nie liczy tych godzin ani tej osoby w zajęciach. Jeśli to pomyłka w obecnościach – usuń "
    "wiersze; jeśli osoba została przyjęta – popraw dane i sprawdź uczestników ponownie.",
    basis="art. 13 ust. 1 w zw. z art. 18 ust. 2 ustawy o zatrudnieniu socjalnym",
)

# ------------------------------------------------------------ kis_xl.report.summary
# The supervising office's summary of many clubs' report files: the "location" is a file
# and one of its data keys, not a cell of a club's workbook.

SUMMARY_DUPLICATE = finding_type(
    "summary-duplicate", Severity.INFO, "Sprawozdanie złożone więcej niż raz",
    "sprawozdanie za rok {year} złożone więcej niż raz (także: {others}); {which}",
)
SUMMARY_INCONSISTENT = finding_type(
    "summary-inconsistent", Severity.WARNING, "Niezgodne sumy kategorii",
    "niezgodne sumy: „{label}” – razem {total}, a suma kategorii {expected}",
)
SUMMARY_BAD_VALUE = finding_type(
    "summary-bad-value", Severity.ERROR, "Wartość, której nie można zsumować",
    "pole „{key}” ({label}) ma wartość „{value}”: {why}. Sprawozdanie klubu pominięto "
    "w sumach – poproś klub o poprawiony plik.",
)
SUMMARY_IMPOSSIBLE = finding_type(
    "summary-impossible", Severity.ERROR, "Sprawozdanie niemożliwe",
    "niemożliwe liczby: {rule} ({values}). Sprawozdanie klubu pominięto w sumach – poproś "
    "klub o poprawiony plik.",
)
