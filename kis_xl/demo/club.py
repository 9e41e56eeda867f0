"""The bundled demo club: a believable half-year of a KIS in Wieruszów.

The programme is seed 002's section 5 with exactly its hours, the partners
are seed 002's, outcomes follow seed 003. Participants are invented (valid
PESELs of both sexes, several born 2000–2009 so their PESEL starts with a
zero) and spread over every category; a few are deliberately wrong in the
ways real files are wrong, so every check has something to show. Dates are
relative to ``today`` (the half-year ending with the last full month) and the
random generator is seeded, so a given day always yields the same club.

Why one module: it is one story drawn from seeded random generators: the people, their
meetings, attendance and planted mistakes take turns on the same sequence, so their order
is part of the club a given day yields (and of every demo output checked against it). The
self-help club (its own generator) and the big synthetic club (``--skala``) are the last
sections.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from kis_xl.domain.dates import add_months
from kis_xl.domain.pesel import make_pesel

DEMO_FILE = "klub_demo.xlsx"

SETTINGS: dict[str, Any] = {
    "club_name": "Klub Integracji Społecznej w Wieruszowie",
    "operator": "Gmina Wieruszów",
    "operator_type": "gmina",
    "operating_unit": "Miejsko-Gminny Ośrodek Pomocy Społecznej w Wieruszowie",
    # the gmina's office (contact data made up, as the people are)
    "operator_address": "ul. Ludwika Waryńskiego 15, 98-400 Wieruszów",
    "operator_phone": "62 784 00 00",
    "operator_email": "sekretariat@wieruszow.example.pl",
    "operator_regon": "250401231",
    "head_of_office": "Barbara Wieczorek",
    # the gmina runs the club; the head of its MGOPS signs on the mayor's authorisation
    "representative": "Barbara Wieczorek",
    "representative_function": "Kierownik Miejsko-Gminnego Ośrodka Pomocy Społecznej "
                               "w Wieruszowie",
    "representative_basis": "pełnomocnictwa Burmistrza Wieruszowa nr 12/2024 z dnia "
                            "2 stycznia 2024 r.",
    "signs_for": "Burmistrza Wieruszowa",
    "dpo_contact": "iod@mgops-wieruszow.example.pl, ul. Rynek 21, 98-400 Wieruszów",
    "data_retention": "10 lat, licząc od 1 stycznia roku następującego po roku zakończenia "
                      "uczestnictwa (jednolity rzeczowy wykaz akt administratora)",
    "club_address": "ul. Rynek 21",
    "club_postal_code": "98-400",
    "club_city": "Wieruszów",
    "club_phone": "62 784 15 54",
    "club_email": "kis@mgops-wieruszow.example.pl",
    "area": "miasto i gmina Wieruszów",
    "needs_diagnosis": "Strategia rozwiązywania problemów społecznych gminy wskazuje "
                       "długotrwałe bezrobocie, uzależnienia i samotne rodzicielstwo jako "
                       "główne przyczyny korzystania z pomocy społecznej; w 2025 r. MGOPS "
                       "objął pomocą 412 rodzin, z czego 138 z powodu bezrobocia.",
    "coordinator": "Agnieszka Kaczmarek",
    "supervisor": "Zastępca Kierownika MGOPS w Wieruszowie",
    "supervisor_email": "zastepca@mgops-wieruszow.example.pl",
    "voivode_office": "Łódzki Urząd Wojewódzki w Łodzi",
    # made up like the rest: the voivode's register number and date of entry (art. 18a)
    "kis_register_number": "KIS/10/2024",
    "kis_register_date": date(2024, 3, 15),
    "report_plan": "Kontynuacja zajęć reintegracji społecznej i zawodowej dla 15 osób, "
                   "nowa grupa wsparcia dla matek samotnie wychowujących dzieci, "
                   "współpraca z powiatowym urzędem pracy przy stażach.",
    "rule_profile": "ustawa 2025",
    "max_months": 12,
    "interview_required": "tak",
    "interview_basis": "§ 14 regulaminu klubu",
    "consent_required": "nie",
    "attendance_threshold": 0.8,
    "employment_window_months": 3,
}

# (id, name, type, form, specialist, meetings, hours/meeting, hours/person, persons)
PROGRAMME: tuple[tuple[str, str, str, str, str, int | None, float | None, float | None,
                       int | None], ...] = (
    ("Z01", "Diagnoza osobowościowa", "terapeutyczne", "indywidualne", "psycholog",
     None, None, 4, 15),
    ("Z02", "Badanie preferencji zawodowych", "zatrudnieniowe", "indywidualne", "psycholog",
     None, None, 2, 15),
    ("Z03", "Psychoedukacja", "terapeutyczne", "grupowe", "psycholog", 24, 3.5, None, None),
    ("Z04", "Profilaktyka uzależnień", "terapeutyczne", "grupowe", "psycholog",
     4, 2, None, None),
    ("Z05", "Samopomocowe grupy wsparcia", "samopomocowe", "grupowe", "pracownik socjalny",
     24, 2, None, None),
    ("Z06", "Zajęcia w grupie samokształceniowej", "edukacyjne", "grupowe",
     "pracownik socjalny", 12, 3, None, None),
    ("Z07", "Kontrakt socjalny", "poradnictwo", "indywidualne", "pracownik socjalny",
     None, None, 3, 15),
    ("Z08", "Warsztat aktywnego poszukiwania pracy", "zatrudnieniowe", "grupowe",
     "doradca zawodowy / pośrednik pracy", 1, 5, None, None),
    ("Z09", "Warsztaty doradztwa zawodowego", "zatrudnieniowe", "grupowe", "doradca zawodowy",
     5, 4, None, None),
    ("Z10", "Indywidualne plany zawodowe", "zatrudnieniowe", "indywidualne", "doradca zawodowy",
     None, None, 3, 15),
    ("Z11", "Zasady prowadzenia działalności gospodarczej (samozatrudnienie)", "edukacyjne",
     "grupowe", "eksperci ZUS, bank, US", 2, 3, None, None),
    ("Z12", "Kurs podstawowej obsługi komputera i internetu", "edukacyjne", "grupowe",
     "trener", 6, 5, None, None),
    ("Z13", "Konsultacje prawne", "poradnictwo", "indywidualne", "prawnik",
     None, None, 2, 2),
)

LEADERS = {
    "psycholog": "Marta Zielińska",
    "pracownik socjalny": "Agnieszka Kaczmarek",
    "doradca zawodowy": "Tomasz Wójcik",
    "doradca zawodowy / pośrednik pracy": "Tomasz Wójcik",
    "eksperci ZUS, bank, US": "eksperci ZUS, PKO BP, Urzędu Skarbowego",
    "trener": "Paweł Mazur",
    "prawnik": "mec. Jan Lewandowski",
}

PARTNERS = (
    ("Powiatowy Urząd Pracy w Wieruszowie", "powiatowy urząd pracy",
     "kierowanie uczestników, rejestracja, oferty pracy, roboty publiczne"),
    ("Urząd Miejski w Wieruszowie", "urząd gminy / miasta",
     "prace społecznie użyteczne, lokal, strategia rozwiązywania problemów społecznych"),
    ("SP ZOZ Miejski Ośrodek Profilaktyki, Terapii Uzależnień i Współuzależnień w Wieruszowie",
     "ochrona zdrowia", "terapia uzależnień, profilaktyka"),
    ("Zakład Ubezpieczeń Społecznych w Wieruszowie", "ZUS",
     "szkolenie o zasadach prowadzenia działalności gospodarczej"),
    ("Urząd Skarbowy w Wieruszowie", "urząd skarbowy",
     "szkolenie o zasadach prowadzenia działalności gospodarczej"),
    ("PKO BP Oddział w Wieruszowie", "bank",
     "szkolenie o zasadach prowadzenia działalności gospodarczej"),
)

STAFF = (
    ("Agnieszka Kaczmarek", "koordynator", 0.5, "powierzenie obowiązków (zakres czynności)"),
    ("Marta Zielińska", "psycholog", 0.25, "umowa zlecenia"),
    ("Tomasz Wójcik", "doradca zawodowy", 0.25, "umowa zlecenia"),
    ("Jan Lewandowski", "prawnik", None, "umowa zlecenia"),
    ("Paweł Mazur", "trener", None, "umowa o dzieło"),
    ("Katarzyna Dudek", "animator", None, "porozumienie wolontariackie"),
)

CLUB_CATEGORY = "matki samotnie wychowujące dzieci"
_RELEASED = "osoby zwalniane z zakładów karnych, mające trudności w integracji ze środowiskiem"

_FEMALE = ("Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Ewa", "Joanna", "Monika",
           "Beata", "Aleksandra", "Natalia", "Julia", "Zuzanna")
_MALE = ("Piotr", "Krzysztof", "Tomasz", "Andrzej", "Paweł", "Michał", "Marcin",
         "Grzegorz", "Jakub", "Kacper", "Mateusz", "Łukasz")
_SURNAMES = (("Nowak", "Nowak"), ("Kowalski", "Kowalska"), ("Wiśniewski", "Wiśniewska"),
             ("Wójcik", "Wójcik"), ("Kamiński", "Kamińska"), ("Lewandowski", "Lewandowska"),
             ("Zieliński", "Zielińska"), ("Szymański", "Szymańska"), ("Woźniak", "Woźniak"),
             ("Dąbrowski", "Dąbrowska"), ("Kozłowski", "Kozłowska"), ("Jankowski", "Jankowska"),
             ("Mazur", "Mazur"), ("Krawczyk", "Krawczyk"), ("Piotrowski", "Piotrowska"),
             ("Grabowski", "Grabowska"), ("Pawłowski", "Pawłowska"), ("Michalski", "Michalska"),
             ("Król", "Król"), ("Wieczorek", "Wieczorek"), ("Jabłoński", "Jabłońska"),
             ("Wróbel", "Wróbel"))
_STREETS = ("ul. Rynek", "ul. Warszawska", "ul. Waszyngtona", "ul. Kościuszki",
            "ul. Fabryczna", "ul. Ogrodowa", "ul. Sienkiewicza", "ul. Łączna")


@dataclass
class _Person:
    """How one demo participant is meant to look (the story behind the row)."""

    category: str
    sex: str
    birth: date
    benefits: str = "brak"
    story: str = "ok"
    """ok | excluded | minor | no_contract | no_proof | short_pup | number_pesel | dropped
    | finished | override | late_start | pesel_mismatch"""
    outcome: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _people(half_start: date) -> list[_Person]:
    y = half_start.year
    return [
        _Person("osoby długotrwale bezrobotne", "K", date(1978, 4, 12), outcome="roboty publiczne"),
        _Person("osoby długotrwale bezrobotne", "M", date(1969, 11, 3)),
        _Person("osoby długotrwale bezrobotne", "M", date(2001, 2, 27), story="finished",
                outcome="zatrudnienie na otwartym rynku pracy"),
        _Person("osoby długotrwale bezrobotne", "K", date(1985, 7, 19), story="short_pup"),
        _Person("osoby długotrwale bezrobotne", "K", date(2003, 9, 8),
                benefits="zasiłek dla bezrobotnych", story="excluded"),
        _Person("osoby uzależnione od alkoholu", "M", date(1972, 1, 30),
                outcome="podjęcie leczenia"),
        _Person("osoby uzależnione od alkoholu", "M", date(1980, 5, 5), story="dropped",
                outcome="podjęcie leczenia"),
        _Person("osoby uzależnione od alkoholu", "K", date(1990, 3, 14),
                outcome="podjęcie leczenia"),
        _Person("osoby uzależnione od narkotyków lub innych środków odurzających", "M",
                date(2000, 12, 1), story="number_pesel"),
        _Person("osoby bezdomne realizujące indywidualny program wychodzenia z bezdomności", "M",
                date(1966, 8, 21), story="no_contract"),
        _Person("osoby z zaburzeniami psychicznymi", "K", date(1988, 10, 2),
                benefits="renta z tytułu niezdolności do pracy"),
        _Person("osoby z zaburzeniami psychicznymi", "M", date(1959, 6, 17),
                benefits="emerytura", story="excluded"),
        _Person(_RELEASED, "M", date(1993, 4, 25),
                outcome="uregulowanie spraw prawnych"),
        _Person(_RELEASED, "M", date(2002, 1, 9), story="no_proof"),
        _Person("uchodźcy realizujący indywidualny program integracji", "K", date(1995, 2, 11),
                story="finished", outcome="podniesienie kwalifikacji"),
        _Person("osoby niepełnosprawne", "K", date(1983, 12, 24),
                outcome="spółdzielnia socjalna"),
        _Person("osoby niepełnosprawne", "M", date(2004, 6, 30), story="override"),
        _Person(CLUB_CATEGORY, "K", date(1997, 9, 16), outcome="uregulowanie spraw prawnych"),
        _Person(CLUB_CATEGORY, "K", date(1991, 1, 4), outcome="uregulowanie spraw prawnych"),
        _Person(CLUB_CATEGORY, "K", date(2005, 11, 19), story="late_start",
                outcome="uregulowanie spraw prawnych"),
        _Person("osoby długotrwale bezrobotne", "M", date(y - 17, 3, 3), story="minor"),
        _Person("osoby niepełnosprawne", "K", date(1976, 8, 8), story="pesel_mismatch",
                outcome="zatrudnienie wspierane"),
    ]


NOT_ADMITTED_STORIES = frozenset({"short_pup", "excluded", "no_contract", "no_proof", "minor",
                                  "pesel_mismatch"})
"""Stories the check does not admit ("nie kwalifikuje się" or "braki w dokumentacji"): these
people are on no register of enrolments or groups and sign no attendance list."""


def half_year(today: date) -> tuple[date, date]:
    """The six full months before ``today``'s month."""
    first_of_month = today.replace(day=1)
    end = first_of_month - timedelta(days=1)
    month = first_of_month.month - 6
    year = first_of_month.year + (month - 1) // 12
    start = date(year, (month - 1) % 12 + 1, 1)
    return start, end


def _workdays(start: date, end: date) -> Iterator[date]:
    import holidays

    pl = holidays.country_holidays("PL", years=range(start.year, end.year + 1))
    d = start
    while d <= end:
        if d.weekday() < 5 and d not in pl:
            yield d
        d += timedelta(days=1)


def build_demo_data(today: date) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Settings and rows of every sheet of the demo club (pure data, no files)."""
    rnd = random.Random(2006)
    start, end = half_year(today)
    days = list(_workdays(start, end))
    people = _people(start)
    sheets: dict[str, list[dict[str, Any]]] = {k: [] for k in (
        "participants", "pup_periods", "activities", "enrolments", "meetings", "attendance",
        "outcomes", "contracts", "decisions", "partners", "staff", "grants", "timetable",
        "lists", *_SELF_HELP_SHEETS)}
    sheets["lists"].append({"kategorie": CLUB_CATEGORY})

    participants = sheets["participants"]
    used_names: set[tuple[str, str]] = set()
    for i, person in enumerate(people, start=1):
        pid = f"U{i:03d}"
        first, last = _name(rnd, person.sex, used_names)
        row = _participant_row(rnd, person, pid=pid, first=first, last=last, end=end,
                               days=days, serial=i)
        participants.append(row)
        _pup_rows(sheets["pup_periods"], pid, person, row["start_date"])
        _contract_rows(sheets["contracts"], pid, person, row, SETTINGS["coordinator"])
        if person.story == "override":
            sheets["decisions"].append({
                "participant": pid, "code": "",
                "decision": "dopuszczam mimo ustaleń",
                "justification": "Orzeczenie o niepełnosprawności w trakcie odnowienia; kopia "
                                 "decyzji ZUS w aktach, uczestnik dostarczy orzeczenie.",
                "decided_by": SETTINGS["coordinator"],
                "decided_on": row["start_date"],
            })

    for aid, name, typ, form, spec, meetings, hpm, hpp, persons in PROGRAMME:
        sheets["activities"].append({
            "id": aid, "name": name, "type": typ, "form": form, "specialist": spec,
            "planned_meetings": meetings, "hours_per_meeting": hpm,
            "hours_per_person": hpp, "planned_persons": persons,
            "leader": LEADERS[spec],
        })
    # only admitted people stand on the registers and sign lists (``kis-xl meeting add``)
    admitted = [p for person, p in zip(people, participants, strict=True)
                if person.story not in NOT_ADMITTED_STORIES]
    _enrolments(sheets["enrolments"], admitted)
    _meetings_and_attendance(rnd, sheets, admitted, days, start)
    _planned_week(sheets["meetings"], today)
    _outcomes(rnd, sheets["outcomes"], people, participants, end)

    for name, role, fte, basis in STAFF:
        sheets["staff"].append({"name": name, "role": role, "fte": fte, "basis": basis,
                                "date_from": start})
    sheets["grants"].append({
        "year": start.year, "source": "Dotacja celowa z budżetu wojewody",
        "purpose": "Prowadzenie Klubu Integracji Społecznej", "granted": 48000,
        "spent": 31250.40, "returned": None, "settled_on": None,
    })
    sheets["grants"].append({
        "year": start.year - 1, "source": "Dotacja celowa z budżetu wojewody",
        "purpose": "Prowadzenie Klubu Integracji Społecznej", "granted": 42000,
        "spent": 41310.15, "returned": 689.85, "settled_on": date(start.year, 1, 30),
    })
    _timetable_and_partners(sheets, start, today)
    _self_help(sheets, admitted, days)
    settings = dict(SETTINGS)
    settings["created_date"] = date(2006, 6, 1)
    settings["activity_start"] = date(2006, 6, 12)
    settings["reporting_year"] = start.year
    return settings, sheets


# selfhelp-a: the club's week (seed 001) and its partners (seed 000, seed 002) ----------

PLACE = "sala KIS, ul. Rynek 21"
INFO_POINT = "dyżur punktu informacyjnego"
LEGAL_POINT_PARTNER = "Stowarzyszenie Pomocy Prawnej i Obywatelskiej w Wieruszowie"
"""The partner whose agreement ends within 30 days of the demo's today (a check warning)."""
ENGLISH_VOLUNTEER = "Katarzyna Sobczak"
"""Volunteer W01 runs the English classes (a volunteer is on "Wolontariusze", not a partner)."""

EXTRA_PARTNERS = (
    # (name, type, contact person, scope) beside seed 002's institutions
    (LEGAL_POINT_PARTNER, "organizacja pozarządowa", "Zofia Adamczyk",
     "Punkt Informacji Prawnej i Obywatelskiej w lokalu klubu"),
    ("Klub Seniora „Jesień” w Wieruszowie", "inny klub lub centrum", "Henryk Sikora",
     "wspólne spotkania integracyjne, sala klubu we wtorki po południu"),
    ("Przedsiębiorstwo Gospodarki Komunalnej w Wieruszowie sp. z o.o.", "pracodawca",
     "Robert Nowicki", "prace społecznie użyteczne, oferty zatrudnienia"),
)

# (weekday, from, to, kind, activity ID, name, leader, place, group, partner): a week like
# seed 001's (self-help group on Friday afternoons, a seniors' club on Tuesdays, volunteer
# W01's English on Wednesdays and Thursdays, a partner's legal information point on Thursdays,
# gymnastics on Tuesday evenings) around the programme's weekly groups (GROUP_SLOTS) and the
# information point open 6 h a week, before and after noon (seed 000).
TIMETABLE: tuple[tuple[str, time, time, str, str | None, str, str | None, str, str | None,
                       str | None], ...] = (
    ("poniedziałek", time(8), time(10), INFO_POINT, None, "Punkt informacyjny klubu",
     "Katarzyna Dudek", PLACE, None, None),
    ("poniedziałek", time(10), time(13, 30), "zajęcia", "Z03", "Psychoedukacja", None, PLACE,
     None, None),
    ("wtorek", time(10), time(12), "zajęcia", "Z05", "Samopomocowa grupa wsparcia", None,
     PLACE, None, None),
    ("wtorek", time(16), time(19), "zajęcia", None, "Spotkanie Klubu Seniora „Jesień”",
     "Henryk Sikora", PLACE, "seniorzy", "Klub Seniora „Jesień” w Wieruszowie"),
    ("wtorek", time(18), time(19), "zajęcia", None, "Gimnastyka ogólnorozwojowa i spacer",
     "Paweł Mazur", "sala gimnastyczna, ul. Rynek 21", None, None),
    ("środa", time(16), time(18), INFO_POINT, None, "Punkt informacyjny klubu",
     "Agnieszka Kaczmarek", PLACE, None, None),
    ("środa", time(17), time(18), "zajęcia", None, "Język angielski dla dzieci i dorosłych",
     ENGLISH_VOLUNTEER, "sala nr 2, ul. Rynek 21", None, None),
    ("czwartek", time(9), time(12), "zajęcia", "Z06", "Grupa samokształceniowa", None, PLACE,
     None, None),
    ("czwartek", time(14, 30), time(16, 30), "zajęcia", None,
     "Punkt Informacji Prawnej i Obywatelskiej", "Zofia Adamczyk", "sala nr 2, ul. Rynek 21",
     None, LEGAL_POINT_PARTNER),
    ("czwartek", time(17), time(18), "zajęcia", None, "Język angielski dla dzieci i dorosłych",
     ENGLISH_VOLUNTEER, "sala nr 2, ul. Rynek 21", None, None),
    ("piątek", time(8), time(10), INFO_POINT, None, "Punkt informacyjny klubu",
     "Katarzyna Dudek", PLACE, None, None),
    ("piątek", time(15), time(18), "zajęcia", None,
     "Grupa samopomocowa rodzin z dziećmi z niepełnosprawnościami", "Katarzyna Dudek", PLACE,
     None, None),
)

EXPIRING_IN_DAYS = 20
"""The NGO's agreement ends this many days after the demo's today (within the 30-day warning)."""


def _timetable_and_partners(sheets: dict[str, list[dict[str, Any]]], start: date,
                            today: date) -> None:
    until = date(today.year + 2, 12, 31)
    for name, kind, scope in PARTNERS:
        sheets["partners"].append({"name": name, "type": kind, "address": "Wieruszów",
                                   "scope": scope, "agreement_date": start,
                                   "agreement_end": until})
    for name, kind, person, scope in EXTRA_PARTNERS:
        end = today + timedelta(days=EXPIRING_IN_DAYS) if name == LEGAL_POINT_PARTNER else until
        sheets["partners"].append({"name": name, "type": kind, "address": "Wieruszów",
                                   "contact_person": person, "scope": scope,
                                   "agreement_date": start, "agreement_end": end})
    programme_leaders = {aid: LEADERS[spec] for aid, _n, _t, _f, spec, *_ in PROGRAMME}
    for weekday, t0, t1, kind, aid, name, leader, place, group, partner in TIMETABLE:
        sheets["timetable"].append({
            "weekday": weekday, "start": t0, "end": t1, "kind": kind, "activity": aid,
            "name": name, "leader": leader or (programme_leaders[aid] if aid else None),
            "place": place, "group": group, "partner": partner,
        })


def _name(rnd: random.Random, sex: str, used: set[tuple[str, str]]) -> tuple[str, str]:
    while True:
        first = rnd.choice(_FEMALE if sex == "K" else _MALE)
        male, female = rnd.choice(_SURNAMES)
        last = female if sex == "K" else male
        if (first, last) not in used:
            used.add((first, last))
            return first, last


def _participant_row(
    rnd: random.Random, person: _Person, *, pid: str, first: str, last: str,
    end: date, days: list[date], serial: int,
) -> dict[str, Any]:
    # Most of a cohort starts together; a few join in the first weeks, one mid-way.
    begin = days[0] if rnd.random() < 0.6 else days[rnd.randrange(1, 15)]
    if person.story == "late_start":
        begin = days[len(days) // 2]
    pesel: Any = make_pesel(person.birth, person.sex, serial * 7)
    birth_typed: date | None = None
    if person.story == "number_pesel":
        pesel = int(pesel)  # typed into a General cell: the leading zero is lost
    if person.story == "pesel_mismatch":
        birth_typed = person.birth.replace(day=person.birth.day + 1)
    row: dict[str, Any] = {
        "id": pid, "last_name": last, "first_name": first, "pesel": pesel,
        "birth_date": birth_typed, "sex": person.sex,
        "street": f"{rnd.choice(_STREETS)} {rnd.randint(1, 60)}",
        "postal_code": "98-400", "city": "Wieruszów",
        "phone": f"6{rnd.randint(0, 9)}{rnd.randint(0, 9)} {rnd.randint(100, 999)} "
                 f"{rnd.randint(100, 999)}",
        "category": person.category,
        "proof_document": _proof(person.category),
        "therapy_end": begin - timedelta(days=rnd.randint(30, 200))
        if "uzależnione" in person.category else None,
        "therapy_completed": "tak" if "uzależnione" in person.category else None,
        "benefits": person.benefits,
        # art. 13 RODO information handed over with the application form; no consent asked:
        # the office processes the data under the act (setting "Wymagana zgoda…" = "nie")
        "rodo_info_date": begin - timedelta(days=21),
        "application_date": begin - timedelta(days=21),
        "interview_date": begin - timedelta(days=14),
        "contract_date": begin - timedelta(days=7),
        "start_date": begin,
        "planned_end": add_months(begin, 12) - timedelta(days=1),
        "social_worker": SETTINGS["coordinator"],
        # the OPS pays them a periodic allowance: their contract names art. 11 ust. 2
        "welfare_benefits": "tak" if person.category in (
            "osoby bezdomne realizujące indywidualny program wychodzenia z bezdomności",
            CLUB_CATEGORY) else None,
    }
    if person.story == "no_contract":
        row["contract_date"] = None
    if person.story in ("no_proof", "override"):
        row["proof_document"] = None
    if person.story == "finished":
        row["end_date"] = end - timedelta(days=30)
        row["end_reason"] = "ukończenie programu"
        row["certificate_date"] = row["end_date"] + timedelta(days=3)
    if person.story == "dropped":
        row["end_date"] = days[len(days) // 3]
        row["end_reason"] = "rezygnacja"
        row["certificate_date"] = row["end_date"] + timedelta(days=5)  # issued promptly
    return row


def _proof(category: str) -> str:
    return {
        "osoby długotrwale bezrobotne": "zaświadczenie PUP o okresach rejestracji",
        "osoby uzależnione od alkoholu": "zaświadczenie o ukończeniu terapii odwykowej",
        "osoby uzależnione od narkotyków lub innych środków odurzających":
            "zaświadczenie o ukończeniu programu terapeutycznego",
        "osoby bezdomne realizujące indywidualny program wychodzenia z bezdomności":
            "indywidualny program wychodzenia z bezdomności (OPS)",
        "osoby z zaburzeniami psychicznymi": "zaświadczenie lekarza psychiatry",
        _RELEASED: "zaświadczenie o zwolnieniu z zakładu karnego",
        "uchodźcy realizujący indywidualny program integracji":
            "indywidualny program integracji (PCPR)",
        "osoby niepełnosprawne": "orzeczenie o stopniu niepełnosprawności",
        CLUB_CATEGORY: "oświadczenie i wywiad środowiskowy",
    }[category]


def _pup_rows(rows: list[dict[str, Any]], pid: str, person: _Person, begin: date) -> None:
    if person.category != "osoby długotrwale bezrobotne":
        return
    if person.story == "short_pup":
        rows.append({"participant": pid, "registered_from": begin - timedelta(days=240)})
        return
    rows.append({"participant": pid, "registered_from": begin - timedelta(days=700),
                 "registered_to": begin - timedelta(days=420),
                 "notes": "wyrejestrowanie – praca sezonowa"})
    rows.append({"participant": pid, "registered_from": begin - timedelta(days=300)})
    if person.story == "ok" and person.outcome:
        # a staż done while registered: its 120 days do not count (the 2025 definition
        # leaves staż out); the remaining 460 days in the register are still over 12 months
        rows.append({"participant": pid, "registered_from": begin - timedelta(days=240),
                     "registered_to": begin - timedelta(days=120), "kind": "staż",
                     "notes": "staż u pracodawcy, w trakcie rejestracji"})


def _contract_rows(
    rows: list[dict[str, Any]], pid: str, person: _Person, p: dict[str, Any], worker: str,
) -> None:
    begin = p["start_date"]
    cause = {
        "osoby długotrwale bezrobotne": "długotrwałe bezrobocie, niskie kwalifikacje",
        "osoby uzależnione od alkoholu": "uzależnienie od alkoholu, utrata pracy",
        "osoby niepełnosprawne": "niepełnosprawność, izolacja społeczna",
        CLUB_CATEGORY: "samotne wychowywanie dzieci, brak wsparcia rodziny",
    }.get(person.category, "trudna sytuacja życiowa, ubóstwo")
    for entry, text, deadline, who in (
        ("przyczyna trudnej sytuacji", cause, None, None),
        ("mocna strona", "motywacja do zmiany, gotowość do udziału w zajęciach", None, None),
        ("ograniczenie", "brak doświadczenia zawodowego w ostatnich latach", None, None),
        ("cel główny", "podjęcie zatrudnienia i poprawa sytuacji życiowej",
         begin + timedelta(days=180), None),
        ("cel szczegółowy", "przygotowanie dokumentów aplikacyjnych", begin + timedelta(days=60),
         None),
        ("cel szczegółowy", "udział w kursie obsługi komputera", begin + timedelta(days=120), None),
        ("działanie uczestnika", "regularny udział w zajęciach KIS (min. 80% obecności)",
         begin + timedelta(days=180), "uczestnik"),
        ("działanie uczestnika", "zgłaszanie się do PUP w wyznaczonych terminach",
         begin + timedelta(days=180), "uczestnik"),
        ("działanie pracownika socjalnego", "pomoc w przygotowaniu CV i listu motywacyjnego",
         begin + timedelta(days=60), worker),
        ("działanie pracownika socjalnego", "kontakt z PUP i pracodawcami w sprawie ofert pracy",
         begin + timedelta(days=150), worker),
        ("oczekiwany efekt", "podjęcie pracy lub zatrudnienia socjalnego", None, None),
    ):
        rows.append({"participant": pid, "entry": entry, "text": text, "deadline": deadline,
                     "responsible": who})


def _enrolments(rows: list[dict[str, Any]], participants: list[dict[str, Any]]) -> None:
    """The business course and the computer course are for those who signed up."""
    for i, p in enumerate(participants):
        if i % 3 == 0:
            rows.append({"participant": p["id"], "activity": "Z11"})
        if i % 2 == 0:
            rows.append({"participant": p["id"], "activity": "Z12"})


def _active(p: dict[str, Any], day: date) -> bool:
    end = p.get("end_date")
    return bool(p["start_date"] <= day and (end is None or day <= end))


GROUP_SLOTS: dict[str, tuple[int, time]] = {
    # activity -> (weekday, start): the club's week, so nobody is in two rooms at once
    "Z03": (0, time(10)), "Z05": (1, time(10)), "Z04": (2, time(9)), "Z09": (2, time(12)),
    "Z06": (3, time(9)), "Z12": (3, time(13)), "Z08": (4, time(9)), "Z11": (4, time(15)),
}
INDIVIDUAL_STARTS = (time(12, 30), time(14, 30), time(16, 30))


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _meetings_and_attendance(
    rnd: random.Random, sheets: dict[str, list[dict[str, Any]]],
    participants: list[dict[str, Any]], days: list[date], start: date,
) -> None:
    meetings, attendance = sheets["meetings"], sheets["attendance"]
    enrolled: dict[str, set[str]] = {}
    for e in sheets["enrolments"]:
        enrolled.setdefault(e["activity"], set()).add(e["participant"])
    reliability = {p["id"]: rnd.uniform(0.75, 0.98) for p in participants}
    busy: dict[tuple[str, date], list[tuple[int, int]]] = {}
    counter = iter(range(1, 100000))

    def add_meeting(aid: str, day: date, *, t0: time, hours: float, leader: str,
                    people: list[dict[str, Any]], topic: str) -> None:
        mid = f"S{next(counter):04d}"
        begin = _minutes(t0)
        finish = begin + round(hours * 60)
        meetings.append({"id": mid, "date": day, "start": t0,
                         "end": time(finish // 60, finish % 60), "activity": aid,
                         "leader": leader, "place": "sala KIS, ul. Rynek 21", "topic": topic})
        for p in people:
            busy.setdefault((p["id"], day), []).append((begin, finish))
            r = rnd.random()
            status = ("obecny" if r < reliability[p["id"]] else
                      "usprawiedliwiony" if r < reliability[p["id"]] + 0.06 else "nieobecny")
            attendance.append({"meeting": mid, "participant": p["id"], "status": status})

    def free(pid: str, day: date, t0: time, hours: float) -> bool:
        begin = _minutes(t0)
        finish = begin + round(hours * 60)
        return all(finish <= b or begin >= e for b, e in busy.get((pid, day), []))

    for aid, name, _typ, form, spec, planned, hpm, _hpp, _n in PROGRAMME:
        if form != "grupowe":
            continue
        assert planned is not None and hpm is not None
        weekday, t0 = GROUP_SLOTS[aid]
        candidates = [d for d in days if d.weekday() == weekday]
        delivered = {"Z03": planned - 2, "Z06": planned - 1}.get(aid, planned)
        for k, day in enumerate(_spread(candidates, delivered), start=1):
            members = [p for p in participants if _active(p, day)
                       and (aid not in enrolled or p["id"] in enrolled[aid])]
            add_meeting(aid, day, t0=t0, hours=hpm, leader=LEADERS[spec], people=members,
                        topic=f"{name} – spotkanie {k}")

    active_early = [p for p in participants if p["start_date"] <= days[len(days) // 2]]
    for aid, name, _typ, form, spec, _m, _hpm, hpp, persons in PROGRAMME:
        if form != "indywidualne":
            continue
        assert hpp is not None and persons is not None
        sessions = max(1, round(hpp / 2)) if hpp >= 2 else 1
        session_hours = hpp / sessions
        for p in active_early[:persons]:
            slots = [(d, t) for d in days if _active(p, d) and d.weekday() in (1, 3)
                     for t in INDIVIDUAL_STARTS]
            rnd.shuffle(slots)
            booked = 0
            for day, t0 in slots:
                if booked == sessions:
                    break
                if free(p["id"], day, t0, session_hours):
                    add_meeting(aid, day, t0=t0, hours=session_hours, leader=LEADERS[spec],
                                people=[p], topic=f"{name} – {p['first_name']} {p['last_name']}")
                    booked += 1
    _number_chronologically(meetings, attendance)
    _plant_mistakes(meetings, attendance, participants, start)


def _number_chronologically(meetings: list[dict[str, Any]],
                            attendance: list[dict[str, Any]]) -> None:
    """Meeting IDs in date order, as a register kept day by day would have them."""
    meetings.sort(key=lambda m: (m["date"], m["start"], m["id"]))
    new_ids = {m["id"]: f"S{i:04d}" for i, m in enumerate(meetings, start=1)}
    for m in meetings:
        m["id"] = new_ids[m["id"]]
    for a in attendance:
        a["meeting"] = new_ids[a["meeting"]]
    order = {m["id"]: i for i, m in enumerate(meetings)}
    attendance.sort(key=lambda a: order[a["meeting"]])


PLANNED_TOPICS = {
    "Z03": "Radzenie sobie ze stresem i emocjami",
    "Z05": "Wzajemne wsparcie w poszukiwaniu pracy",
    "Z06": "Pisanie CV i listu motywacyjnego",
}
"""The weekly groups of the timetable, planned a week ahead (attendance lists print for them)."""


def _planned_week(meetings: list[dict[str, Any]], today: date) -> None:
    """Meetings of the coming week (tomorrow to a week from today), not yet held: rows
    without attendance, as a club plans its week; ``kis-xl docs lista`` prints their lists."""
    from kis_xl.domain.calendar_pl import holiday_name

    names = {aid: (spec, hpm) for aid, _name, _t, _f, spec, _m, hpm, _h, _n in PROGRAMME}
    n = len(meetings)
    for offset in range(1, 8):
        day = today + timedelta(days=offset)
        if holiday_name(day):
            continue
        for aid, topic in PLANNED_TOPICS.items():
            weekday, t0 = GROUP_SLOTS[aid]
            if day.weekday() != weekday:
                continue
            spec, hpm = names[aid]
            assert hpm is not None
            finish = _minutes(t0) + round(hpm * 60)
            n += 1
            meetings.append({"id": f"S{n:04d}", "date": day, "start": t0,
                             "end": time(finish // 60, finish % 60), "activity": aid,
                             "leader": LEADERS[spec], "place": "sala KIS, ul. Rynek 21",
                             "topic": topic})


def _spread(days: list[date], count: int) -> list[date]:
    """``count`` days spread evenly over ``days`` (all of them when there are fewer)."""
    if count >= len(days):
        return list(days)
    if count <= 1:
        return days[:count]
    return [days[round(i * (len(days) - 1) / (count - 1))] for i in range(count)]


def _plant_mistakes(
    meetings: list[dict[str, Any]], attendance: list[dict[str, Any]],
    participants: list[dict[str, Any]], start: date,
) -> None:
    """Two slips real registers contain, so the hours findings have something to show."""
    dropped = next(p for p in participants if p.get("end_reason") == "rezygnacja")
    after = next(m for m in meetings if m["activity"] == "Z05" and m["date"] > dropped["end_date"])
    if not any(a["meeting"] == after["id"] and a["participant"] == dropped["id"]
               for a in attendance):
        attendance.append({"meeting": after["id"], "participant": dropped["id"],
                           "status": "obecny",
                           "notes": "wpisany omyłkowo po rezygnacji"})
    first = next(m for m in meetings if m["activity"] == "Z05")
    twice = next(a for a in attendance if a["meeting"] == first["id"])
    attendance.append({"meeting": first["id"], "participant": twice["participant"],
                       "status": "obecny", "notes": "wpis powtórzony"})


def _outcomes(
    rnd: random.Random, rows: list[dict[str, Any]], people: list[_Person],
    participants: list[dict[str, Any]], end: date,
) -> None:
    descriptions = {
        "zatrudnienie na otwartym rynku pracy": ("umowa o pracę, pomocnik magazyniera",
                                                 "Hurtownia Spożywcza Wieruszów sp. z o.o."),
        "roboty publiczne": ("roboty publiczne – porządkowanie terenów zielonych",
                             "Urząd Miejski w Wieruszowie"),
        "zatrudnienie wspierane": ("zatrudnienie wspierane – sprzątanie biura",
                                   "Spółdzielnia Mieszkaniowa w Wieruszowie"),
        "spółdzielnia socjalna": ("współzałożycielka spółdzielni socjalnej „Razem”",
                                  "Spółdzielnia Socjalna „Razem”"),
        "podjęcie leczenia": ("dobrowolne podjęcie leczenia stacjonarnego",
                              "Ośrodek Terapii Uzależnień"),
        "uregulowanie spraw prawnych": ("złożenie do sądu wniosku o alimenty",
                                        "Sąd Rejonowy w Wieruszowie"),
        "podniesienie kwalifikacji": ("ukończenie kursu obsługi komputera z certyfikatem",
                                      "KIS w Wieruszowie"),
    }
    for person, p in zip(people, participants, strict=True):
        if person.outcome is None:
            continue
        when = p.get("end_date") or (end - timedelta(days=rnd.randint(5, 60)))
        if person.outcome.startswith("zatrudnienie") and p.get("end_date"):
            when = p["end_date"] + timedelta(days=21)
        text, institution = descriptions[person.outcome]
        rows.append({"participant": p["id"], "date": min(when, end), "type": person.outcome,
                     "description": text, "institution": institution,
                     "proof": "kopia umowy / zaświadczenie w aktach"})


# ------------------------------------------------------------------ self-help (issue 11, part B)

_SELF_HELP_SHEETS = ("exchanges", "groups", "group_members", "volunteers")
_SERVICES = (
    # (service, hours): what members of a self-help club do for each other (seed 000 "barter")
    ("drobna naprawa instalacji w mieszkaniu", 2.0),
    ("opieka nad dzieckiem", 3.0),
    ("pomoc w napisaniu CV i listu motywacyjnego", 1.5),
    ("zakupy i pomoc w sprzątaniu", 2.0),
    ("strzyżenie", 1.0),
    ("pomoc w wypełnieniu wniosku o dodatek mieszkaniowy", 1.0),
    ("nauka obsługi komputera i poczty e-mail", 2.0),
    ("przeróbki krawieckie", 1.5),
)


def _self_help(sheets: dict[str, list[dict[str, Any]]],
               participants: list[dict[str, Any]], days: list[date]) -> None:
    """A few weeks of the time bank: members trade services hour for hour (seed 000)."""
    # Its own generator: the exchange must not shift the rest of the demo's random draws.
    local = random.Random(11)
    rows = sheets["exchanges"]
    for day in _spread(days[len(days) // 4:], 14):
        members = [p for p in participants if _active(p, day)]
        giver, receiver = local.sample(members, 2)
        service, hours = local.choice(_SERVICES)
        rows.append({"date": day, "giver": giver["id"], "receiver": receiver["id"],
                     "service": service, "hours": hours})
    # A slip real ledgers contain: a service written down after the giver left the club.
    dropped = next(p for p in participants if p.get("end_reason") == "rezygnacja")
    later = next(d for d in days if d > dropped["end_date"] + timedelta(days=10))
    other = next(p for p in participants if p["id"] != dropped["id"] and _active(p, later))
    rows.append({"date": later, "giver": dropped["id"], "receiver": other["id"],
                 "service": "przeróbki krawieckie", "hours": 1.5,
                 "notes": "wpisane po rezygnacji dającego"})
    rows.sort(key=lambda r: r["date"])
    _groups(sheets, participants)
    _volunteers(sheets["volunteers"], days)


def _volunteers(rows: list[dict[str, Any]], days: list[date]) -> None:
    """Volunteers run classes (seed 001: English, tutoring); the newest has no written
    agreement yet, so the check has something to remind the coordinator of. The two who
    teach children were checked in the Register of Sexual Offenders before they started."""
    def weekly(weekdays: tuple[int, ...], hours: float, since: date) -> float:
        return sum(hours for d in days if d >= since and d.weekday() in weekdays)

    start, middle = days[0], days[len(days) // 2]
    rows += [
        {"id": "W01", "last_name": "Sobczak", "first_name": "Katarzyna",
         "pesel": make_pesel(date(1996, 5, 14), "K", 41), "sex": "K",
         "address": "ul. Kościuszki 4, 98-400 Wieruszów", "phone": "601 222 333",
         "scope": "zajęcia z języka angielskiego dla dzieci i dorosłych",
         "schedule": "środy i czwartki 17.00–18.00, sala nr 2", "date_from": start,
         "weekly_hours": 2, "hours": weekly((2, 3), 1.0, start),
         "agreement_date": start - timedelta(days=7), **_checked(start - timedelta(days=9))},
        {"id": "W02", "last_name": "Górski", "first_name": "Michał", "sex": "M",
         "address": "ul. Sienkiewicza 12, 98-400 Wieruszów", "phone": "602 444 555",
         "scope": "korepetycje z matematyki, fizyki i chemii",
         "schedule": "poniedziałki 15.00–17.00, sala KIS", "date_from": start,
         "date_to": days[-1], "weekly_hours": 2, "hours": weekly((0,), 2.0, start),
         "agreement_date": start - timedelta(days=3), **_checked(start - timedelta(days=5)),
         "certificate_date": days[-1],
         "certificate_request_date": days[-1] - timedelta(days=4),
         "opinion": "Korepetycje prowadził sumiennie i punktualnie; uczniowie poprawili "
                    "oceny z matematyki."},
        {"id": "W03", "last_name": "Nowicka", "first_name": "Beata", "sex": "K",
         "address": "ul. Ludwikowska 3, 98-400 Wieruszów",
         "scope": "prowadzenie grupy samopomocowej matek (G03)",
         "schedule": "co drugi piątek 16.00–18.00", "date_from": middle, "weekly_hours": 1,
         "hours": weekly((4,), 1.0, middle), "works_with_minors": "nie",
         "notes": "porozumienie do podpisania"},
        # the animator of "Kadra" works on a volunteer agreement: she is a volunteer too
        {"id": "W04", "last_name": "Dudek", "first_name": "Katarzyna", "sex": "K",
         "address": "ul. Wojska Polskiego 8, 98-400 Wieruszów",
         "scope": "dyżury punktu informacyjnego klubu, animacja grupy samopomocowej rodzin "
                  "z dziećmi z niepełnosprawnościami",
         "schedule": "poniedziałki i piątki 8.00–10.00, piątki 15.00–18.00, sala KIS",
         "date_from": start, "weekly_hours": 7, "hours": weekly((0, 4), 2.0, start)
         + weekly((4,), 3.0, start), "agreement_date": start - timedelta(days=10),
         "works_with_minors": "nie"},
    ]


def _checked(day: date) -> dict[str, Any]:
    """W01 and W02 teach children: checked in the Register before they started (art. 21)."""
    return {"works_with_minors": "tak", "register_check_date": day,
            "register_check_result": "brak w Rejestrze"}


def _groups(sheets: dict[str, list[dict[str, Any]]],
            participants: list[dict[str, Any]]) -> None:
    """The club's groups (seed 000): the whole cohort forms the support group of Z05, the
    computer course is a group of those who signed up, and single mothers meet on their own.
    Members equal the enrolments the demo already has, so its hours and rates stay as they were.
    """
    sheets["groups"] += [
        {"id": "G01", "name": "Samopomocowa grupa wsparcia", "type": "grupa wsparcia",
         "animator": LEADERS["pracownik socjalny"]},
        {"id": "G02", "name": "Grupa edukacyjna – kurs komputerowy", "type": "grupa edukacyjna",
         "animator": LEADERS["trener"]},
        {"id": "G03", "name": "Grupa samopomocowa matek", "type": "grupa samopomocowa",
         "animator": "Beata Nowicka (wolontariuszka)"},
    ]
    for activity in sheets["activities"]:
        activity["group"] = {"Z05": "G01", "Z12": "G02"}.get(activity["id"])
    members = sheets["group_members"]
    members += [{"group": "G01", "participant": p["id"]} for p in participants]
    members += [{"group": "G02", "participant": e["participant"]}
                for e in sheets["enrolments"] if e["activity"] == "Z12"]
    members += [{"group": "G03", "participant": p["id"]} for p in participants
                if p["category"] == CLUB_CATEGORY or p.get("sex") == "K"][:6]


BIG_UNIT = (20, 100, 1000)
"""Participants, meetings and attendance rows per unit of ``--skala``: N=100 is a big city
office's year (2,000 / 10,000 / 100,000), N=1000 fills Excel's last row of "Obecności"."""
_YEAR_DAYS = 250
"""Working days of one intake: everyone takes part for at most 12 months."""
_SLOTS = (time(8), time(10, 30), time(13), time(15, 30))
"""Two-hour meetings in four daily slots: one cohort never sits in two rooms at once."""
_COHORTS = 10
_PROBLEMS = 24
"""Six in every 24 participants are wrong, each in one way (as in real files)."""


def build_club_data(today: date, scale: int = 1
                    ) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Settings and rows of the demo club at ``--skala scale`` (1 = the bundled demo club).

    A larger scale is a big office that keeps several years in one workbook: ``BIG_UNIT``
    rows per unit, yearly intakes of at most 2,000 people in ten cohorts, meetings on the
    working days before ``today`` in four daily slots, about 80 % attendance, the demo's
    programme, partners and staff, and a quarter of the people wrong in one way each.
    Deterministic: the same ``today`` and ``scale`` always give the same club.
    """
    if scale < 1:
        raise ValueError("scale must be at least 1")
    if scale == 1:
        return build_demo_data(today)
    return _big_club(today, scale)


def _big_club(today: date, scale: int) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    from kis_xl.domain import vocab
    from kis_xl.domain.calendar_pl import holiday_name

    n_people, n_meetings, n_rows = (scale * k for k in BIG_UNIT)
    per_day = len(_SLOTS) * _COHORTS
    days: list[date] = []
    d = today - timedelta(days=1)
    while len(days) < -(-n_meetings // per_day):
        if d.weekday() < 5 and not holiday_name(d):
            days.append(d)
        d -= timedelta(days=1)
    days.reverse()
    intakes = -(-len(days) // _YEAR_DAYS)
    first_day = [days[len(days) * b // intakes] for b in range(intakes)]
    last_day = [days[len(days) * (b + 1) // intakes - 1] for b in range(intakes)]
    pid_w = max(3, len(str(n_people)))
    categories = vocab.CATEGORIES.values
    people: list[dict[str, Any]] = []
    intake_of: list[int] = []
    for i in range(1, n_people + 1):
        b = (i - 1) * intakes // n_people
        intake_of.append(b)
        people.append(_big_person(i, first_day[b] - timedelta(days=i % 14), last_day[b],
                                  today, pid_w))
    sheets: dict[str, list[dict[str, Any]]] = {}
    sheets["participants"] = people
    unemployed = [p for p in people if p["category"] == categories[4]]
    sheets["pup_periods"] = [
        {"participant": p["id"], "registered_from": p["start_date"] - timedelta(days=400 + j % 300)}
        for j, p in enumerate(unemployed)]
    sheets["decisions"] = [
        {"participant": p["id"], "decision": "dopuszczam mimo ustaleń",
         "justification": "Dokumenty w uzupełnieniu; kopia w aktach.",
         "decided_by": SETTINGS["coordinator"], "decided_on": p["start_date"]}
        for p in people[1::120]]
    # The demo's programme run by every cohort of every intake: its plan grows with the
    # office, so "% planu" reads like a real office's (about 100 %), not 900 %.
    editions = max(1, round(n_meetings / sum(a[5] or 0 for a in PROGRAMME)))
    sheets["activities"] = [
        {"id": aid, "name": name, "type": typ, "form": form, "specialist": spec,
         "planned_meetings": m * editions if m else m, "hours_per_meeting": hpm,
         "hours_per_person": hpp, "planned_persons": n * editions if n else n,
         "leader": LEADERS[spec]}
        for aid, name, typ, form, spec, m, hpm, hpp, n in PROGRAMME]
    sheets["enrolments"] = [{"participant": p["id"], "activity": aid}
                            for k, p in enumerate(people) for aid in ("Z11", "Z12") if k % 3 == 0]
    cohorts = [[[p for p, pb in zip(people, intake_of, strict=True) if pb == b][c::_COHORTS]
                for c in range(_COHORTS)] for b in range(intakes)]
    meetings, attendance = _big_sessions(days, cohorts, n_meetings, n_rows)
    sheets["meetings"] = meetings
    sheets["attendance"] = attendance
    outcome_types = vocab.OUTCOMES.values
    sheets["outcomes"] = [
        {"participant": p["id"],
         "date": min(p["start_date"] + timedelta(days=120), last_day[intake_of[k * 3]]),
         "type": outcome_types[k % len(outcome_types)]}
        for k, p in enumerate(people[::3])]
    first = days[0]
    for key in ("partners", "timetable", "volunteers"):
        sheets[key] = []
    _timetable_and_partners(sheets, first, today)  # the club's week, as in the small demo
    _volunteers(sheets["volunteers"], days)
    sheets["exchanges"] = _big_exchanges(people, days, scale)
    sheets["staff"] = [{"name": n, "role": role, "fte": fte, "basis": basis, "date_from": first}
                       for n, role, fte, basis in STAFF]
    settings = dict(SETTINGS)
    settings["created_date"] = date(2006, 6, 1)
    settings["activity_start"] = date(2006, 6, 12)
    settings["reporting_year"] = days[-1].year
    return settings, sheets


def _big_exchanges(people: list[dict[str, Any]], days: list[date], scale: int
                   ) -> list[dict[str, Any]]:
    """The time bank of a big office: two services per unit of scale between members
    active that day (deterministic, no random draws)."""
    rows: list[dict[str, Any]] = []
    for j, day in enumerate(_spread(days, 2 * scale)):
        members = [p for p in people if _active(p, day)]
        if len(members) < 2:
            continue
        giver = members[j * 7 % len(members)]
        receiver = members[(j * 7 + 3) % len(members)]
        service, hours = _SERVICES[j % len(_SERVICES)]
        rows.append({"date": day, "giver": giver["id"], "receiver": receiver["id"],
                     "service": service, "hours": hours})
    return rows


def _big_sessions(days: list[date], cohorts: list[list[list[dict[str, Any]]]], n_meetings: int,
                  n_rows: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Meetings in four daily slots per cohort (a fifth of them individual) and their
    attendance, about 80 % present, some rows with their own hours."""
    per_day = len(_SLOTS) * _COHORTS
    mid_w = max(4, len(str(n_meetings)))
    intakes = len(cohorts)
    groups = [a[0] for a in PROGRAMME if a[3] == "grupowe"]
    singles = [a[0] for a in PROGRAMME if a[3] == "indywidualne"]
    meetings: list[dict[str, Any]] = []
    members: list[tuple[bool, list[dict[str, Any]], int]] = []
    names = {a[0]: (a[1], a[4]) for a in PROGRAMME}
    for m in range(n_meetings):
        day_no, j = divmod(m, per_day)
        day = days[day_no]
        slot, cohort = _SLOTS[j % len(_SLOTS)], j // len(_SLOTS)
        single = j % 5 == 0
        aid = singles[m % len(singles)] if single else groups[m % len(groups)]
        name, spec = names[aid]
        meetings.append({"id": f"S{m + 1:0{mid_w}d}", "date": day, "start": slot,
                         "end": time(slot.hour + 2, slot.minute), "activity": aid,
                         "leader": LEADERS[spec], "place": f"sala {cohort + 1}, ul. Rynek 21",
                         "topic": name})
        intake = min(day_no * intakes // len(days), intakes - 1)
        members.append((single, cohorts[intake][cohort], day_no * 7 + j))
    n_groups = sum(1 for single, _, _ in members if not single)
    group_rows, extra = divmod(n_rows - (n_meetings - n_groups), max(1, n_groups))
    attendance: list[dict[str, Any]] = []
    g = 0
    for (single, cohort_people, offset), meeting in zip(members, meetings, strict=True):
        # a small club's cohort is smaller than a group: nobody is listed twice
        count = 1 if single else min(group_rows + (g < extra), len(cohort_people))
        g += not single
        for k in range(count):
            status = "obecny" if (offset + k) % 5 else ("nieobecny", "usprawiedliwiony")[k % 2]
            person = cohort_people[(offset + k) % len(cohort_people)]
            row = {"meeting": meeting["id"], "participant": person["id"], "status": status}
            if (offset + k) % 17 == 0:
                row["hours"] = 1.5
            attendance.append(row)
    return meetings, attendance


def _big_person(i: int, start: date, intake_end: date, today: date, pid_w: int
                ) -> dict[str, Any]:
    """Participant ``i`` of the big club: complete papers, or wrong in one way."""
    from kis_xl.domain import vocab

    categories = vocab.CATEGORIES.values
    sex = "KM"[i % 2]
    male, female = _SURNAMES[(i // 2) % len(_SURNAMES)]
    firsts = _FEMALE if sex == "K" else _MALE
    row: dict[str, Any] = {
        "id": f"U{i:0{pid_w}d}", "last_name": female if sex == "K" else male,
        "first_name": firsts[(i // 7) % len(firsts)],
        "pesel": make_pesel(date(1955, 1, 1) + timedelta(days=i * 7 % 14611), sex, i % 500),
        "category": categories[i % len(categories)],
        "proof_document": f"zaświadczenie nr {i}/{start.year}",
        "benefits": "brak", "consent_date": start - timedelta(days=20),
        "rodo_info_date": start - timedelta(days=20), "sex": sex,
        "social_worker": SETTINGS["coordinator"],
        "application_date": start - timedelta(days=20),
        "interview_date": start - timedelta(days=10), "contract_date": start,
        "start_date": start, "planned_end": add_months(start, 12) - timedelta(days=1),
        "street": f"{_STREETS[i % len(_STREETS)]} {i % 90 + 1}", "postal_code": "98-400",
        "city": "Wieruszów",
    }
    if i % 5 == 0:  # ended with the intake's last meetings
        row["end_date"] = intake_end
        row["end_reason"] = ("ukończenie programu", "rezygnacja")[i % 2]
    problem = i % _PROBLEMS
    if problem == 1:
        row["benefits"] = "emerytura"
    elif problem == 2:
        row["contract_date"] = None
    elif problem == 3:
        row["category"] = "ktoś spoza listy"
    elif problem == 4:
        row["consent_date"] = today + timedelta(days=40)
    elif problem == 5:
        row["end_date"] = start - timedelta(days=3)
    elif problem == 6:
        row["last_name"] = None
    return row


def write_demo_workbook(path: Path, today: date, scale: int = 1) -> Path:
    """The demo club (at ``--skala scale``) as an .xlsx made from the real template."""
    from kis_xl.workbook.template import build_template, fill_workbook

    settings, sheets = build_club_data(today, scale)
    wb = fill_workbook(build_template(settings["club_name"]), settings, sheets)
    wb.save(path)
    return path
