"""Structural checks of an .xlsx package, independent of the code under test.

A package is consistent when every part has a content type, every override
names a part that exists, every internal relationship points to a part that
exists, every ``r:id``-style attribute in a part names one of its
relationships, and every part is reachable from the package root (no orphans).
Written against the zip with the standard library and lxml only.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def read_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None, "a member fails its CRC"
        return {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}


def write_parts(path: Path, parts: dict[str, bytes]) -> Path:
    """Write ``parts`` as a fresh zip at ``path`` (how tests hand-edit a package)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def rels_of(parts: dict[str, bytes], source: str) -> dict[str, tuple[str, str, bool]]:
    """rel id -> (type, resolved target, external) for ``source`` (``""`` = package)."""
    folder, _, base = source.rpartition("/")
    name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
    if name not in parts:
        return {}
    out = {}
    for el in etree.fromstring(parts[name]).iter(f"{{{RELS}}}Relationship"):
        if el.get("Id") in out:
            raise AssertionError(f"{name}: relationship id {el.get('Id')} used twice")
        external = el.get("TargetMode") == "External"
        target = unquote(el.get("Target"))
        if not external:
            target = (
                posixpath.normpath(target[1:]) if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
        out[el.get("Id")] = (el.get("Type"), target, external)
    return out


def content_type(parts: dict[str, bytes], part: str) -> str | None:
    root = etree.fromstring(parts["[Content_Types].xml"])
    for el in root.iter(f"{{{TYPES}}}Override"):
        if el.get("PartName").lower() == "/" + part.lower():
            return el.get("ContentType")
    ext = part.rpartition(".")[2].lower()
    for el in root.iter(f"{{{TYPES}}}Default"):
        if el.get("Extension").lower() == ext:
            return el.get("ContentType")
    return None


def problems(path: Path) -> list[str]:
    """Everything inconsistent in the package (empty list: consistent)."""
    parts = read_parts(path)
    found = _content_type_problems(parts)
    reachable = _walk(parts, found)
    for name in parts:
        if name.endswith(".rels"):
            folder, _, base = name.rpartition("/")
            source = posixpath.join(posixpath.dirname(folder), base[:-5]) if base != ".rels" else ""
            if source and source not in parts:
                found.append(f"rels of missing part: {name}")
        elif name != "[Content_Types].xml" and name not in reachable:
            found.append(f"orphan part: {name}")
    for name in sorted(reachable - {""}):
        if name.endswith((".xml", ".vml")) and name in parts:
            found += _dangling_ids(parts, name)
    return found


def _content_type_problems(parts: dict[str, bytes]) -> list[str]:
    found = []
    types = etree.fromstring(parts["[Content_Types].xml"])
    for el in types.iter(f"{{{TYPES}}}Override"):
        if el.get("PartName")[1:] not in parts:
            found.append(f"override for missing part {el.get('PartName')}")
    for name in parts:
        if name != "[Content_Types].xml" and content_type(parts, name) is None:
            found.append(f"no content type: {name}")
    return found


def _walk(parts: dict[str, bytes], found: list[str]) -> set[str]:
    """Parts reachable from the package root; broken relationships go to ``found``."""
    reachable = {""}
    stack = [""]
    while stack:
        source = stack.pop()
        for rel_id, (_, target, external) in rels_of(parts, source).items():
            if external:
                continue
            if target not in parts:
                found.append(f"{source or 'package'} {rel_id} -> missing {target}")
            elif target not in reachable:
                reachable.add(target)
                stack.append(target)
    return reachable


def _dangling_ids(parts: dict[str, bytes], name: str) -> list[str]:
    ids = rels_of(parts, name)
    return [
        f"{name}: {attr} = {value} has no relationship"
        for el in etree.fromstring(parts[name]).iter()
        for attr, value in el.attrib.items()
        if attr.startswith(f"{{{R}}}") and value and value not in ids
    ]


def sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    """Sheet name -> worksheet part, in tab order."""
    book_rels = rels_of(parts, "xl/workbook.xml")
    root = etree.fromstring(parts["xl/workbook.xml"])
    return {
        el.get("name"): book_rels[el.get(f"{{{R}}}id")][1]
        for el in root.iter(f"{{{MAIN}}}sheet")
    }


def orphans_free(path: Path) -> bool:
    return not [p for p in problems(path) if p.startswith("orphan")]
