"""``kis-xl report`` / ribbon "Wyślij do nadzoru": the package for the supervisor.

Produces, in one folder (default: "sprawozdanie_RRRR" beside the workbook):
the Word report for the voivode (art. 18a ust. 6) from the editable template
``sprawozdanie.docx``, the same totals as .xlsx, a pseudonymised copy of the
workbook, optionally the full workbook encrypted with a password (given by the
caller, never read from the workbook and never written anywhere), and
optionally an e-mail draft (.eml) with the files attached. The user's
workbook is only read.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kis_xl.actions.base import ActionResult
from kis_xl.actions.errors import KisError
from kis_xl.domain.findings import locate
from kis_xl.domain.model import Club
from kis_xl.workbook.text import number, plural

if TYPE_CHECKING:
    from kis_xl.report.smtp import SmtpConfig

COMMAND = "kis-xl report"


class ReportError(KisError):
    exit_code = 1


def out_folder(club: Club, year: int, out_dir: Path | None) -> Path:
    if out_dir is not None:
        return out_dir
    base = club.source.resolve().parent if club.source is not None else Path.cwd()
    return base / f"sprawozdanie_{year}"


def report_action(
    club: Club,
    *,
    today: date | None = None,
    year: int | None = None,
    out_dir: Path | None = None,
    pseudonymised: bool = True,
    password: str | None = None,
    eml: bool = False,
    open_draft: bool = False,
    smtp: SmtpConfig | None = None,
    source: Path | None = None,
    publication: bool = False,
) -> ActionResult:
    """Build the package; ``password`` (when given) encrypts a full copy of the workbook.

    ``source`` is the workbook file to copy and encrypt when it is not ``club.source``
    itself: the ribbon passes a snapshot of the open workbook, so the copies hold what the
    totals were computed from (unsaved changes included), while the package still goes to
    a folder beside the user's workbook.

    ``publication`` (or the setting "Wersja sprawozdania do publikacji" = "tak") adds the
    publication version (``kis_xl.report.publication``); it is not attached to the e-mail:
    the supervisor gets the true numbers.
    """
    from kis_xl.report.totals import compute_report, default_year
    from kis_xl.report.workbook import data_rows, report_workbook

    today = today or date.today()
    year = year or default_year(club, today)
    totals = compute_report(club, year=year, today=today)
    folder = out_folder(club, year, out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"Nie można utworzyć folderu „{folder}”: {exc.strerror}. Podaj inny "
                          "folder (opcja --out).") from None
    files: list[Path] = []
    notes: list[str] = []
    xlsx = folder / f"Sprawozdanie KIS {year} - dane.xlsx"
    when = datetime.now()
    _write(xlsx, report_workbook(totals, when=when))
    files.append(xlsx)
    files.append(_word_report(club, year, today, folder, notes))
    copies, encrypted = _workbook_copies(club, source or club.source, folder, year, today,
                                         pseudonymised=pseudonymised, password=password,
                                         notes=notes)
    files += copies
    draft: Path | None = None
    if eml:
        from kis_xl.report.mail import write_draft

        draft = write_draft(club, year, files, folder, encrypted=encrypted is not None)
        files.append(draft)
        if not club.settings.supervisor_email:
            notes.append("Szkic e-maila nie ma adresata: wpisz „E-mail nadzoru (sprawozdania)” "
                         "w arkuszu „Ustawienia” albo dopisz adres w programie pocztowym.")
        if open_draft:
            _open(draft)
        if smtp is not None:
            from kis_xl.report.mail import build_message
            from kis_xl.report.smtp import send

            sent = files[:-1]
            send(build_message(club, year, sent, encrypted=encrypted is not None), smtp)
            notes.append(f"Wysłano wiadomość do {club.settings.supervisor_email} przez "
                         f"{smtp.host}.")
    if publication or club.settings.report_publication == "tak":
        from kis_xl.report.publication import publication_workbook

        public = folder / f"Sprawozdanie KIS {year} - wersja do publikacji.xlsx"
        _write(public, publication_workbook(totals, when=when))
        files.append(public)
        notes.append(f"„{public.name}” – do publikacji (małe liczby ukryte); nie wysyłaj go "
                     "zamiast sprawozdania: wojewoda dostaje prawdziwe liczby.")
    findings = locate([*club.findings, *totals.outcomes.findings, *totals.findings], club.names)
    t = totals.participants
    people = plural(t.participants, "uczestnik", "uczestników", "uczestników")
    meetings = plural(totals.meetings, "spotkanie", "spotkania", "spotkań")
    apart = totals.scope
    summary = [
        f"Sprawozdanie za rok {year}: {t.participants} {people}, z efektem reintegracji "
        f"{t.with_effect}, zatrudnionych po ukończeniu {t.employed_after_completion}; "
        f"{totals.meetings} {meetings}, {number(totals.delivered_hours)} h zajęć. Poza "
        f"kategoriami: zgłoszeni, nieprzyjęci {apart.rejected}; z brakami w dokumentacji "
        f"{apart.incomplete}.",
        f"Pliki w folderze „{folder}”: " + ", ".join(p.name for p in files) + ".",
        *notes,
    ]
    if encrypted is None:
        summary.append("Pełny skoroszyt nie został dołączony (nie podano hasła). Dane osobowe "
                       "wysyłaj tylko zaszyfrowane, a hasło – innym kanałem (np. telefonicznie).")
    return ActionResult(
        command=f"{COMMAND} --rok {year}",
        findings=findings,
        payload={"year": year, "folder": str(folder), "files": [str(p) for p in files],
                 "encrypted": encrypted is not None,
                 "totals": {k: v for k, v, _ in data_rows(totals)}},
        summary=summary,
    )


def _workbook_copies(
    club: Club, workbook_file: Path | None, folder: Path, year: int, today: date, *,
    pseudonymised: bool, password: str | None, notes: list[str],
) -> tuple[list[Path], Path | None]:
    """The pseudonymised copy and the encrypted full copy of ``workbook_file`` (each when
    asked for), named after the user's workbook; returns them and the encrypted one."""
    if workbook_file is None:
        return [], None
    stem = club.source.stem if club.source is not None else workbook_file.stem
    files: list[Path] = []
    if pseudonymised:
        from kis_xl.report.pseudonymise import pseudonymised_copy

        copy = folder / f"{stem} - kopia pseudonimizowana {year}.xlsx"
        notes += pseudonymised_copy(workbook_file, copy, today=today)
        files.append(copy)
    encrypted: Path | None = None
    if password is not None:
        from kis_xl.report.encrypt import encrypt_file

        encrypted = folder / f"{stem} - zaszyfrowany.xlsx"
        encrypt_file(workbook_file, encrypted, password)
        files.append(encrypted)
    return files, encrypted


def _write(path: Path, blob: bytes) -> None:
    try:
        path.write_bytes(blob)
    except OSError as exc:
        raise ReportError(f"Nie można zapisać pliku „{path}”: {exc.strerror}. Zamknij go, jeśli "
                          "jest otwarty, i spróbuj ponownie.") from None


def _word_report(club: Club, year: int, today: date, folder: Path, notes: list[str]) -> Path:
    """The Word report from the template, for ``year`` (passed as the settings' year)."""
    from kis_xl.documents.render import render_batch

    settings = dataclasses.replace(club.settings, reporting_year=year)
    for_year = dataclasses.replace(club, settings=settings)
    result = render_batch(for_year, "sprawozdanie", out_dir=folder, today=today)
    notes += result.notes
    docx = result.files[0]
    target = docx.with_name(f"Sprawozdanie KIS {year}.docx")
    docx.replace(target)
    return target


def _open(path: Path) -> None:
    """Open the draft in the default mail program (Windows; elsewhere the user opens it)."""
    import os
    import sys

    if sys.platform == "win32":
        os.startfile(path)  # type: ignore[attr-defined]
