"""MS-OVBA 2.4.1 compression: the container format of VBA source and the ``dir`` stream.

A compressed container is the signature byte 0x01 followed by chunks; each
chunk holds up to 4096 decompressed bytes as a 2-byte header and token
sequences (a flag byte and up to eight literal bytes or 2-byte copy tokens).
The copy token splits its 16 bits between offset and length depending on how
far into the chunk it stands (2.4.1.3.19.1 CopyToken Help). The compressor is
greedy (longest match among the latest candidates in the chunk, nearest on
ties) and has no other state, so the same input always gives the same bytes.
"""

from __future__ import annotations

import struct

CHUNK = 4096
_SIGNATURE = 0x01
_MIN_MATCH = 3
_TRIES = 128
"""Candidates tried per position (newest first): bounds the time on repetitive text."""


class OvbaError(ValueError):
    """A compressed container that does not follow MS-OVBA 2.4.1."""


def _token_help(position: int) -> tuple[int, int, int]:
    """(length mask, bit count, maximum length) for a copy token at ``position`` in a chunk."""
    bit_count = max((position - 1).bit_length(), 4)
    length_mask = 0xFFFF >> bit_count
    return length_mask, bit_count, length_mask + 3


def decompress(data: bytes) -> bytes:
    """Decompress a CompressedContainer (MS-OVBA 2.4.1.3.1)."""
    if not data or data[0] != _SIGNATURE:
        raise OvbaError("compressed container must start with 0x01")
    out = bytearray()
    pos = 1
    while pos < len(data):
        if pos + 2 > len(data):
            raise OvbaError("truncated chunk header")
        (header,) = struct.unpack_from("<H", data, pos)
        size = (header & 0x0FFF) + 3
        if (header >> 12) & 0b111 != 0b011:
            raise OvbaError(f"bad chunk signature at byte {pos}")
        compressed = bool(header & 0x8000)
        end = min(pos + size, len(data))
        pos += 2
        start = len(out)
        if not compressed:
            out += data[pos:pos + CHUNK]
            pos += CHUNK
            continue
        while pos < end:
            flags = data[pos]
            pos += 1
            for bit in range(8):
                if pos >= end:
                    break
                if not flags & (1 << bit):
                    out.append(data[pos])
                    pos += 1
                    continue
                (token,) = struct.unpack_from("<H", data, pos)
                pos += 2
                length_mask, bit_count, _ = _token_help(len(out) - start)
                length = (token & length_mask) + 3
                offset = (token >> (16 - bit_count)) + 1
                src = len(out) - offset
                if src < start:
                    raise OvbaError("copy token points before its chunk")
                for i in range(length):  # may overlap its own output
                    out.append(out[src + i])
    return bytes(out)


def compress(data: bytes) -> bytes:
    """Compress ``data`` into a CompressedContainer (MS-OVBA 2.4.1.3.6)."""
    out = bytearray([_SIGNATURE])
    for start in range(0, len(data), CHUNK):
        out += _compress_chunk(data[start:start + CHUNK])
    return bytes(out)


def _compress_chunk(chunk: bytes) -> bytes:
    body = bytearray()
    n = len(chunk)
    heads: dict[bytes, list[int]] = {}
    pos = 0

    def remember(i: int) -> None:
        if i + _MIN_MATCH <= n:
            heads.setdefault(chunk[i:i + _MIN_MATCH], []).append(i)

    while pos < n:
        flag_index = len(body)
        body.append(0)
        flags = 0
        for bit in range(8):
            if pos >= n:
                break
            best_len, best_at = 0, 0
            if pos > 0:
                _, _, max_len = _token_help(pos)
                limit = min(max_len, n - pos)
                for cand in reversed(heads.get(chunk[pos:pos + _MIN_MATCH], [])[-_TRIES:]):
                    length = _MIN_MATCH
                    while length < limit and chunk[cand + length] == chunk[pos + length]:
                        length += 1
                    if length > best_len:
                        best_len, best_at = length, cand
                        if length == limit:
                            break
            if best_len >= _MIN_MATCH:
                _, bit_count, _ = _token_help(pos)
                token = ((pos - best_at - 1) << (16 - bit_count)) | (best_len - 3)
                body += struct.pack("<H", token)
                flags |= 1 << bit
                for i in range(pos, pos + best_len):
                    remember(i)
                pos += best_len
            else:
                body.append(chunk[pos])
                remember(pos)
                pos += 1
        body[flag_index] = flags
    if len(body) > CHUNK:  # incompressible: a raw chunk holds exactly 4096 bytes
        header = 0x3000 | (CHUNK - 1)
        return struct.pack("<H", header) + chunk.ljust(CHUNK, b"\x00")
    header = 0xB000 | (len(body) + 2 - 3)
    return struct.pack("<H", header) + bytes(body)
