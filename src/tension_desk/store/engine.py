"""Opening the store: checks, backups, migrations, and the one engine with its connection pragmas.

The checks use the standard library's sqlite3 (read-only) before SQLAlchemy or Alembic are touched, so a
damaged store or one written by a newer version is reported without writing a byte to it.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from tension_desk.store.backup import make_backup

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

STORE_FILENAME = "tension-desk.sqlite3"
# Alembic revisions this version knows, oldest first; the last is the head. A test checks this against
# the migration scripts, so start-up can skip importing Alembic when the store is already at the head.
KNOWN_REVISIONS = ("0001",)
HEAD_REVISION = KNOWN_REVISIONS[-1]
SQLITE_HEADER = b"SQLite format 3\x00"


class StoreError(Exception):
    """A problem with the store, explained in one sentence a user can act on."""


class DamagedStoreError(StoreError):
    pass


class NewerStoreError(StoreError):
    pass


def store_path(data_dir: Path) -> Path:
    return Path(data_dir) / STORE_FILENAME


def _private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, 0o700)


def inspect_store(path: Path) -> str | None:
    """Check an existing store read-only; return its Alembic revision (None for an empty file).

    Raises DamagedStoreError or NewerStoreError; never writes to the file.
    """
    size = path.stat().st_size
    if size == 0:
        return None
    with open(path, "rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DamagedStoreError(f"{path} is not a Tension Desk store (it is not an SQLite database).")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise DamagedStoreError(f"{path} is damaged (SQLite reports: {check[0] if check else 'no answer'}).")
            has_version = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not has_version:
                tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
                if tables:
                    raise DamagedStoreError(f"{path} is an SQLite file, but not a Tension Desk store.")
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DamagedStoreError(f"{path} is damaged ({exc}).") from exc
    revision = row[0] if row else None
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise NewerStoreError(
            f"{path} was written by a newer version of Tension Desk (schema {revision}); "
            "update the app to open it."
        )
    return revision


def make_engine(path: Path) -> "Engine":
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 10})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:  # every connection, not just the first
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.close()

    return engine


def migrate(engine: "Engine") -> None:
    """Bring the schema to the head revision with the migration scripts shipped in the package."""
    from importlib.resources import files

    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(files("tension_desk.store") / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _daily_backup(path: Path, data_dir: Path) -> None:
    """Once a day on open, a consistent copy of the store in backups/."""
    import datetime as dt

    from tension_desk.store.backup import list_backups

    today = dt.date.today()
    if not any(b.taken_at.date() == today for b in list_backups(data_dir)):
        make_backup(path, data_dir, reason="daily")


def open_store(data_dir: Path, daily_backup: bool = True) -> "Engine":
    """Open (creating or upgrading) the store in ``data_dir`` and return its engine.

    An existing store at an older revision is backed up before it is migrated.
    """
    data_dir = Path(data_dir)
    _private_dir(data_dir)
    path = store_path(data_dir)
    revision = inspect_store(path) if path.exists() else None
    if revision is not None and revision != HEAD_REVISION:
        make_backup(path, data_dir, reason=f"before-migration-from-{revision}")
    elif revision is not None and daily_backup:
        _daily_backup(path, data_dir)
    fresh = not path.exists()
    engine = make_engine(path)
    if revision != HEAD_REVISION:
        migrate(engine)
    if fresh and os.name == "posix":
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(path) + suffix)
            if p.exists():
                os.chmod(p, 0o600)
    return engine
