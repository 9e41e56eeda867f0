"""``kis-xl report`` / ribbon "Wyślij do nadzoru": the package for the supervisor.

Produces, in one folder (default: "sprawozdanie_RRRR" beside the workbook):
the Word report for the voivode (art. 18a ust. 6) from the editable template
``sprawozdanie.docx``, the same totals as .xlsx and, when a password is given
(by the caller, never read from the workbook and never written anywhere), the
pseudonymised copy of the workbook and the full workbook, both encrypted; and
optionally an e-mail draft (.eml) with the files attached. Every plain file is
checked by ``kis_xl.report.scanner`` before anything is written. The user's
workbook is only read.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kis_xl.actions.base import ActionResult
from kis_xl.domain.findings import locate
from kis_xl.domain.model import Club
from kis_xl.domain.text import number, plural
from kis_xl.plan.errors import KisError

if TYPE_CHECKING:
    from email.message import EmailMessage

    from kis_xl.report.pseudonymise import Pseudonyms
    from kis_xl.report.scanner import Identities
    from kis_xl.report.smtp import SmtpConfig
    from kis_xl.report.totals import ReportTotals

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
    """Build the package; ``password`` (when given) encrypts the pseudonymised copy and a
    full copy of the workbook.

    ``source`` is the workbook file to copy and encrypt when it is not ``club.source``
    itself: the ribbon passes a snapshot of the open workbook, so the copies hold what the
    totals were computed from (unsaved changes included), while the package still goes to
    a folder beside the user's workbook.

    Everything is made in a temporary folder first and checked by the scanner; one person's
    identity anywhere in a plain outgoing file and nothing is written.

    ``publication`` (or the setting "Wersja sprawozdania do publikacji" = "tak") adds the
    publication version (``kis_xl.report.publication``); it is not attached to the e-mail:
    the supervisor gets the true numbers.
    """
    import tempfile

    from kis_xl.report.totals import compute_report, default_year
    from kis_xl.report.workbook import data_rows

    today = today or date.today()
    year = _checked_year(year or default_year(club, today))
    totals = compute_report(club, year=year, today=today)
    folder = out_folder(club, year, out_dir)
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kis-xl-") as tmp:
        package = _build_package(club, source or club.source, Path(tmp), year=year,
                                 today=today, totals=totals, pseudonymised=pseudonymised,
                                 password=password, eml=eml, notes=notes,
                                 publication=publication
                                 or club.settings.report_publication == "tak")
        files = _deliver(package.files, folder)
    if package.pseudonyms is not None and club.source is not None:
        from kis_xl.report.pseudonymise import write_key

        key = write_key(package.pseudonyms, club.source.resolve().parent, club.source.stem,
                        datetime.now())
        notes.append(f"Klucz pseudonimów kopii (ID ↔ pseudonim) zapisano w biurze: „{key}” – "
                     "nie wysyłaj go.")
    draft = next((f for f in files if f.suffix == ".eml"), None)
    if draft is not None:
        if not club.settings.supervisor_email:
            notes.append("Szkic e-maila nie ma adresata: wpisz „E-mail nadzoru (sprawozdania)” "
                         "w arkuszu „Ustawienia” albo dopisz adres w programie pocztowym.")
        if open_draft:
            _open(draft)
        if smtp is not None and package.message is not None:
            from kis_xl.report.smtp import send

            send(package.message, smtp)
            notes.append(f"Wysłano wiadomość do {club.settings.supervisor_email} przez "
                         f"{smtp.host}.")
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
        "Sprawdzono przed zapisaniem (bez danych osób ze skoroszytu): "
        + ", ".join(package.verified) + ".",
        *notes,
    ]
    if password is None:
        summary.append("Pełny skoroszyt nie został dołączony (nie podano hasła). Dane osobowe "
                       "wysyłaj tylko zaszyfrowane, a hasło – innym kanałem (np. telefonicznie).")
    return ActionResult(
        command=f"{COMMAND} --rok {year}",
        findings=findings,
        payload={"year": year, "folder": str(folder), "files": [str(p) for p in files],
                 "encrypted": password is not None, "verified": package.verified,
                 "totals": {k: v for k, v, _ in data_rows(totals)}},
        summary=summary,
    )


@dataclass
class _Package:
    files: list[Path]
    """Staged files, in the order they are listed and attached."""
    verified: list[str]
    """Names of the plain files the scanner passed."""
    pseudonyms: Pseudonyms | None = None
    message: EmailMessage | None = None


def _build_package(
    club: Club, workbook_file: Path | None, stage: Path, *, year: int, today: date,
    totals: ReportTotals, pseudonymised: bool, password: str | None, eml: bool,
    notes: list[str], publication: bool = False,
) -> _Package:
    """Every outgoing file in ``stage``, each plain one passed by the scanner."""
    from kis_xl.report.scanner import digest, identities
    from kis_xl.report.workbook import report_workbook

    ids = identities(club, _forms_text(club, totals))
    xlsx = stage / f"Sprawozdanie KIS {year} - dane.xlsx"
    when = datetime.now()
    xlsx.write_bytes(report_workbook(totals, when=when))
    plain = [xlsx, _word_report(club, year, today, stage, notes)]
    stem = (club.source or workbook_file or Path("skoroszyt")).stem
    copy, pseudonyms = _copy(club, workbook_file, stage, stem=stem, year=year, today=today,
                             pseudonymised=pseudonymised, password=password, notes=notes)
    if copy is not None:
        plain.append(copy)
    _gate([(p.name, p.read_bytes()) for p in plain], ids)
    passed = frozenset(digest(p.read_bytes()) for p in plain)
    package = _Package(files=plain[:], verified=[p.name for p in plain], pseudonyms=pseudonyms)
    if password is not None:
        from kis_xl.report.encrypt import encrypt_file

        if copy is not None:
            encrypt_file(copy, copy, password)
        if workbook_file is not None:
            full = stage / f"{stem} - zaszyfrowany.xlsx"
            encrypt_file(workbook_file, full, password)
            package.files.append(full)
    if eml:
        from email.policy import SMTP

        from kis_xl.report.mail import build_message, draft_name

        encrypted = [p.name for p in package.files if p == copy or p.name.endswith(
            "zaszyfrowany.xlsx")]
        package.message = build_message(club, year, package.files, verified=package.verified,
                                        encrypted=encrypted, with_copy=copy is not None)
        draft = stage / draft_name(year)
        blob = package.message.as_bytes(policy=SMTP)
        _gate([(draft.name, blob)], ids, passed=passed)
        draft.write_bytes(blob)
        package.files.append(draft)
    if publication:  # after the e-mail: never attached, the supervisor gets the true numbers
        from kis_xl.report.publication import publication_workbook

        public = stage / f"Sprawozdanie KIS {year} - wersja do publikacji.xlsx"
        public.write_bytes(publication_workbook(totals, when=when))
        _gate([(public.name, public.read_bytes())], ids)
        package.files.append(public)
        package.verified.append(public.name)
        notes.append(f"„{public.name}” – do publikacji (małe liczby ukryte); nie wysyłaj go "
                     "zamiast sprawozdania: wojewoda dostaje prawdziwe liczby.")
    return package


def _forms_text(club: Club, totals: ReportTotals) -> str:
    """The text the outgoing files carry whoever the people are: the report template's and
    the data sheet's labels (for the scanner's one-word surnames)."""
    import re
    import zipfile

    from kis_xl.documents.locate import choose_template
    from kis_xl.report.workbook import data_rows

    texts = [label for _, _, label in data_rows(totals)]
    template = choose_template("sprawozdanie.docx", club.settings.templates_dir, club.source)
    try:
        with zipfile.ZipFile(template.path) as z:
            texts += [re.sub(r"<[^>]+>", " ", z.read(n).decode("utf-8", errors="replace"))
                      for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]
    except (OSError, zipfile.BadZipFile):
        pass  # the renderer reports a missing or broken template itself
    return "\n".join(texts)


def _copy(club: Club, workbook_file: Path | None, stage: Path, *, stem: str, year: int,
          today: date, pseudonymised: bool, password: str | None, notes: list[str],
          ) -> tuple[Path | None, Pseudonyms | None]:
    """The pseudonymised copy, when it may go: asked for, a password to encrypt it with,
    and the supervisor not asking for totals only."""
    if not pseudonymised or workbook_file is None:
        return None, None
    if club.settings.supervisor_totals_only == "tak":
        notes.append("Bez kopii pseudonimizowanej: nadzór chce tylko danych zbiorczych "
                     "(ustawienie „Nadzór chce tylko danych zbiorczych”).")
        return None, None
    if password is None:
        notes.append("Bez kopii pseudonimizowanej: zawiera kategorie uczestników (dane "
                     "szczególnych kategorii, art. 9 RODO), więc wychodzi tylko zaszyfrowana "
                     "– podaj hasło (kis-xl report --szyfruj albo --haslo-z-pliku).")
        return None, None
    copy = stage / f"{stem} - kopia pseudonimizowana {year}.xlsx"
    return copy, pseudonymised_copy(club, workbook_file, copy, today=today)


RECOMPUTED = ("hours", "outcomes")
"""The result sheets recomputed on the pseudonymised copy."""


def pseudonymised_copy(club: Club, source: Path, target: Path, *, today: date) -> Pseudonyms:
    """The copy with "Wynik godzin" and "Wynik rezultatów" recomputed on it.

    Here, not in ``kis_xl.report.pseudonymise``: recomputing runs actions through the file
    sink, which the report's modules (below the actions) must not call.
    """
    import functools

    from kis_xl.actions import registry
    from kis_xl.actions.base import run_on_file
    from kis_xl.report.pseudonymise import build_copy
    from kis_xl.sinks.xlsx.file_sink import FileSink
    from kis_xl.sinks.xlsx.safety import BACKUP_DIR, backups

    pseudonyms = build_copy(club, source, target)
    for name in RECOMPUTED:
        spec = registry.get(name)
        action = functools.partial(spec.load(), today=today)
        run_on_file(target, action, sheets=spec.sheets, sink=FileSink(target, user="kis-xl"))
    for old in backups(target):  # the copy's own backups: not the user's, not wanted
        old.unlink(missing_ok=True)
    folder = target.parent / BACKUP_DIR
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
    return pseudonyms


def _gate(files: list[tuple[str, bytes]], ids: Identities, *,
          passed: frozenset[str] = frozenset()) -> None:
    """Stop (nothing written) when the scanner finds a person in any of ``files``."""
    from kis_xl.report.scanner import scan_files

    hits = scan_files(files, ids, passed=passed)
    if not hits:
        return
    shown = [f"– {h.message()}" for h in hits[:_SHOWN]]
    if len(hits) > _SHOWN:
        shown.append(f"– … i {len(hits) - _SHOWN} więcej")
    raise ReportError(
        "Nic nie zapisano: w plikach do wysłania są dane, które mogą wskazać osobę:\n"
        + "\n".join(shown)
        + "\nUsuń je z tych miejsc (w skoroszycie albo w szablonie sprawozdania) i uruchom "
        "polecenie ponownie.")


_SHOWN = 30


def _deliver(staged: list[Path], folder: Path) -> list[Path]:
    """Copy the checked files into the package folder: none of them when the folder is a
    file or one of the files it would replace is open in Word, Excel or LibreOffice."""
    import shutil

    from kis_xl.sinks.output_files import ensure_not_open, prepare_folder

    ensure_not_open(folder / path.name for path in staged)
    prepare_folder(folder)
    out = []
    for path in staged:
        target = folder / path.name
        try:
            shutil.copyfile(path, target)
        except OSError as exc:
            raise ReportError(f"Nie można zapisać pliku „{target}”: {exc.strerror}. Zamknij "
                              "go, jeśli jest otwarty, i spróbuj ponownie.") from None
        out.append(target)
    return out


def _checked_year(year: int) -> int:
    """The report's year within the years a workbook's dates can hold (else a message)."""
    from kis_xl.workbook.schema import SETTINGS_BY_KEY

    low, high = SETTINGS_BY_KEY["reporting_year"].bounds or (2000, 2099)
    if not low <= year <= high:
        raise ReportError(f"Rok {year} jest poza zakresem: podaj rok sprawozdawczy od {low} do "
                          f"{high}, np. --rok {date.today().year - 1}. Nic nie zostało "
                          "zmienione.")
    return year


_WORD = "Sprawozdanie KIS {year}.docx"


def _word_report(club: Club, year: int, today: date, folder: Path, notes: list[str]) -> Path:
    """The Word report from the template, for ``year`` (passed as the settings' year)."""
    from kis_xl.documents.render import render_batch

    settings = dataclasses.replace(club.settings, reporting_year=year)
    for_year = dataclasses.replace(club, settings=settings)
    result = render_batch(for_year, "sprawozdanie", out_dir=folder, today=today)
    notes += result.notes
    docx = result.files[0]
    target = docx.with_name(_WORD.format(year=year))
    docx.replace(target)
    return target


def _open(path: Path) -> None:
    """Open the draft in the default mail program (Windows; elsewhere the user opens it)."""
    import os
    import sys

    if sys.platform == "win32":
        os.startfile(path)  # type: ignore[attr-defined]
