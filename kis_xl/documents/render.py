"""Rendering documents: the ``kis-xl docs`` action.

Reads nothing and writes nothing in the workbook: it takes a ``Club`` already
read and writes Word files (and PDFs) into a folder. One document per
participant (kontrakt, wniosek, zaświadczenie), per meeting (lista) or one
for the club (regulamin, program, zgłoszenie). Before the first document the
template is checked once: a syntax error or a forbidden construct stops the
batch with a Polish message naming the paragraph; names the data does not
provide are reported and print as dotted lines.

Why one module: choosing the subjects, naming the files and rendering them in a batch
(worker processes, one template check first) are the one ``docs`` action; the Word
clean-ups at the end (non-breaking spaces, abbreviations) run on every document it makes.
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kis_xl.documents.contexts import ClubData, Context
from kis_xl.documents.kinds import (
    BY_KEY,
    KINDS,
    SUBJECT_SHEETS,
    DocumentKind,
    Subject,
    find_kind,
    subject_records,
)
from kis_xl.documents.locate import TemplateChoice, choose_template
from kis_xl.domain.model import Club, Meeting, Participant, Volunteer
from kis_xl.plan.errors import KisError

if TYPE_CHECKING:
    from kis_xl.documents.fastsave import FastTemplate
    from kis_xl.domain.certificates import Issue

Progress = Callable[[int, int, str], None]
"""Called after each document: (done, total, file name)."""

DEFAULT_FOLDER = "dokumenty"


class DocumentsError(KisError):
    """The request cannot be carried out (unknown kind or ID, nothing to render)."""

    exit_code = 1


class TemplateProblem(KisError):
    """The template cannot be used as it is (syntax error, forbidden construct, missing file)."""

    exit_code = 2


@dataclass
class DocsResult:
    kind: DocumentKind
    template: Path
    files: list[Path] = field(default_factory=list)
    """Every file written: .docx, then .pdf when asked for."""
    notes: list[str] = field(default_factory=list)
    """Polish remarks for the user (template fallbacks, names the data lacks)."""
    count: int = 0
    """Documents rendered (in a combined file they are all in one)."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(ID, Polish reason) of records not given a document (``select_for_issue``)."""
    issued: list[Issue] = field(default_factory=list)
    """Certificates this batch added to the register (number, date): the write-back."""

    def json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.key,
            "template": str(self.template),
            "documents": self.count,
            "files": [str(p) for p in self.files],
            "notes": self.notes,
            "skipped": [{"id": i, "reason": r} for i, r in self.skipped],
            "issued": [{"id": x.participant, "number": x.number, "date": x.date.isoformat()}
                       for x in self.issued],
        }


def resolve_kind(kind: str | DocumentKind) -> DocumentKind:
    if isinstance(kind, DocumentKind):
        return kind
    found = find_kind(kind)
    if found is None:
        names = ", ".join(k.key for k in KINDS)
        raise DocumentsError(f"Nieznany rodzaj dokumentu „{kind}”. Dostępne: {names}.")
    return found


def select_subjects(club: Club, kind: DocumentKind, ids: Sequence[str] | None
                    ) -> list[Participant] | list[Meeting] | list[Volunteer] | list[None]:
    """The records to render: all of them, or those named by ``ids`` (in the given order)."""
    from kis_xl.domain.text import nearest

    if kind.subject is Subject.CLUB:
        if ids:
            raise DocumentsError(
                f"Dokument „{kind.key}” dotyczy całego klubu – opcja --id nie ma tu "
                "zastosowania. Uruchom polecenie bez --id."
            )
        return [None]
    records: list[Any] = subject_records(club, kind.subject)
    sheet_key, what = SUBJECT_SHEETS[kind.subject]
    sheet = club.names.sheet(sheet_key)
    if not records and club.sheet_names and sheet_key not in club.sheet_names:
        raise DocumentsError(
            f"W skoroszycie nie ma arkusza „{sheet}” (może zmieniono jego nazwę) – nie ma z "
            f"czego utworzyć dokumentów „{kind.key}”. Przywróć nazwę arkusza albo skopiuj go "
            "z nowego skoroszytu (kis-xl init)."
        )
    if not ids:
        return records
    by_id = {r.id: r for r in reversed(records)}
    by_folded = {i.strip().casefold(): r for i, r in by_id.items()}
    chosen: list[Any] = []
    taken: set[int] = set()  # id() of the chosen records: ``in chosen`` was quadratic
    missing: list[str] = []
    for raw in ids:
        for one in (x.strip() for x in raw.split(",")):
            if not one:
                continue
            record = by_id.get(one) or by_folded.get(one.casefold())
            if record is None:
                missing.append(one)
            elif id(record) not in taken:
                taken.add(id(record))
                chosen.append(record)
    if missing:
        hints = []
        for m in missing:
            near = nearest(m, list(by_id))
            hints.append(f"„{m}”" + (f" (może: {', '.join(near)})" if near else ""))
        raise DocumentsError(
            f"Nie ma {what} o ID {', '.join(hints)} w arkuszu „{sheet}”. Sprawdź identyfikatory "
            "– nie utworzono żadnego dokumentu."
        )
    return chosen


CHECKED_KINDS = ("kontrakt", "zaswiadczenie")
"""Documents that presuppose admission: not issued to whom the check says
"nie kwalifikuje się" unless forced (``force``)."""


def select_for_issue(
    data: ClubData, kind: DocumentKind, subjects: Sequence[Any], *, force: bool = False,
) -> tuple[list[Any], list[tuple[str, str]]]:
    """The subjects that get a document, and (ID, reason) for those skipped.

    * kontrakt, zaświadczenie: not for a person the check (``kis_xl.domain.rules.evaluate``)
      finds "nie kwalifikuje się" or whom the coordinator refused – unless ``force``;
    * zaświadczenie: only when participation has ended (an end date up to the
      document's date): art. 18 ust. 5a makes it confirm the *end* of participation.
    """
    from kis_xl.documents.formatting import short_date
    from kis_xl.domain.rules.status import INELIGIBLE

    if kind.subject is Subject.VOLUNTEER:
        return _volunteers_for_issue(data, kind, subjects)
    if kind.subject is not Subject.PARTICIPANT:
        return list(subjects), []
    kept: list[Any] = []
    skipped: list[tuple[str, str]] = []
    for p in subjects:
        status = data.statuses.get(p.id) if kind.key in CHECKED_KINDS and not force else None
        if status is not None and status.status == INELIGIBLE:
            skipped.append((p.id, f"nie kwalifikuje się – {status.reason}"))
        elif status is not None and status.refused:
            skipped.append((p.id, f"decyzja koordynatora – {status.reason}"))
        elif kind.key == "zaswiadczenie" and p.end_date is None:
            skipped.append((p.id, "uczestnictwo trwa (brak daty zakończenia udziału)"))
        elif kind.key == "zaswiadczenie" and p.end_date > data.today:
            skipped.append((p.id, f"uczestnictwo kończy się dopiero {short_date(p.end_date)}"))
        else:
            kept.append(p)
    return kept, skipped


def _volunteers_for_issue(data: ClubData, kind: DocumentKind, subjects: Sequence[Volunteer]
                          ) -> tuple[list[Any], list[tuple[str, str]]]:
    """Volunteers whose dates allow the document; ``--wymus`` does not change facts.

    * both kinds: not when "Do" is before "Od" (the check reports it as an error);
    * zaświadczenie wolontariusza: only when the work has started by the document's date
      (art. 44 ust. 2 certifies work performed).
    """
    from kis_xl.documents.formatting import short_date

    issuing = kind.key == "zaswiadczenie_wolontariusza"
    kept: list[Any] = []
    skipped: list[tuple[str, str]] = []
    for v in subjects:
        issued = (v.certificate_date or data.today) if issuing else data.today
        if v.date_from and v.date_to and v.date_to < v.date_from:
            skipped.append((v.id, f"data „Do” ({short_date(v.date_to)}) wcześniejsza niż "
                                  f"„Od” ({short_date(v.date_from)}) – popraw daty"))
        elif issuing and v.date_from is None:
            skipped.append((v.id, "brak daty rozpoczęcia świadczeń (kolumna „Od”)"))
        elif issuing and v.date_from is not None and v.date_from > issued:
            skipped.append((v.id, "świadczenia zaczynają się dopiero "
                                  f"{short_date(v.date_from)}"))
        else:
            kept.append(v)
    return kept, skipped


def upcoming_meetings(meetings: Sequence[Meeting], today: date, date_from: date | None,
                      date_to: date | None) -> list[Meeting]:
    """Meetings to print attendance lists for when no ID is given: from ``date_from``
    (default: today) to ``date_to`` (default: no limit), in date order.

    A list is signed at the meeting; printing every past meeting in one go would
    only invite collecting signatures afterwards.
    """
    lo, hi = date_from or today, date_to or date.max
    chosen = [m for m in meetings if m.date is not None and lo <= m.date <= hi]
    return sorted(chosen, key=lambda m: (m.date or date.min, m.start or time.min, m.id))


def file_stem(kind: DocumentKind, subject: Participant | Meeting | Volunteer | None,
              club: Club) -> str:
    from kis_xl.documents.names import safe_stem

    if isinstance(subject, Participant):
        return safe_stem(kind.title, subject.id, subject.last_name, subject.first_name)
    if isinstance(subject, Volunteer):
        return safe_stem(kind.title, subject.id, subject.last_name, subject.first_name)
    if isinstance(subject, Meeting):
        activity = club.activity(subject.activity) if subject.activity else None
        day = subject.date.isoformat() if subject.date else None
        return safe_stem(kind.title, subject.id, day, activity.name if activity else None)
    return safe_stem(kind.title)


def default_out_dir(club: Club) -> Path:
    base = club.source.resolve().parent if club.source is not None else Path.cwd()
    return base / DEFAULT_FOLDER


def render_documents(
    club: Club,
    kind: str | DocumentKind,
    ids: Sequence[str] | None = None,
    out_dir: Path | None = None,
    *,
    pdf: bool = False,
    combined: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
    force: bool = False,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[Path]:
    """Render documents of ``kind``; returns every file written (.docx, then .pdf)."""
    return render_batch(club, kind, ids=ids, out_dir=out_dir, pdf=pdf, combined=combined,
                        today=today, progress=progress, force=force, date_from=date_from,
                        date_to=date_to).files


def render_batch(
    club: Club,
    kind: str | DocumentKind,
    *,
    ids: Sequence[str] | None = None,
    out_dir: Path | None = None,
    pdf: bool = False,
    combined: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
    force: bool = False,
    date_from: date | None = None,
    date_to: date | None = None,
) -> DocsResult:
    """``render_documents`` with the remarks the CLI shows (template used, unknown names).

    Without ``ids`` attendance lists are made for meetings from ``date_from`` (default:
    today) to ``date_to``; ``select_for_issue`` says who gets a kontrakt or a
    zaświadczenie (``force`` also issues them to people the check rejects).
    """
    doc_kind = resolve_kind(kind)
    if (date_from or date_to) and (ids or doc_kind.subject is not Subject.MEETING):
        raise DocumentsError("Opcje --od i --do wybierają spotkania dla listy obecności; "
                             "nie łącz ich z --id ani z innym rodzajem dokumentu.")
    subjects: list[Any] = list(select_subjects(club, doc_kind, ids))
    choice = choose_template(doc_kind.template, club.settings.templates_dir, club.source)
    result = DocsResult(doc_kind, choice.path)
    if choice.note:
        result.notes.append(choice.note)
    if not subjects:
        sheet = club.names.sheet(SUBJECT_SHEETS[doc_kind.subject][0])
        raise DocumentsError(f"Arkusz „{sheet}” jest pusty – nie ma z czego utworzyć "
                             f"dokumentów „{doc_kind.key}”.")
    data = ClubData(club, today or date.today())
    if doc_kind.subject is Subject.MEETING and not ids:
        subjects = upcoming_meetings(subjects, data.today, date_from, date_to)
        if not subjects:
            from kis_xl.documents.formatting import short_date

            span = (f"od {short_date(date_from or data.today)}"
                    + (f" do {short_date(date_to)}" if date_to else ""))
            raise DocumentsError(
                f"W arkuszu „Spotkania” nie ma spotkań {span}. Listę obecności drukuje się "
                "przed spotkaniem: dopisz planowane spotkanie albo wskaż spotkania przez "
                "--id lub zakres dat --od/--do.")
    subjects, result.skipped = select_for_issue(data, doc_kind, subjects, force=force)
    if not subjects:
        reasons = "; ".join(f"{i}: {r}" for i, r in result.skipped[:10])
        hint = (" Aby mimo to utworzyć dokument dla osoby, która nie kwalifikuje się, użyj "
                "opcji --wymus." if any(r.startswith("nie kwalifikuje") for _, r in
                                        result.skipped) else "")
        raise DocumentsError(
            f"Nie utworzono żadnego dokumentu „{doc_kind.key}” – {reasons}.{hint}")
    if pdf:
        from kis_xl.documents.pdf import require_soffice

        require_soffice()  # before any work: no half-done batch without its PDFs
    if doc_kind.key == "zaswiadczenie":
        from kis_xl.domain.certificates import issue_certificates

        data.issued = issue_certificates(club.certificates, subjects, data.today)
        # in the order of their numbers: the register reads like a register
        result.issued = sorted((x for x in data.issued.values() if x.new), key=lambda x: x.date)
    renderer = Renderer(choice, doc_kind)
    result.notes.extend(renderer.preflight())
    from kis_xl.sinks.output_files import prepare_folder

    folder = prepare_folder((out_dir if out_dir is not None else default_out_dir(club)).resolve())
    batch = _Batch(folder, (".docx", ".pdf") if pdf else (".docx",), len(subjects), progress)
    if combined and len(subjects) > 1:  # a single document is its own print file
        docx_files = batch.combined(renderer, data, subjects, doc_kind)
    else:
        docx_files = batch.separate(renderer, data, subjects, doc_kind)
    result.count = len(subjects)
    result.files.extend(docx_files)
    if pdf:
        from kis_xl.documents.pdf import convert_to_pdf

        result.files.extend(convert_to_pdf(docx_files))
    return result


@dataclass
class _Batch:
    folder: Path
    suffixes: tuple[str, ...]
    total: int
    progress: Progress | None
    taken: list[str] = field(default_factory=list)

    def _stem(self, stem: str) -> str:
        from kis_xl.documents.names import unique_stem

        chosen = unique_stem(self.folder, stem, self.suffixes, self.taken)
        self.taken.append(chosen)
        return chosen

    def _tick(self, done: int, label: str) -> None:
        if self.progress is not None:
            self.progress(done, self.total, label)

    def separate(self, renderer: Renderer, data: ClubData, subjects: Sequence[Any],
                 kind: DocumentKind) -> list[Path]:
        """One file per subject; on every core when the batch is big enough (each worker
        opens the template once), the same files either way.

        The contexts are built here, a chunk at a time, while the workers already render
        the chunks before (a context pickles; the club does not need to).
        """
        paths = [self.folder / f"{self._stem(file_stem(kind, subject, data.club))}.docx"
                 for subject in subjects]
        workers = worker_count(len(paths))
        if workers <= 1:
            for i, (subject, path) in enumerate(zip(subjects, paths, strict=True), start=1):
                self._tick(i, renderer.save(kind.build(data, subject), path).name)
            return paths
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        chunk = max(1, min(16, len(paths) // (workers * 4)))
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(),
                                 initializer=_start_worker, initargs=(renderer,)) as pool:
            futures = [pool.submit(_render_in_worker,
                                   [(kind.build(data, subject), path) for subject, path in
                                    zip(subjects[start:start + chunk],
                                        paths[start:start + chunk], strict=True)])
                       for start in range(0, len(paths), chunk)]
            done = 0
            for future in futures:
                for path in future.result():
                    done += 1
                    self._tick(done, path.name)
        return paths

    def combined(self, renderer: Renderer, data: ClubData, subjects: Sequence[Any],
                 kind: DocumentKind) -> list[Path]:
        from kis_xl.documents.combine import Combiner
        from kis_xl.documents.names import safe_stem

        master = renderer.render(kind.build(data, subjects[0]))
        combiner = Combiner(master)
        self._tick(1, file_stem(kind, subjects[0], data.club))
        for i, subject in enumerate(subjects[1:], start=2):
            combiner.append(renderer.render(kind.build(data, subject)))
            self._tick(i, file_stem(kind, subject, data.club))
        stem = self._stem(safe_stem(kind.title, "– wszystkie", f"({len(subjects)})"))
        path = self.folder / f"{stem}.docx"
        master.save(str(path))
        return [path]


PARALLEL_FROM = 24
"""Documents in a batch from which rendering uses every core. Starting two workers
costs about 40 ms and each opens the template (about 50 ms, in parallel) while a
contract takes about 12 ms of CPU: on an idle two-core machine the workers pay off
from about ten documents; on one shared with other work (26.11.2026) serial and
parallel were about even up to a hundred, so the threshold stays conservative."""


def worker_count(documents: int) -> int:
    """Processes to render ``documents`` separate files with: every core for a big batch."""
    from kis_xl.workbook.read_ahead import cores as usable_cores

    cores = usable_cores()
    if documents < PARALLEL_FROM or cores < 2:
        return 1
    return min(cores, documents // (PARALLEL_FROM // 2))


_WORKER: Renderer | None = None


def _start_worker(renderer: Renderer) -> None:
    global _WORKER  # noqa: PLW0603 - one renderer per worker process, set once
    _WORKER = renderer


def _render_in_worker(jobs: list[tuple[Context, Path]]) -> list[Path]:
    assert _WORKER is not None
    return [_WORKER.save(*job) for job in jobs]


class Renderer:
    """One template, loaded once, rendered for many contexts in the sandbox.

    The template's XML is cleaned for Jinja (docxtpl's ``patch_xml``) and compiled once
    per renderer, not once per document; ``save`` renders on the template opened once
    (``kis_xl.documents.fastsave``); the renderer pickles (without those caches) to the
    worker processes of a big batch, each of which opens the template once.
    """

    def __init__(self, choice: TemplateChoice, kind: DocumentKind) -> None:
        if not choice.path.is_file():
            where = "własnym folderze szablonów" if choice.own else "szablonach programu"
            raise TemplateProblem(
                f"Brak szablonu „{choice.path.name}” w {where} ({choice.path.parent}). "
                "Przywróć plik albo zainstaluj program ponownie."
            )
        self.path = choice.path
        self.kind = kind
        self.blob = choice.path.read_bytes()
        self._env: Any = None
        self._patched: dict[str, str] = {}
        self._fast: FastTemplate | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "kind": self.kind, "blob": self.blob}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._env = None
        self._patched = {}
        self._fast = None

    def save(self, context: Context, path: Path, *, fast: bool = True) -> Path:
        """Render ``context`` into the file ``path``.

        With ``fast`` (the default) a context of plain data is rendered on the template
        opened once per renderer and written without re-serializing the untouched parts
        (``kis_xl.documents.fastsave``): the same parts as ``render(context).save(path)``.
        """
        from kis_xl.documents.fastsave import plain_context

        if not (fast and plain_context(context)):
            self.render(context).save(str(path))
            return path
        if self._fast is None:
            from kis_xl.documents.fastsave import FastTemplate

            self._fast = FastTemplate(self.blob, _template_class(), self._patched,
                                      finish_document)
        with self._filling():
            exact = self._fast.save(context, self._environment(), path)
        if not exact:  # rendering changed the package: open the template afresh next time
            self._fast = None
        return path

    def preflight(self) -> list[str]:
        """Stop on what would fail or be unsafe; return remarks about names the data lacks."""
        from kis_xl.documents.checker import check_template_bytes
        from kis_xl.domain.findings import Severity

        problems = check_template_bytes(self.blob, self.path.name, self.kind)
        fatal = [p for p in problems if p.severity is Severity.ERROR and p.fatal]
        if fatal:
            first = fatal[0]
            raise TemplateProblem(
                f"Szablonu „{self.path.name}” nie można użyć: {first.message}"
                + (f" Akapit: „{first.paragraph}”." if first.paragraph else "")
                + " Popraw szablon w Wordzie (kis-xl templates check pokaże wszystkie problemy)."
            )
        return [f"Szablon „{self.path.name}”: {p.message}" for p in problems]

    def _environment(self) -> Any:
        from kis_xl.documents.environment import environment

        if self._env is None:
            self._env = environment()  # compiles each part of the template once
        return self._env

    @contextlib.contextmanager
    def _filling(self) -> Iterator[None]:
        """Rendering errors as the Polish ``TemplateProblem``."""
        from jinja2 import TemplateError

        from kis_xl.documents.environment import UnsafeTemplate

        try:
            yield
        except UnsafeTemplate as exc:
            raise TemplateProblem(
                f"Szablon „{self.path.name}” próbuje odwołać się do „{exc.attribute}” – takie "
                "odwołania są zablokowane, bo szablon mógł przyjść z niezaufanego źródła. "
                "Usuń ten znacznik z szablonu (kis-xl templates check pokaże akapit)."
            ) from None
        except (TemplateError, TypeError, ValueError, AttributeError) as exc:
            raise TemplateProblem(
                f"Szablonu „{self.path.name}” nie udało się wypełnić: {exc}. Sprawdź go "
                "poleceniem kis-xl templates check."
            ) from None

    def render(self, context: Context) -> Any:
        """The rendered python-docx Document (not yet saved), from a fresh copy of the
        template: docxtpl's own way."""
        template = _template_class()(io.BytesIO(self.blob))
        template.patched = self._patched
        with self._filling():
            template.render(context, jinja_env=self._environment(), autoescape=True)
        document = template.docx
        finish_document(document)
        return document


def finish_document(document: Any) -> None:
    """Our typographic passes over a rendered document."""
    merge_abbreviation_periods(document)
    tie_single_letter_words(document)


@functools.cache
def _template_class() -> Any:
    """docxtpl's template whose ``patch_xml`` (regular expressions over the whole part,
    a third of the rendering) runs once per part of a template: it depends on the XML only."""
    from docxtpl import DocxTemplate

    class _Template(DocxTemplate):  # type: ignore[misc]
        patched: dict[str, str]

        def patch_xml(self, src_xml: str) -> str:
            out = self.patched.get(src_xml)
            if out is None:
                out = self.patched[src_xml] = super().patch_xml(src_xml)
            return out

    return _Template


_W_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"


def _text_roots(document: Any) -> list[Any]:
    """The body and every header and footer part of a rendered document."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    roots = [document.element.body]
    roots += [rel.target_part.element for rel in document.part.rels.values()
              if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external]
    return roots


def tie_single_letter_words(document: Any) -> None:
    """A one-letter word (w, z, o, i, a, u) never ends a line, nor does a postal code
    split (``formatting.line_ties``): in the template's own text, in the data and in
    staff-edited templates alike.

    Works on each paragraph's whole text, so a word ending one run ("… klubu w") and the
    space starting the next ("" Testowie") are tied as well.
    """
    from kis_xl.documents.formatting import line_ties

    for root in _text_roots(document):
        for paragraph in root.iter(_W_P):
            texts = [t for t in paragraph.iter(_W_T)
                     if t.text and next(t.iterancestors(_W_P)) is paragraph]
            joined = "".join(t.text for t in texts)
            ties = line_ties(joined)
            if not ties:
                continue
            positions = sorted(ties)
            starts, offset = [], 0
            for t in texts:
                starts.append(offset)
                offset += len(t.text)
            chosen = iter(positions)
            target = next(chosen, None)
            for t, start in zip(texts, starts, strict=True):
                if target is None:
                    break
                end = start + len(t.text)
                if target >= end:
                    continue
                chars = list(t.text)
                while target is not None and target < end:
                    chars[target - start] = ties[target]
                    target = next(chosen, None)
                t.text = "".join(chars)


_YEAR_PERIOD = re.compile(r"(\d{4}[ \u00a0]r\.)\.(?!\.)")
_W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def merge_abbreviation_periods(document: Any) -> None:
    """"… 5 marca 2025 r.." → "… 2025 r." where a template ends a sentence after a date.

    Polish typography writes one period when a sentence ends with an abbreviation; dates
    print as "5 marca 2025 r.", and templates naturally put a period after the tag.
    """
    for root in _text_roots(document):
        for t in root.iter(_W_T):
            if t.text and "r.." in t.text:
                t.text = _YEAR_PERIOD.sub(r"\1", t.text)


__all__ = ["BY_KEY", "DocsResult", "render_batch", "render_documents"]
