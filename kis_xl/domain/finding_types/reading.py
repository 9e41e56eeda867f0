"""Findings of reading the workbook: unreadable cells, missing sheets, columns and values.
"""

from __future__ import annotations

from kis_xl.domain.findings import Severity, finding_type

# ------------------------------------------------------------ kis_xl.workbook.values

INVALID_DATE = finding_type(
    "invalid-date", Severity.ERROR, "Nieczytelna data",
    "Nie rozpoznano daty „{value}”. Wpisz datę w formacie dd.mm.rrrr, np. 05.03.2025.",
)
DATE_OUT_OF_RANGE = finding_type(
    "date-out-of-range", Severity.ERROR, "Data poza obsługiwanym zakresem",
    "Data „{value}” jest poza zakresem, który obsługuje skoroszyt ({first}–{last}). Popraw "
    "rok; jeśli daty nie znasz, zostaw komórkę pustą.",
)
INVALID_TIME = finding_type(
    "invalid-time", Severity.ERROR, "Nieczytelna godzina",
    "Nie rozpoznano godziny „{value}”. Wpisz godzinę w formacie gg:mm, np. 9:30.",
)
INVALID_NUMBER = finding_type(
    "invalid-number", Severity.ERROR, "Nieczytelna liczba",
    "Nie rozpoznano liczby „{value}”. Wpisz samą liczbę, np. 3,5.",
)
INVALID_INTEGER = finding_type(
    "invalid-integer", Severity.ERROR, "Oczekiwano liczby całkowitej",
    "„{value}” nie jest liczbą całkowitą. Wpisz liczbę bez części ułamkowej, np. 12.",
)
INVALID_PERCENT = finding_type(
    "invalid-percent", Severity.ERROR, "Nieczytelny procent",
    "Nie rozpoznano wartości procentowej „{value}”. Wpisz np. 80% albo 80.",
)
FORMULA_ERROR = finding_type(
    "formula-error", Severity.ERROR, "Błąd formuły w komórce",
    "Komórka zawiera błąd formuły „{value}” i nie ma wartości, którą można odczytać; program "
    "jej nie liczy. Popraw formułę (np. odwołanie do usuniętego wiersza albo dzielenie przez "
    "zero) albo wpisz samą wartość.",
)
VALUE_OUT_OF_RANGE = finding_type(
    "value-out-of-range", Severity.ERROR, "Wartość poza dopuszczalnym zakresem",
    "Wartość {value} jest niedopuszczalna w tej kolumnie: {allowed}. Popraw ją; do tego czasu "
    "program traktuje komórkę jak pustą.",
)
INVALID_PESEL = finding_type(
    "invalid-pesel", Severity.ERROR, "Nieprawidłowy PESEL",
    "PESEL „{value}” jest nieprawidłowy ({reason}). Sprawdź numer w dokumencie tożsamości.",
    basis="art. 15 ust. 2 ustawy o ewidencji ludności",
)
PESEL_RECOVERED = finding_type(
    "pesel-recovered", Severity.WARNING, "PESEL zapisany jako liczba",
    "PESEL zapisano jako liczbę {value} i utracił zero na początku; odczytano go jako "
    "{pesel}. Sformatuj kolumnę PESEL jako tekst i wpisz numer ponownie.",
)
INVALID_EMAIL = finding_type(
    "invalid-email", Severity.WARNING, "Nieprawidłowy adres e-mail",
    "„{value}” nie wygląda na adres e-mail. Popraw go (np. jan.kowalski@example.pl).",
)

# ------------------------------------------------------------ kis_xl.workbook.reader

MISSING_SHEET = finding_type(
    "missing-sheet", Severity.ERROR, "Brak wymaganego arkusza",
    "Brak arkusza „{sheet}”. Przywróć jego nazwę albo skopiuj arkusz z nowego skoroszytu "
    "(kis-xl init).",
)
OPTIONAL_SHEET_MISSING = finding_type(
    "optional-sheet-missing", Severity.INFO, "Brak arkusza (opcjonalnego)",
    "Brak arkusza „{sheet}” – program przyjmuje, że jest pusty. Jeśli go potrzebujesz, "
    "skopiuj go z nowego skoroszytu (kis-xl init).",
)
HEADER_NOT_FOUND = finding_type(
    "header-not-found", Severity.ERROR, "Nie znaleziono nagłówków",
    "Nie znaleziono wiersza nagłówków (np. „{example}”) w pierwszych {rows} wierszach. "
    "Przywróć nagłówki kolumn – program rozpoznaje kolumny po nazwach.",
)
MISSING_COLUMN = finding_type(
    "missing-column", Severity.ERROR, "Brak wymaganej kolumny",
    "Brakuje wymaganej kolumny „{column}”. Dodaj ją w wierszu nagłówków (wiersz {row}).",
)
DUPLICATE_COLUMN = finding_type(
    "duplicate-column", Severity.WARNING, "Kolumna występuje dwa razy",
    "Kolumna „{column}” występuje dwa razy (kolumny {first} i {second}); program czyta "
    "kolumnę {first}. Usuń lub przemianuj drugą.",
)
REQUIRED_MISSING = finding_type(
    "required-missing", Severity.ERROR, "Brak wymaganej wartości",
    "Pole „{column}” jest wymagane. Uzupełnij je.",
)
INVALID_CHOICE = finding_type(
    "invalid-choice", Severity.ERROR, "Wartość spoza listy",
    "Wartość „{value}” nie występuje na liście „{list}”.{hint} Wybierz wartość z listy "
    "rozwijanej{extend}.",
)
DUPLICATE_ID = finding_type(
    "duplicate-id", Severity.ERROR, "Powtórzony identyfikator",
    "Identyfikator „{value}” występuje już w wierszu {first}. Nadaj każdemu wierszowi "
    "inny identyfikator.",
)
UNKNOWN_REFERENCE = finding_type(
    "unknown-reference", Severity.ERROR, "Odwołanie do nieistniejącego wiersza",
    "W arkuszu „{target}” nie ma identyfikatora „{value}”. Popraw go albo dodaj brakujący "
    "wiersz w arkuszu „{target}”.",
)
LIST_VALUE_UNSUPPORTED = finding_type(
    "list-value-unsupported", Severity.WARNING, "Nieobsługiwana wartość listy",
    "Wartość „{value}” dopisana do listy „{list}” nie jest obsługiwana przez program (ta "
    "lista ma stałe znaczenie w obliczeniach) i zostanie pominięta. Usuń ją z listy.",
)
PERIOD_END_BEFORE_START = finding_type(
    "period-end-before-start", Severity.ERROR, "Koniec okresu przed jego początkiem",
    "Koniec okresu ({end}) jest wcześniejszy niż jego początek ({start}, kolumna "
    "„{start_column}”). Popraw jedną z dat; do tego czasu wiersz nie obejmuje żadnego dnia.",
)
SETTING_OUT_OF_RANGE = finding_type(
    "setting-out-of-range", Severity.ERROR, "Ustawienie poza dopuszczalnym zakresem",
    "Ustawienie „{setting}” ma wartość {value}, a dopuszczalne są liczby od {low} do {high}. "
    "Popraw je; do tego czasu program {used}.",
)
SETTINGS_HEADER_MISSING = finding_type(
    "settings-header-missing", Severity.WARNING, "Arkusz ustawień bez nagłówków",
    "Arkusz „{sheet}” nie ma wiersza nagłówków. Program odczytał nazwy ustawień z kolumny A, "
    "a wartości z kolumny B, jak w starszych skoroszytach. Wstaw nad ustawieniami wiersz "
    "z nagłówkami „{label}” (nad nazwami) i „{value}” (nad wartościami) – wtedy kolumny "
    "można przestawiać i dodawać własne.",
)
SETTINGS_UNREADABLE = finding_type(
    "settings-unreadable", Severity.ERROR, "Nie odczytano ustawień",
    "Nie odczytano arkusza „{sheet}”: {reason}. Do czasu poprawki program nie zna żadnego "
    "ustawienia klubu i liczy według wartości domyślnych (m.in. profil reguł „{profile}”, "
    "najdłuższy okres uczestnictwa {months} mies.), co może nie odpowiadać zasadom klubu. "
    "Wpisz nagłówek „{label}” nad kolumną z nazwami ustawień i „{value}” nad kolumną z ich "
    "wartościami (albo skopiuj arkusz z nowego skoroszytu – kis-xl init) i uruchom "
    "polecenie ponownie.",
)
MORE_FINDINGS = finding_type(
    "more-findings", Severity.INFO, "Kolejne podobne ustalenia pominięto",
    "Kolejnych ustaleń tego samego rodzaju ({code}) w tej kolumnie nie pokazano – jest ich "
    "jeszcze {count}. Popraw pokazane wiersze i uruchom kontrolę ponownie.",
)
