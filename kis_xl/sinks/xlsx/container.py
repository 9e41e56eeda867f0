"""What a file that is not an .xlsx package really is, for a message that says so.

An .xlsx is a ZIP package. Two other files commonly carry its name: a workbook
encrypted with a password (Excel wraps the package in a Compound File with an
``EncryptionInfo`` stream) and an old binary .xls renamed by hand (a Compound
File too, without that stream). Both the reader and the writer meet them first
and must tell the user which one it is and what to do; this module is the one
place that knows, and it imports nothing heavy (a ribbon click starts a fresh
Python process).
"""

from __future__ import annotations

from pathlib import Path

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""Signature of an OLE Compound File (MS-CFB), the container of .xls and encrypted files."""
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def compound_file_message(name: str, data: bytes) -> str | None:
    """The Polish message for an encrypted workbook or an .xls, None for anything else."""
    if not data.startswith(CFB_MAGIC):
        return None
    if _ENCRYPTION_INFO in data:
        return (
            f"Skoroszyt „{name}” jest zaszyfrowany hasłem. Zdejmij hasło w Excelu "
            "(Plik › Informacje › Chroń skoroszyt › Szyfruj przy użyciu hasła), uruchom "
            "polecenie, a potem zaszyfruj skoroszyt ponownie."
        )
    return (
        f"Skoroszyt „{name}” jest w starym formacie .xls. Zapisz go w Excelu jako "
        "„Skoroszyt programu Excel (*.xlsx)” i uruchom polecenie ponownie."
    )


def not_a_package_message(path: Path) -> str:
    """Why ``path`` (which exists and is not a ZIP package) cannot be read, and what to do."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(CFB_MAGIC))
            data = head + f.read() if head == CFB_MAGIC else head
    except OSError as exc:
        return f"Nie można otworzyć pliku „{path.name}” ({exc.strerror or exc})."
    specific = compound_file_message(path.name, data)
    if specific is not None:
        return specific
    return (
        f"Plik „{path.name}” nie jest skoroszytem .xlsx albo jest uszkodzony. Otwórz go "
        "w Excelu i zapisz jako „Skoroszyt programu Excel (*.xlsx)” albo przywróć kopię "
        "zapasową z folderu .kis-kopie."
    )
