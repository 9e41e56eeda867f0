"""Findings of adding a meeting (``kis-xl meeting add``).
"""

from __future__ import annotations

from kis_xl.domain.findings import Severity, finding_type

# ------------------------------------------------------------ kis_xl.actions.meeting

MEETING_SAME_DAY = finding_type(
    "meeting-same-day", Severity.WARNING, "Drugie spotkanie tych zajęć tego dnia",
    "Zajęcia {activity} mają już spotkanie {other} w dniu {day}. Jeśli to pomyłka (np. "
    "polecenie uruchomione dwa razy), usuń wiersz {meeting} i jego obecności.",
)
MEETING_NO_MEMBERS = finding_type(
    "meeting-no-members", Severity.WARNING, "Spotkanie bez uczestników",
    "Nikt nie jest zapisany na zajęcia {activity} w dniu {day} (zapisy na zajęcia, okres "
    "uczestnictwa), więc nie dopisano obecności. Dopisz je ręcznie albo podaj uczestników "
    "opcją --uczestnik.",
)
MEETING_NO_HOURS = finding_type(
    "meeting-added-without-hours", Severity.WARNING, "Spotkanie bez godzin",
    "Spotkanie {meeting} nie ma godzin rozpoczęcia i zakończenia, a zajęcia {activity} nie "
    "mają planowanej długości spotkania. Uzupełnij godziny w arkuszu „Spotkania”.",
)
PARTICIPANT_NOT_ACTIVE = finding_type(
    "meeting-participant-not-active", Severity.WARNING, "Uczestnik nie bierze udziału w tym dniu",
    "Uczestnik {participant} nie bierze udziału w zajęciach klubu w dniu {day} (daty "
    "rozpoczęcia i zakończenia udziału). Obecność dopisano – sprawdź, czy słusznie.",
)
MEETING_NOT_ADMITTED = finding_type(
    "meeting-participant-not-admitted", Severity.WARNING, "Pominięto osoby niedopuszczone",
    "Nie dopisano obecności dla: {people}. Sprawdzenie uczestników ich nie dopuszcza (status "
    "inny niż „kwalifikuje się” i brak decyzji koordynatora o dopuszczeniu), więc nie "
    "trafiają na listę obecności. Uzupełnij dokumenty albo zapisz decyzję koordynatora, "
    "uruchom „Sprawdź uczestników” i dopisz obecność ręcznie.",
)
