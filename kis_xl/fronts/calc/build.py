"""Build ``kis.oxt``: the LibreOffice extension with the "KIS" menu and toolbar.

Generated from the action registry, as the Excel ribbon is: one menu entry and
one toolbar button per entry of ``USER_ACTIONS`` (groups separated as on the
ribbon), each calling a Python macro of the extension (``python/kis_calc.py``)
named after the action; the macro hands the action name to
``kis_xl.fronts.calc.host.click`` (the same ``run_action`` as the ribbon).
Addons.xcu has no tooltip property: a button shows its Polish label.

The macro runs in LibreOffice's own Python, which does not know where kis_xl
is installed: ``kis-xl calc install`` adds ``python/pythonpath/kis_site.py``
(LibreOffice puts ``pythonpath`` beside a script on ``sys.path``) naming the
installing interpreter's site-packages. ``build_extension()`` without it is
byte-for-byte reproducible (fixed timestamps and member order).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

EXTENSION_ID = "pl.kis.kis-xl"
EXTENSION_FILE = "kis.oxt"
SCRIPT_DIR = "python"
SCRIPT_FILE = "kis_calc.py"
SITE_MODULE = "kis_site"
MENU_NODE = "pl.kis.menu"
TOOLBAR_NODE = "pl.kis.toolbar"
TOOLBAR_RESOURCE = f"private:resource/toolbar/addon_{TOOLBAR_NODE}"
TITLE = "KIS"
CALC = "com.sun.star.sheet.SpreadsheetDocument"
_OOR = ('xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema"')


def command_url(action: str) -> str:
    """The dispatch URL of an action's button (a macro of the installed extension)."""
    return (f"vnd.sun.star.script:{EXTENSION_FILE}|{SCRIPT_DIR}|{SCRIPT_FILE}${action}"
            "?language=Python&location=user:uno_packages")


def _prop(name: str, value: str, indent: str) -> str:
    return (f'{indent}<prop oor:name="{name}" oor:type="xs:string">'
            f"<value>{escape(value)}</value></prop>")


def _items(indent: str) -> list[str]:
    """One node per action, a separator between registry groups."""
    from kis_xl.actions.registry import GROUPS, USER_ACTIONS

    out: list[str] = []
    n = 0
    for group_id, _label in GROUPS:
        actions = [a for a in USER_ACTIONS if a.group == group_id]
        if not actions:
            continue
        if n:
            n += 1
            out += [f'{indent}<node oor:name="m{n:02d}" oor:op="replace">',
                    _prop("URL", "private:separator", indent + "  "), f"{indent}</node>"]
        for a in actions:
            n += 1
            out += [f'{indent}<node oor:name="m{n:02d}_{a.name}" oor:op="replace">',
                    _prop("URL", command_url(a.name), indent + "  "),
                    _prop("Title", a.label, indent + "  "),
                    _prop("Target", "_self", indent + "  "),
                    _prop("Context", CALC, indent + "  "),
                    f"{indent}</node>"]
    return out


def addons_xcu() -> bytes:
    """Addons.xcu: the "KIS" menu (menu bar of Calc) and the "KIS" toolbar."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<oor:component-data {_OOR} oor:name="Addons" oor:package="org.openoffice.Office">',
             '  <node oor:name="AddonUI">',
             '    <node oor:name="OfficeMenuBar">',
             f'      <node oor:name="{MENU_NODE}" oor:op="replace">',
             _prop("Title", TITLE, "        "),
             _prop("Context", CALC, "        "),
             '        <node oor:name="Submenu">',
             *_items("          "),
             "        </node>",
             "      </node>",
             "    </node>",
             '    <node oor:name="OfficeToolBar">',
             f'      <node oor:name="{TOOLBAR_NODE}" oor:op="replace">',
             *_items("        "),
             "      </node>",
             "    </node>",
             "  </node>",
             "</oor:component-data>", ""]
    return "\n".join(lines).encode("utf-8")


def window_state_xcu() -> bytes:
    """The toolbar's name ("KIS") and place (docked, visible) in Calc."""
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<oor:component-data {_OOR} oor:name="CalcWindowState" '
        'oor:package="org.openoffice.Office.UI">',
        '  <node oor:name="UIElements">',
        '    <node oor:name="States">',
        f'      <node oor:name="{TOOLBAR_RESOURCE}" oor:op="replace">',
        _prop("UIName", TITLE, "        "),
        '        <prop oor:name="Docked" oor:type="xs:boolean"><value>true</value></prop>',
        '        <prop oor:name="Visible" oor:type="xs:boolean"><value>true</value></prop>',
        "      </node>",
        "    </node>",
        "  </node>",
        "</oor:component-data>", ""]).encode("utf-8")


def description_xml() -> bytes:
    from kis_xl import __version__

    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<description xmlns="http://openoffice.org/extensions/description/2006" '
        'xmlns:xlink="http://www.w3.org/1999/xlink">',
        f'  <identifier value="{EXTENSION_ID}"/>',
        f'  <version value="{__version__}"/>',
        "  <display-name>",
        '    <name lang="pl">KIS – klub integracji społecznej (kis_xl)</name>',
        "  </display-name>",
        "</description>", ""]).encode("utf-8")


def manifest_xml() -> bytes:
    entries = [("Addons.xcu", "application/vnd.sun.star.configuration-data"),
               ("CalcWindowState.xcu", "application/vnd.sun.star.configuration-data"),
               (SCRIPT_DIR, "application/vnd.sun.star.framework-script")]
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<manifest:manifest xmlns:manifest="http://openoffice.org/2001/manifest">',
        *(f'  <manifest:file-entry manifest:full-path="{path}" '
          f'manifest:media-type="{kind}"/>' for path, kind in entries),
        "</manifest:manifest>", ""]).encode("utf-8")


MISSING_PROGRAM = ("Nie znaleziono programu kis_xl dla LibreOffice. Zainstaluj rozszerzenie "
                   "poleceniem „kis-xl calc install” i uruchom LibreOffice ponownie.")
WRONG_PYTHON = ("Program kis_xl zainstalowano dla Pythona {wanted}, a LibreOffice używa Pythona "
                "{found}. Zainstaluj kis_xl dla Pythona {found} i wykonaj „kis-xl calc install” "
                "tym Pythonem (README, rozdział o LibreOffice).")


def script_source() -> str:
    """``python/kis_calc.py``: one macro per action, each calling ``host.click``."""
    from kis_xl.actions.registry import USER_ACTIONS

    lines = [
        "# Generated by `kis-xl calc build` from kis_xl.actions.registry: do not edit here.",
        '"""The KIS menu and toolbar: every macro runs one kis_xl action on this document."""',
        "",
        "",
        "def _message(text):",
        "    import uno",
        "",
        "    doc = XSCRIPTCONTEXT.getDocument()  # noqa: F821 (given by LibreOffice)",
        "    window = doc.getCurrentController().getFrame().getContainerWindow()",
        "    kind = uno.Enum('com.sun.star.awt.MessageBoxType', 'ERRORBOX')",
        f"    box = window.getToolkit().createMessageBox(window, kind, 1, {TITLE!r}, text)",
        "    box.execute()",
        "",
        "",
        "def _click(action):",
        "    import sys",
        "    try:",
        f"        import {SITE_MODULE}",
        "    except ImportError:",
        f"        _message({MISSING_PROGRAM!r})",
        "        return",
        "    found = '%d.%d' % sys.version_info[:2]",
        f"    if found != {SITE_MODULE}.PYTHON:",
        f"        _message({WRONG_PYTHON!r}.format(wanted={SITE_MODULE}.PYTHON, found=found))",
        "        return",
        f"    {SITE_MODULE}.activate()",
        "    try:",
        "        from kis_xl.fronts.calc.host import click",
        "    except ImportError:",
        f"        _message({MISSING_PROGRAM!r})",
        "        return",
        "    click(action, XSCRIPTCONTEXT)  # noqa: F821",
        "",
    ]
    for a in USER_ACTIONS:
        lines += ["", f"def {a.name}(*args):", f"    {a.label!r}", f"    _click({a.name!r})",
                  ""]
    names = ", ".join(a.name for a in USER_ACTIONS)
    lines += ["", f"g_exportedScripts = ({names},)", ""]
    return "\n".join(lines)


def site_source(site_dirs: list[str], python: str) -> str:
    """``kis_site.py``: where the installing Python keeps kis_xl and its dependencies."""
    return "\n".join([
        "# Written by `kis-xl calc install`: where kis_xl and its dependencies are.",
        f"PYTHON = {python!r}",
        f"SITE_DIRS = {site_dirs!r}",
        "",
        "",
        "def activate():",
        '    """Put SITE_DIRS (with their .pth files) before LibreOffice\'s own paths."""',
        "    import site",
        "    import sys",
        "",
        "    for folder in SITE_DIRS:",
        "        if folder in sys.path:",
        "            continue",
        "        before = list(sys.path)",
        "        site.addsitedir(folder)",
        "        added = [p for p in sys.path if p not in before]",
        "        sys.path[:] = added + before",
        ""])


def build_extension(site: str | None = None) -> bytes:
    """The bytes of ``kis.oxt``; ``site``: the ``kis_site.py`` an install adds."""
    from kis_xl.sinks.xlsx.zipwrite import zip_bytes

    parts = {
        "META-INF/manifest.xml": manifest_xml(),
        "description.xml": description_xml(),
        "Addons.xcu": addons_xcu(),
        "CalcWindowState.xcu": window_state_xcu(),
        f"{SCRIPT_DIR}/{SCRIPT_FILE}": script_source().encode("utf-8"),
    }
    if site is not None:
        parts[f"{SCRIPT_DIR}/pythonpath/{SITE_MODULE}.py"] = site.encode("utf-8")
    return zip_bytes(parts.items())


def write_extension(path: Path, site: str | None = None) -> Path:
    from kis_xl.sinks.xlsx.zipwrite import write_file

    return write_file(path, build_extension(site))


