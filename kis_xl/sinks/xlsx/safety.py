"""The safety protocol around every write: lock check, backup, temp file, atomic replace.

The user's workbook is either the old file or the complete new one, never a
half-written mixture: the new package is written beside it, flushed to disk
and moved over it with ``os.replace``. Right before that move (never for a
write that is refused) a copy of the old file goes to a hidden-ish folder, and
the last few copies are kept. Temp files of a write killed half-way are
removed by a later write.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from kis_xl.plan.errors import WorkbookLocked
from kis_xl.sinks.xlsx import write_lock

BACKUP_DIR = ".kis-kopie"
TEMP_PREFIX = ".~kis-"
TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r".*-[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX)
                        + r"\Z")
"""``tempfile.mkstemp`` names: our prefix, the workbook's name, 8 random characters."""
STALE_TEMP_SECONDS = 600
"""A temp file untouched this long is a leftover of a killed write, not one in progress."""
_STAMP = "%Y-%m-%d_%H-%M-%S"
_FILE_ATTRIBUTE_HIDDEN = 0x02


def lock_files(path: Path) -> list[Path]:
    """Lock files that mean someone has ``path`` open.

    Excel writes ``~$`` + name beside the workbook, and for long names drops
    the first two characters of the name (``~$`` + name[2:]); LibreOffice
    writes ``.~lock.`` + name + ``#``.
    """
    names = [f"~${path.name}", f"~${path.name[2:]}", f".~lock.{path.name}#"]
    return [path.with_name(n) for n in dict.fromkeys(names) if path.with_name(n).exists()]


def ensure_unlocked(path: Path) -> None:
    found = lock_files(path)
    if found:
        lock = found[0].name
        raise WorkbookLocked(
            f"Skoroszyt „{path.name}” jest otwarty w Excelu lub innym programie (jest plik "
            f"blokady „{lock}”). Zamknij go i uruchom polecenie ponownie. Jeśli skoroszyt "
            f"na pewno jest zamknięty, usuń plik „{lock}” z folderu „{path.parent}”. "
            "Nic nie zostało zmienione."
        )


def backup_target(path: Path, when: datetime) -> Path:
    """The free name of the next backup copy of ``path`` (the folder is created and hidden).

    Both sinks name their copies here: ``FileSink`` writes the bytes it read, the
    Excel sink asks Excel to save a copy of the open workbook under this name.
    """
    folder = path.parent / BACKUP_DIR
    folder.mkdir(exist_ok=True)
    _hide(folder)
    base = f"{path.stem}_{when:{_STAMP}}"
    target = folder / f"{base}{path.suffix}"
    n = 2
    while target.exists():
        target = folder / f"{base}_{n}{path.suffix}"
        n += 1
    return target


def backup(path: Path, data: bytes, when: datetime) -> Path:
    """Save ``data`` (the workbook as read) as a timestamped copy (``prune_backups`` rotates)."""
    target = backup_target(path, when)
    with open(target, "xb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return target


def prune_backups(path: Path, keep: int) -> None:
    """Keep the newest ``keep`` copies of ``path``; called only after a write succeeded."""
    for old in backups(path)[:-keep]:
        old.unlink(missing_ok=True)


def backups(path: Path) -> list[Path]:
    """Backup copies of ``path``, oldest first.

    Ordered by when the copy was written, then by the name: names carry local
    time, which goes back an hour when summer time ends.
    """
    folder = path.parent / BACKUP_DIR
    if not folder.is_dir():
        return []
    pattern = re.compile(
        re.escape(path.stem) + r"_(\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d)(?:_(\d+))?"
        + re.escape(path.suffix) + "$"
    )
    found = []
    for p in folder.iterdir():
        m = pattern.match(p.name)
        if m:
            found.append(((p.stat().st_mtime_ns, m.group(1), int(m.group(2) or 1)), p))
    return [p for _, p in sorted(found)]


def remove_stale_temp_files(folder: Path, now: float | None = None) -> list[Path]:
    """Delete temp files that a killed write left behind in ``folder``; returns them.

    Only files older than ``STALE_TEMP_SECONDS`` go: a younger one may belong to
    a write still running in another process (which keeps touching it while it
    writes). A file that cannot be deleted (open elsewhere on Windows) is left.
    """
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for p in entries:
        if not _TEMP_NAME.match(p.name):
            continue
        try:
            if now - p.lstat().st_mtime < STALE_TEMP_SECONDS or not p.is_file():
                continue
            p.unlink()
        except OSError:
            continue
        removed.append(p)
    return removed


def replace_atomically(
    path: Path,
    write: Callable[[BinaryIO], None],
    read_as: os.stat_result,
    backup: Callable[[], Path | None] = lambda: None,
) -> Path | None:
    """Write the new file through ``write`` into a temp file beside ``path``, then swap it in.

    ``read_as`` is the state of ``path`` when it was read: if another program
    saved the file meanwhile, nothing is replaced (its save would be lost). That
    check and the swap hold ``write_lock`` so that no other kis_xl writer swaps
    in between (its reported write would be lost).
    ``backup`` copies the old file; it runs only once the new file is complete
    and the old one unchanged, right before the swap, and its copy is removed
    again when the swap is refused: a write that changes nothing leaves no copy.
    Returns what ``backup`` returned.
    """
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f"{TEMP_PREFIX}{path.stem}-",
                                    suffix=TEMP_SUFFIX)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, stat.S_IMODE(read_as.st_mode))
        with write_lock.held(path):
            _ensure_unchanged(path, read_as)
            copy = backup()
            try:
                os.replace(tmp, path)
            except PermissionError as exc:
                if copy is not None:
                    copy.unlink(missing_ok=True)
                raise WorkbookLocked(
                    f"Nie można zapisać skoroszytu „{path.name}”: jest otwarty w innym programie "
                    "albo nie masz prawa zapisu w tym folderze. Zamknij go i uruchom polecenie "
                    "ponownie. Nic nie zostało zmienione."
                ) from exc
            _sync_folder(path.parent)
        return copy
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _ensure_unchanged(path: Path, read_as: os.stat_result) -> None:
    """Refuse when another program (or kis_xl writer) saved ``path`` since it was read.

    The inode joins time and size: a swap by another writer makes a new file even
    when both land within the file system's time resolution with the same size.
    """
    now = path.stat()
    if (now.st_mtime_ns, now.st_size, now.st_ino) != (
            read_as.st_mtime_ns, read_as.st_size, read_as.st_ino):
        raise WorkbookLocked(
            f"Skoroszyt „{path.name}” został zmieniony przez inny program w trakcie "
            "zapisu. Nic nie zostało zmienione: uruchom polecenie ponownie."
        )


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles for this."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _hide(folder: Path) -> None:
    """Set the Windows "hidden" attribute; elsewhere the leading dot already hides it."""
    if sys.platform == "win32":
        import ctypes  # Windows only

        ctypes.windll.kernel32.SetFileAttributesW(str(folder), _FILE_ATTRIBUTE_HIDDEN)
