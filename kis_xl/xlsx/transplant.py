"""Move generated sheets from the scratch workbook into the user's package.

For each sheet: its XML (shared strings turned into inline strings, cell
formats re-indexed into the user's styles.xml, ``tabSelected`` removed so
Excel does not group it with the user's active sheet, unless the sheet it
replaces was the selected one) and every part it
reaches through relationships (drawing, charts…) under names not used in the
target. A sheet that already exists keeps its position and relationship id;
what its previous version reached is removed first, so no orphan part stays
behind.
"""

from __future__ import annotations

import io
import re

from lxml import etree

from kis_xl.xlsx import ooxml
from kis_xl.xlsx.ooxml import CT_WORKSHEET, Element, q
from kis_xl.xlsx.package import Package, rels_part_of, source_of_rels
from kis_xl.xlsx.styles import StyleMerger
from kis_xl.xlsx.workbook import Workbook

_TRAILING_DIGITS = re.compile(r"\d+$")
_NS = {"m": ooxml.MAIN}
_SHARED_STRING_CELLS = etree.XPath('//m:c[@t="s"]', namespaces=_NS)
_STYLED_CELLS_AND_ROWS = etree.XPath("//m:c[@s] | //m:row[@s]", namespaces=_NS)


def transplant_sheets(
    target: Package, workbook: Workbook, scratch: Package, styles: StyleMerger
) -> list[str]:
    """Copy every sheet of ``scratch`` into ``target``; returns the parts removed from it."""
    source_book = Workbook(scratch)
    titles = source_book.print_titles()
    removed: list[str] = []
    for sheet in source_book.sheets():
        root = scratch.xml(sheet.part)
        _inline_strings(root, source_book)
        _map_styles(root, styles)
        for view in root.iter(q("sheetView")):
            view.attrib.pop("tabSelected", None)
        existing = workbook.find(sheet.name)
        if existing is not None:
            part = existing.part
            view = next(root.iter(q("sheetView")), None)
            if view is not None and _tab_selected(target, part):  # the active tab stays so
                view.set("tabSelected", "1")
            removed += remove_reachable(target, part)
            target.rels(part)  # fresh, empty: the old rels part went with its targets
        else:
            part = workbook.add_sheet(sheet.name).part
        _copy_relationships(scratch, sheet.part, target, part, {})
        target.put(part, ooxml.serialize(root), CT_WORKSHEET)
        workbook.set_print_titles(sheet.name, titles.get(sheet.name))
    return removed


def _tab_selected(pkg: Package, part: str) -> bool:
    """Whether a view of the sheet is selected, read from the sheet's head only.

    The views come before the cells: the sheet being replaced is not parsed whole.
    """
    events = etree.iterparse(io.BytesIO(pkg.read(part)), events=("start",),
                             huge_tree=True, resolve_entities=False)
    for _, el in events:
        if el.tag == q("sheetData"):
            return False
        if el.tag == q("sheetView") and el.get("tabSelected") in ("1", "true"):
            return True
    return False


def remove_reachable(pkg: Package, part: str) -> list[str]:
    """Remove every part that only ``part`` (directly or further down) refers to, and its rels.

    ``part`` itself stays (it is about to be replaced). A part that something
    else in the package still refers to is kept.
    """
    reachable: list[str] = []
    stack = [part]
    while stack:
        current = stack.pop()
        rels = pkg.rels(current)
        for rel in rels.all():
            if rel.external:
                continue
            target = rels.resolve(rel)
            if target != part and target not in reachable and pkg.has(target):
                reachable.append(target)
                stack.append(target)
    doomed = {part, *reachable}
    kept = _referenced_from_outside(pkg, doomed)
    removed = [p for p in reachable if p not in kept]
    for p in removed:
        pkg.remove(p)
    pkg.remove(rels_part_of(part))
    return removed


def _referenced_from_outside(pkg: Package, doomed: set[str]) -> set[str]:
    """Parts of ``doomed`` that a relationship of some other part points to."""
    referenced: set[str] = set()
    for name in pkg.names():
        if not name.endswith(".rels"):
            continue
        source = source_of_rels(name)
        if source in doomed:
            continue
        rels = pkg.rels(source)
        for rel in rels.all():
            if not rel.external and rels.resolve(rel) in doomed:
                referenced.add(rels.resolve(rel))
    return referenced


def _copy_relationships(
    source: Package, source_part: str, target: Package, target_part: str, copied: dict[str, str]
) -> None:
    """Give ``target_part`` the relationships ``source_part`` has, copying internal targets over."""
    source_rels = source.rels(source_part)
    target_rels = target.rels(target_part)
    for rel in source_rels.all():
        if rel.external:
            target_rels.add_external(rel.type, rel.target, rel.id)
            continue
        child = source_rels.resolve(rel)
        if child not in copied:
            folder, _, base = child.rpartition("/")
            stem, _, ext = base.rpartition(".")
            new_name = target.unused_name(folder, _TRAILING_DIGITS.sub("", stem), ext)
            copied[child] = new_name
            target.put(new_name, source.read(child), source.content_types.get(child))
            _copy_relationships(source, child, target, new_name, copied)
        target_rels.add(rel.type, copied[child], rel.id)


def _inline_strings(root: Element, book: Workbook) -> None:
    """Shared-string cells become inline strings: the user's sharedStrings.xml is left alone."""
    for c in _SHARED_STRING_CELLS(root):  # XPath: the loop sees only t="s" cells
        v = c.find(q("v"))
        text = book.shared_string(int(v.text)) if v is not None and v.text else ""
        if v is not None:
            c.remove(v)
        c.set("t", "inlineStr")
        is_el = ooxml.sub(c, "is")
        t = ooxml.sub(is_el, "t")
        t.text = text
        if text != text.strip():
            t.set(f"{{{ooxml.XML_NS}}}space", "preserve")


def _map_styles(root: Element, styles: StyleMerger) -> None:
    mapped: dict[str, str] = {}  # a big sheet has tens of thousands of cells, a few formats
    for el in _STYLED_CELLS_AND_ROWS(root):
        s = el.get("s")
        target = mapped.get(s)
        if target is None:
            target = mapped[s] = str(styles.cell_xf(int(s)))
        el.set("s", target)
    for col in root.iter(q("col")):
        style = col.get("style")
        if style is not None:
            col.set("style", str(styles.cell_xf(int(style))))
    for rule in root.iter(q("cfRule")):
        dxf = rule.get("dxfId")
        if dxf is not None:
            rule.set("dxfId", str(styles.dxf(int(dxf))))
