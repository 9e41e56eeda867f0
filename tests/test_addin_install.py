"""``kis-xl addin install`` on Linux: the config file as the add-in's VBA reads it, the check
that XLSTART holds the built add-in, conda environments.

The only fake is ``AddinInstaller`` (xlwings' ``addin install`` and Excel's startup folder):
a folder on disk stands in for XLSTART, and the fake either copies the add-in as xlwings
does or prints what xlwings prints when the copy fails (and returns normally, as it does).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kis_xl.fronts.addin import install as inst


class FakeXlwings(inst.AddinInstaller):
    def __init__(self, folder: Path, *, copy: bool = True, said: str = "",
                 tamper: bool = False) -> None:
        self.folder, self.copy, self.said, self.tamper = folder, copy, said, tamper

    def startup_folder(self) -> Path:
        return self.folder

    def install(self, addin: Path) -> str:
        if self.copy:
            self.folder.mkdir(parents=True, exist_ok=True)
            data = addin.read_bytes()
            (self.folder / addin.name).write_bytes(data[:-10] if self.tamper else data)
        return self.said


def _build(path: Path) -> Path:
    path.write_bytes(b"PK fake add-in " * 50)
    return path


def _vba_reads(data: bytes, codepage: str = "cp1250") -> dict[str, str]:
    """What ``Input #f, name, value`` hands the VBA: the ANSI bytes decoded, quotes off."""
    lines = data.decode(codepage).split("\r\n")
    assert lines[-1] == ""
    pairs = [line.split('","') for line in lines[:-1]]
    return {k.strip('"'): v.strip('"') for k, v in pairs}


def test_config_is_written_in_the_ansi_code_page_with_crlf(tmp_path: Path) -> None:
    python = r"C:\Users\Michał Żółć\AppData\Local\Programs\Python\Python311\python.exe"
    conf = tmp_path / ".kis" / "kis.conf"
    inst.write_config(conf, inst.config_text("win32", python, keep_python=True), "cp1250")
    data = conf.read_bytes()
    assert _vba_reads(data) == {"INTERPRETER_WIN": python, "USE UDF SERVER": "True"}
    assert "ł".encode("cp1250") in data and "ł".encode() not in data  # not UTF-8


def test_a_path_the_code_page_cannot_hold_is_refused(tmp_path: Path) -> None:
    python = r"C:\Users\Олена\Python311\python.exe"
    conf = tmp_path / "kis.conf"
    with pytest.raises(inst.InstallFailed) as caught:
        inst.write_config(conf, inst.config_text("win32", python), "cp1250")
    assert "Ścieżka Pythona zawiera znaki" in caught.value.message
    assert "О" in caught.value.message and "cp1250" in caught.value.message
    assert not conf.exists()
    # the same path on a PC whose ANSI code page is UTF-8 is fine
    inst.write_config(conf, inst.config_text("win32", python), "utf-8")
    assert _vba_reads(conf.read_bytes(), "utf-8")["INTERPRETER_WIN"] == python


def test_install_checks_xlstart_and_writes_the_config(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inst, "ansi_encoding", lambda platform: "cp1250")
    home = tmp_path / "Michał"
    xlstart = tmp_path / "XLSTART"
    lines = inst.install(installer=FakeXlwings(xlstart), platform="win32", home=home,
                         build=_build)
    assert (xlstart / "kis.xlam").read_bytes() == b"PK fake add-in " * 50
    assert lines[0].startswith("Zainstalowano dodatek kis.xlam")
    conf = home / ".kis" / "kis.conf"
    assert _vba_reads(conf.read_bytes()) == {"INTERPRETER_WIN": sys.executable}


@pytest.mark.parametrize("fake, problem", [
    ({"copy": False, "said": "Error: Failed to install the add-in: If Excel is running, quit "
          "Excel and try again."}, "w folderze XLSTART nie ma pliku dodatku"),
    ({"tamper": True, "said": "Successfully installed the xlwings add-in!"},
     "różni się od zbudowanego"),
])
def test_a_failed_copy_is_not_called_installed(tmp_path: Path, fake: dict[str, object],
                                               problem: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inst, "ansi_encoding", lambda platform: "cp1250")
    home = tmp_path / "home"
    with pytest.raises(inst.InstallFailed) as caught:
        inst.install(installer=FakeXlwings(tmp_path / "XLSTART", **fake),  # type: ignore[arg-type]
                     platform="win32", home=home, build=_build)
    message = caught.value.message
    assert problem in message and str(fake["said"]) in message  # xlwings' own words shown
    assert caught.value.exit_code != 0
    assert not (home / ".kis").exists()  # nothing configured for a missing add-in


def test_conda_environment_is_activated_as_xlwings_does(tmp_path: Path) -> None:
    base = tmp_path / "miniconda3"
    env = base / "envs" / "kis"
    (env / "conda-meta").mkdir(parents=True)
    assert inst.conda_of(env) is None  # no condabin\conda.bat: xlwings cannot activate it
    (base / "condabin").mkdir()
    (base / "condabin" / "conda.bat").write_text("@echo off")
    (base / "conda-meta").mkdir()
    assert inst.conda_of(env) == inst.Conda(base, "kis")
    assert inst.conda_of(base) == inst.Conda(base, "base")
    assert inst.conda_of(tmp_path) is None
    text = inst.config_text("win32", str(env / "python.exe"), conda=inst.Conda(base, "kis"))
    assert _vba_reads(text.encode("cp1250")) == {"CONDA PATH": str(base), "CONDA ENV": "kis"}


def test_install_config_is_where_the_addin_looks() -> None:
    home = Path("/home/anna")
    assert inst.config_path("win32", home) == home / ".kis" / "kis.conf"
    assert inst.config_path("darwin", home) == (
        home / "Library/Containers/com.microsoft.Excel/Data/kis.conf")
    assert inst.config_text("win32", r"C:\Python311\python.exe") == (
        '"INTERPRETER_WIN","C:\\Python311\\python.exe"\r\n')
    assert inst.config_text("darwin", "/usr/local/bin/python3") == (
        '"INTERPRETER_MAC","/usr/local/bin/python3"\n')
    assert '"USE UDF SERVER","True"' in inst.config_text("win32", "py", keep_python=True)
    assert "UDF" not in inst.config_text("darwin", "py", keep_python=True)
    assert inst.ansi_encoding("darwin") == "utf-8"


def test_install_on_linux_says_excel_is_not_here() -> None:
    if sys.platform in ("win32", "darwin"):
        pytest.skip("Linux behaviour")
    done = subprocess.run([sys.executable, "-m", "kis_xl", "addin", "install"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "Excel nie jest dostępny w tym systemie" in done.stderr
    assert "Traceback" not in done.stderr


def test_addin_run_from_outside_excel_names_the_buttons_and_needs_excel() -> None:
    """``kis-xl addin run`` is the way round Defender's child-process rule (Python started from
    a shortcut, not by Excel); on Linux it can only say that Excel is not here."""
    done = subprocess.run([sys.executable, "-m", "kis_xl", "addin", "run", "nie_ma"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "Nieznany przycisk „nie_ma”" in done.stderr
    assert "meeting_add" in done.stderr and "docs_contract" in done.stderr
    if sys.platform in ("win32", "darwin"):
        return
    done = subprocess.run([sys.executable, "-m", "kis_xl", "addin", "run", "check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "Excel nie jest dostępny" in done.stderr


def test_a_profile_folder_the_code_page_cannot_hold_is_refused(tmp_path: Path) -> None:
    """The VBA finds kis.conf through %USERPROFILE%, read in the same code page."""
    conf = tmp_path / "Олена" / ".kis" / "kis.conf"
    with pytest.raises(inst.InstallFailed) as caught:
        inst.write_config(conf, inst.config_text("win32", r"C:\Python311\python.exe"), "cp1250")
    assert caught.value.message.startswith("Ścieżka pliku konfiguracji")
    assert "Zainstaluj Pythona" not in caught.value.message and not conf.exists()
