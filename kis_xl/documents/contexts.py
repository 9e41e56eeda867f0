"""What each document knows: one context builder per document kind (pure, no Word).

A context is a plain mapping of Polish ASCII names (``osoba.nazwisko``,
``klub.nazwa``) to typed values: dates stay ``date`` (the environment prints
"5 marca 2025 r."; a template may ask for ``|data_krotka``), hours stay
numbers, a missing value stays ``None`` (printed as a dotted line). These
names are the interface office staff see when they edit a template, so they
are documented in README and checked by ``kis-xl templates check``; change
them only together.

Lists that the office fills in by hand when the workbook has nothing (the
causes in a social contract, extra rows on an attendance list) are padded
with ``None`` to a minimum length, so a printed form always has lines to
write on.

Why one module: every builder draws on the same ``ClubData`` and the same person, club
and plan helpers, and the names they produce are one interface (README's list of template
names, ``kis-xl templates check``'s shapes); ``kinds.py`` names the builders from here.
Sections: shared helpers, the participant and club forms, the timetable, the volunteers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from functools import cached_property
from itertools import zip_longest
from typing import TYPE_CHECKING, Any

from kis_xl.documents import formatting as fmt
from kis_xl.domain import vocab
from kis_xl.domain.model import (
    Activity,
    Attendance,
    Club,
    ContractEntry,
    Enrolment,
    Meeting,
    Participant,
    StaffMember,
    Volunteer,
)
from kis_xl.domain.text import fold

if TYPE_CHECKING:
    from kis_xl.domain.certificates import Issue
    from kis_xl.domain.hours import HoursReport
    from kis_xl.domain.rules.profiles import Profile
    from kis_xl.domain.rules.status import ParticipantStatus

Context = dict[str, Any]

MIN_CONTRACT_LINES = 3
"""Lines per contract section printed even when the workbook has no entries."""
MIN_CONTRACT_ACTIONS = 4
MIN_EXTRA_LIST_ROWS = 3
"""Empty rows under the names on an attendance list (someone always comes unannounced)."""


def code_of(voc: vocab.Vocabulary, value: str | None) -> str | None:
    """Code of a canonical value; None for a value the vocabulary does not know."""
    if value is None:
        return None
    try:
        return voc.code_of(value)
    except KeyError:
        return None


def pad(items: Sequence[Any], minimum: int) -> list[Any]:
    """``items`` followed by ``None`` up to ``minimum`` entries (blank lines on paper)."""
    return [*items, *([None] * max(0, minimum - len(items)))]


@dataclass
class ClubData:
    """A club with the indexes a batch of documents needs, each built once.

    A batch of 2,000 certificates must not scan 100,000 attendance rows 2,000
    times, so per-participant and per-meeting lookups are built lazily here.
    """

    club: Club
    today: date
    issued: dict[str, Issue] = field(default_factory=dict)
    """Certificates of this batch: register number and date (``issue_certificates``)."""

    @cached_property
    def profile(self) -> Profile:
        from kis_xl.domain.rules.profiles import for_settings

        return for_settings(self.club.settings)

    @cached_property
    def hours(self) -> HoursReport:
        from kis_xl.domain.hours import compute_hours

        return compute_hours(self.club, today=self.today)

    @cached_property
    def hours_by_participant(self) -> dict[str, Any]:
        return {p.id: p for p in self.hours.participants}

    @cached_property
    def statuses(self) -> dict[str, ParticipantStatus]:
        """Each participant's status from the check (``kis_xl.domain.rules.evaluate``)."""
        from kis_xl.domain.rules import evaluate

        found = evaluate(self.club, today=self.today).statuses
        return {s.participant: s for s in reversed(found) if s.participant is not None}

    @cached_property
    def contracts_by_participant(self) -> dict[str, list[ContractEntry]]:
        out: dict[str, list[ContractEntry]] = defaultdict(list)
        for entry in sorted(self.club.contracts, key=lambda e: e.row):
            out[entry.participant].append(entry)
        return out

    @cached_property
    def attendance_by_meeting(self) -> dict[str, list[Attendance]]:
        out: dict[str, list[Attendance]] = defaultdict(list)
        for att in self.club.attendance:
            out[att.meeting].append(att)
        return out

    @cached_property
    def enrolments_by_activity(self) -> dict[str, list[Enrolment]]:
        out: dict[str, list[Enrolment]] = defaultdict(list)
        for e in self.club.enrolments:
            out[e.activity].append(e)
        return out

    @cached_property
    def staff_by_name(self) -> dict[str, StaffMember]:
        return {fold(s.name): s for s in reversed(self.club.staff)}


# ----------------------------------------------------------------------------- pieces


def person_sex(p: Participant) -> str | None:
    """'K'/'M' from the sex column, else from a valid PESEL (its 10th digit)."""
    if p.sex in ("K", "M"):
        return p.sex
    if p.pesel and len(p.pesel) == 11 and p.pesel.isdigit():
        from kis_xl.domain.pesel import pesel_sex

        try:
            return pesel_sex(p.pesel)
        except Exception:
            return None
    return None


def birth_date(p: Participant) -> date | None:
    """The typed birth date, else the one a valid PESEL encodes."""
    if p.birth_date is not None:
        return p.birth_date
    if p.pesel and len(p.pesel) == 11 and p.pesel.isdigit():
        from kis_xl.domain.pesel import pesel_birth_date

        try:
            return pesel_birth_date(p.pesel)
        except Exception:
            return None
    return None


def split_name(full: str | None) -> tuple[str | None, str | None]:
    """("Anna Maria", "Nowak-Kowalska") from "Anna Maria Nowak-Kowalska" (first names first)."""
    if not full or not full.strip():
        return None, None
    words = full.split()
    if len(words) == 1:
        return None, words[0]
    return " ".join(words[:-1]), words[-1]


def address(street: str | None, postal_code: str | None, city: str | None) -> str | None:
    """"ul. Rynek 21, 98-400 Wieruszów" from its parts; None when nothing is known."""
    town = " ".join(x for x in (postal_code, city) if x)
    parts = [x for x in (street, town) if x]
    return ", ".join(parts) if parts else None


_VOIVODE_OFFICE = re.compile(r"^\s*(\w+)\s+Urząd\s+Wojewódzki\b", re.IGNORECASE)


def voivode(office: str | None) -> str | None:
    """"Wojewoda Łódzki" from "Łódzki Urząd Wojewódzki w Łodzi" (the register's keeper).

    Every voivode office is named "<adjective> Urząd Wojewódzki …" and its head
    "Wojewoda <adjective>"; any other spelling gives None (a line to fill in by hand).
    """
    found = _VOIVODE_OFFICE.match(office or "")
    if not found:
        return None
    adjective = found[1]
    return f"Wojewoda {adjective[0].upper()}{adjective[1:]}"


def club_context(data: ClubData) -> Context:
    s = data.club.settings
    profile = data.profile
    return {
        "nazwa": s.club_name,
        "podmiot": s.operator,
        "jednostka": s.operating_unit,
        "podmiot_adres": s.operator_address,
        "podmiot_telefon": s.operator_phone,
        "podmiot_faks": s.operator_fax,
        "podmiot_email": s.operator_email,
        "podmiot_krs": s.operator_krs,
        "podmiot_regon": s.operator_regon,
        "kierownik": s.head_of_office,
        # who signs for the operator (a gmina's OPS head on the mayor's authorisation)
        "reprezentant": s.representative or s.head_of_office,
        "reprezentant_funkcja": s.representative_function,
        "reprezentant_podstawa": s.representative_basis,
        "z_upowaznienia": s.signs_for,
        "iod": s.dpo_contact,
        "okres_przechowywania": s.data_retention,
        "diagnoza": s.needs_diagnosis,
        "adres": s.club_address,
        "kod_pocztowy": s.club_postal_code,
        "miejscowosc": s.club_city,
        "adres_pelny": address(s.club_address, s.club_postal_code, s.club_city),
        "telefon": s.club_phone,
        "email": s.club_email,
        "teren": s.area,
        "koordynator": s.coordinator,
        "nadzor": s.supervisor,
        "urzad_wojewodzki": s.voivode_office,
        "wojewoda": voivode(s.voivode_office),
        "data_utworzenia": s.created_date,
        "data_rozpoczecia": s.activity_start,
        "profil": profile.key,
        "max_miesiecy": profile.effective_max_months(s),
    }


def person_context(p: Participant) -> Context:
    sex = person_sex(p)

    def g(masculine: str, feminine: str) -> str:
        return fmt.gendered(sex, masculine, feminine)

    return {
        "id": p.id,
        "imie": p.first_name,
        "nazwisko": p.last_name,
        "imie_nazwisko": p.full_name or None,
        "pesel": p.pesel,
        "data_urodzenia": birth_date(p),
        "plec": sex,
        "ulica": p.street,
        "kod_pocztowy": p.postal_code,
        "miejscowosc": p.city,
        "adres": address(p.street, p.postal_code, p.city),
        "telefon": p.phone,
        "email": p.email,
        "kategoria": p.category,
        "kategoria_dodatkowa": p.category_2,
        "dokument_kategorii": p.proof_document,
        "data_wniosku": p.application_date,
        "data_wywiadu": p.interview_date,
        "data_kontraktu": p.contract_date,
        "data_rozpoczecia": p.start_date,
        "planowane_zakonczenie": p.planned_end,
        "data_zakonczenia": p.end_date,
        "powod_zakonczenia": p.end_reason,
        "data_zaswiadczenia": p.certificate_date,
        "pracownik_socjalny": p.social_worker,
        "swiadczenia_pomocy_spolecznej": fold(p.welfare_benefits or "") == "tak",
        "pan": g("Pan", "Pani"),
        "pana": g("Pana", "Pani"),
        "panu": g("Panu", "Pani"),
        "uczestnik": g("uczestnik", "uczestniczka"),
        "urodzony": g("urodzony", "urodzona"),
        "zamieszkaly": g("zamieszkały", "zamieszkała"),
    }


def _base(data: ClubData) -> Context:
    return {"klub": club_context(data), "dzis": data.today}


# ----------------------------------------------------------------------------- kinds


def contract_context(data: ClubData, p: Participant) -> Context:
    """Kontrakt socjalny (Dz.U. 2010 nr 218 poz. 1439): the "Kontrakty" sheet's entries."""
    by_kind: dict[str, list[ContractEntry]] = defaultdict(list)
    for entry in data.contracts_by_participant.get(p.id, ()):
        kind = code_of(vocab.CONTRACT_ENTRIES, entry.entry)
        if kind is not None:
            by_kind[kind].append(entry)

    def texts(kind: str) -> list[str | None]:
        return [e.text for e in by_kind[kind]]

    def actions(kind: str) -> list[Context]:
        return [{"tresc": e.text, "termin": e.deadline, "odpowiedzialny": e.responsible}
                for e in by_kind[kind]]

    client, worker = actions("client_action"), actions("worker_action")
    rows = []
    for lp, (c, w) in enumerate(zip_longest(client, worker), start=1):
        rows.append({
            "lp": lp,
            "uczestnik": c["tresc"] if c else None,
            "termin_uczestnika": c["termin"] if c else None,
            "pracownik": w["tresc"] if w else None,
            "termin_pracownika": w["termin"] if w else None,
        })
    for lp in range(len(rows) + 1, MIN_CONTRACT_ACTIONS + 1):
        rows.append({"lp": lp, "uczestnik": None, "termin_uczestnika": None,
                     "pracownik": None, "termin_pracownika": None})
    staff = data.staff_by_name.get(fold(p.social_worker)) if p.social_worker else None
    first, last = split_name(p.social_worker)
    main_goals = texts("main_goal")
    main_deadlines = [e.deadline for e in by_kind["main_goal"] if e.deadline]
    goals = [{"lp": lp, "tresc": e.text, "termin": e.deadline}
             for lp, e in enumerate(by_kind["goal"], start=1)]
    goals += [{"lp": lp, "tresc": None, "termin": None}
              for lp in range(len(goals) + 1, MIN_CONTRACT_LINES + 1)]
    evaluations = [{"tresc": e.text, "data": e.deadline} for e in by_kind["evaluation"]]
    evaluations += [{"tresc": None, "data": None}] * max(0, MIN_CONTRACT_LINES - len(evaluations))
    variant = contract_variant(data.contracts_by_participant.get(p.id, ()))
    family = variant == "A"
    return {
        **_base(data),
        "osoba": person_context(p),
        "pracownik": {
            "imie_nazwisko": p.social_worker,
            "imie": first,
            "nazwisko": last,
            "telefon": (staff.phone if staff else None) or data.club.settings.club_phone,
        },
        "kontrakt": {
            "data_zawarcia": p.contract_date,
            # the paper never pretends: its period starts when it was signed, unless the
            # coordinator recorded an agreed start ("Kontrakt obowiązuje od")
            "okres_od": p.contract_from or p.contract_date,
            "okres_do": p.planned_end,
            "wariant": variant,
            "opis": CONTRACT_VARIANT_TEXT[variant],
            "czesc_1": f"CZĘŚĆ I {variant}",
            "czesc_2": f"CZĘŚĆ II {variant}",
            "z_rodzina": family,
            "strony": "osoby/rodziny" if family else "osoby",
        },
        "przyczyny": pad(texts("cause"), MIN_CONTRACT_LINES),
        "mocne_strony": pad(texts("strength"), MIN_CONTRACT_LINES),
        "ograniczenia": pad(texts("barrier"), MIN_CONTRACT_LINES),
        "cel_glowny": "; ".join(t for t in main_goals if t) or None,
        "cel_glowny_termin": max(main_deadlines) if main_deadlines else None,
        "cele": pad(texts("goal"), MIN_CONTRACT_LINES),
        "cele_z_terminami": goals,
        "dzialania": rows,
        "dzialania_uczestnika": client,
        "dzialania_pracownika": worker,
        "efekty": pad(texts("effect"), MIN_CONTRACT_LINES - 1),
        "oceny": evaluations,
    }


CONTRACT_VARIANT_TEXT = {
    "A": "osobą/rodziną a pracownikiem socjalnym w zakresie rozwiązywania trudnej sytuacji "
         "życiowej",
    "B": "osobą a pracownikiem socjalnym w celu wzmocnienia aktywności i samodzielności "
         "życiowej, zawodowej lub przeciwdziałania wykluczeniu społecznemu",
}
"""The two variants of the model contract (Dz. U. z 2010 r. Nr 218, poz. 1439), parts I/II A
and I/II B; B is the one for a club participant."""


def contract_variant(entries: Iterable[ContractEntry]) -> str:
    """"A" or "B": the first variant written on the person's rows, B when none is."""
    for entry in entries:
        code = code_of(vocab.CONTRACT_VARIANTS, vocab.CONTRACT_VARIANTS.match(entry.variant))
        if code in CONTRACT_VARIANT_TEXT:
            return code
    return "B"


def _club_categories(data: ClubData) -> list[str]:
    return list(data.club.club_terms.get(vocab.CATEGORIES.key, ()))


def _benefit_value(code: str) -> str:
    return next(t.value for t in vocab.BENEFITS.terms if t.code == code)


BENEFITS_GENITIVE: dict[str, str] = {
    "unemployment_benefit": "zasiłku dla bezrobotnych",
    "pre_retirement_allowance": "zasiłku przedemerytalnego",
    "pre_retirement_benefit": "świadczenia przedemerytalnego",
    "structural_pension": "renty strukturalnej",
    "disability_pension": "renty z tytułu niezdolności do pracy",
    "retirement_pension": "emerytury",
    "teacher_compensation": "nauczycielskiego świadczenia kompensacyjnego",
    "social_pension": "renty socjalnej",
    "other": "innych świadczeń",
}
"""The benefits after "prawo do" (genitive), as art. 1 ust. 3 of the act lists them."""


ACTIVITY_FORMS_2025 = (
    "działania mające na celu pomoc w znalezieniu pracy na czas określony, w pełnym lub "
    "niepełnym wymiarze czasu pracy u pracodawców, wykonywania usług na podstawie umów "
    "cywilnoprawnych oraz przygotowanie do podjęcia zatrudnienia lub podjęcia działalności "
    "w formie spółdzielni socjalnej",
    "prace społecznie użyteczne",
    "roboty publiczne",
    "poradnictwo prawne",
    "działalność samopomocową w zakresie zatrudnienia, spraw mieszkaniowych i socjalnych",
    "staże",
)
"""§ 11 of the regulamin under the act: the forms of art. 18 ust. 2 pkt 1–6 in force."""

ACTIVITY_FORMS_2006 = (
    "programy zatrudnienia tymczasowego mające na celu pomoc w znalezieniu pracy na czas "
    "określony lub na czas wykonywania określonej pracy, u pracodawców, wykonywania usług "
    "na podstawie umów cywilnoprawnych oraz przygotowania do podjęcia zatrudnienia",
    "poradnictwo prawne",
    "działalność samopomocową w zakresie zatrudnienia, spraw mieszkaniowych i socjalnych",
)
"""§ 11 of the seed regulamin of 2006, kept word for word for a club on that profile."""


def _profile_context(data: ClubData) -> Context:
    profile = data.profile
    exception = next((e for e in profile.exclusions if e.kis_exception), None)
    bases = [re.sub(r" pkt \d+", "", e.basis.split(" („")[0]) for e in profile.exclusions]
    return {
        "nazwa": profile.key,
        "podstawa": fmt.journal_citation(profile.title),
        # § 9 of the regulamin: "osoby mające prawo do: zasiłku …, emerytury" – what
        # excludes, in the genitive; a benefit the act lets into a KIS is left out of the
        # list and said once, in its own sentence (art. 1 ust. 3a).
        "prawo_do": [BENEFITS_GENITIVE[e.benefit] for e in profile.exclusions
                     if not e.kis_exception],
        "wyjatek_regulaminu": (
            f"Prawo do {BENEFITS_GENITIVE[exception.benefit]} nie wyklucza uczestnictwa "
            f"w zajęciach KIS ({exception.kis_exception})."
            if exception else None
        ),
        "podstawa_kategorii": profile.catalogue,
        "podstawa_rozszerzenia": profile.extension_basis,
        "kategorie": [c.wording for c in profile.categories],
        "podstawa_wykluczen": "; ".join(dict.fromkeys(bases)) or None,
        "wykluczenia": [_benefit_value(e.benefit) for e in profile.exclusions],
        "wyjatek": (
            f"Osoby mające prawo do świadczenia „{_benefit_value(exception.benefit)}” mogą "
            f"uczestniczyć w zajęciach w klubie integracji społecznej "
            f"({exception.kis_exception})."
            if exception else None
        ),
        "okres_maksymalny": profile.max_months,
        "podstawa_okresu": profile.duration_basis,
        "formy_dzialan": list(ACTIVITY_FORMS_2006 if profile.key == "regulamin 2006"
                              else ACTIVITY_FORMS_2025),
        "podstawa_form": None if profile.key == "regulamin 2006" else "art. 18 ust. 2 ustawy",
    }


def regulations_context(data: ClubData, _: object = None) -> Context:
    """Regulamin organizacyjny (seed 002, § 1–§ 17) with the club's data and profile."""
    # § 4 names the coordinator first ("koordynator Klubu (…) oraz specjaliści: …"), so the
    # specialists' roles leave the coordinator out (the demo's list said "koordynator" twice).
    roles = []
    for s in data.club.staff:
        if s.role and s.role not in roles and not fold(s.role).startswith("koordynator"):
            roles.append(s.role)
    return {
        **_base(data),
        "profil": _profile_context(data),
        "kategorie_klubu": _club_categories(data),
        "kadra": [{"imie_nazwisko": s.name, "funkcja": s.role} for s in data.club.staff],
        "funkcje_kadry": roles,
    }


def application_context(data: ClubData, p: Participant) -> Context:
    """Wniosek o przyjęcie (§ 13): the person's data and the boxes they tick."""
    profile = data.profile
    chosen = {p.category, p.category_2}
    categories = [{"nazwa": c.wording, "zaznaczona": c.value in chosen}
                  for c in profile.categories]
    # Groups outside the catalogue have another basis (the club's extension, § 8): the
    # club's own, and a category of the act the profile's catalogue lacks (2006: disability)
    # when this person was admitted under it.
    outside = [v for v in vocab.CATEGORIES.values
               if v in chosen and profile.category(v) is None]
    extended = [{"nazwa": c, "zaznaczona": c in chosen}
                for c in dict.fromkeys([*outside, *_club_categories(data)])]
    benefits = set(p.benefits)
    exclusions = [{"nazwa": v, "zaznaczone": v in benefits}
                  for v in (_benefit_value(e.benefit) for e in profile.exclusions)]
    return {
        **_base(data),
        "osoba": person_context(p),
        "profil": _profile_context(data),
        "kategorie": categories,
        "kategorie_rozszerzone": extended,
        "swiadczenia": exclusions,
        "brak_swiadczen": benefits <= {"brak"} and bool(benefits),
        # the "mam prawo do świadczenia" box is ticked with the benefit under it
        "ma_swiadczenia": any(e["zaznaczone"] for e in exclusions),
        "decyzja": application_decision(data, p),
    }


def application_decision(data: ClubData, p: Participant) -> Context:
    """What the office part of the wniosek records: the check's status and what follows.

    The status is the one ``kis-xl check`` writes into the workbook
    (``kis_xl.domain.rules.evaluate``); "Przyjęto do Klubu od dnia …" is printed only
    for a person who may take part, never for one the check rejects.
    """
    from kis_xl.domain.rules.status import ELIGIBLE, INCOMPLETE, INELIGIBLE

    status = data.statuses.get(p.id)
    if status is None:
        return {"wynik": None, "uzasadnienie": None, "przyjeto": False, "tresc": None}
    start = fmt.long_date(p.start_date) if p.start_date else None
    # the check's reason for an eligible person carries the office's working notes (the
    # profile's name, "do sprawdzenia: …"): not for the applicant's paper
    reason = None if status.status == ELIGIBLE else status.reason
    if status.admitted:
        text = (f"przyjęto do Klubu od dnia {start}" if start
                else "spełnia warunki uczestnictwa – do przyjęcia")
    elif status.status == INELIGIBLE or status.refused:
        text = "nie przyjęto do Klubu – osoba nie spełnia warunków uczestnictwa"
    elif status.status == INCOMPLETE:
        text = "przyjęcie wstrzymane do czasu uzupełnienia dokumentacji"
    else:
        text = status.status
    return {"wynik": status.status, "uzasadnienie": reason, "przyjeto": status.admitted,
            "tresc": text}


def certificate_context(data: ClubData, p: Participant) -> Context:
    """Zaświadczenie (art. 18 ust. 5a): the end of participation, its period and hours.

    Hours are those of the hours sheet (``compute_hours``), which counts only
    attendance within the participation period the certificate names: a row
    after the end date is flagged and counted nowhere, so the certificate, the
    hours sheet and the annual report give a person the same hours.
    """
    ph = data.hours_by_participant.get(p.id)
    activities = []
    by_type: dict[str, float] = {}
    total = 0.0
    if ph is not None:
        from kis_xl.domain.hours import hours as to_hours

        for aid, minutes in ph.minutes_by_activity.items():
            if minutes <= 0:
                continue
            a = data.club.activity(aid)
            activities.append({
                "id": aid,
                "nazwa": (a.name if a else None) or aid,
                "rodzaj": a.type if a else None,
                "forma": a.form if a else None,
                "specjalista": a.specialist if a else None,
                "godziny": to_hours(minutes),
            })
        by_type = {t: h for t, h in ph.hours_by_type().items() if h > 0}
        total = ph.hours_total
    activities.sort(key=lambda x: (fold(x["rodzaj"] or ""), fold(x["nazwa"])))
    issued = data.issued.get(p.id)
    if issued is None:  # a context outside a batch: the number the register would give
        from kis_xl.domain.certificates import issue_certificates

        issued = issue_certificates(data.club.certificates, [p], data.today)[p.id]
    completed = code_of(vocab.END_REASONS, p.end_reason) in ("completed", "employed")
    return {
        **_base(data),
        "osoba": person_context(p),
        "zaswiadczenie": {
            "numer": issued.number,
            "data": issued.date,
        },
        "udzial": {
            "od": p.start_date,
            "do": p.end_date,
            "ukonczony": completed,
            "powod_zakonczenia": p.end_reason,
            "data_kontraktu": p.contract_date,
        },
        "zajecia": activities,
        "rodzaje": [{"rodzaj": t, "godziny": h} for t, h in by_type.items()],
        "godziny_razem": total,
    }


def expected_participants(data: ClubData, m: Meeting) -> list[Participant]:
    """Who signs the list: those with an attendance row, else who is expected that day.

    "Expected" is ``kis_xl.domain.hours.expected_members``, the rule ``meeting add`` and the
    attendance rates use: enrolled in the activity (or everyone, when it has no
    enrolments) *and* taking part in the club on the meeting's day, less those the
    check does not admit (status other than "kwalifikuje się", unless the coordinator
    let them in).
    """
    from kis_xl.domain.hours import expected_members

    club = data.club
    recorded = data.attendance_by_meeting.get(m.id)
    people: Iterable[Participant | None]
    if recorded:
        people = (club.participant(a.participant) for a in recorded)
    elif m.date is None:
        people = ()
    else:
        people = expected_members(club, m.activity or "", m.date,
                                  data.enrolments_by_activity.get(m.activity or "", []))
    # only admitted people are invited to sign (the rule of ``kis-xl meeting add``)
    unique = {x.id: x for x in people if x is not None and not not_admitted(data, x.id)}
    return sorted(unique.values(), key=lambda x: (fold(x.last_name), fold(x.first_name), x.id))


def not_admitted(data: ClubData, pid: str) -> bool:
    status = data.statuses.get(pid)
    return status is not None and not status.admitted


def attendance_list_context(data: ClubData, m: Meeting) -> Context:
    """Lista obecności for one meeting, to be signed on paper."""
    from kis_xl.domain.hours import hours as to_hours
    from kis_xl.domain.hours import meeting_minutes

    a: Activity | None = data.club.activity(m.activity) if m.activity else None
    minutes = meeting_minutes(m)
    people = expected_participants(data, m)
    rows: list[Context] = [
        {"lp": i, "id": x.id, "imie_nazwisko": x.full_name or None,
         "nazwisko": x.last_name, "imie": x.first_name}
        for i, x in enumerate(people, start=1)
    ]
    for i in range(len(rows) + 1, len(rows) + MIN_EXTRA_LIST_ROWS + 1):
        rows.append({"lp": i, "id": None, "imie_nazwisko": None, "nazwisko": None, "imie": None})
    return {
        **_base(data),
        "spotkanie": {
            "id": m.id,
            "data": m.date,
            "od": m.start,
            "do": m.end,
            "godziny": to_hours(minutes) if minutes is not None else None,
            # what the meeting row leaves empty comes from the activity's slot in the
            # timetable, then the club's address; an empty topic is the activity's name
            "temat": m.topic or (a.name if a else None),
            "miejsce": m.place or _usual_place(data, m.activity),
            "prowadzacy": m.leader or (a.leader if a else None),
            "liczba_na_liscie": len(people),
        },
        "zajecia": {
            "id": m.activity,
            "nazwa": a.name if a else None,
            "rodzaj": a.type if a else None,
            "forma": a.form if a else None,
            "specjalista": a.specialist if a else None,
        },
        "uczestnicy": rows,
    }


def _usual_place(data: ClubData, activity: str | None) -> str | None:
    """Where an activity usually meets: its timetable slot, else the club's address."""
    for slot in data.club.timetable:
        if activity and slot.activity == activity and slot.place:
            return slot.place
    s = data.club.settings
    return address(s.club_address, s.club_postal_code, s.club_city)


def plan_text(a: Activity) -> str | None:
    """"24 spotkania × 3,5 h = 84 h" / "4 h × 15 osób = 60 h", as the seed programme writes it."""
    from kis_xl.domain.hours import hours as to_hours
    from kis_xl.domain.hours import planned_minutes

    minutes = planned_minutes(a)
    if minutes is None:
        return None
    # No-break spaces keep a number with its unit: a narrow table cell never ends a
    # line with "84" and starts the next with "h".
    total = fmt.number(to_hours(minutes))
    if a.form == "grupowe":
        meetings = fmt.counted(a.planned_meetings, "spotkanie", "spotkania", "spotkań")
        meetings = meetings.replace(" ", "\u00a0", 1)
        return f"{meetings} × {fmt.number(a.hours_per_meeting)}\u00a0h = {total}\u00a0h"
    persons = fmt.counted(a.planned_persons, "osoba", "osoby", "osób").replace(" ", "\u00a0", 1)
    return f"{fmt.number(a.hours_per_person)}\u00a0h × {persons} = {total}\u00a0h"


_WITH: dict[str, str] = {
    "psycholog": "z psychologiem",
    "pracownik socjalny": "z pracownikiem socjalnym",
    "doradca zawodowy": "z doradcą zawodowym",
    "pośrednik pracy": "z pośrednikiem pracy",
    "doradca zawodowy / pośrednik pracy": "z doradcą zawodowym / pośrednikiem pracy",
    "terapeuta": "z terapeutą",
    "prawnik": "z prawnikiem",
    "trener": "z trenerem",
    "eksperci ZUS, bank, US": "z ekspertami ZUS, banku i urzędu skarbowego",
    "animator": "z animatorem",
}


def with_specialist(role: str) -> str:
    """"z psychologiem": the role in the instrumental, as the seed programme writes
    "program spotkań z psychologiem"; a role the list does not know keeps its form
    after "prowadzący:" (no guessed declension)."""
    known = next((v for k, v in _WITH.items() if fold(k) == fold(role)), None)
    return known or f"(prowadzący: {role})"


def _activity_leader(data: ClubData, activity: str | None) -> str | None:
    """Who leads an activity (sheet "Program"): a timetable slot without its own leader."""
    a = data.club.activity(activity) if activity else None
    return a.leader if a else None


def programme_context(data: ClubData, _: object = None) -> Context:
    """Program KIS with its hours table (seed 002, section 5), from the "Program" sheet."""
    from kis_xl.domain.hours import hours as to_hours
    from kis_xl.domain.hours import planned_minutes

    rows: list[Context] = []
    groups: dict[str, Context] = {}
    total = 0
    for lp, a in enumerate(data.club.activities, start=1):
        minutes = planned_minutes(a)
        total += minutes or 0
        row = {
            "lp": lp,
            "id": a.id,
            "nazwa": a.name,
            "rodzaj": a.type,
            "forma": a.form,
            "specjalista": a.specialist,
            "prowadzacy": a.leader,
            "spotkania": a.planned_meetings,
            "godziny_na_spotkanie": a.hours_per_meeting,
            "godziny_na_osobe": a.hours_per_person,
            "osoby": a.planned_persons,
            "plan": plan_text(a),
            "godziny": to_hours(minutes) if minutes is not None else None,
            "uwagi": a.notes,
        }
        rows.append(row)
        key = a.specialist or "(nie podano)"
        group = groups.setdefault(key, {"specjalista": key, "z_kim": with_specialist(key),
                                        "zajecia": [], "godziny": 0.0, "prowadzacy": []})
        group["zajecia"].append(row)
        group["godziny"] = round(group["godziny"] + (row["godziny"] or 0.0), 2)
        if a.leader and a.leader not in group["prowadzacy"]:
            group["prowadzacy"].append(a.leader)
    profile = _profile_context(data)
    return {
        **_base(data),
        "profil": profile,
        "kategorie_klubu": _club_categories(data),
        "zajecia": rows,
        "specjalisci": list(groups.values()),
        "godziny_razem": to_hours(total),
        "partnerzy": [
            {"nazwa": x.name, "rodzaj": x.type, "zakres": x.scope, "adres": x.address}
            for x in data.club.partners
        ],
        "harmonogram": [
            {"dzien": t.weekday, "od": t.start, "do": t.end, "nazwa": t.name,
             "prowadzacy": t.leader or _activity_leader(data, t.activity),
             "miejsce": t.place}
            for t in data.club.timetable
        ],
    }


def register_context(data: ClubData, _: object = None) -> Context:
    """Zgłoszenie do rejestru KIS (Dz.U. 2012 poz. 513): operator and club data."""
    return {**_base(data)}


def report_context(data: ClubData, _: object = None) -> Context:
    """Sprawozdanie z działalności klubu (art. 18a ust. 6) for the settings' reporting year
    (the ``report`` command sets it from ``--rok``), else the previous year; the report's
    data come from ``kis_xl.report`` (imported here only: the totals are heavy)."""
    from kis_xl.report.document import report_data
    from kis_xl.report.totals import compute_report, default_year

    year = default_year(data.club, data.today)
    totals = compute_report(data.club, year=year, today=data.today)
    return {**_base(data), "sprawozdanie": report_data(totals)}


# ----------------------------------------------------------------------------- selfhelp-a
# The weekly timetable for the notice board (issue 11): sheet "Harmonogram" and "Partnerzy".


def timetable_rows(club: Club) -> list[TimetableRow]:
    """The week's slots in day and hour order (the day's name only on its first slot);
    rows without a known day or start go last, in sheet order."""
    from kis_xl.domain.rules.club_week import slot_kind

    order = {v: i for i, v in enumerate(vocab.WEEKDAYS.values)}
    partners = {fold(p.name): p.name for p in club.partners}
    slots = sorted(club.timetable, key=lambda s: (order.get(s.weekday or "", 7),
                                                  s.start or time.max, s.row))
    rows: list[TimetableRow] = []
    previous: str | None = None
    for s in slots:
        leader = s.leader
        if leader is None and s.activity:
            a = club.activity(s.activity)
            leader = a.leader if a else None
        rows.append(TimetableRow(
            day=s.weekday, first=s.weekday != previous, start=s.start, end=s.end,
            name=s.name, kind=slot_kind(s), leader=leader, place=s.place, group=s.group,
            partner=partners.get(fold(s.partner), s.partner) if s.partner else None,
            row=s.row))
        previous = s.weekday
    return rows


@dataclass(frozen=True, slots=True)
class TimetableRow:
    day: str | None
    first: bool
    """The first slot of its day (the notice board prints the day once)."""
    start: time | None
    end: time | None
    name: str | None
    kind: str
    leader: str | None
    place: str | None
    group: str | None
    partner: str | None
    row: int

    @property
    def info_point(self) -> bool:
        from kis_xl.domain.rules.club_week import INFO_POINT

        return self.kind == INFO_POINT


def timetable_context(data: ClubData, _: object = None) -> Context:
    """Harmonogram tygodnia for the notice board: slots, the information point's hours,
    the partners and what they run."""
    from kis_xl.domain.rules.club_week import agreement_state, info_point, partner_slots

    club = data.club
    rows = timetable_rows(club)
    point = info_point(club.timetable)
    return {
        **_base(data),
        "wpisy": [
            {"dzien": r.day if r.first else "", "dzien_tygodnia": r.day, "od": r.start,
             "do": r.end, "nazwa": r.name, "rodzaj": r.kind, "prowadzacy": r.leader,
             "miejsce": r.place, "grupa": r.group, "partner": r.partner,
             "punkt_informacyjny": r.info_point}
            for r in rows
        ],
        "punkt_informacyjny": {
            "dyzury": [{"dzien": r.day, "od": r.start, "do": r.end, "miejsce": r.place}
                       for r in rows if r.info_point],
            "godziny": point.hours,
            "spelnia_zalecenie": point.ok,
        },
        "partnerzy": [
            {"nazwa": p.name, "rodzaj": p.type, "osoba_kontaktowa": p.contact_person,
             "telefon": p.phone, "email": p.email, "adres": p.address, "zakres": p.scope,
             "porozumienie_od": p.agreement_date, "porozumienie_do": p.agreement_end,
             "stan_porozumienia": agreement_state(p, data.today).state,
             "zajecia": sorted({s.name for s in partner_slots(club, p) if s.name})}
            for p in club.partners
        ],
    }


# ----------------------------------------------------------------------------- volunteers
# The volunteer agreement and the certificate of the volunteer's work (issue 11), under the
# act of 24 April 2003 on public benefit activity and volunteering (art. 44–46).

VOLUNTEERING_ACT_TITLE = ("ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego "
                          "i o wolontariacie (Dz. U. z 2024 r. poz. 1491)")
"""The act in the genitive, as the documents cite it (the consolidated text)."""
MINORS_ACT_TITLE = ("ustawy z dnia 13 maja 2016 r. o przeciwdziałaniu zagrożeniom "
                    "przestępczością na tle seksualnym i ochronie małoletnich")
"""The act on protecting minors in the genitive (art. 21: the Register check)."""


def volunteer_sex(v: Volunteer) -> str | None:
    """'K'/'M' from the sex column, else from a valid PESEL (its 10th digit)."""
    if v.sex in ("K", "M"):
        return v.sex
    if v.pesel and len(v.pesel) == 11 and v.pesel.isdigit():
        from kis_xl.domain.pesel import pesel_sex

        try:
            return pesel_sex(v.pesel)
        except Exception:
            return None
    return None


def volunteer_context(data: ClubData, v: Volunteer) -> Context:
    sex = volunteer_sex(v)

    def g(masculine: str, feminine: str) -> str:
        return fmt.gendered(sex, masculine, feminine)

    a = data.club.activity(v.activity) if v.activity else None
    return {
        "id": v.id,
        "imie": v.first_name,
        "nazwisko": v.last_name,
        "imie_nazwisko": v.full_name or None,
        "pesel": v.pesel,
        "plec": sex,
        "adres": v.address,
        "telefon": v.phone,
        "zakres": v.scope,
        "zajecia": (a.name if a else None) or v.activity,
        "sposob": v.schedule,
        "od": v.date_from,
        "do": v.date_to,
        "godziny_tygodniowo": v.weekly_hours,
        "godziny": v.hours,
        "data_porozumienia": v.agreement_date,
        "data_zadania": v.certificate_request_date,
        "data_zaswiadczenia": v.certificate_date,
        "opinia": v.opinion,
        "pan": g("Pan", "Pani"),
        "wolontariusz": g("wolontariusz", "wolontariuszka"),
    }


def beneficiary_context(data: ClubData) -> Context:
    """The "korzystający" of art. 42: the club's operator (with its unit, when the club works
    within one) and the person who signs for it."""
    s = data.club.settings
    name = s.operator
    if s.operator and s.operating_unit:
        name = f"{s.operator} – {s.operating_unit}"
    return {
        "nazwa": name or s.operating_unit,
        "adres": s.operator_address or address(s.club_address, s.club_postal_code, s.club_city),
        "reprezentant": s.representative or s.head_of_office,
        "funkcja": s.representative_function,
        "podstawa": s.representative_basis,
        "koordynator": s.coordinator,
    }


def volunteer_agreement_context(data: ClubData, v: Volunteer) -> Context:
    """Porozumienie wolontariackie (art. 44 ust. 1): scope, manner and time of the work, the
    period, the planned hours and the termination clause."""
    from kis_xl.domain.volunteers import longer_than_30_days

    s = data.club.settings
    short = v.date_from is not None and v.date_to is not None and not longer_than_30_days(v)
    return {
        **_base(data),
        "korzystajacy": beneficiary_context(data),
        "wolontariusz": volunteer_context(data, v),
        "porozumienie": {
            "data_zawarcia": v.agreement_date or data.today,
            "od": v.date_from,
            "do": v.date_to,
            "na_czas_nieokreslony": v.date_to is None,
            "do_30_dni": short,
            "miejsce": address(s.club_address, s.club_postal_code, s.club_city),
            "ustawa": VOLUNTEERING_ACT_TITLE,
            # work with minors: art. 21 ust. 1 of the 2016 act and the Register check
            "maloletni": v.works_with_minors == "tak",
            "ustawa_maloletni": MINORS_ACT_TITLE,
            "rejestr_data": v.register_check_date,
            "rejestr_wynik": v.register_check_result,
        },
    }


def volunteer_certificate_number(v: Volunteer, issued: date) -> str:
    """"WOL/2025/W01": the year of issue and the volunteer's ID (README documents it)."""
    return f"WOL/{issued.year}/{v.id}"


def volunteer_certificate_context(data: ClubData, v: Volunteer) -> Context:
    """Zaświadczenie o wykonaniu świadczeń (art. 44 ust. 2), with the opinion of ust. 3 when
    the sheet has one. The period ends on the certificate's date while the work goes on."""
    issued = v.certificate_date or data.today
    ongoing = v.date_to is None or v.date_to > issued
    return {
        **_base(data),
        "korzystajacy": beneficiary_context(data),
        "wolontariusz": volunteer_context(data, v),
        "zaswiadczenie": {
            "numer": volunteer_certificate_number(v, issued),
            "data": issued,
            "od": v.date_from,
            "do": issued if ongoing else v.date_to,
            "trwa": ongoing,
            "na_zadanie": v.certificate_request_date is not None,
            "data_zadania": v.certificate_request_date,
            "godziny": v.hours,
            "ustawa": VOLUNTEERING_ACT_TITLE,
        },
    }
