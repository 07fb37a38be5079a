"""Restoring a backup, and putting a damaged store aside (never deleting it)."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from tension_desk.store.backup import (
    backups_dir,
    copy_database,
    discard,
    list_backups,
    make_backup,
    prune_backups,
)
from tension_desk.store.engine import DamagedStoreError, StoreError, inspect_store, store_path
from tension_desk.store.writers import writing


def _companions(path: Path) -> list[Path]:
    return [Path(str(path) + suffix) for suffix in ("-wal", "-shm", "-journal")]


def set_aside(data_dir: Path, label: str = "damaged") -> Path | None:
    """Move the store (and its WAL files) aside as ``*.<label>-<timestamp>``; returns the new path."""
    path = store_path(data_dir)
    if not os.path.lexists(path):  # a dangling link is kept aside too
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
        n += 1
    os.replace(path, target)
    for companion in _companions(path):
        if companion.exists():
            os.replace(companion, Path(str(target) + companion.name[len(path.name):]))
    return target


def resolve_backup(data_dir: Path, name: str) -> Path:
    """A backup given by file name (as `backups` lists it) or by path."""
    candidate = Path(name)
    if not candidate.is_absolute() and not candidate.exists():
        candidate = backups_dir(data_dir) / name
    if not candidate.is_file():
        raise StoreError(f"there is no backup {name!r}; `tension-desk backups` lists them")
    return candidate


def check_backup(backup: Path) -> str:
    """The revision of a Tension Desk store in ``backup``; raises StoreError for anything else (damaged, empty,
    newer, or an SQLite file without a store's tables, which would restore as an empty store)."""
    revision = inspect_store(backup)
    if revision is None:
        raise DamagedStoreError(f"{backup} is an SQLite file, but not a Tension Desk store (it holds no tables).")
    return revision


def restore_backup(data_dir: Path, backup: Path, aside: str | None = None) -> Path | None:
    """Make ``backup`` the store. The current file is first backed up (or, when it is damaged, set
    aside as ``*.damaged-<timestamp>``; with ``aside``, always set aside as ``*.<aside>-<timestamp>``), so
    nothing is ever lost; ``backup`` itself is never deleted. The backup is copied before the current file is
    touched, so a copy that fails (a full disk) leaves the current file where it was. Returns where it went."""
    data_dir = Path(data_dir)
    backup = Path(backup)
    check_backup(backup)  # refuse a damaged, empty, foreign or newer backup before touching anything
    path = store_path(data_dir)
    tmp = path.with_name(path.name + ".restoring")
    with writing(data_dir, restore=True):  # no command is writing beside the app meanwhile (store/writers.py)
        try:
            copy_database(backup, tmp)  # first, so nothing done below can take the chosen backup away
            kept: Path | None = None
            if aside is not None:
                kept = set_aside(data_dir, aside)
            elif path.exists():
                try:
                    inspect_store(path)
                    kept = make_backup(path, data_dir, reason="before-restore", prune=False)
                except StoreError:
                    kept = set_aside(data_dir, "damaged")
            for companion in _companions(path):  # a WAL of the old file must never be applied to the new one
                companion.unlink(missing_ok=True)
            os.replace(tmp, path)
        except BaseException:
            discard(tmp)
            raise
    prune_backups(data_dir, spare=backup)
    return kept


def newest_backup(data_dir: Path) -> Path | None:
    for b in list_backups(data_dir):
        try:
            check_backup(b.path)
            return b.path
        except StoreError:
            continue
    return None
