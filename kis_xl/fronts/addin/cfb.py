"""MS-CFB (compound file) reading and writing, enough for ``vbaProject.bin``.

The reader loads every storage and stream into a tree of ``Entry`` objects
(keeping each entry's CLSID, state bits and timestamps); the writer lays a
tree out again as a version 3 file (512-byte sectors, 64-byte mini sectors
for streams under 4096 bytes). The layout depends only on the tree, so
writing the same tree twice gives the same bytes. Sibling entries form a
balanced binary tree coloured as a valid red-black tree (MS-CFB 2.6.4).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
_ENTRIES_PER_SECTOR = SECTOR // 128
_IDS_PER_SECTOR = SECTOR // 4

FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
DIFSECT = 0xFFFFFFFC
NOSTREAM = 0xFFFFFFFF

STORAGE, STREAM, ROOT = 1, 2, 5
_RED, _BLACK = 0, 1


class CfbError(ValueError):
    """A compound file this module cannot read."""


@dataclass
class Entry:
    name: str
    kind: int = STREAM
    data: bytes = b""
    children: list[Entry] = field(default_factory=list)
    clsid: bytes = bytes(16)
    state: int = 0
    created: int = 0
    modified: int = 0

    def child(self, name: str) -> Entry:
        for c in self.children:
            if c.name.upper() == name.upper():
                return c
        raise KeyError(name)

    def find(self, path: str) -> Entry:
        node = self
        for part in path.split("/"):
            node = node.child(part)
        return node

    def streams(self, prefix: str = "") -> dict[str, bytes]:
        """Every stream below this entry by its path ("VBA/dir")."""
        out: dict[str, bytes] = {}
        for c in self.children:
            path = f"{prefix}{c.name}"
            if c.kind == STREAM:
                out[path] = c.data
            else:
                out.update(c.streams(path + "/"))
        return out


def _sort_key(name: str) -> tuple[int, str]:
    """MS-CFB 2.6.4: shorter names first, then by upper-cased UTF-16 code units."""
    return (len(name.encode("utf-16-le")), name.upper())


# --- reading -----------------------------------------------------------------------------


def read(data: bytes) -> Entry:  # noqa: PLR0915 - one pass over the format, in spec order
    """Parse a compound file into its root entry."""
    if data[:8] != _MAGIC:
        raise CfbError("not a compound file")
    (major, shift, mini_shift) = struct.unpack_from("<2xH2xHH", data, 0x18)
    sector = 1 << shift
    if mini_shift != 6 or sector not in (512, 4096) or major not in (3, 4):
        raise CfbError("unsupported compound file header")
    (n_fat, first_dir, _tx, cutoff, first_minifat, n_minifat, first_difat,
     n_difat) = struct.unpack_from("<IIIIIIII", data, 0x2C)

    def sector_at(sid: int) -> bytes:
        off = (sid + 1) * sector
        if off >= len(data):
            raise CfbError(f"sector {sid} beyond the end of the file")
        return data[off:off + sector].ljust(sector, b"\x00")

    difat = list(struct.unpack_from("<109I", data, 0x4C))
    sid = first_difat
    for _ in range(n_difat):
        ids = struct.unpack(f"<{sector // 4}I", sector_at(sid))
        difat += ids[:-1]
        sid = ids[-1]
    fat: list[int] = []
    for fsid in difat[:n_fat]:
        fat += struct.unpack(f"<{sector // 4}I", sector_at(fsid))

    def chain(start: int, table: list[int]) -> list[int]:
        out: list[int] = []
        sid = start
        while sid not in (ENDOFCHAIN, FREESECT):
            if sid >= len(table) or len(out) > len(table):
                raise CfbError("broken sector chain")
            out.append(sid)
            sid = table[sid]
        return out

    def big(start: int) -> bytes:
        return b"".join(sector_at(s) for s in chain(start, fat))

    dir_bytes = big(first_dir)
    minifat: list[int] = []
    if n_minifat:
        mf = big(first_minifat)
        minifat = list(struct.unpack(f"<{len(mf) // 4}I", mf))

    raw = []
    for i in range(len(dir_bytes) // 128):
        e = dir_bytes[i * 128:(i + 1) * 128]
        name_len, kind, _color, left, right, child = struct.unpack_from("<HBBIII", e, 64)
        clsid = e[80:96]
        state, created, modified, start, size = struct.unpack_from("<IQQIQ", e, 96)
        name = e[:max(name_len - 2, 0)].decode("utf-16-le")
        if major == 3:
            size &= 0xFFFFFFFF
        raw.append((name, kind, left, right, child, clsid, state, created, modified, start,
                    size))
    if not raw or raw[0][1] != ROOT:
        raise CfbError("missing root entry")
    ministream = big(raw[0][9]) if raw[0][10] else b""

    def stream_data(start: int, size: int) -> bytes:
        if size < cutoff:
            parts = [ministream[s * MINI_SECTOR:(s + 1) * MINI_SECTOR]
                     for s in chain(start, minifat)]
            return b"".join(parts)[:size]
        return big(start)[:size]

    seen: set[int] = set()

    def build(index: int) -> Entry:
        if index in seen:
            raise CfbError("directory loop")
        seen.add(index)
        (name, kind, _l, _r, child, clsid, state, created, modified, start, size) = raw[index]
        entry = Entry(name, kind, clsid=clsid, state=state, created=created, modified=modified)
        if kind == STREAM:
            entry.data = stream_data(start, size)
        else:
            entry.children = [build(i) for i in siblings(child)]
            entry.children.sort(key=lambda c: _sort_key(c.name))
        return entry

    def siblings(index: int) -> list[int]:
        out: list[int] = []
        stack = [index]
        while stack:
            i = stack.pop()
            if i == NOSTREAM:
                continue
            if i >= len(raw) or len(out) > len(raw):
                raise CfbError("broken directory tree")
            out.append(i)
            stack += [raw[i][2], raw[i][3]]
        return out

    return build(0)


# --- writing -----------------------------------------------------------------------------


def write(root: Entry) -> bytes:  # noqa: PLR0915 - one pass over the format, in spec order
    """Lay ``root`` out as a version 3 compound file."""
    entries: list[Entry] = [root]
    links: list[list[int]] = [[NOSTREAM, NOSTREAM, NOSTREAM, _BLACK]]

    def add_children(parent: int, node: Entry) -> None:
        kids = sorted(node.children, key=lambda c: _sort_key(c.name))
        if len({_sort_key(k.name) for k in kids}) != len(kids):
            raise CfbError(f"duplicate names in storage {node.name!r}")
        first = len(entries)
        for k in kids:
            entries.append(k)
            links.append([NOSTREAM, NOSTREAM, NOSTREAM, _BLACK])
        depth_full = max(len(kids).bit_length() - 1, 0)

        def tree(lo: int, hi: int, depth: int) -> int:
            if lo >= hi:
                return NOSTREAM
            mid = (lo + hi) // 2
            index = first + mid
            links[index][0] = tree(lo, mid, depth + 1)
            links[index][1] = tree(mid + 1, hi, depth + 1)
            # every level above the last is full, so the last level may be red
            links[index][3] = _RED if depth == depth_full and depth > 0 else _BLACK
            return index

        links[parent][2] = tree(0, len(kids), 0)
        for offset, k in enumerate(kids):
            if k.kind != STREAM:
                add_children(first + offset, k)

    add_children(0, root)

    # mini stream: small streams packed in 64-byte mini sectors
    ministream = bytearray()
    minifat: list[int] = []
    starts: dict[int, tuple[int, int]] = {}
    big_streams: list[tuple[int, bytes]] = []
    for i, e in enumerate(entries):
        if e.kind != STREAM:
            continue
        if not e.data:
            starts[i] = (ENDOFCHAIN, 0)
        elif len(e.data) < MINI_CUTOFF:
            first = len(minifat)
            count = -(-len(e.data) // MINI_SECTOR)
            minifat += [*range(first + 1, first + count), ENDOFCHAIN]
            ministream += e.data.ljust(count * MINI_SECTOR, b"\x00")
            starts[i] = (first, len(e.data))
        else:
            big_streams.append((i, e.data))

    def sectors(n: int) -> int:
        return -(-n // SECTOR)

    n_dir = -(-len(entries) // _ENTRIES_PER_SECTOR)
    n_minifat = sectors(len(minifat) * 4)
    n_mini = sectors(len(ministream))
    n_data = sum(sectors(len(d)) for _, d in big_streams)
    rest = n_dir + n_minifat + n_mini + n_data
    n_fat = 1
    while n_fat * _IDS_PER_SECTOR < n_fat + rest:
        n_fat += 1
    if n_fat > 109:
        raise CfbError("file too large for a header-only DIFAT")

    fat: list[int] = [FATSECT] * n_fat
    body = bytearray()

    def place(payload: bytes, count: int) -> int:
        if count == 0:
            return ENDOFCHAIN
        start = len(fat)
        fat.extend([*range(start + 1, start + count), ENDOFCHAIN])
        body.extend(payload.ljust(count * SECTOR, b"\x00"))
        return start

    dir_start_at = len(fat)
    fat.extend([*range(dir_start_at + 1, dir_start_at + n_dir), ENDOFCHAIN])
    body.extend(bytes(n_dir * SECTOR))  # filled in below, once stream starts are known
    minifat_bytes = struct.pack(f"<{len(minifat)}I", *minifat)
    minifat_start = place(minifat_bytes.ljust(n_minifat * SECTOR, b"\xff"), n_minifat)
    mini_start = place(bytes(ministream), n_mini)
    for i, d in big_streams:
        starts[i] = (place(d, sectors(len(d))), len(d))
    starts[0] = (mini_start, len(ministream))

    directory = bytearray()
    for i, e in enumerate(entries):
        name = e.name.encode("utf-16-le")
        if len(name) > 62:
            raise CfbError(f"name too long: {e.name!r}")
        left, right, child, color = links[i]
        start, size = starts.get(i, (0, 0))
        if e.kind == STORAGE:
            start, size = 0, 0
        directory += name.ljust(64, b"\x00")
        directory += struct.pack("<HBBIII", len(name) + 2, e.kind, color, left, right, child)
        directory += e.clsid.ljust(16, b"\x00")[:16]
        directory += struct.pack("<IQQIQ", e.state, e.created, e.modified, start, size)
    while len(directory) < n_dir * SECTOR:  # unused entries
        directory += bytes(64) + struct.pack("<HBBIII", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM)
        directory += bytes(16) + struct.pack("<IQQIQ", 0, 0, 0, 0, 0)
    body[0:n_dir * SECTOR] = directory

    total = len(fat)
    fat += [FREESECT] * (n_fat * _IDS_PER_SECTOR - total)
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    difat = list(range(n_fat)) + [FREESECT] * (109 - n_fat)
    header = bytearray(_MAGIC)
    header += bytes(16)  # CLSID
    header += struct.pack("<HHHHH", 0x003E, 3, 0xFFFE, 9, 6)
    header += bytes(6)
    header += struct.pack("<IIIIIIIII", 0, n_fat, dir_start_at, 0, MINI_CUTOFF,
                          minifat_start if n_minifat else ENDOFCHAIN, n_minifat,
                          ENDOFCHAIN, 0)
    header += struct.pack("<109I", *difat)
    assert len(header) == SECTOR
    return bytes(header) + fat_bytes + bytes(body)
