"""Backups and restore for the running app (the UI reaches the store only through services)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tension_desk.services.unit import UnitOfWork
from tension_desk.store.backup import BackupInfo, list_backups
from tension_desk.store.engine import local_data_dir, open_store, store_files_in
from tension_desk.store.recovery import restore_backup

if TYPE_CHECKING:
    from tension_desk.services.desk import Desk


def backups(data_dir: Path) -> list[BackupInfo]:
    return list_backups(data_dir)


def store_files(desk: Desk) -> list[Path]:
    """What an export must never replace (``store_files_in``), in this machine's data folder (also when the Desk
    is on a shared workspace: the local store and backups are still there)."""
    data_dir = local_data_dir(desk.engine)
    return [] if data_dir is None else store_files_in(data_dir)


def restore_into(unit: UnitOfWork, data_dir: Path, backup: Path) -> None:
    """Replace the store under a running unit of work by ``backup`` (the current file is backed up first),
    and reopen the unit on it. On failure the store is left as it was and the unit reopened."""
    unit.engine.dispose()
    try:
        restore_backup(data_dir, backup)
    finally:
        unit.reopen(open_store(data_dir, daily_backup=False))
