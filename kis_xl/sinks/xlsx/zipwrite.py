"""A minimal zip writer that copies untouched members as their raw compressed bytes.

``zipfile`` can only add a member by compressing it again. For a workbook with
a 100,000-row attendance sheet that is most of the time of a write, and the
user's parts would come out re-encoded. Here an untouched member's compressed
stream is copied as it is (same CRC, same sizes); only new or edited parts are
deflated. Zip64 is not written: a workbook of 4 GB is out of scope and refused.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_LOCAL_SIG = 0x04034B50
_CENTRAL_SIG = 0x02014B50
_END_SIG = 0x06054B50
_UTF8_FLAG = 0x800
_DESCRIPTOR_FLAG = 0x08
_LIMIT = 0xFFFFFFFF
_DOS_1980 = (0, 0x21)  # 00:00:00, 1980-01-01: what Excel stamps on every member


class ZipTooLarge(ValueError):
    """The package would need Zip64."""


class RawZipWriter:
    def __init__(self, out: BinaryIO, level: int = 6) -> None:
        self._out = out
        self._level = level
        self._central: list[bytes] = []
        self._offset = 0

    def copy_raw(self, source: bytes | memoryview, info: zipfile.ZipInfo) -> None:
        """Copy member ``info`` of the zip held in ``source`` without decompressing it."""
        view = memoryview(source)
        start = info.header_offset
        fields = _LOCAL.unpack_from(view, start)
        if fields[0] != _LOCAL_SIG:
            raise zipfile.BadZipFile(f"bad local header for {info.filename}")
        name_len, extra_len = fields[9], fields[10]
        data_start = start + _LOCAL.size + name_len + extra_len
        data = view[data_start : data_start + info.compress_size]
        if len(data) != info.compress_size:
            raise zipfile.BadZipFile(f"truncated member {info.filename}")
        flags = info.flag_bits & ~_DESCRIPTOR_FLAG
        self._add(
            _encode_name(info),
            data,
            method=info.compress_type,
            flags=flags,
            crc=info.CRC,
            size=info.file_size,
            dos=_dos_time(info),
            external_attr=info.external_attr,
        )

    def write(self, name: str, content: bytes) -> None:
        """Add a new member, deflated."""
        comp = zlib.compressobj(self._level, zlib.DEFLATED, -15)
        data = comp.compress(content) + comp.flush()
        try:
            raw_name = name.encode("ascii")
            flags = 0
        except UnicodeEncodeError:
            raw_name, flags = name.encode("utf-8"), _UTF8_FLAG
        self._add(
            raw_name,
            memoryview(data),
            method=zipfile.ZIP_DEFLATED,
            flags=flags,
            crc=zlib.crc32(content),
            size=len(content),
            dos=_DOS_1980,
            external_attr=0,
        )

    def close(self) -> None:
        directory = b"".join(self._central)
        if self._offset > _LIMIT or len(self._central) > 0xFFFF:
            raise ZipTooLarge("package too large for a plain zip")
        n = len(self._central)
        self._out.write(directory)
        self._out.write(_END.pack(_END_SIG, 0, 0, n, n, len(directory), self._offset, 0))

    def _add(
        self,
        raw_name: bytes,
        data: memoryview,
        *,
        method: int,
        flags: int,
        crc: int,
        size: int,
        dos: tuple[int, int],
        external_attr: int,
    ) -> None:
        if size > _LIMIT or len(data) > _LIMIT or self._offset > _LIMIT:
            raise ZipTooLarge("member too large for a plain zip")
        version = 20
        time, date = dos
        header = _LOCAL.pack(
            _LOCAL_SIG, version, flags, method, time, date, crc, len(data), size, len(raw_name), 0
        )
        self._central.append(
            _CENTRAL.pack(
                _CENTRAL_SIG, version, version, flags, method, time, date, crc, len(data), size,
                len(raw_name), 0, 0, 0, 0, external_attr, self._offset,
            )
            + raw_name
        )
        self._out.write(header)
        self._out.write(raw_name)
        self._out.write(data)
        self._offset += len(header) + len(raw_name) + len(data)


def _encode_name(info: zipfile.ZipInfo) -> bytes:
    if info.flag_bits & _UTF8_FLAG:
        return info.orig_filename.encode("utf-8")
    return info.orig_filename.encode("cp437")


def _dos_time(info: zipfile.ZipInfo) -> tuple[int, int]:
    y, mo, d, h, mi, s = info.date_time
    if y < 1980:
        return _DOS_1980
    return (h << 11) | (mi << 5) | (s // 2), ((y - 1980) << 9) | (mo << 5) | d


def zip_bytes(parts: Iterable[tuple[str, bytes]], level: int = 9) -> bytes:
    """A package of ``parts`` (name, content) in the given order, every member stamped as
    Excel stamps it: the same parts give the same bytes (reproducible builds)."""
    import io

    buffer = io.BytesIO()
    writer = RawZipWriter(buffer, level=level)
    for name, data in parts:
        writer.write(name, data)
    writer.close()
    return buffer.getvalue()


def write_file(path: Path, data: bytes) -> Path:
    """``data`` as ``path``, through a temporary file beside it: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path
