"""Rendering documents: the ``kis-xl docs`` action.

Reads nothing and writes nothing in the workbook: it takes a ``Club`` already
read and writes Word files (and PDFs) into a folder. One document per
participant (kontrakt, wniosek, zaświadczenie), per meeting (lista) or one
for the club (regulamin, program, wpis). Before the first document the
template is checked once: a syntax error or a forbidden construct stops the
batch with a Polish message naming the paragraph; names the data does not
provide are reported and print as dotted lines.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kis_xl.documents.contexts import ClubData, Context
from kis_xl.documents.kinds import BY_KEY, KINDS, DocumentKind, Subject, find_kind
from kis_xl.documents.locate import TemplateChoice, choose_template
from kis_xl.errors import KisError
from kis_xl.model import Club, Meeting, Participant

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

    def json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.key,
            "template": str(self.template),
            "documents": self.count,
            "files": [str(p) for p in self.files],
            "notes": self.notes,
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
                    ) -> list[Participant] | list[Meeting] | list[None]:
    """The records to render: all of them, or those named by ``ids`` (in the given order)."""
    from kis_xl.text import nearest

    if kind.subject is Subject.CLUB:
        if ids:
            raise DocumentsError(
                f"Dokument „{kind.key}” dotyczy całego klubu – opcja --id nie ma tu "
                "zastosowania. Uruchom polecenie bez --id."
            )
        return [None]
    records: list[Any] = list(
        club.participants if kind.subject is Subject.PARTICIPANT else club.meetings)
    what, sheet = (("uczestnika", "Uczestnicy") if kind.subject is Subject.PARTICIPANT
                   else ("spotkania", "Spotkania"))
    if not ids:
        return records
    by_id = {r.id: r for r in reversed(records)}
    by_folded = {i.strip().casefold(): r for i, r in by_id.items()}
    chosen: list[Any] = []
    missing: list[str] = []
    for raw in ids:
        for one in (x.strip() for x in raw.split(",")):
            if not one:
                continue
            record = by_id.get(one) or by_folded.get(one.casefold())
            if record is None:
                missing.append(one)
            elif record not in chosen:
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


def file_stem(kind: DocumentKind, subject: Participant | Meeting | None, club: Club) -> str:
    from kis_xl.documents.names import safe_stem

    if isinstance(subject, Participant):
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
) -> list[Path]:
    """Render documents of ``kind``; returns every file written (.docx, then .pdf)."""
    return render_batch(club, kind, ids=ids, out_dir=out_dir, pdf=pdf, combined=combined,
                        today=today, progress=progress).files


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
) -> DocsResult:
    """``render_documents`` with the remarks the CLI shows (template used, unknown names)."""
    doc_kind = resolve_kind(kind)
    subjects = select_subjects(club, doc_kind, ids)
    choice = choose_template(doc_kind.template, club.settings.templates_dir, club.source)
    result = DocsResult(doc_kind, choice.path)
    if choice.note:
        result.notes.append(choice.note)
    if not subjects:
        sheet = "Uczestnicy" if doc_kind.subject is Subject.PARTICIPANT else "Spotkania"
        raise DocumentsError(f"Arkusz „{sheet}” jest pusty – nie ma z czego utworzyć "
                             f"dokumentów „{doc_kind.key}”.")
    if pdf:
        from kis_xl.documents.pdf import require_soffice

        require_soffice()  # before any work: no half-done batch without its PDFs
    renderer = Renderer(choice, doc_kind)
    result.notes.extend(renderer.preflight())
    folder = (out_dir if out_dir is not None else default_out_dir(club)).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    batch = _Batch(folder, (".docx", ".pdf") if pdf else (".docx",), len(subjects), progress)
    data = ClubData(club, today or date.today())
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
        files = []
        for i, subject in enumerate(subjects, start=1):
            document = renderer.render(kind.build(data, subject))
            path = self.folder / f"{self._stem(file_stem(kind, subject, data.club))}.docx"
            document.save(str(path))
            files.append(path)
            self._tick(i, path.name)
        return files

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


class Renderer:
    """One template, loaded once, rendered for many contexts in the sandbox."""

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

    def preflight(self) -> list[str]:
        """Stop on what would fail or be unsafe; return remarks about names the data lacks."""
        from kis_xl.documents.checker import check_template_bytes
        from kis_xl.findings import Severity

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

    def render(self, context: Context) -> Any:
        """The rendered python-docx Document (not yet saved)."""
        from docxtpl import DocxTemplate
        from jinja2 import TemplateError

        from kis_xl.documents.environment import UnsafeTemplate, environment

        template = DocxTemplate(io.BytesIO(self.blob))
        try:
            template.render(context, jinja_env=environment(), autoescape=True)
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
        document = template.docx
        merge_abbreviation_periods(document)
        return document


_YEAR_PERIOD = re.compile(r"(\d{4}[ \u00a0]r\.)\.(?!\.)")
_W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def merge_abbreviation_periods(document: Any) -> None:
    """"… 5 marca 2025 r.." → "… 2025 r." where a template ends a sentence after a date.

    Polish typography writes one period when a sentence ends with an abbreviation; dates
    print as "5 marca 2025 r.", and templates naturally put a period after the tag.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    roots = [document.element.body]
    roots += [rel.target_part.element for rel in document.part.rels.values()
              if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external]
    for root in roots:
        for t in root.iter(_W_T):
            if t.text and "r.." in t.text:
                t.text = _YEAR_PERIOD.sub(r"\1", t.text)


__all__ = ["BY_KEY", "DocsResult", "render_batch", "render_documents"]
