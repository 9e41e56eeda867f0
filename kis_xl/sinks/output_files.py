"""Files kis_xl writes outside the workbook (the report, its copies, the summary): never over a
file someone has open, never into a folder that is a file.

The workbook itself is protected by ``xlsx.safety``. An output file is replaced by a
second run (``report`` twice for one year), and between the runs a person may have
opened "Sprawozdanie KIS 2025.docx" in Word and typed into it: Word keeps an owner file
``~$…`` beside it, Excel too, LibreOffice ``.~lock.…#``. A run that would replace such a
file stops before it writes anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kis_xl.plan.errors import KisError


class OutputLocked(KisError):
    """An output file is open in Word, Excel or LibreOffice; nothing was written."""


def owner_files(path: Path) -> list[Path]:
    """Lock files beside ``path`` that say it is open for editing.

    Word and Excel write ``~$`` + the name; for longer names Word drops the first one
    (7-character stems) or two (longer stems) characters of the name. LibreOffice
    writes ``.~lock.`` + name + ``#``.
    """
    name, stem = path.name, path.stem
    names = [f"~${name}", f".~lock.{name}#"]
    if len(stem) == 7:
        names.append(f"~${name[1:]}")
    elif len(stem) > 7:
        names.append(f"~${name[2:]}")
    return [path.with_name(n) for n in dict.fromkeys(names) if path.with_name(n).exists()]


def ensure_not_open(paths: Iterable[Path]) -> None:
    """Refuse (before anything is written) when an existing target is open elsewhere."""
    for path in paths:
        found = owner_files(path) if path.exists() else []
        if found:
            raise OutputLocked(
                f"Plik „{path.name}” jest otwarty w programie Word, Excel lub innym (jest plik "
                f"blokady „{found[0].name}”), a polecenie musiałoby go zastąpić i zmiany "
                "wpisane w nim przepadłyby. Zapisz go pod inną nazwą albo zamknij i uruchom "
                f"polecenie ponownie. Jeśli plik na pewno jest zamknięty, usuń „{found[0].name}” "
                f"z folderu „{path.parent}”. Nic nie zostało zmienione."
            )


def prepare_folder(folder: Path, option: str = "--out") -> Path:
    """Create the output folder ``folder``; a Polish message when it is a file or cannot be made."""
    if folder.exists() and not folder.is_dir():
        raise KisError(
            f"„{folder}” jest plikiem, a opcja {option} wskazuje folder, do którego trafią "
            "pliki. Podaj folder (istniejący albo nowy, np. obok skoroszytu). Nic nie zostało "
            "zmienione."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KisError(
            f"Nie można utworzyć folderu „{folder}”: {exc.strerror or exc}. Podaj inny folder "
            f"(opcja {option})."
        ) from None
    return folder
