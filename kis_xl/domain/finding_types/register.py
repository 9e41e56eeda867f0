"""Findings of the monthly attendance register ("Dziennik obecności", ``kis-xl dziennik``).

A register is a sheet the user ticks; saving it turns the marks into rows of
"Obecności". Every finding names the register's cell (column letter and row
as Excel shows them); what a finding is about is not written.
"""

from __future__ import annotations

from kis_xl.domain.findings import Severity, finding_type

# ------------------------------------------------------------ kis_xl.domain.register

REGISTER_NOT_ENROLLED = finding_type(
    "register-not-enrolled", Severity.ERROR, "Obecność osoby niezapisanej na zajęcia",
    "Komórka {cell}: uczestnik {participant} nie jest zapisany na zajęcia {activity} w dniu "
    "{day} (arkusze „Zapisy na zajęcia” i „Uczestnicy”). Nie zapisano nic z tego wiersza "
    "dziennika. Dopisz zapis na zajęcia (i utwórz dziennik ponownie) albo wyczyść komórkę.",
)
REGISTER_UNKNOWN_PARTICIPANT = finding_type(
    "register-unknown-participant", Severity.ERROR, "Nieznany uczestnik w dzienniku",
    "Komórka {cell}: nie ma uczestnika o ID „{participant}” w arkuszu „Uczestnicy”. Nie "
    "zapisano nic z tego wiersza dziennika. Popraw ID albo usuń wiersz.",
)
REGISTER_NO_MEETING = finding_type(
    "register-no-meeting", Severity.ERROR, "Kolumna dziennika bez spotkania",
    "Komórka {cell} („{header}”): zajęcia {activity} nie mają w arkuszu „Spotkania” "
    "spotkania {what}. Nie zapisano nic z tej kolumny. Dodaj spotkanie przyciskiem „Nowe "
    "spotkanie” (kis-xl meeting add) i utwórz dziennik ponownie.",
)
REGISTER_BAD_MARK = finding_type(
    "register-bad-mark", Severity.ERROR, "Nieznany znak w dzienniku",
    "Komórka {cell}: „{value}” nie jest wartością z listy ({allowed}). Tej komórki nie "
    "zapisano. Wybierz wartość z listy rozwijanej.",
)
REGISTER_CLEARED = finding_type(
    "register-cleared", Severity.WARNING, "Wyczyszczona komórka dziennika",
    "Komórka {cell} jest pusta, a w arkuszu „Obecności” (wiersz {att_row}) uczestnik "
    "{participant} ma na spotkaniu {meeting} „{status}”. Wpis pozostawiono. Aby go "
    "wyczyścić, zapisz dziennik z opcją --wyczysc.",
)
REGISTER_CONFLICT = finding_type(
    "register-conflict", Severity.WARNING, "Obecność zmieniona w dwóch miejscach",
    "Komórka {cell}: po utworzeniu dziennika w arkuszu „Obecności” (wiersz {att_row}) "
    "zmieniono obecność uczestnika {participant} na spotkaniu {meeting} z „{was}” na "
    "„{current}”, a w dzienniku wpisano „{mark}”. Wygrywa dziennik: zapisano „{mark}”.",
)
REGISTER_STALE = finding_type(
    "register-stale", Severity.INFO, "Obecności zmienione po utworzeniu dziennika",
    "Arkusz „Obecności” zmienił się po utworzeniu dziennika „{sheet}” ({changed}). Wartość "
    "wpisana w dzienniku wygrywa tylko tam, gdzie ją w dzienniku zmieniono; pozostałe "
    "komórki zachowują stan z „Obecności”. Dziennik utworzono na nowo z bieżącego stanu.",
)
REGISTER_TWICE = finding_type(
    "register-twice", Severity.WARNING, "Dwa dzienniki tych samych zajęć i miesiąca",
    "Arkusz „{other}” to drugi dziennik zajęć {activity} za {month}. Zapisano dziennik "
    "„{sheet}”: jego zmiany wygrywają. Zmiany z „{other}” zapiszesz osobno (wygrają tylko "
    "komórki zmienione w nim), ale najlepiej usuń ten arkusz i pracuj w jednym dzienniku.",
)
