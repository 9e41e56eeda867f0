"""The Excel add-in ``workbook/kis.xlam``: built from the xlwings template, proven on Linux.

Nothing here runs Excel. What Linux can prove: the package is consistent
OOXML, oletools reads every VBA module back (the callback's source exactly),
no VBA stomping, every ``onAction`` names a real ``Sub (control As
IRibbonControl)``, the ribbon validates against Microsoft's customui14.xsd,
its tags are the registry's actions, LibreOffice opens the add-in and imports
its VBA, and the MS-CFB / MS-OVBA code round-trips against olefile/oletools.
"""

from __future__ import annotations

import io
import os
import random
import re
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import olefile
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from oletools.olevba import VBA_Parser, decompress_stream

from kis_xl.actions.registry import ACTIONS, GROUPS, USER_ACTIONS, Needs
from kis_xl.fronts.addin import build, cfb, ovba
from kis_xl.fronts.addin.vba import VBA_PROJECT_HEADER, Project, parse_dir, vba_string
from tests import ooxml_checks
from tests.office import require_soffice

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "workbook" / "kis.xlam"
XSD = next((p / "shared" / "schemas" / "customui14.xsd" for p in REPO.parents
            if (p / "shared" / "schemas" / "customui14.xsd").is_file()),
           REPO.parent / "shared" / "schemas" / "customui14.xsd")
"""``../shared/schemas`` beside the clone (CI), or beside a folder holding the worktree."""
CUSTOMUI = "{http://schemas.microsoft.com/office/2009/07/customui}"


@pytest.fixture(scope="module")
def addin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("addin") / "kis.xlam"
    path.write_bytes(build.build_addin())
    return path


@pytest.fixture(scope="module")
def vba_bin(addin: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``vbaProject.bin`` as a file: olevba detects stomping only on files, not in memory."""
    path = tmp_path_factory.mktemp("vba") / "vbaProject.bin"
    path.write_bytes(zipfile.ZipFile(addin).read("xl/vbaProject.bin"))
    return path


def _template_bin() -> bytes:
    return zipfile.ZipFile(build.template_path()).read("xl/vbaProject.bin")


def _modules(path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(path))
    try:
        return {name: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


# --- the committed build ------------------------------------------------------------------


def test_committed_addin_is_the_current_build() -> None:
    assert COMMITTED.read_bytes() == build.build_addin(), (
        "workbook/kis.xlam is stale: run `kis-xl addin build workbook/kis.xlam` and commit it")


def test_build_is_byte_for_byte_reproducible(tmp_path: Path) -> None:
    first = build.build_addin()
    assert build.build_addin() == first
    for info in zipfile.ZipFile(io.BytesIO(first)).infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0), info.filename
    target = tmp_path / "moj.xlam"
    done = subprocess.run([sys.executable, "-m", "kis_xl", "addin", "build", str(target)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Utworzono dodatek" in done.stdout
    assert target.read_bytes() == first


# --- the package --------------------------------------------------------------------------


def test_addin_is_a_consistent_ooxml_package(addin: Path) -> None:
    assert ooxml_checks.problems(addin) == []
    parts = ooxml_checks.read_parts(addin)
    assert "customUI/customUI.xml" not in parts
    rels = ooxml_checks.rels_of(parts, "")
    ui = [(t, target) for t, target, _ in rels.values() if t == build.UI_RELATIONSHIP]
    assert ui == [(build.UI_RELATIONSHIP, build.CUSTOMUI_PART)]
    assert ooxml_checks.content_type(parts, "xl/workbook.xml") == (
        "application/vnd.ms-excel.addin.macroEnabled.main+xml")
    assert ooxml_checks.content_type(parts, "xl/vbaProject.bin") == (
        "application/vnd.ms-office.vbaProject")
    workbook = etree.fromstring(parts["xl/workbook.xml"])
    names = [el.get("name") for el in workbook.iter() if el.tag.endswith("}sheet")]
    assert names == ["_kis.conf"]  # disabled config sheet: cannot shadow kis.conf
    # every document module's codeName is declared by a workbook part
    code_names = {el.get("codeName") for p in ("xl/workbook.xml", "xl/worksheets/sheet1.xml")
                  for el in etree.fromstring(parts[p]).iter() if el.get("codeName")}
    assert {"ThisWorkbook", "Sheet2"} <= code_names


def test_untouched_parts_are_the_templates(addin: Path) -> None:
    ours = ooxml_checks.read_parts(addin)
    theirs = ooxml_checks.read_parts(build.template_path())
    changed = {n for n in ours.keys() & theirs.keys() if ours[n] != theirs[n]}
    assert changed == {"_rels/.rels", "xl/workbook.xml", "xl/vbaProject.bin"}
    assert set(ours) - set(theirs) == {build.CUSTOMUI_PART}


# --- the VBA project ----------------------------------------------------------------------


def test_olevba_extracts_every_module_and_the_callback_source(addin: Path) -> None:
    ours = _modules(addin)
    theirs = _modules(build.template_path())
    expected = {n.replace(build.TEMPLATE_MODULE, build.CALLBACK_MODULE) for n in theirs}
    assert set(ours) == expected
    callback = ours[f"{build.CALLBACK_MODULE}.bas"]
    assert callback.replace("\r\n", "\n") == build.callback_source().replace("\r\n", "\n")
    assert "If ActiveWorkbook Is Nothing Then" in callback
    assert "If Application.ActiveProtectedViewWindow Is Nothing Then" in callback
    assert vba_string(build.PROTECTED_VIEW_MESSAGE) in callback  # Protected View named
    assert ("RunPython \"from kis_xl.fronts.excel import run_action; run_action('\" & "
            "control.Tag & \"')\"") in callback
    assert 'Public Const PROJECT_NAME As String = "kis"' in ours["xlwings.bas"]
    # the xlwings module is otherwise the template's, the other modules untouched
    assert ours["xlwings.bas"] == theirs["xlwings.bas"].replace(
        'PROJECT_NAME As String = "myaddin"', 'PROJECT_NAME As String = "kis"')
    for name in ("ThisWorkbook.cls", "Dictionary.cls", "Sheet2.cls"):
        assert ours[name] == theirs[name]


def test_rewritten_modules_are_source_only(vba_bin: Path) -> None:
    data = vba_bin.read_bytes()
    ole = olefile.OleFileIO(data)
    assert ole.openstream("VBA/_VBA_PROJECT").read() == bytes.fromhex("CC61FFFF000100")
    assert bytes.fromhex("CC61FFFF000100") == VBA_PROJECT_HEADER
    records = parse_dir(bytes(decompress_stream(bytearray(ole.openstream("VBA/dir").read()))))
    offsets: dict[str, int] = {}
    name = ""
    for r in records:
        if r.id == 0x0019:
            name = r.data.decode("cp1252")
        if r.id == 0x0031:
            offsets[name] = struct.unpack("<I", r.data)[0]
    assert offsets[build.CALLBACK_MODULE] == 0
    assert offsets["xlwings"] == 0
    assert offsets["Dictionary"] > 0  # compiled modules keep their p-code, as xlwings built them
    stream = ole.openstream(f"VBA/{build.CALLBACK_MODULE}").read()
    # the whole stream is one compressed container holding the source
    assert bytes(decompress_stream(bytearray(stream))).decode("cp1252") == (
        build.callback_source())
    project = ole.openstream("PROJECT").read().decode("cp1252")
    assert f"Module={build.CALLBACK_MODULE}\r\n" in project
    assert build.TEMPLATE_MODULE not in project
    assert 'Name="KIS"' in project
    wm = ole.openstream("PROJECTwm").read()
    assert build.CALLBACK_MODULE.encode("utf-16-le") in wm
    assert build.TEMPLATE_MODULE.encode() not in wm
    assert [e[-1] for e in ole.listdir() if e[0] == "VBA"].count(build.CALLBACK_MODULE) == 1


def test_no_vba_stomping(vba_bin: Path, tmp_path: Path) -> None:
    parser = VBA_Parser(str(vba_bin))
    assert parser.detect_vba_stomping() is False
    parser.close()
    # the check can fail: a module whose source no longer matches its p-code is stomped
    project = Project(vba_bin.read_bytes())
    group = project._module("Dictionary")
    (offset,) = struct.unpack("<I", next(r.data for r in group if r.id == 0x0031))
    stream = project.vba.child("Dictionary")
    fake = 'Attribute VB_Name = "Dictionary"\r\nSub Other()\r\n    Beep\r\nEnd Sub\r\n'
    stream.data = stream.data[:offset] + ovba.compress(fake.encode("cp1252"))
    stomped = tmp_path / "stomped.bin"
    stomped.write_bytes(project.to_bytes())
    parser = VBA_Parser(str(stomped))
    assert parser.detect_vba_stomping() is True
    parser.close()


def test_every_on_action_names_a_ribbon_callback(addin: Path) -> None:
    modules = {n.rsplit(".", 1)[0]: code for n, code in _modules(addin).items()}
    ui = etree.fromstring(zipfile.ZipFile(addin).read(build.CUSTOMUI_PART))
    actions = {el.get("onAction") for el in ui.iter() if el.get("onAction")}
    assert actions
    for action in actions:
        module, _, sub = action.rpartition(".")
        sources = [modules[module]] if module else list(modules.values())
        pattern = (rf"(?mi)^\s*(Public\s+)?Sub\s+{re.escape(sub)}"
                   r"\s*\(\s*control\s+As\s+IRibbonControl\s*\)")
        assert any(re.search(pattern, s) for s in sources), action


def test_ribbon_validates_against_customui14_xsd(addin: Path) -> None:
    if not XSD.is_file():
        pytest.skip(f"{XSD} is missing (the shared/ folder beside the repository)")
    import xmlschema

    schema = xmlschema.XMLSchema(str(XSD))
    xml = zipfile.ZipFile(addin).read(build.CUSTOMUI_PART)
    schema.validate(xml.decode("utf-8"))
    bad = xml.replace(b'size="large"', b'size="huge"', 1)
    assert not schema.is_valid(bad.decode("utf-8"))


def test_ribbon_tags_are_the_registry(addin: Path) -> None:
    ui = etree.fromstring(zipfile.ZipFile(addin).read(build.CUSTOMUI_PART))
    buttons = list(ui.iter(f"{CUSTOMUI}button"))
    assert [b.get("tag") for b in buttons] == [
        a.name for g, _ in GROUPS for a in USER_ACTIONS if a.group == g]
    assert {b.get("tag") for b in buttons} == {a.name for a in USER_ACTIONS}
    tab = next(ui.iter(f"{CUSTOMUI}tab"))
    assert tab.get("label") == "KIS"
    groups = [g.get("label") for g in ui.iter(f"{CUSTOMUI}group")]
    assert groups == ["Uczestnicy", "Zajęcia", "Dokumenty", "Nadzór"]
    labels = {b.get("tag"): b.get("label") for b in buttons}
    assert labels["docs_certificate"] == "Zaświadczenie"
    assert all(b.get("imageMso") for b in buttons)


@pytest.mark.libreoffice
def test_libreoffice_opens_the_addin_and_imports_its_vba(addin: Path, tmp_path: Path) -> None:
    exe = require_soffice()
    with tempfile.TemporaryDirectory(prefix="kis-lo-profile-") as profile:
        # .xlam is not detected by extension: name the filter that reads macro-enabled OOXML
        proc = subprocess.run(
            [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--infilter=Calc MS Excel 2007 VBA XML", "--convert-to", "ods",
             "--outdir", str(tmp_path), str(addin)],
            capture_output=True, text=True, timeout=180, check=False)
    out = tmp_path / "kis.ods"
    assert out.exists(), proc.stdout + proc.stderr
    ods = zipfile.ZipFile(out)
    basic = {n for n in ods.namelist() if n.startswith("Basic/KIS/")}
    assert {f"Basic/KIS/{m}.xml" for m in
            ("KisRibbon", "xlwings", "Dictionary", "ThisWorkbook", "Sheet2")} <= basic
    callback = ods.read("Basic/KIS/KisRibbon.xml").decode("utf-8")
    assert "Sub KisAction(control As IRibbonControl)" in callback
    assert "PROJECT_NAME As String = &quot;kis&quot;" in ods.read(
        "Basic/KIS/xlwings.xml").decode("utf-8")
    assert 'table:name="_kis.conf"' in ods.read("content.xml").decode("utf-8")


# --- MS-OVBA compression and MS-CFB -------------------------------------------------------


def test_compression_round_trips_the_template_modules() -> None:
    project = Project(_template_bin())
    for name in project.module_names():
        source = project.source(name).encode(project.encoding)
        packed = ovba.compress(source)
        assert bytes(decompress_stream(bytearray(packed))) == source
        assert ovba.decompress(packed) == source
    assert len(ovba.compress(project.source("xlwings").encode())) < 25_000  # it compresses


@settings(max_examples=60, deadline=None)
@given(st.one_of(
    st.binary(max_size=10_000),
    st.text(alphabet="ab \r\n", max_size=12_000).map(str.encode),
    st.integers(0, 9000).map(lambda n: bytes(random.Random(n).getrandbits(8) for _ in range(n))),
))
def test_compression_round_trips_with_oletools(data: bytes) -> None:
    packed = ovba.compress(data)
    theirs = bytes(decompress_stream(bytearray(packed)))
    # a raw (incompressible) last chunk is padded to 4096 bytes with zeros (MS-OVBA 2.4.1.3.10)
    assert theirs[:len(data)] == data
    assert not theirs[len(data):].strip(b"\x00")
    assert ovba.decompress(packed) == theirs


def test_compound_file_round_trip_keeps_every_stream_and_attribute() -> None:
    data = _template_bin()
    written = cfb.write(cfb.read(data))
    assert cfb.write(cfb.read(written)) == written
    a, b = olefile.OleFileIO(data), olefile.OleFileIO(written)
    assert sorted(a.listdir(storages=True)) == sorted(b.listdir(storages=True))
    for entry in a.listdir(storages=True):
        assert a.getclsid(entry) == b.getclsid(entry)
        assert a.getctime(entry) == b.getctime(entry)
        assert a.getmtime(entry) == b.getmtime(entry)
        if a.get_type(entry) == olefile.STGTY_STREAM:
            assert a.openstream(entry).read() == b.openstream(entry).read()


def test_compound_file_with_large_and_many_streams() -> None:
    kids = [cfb.Entry(f"s{i:03d}", data=bytes([i]) * (i * 97)) for i in range(40)]
    kids.append(cfb.Entry("big", data=os.urandom(70_000)))
    root = cfb.Entry("Root Entry", cfb.ROOT, children=[cfb.Entry("St", cfb.STORAGE,
                                                                 children=kids)])
    written = cfb.write(root)
    ole = olefile.OleFileIO(written)
    for k in kids:
        assert ole.openstream(["St", k.name]).read() == k.data
    _assert_red_black(written)


def _assert_red_black(data: bytes) -> None:
    """MS-CFB 2.6.4: siblings form a red-black tree (black root, no red-red, equal black
    heights), ordered by length then upper-cased name."""
    ole = olefile.OleFileIO(data)
    entries = ole.direntries

    def check(sid: int, parent_red: bool) -> int:
        if sid == olefile.NOSTREAM:
            return 1
        e = entries[sid]
        red = e.color == 0
        assert not (red and parent_red)
        left, right = check(e.sid_left, red), check(e.sid_right, red)
        assert left == right
        return left + (0 if red else 1)

    for e in entries:
        storage = e is not None and e.entry_type in (olefile.STGTY_ROOT, olefile.STGTY_STORAGE)
        if storage and e.sid_child != olefile.NOSTREAM:
            assert entries[e.sid_child].color == 1
            check(e.sid_child, False)


def test_vba_string_spells_polish_letters_with_chrw() -> None:
    assert vba_string("Zażółć") == '"Za" & ChrW(380) & "ó" & ChrW(322) & ChrW(263)'
    assert vba_string('a "b"') == '"a ""b"""'
    assert vba_string("") == '""'


# --- the registry -------------------------------------------------------------------------


def test_registry_entries_are_complete_and_load() -> None:
    from kis_xl.documents.kinds import BY_KEY

    names = [a.name for a in USER_ACTIONS]
    assert len(names) == len(set(names))
    assert [a.name for a in ACTIONS] == ["check", "hours", "outcomes", "timetable", "exchange"]
    group_ids = {g for g, _ in GROUPS}
    for a in USER_ACTIONS:
        assert callable(a.load()), a.name
        assert a.group in group_ids and a.image and a.label and a.tip
        assert re.fullmatch(r"[a-z_]+", a.name)
        kind = dict(a.options).get("kind")
        if kind is not None:
            assert kind in BY_KEY
    assert {dict(a.options).get("kind") for a in USER_ACTIONS} >= {
        "kontrakt", "wniosek", "zaswiadczenie", "lista", "regulamin", "program"}
    needs = {a.name: a.needs for a in USER_ACTIONS}
    assert needs["meeting_add"] is Needs.ACTIVITY_AND_DATE
    assert needs["docs_contract"] is Needs.PARTICIPANT_ROWS
    assert needs["docs_attendance"] is Needs.MEETING_ROWS


def test_registry_import_is_light() -> None:
    code = ("import sys, kis_xl.fronts.excel; "
            "heavy = {'xlwings', 'openpyxl', 'pandas', 'docxtpl', 'lxml', 'typer'} & "
            "{m.split('.')[0] for m in sys.modules}; print(sorted(heavy))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_readme_lists_every_ribbon_button() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section:addin -->")[1].split("<!-- /section:addin -->")[0]
    for _, label in GROUPS:
        assert f"| {label} |" in section, label
    for a in USER_ACTIONS:
        assert a.label in section, a.label
    for phrase in ("Mark of the Web", "Centrum zaufania", "Lista kontrolna",
                   "kis-xl addin install"):
        assert phrase in section


def test_every_ribbon_icon_is_an_allowed_excel_name(addin: Path) -> None:
    """See tests/excel_control_ids.py for where each allowed name comes from (Microsoft's
    Excel control-id list itself could not be obtained here)."""
    from tests.excel_control_ids import ALLOWED, NOT_EXCEL

    ui = etree.fromstring(zipfile.ZipFile(addin).read(build.CUSTOMUI_PART))
    images = {b.get("tag"): b.get("imageMso") for b in ui.iter(f"{CUSTOMUI}button")}
    assert {tag: image for tag, image in images.items() if image not in ALLOWED} == {}
    assert not set(images.values()) & NOT_EXCEL
    assert not ALLOWED & NOT_EXCEL


def test_allowed_names_of_xlwings_are_in_its_ribbons() -> None:
    from tests.excel_control_ids import XLWINGS

    folder = build.template_path().parent
    found: set[str] = set()
    for addin in (folder / "addin" / "xlwings.xlam", folder / build.TEMPLATE_NAME):
        with zipfile.ZipFile(addin) as z:
            for name in z.namelist():
                if name.startswith("customUI/"):
                    found |= set(re.findall(r'imageMso="([^"]+)"', z.read(name).decode()))
    assert found >= XLWINGS
