"""The dictionaries behind the workbook's dropdowns.

Each vocabulary becomes one column of the lists sheet and one named range that
feeds data validation. Canonical values are what kis_xl writes and counts;
aliases let the reader accept what people actually type ("alkohol", "2",
"bezrobotny 24 mies."). An *extensible* vocabulary accepts values the club
added itself in the lists sheet (regulamin §8 lets a club admit other groups);
a fixed one has meaning in code, so unknown values are findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kis_xl.domain.text import fold


@dataclass(frozen=True, slots=True)
class Term:
    value: str
    code: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    key: str
    label: str
    terms: tuple[Term, ...]
    extensible: bool = False
    help: str = ""
    _index: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for term in self.terms:
            for spelling in (term.value, term.code, *term.aliases):
                if spelling:
                    self._index.setdefault(fold(spelling), term.value)

    @property
    def values(self) -> list[str]:
        return [t.value for t in self.terms]

    @property
    def range_name(self) -> str:
        """Defined name of the dropdown source range in the workbook."""
        return f"lista_{self.key}"

    def match(self, text: object, extra: Iterable[str] = ()) -> str | None:
        """Canonical value for what the user typed, or None when it is not on the list."""
        key = fold(text)
        if not key:
            return None
        hit = self._index.get(key)
        if hit is not None:
            return hit
        for value in extra:
            if fold(value) == key:
                return value
        return None

    def term(self, value: str) -> Term:
        for t in self.terms:
            if t.value == value:
                return t
        raise KeyError(value)

    def code_of(self, value: str) -> str:
        return self.term(value).code


def _v(
    key: str,
    label: str,
    terms: Iterable[Term | str],
    *,
    extensible: bool = False,
    help: str = "",
) -> Vocabulary:
    items = tuple(t if isinstance(t, Term) else Term(t) for t in terms)
    return Vocabulary(key, label, items, extensible, help)


CATEGORIES = _v(
    "kategorie",
    "Kategorie uczestników",
    [
        Term(
            "osoby bezdomne realizujące indywidualny program wychodzenia z bezdomności",
            "1",
            ("bezdomni", "bezdomny", "bezdomna", "bezdomnosc", "pkt 1",
             "bezdomni realizujacy indywidualny program wychodzenia z bezdomnosci",
             "osoby bezdomne realizujace program wychodzenia z bezdomnosci"),
        ),
        Term(
            "osoby uzależnione od alkoholu",
            "2",
            ("uzaleznieni od alkoholu", "uzalezniony od alkoholu", "uzalezniona od alkoholu",
             "alkohol", "alkoholizm", "pkt 2"),
        ),
        Term(
            "osoby uzależnione od narkotyków lub innych środków odurzających",
            "3",
            ("uzaleznieni od narkotykow", "narkotyki", "narkomania", "srodki odurzajace",
             "uzaleznieni od narkotykow lub innych srodkow odurzajacych", "pkt 3"),
        ),
        Term(
            "osoby z zaburzeniami psychicznymi",
            "4",
            ("zaburzenia psychiczne", "chorzy psychicznie", "chory psychicznie",
             "choroba psychiczna", "pkt 4"),
        ),
        Term(
            "osoby długotrwale bezrobotne",
            "5",
            ("dlugotrwale bezrobotni", "dlugotrwale bezrobotny", "dlugotrwale bezrobotna",
             "bezrobotni", "bezrobotny", "bezrobotna", "pkt 5"),
        ),
        Term(
            "osoby zwalniane z zakładów karnych, mające trudności w integracji ze środowiskiem",
            "6",
            ("zwalniani z zakladow karnych", "zwolniony z zakladu karnego",
             "zwolniona z zakladu karnego", "zaklad karny", "pkt 6",
             "osoby zwalniane z zakladow karnych",
             "zwalniani z zakladow karnych, majacy trudnosci w integracji ze srodowiskiem"),
        ),
        Term(
            "uchodźcy realizujący indywidualny program integracji",
            "7",
            ("uchodzcy", "uchodzca", "uchodzcy realizujacy program integracji", "pkt 7"),
        ),
        Term(
            "osoby niepełnosprawne",
            "8",
            ("niepelnosprawni", "niepelnosprawny", "niepelnosprawna",
             "osoba niepelnosprawna", "pkt 8"),
        ),
    ],
    extensible=True,
    help="Kategorie z art. 1 ust. 2 ustawy o zatrudnieniu socjalnym. Klub może dopisać "
    "własne kategorie pod listą (regulamin § 8).",
)

BENEFITS = _v(
    "swiadczenia",
    "Świadczenia",
    [
        Term("brak", "none", ("nie", "bez swiadczen", "zadne", "-")),
        Term("zasiłek dla bezrobotnych", "unemployment_benefit", ("zasilek dla bezrobotnego",)),
        Term("zasiłek przedemerytalny", "pre_retirement_allowance"),
        Term("świadczenie przedemerytalne", "pre_retirement_benefit"),
        Term("renta strukturalna", "structural_pension"),
        Term(
            "renta z tytułu niezdolności do pracy",
            "disability_pension",
            ("renta z tytulu niezdolnosci", "renta z tyt niezdolnosci do pracy"),
        ),
        Term("emerytura", "retirement_pension"),
        Term("nauczycielskie świadczenie kompensacyjne", "teacher_compensation"),
        Term("renta socjalna", "social_pension"),
        Term("inne świadczenie", "other", ("inne", "inne swiadczenia")),
    ],
    help="Świadczenia, do których uczestnik ma prawo (art. 1 ust. 3 ustawy). "
    "Kilka wpisz rozdzielone średnikiem.",
)

ACTIVITY_TYPES = _v(
    "rodzaje_zajec",
    "Rodzaje zajęć",
    [
        Term("terapeutyczne", "therapeutic", ("terapia", "terapeutyczna")),
        Term("zatrudnieniowe", "employment", ("zatrudnienie", "zatrudnieniowa")),
        Term("samopomocowe", "self_help", ("samopomoc", "samopomocowa")),
        Term("edukacyjne", "educational", ("edukacja", "edukacyjna", "szkolenie", "kurs")),
        Term("poradnictwo", "counselling", ("porady", "doradztwo", "poradnictwo prawne")),
    ],
)

FORMS = _v(
    "formy",
    "Formy zajęć",
    [
        Term("grupowe", "group", ("grupowa", "grupa", "w grupie", "g")),
        Term("indywidualne", "individual", ("indywidualna", "indywidualnie", "i")),
    ],
)

SPECIALISTS = _v(
    "specjalisci",
    "Specjaliści",
    [
        "psycholog",
        "pracownik socjalny",
        "doradca zawodowy",
        "pośrednik pracy",
        "doradca zawodowy / pośrednik pracy",
        "terapeuta",
        "prawnik",
        "trener",
        "eksperci ZUS, bank, US",
        "animator",
        "koordynator",
        "wolontariusz",
    ],
    extensible=True,
    help="Role specjalistów prowadzących zajęcia; klub może dopisać własne.",
)

ATTENDANCE = _v(
    "obecnosc",
    "Obecność",
    [
        Term("obecny", "present", ("obecna", "ob", "o", "tak", "x", "1", "+")),
        Term("usprawiedliwiony", "excused", ("usprawiedliwiona", "usp", "u", "nb usp")),
        Term("nieobecny", "absent", ("nieobecna", "nb", "n", "nie", "0", "-")),
    ],
)

OUTCOMES = _v(
    "rezultaty",
    "Rodzaje rezultatów",
    [
        Term("zatrudnienie na otwartym rynku pracy", "employment_open", ("praca", "zatrudnienie")),
        Term("roboty publiczne", "public_works"),
        Term("prace interwencyjne", "intervention_works"),
        Term("zatrudnienie wspierane", "supported_employment"),
        Term("prace społecznie użyteczne", "socially_useful_work", ("psu",)),
        Term("własna działalność gospodarcza", "own_business",
             ("dzialalnosc gospodarcza", "wlasna firma", "samozatrudnienie")),
        Term("spółdzielnia socjalna", "social_cooperative"),
        Term("podniesienie kwalifikacji", "qualification",
             ("szkolenie", "kurs", "kwalifikacje", "podniesienie kwalifikacji zawodowych")),
        Term("podjęcie leczenia", "treatment", ("leczenie", "terapia", "leczenie odwykowe")),
        Term("uregulowanie spraw prawnych", "legal",
             ("sprawy prawne", "sprawy sadowe", "alimenty", "separacja")),
        Term("inny rezultat", "other", ("inny", "inne")),
    ],
)

EMPLOYMENT_OUTCOMES = frozenset(
    {"employment_open", "public_works", "intervention_works", "supported_employment",
     "socially_useful_work", "own_business", "social_cooperative"}
)

END_REASONS = _v(
    "powody_zakonczenia",
    "Powody zakończenia",
    [
        Term("ukończenie programu", "completed", ("ukonczenie", "ukonczyl", "ukonczyla")),
        Term("podjęcie zatrudnienia", "employed", ("zatrudnienie", "praca")),
        Term("rezygnacja", "resigned", ("rezygnacja uczestnika",)),
        Term("skreślenie z listy", "removed", ("skreslenie", "skreslony", "wykluczenie")),
        Term("inny powód", "other", ("inny", "inne")),
    ],
)

SEXES = _v(
    "plec",
    "Płeć",
    [
        Term("K", "F", ("kobieta", "k", "f", "z")),
        Term("M", "M", ("mezczyzna", "m")),
    ],
)

YES_NO = _v(
    "tak_nie",
    "Tak/Nie",
    [
        Term("tak", "yes", ("t", "x", "1", "y", "yes", "prawda")),
        Term("nie", "no", ("n", "0", "no", "falsz")),
    ],
)

EMPLOYMENT_BASES = _v(
    "podstawy_zatrudnienia",
    "Podstawy zatrudnienia",
    [
        "umowa o pracę",
        "umowa zlecenia",
        "umowa o dzieło",
        "powierzenie obowiązków (zakres czynności)",
        "porozumienie wolontariackie",
        "współpraca nieodpłatna",
        "inna",
    ],
    extensible=True,
)

RULE_PROFILES = _v(
    "profile_regul",
    "Profile reguł",
    [
        Term("ustawa 2025", "law2025", ("ustawa", "ustawa o zatrudnieniu socjalnym", "2025")),
        Term("regulamin 2006", "statute2006", ("regulamin", "2006", "regulamin klubu")),
    ],
)

PUP_PERIOD_KINDS = _v(
    "rodzaje_okresow_pup",
    "Rodzaje okresów w PUP",
    [
        Term("rejestracja jako bezrobotny", "registration",
             ("rejestracja", "bezrobotny", "bezrobotna", "zarejestrowany", "zarejestrowana")),
        Term("staż", "internship", ("staz", "odbywanie stazu")),
        Term("przygotowanie zawodowe dorosłych", "adult_vocational_preparation",
             ("przygotowanie zawodowe", "pzd")),
    ],
    help="Rodzaj okresu z zaświadczenia PUP; puste = rejestracja jako bezrobotny. Dni stażu "
    "nie liczą się do długotrwałego bezrobocia (ustawa o rynku pracy z 2025 r.); dni "
    "przygotowania zawodowego dorosłych – tylko do 31.05.2025 (dawna definicja).",
)

WEEKDAYS = _v(
    "dni_tygodnia",
    "Dni tygodnia",
    [
        Term("poniedziałek", "0", ("pon", "pn")),
        Term("wtorek", "1", ("wt",)),
        Term("środa", "2", ("sr",)),
        Term("czwartek", "3", ("czw", "cz")),
        Term("piątek", "4", ("pt", "piat")),
        Term("sobota", "5", ("sob", "so")),
        Term("niedziela", "6", ("nd", "niedz")),
    ],
)

PARTNER_TYPES = _v(
    "rodzaje_partnerow",
    "Rodzaje partnerów",
    [
        "powiatowy urząd pracy",
        "urząd gminy / miasta",
        "ochrona zdrowia",
        "ZUS",
        "urząd skarbowy",
        "bank",
        "organizacja pozarządowa",
        "pracodawca",
        "inny klub lub centrum",
        "inny partner",
        "wolontariusz",  # selfhelp-a: seed 000 names volunteers among the key partners
    ],
    extensible=True,
)

# selfhelp-a: timetable entry kinds (issue 11) ------------------------------------------
TIMETABLE_KINDS = _v(
    "rodzaje_wpisow_harmonogramu",
    "Rodzaje wpisów harmonogramu",
    [
        Term("zajęcia", "activity", ("zajecia klubu", "spotkanie", "grupa")),
        Term("dyżur punktu informacyjnego", "info_point",
             ("punkt informacyjny", "dyzur", "dyzur punktu", "informacja", "pi")),
        Term("inne", "other", ("inny", "inna")),
    ],
    help="„dyżur punktu informacyjnego” – godziny, w których punkt informacyjny klubu jest "
    "czynny (co najmniej 6 h tygodniowo, przed południem i po południu); puste = zajęcia.",
)

CONTRACT_ENTRIES = _v(
    "wpisy_kontraktu",
    "Wpisy kontraktu",
    [
        Term("przyczyna trudnej sytuacji", "cause", ("przyczyna", "przyczyny")),
        Term("mocna strona", "strength", ("mozliwosci", "mocne strony", "zasoby")),
        Term("ograniczenie", "barrier", ("bariera", "ograniczenia", "bariery")),
        Term("cel główny", "main_goal", ("cel glowny",)),
        Term("cel szczegółowy", "goal", ("cel", "cele szczegolowe")),
        Term("działanie uczestnika", "client_action",
             ("dzialanie osoby", "zobowiazanie uczestnika")),
        Term("działanie pracownika socjalnego", "worker_action",
             ("dzialanie pracownika", "zobowiazanie pracownika")),
        Term("oczekiwany efekt", "effect", ("efekt", "efekty")),
        Term("ocena realizacji", "evaluation", ("ocena", "monitoring", "czesc ii")),
    ],
)

CONTRACT_VARIANTS = _v(
    "warianty_kontraktu",
    "Warianty kontraktu",
    [
        Term("B – wzmocnienie aktywności i samodzielności", "B",
             ("b", "wariant b", "czesc b", "aktywnosc", "wzmocnienie aktywnosci")),
        Term("A – rozwiązywanie trudnej sytuacji życiowej", "A",
             ("a", "wariant a", "czesc a", "trudna sytuacja zyciowa")),
    ],
    help="Wariant wzoru kontraktu socjalnego (Dz. U. z 2010 r. Nr 218, poz. 1439): "
    "A – osoba lub rodzina i pracownik socjalny w zakresie rozwiązywania trudnej sytuacji "
    "życiowej (część I A i II A); B – osoba i pracownik socjalny w celu wzmocnienia "
    "aktywności i samodzielności życiowej, zawodowej lub przeciwdziałania wykluczeniu "
    "społecznemu (część I B i II B), zwykle dla uczestnika klubu. Pusty = B.",
)

DECISIONS = _v(
    "decyzje",
    "Decyzje koordynatora",
    [
        Term("dopuszczam mimo ustaleń", "admit", ("dopuszczam", "dopuszczony", "kwalifikuje sie",
                                                   "tak", "przyjety", "przyjeta")),
        Term("nie dopuszczam", "refuse", ("niedopuszczony", "nie kwalifikuje sie", "nie",
                                          "odmowa")),
    ],
)

ELIGIBILITY_STATUSES = _v(
    "statusy_kwalifikacji",
    "Statusy kwalifikacji",
    [
        Term("kwalifikuje się", "eligible"),
        Term("nie kwalifikuje się", "ineligible"),
        Term("braki w dokumentacji", "incomplete"),
        Term("decyzja koordynatora", "override"),
    ],
)

# ------------------------------------------------------------------ self-help (issue 11, part B)
GROUP_TYPES = _v(
    "rodzaje_grup",
    "Rodzaje grup",
    [
        # seed 000, "Podstawowe formy działania KS"
        Term("grupa samopomocowa", "self_help", ("samopomocowa", "grupa samopomocy")),
        Term("grupa wsparcia", "support", ("wsparcia",)),
        Term("grupa terapeutyczna", "therapeutic", ("terapeutyczna",)),
        Term("grupa edukacyjna", "educational", ("edukacyjna", "samoksztalceniowa")),
    ],
    extensible=True,
)
REGISTER_CHECK_RESULTS = _v(
    "wyniki_sprawdzenia_rejestru",
    "Wyniki sprawdzenia w Rejestrze",
    [
        Term("brak w Rejestrze", "clear", ("brak", "brak wpisu", "nie figuruje", "negatywny")),
        Term("figuruje w Rejestrze", "listed", ("figuruje", "wpis", "pozytywny")),
    ],
    help="Wynik sprawdzenia wolontariusza w Rejestrze Sprawców Przestępstw na Tle Seksualnym "
    "(art. 21 ustawy z dnia 13 maja 2016 r.).",
)
_SELF_HELP_VOCABS: tuple[Vocabulary, ...] = (GROUP_TYPES, REGISTER_CHECK_RESULTS)

ALL: tuple[Vocabulary, ...] = (
    CATEGORIES,
    BENEFITS,
    ACTIVITY_TYPES,
    FORMS,
    SPECIALISTS,
    ATTENDANCE,
    OUTCOMES,
    END_REASONS,
    SEXES,
    YES_NO,
    EMPLOYMENT_BASES,
    RULE_PROFILES,
    WEEKDAYS,
    PARTNER_TYPES,
    CONTRACT_ENTRIES,
    CONTRACT_VARIANTS,
    DECISIONS,
    ELIGIBILITY_STATUSES,
    PUP_PERIOD_KINDS,
    TIMETABLE_KINDS,
    *_SELF_HELP_VOCABS,
)

BY_KEY: dict[str, Vocabulary] = {v.key: v for v in ALL}
