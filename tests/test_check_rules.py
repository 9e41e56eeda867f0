"""Eligibility and admission rules on plain records: each rule fires, and stays quiet.

Every test starts from a fully documented participant who qualifies under both
profiles and changes one thing. ``TODAY`` is fixed: the rules never read the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from kis_xl.domain import vocab
from kis_xl.domain.findings import Finding, Severity, has_errors
from kis_xl.domain.model import Club, Decision, Participant, PupPeriod, Settings
from kis_xl.domain.pesel import make_pesel
from kis_xl.domain.rules import Evaluation, evaluate
from kis_xl.domain.rules.periods import add_months, age_on, days_within, months_between, union
from kis_xl.domain.rules.profiles import LAW_2025, PROFILES, STATUTE_2006
from kis_xl.workbook.reader import INVALID_CHOICE, REQUIRED_MISSING
from kis_xl.workbook.values import INVALID_DATE

TODAY = date(2025, 9, 1)
START = date(2025, 3, 3)
BOTH = pytest.mark.parametrize("profile", ["ustawa 2025", "regulamin 2006"])
CAT = {t.code: t.value for t in vocab.CATEGORIES.terms}


def person(**changes: Any) -> Participant:
    """Anna, homeless on a programme, every document in place, admitted on START."""
    base = Participant(
        row=2, id="U001", last_name="Kowalska", first_name="Anna",
        pesel=make_pesel(date(1985, 4, 12), "K", 1), sex="K",
        category=CAT["1"], proof_document="zaświadczenie OPS nr 1/2025", benefits=("brak",),
        rodo_info_date=date(2025, 2, 3), application_date=date(2025, 2, 3),
        interview_date=date(2025, 2, 10), contract_date=date(2025, 2, 24), start_date=START,
        planned_end=date(2025, 12, 31),
    )
    return replace(base, **changes)


def club(
    *people: Participant, profile: str = "ustawa 2025", pup: Iterable[PupPeriod] = (),
    decisions: Iterable[Decision] = (), max_months: int = 12,
    club_categories: Iterable[str] = (), findings: Iterable[Finding] = (),
) -> Club:
    c = Club(settings=Settings(rule_profile=profile, max_months=max_months))
    c.participants = list(people) or [person()]
    c.pup_periods = list(pup)
    c.decisions = list(decisions)
    c.club_terms = {"kategorie": list(club_categories)} if club_categories else {}
    c.findings = list(findings)
    return c


def run(c: Club, today: date = TODAY) -> Evaluation:
    return evaluate(c, today=today)


def of(ev: Evaluation, pid: str = "U001") -> dict[str, Finding]:
    """The participant's findings by code (one per code is enough for these tests)."""
    return {f.code: f for f in ev.findings if f.participant == pid}


def status(ev: Evaluation, pid: str = "U001") -> str:
    return next(s.status for s in ev.statuses if s.participant == pid)


def period(lo: date, hi: date | None, pid: str = "U001", row: int = 2) -> PupPeriod:
    return PupPeriod(row=row, participant=pid, registered_from=lo, registered_to=hi)


# --------------------------------------------------------------------------- baseline


@BOTH
def test_a_documented_participant_qualifies_without_findings(profile: str) -> None:
    ev = run(club(profile=profile))
    assert ev.findings == []
    assert status(ev) == "kwalifikuje się"
    assert profile in ev.statuses[0].reason and CAT["1"] in ev.statuses[0].reason
    assert ev.status_counts() == {"eligible": 1, "ineligible": 0, "incomplete": 0, "override": 0}


def test_unknown_profile_value_falls_back_to_the_law() -> None:
    assert run(club(profile="cokolwiek")).profile is LAW_2025


# --------------------------------------------------------------------------- categories


@BOTH
def test_missing_category_is_a_documentation_gap(profile: str) -> None:
    ev = run(club(person(category=None, proof_document=None), profile=profile))
    f = of(ev)["category-missing"]
    assert (f.severity, f.sheet, f.row, f.column) == (Severity.ERROR, "Uczestnicy", 2, "Kategoria")
    assert status(ev) == "braki w dokumentacji"


def test_club_added_category_is_accepted_with_info_under_the_law() -> None:
    ev = run(club(person(category="samotne matki"), club_categories=["samotne matki"]))
    f = of(ev)["category-extended"]
    assert f.severity is Severity.INFO
    assert "art. 1 ust. 2" in (f.basis or "") and "§ 8" in (f.basis or "")
    assert status(ev) == "kwalifikuje się"


def test_disability_is_outside_paragraph_7_of_the_2006_statute() -> None:
    statute = run(club(person(category=CAT["8"]), profile="regulamin 2006"))
    f = of(statute)["category-outside-profile"]
    assert f.basis == "§ 8 regulaminu (rozszerzenie katalogu z § 7)"
    assert "art. 1 ust. 2 pkt 8 ustawy o zatrudnieniu socjalnym" in f.message
    assert "dopisan" not in f.message  # the product ships this category, the club did not add it
    assert "category-extended" not in of(statute)
    assert status(statute) == "kwalifikuje się"
    assert "category-outside-profile" not in of(run(club(person(category=CAT["8"]))))


def test_a_club_added_category_under_the_2006_statute_is_the_clubs_own() -> None:
    ev = run(club(person(category="samotne matki"), club_categories=["samotne matki"],
                  profile="regulamin 2006"))
    f = of(ev)["category-extended"]
    assert "dopisaną przez klub" in f.message and f.basis is not None and "§ 8" in f.basis
    assert "category-outside-profile" not in of(ev)


@pytest.mark.parametrize(("code", "wording"), [
    ("1", "osoby bezdomne realizujące indywidualny program wychodzenia z bezdomności"),
    ("6", "osoby zwalniane z zakładów karnych, mające trudności w integracji ze środowiskiem"),
    ("7", "uchodźcy realizujący indywidualny program integracji"),
])
def test_category_values_carry_the_acts_full_wording(code: str, wording: str) -> None:
    assert CAT[code] == wording
    short = {"1": "osoby bezdomne realizujące program wychodzenia z bezdomności",
             "6": "osoby zwalniane z zakładów karnych",
             "7": "uchodźcy realizujący program integracji"}[code]
    assert vocab.CATEGORIES.match(short) == wording  # workbooks typed with the old label


@pytest.mark.parametrize("code", ["2", "3"])
def test_2006_statute_needs_completed_therapy_for_addiction(code: str) -> None:
    missing = run(club(person(category=CAT[code]), profile="regulamin 2006"))
    f = of(missing)["therapy-end-missing"]
    assert f.column == "Data zakończenia terapii" and f.basis == "§ 7 regulaminu"
    assert status(missing) == "braki w dokumentacji"

    late = run(club(person(category=CAT[code], therapy_end=date(2025, 4, 1)),
                    profile="regulamin 2006"))
    assert "therapy-not-completed" in of(late)
    assert status(late) == "nie kwalifikuje się"

    done = run(club(person(category=CAT[code], therapy_end=START), profile="regulamin 2006"))
    assert done.findings == []


@pytest.mark.parametrize("code", ["2", "3"])
def test_2006_statute_recorded_unfinished_therapy_means_ineligible(code: str) -> None:
    ev = run(club(person(category=CAT[code], therapy_completed="nie"), profile="regulamin 2006"))
    f = of(ev)["therapy-not-finished"]
    assert (f.column, f.basis) == ("Terapia ukończona", "§ 7 regulaminu")
    assert "therapy-end-missing" not in of(ev)
    assert status(ev) == "nie kwalifikuje się"
    with_date = run(club(person(category=CAT[code], therapy_completed="nie",
                                therapy_end=date(2025, 1, 10)), profile="regulamin 2006"))
    assert status(with_date) == "nie kwalifikuje się"  # a date of an interrupted therapy
    finished = run(club(person(category=CAT[code], therapy_completed="tak", therapy_end=START),
                        profile="regulamin 2006"))
    assert finished.findings == []
    assert run(club(person(category=CAT[code], therapy_completed="nie"))).findings == []
    missing = of(run(club(person(category=CAT[code]), profile="regulamin 2006")))
    assert "„Terapia ukończona”" in missing["therapy-end-missing"].message


def test_the_law_does_not_ask_addicts_for_a_therapy_date() -> None:
    assert run(club(person(category=CAT["2"]))).findings == []


# --------------------------------------------------------------------------- unemployment

UNEMPLOYED = {"category": CAT["5"], "proof_document": "zaświadczenie PUP", "start_date":
              date(2025, 3, 1)}


@BOTH
def test_long_term_unemployed_without_pup_periods(profile: str) -> None:
    ev = run(club(person(**UNEMPLOYED), profile=profile))
    f = of(ev)["pup-periods-missing"]
    assert f.column == "Kategoria" and "Rejestracja w PUP" in f.message
    assert status(ev) == "braki w dokumentacji"


def test_law_needs_more_than_12_calendar_months_within_two_years() -> None:
    exactly_a_year = run(club(person(**UNEMPLOYED), pup=[
        period(date(2023, 3, 1), date(2023, 8, 31)), period(date(2024, 9, 1), None, row=3)]))
    f = of(exactly_a_year)["not-long-term-unemployed"]
    assert "łącznie 12 miesięcy i 0 dni" in f.message and "01.03.2023–28.02.2025" in f.message
    assert f.basis is not None and f.basis.startswith("art. 1 ust. 2 pkt 5")
    assert status(exactly_a_year) == "nie kwalifikuje się"

    one_day_more = run(club(person(**UNEMPLOYED), pup=[
        period(date(2023, 3, 1), date(2023, 9, 1)), period(date(2024, 9, 1), None, row=3)]))
    assert one_day_more.findings == []


def test_exactly_12_calendar_months_over_29_february_is_not_more_than_12() -> None:
    """1.02.2024–31.01.2025 has 366 days but is exactly 12 calendar months."""
    again_at_admission = period(START, None, row=3)
    ev = run(club(person(**{**UNEMPLOYED, "start_date": START}), pup=[
        period(date(2024, 2, 1), date(2025, 1, 31)), again_at_admission]))
    assert "łącznie 12 miesięcy i 0 dni" in of(ev)["not-long-term-unemployed"].message
    assert status(ev) == "nie kwalifikuje się"
    a_day_more = run(club(person(**{**UNEMPLOYED, "start_date": START}), pup=[
        period(date(2024, 2, 1), date(2025, 2, 1)), again_at_admission]))
    assert a_day_more.findings == []


def test_law_needs_the_person_registered_on_the_day_of_admission() -> None:
    ended = run(club(person(**UNEMPLOYED), pup=[period(date(2023, 3, 1), date(2025, 2, 28))]))
    f = of(ended)["not-long-term-unemployed"]
    assert "nie był zarejestrowany jako bezrobotny" in f.message and "01.03.2025" in f.message
    assert status(ended) == "nie kwalifikuje się"
    through_admission = [period(date(2023, 3, 1), date(2025, 3, 1))]
    assert run(club(person(**UNEMPLOYED), pup=through_admission)).findings == []


def test_law_2025_leaves_staz_out_of_long_term_unemployment() -> None:
    """15 months in the register, 6 of them on staż: 9 months count (art. 2 ust. 1 of the
    2025 act, "z wyłączeniem okresów odbywania stażu")."""
    start = date(2025, 9, 1)
    registered = period(date(2024, 6, 1), None)
    staz = PupPeriod(row=3, participant="U001", registered_from=date(2024, 10, 1),
                     registered_to=date(2025, 3, 31), kind="staż")
    who = person(**{**UNEMPLOYED, "start_date": start, "planned_end": date(2026, 6, 30)})
    f = of(run(club(who, pup=[registered, staz]), today=start))["not-long-term-unemployed"]
    assert "bez 182 dni stażu" in f.message and "łącznie 9 miesięcy" in f.message
    assert f.basis is not None and "z wyłączeniem okresów odbywania stażu" in f.basis
    assert status(run(club(who, pup=[registered, staz]), today=start)) == "nie kwalifikuje się"
    assert run(club(who, pup=[registered]), today=start).findings == []


def test_adult_vocational_preparation_is_left_out_only_before_june_2025() -> None:
    """The 2004 definition left out przygotowanie zawodowe dorosłych; the 2025 act abolished
    it, so a row of that kind counts as registration from 1 June 2025 on."""
    start = date(2025, 12, 1)
    who = person(**{**UNEMPLOYED, "start_date": start, "planned_end": date(2026, 6, 30)})
    registered = period(date(2024, 10, 1), None)  # 14 months before admission
    old = PupPeriod(row=3, participant="U001", registered_from=date(2025, 3, 1),
                    registered_to=date(2025, 5, 31), kind="przygotowanie zawodowe dorosłych")
    f = of(run(club(who, pup=[registered, old]), today=start))["not-long-term-unemployed"]
    assert "bez 92 dni" in f.message
    later = replace(old, registered_from=date(2025, 6, 1), registered_to=date(2025, 8, 31))
    assert run(club(who, pup=[registered, later]), today=start).findings == []


def test_the_2006_statute_counts_a_staz_as_registration() -> None:
    spells = [period(date(2023, 3, 1), None),
              PupPeriod(row=3, participant="U001", registered_from=date(2024, 1, 1),
                        registered_to=date(2024, 12, 31), kind="staż")]
    assert run(club(person(**UNEMPLOYED), pup=spells, profile="regulamin 2006")).findings == []


def test_law_adds_up_separate_registrations_and_ignores_old_ones() -> None:
    two_spells = [period(date(2023, 4, 1), date(2023, 10, 31)),
                  period(date(2024, 9, 1), None, row=3)]
    assert run(club(person(**UNEMPLOYED), pup=two_spells)).findings == []
    too_old = [period(date(2019, 1, 1), date(2022, 12, 31)), period(date(2025, 2, 1), None)]
    assert "not-long-term-unemployed" in of(run(club(person(**UNEMPLOYED), pup=too_old)))
    overlapping = [period(date(2024, 6, 1), None), period(date(2024, 6, 1), None, row=3)]
    assert "not-long-term-unemployed" in of(run(club(person(**UNEMPLOYED), pup=overlapping)))


def test_an_open_registration_counts_up_to_admission() -> None:
    assert run(club(person(**UNEMPLOYED), pup=[period(date(2023, 12, 1), None)])).findings == []
    short = run(club(person(**UNEMPLOYED), pup=[period(date(2024, 6, 1), None)]))
    assert "not-long-term-unemployed" in of(short)


def test_2006_statute_needs_24_months_of_uninterrupted_registration() -> None:
    kw = {"profile": "regulamin 2006"}
    full = run(club(person(**UNEMPLOYED), pup=[period(date(2023, 3, 1), None)], **kw))
    assert full.findings == []
    short = run(club(person(**UNEMPLOYED), pup=[period(date(2023, 3, 2), None)], **kw))
    f = of(short)["not-long-term-unemployed"]
    assert "23 pełnych miesięcy" in f.message and f.basis == "§ 7 regulaminu"
    assert status(short) == "nie kwalifikuje się"


def test_2006_statute_does_not_add_up_interrupted_registrations() -> None:
    spells = [period(date(2021, 1, 1), date(2022, 2, 28)),
              period(date(2022, 4, 1), date(2023, 6, 30), row=3),
              period(date(2023, 8, 1), date(2025, 2, 28), row=4)]
    statute = run(club(person(**UNEMPLOYED), pup=spells, profile="regulamin 2006"))
    assert "not-long-term-unemployed" in of(statute)
    running = [*spells[:2], replace(spells[2], registered_to=None)]
    assert run(club(person(**UNEMPLOYED), pup=running)).findings == []  # the law adds them up


def test_2006_statute_needs_registration_still_running_at_admission() -> None:
    ended = run(club(person(**UNEMPLOYED), pup=[period(date(2020, 1, 1), date(2025, 1, 31))],
                     profile="regulamin 2006"))
    assert "nie był zarejestrowany" in of(ended)["not-long-term-unemployed"].message


@BOTH
def test_a_reversed_pup_period_is_reported_and_not_counted(profile: str) -> None:
    reversed_period = period(date(2025, 2, 1), date(2022, 1, 1))
    ev = run(club(person(**UNEMPLOYED), pup=[reversed_period], profile=profile))
    f = of(ev)["pup-period-end-before-start"]
    assert (f.sheet, f.column) == ("Rejestracja w PUP", "Zarejestrowany do")
    assert "pup-periods-missing" in of(ev)  # the only period is unusable
    assert status(ev) == "braki w dokumentacji"
    with_good = run(club(person(**UNEMPLOYED), pup=[
        reversed_period, period(date(2024, 6, 1), None, row=3)], profile=profile))
    assert "not-long-term-unemployed" in of(with_good)


def test_second_category_rescues_a_failed_first_one() -> None:
    ev = run(club(person(**UNEMPLOYED, category_2=CAT["8"])))
    f = of(ev)["pup-periods-missing"]
    assert f.severity is Severity.WARNING and "innej wpisanej kategorii" in f.message
    assert status(ev) == "kwalifikuje się"
    both_fail = run(club(person(**UNEMPLOYED, category_2=CAT["2"], therapy_end=None),
                         profile="regulamin 2006"))
    assert of(both_fail)["pup-periods-missing"].severity is Severity.ERROR


# --------------------------------------------------------------------------- benefits


@pytest.mark.parametrize(
    ("profile", "benefit", "basis"),
    [
        ("ustawa 2025", "emerytura", "art. 1 ust. 3 pkt 7 ustawy o zatrudnieniu socjalnym"),
        ("ustawa 2025", "zasiłek dla bezrobotnych",
         "art. 1 ust. 3 pkt 1 ustawy o zatrudnieniu socjalnym"),
        ("ustawa 2025", "nauczycielskie świadczenie kompensacyjne",
         "art. 1 ust. 3 pkt 8 ustawy o zatrudnieniu socjalnym"),
        ("regulamin 2006", "renta socjalna", "§ 9 regulaminu"),
        ("regulamin 2006", "renta z tytułu niezdolności do pracy", "§ 9 regulaminu"),
        ("regulamin 2006", "inne świadczenie", "§ 9 regulaminu („pobieranie innych świadczeń”)"),
    ],
)
def test_a_right_to_an_excluding_benefit_bars_participation(
    profile: str, benefit: str, basis: str
) -> None:
    ev = run(club(person(benefits=(benefit,)), profile=profile))
    f = of(ev)["excluded-benefit"]
    assert f.basis == basis and benefit in f.message and f.column == "Prawo do świadczeń"
    assert "benefit-kis-exception" not in of(ev)  # art. 1 ust. 3a is not in the 2006 statute
    assert status(ev) == "nie kwalifikuje się"
    assert basis.split(" (", maxsplit=1)[0] in ev.statuses[0].reason


@pytest.mark.parametrize("benefit", ["renta socjalna", "inne świadczenie", "brak"])
def test_the_law_no_longer_excludes_social_pension_or_other_benefits(benefit: str) -> None:
    assert run(club(person(benefits=(benefit,)))).findings == []


def test_disability_pension_may_attend_a_kis_under_the_law() -> None:
    ev = run(club(person(benefits=("renta z tytułu niezdolności do pracy",))))
    f = of(ev)["benefit-kis-exception"]
    assert f.severity is Severity.INFO
    assert f.basis == "art. 1 ust. 3a ustawy o zatrudnieniu socjalnym"
    assert "excluded-benefit" not in of(ev) and status(ev) == "kwalifikuje się"


@BOTH
def test_unrecorded_benefits_are_a_documentation_gap(profile: str) -> None:
    ev = run(club(person(benefits=()), profile=profile))
    assert "benefits-missing" in of(ev) and status(ev) == "braki w dokumentacji"


@BOTH
def test_none_together_with_a_benefit_is_contradictory(profile: str) -> None:
    ev = run(club(person(benefits=("brak", "emerytura")), profile=profile))
    assert of(ev)["benefits-contradictory"].severity is Severity.WARNING
    assert "excluded-benefit" in of(ev)


# --------------------------------------------------------------------------- age


@BOTH
def test_under_age_at_admission(profile: str) -> None:
    minor = run(club(person(pesel=make_pesel(date(2007, 3, 4), "K", 2)), profile=profile))
    f = of(minor)["under-age"]
    assert "nie była pełnoletnia (wiek: 17, data urodzenia: 04.03.2007)" in f.message
    assert f.column == "PESEL"
    assert status(minor) == "nie kwalifikuje się"
    adult_that_day = run(club(person(pesel=make_pesel(date(2007, 3, 3), "K", 2)),
                              profile=profile))
    assert adult_that_day.findings == []


@BOTH
def test_age_from_typed_birth_date_without_pesel(profile: str) -> None:
    ev = run(club(person(pesel=None, sex=None, birth_date=date(2008, 1, 1)), profile=profile))
    assert of(ev)["under-age"].column == "Data urodzenia"


# --------------------------------------------------------------------------- admission

STEPS = [
    ("application_date", "application-missing", "application-after-start",
     "§ 13 regulaminu klubu", "§ 13 regulaminu"),
    ("interview_date", "interview-missing", "interview-after-start",
     "§ 14 regulaminu klubu (ustawienie klubu „Wymagany wywiad środowiskowy”)",
     "§ 14 regulaminu"),
    ("contract_date", "contract-missing", "contract-after-start",
     "art. 18 ust. 4 ustawy o zatrudnieniu socjalnym",
     "§ 14 regulaminu; art. 18 ust. 4 ustawy o zatrudnieniu socjalnym"),
]


@pytest.mark.parametrize(("key", "missing", "late", "law", "statute"), STEPS)
def test_admission_steps_must_be_recorded_and_precede_the_start(
    key: str, missing: str, late: str, law: str, statute: str
) -> None:
    for profile, basis in (("ustawa 2025", law), ("regulamin 2006", statute)):
        absent = run(club(person(**{key: None}), profile=profile))
        assert of(absent)[missing].basis == basis
        assert status(absent) == "braki w dokumentacji"
        after = run(club(person(**{key: date(2025, 3, 4)}), profile=profile))
        assert of(after)[late].basis == basis and "04.03.2025" in of(after)[late].message
        on_the_day = run(club(person(**{key: START}), profile=profile))
        assert on_the_day.findings == []


def test_the_law_leaves_the_family_interview_to_the_clubs_regulamin() -> None:
    required = run(club(person(interview_date=None)))
    assert of(required)["interview-missing"].basis == (
        "§ 14 regulaminu klubu (ustawienie klubu „Wymagany wywiad środowiskowy”)")
    c = club(person(interview_date=None))
    c.settings.interview_basis = "§ 11 ust. 2 regulaminu Klubu"
    assert of(run(c))["interview-missing"].basis.startswith("§ 11 ust. 2 regulaminu Klubu (")
    c.settings.interview_required = "nie"
    assert run(c).findings == []
    late = club(person(interview_date=date(2025, 3, 4)))
    late.settings.interview_required = "nie"
    assert run(late).findings == []  # not required at all: its date is not checked either
    statute = club(person(interview_date=None), profile="regulamin 2006")
    statute.settings.interview_required = "nie"
    assert of(run(statute))["interview-missing"].basis == "§ 14 regulaminu"


@BOTH
def test_missing_start_date(profile: str) -> None:
    ev = run(club(person(start_date=None), profile=profile))
    assert of(ev)["start-date-missing"].column == "Data rozpoczęcia udziału"


@BOTH
@pytest.mark.parametrize("key", ["end_date", "planned_end"])
def test_end_before_start(key: str, profile: str) -> None:
    ev = run(club(person(**{key: date(2025, 3, 2)}, end_reason="rezygnacja"), profile=profile))
    header = {"end_date": "Data zakończenia udziału", "planned_end": "Planowana data zakończenia"}
    assert of(ev)["participation-end-before-start"].column == header[key]
    same_day = person(end_date=START, planned_end=START, end_reason="rezygnacja",
                      certificate_date=START)
    assert run(club(same_day, profile=profile)).findings == []


def test_planned_end_within_the_club_maximum() -> None:
    limit = add_months(START, 12)
    too_late = run(club(person(planned_end=limit)))
    f = of(too_late)["planned-end-too-late"]
    assert "02.03.2026" in f.message and f.basis is not None and "art. 18 ust. 5" in f.basis
    assert run(club(person(planned_end=limit.replace(day=2)))).findings == []
    assert run(club(person(planned_end=limit), max_months=18)).findings == []


def test_2006_statute_caps_participation_at_12_months() -> None:
    ev = run(club(person(planned_end=add_months(START, 15)), profile="regulamin 2006",
                  max_months=18))
    assert of(ev)["planned-end-too-late"].basis == "§ 15 regulaminu"
    setting = next(f for f in ev.findings if f.code == "max-months-above-rules")
    assert setting.sheet == "Ustawienia" and setting.severity is Severity.WARNING


@BOTH
def test_participation_longer_than_the_maximum_bars_further_participation(profile: str) -> None:
    late = person(end_date=date(2026, 3, 10), end_reason="ukończenie programu")
    ended_late = run(club(late, profile=profile),
                     today=date(2026, 4, 1))
    assert "trwało" in of(ended_late)["participation-too-long"].message
    assert status(ended_late) == "nie kwalifikuje się"
    still_running = run(club(person(), profile=profile), today=date(2026, 3, 5))
    assert "trwa od" in of(still_running)["participation-too-long"].message
    assert "end-overdue" not in of(still_running)
    assert run(club(person(), profile=profile), today=date(2025, 12, 31)).findings == []


@BOTH
def test_passed_planned_end_without_an_end_date(profile: str) -> None:
    ev = run(club(person(), profile=profile), today=date(2026, 1, 15))
    assert of(ev)["end-overdue"].severity is Severity.WARNING
    assert status(ev) == "kwalifikuje się" and "do sprawdzenia" in ev.statuses[0].reason
    done = person(end_date=date(2025, 12, 31), end_reason="ukończenie programu",
                  certificate_date=date(2026, 1, 5))
    assert run(club(done, profile=profile), today=date(2026, 1, 15)).findings == []


@BOTH
def test_certificate_after_the_end(profile: str) -> None:
    ended = {"end_date": date(2025, 8, 29), "end_reason": "ukończenie programu"}
    before = run(club(person(**ended, certificate_date=date(2025, 8, 28)), profile=profile))
    assert of(before)["certificate-before-end"].basis == (
        "art. 18 ust. 5a ustawy o zatrudnieniu socjalnym")
    without_end = run(club(person(certificate_date=date(2025, 8, 28)), profile=profile))
    assert "certificate-without-end" in of(without_end)
    same_day = person(**ended, certificate_date=date(2025, 8, 29))
    assert run(club(same_day, profile=profile)).findings == []


@BOTH
def test_a_certificate_issued_long_after_the_end_or_not_at_all_is_warned(profile: str) -> None:
    """Art. 18 ust. 5a: "niezwłocznie"; the club sets the number of days (default 14)."""
    ended = {"end_date": date(2025, 8, 1), "end_reason": "ukończenie programu"}
    late = run(club(person(**ended, certificate_date=date(2025, 8, 20)), profile=profile))
    f = of(late)["certificate-late"]
    assert f.severity is Severity.WARNING and "19 dni po zakończeniu" in f.message
    assert "Termin wydania zaświadczenia (dni)" in f.message and "5a" in (f.basis or "")
    assert status(late) == "kwalifikuje się"
    on_time = person(**ended, certificate_date=date(2025, 8, 15))
    assert run(club(on_time, profile=profile)).findings == []
    missing = of(run(club(person(**ended), profile=profile)))  # 31 days before TODAY
    assert "minęło 31 dni" in missing["certificate-overdue"].message
    c = club(person(**ended, certificate_date=date(2025, 8, 20)), profile=profile)
    c.settings.certificate_days = 30
    assert run(c).findings == []


def test_a_contract_period_starting_before_its_signing_is_warned() -> None:
    signed_first = person(contract_date=date(2025, 2, 24), contract_from=date(2025, 2, 24))
    assert run(club(signed_first)).findings == []
    backdated = run(club(person(contract_date=date(2025, 2, 24),
                                contract_from=date(2025, 2, 1))))
    f = of(backdated)["contract-period-before-signing"]
    assert f.severity is Severity.WARNING and "24.02.2025" in f.message
    assert "01.02.2025" in f.message and f.column_key == "contract_from"


# --------------------------------------------------------------------------- data quality


@BOTH
def test_pesel_must_agree_with_typed_birth_date_and_sex(profile: str) -> None:
    ev = run(club(person(birth_date=date(1985, 4, 13), sex="M"), profile=profile))
    assert "12.04.1985" in of(ev)["pesel-birth-date-mismatch"].message
    assert of(ev)["pesel-sex-mismatch"].column == "Płeć"
    assert status(ev) == "braki w dokumentacji"
    assert run(club(person(birth_date=date(1985, 4, 12), sex="K"), profile=profile)).findings == []


@BOTH
def test_without_pesel_a_birth_date_is_needed(profile: str) -> None:
    ev = run(club(person(pesel=None, sex=None), profile=profile))
    assert "birth-date-missing" in of(ev)
    refugee = person(pesel=None, sex=None, category=CAT["7"], birth_date=date(1990, 1, 1))
    assert run(club(refugee, profile=profile)).findings == []


@BOTH
def test_same_pesel_twice_at_the_same_time(profile: str) -> None:
    twin = person(row=3, id="U002")
    ev = run(club(person(), twin, profile=profile))
    f = of(ev, "U002")["duplicate-pesel"]
    assert "U001" in f.message and "wiersz 2" in f.message and f.row == 3
    assert status(ev, "U001") == "kwalifikuje się"
    assert status(ev, "U002") == "braki w dokumentacji"


@BOTH
def test_same_pesel_again_after_the_first_stay_is_a_repeat(profile: str) -> None:
    first = person(end_date=date(2025, 3, 31), planned_end=date(2025, 3, 31),
                   end_reason="rezygnacja")
    again = person(row=3, id="U002", application_date=date(2025, 5, 2),
                   interview_date=date(2025, 5, 5), contract_date=date(2025, 5, 5),
                   start_date=date(2025, 5, 5))
    ev = run(club(first, again, profile=profile))
    assert of(ev, "U002")["repeat-participation"].severity is Severity.INFO
    assert "duplicate-pesel" not in of(ev, "U002")


@BOTH
def test_proof_and_rodo_information_are_required(profile: str) -> None:
    ev = run(club(person(proof_document=None, rodo_info_date=None), profile=profile))
    assert of(ev)["proof-missing"].column == "Dokument potwierdzający kategorię"
    f = of(ev)["rodo-info-missing"]
    assert (f.basis, f.column) == ("art. 13 ust. 1 i 2 RODO",
                                   "Data przekazania informacji RODO (art. 13)")
    assert status(ev) == "braki w dokumentacji"


@BOTH
def test_consent_is_not_required_unless_the_club_asks_for_it(profile: str) -> None:
    """A KIS processes data on a legal basis (art. 6 ust. 1 lit. c/e, art. 9 ust. 2 lit. b/g
    RODO with the act), not on consent: no consent, no finding, by default."""
    assert run(club(person(consent_date=None), profile=profile)).findings == []
    strict = club(person(consent_date=None), profile=profile)
    strict.settings.consent_required = "tak"
    f = of(run(strict))["consent-missing"]
    assert f.column == "Data zgody na przetwarzanie danych" and f.basis is not None
    assert "Wymagana zgoda na przetwarzanie danych" in f.basis and "art. 7 ust. 1" in f.basis
    assert "art. 9 ust. 2 lit. a" not in f.basis
    assert status(run(strict)) == "braki w dokumentacji"
    strict.participants = [person(consent_date=date(2025, 2, 3))]
    assert run(strict).findings == []


@BOTH
def test_dates_of_past_events_cannot_be_in_the_future(profile: str) -> None:
    ev = run(club(person(consent_date=date(2025, 9, 2)), profile=profile))
    f = of(ev)["event-date-in-future"]
    assert f.column == "Data zgody na przetwarzanie danych" and "02.09.2025" in f.message
    planned = person(start_date=date(2025, 10, 1), planned_end=date(2026, 6, 30))
    assert run(club(planned, profile=profile)).findings == []


@BOTH
def test_future_dates_in_pup_periods(profile: str) -> None:
    ev = run(club(pup=[period(date(2024, 1, 1), date(2026, 1, 1))], profile=profile))
    assert of(ev)["event-date-in-future"].sheet == "Rejestracja w PUP"


# --------------------------------------------------------------------------- reader findings


@BOTH
def test_cells_the_reader_rejected_count_against_the_status(profile: str) -> None:
    unknown = INVALID_CHOICE(sheet="Uczestnicy", row=2, column="Kategoria", participant="U001",
                             sheet_key="participants", column_key="category",
                             value="ufoludki", list="Kategorie uczestników", hint="", extend="")
    ev = run(club(person(category=None, proof_document="x"), findings=[unknown], profile=profile))
    assert "category-missing" not in of(ev)  # the reader said it already
    assert status(ev) == "braki w dokumentacji"
    assert ev.statuses[0].reason == "do uzupełnienia lub poprawienia: wartość spoza listy"


@BOTH
def test_an_unreadable_date_is_not_also_reported_missing(profile: str) -> None:
    bad = INVALID_DATE(sheet="Uczestnicy", row=2, column="Data wniosku o przyjęcie",
                       participant="U001", value="32.13.2025", sheet_key="participants",
                       column_key="application_date")
    ev = run(club(person(application_date=None), findings=[bad], profile=profile))
    assert "application-missing" not in of(ev) and "invalid-date" in of(ev)


def test_rows_the_reader_could_not_use_still_get_a_status() -> None:
    empty_id = REQUIRED_MISSING(sheet="Uczestnicy", row=7, column="ID uczestnika",
                                sheet_key="participants", column_key="id")
    ev = run(club(findings=[empty_id]))
    orphan = next(s for s in ev.statuses if s.row == 7)
    assert orphan.status == "braki w dokumentacji" and orphan.participant is None


# --------------------------------------------------------------------------- decisions


def decision(**kw: Any) -> Decision:
    base = {"row": 2, "participant": "U001", "code": None, "decision": "dopuszczam mimo ustaleń",
            "justification": "zaświadczenie PUP w drodze", "decided_by": "Anna Nowak",
            "decided_on": date(2025, 3, 1)}
    return Decision(**{**base, **kw})


@BOTH
def test_admitting_despite_findings_keeps_them_visible_as_overridden(profile: str) -> None:
    ev = run(club(person(benefits=("emerytura",), rodo_info_date=None), decisions=[decision()],
                  profile=profile))
    overridden = [f for f in ev.findings if f.participant == "U001" and f.sheet == "Uczestnicy"]
    assert {f.code for f in overridden} == {"excluded-benefit", "rodo-info-missing"}
    assert all(f.override is not None and f.override.by == "Anna Nowak" for f in overridden)
    assert overridden[0].to_dict()["overridden"]["on"] == "2025-03-01"
    assert status(ev) == "decyzja koordynatora" and "Anna Nowak" in ev.statuses[0].reason
    assert not has_errors(ev.findings)


def test_a_decision_naming_one_code_overrides_only_that_code() -> None:
    ev = run(club(person(benefits=("emerytura",), rodo_info_date=None),
                  decisions=[decision(code=" Excluded-Benefit ")]))
    by_code = of(ev)
    assert by_code["excluded-benefit"].override is not None
    assert by_code["rodo-info-missing"].override is None
    assert status(ev) == "braki w dokumentacji"


@BOTH
def test_refusal_by_the_coordinator(profile: str) -> None:
    ev = run(club(decisions=[decision(decision="nie dopuszczam",
                                      justification="nie zgłasza się na zajęcia")],
                  profile=profile))
    assert status(ev) == "decyzja koordynatora"
    assert "nie dopuszczono" in ev.statuses[0].reason
    f = of(ev)["admission-refused"]
    assert f.sheet == "Decyzje koordynatora" and f.severity is Severity.INFO


@BOTH
def test_incomplete_decision_is_not_applied(profile: str) -> None:
    ev = run(club(person(rodo_info_date=None),
                  decisions=[decision(justification=None, decided_by=None)], profile=profile))
    f = of(ev)["decision-incomplete"]
    assert "Uzasadnienie" in f.message and "Kto zdecydował" in f.message
    assert of(ev)["rodo-info-missing"].override is None
    assert status(ev) == "braki w dokumentacji"


def test_decision_with_unknown_code_is_not_applied() -> None:
    ev = run(club(person(rodo_info_date=None), decisions=[decision(code="brak-zgody")]))
    assert of(ev)["decision-unknown-code"].column == "Kod ustalenia"
    assert of(ev)["rodo-info-missing"].override is None


def test_decision_with_nothing_to_override_is_kept_as_a_trace() -> None:
    ev = run(club(decisions=[decision(code="excluded-benefit")]))
    assert of(ev)["decision-unmatched"].severity is Severity.INFO
    assert status(ev) == "kwalifikuje się"


def test_a_later_decision_supersedes_an_earlier_opposite_one() -> None:
    admit = decision()
    refuse = decision(row=3, decision="nie dopuszczam", decided_on=date(2025, 4, 1))
    ev = run(club(person(rodo_info_date=None), decisions=[admit, refuse]))
    assert status(ev) == "decyzja koordynatora" and "nie dopuszczono" in ev.statuses[0].reason
    assert of(ev)["decision-superseded"].row == 2
    assert of(ev)["rodo-info-missing"].override is None

    readmit = decision(row=4, decided_on=date(2025, 5, 1))
    ev = run(club(person(rodo_info_date=None), decisions=[admit, refuse, readmit]))
    assert "dopuszczono" in ev.statuses[0].reason
    assert of(ev)["rodo-info-missing"].override is not None


# --------------------------------------------------------------------------- periods and data


def test_calendar_helpers() -> None:
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 3, 1), -24) == date(2023, 3, 1)
    assert months_between(date(2023, 3, 1), date(2025, 2, 28)) == 24
    assert months_between(date(2023, 3, 2), date(2025, 2, 28)) == 23
    assert age_on(date(2004, 2, 29), date(2022, 2, 28)) == 17
    assert age_on(date(2004, 2, 29), date(2022, 3, 1)) == 18
    merged = union([(date(2024, 1, 1), date(2024, 1, 10)), (date(2024, 1, 11), None),
                    (date(2024, 1, 5), date(2024, 1, 6))], open_until=date(2024, 1, 31))
    assert merged == [(date(2024, 1, 1), date(2024, 1, 31))]
    assert days_within(merged, date(2024, 1, 20), date(2024, 3, 1)) == 12


@pytest.mark.parametrize("profile", PROFILES.values(), ids=list(PROFILES))
def test_profiles_speak_the_workbook_vocabulary(profile: Any) -> None:
    benefit_codes = {t.code for t in vocab.BENEFITS.terms}
    assert {e.benefit for e in profile.exclusions} <= benefit_codes
    assert [c.value for c in profile.categories] == [CAT[c.code] for c in profile.categories]
    assert profile.key in vocab.RULE_PROFILES.values


def test_statute_2006_excludes_every_benefit_and_the_law_keeps_its_list() -> None:
    every = {t.code for t in vocab.BENEFITS.terms} - {"none"}
    assert {e.benefit for e in STATUTE_2006.exclusions} == every
    assert {e.benefit for e in LAW_2025.exclusions} == every - {"social_pension", "other"}


# --------------------------------------------------------------------------- locations


def test_rule_findings_carry_schema_keys_besides_the_users_names() -> None:
    """Rules locate a finding by sheet and column key; the names are for people (and JSON)."""
    ev = run(club(person(contract_date=None)))
    f = of(ev)["contract-missing"]
    assert (f.sheet_key, f.column_key) == ("participants", "contract_date")
    assert (f.sheet, f.column) == ("Uczestnicy", "Data podpisania kontraktu socjalnego")
    assert "sheet_key" not in f.to_dict() and "column_key" not in f.to_dict()
