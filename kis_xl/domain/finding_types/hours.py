"""Findings of counting hours and attendance (``kis-xl hours``).
"""

from __future__ import annotations

from kis_xl.domain.findings import Severity, finding_type

# ------------------------------------------------------------ kis_xl.domain.hours

MEETING_ON_HOLIDAY = finding_type(
    "meeting-on-holiday", Severity.WARNING, "Spotkanie w dzień wolny od pracy",
    "Spotkanie {meeting} ma datę {day} ({reason}). Sprawdź, czy data jest poprawna; jeśli "
    "spotkanie naprawdę odbyło się tego dnia, zostaw ją.",
)
MEETING_WITHOUT_HOURS = finding_type(
    "meeting-without-hours", Severity.WARNING, "Spotkanie bez godzin",
    "Spotkanie {meeting} nie ma {what}, więc jego godziny nie są liczone. Wpisz godzinę "
    "rozpoczęcia i zakończenia albo liczbę godzin.",
)
MEETING_END_BEFORE_START = finding_type(
    "meeting-end-before-start", Severity.ERROR, "Koniec spotkania przed początkiem",
    "Godzina zakończenia spotkania {meeting} ({end}) nie jest późniejsza niż godzina "
    "rozpoczęcia ({start}).{effect} Popraw godziny.",
)
MEETING_HOURS_ABSURD = finding_type(
    "meeting-hours-absurd", Severity.ERROR, "Nieprawdopodobna liczba godzin spotkania",
    "Spotkanie {meeting} trwa {hours} h (dopuszczalne: więcej niż 0 i najwyżej {limit} h). "
    "Godziny tego spotkania nie są liczone. Popraw liczbę godzin lub godziny spotkania.",
)
MEETING_IN_FUTURE = finding_type(
    "meeting-in-future", Severity.INFO, "Spotkanie w przyszłości",
    "Spotkanie {meeting} ma datę {day}, późniejszą niż dzisiejsza ({today}); nie jest jeszcze "
    "liczone do godzin ani frekwencji.",
)
ATTENDANCE_DUPLICATE = finding_type(
    "attendance-duplicate", Severity.ERROR, "Uczestnik dwa razy na jednym spotkaniu",
    "Uczestnik {participant} jest już wpisany na spotkanie {meeting} w wierszu {first}. "
    "Ten wiersz nie jest liczony – usuń go albo popraw ID spotkania lub uczestnika.",
)
ATTENDANCE_OUTSIDE_PARTICIPATION = finding_type(
    "attendance-outside-participation", Severity.WARNING, "Obecność poza okresem uczestnictwa",
    "Spotkanie {meeting} ({day}) jest poza okresem uczestnictwa {participant} ({period}). "
    "Sprawdź datę spotkania albo daty rozpoczęcia i zakończenia udziału w arkuszu "
    "„Uczestnicy”. Wiersz nie jest liczony do godzin (ani w arkuszu godzin, ani na "
    "zaświadczeniu, ani w sprawozdaniu), dopóki nie poprawisz dat.",
)
ATTENDANCE_OVERLAP = finding_type(
    "attendance-overlap", Severity.WARNING, "Nakładające się spotkania uczestnika",
    "Uczestnik {participant} był obecny {day} na spotkaniu {meeting} ({span}), które nakłada "
    "się na spotkanie {other} ({other_span}). Sprawdź godziny lub obecność; oba są liczone.",
)
ATTENDANCE_HOURS_ABSURD = finding_type(
    "attendance-hours-absurd", Severity.ERROR, "Nieprawdopodobna liczba godzin obecności",
    "Liczba godzin {hours} h jest niemożliwa (dopuszczalne: więcej niż 0 i najwyżej {limit} "
    "h); ta obecność nie jest liczona. Popraw ją albo wyczyść komórkę (wtedy liczą się "
    "godziny spotkania).",
)
ATTENDANCE_HOURS_EXCEED = finding_type(
    "attendance-hours-exceed-meeting", Severity.WARNING, "Obecność dłuższa niż spotkanie",
    "Wpisano {hours} h obecności, a spotkanie {meeting} trwało {meeting_hours} h. Liczone jest "
    "{hours} h – sprawdź, czy to nie pomyłka.",
)
ACTIVITY_PLAN_INCOMPLETE = finding_type(
    "activity-plan-incomplete", Severity.WARNING, "Niepełny plan godzin zajęć",
    "Zajęcia {activity} ({form}) nie mają {missing}, więc nie można policzyć planu godzin. "
    "Uzupełnij plan w arkuszu „Program”.",
)
ATTENDANCE_BELOW_THRESHOLD = finding_type(
    "attendance-below-threshold", Severity.WARNING, "Frekwencja poniżej progu",
    "Frekwencja {participant} wynosi {rate} ({present} z {expected} spotkań), poniżej progu "
    "klubu {threshold}. Porozmawiaj z uczestnikiem lub jego pracownikiem socjalnym.",
)
MORE_HOURS_FINDINGS = finding_type(
    "more-hours-findings", Severity.INFO, "Kolejne podobne ustalenia pominięto",
    "Kolejnych ustaleń rodzaju „{code}” nie pokazano – jest ich jeszcze {count}. Popraw "
    "pokazane wiersze i policz godziny ponownie.",
)
ATTENDANCE_STATUS_MISSING = finding_type(
    "attendance-status-missing", Severity.WARNING, "Nieuzupełniona lista obecności",
    "Spotkanie {meeting} ({day}): {count} {rows_word} bez wpisanej obecności ({where}). "
    "Uzupełnij kolumnę „{column_name}” według podpisanej listy obecności. Do tego czasu te osoby "
    "nie są liczone jako obecne, a spotkanie nie wlicza się do ich frekwencji.",
)
