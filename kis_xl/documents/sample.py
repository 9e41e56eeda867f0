"""A small, complete club built in code: every field filled, every list non-empty.

The template checker renders each kind's context from it to learn which names
a template may use (an empty list would hide the names of its items), and the
tests render every template for it. It includes what trips documents up: a
woman born in 2003 (PESEL with a leading zero), a man, and a name with
``&`` and ``<>``.
"""

from __future__ import annotations

from datetime import date, time

from kis_xl.domain.model import (
    Activity,
    Attendance,
    Club,
    ContractEntry,
    Enrolment,
    Grant,
    Meeting,
    Outcome,
    Participant,
    Partner,
    Settings,
    StaffMember,
    TimetableSlot,
    Volunteer,
)
from kis_xl.domain.pesel import make_pesel

SAMPLE_TODAY = date(2025, 9, 30)


def sample_club() -> Club:
    settings = Settings(
        club_name="Klub Integracji Społecznej w Wieruszowie",
        operator="Gmina Wieruszów",
        operating_unit="Miejsko-Gminny Ośrodek Pomocy Społecznej w Wieruszowie",
        operator_address="ul. Rynek 21, 98-400 Wieruszów",
        operator_phone="62 784 15 54",
        operator_fax="62 784 11 99",
        operator_email="wieruszow@mgops.pl",
        operator_regon="250401231",
        head_of_office="Maria Zielińska",
        representative="Maria Zielińska",
        representative_function="Kierownik Miejsko-Gminnego Ośrodka Pomocy Społecznej "
                                "w Wieruszowie",
        representative_basis="pełnomocnictwa Burmistrza Wieruszowa nr 12/2024",
        signs_for="Burmistrza Wieruszowa",
        dpo_contact="iod@mgops.pl",
        data_retention="10 lat od zakończenia uczestnictwa",
        needs_diagnosis="Długotrwałe bezrobocie i uzależnienia są głównymi powodami "
                        "korzystania z pomocy społecznej w gminie.",
        club_address="ul. Rynek 21",
        club_postal_code="98-400",
        club_city="Wieruszów",
        club_phone="62 784 15 50",
        club_email="kis@mgops.pl",
        area="miasto i gmina Wieruszów",
        coordinator="Anna Nowak",
        supervisor="zastępca kierownika ośrodka",
        supervisor_email="zastepca@mgops.pl",
        voivode_office="Łódzki Urząd Wojewódzki w Łodzi",
        created_date=date(2006, 5, 15),
        activity_start=date(2006, 6, 12),
        reporting_year=2025,
    )
    participants = [
        Participant(
            row=2, id="U001", last_name="Wiśniewska", first_name="Zofia",
            pesel=make_pesel(date(2003, 1, 7), "K", 12), birth_date=date(2003, 1, 7), sex="K",
            street="ul. Lipowa 3/5", postal_code="98-400", city="Wieruszów",
            phone="600 100 200", email="zofia@example.pl",
            category="osoby długotrwale bezrobotne", proof_document="zaświadczenie PUP nr 12/2025",
            benefits=("brak",), rodo_info_date=date(2025, 3, 3),
            application_date=date(2025, 3, 3), interview_date=date(2025, 3, 4),
            contract_date=date(2025, 3, 5), start_date=date(2025, 3, 5),
            planned_end=date(2025, 9, 5), end_date=date(2025, 9, 5),
            end_reason="ukończenie programu", certificate_date=date(2025, 9, 10),
            social_worker="Anna Nowak",
        ),
        Participant(
            row=3, id="U002", last_name="Kowalski & Syn <Zakład>", first_name="Jan",
            pesel=make_pesel(date(1979, 11, 23), "M", 7), birth_date=date(1979, 11, 23),
            sex="M", street="ul. Długa 1", postal_code="98-400", city="Wieruszów",
            category="osoby uzależnione od alkoholu", category_2="osoby długotrwale bezrobotne",
            therapy_end=date(2024, 12, 1), benefits=("renta z tytułu niezdolności do pracy",),
            application_date=date(2025, 3, 10), interview_date=date(2025, 3, 11),
            contract_date=date(2025, 3, 12), start_date=date(2025, 3, 12),
            planned_end=date(2026, 3, 11), social_worker="Anna Nowak",
            notes="pierwszy wiersz\ndrugi wiersz",
        ),
    ]
    activities = [
        Activity(row=2, id="Z01", name="Psychoedukacja", type="terapeutyczne", form="grupowe",
                 specialist="psycholog", planned_meetings=24, hours_per_meeting=3.5,
                 leader="Ewa Lis"),
        Activity(row=3, id="Z02", name="Indywidualne plany zawodowe", type="zatrudnieniowe",
                 form="indywidualne", specialist="doradca zawodowy", hours_per_person=3,
                 planned_persons=15, leader="Piotr Wróbel", notes="w gabinecie doradcy"),
    ]
    meetings = [
        Meeting(row=2, id="S001", date=date(2025, 3, 5), start=time(9, 0), end=time(12, 30),
                activity="Z01", leader="Ewa Lis", place="sala nr 2", topic="Komunikacja"),
        Meeting(row=3, id="S002", date=date(2025, 3, 12), start=time(9, 0), end=time(12, 30),
                activity="Z01", leader="Ewa Lis", place="sala nr 2", topic="Asertywność"),
        Meeting(row=4, id="S003", date=date(2025, 3, 14), start=time(10, 0), end=time(11, 30),
                activity="Z02", leader="Piotr Wróbel", place="pokój 5"),
    ]
    attendance = [
        Attendance(row=2, meeting="S001", participant="U001", status="obecny"),
        Attendance(row=3, meeting="S002", participant="U001", status="obecny"),
        Attendance(row=4, meeting="S002", participant="U002", status="obecny", hours=2),
        Attendance(row=5, meeting="S003", participant="U001", status="obecny"),
    ]
    contracts = [
        ContractEntry(row=2, participant="U001", entry="przyczyna trudnej sytuacji",
                      text="długotrwałe bezrobocie"),
        ContractEntry(row=3, participant="U001", entry="mocna strona",
                      text="motywacja do zmiany"),
        ContractEntry(row=4, participant="U001", entry="ograniczenie",
                      text="brak doświadczenia zawodowego"),
        ContractEntry(row=5, participant="U001", entry="cel główny",
                      text="podjęcie zatrudnienia"),
        ContractEntry(row=6, participant="U001", entry="cel szczegółowy",
                      text="przygotowanie CV i listu motywacyjnego"),
        ContractEntry(row=7, participant="U001", entry="działanie uczestnika",
                      text="udział w warsztatach", deadline=date(2025, 6, 30),
                      responsible="uczestniczka"),
        ContractEntry(row=8, participant="U001", entry="działanie pracownika socjalnego",
                      text="skierowanie do doradcy zawodowego", deadline=date(2025, 3, 31),
                      responsible="Anna Nowak"),
        ContractEntry(row=9, participant="U001", entry="oczekiwany efekt",
                      text="zatrudnienie na otwartym rynku pracy"),
        ContractEntry(row=10, participant="U001", entry="ocena realizacji",
                      text="uczestniczka realizuje kontrakt", deadline=date(2025, 6, 1)),
    ]
    enrolments = [Enrolment(row=2, participant="U001", activity="Z02")]
    staff = [
        StaffMember(row=2, name="Anna Nowak", role="pracownik socjalny", fte=1.0,
                    basis="umowa o pracę", phone="62 784 15 51", email="a.nowak@mgops.pl"),
        StaffMember(row=3, name="Ewa Lis", role="psycholog", fte=0.5, basis="umowa zlecenia"),
    ]
    partners = [
        Partner(row=2, name="Powiatowy Urząd Pracy w Wieruszowie", type="powiatowy urząd pracy",
                address="ul. Ludwika Waryńskiego 15", scope="kierowanie uczestników, staże",
                contact_person="Jan Kos", phone="62 784 00 10", email="pup@example.pl",
                agreement_date=date(2024, 1, 2), agreement_end=date(2025, 10, 15)),
    ]
    timetable = [
        TimetableSlot(row=2, weekday="poniedziałek", start=time(8, 0), end=time(10, 0),
                      name="Punkt informacyjny", leader="Anna Nowak", place="pokój 1",
                      kind="dyżur punktu informacyjnego"),
        TimetableSlot(row=3, weekday="czwartek", start=time(14, 30), end=time(16, 30),
                      name="Doradztwo zawodowe PUP", place="pokój 5", group="bezrobotni",
                      kind="zajęcia", partner="Powiatowy Urząd Pracy w Wieruszowie"),
    ]
    outcomes = [Outcome(row=2, participant="U001", date=date(2025, 4, 1),
                        type="zatrudnienie na otwartym rynku pracy")]
    grants = [Grant(row=2, year=2025, source="Dotacja celowa z budżetu wojewody",
                    purpose="Prowadzenie klubu", granted=48000, spent=47310.15,
                    returned=689.85, settled_on=date(2026, 1, 30))]
    volunteers = [
        Volunteer(row=2, id="W01", last_name="Sobczak", first_name="Katarzyna",
                  pesel=make_pesel(date(1998, 4, 2), "K", 3), sex="K",
                  address="ul. Kościuszki 4, 98-400 Wieruszów", phone="601 222 333",
                  scope="zajęcia z języka angielskiego dla dzieci i dorosłych", activity="Z01",
                  schedule="środy 17.00–18.00, sala nr 2", date_from=date(2025, 3, 1),
                  date_to=date(2025, 12, 31), weekly_hours=1, hours=30,
                  agreement_date=date(2025, 2, 24), certificate_date=date(2025, 9, 30),
                  opinion="Zajęcia prowadzone rzetelnie i z zaangażowaniem."),
    ]
    return Club(
        settings=settings,
        volunteers=volunteers,
        outcomes=outcomes,
        grants=grants,
        participants=participants,
        activities=activities,
        enrolments=enrolments,
        meetings=meetings,
        attendance=attendance,
        contracts=contracts,
        staff=staff,
        partners=partners,
        timetable=timetable,
        club_terms={"kategorie": ["matki samotnie wychowujące dzieci"]},
    )
