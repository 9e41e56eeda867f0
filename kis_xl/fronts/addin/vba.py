"""Editing a VBA project (MS-OVBA) inside ``vbaProject.bin``.

Only what a custom xlwings add-in needs: read a module's source, replace a
module's source (optionally renaming it), rename the project. A replaced
module is stored source-only: its ``dir`` record MODULEOFFSET is 0 and its
stream holds only the compressed source (MS-OVBA 2.4.1), so Excel compiles
it from source; every other module and stream is kept byte for byte.
``_VBA_PROJECT`` must then be the 7-byte header without a performance cache.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

from kis_xl.fronts.addin import cfb, ovba

VBA_PROJECT_HEADER = bytes.fromhex("CC61FFFF000100")

_MODULENAME = 0x0019
_MODULENAMEUNICODE = 0x0047
_MODULESTREAMNAME = 0x001A
_MODULESTREAMNAMEUNICODE = 0x0032
_MODULEOFFSET = 0x0031
_MODULE_TERMINATOR = 0x002B
_PROJECTNAME = 0x0004
_PROJECTCODEPAGE = 0x0003
_PROJECTVERSION = 0x0009  # its Size field says 4 but 6 bytes follow (MS-OVBA 2.3.4.2.1.10)


class VbaError(ValueError):
    """The VBA project is not what the builder expects."""


@dataclass
class Record:
    id: int
    data: bytes


def parse_dir(data: bytes) -> list[Record]:
    records: list[Record] = []
    pos = 0
    while pos < len(data):
        if pos + 6 > len(data):
            raise VbaError("truncated dir record")
        rid, size = struct.unpack_from("<HI", data, pos)
        pos += 6
        if rid == _PROJECTVERSION:
            size += 2
        records.append(Record(rid, data[pos:pos + size]))
        pos += size
    return records


def dump_dir(records: list[Record]) -> bytes:
    out = bytearray()
    for r in records:
        size = len(r.data) - 2 if r.id == _PROJECTVERSION else len(r.data)
        out += struct.pack("<HI", r.id, size) + r.data
    return bytes(out)


class Project:
    """A VBA project held in a compound file tree (the root of ``vbaProject.bin``)."""

    def __init__(self, data: bytes) -> None:
        self.root = cfb.read(data)
        self.vba = self.root.child("VBA")
        self.records = parse_dir(ovba.decompress(self.vba.child("dir").data))
        codepage = next(r for r in self.records if r.id == _PROJECTCODEPAGE)
        self.encoding = f"cp{struct.unpack('<H', codepage.data)[0]}"

    # --- queries ---------------------------------------------------------------------------

    def _module(self, name: str) -> list[Record]:
        group: list[Record] = []
        inside = False
        for r in self.records:
            if r.id == _MODULENAME:
                inside = r.data.decode(self.encoding) == name
                group = []
            if inside:
                group.append(r)
                if r.id == _MODULE_TERMINATOR:
                    return group
        raise VbaError(f"no module {name!r} in the VBA project")

    def module_names(self) -> list[str]:
        return [r.data.decode(self.encoding) for r in self.records if r.id == _MODULENAME]

    def source(self, name: str) -> str:
        group = self._module(name)
        stream = _field(group, _MODULESTREAMNAMEUNICODE).decode("utf-16-le")
        (offset,) = struct.unpack("<I", _field(group, _MODULEOFFSET))
        data = self.vba.child(stream).data
        return ovba.decompress(data[offset:]).decode(self.encoding)

    def project_text(self) -> str:
        return self.root.child("PROJECT").data.decode(self.encoding)

    # --- edits -----------------------------------------------------------------------------

    def replace_module(self, name: str, source: str, new_name: str | None = None) -> None:
        """Store ``source`` as module ``name`` (renamed to ``new_name``), source-only."""
        new_name = new_name or name
        group = self._module(name)
        stream_name = _field(group, _MODULESTREAMNAMEUNICODE).decode("utf-16-le")
        encoded = new_name.encode(self.encoding)
        unicode = new_name.encode("utf-16-le")
        for r in group:
            if r.id in (_MODULENAME, _MODULESTREAMNAME):
                r.data = encoded
            elif r.id in (_MODULENAMEUNICODE, _MODULESTREAMNAMEUNICODE):
                r.data = unicode
            elif r.id == _MODULEOFFSET:
                r.data = struct.pack("<I", 0)
        stream = self.vba.child(stream_name)
        stream.name = new_name
        stream.data = ovba.compress(source.encode(self.encoding))
        if new_name != name:
            self._rename_in_project_stream(name, new_name)
            self._rename_in_projectwm(name, new_name)

    def rename_project(self, new_name: str) -> None:
        for r in self.records:
            if r.id == _PROJECTNAME:
                r.data = new_name.encode(self.encoding)
        text, count = re.subn(r'(?m)^Name="[^"]*"', f'Name="{new_name}"', self.project_text())
        if count != 1:
            raise VbaError("PROJECT stream has no single Name= line")
        self.root.child("PROJECT").data = text.encode(self.encoding)

    def _rename_in_project_stream(self, old: str, new: str) -> None:
        text = self.project_text()
        text, n1 = re.subn(rf"(?m)^Module={re.escape(old)}(?=\r?$)", f"Module={new}", text)
        text = re.sub(rf"(?m)^{re.escape(old)}=", f"{new}=", text)  # [Workspace] line
        if n1 != 1:
            raise VbaError(f"PROJECT stream does not declare Module={old}")
        self.root.child("PROJECT").data = text.encode(self.encoding)

    def _rename_in_projectwm(self, old: str, new: str) -> None:
        entry = self.root.child("PROJECTwm")
        old_pair = old.encode(self.encoding) + b"\0" + old.encode("utf-16-le") + b"\0\0"
        new_pair = new.encode(self.encoding) + b"\0" + new.encode("utf-16-le") + b"\0\0"
        if entry.data.count(old_pair) != 1:
            raise VbaError(f"PROJECTwm does not name {old}")
        entry.data = entry.data.replace(old_pair, new_pair)

    def to_bytes(self) -> bytes:
        self.vba.child("dir").data = ovba.compress(dump_dir(self.records))
        self.vba.child("_VBA_PROJECT").data = VBA_PROJECT_HEADER
        return cfb.write(self.root)


def _field(group: list[Record], rid: int) -> bytes:
    for r in group:
        if r.id == rid:
            return r.data
    raise VbaError(f"module record 0x{rid:04X} missing")


def vba_string(text: str, encoding: str = "cp1252") -> str:
    """A VBA string expression for ``text``: literals where the code page has the characters,
    ``ChrW(n)`` for the rest (Polish ą, ę, ł… are not in cp1252)."""
    parts: list[str] = []
    literal = ""
    for ch in text:
        try:
            ch.encode(encoding)
        except UnicodeEncodeError:
            if literal:
                parts.append('"' + literal.replace('"', '""') + '"')
                literal = ""
            parts.append(f"ChrW({ord(ch)})")
        else:
            literal += ch
    if literal or not parts:
        parts.append('"' + literal.replace('"', '""') + '"')
    return " & ".join(parts)
