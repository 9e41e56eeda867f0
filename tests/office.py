"""LibreOffice headless: the real office suite that proves our files open.

Tests call ``convert`` to turn a produced .xlsx/.docx into PDF (or re-save an
.xlsx) and then read the result. When ``soffice`` is missing the tests skip,
unless ``KIS_REQUIRE_LIBREOFFICE=1`` (set by ``.ci/run``), where they fail:
CI must never pass by skipping the proof.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    exe = soffice_path()
    if exe is None:
        if os.environ.get("KIS_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) jest wymagany w CI, a nie został znaleziony")
        pytest.skip("LibreOffice (soffice) is not installed")
    return exe


def convert(src: Path, fmt: str, outdir: Path, timeout: int = 180) -> Path:
    """Convert ``src`` with LibreOffice headless; returns the produced file.

    Each call gets its own user profile so that conversions can run while
    another LibreOffice instance is alive (and tests stay independent).
    """
    exe = require_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kis-lo-profile-") as profile:
        cmd = [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            str(src),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    target_ext = fmt.split(":", maxsplit=1)[0]
    out = outdir / (src.stem + "." + target_ext)
    if proc.returncode != 0 or not out.exists():
        raise AssertionError(
            f"LibreOffice could not convert {src.name} to {fmt}:\n"
            f"stdout: {proc.stdout}\nstderr: {proc.stderr}"
        )
    return out


def pdf_text(pdf: Path) -> str:
    """Text of a PDF via pdftotext when present (poppler-utils), else the raw bytes decoded."""
    exe = shutil.which("pdftotext")
    if exe:
        return subprocess.run(
            [exe, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
    return pdf.read_bytes().decode("latin-1")
