"""Findings of the club's self-help work: the service exchange (time bank).

Entries of "Wymiana usług" are about the ledger, not about who may take part:
they never change a participant's eligibility status (only findings on the
participants' own sheets do, ``kis_xl.domain.rules.status``).
"""

from __future__ import annotations

from kis_xl.domain.findings import Severity, finding_type

# ------------------------------------------------------------ kis_xl.domain.exchange

EXCHANGE_SAME_MEMBER = finding_type(
    "exchange-same-member", Severity.ERROR, "Usługa wymieniona z samym sobą",
    "Uczestnik {participant} jest wpisany jako ten, kto dał, i ten, kto otrzymał usługę "
    "„{service}” ({day}). Taki wpis nie ma drugiej strony, więc nie jest liczony do bilansu. "
    "Popraw ID uczestnika w kolumnie „{column}”.",
)
EXCHANGE_HOURS_INVALID = finding_type(
    "exchange-hours-invalid", Severity.ERROR, "Nieprawdopodobna liczba godzin usługi",
    "Usługa „{service}” ({day}) ma {hours} h (dopuszczalne: więcej niż 0 i najwyżej {limit} h "
    "za jeden wpis). Wpis nie jest liczony do bilansu – popraw liczbę godzin albo rozbij "
    "usługę na kilka dni.",
)
EXCHANGE_MEMBER_NOT_ACTIVE = finding_type(
    "exchange-member-not-active", Severity.WARNING, "Wymiana poza okresem uczestnictwa",
    "Uczestnik {participant} ({role}) nie bierze udziału w klubie w dniu {day} (daty "
    "rozpoczęcia i zakończenia udziału w arkuszu „Uczestnicy”). Wpis liczy się do bilansu – "
    "sprawdź datę wymiany i daty udziału.",
)

# ------------------------------------------------------------ kis_xl.domain.groups

GROUP_WITHOUT_MEMBERS = finding_type(
    "group-without-members", Severity.WARNING, "Zajęcia dla grupy bez członków",
    "Zajęcia {activity} są prowadzone dla grupy {group}, ale w arkuszu „Członkowie grup” nie ma "
    "nikogo z tej grupy. Dopóki ich nie wpiszesz, na spotkaniach oczekiwani są wszyscy "
    "aktywni uczestnicy (jak przy zajęciach bez zapisów).",
)

# ------------------------------------------------------------ kis_xl.domain.volunteers

VOLUNTEERING_ACT = ("art. 44 ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku "
                    "publicznego i o wolontariacie")

VOLUNTEER_AGREEMENT_MISSING = finding_type(
    "volunteer-agreement-missing", Severity.WARNING, "Brak pisemnego porozumienia z wolontariuszem",
    "Wolontariusz {volunteer} wykonuje świadczenia dłużej niż 30 dni ({period}), a nie ma daty "
    "zawarcia porozumienia. Przy świadczeniach dłuższych niż 30 dni porozumienie zawiera się na "
    "piśmie: przygotuj porozumienie wolontariackie (przycisk „Porozumienie wolontariackie” "
    "albo kis-xl docs PLIK porozumienie --id {volunteer}), podpiszcie je i wpisz datę w "
    "kolumnie „{column}”.",
    VOLUNTEERING_ACT,
)
VOLUNTEER_PERIOD_INVALID = finding_type(
    "volunteer-period-invalid", Severity.ERROR, "Koniec świadczeń przed początkiem",
    "Wolontariusz {volunteer}: data „Do” ({end}) jest wcześniejsza niż data „Od” ({start}). "
    "Popraw daty.",
)
VOLUNTEER_AGREEMENT_LATE = finding_type(
    "volunteer-agreement-late", Severity.WARNING, "Porozumienie wolontariackie zawarte po czasie",
    "Wolontariusz {volunteer} wykonuje świadczenia od {start}, a porozumienie zawarto {signed} – "
    "przez {days} dni praca trwała bez pisemnego porozumienia, choć przy świadczeniach "
    "dłuższych niż 30 dni zawiera się je na piśmie przed ich rozpoczęciem. Porozumienie nosi "
    "datę podpisania (nie antydatuj go); sprawdź daty w kolumnach „Od” i „{column}”.",
    VOLUNTEERING_ACT + " (ust. 1 i 4)",
)

MINORS_ACT = ("art. 21 ust. 1 ustawy z dnia 13 maja 2016 r. o przeciwdziałaniu zagrożeniom "
              "przestępczością na tle seksualnym i ochronie małoletnich")

VOLUNTEER_REGISTER_CHECK_MISSING = finding_type(
    "volunteer-register-check-missing", Severity.ERROR,
    "Wolontariusz pracujący z małoletnimi niesprawdzony w Rejestrze",
    "Wolontariusz {volunteer} pracuje z małoletnimi, a nie wpisano {what}. Przed dopuszczeniem "
    "do pracy z dziećmi sprawdź go w Rejestrze Sprawców Przestępstw na Tle Seksualnym "
    "(rps.ms.gov.pl) i wpisz datę i wynik sprawdzenia w kolumnie „{column}”.",
    MINORS_ACT,
)
VOLUNTEER_IN_REGISTER = finding_type(
    "volunteer-in-register", Severity.ERROR, "Wolontariusz figuruje w Rejestrze Sprawców",
    "Wolontariusz {volunteer} figuruje w Rejestrze Sprawców Przestępstw na Tle Seksualnym, "
    "a wpisano, że pracuje z małoletnimi. Nie wolno dopuścić go do pracy z dziećmi: zmień "
    "zakres świadczeń albo zakończ porozumienie.",
    MINORS_ACT,
)
VOLUNTEER_REGISTER_CHECK_LATE = finding_type(
    "volunteer-register-check-late", Severity.WARNING,
    "Sprawdzenie w Rejestrze po rozpoczęciu pracy z małoletnimi",
    "Wolontariusza {volunteer} sprawdzono w Rejestrze {checked}, a świadczenia wykonuje od "
    "{start}. Sprawdzenie należy do warunków dopuszczenia do pracy z małoletnimi – następnym "
    "razem sprawdź przed rozpoczęciem.",
    MINORS_ACT,
)
