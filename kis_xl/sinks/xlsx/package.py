"""An OOXML package (the zip of an .xlsx) edited part by part.

Parts are addressed by their zip name without a leading slash
(``xl/workbook.xml``); lookups ignore case as OPC requires. A part that is
never written through ``put``/``mark`` goes into the new package as its
original compressed bytes, so everything kis_xl does not own comes out
byte-identical. Content types and relationship parts are kept as lxml trees
and serialised only when they changed.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import quote, unquote

from lxml import etree

from kis_xl.sinks.xlsx import ooxml
from kis_xl.sinks.xlsx.ooxml import CONTENT_TYPES_NS, PKG_RELS, Element
from kis_xl.sinks.xlsx.zipwrite import RawZipWriter

CONTENT_TYPES = "[Content_Types].xml"


class PackageError(ValueError):
    """The bytes are not a readable OOXML package."""


@dataclass(frozen=True, slots=True)
class Rel:
    id: str
    type: str
    target: str
    external: bool

    @property
    def kind(self) -> str:
        return ooxml.rel_kind(self.type)


def rels_part_of(part: str) -> str:
    """``xl/worksheets/sheet1.xml`` -> ``xl/worksheets/_rels/sheet1.xml.rels``; ``""`` -> root."""
    folder, _, base = part.rpartition("/")
    return f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"


def source_of_rels(rels_part: str) -> str:
    """Inverse of ``rels_part_of``: ``xl/_rels/workbook.xml.rels`` -> ``xl/workbook.xml``."""
    folder, _, base = rels_part.rpartition("/")
    parent = posixpath.dirname(folder)
    source = base[: -len(".rels")]
    return posixpath.join(parent, source) if source else ""


def relative_target(source: str, part: str) -> str:
    """Target attribute pointing from ``source`` to ``part`` (relative, as Excel writes it)."""
    return quote(posixpath.relpath(part, posixpath.dirname(source) or "."), safe="/._-~")


class Rels:
    """The relationships of one source part."""

    def __init__(self, source: str, root: Element) -> None:
        self.source = source
        self.root = root
        self.changed = False

    def all(self) -> list[Rel]:
        return [
            Rel(el.get("Id"), el.get("Type", ""), el.get("Target", ""),
                el.get("TargetMode") == "External")
            for el in self.root.iterchildren(f"{{{PKG_RELS}}}Relationship")
        ]

    def get(self, rel_id: str) -> Rel | None:
        return next((r for r in self.all() if r.id == rel_id), None)

    def of_kind(self, kind: str) -> list[Rel]:
        return [r for r in self.all() if r.kind == kind and not r.external]

    def resolve(self, rel: Rel) -> str:
        """Part name a relationship points to."""
        target = unquote(rel.target)
        if target.startswith("/"):
            return posixpath.normpath(target[1:])
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.source), target))

    def add(self, rel_type: str, part: str, rel_id: str | None = None) -> str:
        """Point to ``part``; a new unique id unless ``rel_id`` is given (when copying rels)."""
        return self._add(rel_type, relative_target(self.source, part), rel_id, external=False)

    def add_external(self, rel_type: str, target: str, rel_id: str | None = None) -> str:
        return self._add(rel_type, target, rel_id, external=True)

    def _add(self, rel_type: str, target: str, rel_id: str | None, *, external: bool) -> str:
        if rel_id is None:
            taken = {r.id for r in self.all()}
            n = len(taken) + 1
            while f"rId{n}" in taken:
                n += 1
            rel_id = f"rId{n}"
        el = etree.SubElement(self.root, f"{{{PKG_RELS}}}Relationship")
        el.set("Id", rel_id)
        el.set("Type", rel_type)
        el.set("Target", target)
        if external:
            el.set("TargetMode", "External")
        self.changed = True
        return rel_id

    def retarget(self, rel_id: str, part: str) -> None:
        self._element(rel_id).set("Target", relative_target(self.source, part))
        self.changed = True

    def remove(self, rel_id: str) -> None:
        self.root.remove(self._element(rel_id))
        self.changed = True

    def _element(self, rel_id: str) -> Element:
        for el in self.root.iterchildren(f"{{{PKG_RELS}}}Relationship"):
            if el.get("Id") == rel_id:
                return el
        raise KeyError(rel_id)


class ContentTypes:
    def __init__(self, root: Element) -> None:
        self.root = root
        self.changed = False

    def get(self, part: str) -> str | None:
        name = "/" + part.lower()
        for el in self.root.iterchildren(f"{{{CONTENT_TYPES_NS}}}Override"):
            if el.get("PartName", "").lower() == name:
                return str(el.get("ContentType"))
        ext = part.rpartition(".")[2].lower()
        for el in self.root.iterchildren(f"{{{CONTENT_TYPES_NS}}}Default"):
            if el.get("Extension", "").lower() == ext:
                return str(el.get("ContentType"))
        return None

    def set_override(self, part: str, content_type: str) -> None:
        self.remove_override(part)
        el = etree.SubElement(self.root, f"{{{CONTENT_TYPES_NS}}}Override")
        el.set("PartName", "/" + part)
        el.set("ContentType", content_type)
        self.changed = True

    def remove_override(self, part: str) -> None:
        name = "/" + part.lower()
        for el in list(self.root.iterchildren(f"{{{CONTENT_TYPES_NS}}}Override")):
            if el.get("PartName", "").lower() == name:
                self.root.remove(el)
                self.changed = True

    def ensure_default(self, ext: str, content_type: str) -> None:
        for el in self.root.iterchildren(f"{{{CONTENT_TYPES_NS}}}Default"):
            if el.get("Extension", "").lower() == ext.lower():
                return
        el = etree.Element(f"{{{CONTENT_TYPES_NS}}}Default")
        el.set("Extension", ext)
        el.set("ContentType", content_type)
        self.root.insert(0, el)
        self.changed = True


class Package:
    def __init__(self, data: bytes) -> None:
        self._data = data
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise PackageError(str(exc)) from exc
        self._infos = {i.filename: i for i in infos if not i.is_dir()}
        self._order = list(self._infos)
        self._lower = {n.lower(): n for n in self._order}
        self._new: dict[str, bytes] = {}
        self._xml: dict[str, Element] = {}
        self._dirty: set[str] = set()
        self._removed: set[str] = set()
        self._rels: dict[str, Rels] = {}
        if CONTENT_TYPES.lower() not in self._lower:
            raise PackageError("no [Content_Types].xml")
        self.content_types = ContentTypes(self.xml(CONTENT_TYPES))

    # -- reading ---------------------------------------------------------
    def names(self) -> list[str]:
        return [n for n in self._order if n not in self._removed] + [
            n for n in self._new if n not in self._infos
        ]

    def find(self, part: str) -> str | None:
        """Actual name of a part (case-insensitive), None when absent or removed."""
        name = self._lower.get(part.lower())
        return name if name is not None and name not in self._removed else None

    def has(self, part: str) -> bool:
        return self.find(part) is not None

    def read(self, part: str) -> bytes:
        name = self._require(part)
        if name in self._xml and name in self._dirty:
            return ooxml.serialize(self._xml[name])
        if name in self._new:
            return self._new[name]
        try:
            return self._zip.read(self._infos[name])
        except (zipfile.BadZipFile, OSError, ValueError, KeyError) as exc:
            raise PackageError(f"{name}: {exc}") from exc

    def xml(self, part: str) -> Element:
        """Parsed tree of a part, shared between callers; call ``mark`` after editing it."""
        name = self._require(part)
        if name not in self._xml:
            try:
                self._xml[name] = ooxml.parse(self.read(name))
            except etree.XMLSyntaxError as exc:
                raise PackageError(f"{name}: {exc}") from exc
        return self._xml[name]

    def is_parsed(self, part: str) -> bool:
        """Whether ``xml`` has parsed ``part`` (its tree, not its bytes, is then the part)."""
        name = self.find(part)
        return name is not None and name in self._xml

    def rels(self, source: str) -> Rels:
        """Relationships of ``source`` (``""`` for the package); created empty when absent."""
        rels_name = rels_part_of(source)
        key = rels_name.lower()
        if key not in self._rels:
            if self.has(rels_name):
                root = self.xml(rels_name)
            else:
                root = etree.Element(f"{{{PKG_RELS}}}Relationships", nsmap={None: PKG_RELS})
            self._rels[key] = Rels(source, root)
        return self._rels[key]

    def related(self, source: str, kind: str) -> list[str]:
        """Parts that ``source`` points to with relationships of ``kind`` (e.g. ``"table"``)."""
        rels = self.rels(source)
        return [p for p in (rels.resolve(r) for r in rels.of_kind(kind)) if self.has(p)]

    # -- writing ---------------------------------------------------------
    def mark(self, part: str) -> None:
        """The parsed tree of ``part`` was edited: serialise it on save."""
        self._dirty.add(self._require(part))

    def put(self, part: str, data: bytes, content_type: str | None = None) -> None:
        name = self.find(part) or part
        self._xml.pop(name, None)
        self._dirty.discard(name)
        self._removed.discard(name)
        self._new[name] = data
        self._lower[name.lower()] = name
        if content_type is not None:
            self.content_types.set_override(name, content_type)

    def remove(self, part: str) -> None:
        """Drop a part with its relationships part and content-type override."""
        name = self.find(part)
        if name is None:
            return
        self._removed.add(name)
        self._new.pop(name, None)
        self._xml.pop(name, None)
        self._dirty.discard(name)
        self._rels.pop(name.lower(), None)  # when ``part`` is itself a relationships part
        self.content_types.remove_override(name)
        rels_name = rels_part_of(name)
        self._rels.pop(rels_name.lower(), None)
        if self.has(rels_name):
            self.remove(rels_name)

    def unused_name(self, folder: str, stem: str, ext: str) -> str:
        """First ``folder/stemN.ext`` not taken (N from 1), e.g. ``xl/charts/chart3.xml``."""
        n = 1
        while self.has(f"{folder}/{stem}{n}.{ext}"):
            n += 1
        return f"{folder}/{stem}{n}.{ext}"

    def save(self, out: BinaryIO) -> None:
        self._flush_rels()
        if self.content_types.changed:
            self.mark(CONTENT_TYPES)
        writer = RawZipWriter(out)
        for name in self.names():
            if name in self._dirty:
                writer.write(name, ooxml.serialize(self._xml[name]))
            elif name in self._new:
                writer.write(name, self._new[name])
            else:
                try:
                    writer.copy_raw(self._data, self._infos[name])
                except zipfile.BadZipFile as exc:
                    raise PackageError(str(exc)) from exc
        writer.close()

    def _flush_rels(self) -> None:
        for rels in self._rels.values():
            if not rels.changed:
                continue
            name = rels_part_of(rels.source)
            if self.has(name):
                self.mark(name)
            else:
                self.put(name, ooxml.serialize(rels.root))

    def _require(self, part: str) -> str:
        name = self.find(part)
        if name is None:
            raise KeyError(part)
        return name
