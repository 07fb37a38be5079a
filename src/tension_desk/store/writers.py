"""Writing beside the running app: a command-line import while the window is open, never during a restore.

SQLite serializes transactions from several processes by itself, and the open window picks up what another
process committed (``PRAGMA data_version``). What must not meet is a restore, which replaces the file, and anyone
else writing it. So a command that writes while the app holds the store's lock (lock.py) holds
``tension-desk.sqlite3.writers`` shared for its run, and a restore holds it exclusive; neither waits: the second
one is refused, and changes nothing. The last one out removes the file. POSIX only (``flock``); elsewhere there
is no writing beside the app, and a restore needs nothing more than the app's lock.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tension_desk.store.engine import StoreError, store_path

RESTORING = "a backup is being restored into this store; try again when it has finished"
WRITING = "a tension-desk command is writing to this store; try again when it has finished"
BESIDE_THE_APP = sys.platform != "win32"  # whether commands may write while the app has the store open


def _path(data_dir: Path) -> Path:
    store = store_path(data_dir)
    return store.with_name(store.name + ".writers")


@contextmanager
def writing(data_dir: Path, *, restore: bool = False) -> Iterator[None]:
    """Hold the writers' lock for a block: shared to write beside the app, exclusive (``restore``) to replace
    the store. Raises StoreError (one sentence) when the other kind holds it."""
    if not BESIDE_THE_APP:
        yield
        return
    import fcntl

    path = _path(data_dir)
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StoreError(f"cannot lock the store in {data_dir}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if restore else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise StoreError(WRITING if restore else RESTORING) from None
        try:  # the last one out may have removed the file we locked: lock the one at the path
            if os.path.samestat(os.fstat(fd), os.stat(path)):
                break
        except FileNotFoundError:
            pass
        os.close(fd)
    try:
        yield
    finally:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # nobody else holds it: remove the file
            path.unlink(missing_ok=True)
        except OSError:
            pass
        os.close(fd)
