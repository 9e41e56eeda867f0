"""Documents read as legal papers, second reading (issue 17, "Documents"): the art. 13
notice, the operator's representative, the 2025 regulamin, the programme's diagnosis and
signatories, one identifier on a certificate, the volunteer's certificate, the contract's
sanction and page count, the register form, and the Polish language of every template."""

from __future__ import annotations

import re
import subprocess
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kis_xl.documents.kinds import KINDS
from kis_xl.documents.locate import repo_templates_dir
from kis_xl.documents.render import render_documents
from kis_xl.domain.model import Club
from tests.test_docs import TODAY, docx_text, end_everyone, make_club

DEMO_TODAY = date(2026, 12, 8)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Club:
    from kis_xl.demo.club import write_demo_workbook
    from kis_xl.workbook.reader import read_workbook

    path = write_demo_workbook(tmp_path_factory.mktemp("demo") / "klub.xlsx", DEMO_TODAY)
    return read_workbook(path)


def _signing(club: Club) -> Club:
    """The gmina runs the club; the head of its OPS signs on the mayor's authorisation."""
    club.settings = replace(
        club.settings, representative="Maria Zielińska",
        representative_function="Kierownik Miejskiego Ośrodka Pomocy Społecznej w Testowie",
        representative_basis="pełnomocnictwa Burmistrza Testowa nr 5/2025",
        signs_for="Burmistrza Testowa", dpo_contact="iod@mops-testow.example.pl",
        data_retention="10 lat od zakończenia uczestnictwa",
        needs_diagnosis="W gminie 120 osób pozostaje bez pracy dłużej niż rok.")
    return club


def _one(club: Club, kind: str, ids: list[str] | None, tmp_path: Path) -> Path:
    [path] = render_documents(club, kind, ids, tmp_path, today=TODAY)
    return path


def _pdf_pages(path: Path, tmp_path: Path) -> list[str]:
    from tests.office import convert, pdf_text

    pages = pdf_text(convert(path, "pdf", tmp_path / "pdf")).split("\f")
    return [p for p in pages if p.strip()]


# ----------------------------------------------------------------------------- wniosek


def test_application_prints_the_dpo_contact_and_the_retention_period(tmp_path: Path) -> None:
    text = docx_text(_one(_signing(make_club()), "wniosek", ["U001"], tmp_path))
    assert "kontakt z inspektorem ochrony danych: iod@mops-testow.example.pl;" in text
    assert "dane będą przechowywane przez okres: 10 lat od zakończenia uczestnictwa;" in text


def test_application_declares_the_general_condition_of_art_1_ust_2(tmp_path: Path) -> None:
    text = docx_text(_one(make_club(), "wniosek", ["U001"], tmp_path))
    assert ("nie jestem w stanie własnym staraniem zaspokoić swoich podstawowych potrzeb "
            "życiowych") in text
    assert "co zagraża mi wykluczeniem społecznym (art. 1 ust. 2" in text


def test_application_carries_no_working_notes_of_the_office(demo: Club,
                                                              tmp_path: Path) -> None:
    """The check's reason for an eligible person names the profile and what to verify: the
    applicant's paper says the outcome only."""
    from kis_xl.documents.contexts import ClubData

    statuses = ClubData(demo, DEMO_TODAY).statuses
    noted = [pid for pid, s in statuses.items() if s.reason and "do sprawdzenia" in s.reason]
    assert noted, "the demo has an eligible person with a warning"
    files = render_documents(demo, "wniosek", noted, tmp_path, today=DEMO_TODAY)
    for path in files:
        text = docx_text(path)
        assert "do sprawdzenia" not in text and "(ustawa 2025)" not in text, path.name
        assert "przyjęto do Klubu od dnia" in text


@pytest.mark.libreoffice
def test_application_pages_are_full_and_the_office_part_stays_together(
        demo: Club, tmp_path: Path) -> None:
    path = render_documents(demo, "wniosek", ["U004"], tmp_path, today=DEMO_TODAY)[0]
    pages = _pdf_pages(path, tmp_path)
    office = [p for p in pages if "Adnotacje Klubu" in p]
    assert len(office) == 1
    for label in ("Data wpływu wniosku", "Decyzja:", "podpis koordynatora Klubu"):
        assert label in office[0], label
    from tests.office import convert

    pdf = convert(path, "pdf", tmp_path / "fill")
    assert all(fill >= 0.6 for fill in _page_fills(pdf)[:-1]), _page_fills(pdf)


def _page_fills(pdf: Path) -> list[float]:
    """How far down each page the text reaches (0–1), the footer left out."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    fills = []
    for page in out.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))  # type: ignore[union-attr]
        bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page)
                   if float(y) < height * 0.94]
        fills.append(max(bottoms, default=0.0) / height)
    return fills


# ----------------------------------------------------------------------------- porozumienie


def test_agreement_names_the_representative_with_function_and_basis(tmp_path: Path) -> None:
    text = docx_text(_one(_signing(make_club()), "porozumienie", ["W01"], tmp_path))
    assert ("w imieniu Korzystającego działa Maria Zielińska – Kierownik Miejskiego Ośrodka "
            "Pomocy Społecznej w Testowie, na podstawie pełnomocnictwa Burmistrza Testowa "
            "nr 5/2025") in text
    assert "reprezentowanym przez: Maria" not in text  # a nominative after a passive


# ----------------------------------------------------------------------------- regulamin


def test_regulations_list_the_forms_of_art_18_ust_2_under_the_act(tmp_path: Path) -> None:
    text = docx_text(_one(make_club(), "regulamin", None, tmp_path / "a"))
    for form in ("prace społecznie użyteczne,", "roboty publiczne,", "poradnictwo prawne,",
                 "podjęcia działalności w formie spółdzielni socjalnej", "staże."):
        assert form in text, form
    assert "programy zatrudnienia tymczasowego" not in text
    assert "(art. 18 ust. 2 ustawy)" in text
    old = make_club()
    old.settings = replace(old.settings, rule_profile="regulamin 2006")
    text = docx_text(_one(old, "regulamin", None, tmp_path / "b"))
    assert "programy zatrudnienia tymczasowego mające na celu pomoc" in text
    assert "roboty publiczne" not in text


# ----------------------------------------------------------------------------- program


def test_programme_prints_the_diagnosis_and_who_signs_for_the_gmina(tmp_path: Path) -> None:
    text = docx_text(_one(_signing(make_club()), "program", None, tmp_path))
    diagnosis = text.split("Diagnoza potrzeb")[1].split("3. Adresaci")[0]
    assert "W gminie 120 osób pozostaje bez pracy dłużej niż rok." in diagnosis
    assert "……" not in diagnosis
    assert "(podpis osoby reprezentującej podmiot prowadzący)" in text
    signature = text.split("(podpis osoby reprezentującej podmiot prowadzący)")[1]
    assert ("Maria Zielińska\nKierownik Miejskiego Ośrodka Pomocy Społecznej w Testowie\n"
            "z upoważnienia Burmistrza Testowa") in signature.replace(" | ", "\n").lstrip()
    assert "kierownika podmiotu prowadzącego" not in text


# ----------------------------------------------------------------------------- zaświadczenia


def test_certificate_without_pesel_gives_the_birth_date(tmp_path: Path) -> None:
    club = make_club()
    end_everyone(club)
    club.participants[0].pesel = None
    club.participants[0].birth_date = date(2003, 1, 7)
    text = docx_text(_one(club, "zaswiadczenie", ["U001"], tmp_path))
    assert "urodzona 7 stycznia 2003 r.," in text and "PESEL" not in text


def test_volunteer_certificate_has_no_pesel_and_says_on_request_only_when_asked(
        tmp_path: Path) -> None:
    club = make_club()
    text = docx_text(_one(club, "zaswiadczenie_wolontariusza", ["W02"], tmp_path / "a"))
    assert "PESEL" not in text
    assert "żądanie" not in text
    club.volunteers[1].certificate_request_date = date(2025, 9, 22)
    text = docx_text(_one(club, "zaswiadczenie_wolontariusza", ["W02"], tmp_path / "b"))
    assert "na żądanie wolontariusza zgłoszone dnia 22 września 2025 r." in text


# ----------------------------------------------------------------------------- kontrakt

_LONG_DATE = re.compile(r"\d{1,2} (stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|"
                        r"sierpnia|września|października|listopada|grudnia) \d{4}")


def test_contract_states_the_welfare_sanction_only_for_a_welfare_recipient(
        tmp_path: Path) -> None:
    club = make_club()
    text = docx_text(_one(club, "kontrakt", ["U001"], tmp_path / "a"))
    assert "art. 11 ust. 2 ustawy o pomocy społecznej" not in text
    assert not _LONG_DATE.search(text), "one date format: dd.mm.rrrr"
    assert "od 05.03.2025 do 05.09.2025" in text
    club.participants[0].welfare_benefits = "tak"
    text = docx_text(_one(club, "kontrakt", ["U001"], tmp_path / "b"))
    assert "wstrzymania świadczeń pieniężnych z pomocy społecznej (art. 11 ust. 2" in text


@pytest.mark.libreoffice
def test_contract_footer_says_page_n_of_m(tmp_path: Path) -> None:
    pages = _pdf_pages(_one(make_club(), "kontrakt", ["U001"], tmp_path), tmp_path)
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"strona {number} z {total}" in page


def test_combined_contracts_drop_the_page_total(tmp_path: Path) -> None:
    """A combined print file is one section per document: LibreOffice would count M over the
    whole file, so there the footer says "strona N" only."""
    files = render_documents(make_club(), "kontrakt", ["U001", "U002"], tmp_path,
                             today=TODAY, combined=True)
    footers = "".join(zipfile.ZipFile(files[0]).read(n).decode()
                      for n in zipfile.ZipFile(files[0]).namelist()
                      if n.startswith("word/footer"))
    assert "PAGE" in footers and "NUMPAGES" not in footers


# ----------------------------------------------------------------------------- zgłoszenie


def test_register_form_names_its_signatory_and_no_dots_for_an_empty_fax(
        tmp_path: Path) -> None:
    text = docx_text(_one(_signing(make_club()), "zgloszenie", None, tmp_path))
    assert "Faks | brak" in text
    assert "Maria Zielińska\nKierownik Miejskiego Ośrodka" in text.replace(" | ", "\n")
    assert "z upoważnienia Burmistrza Testowa" in text
    assert "z dnia 30 kwietnia 2012 r." in text


# ----------------------------------------------------------------------------- all documents


@pytest.mark.parametrize("template", sorted({k.template for k in KINDS}))
def test_every_template_is_in_polish(template: str) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(str(repo_templates_dir() / template))
    langs = list(doc.styles.element.iter(qn("w:lang")))
    assert langs and all(x.get(qn("w:val")) == "pl-PL" for x in langs)
    assert all(x.get(qn("w:eastAsia")) != "ja-JP" for x in langs)
    theme = next(doc.settings.element.iter(qn("w:themeFontLang")))
    assert theme.get(qn("w:val")) == "pl-PL"


@pytest.mark.libreoffice
def test_demo_timetable_fits_one_page_and_narrow_columns_keep_words_whole(
        demo: Club, tmp_path: Path) -> None:
    from docx import Document

    from tests.office import convert, pdf_text

    for kind in ("harmonogram", "program", "sprawozdanie"):
        [path] = render_documents(demo, kind, None, tmp_path / kind, today=DEMO_TODAY)
        pdf = convert(path, "pdf", tmp_path / kind / "pdf")
        shown = set(re.findall(r"[^\W\d_]+", pdf_text(pdf)))
        doc = Document(str(path))
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        # a soft hyphen is a break the template allows: its word may show whole or in parts
        words = {w for text in cells for w in re.findall(r"(?:[^\W\d_]|\u00ad)+", text)
                 if w.replace("\u00ad", "") not in shown}
        broken = {p for w in words for p in w.split("\u00ad") if len(p) >= 5} - shown
        assert not broken, f"{kind}: words split over two lines: {sorted(broken)}"
        if kind == "harmonogram":
            assert len([p for p in pdf_text(pdf).split("\f") if p.strip()]) == 1


# ----------------------------------------------------------------------------- rejestr zaświadczeń


def test_register_numbers_keep_reprints_and_follow_the_dates_of_issue() -> None:
    from kis_xl.domain.certificates import issue_certificates
    from kis_xl.domain.model import CertificateEntry, Participant

    register = [CertificateEntry(2, "4/2025", date(2025, 6, 1), "U009", "Ewa Lis"),
                CertificateEntry(3, "stary nr 17", date(2024, 5, 1), "U008")]
    people = [Participant(2, "U001", certificate_date=date(2025, 9, 20)),
              Participant(3, "U002"),  # issued today, 30 September
              Participant(4, "U003", certificate_date=date(2025, 9, 10)),
              Participant(5, "U009")]
    issued = issue_certificates(register, people, TODAY)
    assert [(i.participant, i.number, i.date, i.new) for i in issued.values()] == [
        ("U001", "6/2025", date(2025, 9, 20), True),
        ("U002", "7/2025", TODAY, True),
        ("U003", "5/2025", date(2025, 9, 10), True),
        ("U009", "4/2025", date(2025, 6, 1), False)]


def _ended_club(path: Path) -> Path:
    from tests.builders import write_club

    return write_club(path, participants=[
        {"id": "U001", "last_name": "Nowak", "first_name": "Jan", "category": "5",
         "start_date": date(2025, 3, 1), "end_date": date(2025, 9, 1),
         "end_reason": "ukończenie programu"},
        {"id": "U002", "last_name": "Lis", "first_name": "Ewa", "category": "5",
         "start_date": date(2025, 3, 1), "end_date": date(2025, 9, 15),
         "certificate_date": date(2025, 9, 16), "notes": "zostaje"},
    ])


def test_cli_certificates_go_to_the_register_and_back_to_the_participants_rows(
        tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from tests.test_docs import _cli

    book = _ended_club(tmp_path / "klub.xlsx")
    run = _cli("docs", book.name, "zaswiadczenie", "--data", "30.09.2025", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Zapisano w skoroszycie – Rejestr zaświadczeń: 2 nowe wpisy" in run.stdout
    wb = load_workbook(book)
    rows = list(wb["Rejestr zaświadczeń"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1].date(), r[2], r[3]) for r in rows if r[0]] == [
        ("1/2025", date(2025, 9, 16), "U002", "Ewa Lis"),
        ("2/2025", TODAY, "U001", "Jan Nowak")]
    sheet = wb["Uczestnicy"]
    header = [c.value for c in sheet[1]]
    col = header.index("Data wydania zaświadczenia")
    by_id = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]}
    assert by_id["U001"][col].date() == TODAY  # written back
    assert by_id["U002"][col].date() == date(2025, 9, 16)  # the coordinator's, untouched
    assert by_id["U002"][header.index("Uwagi")] == "zostaje"
    log = [r for r in wb["Dziennik zmian"].iter_rows(values_only=True)
           if r and r[2] == "kis-xl docs zaswiadczenie"]
    assert len(log) == 1
    from kis_xl.sinks.xlsx.safety import backups

    [copy] = backups(book)  # the workbook as it was, before the write
    assert "Rejestr zaświadczeń" in load_workbook(copy).sheetnames
    assert not any(any(r) for r in load_workbook(copy)["Rejestr zaświadczeń"].iter_rows(
        min_row=2, values_only=True))
    texts = {p.name: docx_text(p) for p in (tmp_path / "dokumenty").glob("*.docx")}
    assert any("Nr 2/2025" in t and "Jan Nowak" in t for t in texts.values())
    assert not any("KIS/2025/U00" in t for t in texts.values())
    # a reprint keeps its number and adds no row
    again = _cli("docs", book.name, "zaswiadczenie", "--id", "U001", "--data", "01.10.2025",
                 cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "Zapisano w skoroszycie" not in again.stdout
    rows = [r for r in load_workbook(book)["Rejestr zaświadczeń"].iter_rows(
        min_row=2, values_only=True) if r[0]]
    assert len(rows) == 2
    reprint = [t for n, t in ((p.name, docx_text(p))
                              for p in (tmp_path / "dokumenty").glob("*U001*(2).docx"))]
    assert reprint and "Nr 2/2025" in reprint[0]


def test_certificates_without_a_register_sheet_write_nothing_and_say_so(
        tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from tests.test_docs import _cli

    book = _ended_club(tmp_path / "klub.xlsx")
    wb = load_workbook(book)
    del wb["Rejestr zaświadczeń"]
    wb.save(book)
    before = book.read_bytes()
    run = _cli("docs", book.name, "zaswiadczenie", "--data", "30.09.2025", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "nie ma arkusza „Rejestr zaświadczeń”" in run.stderr
    assert book.read_bytes() == before


def test_report_is_signed_for_the_operator_by_its_representative(tmp_path: Path) -> None:
    club = _signing(make_club())
    text = docx_text(_one(club, "sprawozdanie", None, tmp_path)).replace(" | ", "\n")
    assert "(za podmiot prowadzący)" in text
    assert "kierownik podmiotu prowadzącego" not in text
    assert "Kierownik Miejskiego Ośrodka Pomocy Społecznej w Testowie" in text
    assert "z upoważnienia Burmistrza Testowa" in text


def test_application_cites_the_gdpr_with_its_official_journal(tmp_path: Path) -> None:
    text = docx_text(_one(make_club(), "wniosek", ["U001"], tmp_path))
    assert "(UE) 2016/679 z dnia 27 kwietnia 2016 r." in text
    assert "(Dz. Urz. UE L 119 z 04.05.2016, str. 1, z późn. zm.)" in text
