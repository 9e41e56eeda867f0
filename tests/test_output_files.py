"""Files around the workbook: text files made by Windows tools, output folders and files that
a person has open, and what a command says it wrote. Never a traceback or an English line."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from kis_xl.fronts.commands import report as report_cmd
from kis_xl.plan.errors import KisError
from kis_xl.report.windows_text import decode, read_lines
from tests.builders import write_club
from tests.test_hours import kis
from tests.test_report import TODAY, YEAR, small_club

PASSWORD = "Zażółć-Gęślą-Jaźń-2025"


def notepad(path: Path, text: str, encoding: str) -> Path:
    """``text`` saved as Notepad (or Excel) on a Polish Windows saves it, with CRLF."""
    data = text.replace("\n", "\r\n")
    if encoding == "utf-16":  # Notepad's "Unicode": little-endian with a BOM
        path.write_bytes(codecs.BOM_UTF16_LE + data.encode("utf-16-le"))
    else:
        path.write_bytes(data.encode(encoding))
    return path


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "cp1250"]


def saved(path: Path, text: str, encoding: str) -> Path:
    if encoding == "utf-16-be-bom":
        path.write_bytes(codecs.BOM_UTF16_BE + text.replace("\n", "\r\n").encode("utf-16-be"))
        return path
    return notepad(path, text, encoding)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_windows_text_files_decode_in_every_encoding(tmp_path: Path, encoding: str) -> None:
    path = saved(tmp_path / "plik.txt", "Łódź;Kraków\nżółw\n", encoding)
    assert decode(path.read_bytes(), path.name).splitlines() == ["Łódź;Kraków", "żółw"]


def test_bytes_that_are_no_text_are_a_polish_message() -> None:
    with pytest.raises(KisError, match=r"nie jest plikiem tekstowym.*Notatniku"):
        decode(b"\xff\xfe\x00", "haslo.txt")  # a BOM and half a character
    with pytest.raises(KisError, match="nie jest plikiem tekstowym"):
        decode(b"\x81\x83\x88\x90\x98abc", "haslo.txt")  # undefined in cp1250, not UTF-8


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_password_file_from_notepad(tmp_path: Path, encoding: str) -> None:
    path = saved(tmp_path / "haslo.txt", PASSWORD + "\n", encoding)
    assert report_cmd.read_password(path, ask=False) == PASSWORD


def test_report_encrypts_with_a_password_file_saved_as_unicode(tmp_path: Path) -> None:
    from kis_xl.report.encrypt import decrypt_bytes

    workbook = small_club(tmp_path / "klub.xlsx")
    password = notepad(tmp_path / "haslo.txt", PASSWORD + "\n", "utf-16")
    result = kis("report", str(workbook), "--rok", str(YEAR), "--out", str(tmp_path / "out"),
                 "--haslo-z-pliku", str(password), "--bez-kopii")
    assert result.returncode == 0, result.stdout + result.stderr
    secret = tmp_path / "out" / "klub - zaszyfrowany.xlsx"
    assert decrypt_bytes(secret, PASSWORD) == workbook.read_bytes()


@pytest.mark.parametrize("encoding", ["utf-16", "cp1250"])
def test_smtp_settings_saved_by_notepad(tmp_path: Path, encoding: str) -> None:
    from kis_xl.report.smtp import load_config

    ini = notepad(tmp_path / "smtp.ini", "[smtp]\nhost = poczta.example.pl\ntls = ssl\n"
                  "from = Klub Integracji Społecznej w Łodzi <kis@example.pl>\n", encoding)
    config = load_config(ini, env={})
    assert (config.host, config.port) == ("poczta.example.pl", 465)
    assert config.sender == "Klub Integracji Społecznej w Łodzi <kis@example.pl>"


EXPECTED = "REGON;Nazwa klubu\n250401231;KIS nr 1\n999999999;KIS w Żółkiewce\n"


def test_expected_clubs_list_from_excel_in_any_form(tmp_path: Path) -> None:
    """cp1250 CSV (Excel's "CSV (rozdzielany przecinkami)" on a Polish Windows), UTF-16 text
    ("Tekst Unicode") and the .xlsx itself: the same clubs are missing."""
    from openpyxl import Workbook

    from kis_xl.report.summary import summarise
    from tests.test_report import _club_reports

    folder = _club_reports(tmp_path)[0].parent
    lists = [notepad(tmp_path / "kluby.csv", EXPECTED, "cp1250"),
             notepad(tmp_path / "kluby.txt", EXPECTED.replace(";", "\t"), "utf-16")]
    wb = Workbook()
    for line in EXPECTED.splitlines():
        regon, name = line.split(";")
        wb.active.append([int(regon) if regon.isdigit() else regon, name])
    wb.save(tmp_path / "kluby.xlsx")
    lists.append(tmp_path / "kluby.xlsx")
    for expected in lists:
        missing = summarise(folder, expected).missing
        assert [(m.replace("\t", ";").replace("; ", ";"), year) for m, year in missing] == [
            ("999999999;KIS w Żółkiewce", year) for year in sorted({y for _, y in missing})
        ], expected.name
        assert missing, expected.name
    result = kis("zestawienie", str(folder), "--oczekiwane", str(lists[0]))
    assert result.returncode == 0, result.stderr
    assert "KIS w Żółkiewce" in result.stdout


def test_an_old_xls_list_is_a_message(tmp_path: Path) -> None:
    old = tmp_path / "kluby.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(KisError, match=r"\.xls"):
        read_lines(old, "lista klubów")


# ----------------------------------------------------------- commands that ended in a traceback
def polish_failure(result: object) -> str:
    out = result.stdout + result.stderr  # type: ignore[attr-defined]
    assert result.returncode in (1, 2), out  # type: ignore[attr-defined]
    assert "Traceback" not in out and "Error" not in out and "nieoczekiwany" not in out, out
    return out


def test_docs_out_naming_a_file_is_a_message(tmp_path: Path) -> None:
    workbook = small_club(tmp_path / "klub.xlsx")
    target = tmp_path / "dokumenty.txt"
    target.write_text("notatki", encoding="utf-8")
    out = polish_failure(kis("docs", str(workbook), "regulamin", "--out", str(target)))
    assert "jest plikiem" in out and "--out" in out
    assert target.read_text(encoding="utf-8") == "notatki"


@pytest.mark.parametrize("year", ["20265", "-1"])
def test_report_year_out_of_range_is_a_message(tmp_path: Path, year: str) -> None:
    workbook = small_club(tmp_path / "klub.xlsx")
    out = polish_failure(kis("report", str(workbook), f"--rok={year}", "--out",
                             str(tmp_path / "out")))
    assert f"Rok {year} jest poza zakresem" in out and "2000" in out
    assert not (tmp_path / "out").exists()


def test_agreement_when_the_volunteers_sheet_was_renamed_says_it_is_missing(
        tmp_path: Path) -> None:
    from openpyxl import load_workbook

    workbook = write_club(tmp_path / "klub.xlsx", volunteers=[
        {"id": "W01", "last_name": "Lis", "first_name": "Ewa", "scope": "korepetycje",
         "date_from": date(2025, 1, 1)}])
    wb = load_workbook(workbook)
    wb["Wolontariusze"].title = "Wolontariusze 2025"
    wb.save(workbook)
    out = polish_failure(kis("docs", str(workbook), "porozumienie", "--out",
                             str(tmp_path / "d")))
    assert "nie ma arkusza „Wolontariusze”" in out and "pusty" not in out


# ------------------------------------------------------------- outputs a person has open
def test_report_does_not_replace_a_document_open_in_word(tmp_path: Path) -> None:
    from kis_xl.actions.report import report_action
    from kis_xl.workbook.reader import read_workbook

    workbook = small_club(tmp_path / "klub.xlsx")
    out = tmp_path / "paczka"
    report_action(read_workbook(workbook), year=YEAR, today=TODAY, out_dir=out)
    docx = out / f"Sprawozdanie KIS {YEAR}.docx"
    docx.write_bytes(b"PK the report as the person edited and saved it")
    edited = docx.read_bytes()
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    (out / f"~$rawozdanie KIS {YEAR}.docx").write_bytes(b"\x0cAnna Nowak")  # Word's owner file
    result = kis("report", str(workbook), "--rok", str(YEAR), "--out", str(out))
    message = polish_failure(result)
    assert f"„Sprawozdanie KIS {YEAR}.docx” jest otwarty" in message
    assert "Nic nie zostało zmienione" in message
    assert docx.read_bytes() == edited
    after = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if not p.name.startswith("~$")}
    assert after == before, "nothing of the package is rewritten"


def test_summary_does_not_replace_a_summary_open_in_excel(tmp_path: Path) -> None:
    from tests.test_report import _club_reports

    folder = _club_reports(tmp_path)[0].parent
    target = tmp_path / "zestawienie.xlsx"
    target.write_bytes(b"edited by the supervisor")
    (tmp_path / "~$zestawienie.xlsx").write_bytes(b"owner")
    out = polish_failure(kis("zestawienie", str(folder), "--out", str(target)))
    assert "jest otwarty" in out
    assert target.read_bytes() == b"edited by the supervisor"


def test_meeting_add_names_the_sheets_it_wrote(tmp_path: Path) -> None:
    from tests.test_meeting_add import club_file

    workbook = club_file(tmp_path)
    result = kis("meeting", "add", "--activity", "Z03", "--date", "17.03.2025", str(workbook))
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("Zapisano"))
    assert "arkusz „Spotkania” (dopisano 1 wiersz)" in line
    assert "arkusz „Obecności” (dopisano 2 wiersze)" in line
    assert line.endswith("arkusz „Dziennik zmian”.")
