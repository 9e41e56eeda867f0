"""Many documents from one template without re-reading it: docxtpl's own ``render`` on a
template opened once per process, and a .docx written from the parts rendering changes.

``DocxTemplate`` re-opens the whole template (styles, numbering, settings …) for every
document and python-docx serializes and compresses every part again on save; for a
batch of contracts that was two thirds of the time. Here the template is opened once;
before each document the parts docxtpl's ``render`` replaces or edits are put back as
they were in the template (the headers and footers related from the document, the
footnotes, the core properties; the body it reads once, through ``get_xml``, is the
template's kept as text), then ``DocxTemplate.render`` itself runs unchanged.
The file is written from a prebuilt zip of every other part – python-docx's own
serialization of the untouched template, compressed once – to which the rendered parts
are appended.

This is exact only while rendering adds nothing to the package: a context holding
docxtpl objects (``InlineImage``, ``Subdoc``, ``RichText`` with a link …) may add parts,
relationships or styles. So ``plain_context`` admits only plain data, and after each
render the package's parts and relationships are compared with the template's; on any
difference the document is saved the ordinary python-docx way and the template is
opened afresh for the next one. ``tests/test_docs_fast.py`` compares every part of the
files written both ways for every document kind.

One difference remains, outside the content: a template without core properties gets
python-docx's default ones, whose "modified" time is then when the template was opened,
not when each document was (Word and our template builder always write them).
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

_PLAIN_LEAVES = (str, int, float, bool, Decimal, date, datetime, time, Enum, type(None))

FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def plain_context(value: Any, depth: int = 0) -> bool:
    """Whether ``value`` is plain data: text, numbers, dates and mappings/lists of them.

    Anything else (docxtpl's ``InlineImage``, ``RichText``, ``Subdoc``, ``Listing``, an
    object of unknown kind) may reach into the document while it renders.
    """
    if isinstance(value, _PLAIN_LEAVES):
        return True
    if depth > 50:
        return False
    if isinstance(value, Mapping):
        return all(isinstance(k, str) and plain_context(v, depth + 1)
                   for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(plain_context(v, depth + 1) for v in value)
    return False


def package_shape(document: Any) -> tuple[Any, ...]:
    """Every part (name, content type) and relationship of a python-docx document's package:
    what the prebuilt zip and the written content types and relationships stand for."""
    package = document.part.package

    def rels(source: Any) -> tuple[Any, ...]:
        return tuple(sorted((r.rId, r.reltype, r.is_external, r.target_ref)
                            for r in source.rels.values()))

    parts = tuple((str(part.partname), part.content_type, rels(part))
                  for part in package.iter_parts())
    return (rels(package), *parts)


class FastTemplate:
    """One opened template rendered again and again; see the module docstring.

    ``template_class`` is the renderer's ``DocxTemplate`` subclass (with the cached
    ``patch_xml``), ``finish`` the passes run on each rendered python-docx document.
    """

    def __init__(self, blob: bytes, template_class: Callable[[Any], Any],
                 patched: dict[str, str], finish: Callable[[Any], None]) -> None:
        self.finish = finish
        tpl = template_class(io.BytesIO(blob))
        tpl.patched = patched
        tpl.init_docx()
        self.tpl = tpl
        document = tpl.docx
        document.core_properties  # noqa: B018 - docxtpl's render adds the part when missing
        part = document.part
        self.body_xml: str = tpl.get_xml()
        self.stories = {key: rel._target for key, rel in part.rels.items()
                        if rel.reltype in (tpl.HEADER_URI, tpl.FOOTER_URI)
                        and not rel.is_external}
        self.story_xml: dict[str, str] = {key: tpl.get_part_xml(story)
                                          for key, story in self.stories.items()}
        package = part.package
        self.core_part = package._core_properties_part
        self.core = copy.deepcopy(self.core_part._element)
        self.footnotes = {p: p.blob for p in package.iter_parts()
                          if p.content_type == FOOTNOTES_CT and not hasattr(p, "_element")}
        self.shape = package_shape(document)
        skeleton = io.BytesIO()
        document.save(skeleton)
        dynamic = [part, *self.stories.values(), *self.footnotes, self.core_part]
        names = {p.partname.membername for p in dynamic}
        prefix = io.BytesIO()
        with zipfile.ZipFile(skeleton) as source, \
                zipfile.ZipFile(prefix, "w", zipfile.ZIP_DEFLATED) as static:
            for info in source.infolist():
                if info.filename not in names:
                    static.writestr(info, source.read(info))
        self.prefix = prefix.getvalue()
        tpl.get_xml = self._get_xml
        tpl.get_part_xml = self._get_part_xml
        self.rendered = False

    def _get_xml(self) -> str:
        """The body docxtpl starts from: the template's (``render`` calls this first, when
        a freshly opened template has its own body in place)."""
        return self.body_xml

    def _get_part_xml(self, part: Any) -> str:
        for key, story in self.stories.items():
            if part is story:
                return self.story_xml[key]
        return str(type(self.tpl).get_part_xml(self.tpl, part))

    def _restore(self) -> None:
        """Put back what docxtpl's ``render`` replaced or edited in the last document."""
        tpl = self.tpl  # the body is not put back: ``get_xml`` gives the template's
        rels = tpl.docx.part.rels
        for key, story in self.stories.items():
            rels[key]._target = story
        self.core_part._element = copy.deepcopy(self.core)
        for footnotes, blob in self.footnotes.items():
            footnotes._blob = blob
        tpl.is_rendered = False  # render_init does not re-open what is already restored

    def render(self, context: Mapping[str, Any], jinja_env: Any) -> Any:
        """docxtpl's ``render`` and the finishing passes; the python-docx document."""
        if self.rendered:
            self._restore()
        self.rendered = True
        self.tpl.render(context, jinja_env=jinja_env, autoescape=True)
        document = self.tpl.docx
        self.finish(document)
        return document

    def save(self, context: Mapping[str, Any], jinja_env: Any, path: Path) -> bool:
        """Render ``context`` into ``path``. False when rendering changed the package's
        parts or relationships: the file is then written by python-docx in full, and this
        template must not be used again."""
        document = self.render(context, jinja_env)
        if package_shape(document) != self.shape:
            document.save(str(path))
            return False
        rels = document.part.rels
        parts = [document.part, *(rels[key]._target for key in self.stories),
                 *self.footnotes, self.core_part]
        with path.open("w+b") as out:
            out.write(self.prefix)
            with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as package:
                for part in parts:  # their relationships are in the prefix: the shape held
                    package.writestr(part.partname.membername, part.blob)
        return True
