"""The zip and OPC layer: raw member copy, relationships, content types, part removal."""

from __future__ import annotations

import io
import zipfile

import pytest

from kis_xl.sinks.xlsx.package import Package, PackageError, relative_target, source_of_rels
from kis_xl.sinks.xlsx.zipwrite import RawZipWriter

CT = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/a.xml" ContentType="text/a"/>'
    '<Override PartName="/xl/sub/b.xml" ContentType="text/b"/></Types>'
)
RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://x/relationships/thing" Target="/xl/sub/b.xml"/>'
    '<Relationship Id="rId2" Type="http://x/relationships/thing" Target="sub/c%20d.xml"/>'
    '<Relationship Id="rId3" Type="http://x/relationships/link" Target="https://example.org/"'
    ' TargetMode="External"/></Relationships>'
)


def make_zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def package() -> Package:
    return Package(make_zip({
        "[Content_Types].xml": CT.encode(),
        "xl/a.xml": b"<a/>",
        "xl/_rels/a.xml.rels": RELS.encode(),
        "xl/sub/b.xml": b"<b/>",
        "xl/sub/c d.xml": b"<c/>",
    }))


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_raw_copy_keeps_content_and_compressed_bytes(method: int) -> None:
    members = {"a.xml": b"<a>" + b"x" * 5000 + b"</a>", "Łódź/ż.txt": "zażółć".encode(),
               "empty": b""}
    source = make_zip(members, method)
    out = io.BytesIO()
    writer = RawZipWriter(out)
    with zipfile.ZipFile(io.BytesIO(source)) as z:
        for info in z.infolist():
            writer.copy_raw(source, info)
    writer.write("new.xml", b"<new/>" * 100)
    writer.close()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as z, zipfile.ZipFile(
        io.BytesIO(source)
    ) as src:
        assert z.testzip() is None
        assert {n: z.read(n) for n in members} == members
        assert z.read("new.xml") == b"<new/>" * 100
        for info in src.infolist():
            copy = z.getinfo(info.filename)
            assert (copy.compress_type, copy.compress_size, copy.CRC) == (
                info.compress_type, info.compress_size, info.CRC,
            )


def test_raw_copy_refuses_a_broken_local_header() -> None:
    source = bytearray(make_zip({"a.xml": b"<a/>"}))
    source[0:4] = b"XXXX"
    with zipfile.ZipFile(io.BytesIO(bytes(source))) as z:
        info = z.infolist()[0]
    with pytest.raises(zipfile.BadZipFile):
        RawZipWriter(io.BytesIO()).copy_raw(bytes(source), info)


def test_relationship_targets_resolve_absolute_relative_and_escaped() -> None:
    pkg = package()
    rels = pkg.rels("xl/a.xml")
    assert [rels.resolve(r) for r in rels.all() if not r.external] == ["xl/sub/b.xml",
                                                                        "xl/sub/c d.xml"]
    assert pkg.related("xl/a.xml", "thing") == ["xl/sub/b.xml", "xl/sub/c d.xml"]
    assert rels.get("rId3").external
    assert relative_target("xl/worksheets/sheet1.xml", "xl/drawings/drawing 1.xml") == (
        "../drawings/drawing%201.xml"
    )
    assert source_of_rels("xl/_rels/workbook.xml.rels") == "xl/workbook.xml"
    assert source_of_rels("_rels/.rels") == ""


def test_new_relationship_ids_are_unique() -> None:
    rels = package().rels("xl/a.xml")
    new = rels.add("http://x/relationships/thing", "xl/sub/b.xml")
    assert new not in {"rId1", "rId2", "rId3"}
    assert len({r.id for r in rels.all()}) == 4


def test_content_types_by_override_then_default() -> None:
    pkg = package()
    assert pkg.content_types.get("XL/A.XML") == "text/a"
    assert pkg.content_types.get("xl/other.xml") == "application/xml"
    assert pkg.content_types.get("xl/media/x.png") is None


def test_removing_a_part_takes_its_rels_and_override_along() -> None:
    pkg = package()
    pkg.remove("xl/a.xml")
    assert not pkg.has("xl/a.xml") and not pkg.has("xl/_rels/a.xml.rels")
    assert pkg.content_types.get("xl/a.xml") == "application/xml"
    out = io.BytesIO()
    pkg.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as z:
        names = z.namelist()
        assert "xl/a.xml" not in names and "xl/_rels/a.xml.rels" not in names
        assert b"/xl/a.xml" not in z.read("[Content_Types].xml")
        assert z.read("xl/sub/b.xml") == b"<b/>"


def test_unused_names_count_up() -> None:
    pkg = package()
    pkg.put("xl/sub/b1.xml", b"<b/>")
    assert pkg.unused_name("xl/sub", "b", "xml") == "xl/sub/b2.xml"


def test_not_a_package() -> None:
    with pytest.raises(PackageError):
        Package(b"PK\x03\x04 not really")
    with pytest.raises(PackageError, match="Content_Types"):
        Package(make_zip({"a.txt": b"x"}))
