"""Word documents from templates (kis-xl docs): contexts, Polish forms, safe rendering, files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from docx import Document

from kis_xl.documents import formatting as fmt
from kis_xl.documents.contexts import (
    ClubData,
    attendance_list_context,
    certificate_context,
    contract_context,
    expected_participants,
    person_context,
    plan_text,
    regulations_context,
)
from kis_xl.documents.environment import UnsafeTemplate, environment
from kis_xl.documents.kinds import KINDS, Subject
from kis_xl.documents.locate import bundled_templates_dir, repo_templates_dir
from kis_xl.documents.names import safe_stem, unique_stem
from kis_xl.documents.render import (
    DocumentsError,
    TemplateProblem,
    render_batch,
    render_documents,
)
from kis_xl.domain.model import (
    Activity,
    Attendance,
    Club,
    ContractEntry,
    Decision,
    Enrolment,
    Meeting,
    Participant,
    Settings,
    StaffMember,
    Volunteer,
)
from kis_xl.domain.pesel import make_pesel
from tests.builders import write_club

TODAY = date(2025, 9, 30)
ZOFIA_PESEL = make_pesel(date(2003, 1, 7), "K", 12)  # born 2003: PESEL starts with 0
JAN_PESEL = make_pesel(date(1979, 11, 23), "M", 7)
ODD_NAME = "Kowalski & Syn <Zakład>"


def make_club() -> Club:
    """Both sexes, a leading-zero PESEL, a name with & and <>, one person with nothing filled."""
    settings = Settings(
        club_name="Klub Integracji Społecznej w Testowie",
        operator="Gmina Testów",
        operating_unit="Miejski Ośrodek Pomocy Społecznej w Testowie",
        voivode_office="Mazowiecki Urząd Wojewódzki w Warszawie",
        club_city="Testów", club_address="ul. Rynek 1", club_postal_code="00-950",
        coordinator="Anna Nowak", head_of_office="Maria Zielińska", area="gmina Testów",
        supervisor="zastępca kierownika", created_date=date(2006, 5, 15),
        activity_start=date(2006, 6, 12),
    )
    participants = [
        Participant(2, "U001", last_name="Wiśniewska", first_name="Zofia", pesel=ZOFIA_PESEL,
                    sex="K", street="ul. Lipowa 3", postal_code="00-950", city="Testów",
                    category="osoby długotrwale bezrobotne", benefits=("brak",),
                    application_date=date(2025, 3, 3), contract_date=date(2025, 3, 5),
                    start_date=date(2025, 3, 5), planned_end=date(2025, 9, 5),
                    end_date=date(2025, 9, 5), end_reason="ukończenie programu",
                    social_worker="Anna Nowak"),
        # sex column empty on purpose: the PESEL says "M"
        Participant(3, "U002", last_name=ODD_NAME, first_name="Jan", pesel=JAN_PESEL,
                    category="osoby uzależnione od alkoholu", start_date=date(2025, 3, 12),
                    social_worker="Anna Nowak"),
        Participant(4, "U003", last_name="Pusta", first_name="Ala"),
    ]
    activities = [
        Activity(2, "Z01", name="Psychoedukacja", type="terapeutyczne", form="grupowe",
                 specialist="psycholog", planned_meetings=24, hours_per_meeting=3.5),
        Activity(3, "Z02", name="Indywidualne plany zawodowe", type="zatrudnieniowe",
                 form="indywidualne", specialist="doradca zawodowy", hours_per_person=3,
                 planned_persons=15),
    ]
    meetings = [
        Meeting(2, "S001", date=date(2025, 3, 5), start=time(9, 0), end=time(12, 30),
                activity="Z01", leader="Ewa Lis", place="sala 2", topic="Komunikacja"),
        Meeting(3, "S002", date=date(2025, 3, 12), start=time(9, 0), end=time(12, 30),
                activity="Z01", leader="Ewa Lis"),
        Meeting(4, "S003", date=date(2025, 3, 14), start=time(10, 0), end=time(11, 30),
                activity="Z02", leader="Piotr Wróbel"),
    ]
    attendance = [
        Attendance(2, "S001", "U001", status="obecny"),
        Attendance(3, "S002", "U001", status="obecny"),
        Attendance(4, "S002", "U002", status="obecny", hours=2.0),
        Attendance(5, "S003", "U001", status="obecny"),
        Attendance(6, "S001", "U002", status="nieobecny"),
    ]
    contracts = [
        ContractEntry(2, "U001", entry="przyczyna trudnej sytuacji", text="długotrwałe bezrobocie"),
        ContractEntry(3, "U001", entry="cel główny", text="podjęcie zatrudnienia"),
        ContractEntry(4, "U001", entry="działanie uczestnika", text="udział w warsztatach",
                      deadline=date(2025, 6, 30)),
        ContractEntry(5, "U001", entry="działanie uczestnika", text="przygotowanie CV",
                      deadline=date(2025, 4, 15)),
        ContractEntry(6, "U001", entry="działanie pracownika socjalnego",
                      text="skierowanie do doradcy", deadline=date(2025, 3, 31)),
    ]
    staff = [StaffMember(2, "Anna Nowak", role="pracownik socjalny", phone="62 784 15 51")]
    volunteers = [
        Volunteer(2, "W01", last_name="Sobczak", first_name="Katarzyna", sex="K",
                  address="ul. Kościuszki 4, 00-950 Testów",
                  scope="zajęcia z języka angielskiego dla dzieci i dorosłych",
                  schedule="środy 17.00–18.00, sala 2", date_from=date(2025, 3, 1),
                  date_to=date(2025, 6, 30), weekly_hours=2, hours=34,
                  agreement_date=date(2025, 2, 24)),
        # sex column empty on purpose: the PESEL says "M"; 20 days: no written form needed
        Volunteer(3, "W02", last_name=ODD_NAME, first_name="Jan", pesel=JAN_PESEL,
                  scope="korepetycje z matematyki", activity="Z02", date_from=date(2025, 9, 1),
                  date_to=date(2025, 9, 20), hours=6),
        Volunteer(4, "W03", last_name="Pusta", first_name="Ala", date_from=date(2025, 9, 1)),
    ]
    return Club(settings=settings, participants=participants, activities=activities,
                meetings=meetings, attendance=attendance, contracts=contracts, staff=staff,
                enrolments=[Enrolment(2, "U001", "Z02")], volunteers=volunteers)


def admit(club: Club, *pids: str) -> Club:
    """Let ``pids`` in by the coordinator's decision: their papers are incomplete on purpose,
    and only admitted people are asked to sign an attendance list."""
    club.decisions += [Decision(100 + i, pid, code="", decision="dopuszczam mimo ustaleń",
                                justification="dokumenty w aktach sprawy",
                                decided_by="Anna Nowak", decided_on=date(2025, 3, 3))
                       for i, pid in enumerate(pids)]
    return club


def end_everyone(club: Club) -> None:
    """Give every participant an end date before TODAY: a certificate needs one."""
    for p in club.participants:
        p.end_date = p.end_date or date(2025, 9, 26)


def docx_text(path: Path) -> str:
    """All text of a .docx: body paragraphs and tables in order, then headers and footers."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(str(path))
    out: list[str] = []
    for el in doc.element.body.iterchildren():
        if el.tag.endswith("}p"):
            out.append(Paragraph(el, doc).text)
        elif el.tag.endswith("}tbl"):
            for row in Table(el, doc).rows:
                out.append(" | ".join(c.text for c in row.cells))
    for section in doc.sections:
        out += [p.text for p in section.header.paragraphs]
        out += [p.text for p in section.footer.paragraphs]
    # Dates tie "r." to the year with a no-break space; assertions compare words.
    return "\n".join(out).replace("\u00a0", " ")


def assert_clean(text: str) -> None:
    for leftover in ("{{", "}}", "{%", "%}", "None"):
        assert leftover not in text, f"{leftover!r} left in the document"


# ----------------------------------------------------------------------------- Polish forms


def test_dates_use_babel_genitive_months() -> None:
    # the day stays with its month ("do 1 / października" was printed), "r." with the year
    assert fmt.long_date(date(2025, 3, 5)) == "5\u00a0marca 2025\u00a0r."
    months = [fmt.long_date(date(2025, m, 1)).split()[1] for m in range(1, 13)]
    assert months == ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
                      "sierpnia", "września", "października", "listopada", "grudnia"]
    assert fmt.short_date(date(2025, 3, 5)) == "05.03.2025"
    assert fmt.long_date(None) == fmt.BLANK
    # a missing date in a narrow table column: a line as wide as a date, not a wrapped one
    assert fmt.short_date(None) == fmt.SHORT_BLANK
    assert len(fmt.SHORT_BLANK) < len(fmt.BLANK)
    template = environment().from_string("{{ d|data_krotka }}|{{ x|data_krotka }}")
    assert template.render(d=None, x="nie data") == f"{fmt.SHORT_BLANK}|{fmt.SHORT_BLANK}"


def test_application_ticks_the_benefit_box_with_the_benefit(tmp_path: Path) -> None:
    club = make_club()
    club.participants[1] = replace(club.participants[1], benefits=("emerytura",))
    files = render_documents(club, "wniosek", ["U001", "U002"], tmp_path, today=TODAY)
    zofia, jan = (docx_text(f) for f in files)
    assert "☒ nie mam prawa do żadnego" in zofia and "☐ mam prawo do świadczenia" in zofia
    assert "☐ nie mam prawa do żadnego" in jan and "☒ mam prawo do świadczenia" in jan
    assert "☒ emerytura" in jan


@pytest.mark.parametrize("profile", ["ustawa 2025", "regulamin 2006"])
def test_application_lists_the_clubs_own_category_under_its_own_basis(
    profile: str, tmp_path: Path
) -> None:
    """A § 8 extension is not a group of art. 1 ust. 2 (nor of § 7 of the 2006 statute)."""
    club = make_club()
    club.settings.rule_profile = profile
    club.club_terms = {"kategorie": ["matki samotnie wychowujące dzieci"]}
    club.participants[1] = replace(club.participants[1],
                                   category="matki samotnie wychowujące dzieci")
    files = render_documents(club, "wniosek", ["U001", "U002"], tmp_path, today=TODAY)
    zofia, jan = (docx_text(f) for f in files)
    catalogue = zofia.index("należę do następującej grupy")
    extension = zofia.index("albo do grupy, o którą Klub rozszerzył katalog (")
    mothers = zofia.index("☐ matki samotnie wychowujące dzieci")
    assert catalogue < extension < mothers
    assert "§ 8 regulaminu" in zofia[extension:mothers]
    assert "☒ matki samotnie wychowujące dzieci" in jan


def test_application_under_2006_puts_disability_among_the_extensions(tmp_path: Path) -> None:
    club = make_club()
    club.settings.rule_profile = "regulamin 2006"
    club.participants[1] = replace(club.participants[1], category="osoby niepełnosprawne")
    files = render_documents(club, "wniosek", ["U001", "U002"], tmp_path, today=TODAY)
    zofia, jan = (docx_text(f) for f in files)
    assert "rozszerzył katalog" not in zofia  # nothing outside § 7 for her
    assert jan.index("rozszerzył katalog") < jan.index("☒ osoby niepełnosprawne")


def test_regulations_name_the_coordinator_once() -> None:
    club = make_club()
    club.staff = [StaffMember(2, "Anna Nowak", role="koordynator"),
                  StaffMember(3, "Jan Lis", role="psycholog"),
                  StaffMember(4, "Ewa Bąk", role="Koordynator KIS"),
                  StaffMember(5, "Olga Kot", role="psycholog")]
    assert regulations_context(ClubData(club, TODAY))["funkcje_kadry"] == ["psycholog"]


def test_template_tables_keep_rows_whole_and_repeat_their_header() -> None:
    parts = _parts(repo_templates_dir() / "lista_obecnosci.docx")
    body = parts["word/document.xml"].decode()
    assert "<w:tblHeader/>" in body and "<w:cantSplit/>" in body
    assert 'w:top="850"' in body, "1.5 cm top margin: a group of twenty fits one page"


def test_numbers_use_decimal_comma_and_polish_plurals() -> None:
    assert fmt.number(3.5) == "3,5"
    assert fmt.number(84.0) == "84"
    assert fmt.number(None) == fmt.BLANK
    forms = [fmt.counted(n, "spotkanie", "spotkania", "spotkań") for n in (1, 2, 5, 12, 22)]
    assert forms == ["1 spotkanie", "2 spotkania", "5 spotkań", "12 spotkań", "22 spotkania"]
    assert fmt.counted(3.5, "godzina", "godziny", "godzin") == "3,5 godziny"


def test_gender_from_sex_column_then_pesel_and_both_forms_when_unknown() -> None:
    club = make_club()
    zofia, jan, ala = (person_context(p) for p in club.participants)
    assert (zofia["pan"], zofia["urodzony"]) == ("Pani", "urodzona")
    assert (jan["pan"], jan["plec"]) == ("Pan", "M")  # from the PESEL
    assert ala["pan"] == "Pan/Pani"
    assert zofia["pesel"] == ZOFIA_PESEL and zofia["pesel"].startswith("0")
    assert zofia["data_urodzenia"] == date(2003, 1, 7)  # decoded from the PESEL


def test_environment_prints_blank_lines_not_none_and_escapes_xml() -> None:
    env = environment()
    out = env.from_string("{{ a }}|{{ b.c.d }}|{{ n }}|{{ d }}|{{ x|lub('brak') }}").render(
        a=None, n=ODD_NAME, d=date(2025, 3, 5), x="")
    assert out == (f"{fmt.BLANK}|{fmt.BLANK}|Kowalski &amp; Syn &lt;Zakład&gt;"
                   "|5\u00a0marca 2025\u00a0r.|brak")
    gendered = env.from_string("{{ p|rodzaj('wziął', 'wzięła') }}")
    assert gendered.render(p={"plec": "K"}) == "wzięła"
    assert gendered.render(p={"plec": None}) == "wziął/wzięła"


@pytest.mark.parametrize("source", [
    "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ osoba.__class__.__base__ }}",
    "{{ cycler.__init__.__globals__ }}",
])
def test_sandbox_refuses_attribute_tricks(source: str) -> None:
    with pytest.raises(UnsafeTemplate):
        environment().from_string(source).render(osoba={"imie": "Jan"})


# ----------------------------------------------------------------------------- contexts


def test_contract_context_groups_entries_pairs_actions_and_pads_blank_lines() -> None:
    club = make_club()
    data = ClubData(club, TODAY)
    ctx = contract_context(data, club.participants[0])
    assert ctx["przyczyny"] == ["długotrwałe bezrobocie", None, None]
    assert ctx["cel_glowny"] == "podjęcie zatrudnienia"
    rows = ctx["dzialania"]
    assert [r["uczestnik"] for r in rows] == ["udział w warsztatach", "przygotowanie CV",
                                             None, None]
    assert rows[0]["pracownik"] == "skierowanie do doradcy" and rows[1]["pracownik"] is None
    assert ctx["pracownik"] == {"imie_nazwisko": "Anna Nowak", "imie": "Anna",
                                "nazwisko": "Nowak", "telefon": "62 784 15 51"}
    empty = contract_context(data, club.participants[2])
    assert empty["przyczyny"] == [None, None, None] and empty["cel_glowny"] is None
    assert len(empty["dzialania"]) == 4


def test_contract_period_starts_on_its_signing_unless_recorded_otherwise() -> None:
    """The paper never pretends: signed on 5 March, admitted earlier – the period starts on
    the signing day, or on the start the coordinator records in "Kontrakt obowiązuje od"."""
    club = make_club()
    zofia = replace(club.participants[0], start_date=date(2025, 3, 1))
    assert contract_context(ClubData(club, TODAY), zofia)["kontrakt"]["okres_od"] == date(
        2025, 3, 5)
    agreed = replace(zofia, contract_from=date(2025, 3, 3))
    assert contract_context(ClubData(club, TODAY), agreed)["kontrakt"]["okres_od"] == date(
        2025, 3, 3)


def test_certificate_hours_per_activity_and_type_from_attendance() -> None:
    club = make_club()
    ctx = certificate_context(ClubData(club, TODAY), club.participants[0])
    assert {z["nazwa"]: z["godziny"] for z in ctx["zajecia"]} == {
        "Psychoedukacja": 7.0, "Indywidualne plany zawodowe": 1.5}
    assert ctx["rodzaje"] == [{"rodzaj": "terapeutyczne", "godziny": 7.0},
                              {"rodzaj": "zatrudnieniowe", "godziny": 1.5}]
    assert ctx["godziny_razem"] == 8.5
    assert ctx["udzial"]["ukonczony"] is True
    jan = certificate_context(ClubData(club, TODAY), club.participants[1])
    assert jan["godziny_razem"] == 2.0  # left early; the absence counts nothing
    assert jan["udzial"]["ukonczony"] is False


def test_attendance_list_names_whom_meeting_add_would_register() -> None:
    """Enrolled is not enough: the person must take part in the club on that day."""
    from kis_xl.domain.hours import expected_members

    club = admit(make_club(), "U001", "U002")
    club.attendance = []
    club.enrolments.append(Enrolment(3, "U002", "Z02"))  # Jan starts on 12 March
    meeting = club.meetings[2]
    assert meeting.date is not None
    club.participants[0].end_date = meeting.date - timedelta(days=1)  # Zofia left the day before
    club.meetings.append(replace(meeting, row=5, id="S004", date=date(2025, 3, 11)))
    data = ClubData(club, TODAY)
    for m in club.meetings[2:]:
        assert m.activity is not None and m.date is not None
        listed = [p.id for p in expected_participants(data, m)]
        assert listed == [p.id for p in expected_members(club, m.activity, m.date)]
    assert [p.id for p in expected_participants(data, club.meetings[2])] == ["U002"]
    assert [p.id for p in expected_participants(data, club.meetings[3])] == ["U001"]


def test_attendance_list_people_recorded_else_enrolled_else_active() -> None:
    club = admit(make_club(), "U001", "U002")
    data = ClubData(club, TODAY)
    assert [p.id for p in expected_participants(data, club.meetings[1])] == ["U002", "U001"]
    club.attendance = []
    data = ClubData(club, TODAY)
    assert [p.id for p in expected_participants(data, club.meetings[2])] == ["U001"]  # enrolled
    assert [p.id for p in expected_participants(data, club.meetings[1])] == ["U002", "U001"]
    ctx = attendance_list_context(data, club.meetings[0])
    assert ctx["spotkanie"]["godziny"] == 3.5
    # on 5 March only Zofia takes part (Jan starts on the 12th); 3 empty rows follow
    assert [r["imie_nazwisko"] for r in ctx["uczestnicy"]] == [
        "Zofia Wiśniewska", None, None, None]
    assert [r["lp"] for r in ctx["uczestnicy"]] == [1, 2, 3, 4]


def test_attendance_list_names_only_admitted_people() -> None:
    """Incomplete papers ("braki w dokumentacji") keep a person off the list, as they keep
    them out of ``meeting add``; an attendance row written for them does not put them on."""
    club = make_club()
    data = ClubData(club, TODAY)
    assert data.statuses["U001"].status == "braki w dokumentacji"
    assert [p.id for p in expected_participants(data, club.meetings[1])] == []
    club.attendance = []
    assert [p.id for p in expected_participants(ClubData(club, TODAY), club.meetings[0])] == []
    admit(club, "U001")
    assert [p.id for p in expected_participants(ClubData(club, TODAY), club.meetings[0])] == [
        "U001"]


def test_plan_text_like_the_seed_programme() -> None:
    group, individual = make_club().activities
    nb = "\u00a0"  # a number never leaves its unit at the end of a line
    assert plan_text(group) == f"24{nb}spotkania × 3,5{nb}h = 84{nb}h"
    assert plan_text(individual) == f"3{nb}h × 15{nb}osób = 45{nb}h"
    assert plan_text(Activity(9, "Z9", form="grupowe", planned_meetings=3)) is None


def test_regulations_follow_the_rule_profile() -> None:
    club = make_club()
    law = regulations_context(ClubData(club, TODAY))["profil"]
    assert "renta socjalna" not in law["wykluczenia"]
    assert len(law["kategorie"]) == 8 and law["wyjatek"]
    club.settings.rule_profile = "regulamin 2006"
    old = regulations_context(ClubData(club, TODAY))["profil"]
    assert "renta socjalna" in old["wykluczenia"]
    assert any("24 miesięcy" in k for k in old["kategorie"])
    assert old["okres_maksymalny"] == 12 and old["wyjatek"] is None


# ----------------------------------------------------------------------------- rendering


VOLUNTEERING_ACT = ("ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego "
                    "i o wolontariacie (Dz. U. z 2024 r. poz. 1491)")
"""The act as documents cite it; written out here, not imported, so a changed constant fails."""
EXPECTED: dict[str, list[str]] = {
    "kontrakt": ["KONTRAKT SOCJALNY", "(pieczęć ośrodka pomocy społecznej)",
                 "Data zawarcia kontraktu socjalnego", "Wiśniewska", ZOFIA_PESEL,
                 "udział w warsztatach | 30.06.2025", "od 05.03.2025 do 05.09.2025",
                 "CZĘŚĆ II"],
    "regulamin": ["§ 21", "Klub Integracji Społecznej w Testowie", "gmina Testów",
                  "nauczycielskiego świadczenia kompensacyjnego", "nie dłużej niż 12 miesięcy",
                  "Dz. U. z 2025 r. poz. 83"],
    "wniosek": ["WNIOSEK", "☒ długotrwale bezrobotni", "Testów, dnia 3 marca 2025 r.",
                "Jestem świadoma", ZOFIA_PESEL],
    "zaswiadczenie": ["ZAŚWIADCZENIE", "Pani Zofia Wiśniewska", f"PESEL {ZOFIA_PESEL}",
                      "uczestniczyła", "od 5 marca 2025 r. do 5 września 2025 r.",
                      "Indywidualne plany zawodowe", "| 1,5", "Razem | 8,5"],
    "lista": ["LISTA OBECNOŚCI", "5 marca 2025 r.", "9:00–12:30 (3,5 godziny)",
              "Zofia Wiśniewska | U001", "Lista obecności – Psychoedukacja – 05.03.2025"],
    "program": ["24 spotkania × 3,5 h = 84 h", "3 h × 15 osób = 45 h", "Razem", "| 129"],
    "zgloszenie": ["ZGŁOSZENIE", "Wojewoda Mazowiecki", "Gmina Testów", "Anna Nowak",
                   "15 maja 2006 r.", "12 czerwca 2006 r.",
                   "w sprawie wzoru formularza zgłoszenia do rejestru klubów integracji "
                   "społecznej, Dz. U. z 2012 r. poz. 513"],
    "sprawozdanie": ["SPRAWOZDANIE", "za rok 2024", "art. 18a ust. 6",
                     "Klub Integracji Społecznej w Testowie", "5 | osoby długotrwale bezrobotne",
                     "V. Rozliczenie dotacji otrzymanych za rok 2024"],
    "harmonogram": ["HARMONOGRAM ZAJĘĆ W TYGODNIU", "Klub Integracji Społecznej w Testowie",
                    "Koordynator Klubu: Anna Nowak"],
    "porozumienie": ["POROZUMIENIE WOLONTARIACKIE", "Testów, dnia 24 lutego 2025 r.",
                     "art. 44 ust. 1 " + VOLUNTEERING_ACT,
                     "Korzystającym | Gmina Testów – Miejski Ośrodek Pomocy Społecznej "
                     "w Testowie, adres: ul. Rynek 1, 00\u2011950 Testów; w imieniu Korzystającego "
                     "działa Maria Zielińska",
                     "a Wolontariuszem | Katarzyna Sobczak, adres zamieszkania: ul. Kościuszki 4",
                     "w zakresie: zajęcia z języka angielskiego dla dzieci i dorosłych.",
                     "Sposób i czas wykonywania świadczeń: środy 17.00–18.00, sala 2.",
                     "na czas określony, od dnia 1 marca 2025 r. do dnia 30 czerwca 2025 r.",
                     "Planowany wymiar świadczeń: 2 godz. tygodniowo",
                     "§ 5. Rozwiązanie porozumienia", "7-dniowego okresu wypowiedzenia",
                     "okres dłuższy niż 30 dni", "(art. 46 ust. 2 ustawy)",
                     "Wolontariusz oświadcza, że przed rozpoczęciem świadczeń został "
                     "poinformowany o ryzyku dla zdrowia i bezpieczeństwa",
                     "(Korzystający – podpis osoby reprezentującej) | (Wolontariusz – czytelny "
                     "podpis)", "Maria Zielińska | Katarzyna Sobczak",
                     "Porozumienie wolontariackie – Katarzyna Sobczak – strona"],
    "zaswiadczenie_wolontariusza": [
        "ZAŚWIADCZENIE", "o wykonaniu świadczeń przez wolontariusza", "Nr WOL/2025/W01",
        "Na podstawie art. 44 ust. 2 " + VOLUNTEERING_ACT + ", "
        "Gmina Testów – Miejski Ośrodek Pomocy Społecznej w Testowie zaświadcza, że",
        "Pani Katarzyna Sobczak",
        "w okresie od 1 marca 2025 r. do 30 czerwca 2025 r. wykonywała jako wolontariuszka "
        "ochotniczo i bez wynagrodzenia świadczenia w klubie „Klub Integracji Społecznej "
        "w Testowie” w zakresie: zajęcia z języka angielskiego dla dzieci i dorosłych.",
        "Łączny wymiar wykonanych świadczeń: 34 godziny.", "Maria Zielińska"],
}


@pytest.mark.parametrize("kind", [k.key for k in KINDS])
def test_every_kind_renders_for_every_record(kind: str, tmp_path: Path) -> None:
    club = make_club()
    if kind == "zaswiadczenie":
        end_everyone(club)
    if kind == "lista":
        admit(club, "U001", "U002")
    since = {"date_from": date(2025, 1, 1)} if kind == "lista" else {}
    files = render_documents(club, kind, out_dir=tmp_path, today=TODAY, **since)
    spec = next(k for k in KINDS if k.key == kind)
    expected_count = {Subject.PARTICIPANT: 3, Subject.MEETING: 3, Subject.CLUB: 1,
                      Subject.VOLUNTEER: 3}[spec.subject]
    assert len(files) == expected_count
    texts = {f.name: docx_text(f) for f in files}
    for text in texts.values():
        assert_clean(text)
    first = texts[files[0].name]
    for needle in EXPECTED[kind]:
        assert needle in first, f"{needle!r} missing in {files[0].name}:\n{first}"
    if spec.subject in (Subject.PARTICIPANT, Subject.VOLUNTEER):
        second, third = (("U002", "U003") if spec.subject is Subject.PARTICIPANT
                         else ("W02", "W03"))
        jan = next(t for name, t in texts.items() if second in name)
        assert ODD_NAME in jan
        empty = next(t for name, t in texts.items() if third in name)
        assert fmt.BLANK in empty


def test_odd_characters_stay_intact_and_the_file_stays_valid(tmp_path: Path) -> None:
    club = make_club()
    end_everyone(club)
    [path] = render_documents(club, "zaswiadczenie", ["U002"], tmp_path, today=TODAY)
    assert "Pan Jan Kowalski &amp; Syn &lt;Zakład&gt;" in zipfile.ZipFile(path).read(
        "word/document.xml").decode()
    assert "Pan Jan Kowalski & Syn <Zakład>" in docx_text(path)
    # one identifier: the PESEL, not the birth date it already encodes as well
    assert f"PESEL {JAN_PESEL}," in docx_text(path)
    assert "urodzony" not in docx_text(path)
    assert path.name == "Zaświadczenie U002 Kowalski & Syn _Zakład_ Jan.docx"


def test_sentence_after_a_date_gets_one_period(tmp_path: Path) -> None:
    club = make_club()
    [path] = render_documents(club, "zaswiadczenie", ["U001"], tmp_path, today=TODAY)
    text = docx_text(path)
    assert "zawartym dnia 5 marca 2025 r." in text and "r.." not in text


def test_never_overwrites_existing_files(tmp_path: Path) -> None:
    club = make_club()
    [first] = render_documents(club, "zgloszenie", out_dir=tmp_path, today=TODAY)
    before = first.read_bytes()
    [second] = render_documents(club, "zgloszenie", out_dir=tmp_path, today=TODAY)
    [third] = render_documents(club, "zgloszenie", out_dir=tmp_path, today=TODAY)
    assert [first.name, second.name, third.name] == [
        "Zgłoszenie do rejestru KIS.docx", "Zgłoszenie do rejestru KIS (2).docx",
        "Zgłoszenie do rejestru KIS (3).docx"]
    assert first.read_bytes() == before


def test_unknown_ids_and_ids_for_club_documents_are_refused(tmp_path: Path) -> None:
    club = make_club()
    with pytest.raises(DocumentsError, match="U999"):
        render_documents(club, "kontrakt", ["U001", "U999"], tmp_path, today=TODAY)
    assert not list(tmp_path.iterdir())
    with pytest.raises(DocumentsError, match="--id"):
        render_documents(club, "regulamin", ["U001"], tmp_path, today=TODAY)
    with pytest.raises(DocumentsError, match="Dostępne"):
        render_documents(club, "umowa", out_dir=tmp_path)
    chosen = render_documents(club, "lista", ["s002, S001"], tmp_path, today=TODAY)
    assert [p.name.split()[2] for p in chosen] == ["S002", "S001"]


def _club_template_dir(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "moje szablony"
    folder.mkdir()
    doc = Document()
    doc.add_paragraph(text)
    doc.save(str(folder / name))
    return folder


def test_own_template_folder_wins_per_file_and_falls_back(tmp_path: Path) -> None:
    club = make_club()
    club.source = tmp_path / "klub.xlsx"
    _club_template_dir(tmp_path, "zgloszenie_do_rejestru.docx", "Nasz wpis: {{ klub.nazwa }}")
    club.settings.templates_dir = "moje szablony"  # relative to the workbook
    own = render_batch(club, "zgloszenie", today=TODAY)
    assert own.files[0].parent == tmp_path / "dokumenty"
    assert docx_text(own.files[0]).strip() == "Nasz wpis: Klub Integracji Społecznej w Testowie"
    fallback = render_batch(club, "program", today=TODAY)
    assert fallback.template == bundled_templates_dir() / "program_kis.docx"
    club.settings.templates_dir = str(tmp_path / "nie ma")
    missing = render_batch(club, "zgloszenie", out_dir=tmp_path / "x", today=TODAY)
    assert "nie istnieje" in missing.notes[0]
    assert "ZGŁOSZENIE" in docx_text(missing.files[0])


def test_unsafe_template_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    club = make_club()
    club.source = tmp_path / "klub.xlsx"
    _club_template_dir(tmp_path, "zgloszenie_do_rejestru.docx", "X {{ ''.__class__.__mro__ }}")
    club.settings.templates_dir = "moje szablony"
    with pytest.raises(TemplateProblem, match="__class__"):
        render_documents(club, "zgloszenie", out_dir=tmp_path / "out", today=TODAY)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_syntax_error_names_the_paragraph(tmp_path: Path) -> None:
    club = make_club()
    club.source = tmp_path / "klub.xlsx"
    _club_template_dir(tmp_path, "zgloszenie_do_rejestru.docx", "Nazwa klubu: {{ klub.nazwa }")
    club.settings.templates_dir = "moje szablony"
    with pytest.raises(TemplateProblem, match=re.escape("Nazwa klubu: {{ klub.nazwa }")):
        render_documents(club, "zgloszenie", out_dir=tmp_path / "out", today=TODAY)


def test_unknown_names_are_reported_and_print_as_blank_lines(tmp_path: Path) -> None:
    club = make_club()
    club.source = tmp_path / "klub.xlsx"
    _club_template_dir(tmp_path, "zgloszenie_do_rejestru.docx", "KRS: {{ klub.krs }}")
    club.settings.templates_dir = "moje szablony"
    result = render_batch(club, "zgloszenie", out_dir=tmp_path / "out", today=TODAY)
    assert any("klub.krs" in n and "klub.podmiot_krs" in n for n in result.notes)
    assert docx_text(result.files[0]).strip() == f"KRS: {fmt.BLANK}"


def test_combined_file_has_every_document_with_its_own_footer(tmp_path: Path) -> None:
    club = make_club()
    files = render_documents(club, "lista", out_dir=tmp_path, combined=True, today=TODAY,
                             date_from=date(2025, 3, 1), date_to=date(2025, 3, 31))
    assert [f.name for f in files] == ["Lista obecności – wszystkie (3).docx"]
    doc = Document(str(files[0]))
    assert len(doc.sections) == 3
    footers = [" ".join(p.text for p in s.footer.paragraphs) for s in doc.sections]
    assert footers == ["Lista obecności – Psychoedukacja – 05.03.2025",
                       "Lista obecności – Psychoedukacja – 12.03.2025",
                       "Lista obecności – Indywidualne plany zawodowe – 14.03.2025"]
    text = docx_text(files[0])
    assert text.count("LISTA OBECNOŚCI") == 3
    assert_clean(text)
    sect = doc.element.body.xpath(".//w:sectPr/w:pgNumType/@w:start")
    assert sect == ["1", "1"]  # documents 2 and 3 restart page numbers


def test_combined_file_restarts_numbered_lists(tmp_path: Path) -> None:
    club = make_club()
    club.source = tmp_path / "klub.xlsx"
    folder = tmp_path / "moje szablony"
    folder.mkdir()
    doc = Document()
    doc.add_paragraph("{{ osoba.nazwisko }}")
    doc.add_paragraph("pierwszy punkt", style="List Number")
    doc.add_paragraph("drugi punkt", style="List Number")
    doc.save(str(folder / "wniosek_o_przyjecie.docx"))
    club.settings.templates_dir = str(folder)
    [path] = render_documents(club, "wniosek", out_dir=tmp_path / "out", combined=True,
                              today=TODAY)
    merged = Document(str(path))
    nums = merged.element.body.xpath(".//w:p/w:pPr/w:numPr/w:numId/@w:val")
    # the first document numbers through its style; documents 2 and 3 get explicit,
    # separate list instances so that each starts again at 1
    assert len(nums) == 4
    assert len(set(nums)) == 2
    numbering = merged.part.numbering_part.element
    for num_id in set(nums):
        found = numbering.xpath(f"./w:num[@w:numId='{num_id}']")
        assert found, num_id
    restarted = numbering.xpath("./w:num/w:lvlOverride[@w:ilvl='0']/w:startOverride/@w:val")
    assert restarted.count("1") >= 2


def test_pdf_missing_libreoffice_is_a_clear_message(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from kis_xl.documents import pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    with pytest.raises(pdf.PdfUnavailable, match="LibreOffice"):
        render_documents(make_club(), "zgloszenie", out_dir=tmp_path, pdf=True, today=TODAY)
    assert not list(tmp_path.iterdir())


@pytest.mark.libreoffice
def test_pdf_beside_each_document_and_for_the_combined_file(tmp_path: Path) -> None:
    from tests.office import pdf_text, require_soffice

    require_soffice()
    club = make_club()
    end_everyone(club)
    files = render_documents(club, "zaswiadczenie", ["U001", "U002"], tmp_path, pdf=True,
                             today=TODAY)
    assert [f.suffix for f in files] == [".docx", ".docx", ".pdf", ".pdf"]
    assert files[2].stem == files[0].stem
    assert "Zofia Wiśniewska" in pdf_text(files[2])
    combined = render_documents(club, "lista", out_dir=tmp_path / "druk", pdf=True,
                                combined=True, today=TODAY, date_from=date(2025, 3, 1))
    assert [f.suffix for f in combined] == [".docx", ".pdf"]
    text = pdf_text(combined[1])
    assert text.count("LISTA OBECNOŚCI") == 3


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", [k.key for k in KINDS])
def test_libreoffice_opens_every_kind(kind: str, tmp_path: Path) -> None:
    from tests.office import convert, pdf_text

    club = make_club()
    end_everyone(club)
    ids = {Subject.PARTICIPANT: ["U002"], Subject.MEETING: ["S002"], Subject.CLUB: None,
           Subject.VOLUNTEER: ["W02"]}
    spec = next(k for k in KINDS if k.key == kind)
    [path] = render_documents(club, kind, ids[spec.subject], tmp_path, today=TODAY)
    text = pdf_text(convert(path, "pdf", tmp_path / "pdf"))
    needle = {Subject.PARTICIPANT: "Syn <Zakład>", Subject.MEETING: "Psychoedukacja",
              Subject.CLUB: "Testowie", Subject.VOLUNTEER: "Syn <Zakład>"}[spec.subject]
    assert needle in text


@pytest.mark.libreoffice
def test_attendance_list_of_a_big_group_is_one_page(tmp_path: Path) -> None:
    """21 people + 3 blank rows + the leader's signature on one sheet of paper."""
    import subprocess as sp

    from tests.office import convert

    club = make_club()
    club.participants = [Participant(i + 2, f"U{i:03}", last_name=f"Nazwiskowa{i}",
                                     first_name="Katarzyna") for i in range(21)]
    club.attendance = [Attendance(i + 2, "S001", f"U{i:03}", status="obecny")
                       for i in range(21)]
    [path] = render_documents(club, "lista", ["S001"], tmp_path, today=TODAY)
    pdf = convert(path, "pdf", tmp_path / "pdf")
    info = sp.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
    pages = re.search(r"Pages:\s+(\d+)", info)
    if pages is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    assert pages.group(1) == "1"


# ----------------------------------------------------------------------------- files and names


def test_safe_file_names() -> None:
    assert safe_stem("Zaświadczenie", "U/01", "A:B*C?") == "Zaświadczenie U_01 A_B_C_"
    assert safe_stem("CON") == "_CON"
    assert safe_stem("lpt1.txt") == "_lpt1.txt"
    assert safe_stem(" ... ") == "dokument"
    assert safe_stem("x" * 300) == "x" * 100
    assert safe_stem("Lista", "a\tb\nc") == "Lista a b c"


def test_unique_stem_skips_taken_names_case_insensitively(tmp_path: Path) -> None:
    (tmp_path / "Lista.pdf").write_text("x")
    assert unique_stem(tmp_path, "Lista", (".docx",)) == "Lista"
    assert unique_stem(tmp_path, "Lista", (".docx", ".pdf")) == "Lista (2)"
    assert unique_stem(tmp_path, "lista", (".docx",), taken=["LISTA", "lista (2)"]) == \
        "lista (3)"


def test_bundled_templates_exist_for_every_kind() -> None:
    folder = bundled_templates_dir()
    assert {p.name for p in folder.glob("*.docx")} >= {k.template for k in KINDS}


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in sorted(z.namelist())}


def test_committed_templates_equal_the_builder_output(tmp_path: Path) -> None:
    from kis_xl.documents.template_builder import build_all

    built = build_all(tmp_path)
    for path in built:
        committed = repo_templates_dir() / path.name
        assert committed.is_file(), f"{path.name} is not committed in templates/"
        assert _parts(committed) == _parts(path), (
            f"templates/{path.name} differs from the builder: run "
            "`python -m kis_xl.documents.template_builder` and commit the result")


def test_templates_ship_as_package_data(tmp_path: Path) -> None:
    """The wheel carries templates/ as kis_xl/templates (pyproject maps the folder)."""
    pyproject = (Path(__file__).parent.parent / "pyproject.toml").read_text()
    if '"kis_xl.templates" = "templates"' not in pyproject:
        pytest.skip("pyproject.toml does not map templates/ into the package yet")
    root = Path(__file__).parent.parent
    listed = set(re.findall(r'"(kis_xl[\w.]*)"', pyproject.split("packages = [")[1].split("]")[0]))
    on_disk = {".".join(p.parent.relative_to(root).parts)
               for p in (root / "kis_xl").rglob("__init__.py")}
    assert listed == on_disk | {"kis_xl.templates"}, "pyproject's package list is incomplete"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp_path / "wheel"), str(root)], check=True)
    [wheel] = (tmp_path / "wheel").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"kis_xl/templates/{k.template}" for k in KINDS} <= names
    assert "kis_xl/documents/render.py" in names


# ----------------------------------------------------------------------------- CLI


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kis_xl", *args], capture_output=True,
                          text=True, cwd=cwd, check=False)


def _workbook(tmp_path: Path) -> Path:
    return write_club(
        tmp_path / "klub.xlsx",
        participants=[
            {"id": "U001", "last_name": ODD_NAME, "first_name": "Jan", "pesel": JAN_PESEL,
             "category": "osoby długotrwale bezrobotne", "start_date": date(2025, 3, 5),
             "end_date": date(2025, 9, 26), "end_reason": "ukończenie programu"},
            {"id": "U002", "last_name": "Wiśniewska", "first_name": "Zofia",
             "pesel": ZOFIA_PESEL, "sex": "K", "category": "osoby długotrwale bezrobotne"},
        ],
        activities=[{"id": "Z01", "name": "Psychoedukacja", "type": "terapeutyczne",
                     "form": "grupowe", "specialist": "psycholog", "planned_meetings": 24,
                     "hours_per_meeting": 3.5}],
        meetings=[{"id": "S001", "date": date(2025, 3, 5), "start": time(9, 0),
                   "end": time(12, 30), "activity": "Z01"}],
        attendance=[{"meeting": "S001", "participant": "U001", "status": "obecny"}],
    )


def test_cli_docs_end_to_end(tmp_path: Path) -> None:
    book = _workbook(tmp_path)
    before = book.read_bytes()
    run = _cli("docs", book.name, "zaswiadczenie", "--id", "U001", "--data", "30.09.2025",
               cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Utworzono 1 dokument „Zaświadczenie”" in run.stdout
    [path] = (tmp_path / "dokumenty").glob("*.docx")
    text = docx_text(path)
    assert "Pan Jan Kowalski & Syn <Zakład>" in text
    assert "Testów, dnia 30 września 2025 r." in text
    assert "Psychoedukacja | terapeutyczne | grupowe | 3,5" in text
    # a certificate goes to the register (test_docs_legal); other documents only read
    assert book.read_bytes() != before
    before = book.read_bytes()
    js = _cli("docs", book.name, "lista", "--out", "druk", "--jeden-plik", "--json",
              "--od", "01.03.2025", cwd=tmp_path)
    assert js.returncode == 0, js.stderr
    assert book.read_bytes() == before
    payload = json.loads(js.stdout)
    assert payload["kind"] == "lista" and payload["documents"] == 1
    assert Path(payload["files"][0]).parent == tmp_path / "druk"


def test_cli_docs_errors_are_polish_with_exit_codes(tmp_path: Path) -> None:
    book = _workbook(tmp_path)
    unknown = _cli("docs", book.name, "umowa", cwd=tmp_path)
    assert unknown.returncode == 1 and "Nieznany rodzaj dokumentu „umowa”" in unknown.stderr
    bad_id = _cli("docs", book.name, "kontrakt", "--id", "U0001", cwd=tmp_path)
    assert bad_id.returncode == 1 and "„U0001”" in bad_id.stderr
    missing = _cli("docs", "nie-ma.xlsx", "kontrakt", cwd=tmp_path)
    assert missing.returncode == 2
    assert "Traceback" not in unknown.stderr + bad_id.stderr + missing.stderr


# ----------------------------------------------------------------------------- typography


def _raw_text(path: Path) -> str:
    """Every w:t of the document, headers and footers included, no-break spaces kept."""
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist()
                      if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n))
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
    return "\n".join("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))
                     for p in paragraphs)


@pytest.mark.parametrize("kind", [k.key for k in KINDS])
def test_single_letter_words_never_end_a_line_in_any_document(kind: str,
                                                             tmp_path: Path) -> None:
    club = make_club()
    club.settings.area = "gmina Testów i okolice"  # data gets it too, not only template text
    # the club's meetings are past: lists print from today unless a range is given
    since = {"date_from": date(2000, 1, 1)} if kind == "lista" else {}
    files = render_documents(club, kind, out_dir=tmp_path, today=TODAY, **since)
    for path in files:
        text = _raw_text(path)
        loose = re.findall(r"(?<![\w.'’-])[wzoiauWZOIAU] \S+", text)
        assert not loose, f"{path.name}: one-letter words before a plain space: {loose[:5]}"
    assert any(re.search(r"(?<!\w)[wzoiau]\u00a0", _raw_text(p)) for p in files)


def test_single_letter_tie_crosses_runs_and_spares_longer_words() -> None:
    from kis_xl.documents.render import tie_single_letter_words

    doc = Document()
    p = doc.add_paragraph()
    for text in ("Klub integracji w", " Testowie, art. 1 ust. 3a", " lit. a i", "",
                 " ", "z nami; Zofia U001 o"):
        p.add_run(text)
    tie_single_letter_words(doc)
    nb = "\u00a0"
    assert [r.text for r in p.runs] == [
        "Klub integracji w", f"{nb}Testowie, art. 1 ust. 3a", f" lit. a{nb}i", "",
        nb, f"z{nb}nami; Zofia U001 o"]
    assert fmt.tie_single_letters("A to i owo u nas") == f"A{nb}to i{nb}owo u{nb}nas"


# ----------------------------------------------------------------------------- kontrakt socjalny


def _contract_text(club: Club, tmp_path: Path, pid: str = "U001") -> str:
    [path] = render_documents(club, "kontrakt", [pid], tmp_path, today=TODAY)
    return docx_text(path)


def test_contract_prints_only_the_chosen_variant_with_its_part_labels(tmp_path: Path) -> None:
    club = make_club()
    text = _contract_text(club, tmp_path / "b")  # no variant written: B
    assert "CZĘŚĆ I B" in text and "CZĘŚĆ II B" in text
    assert "(część I B i II B)" in text and "część I A" not in text
    assert "w celu wzmocnienia aktywności i samodzielności życiowej, zawodowej" in text
    assert "rozwiązywania trudnej sytuacji życiowej" not in text
    assert "Członkowie rodziny" not in text and "Ocena sytuacji życiowej osoby\n" in text
    assert "członków rodziny" not in text and "(podpis osoby)" in text
    club.contracts.append(ContractEntry(9, "U001", entry="cel główny", text="x", variant="A"))
    text = _contract_text(club, tmp_path / "a")
    assert "CZĘŚĆ I A" in text and "CZĘŚĆ II A" in text and "(część I A i II A)" in text
    assert "osobą/rodziną a pracownikiem socjalnym w zakresie rozwiązywania" in text
    assert "Członkowie rodziny" in text and "Ocena sytuacji życiowej osoby/rodziny" in text
    assert "(podpis osoby/członków rodziny)" in text


def test_contract_variant_comes_from_the_sheet_column(tmp_path: Path) -> None:
    from kis_xl.workbook.reader import read_workbook

    path = write_club(
        tmp_path / "klub.xlsx",
        participants=[{"id": "U001", "last_name": "Nowak", "first_name": "Ewa"}],
        contracts=[{"participant": "U001", "entry": "cel główny", "text": "praca"},
                   {"participant": "U001", "entry": "cel szczegółowy", "text": "CV",
                    "variant": "a"}],
    )
    club = read_workbook(path)
    assert [c.variant for c in club.contracts] == [
        None, "A – rozwiązywanie trudnej sytuacji życiowej"]
    assert contract_context(ClubData(club, TODAY), club.participants[0])["kontrakt"][
        "czesc_1"] == "CZĘŚĆ I A"


def test_contract_prints_goal_deadlines_and_names_the_club_once(tmp_path: Path) -> None:
    club = make_club()
    club.contracts += [
        ContractEntry(7, "U001", entry="cel szczegółowy", text="kurs komputerowy",
                      deadline=date(2025, 7, 31)),
        ContractEntry(8, "U001", entry="cel główny", text="zatrudnienie",
                      deadline=date(2025, 9, 5)),
    ]
    text = _contract_text(club, tmp_path)
    assert "1 | kurs komputerowy | 31.07.2025" in text
    assert "Termin realizacji celu głównego: 05.09.2025" in text
    assert "klubu „Klub" not in text and "prowadzi Klub Integracji Społecznej w Testowie" in text


def test_contract_part_two_has_room_to_write_and_pages_are_numbered(tmp_path: Path) -> None:
    [path] = render_documents(make_club(), "kontrakt", ["U001"], tmp_path, today=TODAY)
    doc = Document(str(path))
    part_two = next(p for p in doc.paragraphs if p.text == "CZĘŚĆ II B")
    assert part_two.paragraph_format.page_break_before
    table = doc.tables[-2]  # monitoring table (the last one holds the signatures)
    assert table.rows[0].cells[0].text == "Data"
    empty = [r for r in table.rows[1:] if not "".join(c.text for c in r.cells).strip(" .…")]
    assert len(empty) >= 3 and all(r.height is not None and r.height.cm >= 2 for r in empty)
    footer = zipfile.ZipFile(path).read("word/footer1.xml").decode()
    assert 'w:instr=" PAGE "' in footer and "strona" in footer


# ----------------------------------------------------------------------------- regulamin


def test_regulations_list_excluding_benefits_in_the_genitive_and_the_exception_once(
        tmp_path: Path) -> None:
    [path] = render_documents(make_club(), "regulamin", out_dir=tmp_path, today=TODAY)
    text = docx_text(path)
    assert ("uczestnikami KIS nie mogą być osoby mające prawo do:\n– zasiłku dla bezrobotnych,\n"
            "– zasiłku przedemerytalnego,\n– świadczenia przedemerytalnego,\n"
            "– renty strukturalnej,\n– emerytury,\n"
            "– nauczycielskiego świadczenia kompensacyjnego.\n") in text
    assert text.count("renty z tytułu niezdolności do pracy") == 1
    assert "Prawo do renty z tytułu niezdolności do pracy nie wyklucza uczestnictwa" in text
    assert "art. 1 ust. 3a" in text
    assert "zasiłek dla bezrobotnych" not in text


def test_regulations_have_no_colon_after_a_verb_and_no_duties_of_employees(
        tmp_path: Path) -> None:
    club = make_club()
    club.club_terms = {"kategorie": ("matki samotnie wychowujące dzieci",)}
    [path] = render_documents(club, "regulamin", out_dir=tmp_path, today=TODAY)
    text = docx_text(path)
    for wrong in ("sprawuje:", "jest:", "obejmuje ponadto:", "obowiązków służbowych"):
        assert wrong not in text
    assert "Nadzór nad KIS sprawuje zastępca kierownika." in text
    assert "Terenem działania KIS jest gmina Testów." in text
    assert "ponadto następujące grupy osób: matki samotnie wychowujące dzieci." in text


def test_regulations_cover_rights_duties_ending_data_and_entry_into_force(
        tmp_path: Path) -> None:
    [path] = render_documents(make_club(), "regulamin", out_dir=tmp_path, today=TODAY)
    text = docx_text(path)
    for needle in ("Uczestnik KIS ma prawo do:", "Uczestnik KIS jest obowiązany do:",
                   "Uczestnictwo w KIS kończy się z powodu:", "rezygnacji uczestnika",
                   "zakończeniem uczestnictwa", "Administratorem danych osobowych uczestników "
                   "jest Miejski Ośrodek Pomocy Społecznej w Testowie", "art. 13 RODO",
                   "art. 9 ust. 2 lit. b i g RODO", "podstawą przetwarzania nie jest zgoda",
                   "Regulamin wchodzi w życie z dniem zatwierdzenia.",
                   "Podstawa: ustawa o zatrudnieniu socjalnym (Dz. U. z 2025 r. poz. 83)",
                   "§ 21"):
        assert needle in text, needle
    assert "Dz.U." not in text
    assert "lit. a RODO" not in text, "a public body does not process on consent"
    assert fmt.journal_citation("(Dz.U. 2025 poz. 620)") == "(Dz. U. z 2025 r. poz. 620)"
    assert fmt.journal_citation("Dz.U. 2010 nr 218 poz. 1439") == (
        "Dz. U. z 2010 r. Nr 218, poz. 1439")
    assert fmt.journal_citation("Dz. U. z 2025 r. poz. 83") == "Dz. U. z 2025 r. poz. 83"


# ----------------------------------------------------------------------------- zgłoszenie


def test_register_application_goes_from_the_operator_to_the_voivode(tmp_path: Path) -> None:
    from kis_xl.documents.contexts import voivode

    club = make_club()
    [path] = render_documents(club, "zgloszenie", out_dir=tmp_path, today=TODAY)
    text = docx_text(path)
    assert "Wojewoda Mazowiecki\nMazowiecki Urząd Wojewódzki w Warszawie" in text.replace(
        " | ", "\n").replace("\n\n", "\n").replace("\n \n", "\n").replace("\n|", "\n")
    assert "Pełna nazwa podmiotu | Gmina Testów" in text
    assert "Miejski Ośrodek Pomocy Społecznej" not in text
    assert ("rozporządzeniu Ministra Pracy i Polityki Społecznej z dnia 30 kwietnia 2012 r. "
            "w sprawie wzoru formularza zgłoszenia do rejestru klubów integracji społecznej, "
            "Dz. U. z 2012 r. poz. 513") in text
    assert "Wpis" not in text and "rejestrze klubów" not in text
    assert voivode("Łódzki Urząd Wojewódzki w Łodzi") == "Wojewoda Łódzki"
    assert voivode("urząd w Łodzi") is None and voivode(None) is None


def test_old_kind_name_and_old_own_template_name_still_work(tmp_path: Path) -> None:
    club = make_club()
    [path] = render_documents(club, "wpis", out_dir=tmp_path / "a", today=TODAY)
    assert path.name == "Zgłoszenie do rejestru KIS.docx"
    _club_template_dir(tmp_path, "wpis_do_rejestru.docx", "Stary: {{ klub.wojewoda }}")
    club.source = tmp_path / "klub.xlsx"
    club.settings.templates_dir = "moje szablony"
    result = render_batch(club, "zgloszenie", out_dir=tmp_path / "b", today=TODAY)
    assert docx_text(result.files[0]).strip() == "Stary: Wojewoda Mazowiecki"
    assert any("zgloszenie_do_rejestru.docx" in n for n in result.notes)


@pytest.mark.libreoffice
def test_contract_pdf_numbers_its_pages_and_starts_part_two_on_its_own_page(
        tmp_path: Path) -> None:
    import shutil

    from tests.office import convert, pdf_text

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    [path] = render_documents(make_club(), "kontrakt", ["U001"], tmp_path, today=TODAY)
    pages = pdf_text(convert(path, "pdf", tmp_path / "pdf")).split("\f")
    pages = [p for p in pages if p.strip()]
    for number, page in enumerate(pages, start=1):
        assert f"Kontrakt socjalny – Zofia Wiśniewska – strona {number}" in page
    assert pages[-1].strip().startswith("CZĘŚĆ II B")
    assert "CZĘŚĆ II B" not in "".join(pages[:-1])


@pytest.mark.parametrize("kind", [k.key for k in KINDS])
def test_every_document_cites_the_journal_as_the_journal_itself_does(kind: str,
                                                                      tmp_path: Path) -> None:
    """"Dz. U. z 2025 r. poz. 83", never the shorthand "Dz.U." (the sprawozdanie had it)."""
    club = make_club()
    since = {"date_from": date(2000, 1, 1)} if kind == "lista" else {}
    files = render_documents(club, kind, out_dir=tmp_path, today=TODAY, force=True, **since)
    for path in files:
        assert "Dz.U." not in docx_text(path), path.name


def test_skipped_people_are_summarised_by_reason_for_the_message_box() -> None:
    from kis_xl.actions.docs import _skipped_line

    running = "uczestnictwo trwa (brak daty zakończenia udziału)"
    skipped = [(f"U{i:03d}", running) for i in range(1, 16)]
    skipped.insert(3, ("U100", "nie kwalifikuje się – osoba niepełnoletnia"))
    assert _skipped_line(skipped) == (
        f"Pominięto 16 osób: U001, U002, U003, U004, U005 i jeszcze 10 ({running}); "
        "U100 (nie kwalifikuje się – osoba niepełnoletnia).")
    assert _skipped_line([("W01", "świadczenia jeszcze się nie zaczęły")]) == (
        "Pominięto 1 osobę: W01 (świadczenia jeszcze się nie zaczęły).")


def test_postal_codes_never_split_over_two_lines() -> None:
    """LibreOffice broke "98-400" after the hyphen in the volunteer agreement's address;
    the tie holds in data and template text alike, across runs too."""
    from kis_xl.documents.formatting import NON_BREAKING_HYPHEN
    from kis_xl.documents.render import tie_single_letter_words

    doc = Document()
    address = doc.add_paragraph()
    for text in ("ul. Kościuszki 4, 98", "-400 Wieruszów"):
        address.add_run(text)
    untouched = ("tel. 601-222-333", "12-345-678", "2025-03-05", "Miejsko-Gminny")
    others = [doc.add_paragraph(text) for text in untouched]
    tie_single_letter_words(doc)
    assert "".join(r.text for r in address.runs) == (
        f"ul. Kościuszki 4, 98{NON_BREAKING_HYPHEN}400 Wieruszów")
    assert [p.text for p in others] == list(untouched)
