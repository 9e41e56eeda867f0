"""The safety protocol: refuse open files, back up, never leave a half-written workbook."""

from __future__ import annotations

import io
import os
import shutil
import socket
import stat
import struct
import subprocess
import sys
import time
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import BinaryIO

import pytest

from kis_xl.plan.errors import WorkbookConflict, WorkbookLocked, WorkbookUnreadable
from kis_xl.plan.sheetspec import Block, Col, GeneratedSheet
from kis_xl.plan.writeback import WritePlan
from kis_xl.sinks.xlsx.file_sink import FileSink
from kis_xl.sinks.xlsx.safety import BACKUP_DIR, backups
from tests.rich_workbook import build_base, build_rich
from tests.write_plans import CHECK, LOG, Clock, check_sheet, full_plan

NAME = "Klub Integracji Społecznej.xlsx"


def leftovers(folder: Path) -> list[str]:
    """Temp files of an interrupted write."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".~kis-"))


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return build_rich(tmp_path / NAME)


@pytest.mark.parametrize(
    "lock_name", [f"~${NAME}", f"~${NAME[2:]}", f".~lock.{NAME}#"],
    ids=["excel", "excel-long-name", "libreoffice"],
)
def test_open_workbook_is_refused_and_left_untouched(workbook: Path, lock_name: str) -> None:
    before = workbook.read_bytes()
    (workbook.parent / lock_name).write_bytes(b"owner")
    with pytest.raises(WorkbookLocked) as err:
        FileSink(workbook).apply(full_plan())
    assert "jest otwarty" in err.value.message and lock_name in err.value.message
    assert workbook.read_bytes() == before
    assert not (workbook.parent / BACKUP_DIR).exists()
    assert leftovers(workbook.parent) == []


def test_backup_holds_the_workbook_as_it_was(workbook: Path) -> None:
    before = workbook.read_bytes()
    result = FileSink(workbook, clock=Clock()).apply(full_plan())
    assert result.backup is not None
    assert result.backup.parent == workbook.parent / BACKUP_DIR
    assert result.backup.read_bytes() == before
    assert workbook.read_bytes() != before
    assert result.backup.name == "Klub Integracji Społecznej_2025-03-05_09-31-00.xlsx"


def test_backups_rotate_to_the_last_ten(workbook: Path) -> None:
    sink = FileSink(workbook, clock=Clock())
    other = workbook.parent / BACKUP_DIR / "Inny skoroszyt_2020-01-01_00-00-00.xlsx"
    states = []
    for i in range(12):
        states.append(workbook.read_bytes())
        sink.apply(WritePlan(command=f"kis-xl check #{i}", summary="Zapis."))
        other.parent.mkdir(exist_ok=True)
        other.touch()
    kept = backups(workbook)
    assert len(kept) == 10
    assert [p.read_bytes() for p in kept] == states[2:]
    assert other.exists(), "backups of another workbook are not ours to delete"


def test_rotation_keeps_the_newest_when_the_clock_goes_back(workbook: Path) -> None:
    """End of summer time: the newest copy's name is an hour "earlier" than older ones."""
    autumn = [datetime(2025, 10, 26, 2, 50), datetime(2025, 10, 26, 2, 55),
              datetime(2025, 10, 26, 2, 5)]
    made = []
    for i, when in enumerate(autumn):
        result = FileSink(workbook, keep_backups=2, clock=lambda w=when: w).apply(
            WritePlan(command=f"kis-xl {i}", summary="")
        )
        assert result.backup is not None
        made.append(result.backup)
        time.sleep(0.02)  # distinct modification times, as minutes apart would be
    assert backups(workbook) == made[1:]


def test_two_writes_in_one_second_get_two_backups(workbook: Path) -> None:
    frozen = Clock()
    when = frozen()
    sink = FileSink(workbook, clock=lambda: when)
    first = sink.apply(WritePlan(command="kis-xl a", summary="a")).backup
    second = sink.apply(WritePlan(command="kis-xl b", summary="b")).backup
    assert first is not None and second is not None and first != second
    assert backups(workbook) == [first, second]


def test_keep_backups_zero_writes_no_backup(workbook: Path) -> None:
    result = FileSink(workbook, keep_backups=0).apply(full_plan())
    assert result.backup is None
    assert backups(workbook) == []


def test_damaged_member_stops_the_write_and_leaves_the_original(workbook: Path) -> None:
    """A member whose local header is broken fails while the new file is being written."""
    data = bytearray(workbook.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        offset = z.getinfo("xl/media/image1.png").header_offset
    struct.pack_into("<I", data, offset, 0xDEADBEEF)
    workbook.write_bytes(bytes(data))
    with pytest.raises(WorkbookUnreadable) as err:
        FileSink(workbook).apply(full_plan())
    assert "uszkodzony" in err.value.message
    assert workbook.read_bytes() == bytes(data)
    assert leftovers(workbook.parent) == []


def test_failing_plan_changes_nothing(workbook: Path) -> None:
    before = workbook.read_bytes()
    bad = GeneratedSheet(CHECK, CHECK, "x", [Block("b", [Col("a")], [[object()]])])
    with pytest.raises(ValueError):
        FileSink(workbook).apply(WritePlan(command="kis-xl check", summary="", sheets=[bad]))
    assert workbook.read_bytes() == before
    assert leftovers(workbook.parent) == []
    assert backups(workbook) == []


@pytest.fixture
def immutable(workbook: Path):  # type: ignore[no-untyped-def]
    """The workbook made immutable (``chattr +i``): replacing it fails as on Windows when open."""
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(workbook)], check=False,
                                        capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        yield workbook
    finally:
        subprocess.run([chattr, "-i", str(workbook)], check=True)


def test_replace_refused_by_the_system_leaves_the_original(immutable: Path) -> None:
    before = immutable.read_bytes()
    with pytest.raises(WorkbookLocked, match="Nie można zapisać"):
        FileSink(immutable).apply(full_plan())
    assert immutable.read_bytes() == before
    assert leftovers(immutable.parent) == []


def test_sheet_name_excel_would_refuse_changes_nothing(workbook: Path) -> None:
    before = workbook.read_bytes()
    bad = GeneratedSheet(CHECK, "Wynik: kontroli", "x", [Block("b", [Col("a")], [])])
    with pytest.raises(ValueError, match="sheet name"):
        FileSink(workbook).apply(WritePlan(command="kis-xl check", summary="", sheets=[bad]))
    assert workbook.read_bytes() == before


def test_file_mode_survives_the_replace(workbook: Path) -> None:
    workbook.chmod(0o640)
    FileSink(workbook).apply(full_plan())
    assert stat.S_IMODE(workbook.stat().st_mode) == 0o640


def test_write_through_a_symlink_replaces_the_real_file(workbook: Path) -> None:
    link = workbook.parent / "skrot.xlsx"
    link.symlink_to(workbook)
    result = FileSink(link).apply(full_plan())
    assert link.is_symlink()
    assert result.location == str(workbook)
    with zipfile.ZipFile(workbook) as z:
        assert b"Wynik kontroli" in z.read("xl/workbook.xml")


@pytest.mark.parametrize("sheet_name", [CHECK, CHECK.upper(), LOG])
def test_users_own_sheet_under_a_reserved_name_is_refused(tmp_path: Path, sheet_name: str) -> None:
    from openpyxl import load_workbook

    path = build_base(tmp_path / NAME)
    wb = load_workbook(path)
    wb.create_sheet(sheet_name)["A1"] = "Moje notatki z kontroli"
    wb.save(path)
    before = path.read_bytes()
    with pytest.raises(WorkbookConflict) as err:
        FileSink(path).apply(WritePlan(command="kis-xl check", summary="", sheets=[check_sheet()]))
    assert "zmień nazwę" in err.value.message and sheet_name in err.value.message
    assert path.read_bytes() == before
    assert backups(path) == []


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(WorkbookUnreadable, match="Nie znaleziono"):
        FileSink(tmp_path / "brak.xlsx").apply(full_plan())


def test_text_file_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "lista.xlsx"
    path.write_text("ID;Nazwisko\n", encoding="utf-8")
    with pytest.raises(WorkbookUnreadable, match="nie jest skoroszytem"):
        FileSink(path).apply(full_plan())
    assert path.read_text(encoding="utf-8") == "ID;Nazwisko\n"


def test_encrypted_workbook_is_unreadable(workbook: Path) -> None:
    msoffcrypto = pytest.importorskip("msoffcrypto")
    encrypted = workbook.with_name("tajny.xlsx")
    with open(workbook, "rb") as src, open(encrypted, "wb") as out:
        msoffcrypto.OfficeFile(src).encrypt("haslo", out)
    before = encrypted.read_bytes()
    with pytest.raises(WorkbookUnreadable, match="zaszyfrowany"):
        FileSink(encrypted).apply(full_plan())
    assert encrypted.read_bytes() == before


def test_no_temp_file_is_left_after_success(workbook: Path) -> None:
    FileSink(workbook).apply(full_plan())
    assert leftovers(workbook.parent) == []
    assert sorted(os.listdir(workbook.parent)) == sorted([BACKUP_DIR, NAME])


def test_workbook_saved_by_another_program_during_the_write_gets_no_backup(
    workbook: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The refusal says "Nic nie zostało zmienione": no backup copy either."""
    from kis_xl.sinks.xlsx.package import Package

    save = Package.save

    def save_while_excel_saves(self: Package, out: BinaryIO) -> None:
        save(self, out)
        with open(workbook, "ab") as f:  # another program saved meanwhile
            f.write(b"\0")

    monkeypatch.setattr(Package, "save", save_while_excel_saves)
    with pytest.raises(WorkbookLocked, match="Nic nie zostało zmienione"):
        FileSink(workbook, clock=Clock()).apply(full_plan())
    assert backups(workbook) == []
    assert leftovers(workbook.parent) == []


def test_replace_refused_removes_the_backup_it_made(
    workbook: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As on Windows when the file is opened between the lock check and the swap."""
    kept = FileSink(workbook, clock=Clock()).apply(full_plan()).backup
    before = workbook.read_bytes()

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "in use")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(WorkbookLocked, match="Nic nie zostało zmienione"):
        FileSink(workbook, clock=Clock()).apply(full_plan())
    assert workbook.read_bytes() == before
    assert backups(workbook) == [kept]


def test_temp_files_of_a_killed_write_are_removed_by_the_next_one(workbook: Path) -> None:
    folder = workbook.parent
    hour_ago = time.time() - 3600
    stale = [folder / ".~kis-Klub Integracji Społecznej-k3x_9a0q.tmp",
             folder / ".~kis-inny skoroszyt-abcdefgh.tmp"]
    for p in stale:
        p.write_bytes(b"PK half a package")
        os.utime(p, (hour_ago, hour_ago))
    running = folder / ".~kis-Klub Integracji Społecznej-zzzzzzzz.tmp"
    running.write_bytes(b"PK being written by another process right now")
    users = folder / ".~kis-notatki.tmp"
    users.write_bytes(b"not ours")
    os.utime(users, (hour_ago, hour_ago))
    FileSink(workbook).apply(full_plan())
    assert leftovers(folder) == sorted([running.name, users.name])


# -- the write lock: one kis_xl writer at a time (the race itself: test_write_race.py) --------
def _lock_of(workbook: Path, *, pid: int, host: str, age: float) -> Path:
    from kis_xl.sinks.xlsx import write_lock

    since = datetime.now().astimezone() - timedelta(seconds=age)
    lock = write_lock.lock_path(workbook)
    lock.write_text(write_lock.Holder(pid, host, since, "0123456789abcdef").text(),
                    encoding="utf-8")
    return lock


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(proc.stdout)


def test_lock_of_a_live_writer_makes_the_next_wait_then_refuse(
    workbook: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kis_xl.sinks.xlsx import write_lock

    monkeypatch.setattr(write_lock, "WAIT_SECONDS", 0.3)
    lock = _lock_of(workbook, pid=os.getppid(), host=socket.gethostname(), age=5)
    before = workbook.read_bytes()
    started = time.monotonic()
    with pytest.raises(WorkbookLocked) as err:
        FileSink(workbook, clock=Clock()).apply(full_plan())
    assert time.monotonic() - started >= 0.3
    message = err.value.message
    assert "zapisuje właśnie inne polecenie kis-xl" in message and lock.name in message
    assert f"proces {os.getppid()}" in message and "Nic nie zostało zmienione" in message
    assert workbook.read_bytes() == before and backups(workbook) == []
    assert leftovers(workbook.parent) == [lock.name], "another writer's lock is not ours"


def test_lock_of_another_computer_is_respected_until_it_is_very_old(
    workbook: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kis_xl.sinks.xlsx import write_lock

    monkeypatch.setattr(write_lock, "WAIT_SECONDS", 0.1)
    _lock_of(workbook, pid=_dead_pid(), host="KOMPUTER-W-SEKRETARIACIE", age=60)
    with pytest.raises(WorkbookLocked, match="KOMPUTER-W-SEKRETARIACIE"):
        FileSink(workbook, clock=Clock()).apply(full_plan())
    lock = _lock_of(workbook, pid=4242, host="KOMPUTER-W-SEKRETARIACIE",
                    age=write_lock.STALE_SECONDS + 60)
    assert FileSink(workbook, clock=Clock()).apply(full_plan()).backup is not None
    assert not lock.exists()


def test_lock_left_by_a_dead_process_on_this_computer_is_removed(workbook: Path) -> None:
    lock = _lock_of(workbook, pid=_dead_pid(), host=socket.gethostname(), age=1)
    result = FileSink(workbook, clock=Clock()).apply(full_plan())
    assert result.backup is not None and not lock.exists()
    assert sorted(os.listdir(workbook.parent)) == sorted([BACKUP_DIR, NAME])


def test_empty_lock_counts_as_taken_only_for_a_moment(
    workbook: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A writer killed between creating the lock and filling it leaves it empty."""
    from kis_xl.sinks.xlsx import write_lock

    monkeypatch.setattr(write_lock, "WAIT_SECONDS", 0.1)
    lock = write_lock.lock_path(workbook)
    lock.touch()
    with pytest.raises(WorkbookLocked, match="inne polecenie kis-xl"):
        FileSink(workbook, clock=Clock()).apply(full_plan())
    old = time.time() - write_lock.UNREADABLE_GRACE_SECONDS - 5
    os.utime(lock, (old, old))
    FileSink(workbook, clock=Clock()).apply(full_plan())
    assert not lock.exists()


def test_a_fresh_lock_taken_meanwhile_is_not_broken_as_stale(workbook: Path) -> None:
    """Two writers judged one lock stale; the first already replaced it with its own."""
    from kis_xl.sinks.xlsx import write_lock

    stale = write_lock.read_holder(_lock_of(workbook, pid=_dead_pid(),
                                            host=socket.gethostname(), age=1))
    fresh = _lock_of(workbook, pid=os.getppid(), host=socket.gethostname(), age=0)
    mine = fresh.read_bytes().replace(b"0123456789abcdef", b"fedcba9876543210")
    fresh.write_bytes(mine)
    write_lock._break(fresh, stale)
    assert fresh.read_bytes() == mine
    assert sorted(os.listdir(workbook.parent)) == sorted([NAME, fresh.name])


def test_init_overwrite_waits_for_a_kis_xl_write_in_progress(
    workbook: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``kis-xl init --nadpisz`` replaces the workbook too: not between another write's
    check and swap."""
    from kis_xl.actions.init import create_workbook
    from kis_xl.sinks.xlsx import write_lock

    monkeypatch.setattr(write_lock, "WAIT_SECONDS", 0.1)
    lock = _lock_of(workbook, pid=os.getppid(), host=socket.gethostname(), age=1)
    before = workbook.read_bytes()
    with pytest.raises(WorkbookLocked, match="inne polecenie kis-xl"):
        create_workbook(workbook, overwrite=True)
    assert workbook.read_bytes() == before
    lock.unlink()
    create_workbook(workbook, overwrite=True)
    assert workbook.read_bytes() != before and not lock.exists()
