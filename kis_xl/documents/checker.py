"""``kis-xl templates check``: what an edited template asks for that will not work.

Office staff edit templates in Word; Word then does things to tags that are
invisible on screen. For each template this reports, with the paragraph's
text so the place can be found:

* **syntax errors** (``{{ osoba.imie }``, an ``{% for %}`` without
  ``{% endfor %}``, an unknown filter) — rendering would stop;
* **forbidden constructs** (``{{ ''.__class__ }}``, names starting with
  ``_``) — the sandbox refuses them;
* **names the data does not provide** (``{{ osoba.nazwsko }}``) with the
  nearest names that exist — they would print as a dotted line;
* **tags broken by Word**: a tag spread over two paragraphs (rendering glues
  the paragraphs together), a tag split into runs of *different* formatting
  (it is rejoined, but the whole value takes the first part's formatting —
  runs that differ only by Word's revision ids are harmless and not reported),
  and brace fragments that will print literally (``{ {``, a stray ``}}``).

The names a template may use come from the context builders themselves: each
kind's context is built for a small sample club (``sample.py``) and its shape
(mappings, lists of mappings, values) is what names are checked against.

Why one module: the four kinds of problem below are found in one walk over a template's
XML, and each is reported with the same paragraph text; the shapes of the names the data
provides are here because only the check uses them.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from kis_xl.documents.kinds import BY_TEMPLATE, KINDS, DocumentKind, subject_records
from kis_xl.domain.findings import Severity

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_P = f"{{{W}}}p"
_W_T = f"{{{W}}}t"
_W_R = f"{{{W}}}r"
_W_RPR = f"{{{W}}}rPr"

_PART = re.compile(r"^(word/(document|header\d*|footer\d*|footnotes)|docProps/core)\.xml$")
_CORE = "docProps/core.xml"
_RENDERED_PROPERTIES = ("title", "subject", "creator", "description", "identifier", "language")
"""Core properties docxtpl renders as templates too (File → Info in Word)."""
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_OPENER = re.compile(r"\{\{|\{%|\{#")
_CLOSER = re.compile(r"\}\}|%\}|#\}")
_SPACED = re.compile(r"\{\s+[{%]|[}%]\s+\}")
_XML_TAGS = re.compile(r"<[^>]+>")
_IMPLICIT = ("loop", "caller", "varargs", "kwargs")
"""Names Jinja itself provides inside loops and macros."""
_RSID = re.compile(r'\s+w:rsid\w*="[^"]*"')


@dataclass(frozen=True, slots=True)
class TemplateFinding:
    code: str
    severity: Severity
    message: str
    paragraph: str | None = None
    """Text of the paragraph the problem is in (as Word shows it, tags included)."""
    tag: str | None = None
    suggestions: tuple[str, ...] = ()
    fatal: bool = False
    """Rendering with this template would stop (syntax error, forbidden construct)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "paragraph": self.paragraph,
            "tag": self.tag,
            "suggestions": list(self.suggestions),
            "fatal": self.fatal,
        }


@dataclass
class TemplateReport:
    file: Path
    kind: DocumentKind | None
    findings: list[TemplateFinding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.file),
            "kind": self.kind.key if self.kind else None,
            "ok": self.ok,
            "problems": [f.to_dict() for f in self.findings],
        }


# ----------------------------------------------------------------------------- shapes


class Shape:
    """What a name holds in a context: a mapping, a list, a value, or unknown."""


@dataclass
class MapShape(Shape):
    fields: dict[str, Shape]


@dataclass
class ListShape(Shape):
    item: Shape


class ValueShape(Shape):
    pass


class AnyShape(Shape):
    pass


VALUE = ValueShape()
ANY = AnyShape()


def shape_of(value: Any) -> Shape:
    if isinstance(value, dict):
        return MapShape({str(k): shape_of(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        item: Shape | None = None
        for x in value:
            item = _merge(item, shape_of(x))
        return ListShape(item if item is not None else ANY)
    return VALUE


def _merge(a: Shape | None, b: Shape) -> Shape:
    if a is None or (isinstance(a, ValueShape) and not isinstance(b, ValueShape)):
        return b  # a padding None next to real items
    if isinstance(a, MapShape) and isinstance(b, MapShape):
        fields = dict(a.fields)
        for k, v in b.fields.items():
            fields[k] = _merge(fields.get(k), v)
        return MapShape(fields)
    if isinstance(a, ListShape) and isinstance(b, ListShape):
        return ListShape(_merge(a.item, b.item))
    return a


def paths(shape: Shape, prefix: str = "") -> list[str]:
    """Every dotted name a shape offers (list items as ``lista[].pole``)."""
    out: list[str] = []
    if isinstance(shape, MapShape):
        for k, v in shape.fields.items():
            name = f"{prefix}.{k}" if prefix else k
            out.append(name)
            out.extend(paths(v, name))
    elif isinstance(shape, ListShape):
        out.extend(paths(shape.item, f"{prefix}[]"))
    return out


@cache
def kind_shape(key: str) -> MapShape:
    """The shape of a kind's context, built from the sample club."""
    from kis_xl.documents.contexts import ClubData
    from kis_xl.documents.sample import SAMPLE_TODAY, sample_club

    kind = next(k for k in KINDS if k.key == key)
    club = sample_club()
    data = ClubData(club, SAMPLE_TODAY)
    shape: Shape | None = None
    subjects: list[Any] = subject_records(club, kind.subject)
    for subject in subjects:
        shape = _merge(shape, shape_of(kind.build(data, subject)))
    assert isinstance(shape, MapShape)
    return shape


def available_names(kind: DocumentKind) -> list[str]:
    """Names a template of ``kind`` may use (README documents them)."""
    return paths(kind_shape(kind.key))


SHARED_GROUPS = ("klub", "osoba")
"""Names that mean the same in every document that has them (listed once in README)."""


def tag_reference(kind: DocumentKind | None = None) -> list[str]:
    """Names a template may use, one line per group: ``- `osoba`: `imie`, `nazwisko`…``.

    Without ``kind``: the shared groups (``klub``, ``osoba``). With a kind: its own names
    (top-level ones, then each mapping or list of mappings), without the shared groups.
    README carries this text; a test keeps the two equal.
    """
    if kind is None:
        shapes = [kind_shape(k.key) for k in KINDS]
        lines = []
        for group in SHARED_GROUPS:
            shape = next(s.fields[group] for s in shapes if group in s.fields)
            lines.extend(_group_lines(group, shape))
        return lines
    shape = kind_shape(kind.key)
    top = [k for k in shape.fields if k not in SHARED_GROUPS]
    lines = ["- " + ", ".join(f"`{k}`" for k in top)]
    for k in top:
        lines.extend(_group_lines(k, shape.fields[k]))
    return lines


def _group_lines(name: str, shape: Shape) -> list[str]:
    if isinstance(shape, ListShape):
        return _group_lines(f"{name}[]", shape.item)
    if not isinstance(shape, MapShape):
        return []
    lines = [f"- `{name}`: " + ", ".join(f"`{k}`" for k in shape.fields)]
    for k, v in shape.fields.items():
        lines.extend(_group_lines(f"{name}.{k}", v))
    return lines


# ----------------------------------------------------------------------------- xml


def _parts(blob: bytes) -> Iterator[tuple[str, str]]:
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        for name in z.namelist():
            if _PART.match(name):
                yield name, z.read(name).decode("utf-8")


def _paragraph_text(p: Any) -> list[tuple[str, Any]]:
    """(text, run) of each w:t that belongs to ``p`` itself (not to a nested text box)."""
    out = []
    for t in p.iter(_W_T):
        owner = next((a for a in t.iterancestors() if a.tag == _W_P), None)
        if owner is p:
            run = t.getparent()
            out.append((t.text or "", run))
    return out


def _format_key(run: Any) -> str:
    from lxml import etree

    rpr = run.find(_W_RPR) if run is not None and run.tag == _W_R else None
    if rpr is None:
        return ""
    return _RSID.sub("", etree.tostring(rpr, encoding="unicode"))


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _continuation(joined: list[str], i: int, opener: str) -> int | None:
    """The later paragraph that closes a tag opened in paragraph ``i``, if one does.

    A paragraph continues the tag when its closing braces come before any new opening
    ones; otherwise the tag is simply unclosed (the syntax check reports that).
    """
    closing = {"{{": "}}", "{%": "%}", "{#": "#}"}[opener]
    for j in range(i + 1, min(i + 30, len(joined))):
        text = joined[j]
        close = text.find(closing)
        first_open = _OPENER.search(text)
        if close >= 0 and (first_open is None or close < first_open.start()):
            return j
        if first_open is not None:
            return None
    return None


def _word_problems(xml: str, unclosed: list[str]) -> list[TemplateFinding]:
    """Tags Word has broken: across paragraphs, across differently formatted runs, fragments.

    Paragraphs with a tag that is never closed are added to ``unclosed``: docxtpl glues
    them to the following text before Jinja sees them, so Jinja's own line is less exact.
    """
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"))
    findings: list[TemplateFinding] = []
    paragraphs = list(root.iter(_W_P))
    texts = [_paragraph_text(p) for p in paragraphs]
    joined = ["".join(t for t, _ in segs) for segs in texts]
    continued: set[int] = set()
    for i, segs in enumerate(texts):
        text = joined[i]
        if not text:
            continue
        bounds = []
        pos = 0
        for seg_text, run in segs:
            bounds.append((pos, pos + len(seg_text), run))
            pos += len(seg_text)
        rest = text
        for m in _TAG.finditer(text):
            runs = [run for start, end, run in bounds
                    if end > m.start() and start < m.end() and end > start]
            formats = {_format_key(r) for r in runs}
            if len(formats) > 1:
                findings.append(TemplateFinding(
                    "template-split-tag", Severity.WARNING,
                    f"Znacznik „{_short(m.group(0), 60)}” jest podzielony formatowaniem Worda "
                    f"na {len(runs)} części o różnym wyglądzie; zadziała, ale cała wartość "
                    "dostanie wygląd pierwszej części. Zaznacz cały znacznik i nadaj mu jedno "
                    "formatowanie (albo usuń go i wpisz ponownie jednym ciągiem).",
                    _short(text), m.group(0)))
            rest = rest.replace(m.group(0), " " * len(m.group(0)), 1)
        if i in continued and (end := _CLOSER.search(rest)) is not None:
            rest = rest[end.end():]  # the end of a tag begun above (already reported)
        opener = _OPENER.search(rest)
        spaced = _SPACED.search(rest)
        if opener is not None:
            later = _continuation(joined, i, opener.group(0))
            if later is not None:
                continued.add(later)
                findings.append(TemplateFinding(
                    "template-tag-across-paragraphs", Severity.ERROR,
                    f"Znacznik zaczęty znakami „{opener.group(0)}” kończy się dopiero w "
                    f"{'następnym' if later == i + 1 else 'kolejnym'} akapicie "
                    f"(„{_short(joined[later], 60)}”). Przy wypełnianiu akapity zostaną "
                    "sklejone, a układ dokumentu się zmieni. Zapisz cały znacznik w jednym "
                    "akapicie (bez Enter w środku).",
                    _short(text), _short(rest[opener.start():], 60)))
            else:  # unclosed: the syntax check reports it, naming this paragraph
                unclosed.append(_short(text))
        elif spaced is None and (closer := _CLOSER.search(rest)) is not None:
            findings.append(TemplateFinding(
                "template-stray-closing", Severity.WARNING,
                f"Znaki „{closer.group(0)}” nie zamykają żadnego znacznika i zostaną "
                "wydrukowane dosłownie. Sprawdź, czy znacznik ma oba nawiasy otwierające, "
                "np. {{ osoba.imie }}.",
                _short(text)))
        if spaced is not None:
            findings.append(TemplateFinding(
                "template-spaced-braces", Severity.WARNING,
                f"„{spaced.group(0)}” wygląda na znacznik ze spacją między nawiasami – nie "
                "zostanie wypełniony i wydrukuje się dosłownie. Usuń spację („{{”, „{%”).",
                _short(text)))
    return findings


# ----------------------------------------------------------------------------- jinja


_SYNTAX = (
    (re.compile(r"^unexpected '(.+)'$"), "nieoczekiwany znak „{0}” – sprawdź nawiasy znacznika"),
    (re.compile(r"^Unexpected end of template\..*'(\w+)'\.$", re.S),
     "brakuje zamknięcia bloku „{0}” (np. {{% end{0} %}})"),
    (re.compile(r"^Encountered unknown tag '(\w+)'\..*closed is '(\w+)'", re.S),
     "nieoczekiwany znacznik „{0}” – otwarty jest blok „{1}”"),
    (re.compile(r"^Encountered unknown tag '(\w+)'\.", re.S),
     "nieznany lub niesparowany znacznik „{0}” (np. „end…” bez początku bloku)"),
    (re.compile(r"^expected token 'end of print statement', got '(.+)'$"),
     "niepoprawny zapis wewnątrz {{{{ … }}}}: nieoczekiwane „{0}”"),
    (re.compile(r"^expected token '(.+)', got '(.+)'$"),
     "niepoprawny zapis znacznika: oczekiwano „{0}”, jest „{1}”"),
    (re.compile(r"^Expected an expression, got '(.+)'$"), "pusty znacznik lub brak nazwy"),
    (re.compile(r"^expected name or number$"), "po kropce brakuje nazwy"),
    (re.compile(r"^No filter named '(.+)'\.?$"), "nieznany filtr „{0}”"),
    (re.compile(r"^No test named '(.+)'\.?$"), "nieznany test „{0}”"),
)


def polish_syntax(message: str) -> str:
    for pattern, text in _SYNTAX:
        m = pattern.search(message.strip())
        if m:
            return text.format(*m.groups())
    return f"błąd składni ({message})"


def _patched(xml: str) -> tuple[str, list[str]]:
    """The XML as docxtpl hands it to Jinja, and the text of each of its lines."""
    from docxtpl import DocxTemplate

    source = DocxTemplate.patch_xml(_PatchHost(), xml)
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
    lines = [_XML_TAGS.sub("", line) for line in source.split("\n")]
    return source, lines


class _PatchHost:
    """``patch_xml`` needs only ``self`` for nothing; avoid loading a document for it."""


class _Walker:
    """Walks a template's syntax tree and reports names the context lacks."""

    def __init__(self, shape: MapShape, env: Any, lines: list[str], check_names: bool) -> None:
        self.root = shape
        self.check_names = check_names
        self.env = env
        self.lines = lines
        self.findings: list[TemplateFinding] = []
        self.seen: set[tuple[str, str]] = set()
        self.names = paths(shape)

    def line(self, node: Any) -> str | None:
        n = getattr(node, "lineno", None)
        if n is None or not 0 < n <= len(self.lines):
            return None
        return _short(self.lines[n - 1]) or None

    def report(self, node: Any, code: str, message: str, tag: str, *,
               suggestions: Iterable[str] = (), severity: Severity = Severity.ERROR,
               fatal: bool = False) -> None:
        key = (code, tag)
        if key in self.seen:
            return
        self.seen.add(key)
        self.findings.append(TemplateFinding(code, severity, message, self.line(node), tag,
                                             tuple(suggestions), fatal))

    def nearest(self, name: str, candidates: list[str]) -> list[str]:
        from kis_xl.domain.text import nearest

        return nearest(name, candidates)

    # --------------------------------------------------------------- evaluation

    def expr(self, node: Any, scope: dict[str, Shape]) -> tuple[Shape, str | None]:
        """Shape of an expression and its dotted name (when it is a plain path)."""
        from jinja2 import nodes

        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name], node.name
            if node.name not in self.env.globals and node.name not in _IMPLICIT:
                self.unknown(node, node.name, list(scope))
            return ANY, None
        if isinstance(node, nodes.Getattr | nodes.Getitem):
            return self.attribute(node, scope)
        if isinstance(node, nodes.Filter):
            return self.filtered(node, scope)
        if isinstance(node, nodes.Test):
            self.check_filter(node, node.name, self.env.tests, test=True)
        self.visit_children(node, scope)
        return ANY, None

    def attribute(self, node: Any, scope: dict[str, Shape]) -> tuple[Shape, str | None]:
        """``a.b`` / ``a["b"]``: the field's shape, or a report when the data lacks it."""
        from jinja2 import nodes

        if isinstance(node, nodes.Getattr):
            attr: str | None = node.attr
        else:
            self.visit(node.arg, scope)
            is_name = isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str)
            attr = node.arg.value if is_name else None
        base, path = self.expr(node.node, scope)
        if attr is None:
            return (base.item if isinstance(base, ListShape) else ANY), None
        full = f"{path}.{attr}" if path else attr
        if attr.startswith("_"):
            self.report(node, "template-unsafe",
                        f"Znacznik sięga do „{attr}” – nazwy zaczynające się od „_” są "
                        "zablokowane (ochrona przed szablonami z niezaufanych źródeł). "
                        "Usuń ten znacznik.", full, fatal=True)
            return ANY, None
        if not isinstance(base, MapShape):
            return ANY, None
        if attr in base.fields:
            return base.fields[attr], full if path else None
        if path is not None:
            self.unknown(node, full, [f"{path}.{k}" for k in base.fields])
        return ANY, None

    def filtered(self, node: Any, scope: dict[str, Shape]) -> tuple[Shape, str | None]:
        inner = self.expr(node.node, scope)[0] if node.node is not None else ANY
        self.check_filter(node, node.name, self.env.filters)
        for child in (*node.args, *(k.value for k in node.kwargs)):
            self.visit(child, scope)
        if node.name in ("first", "last", "random") and isinstance(inner, ListShape):
            return inner.item, None
        if node.name in ("lub", "default", "d"):
            return inner, None
        return ANY, None

    def unknown(self, node: Any, name: str, siblings: list[str]) -> None:
        if not self.check_names:
            return
        near = self.nearest(name, siblings) or self.nearest(name, self.names)
        hint = f" Może chodziło o: {', '.join(near)}?" if near else ""
        self.report(node, "template-unknown-name",
                    f"Dane tego dokumentu nie zawierają „{name}” – w tym miejscu wydrukuje się "
                    f"pusta linia do wypełnienia.{hint}", name, suggestions=near)

    def check_filter(self, node: Any, name: str, known: Any, test: bool = False) -> None:
        if name in known:
            return
        near = self.nearest(name, list(known))
        hint = f" Może chodziło o: {', '.join(near)}?" if near else ""
        what = "test" if test else "filtr"
        self.report(node, "template-unknown-filter",
                    f"Nieznany {what} „{name}”.{hint}", name, suggestions=near, fatal=True)

    # --------------------------------------------------------------- statements

    def visit(self, node: Any, scope: dict[str, Shape]) -> None:
        from jinja2 import nodes

        if isinstance(node, nodes.For):
            iterable, _ = self.expr(node.iter, scope)
            inner = dict(scope)
            item = iterable.item if isinstance(iterable, ListShape) else ANY
            self.bind(node.target, item, inner)
            inner["loop"] = ANY
            if node.test is not None:
                self.visit(node.test, inner)
            for child in node.body:
                self.visit(child, inner)
            for child in node.else_:
                self.visit(child, scope)
            return
        if isinstance(node, nodes.Assign):
            value, _ = self.expr(node.node, scope)
            self.bind(node.target, value, scope)
            return
        if isinstance(node, nodes.Macro | nodes.CallBlock):
            inner = dict(scope)
            for arg in getattr(node, "args", ()):
                inner[arg.name] = ANY
            if isinstance(node, nodes.Macro):
                scope[node.name] = ANY
            for child in node.body:
                self.visit(child, inner)
            return
        if isinstance(node, nodes.Expr):
            self.expr(node, scope)
            return
        self.visit_children(node, scope)

    def visit_children(self, node: Any, scope: dict[str, Shape]) -> None:
        from jinja2 import nodes

        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Expr):
                self.expr(child, scope)
            else:
                self.visit(child, scope)

    def bind(self, target: Any, shape: Shape, scope: dict[str, Shape]) -> None:
        from jinja2 import nodes

        if isinstance(target, nodes.Name):
            scope[target.name] = shape
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, ANY, scope)


def _jinja_problems(xml: str, shape: MapShape | None) -> list[TemplateFinding]:
    from jinja2 import TemplateSyntaxError

    from kis_xl.documents.environment import environment

    env = environment()
    source, lines = _patched(xml)
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        line = lines[exc.lineno - 1] if exc.lineno and 0 < exc.lineno <= len(lines) else ""
        return [TemplateFinding(
            "template-syntax-error", Severity.ERROR,
            f"Błąd w znaczniku: {polish_syntax(exc.message or str(exc))}.",
            _short(line) or None, fatal=True)]
    walker = _Walker(shape if shape is not None else MapShape({}), env, lines,
                     check_names=shape is not None)
    walker.visit(tree, dict(shape.fields) if shape is not None else {})
    return walker.findings


def _property_problems(xml: str, shape: MapShape | None) -> list[TemplateFinding]:
    """Tags in the document properties (File → Info) are rendered too; check them alike."""
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"))
    findings: list[TemplateFinding] = []
    for element in root:
        local = etree.QName(element).localname
        if local not in _RENDERED_PROPERTIES or not element.text:
            continue
        for f in _jinja_problems(f"<w:p>{escape_xml(element.text)}</w:p>", shape):
            findings.append(TemplateFinding(
                f.code, f.severity, f"We właściwościach dokumentu (Plik → Informacje, pole "
                f"„{local}”): {f.message}", _short(element.text), f.tag, f.suggestions,
                f.fatal))
    return findings


def escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ----------------------------------------------------------------------------- api


def check_template_bytes(blob: bytes, name: str, kind: DocumentKind | None
                         ) -> list[TemplateFinding]:
    """Every problem of one template (``kind`` None: names are not checked)."""
    try:
        parts = list(_parts(blob))
    except (zipfile.BadZipFile, OSError, UnicodeDecodeError):
        return [TemplateFinding(
            "template-unreadable", Severity.ERROR,
            f"Plik „{name}” nie jest dokumentem Word (.docx) albo jest uszkodzony. Zapisz go "
            "w Wordzie jako „Dokument programu Word (*.docx)”.", fatal=True)]
    shape = kind_shape(kind.key) if kind is not None else None
    findings: list[TemplateFinding] = []
    seen: set[tuple[str, str | None, str | None]] = set()
    for part, xml in parts:
        unclosed: list[str] = []
        if part == _CORE:
            found = _property_problems(xml, shape)
        else:
            found = [*_word_problems(xml, unclosed), *_jinja_problems(xml, shape)]
        if unclosed:
            found = [replace(f, paragraph=unclosed[0]) if f.code == "template-syntax-error"
                     else f for f in found]
        for f in found:
            key = (f.code, f.tag, f.paragraph)
            if key not in seen:
                seen.add(key)
                findings.append(f)
    return findings


def check_file(path: Path) -> TemplateReport:
    from kis_xl.documents.locate import FORMER_NAMES

    kind = BY_TEMPLATE.get(path.name)
    current = next((name for name, former in FORMER_NAMES.items() if path.name in former), None)
    if kind is None and current is not None:
        kind = BY_TEMPLATE.get(current)
    report = TemplateReport(path, kind)
    try:
        blob = path.read_bytes()
    except OSError as exc:
        report.findings.append(TemplateFinding(
            "template-unreadable", Severity.ERROR,
            f"Nie można odczytać pliku „{path.name}” ({exc.strerror}).", fatal=True))
        return report
    report.findings.extend(check_template_bytes(blob, path.name, kind))
    if current is not None:
        report.findings.insert(0, TemplateFinding(
            "template-former-name", Severity.WARNING,
            f"„{path.name}” to dawna nazwa szablonu – program nadal go używa, ale zmień nazwę "
            f"pliku na „{current}”."))
    if kind is None:
        names = ", ".join(k.template for k in KINDS)
        report.findings.insert(0, TemplateFinding(
            "template-unknown-file", Severity.WARNING,
            f"Program nie używa pliku „{path.name}” – szablony muszą mieć nazwy: {names}. "
            "Zmień nazwę pliku, jeśli to szablon któregoś z tych dokumentów (sprawdzono tylko "
            "składnię, nie nazwy danych)."))
    return report


@dataclass
class CheckResult:
    folder: Path
    reports: list[TemplateReport]
    missing: list[str]
    """Template files of known kinds not in the folder (the bundled ones are used)."""

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.reports)

    def to_dict(self) -> dict[str, Any]:
        return {
            "folder": str(self.folder),
            "ok": self.ok,
            "templates": [r.to_dict() for r in self.reports],
            "missing": self.missing,
            "summary": {
                "templates": len(self.reports),
                "with_problems": sum(1 for r in self.reports if not r.ok),
                "errors": sum(1 for r in self.reports for f in r.findings
                              if f.severity is Severity.ERROR),
                "warnings": sum(1 for r in self.reports for f in r.findings
                                if f.severity is Severity.WARNING),
            },
        }


def check_templates(folder: Path | None = None) -> CheckResult:
    """Check every .docx template in ``folder`` (default: the bundled templates)."""
    from kis_xl.documents.locate import bundled_templates_dir

    target = folder if folder is not None else bundled_templates_dir()
    files = sorted(p for p in target.glob("*.docx") if not p.name.startswith("~$"))
    reports = [check_file(p) for p in files]
    present = {p.name for p in files}
    missing = [k.template for k in KINDS if k.template not in present]
    return CheckResult(target, reports, missing)
