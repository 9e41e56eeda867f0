"""The one schema of the club workbook.

Everything that knows the workbook's shape reads it from here: the template
built by ``kis-xl init``, the reader, the dropdowns, ``kis-xl schema`` and the
README. Keys are stable English identifiers (part of the public JSON of
``kis-xl schema``); headers and sheet names are what users see, in Polish.

Why one module: it is the one table of the workbook's shape (sheets, columns, settings),
mostly data; split, the template, reader and README would each have to gather it again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kis_xl.domain import vocab
from kis_xl.domain.text import fold


class ColType(StrEnum):
    TEXT = "text"
    ID = "id"
    REF = "ref"
    DATE = "date"
    TIME = "time"
    NUMBER = "number"
    INTEGER = "integer"
    PERCENT = "percent"
    CHOICE = "choice"
    PESEL = "pesel"
    PHONE = "phone"
    EMAIL = "email"


class SheetKind(StrEnum):
    SETTINGS = "settings"
    DATA = "data"
    LISTS = "lists"
    GENERATED = "generated"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    type: ColType = ColType.TEXT
    required: bool = False
    vocab: str | None = None
    ref: str | None = None
    multi: bool = False
    width: float = 14
    help: str = ""
    aliases: tuple[str, ...] = ()
    owned: bool = False
    blank_ok: bool = False
    """A required column whose cells may stay empty for a while ("not yet filled", e.g. the
    attendance status until the signed list comes back): no ``required-missing`` per row."""
    derived: tuple[str, str] | None = None
    """A read-only column the workbook computes (Excel table formula) for people: (what it
    shows, the key of the ID column it looks up), e.g. ("participant_name", "participant").
    The reader ignores it; it is never shared (the pseudonymised copy leaves it out)."""
    minimum: float | None = None
    """Smallest value a number cell may hold (0: no negative hours, amounts, counts); the
    reader reports a value outside ``minimum``–``maximum`` and reads the cell as empty."""
    maximum: float | None = None
    not_before: str | None = None
    """Key of the date column of the same row this date may not precede (a period's end and
    its start): the reader reports the row. Periods with a rule of their own, which also
    decides what such a row means (participation, PUP registrations, partners' agreements,
    volunteers), are checked by that rule instead."""

    @property
    def allowed(self) -> list[str] | None:
        return vocab.BY_KEY[self.vocab].values if self.vocab else None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": self.key,
            "header": self.header,
            "type": str(self.type),
            "required": self.required,
        }
        if self.vocab:
            v = vocab.BY_KEY[self.vocab]
            out["allowed"] = v.values
            out["extensible"] = v.extensible
            out["list"] = v.label
        if self.ref:
            out["references"] = self.ref
        if self.multi:
            out["multiple"] = True
        if self.owned:
            out["generated"] = True
        if self.derived:
            out["derived"] = True
            out["shareable"] = False
        out.update({k: v for k, v in (("minimum", self.minimum), ("maximum", self.maximum),
                                      ("not_before", self.not_before)) if v is not None})
        return out


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    label: str
    type: ColType = ColType.TEXT
    required: bool = False
    default: Any = None
    vocab: str | None = None
    help: str = ""
    bounds: tuple[int, int] | None = None
    """Smallest and largest sensible value of a number setting (the reader reports others)."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": self.key,
            "label": self.label,
            "type": str(self.type),
            "required": self.required,
            "default": self.default,
        }
        if self.vocab:
            out["allowed"] = vocab.BY_KEY[self.vocab].values
        return out


@dataclass(frozen=True)
class Sheet:
    key: str
    name: str
    kind: SheetKind
    description: str
    columns: tuple[Column, ...] = ()
    required: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def table_name(self) -> str:
        """Excel Table (ListObject) name: ASCII, no spaces, unique in the workbook."""
        return "t_" + self.key

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(f"{self.key}.{key}")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": self.key,
            "name": self.name,
            "kind": str(self.kind),
            "required": self.required,
            "description": self.description,
        }
        if self.kind is SheetKind.SETTINGS:
            out["settings"] = [s.to_dict() for s in SETTINGS]
        elif self.kind is SheetKind.LISTS:
            out["lists"] = [
                {"key": v.key, "header": v.label, "values": v.values, "extensible": v.extensible}
                for v in vocab.ALL
            ]
        else:
            out["columns"] = [c.to_dict() for c in self.columns]
        return out


T = ColType
C = Column

_PID = C("participant", "ID uczestnika", T.REF, True, ref="participants", width=13,
         help="Identyfikator z arkusza Uczestnicy, np. U001.")
_DERIVED_HELP = ("Wypełnia formuła skoroszytu z arkusza „{source}” (tylko do odczytu, "
                 "nie wpisuj tu nic).")


def _name_of(source: str, header: str = "Nazwisko i imię") -> Column:
    """"Nazwisko i imię" beside a participant ID column, for people transcribing lists."""
    key = "participant_name" if source == "participant" else f"{source}_name"
    return Column(key, header, ColType.TEXT, width=24, derived=("participant_name", source),
                  help=_DERIVED_HELP.format(source="Uczestnicy"))


_BY_CHECK = "Wypełnia program: przycisk „Sprawdź uczestników” (kis-xl check). Nie edytuj."
_AID = C("activity", "ID zajęć", T.REF, True, ref="activities", width=11,
         help="Identyfikator z arkusza Program, np. Z01.")

SETTINGS: tuple[Setting, ...] = (
    Setting("club_name", "Nazwa klubu", T.TEXT, True, help="Pełna nazwa, np. Klub Integracji "
            "Społecznej w Wieruszowie."),
    Setting("operator", "Podmiot prowadzący", T.TEXT, True,
            help="Gmina albo organizacja pozarządowa prowadząca klub, "
            "np. Gmina Wieruszów; to ona zgłasza klub do rejestru wojewody."),
    Setting("operating_unit", "Jednostka realizująca (OPS)",
            help="Jednostka gminy, w której strukturze działa klub, np. Miejsko-Gminny Ośrodek "
            "Pomocy Społecznej w Wieruszowie. Pusta, gdy klub prowadzi organizacja."),
    Setting("operator_address", "Adres podmiotu prowadzącego"),
    Setting("operator_phone", "Telefon podmiotu prowadzącego", T.PHONE),
    Setting("operator_fax", "Faks podmiotu prowadzącego", T.PHONE),
    Setting("operator_email", "E-mail podmiotu prowadzącego", T.EMAIL),
    Setting("operator_type", "Rodzaj podmiotu prowadzącego", T.TEXT,
            help="Np. gmina, stowarzyszenie, fundacja, spółdzielnia socjalna (art. 18 ust. 2 "
            "ustawy); dane ogólne sprawozdania rocznego."),
    Setting("operator_krs", "Numer KRS", T.TEXT,
            help="Tylko gdy klub prowadzi organizacja pozarządowa."),
    Setting("operator_regon", "REGON podmiotu prowadzącego", T.TEXT,
            help="9 lub 14 cyfr; dane ogólne sprawozdania rocznego dla wojewody."),
    Setting("head_of_office", "Kierownik ośrodka", T.TEXT,
            help="Imię i nazwisko osoby podpisującej dokumenty w imieniu podmiotu."),
    Setting("representative", "Osoba reprezentująca podmiot", T.TEXT,
            help="Imię i nazwisko osoby, która podpisuje porozumienia, program i zgłoszenie "
            "do rejestru w imieniu podmiotu prowadzącego; pusta = kierownik ośrodka."),
    Setting("representative_function", "Funkcja osoby reprezentującej", T.TEXT,
            help="W mianowniku, np. Kierownik Miejsko-Gminnego Ośrodka Pomocy Społecznej "
            "w Wieruszowie albo Burmistrz Wieruszowa."),
    Setting("representative_basis", "Podstawa działania osoby reprezentującej", T.TEXT,
            help="Dopełnienie słów „na podstawie”, np. pełnomocnictwa Burmistrza Wieruszowa "
            "nr 12/2024 z dnia 2 stycznia 2024 r.; puste, gdy podpisuje sam kierownik "
            "podmiotu (wójt, burmistrz, zarząd)."),
    Setting("signs_for", "Podpis z upoważnienia", T.TEXT,
            help="Komu osoba reprezentująca zawdzięcza upoważnienie, w dopełniaczu, "
            "np. Burmistrza Wieruszowa: pod podpisem drukuje się „z upoważnienia Burmistrza "
            "Wieruszowa”. Puste, gdy podpisuje sam kierownik podmiotu."),
    Setting("dpo_contact", "Inspektor ochrony danych – kontakt", T.TEXT,
            help="Adres e-mail lub pocztowy inspektora ochrony danych administratora "
            "(art. 37 RODO; organ publiczny musi go wyznaczyć). Drukowany w informacji "
            "z art. 13 RODO we wniosku o przyjęcie."),
    Setting("data_retention", "Okres przechowywania danych uczestników", T.TEXT,
            help="Np. 10 lat od końca roku, w którym zakończono uczestnictwo (kategoria "
            "archiwalna według instrukcji kancelaryjnej administratora); drukowany "
            "w informacji z art. 13 RODO (art. 13 ust. 2 lit. a)."),
    Setting("club_address", "Adres klubu (ulica i numer)"),
    Setting("club_postal_code", "Kod pocztowy klubu"),
    Setting("club_city", "Miejscowość klubu", T.TEXT, True,
            help="Używana w dokumentach: „Wieruszów, dnia …”."),
    Setting("club_phone", "Telefon klubu", T.PHONE),
    Setting("club_email", "E-mail klubu", T.EMAIL),
    Setting("area", "Teren działania", help="Np. miasto i gmina Wieruszów (regulamin § 6)."),
    Setting("needs_diagnosis", "Diagnoza potrzeb (program klubu)", T.TEXT,
            help="Krótki opis potrzeb na terenie działania klubu, na podstawie strategii "
            "rozwiązywania problemów społecznych i oceny zasobów pomocy społecznej; "
            "drukowany w programie klubu (pkt 2)."),
    Setting("coordinator", "Koordynator klubu", T.TEXT, True,
            help="Osoba kierująca klubem (regulamin § 4, zgłoszenie do rejestru)."),
    Setting("supervisor", "Nadzór nad klubem",
            help="Np. zastępca kierownika ośrodka (regulamin § 3)."),
    Setting("supervisor_email", "E-mail nadzoru (sprawozdania)", T.EMAIL,
            help="Adres osoby, której przesyła się zestawienia klubu."),
    Setting("voivode_office", "Urząd wojewódzki (sprawozdanie roczne)",
            help="Np. Łódzki Urząd Wojewódzki w Łodzi – adresat sprawozdania (art. 18a ust. 6, "
            "do 31 marca) i zgłoszenia do rejestru klubów."),
    Setting("kis_register_number", "Numer w rejestrze klubów integracji społecznej", T.TEXT,
            help="Numer nadany przez wojewodę przy wpisie do rejestru (art. 18a ustawy); "
            "sprawozdanie i zestawienie nadzoru rozpoznają po nim klub."),
    Setting("kis_register_date", "Data wpisu do rejestru klubów integracji społecznej", T.DATE,
            help="Data wpisu klubu do rejestru prowadzonego przez wojewodę."),
    Setting("created_date", "Data utworzenia klubu", T.DATE,
            help="Data aktu utworzenia klubu (zgłoszenie do rejestru)."),
    Setting("activity_start", "Data rozpoczęcia działalności klubu", T.DATE,
            help="Zgłoszenie do rejestru i program klubu."),
    Setting("rule_profile", "Profil reguł", T.CHOICE, True, "ustawa 2025", vocab="profile_regul",
            help="„ustawa 2025” – ustawa o zatrudnieniu socjalnym (Dz.U. 2025 poz. 83); "
            "„regulamin 2006” – zasady starszego regulaminu klubu."),
    Setting("max_months", "Maksymalny okres uczestnictwa (miesiące)", T.INTEGER, True, 12,
            bounds=(1, 120),
            help="Najdłuższy okres udziału jednej osoby; ustawa każe ustalać go indywidualnie, "
            "regulamin 2006 dopuszcza najwyżej 12."),
    Setting("interview_required", "Wymagany wywiad środowiskowy", T.CHOICE, False, "tak",
            vocab="tak_nie",
            help="Ustawa nie wymaga wywiadu przed przyjęciem do klubu; wymaga go regulamin "
            "klubu (np. § 14). „nie” – kontrola nie sprawdza daty wywiadu (profil „regulamin "
            "2006” wymaga go zawsze)."),
    Setting("interview_basis", "Przepis regulaminu klubu o wywiadzie środowiskowym", T.TEXT,
            False, "§ 14 regulaminu klubu",
            help="Cytowany w ustaleniach o wywiadzie, np. „§ 14 regulaminu klubu”."),
    Setting("consent_required", "Wymagana zgoda na przetwarzanie danych", T.CHOICE, False,
            "nie", vocab="tak_nie",
            help="Podmiot prowadzący klub przetwarza dane na podstawie ustawy (art. 6 ust. 1 "
            "lit. c i e, art. 9 ust. 2 lit. b i g RODO), nie zgody; obowiązkowa jest "
            "informacja z art. 13 RODO. „tak” – gdy regulamin klubu mimo to wymaga zgody."),
    Setting("certificate_days", "Termin wydania zaświadczenia (dni)", T.INTEGER, False, 14,
            bounds=(0, 365),
            help="Zaświadczenie o zakończeniu uczestnictwa wydaje się „niezwłocznie” (art. 18 "
            "ust. 5a ustawy); po tylu dniach od zakończenia kontrola ostrzega o jego braku lub "
            "późnym wydaniu."),
    Setting("attendance_threshold", "Próg frekwencji", T.PERCENT, True, 0.8,
            help="Uczestnicy z niższą frekwencją są oznaczani w zestawieniu godzin."),
    Setting("employment_window_months", "Okres obserwacji zatrudnienia po zakończeniu (miesiące)",
            T.INTEGER, True, 3, bounds=(0, 60),
            help="Ile miesięcy po zakończeniu udziału zatrudnienie liczy się jako efekt "
            "(zestawienie rezultatów)."),
    Setting("reporting_year", "Rok sprawozdawczy", T.INTEGER, bounds=(2000, 2099),
            help="Rok zestawienia rezultatów, np. 2025; pusty = cały okres działania klubu."),
    Setting("supervisor_totals_only", "Nadzór chce tylko danych zbiorczych", T.CHOICE, False,
            "nie", vocab="tak_nie",
            help="„tak” – paczka dla nadzoru (kis-xl report) nie zawiera kopii "
                 "pseudonimizowanej skoroszytu, tylko sprawozdanie i jego dane."),
    Setting("report_publication", "Wersja sprawozdania do publikacji", T.CHOICE, False,
            "nie", vocab="tak_nie",
            help="„tak” – kis-xl report tworzy dodatkowo plik „… - wersja do publikacji.xlsx”, "
            "w którym małe liczby osób (1–2) i liczby, z których dałoby się je odtworzyć, są "
            "ukryte jako „x”. Sprawozdanie dla wojewody zawsze podaje prawdziwe liczby."),
    Setting("report_plan", "Plan działalności na rok bieżący (sprawozdanie)", T.TEXT,
            help="Kilka zdań do sprawozdania rocznego: planowane zajęcia, liczba miejsc, "
            "zmiany w roku, w którym składa się sprawozdanie."),
    Setting("templates_dir", "Folder własnych szablonów dokumentów",
            help="Pusty = szablony dołączone do programu."),
)

# ------------------------------------------------------------------ self-help (issue 11, part B)
# Service exchange (time bank, seed 000 "wymiana usług (barter)"): one row per service given.
_SELF_HELP_SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "exchanges", "Wymiana usług", SheetKind.DATA,
        "Bank czasu: jeden wiersz na usługę, którą jeden uczestnik wykonał dla drugiego "
        "(kto dał, kto otrzymał, ile godzin). Bilans liczy przycisk „Bilans wymiany”.",
        (
            C("date", "Data", T.DATE, True, width=12),
            C("giver", "Kto dał (ID uczestnika)", T.REF, True, ref="participants", width=14,
              help="Uczestnik, który wykonał usługę, np. U001."),
            C("receiver", "Kto otrzymał (ID uczestnika)", T.REF, True, ref="participants",
              width=14, help="Uczestnik, dla którego wykonano usługę, np. U002."),
            C("service", "Usługa", T.TEXT, True, width=32,
              help="Np. drobna naprawa, opieka nad dzieckiem, pomoc w pisaniu CV."),
            C("hours", "Liczba godzin", T.NUMBER, True, width=10, minimum=0,
              help="Czas usługi w godzinach (np. 1,5); godzina za godzinę, bez względu na "
                   "rodzaj usługi."),
            C("notes", "Uwagi", width=24),
            _name_of("giver", "Kto dał – nazwisko i imię"),
            _name_of("receiver", "Kto otrzymał – nazwisko i imię"),
        ),
    ),
)
_GID = C("group", "ID grupy", T.REF, True, ref="groups", width=10,
         help="Identyfikator z arkusza Grupy, np. G01.")
# Groups (seed 000 "grupy samopomocowe, wsparcia, terapeutyczne, edukacyjne"): the members of
# a group are expected at the group meetings of every activity of "Program" run for the group.
_SELF_HELP_SHEETS += (
    Sheet(
        "groups", "Grupy", SheetKind.DATA,
        "Grupy klubu (samopomocowe, wsparcia, terapeutyczne, edukacyjne) i ich animatorzy. "
        "Zajęcia prowadzone dla grupy wskazuje kolumna „Grupa (ID)” arkusza Program.",
        (
            C("id", "ID grupy", T.ID, True, width=10, aliases=("id",)),
            C("name", "Nazwa grupy", T.TEXT, True, width=32),
            C("type", "Rodzaj grupy", T.CHOICE, True, vocab="rodzaje_grup", width=22),
            C("animator", "Animator", T.TEXT, True, width=22,
              help="Osoba, która prowadzi spotkania grupy (animator grupy)."),
            C("date_from", "Od", T.DATE, width=12),
            C("date_to", "Do", T.DATE, width=12, not_before="date_from"),
            C("notes", "Uwagi", width=24),
        ),
    ),
    Sheet(
        "group_members", "Członkowie grup", SheetKind.DATA,
        "Kto należy do której grupy. Członkowie grupy są oczekiwani na spotkaniach zajęć "
        "prowadzonych dla tej grupy (jak zapisani na zajęcia).",
        (
            _GID,
            _PID,
            C("date_from", "Od", T.DATE, width=12, help="Puste = od początku udziału."),
            C("date_to", "Do", T.DATE, width=12, not_before="date_from",
              help="Puste = do końca udziału."),
            _name_of("participant"),
        ),
    ),
)
# Volunteers (seed 001: English lessons, tutoring) under the act of 24 April 2003 on public
# benefit activity and volunteering (art. 44: a written agreement when longer than 30 days).
_SELF_HELP_SHEETS += (
    Sheet(
        "volunteers", "Wolontariusze", SheetKind.DATA,
        "Wolontariusze klubu: co prowadzą, w jakim okresie, ile godzin przepracowali, "
        "porozumienie wolontariackie i zaświadczenie.",
        (
            C("id", "ID wolontariusza", T.ID, True, width=15, aliases=("id",),
              help="Unikalny, np. W01."),
            C("last_name", "Nazwisko", T.TEXT, True, width=16),
            C("first_name", "Imię", T.TEXT, True, width=14),
            C("pesel", "PESEL", T.PESEL, width=14,
              help="Nieobowiązkowy: oznacza stronę w porozumieniu wolontariackim "
                   "(11 cyfr jako tekst)."),
            C("sex", "Płeć", T.CHOICE, vocab="plec", width=7,
              help="K lub M – formy w zaświadczeniu („wykonywał”, „wykonywała”); pusta = "
                   "z numeru PESEL."),
            C("address", "Adres", width=34),
            C("phone", "Telefon", T.PHONE, width=14),
            C("scope", "Zakres świadczeń", T.TEXT, True, width=34,
              help="Co wolontariusz robi, np. zajęcia z języka angielskiego dla dzieci "
                   "i dorosłych, korepetycje z matematyki."),
            C("activity", "ID zajęć", T.REF, ref="activities", width=10,
              help="Zajęcia z arkusza Program, które wolontariusz prowadzi (jeśli są)."),
            C("schedule", "Sposób i czas wykonywania", width=28,
              help="Np. środy i czwartki 17.00–18.00, sala KIS."),
            C("date_from", "Od", T.DATE, True, width=12),
            C("date_to", "Do", T.DATE, width=12, help="Puste = na czas nieokreślony."),
            C("weekly_hours", "Godziny tygodniowo (plan)", T.NUMBER, width=13, minimum=0,
              maximum=168,
              help="Planowany wymiar świadczeń w tygodniu – wpisywany do porozumienia."),
            C("hours", "Przepracowane godziny", T.NUMBER, width=15, minimum=0,
              help="Łącznie od początku świadczeń – wpisywane do zaświadczenia."),
            C("agreement_date", "Data zawarcia porozumienia", T.DATE, width=14,
              help="Porozumienie wolontariackie na piśmie – wymagane, gdy świadczenia trwają "
                   "dłużej niż 30 dni (art. 44 ustawy o działalności pożytku publicznego "
                   "i o wolontariacie)."),
            C("certificate_request_date", "Data żądania zaświadczenia", T.DATE, width=15,
              help="Kiedy wolontariusz zażądał zaświadczenia (art. 44 ust. 2); tylko wtedy "
                   "zaświadczenie mówi, że wydano je na żądanie."),
            C("works_with_minors", "Praca z małoletnimi", T.CHOICE, vocab="tak_nie", width=14,
              help="„tak” – świadczenia obejmują pracę z dziećmi lub młodzieżą (np. zajęcia "
                   "dla dzieci, korepetycje): przed dopuszczeniem wolontariusza sprawdź go "
                   "w Rejestrze Sprawców Przestępstw na Tle Seksualnym (art. 21 ustawy "
                   "z 13 maja 2016 r.)."),
            C("register_check_date", "Data sprawdzenia w Rejestrze", T.DATE, width=14,
              help="Dzień sprawdzenia wolontariusza w Rejestrze Sprawców Przestępstw na Tle "
                   "Seksualnym – nie później niż początek świadczeń."),
            C("register_check_result", "Wynik sprawdzenia w Rejestrze", T.CHOICE,
              vocab="wyniki_sprawdzenia_rejestru", width=16,
              help="„brak w Rejestrze” albo „figuruje w Rejestrze” (wtedy wolontariusz nie "
                   "może pracować z małoletnimi)."),
            C("certificate_date", "Data wydania zaświadczenia", T.DATE, width=15,
              help="Zaświadczenie o wykonaniu świadczeń – wydawane na żądanie wolontariusza "
                   "(art. 44 ust. 2)."),
            C("opinion", "Opinia (na prośbę)", width=30,
              help="Pisemna opinia o wykonaniu świadczeń, gdy wolontariusz o nią poprosi "
                   "(art. 44 ust. 3); drukowana w zaświadczeniu."),
            C("notes", "Uwagi", width=24),
        ),
    ),
)
_SELF_HELP_RESULTS: tuple[Sheet, ...] = (
    Sheet("exchange_results", "Bilans wymiany", SheetKind.GENERATED,
          "Generowany przez kis-xl exchange: godziny dane i otrzymane oraz saldo każdego "
          "uczestnika wymiany usług."),
)

SHEETS: tuple[Sheet, ...] = (
    Sheet("settings", "Ustawienia", SheetKind.SETTINGS,
          "Dane klubu i parametry obliczeń (jedno ustawienie w wierszu).", required=True),
    Sheet(
        "participants", "Uczestnicy", SheetKind.DATA,
        "Jeden wiersz na uczestnika: dane osobowe, kategoria, świadczenia, daty przyjęcia "
        "i zakończenia.",
        (
            C("id", "ID uczestnika", T.ID, True, width=13, help="Unikalny, np. U001.",
              aliases=("id", "nr uczestnika", "identyfikator")),
            C("last_name", "Nazwisko", T.TEXT, True, width=16),
            C("first_name", "Imię", T.TEXT, True, width=14),
            C("pesel", "PESEL", T.PESEL, width=14,
              help="11 cyfr, wpisywany jako tekst (zera na początku)."),
            C("birth_date", "Data urodzenia", T.DATE, width=13),
            C("sex", "Płeć", T.CHOICE, vocab="plec", width=7),
            C("street", "Ulica i numer", width=22, aliases=("adres", "adres zamieszkania")),
            C("postal_code", "Kod pocztowy", width=11),
            C("city", "Miejscowość", width=15),
            C("phone", "Telefon", T.PHONE, width=14),
            C("email", "E-mail", T.EMAIL, width=20),
            C("category", "Kategoria", T.CHOICE, True, vocab="kategorie", width=34,
              help="Kategoria z art. 1 ust. 2 ustawy lub dopisana przez klub w arkuszu Listy."),
            C("category_2", "Kategoria dodatkowa", T.CHOICE, vocab="kategorie", width=26),
            C("proof_document", "Dokument potwierdzający kategorię", width=30,
              help="Np. zaświadczenie PUP nr …, orzeczenie o niepełnosprawności."),
            C("therapy_end", "Data zakończenia terapii", T.DATE, width=13,
              help="Dla osób uzależnionych (wymagana przez regulamin 2006)."),
            C("therapy_completed", "Terapia ukończona", T.CHOICE, vocab="tak_nie", width=14,
              help="Dla osób uzależnionych (regulamin 2006): „tak” – program terapii ukończony "
              "(wpisz datę zakończenia); „nie” – terapii nie ukończono, osoba nie kwalifikuje "
              "się z tej kategorii."),
            C("benefits", "Prawo do świadczeń", T.CHOICE, vocab="swiadczenia", multi=True,
              width=26, help="„brak” albo świadczenia, do których osoba MA PRAWO; kilka "
              "rozdziel średnikiem."),
            C("rodo_info_date", "Data przekazania informacji RODO (art. 13)", T.DATE,
              width=15, help="Kiedy uczestnik otrzymał informację o przetwarzaniu jego danych "
              "(art. 13 RODO): administrator, cel, podstawa prawna, okres, prawa.",
              aliases=("data informacji rodo", "klauzula informacyjna")),
            C("consent_date", "Data zgody na przetwarzanie danych", T.DATE, width=15,
              help="Tylko gdy klub wymaga zgody (ustawienie „Wymagana zgoda na przetwarzanie "
              "danych”); podstawą przetwarzania jest ustawa, nie zgoda."),
            C("application_date", "Data wniosku o przyjęcie", T.DATE, width=13),
            C("interview_date", "Data wywiadu środowiskowego", T.DATE, width=16),
            C("contract_date", "Data podpisania kontraktu socjalnego", T.DATE, width=13),
            C("contract_from", "Kontrakt obowiązuje od", T.DATE, width=13,
              help="Pusta = od dnia podpisania kontraktu. Wpisz inną datę tylko wtedy, gdy "
                   "strony rzeczywiście uzgodniły wcześniejszy początek (ostrzeżenie)."),
            C("start_date", "Data rozpoczęcia udziału", T.DATE, width=13),
            C("planned_end", "Planowana data zakończenia", T.DATE, width=13),
            C("end_date", "Data zakończenia udziału", T.DATE, width=13),
            C("end_reason", "Powód zakończenia", T.CHOICE, vocab="powody_zakonczenia", width=20),
            C("certificate_date", "Data wydania zaświadczenia", T.DATE, width=15),
            C("social_worker", "Pracownik socjalny", width=18),
            C("welfare_benefits", "Świadczenia z pomocy społecznej", T.CHOICE, vocab="tak_nie",
              width=14,
              help="„tak” – osoba otrzymuje świadczenia z pomocy społecznej: kontrakt socjalny "
                   "przypomina wtedy o skutkach z art. 11 ust. 2 ustawy o pomocy społecznej."),
            C("notes", "Uwagi", width=24),
            C("status", "Status kwalifikacji", T.CHOICE, vocab="statusy_kwalifikacji", width=20,
              owned=True, help=_BY_CHECK),
            C("status_reason", "Uzasadnienie statusu", width=40, owned=True,
              help=_BY_CHECK),
        ),
        required=True,
    ),
    Sheet(
        "pup_periods", "Rejestracja w PUP", SheetKind.DATA,
        "Okresy rejestracji w powiatowym urzędzie pracy (do ustalenia długotrwałego bezrobocia).",
        (
            _PID,
            C("registered_from", "Zarejestrowany od", T.DATE, True, width=16),
            C("registered_to", "Zarejestrowany do", T.DATE, width=16,
              help="Puste = nadal zarejestrowany."),
            C("kind", "Rodzaj okresu", T.CHOICE, vocab="rodzaje_okresow_pup", width=22,
              help="Puste = rejestracja jako bezrobotny. „staż” albo „przygotowanie zawodowe "
              "dorosłych” – okres z zaświadczenia PUP odbyty w trakcie rejestracji."),
            C("notes", "Uwagi", width=30),
        ),
    ),
    Sheet(
        "activities", "Program", SheetKind.DATA,
        "Plan zajęć klubu: rodzaj, forma, specjalista i planowane godziny.",
        (
            C("id", "ID zajęć", T.ID, True, width=10, aliases=("id",)),
            C("name", "Nazwa zajęć", T.TEXT, True, width=36),
            C("type", "Rodzaj zajęć", T.CHOICE, True, vocab="rodzaje_zajec", width=15),
            C("form", "Forma", T.CHOICE, True, vocab="formy", width=12),
            C("specialist", "Specjalista", T.CHOICE, True, vocab="specjalisci", width=22),
            C("planned_meetings", "Planowana liczba spotkań", T.INTEGER, width=12, minimum=0,
              help="Zajęcia grupowe: liczba spotkań."),
            C("hours_per_meeting", "Godziny na spotkanie", T.NUMBER, width=12, minimum=0,
              maximum=24,
              help="Zajęcia grupowe: długość spotkania w godzinach (np. 3,5)."),
            C("hours_per_person", "Godziny na osobę", T.NUMBER, width=12, minimum=0,
              help="Zajęcia indywidualne: godziny na jedną osobę."),
            C("planned_persons", "Planowana liczba osób", T.INTEGER, width=12, minimum=0,
              help="Zajęcia indywidualne: ile osób."),
            C("leader", "Prowadzący", width=20),
            C("notes", "Uwagi", width=24),
            C("group", "Grupa (ID)", T.REF, ref="groups", width=10,
              help="Zajęcia prowadzone dla grupy z arkusza Grupy, np. G01: na spotkaniach "
                   "oczekiwani są członkowie grupy (arkusz Członkowie grup)."),
        ),
    ),
    Sheet(
        "enrolments", "Zapisy na zajęcia", SheetKind.DATA,
        "Kto jest zapisany na które zajęcia. Zajęcia bez zapisów obejmują wszystkich "
        "aktywnych uczestników.",
        (
            _PID,
            _AID,
            C("date_from", "Od", T.DATE, width=12),
            C("date_to", "Do", T.DATE, width=12, not_before="date_from"),
            _name_of("participant"),
        ),
    ),
    Sheet(
        "meetings", "Spotkania", SheetKind.DATA,
        "Odbyte spotkania: data, godziny, zajęcia, prowadzący, miejsce.",
        (
            C("id", "ID spotkania", T.ID, True, width=12, aliases=("id",)),
            C("date", "Data", T.DATE, True, width=12),
            C("start", "Godzina rozpoczęcia", T.TIME, width=13, aliases=("od", "od godziny")),
            C("end", "Godzina zakończenia", T.TIME, width=13, aliases=("do", "do godziny")),
            _AID,
            C("hours", "Liczba godzin", T.NUMBER, width=10, minimum=0, maximum=24,
              help="Tylko gdy inna niż wynika z godzin rozpoczęcia i zakończenia."),
            C("leader", "Prowadzący", width=20),
            C("place", "Miejsce", width=18),
            C("topic", "Temat", width=30),
            C("activity_name", "Nazwa zajęć", width=30, derived=("activity_name", "activity"),
              help=_DERIVED_HELP.format(source="Program")),
        ),
    ),
    Sheet(
        "attendance", "Obecności", SheetKind.DATA,
        "Obecność uczestników na spotkaniach: jeden wiersz na osobę i spotkanie.",
        (
            C("meeting", "ID spotkania", T.REF, True, ref="meetings", width=12),
            _PID,
            C("status", "Obecność", T.CHOICE, True, vocab="obecnosc", width=16, blank_ok=True,
              help="Wpisz według podpisanej listy obecności. Pusta komórka = jeszcze nie "
                   "uzupełniono (nie liczy się jako obecność; program o tym przypomina)."),
            C("hours", "Liczba godzin", T.NUMBER, width=10, minimum=0, maximum=24,
              help="Tylko gdy uczestnik był krócej niż trwało spotkanie."),
            C("notes", "Uwagi", width=24),
            _name_of("participant"),
            C("meeting_date", "Data spotkania", T.DATE, width=12,
              derived=("meeting_date", "meeting"),
              help=_DERIVED_HELP.format(source="Spotkania")),
            C("meeting_activity", "Zajęcia", width=30, derived=("meeting_activity", "meeting"),
              help=_DERIVED_HELP.format(source="Spotkania")),
        ),
    ),
    Sheet(
        "outcomes", "Rezultaty", SheetKind.DATA,
        "Efekty reintegracji społecznej i zawodowej uczestników.",
        (
            _PID,
            C("date", "Data", T.DATE, True, width=12),
            C("type", "Rodzaj rezultatu", T.CHOICE, True, vocab="rezultaty", width=32),
            C("description", "Opis", width=36),
            C("institution", "Pracodawca / instytucja", width=24),
            C("proof", "Potwierdzenie", width=22),
        ),
    ),
    Sheet(
        "contracts", "Kontrakty", SheetKind.DATA,
        "Treść kontraktów socjalnych: ocena sytuacji, cele, działania stron z terminami, "
        "efekty i ocena realizacji.",
        (
            _PID,
            C("entry", "Rodzaj wpisu", T.CHOICE, True, vocab="wpisy_kontraktu", width=26),
            C("text", "Treść", T.TEXT, True, width=50),
            C("deadline", "Termin", T.DATE, width=12),
            C("responsible", "Odpowiedzialny", width=20),
            C("variant", "Wariant kontraktu", T.CHOICE, vocab="warianty_kontraktu", width=30,
              help="A albo B według wzoru kontraktu socjalnego; wystarczy w jednym wierszu "
                   "uczestnika. Pusty = B (wzmocnienie aktywności – kontrakt uczestnika "
                   "klubu)."),
        ),
    ),
    Sheet(
        "decisions", "Decyzje koordynatora", SheetKind.DATA,
        "Decyzje koordynatora uchylające ustalenia kontroli (zostają widoczne jako uchylone).",
        (
            _PID,
            C("code", "Kod ustalenia", width=24,
              help="Kod z kolumny „Kod” arkusza „Wynik kontroli”; pusty = wszystkie ustalenia "
                   "uczestnika."),
            C("decision", "Decyzja", T.CHOICE, True, vocab="decyzje", width=22),
            C("justification", "Uzasadnienie", T.TEXT, True, width=40),
            C("decided_by", "Kto zdecydował", T.TEXT, True, width=18),
            C("decided_on", "Data decyzji", T.DATE, True, width=12),
            _name_of("participant"),
        ),
    ),
    Sheet(
        "partners", "Partnerzy", SheetKind.DATA,
        "Instytucje i organizacje współpracujące z klubem.",
        (
            C("name", "Nazwa", T.TEXT, True, width=40),
            C("type", "Rodzaj", T.CHOICE, vocab="rodzaje_partnerow", width=22),
            C("address", "Adres", width=28),
            C("contact_person", "Osoba kontaktowa", width=20),
            C("phone", "Telefon", T.PHONE, width=14),
            C("email", "E-mail", T.EMAIL, width=22),
            C("scope", "Zakres współpracy", width=36),
            C("agreement_date", "Data porozumienia", T.DATE, width=14,
              help="Data zawarcia porozumienia (umowy) o współpracy."),
            # selfhelp-a: partners' agreements (issue 11)
            C("agreement_end", "Porozumienie ważne do", T.DATE, width=14,
              aliases=("data wygasniecia porozumienia", "porozumienie do", "wazne do"),
              help="Ostatni dzień obowiązywania porozumienia; puste = bezterminowe. Kontrola "
                   "ostrzega 30 dni przed upływem i po upływie."),
        ),
    ),
    Sheet(
        "staff", "Kadra", SheetKind.DATA,
        "Osoby pracujące w klubie: funkcja, wymiar etatu, podstawa zatrudnienia.",
        (
            C("name", "Imię i nazwisko", T.TEXT, True, width=24),
            C("role", "Funkcja", T.CHOICE, True, vocab="specjalisci", width=22),
            C("fte", "Wymiar etatu", T.NUMBER, width=10, minimum=0, maximum=1,
              help="Np. 0,5 dla pół etatu."),
            C("basis", "Podstawa zatrudnienia", T.CHOICE, vocab="podstawy_zatrudnienia",
              width=26),
            C("date_from", "Od", T.DATE, width=12),
            C("date_to", "Do", T.DATE, width=12, not_before="date_from"),
            C("phone", "Telefon", T.PHONE, width=14),
            C("email", "E-mail", T.EMAIL, width=22),
        ),
    ),
    Sheet(
        "grants", "Dotacje", SheetKind.DATA,
        "Dotacje otrzymane na działalność klubu i ich rozliczenie.",
        (
            C("year", "Rok", T.INTEGER, True, width=8, minimum=2000, maximum=2099),
            C("source", "Źródło dotacji", T.TEXT, True, width=32),
            C("purpose", "Przeznaczenie", width=32),
            C("granted", "Kwota przyznana", T.NUMBER, width=14, minimum=0),
            C("spent", "Kwota wykorzystana", T.NUMBER, width=14, minimum=0),
            C("returned", "Kwota zwrócona", T.NUMBER, width=14, minimum=0),
            C("settled_on", "Data rozliczenia", T.DATE, width=13),
            C("notes", "Uwagi", width=24),
        ),
    ),
    Sheet(
        "timetable", "Harmonogram", SheetKind.DATA,
        "Tygodniowy rozkład stałych zajęć i dyżurów (punkt informacyjny co najmniej 6 h "
        "tygodniowo).",
        (
            C("weekday", "Dzień tygodnia", T.CHOICE, True, vocab="dni_tygodnia", width=14),
            C("start", "Od godziny", T.TIME, True, width=10),
            C("end", "Do godziny", T.TIME, True, width=10),
            C("activity", "ID zajęć", T.REF, ref="activities", width=10),
            C("name", "Nazwa zajęć lub dyżuru", T.TEXT, True, width=32),
            C("leader", "Prowadzący", width=20),
            C("place", "Miejsce", width=18),
            C("group", "Grupa", width=16),
            # selfhelp-a: what a slot is and who runs it (issue 11)
            C("kind", "Rodzaj wpisu", T.CHOICE, vocab="rodzaje_wpisow_harmonogramu", width=22,
              help="„dyżur punktu informacyjnego” – godziny liczone do wymaganych co najmniej "
                   "6 h tygodniowo; puste = zajęcia."),
            C("partner", "Partner prowadzący", width=28,
              help="Nazwa z arkusza „Partnerzy”, gdy zajęcia prowadzi partner klubu."),
        ),
    ),
    *_SELF_HELP_SHEETS,
    Sheet(
        "certificates", "Rejestr zaświadczeń", SheetKind.DATA,
        "Zaświadczenia o zakończeniu uczestnictwa (art. 18 ust. 5a): numer, data wydania, "
        "osoba. Wiersze dopisuje program przy tworzeniu zaświadczeń; numer z rejestru trafia "
        "do zaświadczenia, a ponowny wydruk zachowuje numer.",
        (
            C("number", "Nr zaświadczenia", T.TEXT, True, width=16,
              help="Kolejny numer w roku wydania, np. 3/2026 (nadaje program)."),
            C("date", "Data wydania", T.DATE, True, width=13),
            _PID,
            C("name", "Imię i nazwisko", width=26),
            C("notes", "Uwagi", width=24),
        ),
    ),
    Sheet("lists", "Listy", SheetKind.LISTS,
          "Słowniki dla list rozwijanych. Listy oznaczone jako rozszerzalne można uzupełniać.",
          required=True),
    Sheet("check_results", "Wynik kontroli", SheetKind.GENERATED,
          "Generowany przez kis-xl check: wszystkie ustalenia z odnośnikami do komórek."),
    Sheet("hours_results", "Wynik godzin", SheetKind.GENERATED,
          "Generowany przez kis-xl hours: godziny, realizacja planu, frekwencja, wykresy."),
    Sheet("outcome_results", "Wynik rezultatów", SheetKind.GENERATED,
          "Generowany przez kis-xl outcomes: wskaźniki rezultatów według kategorii."),
    # selfhelp-a: the week for the notice board (issue 11)
    Sheet("timetable_results", "Harmonogram tygodnia", SheetKind.GENERATED,
          "Generowany przez kis-xl timetable: tydzień klubu do wydruku, godziny punktu "
          "informacyjnego, partnerzy i ich porozumienia."),
    *_SELF_HELP_RESULTS,
    Sheet("changelog", "Dziennik zmian", SheetKind.GENERATED,
          "Każdy zapis programu do skoroszytu: kiedy, kto, jakie polecenie, co zapisano."),
)

# ------------------------------------------------------------ what may leave the office
# The pseudonymised copy for the supervisor (``kis-xl report``) is a new workbook built from
# this positive list only: a sheet or column not named here is never copied. "copy" copies
# the value; "pseudonym" replaces a person's ID (and the surname column, which the reader
# requires) by the copy's own pseudonym of that person. Free text, names of people, contact
# data, PESEL and birth dates are left out; generated sheets are recomputed on the copy.
# Partners' names stay out too: a volunteer or a sole trader partner is a person.
PSEUDONYM = "pseudonym"
COPY = "copy"
_P, _C = PSEUDONYM, COPY
SHARED_COLUMNS: dict[str, dict[str, str]] = {
    "participants": {
        "id": _P, "last_name": _P, "sex": _C, "category": _C, "category_2": _C,
        "therapy_end": _C, "therapy_completed": _C, "benefits": _C, "rodo_info_date": _C,
        "consent_date": _C, "application_date": _C, "interview_date": _C, "contract_date": _C,
        "start_date": _C, "planned_end": _C, "end_date": _C, "end_reason": _C,
        "certificate_date": _C, "status": _C,
    },
    "pup_periods": {"participant": _P, "registered_from": _C, "registered_to": _C, "kind": _C},
    "activities": {"id": _C, "name": _C, "type": _C, "form": _C, "specialist": _C,
                   "planned_meetings": _C, "hours_per_meeting": _C, "hours_per_person": _C,
                   "planned_persons": _C, "group": _C},
    "enrolments": {"participant": _P, "activity": _C, "date_from": _C, "date_to": _C},
    "meetings": {"id": _C, "date": _C, "start": _C, "end": _C, "activity": _C, "hours": _C},
    "attendance": {"meeting": _C, "participant": _P, "status": _C, "hours": _C},
    "outcomes": {"participant": _P, "date": _C, "type": _C},
    "contracts": {"participant": _P, "entry": _C, "deadline": _C, "variant": _C},
    "decisions": {"participant": _P, "code": _C, "decision": _C, "decided_on": _C},
    "partners": {"type": _C, "agreement_date": _C, "agreement_end": _C},
    "staff": {"role": _C, "fte": _C, "basis": _C, "date_from": _C, "date_to": _C},
    "grants": {"year": _C, "source": _C, "purpose": _C, "granted": _C, "spent": _C,
               "returned": _C, "settled_on": _C},
    "timetable": {"weekday": _C, "start": _C, "end": _C, "activity": _C, "name": _C,
                  "group": _C, "kind": _C},
    "exchanges": {"date": _C, "giver": _P, "receiver": _P, "hours": _C},
    "groups": {"id": _C, "name": _C, "type": _C, "date_from": _C, "date_to": _C},
    "group_members": {"group": _C, "participant": _P, "date_from": _C, "date_to": _C},
    "volunteers": {"id": _P, "activity": _C, "date_from": _C, "date_to": _C,
                   "weekly_hours": _C, "hours": _C, "agreement_date": _C,
                   "certificate_date": _C},
}
"""Sheet key -> column key -> how it goes into the pseudonymised copy."""
SHARED_SETTINGS: tuple[str, ...] = (
    "club_name", "operator", "operating_unit", "operator_address", "operator_krs",
    "operator_regon", "kis_register_number", "kis_register_date", "club_address",
    "club_postal_code", "club_city", "area", "voivode_office", "created_date",
    "activity_start", "rule_profile", "max_months", "interview_required", "interview_basis",
    "consent_required", "attendance_threshold", "employment_window_months", "reporting_year",
    "report_suppress_small",
)
"""Settings copied into the pseudonymised copy (no person's name, phone or e-mail)."""
SHARED_WHOLE_SHEETS: tuple[str, ...] = ("lists",)
"""Sheets copied value by value (vocabularies), still checked by the scanner."""

BY_KEY: dict[str, Sheet] = {s.key: s for s in SHEETS}
SETTINGS_BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}

SETTINGS_COLUMNS: tuple[Column, ...] = (
    C("label", "Ustawienie", T.TEXT, True, width=46,
      aliases=("nazwa ustawienia", "parametr")),
    C("value", "Wartość", T.TEXT, True, width=48, aliases=("wartość ustawienia", "wartości")),
    C("note", "Opis", width=70, aliases=("objaśnienie", "pomoc", "uwagi")),
)
"""The settings sheet is a table too: one setting a row, found by these headers (any order,
user columns such as "Lp." beside them); each setting's own type is in ``SETTINGS``."""
SETTINGS_HEADERS = tuple(c.header for c in SETTINGS_COLUMNS)


def sheet(key: str) -> Sheet:
    return BY_KEY[key]


def find_sheet(name: str) -> Sheet | None:
    """Schema sheet for a workbook sheet name, tolerant of case, spaces and diacritics."""
    key = fold(name)
    for s in SHEETS:
        if key == fold(s.name) or key in (fold(a) for a in s.aliases):
            return s
    return None


def sheets_by_key(names: Iterable[str]) -> dict[str, str]:
    """A workbook's sheet names by schema key (``find_sheet``); the first name wins."""
    found: dict[str, str] = {}
    for name in names:
        spec = find_sheet(name)
        if spec is not None:
            found.setdefault(spec.key, name)
    return found


def as_json() -> dict[str, Any]:
    """Public description of the workbook format (``kis-xl schema --json``)."""
    return {
        "format": "kis-xl workbook",
        "version": 1,
        "sheets": [s.to_dict() for s in SHEETS],
    }
