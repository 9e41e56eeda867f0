"""Findings of the eligibility and admission rules and of the participant data checks.

``eligibility=True`` marks errors that mean "nie kwalifikuje się" (all other errors: "braki
w dokumentacji"); the status logic reads ``ELIGIBILITY_CODES``, never the messages.
"""

from __future__ import annotations

from kis_xl.domain.findings import FindingType, Severity, finding_type

ELIGIBILITY_CODES: set[str] = set()
"""Codes whose errors mean "nie kwalifikuje się" (all other errors: documentation)."""


def rule_type(
    code: str, severity: Severity, title: str, template: str, basis: str | None = None,
    *, eligibility: bool = False,
) -> FindingType:
    """Declare a finding type of the rules; ``eligibility`` marks errors that bar participation."""
    ftype = finding_type(code, severity, title, template, basis)
    if eligibility:
        ELIGIBILITY_CODES.add(code)
    return ftype


# ------------------------------------------------------------ kis_xl.domain.rules.eligibility

CATEGORY_MISSING = rule_type(
    "category-missing", Severity.ERROR, "Brak kategorii uczestnika",
    "Nie wpisano kategorii uczestnika, więc nie można ocenić, czy może uczestniczyć w klubie. "
    "Wybierz kategorię z listy rozwijanej.",
)
CATEGORY_EXTENDED = rule_type(
    "category-extended", Severity.INFO, "Kategoria spoza katalogu przepisu",
    "Kategoria „{category}” nie należy do katalogu ({catalogue}); przyjęto ją jako kategorię "
    "dopisaną przez klub według rozeznania potrzeb środowiska lokalnego. Upewnij się, że klub "
    "ma podstawę do jej przyjęcia (np. uchwała lub regulamin).",
)
CATEGORY_OUTSIDE_PROFILE = rule_type(
    "category-outside-profile", Severity.INFO, "Kategoria ustawy spoza katalogu regulaminu",
    "Kategoria „{category}” należy do katalogu ustawy ({act_basis}), ale nie do katalogu "
    "przyjętego profilu reguł ({catalogue}); przyjęto ją jako rozszerzenie katalogu. Upewnij "
    "się, że klub je przyjął (np. uchwała lub zmiana regulaminu).",
)
THERAPY_END_MISSING = rule_type(
    "therapy-end-missing", Severity.ERROR, "Brak daty zakończenia terapii",
    "Kategoria „{category}” wymaga zakończenia programu terapii przed przyjęciem. Wpisz datę "
    "zakończenia terapii z zaświadczenia placówki; jeśli terapii nie ukończono, wpisz „nie” "
    "w kolumnie „{completed_column}”.",
)
THERAPY_NOT_FINISHED = rule_type(
    "therapy-not-finished", Severity.ERROR, "Terapia nieukończona",
    "Wpisano, że uczestnik nie ukończył programu terapii, a kategoria „{category}” obejmuje "
    "tylko osoby po jego zakończeniu. Osoba nie kwalifikuje się z tej kategorii: wybierz "
    "inną kategorię, jeśli ją spełnia, albo zapisz uzasadnioną decyzję koordynatora.",
    eligibility=True,
)
THERAPY_NOT_COMPLETED = rule_type(
    "therapy-not-completed", Severity.ERROR, "Terapia niezakończona przed przyjęciem",
    "Terapia zakończyła się {therapy_end}, po dniu rozpoczęcia udziału ({start}); kategoria "
    "„{category}” wymaga zakończenia programu terapii przed przyjęciem. Sprawdź daty albo "
    "zmień kategorię.",
    eligibility=True,
)
PUP_PERIODS_MISSING = rule_type(
    "pup-periods-missing", Severity.ERROR, "Brak okresów rejestracji w PUP",
    "Kategoria „{category}” wymaga: {requirement}. W arkuszu „{pup_sheet}” nie ma okresów "
    "rejestracji uczestnika {participant}. Wpisz je z zaświadczenia powiatowego urzędu pracy.",
)
NOT_LONG_TERM_UNEMPLOYED = rule_type(
    "not-long-term-unemployed", Severity.ERROR, "Niespełniony warunek długotrwałego bezrobocia",
    "Kategoria „{category}” wymaga: {requirement}. Według arkusza „{pup_sheet}”: {detail}. "
    "Sprawdź okresy z zaświadczenia PUP albo wybierz inną kategorię.",
    eligibility=True,
)
BENEFITS_MISSING = rule_type(
    "benefits-missing", Severity.ERROR, "Nie ustalono prawa do świadczeń",
    "Nie wpisano, czy uczestnik ma prawo do świadczeń wykluczających udział. Wpisz „brak” "
    "albo świadczenia, do których osoba ma prawo.",
)
BENEFITS_CONTRADICTORY = rule_type(
    "benefits-contradictory", Severity.WARNING, "Sprzeczny wpis o świadczeniach",
    "Wpisano jednocześnie „brak” i świadczenia ({benefits}). Zostaw „brak” albo same "
    "świadczenia.",
)
EXCLUDED_BENEFIT = rule_type(
    "excluded-benefit", Severity.ERROR, "Prawo do świadczenia wykluczającego udział",
    "Uczestnik ma prawo do świadczenia „{benefit}”, które wyklucza udział w klubie (liczy się "
    "samo prawo, nie pobieranie). Jeśli to pomyłka, popraw wpis; w przeciwnym razie zakończ "
    "udział albo zapisz uzasadnioną decyzję koordynatora.",
    eligibility=True,
)
BENEFIT_KIS_EXCEPTION = rule_type(
    "benefit-kis-exception", Severity.INFO, "Świadczenie dopuszczone w klubie",
    "Prawo do świadczenia „{benefit}” wyłącza stosowanie ustawy ({excluded}), ale osoba z tym "
    "prawem może uczestniczyć w zajęciach klubu integracji społecznej.",
)
UNDER_AGE = rule_type(
    "under-age", Severity.ERROR, "Osoba niepełnoletnia w dniu przyjęcia",
    "W dniu rozpoczęcia udziału ({start}) osoba nie była pełnoletnia (wiek: {age}, data "
    "urodzenia: {birth}). Kontrakt socjalny może zawrzeć tylko osoba pełnoletnia: sprawdź "
    "datę urodzenia i PESEL albo datę rozpoczęcia.",
    basis="art. 10 § 1 Kodeksu cywilnego; art. 18 ust. 4 ustawy o zatrudnieniu socjalnym",
    eligibility=True,
)

# ------------------------------------------------------------ kis_xl.domain.rules.admission

START_MISSING = rule_type(
    "start-date-missing", Severity.ERROR, "Brak daty rozpoczęcia udziału",
    "Nie wpisano daty rozpoczęcia udziału, więc nie można sprawdzić warunków przyjęcia. Wpisz "
    "datę, od której uczestnik bierze udział w zajęciach (lub planowaną datę przyjęcia).",
)
APPLICATION_MISSING = rule_type(
    "application-missing", Severity.ERROR, "Brak pisemnego wniosku o przyjęcie",
    "Nie wpisano daty pisemnego wniosku o przyjęcie. Przyjęcie następuje na pisemny wniosek "
    "uczestnika: wpisz datę wniosku albo uzupełnij wniosek.",
)
APPLICATION_LATE = rule_type(
    "application-after-start", Severity.ERROR, "Wniosek złożony po rozpoczęciu udziału",
    "Wniosek o przyjęcie ma datę {date}, późniejszą niż rozpoczęcie udziału ({start}). Sprawdź "
    "daty: wniosek poprzedza przyjęcie.",
)
INTERVIEW_MISSING = rule_type(
    "interview-missing", Severity.ERROR, "Brak wywiadu środowiskowego",
    "Nie wpisano daty wywiadu środowiskowego, a regulamin klubu wymaga go przed przyjęciem: "
    "wpisz jego datę albo przeprowadź wywiad przed rozpoczęciem udziału. (Ustawa tego nie "
    "wymaga; jeśli regulamin klubu też nie, ustaw „Wymagany wywiad środowiskowy” na „nie”.)",
)
INTERVIEW_LATE = rule_type(
    "interview-after-start", Severity.ERROR, "Wywiad środowiskowy po rozpoczęciu udziału",
    "Wywiad środowiskowy ma datę {date}, późniejszą niż rozpoczęcie udziału ({start}). Wywiad "
    "przeprowadza się przed przyjęciem: sprawdź daty.",
)
CONTRACT_MISSING = rule_type(
    "contract-missing", Severity.ERROR, "Brak kontraktu socjalnego",
    "Nie wpisano daty podpisania kontraktu socjalnego. Warunkiem uczestnictwa w klubie jest "
    "realizacja kontraktu socjalnego: wpisz datę podpisania albo zawrzyj kontrakt.",
)
CONTRACT_LATE = rule_type(
    "contract-after-start", Severity.ERROR, "Kontrakt socjalny podpisany po rozpoczęciu udziału",
    "Kontrakt socjalny podpisano {date}, po rozpoczęciu udziału ({start}). Kontrakt podpisuje "
    "się najpóźniej w dniu przyjęcia: sprawdź daty.",
)
CONTRACT_BACKDATED = rule_type(
    "contract-period-before-signing", Severity.WARNING,
    "Okres kontraktu socjalnego zaczyna się przed podpisaniem",
    "Kontrakt socjalny podpisano {signed}, a w kolumnie „{column}” wpisano, że obowiązuje od "
    "{start}. Dokument podaje ten wcześniejszy początek: upewnij się, że strony rzeczywiście "
    "go uzgodniły (kontrakt nie może udawać, że był zawarty wcześniej); w przeciwnym razie "
    "wyczyść komórkę – okres liczy się wtedy od dnia podpisania.",
)
END_BEFORE_START = rule_type(
    "participation-end-before-start", Severity.ERROR, "Zakończenie przed rozpoczęciem udziału",
    "„{column}” ({end}) jest wcześniejsza niż data rozpoczęcia udziału ({start}). Popraw "
    "jedną z dat.",
)
PLANNED_END_TOO_LATE = rule_type(
    "planned-end-too-late", Severity.ERROR, "Planowany okres uczestnictwa za długi",
    "Planowane zakończenie {end} wypada po upływie {max} mies. od rozpoczęcia ({start}); "
    "najpóźniejsza dopuszczalna data to {limit}. Skróć planowany okres.",
)
PARTICIPATION_TOO_LONG = rule_type(
    "participation-too-long", Severity.ERROR, "Przekroczony maksymalny okres uczestnictwa",
    "Uczestnictwo {state} od {start} do {end} ({months} mies.), dłużej niż dopuszczalne {max} "
    "mies. (najpóźniej do {limit}). Zakończ udział albo popraw daty.",
    eligibility=True,
)
END_OVERDUE = rule_type(
    "end-overdue", Severity.WARNING, "Minęła planowana data zakończenia",
    "Planowana data zakończenia ({planned}) minęła, a nie wpisano daty zakończenia udziału. "
    "Wpisz datę i powód zakończenia albo przesuń planowaną datę.",
)
CERTIFICATE_WITHOUT_END = rule_type(
    "certificate-without-end", Severity.ERROR, "Zaświadczenie bez zakończenia udziału",
    "Wpisano datę zaświadczenia o uczestnictwie ({date}), ale nie datę zakończenia udziału. "
    "Wpisz datę zakończenia albo usuń datę zaświadczenia.",
)
CERTIFICATE_LATE = rule_type(
    "certificate-late", Severity.WARNING, "Zaświadczenie wydane długo po zakończeniu udziału",
    "Zaświadczenie o uczestnictwie wydano {date}, {days} dni po zakończeniu udziału ({end}); "
    "ustawa każe wydać je niezwłocznie, a klub przyjął termin {limit} dni (ustawienie "
    "„{setting}”). Zaświadczenie nosi prawdziwą datę wydania – nie antydatuj go.",
)
CERTIFICATE_OVERDUE = rule_type(
    "certificate-overdue", Severity.WARNING, "Brak zaświadczenia po zakończeniu udziału",
    "Udział zakończył się {end}, minęło {days} dni, a nie wpisano daty wydania zaświadczenia "
    "(termin klubu: {limit} dni, ustawienie „{setting}”). Wydaj zaświadczenie niezwłocznie "
    "(przycisk „Zaświadczenie”) i wpisz datę w kolumnie „{column}”.",
)
CERTIFICATE_BEFORE_END = rule_type(
    "certificate-before-end", Severity.ERROR, "Zaświadczenie przed zakończeniem udziału",
    "Zaświadczenie o uczestnictwie ma datę {date}, wcześniejszą niż zakończenie udziału "
    "({end}). Zaświadczenie wydaje się po zakończeniu: sprawdź daty.",
)

# ------------------------------------------------------------ kis_xl.domain.rules.data_quality

_PESEL_BASIS = "art. 15 ust. 2 ustawy o ewidencji ludności"

PESEL_BIRTH_MISMATCH = rule_type(
    "pesel-birth-date-mismatch", Severity.ERROR, "Data urodzenia niezgodna z PESEL",
    "Data urodzenia {typed} nie zgadza się z numerem PESEL (wynika z niego {from_pesel}). "
    "Sprawdź oba wpisy w dokumencie tożsamości.",
    basis=_PESEL_BASIS,
)
PESEL_SEX_MISMATCH = rule_type(
    "pesel-sex-mismatch", Severity.ERROR, "Płeć niezgodna z PESEL",
    "Wpisana płeć „{typed}” nie zgadza się z numerem PESEL (wynika z niego „{from_pesel}”). "
    "Sprawdź PESEL i płeć.",
    basis=_PESEL_BASIS,
)
BIRTH_UNKNOWN = rule_type(
    "birth-date-missing", Severity.ERROR, "Brak PESEL i daty urodzenia",
    "Nie wpisano ani numeru PESEL, ani daty urodzenia, więc nie można sprawdzić "
    "pełnoletności. Wpisz PESEL (albo datę urodzenia osoby bez numeru PESEL).",
)
DUPLICATE_PESEL = rule_type(
    "duplicate-pesel", Severity.ERROR, "Ten sam PESEL u dwóch uczestników",
    "PESEL {pesel} ma już uczestnik {other} (wiersz {other_row}), a okresy ich udziału "
    "nakładają się lub są nieznane. Jeśli to ta sama osoba, usuń zdublowany wiersz; jeśli "
    "nie, popraw PESEL.",
)
REPEAT_PARTICIPATION = rule_type(
    "repeat-participation", Severity.INFO, "Ponowny udział tej samej osoby",
    "Ta sama osoba (PESEL {pesel}) uczestniczyła już w klubie jako {other} (wiersz {other_row}, "
    "{period}). To ponowne przyjęcie – sprawdź, czy jest uzasadnione.",
)
PROOF_MISSING = rule_type(
    "proof-missing", Severity.ERROR, "Brak dokumentu potwierdzającego kategorię",
    "Nie wpisano dokumentu potwierdzającego kategorię „{category}”. Wpisz jego nazwę i numer "
    "(np. zaświadczenie PUP, orzeczenie o niepełnosprawności, zaświadczenie o zwolnieniu).",
)
RODO_INFO_MISSING = rule_type(
    "rodo-info-missing", Severity.ERROR, "Brak informacji o przetwarzaniu danych",
    "Nie wpisano daty przekazania uczestnikowi informacji o przetwarzaniu jego danych "
    "osobowych (kto je przetwarza, w jakim celu, na jakiej podstawie, jak długo, jakie ma "
    "prawa). Przekaż informację przy zbieraniu danych (np. z wnioskiem) i wpisz jej datę.",
    basis="art. 13 ust. 1 i 2 RODO",
)
CONSENT_MISSING = rule_type(
    "consent-missing", Severity.ERROR, "Brak zgody wymaganej przez klub",
    "Nie wpisano daty zgody uczestnika na przetwarzanie danych osobowych, a klub jej wymaga "
    "(ustawienie „{setting}”). Dane uczestników przetwarza się na podstawie ustawy, nie "
    "zgody: jeśli regulamin klubu zgody nie wymaga, ustaw „nie”; w przeciwnym razie odbierz "
    "zgodę i wpisz jej datę.",
)
DATE_IN_FUTURE = rule_type(
    "event-date-in-future", Severity.ERROR, "Data z przyszłości",
    "Data {day} jest późniejsza niż dzisiejsza ({today}), a opisuje zdarzenie, które już "
    "nastąpiło. Popraw datę (często to pomyłka w roku).",
)
PUP_PERIOD_REVERSED = rule_type(
    "pup-period-end-before-start", Severity.ERROR, "Koniec rejestracji przed jej początkiem",
    "Okres rejestracji w PUP kończy się {end}, przed swoim początkiem ({start}); nie jest "
    "liczony. Popraw daty z zaświadczenia PUP.",
)

# ------------------------------------------------------------ kis_xl.domain.rules.registers

_NOT_ADMITTED_TAIL = (
    "Na listę obecności i do nowych spotkań (kis-xl meeting add) trafiają tylko osoby "
    "dopuszczone do udziału („kwalifikuje się” albo decyzja koordynatora o dopuszczeniu). "
    "Usuń wiersz albo uzupełnij dokumenty lub zapisz decyzję koordynatora i sprawdź ponownie.")
ENROLLED_NOT_ADMITTED = rule_type(
    "enrolled-not-admitted", Severity.WARNING, "Zapisana osoba niedopuszczona do udziału",
    "Uczestnik {participant} jest zapisany na zajęcia {activity}, ale jego status to "
    "„{status}”. " + _NOT_ADMITTED_TAIL,
    "art. 18 ust. 4 ustawy o zatrudnieniu socjalnym; § 13–§ 14 regulaminu klubu",
)
GROUP_MEMBER_NOT_ADMITTED = rule_type(
    "group-member-not-admitted", Severity.WARNING, "Członek grupy niedopuszczony do udziału",
    "Uczestnik {participant} jest członkiem grupy {group}, ale jego status to „{status}”. "
    + _NOT_ADMITTED_TAIL,
    "art. 18 ust. 4 ustawy o zatrudnieniu socjalnym; § 13–§ 14 regulaminu klubu",
)
