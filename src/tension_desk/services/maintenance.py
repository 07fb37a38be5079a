"""Backups and restore for the running app (the UI reaches the store only through services)."""
from __future__ import annotations

from pathlib import Path

from tension_desk.services.unit import UnitOfWork
from tension_desk.store.backup import BackupInfo, backups_dir, list_backups
from tension_desk.store.engine import open_store
from tension_desk.store.recovery import restore_backup


def backups(data_dir: Path) -> list[BackupInfo]:
    return list_backups(data_dir)


def store_files(desk) -> list[Path]:
    """The Desk's store, its WAL and SHM, and its backups folder: never a target for an export. A shared
    workspace on a server has no file here (its database name is not a path)."""
    if desk.engine.url.get_backend_name() != "sqlite":
        return []
    db = Path(desk.engine.url.database)
    return [db, Path(f"{db}-wal"), Path(f"{db}-shm"), backups_dir(db.parent)]


def restore_into(unit: UnitOfWork, data_dir: Path, backup: Path) -> None:
    """Replace the store under a running unit of work by ``backup`` (the current file is backed up first),
    and reopen the unit on it. On failure the store is left as it was and the unit reopened."""
    unit.engine.dispose()
    try:
        restore_backup(data_dir, backup)
    finally:
        unit.reopen(open_store(data_dir, daily_backup=False))
