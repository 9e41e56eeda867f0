"""One printable file from a batch of documents rendered from the same template.

Staff print thirty attendance lists or certificates at once; one file with
each document starting on a new page is what they want. Because every
document of a batch comes from one template, they share styles, numbering
definitions and images, which keeps merging simple and exact: each document
becomes its own section (so its page setup, header and footer stay its own,
and page numbers restart), its header and footer parts are carried over when
their rendered text differs, numbered lists restart in every document, and
drawing and bookmark ids are renumbered so that Word finds no duplicates.

Footnotes and comments are not merged (the bundled templates have none):
the first document's are kept, comment marks of the others are dropped.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_SECT = _w("sectPr")
_COMMENT_TAGS = {_w("commentRangeStart"), _w("commentRangeEnd")}
_BEFORE_NUMPR = {_w(t) for t in ("pStyle", "keepNext", "keepLines", "pageBreakBefore",
                                 "framePr", "widowControl")}
"""Children of w:pPr that precede w:numPr in the schema's sequence."""


def _target(part: Any, rid: str | None) -> Any:
    rel = part.rels.get(rid) if rid else None
    return None if rel is None or rel.is_external else rel.target_part


_TOTAL_FIELDS = ("NUMPAGES", "SECTIONPAGES")


def drop_page_totals(footer: Any) -> None:
    """"strona N z M" becomes "strona N" in a combined print file: LibreOffice counts the
    pages of the whole file, not of one document (its section), so M would be wrong."""
    for field in list(footer.iter(_w("fldSimple"))):
        if (field.get(_w("instr")) or "").strip() not in _TOTAL_FIELDS:
            continue
        before = field.getprevious()
        if before is not None and before.tag == _w("r") and \
                "".join(t.text or "" for t in before.iter(_w("t"))).strip(" \u00a0") == "z":
            before.getparent().remove(before)
        field.getparent().remove(field)


class Combiner:
    """Appends rendered python-docx documents to the first one."""

    def __init__(self, master: Any) -> None:
        self.master = master
        self.body = master.element.body
        self._docpr_id = max(
            (int(x) for x in (e.get("id") for e in self.body.iter(f"{{{WP}}}docPr"))
             if x is not None and x.isdigit()),
            default=0,
        )
        self._bookmark_id = max(
            (int(x) for x in (e.get(_w("id")) for e in self.body.iter(_w("bookmarkStart")))
             if x is not None and x.isdigit()),
            default=0,
        )
        self._partnames = {str(p.partname) for p in master.part.package.iter_parts()}
        for part in master.part.package.iter_parts():
            if str(part.partname).startswith("/word/footer"):
                drop_page_totals(part.element)
        self._style_numbering = self._numbered_styles()
        self.count = 1

    # ------------------------------------------------------------------ public

    def append(self, doc: Any) -> None:
        final = self._final_sectpr()
        self._close_section(final)
        content = [deepcopy(child) for child in doc.element.body.iterchildren()
                   if child.tag != _SECT]
        self._restart_numbering(content)
        for element in content:
            self._renumber_ids(element)
            self._drop_comments(element)
            final.addprevious(element)
        other_sect = doc.element.body.find(_SECT)
        new_final = deepcopy(other_sect) if other_sect is not None else deepcopy(final)
        self._relink_headers_footers(new_final, doc)
        self._restart_page_numbers(new_final)
        self.body.replace(final, new_final)
        self.count += 1

    # ------------------------------------------------------------------ sections

    def _final_sectpr(self) -> Any:
        final = self.body.find(_SECT)
        if final is None:
            final = etree.SubElement(self.body, _SECT)
        return final

    def _close_section(self, final: Any) -> None:
        """End the previous document's section where its content ends (next page follows)."""
        last = final.getprevious()
        if last is None or last.tag != _w("p") or last.find(f"{_w('pPr')}/{_SECT}") is not None:
            last = etree.Element(_w("p"))
            final.addprevious(last)
        ppr = last.find(_w("pPr"))
        if ppr is None:
            ppr = etree.Element(_w("pPr"))
            last.insert(0, ppr)
        section = deepcopy(final)
        # sectPr must be the last child of pPr except pPrChange (ECMA-376 schema order)
        change = ppr.find(_w("pPrChange"))
        if change is not None:
            change.addprevious(section)
        else:
            ppr.append(section)

    @staticmethod
    def _restart_page_numbers(sect: Any) -> None:
        numbering = sect.find(_w("pgNumType"))
        if numbering is None:
            numbering = etree.Element(_w("pgNumType"))
            # pgNumType comes after pgMar/pgBorders/lnNumType in CT_SectPr; before cols
            anchor = next((sect.find(_w(t)) for t in ("cols", "formProt", "vAlign", "noEndnote",
                                                       "titlePg", "textDirection", "bidi",
                                                       "rtlGutter", "docGrid", "printerSettings",
                                                       "sectPrChange")
                           if sect.find(_w(t)) is not None), None)
            if anchor is not None:
                anchor.addprevious(numbering)
            else:
                sect.append(numbering)
        numbering.set(_w("start"), "1")

    def _relink_headers_footers(self, sect: Any, doc: Any) -> None:
        for ref in sect:
            if ref.tag not in (_w("headerReference"), _w("footerReference")):
                continue
            rid = ref.get(f"{{{R}}}id")
            # rels, not related_parts: docxtpl swaps a rendered header in by retargeting the
            # relationship, which python-docx's related_parts cache does not see
            theirs = _target(doc.part, rid)
            if theirs is None:
                sect.remove(ref)
                continue
            ours = _target(self.master.part, rid)
            if ours is not None and ours.blob == theirs.blob:
                continue
            ref.set(f"{{{R}}}id", self._adopt(theirs, ref.tag == _w("headerReference")))

    def _adopt(self, part: Any, header: bool) -> str:
        """Copy a header/footer part into the master package; returns its new rId."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.parts.hdrftr import FooterPart, HeaderPart

        kind = "header" if header else "footer"
        n = 1
        while f"/word/{kind}{n}.xml" in self._partnames:
            n += 1
        partname = f"/word/{kind}{n}.xml"
        self._partnames.add(partname)
        cls = HeaderPart if header else FooterPart
        from docx.oxml import parse_xml

        element = parse_xml(part.blob)
        if not header:
            drop_page_totals(element)
        new = cls(PackURI(partname), part.content_type, element, self.master.part.package)
        by_name = {str(p.partname): p for p in self.master.part.package.iter_parts()}
        for rel in part.rels.values():
            if rel.is_external:
                new.rels.get_or_add_ext_rel(rel.reltype, rel.target_ref)
            else:
                target = by_name.get(str(rel.target_part.partname), rel.target_part)
                new.rels.add_relationship(rel.reltype, target, rel.rId)
        reltype = RT.HEADER if header else RT.FOOTER
        rid: str = self.master.part.relate_to(new, reltype)
        return rid

    # ------------------------------------------------------------------ numbering

    def _numbering(self) -> Any:
        return self.master.part.numbering_part.element

    def _numbered_styles(self) -> dict[str, tuple[str, str]]:
        """Paragraph style id -> (numId, ilvl) for styles that number their paragraphs."""
        out: dict[str, tuple[str, str]] = {}
        styles = self.master.styles.element
        for style in styles.findall(_w("style")):
            num = style.find(f"{_w('pPr')}/{_w('numPr')}/{_w('numId')}")
            if num is not None:
                lvl = style.find(f"{_w('pPr')}/{_w('numPr')}/{_w('ilvl')}")
                out[style.get(_w("styleId"))] = (
                    num.get(_w("val")), lvl.get(_w("val")) if lvl is not None else "0")
        return out

    def _restart_numbering(self, content: list[Any]) -> None:
        """Give every numbered list of the appended document a fresh instance starting anew."""
        mapping: dict[str, str] = {}
        for element in content:
            for p in element.iter(_w("p")):
                num = p.find(f"{_w('pPr')}/{_w('numPr')}/{_w('numId')}")
                if num is None:
                    style = p.find(f"{_w('pPr')}/{_w('pStyle')}")
                    styled = self._style_numbering.get(style.get(_w("val"))) if (
                        style is not None) else None
                    if styled is None:
                        continue
                    num = self._add_numpr(p, styled)
                old = num.get(_w("val"))
                if old in (None, "0"):
                    continue
                if old not in mapping:
                    new_id = self._new_num(old)
                    if new_id is None:
                        continue
                    mapping[old] = new_id
                num.set(_w("val"), mapping[old])

    @staticmethod
    def _add_numpr(p: Any, styled: tuple[str, str]) -> Any:
        ppr = p.find(_w("pPr"))
        numpr = etree.Element(_w("numPr"))
        etree.SubElement(numpr, _w("ilvl")).set(_w("val"), styled[1])
        num = etree.SubElement(numpr, _w("numId"))
        num.set(_w("val"), styled[0])
        before = [c for c in ppr if c.tag in _BEFORE_NUMPR]
        if before:
            before[-1].addnext(numpr)
        else:
            ppr.insert(0, numpr)
        return num

    def _new_num(self, old: str) -> str | None:
        numbering = self._numbering()
        existing = numbering.xpath(f"./w:num[@w:numId='{old}']")
        if not existing:
            return None
        abstract = existing[0].find(_w("abstractNumId"))
        if abstract is None:
            return None
        abstract_id = abstract.get(_w("val"))
        starts = {
            lvl.get(_w("ilvl")): (lvl.find(_w("start")).get(_w("val"))
                                  if lvl.find(_w("start")) is not None else "1")
            for lvl in numbering.xpath(
                f"./w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl")
        }
        num = numbering.add_num(int(abstract_id))
        for ilvl, start in sorted(starts.items(), key=lambda kv: int(kv[0] or 0)):
            override = num.add_lvlOverride(ilvl=int(ilvl or 0))
            override.add_startOverride(int(start))
        return str(num.numId)

    # ------------------------------------------------------------------ ids

    def _renumber_ids(self, element: Any) -> None:
        for docpr in element.iter(f"{{{WP}}}docPr"):
            self._docpr_id += 1
            docpr.set("id", str(self._docpr_id))
        mapping: dict[str, str] = {}
        for tag in ("bookmarkStart", "bookmarkEnd"):
            for mark in element.iter(_w(tag)):
                old = mark.get(_w("id"))
                if old is None:
                    continue
                if old not in mapping:
                    self._bookmark_id += 1
                    mapping[old] = str(self._bookmark_id)
                mark.set(_w("id"), mapping[old])

    @staticmethod
    def _drop_comments(element: Any) -> None:
        for mark in [e for e in element.iter() if e.tag in _COMMENT_TAGS]:
            mark.getparent().remove(mark)
        for ref in list(element.iter(_w("commentReference"))):
            run = ref.getparent()
            run.remove(ref)
            if run.tag == _w("r") and not [c for c in run if c.tag != _w("rPr")]:
                run.getparent().remove(run)

