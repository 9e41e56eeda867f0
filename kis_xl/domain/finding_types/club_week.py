"""Findings about the club's week and its partners (``kis_xl.domain.rules.club_week``).

None of them is about a participant: they sit on the sheets "Harmonogram" and "Partnerzy" and
never change a participant's status (``kis_xl.domain.rules.status.Owners`` maps only the
participants' own sheets), nor can a coordinator's decision about a participant set them aside.
"""

from __future__ import annotations

from kis_xl.domain.findings import Severity, finding_type

INFO_POINT_BASIS = (
    "zalecenie modelu Klubu Samopomocy: „punkt informacyjny w Klubie powinien być czynny "
    "minimum 6 godzin tygodniowo (w tym częściowo w godzinach przedpołudniowych, a częściowo "
    "popołudniowych, np. 8-10 lub 16-18)” – standard dobrej praktyki, nie przepis ustawy"
)
AGREEMENT_BASIS = "porozumienie o współpracy z partnerem (arkusz „Partnerzy”)"

# ------------------------------------------------------------ kis_xl.domain.rules.club_week

INFO_POINT_TOO_SHORT = finding_type(
    "info-point-too-short", Severity.WARNING, "Punkt informacyjny czynny krócej niż 6 h",
    "Według arkusza „{sheet}” punkt informacyjny jest czynny {hours} h tygodniowo, a powinien "
    "co najmniej {minimum} h. Dopisz dyżury (kolumna „{column}”: „{kind}”).",
    INFO_POINT_BASIS,
)
INFO_POINT_NO_MORNING = finding_type(
    "info-point-no-morning", Severity.WARNING, "Punkt informacyjny nieczynny przed południem",
    "Żaden dyżur punktu informacyjnego w arkuszu „{sheet}” nie wypada przed godziną 12:00; "
    "punkt powinien być czynny częściowo przed południem (np. 8–10). Dopisz poranny dyżur.",
    INFO_POINT_BASIS,
)
INFO_POINT_NO_AFTERNOON = finding_type(
    "info-point-no-afternoon", Severity.WARNING, "Punkt informacyjny nieczynny po południu",
    "Żaden dyżur punktu informacyjnego w arkuszu „{sheet}” nie wypada po godzinie 12:00; "
    "punkt powinien być czynny częściowo po południu (np. 16–18). Dopisz popołudniowy dyżur.",
    INFO_POINT_BASIS,
)
TIMETABLE_SLOT_REVERSED = finding_type(
    "timetable-slot-reversed", Severity.ERROR, "Godzina zakończenia nie późniejsza niż początek",
    "Wpis „{name}” kończy się o {end}, nie później niż się zaczyna ({start}); nie jest liczony. "
    "Popraw godziny.",
)
TIMETABLE_UNKNOWN_PARTNER = finding_type(
    "timetable-unknown-partner", Severity.WARNING, "Nieznany partner w harmonogramie",
    "Partnera „{partner}” nie ma w arkuszu „{partners_sheet}”. Wpisz nazwę dokładnie tak jak "
    "tam albo dopisz partnera.",
)
PARTNER_AGREEMENT_EXPIRING = finding_type(
    "partner-agreement-expiring", Severity.WARNING, "Porozumienie z partnerem wkrótce wygasa",
    "Porozumienie z partnerem „{partner}” obowiązuje do {end} ({left}). Przygotuj jego "
    "przedłużenie albo zakończ współpracę.",
    AGREEMENT_BASIS,
)
PARTNER_AGREEMENT_EXPIRED = finding_type(
    "partner-agreement-expired", Severity.WARNING, "Porozumienie z partnerem wygasło",
    "Porozumienie z partnerem „{partner}” wygasło {end}{runs}. Zawrzyj nowe porozumienie "
    "(wpisz jego daty) albo usuń partnera z arkusza.",
    AGREEMENT_BASIS,
)
PARTNER_AGREEMENT_REVERSED = finding_type(
    "partner-agreement-end-before-start", Severity.ERROR,
    "Porozumienie kończy się przed zawarciem",
    "Porozumienie z partnerem „{partner}” ma datę końca {end} wcześniejszą niż datę zawarcia "
    "{start}. Popraw daty.",
)

# ------------------------------------------------------------ kis_xl.domain.rules.roles

ROLES_BASIS = ("art. 44 ust. 1 i 4 ustawy o działalności pożytku publicznego i o wolontariacie "
               "(porozumienie z wolontariuszem); podstawa zatrudnienia kadry (arkusz „Kadra”)")

TIMETABLE_LEADER_UNKNOWN = finding_type(
    "timetable-leader-unknown", Severity.WARNING,
    "Prowadzący spoza kadry, wolontariuszy i partnerów",
    "Zajęcia „{name}” ({day} {start}–{end}) prowadzi „{leader}”, a tej osoby nie ma w arkuszu "
    "„Kadra” (z podstawą zatrudnienia), „Wolontariusze” ani wśród osób kontaktowych "
    "„Partnerów”, a wpis nie wskazuje partnera prowadzącego. Dopisz ją tam, gdzie pracuje dla "
    "klubu, albo popraw imię i nazwisko.",
    ROLES_BASIS,
)
TIMETABLE_LEADER_WITHOUT_BASIS = finding_type(
    "timetable-leader-without-basis", Severity.WARNING, "Prowadzący bez podstawy współpracy",
    "Zajęcia „{name}” ({day} {start}–{end}) prowadzi {leader}: {why}.",
    ROLES_BASIS,
)
TIMETABLE_LEADER_DOUBLE_BOOKED = finding_type(
    "timetable-leader-double-booked", Severity.ERROR, "Ta sama osoba w dwóch miejscach naraz",
    "{leader} prowadzi w {day} {start}–{end} zajęcia „{name}” ({place}), a w tym samym czasie "
    "także „{other}” (wiersz {other_row}, {other_place}). Popraw godziny albo prowadzącego.",
)
STAFF_VOLUNTEER_AGREEMENT_MISSING = finding_type(
    "staff-volunteer-agreement-missing", Severity.WARNING,
    "Kadra na porozumieniu wolontariackim bez porozumienia",
    "{name} pracuje w klubie na podstawie „porozumienie wolontariackie”, ale w arkuszu "
    "„Wolontariusze” nie ma tej osoby z datą zawarcia porozumienia. Dopisz ją tam (zakres, "
    "okres, data porozumienia) albo popraw podstawę zatrudnienia.",
    ROLES_BASIS,
)
