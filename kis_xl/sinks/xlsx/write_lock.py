"""One kis_xl writer at a time per workbook: a lock file created exclusively beside it.

``safety.replace_atomically`` checks that the workbook did not change since it
was read and then swaps the new file in. Two kis_xl commands started together
(two ribbon clicks, a colleague on the same network share) could both pass the
check before either swapped: the second replace then silently drops the first
write although both reported success. ``held`` makes the check and the swap
one step against every other kis_xl writer.

The lock is a small file created with ``O_CREAT | O_EXCL`` (atomic on local
disks and on SMB/NFS shares, unlike ``fcntl``/``msvcrt`` byte locks, which a
share may not pass on). It names the process, the computer and the time, so a
lock left by a killed process is recognised: on this computer when that
process no longer runs, elsewhere when it is older than ``STALE_SECONDS`` (a
write holds the lock for well under a second). A writer that finds the lock
taken waits up to ``WAIT_SECONDS`` and then refuses with a Polish message;
nothing is changed.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kis_xl.plan.errors import WorkbookLocked

LOCK_PREFIX = ".~kis-zapis."
WAIT_SECONDS = 10.0
"""How long a writer waits for another one to finish before it refuses."""
POLL_SECONDS = 0.02
STALE_SECONDS = 600.0
"""A lock this old is a leftover whatever its owner: no write takes ten minutes to swap."""
UNREADABLE_GRACE_SECONDS = 10.0
"""An empty or garbled lock (its writer killed between creating and filling it) is stale after
this long; a live writer fills it microseconds after creating it."""


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds a lock, as written in the lock file."""

    pid: int
    host: str
    since: datetime
    token: str

    def text(self) -> str:
        return (f"kis-xl\npid={self.pid}\nhost={self.host}\n"
                f"since={self.since.isoformat()}\ntoken={self.token}\n")


def lock_path(path: Path) -> Path:
    """The lock of workbook ``path`` (beside it, so every computer using the share sees it)."""
    return path.with_name(f"{LOCK_PREFIX}{path.name}#")


@contextlib.contextmanager
def held(path: Path, *, wait: float | None = None) -> Iterator[None]:
    """Hold the write lock of ``path`` for the ``with`` block; raises ``WorkbookLocked``.

    ``wait`` defaults to ``WAIT_SECONDS``.
    """
    lock = lock_path(path)
    me = Holder(os.getpid(), _host(), datetime.now(UTC), secrets.token_hex(8))
    _acquire(path, lock, me, WAIT_SECONDS if wait is None else wait)
    try:
        yield
    finally:
        _release(lock, me)


def _acquire(path: Path, lock: Path, me: Holder, wait: float) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            _create(lock, me.text().encode())
            return
        except FileExistsError:
            pass
        except PermissionError as exc:  # Windows: also while the old lock is being deleted
            if sys.platform != "win32" or time.monotonic() > deadline:
                raise WorkbookLocked(_cannot_create(path, lock)) from exc
            time.sleep(POLL_SECONDS)
            continue
        except OSError as exc:
            raise WorkbookLocked(_cannot_create(path, lock)) from exc
        holder = read_holder(lock)
        if is_stale(lock, holder):
            _break(lock, holder)
            continue
        if time.monotonic() > deadline:
            raise WorkbookLocked(_busy(path, lock, holder))
        time.sleep(POLL_SECONDS)


def _create(lock: Path, content: bytes) -> None:
    fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o644)
    try:
        os.write(fd, content)
    finally:
        os.close(fd)


def _release(lock: Path, me: Holder) -> None:
    """Remove the lock if it is still ours (after ``STALE_SECONDS`` another writer may own it)."""
    holder = read_holder(lock)
    if holder is not None and holder.token == me.token:
        with contextlib.suppress(FileNotFoundError):
            lock.unlink()


def read_holder(lock: Path) -> Holder | None:
    """The holder written in ``lock``; None when it is gone, empty or garbled."""
    try:
        lines = lock.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    fields = dict(line.partition("=")[::2] for line in lines[1:])
    try:
        return Holder(int(fields["pid"]), fields["host"],
                      datetime.fromisoformat(fields["since"]), fields["token"])
    except (KeyError, ValueError):
        return None


def is_stale(lock: Path, holder: Holder | None, now: float | None = None) -> bool:
    """A lock whose writer is certainly gone (see the module docstring)."""
    now = time.time() if now is None else now
    if holder is None:
        try:
            return now - lock.stat().st_mtime > UNREADABLE_GRACE_SECONDS
        except OSError:
            return False  # gone already: the next attempt creates it
    if now - holder.since.timestamp() > STALE_SECONDS:
        return True
    return holder.host == _host() and not process_alive(holder.pid)


def _break(lock: Path, stale: Holder | None) -> None:
    """Remove a stale lock without removing a fresh one another writer just made.

    Two writers may judge the same lock stale; the first removes it and takes a
    new one, which the second must not delete. So the lock is first renamed to
    a name of our own, and only deleted when it is still the stale one;
    otherwise it is put back.
    """
    aside = lock.with_name(f"{lock.name}{secrets.token_hex(4)}.stara")
    try:
        os.rename(lock, aside)
    except OSError:
        return  # removed by someone else meanwhile: try again
    try:
        taken = read_holder(aside)
        if (taken.token if taken else None) != (stale.token if stale else None):
            with contextlib.suppress(OSError):
                _create(lock, aside.read_bytes())
    finally:
        with contextlib.suppress(OSError):
            aside.unlink()


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this computer (uncertain answers count as alive)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by another user
    return True


def _windows_process_alive(pid: int) -> bool:
    """``os.kill(pid, 0)`` would send Ctrl+C on Windows; ask the kernel instead."""
    import ctypes  # Windows only

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return bool(kernel32.GetLastError() == 5)  # ERROR_ACCESS_DENIED: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _host() -> str:
    try:
        return socket.gethostname() or "?"
    except OSError:
        return "?"


def _busy(path: Path, lock: Path, holder: Holder | None) -> str:
    who = ""
    if holder is not None:
        since = holder.since.astimezone().strftime("%H:%M:%S")
        who = f" (komputer „{holder.host}”, proces {holder.pid}, od {since})"
    return (
        f"Skoroszyt „{path.name}” zapisuje właśnie inne polecenie kis-xl{who}. Poczekaj, aż "
        "skończy, i uruchom polecenie ponownie. Jeśli żadne polecenie nie działa, usuń plik "
        f"„{lock.name}” z folderu „{path.parent}”. Nic nie zostało zmienione."
    )


def _cannot_create(path: Path, lock: Path) -> str:
    return (
        f"Nie można zapisać skoroszytu „{path.name}”: nie da się utworzyć pliku blokady "
        f"„{lock.name}” w folderze „{path.parent}” (brak prawa zapisu w tym folderze?). "
        "Nic nie zostało zmienione."
    )
