"""``kis-xl calc build``: the LibreOffice extension generated from the action registry.

Fast checks without LibreOffice (tests/test_calc_front.py clicks the buttons in a
headless Calc): the package is reproducible, every registry action is a menu entry,
a toolbar button and a macro, and the install's ``kis_site`` puts kis_xl first.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from xml.etree import ElementTree

from kis_xl.actions.registry import GROUPS, USER_ACTIONS
from kis_xl.fronts.calc import build
from kis_xl.sinks.uno_book import _data

OOR = "{http://openoffice.org/2001/registry}"


def test_the_extension_is_reproducible_and_holds_what_the_manifest_lists(
        tmp_path: Path) -> None:
    assert build.build_extension() == build.build_extension()
    target = tmp_path / "kis.oxt"
    done = subprocess.run([sys.executable, "-m", "kis_xl", "calc", "build", str(target)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == build.build_extension()
    with zipfile.ZipFile(target) as z:
        names = z.namelist()
        manifest = ElementTree.fromstring(z.read("META-INF/manifest.xml"))
    listed = [e.get("{http://openoffice.org/2001/manifest}full-path") for e in manifest]
    assert listed == ["Addons.xcu", "CalcWindowState.xcu", "python"]
    assert "python/kis_calc.py" in names and "description.xml" in names
    assert not any("kis_site" in n for n in names)  # only an install knows the paths


def _entries(xcu: bytes, set_name: str) -> list[tuple[str, str]]:
    """(URL, Title) of the items under the AddonUI set ``set_name``."""
    root = ElementTree.fromstring(xcu)
    ui = next(n for n in root if n.get(f"{OOR}name") == "AddonUI")
    container = next(n for n in ui if n.get(f"{OOR}name") == set_name)
    out = []
    for item in container.iter("node"):
        props = {p.get(f"{OOR}name"): p.findtext("value") for p in item.findall("prop")}
        if "URL" in props:
            out.append((props["URL"] or "", props.get("Title") or ""))
    return out


def test_every_registry_action_is_a_menu_entry_and_a_toolbar_button() -> None:
    xcu = build.addons_xcu()
    in_groups = [a for g, _ in GROUPS for a in USER_ACTIONS if a.group == g]
    assert sorted(a.name for a in in_groups) == sorted(a.name for a in USER_ACTIONS)
    expected = [(build.command_url(a.name), a.label) for a in in_groups]
    for set_name in ("OfficeMenuBar", "OfficeToolBar"):
        entries = [e for e in _entries(xcu, set_name) if e[0] != "private:separator"]
        assert entries == expected
        separators = [e for e in _entries(xcu, set_name) if e[0] == "private:separator"]
        assert len(separators) == len({a.group for a in USER_ACTIONS}) - 1


def test_every_button_has_its_macro_and_every_macro_its_action() -> None:
    source = build.script_source()
    tree = ast.parse(source)
    functions = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
    for a in USER_ACTIONS:
        macro = functions[a.name]
        call = macro.body[-1]
        assert isinstance(call, ast.Expr) and isinstance(call.value, ast.Call)
        assert [ast.literal_eval(arg) for arg in call.value.args] == [a.name]
    exported = next(n for n in tree.body if isinstance(n, ast.Assign)
                    and getattr(n.targets[0], "id", "") == "g_exportedScripts")
    assert [e.id for e in exported.value.elts] == [a.name for a in USER_ACTIONS]  # type: ignore[attr-defined]


def test_kis_site_puts_the_recorded_site_packages_first(tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    (site_dir / "extra").mkdir(parents=True)
    (site_dir / "kis_probe.pth").write_text(str(site_dir / "extra") + "\n", encoding="utf-8")
    (tmp_path / "kis_site.py").write_text(build.site_source([str(site_dir)], "3.11"),
                                          encoding="utf-8")
    code = ("import sys, kis_site; kis_site.activate(); kis_site.activate(); "
            "print(sys.path[:2])")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == repr([str(site_dir), str(site_dir / "extra")])


def test_values_go_to_calc_as_the_file_sink_stores_them() -> None:
    null = datetime(1899, 12, 30)
    assert _data(None, null) == ""
    assert _data("'0012", null) == "0012"  # the sink's apostrophe (for Excel) is dropped
    assert _data("=SUMA(A1)", null) == "=SUMA(A1)"  # text stays text: setDataArray
    assert _data(date(2025, 6, 16), null) == 45824.0
    assert _data(datetime(2025, 6, 16, 12), null) == 45824.5
    assert _data(time(6), null) == 0.25
    assert _data(3, null) == 3.0
    assert _data(date(1904, 1, 2), datetime(1904, 1, 1)) == 1.0
