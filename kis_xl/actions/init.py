"""``kis-xl init``: a new empty club workbook."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kis_xl.plan.errors import KisError


def create_workbook(path: Path, *, club_name: str | None = None, overwrite: bool = False) -> None:
    """Write the template; refuses to replace an existing file unless asked."""
    from kis_xl.workbook.template import write_template

    if path.suffix.lower() != ".xlsx":
        raise KisError(f"Nazwa pliku musi kończyć się na .xlsx (podano „{path.name}”).")
    if path.exists() and not overwrite:
        raise KisError(
            f"Plik „{path}” już istnieje. Podaj inną nazwę albo użyj opcji --nadpisz."
        )
    if not path.parent.exists():
        raise KisError(f"Folder „{path.parent}” nie istnieje. Utwórz go albo podaj inny.")
    lock = path.with_name("~$" + path.name)
    if lock.exists():
        raise KisError(f"Plik „{path.name}” jest otwarty w Excelu. Zamknij go i spróbuj ponownie.")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        write_template(Path(tmp), club_name)
        from kis_xl.sinks.xlsx import write_lock

        with write_lock.held(path):  # not in the middle of another kis_xl write (--nadpisz)
            os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
