"""``kis-xl calc install``: the KIS extension in the user's LibreOffice profile.

LibreOffice runs macros in its own Python: on Linux distributions the system
``python3`` (with the ``python3-uno`` package), on Windows and macOS a Python
bundled in LibreOffice's ``program`` folder. That Python must be the same
version as the one kis_xl is installed for (compiled dependencies such as
python-calamine and lxml are built per version): the install checks it, and
checks that LibreOffice's Python can import kis_xl and its dependencies from
the recorded site-packages, before anything is installed.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from kis_xl.fronts.calc import build
from kis_xl.plan.errors import KisError

PROBE = ("import sys; sys.path[:0] = {dirs!r}; import site; "
         "[site.addsitedir(d) for d in {dirs!r}]; "
         "import uno, python_calamine, lxml.etree, openpyxl, docxtpl; "
         "import kis_xl.fronts.calc.host, kis_xl.sinks.uno_book, kis_xl.actions.check; "
         "print('%d.%d' % sys.version_info[:2])")
"""Run by LibreOffice's Python: kis_xl and its compiled dependencies import there."""


class CalcNotAvailable(KisError):
    exit_code = 1


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise CalcNotAvailable("Nie znaleziono LibreOffice (polecenie soffice). Zainstaluj "
                               "LibreOffice Calc, a potem wykonaj to polecenie ponownie.")
    return found


def office_python(soffice_path: str) -> str:
    """LibreOffice's Python: the one bundled in ``program`` (Windows, macOS, TDF builds),
    else the system ``python3`` (Linux distribution packages, with python3-uno)."""
    program = Path(os.path.realpath(soffice_path)).parent
    for name in ("python", "python.exe", "python.bin"):
        if (program / name).is_file():
            return str(program / name)
    system = shutil.which("python3") if sys.platform != "win32" else None
    for candidate in ("/usr/bin/python3", system):
        if candidate and Path(candidate).is_file():
            return candidate
    raise CalcNotAvailable("Nie znaleziono Pythona LibreOffice. W Debianie i Ubuntu zainstaluj "
                           "pakiety python3-uno i libreoffice-script-provider-python.")


def site_dirs() -> list[str]:
    """Where this Python keeps kis_xl and its dependencies (a venv's site-packages first)."""
    dirs = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    if site.ENABLE_USER_SITE:
        dirs.append(site.getusersitepackages())
    out: list[str] = []
    for d in dirs:
        if d not in out and Path(d).is_dir():
            out.append(d)
    return out


def default_profile() -> Path:
    """The user's LibreOffice profile (the folder holding ``user``)."""
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "LibreOffice" / "4"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "LibreOffice" / "4"
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "libreoffice" / "4"


def check_python(python: str, dirs: list[str]) -> str:
    """LibreOffice's Python version, after proving it imports kis_xl and its dependencies."""
    ours = "{}.{}".format(*sys.version_info[:2])
    proc = subprocess.run([python, "-c", PROBE.format(dirs=dirs)], capture_output=True,
                          text=True, check=False, timeout=120)
    found = proc.stdout.strip().splitlines()[-1] if proc.returncode == 0 else None
    if found == ours:
        return found
    version = subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True, check=False, timeout=60)
    theirs = version.stdout.strip() or "?"
    if theirs != ours:
        raise CalcNotAvailable(
            f"LibreOffice używa Pythona {theirs} ({python}), a kis_xl jest zainstalowany dla "
            f"Pythona {ours}. Zainstaluj kis_xl Pythonem {theirs} (pip install kis_xl) i wykonaj "
            "„kis-xl calc install” z tej instalacji.")
    detail = (proc.stderr.strip().splitlines() or ["?"])[-1]
    raise CalcNotAvailable(
        f"Python LibreOffice ({python}) nie może wczytać programu kis_xl ani jego bibliotek "
        f"({detail}). W Debianie i Ubuntu zainstaluj pakiety python3-uno i "
        "libreoffice-script-provider-python.")


def install(profile: Path | None = None) -> list[str]:
    """Install the extension into ``profile`` (default: the user's profile); Polish lines."""
    exe = soffice()
    python = office_python(exe)
    dirs = site_dirs()
    version = check_python(python, dirs)
    target = profile if profile is not None else default_profile()
    if (target / "user" / ".lock").exists():
        raise CalcNotAvailable("LibreOffice jest uruchomiony. Zamknij wszystkie okna "
                               "LibreOffice, a potem wykonaj to polecenie ponownie.")
    helper = Path(__file__).with_name("headless.py")
    with tempfile.TemporaryDirectory(prefix="kis-oxt-") as folder:
        oxt = build.write_extension(Path(folder) / build.EXTENSION_FILE,
                                    build.site_source(dirs, version))
        proc = subprocess.run([python, str(helper), "install", exe, str(target), str(oxt)],
                              capture_output=True, text=True, check=False, timeout=300)
    if proc.returncode != 0:
        detail = (proc.stderr.strip().splitlines() or ["?"])[-1]
        raise CalcNotAvailable(f"Nie udało się zainstalować rozszerzenia KIS w LibreOffice "
                               f"({detail}).")
    return [f"Zainstalowano rozszerzenie KIS w profilu LibreOffice: {target}",
            f"Python LibreOffice: {python} ({version}); kis_xl: {', '.join(dirs)}",
            "Uruchom LibreOffice Calc i otwórz skoroszyt klubu: menu i pasek narzędzi „KIS”.",
            "Po każdej aktualizacji kis_xl wykonaj to polecenie ponownie i uruchom LibreOffice "
            "od nowa."]
