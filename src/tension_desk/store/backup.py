"""Consistent copies of the store (SQLite's online backup API) in ``<data dir>/backups``."""
from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

KEEP = 20
_NAME = re.compile(r"^tension-desk-(\d{8}-\d{6}(?:-\d+)?)-(.+)\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "backups"


def make_backup(store: Path, data_dir: Path, reason: str, keep: int = KEEP, prune: bool = True) -> Path:
    """A consistent copy of ``store`` in backups/. The newest ``keep`` backups of each reason are kept
    (``prune=False`` leaves that to the caller), so a run of restores never pushes out the daily backups."""
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        folder.mkdir(parents=True)
        if os.name == "posix":  # only a folder the app creates; an existing one keeps its mode
            os.chmod(folder, 0o700)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    safe_reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "backup"
    target = folder / f"tension-desk-{stamp}-{safe_reason}.sqlite3"
    n = 1
    while target.exists():
        target = folder / f"tension-desk-{stamp}-{n}-{safe_reason}.sqlite3"
        n += 1
    tmp = target.with_suffix(".partial")
    try:
        copy_database(Path(store), tmp)
        os.replace(tmp, target)
    except BaseException:
        discard(tmp)  # a failed copy (disk full, unwritable folder) leaves nothing behind
        raise
    if prune:
        prune_backups(data_dir, keep)
    return target


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of an SQLite database (its online backup API), readable by the owner only."""
    src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            # a copy in rollback-journal mode: reading it later (read-only) leaves no -wal/-shm beside it
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    if os.name == "posix":
        os.chmod(target, 0o600)


def discard(path: Path) -> None:
    """Remove a half-made copy and the journal SQLite may have left beside it."""
    for p in (Path(path), Path(f"{path}-journal")):
        p.unlink(missing_ok=True)


def list_backups(data_dir: Path) -> list[BackupInfo]:
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        return []
    found = []
    for p in folder.iterdir():
        m = _NAME.match(p.name)
        if not m:
            continue
        stamp = m.group(1)[:15]
        found.append(BackupInfo(p, dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S"), m.group(2), p.stat().st_size))
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return found


def prune_backups(data_dir: Path, keep: int = KEEP, spare: Path | None = None) -> None:
    """Delete all but the newest ``keep`` backups of each reason; never ``spare`` (a backup being restored)."""
    seen: dict[str, int] = {}
    for b in list_backups(data_dir):  # newest first
        seen[b.reason] = seen.get(b.reason, 0) + 1
        if seen[b.reason] > keep and not (spare is not None and b.path.resolve() == Path(spare).resolve()):
            b.path.unlink(missing_ok=True)
