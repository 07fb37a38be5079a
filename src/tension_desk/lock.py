"""One app per store: the running app holds ``tension-desk.lock`` in the data folder for as long as it runs,
and every command-line command that writes holds it for its run. While the app holds it, a command that replaces
the store (``restore``) refuses; one whose writes are transactions (``sample``, ``import-csv``,
``import-workspace``) runs beside the app, which shows what it wrote (``store/writers.py``).

The lock is the operating system's lock on that file (``flock``; ``msvcrt.locking`` on Windows), so it
dies with its process: a lock file left behind by a crash never blocks anyone. Pure Python, no Qt, so the
command line and the app share it.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tension_desk.store.engine import LOCK_FILENAME, StoreError, prepare_data_dir
from tension_desk.store.writers import BESIDE_THE_APP, writing

LOCK_NAME = LOCK_FILENAME
APP, CLI = "app", "cli"
BUSY = {APP: "the app has this store open; use File → Backups there",
        CLI: "a tension-desk command is writing to this store; try again when it has finished"}


class StoreBusyError(StoreError):
    """Another live process holds the store's lock."""


class StoreLock:
    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    def unlock(self) -> None:
        if self._fd is None:
            return
        if os.name == "posix":  # a waiting process re-checks that the file it locked is still this one
            self.path.unlink(missing_ok=True)
        os.close(self._fd)
        self._fd = None


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":  # (not os.name: the type checker follows sys.platform)
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def holder(data_dir: Path) -> str:
    """Who holds (or last held) the lock: APP or CLI, as it wrote in the file."""
    try:
        lines = (Path(data_dir) / LOCK_NAME).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return APP
    return lines[1] if len(lines) > 1 and lines[1] in BUSY else APP


def acquire(data_dir: Path, who: str) -> StoreLock | None:
    """Take the store's lock for ``who`` (APP or CLI); None when another live process holds it.

    Creates the data folder if it is missing; raises StoreError when it is not a folder or is read-only."""
    data_dir = Path(data_dir)
    prepare_data_dir(data_dir)
    path = data_dir / LOCK_NAME
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StoreError(f"cannot lock the store in {data_dir}: {exc.strerror or exc}") from None
        if not _try_lock(fd):
            os.close(fd)
            return None
        try:  # the holder we waited for may have removed the file we locked: lock the one at the path
            if os.name != "posix" or os.path.samestat(os.fstat(fd), os.stat(path)):
                break
        except FileNotFoundError:
            pass
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n{who}\n".encode())
    except OSError:  # a full disk: the lock is held all the same (it is the flock); only who holds it is unsaid
        pass
    return StoreLock(path, fd)


@contextmanager
def held(data_dir: Path, who: str = CLI, beside_app: bool = False) -> Iterator[StoreLock | None]:
    """Hold the store's lock for a block; raises StoreBusyError (saying who has it) when it is taken. With
    ``beside_app`` (a command whose writes are transactions), the app holding it is no bar: the block runs
    holding the writers' lock instead (``store/writers.py``: SQLite serializes the transactions, the open window
    picks them up, and a restore cannot come in between), and gets None."""
    lock = acquire(data_dir, who)
    if lock is None:
        if beside_app and BESIDE_THE_APP and holder(data_dir) == APP:
            with writing(data_dir):
                yield None
            return
        raise StoreBusyError(BUSY[holder(data_dir)])
    try:
        yield lock
    finally:
        lock.unlock()
