"""Installing the KIS add-in on a Windows or macOS PC.

The add-in file is built from the installed xlwings (so it always matches the
xlwings Python package) and handed to xlwings' own add-in installation
(``xlwings addin install --file``: copy into Excel's XLSTART folder). The
interpreter configuration goes where the add-in's xlwings module looks for
it with ``PROJECT_NAME = "kis"``: ``%USERPROFILE%\\.kis\\kis.conf`` on
Windows, Excel's sandbox folder ``~/Library/Containers/com.microsoft.Excel/
Data/kis.conf`` on macOS.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kis_xl.actions.errors import KisError
from kis_xl.fronts.addin.build import PROJECT_NAME

ADDIN_FILE = "kis.xlam"


class ExcelNotAvailable(KisError):
    exit_code = 1


def config_path(platform: str, home: Path) -> Path:
    if platform == "win32":
        return home / f".{PROJECT_NAME}" / f"{PROJECT_NAME}.conf"
    if platform == "darwin":
        return (home / "Library" / "Containers" / "com.microsoft.Excel" / "Data"
                / f"{PROJECT_NAME}.conf")
    raise ExcelNotAvailable(not_available_message(platform))


def config_text(platform: str, interpreter: str, *, keep_python: bool = False) -> str:
    """xlwings config lines: the interpreter that has kis_xl; optionally the UDF server
    ("USE UDF SERVER", Windows only), which keeps Python running between clicks."""
    key = "INTERPRETER_MAC" if platform == "darwin" else "INTERPRETER_WIN"
    lines = [f'"{key}","{interpreter}"']
    if keep_python and platform == "win32":
        lines.append('"USE UDF SERVER","True"')
    return "\n".join(lines) + "\n"


def not_available_message(platform: str) -> str:
    return (f"Excel nie jest dostępny w tym systemie ({platform}). Dodatek KIS instaluje się "
            "na komputerze z Windows albo macOS, na którym jest Excel: zainstaluj tam Pythona "
            "i kis_xl, a potem uruchom „kis-xl addin install”. Plik dodatku można tu tylko "
            "zbudować: „kis-xl addin build”.")


def install(*, keep_python: bool = False) -> list[str]:
    """Build, install through xlwings and configure; returns Polish lines to show."""
    import subprocess
    import tempfile

    from kis_xl.fronts.addin.build import write_addin

    if sys.platform not in ("win32", "darwin"):
        raise ExcelNotAvailable(not_available_message(sys.platform))
    conf = config_path(sys.platform, Path.home())
    conf.parent.mkdir(parents=True, exist_ok=True)
    conf.write_text(config_text(sys.platform, sys.executable, keep_python=keep_python),
                    encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        addin = write_addin(Path(tmp) / ADDIN_FILE)
        done = subprocess.run([sys.executable, "-m", "xlwings.cli", "addin", "install",
                               "--file", str(addin)], capture_output=True, text=True,
                              check=False)
    if done.returncode != 0:
        raise KisError("Instalacja dodatku przez xlwings nie powiodła się:\n"
                       + (done.stderr or done.stdout).strip())
    return [f"Zainstalowano dodatek {ADDIN_FILE} (folder XLSTART programu Excel).",
            f"Konfiguracja: {conf} (Python: {sys.executable}).",
            "Uruchom ponownie Excel; karta „KIS” pojawi się na wstążce."]
