"""Namespaces, relationship types and a safe lxml parser for SpreadsheetML parts.

Every part kis_xl edits goes through ``parse``/``serialize`` so that unknown
elements, attributes and namespace declarations (extLst, ``mc:Ignorable``
prefixes, ``x14ac:`` attributes, ``xr:uid``…) survive: lxml keeps the whole
tree, we only touch the elements we own.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_NS = "http://www.w3.org/XML/1998/namespace"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"

R_ID = f"{{{REL_NS}}}id"

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_OFFICE_DOCUMENT = REL + "officeDocument"
REL_WORKSHEET = REL + "worksheet"
REL_CALC_CHAIN = REL + "calcChain"
REL_TABLE = REL + "table"

CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

Element = Any
"""lxml elements are untyped for mypy (no stubs installed); one alias keeps signatures readable."""

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False
)


def q(local: str) -> str:
    """Clark name in the SpreadsheetML main namespace: ``q("row")`` -> ``{…main}row``."""
    return f"{{{MAIN}}}{local}"


def sub(parent: Element, local: str) -> Element:
    """Append a new SpreadsheetML element ``local`` to ``parent``."""
    return etree.SubElement(parent, q(local))


def parse(data: bytes) -> Element:
    return etree.fromstring(data, _PARSER)


def serialize(root: Element) -> bytes:
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


def local_name(el: Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    return tag.rpartition("}")[2]


def rel_kind(rel_type: str) -> str:
    """Last segment of a relationship type, equal for transitional and strict URIs."""
    return rel_type.rstrip("/").rpartition("/")[2]


def key(el: Element) -> tuple[Any, ...]:
    """Structural identity of an element: tag, attributes (unordered) and children (ordered).

    Used to de-duplicate fonts, fills, borders and cell formats: two elements
    with the same key render the same regardless of prefixes or attribute order.
    """
    children = tuple(key(c) for c in el if isinstance(c.tag, str))
    text = (el.text or "").strip()
    return (el.tag, tuple(sorted(el.attrib.items())), text, children)


def insert_in_order(parent: Element, child: Element, order: tuple[str, ...]) -> None:
    """Insert ``child`` before the first sibling that the schema sequence ``order`` puts after it.

    SpreadsheetML elements are ``xsd:sequence``s: Excel refuses a file whose
    children are out of order, so new elements must land in their slot.
    """
    name = local_name(child)
    later = set(order[order.index(name) + 1 :])
    for i, sibling in enumerate(parent):
        if local_name(sibling) in later:
            parent.insert(i, child)
            return
    parent.append(child)
