"""The fast document path (kis_xl.documents.fastsave) writes the same packages as docxtpl.

For every document kind and every record of two clubs (and the first records of the
demo club), the file written by
``Renderer.save`` (template opened once, untouched parts copied) is compared part by part
with ``Renderer.render(...).save`` (docxtpl re-opening the template, python-docx writing
every part): the same part names, content types and relationships, XML parts equal after
C14N canonicalisation, other parts byte-equal. The comparison itself is shown to fail on
altered packages.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.shared import Cm
from lxml import etree

from kis_xl.documents.contexts import ClubData
from kis_xl.documents.environment import environment
from kis_xl.documents.fastsave import FastTemplate, plain_context
from kis_xl.documents.kinds import KINDS, DocumentKind, subject_records
from kis_xl.documents.locate import TemplateChoice, repo_templates_dir
from kis_xl.documents.render import Renderer, _template_class, finish_document
from kis_xl.documents.sample import SAMPLE_TODAY, sample_club
from kis_xl.domain.model import Club
from tests.test_docs import TODAY, end_everyone, make_club

CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _content_types(xml: bytes) -> set[tuple[str, str, str]]:
    root = etree.fromstring(xml)
    return {(el.tag.removeprefix(CT_NS), el.get("Extension") or el.get("PartName") or "",
             el.get("ContentType") or "") for el in root}


def _relationships(xml: bytes) -> set[tuple[str, ...]]:
    root = etree.fromstring(xml)
    return {(el.get("Id") or "", el.get("Type") or "", el.get("Target") or "",
             el.get("TargetMode") or "Internal") for el in root.iter(f"{REL_NS}Relationship")}


def _c14n(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def package_differences(one: bytes, other: bytes) -> list[str]:
    """Every difference between two .docx packages (empty when they are the same)."""
    with zipfile.ZipFile(io.BytesIO(one)) as a, zipfile.ZipFile(io.BytesIO(other)) as b:
        names_a, names_b = a.namelist(), b.namelist()
        out = [f"duplicate entries in {which}" for which, names in (("first", names_a),
                                                                   ("second", names_b))
               if len(set(names)) != len(names)]
        out += [f"only in first: {n}" for n in sorted(set(names_a) - set(names_b))]
        out += [f"only in second: {n}" for n in sorted(set(names_b) - set(names_a))]
        for name in sorted(set(names_a) & set(names_b)):
            x, y = a.read(name), b.read(name)
            if name == "[Content_Types].xml":
                same = _content_types(x) == _content_types(y)
            elif name.endswith(".rels"):
                same = _relationships(x) == _relationships(y)
            elif name.endswith(".xml") or x.lstrip().startswith(b"<?xml"):
                same = _c14n(x) == _c14n(y)
            else:
                same = x == y
            if not same:
                out.append(f"differs: {name}")
        return out


def _both_ways(renderer: Renderer, context: dict[str, Any], folder: Path, stem: str
               ) -> tuple[bytes, bytes]:
    fast, plain = folder / f"{stem}-fast.docx", folder / f"{stem}-plain.docx"
    renderer.save(context, fast)
    Renderer(TemplateChoice(renderer.path, own=False), renderer.kind).save(
        context, plain, fast=False)
    return fast.read_bytes(), plain.read_bytes()


DEMO_TODAY = date(2026, 11, 23)
DEMO_RECORDS = 6
"""Records per kind rendered from the demo club (it has hundreds of meetings)."""


@pytest.fixture(scope="module")
def clubs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Club, date]]:
    """The test club of test_docs, the template checker's sample club and the demo club
    (``kis-xl demo``) as read from its workbook."""
    from kis_xl.demo.club import write_demo_workbook
    from kis_xl.workbook.reader import read_workbook

    tested = make_club()
    end_everyone(tested)
    path = tmp_path_factory.mktemp("demo") / "klub.xlsx"
    write_demo_workbook(path, DEMO_TODAY, 1)
    return [("testowy", tested, TODAY), ("przykladowy", sample_club(), SAMPLE_TODAY),
            ("demo", read_workbook(path), DEMO_TODAY)]


@pytest.mark.parametrize("kind", KINDS, ids=[k.key for k in KINDS])
def test_every_kind_writes_the_same_package_both_ways(
        kind: DocumentKind, clubs: list[tuple[str, Club, date]], tmp_path: Path) -> None:
    template = repo_templates_dir() / kind.template
    for club_name, club, today in clubs:
        data = ClubData(club, today)
        renderer = Renderer(TemplateChoice(template, own=False), kind)  # one for all records
        subjects = subject_records(club, kind.subject)
        if club_name == "demo":
            subjects = subjects[:DEMO_RECORDS]
        assert subjects
        for i, subject in enumerate(subjects):
            context = kind.build(data, subject)
            assert plain_context(context), "the contexts must take the fast path"
            fast, plain = _both_ways(renderer, context, tmp_path, f"{club_name}-{i}")
            assert package_differences(fast, plain) == [], (kind.key, club_name, i)
            document = Document(io.BytesIO(fast))  # python-docx opens it
            assert document.paragraphs
        assert renderer._fast is not None and renderer._fast.rendered


def _alter(blob: bytes, name: str, change: Callable[[bytes], bytes] | None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info))
            elif change is not None:
                target.writestr(info, change(source.read(info)))
    return out.getvalue()


def test_the_comparison_reports_each_kind_of_difference(tmp_path: Path) -> None:
    kind = KINDS[0]
    club = make_club()
    renderer = Renderer(TemplateChoice(repo_templates_dir() / kind.template, own=False), kind)
    fast, plain = _both_ways(renderer, kind.build(ClubData(club, TODAY), club.participants[0]),
                             tmp_path, "a")
    assert package_differences(fast, plain) == []
    name = club.participants[0].last_name.encode()
    text = _alter(fast, "word/document.xml", lambda x: x.replace(name, name + b"x", 1))
    assert package_differences(text, plain) == ["differs: word/document.xml"]
    attribute = _alter(fast, "word/document.xml",
                       lambda x: x.replace(b'w:val="', b'w:val="1', 1))
    assert package_differences(attribute, plain) == ["differs: word/document.xml"]
    rels = _alter(fast, "word/_rels/document.xml.rels",
                  lambda x: x.replace(b'Id="rId1"', b'Id="rId99"'))
    assert package_differences(rels, plain) == ["differs: word/_rels/document.xml.rels"]
    types = _alter(fast, "[Content_Types].xml", lambda x: x.replace(b"image/jpeg", b"image/x"))
    assert package_differences(types, plain) == ["differs: [Content_Types].xml"]
    binary = _alter(fast, "docProps/thumbnail.jpeg",
                    lambda x: x[:99] + bytes([x[99] ^ 1]) + x[100:])
    assert package_differences(binary, plain) == ["differs: docProps/thumbnail.jpeg"]
    missing = _alter(fast, "word/footer1.xml", None)
    assert package_differences(missing, plain) == ["only in second: word/footer1.xml"]


# ----------------------------------------------------------------- an unusual template

FOOTNOTES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b'<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
    b'</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>Przypis: {{ imie }} r..</w:t></w:r>'
    b"</w:p></w:footnote></w:footnotes>"
)


def _add_footnotes(blob: bytes) -> bytes:
    """A footnotes part related from the document, as Word writes one."""
    def types(xml: bytes) -> bytes:
        return xml.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType='
                           b'"application/vnd.openxmlformats-officedocument.wordprocessingml.'
                           b'footnotes+xml"/></Types>')

    def rels(xml: bytes) -> bytes:
        return xml.replace(b"</Relationships>", b'<Relationship Id="rId900" Type="http://sche'
                           b'mas.openxmlformats.org/officeDocument/2006/relationships/footnotes"'
                           b' Target="footnotes.xml"/></Relationships>')

    out = _alter(_alter(blob, "[Content_Types].xml", types), "word/_rels/document.xml.rels",
                 rels)
    with zipfile.ZipFile(io.BytesIO(out)) as source:
        assert "word/footnotes.xml" not in source.namelist()
    buffer = io.BytesIO(out)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as target:
        target.writestr("word/footnotes.xml", FOOTNOTES)
    return buffer.getvalue()


def _png(grey: int = 0x80) -> bytes:
    """A 2×2 grey PNG image."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    pixels = zlib.compress((b"\0" + bytes([grey, grey])) * 2)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", 3780, 3780, 1))
            + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


def unusual_template(folder: Path) -> Path:
    """Tags in a header, a footer, a footnote and the title; a picture in a loop (docPr
    ids), a table whose columns come from a loop (fix_tables), a second section."""
    image = folder / "kropka.png"
    image.write_bytes(_png())
    doc = Document()
    doc.core_properties.title = "Dokument {{ imie }}"
    doc.core_properties.author = ""
    doc.sections[0].header.paragraphs[0].text = "Nagłówek {{ imie }} w {{ miasto }}"
    doc.sections[0].footer.paragraphs[0].text = "Stopka {{ imie }}"
    doc.add_paragraph("Pan {{ imie }} z miasta o {{ miasto }} dnia 5 marca 2025 r..")
    doc.add_paragraph("{%p for x in lista %}")
    doc.add_paragraph("Pozycja {{ x }} i obrazek ").add_run().add_picture(str(image),
                                                                          width=Cm(1))
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("Zdjęcie: {{ obraz }}")
    table = doc.add_table(rows=2, cols=3)
    for column, text in enumerate(("{%tc for x in lista %}", "{{ x }}", "{%tc endfor %}")):
        table.cell(0, column).text = text
        table.cell(1, column).text = "stała"
    doc.add_section()
    doc.add_paragraph("Druga sekcja {{ imie }}")
    buffer = io.BytesIO()
    doc.save(buffer)
    path = folder / "nietypowy.docx"
    path.write_bytes(_add_footnotes(buffer.getvalue()))
    return path


def test_an_unusual_template_writes_the_same_package(tmp_path: Path) -> None:
    path = unusual_template(tmp_path)
    renderer = Renderer(TemplateChoice(path, own=True), KINDS[0])
    contexts = [{"imie": "Zofia & <Syn>", "miasto": "Testów", "lista": ["a", "b", "c"]},
                {"imie": "Jan", "miasto": "", "lista": []},
                {"imie": "Ala", "miasto": "Łódź", "lista": ["x", "y"]}]
    for i, context in enumerate(contexts):
        fast, plain = _both_ways(renderer, context, tmp_path, str(i))
        assert package_differences(fast, plain) == []
        with zipfile.ZipFile(io.BytesIO(fast)) as package:
            footnotes = package.read("word/footnotes.xml").decode()
            header = package.read("word/header1.xml").decode()
            core = package.read("docProps/core.xml").decode()
            body = package.read("word/document.xml").decode()
        first = context["imie"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert f"Przypis: {first}" in footnotes and "{{" not in footnotes
        assert f"Nagłówek {first} w" in header
        assert "Dokument" in core and "{{" not in core
        assert "2025\u00a0r.<" in body or "2025 r.<" in body  # one period: our passes ran
        assert body.count("<pic:pic") == len(context["lista"])
        Document(io.BytesIO(fast))


def test_a_rendering_that_adds_a_part_is_saved_in_full(tmp_path: Path) -> None:
    """A docxtpl object in the context (here a picture) is not plain data: the renderer
    takes docxtpl's own path; and were it to reach the fast template, the package check
    notices the new part and python-docx writes the whole file."""
    from docxtpl import InlineImage

    path = unusual_template(tmp_path)
    image = tmp_path / "inny.png"
    image.write_bytes(_png(0x20))
    fast = FastTemplate(path.read_bytes(), _template_class(), {}, finish_document)
    context = {"imie": "Jan", "miasto": "X", "lista": [],
               "obraz": InlineImage(fast.tpl, str(image), width=Cm(1))}
    assert not plain_context(context)
    assert fast.save(context, environment(), tmp_path / "fast.docx") is False
    plain = _template_class()(str(path))
    plain.patched = {}
    plain.render({**context, "obraz": InlineImage(plain, str(image), width=Cm(1))},
                 jinja_env=environment(), autoescape=True)
    finish_document(plain.docx)
    plain.save(str(tmp_path / "plain.docx"))
    fast_blob = (tmp_path / "fast.docx").read_bytes()
    assert package_differences(fast_blob, (tmp_path / "plain.docx").read_bytes()) == []
    with zipfile.ZipFile(io.BytesIO(fast_blob)) as package:
        assert sum(n.startswith("word/media/") for n in package.namelist()) == 2

    class Thing:
        def __str__(self) -> str:
            return "rzecz"

    renderer = Renderer(TemplateChoice(path, own=True), KINDS[0])
    renderer.save({**context, "obraz": Thing()}, tmp_path / "renderer.docx")
    assert renderer._fast is None  # never opened: the context was not plain
    with zipfile.ZipFile(tmp_path / "renderer.docx") as package:
        assert "Zdjęcie: rzecz" in package.read("word/document.xml").decode()
