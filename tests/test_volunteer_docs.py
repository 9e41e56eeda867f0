"""Volunteer documents (issue 11): the agreement of art. 44 ust. 1 and the certificate of
art. 44 ust. 2 of the act on public benefit activity and volunteering, from the
"Wolontariusze" sheet: contexts, who gets which document, the text, the pages."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kis_xl.documents.contexts import (
    ClubData,
    volunteer_agreement_context,
    volunteer_certificate_context,
)
from kis_xl.documents.render import DocumentsError, render_batch, render_documents
from kis_xl.domain.model import Club, Volunteer
from kis_xl.workbook.reader import read_workbook
from tests.builders import write_club
from tests.test_docs import JAN_PESEL, TODAY, ZOFIA_PESEL, _cli, docx_text, make_club


def _volunteer(club: Club, vid: str) -> Volunteer:
    return next(v for v in club.volunteers if v.id == vid)


# ----------------------------------------------------------------------------- contexts


def test_agreement_parties_are_the_operator_with_its_unit_and_the_volunteer() -> None:
    club = make_club()
    ctx = volunteer_agreement_context(ClubData(club, TODAY), _volunteer(club, "W01"))
    assert ctx["korzystajacy"] == {
        "nazwa": "Gmina Testów – Miejski Ośrodek Pomocy Społecznej w Testowie",
        "adres": "ul. Rynek 1, 00-950 Testów",  # no operator address: the club's
        "reprezentant": "Maria Zielińska", "funkcja": None, "podstawa": None,
        "koordynator": "Anna Nowak"}
    assert ctx["wolontariusz"]["imie_nazwisko"] == "Katarzyna Sobczak"
    agreement = ctx["porozumienie"]
    assert (agreement["data_zawarcia"], agreement["od"], agreement["do"]) == (
        date(2025, 2, 24), date(2025, 3, 1), date(2025, 6, 30))
    assert not agreement["na_czas_nieokreslony"] and not agreement["do_30_dni"]
    # an organisation runs the club itself: no unit, its own address
    club.settings.operating_unit = None
    club.settings.operator = "Stowarzyszenie Razem"
    club.settings.operator_address = "ul. Polna 2, 00-950 Testów"
    ctx = volunteer_agreement_context(ClubData(club, TODAY), _volunteer(club, "W01"))
    assert ctx["korzystajacy"]["nazwa"] == "Stowarzyszenie Razem"
    assert ctx["korzystajacy"]["adres"] == "ul. Polna 2, 00-950 Testów"


def test_agreement_period_open_ended_or_up_to_30_days() -> None:
    club = make_club()
    data = ClubData(club, TODAY)
    w02 = volunteer_agreement_context(data, _volunteer(club, "W02"))["porozumienie"]
    assert w02["do_30_dni"] and not w02["na_czas_nieokreslony"]  # 1–20 September
    assert w02["data_zawarcia"] == TODAY  # no agreement date: the document's date
    w03 = volunteer_agreement_context(data, _volunteer(club, "W03"))["porozumienie"]
    assert w03["na_czas_nieokreslony"] and not w03["do_30_dni"]


def test_certificate_number_period_and_gender() -> None:
    club = make_club()
    data = ClubData(club, TODAY)
    w01 = volunteer_certificate_context(data, _volunteer(club, "W01"))
    assert w01["zaswiadczenie"]["numer"] == "WOL/2025/W01"
    assert (w01["zaswiadczenie"]["od"], w01["zaswiadczenie"]["do"]) == (
        date(2025, 3, 1), date(2025, 6, 30))
    assert not w01["zaswiadczenie"]["trwa"] and w01["zaswiadczenie"]["godziny"] == 34
    assert w01["wolontariusz"]["wolontariusz"] == "wolontariuszka"
    # the sex column is empty: the PESEL says "M"; nothing known: both forms
    assert volunteer_certificate_context(data, _volunteer(club, "W02"))["wolontariusz"][
        "pan"] == "Pan"
    assert volunteer_certificate_context(data, _volunteer(club, "W03"))["wolontariusz"][
        "wolontariusz"] == "wolontariusz/wolontariuszka"
    # still working: the period runs to the certificate's date, numbered by its year
    ongoing = replace(_volunteer(club, "W03"), certificate_date=date(2026, 1, 15))
    cert = volunteer_certificate_context(data, ongoing)["zaswiadczenie"]
    assert cert["trwa"] and cert["do"] == date(2026, 1, 15)
    assert cert["numer"] == "WOL/2026/W03"


# ----------------------------------------------------------------------------- who gets one


def test_certificate_only_once_the_work_has_started_and_force_does_not_change_it(
        tmp_path: Path) -> None:
    club = make_club()
    club.volunteers[2].date_from = date(2025, 10, 6)  # W03 starts after the document's date
    club.volunteers[1].date_from = None  # W02: no start date
    for force in (False, True):
        result = render_batch(club, "zaswiadczenie_wolontariusza", out_dir=tmp_path / str(force),
                              today=TODAY, force=force)
        assert [f.name for f in result.files] == [
            "Zaświadczenie wolontariusza W01 Sobczak Katarzyna.docx"]
        assert result.skipped == [
            ("W02", "brak daty rozpoczęcia świadczeń (kolumna „Od”)"),
            ("W03", "świadczenia zaczynają się dopiero 06.10.2025")]
    # the agreement is signed before the work starts: everyone gets one
    agreements = render_batch(club, "porozumienie", out_dir=tmp_path / "p", today=TODAY)
    assert agreements.count == 3 and agreements.skipped == []


def test_reversed_period_gets_no_document_and_ids_name_the_volunteers_sheet(
        tmp_path: Path) -> None:
    club = make_club()
    club.volunteers[0].date_to = date(2025, 2, 1)  # before 1 March
    result = render_batch(club, "porozumienie", out_dir=tmp_path, today=TODAY)
    assert [i for i, _ in result.skipped] == ["W01"]
    assert "wcześniejsza niż „Od”" in result.skipped[0][1]
    with pytest.raises(DocumentsError, match="Nie utworzono żadnego dokumentu"):
        render_batch(club, "porozumienie", ids=["W01"], out_dir=tmp_path, today=TODAY)
    with pytest.raises(DocumentsError, match=r"wolontariusza o ID „W09”.*„Wolontariusze”"):
        render_batch(club, "porozumienie", ids=["W09"], out_dir=tmp_path, today=TODAY)
    [only] = render_documents(club, "zaswiadczenie wolontariusza", ["w02"], tmp_path,
                              today=TODAY)
    assert only.name.startswith("Zaświadczenie wolontariusza W02")
    with pytest.raises(DocumentsError, match="Arkusz „Wolontariusze” jest pusty"):
        render_batch(replace(club, volunteers=[]), "porozumienie", out_dir=tmp_path,
                     today=TODAY)


# ----------------------------------------------------------------------------- the text


def test_agreement_insurance_follows_the_period(tmp_path: Path) -> None:
    club = make_club()
    files = {f.name.split()[2]: docx_text(f) for f in
             render_documents(club, "porozumienie", None, tmp_path, today=TODAY)}
    assert "nie dłuższy niż 30 dni" in files["W02"] and "(art. 46 ust. 3 ustawy)" in files["W02"]
    assert "art. 46 ust. 2" not in files["W02"]
    assert "dłuższy niż 30 dni" in files["W01"] and "art. 46 ust. 3" not in files["W01"]
    assert "na czas nieokreślony, od dnia 1 września 2025 r." in files["W03"]
    assert "wygasa ono z upływem okresu" not in files["W03"]  # open-ended: nothing to expire
    assert "wygasa ono z upływem okresu" in files["W01"]
    # parties, the act and the termination clause in every agreement
    for text in files.values():
        assert "o działalności pożytku publicznego i o wolontariacie (Dz. U. z 2024 r. " \
            "poz. 1491)" in text
        assert "Korzystającym |" in text and "a Wolontariuszem |" in text
        assert "Każda ze stron może rozwiązać porozumienie" in text
    assert f"PESEL: {JAN_PESEL}" in files["W02"] and "PESEL" not in files["W01"]


def test_agreement_names_the_register_check_when_the_work_involves_minors(
        tmp_path: Path) -> None:
    """Art. 21 ust. 1 of the act of 13 May 2016: the Register check before work with minors."""
    club = make_club()
    w01 = _volunteer(club, "W01")
    w01.works_with_minors = "tak"
    w01.register_check_date = date(2025, 2, 20)
    w01.register_check_result = "brak w Rejestrze"
    _volunteer(club, "W02").works_with_minors = "tak"  # not yet checked
    files = {f.name.split()[2]: docx_text(f) for f in
             render_documents(club, "porozumienie", None, tmp_path, today=TODAY)}
    law = ("art. 21 ust. 1 ustawy z dnia 13 maja 2016 r. o przeciwdziałaniu zagrożeniom "
           "przestępczością na tle seksualnym i ochronie małoletnich")
    assert law in files["W01"] and "Rejestrze Sprawców Przestępstw na Tle Seksualnym" in files[
        "W01"]
    assert "sprawdzenia dokonano dnia 20 lutego 2025 r., wynik: brak w Rejestrze" in files["W01"]
    assert law in files["W02"] and "sprawdzenia dokonano" not in files["W02"]
    assert "małoletnimi" not in files["W03"]


def test_certificate_text_gender_opinion_and_tied_abbreviations(tmp_path: Path) -> None:
    from docx import Document

    club = make_club()
    club.volunteers[1].opinion = "Rzetelny i punktualny."
    files = {f.name.split()[2]: f for f in
             render_documents(club, "zaswiadczenie_wolontariusza", None, tmp_path, today=TODAY)}
    jan = docx_text(files["W02"])
    assert "Pan Jan Kowalski & Syn <Zakład>" in jan
    assert "wykonywał jako wolontariusz ochotniczo" in jan
    assert "(zajęcia: Indywidualne plany zawodowe)" in jan  # the activity's name, not Z02
    assert "Opinia o wykonaniu świadczeń (art. 44 ust. 3 ustawy):\nRzetelny i punktualny." in jan
    assert "Łączny wymiar wykonanych świadczeń: 6 godzin." in jan
    katarzyna = docx_text(files["W01"])
    assert "Opinia" not in katarzyna and "wykonywała jako wolontariuszka" in katarzyna
    ala = docx_text(files["W03"])
    assert "wykonywał/wykonywała jako wolontariusz/wolontariuszka" in ala
    assert "(świadczenia są nadal wykonywane)" in ala
    raw = "\n".join(p.text for p in Document(str(files["W01"])).paragraphs)
    assert "art.\u00a044 ust.\u00a02" in raw  # "art." never ends a line without its number


def test_cli_documents_for_volunteers_from_a_workbook(tmp_path: Path) -> None:
    book = write_club(
        tmp_path / "klub.xlsx",
        participants=[{"id": "U001", "last_name": "Nowak", "first_name": "Jan",
                       "category": "5", "start_date": date(2025, 3, 1)}],
        volunteers=[
            {"id": "W01", "last_name": "Wiśniewska", "first_name": "Zofia",
             "pesel": ZOFIA_PESEL, "scope": "korepetycje z matematyki",
             "date_from": date(2025, 3, 1), "weekly_hours": 3, "hours": 40.5,
             "opinion": "Bardzo dobrze."},
            {"id": "W02", "last_name": "Lis", "first_name": "Ewa", "sex": "K",
             "scope": "zajęcia plastyczne", "date_from": date(2025, 12, 1)},
        ])
    club = read_workbook(book)
    w01 = _volunteer(club, "W01")
    assert (w01.pesel, w01.weekly_hours, w01.hours, w01.opinion) == (
        ZOFIA_PESEL, 3, 40.5, "Bardzo dobrze.")  # PESEL with its leading zero, as text
    run = _cli("docs", book.name, "zaswiadczenie_wolontariusza", "--data", "30.09.2025",
               cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "W02 – świadczenia zaczynają się dopiero 01.12.2025" in run.stderr
    [cert] = (tmp_path / "dokumenty").glob("Zaświadczenie wolontariusza W01*.docx")
    text = docx_text(cert)
    # art. 44 ust. 2 needs no PESEL: the certificate names the volunteer only
    assert "Pani Zofia Wiśniewska" in text and "PESEL" not in text
    assert "40,5 godziny" in text and "Nr WOL/2025/W01" in text
    run = _cli("docs", book.name, "porozumienie", "--id", "W02", "--data", "20.11.2025",
               cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    [agreement] = (tmp_path / "dokumenty").glob("Porozumienie wolontariackie W02*.docx")
    assert "Planowany wymiar świadczeń: …" in docx_text(agreement)  # a line to fill in


# ----------------------------------------------------------------------------- the pages


def _pages(pdf: Path) -> list[str]:
    from tests.office import pdf_text

    return [p for p in pdf_text(pdf).split("\f") if p.strip()]


@pytest.mark.libreoffice
def test_agreement_signatures_share_a_page_with_the_statement_and_pages_are_numbered(
        tmp_path: Path) -> None:
    from tests.office import convert

    club = make_club()
    [path] = render_documents(club, "porozumienie", ["W01"], tmp_path, today=TODAY)
    pages = _pages(convert(path, "pdf", tmp_path / "pdf"))
    assert len(pages) == 2
    for n, page in enumerate(pages, start=1):
        assert f"Porozumienie wolontariackie – Katarzyna Sobczak – strona {n}" in page
    signed = pages[-1]
    assert "(Korzystający – podpis osoby reprezentującej)" in signed
    assert "(Wolontariusz – czytelny podpis)" in signed
    assert "został poinformowany" in signed  # the statement the volunteer signs
    assert "Maria Zielińska" in signed and "Katarzyna Sobczak" in signed


@pytest.mark.libreoffice
def test_volunteer_certificate_is_one_page_with_its_signature(tmp_path: Path) -> None:
    from tests.office import convert

    club = make_club()
    club.volunteers[0].opinion = "Zajęcia prowadzone rzetelnie i z zaangażowaniem. " * 4
    club.settings.club_city = "Wieruszów"  # with the longest month: the date stays one line
    club.volunteers[0].certificate_date = date(2025, 10, 30)
    [path] = render_documents(club, "zaswiadczenie_wolontariusza", ["W01"], tmp_path,
                              today=TODAY)
    pages = _pages(convert(path, "pdf", tmp_path / "pdf"))
    assert len(pages) == 1
    assert "Nr WOL/2025/W01" in pages[0]
    assert "Wieruszów, dnia 30 października 2025 r." in pages[0]
    assert "podpis i pieczęć osoby reprezentującej korzystającego" in pages[0]
