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


def make_backup(store: Path, data_dir: Path, reason: str, keep: int = KEEP) -> Path:
    folder = backups_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    safe_reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "backup"
    target = folder / f"tension-desk-{stamp}-{safe_reason}.sqlite3"
    n = 1
    while target.exists():
        target = folder / f"tension-desk-{stamp}-{n}-{safe_reason}.sqlite3"
        n += 1
    tmp = target.with_suffix(".partial")
    copy_database(Path(store), tmp)
    os.replace(tmp, target)
    _prune(folder, keep)
    return target


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of an SQLite database (its online backup API), readable by the owner only."""
    src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    if os.name == "posix":
        os.chmod(target, 0o600)


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


def _prune(folder: Path, keep: int) -> None:
    backups = list_backups(folder.parent)
    for old in backups[keep:]:
        old.path.unlink(missing_ok=True)
