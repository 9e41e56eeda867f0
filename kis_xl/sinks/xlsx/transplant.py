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
from collections.abc import Mapping
from typing import TYPE_CHECKING

from lxml import etree

from kis_xl.sinks.xlsx import ooxml
from kis_xl.sinks.xlsx.ooxml import CT_WORKSHEET, Element, q
from kis_xl.sinks.xlsx.package import Package, rels_part_of, source_of_rels
from kis_xl.sinks.xlsx.styles import StyleMerger
from kis_xl.sinks.xlsx.workbook import Workbook

if TYPE_CHECKING:
    from kis_xl.sinks.xlsx.render import DirectCells

_TRAILING_DIGITS = re.compile(r"\d+$")
_NS = {"m": ooxml.MAIN}
_SHARED_STRING_CELLS = etree.XPath('//m:c[@t="s"]', namespaces=_NS)
_STYLED_CELLS_AND_ROWS = etree.XPath("//m:c[@s] | //m:row[@s]", namespaces=_NS)


def transplant_sheets(
    target: Package, workbook: Workbook, scratch: Package, styles: StyleMerger,
    *, as_text: bool = True, direct: Mapping[str, DirectCells] | None = None,
) -> list[str]:
    """Copy every sheet of ``scratch`` into ``target``; returns the parts removed from it.

    A sheet as openpyxl writes it (default namespace, inline strings) is edited as text
    (``_edited_text``: a big result sheet is not parsed and serialised again); any other,
    or every one with ``as_text=False``, as a tree. ``direct`` holds, by scratch sheet
    part, table cells ``render_parts`` left out of ``scratch``: they are spliced in here.
    """
    source_book = Workbook(scratch)
    titles = source_book.print_titles()
    removed: list[str] = []
    for sheet in source_book.sheets():
        existing = workbook.find(sheet.name)
        # the active tab stays so
        selected = existing is not None and _tab_selected(target, existing.part)
        cells = direct.get(sheet.part) if direct else None
        data = scratch.read(sheet.part)
        content = _edited_text(data, styles, selected, cells) if as_text else None
        if content is None:
            root = (scratch.xml(sheet.part) if cells is None
                    else ooxml.parse(cells.splice(data.decode("utf-8")).encode("utf-8")))
            content = _edited_tree(root, source_book, styles, selected)
        if existing is not None:
            part = existing.part
            removed += remove_reachable(target, part)
            target.rels(part)  # fresh, empty: the old rels part went with its targets
        else:
            part = workbook.add_sheet(sheet.name).part
        _copy_relationships(scratch, sheet.part, target, part, {})
        target.put(part, content, CT_WORKSHEET)
        workbook.set_print_titles(sheet.name, titles.get(sheet.name))
    return removed


def _edited_tree(root: Element, book: Workbook, styles: StyleMerger, selected: bool) -> bytes:
    _inline_strings(root, book)
    _map_styles(root, styles)
    for view in root.iter(q("sheetView")):
        view.attrib.pop("tabSelected", None)
    view = next(root.iter(q("sheetView")), None)
    if view is not None and selected:
        view.set("tabSelected", "1")
    return ooxml.serialize(root)


_DEFAULT_MAIN = f'<worksheet xmlns="{ooxml.MAIN}"'.encode()
_STYLED = re.compile(r'(<(?:c|row) [^>]*? s=")(\d+)"')
_COL_STYLE = re.compile(r'(<col [^>]*? style=")(\d+)"')
_CF_DXF = re.compile(r'(<cfRule [^>]*? dxfId=")(\d+)"')
_SHEET_VIEW = re.compile(r"<sheetView\b[^>]*>")
_TAB_SELECTED = re.compile(r' tabSelected="[^"]*"')


def _edited_text(data: bytes, styles: StyleMerger, selected: bool,
                 cells: DirectCells | None = None) -> bytes | None:
    """``_edited_tree`` done on the text of a sheet openpyxl wrote; None for any other sheet.

    Safe on such text only: no prefixes, no shared strings, and ``<`` and ``>`` escaped
    in text and attribute values, so every match is a start tag. ``cells`` (direct table
    cells) are spliced in on the way, their styles re-indexed without a regex.
    """
    if _DEFAULT_MAIN not in data[:1000] or b't="s"' in data:
        return None
    restyle = _TextRestyle(styles, selected)
    text = data.decode("utf-8")
    if cells is not None:
        return cells.splice(text, restyle).encode("utf-8")
    return restyle.outside(restyle.cells(text)).encode("utf-8")


class _TextRestyle:
    """Style indexes of a scratch sheet's text mapped into the target's styles.xml.

    Formats are merged in the order they first occur (cells and rows in document
    order, then column styles, then conditional formats), as the tree edit does.
    """

    def __init__(self, styles: StyleMerger, selected: bool) -> None:
        self._styles = styles
        self._selected = selected
        self._first_view = True
        self._xfs: dict[str, str] = {}
        self._dxfs: dict[str, str] = {}
        self._attributes: dict[str, str] = {}

    def _xf(self, m: re.Match[str]) -> str:
        n = m.group(2)
        mapped = self._xfs.get(n)
        if mapped is None:
            mapped = self._xfs[n] = str(self._styles.cell_xf(int(n)))
        return f'{m.group(1)}{mapped}"'

    def _dxf(self, m: re.Match[str]) -> str:
        n = m.group(2)
        mapped = self._dxfs.get(n)
        if mapped is None:
            mapped = self._dxfs[n] = str(self._styles.dxf(int(n)))
        return f'{m.group(1)}{mapped}"'

    def _view(self, m: re.Match[str]) -> str:
        tag = _TAB_SELECTED.sub("", m.group(0))
        if self._first_view and self._selected:
            tag = '<sheetView tabSelected="1"' + tag[len("<sheetView"):]
        self._first_view = False
        return tag

    def cells(self, text: str) -> str:
        """Cells' and rows' ``s``."""
        return _STYLED.sub(self._xf, text)

    def style(self, attribute: str) -> str:
        """A direct cell's `` s="N"``."""
        mapped = self._attributes.get(attribute)
        if mapped is None:
            n = attribute[len(' s="'):-1]
            mapped = self._xfs.get(n)
            if mapped is None:
                mapped = self._xfs[n] = str(self._styles.cell_xf(int(n)))
            mapped = self._attributes[attribute] = f' s="{mapped}"'
        return mapped

    def outside(self, text: str) -> str:
        """Column styles, conditional formats' ``dxfId`` and the sheet views."""
        text = _COL_STYLE.sub(self._xf, text)
        text = _CF_DXF.sub(self._dxf, text)
        return _SHEET_VIEW.sub(self._view, text)


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
