"""PDF through LibreOffice headless, when it is installed.

Offices print and e-mail PDFs; Word can save one by hand, LibreOffice can do
a whole batch unattended. All files go to one ``soffice`` run (starting it
costs seconds), with a private user profile so that a LibreOffice window the
user has open does not block or break the conversion. Output goes to a
temporary folder first and is then moved beside the .docx under a name that
overwrites nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kis_xl.plan.errors import KisError

_WINDOWS_PATHS = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
_MAC_PATH = "/Applications/LibreOffice.app/Contents/MacOS/soffice"


class PdfUnavailable(KisError):
    """LibreOffice is not installed: no PDF can be made."""

    exit_code = 1


class PdfFailed(KisError):
    exit_code = 1


NO_LIBREOFFICE = (
    "Nie znaleziono programu LibreOffice, więc nie można utworzyć plików PDF. Zainstaluj "
    "LibreOffice (bezpłatny, https://pl.libreoffice.org) albo utwórz dokumenty bez opcji --pdf "
    "i zapisz je jako PDF w Wordzie (Plik → Zapisz jako → PDF)."
)


def find_soffice() -> str | None:
    """Path of LibreOffice's ``soffice``: $KIS_SOFFICE, the PATH, then the usual install places."""
    configured = os.environ.get("KIS_SOFFICE")
    if configured:
        return configured if Path(configured).is_file() else None
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    candidates = _WINDOWS_PATHS if sys.platform == "win32" else (_MAC_PATH,)
    return next((c for c in candidates if Path(c).is_file()), None)


def require_soffice() -> str:
    exe = find_soffice()
    if exe is None:
        raise PdfUnavailable(NO_LIBREOFFICE)
    return exe


def convert_to_pdf(files: Sequence[Path], timeout: float | None = None) -> list[Path]:
    """PDFs of ``files`` (beside each one, same stem, or with a " (2)" suffix); in order."""
    from kis_xl.documents.names import unique_stem

    if not files:
        return []
    exe = require_soffice()
    limit = timeout if timeout is not None else 120 + 5 * len(files)
    with tempfile.TemporaryDirectory(prefix="kis-pdf-") as tmp:
        profile = Path(tmp) / "profile"
        out = Path(tmp) / "out"
        out.mkdir()
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "pdf", "--outdir", str(out),
               *(str(f) for f in files)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=limit,
                                  check=False)
        except subprocess.TimeoutExpired:
            raise PdfFailed(
                f"LibreOffice nie skończył konwersji do PDF w {limit:.0f} s. Spróbuj mniejszej "
                "partii dokumentów (opcja --id) albo zamknij inne okna LibreOffice."
            ) from None
        produced: list[Path] = []
        for src in files:
            pdf = out / f"{src.stem}.pdf"
            if not pdf.is_file():
                detail = (proc.stderr or proc.stdout or "").strip()[:300]
                raise PdfFailed(
                    f"LibreOffice nie utworzył pliku PDF z „{src.name}”."
                    + (f" Komunikat programu: {detail}" if detail else "")
                )
            stem = unique_stem(src.parent, src.stem, (".pdf",))
            target = src.parent / f"{stem}.pdf"
            shutil.move(str(pdf), target)
            produced.append(target)
    return produced
