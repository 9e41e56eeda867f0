"""Installing the KIS add-in on a Windows or macOS PC.

The add-in file is built from the installed xlwings (so it always matches the
xlwings Python package) and handed to xlwings' own add-in installation
(``xlwings addin install --file``: copy into Excel's XLSTART folder). xlwings
catches its own errors there, prints them and returns normally, so afterwards
the XLSTART folder is checked to hold exactly the built bytes; otherwise the
install fails with xlwings' own words.

The interpreter configuration goes where the add-in's xlwings module looks for
it with ``PROJECT_NAME = "kis"``: ``%USERPROFILE%\\.kis\\kis.conf`` on
Windows, Excel's sandbox folder ``~/Library/Containers/com.microsoft.Excel/
Data/kis.conf`` on macOS. The VBA reads it with ``Open … For Input`` and
``Input #``, which decode bytes in the ANSI code page of Windows (cp1250 on a
Polish PC); so the file is written in that code page, as xlwings' own config
writer does (``open(…, "w")``, the locale's encoding), with CRLF line ends.
A path the code page cannot hold would reach the VBA as ``?`` and is refused.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kis_xl.fronts.addin.build import PROJECT_NAME
from kis_xl.plan.errors import KisError

ADDIN_FILE = "kis.xlam"


class ExcelNotAvailable(KisError):
    exit_code = 1


class InstallFailed(KisError):
    exit_code = 1


def config_path(platform: str, home: Path) -> Path:
    if platform == "win32":
        return home / f".{PROJECT_NAME}" / f"{PROJECT_NAME}.conf"
    if platform == "darwin":
        return (home / "Library" / "Containers" / "com.microsoft.Excel" / "Data"
                / f"{PROJECT_NAME}.conf")
    raise ExcelNotAvailable(not_available_message(platform))


@dataclass(frozen=True)
class Conda:
    """A conda environment: xlwings' VBA activates it (``conda activate``) before Python."""

    base: Path
    """The conda installation (it holds ``condabin\\conda.bat``)."""
    env: str


def conda_of(prefix: Path) -> Conda | None:
    """The conda environment ``prefix`` (``sys.prefix``) is, when it is one xlwings can
    activate; None for a plain Python (or a conda too old to have ``condabin``)."""
    if not (prefix / "conda-meta").is_dir():
        return None
    if prefix.parent.name.lower() == "envs":
        base, env = prefix.parent.parent, prefix.name
    else:
        base, env = prefix, "base"
    if not (base / "condabin" / "conda.bat").is_file():
        return None
    return Conda(base, env)


def config_text(platform: str, interpreter: str, *, keep_python: bool = False,
                conda: Conda | None = None) -> str:
    """xlwings config lines: the interpreter that has kis_xl; optionally the UDF server
    ("USE UDF SERVER", Windows only), which keeps Python running between clicks.

    A conda environment (Windows) is written as xlwings' own ``config_create`` writes it:
    ``CONDA PATH`` and ``CONDA ENV`` without an interpreter, so the VBA runs ``conda activate
    ENV && python`` (a conda Python started without its environment misses its DLLs)."""
    lines = []
    if conda is not None and platform == "win32":
        lines += [f'"CONDA PATH","{conda.base}"', f'"CONDA ENV","{conda.env}"']
    else:
        key = "INTERPRETER_MAC" if platform == "darwin" else "INTERPRETER_WIN"
        lines.append(f'"{key}","{interpreter}"')
    if keep_python and platform == "win32":
        lines.append('"USE UDF SERVER","True"')
    return "\r\n".join(lines) + "\r\n" if platform == "win32" else "\n".join(lines) + "\n"


def ansi_encoding(platform: str) -> str:
    """The encoding the add-in's VBA reads the config file in.

    Windows: the ANSI code page (``GetACP``: cp1250 in Poland, cp65001 = UTF-8 when "Use
    Unicode UTF-8 for worldwide language support" is on); ``locale.getencoding`` answers it
    even in Python's UTF-8 mode. macOS: UTF-8, as xlwings writes it there."""
    if platform != "win32":
        return "utf-8"
    import locale

    return locale.getencoding()


def config_bytes(text: str, encoding: str, where: Path, *,
                 what: str = "Ścieżka Pythona") -> bytes:
    """``text`` as the VBA will read it back; a Polish message when the code page lacks a
    character (``Input #`` would hand the VBA ``?`` and the interpreter is not found)."""
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        bad = sorted({ch for ch in text if not _encodable(ch, encoding)})
        raise InstallFailed(
            f"{what} zawiera znaki ({' '.join(bad)}), których dodatek Excela nie "
            f"odczyta w stronie kodowej tego Windows ({encoding}). "
            + ("Zainstaluj Pythona w folderze o nazwie bez tych znaków (np. C:\\Python311) "
               "i zainstaluj w nim kis_xl, albo poproś" if what.startswith("Ścieżka Pythona")
               else "Poproś")
            + " dział IT o ustawienie języka programów nieobsługujących Unicode "
            "(Panel sterowania › Region › Administracyjne) na język tych znaków. Nic nie "
            "zapisano w "
            f"{where}.") from None


def _encodable(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def write_config(path: Path, text: str, encoding: str) -> None:
    data = config_bytes(text, encoding, path)
    # the VBA derives the path from %USERPROFILE% in the same code page: it must fit too
    config_bytes(str(path), encoding, path, what="Ścieżka pliku konfiguracji (profil "
                 "użytkownika)")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def not_available_message(platform: str) -> str:
    return (f"Excel nie jest dostępny w tym systemie ({platform}). Dodatek KIS instaluje się "
            "na komputerze z Windows albo macOS, na którym jest Excel: zainstaluj tam Pythona "
            "i kis_xl, a potem uruchom „kis-xl addin install”. Plik dodatku można tu tylko "
            "zbudować: „kis-xl addin build”.")


class AddinInstaller:
    """xlwings' add-in installation (the one boundary the install tests fake)."""

    def startup_folder(self) -> Path:
        """Excel's XLSTART folder of this user (xlwings asks a running or hidden Excel)."""
        from xlwings.cli import get_addin_dir

        return Path(get_addin_dir())  # type: ignore[no-untyped-call]

    def install(self, addin: Path) -> str:
        """``xlwings addin install --file ADDIN``; returns what xlwings printed."""
        import argparse
        import contextlib
        import io

        from xlwings.cli import addin_install

        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            try:
                addin_install(argparse.Namespace(file=str(addin), dir=None,  # type: ignore[no-untyped-call]
                                                 glob=False))
            except Exception as exc:  # xlwings catches most; what escapes is reported too
                print(repr(exc))
        return out.getvalue()


def install(*, keep_python: bool = False, installer: AddinInstaller | None = None,
            platform: str = sys.platform, home: Path | None = None,
            build: Callable[[Path], Path] | None = None) -> list[str]:
    """Build, install through xlwings, check XLSTART and configure; returns Polish lines."""
    import tempfile

    from kis_xl.fronts.addin.build import write_addin

    if platform not in ("win32", "darwin"):
        raise ExcelNotAvailable(not_available_message(platform))
    conf = config_path(platform, home or Path.home())
    conda = conda_of(Path(sys.prefix)) if platform == "win32" else None
    text = config_text(platform, sys.executable, keep_python=keep_python, conda=conda)
    encoding = ansi_encoding(platform)
    config_bytes(text, encoding, conf)  # refuse before anything is copied
    config_bytes(str(conf), encoding, conf, what="Ścieżka pliku konfiguracji")
    installer = installer or AddinInstaller()
    with tempfile.TemporaryDirectory() as tmp:
        addin = (build or write_addin)(Path(tmp) / ADDIN_FILE)
        built = addin.read_bytes()
        said = installer.install(addin)
    try:
        target = installer.startup_folder() / ADDIN_FILE
        found = target.read_bytes() if target.is_file() else None
    except Exception as exc:
        raise InstallFailed(_failed(f"nie można odczytać folderu XLSTART ({exc})", said)
                            ) from exc
    if found != built:
        problem = ("w folderze XLSTART nie ma pliku dodatku" if found is None
                   else "plik dodatku w folderze XLSTART różni się od zbudowanego")
        raise InstallFailed(_failed(f"{problem} ({target})", said))
    write_config(conf, text, encoding)
    python = (f"conda: {conda.base}, środowisko {conda.env}" if conda is not None
              else f"Python: {sys.executable}")
    return [f"Zainstalowano dodatek {ADDIN_FILE} ({target}).",
            f"Konfiguracja: {conf} ({python}; kodowanie {encoding}).",
            "Uruchom ponownie Excel; karta „KIS” pojawi się na wstążce.",
            "Sprawdź komputer poleceniem „kis-xl addin doctor”."]


def _failed(problem: str, said: str) -> str:
    text = said.strip() or "(xlwings nic nie wypisał)"
    return (f"Instalacja dodatku nie powiodła się: {problem}. Komunikat xlwings:\n{text}\n"
            "Zamknij Excel i uruchom „kis-xl addin install” ponownie; jeśli to nie pomoże, "
            "przekaż ten komunikat działowi IT. Konfiguracji nie zmieniono.")
