"""Merging cell formats into the user's styles.xml by appending, never by rewriting.

A transplanted sheet refers to formats by index into *its* styles.xml; here
each format it uses is looked up in the user's styles.xml (same font, fill,
border, number format, alignment) and appended only when missing. Indexes of
everything the user already has therefore never move, and running the same
command again finds its formats and adds nothing: styles.xml does not grow
from run to run.
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree

from kis_xl.sinks.xlsx import ooxml
from kis_xl.sinks.xlsx.ooxml import Element, q

# CT_Stylesheet children in schema order.
_ORDER = (
    "numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
    "tableStyles", "colors", "extLst",
)
_FIRST_CUSTOM_NUMFMT = 164
_DATE_TOKENS = frozenset("dmy")


class _Collection:
    """One indexed list of styles.xml (fonts, fills…) with a structural index for de-duplication."""

    def __init__(self, root: Element, container: str, item: str) -> None:
        self.root, self.container_name, self.item = root, container, item
        self._container: Element | None = root.find(q(container))
        self._index: dict[tuple[Any, ...], int] | None = None
        self.changed = False

    def items(self) -> list[Element]:
        if self._container is None:
            return []
        return list(self._container.iterchildren(q(self.item)))

    def find_or_add(self, el: Element) -> int:
        if self._index is None:
            self._index = {}
            for i, existing in enumerate(self.items()):
                self._index.setdefault(ooxml.key(existing), i)
        k = ooxml.key(el)
        if k in self._index:
            return self._index[k]
        if self._container is None:
            self._container = etree.Element(q(self.container_name))
            ooxml.insert_in_order(self.root, self._container, _ORDER)
        self._container.append(el)
        n = len(self.items())
        self._container.set("count", str(n))
        self._index[k] = n - 1
        self.changed = True
        return n - 1


class StyleMerger:
    """Maps formats of a source styles.xml (the scratch workbook) into the target one."""

    def __init__(self, target: Element, source: Element | None = None) -> None:
        self.target = target
        self.source = source
        self.fonts = _Collection(target, "fonts", "font")
        self.fills = _Collection(target, "fills", "fill")
        self.borders = _Collection(target, "borders", "border")
        self.xfs = _Collection(target, "cellXfs", "xf")
        self.dxfs = _Collection(target, "dxfs", "dxf")
        self._numfmts = _Collection(target, "numFmts", "numFmt")
        self._has_style_xfs = target.find(q("cellStyleXfs")) is not None
        self._xf_map: dict[int, int] = {0: 0}
        self._dxf_map: dict[int, int] = {}

    @property
    def changed(self) -> bool:
        return any(
            c.changed
            for c in (self.fonts, self.fills, self.borders, self.xfs, self.dxfs, self._numfmts)
        )

    # -- from the scratch workbook -----------------------------------------
    def cell_xf(self, index: int) -> int:
        """Target index of cell format ``index`` of the source (0 stays the user's default)."""
        if index not in self._xf_map:
            src = _items(self.source, "cellXfs", "xf")[index]
            xf = copy.deepcopy(src)
            for attr, coll, item in (
                ("fontId", self.fonts, "font"), ("fillId", self.fills, "fill"),
                ("borderId", self.borders, "border"),
            ):
                source_item = _items(self.source, f"{item}s", item)[int(xf.get(attr, "0"))]
                xf.set(attr, str(coll.find_or_add(copy.deepcopy(source_item))))
            xf.set("numFmtId", str(self._numfmt_from_source(int(xf.get("numFmtId", "0")))))
            self._set_parent_style(xf)
            self._xf_map[index] = self.xfs.find_or_add(xf)
        return self._xf_map[index]

    def dxf(self, index: int) -> int:
        """Target index of differential format ``index`` (conditional formatting)."""
        if index not in self._dxf_map:
            dxf = copy.deepcopy(_items(self.source, "dxfs", "dxf")[index])
            self._dxf_map[index] = self.dxfs.find_or_add(dxf)
        return self._dxf_map[index]

    # -- for cells written directly (status columns) ------------------------
    def is_date_xf(self, index: int) -> bool:
        xfs = self.xfs.items()
        if not 0 <= index < len(xfs):
            return False
        fmt_id = int(xfs[index].get("numFmtId", "0"))
        if 14 <= fmt_id <= 22 or 45 <= fmt_id <= 47:
            return True
        code = self._numfmt_code(fmt_id)
        return code is not None and _looks_like_date(code)

    def with_number_format(self, index: int, code: str) -> int:
        """A cell format like ``index`` but showing ``code`` (e.g. a date format for a date)."""
        xfs = self.xfs.items()
        base = xfs[index] if 0 <= index < len(xfs) else None
        xf = copy.deepcopy(base) if base is not None else etree.Element(q("xf"))
        for attr in ("fontId", "fillId", "borderId"):
            xf.set(attr, xf.get(attr, "0"))
        xf.set("numFmtId", str(self._numfmt_for_code(code)))
        xf.set("applyNumberFormat", "1")
        self._set_parent_style(xf)
        return self.xfs.find_or_add(xf)

    # -- number formats ----------------------------------------------------
    def _numfmt_from_source(self, fmt_id: int) -> int:
        if fmt_id < _FIRST_CUSTOM_NUMFMT:
            return fmt_id
        for el in _items(self.source, "numFmts", "numFmt"):
            if int(el.get("numFmtId", "-1")) == fmt_id:
                return self._numfmt_for_code(el.get("formatCode", ""))
        return 0

    def _numfmt_for_code(self, code: str) -> int:
        existing = self._numfmts.items()
        for el in existing:
            if el.get("formatCode") == code:
                return int(el.get("numFmtId", "0"))
        new_id = max(
            [_FIRST_CUSTOM_NUMFMT - 1, *(int(el.get("numFmtId", "0")) for el in existing)]
        ) + 1
        el = etree.Element(q("numFmt"))
        el.set("numFmtId", str(new_id))
        el.set("formatCode", code)
        self._numfmts.find_or_add(el)
        return new_id

    def _numfmt_code(self, fmt_id: int) -> str | None:
        for el in self._numfmts.items():
            if int(el.get("numFmtId", "-1")) == fmt_id:
                return str(el.get("formatCode"))
        return None

    def _set_parent_style(self, xf: Element) -> None:
        # Cell formats of transplanted sheets hang off the user's "Normal" cell style.
        if self._has_style_xfs:
            xf.set("xfId", "0")
        elif "xfId" in xf.attrib:
            del xf.attrib["xfId"]


def default_font(styles: Element | None) -> tuple[str, float] | None:
    """Name and size of font 0 (the workbook's default), when it says so."""
    fonts = _items(styles, "fonts", "font")
    if not fonts:
        return None
    name = fonts[0].find(q("name"))
    size = fonts[0].find(q("sz"))
    if name is None or size is None:
        return None
    try:
        return str(name.get("val")), float(size.get("val"))
    except (TypeError, ValueError):
        return None


def _items(root: Element | None, container: str, item: str) -> list[Element]:
    if root is None:
        return []
    parent = root.find(q(container))
    return [] if parent is None else list(parent.iterchildren(q(item)))


def _looks_like_date(code: str) -> bool:
    """A number format shows a date when it has d/m/y outside quotes, brackets and escapes."""
    plain = []
    skip_until = ""
    escaped = False
    for ch in code:
        if escaped:
            escaped = False
        elif skip_until:
            if ch == skip_until:
                skip_until = ""
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            skip_until = '"'
        elif ch == "[":
            skip_until = "]"
        else:
            plain.append(ch.lower())
    return bool(_DATE_TOKENS & set(plain))
