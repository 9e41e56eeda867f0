"""The workbook part of a package: its sheet list, styles, shared strings and calc chain.

Only ``<sheets>`` (and the calculation flags) are kis_xl's to edit here;
defined names, views, pivot caches, the x14 slicer caches in ``extLst``… stay
as they are because the tree is edited in place.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from lxml import etree

from kis_xl.sinks.xlsx import ooxml
from kis_xl.sinks.xlsx.ooxml import CT_WORKSHEET, MAIN, R_ID, REL_WORKSHEET, Element, q
from kis_xl.sinks.xlsx.package import Package, PackageError

# CT_Workbook children after <sheets>, in schema order (for inserting <calcPr>).
_WORKBOOK_ORDER = (
    "fileVersion", "fileSharing", "workbookPr", "AlternateContent", "workbookProtection",
    "bookViews", "sheets", "functionGroups", "externalReferences", "definedNames", "calcPr",
    "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
    "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst",
)


PRINT_TITLES = "_xlnm.Print_Titles"


@dataclass(frozen=True, slots=True)
class SheetEntry:
    name: str
    rid: str
    part: str
    kind: str
    """Relationship kind: ``worksheet``, ``chartsheet``, ``dialogsheet``…"""


class StrictFormat(PackageError):
    """An ISO Strict Open XML workbook: kis_xl writes only the transitional format Excel uses."""


class Workbook:
    def __init__(self, pkg: Package) -> None:
        self.pkg = pkg
        docs = pkg.related("", "officeDocument")
        if not docs:
            raise PackageError("no officeDocument relationship")
        self.part = docs[0]
        self.root = pkg.xml(self.part)
        if self.root.tag == f"{{{ooxml.STRICT_MAIN}}}workbook":
            raise StrictFormat("strict OOXML")
        if self.root.tag != q("workbook"):
            raise PackageError(f"{self.part} is not a SpreadsheetML workbook")
        self.rels = pkg.rels(self.part)
        sheets = self.root.find(q("sheets"))
        if sheets is None:
            raise PackageError("workbook without <sheets>")
        self._sheets_el = sheets

    def sheets(self) -> list[SheetEntry]:
        out = []
        for el in self._sheets_el.iterchildren(q("sheet")):
            rel = self.rels.get(el.get(R_ID, ""))
            if rel is None:
                raise PackageError(f"sheet {el.get('name')!r} has no relationship")
            out.append(SheetEntry(el.get("name", ""), rel.id, self.rels.resolve(rel), rel.kind))
        return out

    def find(self, name: str) -> SheetEntry | None:
        """Sheet by name, ignoring case as Excel does (it refuses two names differing in case)."""
        wanted = name.casefold()
        return next((s for s in self.sheets() if s.name.casefold() == wanted), None)

    def add_sheet(self, name: str) -> SheetEntry:
        """Append a worksheet at the end of the tabs (so defined names' localSheetId stay valid)."""
        part = self.pkg.unused_name("xl/worksheets", "sheet", "xml")
        rid = self.rels.add(REL_WORKSHEET, part)
        ids = [int(el.get("sheetId", "0")) for el in self._sheets_el.iterchildren(q("sheet"))]
        el = etree.SubElement(self._sheets_el, q("sheet"))
        el.set("name", name)
        el.set("sheetId", str(max(ids, default=0) + 1))
        el.set(R_ID, rid)
        self.pkg.content_types.set_override(part, CT_WORKSHEET)
        self.pkg.mark(self.part)
        return SheetEntry(name, rid, part, "worksheet")

    def print_titles(self) -> dict[str, str]:
        """Sheet name -> its print titles ("'Wynik godzin'!$A:$A"), from the defined names."""
        names = [e.name for e in self.sheets()]
        out: dict[str, str] = {}
        defined = self.root.find(q("definedNames"))
        for el in defined.iterchildren(q("definedName")) if defined is not None else ():
            sid = el.get("localSheetId")
            if el.get("name") == PRINT_TITLES and sid and sid.isdigit() and int(sid) < len(names):
                out[names[int(sid)]] = el.text or ""
        return out

    def set_print_titles(self, name: str, ref: str | None) -> None:
        """Replace the print titles of sheet ``name`` (rows/columns repeated on every page)."""
        wanted = name.casefold()
        index = next((i for i, e in enumerate(self.sheets()) if e.name.casefold() == wanted),
                     None)
        if index is None:
            return
        defined = self.root.find(q("definedNames"))
        if defined is not None:
            for el in list(defined.iterchildren(q("definedName"))):
                if el.get("name") == PRINT_TITLES and el.get("localSheetId") == str(index):
                    defined.remove(el)
                    self.pkg.mark(self.part)
        if not ref:
            if defined is not None and len(defined) == 0:
                self.root.remove(defined)
            return
        if defined is None:
            defined = etree.Element(q("definedNames"))
            ooxml.insert_in_order(self.root, defined, _WORKBOOK_ORDER)
        el = etree.SubElement(defined, q("definedName"))
        el.set("name", PRINT_TITLES)
        el.set("localSheetId", str(index))
        el.text = ref
        self.pkg.mark(self.part)

    @property
    def date1904(self) -> bool:
        pr = self.root.find(q("workbookPr"))
        return pr is not None and pr.get("date1904") in ("1", "true")

    def styles_part(self) -> str | None:
        parts = self.pkg.related(self.part, "styles")
        return parts[0] if parts else None

    def drop_calc_chain(self) -> None:
        """Remove calcChain.xml: Excel rebuilds it; a stale one makes Excel "repair" the file."""
        for rel in self.rels.of_kind("calcChain"):
            self.pkg.remove(self.rels.resolve(rel))
            self.rels.remove(rel.id)

    def force_full_calc(self) -> None:
        """Ask Excel to recalculate on open: user formulas may read the values we changed."""
        calc = self.root.find(q("calcPr"))
        if calc is None:
            calc = etree.Element(q("calcPr"))
            ooxml.insert_in_order(self.root, calc, _WORKBOOK_ORDER)
        calc.set("fullCalcOnLoad", "1")
        self.pkg.mark(self.part)

    def shared_string(self, index: int) -> str:
        parts = self.pkg.related(self.part, "sharedStrings")
        if not parts:
            raise PackageError("shared string used but no sharedStrings part")
        items = etree.iterparse(
            io.BytesIO(self.pkg.read(parts[0])), tag=q("si"), huge_tree=True, resolve_entities=False
        )
        for n, (_, si) in enumerate(items):
            if n == index:
                return string_item_text(si)
            si.clear()
        raise PackageError(f"shared string {index} missing")

    def first_cell_text(self, sheet_part: str) -> str | None:
        """Text of A1 of a worksheet (None when A1 is empty or not text)."""
        data = self.pkg.read(sheet_part)
        for _, c in etree.iterparse(
            io.BytesIO(data), tag=q("c"), huge_tree=True, resolve_entities=False
        ):
            return self.cell_text(c) if c.get("r", "A1") == "A1" else None
        return None

    def cell_text(self, c: Element) -> str | None:
        """Text of a ``<c>``: its string (shared, inline, formula result) or raw value."""
        kind = c.get("t")
        if kind == "s":
            v = c.findtext(q("v"))
            return self.shared_string(int(v)) if v else None
        if kind == "inlineStr":
            is_el = c.find(q("is"))
            return string_item_text(is_el) if is_el is not None else None
        text: str | None = c.findtext(q("v"))
        return text


def string_item_text(item: Element) -> str:
    """Text of an ``<si>``/``<is>``: plain ``<t>`` or rich-text runs, phonetic hints left out."""
    parts = []
    for t in item.iter(f"{{{MAIN}}}t"):
        if t.getparent() is not None and ooxml.local_name(t.getparent()) == "rPh":
            continue
        parts.append(t.text or "")
    return "".join(parts)
