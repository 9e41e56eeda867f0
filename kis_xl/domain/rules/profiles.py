"""The two rule profiles, as data: who may take part, who is excluded, on what basis.

A club chooses its profile in the settings sheet. "ustawa 2025" applies the
current act (ustawa o zatrudnieniu socjalnym, Dz.U. 2025 poz. 83); "regulamin
2006" keeps the stricter organisational rules of the seed regulamin (§ 7–§ 15),
which older clubs still run on. Everything that differs between them lives
here, so the rule modules stay profile-agnostic and every finding cites the
provision of the profile in force.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kis_xl.domain import vocab
from kis_xl.domain.model import Settings

ACT = "ustawy o zatrudnieniu socjalnym"
STATUTE = "regulaminu"


@dataclass(frozen=True, slots=True)
class Unemployment:
    """How long someone must have been registered in PUP to count as long-term unemployed.

    Lengths are calendar months (``periods.calendar_length``), never days: exactly 12
    calendar months that include 29 February (366 days) are still not "more than 12".
    """

    months: int
    more_than: bool
    """True: "ponad N miesięcy" (strictly more); False: "co najmniej N miesięcy"."""
    window_months: int | None
    """Count registration within this many months before admission (cumulative);
    None: one uninterrupted registration lasting up to admission."""
    wording: str
    """The requirement in Polish, for messages."""
    registered_at_admission: bool = True
    """The person must still be registered on the day of admission (a "bezrobotny")."""
    excluded_kinds: tuple[tuple[str, date | None], ...] = ()
    """Kinds of PUP period (codes of ``vocab.PUP_PERIOD_KINDS``) whose days do not count,
    each with the last day it is left out (None: always). The 2025 act leaves out staż
    ("z wyłączeniem okresów odbywania stażu"); przygotowanie zawodowe dorosłych, which the
    2025 act abolished, only up to 31 May 2025, when the 2004 definition still excluded it."""


@dataclass(frozen=True, slots=True)
class CategoryRule:
    code: str
    """Code of the category in ``vocab.CATEGORIES`` ("1".."8")."""
    wording: str
    """The category as the provision words it."""
    basis: str
    needs_therapy_end: bool = False
    """Admitted only after a completed therapy programme (date required)."""
    unemployment: Unemployment | None = None

    @property
    def value(self) -> str:
        """The canonical category value typed in the workbook."""
        return _CATEGORY_BY_CODE[self.code]


@dataclass(frozen=True, slots=True)
class Exclusion:
    benefit: str
    """Code of the benefit in ``vocab.BENEFITS``."""
    basis: str
    kis_exception: str | None = None
    """Provision that nevertheless allows taking part in a KIS (art. 1 ust. 3a)."""


@dataclass(frozen=True)
class Profile:
    key: str
    """The value chosen in the settings (``vocab.RULE_PROFILES``)."""
    title: str
    catalogue: str
    """The provision listing the categories (named when a category is not on it)."""
    categories: tuple[CategoryRule, ...]
    extension_basis: str
    """Where the club's own categories are allowed (open list)."""
    exclusions: tuple[Exclusion, ...]
    max_months: int | None
    """Hard maximum of participation set by the rules themselves (None: the club's setting)."""
    duration_basis: str
    application_basis: str
    interview_basis: str | None
    """The provision requiring a family interview; None: the club's own regulamin decides
    (settings „Wymagany wywiad środowiskowy” and the provision it cites)."""
    contract_basis: str
    certificate_basis: str

    def category(self, value: str) -> CategoryRule | None:
        """The profile's rule for a canonical category value; None = not in its catalogue."""
        for rule in self.categories:
            if rule.value == value:
                return rule
        return None

    def exclusion(self, benefit_value: str) -> Exclusion | None:
        code = _BENEFIT_CODE.get(benefit_value)
        for ex in self.exclusions:
            if ex.benefit == code:
                return ex
        return None

    def effective_max_months(self, settings: Settings) -> int:
        """The club's setting, capped by the profile's own maximum."""
        if self.max_months is None:
            return settings.max_months
        return min(settings.max_months, self.max_months)

    def interview(self, settings: Settings) -> str | None:
        """The provision requiring a family interview before admission, or None."""
        if self.interview_basis is not None:
            return self.interview_basis
        if settings.interview_required != YES:
            return None
        cite = (settings.interview_basis or "").strip() or CLUB_STATUTE
        return f"{cite} (ustawienie klubu „{INTERVIEW_SETTING}”)"


def consent_basis(settings: Settings) -> str | None:
    """The club's own requirement of a written consent (never the law's), or None."""
    if settings.consent_required != YES:
        return None
    return (f"ustawienie klubu „{CONSENT_SETTING}” (wymóg regulaminu klubu); "
            "art. 7 ust. 1 RODO")


_CATEGORY_BY_CODE = {t.code: t.value for t in vocab.CATEGORIES.terms}
_BENEFIT_CODE = {t.value: t.code for t in vocab.BENEFITS.terms}
NO_BENEFIT = vocab.BENEFITS.term("brak").value
YES = vocab.YES_NO.term("tak").value
CLUB_STATUTE = "regulamin klubu"
CONSENT_SETTING = "Wymagana zgoda na przetwarzanie danych"
INTERVIEW_SETTING = "Wymagany wywiad środowiskowy"


LONG_TERM_UNEMPLOYED_DEFINITION = (
    "art. 2 ust. 1 ustawy z dnia 20 marca 2025 r. o rynku pracy i służbach zatrudnienia "
    "(Dz.U. 2025 poz. 620; definicja osoby długotrwale bezrobotnej: „z wyłączeniem okresów "
    "odbywania stażu”)")
"""The definition art. 1 ust. 2 pkt 5 refers to since 1 June 2025 (our reading, README)."""
OLD_DEFINITION_UNTIL = date(2025, 5, 31)
"""Last day of the 2004 act, whose definition also left out przygotowanie zawodowe dorosłych."""
LAW_2025_EXCLUDED: tuple[tuple[str, date | None], ...] = (
    ("internship", None), ("adult_vocational_preparation", OLD_DEFINITION_UNTIL))


def _act_pkt(ust: str, pkt: int) -> str:
    return f"art. 1 ust. {ust} pkt {pkt} {ACT}"


LAW_2025 = Profile(
    key="ustawa 2025",
    title="ustawa o zatrudnieniu socjalnym (Dz.U. 2025 poz. 83)",
    catalogue=f"art. 1 ust. 2 {ACT}",
    categories=(
        CategoryRule("1", "bezdomni realizujący indywidualny program wychodzenia z bezdomności",
                     _act_pkt("2", 1)),
        CategoryRule("2", "uzależnieni od alkoholu", _act_pkt("2", 2)),
        CategoryRule("3", "uzależnieni od narkotyków lub innych środków odurzających",
                     _act_pkt("2", 3)),
        CategoryRule("4", "osoby z zaburzeniami psychicznymi", _act_pkt("2", 4)),
        CategoryRule(
            "5", "długotrwale bezrobotni",
            _act_pkt("2", 5) + f" w zw. z {LONG_TERM_UNEMPLOYED_DEFINITION}",
            unemployment=Unemployment(
                12, more_than=True, window_months=24,
                wording="rejestracja w PUP jako bezrobotny w dniu przyjęcia i łącznie ponad "
                "12 miesięcy kalendarzowych w ciągu 2 lat przed przyjęciem",
                registered_at_admission=True, excluded_kinds=LAW_2025_EXCLUDED,
            ),
        ),
        CategoryRule("6", "zwalniani z zakładów karnych, mający trudności w integracji ze "
                     "środowiskiem", _act_pkt("2", 6)),
        CategoryRule("7", "uchodźcy realizujący indywidualny program integracji",
                     _act_pkt("2", 7)),
        CategoryRule("8", "osoby niepełnosprawne", _act_pkt("2", 8)),
    ),
    extension_basis=f"art. 1 ust. 2 {ACT} („w szczególności”); § 8 regulaminu klubu",
    exclusions=(
        Exclusion("unemployment_benefit", _act_pkt("3", 1)),
        Exclusion("pre_retirement_allowance", _act_pkt("3", 2)),
        Exclusion("pre_retirement_benefit", _act_pkt("3", 3)),
        Exclusion("structural_pension", _act_pkt("3", 5)),
        Exclusion("disability_pension", _act_pkt("3", 6), kis_exception=f"art. 1 ust. 3a {ACT}"),
        Exclusion("retirement_pension", _act_pkt("3", 7)),
        Exclusion("teacher_compensation", _act_pkt("3", 8)),
    ),
    max_months=None,
    duration_basis=f"art. 18 ust. 5 {ACT} (okres ustalany indywidualnie); ustawienie "
    "„Maksymalny okres uczestnictwa (miesiące)”",
    application_basis="§ 13 regulaminu klubu",
    interview_basis=None,
    contract_basis=f"art. 18 ust. 4 {ACT}",
    certificate_basis=f"art. 18 ust. 5a {ACT}",
)

_P7 = f"§ 7 {STATUTE}"
_P9 = f"§ 9 {STATUTE}"
_P9_OTHER = f"§ 9 {STATUTE} („pobieranie innych świadczeń”)"

STATUTE_2006 = Profile(
    key="regulamin 2006",
    title="regulamin organizacyjny KIS z 2006 r. (§ 7–§ 15)",
    catalogue=_P7,
    categories=(
        CategoryRule("1", "bezdomni, realizujący indywidualny program wychodzenia z "
                     "bezdomności", _P7),
        CategoryRule("2", "uzależnieni od alkoholu, po zakończeniu programu psychoterapii w "
                     "zakładzie lecznictwa odwykowego", _P7, needs_therapy_end=True),
        CategoryRule("3", "uzależnieni od narkotyków lub innych środków odurzających, po "
                     "zakończeniu programu terapeutycznego w zakładzie opieki zdrowotnej", _P7,
                     needs_therapy_end=True),
        CategoryRule("4", "chorzy psychicznie, w rozumieniu przepisów ustawy o ochronie "
                     "zdrowia psychicznego", _P7),
        CategoryRule(
            "5", "bezrobotni pozostający bez pracy przez okres co najmniej 24 miesięcy", _P7,
            unemployment=Unemployment(
                24, more_than=False, window_months=None,
                wording="nieprzerwana rejestracja w PUP przez co najmniej 24 miesiące, trwająca "
                "w dniu przyjęcia",
                registered_at_admission=True,
            ),
        ),
        CategoryRule("6", "zwalniani z zakładów karnych, mający trudności w integracji ze "
                     "środowiskiem", _P7),
        CategoryRule("7", "uchodźcy, realizujący indywidualny program integracji", _P7),
    ),
    extension_basis=f"§ 8 {STATUTE} (rozszerzenie katalogu z § 7)",
    exclusions=(
        Exclusion("unemployment_benefit", _P9),
        Exclusion("pre_retirement_allowance", _P9),
        Exclusion("social_pension", _P9),
        Exclusion("structural_pension", _P9),
        Exclusion("disability_pension", _P9),
        Exclusion("retirement_pension", _P9),
        Exclusion("pre_retirement_benefit", _P9_OTHER),
        Exclusion("teacher_compensation", _P9_OTHER),
        Exclusion("other", _P9_OTHER),
    ),
    max_months=12,
    duration_basis=f"§ 15 {STATUTE}",
    application_basis=f"§ 13 {STATUTE}",
    interview_basis=f"§ 14 {STATUTE}",
    contract_basis=f"§ 14 {STATUTE}; art. 18 ust. 4 {ACT}",
    certificate_basis=f"art. 18 ust. 5a {ACT}",
)

PROFILES: dict[str, Profile] = {p.key: p for p in (LAW_2025, STATUTE_2006)}
DEFAULT = LAW_2025


def for_settings(settings: Settings) -> Profile:
    """The profile the club chose; the reader already reported a value it could not read."""
    return PROFILES.get(settings.rule_profile, DEFAULT)
