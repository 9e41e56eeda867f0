"""Documents read as legal papers (issue 8): who gets which document, what it certifies,
the wording the act requires, and pages that can be signed."""

from __future__ import annotations

import re
import subprocess
import zipfile
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest
from docx import Document

from kis_xl.documents.contexts import (
    ClubData,
    attendance_list_context,
    certificate_context,
    programme_context,
)
from kis_xl.documents.locate import repo_templates_dir
from kis_xl.documents.render import DocumentsError, render_batch, render_documents
from kis_xl.domain.hours import compute_hours
from kis_xl.domain.model import Attendance, Club, Meeting, TimetableSlot
from kis_xl.domain.rules.status import ELIGIBLE, ParticipantStatus
from tests.test_docs import TODAY, _cli, admit, docx_text, end_everyone, make_club


def _after_the_end(club: Club) -> Club:
    """U001 ended on 5 September; a meeting a week later is still marked "obecny"."""
    club.meetings.append(Meeting(5, "S004", date=date(2025, 9, 12), start=time(9, 0),
                                 end=time(12, 30), activity="Z01", leader="Ewa Lis"))
    club.attendance.append(Attendance(7, "S004", "U001", status="obecny"))
    return club


def _rejected(club: Club) -> Club:
    """U002 has the right to zasiłek dla bezrobotnych: the check says "nie kwalifikuje się"."""
    club.participants[1].benefits = ("zasiłek dla bezrobotnych",)
    return club


def _raw_text(path: Path) -> str:
    """Paragraph and cell text with no-break spaces kept (docx_text turns them to spaces)."""
    doc = Document(str(path))
    out = [p.text for p in doc.paragraphs]
    out += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(out)


# ----------------------------------------------------------------------------- zaświadczenie


def test_certificate_and_hours_sheet_count_the_same_hours() -> None:
    """Attendance after the end date is flagged and counted nowhere: the hours sheet and the
    certificate give the same hours (demo U007 had 55 h on the sheet, 53 h certified)."""
    club = _after_the_end(make_club())
    report = compute_hours(club, today=TODAY)
    sheet = {p.id: p for p in report.participants}
    assert any(f.code == "attendance-outside-participation" for f in report.findings)
    ctx = certificate_context(ClubData(club, TODAY), club.participants[0])
    assert ctx["godziny_razem"] == 8.5 == sheet["U001"].hours_total  # S001, S002, S003
    assert {z["id"]: z["godziny"] for z in ctx["zajecia"]} == {"Z01": 7.0, "Z02": 1.5}


def test_certificate_names_its_number_basis_and_how_participation_ended(
        tmp_path: Path) -> None:
    club = make_club()
    [path] = render_documents(club, "zaswiadczenie", ["U001"], tmp_path, today=TODAY)
    text = docx_text(path)
    assert "Nr 1/2025" in text  # the register number (test_docs_legal)
    assert "Dz. U. z 2025 r. poz. 83" in text
    assert "Sposób zakończenia uczestnictwa: ukończenie programu." in text
    assert "ZAŚWIADCZENIE" in text and "o zakończeniu uczestnictwa" in text
    # art. 18 ust. 5a: issued promptly by the operator, not on request
    assert "na wniosek" not in text
    # the day never ends a line apart from its month ("do 1 / października")
    raw = _raw_text(path)
    assert "od 5\u00a0marca 2025\u00a0r. do 5\u00a0września 2025\u00a0r." in raw


def test_certificates_only_for_those_whose_participation_ended(tmp_path: Path) -> None:
    club = make_club()
    result = render_batch(club, "zaswiadczenie", out_dir=tmp_path, today=TODAY)
    assert [p.name for p in result.files] == ["Zaświadczenie U001 Wiśniewska Zofia.docx"]
    assert [pid for pid, _ in result.skipped] == ["U002", "U003"]
    assert all("uczestnictwo trwa" in reason for _, reason in result.skipped)
    assert result.json()["skipped"][0]["id"] == "U002"
    club.participants[0].end_date = date(2025, 10, 15)  # ends after the document's date
    with pytest.raises(DocumentsError, match=r"kończy się dopiero 15\.10\.2025"):
        render_batch(club, "zaswiadczenie", ids=["U001"], out_dir=tmp_path, today=TODAY)


# ----------------------------------------------------------------------------- rejected people


@pytest.mark.parametrize("kind", ["kontrakt", "zaswiadczenie"])
def test_contract_and_certificate_skip_whom_the_check_rejects_unless_forced(
        kind: str, tmp_path: Path) -> None:
    club = _rejected(make_club())
    end_everyone(club)
    result = render_batch(club, kind, out_dir=tmp_path / "a", today=TODAY)
    assert "U002" not in " ".join(p.name for p in result.files)
    [(_pid, reason)] = [s for s in result.skipped if s[0] == "U002"]
    assert reason.startswith("nie kwalifikuje się – prawo do świadczenia wykluczającego")
    forced = render_batch(club, kind, out_dir=tmp_path / "b", today=TODAY, force=True)
    assert any("U002" in p.name for p in forced.files) and not forced.skipped
    with pytest.raises(DocumentsError, match=r"nie kwalifikuje się.*--wymus"):
        render_batch(club, kind, ids=["U002"], out_dir=tmp_path / "c", today=TODAY)


def test_cli_says_whom_it_skipped_and_how_to_force(tmp_path: Path) -> None:
    from tests.builders import write_club

    book = write_club(tmp_path / "klub.xlsx", participants=[
        {"id": "U001", "last_name": "Nowak", "first_name": "Ewa", "sex": "K",
         "category": "osoby długotrwale bezrobotne", "start_date": date(2025, 3, 5),
         "benefits": "zasiłek dla bezrobotnych"},
        {"id": "U002", "last_name": "Lis", "first_name": "Jan", "sex": "M",
         "category": "osoby niepełnosprawne", "start_date": date(2025, 3, 5)},
    ])
    run = _cli("docs", book.name, "kontrakt", "--data", "30.09.2025", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Pominięto 1 osobę:" in run.stderr
    assert "U001 – nie kwalifikuje się" in run.stderr and "--wymus" in run.stderr
    assert "Utworzono 1 dokument" in run.stdout
    forced = _cli("docs", book.name, "kontrakt", "--id", "U001", "--wymus", "--out", "w",
                  "--data", "30.09.2025", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert len(list((tmp_path / "w").glob("*.docx"))) == 1


def test_application_office_part_shows_the_check_decision(tmp_path: Path) -> None:
    from kis_xl.documents.contexts import application_decision

    club = _rejected(make_club())
    [path] = render_documents(club, "wniosek", ["U002"], tmp_path, today=TODAY)
    text = docx_text(path)
    assert "Przyjęto do Klubu od dnia" not in text
    assert "nie kwalifikuje się – prawo do świadczenia wykluczającego udział" in text
    assert "Decyzja: | nie przyjęto do Klubu" in text
    data = ClubData(club, TODAY)
    incomplete = application_decision(data, club.participants[0])
    assert incomplete["wynik"] == "braki w dokumentacji" and not incomplete["przyjeto"]
    data.__dict__["statuses"] = {"U001": ParticipantStatus(2, "U001", ELIGIBLE, "spełnia")}
    admitted = application_decision(data, club.participants[0])
    assert admitted["przyjeto"]
    assert admitted["tresc"] == "przyjęto do Klubu od dnia 5\u00a0marca 2025\u00a0r."


# ----------------------------------------------------------------------------- wniosek


def test_application_informs_under_art_13_rodo_instead_of_asking_consent(
        tmp_path: Path) -> None:
    club = make_club()
    [path] = render_documents(club, "wniosek", ["U001"], tmp_path, today=TODAY)
    text = docx_text(path)
    assert "Wyrażam zgodę na przetwarzanie" not in text
    assert "art. 6 ust. 1 lit. a" not in text
    for needle in ("art. 13", "administratorem Pani danych osobowych jest Miejski Ośrodek "
                   "Pomocy Społecznej w Testowie", "inspektorem ochrony danych",
                   "art. 6 ust. 1 lit. c i e RODO", "art. 9 ust. 2 lit. b i g RODO",
                   "odbiorcami danych", "przechowywane przez okres", "sprostowania",
                   "ograniczenia przetwarzania", "sprzeciwu",
                   "skargi do Prezesa Urzędu Ochrony Danych Osobowych",
                   "warunkiem uczestnictwa", "zautomatyzowanemu podejmowaniu decyzji"):
        assert needle in text, needle


def _pages(pdf: Path) -> list[str]:
    from tests.office import pdf_text

    return pdf_text(pdf).split("\f")


@pytest.mark.libreoffice
def test_application_signature_is_on_the_page_of_the_declarations(tmp_path: Path) -> None:
    from tests.office import convert

    club = _rejected(make_club())
    [path] = render_documents(club, "wniosek", ["U002"], tmp_path, today=TODAY)
    pages = _pages(convert(path, "pdf", tmp_path / "pdf"))
    signed = next(i for i, p in enumerate(pages) if "czytelny podpis wnioskodawcy" in p)
    assert "odpowiedzialności za złożenie" in pages[signed]
    # the signature signs what is above it: the declarations and the applicant's description
    text = "\f".join(pages)
    signature = text.index("czytelny podpis wnioskodawcy")
    for part in ("Oświadczam, że należę", "Oświadczam, że ze względu",
                 "Oświadczam, że (zaznacz", "Krótki opis sytuacji życiowej"):
        assert text.index(part) < signature, part


@pytest.mark.libreoffice
def test_certificate_is_one_page(tmp_path: Path) -> None:
    from tests.office import convert

    club = _after_the_end(make_club())
    [path] = render_documents(club, "zaswiadczenie", ["U001"], tmp_path, today=TODAY)
    pages = [p for p in _pages(convert(path, "pdf", tmp_path / "pdf")) if p.strip()]
    assert len(pages) == 1
    assert re.search(r"od 5 marca 2025 r\.\s+do 5 września 2025 r\.", pages[0])


# ----------------------------------------------------------------------------- lista obecności


def test_attendance_lists_default_to_upcoming_meetings(tmp_path: Path) -> None:
    club = make_club()  # every meeting is in March; the documents are dated 30 September
    with pytest.raises(DocumentsError, match=r"nie ma spotkań od 30\.09\.2025"):
        render_batch(club, "lista", out_dir=tmp_path, today=TODAY)
    club.meetings.append(Meeting(5, "S004", date=date(2025, 10, 6), start=time(9, 0),
                                 end=time(12, 30), activity="Z01"))
    result = render_batch(club, "lista", out_dir=tmp_path, today=TODAY)
    assert [p.name for p in result.files] == [
        "Lista obecności S004 2025-10-06 Psychoedukacja.docx"]
    march = render_batch(club, "lista", out_dir=tmp_path / "m", today=TODAY,
                         date_from=date(2025, 3, 10), date_to=date(2025, 3, 31))
    assert [p.name.split()[2] for p in march.files] == ["S002", "S003"]
    with pytest.raises(DocumentsError, match="--od i --do"):
        render_batch(club, "lista", ids=["S001"], out_dir=tmp_path, today=TODAY,
                     date_from=date(2025, 3, 1))


def test_attendance_list_fills_place_and_topic_and_asks_the_number_present(
        tmp_path: Path) -> None:
    club = admit(make_club(), "U001", "U002")
    s002 = club.meetings[1]  # no place, no topic in the sheet
    ctx = attendance_list_context(ClubData(club, TODAY), s002)
    assert ctx["spotkanie"]["miejsce"] == "ul. Rynek 1, 00-950 Testów"
    assert ctx["spotkanie"]["temat"] == "Psychoedukacja"
    club.timetable = [TimetableSlot(2, "środa", activity="Z01", place="sala 2")]
    assert attendance_list_context(ClubData(club, TODAY), s002)["spotkanie"]["miejsce"] == (
        "sala 2")
    [path] = render_documents(club, "lista", ["S002"], tmp_path, today=TODAY)
    text = docx_text(path)
    assert "(liczba obecnych)" in text and "na liście: 2 osoby" in text


def test_attendance_list_rows_are_tall_enough_to_sign() -> None:
    xml = zipfile.ZipFile(repo_templates_dir() / "lista_obecnosci.docx").read(
        "word/document.xml").decode()
    heights = [int(h) for h in re.findall(r'<w:trHeight w:val="(\d+)"', xml)]
    assert heights and min(heights) >= 450  # twentieths of a point: 0,8 cm


# ----------------------------------------------------------------------------- program


def test_programme_has_the_sections_of_a_programme_and_its_leaders(tmp_path: Path) -> None:
    club = make_club()
    club.activities = [replace(a, leader="Ewa Lis") for a in club.activities]
    ctx = programme_context(ClubData(club, TODAY))
    assert [s["z_kim"] for s in ctx["specjalisci"]] == ["z psychologiem", "z doradcą zawodowym"]
    [path] = render_documents(club, "program", None, tmp_path, today=TODAY)
    text = docx_text(path)
    for heading in ("Uzasadnienie programu", "Adresaci programu",
                    "Kryteria i zasady doboru uczestników", "Cele programu"):
        assert heading in text, heading
    assert "Program spotkań z psychologiem (prowadzący: Ewa Lis):" in text
    assert "– psycholog:" not in text
    assert "długotrwale bezrobotni" in text  # the addressees are the profile's categories


def test_specialists_in_the_instrumental_case() -> None:
    from kis_xl.documents.contexts import with_specialist

    assert with_specialist("pracownik socjalny") == "z pracownikiem socjalnym"
    assert with_specialist("Doradca zawodowy / pośrednik pracy") == (
        "z doradcą zawodowym / pośrednikiem pracy")
    assert with_specialist("logopeda") == "(prowadzący: logopeda)"


def test_programme_tables_keep_their_last_row_with_the_rest() -> None:
    doc = Document(str(repo_templates_dir() / "program_kis.docx"))
    plan = next(t for t in doc.tables if t.rows[0].cells[0].text == "Lp.")
    for row in plan.rows[:-1]:
        assert all(p.paragraph_format.keep_with_next for c in row.cells
                   for p in c.paragraphs), row.cells[0].text


def test_demo_documents_follow_the_rules(tmp_path: Path) -> None:
    """The demo's U007 (attendance planted after his resignation) gets only in-period hours;
    U005 (zasiłek dla bezrobotnych) no contract; only ended participation a certificate."""
    import sys

    folder = tmp_path / "demo"
    run = subprocess.run([sys.executable, "-m", "kis_xl", "demo", str(folder), "--dzis",
                          "23.11.2026"], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    docs = folder / "dokumenty"
    certificates = sorted(p.name.split()[1] for p in docs.glob("Zaświadczenie*.docx")
                          if not p.name.startswith("Zaświadczenie wolontariusza"))
    assert certificates == ["U003", "U007", "U015"]
    assert not list(docs.glob("Kontrakt socjalny U005*"))
    from kis_xl.workbook.reader import read_workbook

    club = read_workbook(folder / "klub_demo.xlsx")
    u007 = club.participant("U007")
    assert u007 is not None
    counted = compute_hours(club, today=date(2026, 11, 23))
    sheet = {p.id: p for p in counted.participants}
    certified = certificate_context(ClubData(club, date(2026, 11, 23)), u007)
    # U007's attendance after his end date is flagged and counted neither here nor there
    assert any(f.code == "attendance-outside-participation" and f.participant == "U007"
               for f in counted.findings)
    assert certified["godziny_razem"] == sheet["U007"].hours_total
    [cert] = docs.glob("Zaświadczenie U007*.docx")
    assert f"Razem | {certified['godziny_razem']:g}".replace(".", ",") in docx_text(cert)
    [lists] = docs.glob("Lista obecności*.docx")  # upcoming meetings only, in one file
    footers = [" ".join(p.text for p in s.footer.paragraphs)
               for s in Document(str(lists)).sections]
    days = [date(int(y), int(m), int(d)) for f in footers
            for d, m, y in re.findall(r"(\d{2})\.(\d{2})\.(\d{4})", f)]
    assert days and min(days) >= date(2026, 11, 23)
    # issue 11: every volunteer gets an agreement and (the work has started) a certificate;
    # issue 17: W04 is the animator of "Kadra" on a volunteer agreement
    for title in ("Porozumienie wolontariackie", "Zaświadczenie wolontariusza"):
        ids = sorted(p.name.split()[2] for p in docs.glob(f"{title} *.docx"))
        assert ids == ["W01", "W02", "W03", "W04"], title
    [w02] = docs.glob("Zaświadczenie wolontariusza W02*.docx")
    text = docx_text(w02)
    assert "Pan Michał Górski" in text and "wykonywał jako wolontariusz " in text
    assert "Korepetycje prowadził sumiennie" in text  # the opinion (art. 44 ust. 3)
    [w03] = docs.glob("Porozumienie wolontariackie W03*.docx")
    assert "na czas nieokreślony" in docx_text(w03)


def test_whom_the_coordinator_refused_gets_no_contract_and_a_wniosek_saying_so(
        tmp_path: Path) -> None:
    """A refusal ("nie dopuszczam") is status "decyzja koordynatora" like an admission despite
    findings: documents must tell them apart by the decision, not by the reason's wording."""
    from kis_xl.domain.model import Decision

    club = make_club()
    end_everyone(club)
    club.decisions.append(Decision(2, "U002", decision="nie dopuszczam",
                                   justification="Rezygnacja przed przyjęciem",
                                   decided_by="Anna Nowak", decided_on=date(2025, 3, 1)))
    for kind in ("kontrakt", "zaswiadczenie"):
        result = render_batch(club, kind, out_dir=tmp_path / kind, today=TODAY)
        assert "U002" not in " ".join(p.name for p in result.files)
        [(_pid, reason)] = [s for s in result.skipped if s[0] == "U002"]
        assert reason.startswith("decyzja koordynatora – nie dopuszczono")
    [wniosek] = render_documents(club, "wniosek", ["U002"], tmp_path / "w", today=TODAY)
    text = docx_text(wniosek)
    assert "nie przyjęto do Klubu" in text and "przyjęto do Klubu od dnia" not in text


def test_attendance_list_for_a_new_meeting_leaves_out_whom_the_check_rejects() -> None:
    from kis_xl.documents.contexts import expected_participants

    club = _rejected(admit(make_club(), "U001"))
    meeting = Meeting(9, "S099", date=date(2025, 6, 2), start=time(9, 0), end=time(11, 0),
                      activity="Z01", leader="Ewa Lis")
    club.meetings.append(meeting)
    admitted = admit(make_club(), "U001", "U002")
    everyone = {p.id for p in expected_participants(ClubData(admitted, TODAY), meeting)}
    assert "U002" in everyone, "the test needs U002 to be expected when eligible"
    listed = {p.id for p in expected_participants(ClubData(club, TODAY), meeting)}
    assert listed == everyone - {"U002"}
